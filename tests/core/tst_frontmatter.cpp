// SPDX-License-Identifier: GPL-3.0-or-later
// YAML front matter as GitHub shows it. The expected markup and values are GitHub's own output,
// recorded from its Markdown API by the fixtures of rehype-github's yaml-metadata package
// (github.com/rehypejs/rehype-github, packages/yaml-metadata/test/fixtures: the .md and .html
// files named in each row).
#include "../support/rendering.h"
#include "core/markdown/renderer.h"
#include "core/markdown/yamlscalar.h"

#include <QTest>

using mdp::Renderer;

class TestFrontMatter final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void table_data();
    void table();
    void notFrontMatter_data();
    void notFrontMatter();
    void scalars_data();
    void scalars();
    void invalidYamlIsShownAsCode_data();
    void invalidYamlIsShownAsCode();
    void linesAfterTheFrontMatterKeepTheirNumbers();
    void aliasesCannotBlowTheTableUp();
};

void TestFrontMatter::table_data()
{
    QTest::addColumn<QByteArray>("markdown");
    QTest::addColumn<QByteArray>("expected");

    // yaml.md
    QTest::newRow("one key") << QByteArray("---\nkey: value\n---\n")
                             << QByteArray("<table data-sourcepos=\"1:1-3:3\">\n  <thead>\n  "
                                           "<tr>\n  <th>key</th>\n  </tr>\n  </thead>\n  "
                                           "<tbody>\n  <tr>\n  <td><div>value</div></td>\n  "
                                           "</tr>\n  </tbody>\n</table>\n");
    // and-stuff-no-blank-line.md: the Markdown right after the closing line is Markdown.
    QTest::newRow("markdown right after")
        << QByteArray("---\ntitle: A great title\n---\n**Well _hello_ there!**\n")
        << QByteArray("</table>\n<p data-sourcepos=\"4:1-4:23\"><strong>Well <em>hello</em> "
                      "there!</strong></p>");
    // space.md, tab.md
    QTest::newRow("spaces after the opening line")
        << QByteArray("---  \nkey: value\n---\n") << QByteArray("<th>key</th>");
    QTest::newRow("tabs after the opening line")
        << QByteArray("---\t\t\nkey: value\n---\n") << QByteArray("<th>key</th>");
    // data-array-json.md: a list is a table of one row.
    QTest::newRow("list value")
        << QByteArray("---\ncategories: [\"a\", \"b\"]\n---\n\ne\n")
        << QByteArray("  <td><div><table>\n  <tbody>\n  <tr>\n  <td><div>a</div></td>\n  "
                      "<td><div>b</div></td>\n  </tr>\n  </tbody>\n</table>\n</div></td>\n");
    // data-object.md: a mapping is a table with its keys as the head.
    QTest::newRow("map value")
        << QByteArray("---\nobject:\n  deep: object\n---\n")
        << QByteArray("<td><div><table>\n  <thead>\n  <tr>\n  <th>deep</th>\n  </tr>\n  "
                      "</thead>\n  <tbody>\n  <tr>\n  <td><div>object</div></td>\n  </tr>\n  "
                      "</tbody>\n</table>\n</div></td>");
    QTest::newRow("list of maps in a map")
        << QByteArray("---\narray:\n- another:\n  - array\n---\n")
        << QByteArray("<td><div><table>\n  <tbody>\n  <tr>\n  <td><div><table>\n  <thead>\n  "
                      "<tr>\n  <th>another</th>");
    // data-object-wo-value.md
    QTest::newRow("empty values") << QByteArray("---\na: 1\nb:\nc: ''\n---\n")
                                  << QByteArray("<td><div>1</div></td>\n  <td><div></div></td>\n"
                                                "  <td><div></div></td>");
    // data-dupe.md: one column, the last value.
    QTest::newRow("key given twice")
        << QByteArray("---\nfoo: bar\nfoo: baz\n---\n")
        << QByteArray("<th>foo</th>\n  </tr>\n  </thead>\n  <tbody>\n  <tr>\n  "
                      "<td><div>baz</div></td>\n  </tr>");
    // data-objects-in-array.md: a folded plain scalar over two lines.
    QTest::newRow("folded scalar") << QByteArray("---\ne:\n    Ipsum dolor\n    sit amet.\n---\n")
                                   << QByteArray("<td><div>Ipsum dolor sit amet.</div></td>");
    QTest::newRow("values are text, not HTML")
        << QByteArray("---\n\"<b>\": <script>x</script> & co\n---\n")
        << QByteArray("<th>&lt;b&gt;</th>") + "\n  </tr>\n  </thead>\n  <tbody>\n  <tr>\n  "
                                              "<td><div>&lt;script&gt;x&lt;/script&gt; &amp; "
                                              "co</div></td>";
    QTest::newRow("CRLF") << QByteArray("---\r\nkey: value\r\n---\r\n\r\ntext\r\n")
                          << QByteArray("<td><div>value</div></td>");
    QTest::newRow("a rule later is Markdown")
        << QByteArray("---\na: b\n---\n\ntext\n\n---\n") << QByteArray("<hr");
}

