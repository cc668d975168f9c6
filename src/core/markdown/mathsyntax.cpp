// SPDX-License-Identifier: GPL-3.0-or-later
#include "mathsyntax.h"

#include "core/html/htmlescape.h"
#include "core/markdown/emojitable.h"
#include "core/markdown/parsearena.h"

#include <QVarLengthArray>

#include <cmark-gfm.h>

#include <algorithm>
#include <cstring>

namespace mdp {

namespace {

// The user data of the nodes this pass makes: nothing else sets user data.
char kMathMarker = 0;

constexpr QByteArrayView kInlineOpen("<span class=\"mdp-math\">");
constexpr QByteArrayView kDisplayOpen("<span class=\"mdp-math mdp-math-display\">");
constexpr QByteArrayView kClose("</span>");

bool isSpace(char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}

bool isDigit(char c)
{
    return c >= '0' && c <= '9';
}

// Whether the "$" at `at` can close inline math: not after a space or a backslash (TeX's escaped
// dollar), not before a digit.
bool closesInline(QByteArrayView text, qsizetype at)
{
    return text[at] == '$' && !isSpace(text[at - 1]) && text[at - 1] != '\\' &&
           (at + 1 >= text.size() || !isDigit(text[at + 1]));
}

// The first "$" from `from` (1 or more) that can close inline math, or -1; `pairSeen` says
// whether a "$$" starts on the way. Sixteen bytes at a time, in GCC's portable vectors: a
// paragraph of dollars that close nothing (each after a space) was a loop over every byte, most of
// the time its math pass took, and a memchr for each dollar costs more where they come every few
// bytes.
qsizetype closingDollar(QByteArrayView text, qsizetype from, bool &pairSeen)
{
    using Bytes = signed char __attribute__((vector_size(16)));
    constexpr qsizetype kWidth = sizeof(Bytes);
    Bytes pairs = {};
    qsizetype at = from;
    // The bytes before and after each of the sixteen are read too.
    for (; at + kWidth + 1 <= text.size(); at += kWidth) {
        Bytes before;
        Bytes here;
        Bytes after;
        std::memcpy(&before, text.data() + at - 1, kWidth);
        std::memcpy(&here, text.data() + at, kWidth);
        std::memcpy(&after, text.data() + at + 1, kWidth);
        const Bytes dollars = here == '$';
        pairs |= dollars & (after == '$');
        const Bytes blocked = (before == ' ') | (before == '\t') | (before == '\n') |
                              (before == '\r') | (before == '\f') | (before == '\v') |
                              (before == '\\');
        const Bytes candidates = dollars & ~blocked;
        quint64 halves[2];
        std::memcpy(halves, &candidates, kWidth);
        if ((halves[0] | halves[1]) == 0)
            continue;
        for (qsizetype i = at; i < at + kWidth; ++i) {
            if (closesInline(text, i))
                return i;
        }
    }
    quint64 halves[2];
    std::memcpy(halves, &pairs, kWidth);
    pairSeen = (halves[0] | halves[1]) != 0;
    for (; at < text.size(); ++at) {
        if (closesInline(text, at))
            return at;
        pairSeen = pairSeen || (text[at] == '$' && at + 1 < text.size() && text[at + 1] == '$');
    }
    return -1;
}

bool isType(cmark_node *node, cmark_node_type type)
{
    return node && cmark_node_get_type(node) == type;
}

// Appends GitHub's math markup for `tex`, escaped.
void appendMath(QByteArray &html, QByteArrayView tex, bool display)
{
    html += display ? kDisplayOpen : kInlineOpen;
    appendHtmlEscaped(html, tex);
    html += kClose;
}

// HTML of ours (math, and the text around it) as inline HTML, as table cells may hold no custom
// inline (cmark-gfm would refuse the node); marked as ours, so that the raw HTML check passes it
// by.
cmark_node *newHtml(const QByteArray &html)
{
    cmark_node *node = cmark_node_new_with_mem(CMARK_NODE_HTML_INLINE, ParseArena::allocator());
    cmark_node_set_literal(node, html.constData());
    cmark_node_set_user_data(node, &kMathMarker);
    return node;
}

// The part [from, to) of `text`, which is ours: cmark copies a literal up to its NUL, so one is
// put at the end of the part for as long as that takes, rather than copying the part first.
cmark_node *newText(QByteArray &text, qsizetype from, qsizetype to)
{
    cmark_node *node = cmark_node_new_with_mem(CMARK_NODE_TEXT, ParseArena::allocator());
    char *data = text.data();
    const char saved = data[to];
    data[to] = '\0';
    cmark_node_set_literal(node, data + from);
    data[to] = saved;
    return node;
}

bool isInHeading(cmark_node *node)
{
    for (; node; node = cmark_node_parent(node)) {
        if (cmark_node_get_type(node) == CMARK_NODE_HEADING)
            return true;
    }
    return false;
}

using Span = MathSyntax::Span;

// A run of text holds a few spans at most, most often: kept on the stack.
using Spans = QVarLengthArray<Span, 8>;

// The text of one run of text, and where math is in it. GitHub's rules, those of pandoc's
// tex_math_dollars with one more: an inline opener has no space after it, a closer no space
// (nor a backslash: TeX's escaped dollar) before it and no digit after it ("$20 and $30" is
// text), and GitHub opens inline math only after a space or at the start of the text
// ("a$x$", "($x$" are text: github.com/nschloe/github-math-bugs). "$$…$$" needs neither.
class SpanFinder final
{
public:
    explicit SpanFinder(QByteArrayView text)
        : m_text(text)
    {}

