// SPDX-License-Identifier: GPL-3.0-or-later
// The window with the real web engine (offscreen): what the page shows after opening a document.
#include "../support/webtest.h"
#include "preview/previewpage.h"
#include "preview/previewview.h"
#include "ui/mainwindow.h"

#include <QApplication>
#include <QFile>
#include <QTemporaryDir>

using mdp::MainWindow;
using mdp::test::evaluate;

class TestPreviewWindow final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void showsHeadingAndTable();
    void titleNamesTheFile();
    void relativeImageResolvesAgainstTheDocumentFolder();
    void rawHtmlSpanningBlocksNestsAsInABrowser();
    void scriptsInTheDocumentDoNotRun();
    void sampleDocument();

private:
    static bool waitForReady(MainWindow &window);
    QTemporaryDir m_dir;
};

bool TestPreviewWindow::waitForReady(MainWindow &window)
{
    QSignalSpy ready(&window, &MainWindow::ready);
    return ready.wait(20000);
}

void TestPreviewWindow::showsHeadingAndTable()
{
    const QString path = QStringLiteral(MDPREVIEW_SOURCE_DIR "/README.md");
    MainWindow window;
    window.resize(1000, 800);
    QVERIFY(window.openFile(path));
    window.show();
    QVERIFY(waitForReady(window));
    QWebEnginePage *page = window.preview()->page();
    QCOMPARE(evaluate(page, QStringLiteral("document.querySelector('h1').textContent")).toString(),
             QStringLiteral("mdpreview"));
    QVERIFY(evaluate(page, QStringLiteral("document.querySelectorAll('table').length")).toInt() >=
            1);
    QVERIFY(evaluate(page, QStringLiteral("document.querySelector('table th').textContent"))
                .toString()
                .size() > 0);
    // The theme is applied: GitHub's body font size and the centred column.
    QCOMPARE(
        evaluate(page, QStringLiteral(
                           "getComputedStyle(document.querySelector('.markdown-body')).fontSize"))
            .toString(),
        QStringLiteral("16px"));
    QTest::qWait(200);
    mdp::test::saveScreenshot(&window, QStringLiteral("readme"));
}

void TestPreviewWindow::titleNamesTheFile()
{
    const QString path = m_dir.filePath(QStringLiteral("notes.md"));
    QFile file(path);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write("# Notes\n");
    file.close();
    MainWindow window;
    QVERIFY(window.openFile(path));
    QCOMPARE(window.windowTitle(), QStringLiteral("notes.md — mdpreview"));
}

void TestPreviewWindow::relativeImageResolvesAgainstTheDocumentFolder()
{
    QDir(m_dir.path()).mkpath(QStringLiteral("img"));
    QImage image(40, 30, QImage::Format_RGB32);
    image.fill(Qt::red);
    QVERIFY(image.save(m_dir.filePath(QStringLiteral("img/dot.png"))));
    const QString path = m_dir.filePath(QStringLiteral("images.md"));
    QFile file(path);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write("# Images\n\n![dot](img/dot.png)\n");
    file.close();

    MainWindow window;
    QVERIFY(window.openFile(path));
    window.show();
    QVERIFY(waitForReady(window));
    QWebEnginePage *page = window.preview()->page();
    QTRY_COMPARE_WITH_TIMEOUT(
        evaluate(page, QStringLiteral("document.querySelector('img').naturalWidth")).toInt(), 40,
        10000);
}

void TestPreviewWindow::rawHtmlSpanningBlocksNestsAsInABrowser()
{
    MainWindow window;
    window.openContent("<div align=\"center\">\n\n# Centred\n\n</div>\n\ntext\n",
                       QStringLiteral("t"));
    window.show();
    QVERIFY(waitForReady(window));
    QWebEnginePage *page = window.preview()->page();
    QCOMPARE(
        evaluate(page, QStringLiteral("document.querySelector('div[align=center] h1') !== null"))
            .toBool(),
        true);
}

void TestPreviewWindow::scriptsInTheDocumentDoNotRun()
{
    MainWindow window;
    window.openContent("<img src=x onerror=\"document.title='pwned'\">\n\n"
                       "<svg><script>document.title='pwned'</script></svg>\n\n"
                       "<a href=\"javascript:document.title='pwned'\" id=js>x</a>\n",
                       QStringLiteral("t"));
    window.show();
    QVERIFY(waitForReady(window));
    QWebEnginePage *page = window.preview()->page();
    evaluate(page, QStringLiteral(
                       "document.getElementById('js') && document.getElementById('js').click()"));
    QTest::qWait(500);
    QVERIFY(evaluate(page, QStringLiteral("document.title")).toString() != QStringLiteral("pwned"));
}

void TestPreviewWindow::sampleDocument()
{
    MainWindow window;
    window.resize(1000, 900);
    window.openSample();
    window.show();
    QVERIFY(waitForReady(window));
    QWebEnginePage *page = window.preview()->page();
    QCOMPARE(evaluate(page, QStringLiteral("document.querySelector('h1').textContent")).toString(),
             QStringLiteral("Welcome to mdpreview"));
    QTest::qWait(200);
    mdp::test::saveScreenshot(&window, QStringLiteral("sample"));

    // GitHub's markup: task lists without bullets, headings with anchors that links reach.
    QCOMPARE(evaluate(page, QStringLiteral("getComputedStyle(document.querySelector("
                                           "'.task-list-item')).listStyleType"))
                 .toString(),
             QStringLiteral("none"));
    QVERIFY(evaluate(page, QStringLiteral("!!document.getElementById('user-content-tables')"))
                .toBool());
    evaluate(page, QStringLiteral("document.querySelector('a[href=\"#tables\"]').click()"));
    QTRY_VERIFY(evaluate(page, QStringLiteral("window.scrollY > 0")).toBool());
    // The heading is at the top, or as near as the end of the page lets it come.
    QVERIFY(evaluate(page, QStringLiteral("document.getElementById('user-content-tables')"
                                          ".getBoundingClientRect().top < 100 || window.scrollY + "
                                          "window.innerHeight >= document.documentElement"
                                          ".scrollHeight - 1"))
                .toBool());
    QVERIFY(!evaluate(page, QStringLiteral("getComputedStyle(document.querySelector("
                                           "'.markdown-heading .anchor'), '::before').visibility"
                                           " == 'visible'"))
                 .toBool());
    QTest::qWait(200);
    mdp::test::saveScreenshot(&window, QStringLiteral("sample-tables"));
    // Highlighted code, typeset math and a drawn diagram, once they come near the view.
    evaluate(page, QStringLiteral("document.getElementById('user-content-math').scrollIntoView()"));
    QTRY_VERIFY_WITH_TIMEOUT(
        evaluate(page,
                 QStringLiteral("!!document.querySelector('.highlight-source-python .pl-k')"
                                " && document.querySelectorAll('.mdp-math svg').length >= 4 && "
                                "!!document.querySelector('.mdp-mermaid-diagram svg')"))
            .toBool(),
        20000);
    evaluate(page, QStringLiteral("document.getElementById('user-content-math').scrollIntoView()"));
    QTest::qWait(300);
    mdp::test::saveScreenshot(&window, QStringLiteral("sample-math"));
    evaluate(page, QStringLiteral("window.scrollTo(0, document.documentElement.scrollHeight)"));
    QTest::qWait(300);
    mdp::test::saveScreenshot(&window, QStringLiteral("sample-end"));
}

MDPREVIEW_WEBTEST_MAIN(TestPreviewWindow)
#include "tst_previewwindow.moc"
