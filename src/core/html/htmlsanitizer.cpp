// SPDX-License-Identifier: GPL-3.0-or-later
#include "htmlsanitizer.h"

#include "core/html/htmlallowlist.h"
#include "core/html/htmlescape.h"
#include "core/html/parserinput.h"
#include "core/html/tagname.h"
#include "core/html/urlpolicy.h"

#include <QList>
#include <QRandomGenerator>
#include <QVector>

#include <algorithm>
#include <cstddef>
#include <cstring>
#include <gumbo.h>
#include <initializer_list>
#include <memory>
#include <vector>

namespace mdp {

namespace {

using namespace HtmlAllowlist;

constexpr QByteArrayView kIdPrefix("user-content-");

// `name` in lower case. By length first: the depth limit asks this for every tag.
bool isVoid(QByteArrayView name)
{
    const auto any = [&](std::initializer_list<const char *> tags) {
        return std::any_of(tags.begin(), tags.end(), [&](const char *tag) {
            return std::memcmp(name.data(), tag, size_t(name.size())) == 0;
        });
    };
    switch (name.size()) {
    case 2:
        return any({"br", "hr"});
    case 3:
        return any({"col", "img", "wbr"});
    case 4:
        return any({"area", "base", "link", "meta"});
    case 5:
        return any({"embed", "input", "param", "track"});
    case 6:
        return name == "source";
    default:
        return false;
    }
}

// Gumbo's memory, freed all at once: gumbo_destroy_output frees the tree node by node,
// recursively, and a deep enough tree overflows the stack there; and one release is faster than
// thousands. What gumbo gives back on the way (vectors that grew) stays until the end. Zeroed:
// gumbo reads memory it never wrote (valgrind shows it, in a fragment's parse), which made the
// same HTML come out two ways (a <table> closing a <p> or not).
class Arena final
{
public:
    static void *allocate(void *userdata, size_t size)
    {
        return static_cast<Arena *>(userdata)->take(size);
    }
    static void deallocate(void *, void *) {}

private:
    void *take(size_t size)
    {
        size = (size + 15) & ~size_t(15);
        if (size > kBlockSize / 4) {
            m_blocks.emplace_back(new std::max_align_t[size / sizeof(std::max_align_t) + 1]());
            return m_blocks.back().get();
        }
        if (size > m_left) {
            // Blocks grow from small: most raw HTML is a line or two, and zeroing a large block
            // for it cost more than its parse.
            m_nextBlock = std::max(m_nextBlock, size);
            m_blocks.emplace_back(new std::max_align_t[m_nextBlock / sizeof(std::max_align_t)]());
            m_next = reinterpret_cast<char *>(m_blocks.back().get());
            m_left = m_nextBlock;
            m_nextBlock = std::min(kBlockSize, m_nextBlock * 2);
        }
        void *memory = m_next;
        m_next += size;
        m_left -= size;
        return memory;
    }

    static constexpr size_t kBlockSize = 64 * 1024;
    size_t m_nextBlock = 4 * 1024;
    std::vector<std::unique_ptr<std::max_align_t[]>> m_blocks;
    char *m_next = nullptr;
    size_t m_left = 0;
};

QByteArray tagName(const GumboElement &element)
{
    if (element.tag != GUMBO_TAG_UNKNOWN)
        return QByteArray(gumbo_normalized_tagname(element.tag));
    GumboStringPiece piece = element.original_tag;
    gumbo_tag_from_original_text(&piece);
    return QByteArray(piece.data, qsizetype(piece.length)).toLower();
}

// The candidates of a srcset, each "URL [descriptor]", separated by commas.
bool srcsetAllowed(QByteArrayView element, QByteArrayView value)
{
    const QList<QByteArray> candidates = value.toByteArray().split(',');
    for (const QByteArray &candidate : candidates) {
        const QByteArray trimmed = candidate.trimmed();
        const qsizetype space = trimmed.indexOf(' ');
        const QByteArrayView url =
            space < 0 ? QByteArrayView(trimmed) : QByteArrayView(trimmed).first(space);
        if (!urlAllowed(element, "srcset", url))
            return false;
    }
    return true;
}

QByteArray allowedClasses(QByteArrayView value)
{
    QByteArray out;
    for (const QByteArray &name : value.toByteArray().simplified().split(' ')) {
        if (!classAllowed(name))
            continue;
        if (!out.isEmpty())
            out += ' ';
        out += name;
    }
    return out;
}

// Where in the HTML the document's own raw HTML is: [from, to) byte ranges, in order.
using Ranges = QVector<std::pair<qsizetype, qsizetype>>;

class Writer final
{
public:
    // `input`: what the parser read, when it was condensed.
    explicit Writer(const Ranges &document, const ParserInput *input)
        : m_document(document)
        , m_input(input)
    {}

