// SPDX-License-Identifier: GPL-3.0-or-later
// --export as a user meets it: the real binary with no display, real files, and the results
// checked in the real web engine: exports that never crash, images of the whole page painted,
// HTML that is finished, standalone and inert, failures that say why and leave nothing behind.
#include "../support/files.h"
#include "../support/webtest.h"
#include "core/desktop/theme.h"
#include "core/markdown/renderer.h"
#include "preview/exportscript.h"
#include "preview/htmlexport.h"
#include "preview/previewview.h"

#include <QColor>
#include <QDir>
#include <QFile>
#include <QImage>
#include <QProcess>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QWebEngineProfile>
#include <QWebEngineScript>
#include <QWebEngineSettings>
#include <QWebEngineUrlRequestInterceptor>
#include <QWebEngineView>

#include <unistd.h>

using mdp::test::evaluate;

namespace {

const QByteArray kRichDocument = "# Rich\n"
                                 "\n"
                                 "```python\n"
                                 "def greet(name):\n"
                                 "    return \"Hello, \" + name  # a comment\n"
                                 "```\n"
                                 "\n"
                                 "Inline $`a*b*c`$, $x^2$ and display:\n"
                                 "\n"
                                 "$$\\sum_{i=1}^n i = \\frac{n(n+1)}{2}$$\n"
                                 "\n"
                                 "```mermaid\n"
                                 "graph TD\n"
                                 "  A[Save] --> B[Render]\n"
                                 "```\n"
                                 "\n"
                                 "> [!NOTE]\n"
                                 "> An alert.\n"
                                 "\n"
                                 "A footnote[^1].\n"
                                 "\n"
                                 "```mermaid\n"
                                 "sequenceDiagram\n"
                                 "  Vim->>mdpreview: save\n"
                                 "```\n"
                                 "\n"
                                 "[^1]: The note.\n";

const QByteArray kRootSandboxLine =
    "mdpreview: running as root: the web engine's sandbox is turned off\n";

struct Run
{
    int exitCode = -1;
    QByteArray err;
};

QProcessEnvironment headless(const QString &home)
{
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    for (const char *name : {"DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM"})
        environment.remove(QString::fromLatin1(name));
    environment.insert(QStringLiteral("XDG_CONFIG_HOME"), home + QStringLiteral("/config"));
    environment.insert(QStringLiteral("XDG_DATA_HOME"), home + QStringLiteral("/share"));
    return environment;
}

// Starts mdpreview with no display server at all, as on a headless machine.
std::unique_ptr<QProcess> startMdpreview(const QStringList &arguments,
                                         const QProcessEnvironment &environment)
{
    auto process = std::make_unique<QProcess>();
    process->setProcessEnvironment(environment);
    process->start(QStringLiteral(MDPREVIEW_BINARY), arguments);
    process->closeWriteChannel();
    return process;
}

Run finish(QProcess &process)
{
    if (!process.waitForFinished(180000))
        qFatal("mdpreview did not finish");
    return {process.exitStatus() == QProcess::NormalExit ? process.exitCode() : 128,
            process.readAllStandardError()};
}

// Pixels darker than the background in a band of rows: text is drawn there.
int darkPixels(const QImage &image, int fromY, int toY)
{
    int dark = 0;
    for (int y = std::max(0, fromY); y < std::min(toY, image.height()); ++y) {
        for (int x = 0; x < image.width(); x += 2)
            dark += image.pixelColor(x, y).lightness() < 110;
    }
    return dark;
}

// Records every request a page makes: an inert export makes none but for its own file.
class RequestLog final : public QWebEngineUrlRequestInterceptor
{
public:
    using QWebEngineUrlRequestInterceptor::QWebEngineUrlRequestInterceptor;
    void interceptRequest(QWebEngineUrlRequestInfo &info) override { urls << info.requestUrl(); }
    QList<QUrl> urls;
};

// JavaScript is off in the page: the test's own scripts run in a world of their own.
QVariant inspect(QWebEnginePage *page, const QString &script)
{
    QVariant result;
    bool done = false;
    page->runJavaScript(script, QWebEngineScript::ApplicationWorld, [&](const QVariant &value) {
        result = value;
        done = true;
    });
    if (!QTest::qWaitFor([&] { return done; }, 10000))
        qWarning("no answer: %s", qPrintable(script));
    return result;
}

} // namespace

