// SPDX-License-Identifier: GPL-3.0-or-later
// What GitHub shows, drawn by the page in the real web engine: code in GitHub's grammars under
// GitHub's language names and aliases, and emoji in colour.
#include "../support/webtest.h"
#include "preview/previewview.h"
#include "ui/mainwindow.h"
#include "ui/themecontroller.h"

#include <QImage>

using mdp::MainWindow;
using mdp::PreviewView;
using mdp::test::evaluate;

namespace {

struct LanguageCase
{
    const char *flag; // the fence's info string
    const char *code;
    const char *spanClass; // a pl-* span GitHub's grammar gives this code
    const char *spanText;  // ... and its text
};

// The expected spans are those of GitHub's own grammars (as linguist names them: aliases such as
// sh, console, yml, tf and extensions such as py pick the same grammar as the language's name).
const LanguageCase kLanguages[] = {
    {"python", "def f():\n    return 1", "pl-k", "def"},
    {"py", "import os", "pl-k", "import"},
    {"sh", "echo \"hi\" # note", "pl-c", "# note"},
    {"bash", "if true; then exit 1; fi", "pl-k", "then"},
    {"zsh", "echo $HOME", "pl-c1", "echo"},
    {"console", "$ echo hi", "pl-c1", "echo"},
    {"shell", "echo hi", "pl-c1", "echo"},
    {"yml", "key: value # c", "pl-ent", "key"},
    {"yaml", "key: value # c", "pl-c", "# c"},
    {"dockerfile", "FROM debian:12\nRUN make", "pl-k", "RUN"},
    {"Dockerfile", "FROM debian:12", "pl-k", "FROM"},
    {"cmake", "add_library(x STATIC a.c)", "pl-c1", "add_library"},
    {"fish", "function greet\n  echo hi\nend", "pl-k", "function"},
    {"meson", "project('x', 'c')", "pl-c1", "project"},
    {"hcl", "resource \"a\" \"b\" {\n  x = 1\n}", "pl-en", "resource"},
    {"terraform", "resource \"a\" \"b\" {}", "pl-en", "resource"},
    {"tf", "x = 1", "pl-c1", "1"},
    {"nix", "{ pkgs ? import <nixpkgs> {} }: pkgs.hello", "pl-s", "<nixpkgs>"},
    // Vue embeds HTML and JavaScript: their grammars come with it.
    {"vue", "<template><div>{{ x }}</div></template>\n<script>\nexport default {}\n</script>",
     "pl-k", "export"},
    {"haskell", "main :: IO ()\nmain = putStrLn \"hi\"", "pl-c1", "putStrLn"},
    {"scala", "object Main { def main(): Unit = () }", "pl-k", "object"},
    {"latex", "\\section{Intro} % c", "pl-c", "% c"},
    {"tex", "\\begin{document}", "pl-c1", "\\begin"},
    {"js", "const x = 1; // c", "pl-k", "const"},
    {"ts", "let x: number = 1", "pl-c1", "number"},
    {"rust", "fn main() { let x = 1; }", "pl-k", "fn"},
    {"go", "package main\nfunc main() {}", "pl-k", "func"},
    {"c", "int main(void) { return 0; }", "pl-k", "return"},
    {"cpp", "#include <vector>\nint x;", "pl-k", "include"},
    {"c++", "template <class T> class A {};", "pl-en", "T"},
    {"java", "public class A {}", "pl-k", "public"},
    {"kotlin", "fun main() { val x = 1 }", "pl-k", "val"},
    {"ruby", "def greet\n  puts 'hi'\nend", "pl-c1", "puts"},
    {"php", "<?php echo 'x'; ?>", "pl-c1", "echo"},
    {"sql", "SELECT * FROM t WHERE a = 1", "pl-k", "WHERE"},
    {"json", "{\"a\": 1}", "pl-ent", "\"a\""},
    {"toml", "[package]\nname = \"x\"", "pl-en", "package"},
    {"diff", "--- a\n+++ b\n-old\n+new", "pl-mi1", "+new"},
    {"html", "<p class=\"x\">hi</p>", "pl-e", "class"},
    {"css", "body { color: red; }", "pl-c1", "color"},
    {"lua", "local x = 1 -- c", "pl-c", "-- c"},
    {"powershell", "Get-ChildItem -Path .", "pl-c1", "Get-ChildItem"},
    {"makefile", "all:\n\techo hi", "pl-en", "all"},
    {"elixir", "defmodule A do\nend", "pl-k", "defmodule"},
    {"clojure", "(defn f [x] x)", "pl-k", "defn"},
    {"zig", "const std = @import(\"std\");", "pl-k", "@import"},
    {"f#", "let x = 1", "pl-k", "let"},
    {"viml", "let g:x = 1", "pl-k", "let"},
    {"graphql", "query { a }", "pl-k", "query"},
    {"swift", "let x: Int = 1", "pl-c1", "Int"},
};

// Typed and as shortcodes, one to a paragraph, with a skin tone, a flag and sequences joined by
// U+200D; then text symbols, which stay in the text font. (Noto's family emoji are grey
// silhouettes: a family is no test of colour.)
const char *const kEmoji[] = {
    "😀",     "😂",        "😍",  "❤️",         "⚡",           ":smile:", ":heart:",
    ":zap:", "👍🏽", "🇩🇪", "🏳️‍🌈", "👩‍💻",
};
const char *const kTextSymbols[] = {"✔ ➡ © ™", "→ ★ ✓"};

QByteArray documentText()
{
    QByteArray text = "# GitHub's page\n\n";
    for (const char *emoji : kEmoji)
        text += QByteArray(emoji) + "\n\n";
    for (const char *symbols : kTextSymbols)
        text += QByteArray(symbols) + "\n\n";
    for (const LanguageCase &language : kLanguages)
        text += QByteArray("```") + language.flag + '\n' + language.code + "\n```\n\n";
    return text;
}

} // namespace

