// SPDX-License-Identifier: GPL-3.0-or-later
// One mdpreview per user: the real binary (offscreen, --trace) serves every window, and later
// runs hand their request over its socket. What a user sees: where the preview scrolls, whether
// a window opens, and that a crashed instance's socket does not get in the way.
#include "../support/files.h"
#include "../support/instancesocket.h"
#include "../support/tracedapp.h"

#include <QDir>
#include <QFile>
#include <QLocalSocket>
#include <QTemporaryDir>
#include <QTest>

#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <unistd.h>

using mdp::test::socketIn;
using mdp::test::TracedApp;

namespace {

mode_t modeOf(const QString &path)
{
    struct stat info
    {};
    ::lstat(QFile::encodeName(path).constData(), &info);
    return info.st_mode;
}

// What a crashed instance leaves behind: a socket file nobody listens on.
bool makeStaleSocket(const QString &path)
{
    const int fd = ::socket(AF_UNIX, SOCK_STREAM, 0);
    sockaddr_un address{};
    address.sun_family = AF_UNIX;
    const QByteArray native = QFile::encodeName(path);
    std::copy_n(native.constData(), native.size() + 1, address.sun_path);
    const bool bound = ::bind(fd, reinterpret_cast<sockaddr *>(&address), sizeof address) == 0;
    ::close(fd);
    return bound && QFileInfo::exists(path);
}

} // namespace

class TestInstance final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();
    void gotoLineScrollsTheRunningWindow();
    void gotoLineOpensAWindowWhenNoneShowsTheFile();
    void oneWindowPerFile();
    void newWindowOpensAnother();
    void aFolderShowsItsReadme();
    void badRequestsAreAnsweredAndTheConnectionStays();
    void anEditorsBufferIsShownUntilItGoes();
    void socketIsTheUsersOnly();
    void staleSocketIsReplaced();

private:
    // Scrolls to `line` with --goto-line and returns the top line the preview reports.
    int gotoLine(int line, const QString &path);

    QTemporaryDir m_dir;
    QString m_runtime;
    QString m_doc;
    std::unique_ptr<TracedApp> m_app;
};

void TestInstance::initTestCase()
{
    QVERIFY(m_dir.isValid());
    m_runtime = m_dir.filePath(QStringLiteral("run"));
    m_doc = m_dir.filePath(QStringLiteral("a.md"));
    mdp::test::writeFile(m_doc, mdp::test::numberedParagraphs(199));
    m_app = std::make_unique<TracedApp>(m_runtime);
    QVERIFY(m_app->start({m_doc}));
}

void TestInstance::cleanupTestCase()
{
    m_app.reset();
}

int TestInstance::gotoLine(int line, const QString &path)
{
    const int status = m_app->run({QStringLiteral("--goto-line"), QString::number(line), path});
    if (status != 0)
        return -status - 1000;
    const std::optional<mdp::test::TracePosition> scrolled = m_app->waitForScroll();
    return scrolled ? scrolled->topLine : -1;
}

void TestInstance::gotoLineScrollsTheRunningWindow()
{
    // The line goes to the top third of the view: the top line is a few paragraphs before it.
    int top = gotoLine(301, m_doc);
    QVERIFY2(top > 301 - 30 && top <= 301, qPrintable(QString::number(top)));
    top = gotoLine(101, m_doc);
    QVERIFY2(top > 101 - 30 && top <= 101, qPrintable(QString::number(top)));
    QCOMPARE(gotoLine(2, m_doc), 1);
    // No second window came up for it.
    QVERIFY(!m_app->appearsWithin(QStringLiteral("^ready "), 500));
}

void TestInstance::gotoLineOpensAWindowWhenNoneShowsTheFile()
{
    const QString other = m_dir.filePath(QStringLiteral("b.md"));
    mdp::test::writeFile(other, mdp::test::numberedParagraphs(150));
    QCOMPARE(m_app->run({QStringLiteral("--goto-line"), QStringLiteral("201"), other}), 0);
    QVERIFY(m_app->waitForLine(QStringLiteral("^ready "), 30000));
    // The line is applied once the new window has its document.
    const std::optional<mdp::test::TracePosition> scrolled = m_app->waitForScroll();
    QVERIFY(scrolled);
    QVERIFY2(scrolled->topLine > 201 - 30 && scrolled->topLine <= 201,
             qPrintable(QString::number(scrolled->topLine)));
}

