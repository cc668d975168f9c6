// SPDX-License-Identifier: GPL-3.0-or-later
// The viewer window as a person uses it: keys on the document, the contents panel, links and
// history, find, help, keep-on-top, what is remembered, export and the editor.
#include "../support/files.h"
#include "../support/webtest.h"
#include "core/live/documentsession.h"
#include "preview/previewview.h"
#include "ui/findbar.h"
#include "ui/helpoverlay.h"
#include "ui/mainwindow.h"
#include "ui/settings.h"
#include "ui/tocpanel.h"

#include <QCheckBox>
#include <QFileDialog>
#include <QLabel>
#include <QLineEdit>
#include <QMimeData>
#include <QScreen>
#include <QSettings>
#include <QStatusBar>
#include <QTemporaryDir>
#include <QTimer>
#include <QTreeWidget>

using mdp::MainWindow;
using mdp::PreviewView;
using mdp::test::evaluate;
using mdp::test::writeFile;

namespace {

// Twelve sections of twenty paragraphs; section i's heading is on line 1 + 42 * i.
QByteArray longDocument()
{
    QByteArray text;
    for (int section = 0; section < 12; ++section) {
        text += "## Section " + QByteArray::number(section) + "\n\n";
        for (int p = 0; p < 20; ++p)
            text += "Paragraph " + QByteArray::number(p) + " of section " +
                    QByteArray::number(section) + ".\n\n";
    }
    return text;
}

int headingLine(int section)
{
    return 1 + 42 * section;
}

} // namespace

class TestMainWindow final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup();
    void viKeysScroll();
    void countsAndHeadings();
    void keysAreNotTakenWhileFinding();
    void findBar();
    void helpOverlay();
    void contentsPanel();
    void linksOpenInTheSameWindowWithHistory();
    void keepOnTopTogglesAndKeepsGeometry();
    void stateIsRemembered();
    void stateIsSavedWhenItChanges();
    void offScreenPositionIsMovedBack();
    void readingPositionIsRemembered();
    void saveHtmlAndExportPdf();
    void printTwentyTimesWithCtrlP();
    void saveAsHtmlCanEmbedImages();
    void editorIsStarted();
    void liveTextIsSaidInTheStatusBar();
    void doubleClickAsksForTheSourceLine();
    void liveAppendIsFollowed();
    void droppedFileOpens();
    void droppedFolderShowsItsReadme();
    void zoomKeys();
    void frontMatterAndItsMistakes();

private:
    double scrollY()
    {
        return evaluate(m_window->preview()->page(), QStringLiteral("window.scrollY")).toDouble();
    }
    double maxScroll()
    {
        return evaluate(
                   m_window->preview()->page(),
                   QStringLiteral("document.documentElement.scrollHeight - window.innerHeight"))
            .toDouble();
    }
    void key(char c) { QTest::keyClick(m_window->preview()->focusProxy(), c); }
    void key(Qt::Key k, Qt::KeyboardModifiers m = Qt::NoModifier)
    {
        QTest::keyClick(m_window->preview()->focusProxy(), k, m);
    }
    // The source line at the top, once the page has reported the reader's scroll.
    int topLine()
    {
        return evaluate(m_window->preview()->page(), QStringLiteral("window.mdpreview.topLine()"))
            .toInt();
    }
    void open(const QString &path);

    QTemporaryDir *m_dir = nullptr;
    QString m_path;
    MainWindow *m_window = nullptr;
};

void TestMainWindow::init()
{
    QSettings(QStringLiteral("mdpreview"), QStringLiteral("mdpreview")).clear();
    m_dir = new QTemporaryDir;
    m_path = m_dir->filePath(QStringLiteral("long.md"));
    writeFile(m_path, longDocument());
    m_window = new MainWindow;
    m_window->resize(1000, 700);
    open(m_path);
}

void TestMainWindow::cleanup()
{
    delete m_window;
    delete m_dir;
}