class TestExport final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void repeatedExportsAllSucceed();
    void tallPageIsWrittenWholeInParts();
    void htmlIsFinishedStandaloneAndInert_data();
    void htmlIsFinishedStandaloneAndInert();
    void htmlImagesRelativeOrEmbedded();
    void htmlOfALongDocumentHasItsBlocksOnly();
    void pdfOfALongDocumentHasAllItsText();
    void htmlCarriesShapesUsedFromElsewhere();
    void failureSaysWhyAndLeavesNothing_data();
    void failureSaysWhyAndLeavesNothing();
    void stderrIsQuiet();

private:
    QString write(const QString &name, const QByteArray &bytes);
    int pageHeight(const QByteArray &markdown, int width);
    QWebEngineView *loadInert(const QString &path, RequestLog **log);

    QTemporaryDir m_dir;
    QProcessEnvironment m_environment;
};

void TestExport::initTestCase()
{
    QVERIFY(m_dir.isValid());
    m_environment = headless(m_dir.path());
}

QString TestExport::write(const QString &name, const QByteArray &bytes)
{
    const QString path = m_dir.filePath(name);
    mdp::test::writeFile(path, bytes);
    return path;
}

// Issue #10: a document with Mermaid, math and code crashed --export in most runs (a freed timer
// in the enrichment wait). Twenty in a row, PNG and PDF by turns: every one whole.
void TestExport::repeatedExportsAllSucceed()
{
    const QString document = write(QStringLiteral("rich.md"), kRichDocument);
    for (int i = 0; i < 20; ++i) {
        const bool png = i % 2 == 0;
        const QString out =
            m_dir.filePath(QStringLiteral("repeat-%1.%2")
                               .arg(i)
                               .arg(png ? QStringLiteral("png") : QStringLiteral("pdf")));
        auto process = startMdpreview({QStringLiteral("--export"), out, document}, m_environment);
        const Run run = finish(*process);
        QVERIFY2(run.exitCode == 0, qPrintable(QStringLiteral("run %1: exit %2, %3")
                                                   .arg(i)
                                                   .arg(run.exitCode)
                                                   .arg(QString::fromUtf8(run.err))));
        QVERIFY2(run.err.isEmpty(), run.err.constData());
        if (png) {
            const QImage image(out);
            QCOMPARE(image.width(), 1000);
            QVERIFY(darkPixels(image, 0, image.height()) > 500);
            QCOMPARE(image.pixelColor(image.width() / 2, image.height() - 1), QColor(Qt::white));
        } else {
            QFile pdf(out);
            QVERIFY(pdf.open(QIODevice::ReadOnly));
            const QByteArray bytes = pdf.readAll();
            QVERIFY(bytes.startsWith("%PDF-"));
            QVERIFY(bytes.trimmed().endsWith("%%EOF"));
        }
    }
}

// The page's height as the export lays it out: at the export's width, without a scroll bar.
int TestExport::pageHeight(const QByteArray &markdown, int width)
{
    mdp::PreviewView view;
    view.resize(width, 900);
    view.setTheme(*mdp::ThemeRegistry::builtin(mdp::ThemeRegistry::defaultName()));
    QSignalSpy painted(&view, &mdp::PreviewView::painted);
    view.showDocument(mdp::Renderer::render(markdown), QUrl::fromLocalFile(m_dir.path() + u'/'), 0);
    view.show();
    if (!painted.wait(30000))
        return -1;
    evaluate(view.page(), mdp::ExportScript::call(QStringLiteral("hideScrollbars()")));
    // As the export does first: every block laid out, none left at an estimated height.
    evaluate(view.page(), QStringLiteral("window.mdpreview.enrichEverything()"));
    return evaluate(view.page(), QStringLiteral("document.documentElement.scrollHeight")).toInt();
}

