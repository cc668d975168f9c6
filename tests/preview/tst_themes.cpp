// SPDX-License-Identifier: GPL-3.0-or-later
// Themes in the real web engine (offscreen): every theme's colours reach the page, a switch
// happens in place and keeps the reader's line, and the page's colour scheme follows the theme.
#include "../support/webtest.h"
#include "core/live/documentsession.h"
#include "preview/previewview.h"
#include "ui/mainwindow.h"
#include "ui/settings.h"
#include "ui/themecontroller.h"

#include <QAction>
#include <QFile>
#include <QImage>
#include <QJsonArray>
#include <QJsonDocument>
#include <QLabel>
#include <QMenu>
#include <QMouseEvent>
#include <QPalette>
#include <QSettings>
#include <QStatusBar>
#include <QTemporaryDir>

using mdp::MainWindow;
using mdp::test::evaluate;

namespace {

// Everything a theme styles, for looking at: alerts and highlighted code (GitHub's pl-* classes)
// as GitHub's HTML has them, kbd, footnotes, headings of every level.
const QByteArray kShowcase = R"(# Heading 1

Text with a [link](https://example.org), `inline code`, <kbd>Shift</kbd>+<kbd>T</kbd> and a
footnote[^note].

## Heading 2

> [!NOTE]
> Useful information.

> [!TIP]
> Helpful advice.

> [!IMPORTANT]
> Key information.

> [!WARNING]
> Urgent information.

> [!CAUTION]
> Risks.



- [x] A task list
- [ ] with check boxes

> A blockquote.

---

### Heading 3

#### Heading 4

##### Heading 5

###### Heading 6

| a | b |
| - | - |
| 1 | 2 |
| 3 | 4 |

[^note]: The footnote.
)";

// Highlighted code as the highlighter (not built yet) will mark it up: GitHub's pl-* classes. It is
// put into the page directly, since a document's own class attributes are removed.
const char kHighlighted[] =
    R"(<div class="highlight highlight-source-c++"><pre><span class="pl-k">#include</span> <span class="pl-s"><span class="pl-pds">&lt;</span>vector<span class="pl-pds">&gt;</span></span>
<span class="pl-c"><span class="pl-c">//</span> A comment</span>
<span class="pl-k">int</span> <span class="pl-en">main</span>() {
    <span class="pl-k">const</span> <span class="pl-k">auto</span> text = <span class="pl-s"><span class="pl-pds">"</span>hello<span class="pl-pds">"</span></span>;
    <span class="pl-k">return</span> <span class="pl-c1">42</span> + <span class="pl-v">value</span>;
}</pre></div>)";

QByteArray longDocument()
{
    QByteArray markdown;
    for (int i = 1; i <= 120; ++i) {
        markdown += "## Section " + QByteArray::number(i) + "\n\n";
        markdown +=
            "Paragraph " + QByteArray::number(i) + ". " +
            QByteArray("Words to wrap over a few lines of the column. ").repeated(i % 7 + 1) +
            "\n\n";
        if (i % 10 == 0)
            markdown += "```\ncode\nblock\n```\n\n";
    }
    return markdown;
}

QString js(const char *script)
{
    return QString::fromUtf8(script);
}

} // namespace

class TestThemes final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void everyThemeApplies_data();
    void everyThemeApplies();
    void headingPermalinkShowsOnHover_data();
    void headingPermalinkShowsOnHover();
    void switchKeepsTheReadersLine();
    void colorSchemeFollowsTheTheme();
    void userThemeDarknessIsMeasured();
    void autoFollowsTheDesktopPalette();
    void choiceIsRemembered();
    void badThemeFallsBackToGitHub();

private:
    static bool showAndWait(MainWindow &window);
    static QImage anchorImage(MainWindow &window, const QRect &rect);
    QTemporaryDir m_dir;
};

void TestThemes::init()
{
    QSettings(QStringLiteral("mdpreview"), QStringLiteral("mdpreview")).clear();
}

bool TestThemes::showAndWait(MainWindow &window)
{
    QSignalSpy ready(&window, &MainWindow::ready);
    window.resize(1000, 900);
    window.show();
    return ready.wait(20000);
}

