// SPDX-License-Identifier: GPL-3.0-or-later
// Highlighted code, typeset math and Mermaid diagrams in the real web engine: what the page draws
// once a block is in it, that mistakes show in place, and that an update leaves unchanged blocks
// as they were drawn.
#include "../support/webtest.h"
#include "core/markdown/renderer.h"
#include "preview/previewview.h"
#include "ui/mainwindow.h"
#include "ui/themecontroller.h"

using mdp::MainWindow;
using mdp::PreviewView;
using mdp::test::evaluate;

namespace {

const QByteArray kDocument = "# Enriched\n"
                             "\n"
                             "```python\n"
                             "def greet(name):\n"
                             "    return \"Hello, \" + name  # a comment\n"
                             "```\n"
                             "\n"
                             "```no-such-language\n"
                             "plain <text>\n"
                             "```\n"
                             "\n"
                             "Inline $`a*b*c`$ and $\\sqrt{x}$, then display:\n"
                             "\n"
                             "$$\\sum_{i=1}^n i = \\frac{n(n+1)}{2}$$\n"
                             "\n"
                             "```math\n"
                             "E = mc^2\n"
                             "```\n"
                             "\n"
                             "Broken: $\\frac{1}{$ and the rest renders.\n"
                             "\n"
                             "```mermaid\n"
                             "graph TD\n"
                             "  A[Save] --> B[Render]\n"
                             "```\n"
                             "\n"
                             "```mermaid\n"
                             "graph TD\n"
                             "  A[Save] --> --> ((\n"
                             "```\n"
                             "\n"
                             "The end.\n";

} // namespace

class TestEnrichment final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup();
    void codeIsHighlightedWithGithubClasses();
    void unknownLanguageStaysPlain();
    void mathIsTypeset();
    void mathErrorShowsInPlace();
    void mathCannotReachOutOfItsPlace();
    void mermaidDiagramIsDrawn();
    void mermaidErrorShowsInPlace();
    void unchangedBlocksAreNotDrawnAgain();
    void diagramsFollowTheTheme();
    void librariesLoadOnlyWhenNeededAndFarBlocksWait();
    void printingEnrichesEverything();

private:
    bool waitFor(const QString &condition);
    QVariant eval(const QString &script) { return evaluate(m_window->preview()->page(), script); }

    MainWindow *m_window = nullptr;
};

void TestEnrichment::init()
{
    m_window = new MainWindow;
    m_window->resize(1000, 900);
    QSignalSpy painted(m_window->preview(), &PreviewView::painted);
    m_window->openContent(kDocument, QStringLiteral("enriched.md"));
    m_window->show();
    QVERIFY(painted.wait(20000));
}

void TestEnrichment::cleanup()
{
    delete m_window;
    m_window = nullptr;
}

bool TestEnrichment::waitFor(const QString &condition)
{
    return QTest::qWaitFor([&] { return eval(condition).toBool(); }, 20000);
}

void TestEnrichment::codeIsHighlightedWithGithubClasses()
{
    QVERIFY(waitFor(QStringLiteral("!!document.querySelector('.highlight-source-python .pl-k')")));
    QCOMPARE(
        eval(QStringLiteral("document.querySelector('.highlight-source-python .pl-k').textContent"))
            .toString(),
        QStringLiteral("def"));
    QVERIFY(eval(QStringLiteral("!!document.querySelector('.highlight-source-python .pl-s')"))
                .toBool());
    QVERIFY(eval(QStringLiteral("!!document.querySelector('.highlight-source-python .pl-c')"))
                .toBool());
    // The theme colours them: a keyword is not in the text colour.
    QVERIFY(eval(QStringLiteral(
                     "getComputedStyle(document.querySelector('.highlight-source-python .pl-k'))"
                     ".color !== getComputedStyle(document.querySelector('.markdown-body')).color"))
                .toBool());
    // Only GitHub's classes: every span of the highlighter is a pl-* one.
    QVERIFY(eval(QStringLiteral("[...document.querySelectorAll('.highlight-source-python span')]"
                                ".every((span) => /^pl-/.test(span.className))"))
                .toBool());
}

