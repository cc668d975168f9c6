// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArray>
#include <QFileSystemWatcher>
#include <QObject>
#include <QTimer>

namespace mdp {

// Follows one file through every way an editor saves it: written in place, truncated and
// rewritten (in one go or in chunks), appended to, replaced by a rename (Vim's default), deleted
// and recreated, replaced by a symlink or edited through one. It watches the file and its folder
// (inotify loses a file that is renamed over), coalesces a burst of events into one read, and
// reports only settled content that differs from the last it reported.
//
// A save passes through states nobody means to show: an empty or truncated file, a moment with
// no file at all. Those are held back until they have lasted kSettleMs; a save completes well
// within that, and then only its result is reported.
class DocumentWatcher final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(DocumentWatcher)

public:
    static constexpr int kSettleMs = 250;
    // inotify misses nothing on a local disk; this catches network file systems, cheaply.
    static constexpr int kPollMs = 1000;

    explicit DocumentWatcher(QObject *parent = nullptr);

    // Starts watching `path`, whose current content is `content` (already shown).
    void watch(const QString &path, const QByteArray &content);
    void stop();

    QString path() const { return m_path; }
    // Why the file cannot be read now ("No such file or directory", …), or empty.
    QString problem() const { return m_problem; }

Q_SIGNALS:
    void contentChanged(const QByteArray &content);
    void problemChanged(const QString &problem);

private:
    void onEvent();
    void check(bool settleExpired);
    void rewatch();
    void setProblem(const QString &problem);

    QFileSystemWatcher m_watcher;
    QTimer m_coalesce;
    QTimer m_settle;
    QTimer m_poll;
    QString m_path;
    QString m_problem;
    QByteArray m_content;
    QString m_fingerprint; // inode, size and mtime seen by the last poll
};

} // namespace mdp
