// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QHash>
#include <QList>
#include <QObject>
#include <QString>

namespace mdp {

class MainWindow;
struct InstanceRequest;

// Every window of the running instance: one per file (unless asked for another), found by the
// file's canonical path, so that a second `mdpreview FILE` or an editor's request reaches the
// window that already shows FILE. Windows delete themselves when closed; the application quits
// with the last one.
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

    // Carries out a request from another mdpreview or an editor. Returns what went wrong, if
    // anything, in words for the requester.
    QString handle(const InstanceRequest &request);

    // The windows that show FILE, the newest last.
    QList<MainWindow *> windowsFor(const QString &path) const;
    QList<MainWindow *> windows() const;

    // The same file reached by different paths (symlinks, `..`) is one key.
    static QString key(const QString &path);

Q_SIGNALS:
    // A window's theme could not be loaded (it shows GitHub's instead).
    void themeFailed(const QString &error);

private:
    MainWindow *createWindow(const Options &options, const QString &key);
    static void raise(MainWindow *window);

    QList<MainWindow *> m_windows;       // in the order they were opened
    QHash<MainWindow *, QString> m_keys; // the windows that show a file
};

} // namespace mdp
