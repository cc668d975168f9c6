// SPDX-License-Identifier: GPL-3.0-or-later
// GitHub's math delimiters, case by case. Sources: GitHub's documentation, "Writing mathematical
// expressions" (docs.github.com/en/get-started/writing-on-github/working-with-advanced-formatting/
// writing-mathematical-expressions); the cases collected in github.com/nschloe/github-math-bugs
// and the community discussions it links; github/markup#1746 (backslashes consumed in
// $$…$$); issue 12 of this project; pandoc's tex_math_dollars rules, which GitHub's follow.
#include "../support/rendering.h"
#include "core/markdown/mathsyntax.h"
#include "core/markdown/renderer.h"

#include <QRandomGenerator>
#include <QTest>

#include <iterator>
#include <random>

using mdp::MathSyntax;
using mdp::Renderer;

namespace {

QByteArray math(const QByteArray &tex)
{
    return "<span class=\"mdp-math\">" + tex + "</span>";
}

QByteArray display(const QByteArray &tex)
{
    return "<span class=\"mdp-math mdp-math-display\">" + tex + "</span>";
}

// The HTML of a one-line paragraph's inlines, or of a heading's: the first heading's or
// paragraph's content in the document.
QByteArray inlinesOf(const QByteArray &html)
{
    static constexpr QByteArrayView kHeading = "class=\"heading-element\">";
    const qsizetype heading = html.indexOf(kHeading);
    if (heading >= 0) {
        const qsizetype from = heading + kHeading.size();
        return html.mid(from, html.indexOf("</h1><a id=", from) - from);
    }
    const qsizetype from = html.indexOf('>') + 1;
    return html.mid(from, html.lastIndexOf("</p>") - from);
}

// Whether a line's inlines are the same HTML in a paragraph as in a heading (where math and the
// text around it stay nodes of their own, see MathSyntax); says what they were when not.
bool sameAsHeading(const QByteArray &line)
{
    const QByteArray paragraph = inlinesOf(Renderer::render(QByteArray(line + '\n')).html());
    const QByteArray heading = inlinesOf(Renderer::render(QByteArray("# " + line + '\n')).html());
    if (paragraph == heading)
        return true;
    qWarning().noquote() << "line:" << line << "\nparagraph:" << paragraph
                         << "\nheading:  " << heading;
    return false;
}

} // namespace

class TestMathSyntax final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void math_data();
    void math();
    void notMath_data();
    void notMath();
    void headingTextKeepsTheMath();
    void manyUnmatchedDollarsStayLinear();
    void paragraphAsHeading_data();
    void paragraphAsHeading();
    void randomLinesAsHeadings();
    void spansAsTheRulesSay();
};

