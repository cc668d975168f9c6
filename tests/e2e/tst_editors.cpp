// SPDX-License-Identifier: GPL-3.0-or-later
// The plugin in real Vim and real Neovim, each interactive in a pseudo-terminal (tmux), against
// the real mdpreview: the same cases for both editors. What is asserted is what a user sees: the
// preview's DOM (read over the DevTools protocol), where it scrolled (its trace), the editor's
// cursor (its status line) and the file on disk.
#include "../support/devtools.h"
#include "../support/files.h"
#include "../support/instancesocket.h"
#include "../support/terminaleditor.h"
#include "../support/tracedapp.h"

#include <QFile>
#include <QLocalSocket>
#include <QScopeGuard>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

#include <signal.h>
#include <sys/socket.h>
#include <unistd.h>

using mdp::test::DevTools;
using mdp::test::TerminalEditor;
using mdp::test::TracedApp;

namespace {

// Paragraph i (1..60) is on line 2i + 1; then a fenced code block and a list.
QByteArray document()
{
    return mdp::test::numberedParagraphs(60) + // lines 1..122
           "```text\n"                         // 123
           "code one\n"                        // 124
           "code two\n"                        // 125
           "code three\n"                      // 126
           "```\n"                             // 127
           "\n"                                // 128
           "- item one\n"                      // 129
           "- item two\n"                      // 130
           "- item three\n";                   // 131
}

// A JavaScript expression: whether the preview has an element `selector` whose text is `text`.
QString shows(const QString &selector, const QString &text)
{
    return QStringLiteral("Array.from(document.querySelectorAll('#mdp-content %1'))"
                          ".some((e) => e.textContent.trim() === '%2')")
        .arg(selector, text);
}

// A JavaScript expression: the middle of the first `length` characters of `text` inside an
// element `selector`, brought into view, as [x, y] in the view.
QString pointAt(const QString &selector, const QString &text, int length)
{
    return QStringLiteral(
               "(() => {"
               "  const element = Array.from(document.querySelectorAll('#mdp-content %1'))"
               "    .find((e) => e.textContent.includes('%2'));"
               "  element.scrollIntoView({block: 'center'});"
               "  const walker = document.createTreeWalker(element, NodeFilter.SHOW_TEXT);"
               "  for (let node = walker.nextNode(); node; node = walker.nextNode()) {"
               "    const at = node.data.indexOf('%2');"
               "    if (at < 0) continue;"
               "    const range = document.createRange();"
               "    range.setStart(node, at);"
               "    range.setEnd(node, at + %3);"
               "    const r = range.getBoundingClientRect();"
               "    return [r.left + r.width / 2, r.top + r.height / 2];"
               "  }"
               "  return null;"
               "})()")
        .arg(selector, text)
        .arg(length);
}

} // namespace

class TestEditors final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void cleanup();
    void previewFollowsTheCursor_data() { editors(); }
    void previewFollowsTheCursor();
    void previewShowsTheBufferAsItIsTyped_data() { editors(); }
    void previewShowsTheBufferAsItIsTyped();
    void previewReturnsToTheFile_data() { editors(); }
    void previewReturnsToTheFile();
    void fileReadAgainIsFollowed_data() { editors(); }
    void fileReadAgainIsFollowed();
    void liveCanBeTurnedOff_data() { editors(); }
    void liveCanBeTurnedOff();
    void doubleClickMovesTheCursor_data() { editors(); }
    void doubleClickMovesTheCursor();
    void startsThePreviewWhenNoneRuns_data() { editors(); }
    void startsThePreviewWhenNoneRuns();

private:
    static void editors();
    // The app on the document, its page reachable, and the editor on the same document with
    // :MdPreview run.
    bool startBoth(const QStringList &settings = {});
    QProcessEnvironment environment() const;
    QByteArray onDisk() const;

    QTemporaryDir m_dir;
    QString m_doc;
    QString m_runtime;
    quint16 m_port = 0;
    std::unique_ptr<TracedApp> m_app;
    std::unique_ptr<DevTools> m_page;
    std::unique_ptr<TerminalEditor> m_editor;
};

