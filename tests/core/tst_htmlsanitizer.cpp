// SPDX-License-Identifier: GPL-3.0-or-later
// Raw HTML as GitHub allows it: what survives, what goes, and XSS vectors that must come out
// harmless.
#include "../support/rendering.h"
#include "core/html/htmlsanitizer.h"
#include "core/markdown/renderer.h"

#include <QTest>

using mdp::HtmlSanitizer;
using mdp::Renderer;

class TestHtmlSanitizer final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void deepNestingDoesNotOverflowTheStack();
    void kept_data();
    void kept();
    void xss_data();
    void xss();
    void rendererSanitizesRawHtmlBlocks();
    void rendererChecksMarkdownUrls_data();
    void rendererChecksMarkdownUrls();
    void blocksWithoutRawHtmlAreUntouched();
    void checkNeeded_data();
    void checkNeeded();
    void plainRawHtmlSkipsTheParser();
};

// HTML in, the exact HTML out.
void TestHtmlSanitizer::kept_data()
{
    QTest::addColumn<QByteArray>("html");
    QTest::addColumn<QByteArray>("expected");

    auto same = [](const char *name, const char *html) {
        QTest::newRow(name) << QByteArray(html) << QByteArray(html);
    };
    same("details", "<details open=\"\"><summary>More</summary><p>Text</p></details>");
    same("p align", "<p align=\"center\">x</p>");
    same("div align", "<div align=\"right\">x</div>");
    same("img", "<img src=\"logo.png\" alt=\"Logo\" width=\"100\" height=\"50\" align=\"left\">");
    same("picture", "<picture><source media=\"(prefers-color-scheme: dark)\" srcset=\"dark.png\">"
                    "<img src=\"light.png\"></picture>");
    same("kbd sub sup", "<kbd>Ctrl</kbd><sub>2</sub><sup>3</sup>");
    same("ins del", "<ins>new</ins><del>old</del>");
    same("br hr", "a<br>b<hr>");
    same("table", "<table><thead><tr><th align=\"left\">h</th></tr></thead><tbody><tr><td "
                  "colspan=\"2\">c</td></tr></tbody></table>");
    same("a href", "<a href=\"https://example.org/?a=1&amp;b=2\">x</a>");
    same("a relative", "<a href=\"docs/other.md#part\">x</a>");
    same("a fragment", "<a href=\"#section\">x</a>");
    same("a mailto", "<a href=\"mailto:a@example.org\">x</a>");
    same("headings", "<h1>1</h1><h3>3</h3><h6>6</h6>");
    same("lists", "<ul><li>a</li></ul><ol start=\"3\"><li>b</li></ol>");
    same("code pre", "<pre><code class=\"language-cpp\">int x;</code></pre>");
    same("inline formatting", "<b>b</b><i>i</i><strong>s</strong><em>e</em><s>s</s>"
                              "<strike>k</strike><tt>t</tt>");
    same("blockquote", "<blockquote cite=\"https://example.org\">q</blockquote>");
    same("dl", "<dl><dt>t</dt><dd>d</dd></dl>");
    same("ruby", "<ruby>漢<rp>(</rp><rt>kan</rt><rp>)</rp></ruby>");
    same("q cite samp var", "<q>q</q><cite>c</cite><samp>s</samp><var>v</var>");
    same("abbr mark small", "<abbr title=\"HyperText\">HTML</abbr><mark>m</mark><small>s</small>");
    same("data image", "<img src=\"data:image/png;base64,iVBORw0KGgo=\">");
    same("our heading markup", "<div class=\"markdown-heading\" data-sourcepos=\"1:1-1:3\"><h1 "
                               "class=\"heading-element\">T</h1><a id=\"user-content-t\" "
                               "class=\"anchor\" aria-label=\"Permalink: T\" href=\"#t\"><svg "
                               "class=\"octicon octicon-link\" viewBox=\"0 0 16 16\" "
                               "width=\"16\" height=\"16\" aria-hidden=\"true\"><path "
                               "d=\"M0 0h16v16z\"></path></svg></a></div>");
    same("our task list", "<ul class=\"contains-task-list\"><li class=\"task-list-item\"><input "
                          "type=\"checkbox\" class=\"task-list-item-checkbox\" checked=\"\" "
                          "disabled=\"\"> t</li></ul>");
    same("footnotes", "<section class=\"footnotes\" data-footnotes=\"\"><ol><li "
                      "id=\"user-content-fn-1\"><a href=\"#fnref-1\" class=\"footnote-backref\" "
                      "data-footnote-backref=\"\" aria-label=\"Back\">↩</a></li></ol></section>");
    same("escaped text", "a &lt; b &amp;&amp; c &gt; d \"q\"");

    QTest::newRow("id and name prefixed")
        << QByteArray("<a name=\"top\" id=\"x\">t</a>")
        << QByteArray("<a name=\"user-content-top\" id=\"user-content-x\">t</a>");
    QTest::newRow("classes of documents dropped") << QByteArray("<p class=\"big anchor red\">x</p>")
                                                  << QByteArray("<p class=\"anchor\">x</p>");
    QTest::newRow("unknown element unwrapped")
        << QByteArray("<center><font color=\"red\">x</font></center>") << QByteArray("x");
    QTest::newRow("style attribute dropped")
        << QByteArray("<p style=\"color: red\">x</p>") << QByteArray("<p>x</p>");
    QTest::newRow("comment dropped") << QByteArray("a<!-- hidden -->b") << QByteArray("ab");
    QTest::newRow("unclosed tags closed")
        << QByteArray("<div><p>a<b>b") << QByteArray("<div><p>a<b>b</b></p></div>");
    QTest::newRow("stray end tag") << QByteArray("a</div>b") << QByteArray("ab");
    QTest::newRow("entities decoded and escaped again")
        << QByteArray("<p title=\"&quot;x&quot; &lt;\">&copy; &#x3c;</p>")
        << QByteArray("<p title=\"&quot;x&quot; &lt;\">© &lt;</p>");
    QTest::newRow("pre keeps a leading blank line")
        << QByteArray("<pre>\n\nx</pre>") << QByteArray("<pre>\n\nx</pre>");
}

