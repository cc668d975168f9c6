// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/markdown/renderresult.h"

#include <QJsonObject>
#include <QVector>

namespace mdp {

// Remembers which blocks the page shows and turns each new render into the message the shell
// page applies: the edits that make its blocks the new ones, and the blocks' source lines when
// they moved. The page is never sent what it already has.
class PageUpdateBuilder final
{
public:
    // A new document (or a reload): everything is replaced and the page starts at the top.
    QJsonObject replaceAll(const RenderResult &result);
    // The same document, changed: only what differs is sent.
    QJsonObject update(const RenderResult &result);

    void clear();
    int blockCount() const { return int(m_hashes.size()); }

private:
    QJsonObject build(const RenderResult &result, bool reset);

    QVector<quint64> m_hashes;
    QVector<int> m_lines; // first and last source line of each block, flattened
};

} // namespace mdp
