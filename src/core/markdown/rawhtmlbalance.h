// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArrayView>

namespace mdp {

// How many elements a piece of raw HTML leaves open (negative: how many it closes that it did
// not open). A README often opens <div align="center"> in one HTML block and closes it blocks
// later; a browser parsing the whole file nests everything in between inside the div, so those
// blocks must reach the page as one unit to look as they do on GitHub.
int rawHtmlDepthChange(QByteArrayView html);

} // namespace mdp