class TestGithubPage final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();
    void highlightsGithubLanguages_data();
    void highlightsGithubLanguages();
    void emojiAreInColour_data();
    void emojiAreInColour();
    void codeInTenLanguagesLightAndDark();
    void pageCompilesWebAssemblyAndEvaluatesNoStrings();

private:
    QVariant eval(const QString &script) { return evaluate(m_window->preview()->page(), script); }
    int colourfulPixels(int paragraph);

    MainWindow *m_window = nullptr;
};

void TestGithubPage::initTestCase()
{
    m_window = new MainWindow;
    m_window->resize(1000, 900);
    QSignalSpy painted(m_window->preview(), &PreviewView::painted);
    m_window->openContent(documentText(), QStringLiteral("github.md"));
    m_window->show();
    QVERIFY(painted.wait(20000));
    // All of it, not only what is near the view.
    eval(QStringLiteral("window.mdpreview.enrichEverything()"));
    QVERIFY(QTest::qWaitFor(
        [&] {
            return eval(QStringLiteral("window.mdpreview.enrichmentsUnfinished()")).toInt() == 0;
        },
        60000));
}

void TestGithubPage::cleanupTestCase()
{
    delete m_window;
    m_window = nullptr;
}

void TestGithubPage::highlightsGithubLanguages_data()
{
    QTest::addColumn<int>("index");
    QTest::addColumn<QString>("code");
    QTest::addColumn<QString>("spanClass");
    QTest::addColumn<QString>("spanText");
    int index = 0;
    for (const LanguageCase &language : kLanguages) {
        QTest::addRow("%s", language.flag)
            << index++ << QString::fromUtf8(language.code)
            << QString::fromLatin1(language.spanClass) << QString::fromUtf8(language.spanText);
    }
}

void TestGithubPage::highlightsGithubLanguages()
{
    QFETCH(int, index);
    QFETCH(QString, code);
    QFETCH(QString, spanClass);
    QFETCH(QString, spanText);
    const QString block =
        QStringLiteral("document.querySelectorAll('#mdp-content .highlight code')[%1]").arg(index);
    // The code is unchanged, and only GitHub's classes mark it.
    QCOMPARE(eval(block + QStringLiteral(".textContent")).toString(), code + QLatin1Char('\n'));
    QVERIFY(eval(QStringLiteral("[...%1.querySelectorAll('*')].every((e) => e.localName === "
                                "'span' && /^pl-/.test(e.className))")
                     .arg(block))
                .toBool());
    const QStringList spans =
        eval(QStringLiteral("[...%1.querySelectorAll('span.%2')].map((s) => s.textContent)")
                 .arg(block, spanClass))
            .toStringList();
    QVERIFY2(spans.contains(spanText),
             qPrintable(QStringLiteral("%1 spans: %2").arg(spanClass, spans.join(u'|'))));
    // The theme colours it: not in the text's colour.
    QVERIFY(eval(QStringLiteral("getComputedStyle([...%1.querySelectorAll('span.%2')][0]).color "
                                "!== getComputedStyle(%1).color")
                     .arg(block, spanClass))
                .toBool());
}

void TestGithubPage::emojiAreInColour_data()
{
    QTest::addColumn<int>("paragraph");
    QTest::addColumn<bool>("colour");
    int paragraph = 0;
    for (const char *emoji : kEmoji)
        QTest::addRow("%s", emoji) << paragraph++ << true;
    for (const char *symbols : kTextSymbols)
        QTest::addRow("%s", symbols) << paragraph++ << false;
}