void TestThemes::everyThemeApplies_data()
{
    QTest::addColumn<QString>("name");
    QTest::addColumn<QString>("background"); // computed, of the page and of the Markdown body
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("link");
    QTest::addColumn<bool>("dark");

    QTest::newRow("github") << "github"
                            << "rgb(255, 255, 255)"
                            << "rgb(31, 35, 40)"
                            << "rgb(9, 105, 218)" << false;
    QTest::newRow("github-dark") << "github-dark"
                                 << "rgb(13, 17, 23)"
                                 << "rgb(240, 246, 252)"
                                 << "rgb(68, 147, 248)" << true;
    QTest::newRow("bitbucket") << "bitbucket"
                               << "rgb(255, 255, 255)"
                               << "rgb(23, 43, 77)"
                               << "rgb(0, 82, 204)" << false;
    QTest::newRow("solarized-light") << "solarized-light"
                                     << "rgb(253, 246, 227)"
                                     << "rgb(101, 123, 131)"
                                     << "rgb(38, 139, 210)" << false;
    QTest::newRow("solarized-dark") << "solarized-dark"
                                    << "rgb(0, 43, 54)"
                                    << "rgb(131, 148, 150)"
                                    << "rgb(38, 139, 210)" << true;
    QTest::newRow("auto (light desktop)") << "auto"
                                          << "rgb(255, 255, 255)"
                                          << "rgb(31, 35, 40)"
                                          << "rgb(9, 105, 218)" << false;
}

void TestThemes::everyThemeApplies()
{
    QFETCH(QString, name);
    QFETCH(QString, background);
    QFETCH(QString, text);
    QFETCH(QString, link);
    QFETCH(bool, dark);

    MainWindow window;
    window.openSample();
    QVERIFY(showAndWait(window));
    QCOMPARE(window.themes()->setTheme(name, false), QString());
    QCOMPARE(window.themes()->current(), name);
    QWebEnginePage *page = window.preview()->page();
    const QString body =
        QStringLiteral("getComputedStyle(document.querySelector('.markdown-body')).");
    QTRY_COMPARE(evaluate(page, body + QStringLiteral("backgroundColor")).toString(), background);
    QCOMPARE(evaluate(page, body + QStringLiteral("color")).toString(), text);
    QCOMPARE(
        evaluate(page, js("getComputedStyle(document.documentElement).backgroundColor")).toString(),
        background);
    QCOMPARE(evaluate(page, js("getComputedStyle(document.querySelector('.markdown-body p a'))"
                               ".color"))
                 .toString(),
             link);
    QCOMPARE(evaluate(page, js("window.mdpreview.themeIsDark()")).toBool(), dark);
    QCOMPARE(evaluate(page, js("document.documentElement.dataset.colorMode")).toString(),
             dark ? QStringLiteral("dark") : QStringLiteral("light"));
    QTest::qWait(300);
    mdp::test::saveScreenshot(&window, QStringLiteral("theme-sample-") + name);

    window.openContent(kShowcase, QStringLiteral("showcase"));
    QTRY_COMPARE(evaluate(page, js("document.querySelectorAll('.markdown-alert').length")).toInt(),
                 5);
    evaluate(page,
             QStringLiteral(
                 "document.getElementById('mdp-content').insertAdjacentHTML('beforeend', %1[0])")
                 .arg(QString::fromUtf8(QJsonDocument(QJsonArray{QString::fromUtf8(kHighlighted)})
                                            .toJson(QJsonDocument::Compact))));
    QTRY_COMPARE(evaluate(page, js("document.querySelectorAll('.pl-k').length")).toInt(), 5);
    QTest::qWait(300);
    mdp::test::saveScreenshot(&window, QStringLiteral("theme-showcase-") + name);
}

void TestThemes::headingPermalinkShowsOnHover_data()
{
    QTest::addColumn<QString>("name");
    for (const char *theme :
         {"github", "github-dark", "bitbucket", "solarized-light", "solarized-dark"})
        QTest::newRow(theme) << QString::fromLatin1(theme);
}

// What the view shows in `rect` (page pixels).
QImage TestThemes::anchorImage(MainWindow &window, const QRect &rect)
{
    return window.preview()->grab(rect).toImage().convertToFormat(QImage::Format_RGB32);
}

