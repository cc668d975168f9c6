// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/renderer.h"

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
    void blocksCarrySourceLines();
    void hashIgnoresSourcePosition();
    void rawHtmlSpanningBlocksIsOneBlock();
    void headingsAreCollected();
    void nulDoesNotTruncate();
    void emptyDocument();
};

// Markdown in, a fragment the HTML must contain.
void TestRenderer::html_data()
{
    QTest::addColumn<QByteArray>("markdown");
    QTest::addColumn<QByteArray>("expected");

    QTest::newRow("heading") << QByteArray("# Title\n") << QByteArray(">Title</h1>");
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
    QTest::newRow("tagfilter") << QByteArray("<title>x</title>\n") << QByteArray("&lt;title>");
    QTest::newRow("tagfilter script")
        << QByteArray("<script>alert(1)</script>\n") << QByteArray("&lt;script>");
    QTest::newRow("tasklist unchecked")
        << QByteArray("- [ ] todo\n") << QByteArray("<input type=\"checkbox\" disabled=\"\" />");
    QTest::newRow("tasklist checked")
        << QByteArray("- [x] done\n")
        << QByteArray("<input type=\"checkbox\" checked=\"\" disabled=\"\" />");
    QTest::newRow("footnote reference")
        << QByteArray("Text[^1].\n\n[^1]: Note.\n")
        << QByteArray("<sup class=\"footnote-ref\"><a href=\"#fn-1\" id=\"fnref-1\"");
    QTest::newRow("footnote section") << QByteArray("Text[^1].\n\n[^1]: Note.\n")
                                      << QByteArray("<section class=\"footnotes\" data-footnotes>");
    QTest::newRow("footnote backref")
        << QByteArray("Text[^1].\n\n[^1]: Note.\n") << QByteArray("class=\"footnote-backref\"");
    QTest::newRow("sourcepos") << QByteArray("para\n\n# H\n")
                               << QByteArray("<h1 data-sourcepos=\"3:1-3:3\">");
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
    const QByteArray html = Renderer::render(markdown).html();
    if (!html.contains(expected))
        qWarning().noquote() << "HTML was:" << QString::fromUtf8(html);
    QVERIFY(html.contains(expected));
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
    QVERIFY(!result.hasRawHtml);
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

QTEST_GUILESS_MAIN(TestRenderer)
#include "tst_renderer.moc"
