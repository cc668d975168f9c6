// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QHash>
#include <QString>

#include <unordered_map>

namespace mdp {

// Heading ids as GitHub makes them (the rules of the github-slugger package): lower case, every
// character that is not a letter, mark, decimal digit, letter number, connector punctuation, space
// or hyphen removed, each space a hyphen. A slug seen before in the same document gets "-1", "-2",
// ... One Slugger per document.
class Slugger final
{
public:
    QString slug(const QString &text);
    // The slug for a heading whose baseSlug() is `base`: what slug() returns for its text.
    QString claim(const QString &base);

    // The slug without the duplicate suffix.
    static QString baseSlug(const QString &text);

private:
    // Not noexcept on purpose: the standard map then keeps each key's hash beside it, so that
    // growing the map and probing it read no key's characters (in a document of thousands of
    // headings those reads, each a cache miss, were most of the slugs' cost).
    struct Hash
    {
        size_t operator()(const QString &key) const { return qHash(key); }
    };
    std::unordered_map<QString, int, Hash> m_occurrences;
};

} // namespace mdp