    QByteArray out;

    // Depth first without recursion: a document may nest elements as deep as it likes (the
    // fuzzer and the pathological benchmark do), and a recursive walk would overflow the stack.
    void write(const GumboVector &nodes)
    {
        struct Frame
        {
            const GumboVector *nodes = nullptr;
            unsigned next = 0;
            QByteArray close;
            bool link = false;
        };
        std::vector<Frame> stack;
        stack.push_back({&nodes, 0, {}, false});
        while (!stack.empty()) {
            Frame &top = stack.back();
            if (top.next == top.nodes->length) {
                out += top.close;
                m_openLinks -= top.link ? 1 : 0;
                stack.pop_back();
                continue;
            }
            const auto &node = *static_cast<const GumboNode *>(top.nodes->data[top.next++]);
            switch (node.type) {
            case GUMBO_NODE_ELEMENT:
            case GUMBO_NODE_TEMPLATE: {
                QByteArray close;
                bool link = false;
                m_node = &node;
                if (open(node.v.element, close, link))
                    stack.push_back({&node.v.element.children, 0, std::move(close), link});
                m_openLinks += link ? 1 : 0;
                break;
            }
            case GUMBO_NODE_TEXT:
            case GUMBO_NODE_WHITESPACE:
            case GUMBO_NODE_CDATA:
                if (m_input)
                    m_input->appendText(out, QByteArrayView(node.v.text.text));
                else
                    appendHtmlEscaped(out, QByteArrayView(node.v.text.text), EscapeQuotes::No);
                break;
            case GUMBO_NODE_COMMENT:
            case GUMBO_NODE_DOCUMENT:
                break;
            }
        }
    }

private:
    // Writes what the element keeps of its start tag; true when its children are to be written,
    // followed by `close`. `link` says the element written is an <a>.
    bool open(const GumboElement &element, QByteArray &close, bool &link)
    {
        const QByteArray name = tagName(element);
        const Origin origin = originOf(element);
        ElementRule rule = ElementRule::DropContent;
        if (element.tag_namespace == GUMBO_NAMESPACE_HTML)
            rule = htmlElement(name);
        else if (element.tag_namespace == GUMBO_NAMESPACE_SVG)
            rule = svgElement(name, origin);
        if (rule == ElementRule::DropContent)
            return false;
        if (rule == ElementRule::Drop)
            return true;
        const bool svg = element.tag_namespace == GUMBO_NAMESPACE_SVG;
        const qsizetype start = out.size();
        out += '<';
        out += name;
        if (!attributes(name, element.attributes, svg, origin)) {
            // A task list box our renderer did not write is no box of ours: it goes.
            out.truncate(start);
            return false;
        }
        out += '>';
        if (!svg && name == "a" && origin == Origin::Document && !isAnchor(start)) {
            // GitHub drops a link that has nowhere to go and names no place: its text stays.
            out.truncate(start);
            return true;
        }
        if (!svg && name == "img" && m_openLinks == 0 && !inPicture()) {
            // GitHub links an image that is in no link to itself: a click opens it.
            out.insert(start, imageLinkStart(m_imageSource));
            out += "</a>";
        }
        if (!svg && isVoid(name))
            return false;
        // The parser dropped a newline that opens a <pre>; a second one would go too.
        if (name == "pre" && element.children.length > 0) {
            const auto *first = static_cast<const GumboNode *>(element.children.data[0]);
            if ((first->type == GUMBO_NODE_TEXT || first->type == GUMBO_NODE_WHITESPACE) &&
                first->v.text.text[0] == '\n')
                out += '\n';
        }
        close = "</" + name + '>';
        link = !svg && name == "a";
        return true;
    }

