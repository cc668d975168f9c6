// SPDX-License-Identifier: GPL-3.0-or-later
#include "parserinput.h"

#include "core/html/htmlallowlist.h"
#include "core/html/htmlescape.h"

#include <QSet>

#include <algorithm>
#include <array>
#include <cstring>
#include <vector>

namespace mdp {

namespace {

using namespace HtmlAllowlist;

// U+E000, a private use character: the parser passes it through as it is. A block that holds it
// already, or a numeric reference that could make it, is not condensed.
constexpr QByteArrayView kMark("\xEE\x80\x80");
// Shorter runs are not worth a placeholder (which the parser reads as four characters).
constexpr qsizetype kMinimumRun = 12;

bool isSpace(char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f';
}

// What ends what in a tag, a table lookup a byte: a tag of thousands of attributes is read here
// instead of by the parser, and this is most of the reading.
enum Ends : unsigned char
{
    kEndsValue = 1, // white space, ">": an unquoted value
    kEndsName = 2,  // and "/", "=": an attribute's name ("/" and ">" a tag's name)
    kSpace = 4,
};

constexpr std::array<unsigned char, 256> kEnds = [] {
    std::array<unsigned char, 256> table{};
    for (const char c : {' ', '\t', '\n', '\r', '\f'})
        table[uchar(c)] = kEndsValue | kEndsName | kSpace;
    table[uchar('>')] = kEndsValue | kEndsName;
    table[uchar('/')] = kEndsName;
    table[uchar('=')] = kEndsName;
    return table;
}();

bool ends(char c, Ends what)
{
    return kEnds[uchar(c)] & what;
}

bool isAlpha(char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

bool isAlphanumeric(char c)
{
    return isAlpha(c) || (c >= '0' && c <= '9');
}

// Text the parser reads as characters one by one, each written back as it is (">" as "&gt;"), by
// table: this is asked for every byte of text.
constexpr std::array<bool, 256> kRunCharacters = [] {
    std::array<bool, 256> table{};
    for (int c = 0x20; c < 0x7f; ++c)
        table[size_t(c)] = c != '<' && c != '&';
    table[uchar('\t')] = true;
    table[uchar('\n')] = true;
    return table;
}();

bool isRunCharacter(char c)
{
    return kRunCharacters[uchar(c)];
}

// The length of the reference at `at` if it is one of those that come back as they were.
qsizetype referenceAt(QByteArrayView html, qsizetype at)
{
    const char *const p = html.data() + at;
    const qsizetype left = html.size() - at;
    if (left >= 4 && p[2] == 't' && p[3] == ';' && (p[1] == 'l' || p[1] == 'g'))
        return 4;
    if (left >= 5 && std::memcmp(p, "&amp;", 5) == 0)
        return 5;
    if (left >= 6 && std::memcmp(p, "&quot;", 6) == 0)
        return 6;
    return 0;
}

// Whether `needle` occurs in `html`, found by its first byte with memchr (a library search for a
// short needle costs several times more).
bool containsByFirstByte(QByteArrayView html, QByteArrayView needle)
{
    const char *at = html.data();
    const char *const end = at + html.size();
    while ((at = static_cast<const char *>(std::memchr(at, needle[0], size_t(end - at))))) {
        if (QByteArrayView(at, end - at).startsWith(needle))
            return true;
        ++at;
    }
    return false;
}

// Whether the block holds no U+E000, no numeric reference that could make one, and no NUL.
bool plainEnough(QByteArrayView html)
{
    return !containsByFirstByte(html, kMark) && !containsByFirstByte(html, "&#") &&
           !std::memchr(html.data(), '\0', size_t(html.size()));
}

// Tags whose attributes the tree builder reads: the formatting elements (it compares their
// attributes to limit how many identical ones it reopens), <input> (type=hidden stays in a
// table), and <image> (which it renames <img>, whose attributes the allowlist treats otherwise).
bool attributesMatter(QByteArrayView name)
{
    for (const char *tag : {"a", "b", "big", "code", "em", "font", "i", "image", "input", "nobr",
                            "s", "small", "strike", "strong", "tt", "u"}) {
        if (name == tag)
            return true;
    }
    return false;
}

// Lower case, as the tokenizer makes names; `buffer` holds short names.
QByteArrayView lowered(QByteArrayView name, std::array<char, 32> &buffer, QByteArray &heap)
{
    char *out = buffer.data();
    if (name.size() > qsizetype(buffer.size())) {
        heap.resize(name.size());
        out = heap.data();
    }
    for (qsizetype i = 0; i < name.size(); ++i)
        out[i] = name[i] >= 'A' && name[i] <= 'Z' ? char(name[i] + ('a' - 'A')) : name[i];
    return QByteArrayView(out, name.size());
}

} // namespace

// The tokenizer's states for a tag, as far as they tell where an attribute begins and ends.
class Condenser final
{
public:
    Condenser(QByteArrayView html, const ParserInput::Ranges &document,
              const std::vector<qsizetype> &textLessThans, ParserInput &input)
        : m_in(html)
        , m_document(document)
        , m_textLessThans(textLessThans)
        , m_input(input)
    {}