// A page of about 60,000 px: written as numbered parts whose heights add up to the page's, the
// last one painted to its end (a long page used to come out white below its first 900 px, or
// cut at 16,384 px). Five times, two exports at once.
void TestExport::tallPageIsWrittenWholeInParts()
{
    QByteArray markdown = "# A tall page\n\n";
    for (int i = 1; i <= 1500; ++i)
        markdown += "Paragraph " + QByteArray::number(i) + " of a tall page, with some words.\n\n";
    markdown += "The last line of the page.\n";
    const QString document = write(QStringLiteral("tall.md"), markdown);
    const int height = pageHeight(markdown, 1000);
    QVERIFY2(height > 3 * 16384, qPrintable(QString::number(height)));

    for (int round = 0; round < 5; ++round) {
        std::unique_ptr<QProcess> runs[2];
        QString outs[2];
        for (int i = 0; i < 2; ++i) {
            outs[i] = m_dir.filePath(QStringLiteral("tall-%1-%2.png").arg(round).arg(i));
            runs[i] =
                startMdpreview({QStringLiteral("--export"), outs[i], document}, m_environment);
        }
        for (int i = 0; i < 2; ++i) {
            const Run run = finish(*runs[i]);
            QVERIFY2(run.exitCode == 0, run.err.constData());
            const QString stem = outs[i].chopped(4);
            const int parts = (height + 16383) / 16384;
            QVERIFY2(
                run.err.contains(QStringLiteral("written as %1 images, '%2-1.png' to '%2-%1.png'")
                                     .arg(parts)
                                     .arg(stem)
                                     .toUtf8()),
                run.err.constData());
            QVERIFY(!QFile::exists(outs[i]));
            int total = 0;
            QImage last;
            for (int part = 1; part <= parts; ++part) {
                last = QImage(QStringLiteral("%1-%2.png").arg(stem).arg(part));
                QCOMPARE(last.width(), 1000);
                if (part < parts)
                    QCOMPARE(last.height(), 16384); // a whole number of tiles
                total += last.height();
            }
            QVERIFY(!QFile::exists(QStringLiteral("%1-%2.png").arg(stem).arg(parts + 1)));
            QCOMPARE(total, height);
            // The page's own background to the last row: no trace of the exporter's strip.
            for (int x = 0; x < last.width(); ++x)
                QCOMPARE(last.pixelColor(x, last.height() - 1), QColor(Qt::white));
            const int lastTenth = last.height() - last.height() / 10;
            QVERIFY2(darkPixels(last, lastTenth, last.height()) > 200,
                     "text is painted at the end of the last image");
            // And in the middle of every part: nothing left white.
            if (round == 0 && i == 0) {
                for (int part = 1; part <= parts; ++part) {
                    const QImage image(QStringLiteral("%1-%2.png").arg(stem).arg(part));
                    for (int band = 0; band + 2048 <= image.height(); band += 2048)
                        QVERIFY2(darkPixels(image, band, band + 2048) > 200,
                                 qPrintable(QStringLiteral("part %1 at %2").arg(part).arg(band)));
                }
            }
        }
    }
}

// Loads an exported file in the web engine with JavaScript off, as a browser that runs nothing.
QWebEngineView *TestExport::loadInert(const QString &path, RequestLog **log)
{
    auto *profile = new QWebEngineProfile(this);
    *log = new RequestLog(profile);
    profile->setUrlRequestInterceptor(*log);
    auto *view = new QWebEngineView;
    auto *page = new QWebEnginePage(profile, view);
    view->setPage(page);
    page->settings()->setAttribute(QWebEngineSettings::JavascriptEnabled, false);
    view->resize(1000, 1200);
    QSignalSpy loaded(page, &QWebEnginePage::loadFinished);
    page->load(QUrl::fromLocalFile(path));
    view->show();
    if (!loaded.wait(30000) || !loaded.constFirst().constFirst().toBool())
        return nullptr;
    return view;
}

void TestExport::htmlIsFinishedStandaloneAndInert_data()
{
    QTest::addColumn<QString>("document");
    QTest::addColumn<int>("diagrams");
    QTest::newRow("sample") << QStringLiteral(MDPREVIEW_SOURCE_DIR "/resources/sample.md") << 1;
    QTest::newRow("math, mermaid, code") << QStringLiteral("rich.md") << 2;
}

