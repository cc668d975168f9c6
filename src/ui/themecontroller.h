// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/desktop/theme.h"

#include <QObject>

class QAction;
class QActionGroup;
class QMenu;
class QWidget;

namespace mdp {

class PreviewView;

// Which theme the preview shows: the theme menu, the key that cycles through the themes,
// the remembered choice, and `auto` following the desktop's colour scheme.
class ThemeController final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ThemeController)

public:
    // `window` is watched for palette changes and owns the menu.
    explicit ThemeController(PreviewView *view, QWidget *window,
                             ThemeRegistry registry = ThemeRegistry());

    QString current() const { return m_current; }
    // Shows the theme now, in place. When it cannot be loaded, shows GitHub's instead and
    // returns the error (also sent as failed()). `remember` saves it as the user's choice.
    QString setTheme(const QString &nameOrPath, bool remember);
    // The next theme in the list, remembered.
    void cycle();

    QMenu *menu() const { return m_menu; }
    QAction *cycleAction() const { return m_cycleAction; }
    const ThemeRegistry &registry() const { return m_registry; }

    // Qt 6.4 has no QStyleHints::colorScheme(): the application palette tells, a dark window
    // colour under light text meaning a dark desktop.
    static bool desktopIsDark();

Q_SIGNALS:
    void themeChanged(const QString &name);
    void failed(const QString &error);

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    void fillMenu();

    PreviewView *m_view = nullptr;
    ThemeRegistry m_registry;
    QString m_current;
    bool m_desktopDark = false;
    QMenu *m_menu = nullptr;
    QActionGroup *m_menuGroup = nullptr;
    QAction *m_cycleAction = nullptr;
};

} // namespace mdp
