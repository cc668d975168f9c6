// SPDX-License-Identifier: GPL-3.0-or-later
#include "slugger.h"

#include <QList>

#include <charconv>

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

QString Slugger::slug(const QString &text)
{
    return claim(baseSlug(text));
}

QString Slugger::claim(const QString &base)
{
    // One lookup per slug, not a find and an insert.
    const auto [seen, isNew] = m_occurrences.try_emplace(base, 0);
    if (isNew)
        return base;
    // A suffixed slug may itself collide with a heading that spelled the suffix out ("a-1"), so
    // the count goes on until a free one turns up. The map's references stay valid as it grows.
    int &occurrences = seen->second;
    while (true) {
        // The number written on the stack: the suffixed slug is the only string allocated.
        char digits[12];
        const char *digitsEnd = std::to_chars(digits, digits + sizeof digits, ++occurrences).ptr;
        QString result =
            base + QLatin1Char('-') + QLatin1StringView(digits, qsizetype(digitsEnd - digits));
        if (m_occurrences.try_emplace(result, 0).second)
            return result;
    }
}

} // namespace mdp
