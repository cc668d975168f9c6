// SPDX-License-Identifier: GPL-3.0-or-later
// Every vector of the XSS corpus, through the renderer (the whole document path) and through the
// sanitizer alone: what comes out holds nothing a browser would run. The HTML is read as a
// browser reads a start tag, attribute values decoded, so an encoded scheme counts as the scheme.
#include "core/html/htmlsanitizer.h"
#include "core/markdown/renderer.h"
#include "xsscorpus.h"

#include <QTest>

using mdp::HtmlSanitizer;
using mdp::Renderer;

namespace {

bool isNameChar(char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' ||
           c == ':' || c == '_';
}

bool isSpace(char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f';
}

// Character references as a browser decodes them in an attribute (the ones that matter here).
QByteArray decoded(const QByteArray &value)
{
    QByteArray out;
    for (qsizetype i = 0; i < value.size(); ++i) {
        if (value[i] != '&') {
            out += value[i];
            continue;
        }
        qsizetype end = i + 1;
        if (end < value.size() && value[end] == '#') {
            const bool hex = end + 1 < value.size() && (value[end + 1] | 0x20) == 'x';
            end += hex ? 2 : 1;
            const qsizetype digits = end;
            while (end < value.size() &&
                   (hex ? isxdigit(uchar(value[end])) : isdigit(uchar(value[end]))))
                ++end;
            bool ok = false;
            const uint code = value.mid(digits, end - digits).toUInt(&ok, hex ? 16 : 10);
            if (!ok) {
                out += '&';
                continue;
            }
            out += QString(QChar(char32_t(code))).toUtf8();
            i = end < value.size() && value[end] == ';' ? end : end - 1;
            continue;
        }
        static const std::pair<const char *, char> named[] = {
            {"amp;", '&'},   {"quot;", '"'}, {"lt;", '<'},       {"gt;", '>'},  {"apos;", '\''},
            {"colon;", ':'}, {"Tab;", '\t'}, {"NewLine;", '\n'}, {"sol;", '/'}, {"lpar;", '('}};
        bool matched = false;
        for (const auto &[name, c] : named) {
            if (value.mid(i + 1).startsWith(name)) {
                out += c;
                i += qsizetype(qstrlen(name));
                matched = true;
                break;
            }
        }
        if (!matched)
            out += '&';
    }
    return out;
}

bool isUrlAttribute(const QByteArray &name)
{
    for (const char *attribute : {"href", "src", "srcset", "action", "formaction", "cite",
                                  "longdesc", "poster", "background", "data", "lowsrc", "dynsrc",
                                  "xlink:href", "codebase", "ping", "icon", "manifest"}) {
        if (name == attribute)
            return true;
    }
    return false;
}

// A URL a browser would run or show as a document of the document's making.
bool isDangerousUrl(const QByteArray &value)
{
    QByteArray compact;
    for (const char c : decoded(value)) {
        if (uchar(c) > 0x20)
            compact += char(c >= 'A' && c <= 'Z' ? c | 0x20 : c);
    }
    if (compact.startsWith("javascript:") || compact.startsWith("vbscript:") ||
        compact.startsWith("livescript:"))
        return true;
    if (compact.startsWith("data:")) {
        for (const char *type : {"data:image/png", "data:image/gif", "data:image/jpeg",
                                 "data:image/jpg", "data:image/webp"}) {
            if (compact.startsWith(type))
                return false;
        }
        return true;
    }
    return false;
}

// Elements that run script, load another document, or change how the page resolves and submits.
bool isForbiddenElement(const QByteArray &name)
{
    for (const char *element :
         {"script",        "iframe",  "frame",  "frameset", "object",   "embed",   "applet",
          "style",         "form",    "base",   "meta",     "link",     "math",    "template",
          "foreignobject", "animate", "set",    "use",      "image",    "handler", "listener",
          "textarea",      "select",  "button", "isindex",  "noscript", "xmp",     "title",
          "audio",         "video",   "portal"}) {
        if (name == element)
            return true;
    }
    return false;
}

// Empty when the HTML is harmless, else what is wrong with it.
QString problemIn(const QByteArray &html)
{
    for (qsizetype i = html.indexOf('<'); i >= 0; i = html.indexOf('<', i + 1)) {
        if (html.mid(i, 4) == "<!--") {
            const qsizetype end = html.indexOf("-->", i + 4);
            if (end < 0)
                return QStringLiteral("unterminated comment");
            i = end + 2;
            continue;
        }
        qsizetype p = i + 1;
        if (p < html.size() && html[p] == '/')
            continue;
        const qsizetype nameStart = p;
        while (p < html.size() && isNameChar(html[p]))
            ++p;
        if (p == nameStart)
            return QStringLiteral("a '<' that is not markup: ") +
                   QString::fromUtf8(html.mid(i, 40));
        const QByteArray element = html.mid(nameStart, p - nameStart).toLower();
        if (isForbiddenElement(element))
            return QStringLiteral("element <%1>").arg(QString::fromUtf8(element));
        while (p < html.size() && html[p] != '>') {
            if (isSpace(html[p]) || html[p] == '/') {
                ++p;
                continue;
            }
            const qsizetype attributeStart = p;
            while (p < html.size() && !isSpace(html[p]) && html[p] != '=' && html[p] != '>' &&
                   html[p] != '/')
                ++p;
            const QByteArray name = html.mid(attributeStart, p - attributeStart).toLower();
            QByteArray value;
            if (p < html.size() && html[p] == '=') {
                ++p;
                if (p < html.size() && (html[p] == '"' || html[p] == '\'')) {
                    const char quote = html[p];
                    const qsizetype end = html.indexOf(quote, p + 1);
                    if (end < 0)
                        return QStringLiteral("unterminated attribute value");
                    value = html.mid(p + 1, end - p - 1);
                    p = end + 1;
                } else {
                    const qsizetype valueStart = p;
                    while (p < html.size() && !isSpace(html[p]) && html[p] != '>')
                        ++p;
                    value = html.mid(valueStart, p - valueStart);
                }
            }
            if (name.startsWith("on"))
                return QStringLiteral("event handler %1 on <%2>")
                    .arg(QString::fromUtf8(name), QString::fromUtf8(element));
            if (name == "style" || name == "srcdoc")
                return QStringLiteral("attribute %1").arg(QString::fromUtf8(name));
            if (isUrlAttribute(name)) {
                for (const QByteArray &candidate :
                     name == "srcset" ? value.split(',') : QList<QByteArray>{value}) {
                    if (isDangerousUrl(candidate.trimmed()))
                        return QStringLiteral("%1=\"%2\"")
                            .arg(QString::fromUtf8(name), QString::fromUtf8(value));
                }
            }
        }
        i = p;
    }
    return {};
}

} // namespace