void TestMainWindow::open(const QString &path)
{
    QSignalSpy painted(m_window->preview(), &PreviewView::painted);
    QVERIFY(m_window->openFile(path));
    m_window->show();
    QVERIFY(painted.wait(20000));
    QTRY_VERIFY(m_window->preview()->focusProxy() != nullptr);
    m_window->preview()->setFocus();
}

void TestMainWindow::viKeysScroll()
{
    QCOMPARE(scrollY(), 0.0);
    key('j');
    QTRY_COMPARE(scrollY(), 40.0);
    key('k');
    QTRY_COMPARE(scrollY(), 0.0);
    key(Qt::Key_Space);
    QTRY_VERIFY(scrollY() > 500);
    const double page = scrollY();
    key(Qt::Key_Space, Qt::ShiftModifier);
    QTRY_COMPARE(scrollY(), 0.0);
    key(Qt::Key_D, Qt::ControlModifier);
    QTRY_VERIFY(qAbs(scrollY() - page / 2) <= 1);
    key(Qt::Key_U, Qt::ControlModifier);
    QTRY_COMPARE(scrollY(), 0.0);
    key('G');
    QTRY_COMPARE(scrollY(), maxScroll());
    key('g');
    QTRY_COMPARE(scrollY(), 0.0);
    key(Qt::Key_F, Qt::ControlModifier);
    QTRY_COMPARE(scrollY(), page);
    key(Qt::Key_B, Qt::ControlModifier);
    QTRY_COMPARE(scrollY(), 0.0);
}

void TestMainWindow::countsAndHeadings()
{
    key('5');
    key('j');
    QTRY_COMPARE(scrollY(), 200.0);
    key('g');
    QTRY_COMPARE(scrollY(), 0.0);
    key(']');
    key(']');
    QTRY_COMPARE(topLine(), headingLine(1));
    key('3');
    key(']');
    key(']');
    QTRY_COMPARE(topLine(), headingLine(4));
    key('[');
    key('[');
    QTRY_COMPARE(topLine(), headingLine(3));
}

void TestMainWindow::keysAreNotTakenWhileFinding()
{
    key('/');
    QTRY_VERIFY(m_window->findBar()->isVisible());
    QTRY_VERIFY(m_window->findBar()->field()->hasFocus());
    QTest::keyClicks(m_window->findBar()->field(), QStringLiteral("jjGq"));
    QCOMPARE(m_window->findBar()->text(), QStringLiteral("jjGq"));
    QCOMPARE(scrollY(), 0.0);
    QVERIFY(m_window->isVisible()); // q did not quit
}

void TestMainWindow::findBar()
{
    // The match is in a chunk far from the view, which the page holds as text.
    QWebEnginePage *page = m_window->preview()->page();
    const QString inPage = QStringLiteral(
        "document.getElementById('mdp-content').textContent.includes('Paragraph 7 of section 9')");
    QTRY_VERIFY(evaluate(page, QStringLiteral("window.mdpreview.farChunkCount()")).toInt() > 0);
    QVERIFY(!evaluate(page, inPage).toBool());
    key('/');
    QTRY_VERIFY(m_window->findBar()->field()->hasFocus());
    QTest::keyClicks(m_window->findBar()->field(), QStringLiteral("Paragraph 7 of section 9"));
    // The page scrolls to the match.
    QTRY_VERIFY(scrollY() > 1000);
    QTest::qWait(200);
    mdp::test::saveScreenshot(m_window, QStringLiteral("find-bar"));
    QTest::keyClick(m_window->findBar()->field(), Qt::Key_Escape);
    QVERIFY(!m_window->findBar()->isVisible());
    // Closed, the chunks far from the view are text again.
    QTRY_VERIFY(evaluate(page, QStringLiteral("window.mdpreview.farChunkCount()")).toInt() > 0);
}

void TestMainWindow::helpOverlay()
{
    key('?');
    QTRY_VERIFY(m_window->helpOverlay()->isVisible());
    QTest::qWait(100);
    mdp::test::saveScreenshot(m_window, QStringLiteral("help-overlay"));
    QTest::keyClick(m_window->helpOverlay(), Qt::Key_Escape);
    QVERIFY(!m_window->helpOverlay()->isVisible());
    QVERIFY(m_window->isVisible());
}