// Markdown in, a fragment of the HTML it must contain.
void TestMathSyntax::math_data()
{
    QTest::addColumn<QByteArray>("markdown");
    QTest::addColumn<QByteArray>("expected");

    // GitHub's documentation, its examples.
    QTest::newRow("docs: inline") << QByteArray(
                                         "This sentence uses `$` delimiters to show math inline: "
                                         "$\\sqrt{3x-1}+(1+x)^2$\n")
                                  << QByteArray("inline: ") + ::math("\\sqrt{3x-1}+(1+x)^2") +
                                         "</p>";
    QTest::newRow("docs: backtick delimiters")
        << QByteArray("uses $`\\sqrt{3x-1}+(1+x)^2`$ inline\n")
        << QByteArray("uses ") + ::math("\\sqrt{3x-1}+(1+x)^2") + " inline";
    QTest::newRow("docs: display")
        << QByteArray("**The Cauchy-Schwarz Inequality**\n$$\\left( \\sum_{k=1}^n a_k b_k "
                      "\\right)^2 \\leq \\left( \\sum_{k=1}^n a_k^2 \\right)$$\n")
        << QByteArray("</strong>\n") +
               display("\\left( \\sum_{k=1}^n a_k b_k \\right)^2 \\leq \\left( \\sum_{k=1}^n "
                       "a_k^2 \\right)");
    QTest::newRow("docs: math block")
        << QByteArray("```math\n\\left( \\sum_{k=1}^n a_k b_k \\right)^2\n```\n")
        << QByteArray("<div class=\"mdp-math mdp-math-display\" data-sourcepos=\"1:1-3:3\">"
                      "\\left( \\sum_{k=1}^n a_k b_k \\right)^2\n</div>");
    QTest::newRow("docs: dollar sign inside backtick math")
        << QByteArray("This expression uses `\\$` to display a dollar sign: $`\\sqrt{\\$4}`$\n")
        << QByteArray("sign: ") + ::math("\\sqrt{\\$4}");
    QTest::newRow("docs: dollar in a span beside math")
        << QByteArray("To split <span>$</span>100 in half, we calculate $100/2$\n")
        << QByteArray("<span>$</span>100 in half, we calculate ") + ::math("100/2");
    QTest::newRow("docs: display with spaces")
        << QByteArray("When $a \\ne 0$, there are two solutions\n$$ x = {-b \\pm "
                      "\\sqrt{b^2-4ac} \\over 2a} $$\n")
        << QByteArray("When ") + ::math("a \\ne 0") + ", there are two solutions\n" +
               display(" x = {-b \\pm \\sqrt{b^2-4ac} \\over 2a} ");
    // Markdown acts first: backslash escapes are consumed, as on GitHub.
    QTest::newRow("escaped braces lose their backslash")
        << QByteArray("$\\{a\\}$\n") << QByteArray(">") + ::math("{a}") + "</p>";
    QTest::newRow("escaped comma and colon")
        << QByteArray("$\\{n\\in\\mathbb{N}:\\: n\\}$\n") << ::math("{n\\in\\mathbb{N}:: n}");
    QTest::newRow("github/markup#1746: \\\\ in display math")
        << QByteArray("$$\na \\\\ b \\, c\n$$\n") << display("\na \\ b , c\n");
    QTest::newRow("escaped dollar before math is a dollar")
        << QByteArray("\\$a$\n") << QByteArray(">") + ::math("a") + "</p>";
    QTest::newRow("entity decoded") << QByteArray("$a &lt; b$\n") << ::math("a &lt; b");
    // Delimiters.
    QTest::newRow("two spans with underscores")
        << QByteArray("$x_1$ and $y_1$\n") << ::math("x_1") + " and " + ::math("y_1");
    QTest::newRow("text right after the closer")
        << QByteArray("the $n$-th term\n") << QByteArray("the ") + ::math("n") + "-th term";
    QTest::newRow("at the start") << QByteArray("$x$ is\n") << QByteArray(">") + ::math("x");
    QTest::newRow("over a line break")
        << QByteArray("so $a +\nb$ holds\n") << QByteArray("so ") + ::math("a +\nb") + " holds";
    QTest::newRow("display inline in a sentence")
        << QByteArray("a $$x^2$$ b\n") << QByteArray("a ") + display("x^2") + " b";
    QTest::newRow("display over lines")
        << QByteArray("$$\n\\sum_i x_i\n$$\n") << display("\n\\sum_i x_i\n");
    QTest::newRow("backticks keep Markdown out")
        << QByteArray("$`a*b*c`$\n") << QByteArray(">") + ::math("a*b*c") + "</p>";
    QTest::newRow("backticks keep HTML out") << QByteArray("$`a<b`$\n") << ::math("a&lt;b");
    QTest::newRow("backticks keep backslashes") << QByteArray("$`\\{a\\}`$\n") << ::math("\\{a\\}");
    QTest::newRow("backticks after a space")
        << QByteArray("see $`x`$.\n") << QByteArray("see ") + ::math("x") + ".";
    QTest::newRow("a price after math")
        << QByteArray("$x$ costs $5\n") << QByteArray(">") + ::math("x") + " costs $5</p>";
    QTest::newRow("shortcode in math stays") << QByteArray("$a:smile:b$\n") << ::math("a:smile:b");
    // Where math may be.
    QTest::newRow("in a table cell")
        << QByteArray("| a |\n|---|\n| $x*y$ |\n") << QByteArray(">") + ::math("x*y") + "</td>";
    QTest::newRow("in emphasis") << QByteArray("_Equation $\\Omega(69)$ in italic text_\n")
                                 << QByteArray("<em>Equation ") + ::math("\\Omega(69)") +
                                        " in italic text</em>";
    QTest::newRow("in strikethrough")
        << QByteArray("~~gone $x$~~\n") << QByteArray("<del>gone ") + ::math("x") + "</del>";
    QTest::newRow("in a link's text")
        << QByteArray("[the $x$ axis](u.md)\n")
        << QByteArray("<a href=\"u.md\">the ") + ::math("x") + " axis</a>";
    QTest::newRow("in a list") << QByteArray("- $a$\n- b\n")
                               << QByteArray("\">") + ::math("a") + "</li>";
    QTest::newRow("in an alert") << QByteArray("> [!NOTE]\n> $x$ here\n")
                                 << QByteArray("Note</p>\n<p data-sourcepos=\"1:3-2:10\">") +
                                        ::math("x") + " here</p>";
    QTest::newRow("in a footnote")
        << QByteArray("a[^1]\n\n[^1]: note $x$\n") << QByteArray("note ") + ::math("x");
    QTest::newRow("lines ending in a lone CR")
        << QByteArray("a\r\rb $x$\r") << QByteArray(">b ") + ::math("x") + "</p>";
    QTest::newRow("CRLF, math on a later line")
        << QByteArray("a\r\n\r\nb\r\nc $x$\r\n") << QByteArray("c ") + ::math("x") + "</p>";
    QTest::newRow("in a heading") << QByteArray("## The $x$ axis\n")
                                  << QByteArray("<h2 class=\"heading-element\">The ") +
                                         ::math("x") + " axis</h2>";
}

