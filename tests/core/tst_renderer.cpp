// SPDX-License-Identifier: GPL-3.0-or-later
#include "../support/rendering.h"
#include "core/markdown/renderer.h"

#include <QDir>
#include <QFile>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>

using mdp::Renderer;

class TestRenderer final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void html_data();
    void html();
    void sameAs_data();
    void sameAs();
    void topLevelBlocksWrittenAsNested_data();
    void topLevelBlocksWrittenAsNested();
    void blocksCarrySourceLines();
    void hashIgnoresSourcePosition();
    void rawHtmlSpanningBlocksIsOneBlock();
    void headingsAreCollected();
    void headingIdsArePerDocument();
    void blocksStayOneElement();
    void paragraphBeforeATableIsKept();
    void nulDoesNotTruncate();
    void emptyDocument();
    void rootRelativeUrlsResolveAgainstTheRepository();
    void repositoryRootIsTheNearestFolderWithGit();
    void htmlCommentsAreHidden();
    void htmlBlockClosedOnItsFirstLineEndsThere();
};

// Markdown in, a fragment the HTML must contain.
void TestRenderer::html_data()
{
    QTest::addColumn<QByteArray>("markdown");
    QTest::addColumn<QByteArray>("expected");

    QTest::newRow("heading") << QByteArray("# Title\n")
                             << QByteArray("<h1 class=\"heading-element\">Title</h1>");
    QTest::newRow("heading wrapper keeps the source position")
        << QByteArray("para\n\n## Two\n")
        << QByteArray("<div class=\"markdown-heading\" data-sourcepos=\"3:1-3:6\">\n<h2 "
                      "class=\"heading-element\">Two</h2><a id=\"user-content-two\" "
                      "class=\"anchor\" aria-label=\"Permalink: Two\" href=\"#two\"></a>\n"
                      "</div>\n");
    // GitHub's link icon is drawn by the page's style sheet (shell.css), not repeated in every
    // heading's anchor: a document of thousands of headings was mostly copies of its path.
    QTest::newRow("heading anchor is empty and ends the wrapper")
        << QByteArray("# T\n") << QByteArray("href=\"#t\"></a>\n</div>\n");
    QTest::newRow("heading id from inline markup")
        << QByteArray("## *Hello* `code` [link](x) **now**!\n")
        << QByteArray("id=\"user-content-hello-code-link-now\"");
    // Issue 12: GitHub's heading text leaves out the alt text of its images.
    QTest::newRow("heading id without image alt text")
        << QByteArray("## Contributors [![Badge](b.svg)](x)\n")
        << QByteArray("id=\"user-content-contributors-\" class=\"anchor\" aria-label=\"Permalink: "
                      "Contributors \" href=\"#contributors-\"");
    QTest::newRow("heading label escaped")
        << QByteArray("# a <b> & \"c\"\n")
        << QByteArray("aria-label=\"Permalink: a  &amp; &quot;c&quot;\"");
    QTest::newRow("setext heading")
        << QByteArray("Über uns\n===\n") << QByteArray("href=\"#über-uns\"");
    QTest::newRow("heading in a list") << QByteArray("- # In list\n")
                                       << QByteArray("<li data-sourcepos=\"1:1-1:11\">\n<div "
                                                     "class=\"markdown-heading\"");
    QTest::newRow("task list")
        << QByteArray("- [ ] todo\n- [x] done\n")
        << QByteArray("<ul class=\"contains-task-list\" data-sourcepos=\"1:1-2:10\">\n<li "
                      "class=\"task-list-item\" data-sourcepos=\"1:1-1:10\"><input "
                      "type=\"checkbox\" class=\"task-list-item-checkbox\" disabled=\"\" /> "
                      "\ntodo\n</li>");
    QTest::newRow("task list checked")
        << QByteArray("- [ ] todo\n- [x] done\n")
        << QByteArray("<input type=\"checkbox\" class=\"task-list-item-checkbox\" "
                      "checked=\"\" disabled=\"\" /> \ndone\n</li>");
    QTest::newRow("task list ordered")
        << QByteArray("3. [ ] todo\n")
        << QByteArray("<ol class=\"contains-task-list\" start=\"3\"");
    QTest::newRow("task list with a plain item")
        << QByteArray("- [ ] todo\n- plain\n")
        << QByteArray("<li data-sourcepos=\"2:1-2:7\">\nplain\n</li>");
    QTest::newRow("loose task list: box in the paragraph")
        << QByteArray("- [ ] todo\n\n  more\n")
        << QByteArray("<p data-sourcepos=\"1:7-1:10\"><input type=\"checkbox\" "
                      "class=\"task-list-item-checkbox\" disabled=\"\" /> todo</p>");
    QTest::newRow("nested task list")
        << QByteArray("- [ ] a\n  - [x] b\n")
        << QByteArray("a\n<ul class=\"contains-task-list\" data-sourcepos=\"2:3-2:9\">");
    QTest::newRow("alert note")
        << QByteArray("> [!NOTE]\n> Useful *info*.\n")
        << QByteArray("<div class=\"markdown-alert markdown-alert-note\" "
                      "data-sourcepos=\"1:1-2:16\"><p class=\"markdown-alert-title\"><svg "
                      "class=\"octicon octicon-info mr-2\" viewBox=\"0 0 16 16\" width=\"16\" "
                      "height=\"16\" aria-hidden=\"true\"><path d=\"M0 8a8");
    QTest::newRow("alert note content")
        << QByteArray("> [!NOTE]\n> Useful *info*.\n")
        << QByteArray("</svg>Note</p>\n<p data-sourcepos=\"1:3-2:16\">Useful <em>info</em>.</p>\n"
                      "</div>\n");
    QTest::newRow("alert tip") << QByteArray("> [!TIP]\n> t\n")
                               << QByteArray("markdown-alert-tip\" data-sourcepos=\"1:1-2:3\"><p "
                                             "class=\"markdown-alert-title\"><svg class=\"octicon "
                                             "octicon-light-bulb mr-2\"");
    QTest::newRow("alert important") << QByteArray("> [!IMPORTANT]\n> t\n")
                                     << QByteArray("<svg class=\"octicon octicon-report mr-2\"");
    QTest::newRow("alert warning")
        << QByteArray("> [!WARNING]\n> t\n") << QByteArray("</svg>Warning</p>");
    QTest::newRow("alert caution") << QByteArray("> [!CAUTION]\n> t\n")
                                   << QByteArray("<div class=\"markdown-alert "
                                                 "markdown-alert-caution\"");
    QTest::newRow("alert in lower case")
        << QByteArray("> [!note]\n> t\n") << QByteArray("markdown-alert-note");
    QTest::newRow("alert with paragraphs")
        << QByteArray("> [!TIP]\n>\n> one\n>\n> two\n")
        << QByteArray("</svg>Tip</p>\n<p data-sourcepos=\"3:3-3:5\">one</p>\n<p "
                      "data-sourcepos=\"5:3-5:5\">two</p>\n</div>");
    QTest::newRow("alert without content is a quote")
        << QByteArray("> [!NOTE]\n")
        << QByteArray("<blockquote data-sourcepos=\"1:1-1:9\">\n<p "
                      "data-sourcepos=\"1:3-1:9\">[!NOTE]</p>");
    QTest::newRow("alert marker with text is a quote")
        << QByteArray("> [!NOTE] text\n> more\n")
        << QByteArray("<p data-sourcepos=\"1:3-2:6\">"
                      "[!NOTE] text\nmore</p>");
    QTest::newRow("unknown alert is a quote")
        << QByteArray("> [!DANGER]\n> x\n") << QByteArray("<blockquote");
    QTest::newRow("nested alert is a quote")
        << QByteArray("- > [!NOTE]\n  > x\n") << QByteArray("<blockquote");
    QTest::newRow("list without tasks unchanged")
        << QByteArray("- a\n- b\n") << QByteArray("<ul data-sourcepos=\"1:1-2:3\">\n<li");
    QTest::newRow("emphasis") << QByteArray("*a* **b**\n")
                              << QByteArray("<em>a</em> <strong>b</strong>");
    QTest::newRow("table") << QByteArray("| a | b |\n|---|:-:|\n| 1 | 2 |\n")
                           << QByteArray("<td align=\"center\" data-sourcepos=\"3:6-3:8\">2</td>");
    QTest::newRow("table header") << QByteArray("| a | b |\n|---|---|\n| 1 | 2 |\n")
                                  << QByteArray("<th data-sourcepos=\"1:2-1:4\">a</th>");
    QTest::newRow("strikethrough") << QByteArray("~~gone~~\n") << QByteArray("<del>gone</del>");
    QTest::newRow("strikethrough single tilde")
        << QByteArray("~gone~\n") << QByteArray("<del>gone</del>");
    QTest::newRow("autolink www") << QByteArray("see www.example.org\n")
                                  << QByteArray(
                                         "<a href=\"http://www.example.org\">www.example.org</a>");
    QTest::newRow("autolink url") << QByteArray("at https://example.org/a?b=c.\n")
                                  << QByteArray("<a href=\"https://example.org/a?b=c\">");
    QTest::newRow("autolink email")
        << QByteArray("mail foo@example.org\n")
        << QByteArray("<a href=\"mailto:foo@example.org\">foo@example.org</a>");
    // Math: tst_mathsyntax.
    QTest::newRow("code block: GitHub's highlighting wrapper")
        << QByteArray("```Python extra\nx < 1\n```\n")
        << QByteArray("<div class=\"highlight highlight-source-python\" "
                      "data-sourcepos=\"1:1-3:3\"><pre><code class=\"language-python\">x &lt; "
                      "1\n</code></pre></div>");
    QTest::newRow("code block: no language, no wrapper")
        << QByteArray("```\nx\n```\n")
        << QByteArray("<pre data-sourcepos=\"1:1-3:3\"><code>x\n</code></pre>");
    QTest::newRow("code block: mermaid")
        << QByteArray("```mermaid\ngraph TD; A-->B\n```\n")
        << QByteArray("<div class=\"mdp-mermaid\" data-sourcepos=\"1:1-3:3\"><pre><code "
                      "class=\"language-mermaid\">graph TD; A--&gt;B\n</code></pre></div>");
    QTest::newRow("code block: mermaid next to raw HTML keeps its class")
        << QByteArray("- <b title=\"t\">x</b>\n\n  ```mermaid\n  graph TD\n  ```\n")
        << QByteArray("<div class=\"mdp-mermaid\" data-sourcepos=\"3:3-5:5\"><pre><code "
                      "class=\"language-mermaid\">graph TD");
    QTest::newRow("tagfilter") << QByteArray("<title>x</title>\n")
                               << QByteArray("&lt;title&gt;x&lt;/title&gt;");
    QTest::newRow("tagfilter script") << QByteArray("<script>alert(1)</script>\n")
                                      << QByteArray("&lt;script&gt;alert(1)&lt;/script&gt;");
    QTest::newRow("footnote reference")
        << QByteArray("Text[^1].\n\n[^1]: Note.\n")
        << QByteArray("<sup class=\"footnote-ref\"><a href=\"#fn-1\" id=\"fnref-1\"");
    QTest::newRow("footnote section") << QByteArray("Text[^1].\n\n[^1]: Note.\n")
                                      << QByteArray("<section class=\"footnotes\" data-footnotes>");
    QTest::newRow("footnote backref")
        << QByteArray("Text[^1].\n\n[^1]: Note.\n") << QByteArray("class=\"footnote-backref\"");
    QTest::newRow("sourcepos") << QByteArray("para\n\n> q\n")
                               << QByteArray("<blockquote data-sourcepos=\"3:1-3:3\">");
    QTest::newRow("soft break is a newline, not <br>")
        << QByteArray("one\ntwo\n") << QByteArray(">one\ntwo</p>");
    QTest::newRow("hard break") << QByteArray("one  \ntwo\n") << QByteArray("one<br />");
    QTest::newRow("raw html kept")
        << QByteArray("<kbd>Ctrl</kbd>\n") << QByteArray("<kbd>Ctrl</kbd>");
    QTest::newRow("code block info") << QByteArray("```cpp\nint x;\n```\n")
                                     << QByteArray("<code class=\"language-cpp\">int x;\n</code>");
    QTest::newRow("invalid utf-8") << QByteArray("a\xff\xfe"
                                                 "b\n")
                                   << QByteArray("a\xef\xbf\xbd\xef\xbf\xbd"
                                                 "b");
    QTest::newRow("truncated utf-8 sequence")
        << QByteArray("x\xe2\x82\n") << QByteArray("x\xef\xbf\xbd");
    QTest::newRow("nul") << QByteArray("a\0b\n", 4)
                         << QByteArray("a\xef\xbf\xbd"
                                       "b");
    QTest::newRow("valid utf-8 untouched")
        << QByteArray("Grüße, 世界 🎉\n") << QByteArray("Grüße, 世界 🎉");
}

