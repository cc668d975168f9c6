// SPDX-License-Identifier: GPL-3.0-or-later
#include "documentreader.h"

#include <QCoreApplication>
#include <QFile>
#include <QFileInfo>

#include <cerrno>
#include <cstring>

namespace mdp {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("DocumentReader", text);
}

QString errnoText(int error)
{
    return QString::fromLocal8Bit(std::strerror(error));
}

} // namespace

bool DocumentReader::looksBinary(QByteArrayView bytes)
{
    const QByteArrayView sample = bytes.first(std::min<qsizetype>(bytes.size(), 8192));
    if (sample.isEmpty())
        return false;
    qsizetype controls = 0;
    for (const char c : sample) {
        const auto byte = static_cast<unsigned char>(c);
        if (byte < 0x20 && byte != '\t' && byte != '\n' && byte != '\r' && byte != '\f' &&
            byte != 0x1b)
            ++controls;
    }
    // Text never has more than the odd stray control byte; binary formats have them everywhere.
    return controls * 20 > sample.size();
}

DocumentReader::Result DocumentReader::read(const QString &path)
{
    Result result;
    const QFileInfo info(path);
    if (!info.exists()) {
        result.error = errnoText(ENOENT);
        return result;
    }
    if (info.isDir()) {
        result.error = errnoText(EISDIR);
        return result;
    }
    if (info.size() > kMaxBytes) {
        result.error = tr("the file is too large to preview (%1 MB; the limit is %2 MB)")
                           .arg(info.size() / (1024 * 1024))
                           .arg(kMaxBytes / (1024 * 1024));
        return result;
    }
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        result.error =
            file.error() == QFileDevice::PermissionsError ? errnoText(EACCES) : file.errorString();
        return result;
    }
    // Read to the end rather than trusting the size: a writer may still be appending. readAll()
    // grows its buffer to the next power of two, up to twice the text, and the text is kept (by
    // the watcher and the renderer) for as long as it is shown: the rest is given back.
    result.bytes = file.readAll();
    result.bytes.squeeze();
    if (file.error() != QFileDevice::NoError) {
        result.error = file.errorString();
        result.bytes.clear();
        return result;
    }
    if (result.bytes.size() > kMaxBytes) {
        result.error = tr("the file is too large to preview");
        result.bytes.clear();
        return result;
    }
    if (looksBinary(result.bytes)) {
        result.error = tr("this is a binary file, not a text document");
        result.bytes.clear();
        return result;
    }
    result.ok = true;
    return result;
}

} // namespace mdp
