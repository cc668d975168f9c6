// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArrayView>

namespace mdp {

// Whether two tag names are the same bytes, compared here rather than by a call: names are a
// few bytes, and the depth counts compare one per tag of a long run of raw HTML.
inline bool sameTagName(QByteArrayView a, QByteArrayView b)
{
    if (a.size() != b.size())
        return false;
    for (qsizetype k = 0; k < a.size(); ++k) {
        if (a[k] != b[k])
            return false;
    }
    return true;
}

} // namespace mdp