void TestRenderer::html()
{
    QFETCH(QByteArray, markdown);
    QFETCH(QByteArray, expected);
    QVERIFY(mdp::test::renderedContains(markdown, expected));
}

// Two spellings of one document render alike.
void TestRenderer::sameAs_data()
{
    QTest::addColumn<QByteArray>("markdown");
    QTest::addColumn<QByteArray>("reference");

    const QByteArray doc("# T\n\nsome *text*\nmore\n\n```\ncode\n```\n\n| a |\n|---|\n| 1 |\n");
    QByteArray crlf = doc;
    crlf.replace("\n", "\r\n");
    QTest::newRow("CRLF") << crlf << doc;
    QTest::newRow("BOM") << QByteArray("\xef\xbb\xbf") + doc << doc;
    QTest::newRow("BOM and CRLF") << QByteArray("\xef\xbb\xbf") + crlf << doc;
    QTest::newRow("no final newline") << doc.chopped(1) << doc;
}

void TestRenderer::sameAs()
{
    QFETCH(QByteArray, markdown);
    QFETCH(QByteArray, reference);
    QCOMPARE(Renderer::render(markdown).html(), Renderer::render(reference).html());
}

// Top-level headings and fences are written by the renderer itself, not by cmark's renderer as
// the same blocks in a blockquote are: the markup must be the same, to the byte, wherever the
// block stands (source positions aside, as columns differ).
void TestRenderer::topLevelBlocksWrittenAsNested_data()
{
    QTest::addColumn<QByteArray>("block");
    const auto row = [](const char *name, const char *block) {
        QTest::newRow(name) << QByteArray(block);
    };
    row("heading", "# Title\n");
    row("empty heading", "#\n");
    row("level 6", "###### Six ######\n");
    row("setext", "Title\n=====\n");
    row("two lines of setext", "Two\nlines\n---\n");
    row("escaped text", "## A & B < C > \"D\" 'E' &amp; &copy; \\* \\<\n");
    row("unicode", "## Ünïcödé — ✓ 😀\n");
    row("inline markup", "### *a* `b` [c](https://x.org) **d**\n");
    row("emoji", "# Done :white_check_mark: :+1:\n");
    row("math", "# Area $\\pi r^2$ and $`a<b`$\n");
    row("raw HTML", "# <b>bold</b> text\n");
    row("image", "# Logo ![alt](a.png)\n");
    row("hard break", "# a\\\n");
    row("code only", "# `<code> & \"more\"`\n");
    row("escapes only", "# \\# not \\*emphasis\\*\n");
    row("same heading twice", "# Twice\n# Twice\n");
    row("fence", "```python\ndef f():\n    return \"<&>\"\n```\n");
    row("fence of mermaid", "```mermaid\ngraph TD\n  A --> B\n```\n");
    row("fence of math", "```math\nx < y & z\n```\n");
    row("fence with more info", "```C++ title=x\nint a;\n```\n");
    row("tilde fence", "~~~rust\nfn main() {}\n~~~\n");
    row("empty fence", "```js\n```\n");
    row("fence without language", "```\nplain\n```\n");
}

