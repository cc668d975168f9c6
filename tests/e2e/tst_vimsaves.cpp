// SPDX-License-Identifier: GPL-3.0-or-later
// The real thing: mdpreview running (offscreen, --trace) while real Vim saves the file in each of
// its ways. Every save must reach the screen, with the saved content.
#include <QFile>
#include <QFileInfo>
#include <QProcess>
#include <QRegularExpression>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

#include <sys/stat.h>

namespace {

ino_t inode(const QString &path)
{
    struct stat info
    {};
    ::stat(QFile::encodeName(path).constData(), &info);
    return info.st_ino;
}

} // namespace

class TestVimSaves final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();
    void vimSave_data();
    void vimSave();
    void appendWithShellRedirection();

private:
    // Waits for a `painted` trace line for a document of `bytes` bytes.
    bool waitForPainted(qint64 bytes, int timeoutMs = 10000);
    void runVim(const QString &settings, const QString &command);

    QTemporaryDir m_dir;
    QString m_path;
    QProcess m_app;
    QByteArray m_trace;
    int m_traceScanned = 0;
};

void TestVimSaves::initTestCase()
{
    if (QStandardPaths::findExecutable(QStringLiteral("vim")).isEmpty())
        QFAIL("vim is not installed (scripts/dev installs it)");
    m_path = m_dir.filePath(QStringLiteral("notes.md"));
    QFile file(m_path);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write("# Notes\n\nfirst line\n");
    file.close();

    connect(&m_app, &QProcess::readyReadStandardOutput, this,
            [this] { m_trace += m_app.readAllStandardOutput(); });
    m_app.setProcessChannelMode(QProcess::SeparateChannels);
    m_app.start(QStringLiteral(MDPREVIEW_BINARY), {QStringLiteral("--trace"), m_path});
    QVERIFY(m_app.waitForStarted());
    QTRY_VERIFY_WITH_TIMEOUT(m_trace.contains("ready t="), 30000);
}

void TestVimSaves::cleanupTestCase()
{
    m_app.terminate();
    if (!m_app.waitForFinished(5000))
        m_app.kill();
}

bool TestVimSaves::waitForPainted(qint64 bytes, int timeoutMs)
{
    static const QRegularExpression painted(
        QStringLiteral("^painted seq=\\d+ bytes=(\\d+) t=[\\d.]+ "
                       "y=\\d+ max=\\d+ top_line=\\d+$"));
    return QTest::qWaitFor(
        [&] {
            const QList<QByteArray> lines = m_trace.split('\n');
            for (int i = m_traceScanned; i < lines.size() - 1; ++i) {
                const auto match = painted.match(QString::fromUtf8(lines[i]));
                if (match.hasMatch() && match.captured(1).toLongLong() == bytes) {
                    m_traceScanned = i + 1;
                    return true;
                }
            }
            return false;
        },
        timeoutMs);
}

void TestVimSaves::runVim(const QString &settings, const QString &command)
{
    // -Nu NONE: no user configuration; backupskip= so that Vim treats our /tmp file like any
    // other (its default skips the rename dance there).
    QProcess vim;
    vim.start(QStringLiteral("vim"),
              {QStringLiteral("-Nu"), QStringLiteral("NONE"), QStringLiteral("-es"),
               QStringLiteral("-c"), QStringLiteral("set backupskip= ") + settings,
               QStringLiteral("-c"), command, QStringLiteral("-c"), QStringLiteral("wq"), m_path});
    QVERIFY(vim.waitForFinished(10000));
    QCOMPARE(vim.exitCode(), 0);
}

void TestVimSaves::vimSave_data()
{
    QTest::addColumn<QString>("settings");
    QTest::addColumn<bool>("renames"); // Vim writes a new file and renames it over ours

    QTest::newRow("backupcopy=yes writebackup")
        << QStringLiteral("backupcopy=yes writebackup") << false;
    QTest::newRow("backupcopy=yes nowritebackup")
        << QStringLiteral("backupcopy=yes nowritebackup") << false;
    QTest::newRow("backupcopy=no writebackup")
        << QStringLiteral("backupcopy=no writebackup") << true;
    QTest::newRow("backupcopy=no nowritebackup")
        << QStringLiteral("backupcopy=no nowritebackup") << false;
    QTest::newRow("backupcopy=auto writebackup")
        << QStringLiteral("backupcopy=auto writebackup") << true;
    QTest::newRow("backupcopy=auto nowritebackup")
        << QStringLiteral("backupcopy=auto nowritebackup") << false;
}

void TestVimSaves::vimSave()
{
    QFETCH(QString, settings);
    QFETCH(bool, renames);
    const ino_t before = inode(m_path);
    const QString line = QStringLiteral("saved with ") + settings;
    runVim(settings, QStringLiteral("$put ='%1'").arg(line));
    QFile file(m_path);
    QVERIFY(file.open(QIODevice::ReadOnly));
    const QByteArray content = file.readAll();
    QVERIFY(content.contains(line.toUtf8()));
    QVERIFY2(waitForPainted(content.size()), m_trace.right(400).constData());
    if (renames)
        QVERIFY(inode(m_path) != before);
}

void TestVimSaves::appendWithShellRedirection()
{
    QCOMPARE(QProcess::execute(
                 QStringLiteral("sh"),
                 {QStringLiteral("-c"),
                  QStringLiteral("printf '\\nappended by the shell\\n' >> '%1'").arg(m_path)}),
             0);
    QVERIFY(waitForPainted(QFileInfo(m_path).size()));
}

QTEST_GUILESS_MAIN(TestVimSaves)
#include "tst_vimsaves.moc"
