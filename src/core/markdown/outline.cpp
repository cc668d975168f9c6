// SPDX-License-Identifier: GPL-3.0-or-later
#include "outline.h"

#include <algorithm>

namespace mdp {

int Outline::sectionAt(const QVector<Heading> &headings, int line)
{
    const auto after = std::upper_bound(headings.begin(), headings.end(), line,
                                        [](int l, const Heading &h) { return l < h.line; });
    return int(after - headings.begin()) - 1;
}

bool Outline::sameEntries(const QVector<Heading> &a, const QVector<Heading> &b)
{
    return std::equal(a.begin(), a.end(), b.begin(), b.end(),
                      [](const Heading &x, const Heading &y) {
                          return x.level == y.level && x.text == y.text && x.id == y.id;
                      });
}

} // namespace mdp