void TestRenderer::topLevelBlocksWrittenAsNested()
{
    QFETCH(QByteArray, block);
    const auto withoutPositions = [](QByteArray html) {
        static const QRegularExpression position(QStringLiteral(" data-sourcepos=\"[^\"]*\""));
        return QString::fromUtf8(html).remove(position);
    };
    const QString topLevel = withoutPositions(Renderer::render(block).html());
    QByteArray quoted = "> " + block;
    quoted.replace("\n", "\n> ");
    quoted.chop(2);
    QString nested = withoutPositions(Renderer::render(quoted).html());
    QVERIFY2(nested.startsWith(u"<blockquote>\n") && nested.endsWith(u"</blockquote>\n"),
             qPrintable(nested));
    nested = nested.sliced(13, nested.size() - 13 - 14);
    QCOMPARE(topLevel, nested);
}

void TestRenderer::blocksCarrySourceLines()
{
    const auto result =
        Renderer::render("# One\n\npara\ngraph\n\n- a\n- b\n\n[^n]: note\n\nx[^n]\n");
    QCOMPARE(result.blocks.size(), 5); // heading, paragraph, list, paragraph, footnotes
    QCOMPARE(result.blocks[0].firstLine, 1);
    QCOMPARE(result.blocks[1].firstLine, 3);
    QCOMPARE(result.blocks[1].lastLine, 4);
    QCOMPARE(result.blocks[2].firstLine, 6);
    QVERIFY(result.blocks[2].lastLine >= 7); // cmark counts the blank line after a list
    QVERIFY(result.blocks[2].lastLine < result.blocks[3].firstLine);
    QCOMPARE(result.blocks[3].firstLine, 11);
    QVERIFY(result.blocks[4].html.startsWith("<section class=\"footnotes\""));
    QCOMPARE(result.blocks[4].firstLine, 9);
}

