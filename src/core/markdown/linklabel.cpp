// SPDX-License-Identifier: GPL-3.0-or-later
#include "linklabel.h"

#include <QHash>

#include <utility>

namespace mdp {

namespace {

// cmark-gfm's case fold is Unicode's full folding; QString::toCaseFolded is the simple one. These
// are the characters whose full folding is more than one character (Unicode's CaseFolding.txt,
// status F, as of Unicode 14).
constexpr std::pair<char32_t, const char16_t *> kFullFoldings[] = {
    {0x00DF, u"ss"},
    {0x0130, u"i\u0307"},
    {0x0149, u"\u02BCn"},
    {0x01F0, u"j\u030C"},
    {0x0390, u"\u03B9\u0308\u0301"},
    {0x03B0, u"\u03C5\u0308\u0301"},
    {0x0587, u"\u0565\u0582"},
    {0x1E96, u"h\u0331"},
    {0x1E97, u"t\u0308"},
    {0x1E98, u"w\u030A"},
    {0x1E99, u"y\u030A"},
    {0x1E9A, u"a\u02BE"},
    {0x1E9E, u"ss"},
    {0x1F50, u"\u03C5\u0313"},
    {0x1F52, u"\u03C5\u0313\u0300"},
    {0x1F54, u"\u03C5\u0313\u0301"},
    {0x1F56, u"\u03C5\u0313\u0342"},
    {0x1F80, u"\u1F00\u03B9"},
    {0x1F81, u"\u1F01\u03B9"},
    {0x1F82, u"\u1F02\u03B9"},
    {0x1F83, u"\u1F03\u03B9"},
    {0x1F84, u"\u1F04\u03B9"},
    {0x1F85, u"\u1F05\u03B9"},
    {0x1F86, u"\u1F06\u03B9"},
    {0x1F87, u"\u1F07\u03B9"},
    {0x1F88, u"\u1F00\u03B9"},
    {0x1F89, u"\u1F01\u03B9"},
    {0x1F8A, u"\u1F02\u03B9"},
    {0x1F8B, u"\u1F03\u03B9"},
    {0x1F8C, u"\u1F04\u03B9"},
    {0x1F8D, u"\u1F05\u03B9"},
    {0x1F8E, u"\u1F06\u03B9"},
    {0x1F8F, u"\u1F07\u03B9"},
    {0x1F90, u"\u1F20\u03B9"},
    {0x1F91, u"\u1F21\u03B9"},
    {0x1F92, u"\u1F22\u03B9"},
    {0x1F93, u"\u1F23\u03B9"},
    {0x1F94, u"\u1F24\u03B9"},
    {0x1F95, u"\u1F25\u03B9"},
    {0x1F96, u"\u1F26\u03B9"},
    {0x1F97, u"\u1F27\u03B9"},
    {0x1F98, u"\u1F20\u03B9"},
    {0x1F99, u"\u1F21\u03B9"},
    {0x1F9A, u"\u1F22\u03B9"},
    {0x1F9B, u"\u1F23\u03B9"},
    {0x1F9C, u"\u1F24\u03B9"},
    {0x1F9D, u"\u1F25\u03B9"},
    {0x1F9E, u"\u1F26\u03B9"},
    {0x1F9F, u"\u1F27\u03B9"},
    {0x1FA0, u"\u1F60\u03B9"},
    {0x1FA1, u"\u1F61\u03B9"},
    {0x1FA2, u"\u1F62\u03B9"},
    {0x1FA3, u"\u1F63\u03B9"},
    {0x1FA4, u"\u1F64\u03B9"},
    {0x1FA5, u"\u1F65\u03B9"},
    {0x1FA6, u"\u1F66\u03B9"},
    {0x1FA7, u"\u1F67\u03B9"},
    {0x1FA8, u"\u1F60\u03B9"},
    {0x1FA9, u"\u1F61\u03B9"},
    {0x1FAA, u"\u1F62\u03B9"},
    {0x1FAB, u"\u1F63\u03B9"},
    {0x1FAC, u"\u1F64\u03B9"},
    {0x1FAD, u"\u1F65\u03B9"},
    {0x1FAE, u"\u1F66\u03B9"},
    {0x1FAF, u"\u1F67\u03B9"},
    {0x1FB2, u"\u1F70\u03B9"},
    {0x1FB3, u"\u03B1\u03B9"},
    {0x1FB4, u"\u03AC\u03B9"},
    {0x1FB6, u"\u03B1\u0342"},
    {0x1FB7, u"\u03B1\u0342\u03B9"},
    {0x1FBC, u"\u03B1\u03B9"},
    {0x1FC2, u"\u1F74\u03B9"},
    {0x1FC3, u"\u03B7\u03B9"},
    {0x1FC4, u"\u03AE\u03B9"},
    {0x1FC6, u"\u03B7\u0342"},
    {0x1FC7, u"\u03B7\u0342\u03B9"},
    {0x1FCC, u"\u03B7\u03B9"},
    {0x1FD2, u"\u03B9\u0308\u0300"},
    {0x1FD3, u"\u03B9\u0308\u0301"},
    {0x1FD6, u"\u03B9\u0342"},
    {0x1FD7, u"\u03B9\u0308\u0342"},
    {0x1FE2, u"\u03C5\u0308\u0300"},
    {0x1FE3, u"\u03C5\u0308\u0301"},
    {0x1FE4, u"\u03C1\u0313"},
    {0x1FE6, u"\u03C5\u0342"},
    {0x1FE7, u"\u03C5\u0308\u0342"},
    {0x1FF2, u"\u1F7C\u03B9"},
    {0x1FF3, u"\u03C9\u03B9"},
    {0x1FF4, u"\u03CE\u03B9"},
    {0x1FF6, u"\u03C9\u0342"},
    {0x1FF7, u"\u03C9\u0342\u03B9"},
    {0x1FFC, u"\u03C9\u03B9"},
    {0xFB00, u"ff"},
    {0xFB01, u"fi"},
    {0xFB02, u"fl"},
    {0xFB03, u"ffi"},
    {0xFB04, u"ffl"},
    {0xFB05, u"st"},
    {0xFB06, u"st"},
    {0xFB13, u"\u0574\u0576"},
    {0xFB14, u"\u0574\u0565"},
    {0xFB15, u"\u0574\u056B"},
    {0xFB16, u"\u057E\u0576"},
    {0xFB17, u"\u0574\u056D"},
};

const QHash<char32_t, QString> &fullFoldings()
{
    static const QHash<char32_t, QString> table = [] {
        QHash<char32_t, QString> folds;
        for (const auto &[codePoint, folded] : kFullFoldings)
            folds.insert(codePoint, QString::fromUtf16(folded));
        return folds;
    }();
    return table;
}

bool leftOut(char32_t c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' || c == '\f' || c == '>' ||
           c == '\\' || c == 0 || c == 0xfffd;
}

// Whether a "[" in `text` may open one of the labels: the first character of the key after it (what
// the key leaves out skipped) may be a key's first character. Most text fails this without being
// decoded: a key that starts with an ASCII character starts so in the text, or with a character
// that folds to it, which is not ASCII.
bool mayOpenLabel(QByteArrayView text, const QSet<QString> &labelKeys)
{
    bool firsts[128] = {};
    for (const QString &labelKey : labelKeys) {
        if (labelKey.isEmpty() || labelKey.front().unicode() >= 0x80)
            return text.contains('[');
        firsts[labelKey.front().unicode()] = true;
    }
    for (qsizetype at = text.indexOf('['); at >= 0; at = text.indexOf('[', at + 1)) {
        qsizetype next = at + 1;
        while (next < text.size() && leftOut(char32_t(uchar(text[next]))))
            ++next;
        if (next == text.size())
            return false;
        const uchar c = uchar(text[next]);
        if (c >= 0x80 || firsts[c >= 'A' && c <= 'Z' ? c + ('a' - 'A') : c])
            return true;
    }
    return false;
}

} // namespace

QString LinkLabel::key(QByteArrayView label)
{
    const QString text = QString::fromUtf8(label);
    const QHash<char32_t, QString> &special = fullFoldings();
    QString key;
    key.reserve(text.size());
    for (const char32_t c : text.toUcs4()) {
        if (leftOut(c))
            continue;
        if (const auto it = special.constFind(c); it != special.constEnd()) {
            key += *it;
        } else if (c < 0x80) {
            key += QChar(c >= 'A' && c <= 'Z' ? c + ('a' - 'A') : c);
        } else {
            const char32_t folded[] = {QChar::toCaseFolded(c)};
            key += QString::fromUcs4(folded, 1);
        }
    }
    return key;
}

QSet<QString> LinkLabel::definedKeys(QByteArrayView text)
{
    QSet<QString> keys;
    for (qsizetype end = text.indexOf("]:"); end >= 0; end = text.indexOf("]:", end + 1)) {
        for (qsizetype open = end - 1; open >= 0; --open) {
            if (text[open] != '[')
                continue;
            keys.insert(key(text.sliced(open + 1, end - open - 1)));
            if (open == 0 || text[open - 1] != '\\')
                break;
        }
    }
    return keys;
}

bool LinkLabel::mayReference(QByteArrayView text, const QString &labelKey)
{
    return mayReferenceAny(text, {labelKey});
}

bool LinkLabel::mayReferenceAny(QByteArrayView text, const QSet<QString> &labelKeys)
{
    if (labelKeys.isEmpty() || !mayOpenLabel(text, labelKeys))
        return false;
    const QString textKey = key(text);
    for (const QString &labelKey : labelKeys) {
        const QString wanted = u'[' + labelKey + u']';
        if (textKey.contains(wanted))
            return true;
    }
    return false;
}

} // namespace mdp