class TestXss final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void corpusIsLargeEnough();
    void checkerCatchesWhatItShould_data();
    void checkerCatchesWhatItShould();
    void renderedDocumentIsHarmless_data() { vectors(); }
    void renderedDocumentIsHarmless();
    void sanitizedHtmlIsHarmless_data() { vectors(); }
    void sanitizedHtmlIsHarmless();

private:
    static void vectors();
};

void TestXss::vectors()
{
    QTest::addColumn<QByteArray>("markdown");
    for (const mdp::test::XssVector &vector :
         mdp::test::xssCorpus(QStringLiteral(MDPREVIEW_TEST_DATA "/xss.txt")))
        QTest::addRow("line %d", vector.line) << vector.markdown;
}

void TestXss::corpusIsLargeEnough()
{
    QVERIFY(mdp::test::xssCorpus(QStringLiteral(MDPREVIEW_TEST_DATA "/xss.txt")).size() >= 100);
}

// The checker itself: a test that passes everything proves nothing.
void TestXss::checkerCatchesWhatItShould_data()
{
    QTest::addColumn<QByteArray>("html");
    QTest::addColumn<bool>("harmless");
    QTest::newRow("plain") << QByteArray("<p class=\"x\">a &lt;b&gt; onerror=1</p>") << true;
    QTest::newRow("link") << QByteArray("<a href=\"https://x.org/?a&amp;b\">x</a>") << true;
    QTest::newRow("png") << QByteArray("<img src=\"data:image/png;base64,AA\">") << true;
    QTest::newRow("handler") << QByteArray("<img src=x onerror=1>") << false;
    QTest::newRow("script") << QByteArray("<SCRIPT>1</SCRIPT>") << false;
    QTest::newRow("scheme") << QByteArray("<a href=\"java&#x09;script:1\">x</a>") << false;
    QTest::newRow("named") << QByteArray("<a href='javascript&colon;1'>x</a>") << false;
    QTest::newRow("data html") << QByteArray("<a href=\"data:text/html,x\">x</a>") << false;
    QTest::newRow("srcset") << QByteArray("<img srcset=\"a.png 1x, javascript:1 2x\">") << false;
    QTest::newRow("svg script") << QByteArray("<svg><script>1</script></svg>") << false;
}

void TestXss::checkerCatchesWhatItShould()
{
    QFETCH(QByteArray, html);
    QFETCH(bool, harmless);
    QCOMPARE(problemIn(html).isEmpty(), harmless);
}

void TestXss::renderedDocumentIsHarmless()
{
    QFETCH(QByteArray, markdown);
    const QByteArray html = Renderer::render(markdown).html();
    const QString problem = problemIn(html);
    if (!problem.isEmpty())
        qWarning().noquote() << "HTML:" << QString::fromUtf8(html);
    QVERIFY2(problem.isEmpty(), qPrintable(problem));
}

void TestXss::sanitizedHtmlIsHarmless()
{
    QFETCH(QByteArray, markdown);
    const QByteArray html = HtmlSanitizer::sanitize(markdown);
    const QString problem = problemIn(html);
    if (!problem.isEmpty())
        qWarning().noquote() << "HTML:" << QString::fromUtf8(html);
    QVERIFY2(problem.isEmpty(), qPrintable(problem));
}

QTEST_GUILESS_MAIN(TestXss)
#include "tst_xss.moc"