// Counts the pixels of a paragraph's glyphs that are neither grey nor the background: a colour
// emoji font draws hundreds, a text font none.
int TestGithubPage::colourfulPixels(int paragraph)
{
    const QString element =
        QStringLiteral(
            "document.querySelectorAll(':is(#mdp-content, #mdp-content > .mdp-chunk) > p')[%1]")
            .arg(paragraph);
    eval(element + QStringLiteral(".scrollIntoView()"));
    QTest::qWait(200);
    const QVariantList rect =
        eval(QStringLiteral("(() => { const range = document.createRange(); "
                            "range.selectNodeContents(%1); const r = range.getBoundingClientRect();"
                            " return [r.left, r.top, r.width, r.height, window.innerWidth]; })()")
                 .arg(element))
            .toList();
    if (rect.size() != 5)
        return -1;
    const QImage image = m_window->preview()->grab().toImage();
    const double scale = image.width() / rect[4].toDouble();
    const QRect area(qRound(rect[0].toDouble() * scale), qRound(rect[1].toDouble() * scale),
                     qRound(rect[2].toDouble() * scale), qRound(rect[3].toDouble() * scale));
    int count = 0;
    for (int y = area.top(); y <= area.bottom(); ++y) {
        for (int x = area.left(); x <= area.right(); ++x) {
            const QColor pixel = image.pixelColor(x, y);
            const int spread = std::max({pixel.red(), pixel.green(), pixel.blue()}) -
                               std::min({pixel.red(), pixel.green(), pixel.blue()});
            count += spread > 60 ? 1 : 0;
        }
    }
    return count;
}

void TestGithubPage::emojiAreInColour()
{
    QFETCH(int, paragraph);
    QFETCH(bool, colour);
    const int pixels = colourfulPixels(paragraph);
    QVERIFY(pixels >= 0);
    if (colour)
        QVERIFY2(pixels > 20, qPrintable(QStringLiteral("%1 colourful pixels").arg(pixels)));
    else
        QCOMPARE(pixels, 0);
}

// For a person to look at: emoji rows and code in ten languages, in GitHub's light and dark
// themes (MDPREVIEW_SCREENSHOTS).
void TestGithubPage::codeInTenLanguagesLightAndDark()
{
    for (const QString &theme : {QStringLiteral("github"), QStringLiteral("github-dark")}) {
        QVERIFY(m_window->themes()->setTheme(theme, false).isEmpty());
        QTest::qWait(300);
        eval(QStringLiteral("window.scrollTo(0, 0)"));
        QTest::qWait(300);
        mdp::test::saveScreenshot(m_window, QStringLiteral("githubpage-emoji-") + theme);
        eval(QStringLiteral("document.querySelectorAll('#mdp-content .highlight')[%1]"
                            ".scrollIntoView()")
                 .arg(int(std::size(kLanguages)) - 24));
        QTest::qWait(300);
        mdp::test::saveScreenshot(m_window, QStringLiteral("githubpage-code-") + theme);
        QCOMPARE(eval(QStringLiteral("window.mdpreview.themeIsDark()")).toBool(),
                 theme == QStringLiteral("github-dark"));
    }
}

// The grammars' regex engine is WebAssembly: the page's policy lets it be compiled
// ('wasm-unsafe-eval') and nothing wider: strings still cannot become code.
void TestGithubPage::pageCompilesWebAssemblyAndEvaluatesNoStrings()
{
    QCOMPARE(eval(QStringLiteral("(() => { try { new WebAssembly.Module(new Uint8Array([0, 97, "
                                 "115, 109, 1, 0, 0, 0])); return 'compiled'; } catch (e) { "
                                 "return e.name; } })()"))
                 .toString(),
             QStringLiteral("compiled"));
    for (const QString &code : {QStringLiteral("eval('1')"), QStringLiteral("new Function('')")}) {
        QCOMPARE(eval(QStringLiteral("(() => { try { %1; return 'ran'; } catch (e) { return "
                                     "e.name; } })()")
                          .arg(code))
                     .toString(),
                 QStringLiteral("EvalError"));
    }
    QVERIFY(eval(QStringLiteral("document.querySelector('meta[http-equiv=Content-Security-Policy]')"
                                ".content.includes(\"script-src 'self' 'wasm-unsafe-eval';\")"))
                .toBool());
}

MDPREVIEW_WEBTEST_MAIN(TestGithubPage)
#include "tst_githubpage.moc"
