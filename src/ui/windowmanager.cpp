// SPDX-License-Identifier: GPL-3.0-or-later
#include "windowmanager.h"

#include "core/desktop/instanceprotocol.h"
#include "core/live/documentreader.h"
#include "core/live/documentsession.h"
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
    connect(window, &MainWindow::lineDoubleClicked, this,
            [this, window](int line) { sendEditorTo(window, line); });
    return window;
}

MainWindow *WindowManager::openFile(const QString &path, const QByteArray &content,
                                    const Options &options)
{
    const QString fileKey = key(path);
    MainWindow *window = createWindow(options, fileKey);
    window->openFile(QFileInfo(path).absoluteFilePath(), content);
    // An editor typing in the file already: the new window shows what it has.
    const auto editor = m_editors.constFind(fileKey);
    if (editor != m_editors.cend() && editor->live && editor->buffer.isInSync())
        window->session()->showEditorText(editor->buffer.text());
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

QString WindowManager::handle(const InstanceRequest &request, QObject *peer)
{
    using Command = InstanceRequest::Command;
    if (request.command == Command::Attach || request.command == Command::Change ||
        request.command == Command::Saved || request.command == Command::Detach) {
        return handleEditor(request, peer);
    }
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

QList<MainWindow *> WindowManager::windowsShowing(const QString &fileKey) const
{
    QList<MainWindow *> found;
    for (MainWindow *window : m_windows) {
        const QString path = window->session()->path();
        if (!path.isEmpty() && key(path) == fileKey)
            found.append(window);
    }
    return found;
}

QString WindowManager::handleEditor(const InstanceRequest &request, QObject *peer)
{
    using Command = InstanceRequest::Command;
    if (!peer)
        return tr("an editor must keep its connection open");
    const QString fileKey = key(request.path);
    switch (request.command) {
    case Command::Attach:
        attach(request, peer);
        break;
    case Command::Change:
        applyChange(request, peer);
        break;
    case Command::Saved: {
        const auto editor = m_editors.find(fileKey);
        if (editor != m_editors.end() && editor->live) {
            editor->live = false;
            showFile(fileKey);
        }
        break;
    }
    case Command::Detach:
        if (m_editors.value(fileKey).peer == peer) {
            m_editors.remove(fileKey);
            showFile(fileKey);
        }
        break;
    default:
        break;
    }
    return {};
}

void WindowManager::attach(const InstanceRequest &request, QObject *peer)
{
    const QString fileKey = key(request.path);
    if (!m_peers.contains(peer)) {
        m_peers.insert(peer);
        connect(peer, &QObject::destroyed, this, [this, peer] { onPeerGone(peer); });
    }
    AttachedEditor &editor = m_editors[fileKey];
    editor.peer = peer;
    editor.path = request.path;
    editor.resendAsked = false;
    if (request.buffer) {
        editor.buffer.setLines(*request.buffer);
        // A buffer as saved is the file: the windows go on showing it as such.
        const DocumentReader::Result read = DocumentReader::read(request.path);
        editor.live = !read.ok || read.bytes != editor.buffer.text();
        if (editor.live)
            showLive(fileKey);
        else
            showFile(fileKey);
    } else {
        editor.live = false;
        editor.buffer = {};
        showFile(fileKey);
    }
    if (request.line > 0) {
        for (MainWindow *window : windowsShowing(fileKey))
            window->preview()->scrollToLine(request.line);
    }
}

void WindowManager::applyChange(const InstanceRequest &request, QObject *peer)
{
    const QString fileKey = key(request.path);
    auto editor = m_editors.find(fileKey);
    if (editor == m_editors.end() || editor->peer != peer) {
        // An editor that was attached to an instance before this one (which it reconnected to),
        // or one that took the file over: it has to say what its buffer holds.
        AttachedEditor stranger;
        stranger.peer = peer;
        stranger.path = request.path;
        askForBuffer(stranger);
        return;
    }
    if (!editor->buffer.apply(request.change)) {
        askForBuffer(*editor);
        return;
    }
    editor->live = true;
    showLive(fileKey);
}

void WindowManager::askForBuffer(AttachedEditor &editor)
{
    // Once per loss of sync: the editor's changes keep coming until its whole buffer arrives.
    if (editor.resendAsked)
        return;
    editor.resendAsked = true;
    Q_EMIT editorEvent(editor.peer, {InstanceEvent::Kind::Resend, editor.path, 0});
}

void WindowManager::showLive(const QString &fileKey)
{
    const QList<MainWindow *> windows = windowsShowing(fileKey);
    if (windows.isEmpty())
        return;
    const QByteArray text = m_editors.value(fileKey).buffer.text();
    for (MainWindow *window : windows)
        window->session()->showEditorText(text);
}

void WindowManager::showFile(const QString &fileKey)
{
    for (MainWindow *window : windowsShowing(fileKey))
        window->session()->showFile();
}

void WindowManager::onPeerGone(QObject *peer)
{
    m_peers.remove(peer);
    for (auto editor = m_editors.begin(); editor != m_editors.end();) {
        if (editor->peer != peer) {
            ++editor;
            continue;
        }
        const QString fileKey = editor.key();
        editor = m_editors.erase(editor);
        showFile(fileKey);
    }
}

void WindowManager::sendEditorTo(MainWindow *window, int line)
{
    const QString path = window->session()->path();
    if (path.isEmpty())
        return;
    const auto editor = m_editors.constFind(key(path));
    // Without an editor attached, a double-click does nothing: `e` starts one.
    if (editor == m_editors.cend())
        return;
    Q_EMIT editorEvent(editor->peer, {InstanceEvent::Kind::Goto, editor->path, line});
}

} // namespace mdp