void TestMainWindow::contentsPanel()
{
    QTreeWidget *tree = m_window->contents()->tree();
    QTRY_COMPARE(tree->topLevelItemCount(), 12);
    QCOMPARE(tree->topLevelItem(3)->text(0), QStringLiteral("Section 3"));
    // A click jumps to the heading; the section read is highlighted.
    QTest::mouseClick(tree->viewport(), Qt::LeftButton, {},
                      tree->visualItemRect(tree->topLevelItem(5)).center());
    QTRY_COMPARE(topLine(), headingLine(5));
    key('j');
    QTRY_COMPARE(m_window->contents()->currentIndex(), 5);
    key('2');
    key(']');
    key(']');
    QTRY_COMPARE(m_window->contents()->currentIndex(), 7);
    QCOMPARE(tree->currentItem(), tree->topLevelItem(7));
    // Nesting follows heading levels, and the panel follows a save.
    writeFile(m_path, "# Top\n\n## Child\n\n### Grandchild\n\n## Second\n");
    QTRY_COMPARE(tree->topLevelItemCount(), 1);
    QCOMPARE(tree->topLevelItem(0)->childCount(), 2);
    QCOMPARE(tree->topLevelItem(0)->child(0)->child(0)->text(0), QStringLiteral("Grandchild"));
    QTest::qWait(200);
    mdp::test::saveScreenshot(m_window, QStringLiteral("contents"));
    key('c');
    QVERIFY(!m_window->contents()->isVisible());
    key('c');
    QVERIFY(m_window->contents()->isVisible());
}

void TestMainWindow::linksOpenInTheSameWindowWithHistory()
{
    const QString other = m_dir->filePath(QStringLiteral("docs/other.md"));
    writeFile(other, "# Other\n\n[back to the long one](../long.md#section-6)\n");
    writeFile(m_path, "# Index\n\n[the other document](docs/other.md)\n\n" + longDocument());
    QTRY_VERIFY(evaluate(m_window->preview()->page(),
                         QStringLiteral("!!document.querySelector('a[href=\"docs/other.md\"]')"))
                    .toBool());
    QSignalSpy painted(m_window->preview(), &PreviewView::painted);
    evaluate(m_window->preview()->page(),
             QStringLiteral("document.querySelector('a[href=\"docs/other.md\"]').click()"));
    QTRY_COMPARE(m_window->windowTitle(), QStringLiteral("other.md — mdpreview"));
    QVERIFY(painted.wait(10000));
    // A link with a fragment opens the document at that heading.
    evaluate(m_window->preview()->page(),
             QStringLiteral("document.querySelector('a[href^=\"../\"]').click()"));
    QTRY_COMPARE(m_window->windowTitle(), QStringLiteral("long.md — mdpreview"));
    QTRY_COMPARE(topLine(), headingLine(6) + 4);
    key('b');
    QTRY_COMPARE(m_window->windowTitle(), QStringLiteral("other.md — mdpreview"));
    key(Qt::Key_Right, Qt::AltModifier);
    QTRY_COMPARE(m_window->windowTitle(), QStringLiteral("long.md — mdpreview"));
    // The reader's place comes back with the document.
    QTRY_COMPARE(topLine(), headingLine(6) + 4);
    key(Qt::Key_Backspace);
    QTRY_COMPARE(m_window->windowTitle(), QStringLiteral("other.md — mdpreview"));
    // The second file is watched from now on.
    writeFile(other, "# Other, edited\n");
    QTRY_COMPARE(evaluate(m_window->preview()->page(),
                          QStringLiteral("document.querySelector('h1').textContent"))
                     .toString(),
                 QStringLiteral("Other, edited"));
}

