// SPDX-License-Identifier: GPL-3.0-or-later
#include "exportscript.h"

#include <QFile>

namespace mdp::ExportScript {

QString call(const QString &expression)
{
    static const QString source = [] {
        QFile file(QStringLiteral(":/shell/export.js"));
        return file.open(QIODevice::ReadOnly) ? QString::fromUtf8(file.readAll()) : QString();
    }();
    return source + QStringLiteral("\n;window.mdpreviewExport.") + expression;
}

} // namespace mdp::ExportScript