void TestExport::htmlIsFinishedStandaloneAndInert()
{
    QFETCH(QString, document);
    QFETCH(int, diagrams);
    if (!document.startsWith(u'/'))
        document = write(document, kRichDocument);
    const QString out = m_dir.filePath(
        QStringLiteral("standalone-%1.html").arg(QString::fromLatin1(QTest::currentDataTag())));
    auto process = startMdpreview({QStringLiteral("--export"), out, document}, m_environment);
    const Run run = finish(*process);
    QCOMPARE(run.exitCode, 0);
    QVERIFY2(run.err.isEmpty(), run.err.constData());

    RequestLog *log = nullptr;
    std::unique_ptr<QWebEngineView> view(loadInert(out, &log));
    QVERIFY(view);
    const auto dom = [&](const QString &script) { return inspect(view->page(), script); };
    QCOMPARE(dom(QStringLiteral("document.querySelectorAll('script').length")).toInt(), 0);
    QVERIFY(dom(QStringLiteral("document.querySelectorAll('pre code [class^=\"pl-\"]').length"))
                .toInt() > 2);
    // Math typeset: MathJax's SVG, and no TeX left as text.
    QVERIFY(dom(QStringLiteral("document.querySelectorAll('.mdp-math').length")).toInt() >= 2);
    QCOMPARE(dom(QStringLiteral(
                     "[...document.querySelectorAll('.mdp-math')].filter((m) => "
                     "!m.querySelector('mjx-container > svg') || [...m.childNodes].some((n) => "
                     "n.nodeType === Node.TEXT_NODE && n.textContent.trim())).length"))
                 .toInt(),
             0);
    QCOMPARE(dom(QStringLiteral("document.querySelectorAll('.mdp-mermaid svg').length")).toInt(),
             diagrams);
    QCOMPARE(dom(QStringLiteral("document.querySelectorAll('.mdp-mermaid pre').length")).toInt(),
             0);
    // The theme's colours came along: a keyword is not in the text's colour.
    QVERIFY(dom(QStringLiteral("getComputedStyle(document.querySelector('pre code .pl-k, pre code "
                               ".pl-en, pre code .pl-c1')).color !== "
                               "getComputedStyle(document.querySelector('.markdown-body')).color"))
                .toBool());
    if (diagrams == 2) {
        QVERIFY(dom(QStringLiteral("!!document.querySelector('.markdown-alert-note')")).toBool());
        QVERIFY(dom(QStringLiteral("!!document.querySelector('section.footnotes li')")).toBool());
    }
    // A heading's link icon comes from the style sheet the file carries, shown on focus or hover.
    const QString icon = QStringLiteral(
        "getComputedStyle(document.querySelector('.markdown-heading .anchor'), '::before')");
    QVERIFY(dom(icon + QStringLiteral(".webkitMaskImage"))
                .toString()
                .startsWith(QLatin1String("url(\"data:image/svg+xml,")));
    QCOMPARE(dom(icon + QStringLiteral(".width")).toString(), QStringLiteral("16px"));
    QCOMPARE(dom(icon + QStringLiteral(".visibility")).toString(), QStringLiteral("hidden"));
    dom(QStringLiteral("document.querySelector('.markdown-heading .anchor').focus()"));
    QTRY_COMPARE(dom(icon + QStringLiteral(".visibility")).toString(), QStringLiteral("visible"));
    // Nothing fetched but the file itself (and the document's own local images).
    for (const QUrl &url : std::as_const(log->urls))
        QVERIFY2(url.isLocalFile(), qPrintable(url.toString()));
    QTest::qWait(300);
    mdp::test::saveScreenshot(
        view.get(),
        QStringLiteral("export-html-%1").arg(QString::fromLatin1(QTest::currentDataTag())));
}

void TestExport::htmlOfALongDocumentHasItsBlocksOnly()
{
    // The page groups a long document's blocks into chunks for its own layout; the file has the
    // blocks as the document has them, directly in its body.
    QByteArray markdown = "# Long\n\n";
    for (int i = 0; i < 300; ++i)
        markdown += "Paragraph " + QByteArray::number(i) + ".\n\n";
    const QString document = write(QStringLiteral("long.md"), markdown);
    const QString out = m_dir.filePath(QStringLiteral("long.html"));
    auto process = startMdpreview({QStringLiteral("--export"), out, document}, m_environment);
    QCOMPARE(finish(*process).exitCode, 0);
    RequestLog *log = nullptr;
    std::unique_ptr<QWebEngineView> view(loadInert(out, &log));
    QVERIFY(view);
    QCOMPARE(inspect(view->page(), QStringLiteral("document.querySelectorAll("
                                                  "'.markdown-body > p').length"))
                 .toInt(),
             300);
    QCOMPARE(inspect(view->page(), QStringLiteral("document.querySelectorAll('.mdp-chunk').length"))
                 .toInt(),
             0);
}