void TestRenderer::hashIgnoresSourcePosition()
{
    const auto before = Renderer::render("para one\n\n## Two\n");
    const auto after = Renderer::render("new first\n\npara one\n\n## Two\n");
    QCOMPARE(after.blocks.size(), 3);
    QCOMPARE(after.blocks[1].contentHash, before.blocks[0].contentHash);
    QCOMPARE(after.blocks[2].contentHash, before.blocks[1].contentHash);
    QVERIFY(after.blocks[0].contentHash != before.blocks[0].contentHash);
    QVERIFY(after.blocks[1].html != before.blocks[0].html); // the source lines did change
}

void TestRenderer::rawHtmlSpanningBlocksIsOneBlock()
{
    const auto result =
        Renderer::render("<div align=\"center\">\n\n# Logo\n\ntext\n\n</div>\n\nafter\n");
    QCOMPARE(result.blocks.size(), 2);
    QVERIFY(result.blocks[0].rawHtml);
    QVERIFY(result.blocks[0].html.startsWith("<div align=\"center\">"));
    QVERIFY(result.blocks[0].html.contains("<h1"));
    QVERIFY(result.blocks[0].html.contains("</div>"));
    QCOMPARE(result.blocks[0].firstLine, 1);
    QCOMPARE(result.blocks[0].lastLine, 7);
    QVERIFY(!result.blocks[1].rawHtml);
    QVERIFY(result.hasRawHtml);
}