void TestEnrichment::unknownLanguageStaysPlain()
{
    QVERIFY(waitFor(QStringLiteral("!!document.querySelector('.highlight-source-python .pl-k')")));
    QCOMPARE(eval(QStringLiteral("document.querySelector('.highlight-source-no-such-language code')"
                                 ".innerHTML"))
                 .toString(),
             QStringLiteral("plain &lt;text&gt;\n"));
}

// MathJax's SVG output, as GitHub draws math: the TeX is gone as text, glyphs are drawn.
void TestEnrichment::mathIsTypeset()
{
    QVERIFY(
        waitFor(QStringLiteral("document.querySelectorAll('.mdp-math mjx-container[jax=SVG] > svg')"
                               ".length === document.querySelectorAll('.mdp-math').length")));
    QCOMPARE(eval(QStringLiteral("document.querySelectorAll('.mdp-math').length")).toInt(), 5);
    // The backtick form kept its asterisks: MathJax drew a, ∗, b, ∗, c (U+2217 is TeX's *), and
    // Markdown made no emphasis.
    const QString glyphs = QStringLiteral(
        "[...document.querySelector('.mdp-math svg').querySelectorAll('use[data-c]')]"
        ".map((u) => u.dataset.c).join(' ')");
    QCOMPARE(eval(glyphs).toString(), QStringLiteral("1D44E 2217 1D44F 2217 1D450"));
    QVERIFY(eval(QStringLiteral("!document.querySelector('#mdp-content em')")).toBool());
    // No TeX is left as text, in the spans or the SVGs (but the one with a mistake).
    QVERIFY(eval(QStringLiteral("[...document.querySelectorAll('.mdp-math')].filter((m) => "
                                "!m.querySelector('[data-mjx-error]')).every((m) => "
                                "m.textContent === '')"))
                .toBool());
    QVERIFY(eval(QStringLiteral("!!document.querySelector('p .mdp-math-display "
                                "mjx-container[display=true] svg')"))
                .toBool());
    QVERIFY(eval(QStringLiteral("!!document.querySelector('div.mdp-math-display "
                                "mjx-container[display=true] svg')"))
                .toBool());
    // Each formula carries its own glyphs, so a formula copied or exported alone still draws.
    QVERIFY(eval(QStringLiteral("[...document.querySelectorAll('.mdp-math svg')].every((svg) => "
                                "[...svg.querySelectorAll('use')].every((use) => svg.querySelector("
                                "'[id=\"' + use.getAttribute('xlink:href').slice(1) + '\"]')))"))
                .toBool());
    QVERIFY(eval(QStringLiteral("getComputedStyle(document.querySelector('.mdp-math svg'))"
                                ".height !== '0px'"))
                .toBool());
    // ... and how it is laid out: display math is a centred block without MathJax's style sheet.
    QCOMPARE(
        eval(QStringLiteral("document.querySelector('div.mdp-math-display mjx-container')"
                            ".style.cssText"))
            .toString(),
        QStringLiteral("direction: ltr; display: block; text-align: center; margin: 1em 0px;"));
    QTest::qWait(300);
    mdp::test::saveScreenshot(m_window, QStringLiteral("enrichment"));
}

