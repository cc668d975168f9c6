// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QVector>

namespace mdp {

// Replace `removeCount` blocks of the page, starting at `at` (an index into the previous
// render's blocks), with the new render's blocks `insertFrom .. insertFrom + insertCount`.
struct BlockEdit
{
    int at = 0;
    int removeCount = 0;
    int insertFrom = 0;
    int insertCount = 0;

    friend bool operator==(const BlockEdit &, const BlockEdit &) = default;
};

// Turns the previous render's block hashes into the new render's with as few replaced blocks as
// it can find: unchanged blocks stay in the page (no re-layout, no image reload, no flicker).
class UpdatePlanner final
{
public:
    // Past this many differing blocks a minimal edit is not worth searching for: the span between
    // the first and last difference is replaced.
    static constexpr int kMaxSearchedDifferences = 512;

    // Edits are ordered by `at` and do not overlap.
    static QVector<BlockEdit> plan(const QVector<quint64> &previous, const QVector<quint64> &next);
};

} // namespace mdp