void TestMainWindow::keepOnTopTogglesAndKeepsGeometry()
{
    m_window->move(120, 80);
    m_window->resize(900, 650);
    const QRect before = m_window->geometry();
    key('t');
    QVERIFY(m_window->keepsOnTop());
    QVERIFY(m_window->windowFlags() & Qt::WindowStaysOnTopHint);
    QTRY_VERIFY(m_window->isVisible());
    QCOMPARE(m_window->geometry().size(), before.size());
    QTRY_VERIFY(m_window->preview()->focusProxy());
    m_window->preview()->setFocus();
    key('t');
    QVERIFY(!m_window->keepsOnTop());
    QCOMPARE(m_window->geometry().size(), before.size());
}

void TestMainWindow::stateIsRemembered()
{
    m_window->resize(812, 611);
    m_window->setKeepOnTop(true);
    m_window->setFollowEdits(true);
    m_window->setZoom(1.5);
    m_window->contents()->hide();
    m_window->close();

    MainWindow again;
    again.show();
    QCOMPARE(again.size(), QSize(812, 611));
    QVERIFY(again.keepsOnTop());
    QVERIFY(again.preview()->followEdits());
    QCOMPARE(again.preview()->zoomFactor(), 1.5);
    QVERIFY(!again.contents()->isVisible());
    const mdp::WindowState state = mdp::Settings::windowState();
    QVERIFY(state.keepOnTop);
    QCOMPARE(state.zoom, 1.5);
}

void TestMainWindow::stateIsSavedWhenItChanges()
{
    key('+');
    key('f');
    // Saved a moment later, without quitting.
    QTRY_VERIFY(mdp::Settings::windowState().zoom > 1.05);
    QVERIFY(mdp::Settings::windowState().followEdits);
}

void TestMainWindow::offScreenPositionIsMovedBack()
{
    QWidget probe;
    probe.setGeometry(50000, 50000, 400, 300);
    mdp::WindowState state;
    state.geometry = probe.saveGeometry();
    mdp::Settings::setWindowState(state);
    MainWindow window;
    window.show();
    QVERIFY(QGuiApplication::screenAt(window.frameGeometry().center()) != nullptr);
}

void TestMainWindow::readingPositionIsRemembered()
{
    key('3');
    key(']');
    key(']');
    QTRY_COMPARE(topLine(), headingLine(3));
    QTest::qWait(200); // the scroll reaches the window
    m_window->close();
    delete m_window;
    m_window = new MainWindow;
    m_window->resize(1000, 700);
    open(m_path);
    QTRY_COMPARE(topLine(), headingLine(3));
}

void TestMainWindow::saveHtmlAndExportPdf()
{
    const QString html = m_dir->filePath(QStringLiteral("out.html"));
    QSignalSpy exported(m_window, &MainWindow::exported);
    m_window->saveHtml(html);
    QVERIFY(exported.wait(30000));
    QCOMPARE(exported.constFirst().at(1).toString(), QString());
    QFile file(html);
    QVERIFY(file.open(QIODevice::ReadOnly));
    const QByteArray saved = file.readAll();
    QVERIFY(saved.startsWith("<!DOCTYPE html>"));
    QVERIFY(saved.contains(".markdown-body"));
    QVERIFY(saved.contains("Section 11"));

    const QString pdf = m_dir->filePath(QStringLiteral("out.pdf"));
    exported.clear();
    m_window->exportPdf(pdf);
    QVERIFY(exported.wait(30000));
    QCOMPARE(exported.constFirst().at(1).toString(), QString());
    QFile pdfFile(pdf);
    QVERIFY(pdfFile.open(QIODevice::ReadOnly));
    QVERIFY(pdfFile.read(4) == "%PDF");

    // Written, the window's page holds the blocks far from the view as text again, as before
    // the export; the find bar, open meanwhile, still sees everything until it closes.
    QWebEnginePage *page = m_window->preview()->page();
    QTRY_VERIFY(evaluate(page, QStringLiteral("window.mdpreview.farChunkCount()")).toInt() > 0);
    QVERIFY(!evaluate(page, QStringLiteral("document.documentElement.hasAttribute("
                                           "'data-mdp-whole')"))
                 .toBool());
    key('/');
    QTRY_VERIFY(m_window->findBar()->field()->hasFocus());
    QTest::keyClicks(m_window->findBar()->field(), QStringLiteral("Section 11"));
    QTRY_COMPARE(evaluate(page, QStringLiteral("window.mdpreview.farChunkCount()")).toInt(), 0);
    exported.clear();
    m_window->exportPdf(pdf);
    QVERIFY(exported.wait(30000));
    QCOMPARE(evaluate(page, QStringLiteral("window.mdpreview.farChunkCount()")).toInt(), 0);
    QTest::keyClick(m_window->findBar()->field(), Qt::Key_Escape);
    QTRY_VERIFY(evaluate(page, QStringLiteral("window.mdpreview.farChunkCount()")).toInt() > 0);
}