void TestFrontMatter::table()
{
    QFETCH(QByteArray, markdown);
    QFETCH(QByteArray, expected);
    QVERIFY(mdp::test::renderedContains(markdown, expected));
    const mdp::RenderResult result = Renderer::render(markdown);
    QVERIFY(result.blocks.first().html.startsWith("<table data-sourcepos=\"1:1-"));
    QVERIFY(result.diagnostic.isEmpty());
}

// What GitHub leaves to Markdown: a rule and a heading, or a paragraph.
void TestFrontMatter::notFrontMatter_data()
{
    QTest::addColumn<QByteArray>("markdown");
    QTest::addColumn<QByteArray>("expected");
    QTest::newRow("empty.md") << QByteArray("---\n---\n") << QByteArray("<hr");
    QTest::newRow("whitespace-inside.md")
        << QByteArray("---\n  \n\t\t\n---\n") << QByteArray("<hr");
    QTest::newRow("data-array.md") << QByteArray("---\n- 1\n- 2\n---\n") << QByteArray("<li");
    QTest::newRow("data-boolean.md") << QByteArray("---\nfalse\n---\n")
                                     << QByteArray("<h2 class=\"heading-element\">false</h2>");
    QTest::newRow("data-number.md") << QByteArray("---\n123.456\n---\n")
                                    << QByteArray("<h2 class=\"heading-element\">123.456</h2>");
    QTest::newRow("data-string.md") << QByteArray("---\n\"asd\"\n---\n")
                                    << QByteArray("<h2 class=\"heading-element\">&quot;asd&quot;");
    QTest::newRow("lang.md") << QByteArray("---yaml\nkey: value\n---\n")
                             << QByteArray(
                                    "<h2 class=\"heading-element\">---yaml\nkey: value</h2>");
    QTest::newRow("no-opening-line.md") << QByteArray("key: value\n---\n")
                                        << QByteArray("<h2 class=\"heading-element\">key: value");
    QTest::newRow("opening-line.md") << QByteArray("---\n") << QByteArray("<hr");
    QTest::newRow("toml.md") << QByteArray("+++\nkey = \"Value\"\n+++\n")
                             << QByteArray("<p data-sourcepos=\"1:1-3:3\">+++");
    QTest::newRow("never closed") << QByteArray("---\na: b\n") << QByteArray("<hr");
    QTest::newRow("not on the first line") << QByteArray("\n---\na: b\n---\n") << QByteArray("<hr");
}

void TestFrontMatter::notFrontMatter()
{
    QFETCH(QByteArray, markdown);
    QFETCH(QByteArray, expected);
    QVERIFY(mdp::test::renderedContains(markdown, expected));
    const QByteArray html = Renderer::render(markdown).html();
    QVERIFY(!html.contains("<table"));
    QVERIFY(!html.contains("flash-error"));
}

