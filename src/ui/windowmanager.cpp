// SPDX-License-Identifier: GPL-3.0-or-later
#include "windowmanager.h"

#include "core/desktop/instanceprotocol.h"
#include "core/live/documentreader.h"
#include "mainwindow.h"
#include "preview/previewview.h"
#include "themecontroller.h"

#include <QDir>
#include <QFileInfo>

namespace mdp {

WindowManager::WindowManager(QObject *parent)
    : QObject(parent)
{}

WindowManager::~WindowManager()
{
    // Windows still open when the application ends are deleted before what they use.
    const QList<MainWindow *> windows = m_windows;
    for (MainWindow *window : windows)
        delete window;
}

QString WindowManager::key(const QString &path)
{
    const QFileInfo info(path);
    const QString canonical = info.canonicalFilePath();
    // A file that is gone for the moment (mid-save) still has its window.
    return canonical.isEmpty() ? QDir::cleanPath(info.absoluteFilePath()) : canonical;
}

MainWindow *WindowManager::createWindow(const Options &options, const QString &key)
{
    auto *window = new MainWindow;
    window->setAttribute(Qt::WA_DeleteOnClose);
    // --follow-edits turns it on; without it, the window keeps what the user chose last time.
    if (options.followEdits)
        window->setFollowEdits(true);
    if (!options.theme.isEmpty()) {
        // Not remembered: -t applies to this window only.
        const QString error = window->themes()->setTheme(options.theme, false);
        if (!error.isEmpty())
            Q_EMIT themeFailed(error);
    }
    m_windows.append(window);
    if (!key.isEmpty())
        m_keys.insert(window, key);
    connect(window, &QObject::destroyed, this, [this, window] {
        m_windows.removeOne(window);
        m_keys.remove(window);
    });
    return window;
}

MainWindow *WindowManager::openFile(const QString &path, const QByteArray &content,
                                    const Options &options)
{
    MainWindow *window = createWindow(options, key(path));
    window->openFile(QFileInfo(path).absoluteFilePath(), content);
    window->show();
    return window;
}

MainWindow *WindowManager::openWindow(const Options &options)
{
    MainWindow *window = createWindow(options, QString());
    window->show();
    return window;
}

QList<MainWindow *> WindowManager::windowsFor(const QString &path) const
{
    const QString wanted = key(path);
    QList<MainWindow *> found;
    for (MainWindow *window : m_windows) {
        if (m_keys.value(window) == wanted)
            found.append(window);
    }
    return found;
}

QList<MainWindow *> WindowManager::windows() const
{
    return m_windows;
}

void WindowManager::raise(MainWindow *window)
{
    // Most Wayland compositors do not let an application take the focus: there the window may
    // only ask for attention.
    window->setWindowState((window->windowState() & ~Qt::WindowMinimized) | Qt::WindowActive);
    window->show();
    window->raise();
    window->activateWindow();
}

QString WindowManager::handle(const InstanceRequest &request)
{
    using Command = InstanceRequest::Command;
    QList<MainWindow *> shown = windowsFor(request.path);

    if (request.command == Command::Follow && shown.isEmpty())
        return {};
    if (shown.isEmpty() || (request.command == Command::Open && request.newWindow)) {
        const DocumentReader::Result read = DocumentReader::read(request.path);
        if (!read.ok)
            return tr("cannot open '%1': %2").arg(request.path, read.error);
        MainWindow *window =
            openFile(request.path, read.bytes, Options{request.followEdits, request.theme});
        if (request.line > 0)
            window->preview()->scrollToLine(request.line);
        raise(window);
        return {};
    }

    for (MainWindow *window : std::as_const(shown)) {
        if (!request.theme.isEmpty())
            window->themes()->setTheme(request.theme, false);
        if (request.line > 0)
            window->preview()->scrollToLine(request.line);
    }
    // An editor that follows its cursor keeps the focus; asking to see the file brings it up.
    if (request.command == Command::Open)
        raise(shown.last());
    return {};
}

} // namespace mdp