    Spans find()
    {
        Spans spans;
        for (qsizetype i = 0; i < m_text.size(); ++i) {
            // Once no inline span can close, only a "$$" can open one: the text up to the next
            // is skipped whole, and when none can close either, the rest of it (a paragraph of
            // unmatched dollars took ~50 instructions a dollar).
            if (m_inlineFailed) {
                i = m_displayFailed ? -1 : doubleDollarFrom(i);
                if (i < 0)
                    break;
            }
            if (m_text[i] != '$')
                continue;
            const bool display = i + 1 < m_text.size() && m_text[i + 1] == '$';
            const qsizetype close = display ? displayClose(i) : inlineClose(i);
            if (close >= 0) {
                spans.append({i, close + (display ? 2 : 1), display});
                i = close + (display ? 1 : 0);
            } else if (display) {
                ++i; // a "$$" that closes nothing is text, both of it
            }
        }
        return spans;
    }

private:
    qsizetype displayClose(qsizetype open)
    {
        if (m_displayFailed)
            return -1;
        const qsizetype close = m_text.indexOf(QByteArrayView("$$"), open + 2);
        if (close < 0) {
            m_displayFailed = true;
            return -1;
        }
        return m_text.sliced(open + 2, close - open - 2).trimmed().isEmpty() ? -1 : close;
    }

    // Whether a "$" closes does not depend on where the math opened: once a search fails, every
    // later one would too, and a paragraph of unmatched dollars costs linear time.
    qsizetype inlineClose(qsizetype open)
    {
        if (m_inlineFailed || open + 2 >= m_text.size() || isSpace(m_text[open + 1]) ||
            (open > 0 && !isSpace(m_text[open - 1])))
            return -1;
        bool pairSeen = false;
        const qsizetype close = closingDollar(m_text, open + 2, pairSeen);
        if (close >= 0)
            return close;
        m_inlineFailed = true;
        // Nor can display math open after `open` (a "$" right after it made it display math).
        m_displayFailed = m_displayFailed || !pairSeen;
        return -1;
    }

    // By memchr: several times as fast as a loop where dollars are few.
    qsizetype dollarFrom(qsizetype from) const
    {
        if (from >= m_text.size())
            return -1;
        const void *found = std::memchr(m_text.data() + from, '$', size_t(m_text.size() - from));
        return found ? static_cast<const char *>(found) - m_text.data() : -1;
    }

    qsizetype doubleDollarFrom(qsizetype from) const
    {
        for (qsizetype at = dollarFrom(from); at >= 0; at = dollarFrom(at + 2)) {
            if (at + 1 < m_text.size() && m_text[at + 1] == '$')
                return at;
        }
        return -1;
    }

    QByteArrayView m_text;
    bool m_inlineFailed = false;
    bool m_displayFailed = false;
};

class MathPass final
{
public:
    explicit MathPass(std::vector<cmark_node *> &removed)
        : m_removed(removed)
    {}

