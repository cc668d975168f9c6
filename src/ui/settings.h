// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QString>

namespace mdp {

// What mdpreview remembers between runs, in QSettings under organisation and application
// "mdpreview" (tests turn on QStandardPaths' test mode to keep off the user's file).
class Settings final
{
public:
    static QString theme();
    static void setTheme(const QString &name);
};

} // namespace mdp
