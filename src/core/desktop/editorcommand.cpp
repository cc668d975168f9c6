// SPDX-License-Identifier: GPL-3.0-or-later
#include "editorcommand.h"

#include <QFileInfo>
#include <QProcess>
#include <QStandardPaths>

namespace mdp {

namespace {

// Editors that draw in a terminal: started from a desktop window, they need one around them.
constexpr const char *kTerminalEditors[] = {"vi",     "vim", "nvim",  "nano", "pico", "emacs-nox",
                                            "micro",  "hx",  "helix", "kak",  "joe",  "ne",
                                            "mcedit", "jed", "mg",    "ed",   "vis",  "zile"};

// Editors that understand "+N" for the line to start at.
constexpr const char *kPlusLineEditors[] = {"vi",        "vim",   "nvim",  "gvim", "nano", "emacs",
                                            "emacs-nox", "micro", "kak",   "joe",  "ne",   "mg",
                                            "vis",       "zile",  "gedit", "kate"};

// Editors that take "-g FILE:N" instead (Visual Studio Code and its builds).
constexpr const char *kGotoEditors[] = {"code", "code-oss", "codium", "code-insiders"};

QString baseName(const QString &program)
{
    return QFileInfo(program).fileName();
}

bool listed(const QString &program, const auto &list)
{
    const QString name = baseName(program);
    for (const char *entry : list) {
        if (name == QLatin1String(entry))
            return true;
    }
    return false;
}

} // namespace

bool EditorCommand::needsTerminal(const QString &program)
{
    return listed(program, kTerminalEditors);
}

EditorCommand EditorCommand::resolve(const QProcessEnvironment &environment, const QString &file,
                                     int line)
{
    QStringList command;
    for (const char *variable : {"MDPREVIEW_EDITOR", "VISUAL", "EDITOR"}) {
        command = QProcess::splitCommand(environment.value(QString::fromLatin1(variable)));
        if (!command.isEmpty())
            break;
    }
    if (command.isEmpty())
        command = {QStringLiteral("gvim")};

    EditorCommand editor;
    editor.program = command.takeFirst();
    editor.arguments = command;
    if (line > 0 && listed(editor.program, kGotoEditors)) {
        editor.arguments << QStringLiteral("-g") << QStringLiteral("%1:%2").arg(file).arg(line);
    } else {
        if (line > 0 && listed(editor.program, kPlusLineEditors))
            editor.arguments << QStringLiteral("+%1").arg(line);
        editor.arguments << file;
    }

    if (needsTerminal(editor.program)) {
        // Debian's alternative for "the terminal", then the user's, then the classic.
        QString terminal = environment.value(QStringLiteral("TERMINAL"));
        if (terminal.isEmpty())
            terminal = QStandardPaths::findExecutable(QStringLiteral("x-terminal-emulator"));
        if (terminal.isEmpty())
            terminal = QStringLiteral("xterm");
        editor.arguments.prepend(editor.program);
        editor.arguments.prepend(QStringLiteral("-e"));
        editor.program = terminal;
    }
    return editor;
}

} // namespace mdp