    void container(cmark_node *parent)
    {
        // A heading's text and id are taken from its nodes (GithubMarkup's appendPlainText):
        // there each span stays a node of its own, its text around it text nodes.
        m_nodePerSpan = isInHeading(parent);
        for (cmark_node *child = cmark_node_first_child(parent); child;) {
            if (isType(child, CMARK_NODE_CODE)) {
                child = backtickMath(child);
            } else if (isType(child, CMARK_NODE_TEXT) || isType(child, CMARK_NODE_SOFTBREAK)) {
                child = textRun(child);
            } else {
                child = cmark_node_next(child);
            }
        }
    }

private:
    // `` $`…`$ ``: a code span between a "$" that ends the text before it and one that starts
    // the text after it.
    cmark_node *backtickMath(cmark_node *code)
    {
        cmark_node *before = cmark_node_previous(code);
        cmark_node *after = cmark_node_next(code);
        if (!isType(before, CMARK_NODE_TEXT) || !isType(after, CMARK_NODE_TEXT))
            return after;
        const QByteArrayView head(cmark_node_get_literal(before));
        const QByteArrayView tail(cmark_node_get_literal(after));
        if (!head.endsWith('$') || !tail.startsWith('$') ||
            (head.size() > 1 && !isSpace(head[head.size() - 2])) ||
            (tail.size() > 1 && isDigit(tail[1])))
            return after;
        cmark_node_set_literal(before, head.chopped(1).toByteArray().constData());
        // cmark copies the new literal before it frees the old one.
        cmark_node_set_literal(after, tail.data() + 1);
        m_html.resize(0);
        appendMath(m_html, QByteArrayView(cmark_node_get_literal(code)), false);
        cmark_node_insert_before(code, newHtml(m_html));
        cmark_node_unlink(code);
        m_removed.push_back(code);
        return after;
    }

    // A run of text and soft line breaks, as one string; rebuilt only when it holds math.
    cmark_node *textRun(cmark_node *first)
    {
        bool dollar = false;
        cmark_node *end = first;
        for (; isType(end, CMARK_NODE_TEXT) || isType(end, CMARK_NODE_SOFTBREAK);
             end = cmark_node_next(end)) {
            dollar = dollar || (isType(end, CMARK_NODE_TEXT) &&
                                std::strchr(cmark_node_get_literal(end), '$'));
        }
        if (!dollar)
            return end;
        // A run of one text node (most) is read where it is; others are put together in m_text,
        // and so is any run made into nodes (newText writes into its text).
        if (cmark_node_next(first) == end && !m_nodePerSpan) {
            m_run = QByteArrayView(cmark_node_get_literal(first));
        } else {
            m_text.resize(0); // keeps its capacity: one buffer for all the runs
            for (cmark_node *node = first; node != end; node = cmark_node_next(node)) {
                if (isType(node, CMARK_NODE_SOFTBREAK))
                    m_text += '\n';
                else
                    m_text += cmark_node_get_literal(node);
            }
            m_run = m_text;
        }
        const Spans spans = SpanFinder(m_run).find();
        if (spans.isEmpty())
            return end;
        const qsizetype at = m_nodePerSpan ? nodePerSpan(first, spans) : oneNode(first, spans);
        // The text after the last span: in the run's last node when that is text (most runs
        // are one text node: it stays, and a node less is made and freed).
        cmark_node *kept = nullptr;
        if (at < m_run.size()) {
            cmark_node *last =
                end ? cmark_node_previous(end) : cmark_node_last_child(cmark_node_parent(first));
            // The run's text ends with a NUL, in the node or in m_text; cmark copies the new
            // literal before it frees the old one.
            if (isType(last, CMARK_NODE_TEXT)) {
                cmark_node_set_literal(last, m_run.data() + at);
                kept = last;
            } else {
                cmark_node_insert_before(first, newText(m_text, at, m_text.size()));
            }
        }
        // A soft break inside text prints as the "\n" it was, so the text that replaces the run
        // carries them.
        for (cmark_node *node = first; node != end;) {
            cmark_node *next = cmark_node_next(node);
            if (node != kept) {
                cmark_node_unlink(node);
                m_removed.push_back(node);
            }
            node = next;
        }
        return end;
    }

    // The run up to the end of its last span as text nodes and math nodes, before `first`.
    // Returns where the rest of the run starts.
    qsizetype nodePerSpan(cmark_node *first, const Spans &spans)
    {
        qsizetype at = 0;
        for (const Span &span : spans) {
            if (span.from > at)
                cmark_node_insert_before(first, newText(m_text, at, span.from));
            m_html.resize(0);
            appendMath(m_html, tex(span), span.display);
            cmark_node *math = newHtml(m_html);
            cmark_node_insert_before(first, math);
            at = span.to;
        }
        return at;
    }

    // The run up to the end of its last span as one node of HTML, before `first`: the text as
    // cmark prints a text node (escaped), with its emoji shortcodes replaced as GithubMarkup
    // replaces them in a text node, and the math. A node or three per span, each with a copy of
    // its text, were most of the time a paragraph of math took. The text after the last span
    // stays a text node: a code span after it may be `` $`…`$ `` math and take its "$".
    // Returns where the rest of the run starts.
    qsizetype oneNode(cmark_node *first, const Spans &spans)
    {
        m_html.resize(0);
        qsizetype at = 0;
        for (const Span &span : spans) {
            appendText(m_run.sliced(at, span.from - at));
            appendMath(m_html, tex(span), span.display);
            at = span.to;
        }
        cmark_node_insert_before(first, newHtml(m_html));
        return at;
    }