// Issue #10: Ctrl+P of a document with Mermaid, math and code crashed in most runs (the
// enrichment wait used a timer an earlier answer had freed). Twenty in a row, through the dialog.
void TestMainWindow::printTwentyTimesWithCtrlP()
{
    const QString rich = m_dir->filePath(QStringLiteral("rich.md"));
    writeFile(rich, "# Rich\n\n```python\ndef f():\n    return 1\n```\n\n$x^2$ and\n\n"
                    "$$\\frac{1}{2}$$\n\n```mermaid\ngraph TD; A-->B\n```\n\n"
                    "```mermaid\nsequenceDiagram\n  A->>B: hi\n```\n");
    open(rich);
    QSignalSpy exported(m_window, &MainWindow::exported);
    for (int i = 0; i < 20; ++i) {
        const QString pdf = m_dir->filePath(QStringLiteral("print-%1.pdf").arg(i));
        // The dialog is modal: it is answered from the event loop it runs.
        QTimer answer;
        connect(&answer, &QTimer::timeout, this, [&] {
            if (auto *dialog = qobject_cast<QFileDialog *>(QApplication::activeModalWidget())) {
                answer.stop();
                dialog->findChild<QLineEdit *>(QStringLiteral("fileNameEdit"))->setText(pdf);
                static_cast<QDialog *>(dialog)->accept(); // QFileDialog hides it
            }
        });
        answer.start(20);
        // Back from the dialog, the window is the active one again, as for a user.
        m_window->activateWindow();
        QTRY_VERIFY(m_window->isActiveWindow());
        m_window->preview()->setFocus();
        key(Qt::Key_P, Qt::ControlModifier);
        QVERIFY2(exported.wait(60000) || exported.size() == i + 1, qPrintable(pdf));
        QCOMPARE(exported.at(i).at(0).toString(), pdf);
        QCOMPARE(exported.at(i).at(1).toString(), QString());
        QFile file(pdf);
        QVERIFY(file.open(QIODevice::ReadOnly));
        const QByteArray bytes = file.readAll();
        QVERIFY(bytes.startsWith("%PDF-"));
        QVERIFY(bytes.trimmed().endsWith("%%EOF"));
    }
    QVERIFY(evaluate(m_window->preview()->page(),
                     QStringLiteral("document.querySelectorAll('.mdp-mermaid svg').length === 2"))
                .toBool());
}