void TestExport::pdfOfALongDocumentHasAllItsText()
{
    // The page keeps the parts of a long document far from the view as text: the PDF has every
    // part drawn, to its last paragraph.
    QByteArray markdown = "# Long\n\n";
    for (int i = 0; i < 3000; ++i)
        markdown += "Paragraph number " + QByteArray::number(i) + " of the long document.\n\n";
    const QString document = write(QStringLiteral("long-pdf.md"), markdown);
    const QString out = m_dir.filePath(QStringLiteral("long.pdf"));
    auto process = startMdpreview({QStringLiteral("--export"), out, document}, m_environment);
    QCOMPARE(finish(*process).exitCode, 0);
    QProcess text; // poppler-utils
    text.start(QStringLiteral("pdftotext"), {out, QStringLiteral("-")});
    QVERIFY(text.waitForFinished(60000));
    const QByteArray words = text.readAllStandardOutput().simplified();
    for (const int i : {0, 1500, 2998, 2999})
        QVERIFY2(words.contains(
                     QByteArray("Paragraph number " + QByteArray::number(i) + " of the long")),
                 QByteArray::number(i).constData());
}

void TestExport::htmlImagesRelativeOrEmbedded()
{
    QImage logo(40, 20, QImage::Format_RGB32);
    logo.fill(Qt::red);
    QDir().mkpath(m_dir.filePath(QStringLiteral("docs/img")));
    QVERIFY(logo.save(m_dir.filePath(QStringLiteral("docs/img/logo.png"))));
    const QString document =
        write(QStringLiteral("docs/images.md"), "# Images\n\n![logo](img/logo.png)\n\n"
                                                "[the rich one](../rich.md)\n");
    struct Case
    {
        QString out;
        QStringList extra;
        QString expectedPrefix;
    };
    const Case cases[] = {
        {m_dir.filePath(QStringLiteral("docs/next.html")), {}, QStringLiteral("img/logo.png")},
        {m_dir.filePath(QStringLiteral("elsewhere/far.html")),
         {},
         QStringLiteral("../docs/img/logo.png")},
        {m_dir.filePath(QStringLiteral("elsewhere/alone.html")),
         {QStringLiteral("--embed-images")},
         QStringLiteral("data:image/png;base64,")},
    };
    QDir().mkpath(m_dir.filePath(QStringLiteral("elsewhere")));
    for (const Case &test : cases) {
        auto process =
            startMdpreview(test.extra + QStringList{QStringLiteral("--export"), test.out, document},
                           m_environment);
        const Run run = finish(*process);
        QVERIFY2(run.exitCode == 0, run.err.constData());
        RequestLog *log = nullptr;
        std::unique_ptr<QWebEngineView> view(loadInert(test.out, &log));
        QVERIFY(view);
        QWebEnginePage *page = view->page();
        QTRY_COMPARE_WITH_TIMEOUT(
            inspect(page, QStringLiteral("document.querySelector('img').naturalWidth")).toInt(), 40,
            10000);
        const QString src =
            inspect(page, QStringLiteral("document.querySelector('img').getAttribute('src')"))
                .toString();
        QVERIFY2(src.startsWith(test.expectedPrefix), qPrintable(src));
        QCOMPARE(inspect(page, QStringLiteral("document.querySelector('a[href$=\"rich.md\"]')"
                                              ".getAttribute('href')"))
                     .toString(),
                 QDir(QFileInfo(test.out).path())
                     .relativeFilePath(m_dir.filePath(QStringLiteral("rich.md"))));
    }
}

// MathJax's SVG output can keep its glyphs in one cache outside the formulas (fontCache
// 'global') and draw them with <use>: the file must carry the glyphs its formulas use.
void TestExport::htmlCarriesShapesUsedFromElsewhere()
{
    mdp::PreviewView view;
    view.resize(1000, 900);
    QSignalSpy painted(&view, &mdp::PreviewView::painted);
    view.showDocument(mdp::Renderer::render("# Glyphs\n\nText.\n"), QUrl(), 0);
    view.show();
    QVERIFY(painted.wait(30000));
    evaluate(view.page(),
             QStringLiteral(
                 "document.body.insertAdjacentHTML('afterbegin', '<svg style=\"display:none\">"
                 "<defs><path id=\"glyph-a\" d=\"M0 0L10 10\"/><path id=\"glyph-unused\" "
                 "d=\"M0 0\"/></defs></svg>');"
                 "document.querySelector('#mdp-content p').insertAdjacentHTML('beforeend', "
                 "'<svg width=\"10\" height=\"10\"><use href=\"#glyph-a\"/></svg>');"));
    const QString out = m_dir.filePath(QStringLiteral("glyphs.html"));
    mdp::HtmlExport job(&view, out, QStringLiteral("glyphs"), false);
    QSignalSpy finished(&job, &mdp::PageExport::finished);
    job.start();
    QVERIFY(finished.wait(30000));
    QCOMPARE(finished.constFirst().constFirst().toString(), QString());
    QFile file(out);
    QVERIFY(file.open(QIODevice::ReadOnly));
    const QByteArray html = file.readAll();
    QVERIFY(html.contains("<use href=\"#glyph-a\">"));
    QVERIFY(html.contains("id=\"glyph-a\""));
    QVERIFY(!html.contains("glyph-unused"));
}

