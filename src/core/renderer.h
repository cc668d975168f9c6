// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "renderresult.h"

#include <QByteArrayView>

namespace mdp {

// Markdown (UTF-8, possibly invalid, possibly with a BOM, NULs or CRLF line ends) to HTML the
// way GitHub renders a file. Stateless and safe to call from any thread.
class Renderer final
{
public:
    static RenderResult render(QByteArrayView markdown);
};

} // namespace mdp