void TestInstance::oneWindowPerFile()
{
    m_app->skipAll();
    QCOMPARE(m_app->run({m_doc}), 0);
    // By another path to the same file, too.
    const QString link = m_dir.filePath(QStringLiteral("link.md"));
    QVERIFY(QFile::link(m_doc, link));
    QCOMPARE(m_app->run({link}), 0);
    QCOMPARE(m_app->run({m_dir.path() + QStringLiteral("/./run/../a.md")}), 0);
    QVERIFY(!m_app->appearsWithin(QStringLiteral("^ready "), 1500));
    // The window that shows it still follows the requests.
    const int top = gotoLine(151, link);
    QVERIFY2(top > 151 - 30 && top <= 151, qPrintable(QString::number(top)));
}

void TestInstance::aFolderShowsItsReadme()
{
    const QString folder = m_dir.filePath(QStringLiteral("project"));
    const QString readme = folder + QStringLiteral("/README.md");
    mdp::test::writeFile(readme, mdp::test::numberedParagraphs(20));
    mdp::test::writeFile(folder + QStringLiteral("/index.md"), "# Not this one\n");
    m_app->skipAll();
    QCOMPARE(m_app->run({folder}), 0);
    QVERIFY(m_app->waitForLine(QStringLiteral("^ready "), 30000));
    // The window shows README.md: asking for README.md reaches it, and opens nothing new.
    QCOMPARE(m_app->run({readme}), 0);
    QVERIFY(!m_app->appearsWithin(QStringLiteral("^ready "), 1500));
    QByteArray err;
    QCOMPARE(m_app->run({m_dir.filePath(QStringLiteral("run"))}, &err), 2);
    QCOMPARE(err, QByteArray("mdpreview: cannot open '" +
                             QFile::encodeName(m_dir.filePath(QStringLiteral("run"))) +
                             "': no README in this folder\n"));
}

void TestInstance::newWindowOpensAnother()
{
    m_app->skipAll();
    QCOMPARE(m_app->run({QStringLiteral("--new-window"), m_doc}), 0);
    QVERIFY(m_app->waitForLine(QStringLiteral("^ready "), 30000));
    // A file that cannot be read is refused by the requester, with the usual message.
    QByteArray err;
    QCOMPARE(m_app->run({m_dir.filePath(QStringLiteral("missing.md"))}, &err), 2);
    QVERIFY(err.contains("cannot open"));
}

void TestInstance::badRequestsAreAnsweredAndTheConnectionStays()
{
    QLocalSocket socket;
    socket.connectToServer(socketIn(m_runtime));
    QVERIFY(socket.waitForConnected(5000));
    const auto ask = [&](const QByteArray &line) {
        socket.write(line);
        if (!QTest::qWaitFor([&] { return socket.canReadLine(); }, 10000))
            return QByteArray();
        return socket.readLine();
    };
    QCOMPARE(ask("hello\n"),
             QByteArray("{\"error\":\"not a JSON object\",\"ok\":false,\"v\":1}\n"));
    QVERIFY(ask("{\"v\":9,\"cmd\":\"open\",\"path\":\"/a.md\"}\n").contains("version"));
    QVERIFY(ask("{\"v\":1,\"cmd\":\"open\",\"path\":\"/no/such.md\"}\n").contains("cannot open"));
    // Following a file no window shows opens nothing.
    m_app->skipAll();
    QCOMPARE(ask("{\"v\":1,\"cmd\":\"follow\",\"path\":\"/no/such.md\",\"line\":3}\n"),
             QByteArray("{\"ok\":true,\"v\":1}\n"));
    const QByteArray follow =
        "{\"v\":1,\"cmd\":\"follow\",\"path\":\"" + m_doc.toUtf8() + "\",\"line\":251}\n";
    QCOMPARE(ask(follow), QByteArray("{\"ok\":true,\"v\":1}\n"));
    // Both windows of a.md follow.
    for (int window = 0; window < 2; ++window) {
        const std::optional<mdp::test::TracePosition> scrolled = m_app->waitForScroll();
        QVERIFY(scrolled);
        QVERIFY(scrolled->topLine > 251 - 30 && scrolled->topLine <= 251);
    }
    QVERIFY(!m_app->appearsWithin(QStringLiteral("^ready "), 500));
}

