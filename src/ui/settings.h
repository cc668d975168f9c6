// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArray>
#include <QString>
#include <QStringList>

namespace mdp {

// The window as the user left it. Plain data, stored with a version so that a later layout can
// tell an old one from its own.
struct WindowState
{
    static constexpr int kVersion = 1;

    QByteArray geometry;   // QWidget::saveGeometry: size, position, maximised
    QByteArray dockLayout; // QMainWindow::saveState: the contents panel's width and visibility
    double zoom = 1.0;
    bool keepOnTop = false;
    bool followEdits = false;
};

// What mdpreview remembers between runs, in QSettings under organisation and application
// "mdpreview" (tests turn on QStandardPaths' test mode to keep off the user's file).
class Settings final
{
public:
    static constexpr int kMaxRecentFiles = 12;
    static constexpr int kMaxReadingPositions = 100;

    static QString theme();
    static void setTheme(const QString &name);

    static WindowState windowState();
    static void setWindowState(const WindowState &state);

    static QStringList recentFiles();
    static void addRecentFile(const QString &path);

    // The source line at the top of the view when the file was last shown; 0 when unknown.
    static int readingPosition(const QString &path);
    static void setReadingPosition(const QString &path, int line);
};

} // namespace mdp
