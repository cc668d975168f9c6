// SPDX-License-Identifier: GPL-3.0-or-later
#include "settings.h"

#include <QSettings>

namespace mdp {

namespace {

QSettings store()
{
    return QSettings(QStringLiteral("mdpreview"), QStringLiteral("mdpreview"));
}

const QString kThemeKey = QStringLiteral("view/theme");
const QString kWindowGroup = QStringLiteral("window");
const QString kRecentKey = QStringLiteral("files/recent");
// "LINE<tab>PATH", most recent first: one ordered list keeps the cap simple.
const QString kPositionsKey = QStringLiteral("files/positions");

} // namespace

QString Settings::theme()
{
    return store().value(kThemeKey).toString();
}

void Settings::setTheme(const QString &name)
{
    store().setValue(kThemeKey, name);
}

WindowState Settings::windowState()
{
    QSettings settings = store();
    settings.beginGroup(kWindowGroup);
    WindowState state;
    if (settings.value(QStringLiteral("version")).toInt() != WindowState::kVersion)
        return state; // none yet, or a layout this version does not know: the defaults
    state.geometry = settings.value(QStringLiteral("geometry")).toByteArray();
    state.dockLayout = settings.value(QStringLiteral("docks")).toByteArray();
    state.zoom = settings.value(QStringLiteral("zoom"), 1.0).toDouble();
    state.keepOnTop = settings.value(QStringLiteral("keepOnTop")).toBool();
    state.followEdits = settings.value(QStringLiteral("followEdits")).toBool();
    return state;
}

void Settings::setWindowState(const WindowState &state)
{
    QSettings settings = store();
    settings.beginGroup(kWindowGroup);
    settings.setValue(QStringLiteral("version"), WindowState::kVersion);
    settings.setValue(QStringLiteral("geometry"), state.geometry);
    settings.setValue(QStringLiteral("docks"), state.dockLayout);
    settings.setValue(QStringLiteral("zoom"), state.zoom);
    settings.setValue(QStringLiteral("keepOnTop"), state.keepOnTop);
    settings.setValue(QStringLiteral("followEdits"), state.followEdits);
}

QStringList Settings::recentFiles()
{
    return store().value(kRecentKey).toStringList();
}

void Settings::addRecentFile(const QString &path)
{
    QStringList files = recentFiles();
    files.removeAll(path);
    files.prepend(path);
    store().setValue(kRecentKey, files.mid(0, kMaxRecentFiles));
}

int Settings::readingPosition(const QString &path)
{
    const QString suffix = QLatin1Char('\t') + path;
    for (const QString &entry : store().value(kPositionsKey).toStringList()) {
        if (entry.endsWith(suffix))
            return entry.section(QLatin1Char('\t'), 0, 0).toInt();
    }
    return 0;
}

void Settings::setReadingPosition(const QString &path, int line)
{
    const QString suffix = QLatin1Char('\t') + path;
    QStringList entries = store().value(kPositionsKey).toStringList();
    entries.removeIf([&](const QString &entry) { return entry.endsWith(suffix); });
    entries.prepend(QString::number(line) + suffix);
    store().setValue(kPositionsKey, entries.mid(0, kMaxReadingPositions));
}

} // namespace mdp
