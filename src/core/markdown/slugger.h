// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArray>
#include <QByteArrayView>
#include <QString>

#include <vector>

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

    // slug() for a heading's text in UTF-8, the slug in UTF-8: the renderer's way, without a
    // string allocated per heading. The view holds until the next call.
    QByteArrayView slugUtf8(QByteArrayView text);
    // Room for this many more slugs without growing.
    void reserve(qsizetype slugs);

    // The slug without the duplicate suffix.
    static QString baseSlug(const QString &text);
    // baseSlug() in UTF-8, appended to `out`.
    static void appendBaseSlug(QByteArrayView text, QByteArray &out);

private:
    // A slug held, its bytes in m_slugs. Open addressing, the hash kept beside the slug, so
    // that growing the table and probing it read no slug's bytes: in a document of thousands of
    // headings, a string and a node allocated per slug and the reads behind their pointers (each
    // a cache miss) were most of the slugs' cost.
    struct Entry
    {
        size_t hash = 0;
        qsizetype offset = 0;
        quint32 size = 0;
        int occurrences = -1; // -1: a free slot
    };

    QByteArrayView claimUtf8(QByteArrayView base);
    bool isGenerated(QByteArrayView slug) const;
    size_t slotOf(QByteArrayView slug, size_t hash) const;
    QByteArrayView insert(size_t slot, QByteArrayView slug, size_t hash);
    void grow(size_t size);

    std::vector<Entry> m_table = std::vector<Entry>(64);
    qsizetype m_count = 0;
    qsizetype m_suffixedSlugs = 0; // slugs held that end as a duplicate's do ("-N")
    // Every slug held, one after the other: the bases, and a duplicate's slug only once a
    // heading spelled it out as its own base.
    QByteArray m_slugs;
    QByteArray m_base;      // the base slug slugUtf8() works on
    QByteArray m_candidate; // a base slug with a duplicate's suffix
};

} // namespace mdp