// Plain scalars as GitHub prints them (Ruby's Psych reading YAML 1.1).
void TestFrontMatter::scalars_data()
{
    QTest::addColumn<QByteArray>("yaml");
    QTest::addColumn<QByteArray>("shown");
    // data-booleans.md: y and n stay letters; every other spelling is true or false.
    for (const char *yes : {"true", "True", "TRUE", "yes", "on"})
        QTest::addRow("%s", yes) << QByteArray(yes) << QByteArray("true");
    for (const char *no : {"false", "False", "FALSE", "no", "off"})
        QTest::addRow("%s", no) << QByteArray(no) << QByteArray("false");
    QTest::newRow("y") << QByteArray("y") << QByteArray("y");
    QTest::newRow("n") << QByteArray("n") << QByteArray("n");
    // data-object.md
    QTest::newRow("null") << QByteArray("null") << QByteArray();
    QTest::newRow("tilde") << QByteArray("~") << QByteArray();
    QTest::newRow("date") << QByteArray("2021-01-01") << QByteArray("2021-01-01");
    QTest::newRow("time without a zone: GitHub's servers' zone")
        << QByteArray("2021-01-01 12:02:03") << QByteArray("2021-01-01 04:02:03 -0800");
    QTest::newRow("time in summer")
        << QByteArray("2021-07-01 12:02:03") << QByteArray("2021-07-01 05:02:03 -0700");
    QTest::newRow("time -5") << QByteArray("2021-01-01 12:02:03 -5")
                             << QByteArray("2021-01-01 12:02:03 -0500");
    QTest::newRow("time +5") << QByteArray("2021-01-01 12:02:03 +5")
                             << QByteArray("2021-01-01 12:02:03 +0500");
    QTest::newRow("time UTC") << QByteArray("2021-01-01T12:02:03Z")
                              << QByteArray("2021-01-01 12:02:03 UTC");
    QTest::newRow("integer") << QByteArray("2") << QByteArray("2");
    // data-objects-in-array.md
    QTest::newRow("float") << QByteArray("251.42") << QByteArray("251.42");
    // Psych's integer and float rules.
    QTest::newRow("float with a zero") << QByteArray("2.50") << QByteArray("2.5");
    QTest::newRow("whole float") << QByteArray("3.") << QByteArray("3.0");
    QTest::newRow("big float") << QByteArray("1.5e+20") << QByteArray("1.5e+20");
    QTest::newRow("small float") << QByteArray("0.00001") << QByteArray("1.0e-05");
    QTest::newRow("exponent without a sign is text") << QByteArray("1e3") << QByteArray("1e3");
    QTest::newRow("infinity") << QByteArray(".inf") << QByteArray("Infinity");
    QTest::newRow("not a number") << QByteArray(".NaN") << QByteArray("NaN");
    QTest::newRow("hex") << QByteArray("0x1A") << QByteArray("26");
    QTest::newRow("octal") << QByteArray("010") << QByteArray("8");
    QTest::newRow("binary") << QByteArray("0b101") << QByteArray("5");
    QTest::newRow("underscores") << QByteArray("1_000") << QByteArray("1000");
    QTest::newRow("commas") << QByteArray("1,000") << QByteArray("1000");
    QTest::newRow("base 60") << QByteArray("1:30") << QByteArray("90");
    QTest::newRow("version number") << QByteArray("1.2.3") << QByteArray("1.2.3");
    QTest::newRow("words") << QByteArray("hello world") << QByteArray("hello world");
    QTest::newRow("long word starting like a boolean")
        << QByteArray("yesterday") << QByteArray("yesterday");
}

void TestFrontMatter::scalars()
{
    QFETCH(QByteArray, yaml);
    QFETCH(QByteArray, shown);
    QCOMPARE(mdp::YamlScalar::plainText(yaml), shown);
    // Quoted, a scalar is a string and shows as written.
    const QByteArray html = Renderer::render(QByteArray("---\nk: \"" + yaml + "\"\n---\n")).html();
    QVERIFY2(html.contains(QByteArray("<td><div>" + yaml + "</div></td>")), html.constData());
}