    // Elements the parser made up (a <tbody> it implied) have no start tag: they are the
    // renderer's, and carry nothing.
    Origin originOf(const GumboElement &element) const
    {
        if (element.original_tag.length == 0)
            return Origin::Renderer;
        const qsizetype at = qsizetype(element.start_pos.offset);
        const auto after =
            std::upper_bound(m_document.begin(), m_document.end(), at,
                             [](qsizetype offset, const std::pair<qsizetype, qsizetype> &range) {
                                 return offset < range.first;
                             });
        if (after == m_document.begin())
            return Origin::Renderer;
        return at < std::prev(after)->second ? Origin::Document : Origin::Renderer;
    }

    // An image of a <picture> stays its child, or the picture's sources would no longer apply.
    bool inPicture() const
    {
        const GumboNode *parent = m_node ? m_node->parent : nullptr;
        return parent && parent->type == GUMBO_NODE_ELEMENT &&
               tagName(parent->v.element) == "picture";
    }

    // Whether the start tag written from `start` on has an href, a name or an id.
    bool isAnchor(qsizetype start) const
    {
        const QByteArrayView tag = QByteArrayView(out).sliced(start);
        return tag.contains(" href=\"") || tag.contains(" name=\"") || tag.contains(" id=\"");
    }

    // Writes the allowed attributes; false when the element must not be written at all.
    bool attributes(QByteArrayView name, const GumboVector &list, bool svg, Origin origin)
    {
        m_imageSource.clear();
        const bool input = !svg && name == "input";
        bool checkbox = false;
        for (unsigned i = 0; i < list.length; ++i) {
            const auto &attribute = *static_cast<const GumboAttribute *>(list.data[i]);
            if (attribute.attr_namespace != GUMBO_ATTR_NAMESPACE_NONE)
                continue;
            const QByteArrayView key(attribute.name);
            const QByteArrayView value(attribute.value);
            const AttributeRule rule =
                svg ? svgAttribute(name, key) : htmlAttribute(name, key, origin);
            QByteArray written;
            switch (rule) {
            case AttributeRule::Drop:
                continue;
            case AttributeRule::Keep:
                written = value.toByteArray();
                break;
            case AttributeRule::Url:
                if (!urlAllowed(name, key, value))
                    continue;
                written = value.toByteArray();
                if (name == "img" && key == "src") {
                    // As GitHub's image filter leaves it: "" for a query, a fragment, a user.
                    written = imageSource(value).url;
                    appendHtmlEscaped(m_imageSource, written, EscapeQuotes::Yes);
                }
                break;
            case AttributeRule::UrlList:
                if (!srcsetAllowed(name, value))
                    continue;
                written = value.toByteArray();
                break;
            case AttributeRule::Classes:
                written = allowedClasses(value);
                if (written.isEmpty())
                    continue;
                checkbox = checkbox || written.contains("task-list-item-checkbox");
                break;
            case AttributeRule::Prefixed:
                if (value.isEmpty())
                    continue;
                written = value.startsWith(kIdPrefix)
                              ? value.toByteArray()
                              : kIdPrefix.toByteArray() + value.toByteArray();
                break;
            }
            if (input && key != "class" && key != "checked" && key != "type")
                continue;
            out += ' ';
            out += key;
            out += "=\"";
            appendHtmlEscaped(out, written, EscapeQuotes::Yes);
            out += '"';
        }
        if (input) {
            if (!checkbox)
                return false;
            out += " disabled=\"\"";
        }
        return true;
    }

