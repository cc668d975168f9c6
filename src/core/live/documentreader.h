// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArray>
#include <QString>

namespace mdp {

// Reads a document from disk and says in plain words why it cannot, so that the window can keep
// the last good view and show the reason.
class DocumentReader final
{
public:
    // Larger files are refused: rendering them would freeze the preview for seconds.
    static constexpr qint64 kMaxBytes = qint64(64) * 1024 * 1024;

    struct Result
    {
        bool ok = false;
        QByteArray bytes;
        QString error; // e.g. "No such file or directory"; empty when ok
    };

    static Result read(const QString &path);

    // A NUL or other control bytes in a fair share of the first bytes: an image, an archive, an
    // executable. A lone NUL in a text file is not enough.
    static bool looksBinary(QByteArrayView bytes);
};

} // namespace mdp