void TestRenderer::headingsAreCollected()
{
    const auto result = Renderer::render("# A *b* `c`\n\ntext\n\nSub\n---\n\n> ### Quoted\n");
    QCOMPARE(result.headings.size(), 3);
    QCOMPARE(result.headings[0].level, 1);
    QCOMPARE(result.headings[0].text, QStringLiteral("A b c"));
    QCOMPARE(result.headings[0].line, 1);
    QCOMPARE(result.headings[1].level, 2);
    QCOMPARE(result.headings[1].text, QStringLiteral("Sub"));
    QCOMPARE(result.headings[2].level, 3);
    QCOMPARE(result.headings[0].id, QStringLiteral("a-b-c"));
    QCOMPARE(result.headings[1].id, QStringLiteral("sub"));
    QCOMPARE(result.headings[2].id, QStringLiteral("quoted"));
    QVERIFY(!result.hasRawHtml);
}

// Duplicates are counted over the whole document, footnotes included, and start again with the
// next render.
void TestRenderer::headingIdsArePerDocument()
{
    const QByteArray markdown("# Intro\n\n- ## Intro\n\n> # Intro\n\nx[^1]\n\n[^1]: # Intro\n");
    for (int run = 0; run < 2; ++run) {
        const auto result = Renderer::render(markdown);
        QCOMPARE(result.headings.size(), 4);
        QCOMPARE(result.headings[0].id, QStringLiteral("intro"));
        QCOMPARE(result.headings[1].id, QStringLiteral("intro-1"));
        QCOMPARE(result.headings[2].id, QStringLiteral("intro-2"));
        QCOMPARE(result.headings[3].id, QStringLiteral("intro-3"));
        QVERIFY(result.html().contains("id=\"user-content-intro-3\""));
    }
}

