// SPDX-License-Identifier: GPL-3.0-or-later
#include "documentwatcher.h"

#include "core/live/documentreader.h"
#include "core/logging.h"

#include <QDir>
#include <QFileInfo>

#include <sys/stat.h>

namespace mdp {

namespace {

// What changes when anything is done to the file: a new inode on a rename, size, or time.
QString fingerprint(const QString &path)
{
    struct stat info
    {};
    if (::stat(QFile::encodeName(path).constData(), &info) != 0)
        return {};
    return QStringLiteral("%1:%2:%3.%4")
        .arg(info.st_ino)
        .arg(info.st_size)
        .arg(info.st_mtim.tv_sec)
        .arg(info.st_mtim.tv_nsec);
}

// A save that truncates and rewrites shows a prefix of the new content first, often of the old.
bool looksTransient(const QByteArray &next, const QByteArray &previous)
{
    return !previous.isEmpty() &&
           (next.isEmpty() || (next.size() < previous.size() && previous.startsWith(next)));
}

} // namespace

DocumentWatcher::DocumentWatcher(QObject *parent)
    : QObject(parent)
{
    // Zero: one read for all the events a single save produces in one go, and no added delay.
    m_coalesce.setSingleShot(true);
    m_coalesce.setInterval(0);
    m_settle.setSingleShot(true);
    m_settle.setInterval(kSettleMs);
    m_poll.setInterval(kPollMs);

    connect(&m_watcher, &QFileSystemWatcher::fileChanged, this, &DocumentWatcher::onEvent);
    connect(&m_watcher, &QFileSystemWatcher::directoryChanged, this, &DocumentWatcher::onEvent);
    connect(&m_coalesce, &QTimer::timeout, this, [this] { check(false); });
    connect(&m_settle, &QTimer::timeout, this, [this] { check(true); });
    connect(&m_poll, &QTimer::timeout, this, [this] {
        if (fingerprint(m_path) != m_fingerprint)
            onEvent();
    });
}

void DocumentWatcher::watch(const QString &path, const QByteArray &content)
{
    stop();
    m_path = QFileInfo(path).absoluteFilePath();
    m_content = content;
    m_fingerprint = fingerprint(m_path);
    rewatch();
    m_poll.start();
}

void DocumentWatcher::stop()
{
    if (!m_watcher.files().isEmpty())
        m_watcher.removePaths(m_watcher.files());
    if (!m_watcher.directories().isEmpty())
        m_watcher.removePaths(m_watcher.directories());
    m_coalesce.stop();
    m_settle.stop();
    m_poll.stop();
    m_path.clear();
    m_problem.clear();
}

void DocumentWatcher::rewatch()
{
    // The file itself (inotify follows a symlink to its target), its folder (renames, deletes,
    // creates), and the target's folder when the path is a symlink (the target is renamed over
    // there, not here).
    QStringList wanted{m_path, QFileInfo(m_path).absolutePath()};
    const QFileInfo info(m_path);
    if (info.isSymLink()) {
        const QString target = info.canonicalFilePath();
        if (!target.isEmpty())
            wanted << QFileInfo(target).absolutePath();
    }
    const QStringList watched = m_watcher.files() + m_watcher.directories();
    QStringList missing;
    for (const QString &path : std::as_const(wanted)) {
        if (!watched.contains(path) && QFileInfo::exists(path))
            missing << path;
    }
    if (!missing.isEmpty())
        m_watcher.addPaths(missing);
}

void DocumentWatcher::onEvent()
{
    if (m_path.isEmpty())
        return;
    // A rename over the file drops inotify's watch on it: put it back on the new file.
    rewatch();
    m_coalesce.start();
}

void DocumentWatcher::check(bool settleExpired)
{
    if (m_path.isEmpty())
        return;
    m_fingerprint = fingerprint(m_path);
    const DocumentReader::Result read = DocumentReader::read(m_path);
    const bool transient = !read.ok || looksTransient(read.bytes, m_content);
    if (transient && !settleExpired && (!read.ok || read.bytes != m_content)) {
        // Wait for the save to finish; an event before then checks again, the timer at the end.
        qCDebug(lcWatcher) << "holding back a transient state:" << read.error << read.bytes.size();
        if (!m_settle.isActive())
            m_settle.start();
        return;
    }
    m_settle.stop();
    if (!read.ok) {
        setProblem(read.error);
        return;
    }
    setProblem({});
    if (read.bytes == m_content)
        return;
    m_content = read.bytes;
    Q_EMIT contentChanged(m_content);
}

void DocumentWatcher::setProblem(const QString &problem)
{
    if (problem == m_problem)
        return;
    m_problem = problem;
    Q_EMIT problemChanged(problem);
}

} // namespace mdp