// GitHub shows MathJax's own error in place of the formula: TeX's message (GitHub READMEs show
// "Missing or unrecognized delimiter for \left" in a box), in MathJax's error colours, and the
// rest of the document as usual.
void TestEnrichment::mathErrorShowsInPlace()
{
    QVERIFY(waitFor(QStringLiteral("!!document.querySelector('.mdp-math [data-mjx-error]')")));
    QCOMPARE(eval(QStringLiteral("document.querySelector('.mdp-math [data-mjx-error]')"
                                 ".dataset.mjxError"))
                 .toString(),
             QStringLiteral("Missing close brace"));
    // The message is what is drawn (as SVG text), not the TeX.
    QCOMPARE(eval(QStringLiteral("document.querySelector('.mdp-math [data-mjx-error]').closest("
                                 "'.mdp-math').textContent"))
                 .toString(),
             QStringLiteral("Missing close brace"));
    QVERIFY(eval(QStringLiteral("document.querySelector('.mdp-math [data-mjx-error]')"
                                ".closest('p').textContent.includes('and the rest renders')"))
                .toBool());
    QVERIFY(!eval(QStringLiteral("document.querySelector('.mdp-render-error')")).toBool());
    // In MathJax's error colours, carried by the formula itself (for export).
    QCOMPARE(
        eval(QStringLiteral("document.querySelector('[data-mjx-error] > rect[data-background]')"
                            ".getAttribute('fill')"))
            .toString(),
        QStringLiteral("yellow"));
    QCOMPARE(eval(QStringLiteral("getComputedStyle(document.querySelector('[data-mjx-error] > g'))"
                                 ".fill"))
                 .toString(),
             QStringLiteral("rgb(255, 0, 0)"));
    QVERIFY(eval(QStringLiteral("document.body.textContent.includes('The end.')")).toBool());
}

// What a formula says about links, classes and styles goes through MathJax's safe mode: no
// javascript: link, no class or id of the page's, no style that lays it over the page.
void TestEnrichment::mathCannotReachOutOfItsPlace()
{
    QSignalSpy painted(m_window->preview(), &PreviewView::painted);
    m_window->preview()->updateDocument(
        mdp::Renderer::render(
            // The backtick form: in $…$ Markdown would make the URL an autolink first.
            "$`\\href{javascript:alert(1)}{a}`$ $`\\href{https://example.org/}{b}`$ "
            "$`\\style{position: fixed; top: 0}{c}`$ $`\\class{markdown-alert}{d}`$ "
            "$`\\cssId{mdp-content}{e}`$\n"),
        0);
    QVERIFY(painted.wait(20000));
    QVERIFY(waitFor(QStringLiteral("document.querySelectorAll('.mdp-math svg').length === 5")));
    QVERIFY(eval(QStringLiteral(
                     "!!document.querySelector('.mdp-math a[href=\"https://example.org/\"]')"))
                .toBool());
    QVERIFY(eval(QStringLiteral("![...document.querySelectorAll('.mdp-math a')].some((a) => "
                                "/javascript/.test(a.getAttribute('href')))"))
                .toBool());
    QVERIFY(eval(QStringLiteral("![...document.querySelectorAll('.mdp-math *')].some((e) => "
                                "getComputedStyle(e).position === 'fixed')"))
                .toBool());
    QVERIFY(eval(QStringLiteral("!document.querySelector('.mdp-math .markdown-alert')")).toBool());
    QCOMPARE(eval(QStringLiteral("document.querySelectorAll('#mdp-content').length")).toInt(), 1);
}

void TestEnrichment::mermaidDiagramIsDrawn()
{
    QVERIFY(waitFor(
        QStringLiteral("!!document.querySelector('.mdp-mermaid .mdp-mermaid-diagram svg')")));
    QVERIFY(eval(QStringLiteral("document.querySelector('.mdp-mermaid-diagram svg').textContent"
                                ".includes('Render')"))
                .toBool());
    QVERIFY(eval(QStringLiteral("document.querySelector('.mdp-mermaid pre').hidden")).toBool());
}

void TestEnrichment::mermaidErrorShowsInPlace()
{
    QVERIFY(waitFor(QStringLiteral(
        "!!document.querySelectorAll('.mdp-mermaid')[1].querySelector('.mdp-render-error')")));
    // The source stays visible beside the error, and nothing of Mermaid's is left in the body.
    QVERIFY(!eval(QStringLiteral("document.querySelectorAll('.mdp-mermaid')[1].querySelector('pre')"
                                 ".hidden"))
                 .toBool());
    QCOMPARE(eval(QStringLiteral("document.body.children.length")).toInt(),
             eval(QStringLiteral("document.body.querySelectorAll(':scope > article, :scope > "
                                 "script').length"))
                 .toInt());
}