void TestEditors::editors()
{
    QTest::addColumn<QString>("editor");
    QTest::newRow("vim") << QStringLiteral("vim");
    QTest::newRow("neovim") << QStringLiteral("nvim");
}

void TestEditors::initTestCase()
{
    for (const char *tool : {"vim", "nvim", "tmux"}) {
        if (QStandardPaths::findExecutable(QString::fromLatin1(tool)).isEmpty())
            QFAIL(qPrintable(QStringLiteral("%1 is not installed (scripts/dev installs it)")
                                 .arg(QString::fromLatin1(tool))));
    }
    QVERIFY(m_dir.isValid());
}

void TestEditors::init()
{
    static int run = 0;
    const QString folder = m_dir.filePath(QString::number(++run));
    m_doc = folder + QStringLiteral("/notes.md");
    mdp::test::writeFile(m_doc, document());
    m_runtime = folder + QStringLiteral("/run");
    QDir().mkpath(m_runtime);
    QFile::setPermissions(m_runtime,
                          QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ExeOwner);
    m_port = DevTools::freePort();
    QFETCH(QString, editor);
    m_editor = std::make_unique<TerminalEditor>(editor, folder, environment());
    m_page = std::make_unique<DevTools>();
}

void TestEditors::cleanup()
{
    m_editor.reset();
    m_page.reset();
    m_app.reset();
}

QProcessEnvironment TestEditors::environment() const
{
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("XDG_RUNTIME_DIR"), m_runtime);
    // The page of an mdpreview started here (by the test or by the editor) can be read.
    env.insert(QStringLiteral("QTWEBENGINE_REMOTE_DEBUGGING"),
               QStringLiteral("127.0.0.1:%1").arg(m_port));
    env.insert(QStringLiteral("TERM"), QStringLiteral("xterm-256color"));
    return env;
}