// Save as HTML (s): the dialog's check box puts the document's images in the file.
void TestMainWindow::saveAsHtmlCanEmbedImages()
{
    QImage logo(30, 10, QImage::Format_RGB32);
    logo.fill(Qt::blue);
    QVERIFY(logo.save(m_dir->filePath(QStringLiteral("logo.png"))));
    const QString doc = m_dir->filePath(QStringLiteral("pictured.md"));
    writeFile(doc, "# Pictured\n\n![logo](logo.png)\n");
    open(doc);
    QSignalSpy exported(m_window, &MainWindow::exported);
    for (const bool embed : {false, true}) {
        const QString html = m_dir->filePath(embed ? QStringLiteral("embedded/out.html")
                                                   : QStringLiteral("plain/out.html"));
        QDir().mkpath(QFileInfo(html).path());
        QTimer answer;
        connect(&answer, &QTimer::timeout, this, [&] {
            auto *dialog = qobject_cast<QFileDialog *>(QApplication::activeModalWidget());
            auto *box =
                dialog ? dialog->findChild<QCheckBox *>(QStringLiteral("embedImages")) : nullptr;
            if (!box)
                return;
            answer.stop();
            box->setChecked(embed);
            if (embed)
                mdp::test::saveScreenshot(dialog, QStringLiteral("save-as-html-dialog"));
            dialog->findChild<QLineEdit *>(QStringLiteral("fileNameEdit"))->setText(html);
            static_cast<QDialog *>(dialog)->accept(); // QFileDialog hides it
        });
        answer.start(20);
        m_window->activateWindow();
        QTRY_VERIFY(m_window->isActiveWindow());
        m_window->preview()->setFocus();
        key('s');
        QTRY_VERIFY_WITH_TIMEOUT(!exported.isEmpty(), 30000);
        QCOMPARE(exported.takeFirst().at(1).toString(), QString());
        QFile file(html);
        QVERIFY(file.open(QIODevice::ReadOnly));
        const QByteArray saved = file.readAll();
        QVERIFY(saved.contains("Pictured</h1>"));
        QVERIFY(!saved.contains("<script"));
        QCOMPARE(saved.contains("src=\"data:image/png;base64,"), embed);
        QCOMPARE(saved.contains("src=\"../logo.png\""), !embed);
    }
}

void TestMainWindow::editorIsStarted()
{
    const QString log = m_dir->filePath(QStringLiteral("editor.log"));
    const QString script = m_dir->filePath(QStringLiteral("fake-editor"));
    writeFile(script, "#!/bin/sh\necho \"$@\" > '" + log.toUtf8() + "'\n");
    QFile::setPermissions(script, QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner);
    qputenv("MDPREVIEW_EDITOR", script.toUtf8());
    key('e');
    const auto logged = [&] {
        QFile file(log);
        return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
    };
    QTRY_VERIFY(logged().contains(m_path.toUtf8()));

    qputenv("MDPREVIEW_EDITOR", "/nonexistent/editor");
    key('e');
    QTRY_VERIFY(m_window->statusBar()->findChild<QLabel *>()->text().contains(
        QStringLiteral("Cannot start the editor")));
    qunsetenv("MDPREVIEW_EDITOR");
}

void TestMainWindow::liveTextIsSaidInTheStatusBar()
{
    // The reader in the middle of the document, at section 6.
    for (int i = 0; i < 12; ++i)
        key(']');
    QTRY_COMPARE(topLine(), headingLine(6));
    auto *changed = m_window->statusBar()->findChildren<QLabel *>().last();
    QVERIFY(changed->text().startsWith(QStringLiteral("Changed ")));

    // An editor's unsaved text, with a paragraph typed into section 0, far above the reader.
    QByteArray text = longDocument();
    text.replace("Paragraph 3 of section 0.", "Paragraph 3 of section 0, typed in the editor.");
    QSignalSpy painted(m_window->preview(), &PreviewView::painted);
    m_window->session()->showEditorText(text);
    QVERIFY(painted.wait(10000));
    QCOMPARE(changed->text(), QStringLiteral("Unsaved changes from the editor"));
    QVERIFY(m_window->statusBar()->isVisible());
    // Far above the reader, in a chunk the page holds as text until it is needed.
    QVERIFY(evaluate(m_window->preview()->page(), QStringLiteral(R"((() => {
                window.mdpreview.holdEverything(true);
                const found = document.getElementById('mdp-content').textContent
                    .includes('typed in the editor');
                window.mdpreview.holdEverything(false);
                return found;
            })())"))
                .toBool());
    // The same update path as a save: the reader stays where they were.
    QCOMPARE(topLine(), headingLine(6));
    mdp::test::saveScreenshot(m_window, QStringLiteral("status-live"));

    // Back to the file on disk (saved, :MdPreviewStop, the editor gone).
    m_window->session()->showFile();
    QVERIFY(painted.wait(10000));
    QVERIFY(changed->text().startsWith(QStringLiteral("Changed ")));
    QVERIFY(!evaluate(m_window->preview()->page(),
                      QStringLiteral("document.body.innerText.includes('typed in the editor')"))
                 .toBool());
    QCOMPARE(topLine(), headingLine(6));
}

