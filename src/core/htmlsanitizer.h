// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArray>
#include <QByteArrayView>

namespace mdp {

// Raw HTML as GitHub allows it: parses a block's HTML as a browser parses a fragment inside a
// <div> (gumbo) and writes back only what HtmlAllowlist allows, escaped. Thread-safe.
class HtmlSanitizer final
{
public:
    static QByteArray sanitize(QByteArrayView html);
};

} // namespace mdp
