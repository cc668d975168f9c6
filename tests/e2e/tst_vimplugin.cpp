// SPDX-License-Identifier: GPL-3.0-or-later
// The Vim plugin in real Vim (headless, scripted): :MdPreview reaches the running preview, which
// then follows the cursor; :MdPreviewStop ends that; with no preview running, :MdPreview starts
// one.
#include "../support/files.h"
#include "../support/instancesocket.h"
#include "../support/tracedapp.h"

#include <QDir>
#include <QFile>
#include <QLocalSocket>
#include <QScopeGuard>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

#include <signal.h>
#include <sys/socket.h>
#include <unistd.h>

using mdp::test::TracedApp;

namespace {

// A Vim script line that moves the cursor as a user would, and lets the plugin see it.
QString moveTo(int line)
{
    return QStringLiteral("call cursor(%1, 1) | doautocmd CursorMoved").arg(line);
}

} // namespace

class TestVimPlugin final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void previewFollowsTheCursor();
    void movesAreThrottledAndTheLastOneWins();
    void startsThePreviewWhenNoneRuns();

private:
    // Runs Vim (no user configuration, the plugin from the source tree) on the script's lines.
    bool runVim(const QString &runtimeDir, const QStringList &script);

    QTemporaryDir m_dir;
    QString m_doc;
};

void TestVimPlugin::initTestCase()
{
    if (QStandardPaths::findExecutable(QStringLiteral("vim")).isEmpty())
        QFAIL("vim is not installed (scripts/dev installs it)");
    QVERIFY(m_dir.isValid());
    m_doc = m_dir.filePath(QStringLiteral("notes.md"));
    mdp::test::writeFile(m_doc, mdp::test::numberedParagraphs(199));
}

bool TestVimPlugin::runVim(const QString &runtimeDir, const QStringList &script)
{
    const QString scriptPath = m_dir.filePath(QStringLiteral("script.vim"));
    const QStringList lines =
        QStringList{
            QStringLiteral("let g:mdpreview_command = '%1'").arg(QStringLiteral(MDPREVIEW_BINARY)),
            QStringLiteral("source %1/packaging/vim/plugin/mdpreview.vim")
                .arg(QStringLiteral(MDPREVIEW_SOURCE_DIR))} +
        script + QStringList{QStringLiteral("qa!")};
    mdp::test::writeFile(scriptPath, lines.join(QLatin1Char('\n')).toUtf8() + '\n');

    QProcess vim;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("XDG_RUNTIME_DIR"), runtimeDir);
    vim.setProcessEnvironment(env);
    vim.start(QStringLiteral("vim"),
              {QStringLiteral("-Nu"), QStringLiteral("NONE"), QStringLiteral("-i"),
               QStringLiteral("NONE"), QStringLiteral("-es"), QStringLiteral("-S"), scriptPath});
    if (!vim.waitForFinished(30000)) {
        vim.kill();
        return false;
    }
    if (vim.exitCode() != 0)
        qWarning("vim: %s", vim.readAllStandardError().constData());
    return vim.exitCode() == 0;
}

void TestVimPlugin::previewFollowsTheCursor()
{
    const QString runtime = m_dir.filePath(QStringLiteral("follow"));
    TracedApp app(runtime);
    QVERIFY(app.start({m_doc}));
    QVERIFY(runVim(runtime,
                   {QStringLiteral("edit %1").arg(m_doc), QStringLiteral("call cursor(301, 1)"),
                    QStringLiteral("MdPreview"), QStringLiteral("sleep 300m"), moveTo(101),
                    QStringLiteral("sleep 300m"), moveTo(101), QStringLiteral("sleep 300m"),
                    moveTo(21), QStringLiteral("sleep 300m"), QStringLiteral("MdPreviewStop"),
                    moveTo(351), QStringLiteral("sleep 300m")}));
    // :MdPreview shows the cursor's line; each move follows; the same line again sends nothing.
    for (const int line : {301, 101, 21}) {
        const std::optional<mdp::test::TracePosition> scrolled = app.waitForScroll();
        QVERIFY(scrolled);
        QVERIFY2(scrolled->topLine > line - 30 && scrolled->topLine <= line,
                 qPrintable(QStringLiteral("line %1, top %2").arg(line).arg(scrolled->topLine)));
    }
    // After :MdPreviewStop the preview stays where it was.
    QVERIFY(!app.appearsWithin(QStringLiteral("^scrolled "), 1000));
    // And no second window came up for the file.
    QCOMPARE(app.trace().count("ready t="), 1);
}

void TestVimPlugin::movesAreThrottledAndTheLastOneWins()
{
    const QString runtime = m_dir.filePath(QStringLiteral("throttle"));
    TracedApp app(runtime);
    QVERIFY(app.start({m_doc}));
    QStringList script{QStringLiteral("edit %1").arg(m_doc), QStringLiteral("call cursor(1, 1)"),
                       QStringLiteral("MdPreview"), QStringLiteral("sleep 300m")};
    // A held-down key: 40 moves in a few milliseconds.
    for (int line = 41; line <= 199; line += 4)
        script << moveTo(line);
    script << QStringLiteral("sleep 500m");
    QVERIFY(runVim(runtime, script));

    QList<int> tops;
    while (const std::optional<mdp::test::TracePosition> scrolled = app.waitForScroll(1500))
        tops << scrolled->topLine;
    // :MdPreview's own, the first move at once, the last one after the interval.
    QVERIFY2(tops.size() >= 2 && tops.size() <= 4, qPrintable(QString::number(tops.size())));
    QVERIFY2(tops.last() > 197 - 30 && tops.last() <= 197,
             qPrintable(QString::number(tops.last())));
}

void TestVimPlugin::startsThePreviewWhenNoneRuns()
{
    const QString runtime = m_dir.filePath(QStringLiteral("start"));
    QVERIFY(runVim(runtime, {QStringLiteral("edit %1").arg(m_doc), QStringLiteral("MdPreview")}));
    // The preview Vim started outlives it, listening on the user's socket.
    QLocalSocket socket;
    const std::optional<pid_t> preview =
        mdp::test::connectToListener(socket, mdp::test::socketIn(runtime));
    QVERIFY(preview);
    const auto stop = qScopeGuard([&] { ::kill(*preview, SIGTERM); });
    QFile commandLine(QStringLiteral("/proc/%1/cmdline").arg(*preview));
    QVERIFY(commandLine.open(QIODevice::ReadOnly));
    const QByteArray arguments = commandLine.readAll();
    QVERIFY2(arguments.contains(QFile::encodeName(m_doc)), arguments.constData());
    // It shows the file: a request for it is answered without opening anything new.
    socket.write("{\"v\":1,\"cmd\":\"follow\",\"path\":\"" + m_doc.toUtf8() + "\",\"line\":5}\n");
    QVERIFY(QTest::qWaitFor([&] { return socket.canReadLine(); }, 10000));
    QCOMPARE(socket.readLine(), QByteArray("{\"ok\":true,\"v\":1}\n"));
}

QTEST_GUILESS_MAIN(TestVimPlugin)
#include "tst_vimplugin.moc"
