// SPDX-License-Identifier: GPL-3.0-or-later
// Vim or Neovim as a user runs it: interactive, in a pseudo-terminal (a tmux of its own), with
// mdpreview's plugin from the source tree, typed at with real keys, its screen read back.
#pragma once

#include <QDir>
#include <QProcess>
#include <QRegularExpression>
#include <QTest>

namespace mdp::test {

class TerminalEditor final
{
public:
    // `program`: "vim" or "nvim". `folder`: where tmux keeps its socket.
    TerminalEditor(const QString &program, const QString &folder,
                   const QProcessEnvironment &environment)
        : m_program(program)
        , m_socket(QDir(folder).filePath(QStringLiteral("tmux-") + program))
        , m_environment(environment)
    {}
    ~TerminalEditor() { quit(); }
    TerminalEditor(const TerminalEditor &) = delete;
    TerminalEditor &operator=(const TerminalEditor &) = delete;

    // Opens `file` with no user configuration, the plugin loaded, and the cursor's line in the
    // status line, where cursorLine() reads it.
    bool start(const QString &file, const QStringList &settings = {})
    {
        const QString plugin = QStringLiteral(MDPREVIEW_SOURCE_DIR "/packaging/vim");
        QStringList editor{
            m_program,
            QStringLiteral("-u"),
            QStringLiteral("NONE"),
            QStringLiteral("-i"),
            QStringLiteral("NONE"),
            QStringLiteral("-n"),
            QStringLiteral("--cmd"),
            QStringLiteral("set nocompatible runtimepath^=%1").arg(plugin),
            QStringLiteral("--cmd"),
            QStringLiteral("let g:mdpreview_command = '%1'").arg(QStringLiteral(MDPREVIEW_BINARY))};
        for (const QString &setting : settings)
            editor << QStringLiteral("--cmd") << setting;
        // Vim skips its rename-over save under /tmp unless backupskip is empty.
        editor << QStringLiteral("--cmd") << QStringLiteral("runtime plugin/mdpreview.vim")
               << QStringLiteral("-c")
               << QStringLiteral("set laststatus=2 statusline=cursor=%l backupskip= ttimeoutlen=10")
               << file;
        const QStringList arguments =
            QStringList{QStringLiteral("new-session"), QStringLiteral("-d"), QStringLiteral("-x"),
                        QStringLiteral("100"),         QStringLiteral("-y"), QStringLiteral("30")} +
            editor;
        if (!tmux(arguments))
            return false;
        return QTest::qWaitFor([&] { return cursorLine() > 0; }, 10000);
    }

    // Keys by tmux's names ("Escape", "Enter", "C-w") or literal text (literal = true).
    bool keys(const QStringList &keys, bool literal = false)
    {
        QStringList arguments{QStringLiteral("send-keys"), QStringLiteral("-t"),
                              QStringLiteral("0")};
        if (literal)
            arguments << QStringLiteral("-l");
        return tmux(arguments + keys);
    }
    bool type(const QString &text) { return keys({text}, true); }
    // An Ex command, as typed: `:` in normal mode, then Enter.
    bool command(const QString &command)
    {
        return keys({QStringLiteral("Escape")}) && type(QLatin1Char(':') + command) &&
               keys({QStringLiteral("Enter")});
    }

    QString screen()
    {
        QString out;
        tmux({QStringLiteral("capture-pane"), QStringLiteral("-p"), QStringLiteral("-t"),
              QStringLiteral("0")},
             &out);
        return out;
    }

    // The cursor's line as the editor's status line shows it; 0 when it shows none.
    int cursorLine()
    {
        static const QRegularExpression status(QStringLiteral("cursor=(\\d+)"));
        const QRegularExpressionMatch match = status.match(screen());
        return match.hasMatch() ? match.captured(1).toInt() : 0;
    }

    bool waitForCursor(int line, int timeoutMs = 10000)
    {
        return QTest::qWaitFor([&] { return cursorLine() == line; }, timeoutMs);
    }

    // Whether the editor still runs (tmux goes with it).
    bool isRunning()
    {
        return tmux({QStringLiteral("has-session"), QStringLiteral("-t"), QStringLiteral("0")});
    }

    void quit()
    {
        if (isRunning())
            tmux({QStringLiteral("kill-server")});
    }

private:
    bool tmux(const QStringList &arguments, QString *out = nullptr)
    {
        QProcess process;
        process.setProcessEnvironment(m_environment);
        process.start(QStringLiteral("tmux"),
                      QStringList{QStringLiteral("-S"), m_socket, QStringLiteral("-f"),
                                  QStringLiteral("/dev/null")} +
                          arguments);
        if (!process.waitForFinished(10000))
            return false;
        if (out)
            *out = QString::fromUtf8(process.readAllStandardOutput());
        return process.exitStatus() == QProcess::NormalExit && process.exitCode() == 0;
    }

    QString m_program;
    QString m_socket;
    QProcessEnvironment m_environment;
};

} // namespace mdp::test