QByteArray TestEditors::onDisk() const
{
    QFile file(m_doc);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

bool TestEditors::startBoth(const QStringList &settings)
{
    m_app = std::make_unique<TracedApp>(m_runtime);
    m_app->process().setProcessEnvironment(environment());
    if (!m_app->start({m_doc}) || !m_page->connectTo(m_port))
        return false;
    if (!m_page->waitFor(shows(QStringLiteral("p"), QStringLiteral("Paragraph 60"))))
        return false;
    m_app->skipAll();
    if (!m_editor->start(m_doc, settings) || !m_editor->command(QStringLiteral("MdPreview")))
        return false;
    // :MdPreview shows the cursor's line; the editor attaches right after.
    if (!m_app->waitForScroll())
        return false;
    QTest::qWait(300);
    return true;
}

void TestEditors::previewFollowsTheCursor()
{
    QVERIFY(startBoth());
    for (const int line : {81, 41, 61}) {
        QVERIFY(m_editor->keys({QString::number(line) + QLatin1Char('G')}, true));
        QVERIFY(m_editor->waitForCursor(line));
        const std::optional<mdp::test::TracePosition> scrolled = m_app->waitForScroll();
        QVERIFY(scrolled);
        QVERIFY2(scrolled->topLine > line - 30 && scrolled->topLine <= line,
                 qPrintable(QStringLiteral("line %1, top %2").arg(line).arg(scrolled->topLine)));
        // The page's own idea of its top line agrees.
        QCOMPARE(m_page->evaluate(QStringLiteral("window.mdpreview.topLine()")).toInt(),
                 scrolled->topLine);
    }
}

void TestEditors::previewShowsTheBufferAsItIsTyped()
{
    QVERIFY(startBoth());
    const QByteArray saved = onDisk();
    // A word typed into a paragraph, in insert mode.
    QVERIFY(m_editor->keys({QStringLiteral("3GI")}, true));
    QVERIFY(m_editor->type(QStringLiteral("Live ")));
    QVERIFY2(m_page->waitFor(shows(QStringLiteral("p"), QStringLiteral("Live Paragraph 1"))),
             qPrintable(m_editor->screen()));
    QVERIFY(m_editor->keys({QStringLiteral("Escape")}));
    // A line deleted.
    QVERIFY(m_editor->keys({QStringLiteral("5Gdd")}, true));
    QVERIFY(m_page->waitFor(QStringLiteral("!") +
                            shows(QStringLiteral("p"), QStringLiteral("Paragraph 2"))));
    // Lines added at the end, with Enter in insert mode.
    QVERIFY(m_editor->keys({QStringLiteral("Go")}, true));
    QVERIFY(m_editor->keys({QStringLiteral("Enter")}));
    QVERIFY(m_editor->type(QStringLiteral("Appended at the end")));
    QVERIFY(m_page->waitFor(shows(QStringLiteral("p"), QStringLiteral("Appended at the end"))));
    QVERIFY(m_editor->keys({QStringLiteral("Escape")}));
    // Every block the edits did not touch stayed as it was: the page was edited, not reloaded.
    QVERIFY(m_page->evaluate(QStringLiteral("window.mdpreview.blockCount()")).toInt() > 60);
    // Nothing was written: the preview showed the buffer, not the file.
    QCOMPARE(onDisk(), saved);
    QVERIFY(m_app->trace().contains("painted seq="));
}

void TestEditors::previewReturnsToTheFile()
{
    QVERIFY(startBoth());
    const QString heading = QStringLiteral("h1");
    // On a write, the file is what the preview shows.
    QVERIFY(m_editor->keys({QStringLiteral("1GA")}, true));
    QVERIFY(m_editor->type(QStringLiteral(" saved")));
    QVERIFY(m_editor->keys({QStringLiteral("Escape")}));
    QVERIFY(m_page->waitFor(shows(heading, QStringLiteral("Title saved"))));
    QVERIFY(m_editor->command(QStringLiteral("write")));
    QVERIFY(QTest::qWaitFor([&] { return onDisk().startsWith("# Title saved\n"); }, 10000));
    QVERIFY(!m_page->waitFor(QStringLiteral("!") + shows(heading, QStringLiteral("Title saved")),
                             1000));

    // :MdPreviewStop: back to the file, unsaved changes or not.
    QVERIFY(m_editor->keys({QStringLiteral("A")}, true));
    QVERIFY(m_editor->type(QStringLiteral(" and typed")));
    QVERIFY(m_editor->keys({QStringLiteral("Escape")}));
    QVERIFY(m_page->waitFor(shows(heading, QStringLiteral("Title saved and typed"))));
    QVERIFY(m_editor->command(QStringLiteral("MdPreviewStop")));
    QVERIFY(m_page->waitFor(shows(heading, QStringLiteral("Title saved"))));

    // The editor gone: back to the file as well.
    QVERIFY(m_editor->command(QStringLiteral("MdPreview")));
    QVERIFY(m_editor->keys({QStringLiteral("A!")}, true));
    QVERIFY(m_editor->keys({QStringLiteral("Escape")}));
    QVERIFY(m_page->waitFor(shows(heading, QStringLiteral("Title saved and typed!"))));
    QVERIFY(m_editor->command(QStringLiteral("qa!")));
    QVERIFY(QTest::qWaitFor([&] { return !m_editor->isRunning(); }, 10000));
    QVERIFY(m_page->waitFor(shows(heading, QStringLiteral("Title saved"))));
    QCOMPARE(onDisk().left(15), QByteArray("# Title saved\n\n"));
}

void TestEditors::fileReadAgainIsFollowed()
{
    QVERIFY(startBoth());
    QVERIFY(m_editor->keys({QStringLiteral("3GIDropped ")}, true));
    QVERIFY(m_editor->keys({QStringLiteral("Escape")}));
    QVERIFY(m_page->waitFor(shows(QStringLiteral("p"), QStringLiteral("Dropped Paragraph 1"))));
    // :edit! throws the change away and reads the file: the preview goes along, and goes on
    // showing what is typed after it.
    QVERIFY(m_editor->command(QStringLiteral("edit!")));
    QVERIFY(m_page->waitFor(shows(QStringLiteral("p"), QStringLiteral("Paragraph 1"))));
    QVERIFY(m_editor->keys({QStringLiteral("5GIKept ")}, true));
    QVERIFY(m_editor->keys({QStringLiteral("Escape")}));
    QVERIFY(m_page->waitFor(shows(QStringLiteral("p"), QStringLiteral("Kept Paragraph 2"))));
    QVERIFY(m_page->evaluate(shows(QStringLiteral("p"), QStringLiteral("Paragraph 1"))).toBool());
}

void TestEditors::liveCanBeTurnedOff()
{
    QVERIFY(startBoth({QStringLiteral("let g:mdpreview_live = 0")}));
    QVERIFY(m_editor->keys({QStringLiteral("1GA")}, true));
    QVERIFY(m_editor->type(QStringLiteral(" unsaved")));
    QVERIFY(m_editor->keys({QStringLiteral("Escape")}));
    QVERIFY(!m_page->waitFor(shows(QStringLiteral("h1"), QStringLiteral("Title unsaved")), 1500));
    // The preview shows what is saved, as before live mode.
    QVERIFY(m_editor->command(QStringLiteral("write")));
    QVERIFY(m_page->waitFor(shows(QStringLiteral("h1"), QStringLiteral("Title unsaved"))));
}

void TestEditors::doubleClickMovesTheCursor()
{
    QVERIFY(startBoth());
    QVERIFY(m_editor->waitForCursor(1));
    struct Target
    {
        const char *selector;
        const char *text;
        int line;
    };
    // A paragraph: its line. In code: the line clicked. In a list: the item's line.
    for (const Target &target : {Target{"p", "Paragraph 40", 81}, Target{"pre", "code three", 126},
                                 Target{"li", "item two", 130}, Target{"p", "Paragraph 7", 15}}) {
        const QJsonArray point =
            m_page->evaluate(pointAt(QLatin1String(target.selector), QLatin1String(target.text), 4))
                .toArray();
        QCOMPARE(point.size(), 2);
        QVERIFY(m_page->doubleClick(point[0].toDouble(), point[1].toDouble()));
        QVERIFY2(m_editor->waitForCursor(target.line),
                 qPrintable(QStringLiteral("%1: cursor on %2")
                                .arg(QLatin1String(target.text))
                                .arg(m_editor->cursorLine())));
    }
    // After :MdPreviewStop, no editor is attached: a double-click does nothing.
    QVERIFY(m_editor->command(QStringLiteral("MdPreviewStop")));
    const QJsonArray point =
        m_page->evaluate(pointAt(QStringLiteral("p"), QStringLiteral("Paragraph 50"), 4)).toArray();
    QVERIFY(m_page->doubleClick(point[0].toDouble(), point[1].toDouble()));
    QTest::qWait(1000);
    QCOMPARE(m_editor->cursorLine(), 15);
}

void TestEditors::startsThePreviewWhenNoneRuns()
{
    QVERIFY(m_editor->start(m_doc));
    QVERIFY(m_editor->keys({QStringLiteral("21G")}, true));
    QVERIFY(m_editor->command(QStringLiteral("MdPreview")));
    // The preview the editor started outlives it, listening on the user's socket.
    QLocalSocket socket;
    const std::optional<pid_t> preview =
        mdp::test::connectToListener(socket, mdp::test::socketIn(m_runtime));
    QVERIFY(preview);
    const auto stop = qScopeGuard([&] { ::kill(*preview, SIGTERM); });
    QVERIFY(m_page->connectTo(m_port));
    QVERIFY(m_page->waitFor(shows(QStringLiteral("p"), QStringLiteral("Paragraph 60")), 30000));
    // The editor attached once the preview listened: typing shows, a double-click comes back.
    QVERIFY(m_editor->keys({QStringLiteral("3GI")}, true));
    QVERIFY(m_editor->type(QStringLiteral("Started ")));
    QVERIFY(m_editor->keys({QStringLiteral("Escape")}));
    QVERIFY(m_page->waitFor(shows(QStringLiteral("p"), QStringLiteral("Started Paragraph 1"))));
    const QJsonArray point =
        m_page->evaluate(pointAt(QStringLiteral("p"), QStringLiteral("Paragraph 30"), 4)).toArray();
    QVERIFY(m_page->doubleClick(point[0].toDouble(), point[1].toDouble()));
    QVERIFY(m_editor->waitForCursor(61));
}

QTEST_GUILESS_MAIN(TestEditors)
#include "tst_editors.moc"