// The page needs one element per block that holds no raw HTML.
void TestRenderer::blocksStayOneElement()
{
    const auto result = Renderer::render("# H\n\n- [ ] t\n- [x] u\n\n1. [ ] v\n\n   w\n");
    QCOMPARE(result.blocks.size(), 3);
    QVERIFY(result.blocks[0].html.startsWith("<div class=\"markdown-heading\" data-sourcepos="));
    QVERIFY(result.blocks[0].html.endsWith("</div>\n"));
    QVERIFY(result.blocks[1].html.startsWith("<ul class=\"contains-task-list\" data-sourcepos="));
    QVERIFY(result.blocks[1].html.endsWith("</ul>\n"));
    QVERIFY(result.blocks[2].html.startsWith("<ol class=\"contains-task-list\" data-sourcepos="));
    QVERIFY(result.blocks[2].html.endsWith("</ol>\n"));
}

// A table interrupts a paragraph: the lines before its header row stay a paragraph, as on GitHub
// (github/cmark-gfm issue 180: "foo" then a table gives <p>foo</p> and the table). cmark-gfm gives
// that paragraph no position (line 0); it is a block of its own, with its lines, before the
// table's, and each is one element.
void TestRenderer::paragraphBeforeATableIsKept()
{
    const auto result = Renderer::render("Intro.\n\nSome text\nover two lines:\n| a | b |\n"
                                         "| --- | --- |\n| c | d |\n\nAfter.\n");
    QCOMPARE(result.blocks.size(), 4);
    const mdp::RenderedBlock &paragraph = result.blocks[1];
    QVERIFY2(paragraph.html.startsWith("<p data-sourcepos=") &&
                 paragraph.html.contains("Some text\nover two lines:</p>"),
             paragraph.html.constData());
    QCOMPARE(paragraph.firstLine, 3);
    QCOMPARE(paragraph.lastLine, 4);
    const mdp::RenderedBlock &table = result.blocks[2];
    QVERIFY2(table.html.startsWith("<table") && table.html.endsWith("</table>\n"),
             table.html.constData());
    QVERIFY(table.html.contains("<td data-sourcepos=\"7:"));
    QCOMPARE(table.firstLine, 5);
    QCOMPARE(table.lastLine, 7);
    QCOMPARE(result.blocks[3].firstLine, 9);
    // One line before the header row, and a delimiter row without outer pipes.
    const auto short_ = Renderer::render("foo\na | b\n--- | ---\nc | d\n");
    QCOMPARE(short_.blocks.size(), 2);
    QVERIFY(short_.blocks[0].html.contains(">foo</p>"));
    QCOMPARE(short_.blocks[0].lastLine, 1);
    QCOMPARE(short_.blocks[1].firstLine, 2);
}

void TestRenderer::nulDoesNotTruncate()
{
    const QByteArray markdown("first\0second\n\n# after the NUL\n", 31);
    const QByteArray html = Renderer::render(markdown).html();
    QVERIFY(html.contains("second"));
    QVERIFY(html.contains("after the NUL</h1>"));
}

void TestRenderer::emptyDocument()
{
    QVERIFY(Renderer::render("").blocks.isEmpty());
    QVERIFY(Renderer::render("").html().isEmpty());
    QVERIFY(Renderer::render("\n\n  \n").blocks.isEmpty());
}