void TestHtmlSanitizer::kept()
{
    QFETCH(QByteArray, html);
    QFETCH(QByteArray, expected);
    QCOMPARE(HtmlSanitizer::sanitize(html), expected);
}

// Attack in, the exact harmless HTML out.
void TestHtmlSanitizer::xss_data()
{
    QTest::addColumn<QByteArray>("html");
    QTest::addColumn<QByteArray>("expected");

    auto row = [](const char *name, const char *html, const char *expected) {
        QTest::newRow(name) << QByteArray(html) << QByteArray(expected);
    };
    row("script", "<script>alert(1)</script>x", "x");
    row("script uppercase", "<SCRIPT SRC=//evil.example/x.js></SCRIPT>x", "x");
    row("script in attribute-less nest", "<div><script>alert(1)</script></div>", "<div></div>");
    row("style element", "<style>body{display:none}</style>x", "x");
    row("iframe", "<iframe src=\"https://evil.example\"></iframe>x", "x");
    row("object", "<object data=\"evil.swf\"><param name=\"a\" value=\"b\"></object>x", "x");
    row("embed", "<embed src=\"evil.swf\">x", "x");
    row("form",
        "<form action=\"https://evil.example\"><button formaction=\"javascript:alert(1)\">"
        "go</button><input name=\"q\"></form>",
        "go");
    row("onerror", "<img src=\"x\" onerror=\"alert(1)\">", "<img src=\"x\">");
    row("onload on svg", "<svg onload=\"alert(1)\"></svg>x", "<svg></svg>x");
    row("onclick", "<p onclick=\"alert(1)\">x</p>", "<p>x</p>");
    row("onmouseover unquoted", "<a onmouseover=alert(1)>x</a>", "<a>x</a>");
    row("event handler without space", "<img/src=\"x\"/onerror=alert(1)>", "<img src=\"x\">");
    row("javascript href", "<a href=\"javascript:alert(1)\">x</a>", "<a>x</a>");
    row("javascript href upper case", "<a href=\"JaVaScRiPt:alert(1)\">x</a>", "<a>x</a>");
    row("javascript href entity", "<a href=\"jav&#x61;script:alert(1)\">x</a>", "<a>x</a>");
    row("javascript href decimal entity", "<a href=\"&#106;avascript:alert(1)\">x</a>", "<a>x</a>");
    row("javascript href tab", "<a href=\"java&#9;script:alert(1)\">x</a>", "<a>x</a>");
    row("javascript href newline", "<a href=\"java\nscript:alert(1)\">x</a>", "<a>x</a>");
    row("javascript href leading space", "<a href=\" &#x20;javascript:alert(1)\">x</a>",
        "<a>x</a>");
    row("vbscript href", "<a href=\"vbscript:msgbox(1)\">x</a>", "<a>x</a>");
    row("data html href", "<a href=\"data:text/html,<script>alert(1)</script>\">x</a>", "<a>x</a>");
    row("javascript img src", "<img src=\"javascript:alert(1)\">", "<img>");
    row("data svg img", "<img src=\"data:image/svg+xml;base64,PHN2Zz4=\">", "<img>");
    row("javascript srcset", "<img srcset=\"javascript:alert(1) 1x\">", "<img>");
    row("javascript in second srcset candidate",
        "<picture><source srcset=\"a.png 1x, javascript:alert(1) 2x\"><img src=\"a.png\">"
        "</picture>",
        "<picture><source><img src=\"a.png\"></picture>");
    row("formaction", "<button formaction=\"javascript:alert(1)\">x</button>", "x");
    row("action", "<div action=\"javascript:alert(1)\">x</div>", "<div>x</div>");
    row("xlink href in svg", "<svg><a xlink:href=\"javascript:alert(1)\"><text>x</text></a></svg>",
        "<svg></svg>");
    row("svg script", "<svg><script>alert(1)</script><path d=\"M0 0\"></path></svg>",
        "<svg><path d=\"M0 0\"></path></svg>");
    row("svg foreignObject",
        "<svg><foreignObject><img src=x onerror=alert(1)></foreignObject>"
        "</svg>",
        "<svg></svg>");
    row("svg animate", "<svg><animate attributeName=\"href\" to=\"javascript:alert(1)\"/></svg>",
        "<svg></svg>");
    row("mathml", "<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>", "");
    row("mathml href", "<math href=\"javascript:alert(1)\">x</math>", "");
    row("meta refresh", "<meta http-equiv=\"refresh\" content=\"0;url=javascript:alert(1)\">x",
        "x");
    row("base href", "<base href=\"javascript:alert(1)//\">x", "x");
    row("link stylesheet", "<link rel=\"stylesheet\" href=\"https://evil.example/x.css\">x", "x");
    row("template", "<template><img src=x onerror=alert(1)></template>x", "x");
    row("noscript", "<noscript><p title=\"</noscript><img src=x onerror=alert(1)>\"></noscript>",
        "");
    row("textarea breakout", "<textarea><img src=x onerror=alert(1)></textarea>", "");
    row("broken attribute quote", "<img src=\"x\" alt=\"a\"onerror=\"alert(1)\">",
        "<img src=\"x\" alt=\"a\">");
    row("nested broken tags", "<<script>script>alert(1)<</script>/script>", "&lt;/script&gt;");
    row("comment trick", "<!--><img src=x onerror=alert(1)>-->", "<img src=\"x\">--&gt;");
    row("attribute breaks out of quotes", "<p title='\"><script>alert(1)</script>'>x</p>",
        "<p title=\"&quot;&gt;&lt;script&gt;alert(1)&lt;/script&gt;\">x</p>");
    row("style attribute expression", "<div style=\"background:url(javascript:alert(1))\">x</div>",
        "<div>x</div>");
    row("forged task box", "<input type=\"checkbox\" onclick=\"alert(1)\">x", "x");
    row("forged task box keeps no handler",
        "<input type=\"text\" class=\"task-list-item-checkbox\" onfocus=\"alert(1)\" autofocus>",
        "<input type=\"text\" class=\"task-list-item-checkbox\" disabled=\"\">");
    row("blockquote cite javascript", "<blockquote cite=\"javascript:alert(1)\">q</blockquote>",
        "<blockquote>q</blockquote>");
    row("id clobbering", "<img name=\"getElementById\" id=\"body\">",
        "<img name=\"user-content-getElementById\" id=\"user-content-body\">");
}