void TestEnrichment::unchangedBlocksAreNotDrawnAgain()
{
    QVERIFY(waitFor(QStringLiteral("!!document.querySelector('.mdp-mermaid-diagram svg') && "
                                   "document.querySelectorAll('.mdp-math svg').length >= 4 && "
                                   "!!document.querySelector('.pl-k')")));
    eval(QStringLiteral("document.querySelector('.mdp-mermaid-diagram svg').mdpMark = 1;"
                        "document.querySelector('.mdp-math svg').mdpMark = 1;"
                        "document.querySelector('.pl-k').mdpMark = 1;"));
    QSignalSpy painted(m_window->preview(), &PreviewView::painted);
    m_window->preview()->updateDocument(
        mdp::Renderer::render(QByteArray(QByteArray("A new first paragraph.\n\n") + kDocument)), 0);
    QVERIFY(painted.wait(20000));
    QTest::qWait(500);
    QCOMPARE(eval(QStringLiteral("document.querySelectorAll('.mdp-mermaid-diagram svg').length"))
                 .toInt(),
             1);
    QVERIFY(eval(QStringLiteral("document.querySelector('.mdp-mermaid-diagram svg').mdpMark === 1"))
                .toBool());
    QVERIFY(eval(QStringLiteral("document.querySelector('.mdp-math svg').mdpMark === 1")).toBool());
    QVERIFY(eval(QStringLiteral("document.querySelector('.pl-k').mdpMark === 1")).toBool());
}

void TestEnrichment::diagramsFollowTheTheme()
{
    const QString fill = QStringLiteral(
        "getComputedStyle(document.querySelector('.mdp-mermaid-diagram svg .node rect, "
        ".mdp-mermaid-diagram svg .node polygon')).fill");
    QVERIFY(waitFor(QStringLiteral("!!document.querySelector('.mdp-mermaid-diagram svg .node')")));
    const QString light = eval(fill).toString();
    eval(QStringLiteral("document.querySelector('.mdp-mermaid-diagram svg').mdpMark = 1"));
    QVERIFY(m_window->themes()->setTheme(QStringLiteral("github-dark"), false).isEmpty());
    QVERIFY(waitFor(QStringLiteral("document.querySelectorAll('.mdp-mermaid-diagram svg').length "
                                   "=== 1 && !document.querySelector('.mdp-mermaid-diagram svg')"
                                   ".mdpMark")));
    QVERIFY(eval(fill).toString() != light);
    eval(QStringLiteral("document.querySelectorAll('.mdp-mermaid')[0].scrollIntoView()"));
    QTest::qWait(300);
    mdp::test::saveScreenshot(m_window, QStringLiteral("enrichment-dark"));
}