void TestInstance::anEditorsBufferIsShownUntilItGoes()
{
    const QString doc = m_dir.filePath(QStringLiteral("live.md"));
    const QByteArray saved = "# Saved\n\nOn disk.\n";
    mdp::test::writeFile(doc, saved);
    m_app->skipAll();
    QCOMPARE(m_app->run({doc}), 0);
    QVERIFY(m_app->waitForLine(QStringLiteral("^ready "), 30000));

    // An editor, as the plugin speaks: one connection, kept open.
    auto editor = std::make_unique<QLocalSocket>();
    editor->connectToServer(socketIn(m_runtime));
    QVERIFY(editor->waitForConnected(5000));
    QList<QByteArray> heard;
    const auto send = [&](const QByteArray &json) {
        editor->write(json + '\n');
        // Every request is answered; an event may come before the answer.
        return QTest::qWaitFor(
            [&] {
                while (editor->canReadLine()) {
                    heard << editor->readLine();
                    if (heard.last().contains("\"ok\""))
                        return true;
                }
                return false;
            },
            10000);
    };
    const QByteArray path = "\"path\":\"" + doc.toUtf8() + '"';
    // The painted update says how many bytes of source it shows.
    const auto painted = [&](int bytes) {
        return m_app->waitForLine(QStringLiteral("^painted .*bytes=%1 ").arg(bytes));
    };

    QVERIFY(
        send("{\"v\":1,\"cmd\":\"attach\"," + path + ",\"lines\":[\"# Live\",\"\",\"typed\"]}"));
    QVERIFY(painted(14)); // "# Live\n\ntyped\n"
    QVERIFY(send("{\"v\":1,\"cmd\":\"change\"," + path +
                 ",\"line\":3,\"removed\":1,\"lines\":[\"typed more\"],\"total\":3}"));
    QVERIFY(painted(19));
    // A change that does not fit the copy: the whole buffer is asked for, once.
    heard.clear();
    QVERIFY(send("{\"v\":1,\"cmd\":\"change\"," + path +
                 ",\"line\":9,\"removed\":0,\"lines\":[\"x\"],\"total\":10}"));
    QVERIFY(send("{\"v\":1,\"cmd\":\"change\"," + path +
                 ",\"line\":10,\"removed\":0,\"lines\":[\"y\"],\"total\":11}"));
    QCOMPARE(heard.count(QByteArray("{\"event\":\"resend\"," + path + ",\"v\":1}\n")), 1);
    QVERIFY(!m_app->appearsWithin(QStringLiteral("^painted "), 500));
    QVERIFY(send("{\"v\":1,\"cmd\":\"attach\"," + path +
                 ",\"lines\":[\"# Live\",\"\",\"all of it\"]}"));
    QVERIFY(painted(18));
    // Saved: the file again; typing: the buffer again; the editor gone: the file.
    QVERIFY(send("{\"v\":1,\"cmd\":\"saved\"," + path + "}"));
    QVERIFY(painted(int(saved.size())));
    QVERIFY(send("{\"v\":1,\"cmd\":\"change\"," + path +
                 ",\"line\":1,\"removed\":1,\"lines\":[\"# Again\"],\"total\":3}"));
    QVERIFY(painted(19));
    editor.reset();
    QVERIFY(painted(int(saved.size())));
}

void TestInstance::socketIsTheUsersOnly()
{
    const QString socket = socketIn(m_runtime);
    QVERIFY(S_ISSOCK(modeOf(socket)));
    QCOMPARE(modeOf(socket) & 077, mode_t(0));
    QCOMPARE(modeOf(m_runtime) & 0777, mode_t(0700));
    QByteArray out;
    QProcess run;
    run.setProcessEnvironment(m_app->environment());
    run.start(QStringLiteral(MDPREVIEW_BINARY), {QStringLiteral("--socket-path")});
    QVERIFY(run.waitForFinished());
    QCOMPARE(QString::fromLocal8Bit(run.readAllStandardOutput()).trimmed(), socket);

    // A runtime folder others can write to is not used.
    const QString shared = m_dir.filePath(QStringLiteral("shared"));
    QVERIFY(QDir().mkpath(shared));
    QVERIFY(::chmod(QFile::encodeName(shared).constData(), 0777) == 0);
    TracedApp elsewhere(shared);
    QCOMPARE(elsewhere.run({QStringLiteral("--socket-path")}), 1);
}

void TestInstance::staleSocketIsReplaced()
{
    const QString runtime = m_dir.filePath(QStringLiteral("stale"));
    QVERIFY(QDir().mkpath(runtime));
    QVERIFY(::chmod(QFile::encodeName(runtime).constData(), 0700) == 0);
    QVERIFY(makeStaleSocket(socketIn(runtime)));
    QLocalSocket probe;
    probe.connectToServer(socketIn(runtime));
    QVERIFY(!probe.waitForConnected(1000));

    TracedApp app(runtime);
    QVERIFY(app.start({m_doc}));
    QCOMPARE(app.run({QStringLiteral("--goto-line"), QStringLiteral("101"), m_doc}), 0);
    const std::optional<mdp::test::TracePosition> scrolled = app.waitForScroll();
    QVERIFY(scrolled);
    QVERIFY(scrolled->topLine > 101 - 30 && scrolled->topLine <= 101);
}

QTEST_GUILESS_MAIN(TestInstance)
#include "tst_instance.moc"