// GitHub's permalink beside a heading: its link icon (16 px, in the text's colour) left of
// the heading, hidden until the pointer is over the heading or the link has the focus.
void TestThemes::headingPermalinkShowsOnHover()
{
    QFETCH(QString, name);
    MainWindow window;
    window.openContent("# Permalinks\n\nText.\n\n## Second heading\n\nMore text.\n",
                       QStringLiteral("permalinks"));
    QVERIFY(showAndWait(window));
    // Wide enough for the margin the icon sits in, beside the contents.
    window.resize(1400, 600);
    QCOMPARE(window.themes()->setTheme(name, false), QString());
    QWebEnginePage *page = window.preview()->page();
    QTest::qWait(300);
    const QJsonArray box =
        evaluate(page,
                 js("(() => { const r = document.querySelector('#user-content-second-heading')"
                    ".getBoundingClientRect(); return [r.left, r.top, r.width, r.height]; "
                    "})()"))
            .toJsonArray();
    QCOMPARE(box.size(), 4);
    // The icon's 16 px square, centred in the link's box, as GitHub draws it.
    QCOMPARE(box[2].toDouble(), 20.0);
    const QRect rect(int(box[0].toDouble()), int(box[1].toDouble()), 16, int(box[3].toDouble()));
    const QString textColor =
        evaluate(page, js("getComputedStyle(document.querySelector('.markdown-body')).color"))
            .toString();
    const auto drawnPixels = [&](const QImage &image) {
        const QRgb background = image.pixel(0, 0);
        int drawn = 0;
        for (int y = 0; y < image.height(); ++y) {
            for (int x = 0; x < image.width(); ++x)
                drawn += image.pixel(x, y) != background;
        }
        return drawn;
    };
    mdp::test::saveScreenshot(&window, QStringLiteral("permalink-rest-") + name);
    QCOMPARE(drawnPixels(anchorImage(window, rect)), 0);

    // The pointer over the heading's text.
    QWidget *view = window.preview()->focusProxy();
    const QPointF over(box[0].toDouble() + 60, box[1].toDouble() + box[3].toDouble() / 2);
    QMouseEvent move(QEvent::MouseMove, over, view->mapToGlobal(over), Qt::NoButton, Qt::NoButton,
                     Qt::NoModifier);
    QCoreApplication::sendEvent(view, &move);
    QTRY_VERIFY(evaluate(page, js("!!document.querySelector('.markdown-heading:hover "
                                  "#user-content-second-heading')"))
                    .toBool());
    QTest::qWait(200);
    const QImage hovered = anchorImage(window, rect);
    // A link icon's worth of pixels, the ones it covers whole in the text's colour (GitHub's
    // fgColor-default, whatever colour the theme gives headings).
    QVERIFY2(drawnPixels(hovered) > 30, qPrintable(QString::number(drawnPixels(hovered))));
    bool textColored = false;
    for (int y = 0; y < hovered.height(); ++y) {
        for (int x = 0; x < hovered.width(); ++x) {
            const QColor c(hovered.pixel(x, y));
            textColored =
                textColored ||
                QStringLiteral("rgb(%1, %2, %3)").arg(c.red()).arg(c.green()).arg(c.blue()) ==
                    textColor;
        }
    }
    QVERIFY2(textColored, qPrintable(textColor));
    mdp::test::saveScreenshot(&window, QStringLiteral("permalink-hover-") + name);
    // The icon itself, enlarged, to compare pixel by pixel.
    if (const QString folder = qEnvironmentVariable("MDPREVIEW_SCREENSHOTS"); !folder.isEmpty())
        anchorImage(window, rect.adjusted(-8, -8, 160, 8))
            .scaled(4 * (rect.width() + 168), 4 * (rect.height() + 16))
            .save(folder + QStringLiteral("/permalink-icon-") + name + QStringLiteral(".png"));

    // Only the heading under the pointer shows its icon.
    const QJsonArray first =
        evaluate(page, js("(() => { const r = document.querySelector('#user-content-permalinks')"
                          ".getBoundingClientRect(); return [r.left, r.top, r.width, r.height]; "
                          "})()"))
            .toJsonArray();
    const QRect firstRect(int(first[0].toDouble()), int(first[1].toDouble()), 16,
                          int(first[3].toDouble()));
    QCOMPARE(drawnPixels(anchorImage(window, firstRect)), 0);
    // A link with the keyboard's focus shows its icon too, the same icon.
    evaluate(page, js("document.getElementById('user-content-permalinks').focus()"));
    QTRY_VERIFY(drawnPixels(anchorImage(window, firstRect)) > 30);
}

