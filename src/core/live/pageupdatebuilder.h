// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/markdown/renderresult.h"

#include <QJsonObject>
#include <QVector>

namespace mdp {

// Remembers which blocks the page shows and turns each new render into the message the shell
// page applies: the edits that make its blocks the new ones, and where the source lines of the
// blocks it keeps changed. The page is never sent what it already has.
//
// A block's source lines are sent relative to the block before it (its "advance": how far its
// first line is below the previous block's first line, 0 for the first block counted from line 0,
// and its "span": last line minus first), so an edit changes the lines of the blocks it touched
// and of the block after each change, never of every block below it: a line inserted at the top
// of a long document costs the page one entry, not one per block.
class PageUpdateBuilder final
{
public:
    // A new document (or a reload): everything is replaced and the page starts at the top.
    QJsonObject replaceAll(const RenderResult &result);
    // The same document, changed: only what differs is sent.
    QJsonObject update(const RenderResult &result);

    void clear();
    int blockCount() const { return int(m_hashes.size()); }
    // The bytes of block HTML the last message carries: what it leaves in the page's script
    // heap once applied.
    qint64 htmlBytesSent() const { return m_htmlBytesSent; }

private:
    QJsonObject build(const RenderResult &result, bool reset);

    QVector<quint64> m_hashes;
    QVector<int> m_lines; // first and last source line of each block, flattened
    qint64 m_htmlBytesSent = 0;
};

} // namespace mdp