void TestMainWindow::doubleClickAsksForTheSourceLine()
{
    // Two lines put above everything: the blocks below are kept in the page, and their own
    // source positions are two lines out of date.
    QSignalSpy painted(m_window->preview(), &PreviewView::painted);
    m_window->session()->showEditorText("# New\n\n" + longDocument());
    QVERIFY(painted.wait(10000));
    // "Paragraph 4 of section 1" was on line 53 (43 + 2 * 5) and is on line 55 now.
    const QString find = QStringLiteral(
        "(() => { const p = Array.from(document.querySelectorAll('p')).find("
        "(e) => e.textContent === 'Paragraph 4 of section 1.'); p.scrollIntoView();"
        "const r = p.getBoundingClientRect(); return [r.left + 20, r.top + r.height / 2]; })()");
    const QVariantList point = evaluate(m_window->preview()->page(), find).toList();
    QCOMPARE(point.size(), 2);
    QCOMPARE(evaluate(m_window->preview()->page(),
                      QStringLiteral("window.mdpreview.sourceLineAt(%1, %2)")
                          .arg(point[0].toDouble())
                          .arg(point[1].toDouble()))
                 .toInt(),
             55);
    // A real double-click there asks the window's editor to go to that line.
    QSignalSpy asked(m_window, &MainWindow::lineDoubleClicked);
    // Two clicks in quick succession, as the engine counts them (QTest keeps its clicks apart).
    const QPointF at(point[0].toDouble(), point[1].toDouble());
    QWidget *view = m_window->preview()->focusProxy();
    const QPointF global = view->mapToGlobal(at);
    ulong time = 1000000;
    for (int click = 0; click < 2; ++click) {
        for (const QEvent::Type type : {QEvent::MouseButtonPress, QEvent::MouseButtonRelease}) {
            QMouseEvent event(type, at, global, Qt::LeftButton,
                              type == QEvent::MouseButtonPress ? Qt::LeftButton : Qt::NoButton,
                              Qt::NoModifier);
            event.setTimestamp(time += 20);
            QCoreApplication::sendEvent(view, &event);
        }
    }
    QTRY_COMPARE(asked.size(), 1);
    QCOMPARE(asked.first().first().toInt(), 55);
}

void TestMainWindow::liveAppendIsFollowed()
{
    // At the end of the document, what the editor appends is followed, as on a save.
    key('G');
    QTRY_VERIFY(maxScroll() > 0 && scrollY() >= maxScroll() - 1);
    const double before = scrollY();
    QSignalSpy painted(m_window->preview(), &PreviewView::painted);
    m_window->session()->showEditorText(longDocument() + "Appended in the editor.\n\nAnd more.\n");
    QVERIFY(painted.wait(10000));
    QVERIFY(scrollY() > before);
    QVERIFY(scrollY() >= maxScroll() - 1);
}

// Drops `path` as Qt delivers a drop: to the widget under the mouse that accepts drops, or its
// nearest ancestor that does. Over the document that must be the window, not the page.
static bool dropOn(QWidget *window, QWidget *over, const QString &path)
{
    QMimeData data;
    data.setUrls({QUrl::fromLocalFile(path)});
    const QPoint at = over->mapTo(window, over->rect().center());
    QWidget *target = window->childAt(at);
    while (target && !target->acceptDrops() && !target->isWindow())
        target = target->parentWidget();
    if (target != window)
        return false;
    QDragEnterEvent enter(at, Qt::CopyAction, &data, Qt::LeftButton, Qt::NoModifier);
    QApplication::sendEvent(target, &enter);
    if (!enter.isAccepted())
        return false;
    QDropEvent drop(QPointF(at), Qt::CopyAction, &data, Qt::LeftButton, Qt::NoModifier);
    QApplication::sendEvent(target, &drop);
    return true;
}