void TestThemes::switchKeepsTheReadersLine()
{
    MainWindow window;
    window.openContent(longDocument(), QStringLiteral("long"));
    QVERIFY(showAndWait(window));
    QWebEnginePage *page = window.preview()->page();
    evaluate(page, js("window.mdpreview.scrollToLine(301); window.mdpreviewNotReloaded = true"));
    QTest::qWait(100);
    const int line = evaluate(page, js("window.mdpreview.topLine()")).toInt();
    QVERIFY(line > 200);
    const QString blockTop =
        QStringLiteral("document.querySelectorAll('#mdp-content > :not(.mdp-chunk), "
                       "#mdp-content > .mdp-chunk > *')[%1].getBoundingClientRect().top")
            .arg(evaluate(page, js("window.mdpreview.lines().findIndex((l, i) => i % 2 === 0 && "
                                   "l === window.mdpreview.topLine()) / 2"))
                     .toInt());
    const double top = evaluate(page, blockTop).toDouble();
    const double y = evaluate(page, js("window.scrollY")).toDouble();

    for (const char *theme : {"bitbucket", "solarized-dark", "github"}) {
        window.themes()->setTheme(QString::fromLatin1(theme), false);
        QTRY_COMPARE(evaluate(page, js("document.getElementById('mdp-theme').textContent"
                                       ".includes('--bgColor-muted: #f4f5f7')"))
                         .toBool(),
                     qstrcmp(theme, "bitbucket") == 0);
        QCOMPARE(evaluate(page, js("window.mdpreview.topLine()")).toInt(), line);
        QVERIFY(qAbs(evaluate(page, blockTop).toDouble() - top) <= 1.0);
        if (qstrcmp(theme, "bitbucket") == 0) // 14px text: the same line sits elsewhere
            QVERIFY(qAbs(evaluate(page, js("window.scrollY")).toDouble() - y) > 100);
    }
    QVERIFY(evaluate(page, js("window.mdpreviewNotReloaded === true")).toBool());
}

void TestThemes::colorSchemeFollowsTheTheme()
{
    QDir(m_dir.path()).mkpath(QStringLiteral("img"));
    for (const char *file : {"light.png", "dark.png", "only-light.png", "only-dark.png"}) {
        QImage image(8, 8, QImage::Format_RGB32);
        image.fill(Qt::gray);
        QVERIFY(image.save(m_dir.filePath(QStringLiteral("img/") + QString::fromLatin1(file))));
    }
    const QString path = m_dir.filePath(QStringLiteral("scheme.md"));
    QFile file(path);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write("<picture>\n"
               "  <source media=\"(prefers-color-scheme: dark)\" srcset=\"img/dark.png\">\n"
               "  <source media=\"(prefers-color-scheme: light)\" srcset=\"img/light.png\">\n"
               "  <img id=\"pic\" src=\"img/light.png\">\n"
               "</picture>\n\n"
               "![light](img/only-light.png#gh-light-mode-only)\n"
               "![dark](img/only-dark.png#gh-dark-mode-only)\n");
    file.close();

    MainWindow window;
    QVERIFY(window.openFile(path));
    QVERIFY(showAndWait(window));
    QWebEnginePage *page = window.preview()->page();
    const QString shown = js("['only-light', 'only-dark'].filter((name) => "
                             "getComputedStyle(document.querySelector(`img[src*=\"${name}\"]`))"
                             ".display !== 'none').join()");
    for (const bool dark : {true, false, true}) {
        window.themes()->setTheme(dark ? QStringLiteral("github-dark") : QStringLiteral("github"),
                                  false);
        QTRY_VERIFY(
            evaluate(page, js("document.getElementById('user-content-pic').currentSrc"))
                .toString()
                .endsWith(dark ? QLatin1String("/img/dark.png") : QLatin1String("/img/light.png")));
        QCOMPARE(evaluate(page, shown).toString(),
                 dark ? QStringLiteral("only-dark") : QStringLiteral("only-light"));
    }
    // A document edit brings new sources: they follow the theme too.
    file.open(QIODevice::WriteOnly);
    file.write("<picture>\n"
               "  <source media=\"(prefers-color-scheme: dark)\" srcset=\"img/dark.png\">\n"
               "  <img id=\"pic2\" src=\"img/light.png\">\n"
               "</picture>\n");
    file.close();
    window.session()->reload();
    QTRY_VERIFY_WITH_TIMEOUT(
        evaluate(page, js("document.getElementById('user-content-pic2') ? "
                          "document.getElementById('user-content-pic2').currentSrc : ''"))
            .toString()
            .endsWith(QLatin1String("/img/dark.png")),
        10000);
}

