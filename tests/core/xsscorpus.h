// SPDX-License-Identifier: GPL-3.0-or-later
// The XSS corpus (tests/core/data/xss.txt): one document per line.
#pragma once

#include <QByteArray>
#include <QFile>
#include <QList>

namespace mdp::test {

struct XssVector
{
    int line = 0;
    QByteArray markdown;
};

inline QList<XssVector> xssCorpus(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        qFatal("cannot read %s", qPrintable(path));
    QList<XssVector> vectors;
    int line = 0;
    while (!file.atEnd()) {
        QByteArray text = file.readLine();
        ++line;
        if (text.endsWith('\n'))
            text.chop(1);
        if (text.isEmpty() || text.startsWith('#'))
            continue;
        text.replace("\\n", "\n").replace("\\t", "\t");
        vectors.append({line, text + '\n'});
    }
    return vectors;
}

} // namespace mdp::test
