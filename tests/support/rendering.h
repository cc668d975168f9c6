// SPDX-License-Identifier: GPL-3.0-or-later
// Checking what the renderer makes of a piece of Markdown.
#pragma once

#include "core/markdown/renderer.h"

#include <QDebug>

namespace mdp::test {

// Whether the HTML of `markdown` contains `expected`; says what the HTML was when it does not.
inline bool renderedContains(const QByteArray &markdown, const QByteArray &expected)
{
    const QByteArray html = Renderer::render(markdown).html();
    if (html.contains(expected))
        return true;
    qWarning().noquote() << "HTML was:" << QString::fromUtf8(html);
    return false;
}

} // namespace mdp::test
