// SPDX-License-Identifier: GPL-3.0-or-later
// The pure logic behind the window: where links go, history, the editor command, the outline.
#include "../support/files.h"
#include "core/desktop/editorcommand.h"
#include "core/desktop/linkpolicy.h"
#include "core/desktop/navigationhistory.h"
#include "core/markdown/outline.h"

#include <QDir>
#include <QTemporaryDir>
#include <QTest>

using mdp::EditorCommand;
using mdp::LinkPolicy;
using mdp::NavigationHistory;
using mdp::Outline;

Q_DECLARE_METATYPE(LinkPolicy::Action)

class TestWindowLogic final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void links_data();
    void links();
    void linkToAFolder();
    void history();
    void editor_data();
    void editor();
    void sectionAt();
    void sameEntries();
};

void TestWindowLogic::links_data()
{
    QTest::addColumn<QUrl>("url");
    QTest::addColumn<LinkPolicy::Action>("expected");
    using A = LinkPolicy::Action;
    const auto file = [](const char *path) { return QUrl::fromLocalFile(QString::fromUtf8(path)); };

    QTest::newRow("https") << QUrl(QStringLiteral("https://example.org/x")) << A::OpenExternally;
    QTest::newRow("http") << QUrl(QStringLiteral("http://example.org")) << A::OpenExternally;
    QTest::newRow("mailto") << QUrl(QStringLiteral("mailto:a@example.org")) << A::OpenExternally;
    QTest::newRow("markdown file") << file("/docs/other.md") << A::OpenDocument;
    QTest::newRow("markdown, upper case") << file("/docs/OTHER.MD") << A::OpenDocument;
    QTest::newRow(".markdown") << file("/docs/a.markdown") << A::OpenDocument;
    QTest::newRow(".mdown") << file("/docs/a.mdown") << A::OpenDocument;
    QTest::newRow(".txt") << file("/docs/notes.txt") << A::OpenDocument;
    QTest::newRow("markdown with fragment")
        << QUrl(QStringLiteral("file:///docs/other.md#install")) << A::OpenDocument;
    QTest::newRow("same document, fragment")
        << QUrl(QStringLiteral("file:///docs/readme.md#install")) << A::ScrollInPage;
    QTest::newRow("image file") << file("/docs/logo.png") << A::OpenWithSystem;
    QTest::newRow("pdf") << file("/docs/manual.pdf") << A::OpenWithSystem;
    QTest::newRow("no such folder") << file("/docs/") << A::OpenWithSystem;
    QTest::newRow("javascript") << QUrl(QStringLiteral("javascript:alert(1)")) << A::Refuse;
    QTest::newRow("data") << QUrl(QStringLiteral("data:text/html,x")) << A::Refuse;
    QTest::newRow("ftp") << QUrl(QStringLiteral("ftp://example.org/x")) << A::Refuse;
    QTest::newRow("unknown scheme") << QUrl(QStringLiteral("ms-settings:x")) << A::Refuse;
}

void TestWindowLogic::links()
{
    QFETCH(QUrl, url);
    QFETCH(LinkPolicy::Action, expected);
    QCOMPARE(LinkPolicy::classify(url, QStringLiteral("/docs/readme.md")), expected);
}

void TestWindowLogic::linkToAFolder()
{
    // A link to a folder shows its README here, as GitHub shows a folder's README; a folder
    // without one goes to the file manager.
    QTemporaryDir dir;
    const QString project = dir.filePath(QStringLiteral("project"));
    mdp::test::writeFile(project + QStringLiteral("/README.md"), "# Project\n");
    const QString empty = dir.filePath(QStringLiteral("empty"));
    QVERIFY(QDir().mkpath(empty));
    const QString document = dir.filePath(QStringLiteral("index.md"));
    QCOMPARE(LinkPolicy::classify(QUrl::fromLocalFile(project), document),
             LinkPolicy::Action::OpenDocument);
    QCOMPARE(LinkPolicy::classify(QUrl::fromLocalFile(project + QStringLiteral("/")), document),
             LinkPolicy::Action::OpenDocument);
    QCOMPARE(LinkPolicy::classify(QUrl::fromLocalFile(empty), document),
             LinkPolicy::Action::OpenWithSystem);
}

void TestWindowLogic::history()
{
    NavigationHistory history;
    QVERIFY(!history.canGoBack());
    history.visit(QStringLiteral("/a.md"));
    history.setLine(40);
    history.visit(QStringLiteral("/b.md"));
    history.setLine(7);
    history.visit(QStringLiteral("/b.md")); // the same document again: no new entry
    QVERIFY(history.canGoBack());
    QVERIFY(!history.canGoForward());
    QCOMPARE(history.back(), (NavigationHistory::Entry{QStringLiteral("/a.md"), 40}));
    QVERIFY(history.canGoForward());
    QCOMPARE(history.forward(), (NavigationHistory::Entry{QStringLiteral("/b.md"), 7}));
    history.back();
    history.visit(QStringLiteral("/c.md")); // drops /b.md ahead, as a browser does
    QVERIFY(!history.canGoForward());
    QCOMPARE(history.back().path, QStringLiteral("/a.md"));
    QCOMPARE(history.back().path, QStringLiteral("/a.md")); // nowhere further back
}

