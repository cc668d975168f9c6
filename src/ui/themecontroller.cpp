// SPDX-License-Identifier: GPL-3.0-or-later
#include "themecontroller.h"

#include "preview/previewview.h"
#include "settings.h"

#include <QAction>
#include <QActionGroup>
#include <QEvent>
#include <QFileInfo>
#include <QGuiApplication>
#include <QMenu>
#include <QPalette>
#include <QWidget>

namespace mdp {

ThemeController::ThemeController(PreviewView *view, QWidget *window, ThemeRegistry registry)
    : QObject(window)
    , m_view(view)
    , m_registry(std::move(registry))
    , m_desktopDark(desktopIsDark())
    , m_menu(new QMenu(tr("&Theme"), window))
    , m_menuGroup(new QActionGroup(this))
    , m_cycleAction(new QAction(tr("Next Theme"), this))
{
    m_cycleAction->setShortcut(QKeySequence(Qt::SHIFT | Qt::Key_T));
    m_cycleAction->setShortcutContext(Qt::WindowShortcut);
    window->addAction(m_cycleAction);
    connect(m_cycleAction, &QAction::triggered, this, &ThemeController::cycle);

    // Rebuilt each time it opens: themes dropped into the user's folder show up at once.
    connect(m_menu, &QMenu::aboutToShow, this, &ThemeController::fillMenu);
    fillMenu();

    window->installEventFilter(this);
}

bool ThemeController::desktopIsDark()
{
    const QPalette palette = QGuiApplication::palette();
    return palette.color(QPalette::Window).lightness() <
           palette.color(QPalette::WindowText).lightness();
}

QString ThemeController::setTheme(const QString &nameOrPath, bool remember)
{
    const ThemeRegistry::Result result = m_registry.loadOrDefault(nameOrPath, m_desktopDark);
    m_view->setTheme(*result.theme);
    m_current = result.theme->name;
    if (!result.error.isEmpty())
        Q_EMIT failed(result.error);
    else if (remember)
        Settings::setTheme(m_current);
    Q_EMIT themeChanged(m_current);
    return result.error;
}

void ThemeController::cycle()
{
    const QStringList names = m_registry.names();
    const qsizetype at = names.indexOf(m_current); // -1 for a theme given by path: start over
    setTheme(names.value((at + 1) % names.size()), true);
}

void ThemeController::fillMenu()
{
    m_menu->clear();
    for (QAction *action : m_menuGroup->actions())
        m_menuGroup->removeAction(action);
    QStringList names = m_registry.names();
    if (!names.contains(m_current))
        names << m_current; // a theme file given by path
    for (const QString &name : names) {
        const bool isPath = name.contains(QLatin1Char('/'));
        QAction *action = m_menu->addAction(isPath ? QFileInfo(name).fileName() : name);
        action->setCheckable(true);
        action->setChecked(name == m_current);
        if (isPath)
            action->setToolTip(name);
        m_menuGroup->addAction(action);
        connect(action, &QAction::triggered, this, [this, name] { setTheme(name, true); });
    }
    m_menu->addSeparator();
    m_menu->addAction(m_cycleAction);
}

bool ThemeController::eventFilter(QObject *watched, QEvent *event)
{
    if (event->type() == QEvent::ApplicationPaletteChange ||
        event->type() == QEvent::PaletteChange) {
        const bool dark = desktopIsDark();
        if (dark != m_desktopDark) {
            m_desktopDark = dark;
            if (m_current == QLatin1String("auto"))
                setTheme(m_current, false);
        }
    }
    return QObject::eventFilter(watched, event);
}

} // namespace mdp