    const Ranges &m_document;
    const ParserInput *m_input = nullptr;
    const GumboNode *m_node = nullptr; // the element being opened
    int m_openLinks = 0;
    QByteArray m_imageSource; // the src of the <img> being written, escaped
};

// Gumbo's time grows with the nesting depth for every tag and character after it (it looks
// through the open elements and the formatting ones), so a deep enough nest is quadratic. Blink
// stops nesting at 512 levels; no real document comes near 128. Tags that would open an element
// deeper than this are shown as text, which costs a few bytes and no parser time.
constexpr int kMaximumDepth = 128;

bool isNameStart(char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

// Whether a tag's name, as written, is a void element's. Void element names are short: a longer
// one is none, and is not lowered.
bool isVoidName(QByteArrayView name)
{
    char lower[8];
    if (name.size() >= qsizetype(sizeof lower))
        return false;
    for (qsizetype k = 0; k < name.size(); ++k) {
        const char c = name[k];
        lower[k] = c >= 'A' && c <= 'Z' ? char(c + ('a' - 'A')) : c;
    }
    return isVoid(QByteArrayView(lower, name.size()));
}

// Where `html` is past the depth limit: the positions of the "<" of the start tags that would open
// an element deeper than kMaximumDepth, in order. A tag's depth is counted as the text nests it,
// before the parser's repairs: close enough for a limit.
std::vector<qsizetype> depthLimitEscapes(QByteArrayView html)
{
    std::vector<qsizetype> escaped;
    const char *const data = html.data();
    const qsizetype n = html.size();
    const auto find = [&](char c, qsizetype from) -> qsizetype {
        const void *at = from < n ? std::memchr(data + from, c, size_t(n - from)) : nullptr;
        return at ? static_cast<const char *>(at) - data : -1;
    };
    int depth = 0;
    qsizetype close = 0; // the next ">", -1 when there is none
    // A block repeats its tags: a name the same as the last one's is not looked up again.
    QByteArrayView lastName;
    bool lastVoid = false;
    for (qsizetype i = find('<', 0); i >= 0; i = find('<', i + 1)) {
        if (i + 1 < n && data[i + 1] == '!' && html.sliced(i).startsWith("<!--")) {
            const qsizetype end = html.indexOf("-->", i + 4);
            if (end < 0)
                break;
            i = end + 2;
            continue;
        }
        const bool closing = i + 1 < n && data[i + 1] == '/';
        qsizetype at = i + (closing ? 2 : 1);
        if (at >= n || !isNameStart(data[at]))
            continue;
        const qsizetype nameStart = at;
        while (at < n && (isNameStart(data[at]) || (data[at] >= '0' && data[at] <= '9')))
            ++at;
        const QByteArrayView name(data + nameStart, at - nameStart);
        if (!sameTagName(name, lastName)) {
            lastName = name;
            lastVoid = isVoidName(name);
        }
        // The next ">" is found once for all the tags before it: a text of "<" without one
        // would otherwise be searched to its end from each.
        if (close >= 0 && close < at)
            close = find('>', at);
        const bool selfClosing = close > 0 && data[close - 1] == '/';
        if (closing) {
            depth = std::max(0, depth - 1);
        } else if (!lastVoid && !selfClosing) {
            if (depth >= kMaximumDepth) {
                escaped.push_back(i);
                continue;
            }
            ++depth;
        }
    }
    return escaped;
}

// `html` with the "<" at `escaped` written "&lt;", and `document`'s ranges moved to where their
// bytes now are. Written at once through a pointer: past the limit, every few bytes are an
// escape.
QByteArray withEscapes(QByteArrayView html, const std::vector<qsizetype> &escaped, Ranges &document)
{
    QByteArray out(html.size() + 3 * qsizetype(escaped.size()), Qt::Uninitialized);
    char *to = out.data();
    qsizetype copied = 0;
    for (const qsizetype at : escaped) {
        std::memcpy(to, html.data() + copied, size_t(at - copied));
        to += at - copied;
        std::memcpy(to, "&lt;", 4);
        to += 4;
        copied = at + 1;
    }
    std::memcpy(to, html.data() + copied, size_t(html.size() - copied));
    // Each escape made the text three bytes longer.
    const auto moved = [&escaped](qsizetype offset) {
        return offset +
               3 * (std::lower_bound(escaped.begin(), escaped.end(), offset) - escaped.begin());
    };
    for (auto &[from, to] : document) {
        from = moved(from);
        to = moved(to);
    }
    return out;
}

// Whether `html` has more than `limit` "<": counted only as far as needed.
bool moreTagsThan(QByteArrayView html, int limit)
{
    const char *at = html.data();
    const char *const end = at + html.size();
    for (int found = 0; found <= limit; ++found, ++at) {
        at = static_cast<const char *>(std::memchr(at, '<', size_t(end - at)));
        if (!at)
            return false;
    }
    return true;
}

QByteArray sanitizeRanges(QByteArrayView input, const Ranges &inputDocument,
                          HtmlSanitizer::Shortcuts shortcuts)
{
    const std::vector<qsizetype> escaped =
        moreTagsThan(input, kMaximumDepth) ? depthLimitEscapes(input) : std::vector<qsizetype>();
    QByteArrayView html = input;
    const Ranges *document = &inputDocument;
    // The parser's input condensed reads the tags past the limit as text itself; when it cannot
    // be condensed, the parser reads them escaped.
    ParserInput condensed;
    const bool isCondensed = shortcuts == HtmlSanitizer::Shortcuts::Taken &&
                             ParserInput::condense(input, inputDocument, condensed, escaped);
    QByteArray limited;
    Ranges limitedDocument;
    if (isCondensed) {
        html = condensed.html;
        document = &condensed.document;
    } else if (!escaped.empty()) {
        limitedDocument = inputDocument;
        limited = withEscapes(input, escaped, limitedDocument);
        html = limited;
        document = &limitedDocument;
    }
    GumboOptions options = kGumboDefaultOptions;
    options.fragment_context = GUMBO_TAG_DIV;
    options.fragment_namespace = GUMBO_NAMESPACE_HTML;
    // Gumbo keeps a copy of the stack of open elements with every parse error: quadratic time and
    // memory in the nesting depth, for messages nobody reads.
    options.max_errors = 0;
    Arena arena;
    options.allocator = &Arena::allocate;
    options.deallocator = &Arena::deallocate;
    options.userdata = &arena;
    GumboOutput *output = gumbo_parse_with_options(&options, html.data(), size_t(html.size()));
    Writer writer(*document, isCondensed ? &condensed : nullptr);
    writer.out.reserve(html.size());
    // A fragment's nodes are the children of the <html> element the parser puts around them.
    if (output->root && output->root->type == GUMBO_NODE_ELEMENT)
        writer.write(output->root->v.element.children);
    // No gumbo_destroy_output: the arena frees the tree at once.
    return writer.out;
}

// A mark the document cannot write: random, made once per process.
QByteArray makeMark(char end)
{
    static const QByteArray token =
        QByteArray::number(QRandomGenerator::system()->generate64(), 36);
    return "\x01mdp" + token + end;
}

} // namespace

QByteArray HtmlSanitizer::sanitize(QByteArrayView html, Shortcuts shortcuts)
{
    return sanitizeRanges(html, Ranges{{0, html.size()}}, shortcuts);
}

const QByteArray &HtmlSanitizer::documentStart()
{
    static const QByteArray mark = makeMark('[');
    return mark;
}

const QByteArray &HtmlSanitizer::documentEnd()
{
    static const QByteArray mark = makeMark(']');
    return mark;
}

QByteArray HtmlSanitizer::sanitizeRendered(QByteArrayView html, Shortcuts shortcuts)
{
    const QByteArray &start = documentStart();
    const QByteArray &end = documentEnd();
    QByteArray plain;
    plain.reserve(html.size());
    Ranges document;
    qsizetype from = 0;
    for (qsizetype at = html.indexOf(start); at >= 0; at = html.indexOf(start, from)) {
        plain += html.sliced(from, at - from);
        const qsizetype close = html.indexOf(end, at + start.size());
        const qsizetype stop = close < 0 ? html.size() : close;
        document.append({plain.size(), plain.size() + (stop - at - start.size())});
        plain += html.sliced(at + start.size(), stop - at - start.size());
        from = close < 0 ? html.size() : close + end.size();
    }
    plain += html.sliced(from);
    return sanitizeRanges(plain, document, shortcuts);
}

namespace {

// Where the next "<" is from `from` on, -1 when there is none. A few bytes are looked at before
// a search is called: in a block of tags the next one is close.
qsizetype nextOpen(QByteArrayView html, qsizetype from)
{
    const qsizetype near = std::min(html.size(), from + 8);
    for (; from < near; ++from) {
        if (html[from] == '<')
            return from;
    }
    if (from >= html.size())
        return -1;
    const void *at = std::memchr(html.data() + from, '<', size_t(html.size() - from));
    return at ? static_cast<const char *>(at) - html.data() : -1;
}

bool isTagNameChar(char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
}

} // namespace

HtmlSanitizer::Check HtmlSanitizer::checkNeeded(QByteArrayView rawHtml)
{
    const qsizetype n = rawHtml.size();
    // The last name found plain, as written: a block repeats its tags (a <div> per line), and
    // the same bytes need no second look.
    QByteArrayView plainName;
    for (qsizetype i = nextOpen(rawHtml, 0); i >= 0; i = nextOpen(rawHtml, i)) {
        // A tag: "<name", or "</name", then optional white space and ">" (or "/>").
        qsizetype at = i + 1;
        const bool closing = at < n && rawHtml[at] == '/';
        if (closing)
            ++at;
        const qsizetype nameStart = at;
        while (at < n && isTagNameChar(rawHtml[at]))
            ++at;
        if (at == nameStart || !((rawHtml[nameStart] >= 'a' && rawHtml[nameStart] <= 'z') ||
                                 (rawHtml[nameStart] >= 'A' && rawHtml[nameStart] <= 'Z')))
            return Check::Sanitize; // a comment, a declaration, a stray "<": let the parser say
        const QByteArrayView name = rawHtml.sliced(nameStart, at - nameStart);
        while (at < n && (rawHtml[at] == ' ' || rawHtml[at] == '\t' || rawHtml[at] == '\n'))
            ++at;
        if (!closing && at + 1 < n && rawHtml[at] == '/' && rawHtml[at + 1] == '>')
            ++at;
        if (at >= n || rawHtml[at] != '>')
            return Check::Sanitize; // attributes, or a tag that does not end
        if (!sameTagName(name, plainName)) {
            // No element the allowlist keeps has a longer name than this buffer.
            char lower[16];
            if (name.size() > qsizetype(sizeof lower))
                return Check::Sanitize;
            for (qsizetype k = 0; k < name.size(); ++k)
                lower[k] = name[k] >= 'A' && name[k] <= 'Z' ? char(name[k] + 32) : name[k];
            const QByteArrayView lowered(lower, name.size());
            if (htmlElement(lowered) != ElementRule::Keep || ParserInput::changesTokenizer(lowered))
                return Check::Sanitize;
            plainName = name;
        }
        i = at + 1;
    }
    return Check::Plain;
}

} // namespace mdp