void TestMainWindow::droppedFileOpens()
{
    const QString other = m_dir->filePath(QStringLiteral("dropped.md"));
    writeFile(other, "# Dropped\n");
    QVERIFY(dropOn(m_window, m_window->preview(), other));
    QTRY_COMPARE(m_window->windowTitle(), QStringLiteral("dropped.md — mdpreview"));
}

void TestMainWindow::droppedFolderShowsItsReadme()
{
    // A folder without a README: said in the status bar, and the document stays.
    const QString title = m_window->windowTitle();
    const QString empty = m_dir->filePath(QStringLiteral("no-readme"));
    QVERIFY(QDir().mkpath(empty));
    QVERIFY(dropOn(m_window, m_window->preview(), empty));
    QTRY_VERIFY(m_window->statusBar()->findChild<QLabel *>()->text().contains(
        QStringLiteral("no README in this folder")));
    QCOMPARE(m_window->windowTitle(), title);

    // A folder with one shows it, as on the command line and on GitHub.
    const QString folder = m_dir->filePath(QStringLiteral("project"));
    writeFile(folder + QStringLiteral("/README.md"), "# The project\n");
    QVERIFY(dropOn(m_window, m_window->preview(), folder));
    QTRY_COMPARE(m_window->windowTitle(), QStringLiteral("README.md — mdpreview"));
    QTRY_VERIFY(evaluate(m_window->preview()->page(),
                         QStringLiteral("document.querySelector('h1')?.textContent ?? ''"))
                    .toString() == QStringLiteral("The project"));
}

void TestMainWindow::zoomKeys()
{
    key('+');
    QTRY_VERIFY(m_window->preview()->zoomFactor() > 1.05);
    key('0');
    QCOMPARE(m_window->preview()->zoomFactor(), 1.0);
    key('-');
    QVERIFY(m_window->preview()->zoomFactor() < 0.95);
}

// Front matter shows as GitHub's table; YAML that does not parse shows as code, and the status
// bar says what is wrong until it is fixed.
void TestMainWindow::frontMatterAndItsMistakes()
{
    const QString path = m_dir->filePath(QStringLiteral("post.md"));
    const QByteArray body("\n# A post\n\nThe text of the post.\n");
    writeFile(path, "---\ntitle: A post\ndate: 2021-01-01 12:02:03\ntags: [yaml, markdown]\n"
                    "draft: yes\n---\n" +
                        body);
    open(path);
    auto status = [this] {
        QString said;
        for (const QLabel *label : m_window->statusBar()->findChildren<QLabel *>())
            said += label->text();
        return said;
    };
    auto page = [this](const char *script) {
        return evaluate(m_window->preview()->page(), QString::fromLatin1(script)).toString();
    };
    QTRY_COMPARE(page("document.querySelector('.markdown-body table th').textContent"),
                 QStringLiteral("title"));
    QCOMPARE(page("[...document.querySelectorAll('table table td div')]"
                  ".map(d => d.textContent).join('|')"),
             QStringLiteral("yaml|markdown"));
    QVERIFY(!status().contains(QStringLiteral("YAML")));
    mdp::test::saveScreenshot(m_window, QStringLiteral("front-matter"));

    writeFile(path, "---\ntitle: A post\ndescription: it says: oops\n---\n" + body);
    QTRY_VERIFY(status().contains(QStringLiteral("not valid YAML (line 3,")));
    QTRY_VERIFY(page("document.querySelector('.flash-error')?.textContent ?? ''")
                    .startsWith(QStringLiteral("Error in user YAML: (<unknown>): ")));
    QCOMPARE(page("document.querySelector('.highlight-source-yaml code').textContent"),
             QStringLiteral("---\ntitle: A post\ndescription: it says: oops\n---\n"));
    QCOMPARE(page("String(document.querySelectorAll('h2, hr').length)"), QStringLiteral("0"));
    mdp::test::saveScreenshot(m_window, QStringLiteral("front-matter-invalid"));

    writeFile(path, "---\ntitle: A post\n---\n" + body);
    QTRY_VERIFY(!status().contains(QStringLiteral("YAML")));
}

MDPREVIEW_WEBTEST_MAIN(TestMainWindow)
#include "tst_mainwindow.moc"
