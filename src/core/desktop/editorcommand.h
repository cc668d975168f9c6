// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QProcessEnvironment>
#include <QString>
#include <QStringList>

namespace mdp {

// Which program `e` starts to edit the document: $MDPREVIEW_EDITOR, else $VISUAL, else $EDITOR,
// else gvim, at the line at the top of the view ("+LINE" for vim, gvim, nvim, nano, emacs and
// others; "-g FILE:LINE" for code). An editor that needs a terminal (vim, nano, …) is started
// inside one.
struct EditorCommand
{
    QString program;
    QStringList arguments;

    static EditorCommand resolve(const QProcessEnvironment &environment, const QString &file,
                                 int line);
    static bool needsTerminal(const QString &program);
};

} // namespace mdp