void TestExport::failureSaysWhyAndLeavesNothing_data()
{
    QTest::addColumn<QString>("suffix");
    QTest::newRow("png") << QStringLiteral("png");
    QTest::newRow("pdf") << QStringLiteral("pdf");
    QTest::newRow("html") << QStringLiteral("html");
}

void TestExport::failureSaysWhyAndLeavesNothing()
{
    QFETCH(QString, suffix);
    const QString document = write(QStringLiteral("small.md"), "# Small\n\nText.\n");
    // A folder where the file should be: nothing can be written under that name.
    const QString folder = m_dir.filePath(QStringLiteral("failing-") + suffix);
    QDir().mkpath(folder);
    const QString out = folder + QStringLiteral("/taken.") + suffix;
    QDir().mkpath(out);
    auto process = startMdpreview({QStringLiteral("--export"), out, document}, m_environment);
    const Run run = finish(*process);
    QCOMPARE(run.exitCode, 3);
    QVERIFY2(
        run.err.startsWith(QStringLiteral("mdpreview: cannot export '%1': ").arg(out).toUtf8()),
        run.err.constData());
    QCOMPARE(run.err.count('\n'), 1);
    QCOMPARE(QDir(folder).entryList(QDir::AllEntries | QDir::NoDotAndDotDot | QDir::Hidden),
             QStringList{QStringLiteral("taken.") + suffix});
}

// Issue #10: every export printed the web engine's set-up on stderr. Only as root, where the
// sandbox must be off, one line of mdpreview's own says so.
void TestExport::stderrIsQuiet()
{
    const QString document = write(QStringLiteral("rich.md"), kRichDocument);
    QProcessEnvironment environment = m_environment;
    environment.remove(QStringLiteral("QTWEBENGINE_DISABLE_SANDBOX"));
    environment.remove(QStringLiteral("XDG_RUNTIME_DIR"));
    for (const QString &suffix :
         {QStringLiteral("png"), QStringLiteral("pdf"), QStringLiteral("html")}) {
        const QString out = m_dir.filePath(QStringLiteral("quiet.") + suffix);
        auto process = startMdpreview({QStringLiteral("--export"), out, document}, environment);
        const Run run = finish(*process);
        QCOMPARE(run.exitCode, 0);
        QCOMPARE(run.err, geteuid() == 0 ? kRootSandboxLine : QByteArray());
    }
    // A window too, until its document is on screen and it is closed.
    QDir().mkpath(m_dir.filePath(QStringLiteral("runtime")));
    QFile::setPermissions(m_dir.filePath(QStringLiteral("runtime")),
                          QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner);
    environment.insert(QStringLiteral("XDG_RUNTIME_DIR"),
                       m_dir.filePath(QStringLiteral("runtime")));
    environment.insert(QStringLiteral("QT_QPA_PLATFORM"), QStringLiteral("offscreen"));
    auto window = startMdpreview({QStringLiteral("--trace"), document}, environment);
    QVERIFY(QTest::qWaitFor(
        [&] {
            window->waitForReadyRead(100);
            return window->peek(1 << 16).contains("\npainted ") ||
                   window->peek(1 << 16).startsWith("painted ");
        },
        60000));
    window->terminate();
    QVERIFY(window->waitForFinished(30000));
    QCOMPARE(window->readAllStandardError(), geteuid() == 0 ? kRootSandboxLine : QByteArray());
}

MDPREVIEW_WEBTEST_MAIN(TestExport)
#include "tst_export.moc"
