// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/desktop/instanceprotocol.h"
#include "core/live/editorbuffer.h"

#include <QHash>
#include <QList>
#include <QObject>
#include <QSet>
#include <QString>

namespace mdp {

class MainWindow;

// Every window of the running instance: one per file (unless asked for another), found by the
// file's canonical path, so that a second `mdpreview FILE` or an editor's request reaches the
// window that already shows FILE. Windows delete themselves when closed; the application quits
// with the last one.
//
// It also knows the editors attached to files (one per file, the latest): their unsaved buffer
// (live mode), shown by every window of the file, and where to send a double-click.
class WindowManager final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(WindowManager)

public:
    struct Options
    {
        bool followEdits = false;
        QString theme; // empty: the remembered one
    };

    explicit WindowManager(QObject *parent = nullptr);
    ~WindowManager() override;

    // A new window for FILE, whose content the caller has just read. Shown.
    MainWindow *openFile(const QString &path, const QByteArray &content, const Options &options);
    // A new window without a file behind it (standard input, the sample document): the caller
    // opens the content. Shown.
    MainWindow *openWindow(const Options &options);

    // Carries out a request from another mdpreview or an editor, which sent it on the connection
    // `peer` (the editor's, for as long as it exists). Returns what went wrong, if anything, in
    // words for the requester.
    QString handle(const InstanceRequest &request, QObject *peer = nullptr);

    // The windows that show FILE, the newest last.
    QList<MainWindow *> windowsFor(const QString &path) const;
    QList<MainWindow *> windows() const;

    // The same file reached by different paths (symlinks, `..`) is one key.
    static QString key(const QString &path);

Q_SIGNALS:
    // A window's theme could not be loaded (it shows GitHub's instead).
    void themeFailed(const QString &error);
    // Tell the editor on the connection `peer` this.
    void editorEvent(QObject *peer, const mdp::InstanceEvent &event);

private:
    struct AttachedEditor
    {
        QObject *peer = nullptr;
        QString path; // as the editor names it
        EditorBuffer buffer;
        bool live = false;        // the windows show the buffer, not the file
        bool resendAsked = false; // since the buffer went out of sync
    };

    MainWindow *createWindow(const Options &options, const QString &key);
    static void raise(MainWindow *window);
    QString handleEditor(const InstanceRequest &request, QObject *peer);
    void attach(const InstanceRequest &request, QObject *peer);
    void applyChange(const InstanceRequest &request, QObject *peer);
    void askForBuffer(AttachedEditor &editor);
    void showLive(const QString &fileKey);
    void showFile(const QString &fileKey);
    void onPeerGone(QObject *peer);
    void sendEditorTo(MainWindow *window, int line);
    // The windows whose document is the file now (a window may have followed a link since).
    QList<MainWindow *> windowsShowing(const QString &fileKey) const;

    QList<MainWindow *> m_windows;            // in the order they were opened
    QHash<MainWindow *, QString> m_keys;      // the windows that show a file
    QHash<QString, AttachedEditor> m_editors; // by the file's key
    QSet<QObject *> m_peers;                  // whose end we watch for
};

} // namespace mdp
