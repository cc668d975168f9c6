// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArray>
#include <QString>
#include <QVector>

namespace mdp {

// One top-level block of the document as the page shows it: the unit of an in-place update.
struct RenderedBlock
{
    QByteArray html; // UTF-8
    int firstLine = 0;
    int lastLine = 0;
    // Hash of the HTML without its source positions: a block that only moved down the file
    // (a line was inserted above it) keeps its hash and is not re-created in the page.
    quint64 contentHash = 0;
    // Raw HTML may parse into any number of nodes (or close elements it never opened), so the
    // page wraps such a block in an element of its own; other blocks are exactly one element.
    bool rawHtml = false;
};

struct Heading
{
    int level = 0;
    QString text;
    QString id; // the element id without GitHub's "user-content-" prefix
    int line = 0;
};

struct RenderResult
{
    QVector<RenderedBlock> blocks;
    QVector<Heading> headings;
    bool hasRawHtml = false;
    // A mistake in the document that the page shows in place and the window says in words (the
    // front matter's YAML does not parse); empty when there is none.
    QString diagnostic;

    QByteArray html() const;
};

} // namespace mdp

// Their members move by their bytes: a list of tens of thousands grows by reallocating, not by
// moving them one at a time.
Q_DECLARE_TYPEINFO(mdp::RenderedBlock, Q_RELOCATABLE_TYPE);
Q_DECLARE_TYPEINFO(mdp::Heading, Q_RELOCATABLE_TYPE);
