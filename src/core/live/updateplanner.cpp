// SPDX-License-Identifier: GPL-3.0-or-later
#include "updateplanner.h"

#include <vector>

namespace mdp {

namespace {

struct Span
{
    int oldBegin;
    int oldEnd;
    int newBegin;
    int newEnd;
};

// Myers' O(ND) difference algorithm on old[ob, oe) and new[nb, ne): the pairs of indices that
// stay, in order. Returns false when the difference is larger than the cap.
bool longestCommonSubsequence(const QVector<quint64> &a, const QVector<quint64> &b,
                              const Span &span, std::vector<std::pair<int, int>> &matches)
{
    const int n = span.oldEnd - span.oldBegin;
    const int m = span.newEnd - span.newBegin;
    const int maxD = std::min(n + m, UpdatePlanner::kMaxSearchedDifferences);
    const int offset = maxD + 1;
    std::vector<int> v(size_t(2 * offset + 1), 0);
    std::vector<std::vector<int>> trace;
    auto same = [&](int x, int y) { return a[span.oldBegin + x] == b[span.newBegin + y]; };

    for (int d = 0; d <= maxD; ++d) {
        trace.push_back(v);
        for (int k = -d; k <= d; k += 2) {
            int x = (k == -d || (k != d && v[offset + k - 1] < v[offset + k + 1]))
                        ? v[offset + k + 1]
                        : v[offset + k - 1] + 1;
            int y = x - k;
            while (x < n && y < m && same(x, y)) {
                ++x;
                ++y;
            }
            v[offset + k] = x;
            if (x >= n && y >= m) {
                // Walk the trace back to collect the diagonals (the matches).
                int cx = n;
                int cy = m;
                for (int dd = d; dd > 0; --dd) {
                    const std::vector<int> &pv = trace[size_t(dd)];
                    const int kk = cx - cy;
                    const bool down =
                        kk == -dd || (kk != dd && pv[offset + kk - 1] < pv[offset + kk + 1]);
                    const int prevK = down ? kk + 1 : kk - 1;
                    const int prevX = pv[offset + prevK];
                    const int prevY = prevX - prevK;
                    const int startX = down ? prevX : prevX + 1;
                    const int startY = startX - kk;
                    while (cx > startX && cy > startY) {
                        --cx;
                        --cy;
                        matches.emplace_back(span.oldBegin + cx, span.newBegin + cy);
                    }
                    cx = prevX;
                    cy = prevY;
                }
                while (cx > 0 && cy > 0) {
                    --cx;
                    --cy;
                    matches.emplace_back(span.oldBegin + cx, span.newBegin + cy);
                }
                std::reverse(matches.begin(), matches.end());
                return true;
            }
        }
    }
    return false;
}

} // namespace

QVector<BlockEdit> UpdatePlanner::plan(const QVector<quint64> &previous,
                                       const QVector<quint64> &next)
{
    // Most saves change one place: trim what is the same at both ends first.
    Span span{0, int(previous.size()), 0, int(next.size())};
    while (span.oldBegin < span.oldEnd && span.newBegin < span.newEnd &&
           previous[span.oldBegin] == next[span.newBegin]) {
        ++span.oldBegin;
        ++span.newBegin;
    }
    while (span.oldEnd > span.oldBegin && span.newEnd > span.newBegin &&
           previous[span.oldEnd - 1] == next[span.newEnd - 1]) {
        --span.oldEnd;
        --span.newEnd;
    }

    QVector<BlockEdit> edits;
    if (span.oldBegin == span.oldEnd && span.newBegin == span.newEnd)
        return edits;

    std::vector<std::pair<int, int>> matches;
    if (span.oldBegin == span.oldEnd || span.newBegin == span.newEnd ||
        !longestCommonSubsequence(previous, next, span, matches)) {
        matches.clear();
    }
    // Every gap between consecutive matches (and before the first, after the last) is an edit.
    int oldAt = span.oldBegin;
    int newAt = span.newBegin;
    auto flush = [&](int oldUntil, int newUntil) {
        if (oldUntil > oldAt || newUntil > newAt)
            edits.append({oldAt, oldUntil - oldAt, newAt, newUntil - newAt});
    };
    for (const auto &[oldIndex, newIndex] : matches) {
        flush(oldIndex, newIndex);
        oldAt = oldIndex + 1;
        newAt = newIndex + 1;
    }
    flush(span.oldEnd, span.newEnd);
    return edits;
}

} // namespace mdp