    bool run()
    {
        if (!plainEnough(m_in))
            return false;
        const qsizetype n = m_in.size();
        qsizetype at = 0;
        while (at < n) {
            const qsizetype lt = text(at);
            if (lt == n)
                break;
            const char next = lt + 1 < n ? m_in[lt + 1] : '\0';
            if (next == '!' || next == '?')
                return false; // a comment, a declaration: the parser's to read
            if (next == '/' && !(lt + 2 < n && isAlpha(m_in[lt + 2])))
                return false;
            if (!isAlpha(next) && next != '/') {
                at = lt + 1; // a "<" that starts no tag is text
                continue;
            }
            at = tag(lt);
            // A "<" to be read as text that was read as part of a tag (in a value, say): the
            // parser reads the block with its escapes.
            if (at < 0 || (m_nextText < m_textLessThans.size() && m_textLessThans[m_nextText] < at))
                return false;
        }
        // Every "<" to be read as text must have been passed as text: one the reading skipped
        // would reach the parser as a tag.
        if (m_edits.empty() || m_nextText != m_textLessThans.size())
            return false;
        m_input.html += m_in.sliced(m_copied);
        m_input.document = m_document;
        for (auto &[from, to] : m_input.document) {
            from = moved(from);
            to = moved(to);
        }
        return true;
    }

private:
    struct Edit
    {
        qsizetype from = 0; // in the block's HTML
        qsizetype to = 0;
        qsizetype newFrom = 0; // in the parser's
        qsizetype newTo = 0;
    };

    // Where a position of the block's HTML is in the parser's: positions inside what was
    // replaced go to its start (no tag starts there, so whose a tag is stays the same).
    qsizetype moved(qsizetype offset) const
    {
        const auto after =
            std::upper_bound(m_edits.begin(), m_edits.end(), offset,
                             [](qsizetype value, const Edit &edit) { return value < edit.from; });
        if (after == m_edits.begin())
            return offset;
        const Edit &edit = *std::prev(after);
        return offset < edit.to ? edit.newFrom : edit.newTo + (offset - edit.to);
    }

    void replace(qsizetype from, qsizetype to, QByteArrayView with)
    {
        m_input.html += m_in.sliced(m_copied, from - m_copied);
        const qsizetype newFrom = m_input.html.size();
        m_input.html += with;
        m_edits.push_back({from, to, newFrom, m_input.html.size()});
        m_copied = to;
    }

    // Whether the "<" at `lt` is the next one to be read as text.
    bool isTextLessThan(qsizetype lt) const
    {
        return m_nextText < m_textLessThans.size() && m_textLessThans[m_nextText] == lt;
    }

    // Text from `at` on: its runs become placeholders. Returns where it ends: at the next "<"
    // that is not one to be read as text, or at the end.
    qsizetype text(qsizetype at)
    {
        const qsizetype n = m_in.size();
        while (at < n) {
            const char c = m_in[at];
            if (c == '<' && !isTextLessThan(at))
                return at;
            if (c == '&' && referenceAt(m_in, at) == 0) {
                // Another reference: what it reads (letters, digits, "#", ";") stays with it.
                ++at;
                while (at < n && (isAlphanumeric(m_in[at]) || m_in[at] == '#' || m_in[at] == ';'))
                    ++at;
                continue;
            }
            if (!(c == '&' || c == '<' || (isRunCharacter(c) && !isSpace(c)))) {
                ++at;
                continue;
            }
            bool lessThan = false;
            const qsizetype stop = runEnd(at, lessThan);
            // A "<" read as text must not reach the parser: its run is a placeholder however short.
            if (stop - at >= kMinimumRun || lessThan) {
                const QByteArray placeholder =
                    kMark.toByteArray() + QByteArray::number(m_input.m_runs.size()) + kMark;
                m_input.m_runs.append(m_in.sliced(at, stop - at));
                replace(at, stop, placeholder);
            }
            at = std::max(stop, at + 1);
        }
        return n;
    }