void TestEnrichment::librariesLoadOnlyWhenNeededAndFarBlocksWait()
{
    QByteArray text = "# Long\n\n";
    for (int i = 0; i < 300; ++i)
        text += "Paragraph " + QByteArray::number(i) + ".\n\n";
    // A window of its own: the one of init() has loaded the libraries already.
    MainWindow fresh;
    QSignalSpy freshPainted(fresh.preview(), &PreviewView::painted);
    fresh.openContent(text +
                          "```python\nimport os\n```\n\n$x$\n\n```mermaid\ngraph TD; A-->B\n```\n",
                      QStringLiteral("long.md"));
    fresh.resize(800, 600);
    fresh.show();
    QVERIFY(freshPainted.wait(20000));
    QWebEnginePage *page = fresh.preview()->page();
    QTest::qWait(1000);
    QVERIFY(evaluate(page, QStringLiteral("!window.mdpreviewHighlight && !window.mdpreviewMath && "
                                          "!window.mermaid"))
                .toBool());
    QVERIFY(evaluate(page, QStringLiteral("document.querySelectorAll('script').length === 2"))
                .toBool());
    QCOMPARE(evaluate(page, QStringLiteral("window.mdpreview.enrichmentsWaiting()")).toInt(), 3);
    // Blocks that leave the page take their waiting work with them.
    freshPainted.clear();
    fresh.preview()->updateDocument(
        mdp::Renderer::render(QByteArray(text + "```python\nimport sys\n```\n")), 0);
    QVERIFY(freshPainted.wait(20000));
    QCOMPARE(evaluate(page, QStringLiteral("window.mdpreview.enrichmentsWaiting()")).toInt(), 1);
    evaluate(page, QStringLiteral("window.scrollTo(0, document.documentElement.scrollHeight)"));
    QTRY_COMPARE_WITH_TIMEOUT(
        evaluate(page, QStringLiteral("document.querySelector('.pl-k').textContent")).toString(),
        QStringLiteral("import"), 20000);
    QCOMPARE(evaluate(page, QStringLiteral("window.mdpreview.enrichmentsWaiting()")).toInt(), 0);
    // Of GitHub's grammars, only Python's came.
    QCOMPARE(
        evaluate(page, QStringLiteral("[...document.querySelectorAll('script[src*=\"/lang/\"]')]"
                                      ".map((s) => s.src.replace(/.*\\//, '')).join()"))
            .toString(),
        QStringLiteral("source.python.js"));
    fresh.preview()->updateDocument(
        mdp::Renderer::render(QByteArray(text + "```python\nimport os\n```\n\n$x$\n\n"
                                                "```mermaid\ngraph TD; A-->B\n```\n")),
        0);
    evaluate(page, QStringLiteral("window.scrollTo(0, document.documentElement.scrollHeight)"));
    QTRY_VERIFY_WITH_TIMEOUT(
        evaluate(page, QStringLiteral("!!document.querySelector('.pl-k') && "
                                      "!!document.querySelector('.mdp-math svg') && "
                                      "!!document.querySelector('.mdp-mermaid-diagram svg')"))
            .toBool(),
        20000);
}

// A PDF or PNG has no reader to scroll: code, math and diagrams far below are done first.
void TestEnrichment::printingEnrichesEverything()
{
    QByteArray text = "# Long\n\n";
    for (int i = 0; i < 300; ++i)
        text += "Paragraph " + QByteArray::number(i) + ".\n\n";
    MainWindow window;
    QSignalSpy painted(window.preview(), &PreviewView::painted);
    window.openContent(text + "```python\nimport os\n```\n\n$x^2$\n\n"
                              "```mermaid\ngraph TD; A-->B\n```\n",
                       QStringLiteral("long.md"));
    window.resize(800, 600);
    window.show();
    QVERIFY(painted.wait(20000));
    QWebEnginePage *page = window.preview()->page();
    QCOMPARE(evaluate(page, QStringLiteral("window.mdpreview.enrichmentsWaiting()")).toInt(), 3);
    bool done = false;
    bool complete = false;
    window.preview()->enrichEverything([&](const PreviewView::Readiness &readiness) {
        done = true;
        complete = readiness.complete;
    });
    QTRY_VERIFY_WITH_TIMEOUT(done, 30000);
    QVERIFY(complete);
    QVERIFY(evaluate(page, QStringLiteral("!!document.querySelector('.pl-k') && "
                                          "!!document.querySelector('.mdp-math svg') && "
                                          "!!document.querySelector('.mdp-mermaid-diagram svg')"))
                .toBool());
    QCOMPARE(evaluate(page, QStringLiteral("window.scrollY")).toDouble(), 0.0); // nobody scrolled
}

MDPREVIEW_WEBTEST_MAIN(TestEnrichment)
#include "tst_enrichment.moc"
