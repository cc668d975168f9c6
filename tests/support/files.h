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

// A title, then one-line paragraphs: paragraph i (from 1) is on source line 2i + 1.
inline QByteArray numberedParagraphs(int count)
{
    QByteArray text = "# Title\n\n";
    for (int i = 1; i <= count; ++i)
        text += "Paragraph " + QByteArray::number(i) + "\n\n";
    return text;
}

} // namespace mdp::test