void TestHtmlSanitizer::xss()
{
    QFETCH(QByteArray, html);
    QFETCH(QByteArray, expected);
    QCOMPARE(HtmlSanitizer::sanitize(html), expected);
}

void TestHtmlSanitizer::rendererSanitizesRawHtmlBlocks()
{
    const auto result = Renderer::render(
        "<div align=\"center\" onclick=\"x()\">\n\n# Logo\n\n<img src=\"javascript:x\">\n\n</div>\n"
        "\nText <kbd onclick=\"x()\">k</kbd>\n");
    QCOMPARE(result.blocks.size(), 2);
    const QByteArray group = result.blocks[0].html;
    QVERIFY(group.startsWith("<div align=\"center\">"));
    QVERIFY(group.contains("<div class=\"markdown-heading\" data-sourcepos=\"3:1-3:6\">"));
    QVERIFY(group.contains("<a id=\"user-content-logo\" class=\"anchor\""));
    QVERIFY(group.contains("<svg class=\"octicon octicon-link\""));
    QVERIFY(!group.contains("javascript"));
    QVERIFY(!group.contains("onclick"));
    QCOMPARE(result.blocks[1].html, QByteArray("<p data-sourcepos=\"9:1-9:31\">Text "
                                               "<kbd>k</kbd></p>\n"));
    // The hash is of what the page gets.
    const auto clean = Renderer::render("Text <kbd>k</kbd>\n");
    QCOMPARE(clean.blocks[0].contentHash, result.blocks[1].contentHash);
}

