// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/markdown/renderresult.h"

namespace mdp {

// The document's headings as a table of contents sees them.
class Outline final
{
public:
    // The heading of the section the reader is in when `line` is at the top of the view: the last
    // heading at or above it; -1 above the first heading.
    static int sectionAt(const QVector<Heading> &headings, int line);
    // Whether two renders have the same table of contents (then it need not be rebuilt).
    static bool sameEntries(const QVector<Heading> &a, const QVector<Heading> &b);
};

} // namespace mdp