void TestMathSyntax::math()
{
    QFETCH(QByteArray, markdown);
    QFETCH(QByteArray, expected);
    QVERIFY(mdp::test::renderedContains(markdown, expected));
}

// Markdown in, no math out, and a fragment the HTML must contain.
void TestMathSyntax::notMath_data()
{
    QTest::addColumn<QByteArray>("markdown");
    QTest::addColumn<QByteArray>("expected");

    // Issue 12.
    QTest::newRow("a dollar in a link's destination")
        << QByteArray("[$http service](https://x.org/api/$http)\n")
        << QByteArray("<a href=\"https://x.org/api/$http\">$http service</a>");
    QTest::newRow("prices") << QByteArray("$20 and $30\n") << QByteArray(">$20 and $30</p>");
    // github-math-bugs: Markdown takes its characters first.
    QTest::newRow("emphasis wins") << QByteArray("$a*b*c$\n") << QByteArray(">$a<em>b</em>c$</p>");
    QTest::newRow("underscore emphasis wins")
        << QByteArray("${a}_b c_{d}$\n") << QByteArray(">${a}<em>b c</em>{d}$</p>");
    QTest::newRow("raw HTML wins") << QByteArray("$a <b > c$\n") << QByteArray(">$a <b > c$</p>");
    QTest::newRow("a link wins") << QByteArray("$[(a+b)c](d+e)$\n")
                                 << QByteArray(">$<a href=\"d+e\">(a+b)c</a>$</p>");
    // github-math-bugs: inline math opens only after a space or at the start.
    QTest::newRow("after a letter") << QByteArray("a$x$\n") << QByteArray(">a$x$</p>");
    QTest::newRow("after a digit") << QByteArray("1$x$\n") << QByteArray(">1$x$</p>");
    QTest::newRow("after a bracket") << QByteArray("($\\pi$)\n") << QByteArray(">($\\pi$)</p>");
    QTest::newRow("after a quote") << QByteArray("'$\\pi$\n") << QByteArray(">'$\\pi$</p>");
    QTest::newRow("backticks after a letter")
        << QByteArray("a$`x`$\n") << QByteArray(">a$<code>x</code>$</p>");
    // pandoc's rules.
    QTest::newRow("space after the opener") << QByteArray("$ a$\n") << QByteArray(">$ a$</p>");
    QTest::newRow("space before the closer") << QByteArray("$a $ b\n") << QByteArray(">$a $ b</p>");
    QTest::newRow("digit after the closer") << QByteArray("$x$1\n") << QByteArray(">$x$1</p>");
    QTest::newRow("a trailing dollar") << QByteArray("2000$.\n") << QByteArray(">2000$.</p>");
    QTest::newRow("never closed") << QByteArray("$a\n") << QByteArray(">$a</p>");
    QTest::newRow("empty display") << QByteArray("a $$ $$ b\n") << QByteArray(">a $$ $$ b</p>");
    QTest::newRow("display never closed") << QByteArray("a $$ b\n") << QByteArray(">a $$ b</p>");
    // Code, destinations and autolinks hold no math.
    QTest::newRow("code span") << QByteArray("`$a*b*c$`\n") << QByteArray("<code>$a*b*c$</code>");
    QTest::newRow("fenced code") << QByteArray("```\n$a*b$\n```\n")
                                 << QByteArray("<code>$a*b$\n</code>");
    QTest::newRow("indented code") << QByteArray("    $x$\n") << QByteArray("<code>$x$\n</code>");
    QTest::newRow("link destination")
        << QByteArray("[x](a$b$c)\n") << QByteArray("<a href=\"a$b$c\">x</a>");
    QTest::newRow("angle autolink")
        << QByteArray("<https://x.org/$a$b>\n")
        << QByteArray("<a href=\"https://x.org/$a$b\">https://x.org/$a$b</a>");
    QTest::newRow("extended autolink")
        << QByteArray("see https://x.org/$a$b\n")
        << QByteArray("<a href=\"https://x.org/$a$b\">https://x.org/$a$b</a>");
    QTest::newRow("image alt text") << QByteArray("![$x$](a.png)\n") << QByteArray("alt=\"$x$\"");
}