void TestHtmlSanitizer::rendererChecksMarkdownUrls_data()
{
    QTest::addColumn<QByteArray>("markdown");
    QTest::addColumn<QByteArray>("expected");

    QTest::newRow("javascript link")
        << QByteArray("[x](javascript:alert(1))\n") << QByteArray("<a href=\"\">x</a>");
    QTest::newRow("entity-encoded javascript link")
        << QByteArray("[x](jav&#x61;script:alert(1))\n") << QByteArray("<a href=\"\">x</a>");
    QTest::newRow("vbscript link")
        << QByteArray("[x](VBScript:msgbox)\n") << QByteArray("<a href=\"\">x</a>");
    QTest::newRow("file link") << QByteArray("[x](file:///etc/passwd)\n")
                               << QByteArray("<a href=\"\">x</a>");
    QTest::newRow("data link") << QByteArray("[x](data:text/html;base64,PHNjcmlwdD4=)\n")
                               << QByteArray("<a href=\"\">x</a>");
    QTest::newRow("javascript image")
        << QByteArray("![x](javascript:alert(1))\n") << QByteArray("<img src=\"\" alt=\"x\" />");
    QTest::newRow("data png image") << QByteArray("![x](data:image/png;base64,iVBO)\n")
                                    << QByteArray("<img src=\"data:image/png;base64,iVBO\"");
    QTest::newRow("data svg image") << QByteArray("![x](data:image/svg+xml;base64,PHN2Zz4=)\n")
                                    << QByteArray("<img src=\"\" alt=\"x\" />");
    QTest::newRow("reference link")
        << QByteArray("[x][r]\n\n[r]: javascript:alert(1)\n") << QByteArray("<a href=\"\">x</a>");
    QTest::newRow("https kept") << QByteArray("[x](https://example.org)\n")
                                << QByteArray("<a href=\"https://example.org\">x</a>");
    QTest::newRow("relative kept")
        << QByteArray("[x](docs/a.md)\n") << QByteArray("<a href=\"docs/a.md\">x</a>");
}

void TestHtmlSanitizer::rendererChecksMarkdownUrls()
{
    QFETCH(QByteArray, markdown);
    QFETCH(QByteArray, expected);
    QVERIFY(mdp::test::renderedContains(markdown, expected));
}

// Without raw HTML a block is exactly what cmark and the passes print (self-closing tags and
// all): the sanitizer did not run on it.
void TestHtmlSanitizer::blocksWithoutRawHtmlAreUntouched()
{
    const auto result = Renderer::render("a  \nb ![i](i.png)\n");
    QVERIFY(!result.blocks[0].rawHtml);
    QVERIFY(result.blocks[0].html.contains("<br />"));
    QVERIFY(result.blocks[0].html.contains("<img src=\"i.png\" alt=\"i\" />"));
}