void TestThemes::userThemeDarknessIsMeasured()
{
    const QString path = m_dir.filePath(QStringLiteral("night.css"));
    QFile file(path);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write("html, body { background: #101010; color: #e0e0e0; }\n"
               "@media (prefers-color-scheme: dark) { .markdown-body { color: #00ff00; } }\n");
    file.close();

    MainWindow window;
    window.openSample();
    QVERIFY(showAndWait(window));
    QCOMPARE(window.themes()->setTheme(path, false), QString());
    QCOMPARE(window.themes()->current(), path);
    QWebEnginePage *page = window.preview()->page();
    QTRY_VERIFY(evaluate(page, js("window.mdpreview.themeIsDark()")).toBool());
    // The theme's own dark-scheme rule applies, whatever the engine itself prefers.
    QCOMPARE(evaluate(page, js("getComputedStyle(document.querySelector('.markdown-body')).color"))
                 .toString(),
             QStringLiteral("rgb(0, 255, 0)"));
}

void TestThemes::autoFollowsTheDesktopPalette()
{
    const QPalette original = QApplication::palette();
    MainWindow window;
    window.openSample();
    QVERIFY(showAndWait(window));
    window.themes()->setTheme(QStringLiteral("auto"), false);
    QWebEnginePage *page = window.preview()->page();
    QTRY_VERIFY(!evaluate(page, js("window.mdpreview.themeIsDark()")).toBool());

    QPalette dark = original;
    dark.setColor(QPalette::Window, QColor(0x20, 0x20, 0x20));
    dark.setColor(QPalette::WindowText, QColor(0xf0, 0xf0, 0xf0));
    QApplication::setPalette(dark);
    QTRY_VERIFY(evaluate(page, js("window.mdpreview.themeIsDark()")).toBool());
    QCOMPARE(window.themes()->current(), QStringLiteral("auto"));
    QTRY_COMPARE(
        evaluate(page, js("getComputedStyle(document.documentElement).backgroundColor")).toString(),
        QStringLiteral("rgb(13, 17, 23)"));

    QApplication::setPalette(original);
    QTRY_VERIFY(!evaluate(page, js("window.mdpreview.themeIsDark()")).toBool());
}

void TestThemes::choiceIsRemembered()
{
    {
        MainWindow window;
        window.openSample();
        QVERIFY(showAndWait(window));
        QCOMPARE(window.themes()->current(), QStringLiteral("github"));
        QTest::keyClick(&window, Qt::Key_T, Qt::ShiftModifier);
        QCOMPARE(window.themes()->current(), QStringLiteral("github-dark"));
        window.themes()->cycleAction()->trigger();
        QCOMPARE(window.themes()->current(), QStringLiteral("bitbucket"));
        // From the menu.
        QMenu *menu = window.themes()->menu();
        Q_EMIT menu->aboutToShow();
        const QList<QAction *> actions = menu->actions();
        const auto solarized = std::find_if(actions.begin(), actions.end(), [](QAction *action) {
            return action->text() == QLatin1String("solarized-dark");
        });
        QVERIFY(solarized != actions.end());
        (*solarized)->trigger();
        QCOMPARE(window.themes()->current(), QStringLiteral("solarized-dark"));
        QCOMPARE(mdp::Settings::theme(), QStringLiteral("solarized-dark"));
        // Given for one run (-t) only: not remembered.
        window.themes()->setTheme(QStringLiteral("github"), false);
        QCOMPARE(mdp::Settings::theme(), QStringLiteral("solarized-dark"));
    }
    MainWindow window;
    QCOMPARE(window.themes()->current(), QStringLiteral("solarized-dark"));
}

void TestThemes::badThemeFallsBackToGitHub()
{
    MainWindow window;
    window.openSample();
    QVERIFY(showAndWait(window));
    window.themes()->setTheme(QStringLiteral("solarized-dark"), false);
    const QString error = window.themes()->setTheme(QStringLiteral("nope"), false);
    QVERIFY(error.startsWith(
        QLatin1String("unknown theme 'nope'; available themes: github, github-dark, bitbucket, "
                      "solarized-light, solarized-dark, auto")));
    QCOMPARE(window.themes()->current(), QStringLiteral("github"));
    QWebEnginePage *page = window.preview()->page();
    QTRY_COMPARE(
        evaluate(page, js("getComputedStyle(document.documentElement).backgroundColor")).toString(),
        QStringLiteral("rgb(255, 255, 255)"));
    // The window says so too.
    QVERIFY(window.statusBar()->isVisible());
    QVERIFY(window.statusBar()->findChild<QLabel *>()->text().contains(QLatin1String("nope")));

    // A remembered theme that has gone away: GitHub's again.
    mdp::Settings::setTheme(m_dir.filePath(QStringLiteral("gone.css")));
    MainWindow next;
    QCOMPARE(next.themes()->current(), QStringLiteral("github"));
}

MDPREVIEW_WEBTEST_MAIN(TestThemes)
#include "tst_themes.moc"