    void appendText(QByteArrayView text)
    {
        if (text.contains(':')) {
            m_piece.resize(0);
            m_piece += text;
            if (EmojiTable::replaceShortcodes(m_piece)) {
                appendHtmlEscaped(m_html, m_piece);
                return;
            }
        }
        appendHtmlEscaped(m_html, text);
    }

    QByteArrayView tex(const Span &span) const
    {
        const int delimiter = span.display ? 2 : 1;
        return m_run.sliced(span.from + delimiter, span.to - span.from - 2 * delimiter);
    }

    std::vector<cmark_node *> &m_removed;
    bool m_nodePerSpan = false;
    QByteArrayView m_run; // the text of the run at hand
    // Kept from run to run, filled again: no allocation per run or span.
    QByteArray m_text;
    QByteArray m_html;
    QByteArray m_piece;
};

bool isInline(cmark_node *node)
{
    return node && (cmark_node_get_type(node) & CMARK_NODE_TYPE_MASK) == CMARK_NODE_TYPE_INLINE;
}

// An autolink shows its URL as written: its text is the URL, with "mailto:" or "http://" in
// front for an e-mail address or a "www." link.
bool isAutolink(cmark_node *link)
{
    cmark_node *text = cmark_node_first_child(link);
    if (!isType(text, CMARK_NODE_TEXT) || cmark_node_next(text))
        return false;
    const QByteArrayView url(cmark_node_get_url(link));
    return url.endsWith(QByteArrayView(cmark_node_get_literal(text)));
}

// Containers whose text may hold math: not an image (its text is alt text) nor an autolink.
bool holdsText(cmark_node *node)
{
    if (!isInline(cmark_node_first_child(node)))
        return false;
    const cmark_node_type type = cmark_node_get_type(node);
    return type != CMARK_NODE_IMAGE && !(type == CMARK_NODE_LINK && isAutolink(node));
}

// The node after `node` in document order within `root`, or null.
cmark_node *nextInOrder(cmark_node *node, cmark_node *root)
{
    if (cmark_node *child = cmark_node_first_child(node))
        return child;
    while (node != root && !cmark_node_next(node))
        node = cmark_node_parent(node);
    return node == root ? nullptr : cmark_node_next(node);
}

} // namespace

void MathSyntax::apply(cmark_node *block, std::vector<cmark_node *> &removed)
{
    // Only containers with a "$" in their text can hold math: a text node with one, or a code
    // span with one right after it.
    std::vector<cmark_node *> containers;
    // Every node in document order, as cmark_iter enters them, by the links between them: this
    // loop changes none, and an iterator's events cost more than the nodes' checks.
    for (cmark_node *node = block; node; node = nextInOrder(node, block)) {
        const cmark_node_type type = cmark_node_get_type(node);
        const bool dollar =
            (type == CMARK_NODE_TEXT && std::strchr(cmark_node_get_literal(node), '$')) ||
            (type == CMARK_NODE_CODE && isType(cmark_node_next(node), CMARK_NODE_TEXT) &&
             *cmark_node_get_literal(cmark_node_next(node)) == '$');
        cmark_node *parent = dollar ? cmark_node_parent(node) : nullptr;
        if (parent && (containers.empty() || containers.back() != parent) && holdsText(parent))
            containers.push_back(parent);
    }
    // A container can be listed twice when a nested one came between its dollars.
    std::sort(containers.begin(), containers.end());
    containers.erase(std::unique(containers.begin(), containers.end()), containers.end());
    MathPass pass(removed);
    for (cmark_node *container : containers)
        pass.container(container);
}

QList<MathSyntax::Span> MathSyntax::spans(QByteArrayView text)
{
    const Spans found = SpanFinder(text).find();
    return QList<Span>(found.begin(), found.end());
}

bool MathSyntax::isMath(cmark_node *node)
{
    return cmark_node_get_user_data(node) == &kMathMarker;
}

QByteArray MathSyntax::tex(cmark_node *node)
{
    QByteArray html(cmark_node_get_literal(node));
    html = html.mid(html.indexOf('>') + 1);
    html.chop(kClose.size());
    return html.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&amp;", "&");
}

QByteArray MathSyntax::displayBlock(QByteArrayView tex, const QByteArray &sourcePos)
{
    QByteArray html("<div class=\"mdp-math mdp-math-display\"");
    html += sourcePos;
    html += '>';
    appendHtmlEscaped(html, tex);
    html += "</div>\n";
    return html;
}

} // namespace mdp