void TestMathSyntax::notMath()
{
    QFETCH(QByteArray, markdown);
    QFETCH(QByteArray, expected);
    QVERIFY(mdp::test::renderedContains(markdown, expected));
    QVERIFY(!Renderer::render(markdown).html().contains("mdp-math"));
}

// GitHub's heading text holds the math as written; the id drops the dollars.
void TestMathSyntax::headingTextKeepsTheMath()
{
    const mdp::RenderResult result = Renderer::render("## The $x$ axis\n");
    QCOMPARE(result.headings.size(), 1);
    QCOMPARE(result.headings[0].text, QStringLiteral("The $x$ axis"));
    QCOMPARE(result.headings[0].id, QStringLiteral("the-x-axis"));
}

void TestMathSyntax::manyUnmatchedDollarsStayLinear()
{
    QByteArray markdown;
    for (int i = 0; i < 50000; ++i)
        markdown += " $1";
    markdown += '\n';
    const QByteArray html = Renderer::render(markdown).html();
    QVERIFY(!html.contains("mdp-math"));
    QVERIFY(html.size() > markdown.size());
}

// A paragraph's math and the text around it are written as one node of HTML (MathSyntax's fast
// path); a heading's stay nodes, which cmark prints. Both must give the same bytes.
void TestMathSyntax::paragraphAsHeading_data()
{
    QTest::addColumn<QByteArray>("line");
    const auto row = [](const char *line) { QTest::newRow(line) << QByteArray(line); };
    row("$x$");
    row("a $x$ b");
    row("$x$ and $y$ and $$z$$ end");
    row("text & <tags> \"quoted\" 'single' $a<b & c>d$ after & more");
    row("emoji :smile: before $x$ and :tada: after");
    row("math :smile: inside $a:smile:b$ stays");
    row(":+1:$x$");
    row("$x$:smile:");
    row("price $20 and $x$ and $30");
    row("$x$ then $`y`$ backticks");
    row("$x$ and $");
    row("before $x$ $`code`$ after");
    row("*emphasis $x$* and **strong $$y$$**");
    row("[a link $x$ and :smile:](https://example.org) after $y$");
    row("~~struck $x$~~ $y$");
    row("escaped \\$ and $x\\$y$ and \\*");
    row("a $x$ line with a trailing backslash\\");
    row("entities &amp; &copy; $a &lt; b$ &#35;");
    row("unicode ✓ $α + β$ 😀 :smile:");
    row("$$a $`b $c $$a $`b $c ");
    row("$a $a $a $x$ $a");
}

void TestMathSyntax::paragraphAsHeading()
{
    QFETCH(QByteArray, line);
    QVERIFY(sameAsHeading(line));
}

