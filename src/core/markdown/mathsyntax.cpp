// SPDX-License-Identifier: GPL-3.0-or-later
#include "mathsyntax.h"

#include "core/html/htmlescape.h"

#include <cmark-gfm-extension_api.h>
#include <cmark-gfm.h>

#include <mutex>

// cmark-gfm hands an inline extension the text being parsed only as this struct, which its
// installed headers declare but do not define (chunk.h, unchanged since 0.28): without its
// length there is no bounds check, as cmark_inline_parser_peek_at has none.
struct cmark_chunk
{
    unsigned char *data;
    bufsize_t len;
    bufsize_t alloc;
};

namespace mdp {

namespace {

enum Kind
{
    Inline,   // $…$
    Backtick, // $`…`$
    Display,  // $$…$$
    KindCount
};

// Where a search for a closing delimiter failed, per kind, in the text being parsed. Whether a
// `$` can close does not depend on where the span opened, so a later opener in the same text
// cannot find one either: without this, a paragraph of unmatched dollars would cost quadratic
// time. Keyed by the container being parsed, which lives as long as the document's tree.
struct FailedSearches
{
    const void *container = nullptr;
    const unsigned char *text = nullptr;
    bufsize_t failedFrom[KindCount] = {-1, -1, -1};
};
thread_local FailedSearches t_failed;

// The user data of the nodes this extension makes: nothing else sets user data.
char kMathMarker = 0;

bool isSpace(unsigned char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}

bool isDigit(unsigned char c)
{
    return c >= '0' && c <= '9';
}

// The position of the closing delimiter, or -1.
bufsize_t findClose(Kind kind, const unsigned char *data, bufsize_t len, bufsize_t from)
{
    for (bufsize_t q = from; q < len; ++q) {
        if (data[q] != '$')
            continue;
        switch (kind) {
        case Inline:
            if (!isSpace(data[q - 1]) && data[q - 1] != '\\' &&
                (q + 1 >= len || !isDigit(data[q + 1])))
                return q;
            break;
        case Backtick:
            if (data[q - 1] == '`' && q - 1 >= from)
                return q - 1;
            break;
        case Display:
            if (q + 1 < len && data[q + 1] == '$')
                return q;
            break;
        case KindCount:
            break;
        }
    }
    return -1;
}

QByteArray mathSpan(QByteArrayView tex, bool display)
{
    QByteArray html(display ? "<span class=\"mdp-math mdp-math-display\">"
                            : "<span class=\"mdp-math\">");
    appendHtmlEscaped(html, tex);
    html += "</span>";
    return html;
}

cmark_node *matchMath(cmark_syntax_extension *, cmark_parser *, cmark_node *parent,
                      unsigned char character, cmark_inline_parser *inlineParser)
{
    if (character != '$')
        return nullptr;
    const cmark_chunk *chunk = cmark_inline_parser_get_chunk(inlineParser);
    const unsigned char *data = chunk->data;
    const bufsize_t len = chunk->len;
    const bufsize_t open = cmark_inline_parser_get_offset(inlineParser);
    if (open + 1 >= len)
        return nullptr;

    Kind kind = Inline;
    bufsize_t contentStart = open + 1;
    if (data[open + 1] == '$') {
        kind = Display;
        contentStart = open + 2;
    } else if (data[open + 1] == '`') {
        kind = Backtick;
        contentStart = open + 2;
    } else if (isSpace(data[open + 1])) {
        return nullptr;
    }

    if (t_failed.container != parent || t_failed.text != data)
        t_failed = FailedSearches{parent, data, {-1, -1, -1}};
    if (t_failed.failedFrom[kind] >= 0 && contentStart >= t_failed.failedFrom[kind])
        return nullptr;
    // An inline span holds at least one character; the others may not be empty either.
    const bufsize_t close = findClose(kind, data, len, contentStart + (kind == Inline ? 1 : 0));
    if (close < 0) {
        t_failed.failedFrom[kind] = contentStart;
        return nullptr;
    }
    const QByteArrayView tex(reinterpret_cast<const char *>(data) + contentStart,
                             close - contentStart);
    if (tex.trimmed().isEmpty())
        return nullptr;

    // Inline HTML, as table cells may hold no custom inline (cmark-gfm would refuse the node);
    // marked as ours, so the raw HTML check passes it by.
    cmark_node *node =
        cmark_node_new_with_mem(CMARK_NODE_HTML_INLINE, cmark_get_default_mem_allocator());
    cmark_node_set_literal(node, mathSpan(tex, kind == Display).constData());
    cmark_node_set_user_data(node, &kMathMarker);
    cmark_inline_parser_set_offset(inlineParser, close + (kind == Inline ? 1 : 2));
    return node;
}

} // namespace

cmark_syntax_extension *MathSyntax::extension()
{
    static cmark_syntax_extension *math = [] {
        cmark_syntax_extension *extension = cmark_syntax_extension_new("mdpreview-math");
        cmark_syntax_extension_set_match_inline_func(extension, matchMath);
        cmark_mem *mem = cmark_get_default_mem_allocator();
        cmark_syntax_extension_set_special_inline_chars(
            extension, cmark_llist_append(mem, nullptr, reinterpret_cast<void *>('$')));
        return extension;
    }();
    return math;
}

bool MathSyntax::isMath(cmark_node *node)
{
    return cmark_node_get_user_data(node) == &kMathMarker;
}

void MathSyntax::beginDocument()
{
    t_failed = {};
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