// parse-error.md, parse-error-tab-map.md, blockquote.md: GitHub says "Error in user YAML: " and
// the parser's message, then shows the front matter, fences included, as YAML code. GitHub's
// parser is libyaml and its words differ from yaml-cpp's: the frame is checked, and the line the
// status bar names is where yaml-cpp stopped (libyaml stops a line earlier in parse-error.md).
void TestFrontMatter::invalidYamlIsShownAsCode_data()
{
    QTest::addColumn<QByteArray>("markdown");
    QTest::addColumn<int>("lastLine");
    QTest::addColumn<int>("errorLine");
    QTest::newRow("parse-error.md")
        << QByteArray("---\ntitle: Looks innocuous...\nexcept\n- it's not\n---\n\n_Raw_ content "
                      "should be represented.\n")
        << 5 << 4;
    QTest::newRow("parse-error-tab-map.md") << QByteArray("---\na:\n\t1\nb:\n\t2\n---\n") << 6 << 3;
    QTest::newRow("unclosed flow") << QByteArray("---\ntitle: [unclosed\n---\n") << 3 << 3;
    QTest::newRow("mapping in a plain value")
        << QByteArray("---\nname: x\ndescription: a: b\n---\n") << 4 << 3;
}

void TestFrontMatter::invalidYamlIsShownAsCode()
{
    QFETCH(QByteArray, markdown);
    QFETCH(int, lastLine);
    QFETCH(int, errorLine);
    const mdp::RenderResult result = Renderer::render(markdown);
    const QByteArray html = result.html();
    QVERIFY2(
        html.startsWith(QByteArray("<div data-sourcepos=\"1:1-" + QByteArray::number(lastLine) +
                                   ":3\"><div class=\"flash flash-error mb-3\">Error in "
                                   "user YAML: (&lt;unknown&gt;): ")),
        html.constData());
    QVERIFY(html.contains("</div><div class=\"highlight highlight-source-yaml\"><pre><code "
                          "class=\"language-yaml\">---\n"));
    const qsizetype code = html.indexOf("<code");
    QVERIFY(html.indexOf("---\n</code></pre></div></div>\n", code) > code);
    // Never a heading or a rule made of the YAML.
    QVERIFY(!html.contains("<h2"));
    QVERIFY(!html.contains("<hr"));
    QCOMPARE(result.blocks.first().firstLine, 1);
    QCOMPARE(result.blocks.first().lastLine, lastLine);
    // The status bar's words name the line of the document.
    QVERIFY2(result.diagnostic.contains(QStringLiteral("(line %1,").arg(errorLine)),
             qPrintable(result.diagnostic));
}

void TestFrontMatter::linesAfterTheFrontMatterKeepTheirNumbers()
{
    const mdp::RenderResult result =
        Renderer::render("---\ntitle: T\ntags: [a, b]\n---\n\n# Heading\n\ntext\n");
    QCOMPARE(result.blocks.size(), 3);
    QCOMPARE(result.blocks[0].firstLine, 1);
    QCOMPARE(result.blocks[0].lastLine, 4);
    QCOMPARE(result.blocks[1].firstLine, 6);
    QCOMPARE(result.blocks[2].firstLine, 8);
    QCOMPARE(result.headings.size(), 1);
    QCOMPARE(result.headings[0].line, 6);
    QVERIFY(result.blocks[1].html.contains("data-sourcepos=\"6:1-6:9\""));
    // An edit in the front matter changes its block and no other.
    const mdp::RenderResult edited =
        Renderer::render("---\ntitle: U\ntags: [a, b]\n---\n\n# Heading\n\ntext\n");
    QVERIFY(edited.blocks[0].contentHash != result.blocks[0].contentHash);
    QCOMPARE(edited.blocks[1].contentHash, result.blocks[1].contentHash);
}

// "Billion laughs": each level repeats the one before ten times.
void TestFrontMatter::aliasesCannotBlowTheTableUp()
{
    QByteArray yaml("a: &a [x, x, x, x, x, x, x, x, x, x]\n");
    char previous = 'a';
    for (char level = 'b'; level <= 'i'; ++level) {
        yaml += QByteArray(QByteArray(1, level) + ": &" + level + " [");
        for (int i = 0; i < 10; ++i)
            yaml += QByteArray(i ? ", *" : "*") + previous;
        yaml += "]\n";
        previous = level;
    }
    const mdp::RenderResult result = Renderer::render(QByteArray("---\n" + yaml + "---\n"));
    QVERIFY(result.html().size() < 4'000'000);
    QVERIFY(result.html().contains("flash-error"));
    QVERIFY(!result.diagnostic.isEmpty());
}

QTEST_GUILESS_MAIN(TestFrontMatter)
#include "tst_frontmatter.moc"
