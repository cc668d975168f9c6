// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArray>
#include <QString>
#include <QUrl>

namespace mdp {

struct Theme;

// A rendered document as one HTML file that looks the same opened in any browser: the theme's
// CSS inlined, relative links resolved against the document's folder.
class StandaloneHtml final
{
public:
    static QByteArray compose(const QByteArray &bodyHtml, const QString &title, const Theme &theme,
                              const QUrl &baseUrl);
};

} // namespace mdp