void TestRenderer::rootRelativeUrlsResolveAgainstTheRepository()
{
    mdp::RenderOptions options;
    options.repositoryRoot = QStringLiteral("/home/me/my repo");
    const QByteArray html =
        Renderer::render("[a](/docs/a.md) ![i](/img/i.png) [b](//host/b) [c](c.md) [d](/x&y)\n\n"
                         "<a href=\"/raw\" title=\"t\">r</a> <img src=\"/raw.png\">\n\n"
                         "text href=\"/text\" <b title=\"q\">src=\"/t2\"</b>\n",
                         options)
            .html();
    QVERIFY(html.contains("<a href=\"file:///home/me/my%20repo/docs/a.md\">a</a>"));
    QVERIFY(html.contains("<img src=\"file:///home/me/my%20repo/img/i.png\""));
    QVERIFY(html.contains("<a href=\"//host/b\">b</a>"));
    QVERIFY(html.contains("<a href=\"c.md\">c</a>"));
    QVERIFY(html.contains("<a href=\"file:///home/me/my%20repo/x&amp;y\">d</a>"));
    QVERIFY(html.contains("<a href=\"file:///home/me/my%20repo/raw\" title=\"t\">r</a>"));
    QVERIFY(html.contains("<img src=\"file:///home/me/my%20repo/raw.png\">"));
    // Text that looks like an attribute is text.
    QVERIFY(html.contains("text href=\"/text\" <b title=\"q\">src=\"/t2\"</b>"));
    // Without a root, as for standard input, they stay as written.
    QVERIFY(Renderer::render("[a](/docs/a.md)\n").html().contains("href=\"/docs/a.md\""));
}

void TestRenderer::repositoryRootIsTheNearestFolderWithGit()
{
    QTemporaryDir dir;
    QVERIFY(QDir(dir.path()).mkpath(QStringLiteral("repo/.git")));
    QVERIFY(QDir(dir.path()).mkpath(QStringLiteral("repo/docs/deep")));
    QVERIFY(QDir(dir.path()).mkpath(QStringLiteral("plain")));
    QCOMPARE(mdp::RenderOptions::forDocument(dir.filePath(QStringLiteral("repo/docs/deep/a.md")))
                 .repositoryRoot,
             dir.filePath(QStringLiteral("repo")));
    QCOMPARE(
        mdp::RenderOptions::forDocument(dir.filePath(QStringLiteral("repo/a.md"))).repositoryRoot,
        dir.filePath(QStringLiteral("repo")));
    // A worktree's .git is a file.
    QFile gitFile(dir.filePath(QStringLiteral("repo/docs/.git")));
    QVERIFY(gitFile.open(QIODevice::WriteOnly));
    gitFile.close();
    QCOMPARE(mdp::RenderOptions::forDocument(dir.filePath(QStringLiteral("repo/docs/deep/a.md")))
                 .repositoryRoot,
             dir.filePath(QStringLiteral("repo/docs")));
}

void TestRenderer::htmlCommentsAreHidden()
{
    const QByteArray html =
        Renderer::render("<!-- hidden\n\nstill hidden -->\n\ntext <!-- inline --> more\n\n"
                         "<!-- a --><b>b</b>\n")
            .html();
    QVERIFY(!html.contains("hidden"));
    QVERIFY(!html.contains("inline"));
    QVERIFY(!html.contains("<!--"));
    QVERIFY(html.contains("<b>b</b>"));
}

void TestRenderer::htmlBlockClosedOnItsFirstLineEndsThere()
{
    const mdp::RenderResult result = Renderer::render("para\n\n<?>| b\n\nnext\n");
    QCOMPARE(result.blocks.size(), 3);
    QCOMPARE(result.blocks[1].firstLine, 3);
    QCOMPARE(result.blocks[1].lastLine, 3);
    QCOMPARE(result.blocks[2].firstLine, 5);
}

QTEST_GUILESS_MAIN(TestRenderer)
#include "tst_renderer.moc"
