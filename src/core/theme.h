// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QString>
#include <QStringList>

#include <optional>

namespace mdp {

struct Theme
{
    QString name;
    QString css; // everything the page needs: the Markdown body and the page around it
    bool dark = false;
};

// The themes built into the binary (CSS embedded at build time).
class ThemeRegistry final
{
public:
    static QString defaultName() { return QStringLiteral("github"); }
    static QStringList builtinNames();
    static std::optional<Theme> find(const QString &name);
};

} // namespace mdp