// Which raw HTML may skip the parser: bare tags the allowlist keeps, and text; nothing else.
void TestHtmlSanitizer::checkNeeded_data()
{
    using Check = HtmlSanitizer::Check;
    QTest::addColumn<QByteArray>("html");
    QTest::addColumn<Check>("expected");

    QTest::newRow("kbd") << QByteArray("<kbd>") << Check::Plain;
    QTest::newRow("closing kbd") << QByteArray("</kbd>") << Check::Plain;
    QTest::newRow("upper case") << QByteArray("<KBD>Ctrl</KBD>") << Check::Plain;
    QTest::newRow("br self-closing") << QByteArray("<br/>") << Check::Plain;
    QTest::newRow("br with space") << QByteArray("<br />") << Check::Plain;
    QTest::newRow("details block")
        << QByteArray("<details>\n<summary>More <code>&lt;x&gt;</code></summary>\n")
        << Check::Plain;
    QTest::newRow("closing with space") << QByteArray("</details >") << Check::Plain;
    QTest::newRow("attribute") << QByteArray("<p align=\"center\">") << Check::Sanitize;
    QTest::newRow("unquoted attribute") << QByteArray("<p align=center>") << Check::Sanitize;
    QTest::newRow("slash handler") << QByteArray("<kbd/onclick=alert(1)>") << Check::Sanitize;
    QTest::newRow("tab then handler") << QByteArray("<kbd\tonclick=x>") << Check::Sanitize;
    QTest::newRow("comment") << QByteArray("<!-- note -->") << Check::Sanitize;
    QTest::newRow("comment breaking out")
        << QByteArray("<!--><img src=x onerror=alert(1)>-->") << Check::Sanitize;
    QTest::newRow("script") << QByteArray("<script>") << Check::Sanitize;
    QTest::newRow("style") << QByteArray("<style>") << Check::Sanitize;
    QTest::newRow("svg") << QByteArray("<svg>") << Check::Sanitize;
    QTest::newRow("math") << QByteArray("<math>") << Check::Sanitize;
    QTest::newRow("textarea") << QByteArray("<textarea>") << Check::Sanitize;
    QTest::newRow("title") << QByteArray("<title>") << Check::Sanitize;
    QTest::newRow("iframe") << QByteArray("<iframe>") << Check::Sanitize;
    QTest::newRow("unknown element") << QByteArray("<blink>") << Check::Sanitize;
    QTest::newRow("custom element") << QByteArray("<x-widget>") << Check::Sanitize;
    QTest::newRow("stray less-than") << QByteArray("a < b") << Check::Sanitize;
    QTest::newRow("unfinished tag") << QByteArray("<kbd") << Check::Sanitize;
    QTest::newRow("doctype") << QByteArray("<!DOCTYPE html>") << Check::Sanitize;
    QTest::newRow("processing instruction") << QByteArray("<?php x ?>") << Check::Sanitize;
    QTest::newRow("cdata") << QByteArray("<![CDATA[x]]>") << Check::Sanitize;
}

void TestHtmlSanitizer::checkNeeded()
{
    QFETCH(QByteArray, html);
    QFETCH(HtmlSanitizer::Check, expected);
    QCOMPARE(HtmlSanitizer::checkNeeded(html), expected);
}

// A block whose raw HTML is bare allowed tags reaches the page as cmark printed it, wrapped as
// raw HTML; one tag with an attribute sends the whole block through the sanitizer.
void TestHtmlSanitizer::plainRawHtmlSkipsTheParser()
{
    const auto plain = Renderer::render("Press <kbd>Ctrl</kbd>  \nnow\n");
    QVERIFY(plain.blocks[0].rawHtml);
    QVERIFY(plain.hasRawHtml);
    QVERIFY(plain.blocks[0].html.contains("<br />")); // cmark's spelling: no parser ran
    QVERIFY(plain.blocks[0].html.contains("<kbd>Ctrl</kbd>"));

    const auto mixed = Renderer::render("Press <kbd>Ctrl</kbd>  \n<b onclick=\"x()\">now</b>\n");
    QVERIFY(mixed.blocks[0].rawHtml);
    QVERIFY(!mixed.blocks[0].html.contains("onclick"));
    QVERIFY(mixed.blocks[0].html.contains("<br>")); // the serializer's spelling
}

// Found by the pathological benchmark: 40,000 nested elements overflowed the stack of a
// recursive writer (and gumbo frees its tree recursively too).
void TestHtmlSanitizer::deepNestingDoesNotOverflowTheStack()
{
    const QByteArray html = "<div>" + QByteArray("<span title=\"t\">").repeated(200000) + "x";
    const QByteArray clean = HtmlSanitizer::sanitize(html);
    QVERIFY(clean.startsWith("<div><span title=\"t\"><span title=\"t\">"));
    QVERIFY(clean.contains("\"t\">x</span></span>"));
    QVERIFY(clean.endsWith("</span></span></div>"));
    QCOMPARE(clean.count("</span>"), 200000);
    QVERIFY(!mdp::Renderer::render(QByteArray(html + '\n')).html().isEmpty());
}

QTEST_GUILESS_MAIN(TestHtmlSanitizer)
#include "tst_htmlsanitizer.moc"