// Lines of random pieces that make and break math, emphasis, code, emoji and escapes: the same
// inline HTML in a paragraph as in a heading. Seeded: a failure repeats.
void TestMathSyntax::randomLinesAsHeadings()
{
    static const char *const kPieces[] = {
        "$", "$$", "`", "a", "b",   " ",       "  ", "1",    "\\", "*",     "_", "&",  "<",
        ">", "\"", ":", "'", "x+y", ":smile:", "[",  "](u)", "~~", "&amp;", "é", "$`", "`$"};
    // What a line may start with without starting a block other than a paragraph.
    static const char *const kStarts[] = {"$", "$$", "a", "$`", "x+y", ":smile:", "é"};
    std::mt19937 random(1306);
    int withMath = 0;
    const auto pick = [&random](const auto &pieces) {
        return pieces[std::uniform_int_distribution<size_t>(0, std::size(pieces) - 1)(random)];
    };
    for (int i = 0; i < 3000; ++i) {
        QByteArray line = pick(kStarts);
        const int pieces = std::uniform_int_distribution<int>(1, 16)(random);
        for (int p = 0; p < pieces; ++p)
            line += pick(kPieces);
        // A heading drops a closing run of "#" and the spaces at either end; a paragraph too.
        line = line.trimmed();
        QVERIFY2(sameAsHeading(line), line.constData());
        withMath += Renderer::render(line).html().contains("mdp-math") ? 1 : 0;
    }
    // Enough of the lines hold math for the fast path to be what is compared.
    QVERIFY2(withMath > 400, QByteArray::number(withMath).constData());
}

namespace QTest {
template <>
char *toString(const QList<MathSyntax::Span> &spans)
{
    QByteArray text;
    for (const MathSyntax::Span &span : spans)
        text += '[' + QByteArray::number(span.from) + ',' + QByteArray::number(span.to) +
                (span.display ? " display] " : "] ");
    return qstrdup(text.constData());
}
} // namespace QTest

namespace {

// GitHub's rules for math in a run of text, as plainly as they can be written: no shortcut for a
// search that failed before, a byte at a time.
QList<MathSyntax::Span> spansByTheRules(QByteArrayView text)
{
    const auto space = [](char c) {
        return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
    };
    const qsizetype size = text.size();
    QList<MathSyntax::Span> spans;
    qsizetype i = 0;
    while (i < size) {
        if (text[i] != '$') {
            ++i;
        } else if (i + 1 < size && text[i + 1] == '$') {
            const qsizetype close = text.indexOf(QByteArrayView("$$"), i + 2);
            if (close >= 0 && !text.sliced(i + 2, close - i - 2).trimmed().isEmpty()) {
                spans.append({i, close + 2, true});
                i = close + 2;
            } else {
                i += 2;
            }
        } else {
            qsizetype close = -1;
            if (i + 2 < size && !space(text[i + 1]) && (i == 0 || space(text[i - 1]))) {
                for (qsizetype q = i + 2; q < size && close < 0; ++q) {
                    if (text[q] == '$' && !space(text[q - 1]) && text[q - 1] != '\\' &&
                        (q + 1 >= size || text[q + 1] < '0' || text[q + 1] > '9'))
                        close = q;
                }
            }
            if (close >= 0)
                spans.append({i, close + 1, false});
            i = close >= 0 ? close + 1 : i + 1;
        }
    }
    return spans;
}

} // namespace

// The renderer's span finder skips what a failed search says cannot match and looks at sixteen
// bytes at a time: on random runs of the characters that matter, long enough to cross those
// sixteen-byte steps, it finds what the rules find.
void TestMathSyntax::spansAsTheRulesSay()
{
    // Characters, and pieces that make the rarer cases likely: a "$$" that closes only once an
    // inline search has failed ("$a $$b $$1"), a dollar before a digit, an escaped dollar.
    static const QByteArrayList kPieces = {"$",  "$",  "$",  " ",   " ",  "a",  "b",   "1",
                                           "\\", "\t", "\n", "\r",  "\f", "\v", "`",   "$$",
                                           "$$", "$1", " $", "\\$", "$ ", "a$", "$$1", "xxxxxxxx"};
    QRandomGenerator random(13);
    for (int run = 0; run < 40000; ++run) {
        QByteArray text;
        const int pieces = random.bounded(1, 60);
        for (int i = 0; i < pieces; ++i) {
            // Half the runs are single characters only.
            const int pick = random.bounded(run % 2 ? 15 : int(kPieces.size()));
            text += kPieces[pick];
        }
        QCOMPARE(MathSyntax::spans(text), spansByTheRules(text));
    }
}

QTEST_GUILESS_MAIN(TestMathSyntax)
#include "tst_mathsyntax.moc"