void TestWindowLogic::editor_data()
{
    QTest::addColumn<QStringList>("environment"); // NAME=value
    QTest::addColumn<QString>("program");
    QTest::addColumn<QStringList>("arguments");

    QTest::newRow("nothing set: gvim")
        << QStringList{} << QStringLiteral("gvim")
        << QStringList{QStringLiteral("+5"), QStringLiteral("/d/a.md")};
    QTest::newRow("mdpreview's own first")
        << QStringList{QStringLiteral("MDPREVIEW_EDITOR=gedit --new-window"),
                       QStringLiteral("VISUAL=kate"), QStringLiteral("EDITOR=nano")}
        << QStringLiteral("gedit")
        << QStringList{QStringLiteral("--new-window"), QStringLiteral("+5"),
                       QStringLiteral("/d/a.md")};
    QTest::newRow("VISUAL before EDITOR; code takes -g FILE:LINE")
        << QStringList{QStringLiteral("VISUAL=code --wait"), QStringLiteral("EDITOR=nano")}
        << QStringLiteral("code")
        << QStringList{QStringLiteral("--wait"), QStringLiteral("-g"), QStringLiteral("/d/a.md:5")};
    QTest::newRow("codium by path")
        << QStringList{QStringLiteral("EDITOR=/usr/bin/codium")}
        << QStringLiteral("/usr/bin/codium")
        << QStringList{QStringLiteral("-g"), QStringLiteral("/d/a.md:5")};
    QTest::newRow("emacs: +LINE") << QStringList{QStringLiteral("VISUAL=emacs")}
                                  << QStringLiteral("emacs")
                                  << QStringList{QStringLiteral("+5"), QStringLiteral("/d/a.md")};
    QTest::newRow("nvim in a terminal: +LINE")
        << QStringList{QStringLiteral("EDITOR=nvim"), QStringLiteral("TERMINAL=xterm")}
        << QStringLiteral("xterm")
        << QStringList{QStringLiteral("-e"), QStringLiteral("nvim"), QStringLiteral("+5"),
                       QStringLiteral("/d/a.md")};
    QTest::newRow("an unknown editor: the file only")
        << QStringList{QStringLiteral("EDITOR=ed2")} << QStringLiteral("ed2")
        << QStringList{QStringLiteral("/d/a.md")};
    QTest::newRow("terminal editor in a terminal")
        << QStringList{QStringLiteral("EDITOR=/usr/bin/vim"), QStringLiteral("TERMINAL=foot")}
        << QStringLiteral("foot")
        << QStringList{QStringLiteral("-e"), QStringLiteral("/usr/bin/vim"), QStringLiteral("+5"),
                       QStringLiteral("/d/a.md")};
}

void TestWindowLogic::editor()
{
    QFETCH(QStringList, environment);
    QFETCH(QString, program);
    QFETCH(QStringList, arguments);
    QProcessEnvironment env;
    for (const QString &entry : environment)
        env.insert(entry.section(QLatin1Char('='), 0, 0), entry.section(QLatin1Char('='), 1));
    const EditorCommand command = EditorCommand::resolve(env, QStringLiteral("/d/a.md"), 5);
    QCOMPARE(command.program, program);
    QCOMPARE(command.arguments, arguments);
}

void TestWindowLogic::sectionAt()
{
    const QVector<mdp::Heading> headings{{1, QStringLiteral("A"), QStringLiteral("a"), 3},
                                         {2, QStringLiteral("B"), QStringLiteral("b"), 10},
                                         {2, QStringLiteral("C"), QStringLiteral("c"), 20}};
    QCOMPARE(Outline::sectionAt(headings, 1), -1);
    QCOMPARE(Outline::sectionAt(headings, 3), 0);
    QCOMPARE(Outline::sectionAt(headings, 9), 0);
    QCOMPARE(Outline::sectionAt(headings, 10), 1);
    QCOMPARE(Outline::sectionAt(headings, 500), 2);
    QCOMPARE(Outline::sectionAt({}, 5), -1);
}

void TestWindowLogic::sameEntries()
{
    QVector<mdp::Heading> a{{1, QStringLiteral("A"), QStringLiteral("a"), 3}};
    QVector<mdp::Heading> moved{{1, QStringLiteral("A"), QStringLiteral("a"), 9}};
    QVector<mdp::Heading> renamed{{1, QStringLiteral("B"), QStringLiteral("b"), 3}};
    QVERIFY(Outline::sameEntries(a, moved)); // lines move on every edit above: no rebuild
    QVERIFY(!Outline::sameEntries(a, renamed));
    QVERIFY(!Outline::sameEntries(a, {}));
}

QTEST_GUILESS_MAIN(TestWindowLogic)
#include "tst_windowlogic.moc"