    // Where the run of text from `at` ends; `lessThan` tells whether it holds a "<" (each one to
    // be read as text, passed here).
    qsizetype runEnd(qsizetype at, bool &lessThan)
    {
        const qsizetype n = m_in.size();
        while (at < n) {
            const char c = m_in[at];
            if (isRunCharacter(c)) {
                ++at;
            } else if (c == '<' && isTextLessThan(at)) {
                ++m_nextText;
                lessThan = true;
                ++at;
            } else if (const qsizetype length = c == '&' ? referenceAt(m_in, at) : 0) {
                at += length;
            } else {
                break;
            }
        }
        return at;
    }

    bool isDocuments(qsizetype offset) const
    {
        const auto after =
            std::upper_bound(m_document.begin(), m_document.end(), offset,
                             [](qsizetype value, const std::pair<qsizetype, qsizetype> &range) {
                                 return value < range.first;
                             });
        return after != m_document.begin() && offset < std::prev(after)->second;
    }

    struct Attribute
    {
        qsizetype from = 0;
        qsizetype nameEnd = 0;
        qsizetype to = 0;
        bool quoted = false; // its value ends at its closing quote, whatever follows
    };

    // What a start tag keeps of its attributes.
    struct Attributes
    {
        std::vector<Attribute> kept;
        bool stripped = false; // some were dropped: the tag is written again
        bool selfClosing = false;
        bool repeatWithoutValue = false; // the parser is to read the tag as it is (see below)
    };

    // The tag from `lt` on; returns where it ends, -1 when it does not (or must be left to the
    // parser).
    qsizetype tag(qsizetype lt);
    qsizetype attributes(qsizetype at, QByteArrayView name, bool strip, Attributes &read) const;
    bool readAttribute(qsizetype from, Attribute &attribute) const;
    qsizetype afterRepeats(const Attribute &dropped, qsizetype next) const;
    void writeAgain(qsizetype lt, QByteArrayView name, const std::vector<Attribute> &kept,
                    bool selfClosing, qsizetype end);

