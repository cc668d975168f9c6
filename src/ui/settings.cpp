// SPDX-License-Identifier: GPL-3.0-or-later
#include "settings.h"

#include <QSettings>

namespace mdp {

namespace {

QSettings store()
{
    return QSettings(QStringLiteral("mdpreview"), QStringLiteral("mdpreview"));
}

const QString kThemeKey = QStringLiteral("view/theme");

} // namespace

QString Settings::theme()
{
    return store().value(kThemeKey).toString();
}

void Settings::setTheme(const QString &name)
{
    store().setValue(kThemeKey, name);
}

} // namespace mdp
