// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/markdown/lineindex.h"

#include <QByteArrayView>

namespace mdp {

// Which lines of a text an edit touched: lines [firstLine, firstLine + oldLines) of the old text
// became lines [firstLine, firstLine + newLines) of the new one; the lines before and after are
// the same in both. An editor knows this of each change it sends; for a saved file it is found
// by comparing the texts.
struct LineChange
{
    int firstLine = 1;
    int oldLines = 0;
    int newLines = 0;

    int lineDelta() const { return newLines - oldLines; }
    bool operator==(const LineChange &) const = default;

    // The smallest change of whole lines that turns `oldText` into `newText`.
    static LineChange between(QByteArrayView oldText, const LineIndex &oldIndex,
                              QByteArrayView newText);
    // This change followed by `next` (a change of the text this one made), as one change.
    LineChange then(const LineChange &next) const;
};

} // namespace mdp
