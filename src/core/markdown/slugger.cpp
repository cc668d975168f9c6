// SPDX-License-Identifier: GPL-3.0-or-later
#include "slugger.h"

#include "core/markdown/bytehash.h"

#include <QList>

#include <charconv>
#include <cstring>

namespace mdp {

namespace {

bool keeps(char32_t c)
{
    if (c == U' ' || c == U'-')
        return true;
    switch (QChar::category(c)) {
    case QChar::Letter_Uppercase:
    case QChar::Letter_Lowercase:
    case QChar::Letter_Titlecase:
    case QChar::Letter_Modifier:
    case QChar::Letter_Other:
    case QChar::Mark_NonSpacing:
    case QChar::Mark_SpacingCombining:
    case QChar::Mark_Enclosing:
    case QChar::Number_DecimalDigit:
    case QChar::Number_Letter:
    case QChar::Punctuation_Connector:
        return true;
    default:
        return false;
    }
}

// Where the "-N" that a duplicate's slug ends with begins, or -1: N is a count (digits, the
// first not 0).
qsizetype suffixHyphen(QByteArrayView slug)
{
    qsizetype digits = slug.size();
    while (digits > 0 && slug[digits - 1] >= '0' && slug[digits - 1] <= '9')
        --digits;
    if (digits == slug.size() || digits == 0 || slug[digits - 1] != '-' || slug[digits] == '0')
        return -1;
    return digits - 1;
}

} // namespace

QString Slugger::baseSlug(const QString &text)
{
    // Most headings are ASCII: letters, digits, "_" and "-" stay (lower case), spaces become
    // hyphens, the rest goes. Without the Unicode tables a document of thousands of headings
    // gets its ids in a fraction of the time.
    QString ascii(text.size(), Qt::Uninitialized);
    qsizetype length = 0;
    for (const QChar c : text) {
        char16_t u = c.unicode();
        if (u >= 0x80) {
            length = -1;
            break;
        }
        if (u >= 'A' && u <= 'Z')
            u += 'a' - 'A';
        if ((u >= 'a' && u <= 'z') || (u >= '0' && u <= '9') || u == '_' || u == '-')
            ascii[length++] = QChar(u);
        else if (u == ' ')
            ascii[length++] = QLatin1Char('-');
    }
    if (length >= 0) {
        ascii.truncate(length);
        return ascii;
    }
    const QList<uint> lower = text.toLower().toUcs4();
    QList<char32_t> kept;
    kept.reserve(lower.size());
    for (const uint c : lower) {
        if (keeps(char32_t(c)))
            kept.append(c == U' ' ? U'-' : char32_t(c));
    }
    return QString::fromUcs4(kept.constData(), kept.size());
}

void Slugger::appendBaseSlug(QByteArrayView text, QByteArray &out)
{
    // The ASCII rules of baseSlug() on the bytes themselves; any other character sends the whole
    // text through baseSlug().
    const qsizetype start = out.size();
    out.resize(start + text.size());
    char *at = out.data() + start;
    for (const char c : text) {
        char lower = c;
        if (static_cast<unsigned char>(c) >= 0x80) {
            out.resize(start);
            out += baseSlug(QString::fromUtf8(text)).toUtf8();
            return;
        }
        if (c >= 'A' && c <= 'Z')
            lower = char(c + ('a' - 'A'));
        if ((lower >= 'a' && lower <= 'z') || (lower >= '0' && lower <= '9') || lower == '_' ||
            lower == '-')
            *at++ = lower;
        else if (lower == ' ')
            *at++ = '-';
    }
    out.resize(at - out.constData());
}

QString Slugger::slug(const QString &text)
{
    return claim(baseSlug(text));
}

QString Slugger::claim(const QString &base)
{
    return QString::fromUtf8(claimUtf8(base.toUtf8()));
}

QByteArrayView Slugger::slugUtf8(QByteArrayView text)
{
    m_base.resize(0); // keeps its capacity: no allocation per heading
    appendBaseSlug(text, m_base);
    return claimUtf8(m_base);
}

QByteArrayView Slugger::claimUtf8(QByteArrayView base)
{
    const size_t hash = byteHash(base);
    size_t slot = slotOf(base, hash);
    if (m_table[slot].occurrences < 0) {
        if (!isGenerated(base))
            return insert(slot, base, hash);
        // Taken by a duplicate before: from now on it is a base of its own, and counts.
        insert(slot, base, hash);
        slot = slotOf(base, hash);
    }
    // A suffixed slug may itself collide with a heading that spelled the suffix out ("a-1"), so
    // the count goes on until a free one turns up. The suffixed slugs a base hands out are not
    // kept: the base's count says which it took (isGenerated), and only a slug that someone
    // spelled out can stand in the way of the next. A document of one heading repeated keeps one
    // slug, not one for each (each was a slot far from the last: a cache miss per heading).
    // The base and its hyphen are written once, each number after them.
    constexpr qsizetype kDigits = 11;
    m_candidate.resize(base.size() + 1 + kDigits);
    char *const number = std::copy(base.begin(), base.end(), m_candidate.data());
    *number = '-';
    while (true) {
        const int occurrences = ++m_table[slot].occurrences;
        const char *end = std::to_chars(number + 1, number + 1 + kDigits, occurrences).ptr;
        const QByteArrayView candidate(m_candidate.constData(), end - m_candidate.constData());
        if (m_suffixedSlugs == 0)
            return candidate;
        const size_t candidateHash = byteHash(candidate);
        if (m_table[slotOf(candidate, candidateHash)].occurrences < 0)
            return candidate;
    }
}

// "base-N" for a base this slugger holds that has handed out N or more suffixes: when it is not
// held itself, it was one of those (a suffix that was held already was skipped).
bool Slugger::isGenerated(QByteArrayView slug) const
{
    const qsizetype hyphen = suffixHyphen(slug);
    if (hyphen < 0)
        return false;
    const QByteArrayView base = slug.first(hyphen);
    const Entry &entry = m_table[slotOf(base, byteHash(base))];
    if (entry.occurrences <= 0)
        return false;
    const QByteArrayView digits = slug.sliced(hyphen + 1);
    int number = 0;
    const auto parsed = std::from_chars(digits.begin(), digits.end(), number);
    // A number past what an int holds (from_chars fails) is more than any count.
    return parsed.ec == std::errc() && number <= entry.occurrences;
}

// The slot holding `slug`, or the free slot where it would go.
size_t Slugger::slotOf(QByteArrayView slug, size_t hash) const
{
    const size_t mask = m_table.size() - 1;
    for (size_t slot = hash & mask;; slot = (slot + 1) & mask) {
        const Entry &entry = m_table[slot];
        if (entry.occurrences < 0)
            return slot;
        if (entry.hash == hash && entry.size == quint32(slug.size()) &&
            std::memcmp(m_slugs.constData() + entry.offset, slug.data(), size_t(slug.size())) == 0)
            return slot;
    }
}

QByteArrayView Slugger::insert(size_t slot, QByteArrayView slug, size_t hash)
{
    // At most half full: probes stay short.
    if (2 * size_t(m_count + 1) > m_table.size()) {
        grow(2 * m_table.size());
        slot = slotOf(slug, hash);
    }
    const qsizetype offset = m_slugs.size();
    m_table[slot] = {hash, offset, quint32(slug.size()), 0};
    ++m_count;
    if (suffixHyphen(slug) >= 0)
        ++m_suffixedSlugs;
    m_slugs.resize(offset + slug.size()); // grows by half its size or more: few copies
    char *const at = m_slugs.data() + offset;
    std::copy(slug.begin(), slug.end(), at);
    return {at, slug.size()};
}

void Slugger::reserve(qsizetype slugs)
{
    size_t size = m_table.size();
    while (size < 2 * size_t(m_count + slugs))
        size *= 2;
    if (size > m_table.size())
        grow(size);
}

// `size`: a power of two.
void Slugger::grow(size_t size)
{
    std::vector<Entry> table(size);
    const size_t mask = table.size() - 1;
    for (const Entry &entry : m_table) {
        if (entry.occurrences < 0)
            continue;
        size_t slot = entry.hash & mask;
        while (table[slot].occurrences >= 0)
            slot = (slot + 1) & mask;
        table[slot] = entry;
    }
    m_table = std::move(table);
}

} // namespace mdp
