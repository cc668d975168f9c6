// SPDX-License-Identifier: GPL-3.0-or-later
// Writing test files on the real file system.
#pragma once

#include <QDir>
#include <QFile>
#include <QFileInfo>

namespace mdp::test {

// Writes (by default: replaces) a file, creating its folder; a test cannot go on without it.
inline void writeFile(const QString &path, const QByteArray &bytes,
                      QIODevice::OpenMode mode = QIODevice::WriteOnly | QIODevice::Truncate)
{
    QDir().mkpath(QFileInfo(path).absolutePath());
    QFile file(path);
    if (!file.open(mode) || file.write(bytes) != bytes.size())
        qFatal("cannot write %s", qPrintable(path));
}

} // namespace mdp::test
