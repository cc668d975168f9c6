// SPDX-License-Identifier: GPL-3.0-or-later
// The XSS corpus in the real web engine, each vector as a document opened the way the app opens
// one: whatever got past the sanitizer must still not run (the page's Content-Security-Policy),
// and a clicked link must not take the view away from the shell (the navigation policy). The
// page's marker, window.__pwned and the title, must stay as they were.
#include "../core/xsscorpus.h"
#include "../support/webtest.h"
#include "preview/previewpage.h"
#include "preview/previewview.h"
#include "preview/shellscheme.h"
#include "ui/mainwindow.h"

using mdp::MainWindow;
using mdp::PreviewView;
using mdp::test::evaluate;

namespace {

const QString kUntouched = QStringLiteral(
    "typeof window.__pwned === 'undefined' && document.title === 'mdpreview' && "
    "!!document.getElementById('mdp-content') && typeof window.mdpreview === 'object'");

// Every link, and every node of a drawn diagram, clicked as a reader would.
const QString kClickEverything = QStringLiteral(
    "(() => { let n = 0; for (const e of document.querySelectorAll("
    "'#mdp-content a, .mdp-mermaid-diagram .node, #mdp-content input, #mdp-content button')) {"
    " e.dispatchEvent(new MouseEvent('click', {bubbles: true, cancelable: true})); ++n; }"
    " return n; })()");

} // namespace

class TestXssWeb final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void corpusCannotChangeTheMarker();
    void policyStopsWhatASanitizerWouldMiss();
};

void TestXssWeb::corpusCannotChangeTheMarker()
{
    const QList<mdp::test::XssVector> corpus =
        mdp::test::xssCorpus(QStringLiteral(MDPREVIEW_SOURCE_DIR "/tests/core/data/xss.txt"));
    QVERIFY(corpus.size() >= 100);

    MainWindow window;
    window.resize(900, 700);
    // Links are handed to the desktop by the window; here they are only counted.
    QObject::disconnect(window.preview(), &PreviewView::linkActivated, &window, nullptr);
    QSignalSpy links(window.preview(), &PreviewView::linkActivated);
    QSignalSpy painted(window.preview(), &PreviewView::painted);
    window.show();
    QWebEnginePage *page = window.preview()->page();

    int clicked = 0;
    for (const mdp::test::XssVector &vector : corpus) {
        painted.clear();
        window.openContent(vector.markdown, QStringLiteral("xss.md"));
        QVERIFY2(painted.wait(20000), qPrintable(QStringLiteral("line %1").arg(vector.line)));
        QTest::qWait(30);
        clicked += evaluate(page, kClickEverything).toInt();
        QTest::qWait(30);
        QCOMPARE(page->url(), mdp::ShellScheme::shellUrl());
        QVERIFY2(evaluate(page, kUntouched).toBool(),
                 qPrintable(QStringLiteral("line %1: %2")
                                .arg(vector.line)
                                .arg(QString::fromUtf8(vector.markdown))));
    }
    // What runs late (an image that fails to load, a diagram drawn later) has had its time.
    QTest::qWait(1500);
    QVERIFY(evaluate(page, kUntouched).toBool());
    QCOMPARE(page->url(), mdp::ShellScheme::shellUrl());
    qInfo("%lld vectors, %d links and controls clicked, %lld handed to the window",
          qlonglong(corpus.size()), clicked, qlonglong(links.size()));

    // All of them at once, in one document: nothing of one may help another.
    QByteArray all;
    for (const mdp::test::XssVector &vector : corpus)
        all += vector.markdown + '\n';
    painted.clear();
    window.openContent(all, QStringLiteral("xss-all.md"));
    QVERIFY(painted.wait(20000));
    evaluate(page, kClickEverything);
    QTest::qWait(1500);
    QVERIFY(evaluate(page, kUntouched).toBool());
    QCOMPARE(page->url(), mdp::ShellScheme::shellUrl());
    mdp::test::saveScreenshot(&window, QStringLiteral("xss-all"));
}

// The second line of defence alone: markup put into the page without the sanitizer (as a bug in
// it would let through) still cannot run, and the marker check sees a change when there is one.
void TestXssWeb::policyStopsWhatASanitizerWouldMiss()
{
    MainWindow window;
    QSignalSpy painted(window.preview(), &PreviewView::painted);
    window.openContent("# Page\n", QStringLiteral("page.md"));
    window.show();
    QVERIFY(painted.wait(20000));
    QWebEnginePage *page = window.preview()->page();
    evaluate(page, QStringLiteral(
                       "document.getElementById('mdp-content').insertAdjacentHTML('beforeend', "
                       "'<img src=x onerror=__pwned=1><svg onload=__pwned=1></svg>"
                       "<iframe src=\"javascript:parent.__pwned=1\"></iframe>"
                       "<a id=mdp-js href=\"javascript:__pwned=1\">x</a>'); "
                       "document.getElementById('mdp-js').click(); "
                       "const s = document.createElement('script'); s.textContent = '__pwned=1'; "
                       "document.body.appendChild(s);"));
    QTest::qWait(500);
    QVERIFY(evaluate(page, kUntouched).toBool());
    evaluate(page, QStringLiteral("window.__pwned = 1"));
    QVERIFY(!evaluate(page, kUntouched).toBool());
}

MDPREVIEW_WEBTEST_MAIN(TestXssWeb)
#include "tst_xssweb.moc"