    QByteArrayView m_in;
    const ParserInput::Ranges &m_document;
    const std::vector<qsizetype> &m_textLessThans;
    size_t m_nextText = 0; // the first of m_textLessThans not yet come to
    ParserInput &m_input;
    std::vector<Edit> m_edits;
    qsizetype m_copied = 0;
};

// One attribute from the first byte of its name: the name up to white space, "/", ">" or "="
// (an "=" first is part of it), then "=" and a value if one follows. False when the text ends
// inside it.
bool Condenser::readAttribute(qsizetype from, Attribute &attribute) const
{
    const qsizetype n = m_in.size();
    qsizetype at = from + 1;
    while (at < n && !ends(m_in[at], kEndsName))
        ++at;
    attribute = {from, at, at};
    qsizetype look = at;
    while (look < n && ends(m_in[look], kSpace))
        ++look;
    if (look >= n || m_in[look] != '=')
        return true;
    ++look;
    while (look < n && ends(m_in[look], kSpace))
        ++look;
    if (look >= n)
        return false;
    const char quote = m_in[look];
    qsizetype to = look;
    if (quote == '"' || quote == '\'') {
        // Most values are short: a few bytes looked at cost less than a call.
        to = look + 1;
        for (const qsizetype near = std::min(n, to + 16); to < near && m_in[to] != quote;)
            ++to;
        if (to < n && m_in[to] != quote) {
            const void *close = std::memchr(m_in.data() + to, quote, size_t(n - to));
            to = close ? static_cast<const char *>(close) - m_in.data() : n;
        }
        if (to >= n)
            return false;
        ++to;
        attribute.quoted = true;
    } else {
        // Unquoted: up to white space or ">" (an empty one when ">" comes first).
        while (to < n && !ends(m_in[to], kEndsValue))
            ++to;
    }
    attribute.to = to;
    return true;
}

bool ParserInput::changesTokenizer(QByteArrayView name)
{
    for (const char *tag : {"iframe", "math", "noembed", "noframes", "noscript", "plaintext",
                            "script", "style", "svg", "template", "textarea", "title", "xmp"}) {
        if (name == tag)
            return true;
    }
    return false;
}

qsizetype Condenser::tag(qsizetype lt)
{
    const qsizetype n = m_in.size();
    const bool end = m_in[lt + 1] == '/';
    qsizetype at = lt + (end ? 2 : 1);
    const qsizetype nameStart = at;
    // A tag's name ends at white space, "/" or ">" ("=" is part of it).
    while (at < n && !ends(m_in[at], kEndsValue) && m_in[at] != '/')
        ++at;
    std::array<char, 32> nameBuffer;
    QByteArray nameHeap;
    const QByteArrayView name =
        lowered(m_in.sliced(nameStart, at - nameStart), nameBuffer, nameHeap);
    if (!end && ParserInput::changesTokenizer(name))
        return -1;
    const bool strip = !end && !attributesMatter(name) && isDocuments(lt);
    Attributes read;
    at = attributes(at, name, strip, read);
    if (at >= 0 && read.stripped && !read.repeatWithoutValue)
        writeAgain(lt, m_in.sliced(nameStart, name.size()), read.kept, read.selfClosing, at);
    return at;
}

// The attributes of a tag from `at`, the end of its name, on; returns where the tag ends, -1 when
// it does not. `strip`: the attributes the allowlist drops on `name` are left out of `read.kept`.
qsizetype Condenser::attributes(qsizetype at, QByteArrayView name, bool strip,
                                Attributes &read) const
{
    const qsizetype n = m_in.size();
    QByteArrayView lastKey;
    bool lastDropped = false;
    // The names read so far, lower case. Gumbo 0.10.1, kept from recording errors (max_errors
    // 0), leaves the name of a repeated attribute without a value in its buffer: the next
    // attribute's name starts with it ("<p a a rev>" reads as a="" arev=""). Leaving out
    // attributes around such a repeat would change what it reads, so that tag stays as it is.
    QSet<QByteArray> names;
    bool lastRepeated = false;
    Attribute dropped; // the last attribute read, when it was dropped and its value quoted
    std::array<char, 32> keyBuffer;
    QByteArray keyHeap;
    while (true) {
        // Before an attribute: white space and stray slashes ("/" then ">" closes the tag).
        while (at < n &&
               (ends(m_in[at], kSpace) || (m_in[at] == '/' && at + 1 < n && m_in[at + 1] != '>')))
            ++at;
        if (at >= n || (m_in[at] == '/' && at + 1 >= n))
            return -1; // the tag does not end
        if (m_in[at] == '/' || m_in[at] == '>') {
            read.selfClosing = m_in[at] == '/';
            return at + (read.selfClosing ? 2 : 1);
        }
        if (dropped.quoted) {
            const qsizetype after = afterRepeats(dropped, at);
            dropped = {};
            if (after > at) {
                at = after;
                continue;
            }
        }
        Attribute attribute;
        if (!readAttribute(at, attribute))
            return -1;
        at = attribute.to;
        // A tag repeats its attributes (the pathological case): the same bytes, the same rule.
        const QByteArrayView key = m_in.sliced(attribute.from, attribute.nameEnd - attribute.from);
        if (key.size() != lastKey.size() || !std::equal(key.begin(), key.end(), lastKey.begin())) {
            const QByteArrayView lower = lowered(key, keyBuffer, keyHeap);
            lastDropped =
                strip && htmlAttribute(name, lower, Origin::Document) == AttributeRule::Drop;
            lastKey = key;
            lastRepeated =
                strip && names.contains(QByteArray::fromRawData(lower.data(), lower.size()));
            if (strip && !lastRepeated)
                names.insert(lower.toByteArray());
        } else {
            lastRepeated = true;
        }
        read.repeatWithoutValue =
            read.repeatWithoutValue || (lastRepeated && attribute.to == attribute.nameEnd);
        read.stripped = read.stripped || lastDropped;
        if (!lastDropped)
            read.kept.push_back(attribute);
        else if (attribute.quoted)
            dropped = attribute;
    }
}

// Where the repeats of a dropped attribute end: `dropped` and the white space after it up to
// `next`, the start of the next attribute, again and again (a tag of thousands of the same
// attribute, compared by memcmp instead of read). Each repeat reads as the first did: a quoted
// value ends at its quote whatever follows, and white space is skipped whatever follows it (a
// slash is not: "/" then ">" ends the tag, so a unit with one is not repeated). The same name
// gets the same rule, so each is dropped too. Returns `next` when there is no repeat.
qsizetype Condenser::afterRepeats(const Attribute &dropped, qsizetype next) const
{
    const char *const data = m_in.data();
    if (std::memchr(data + dropped.to, '/', size_t(next - dropped.to)))
        return next;
    const qsizetype unit = next - dropped.from;
    // [dropped.from, at) is repeats of the unit: what follows is compared with as much of it at
    // once (a few calls for a tag of any length), then unit by unit once that fails.
    qsizetype at = next;
    for (bool doubling = true; at + unit <= m_in.size();) {
        const qsizetype span =
            doubling ? std::min(at - dropped.from, (m_in.size() - at) / unit * unit) : unit;
        if (std::memcmp(data + at, data + dropped.from, size_t(span)) == 0)
            at += span;
        else if (doubling)
            doubling = false;
        else
            break;
    }
    return at;
}

// The tag from `lt` to `end` written again with the attributes kept: each after a space reads as
// it did, and " />" keeps an unquoted value from taking the slash.
void Condenser::writeAgain(qsizetype lt, QByteArrayView name, const std::vector<Attribute> &kept,
                           bool selfClosing, qsizetype end)
{
    QByteArray written = "<";
    written += name;
    for (const Attribute &attribute : kept) {
        written += ' ';
        written += m_in.sliced(attribute.from, attribute.to - attribute.from);
    }
    written += selfClosing ? " />" : ">";
    replace(lt, end, written);
}

bool ParserInput::condense(QByteArrayView html, const Ranges &document, ParserInput &input,
                           const std::vector<qsizetype> &textLessThans)
{
    input = {};
    input.html.reserve(html.size());
    return Condenser(html, document, textLessThans, input).run();
}

// The run as the parser would have read it and the writer escaped it: the references come back as
// they were, but for &quot; (text writes a quote as it is), ">" and a "<" read as text. Written
// through a pointer, the plain bytes told by table: a run of escaped tags has a ">" every few
// bytes.
void ParserInput::appendRun(QByteArray &out, QByteArrayView run)
{
    static constexpr std::array<bool, 256> kSpecial = [] {
        std::array<bool, 256> table{};
        for (const char c : {'>', '<', '&'})
            table[uchar(c)] = true;
        return table;
    }();
    const qsizetype start = out.size();
    out.resize(start + 4 * run.size()); // ">" and "<" grow fourfold at most
    char *to = out.data() + start;
    const char *in = run.data();
    const char *const end = in + run.size();
    while (in < end) {
        const char c = *in++;
        if (!kSpecial[uchar(c)]) {
            *to++ = c;
        } else if (c == '&') {
            const bool quote = end - in >= 5 && std::memcmp(in, "quot;", 5) == 0;
            *to++ = quote ? '"' : '&';
            in += quote ? 5 : 0;
        } else {
            std::memcpy(to, c == '>' ? "&gt;" : "&lt;", 4);
            to += 4;
        }
    }
    out.truncate(to - out.data());
}

void ParserInput::appendText(QByteArray &out, QByteArrayView text) const
{
    qsizetype from = 0;
    for (qsizetype at = text.indexOf(kMark); at >= 0; at = text.indexOf(kMark, from)) {
        const qsizetype close = text.indexOf(kMark, at + kMark.size());
        bool number = close > at + kMark.size();
        const qsizetype index =
            number ? text.sliced(at + kMark.size(), close - at - kMark.size()).toLongLong(&number)
                   : -1;
        if (!number || index < 0 || index >= m_runs.size()) {
            appendHtmlEscaped(out, text.sliced(from, at + kMark.size() - from), EscapeQuotes::No);
            from = at + kMark.size();
            continue;
        }
        appendHtmlEscaped(out, text.sliced(from, at - from), EscapeQuotes::No);
        // The run as the parser would have read it and the writer escaped it: the references
        // come back as they were, but for &quot; (text writes a quote as it is) and ">".
        // Written through a pointer: a run of escaped tags has a ">" every few bytes.
        appendRun(out, m_runs[index]);
        from = close + kMark.size();
    }
    appendHtmlEscaped(out, text.sliced(from), EscapeQuotes::No);
}

} // namespace mdp
