// SPDX-License-Identifier: GPL-3.0-or-later
#include "mainwindow.h"

#include "core/desktop/editorcommand.h"
#include "core/desktop/folderreadme.h"
#include "core/desktop/linkpolicy.h"
#include "core/desktop/theme.h"
#include "core/live/documentsession.h"
#include "findbar.h"
#include "helpoverlay.h"
#include "preview/htmlexport.h"
#include "preview/pageexport.h"
#include "preview/previewview.h"
#include "preview/trace.h"
#include "settings.h"
#include "themecontroller.h"
#include "tocpanel.h"

#include <QAction>
#include <QCheckBox>
#include <QCloseEvent>
#include <QDateTime>
#include <QDesktopServices>
#include <QDir>
#include <QFile>
#include <QFileDialog>
#include <QFileInfo>
#include <QGridLayout>
#include <QGuiApplication>
#include <QKeyEvent>
#include <QLabel>
#include <QMenu>
#include <QMimeData>
#include <QProcess>
#include <QScreen>
#include <QStatusBar>
#include <QToolBar>
#include <QToolButton>
#include <QVBoxLayout>
#include <QWebEnginePage>

#include <algorithm>
#include <cmath>

namespace mdp {

namespace {

constexpr double kZoomStep = 1.1;
constexpr double kMinZoom = 0.3;
constexpr double kMaxZoom = 5.0;

// The commands that scroll the page: the unit the page's navigate() moves by and how many of
// them one step is; a counted command takes that many steps (Top and Bottom take no count).
struct Scroll
{
    ViAction action;
    QLatin1String kind;
    double step;
    bool counted = true;
};
constexpr Scroll kScrolls[] = {
    {ViAction::LineDown, QLatin1String("line"), 1},
    {ViAction::LineUp, QLatin1String("line"), -1},
    {ViAction::ColumnLeft, QLatin1String("column"), -1},
    {ViAction::ColumnRight, QLatin1String("column"), 1},
    {ViAction::HalfPageDown, QLatin1String("page"), 0.5},
    {ViAction::HalfPageUp, QLatin1String("page"), -0.5},
    {ViAction::PageDown, QLatin1String("page"), 1},
    {ViAction::PageUp, QLatin1String("page"), -1},
    {ViAction::Top, QLatin1String("top"), 1, false},
    {ViAction::Bottom, QLatin1String("bottom"), 1, false},
    {ViAction::NextHeading, QLatin1String("heading"), 1},
    {ViAction::PreviousHeading, QLatin1String("heading"), -1},
};

const Scroll *scrollOf(ViAction action)
{
    const auto scroll = std::find_if(std::begin(kScrolls), std::end(kScrolls),
                                     [&](const Scroll &entry) { return entry.action == action; });
    return scroll == std::end(kScrolls) ? nullptr : scroll;
}

} // namespace

MainWindow::MainWindow(QWidget *parent)
    : QMainWindow(parent)
    , m_session(new DocumentSession(this))
    , m_preview(new PreviewView(this))
    , m_findBar(new FindBar(m_preview->page(), this))
    , m_toc(new TocPanel(this))
    , m_help(new HelpOverlay(this))
    , m_status(new QLabel(this))
    , m_changed(new QLabel(this))
    , m_saveStateTimer(new QTimer(this))
{
    auto *central = new QWidget(this);
    auto *layout = new QVBoxLayout(central);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(0);
    layout->addWidget(m_preview, 1);
    layout->addWidget(m_findBar);
    setCentralWidget(central);
    addDockWidget(Qt::LeftDockWidgetArea, m_toc);
    resizeDocks({m_toc}, {240}, Qt::Horizontal);
    statusBar()->addWidget(m_status, 1);
    statusBar()->addPermanentWidget(m_changed);
    resize(1000, 900);
    setAcceptDrops(true);

    m_saveStateTimer->setSingleShot(true);
    m_saveStateTimer->setInterval(500);
    connect(m_saveStateTimer, &QTimer::timeout, this, &MainWindow::saveWindowState);
    setUpThemes();
    setUpActions();
    restoreWindowState();
    m_saveStateTimer->stop(); // restoring is not a change
    connect(m_toc, &QDockWidget::visibilityChanged, m_saveStateTimer, qOverload<>(&QTimer::start));
    m_preview->setKeyFilter(this);

    connect(m_session, &DocumentSession::rendered, this, &MainWindow::onRendered);
    connect(m_session, &DocumentSession::problemChanged, this, &MainWindow::onProblemChanged);
    connect(m_preview, &PreviewView::linkActivated, this, &MainWindow::onLinkActivated);
    connect(m_preview, &PreviewView::lineDoubleClicked, this, &MainWindow::lineDoubleClicked);
    connect(m_preview, &PreviewView::painted, this,
            [this](int seq, qint64 bytes, const PreviewBridge::Position &position) {
                if (!m_readyReported) {
                    m_readyReported = true;
                    Trace::ready();
                    Q_EMIT ready();
                }
                Trace::painted(seq, bytes, position);
                onPainted(position.topLine);
            });
    connect(m_preview, &PreviewView::scrolled, this,
            [this](const PreviewBridge::Position &position) {
                Trace::scrolled(position);
                m_topLine = position.topLine;
                m_toc->setTopLine(position.topLine);
            });
    connect(m_toc, &TocPanel::headingActivated, m_preview, &PreviewView::scrollToHeading);
    connect(m_findBar, &FindBar::closed, m_preview, [this] { m_preview->setFocus(); });
    connect(m_help, &HelpOverlay::closed, m_preview, [this] { m_preview->setFocus(); });
    updateTitle();
}

MainWindow::~MainWindow() = default;

void MainWindow::setUpThemes()
{
    m_themes = new ThemeController(m_preview, this);
    auto *button = new QToolButton(this);
    button->setText(tr("Theme"));
    button->setToolTip(tr("Theme (Shift+T: next theme)"));
    button->setMenu(m_themes->menu());
    button->setPopupMode(QToolButton::InstantPopup);
    QToolBar *toolBar = addToolBar(tr("View"));
    toolBar->setObjectName(QStringLiteral("viewToolBar"));
    toolBar->setMovable(false);
    toolBar->addWidget(button);

    connect(m_themes, &ThemeController::failed, this, &MainWindow::say);
    const QString remembered = Settings::theme();
    m_themes->setTheme(remembered.isEmpty() ? ThemeRegistry::defaultName() : remembered, false);
}

void MainWindow::setUpActions()
{
    auto *toolBar = findChild<QToolBar *>(QStringLiteral("viewToolBar"));
    auto action = [this](const QString &text, const QString &tip, auto slot) {
        auto *a = new QAction(text, this);
        a->setToolTip(tip);
        connect(a, &QAction::triggered, this, slot);
        addAction(a);
        return a;
    };

    QAction *open = action(tr("Open"), tr("Open a file (o, Ctrl+O)"), &MainWindow::openWithDialog);
    open->setShortcut(QKeySequence::Open);
    m_recentMenu = new QMenu(tr("Recent Files"), this);
    connect(m_recentMenu, &QMenu::aboutToShow, this, &MainWindow::fillRecentMenu);
    open->setMenu(m_recentMenu);
    m_backAction = action(tr("Back"), tr("Back (b, Backspace, Alt+Left)"), &MainWindow::goBack);
    m_forwardAction = action(tr("Forward"), tr("Forward (Alt+Right)"), &MainWindow::goForward);
    QAction *contents = m_toc->toggleViewAction();
    contents->setText(tr("Contents"));
    contents->setToolTip(tr("Table of contents (c)"));
    m_keepOnTopAction = action(tr("On Top"), tr("Keep the window on top (t)"),
                               [this](bool on) { setKeepOnTop(on); });
    m_keepOnTopAction->setCheckable(true);
    m_followAction = action(tr("Follow Edits"), tr("Scroll to each change as it is saved (f)"),
                            [this](bool on) { setFollowEdits(on); });
    m_followAction->setCheckable(true);
    QAction *pdf =
        action(tr("Export PDF"), tr("Export as PDF (Ctrl+P)"), &MainWindow::exportPdfWithDialog);
    pdf->setShortcut(QKeySequence::Print);
    action(tr("Help"), tr("Keys (?)"), [this] { run({ViAction::Help, 1}); });

    toolBar->insertActions(toolBar->actions().value(0),
                           {open, m_backAction, m_forwardAction, contents});
    toolBar->addActions({m_keepOnTopAction, m_followAction, pdf});
    toolBar->addAction(actions().last());
    if (auto *openButton = qobject_cast<QToolButton *>(toolBar->widgetForAction(open)))
        openButton->setPopupMode(QToolButton::MenuButtonPopup);
    updateNavigationActions();
}

void MainWindow::restoreWindowState()
{
    const WindowState state = Settings::windowState();
    if (!state.geometry.isEmpty() && restoreGeometry(state.geometry)) {
        // A screen that is gone (a laptop off its dock) must not leave the window out of reach.
        if (!QGuiApplication::screenAt(frameGeometry().center())) {
            const QRect available = QGuiApplication::primaryScreen()->availableGeometry();
            move(available.center() - rect().center());
        }
    }
    if (!state.dockLayout.isEmpty())
        restoreState(state.dockLayout);
    setZoom(state.zoom);
    setFollowEdits(state.followEdits);
    if (state.keepOnTop)
        setKeepOnTop(true);
}

void MainWindow::saveWindowState() const
{
    WindowState state;
    state.geometry = saveGeometry();
    state.dockLayout = saveState();
    state.zoom = m_preview->zoomFactor();
    state.keepOnTop = keepsOnTop();
    state.followEdits = m_preview->followEdits();
    Settings::setWindowState(state);
}

bool MainWindow::openFile(const QString &path)
{
    return navigateTo(path, std::nullopt);
}

void MainWindow::openFile(const QString &path, const QByteArray &content)
{
    m_history.visit(QFileInfo(path).absoluteFilePath());
    m_pendingLine = Settings::readingPosition(QFileInfo(path).absoluteFilePath());
    m_session->openFile(path, content);
    Settings::addRecentFile(m_session->path());
    updateTitle();
    updateNavigationActions();
}

void MainWindow::openContent(const QByteArray &markdown, const QString &displayName)
{
    rememberReadingPosition();
    m_session->openContent(markdown, displayName);
    updateTitle();
}

void MainWindow::openSample()
{
    QFile sample(QStringLiteral(":/sample/sample.md"));
    sample.open(QIODevice::ReadOnly);
    openContent(sample.readAll(), tr("Welcome"));
}

QString MainWindow::problem() const
{
    return m_session->problem();
}

bool MainWindow::navigateTo(const QString &path, std::optional<int> line, const QString &fragment)
{
    QString absolute = QFileInfo(path).absoluteFilePath();
    if (QFileInfo(absolute).isDir()) {
        const QString readme = FolderReadme::of(absolute);
        if (readme.isEmpty()) {
            say(tr("Cannot open %1: no README in this folder").arg(absolute));
            return false;
        }
        absolute = readme;
    }
    rememberReadingPosition();
    if (!m_session->openFile(absolute)) {
        say(tr("Cannot open %1: %2").arg(absolute, m_session->problem()));
        updateTitle();
        return false;
    }
    m_history.visit(absolute);
    m_pendingLine = line ? line : std::optional<int>(Settings::readingPosition(absolute));
    m_pendingFragment = fragment;
    Settings::addRecentFile(absolute);
    updateTitle();
    updateNavigationActions();
    return true;
}

void MainWindow::rememberReadingPosition()
{
    if (m_session->path().isEmpty())
        return;
    m_history.setLine(m_topLine);
    Settings::setReadingPosition(m_session->path(), m_topLine);
}

void MainWindow::goBack()
{
    if (!m_history.canGoBack())
        return;
    rememberReadingPosition();
    showHistoryEntry(m_history.back());
}

void MainWindow::goForward()
{
    if (!m_history.canGoForward())
        return;
    rememberReadingPosition();
    showHistoryEntry(m_history.forward());
}

void MainWindow::showHistoryEntry(const NavigationHistory::Entry &entry)
{
    if (m_session->openFile(entry.path))
        m_pendingLine = entry.line;
    updateTitle();
    updateNavigationActions();
}

void MainWindow::updateNavigationActions()
{
    m_backAction->setEnabled(m_history.canGoBack());
    m_forwardAction->setEnabled(m_history.canGoForward());
}

void MainWindow::onRendered(const RenderResult &result, qint64 sourceBytes, bool newDocument)
{
    m_lastResult = result;
    m_toc->setHeadings(result.headings);
    if (newDocument) {
        const QString folder = m_session->path().isEmpty()
                                   ? QDir::currentPath()
                                   : QFileInfo(m_session->path()).absolutePath();
        m_preview->showDocument(result, QUrl::fromLocalFile(folder + QLatin1Char('/')),
                                sourceBytes);
    } else {
        m_preview->updateDocument(result, sourceBytes);
    }
    showWhereTheTextComesFrom();
    // The document's own mistake (its front matter) is said until a render without it.
    if (!result.diagnostic.isEmpty() || m_sayingDiagnostic)
        say(result.diagnostic);
    m_sayingDiagnostic = !result.diagnostic.isEmpty();
}

void MainWindow::showWhereTheTextComesFrom()
{
    if (m_session->path().isEmpty()) {
        m_changed->clear();
    } else if (m_session->renderedEditorText()) {
        // Live mode: what the reader sees is not what the file holds (yet).
        m_changed->setText(tr("Unsaved changes from the editor"));
    } else {
        m_changed->setText(tr("Changed %1")
                               .arg(QFileInfo(m_session->path())
                                        .lastModified()
                                        .toString(QStringLiteral("HH:mm:ss"))));
    }
    statusBar()->setVisible(!m_status->text().isEmpty() || !m_changed->text().isEmpty());
}

void MainWindow::onPainted(int topLine)
{
    m_topLine = topLine;
    m_toc->setTopLine(topLine);
    // A document opened to a place (history, a link with a fragment, a remembered position).
    if (!m_pendingFragment.isEmpty()) {
        m_preview->scrollToHeading(m_pendingFragment);
    } else if (m_pendingLine && *m_pendingLine > 0) {
        m_preview->scrollLineToTop(*m_pendingLine);
    }
    m_pendingFragment.clear();
    m_pendingLine.reset();
}

void MainWindow::onProblemChanged(const QString &problem)
{
    // The last good view stays; the problem is said where the reader looks next.
    say(problem.isEmpty() ? QString()
                          : tr("Cannot read %1: %2. Showing its last good version.")
                                .arg(m_session->path(), problem));
    updateTitle();
}

void MainWindow::say(const QString &message)
{
    m_status->setText(message);
    statusBar()->setVisible(!message.isEmpty() || !m_changed->text().isEmpty());
}

void MainWindow::onLinkActivated(const QUrl &url)
{
    switch (LinkPolicy::classify(url, m_session->path())) {
    case LinkPolicy::Action::ScrollInPage:
        m_preview->scrollToHeading(url.fragment());
        break;
    case LinkPolicy::Action::OpenDocument:
        navigateTo(url.toLocalFile(), url.hasFragment() ? std::optional<int>() : 0, url.fragment());
        break;
    case LinkPolicy::Action::OpenExternally:
    case LinkPolicy::Action::OpenWithSystem:
        if (!QDesktopServices::openUrl(url))
            say(tr("No application opens %1").arg(url.toDisplayString()));
        break;
    case LinkPolicy::Action::Refuse:
        say(tr("Not following the link %1").arg(url.toDisplayString()));
        break;
    }
}

void MainWindow::run(const ViCommand &command)
{
    const int n = command.count;
    if (const Scroll *scroll = scrollOf(command.action)) {
        m_preview->navigate(QString(scroll->kind),
                            scroll->counted ? scroll->step * n : scroll->step);
        return;
    }
    switch (command.action) {
    case ViAction::LineDown:
    case ViAction::LineUp:
    case ViAction::ColumnLeft:
    case ViAction::ColumnRight:
    case ViAction::HalfPageDown:
    case ViAction::HalfPageUp:
    case ViAction::PageDown:
    case ViAction::PageUp:
    case ViAction::Top:
    case ViAction::Bottom:
    case ViAction::NextHeading:
    case ViAction::PreviousHeading:
        break; // scrolled above, by kScrolls
    case ViAction::Find:
        m_findBar->open();
        break;
    case ViAction::FindNext:
    case ViAction::FindPrevious:
        for (int i = 0; i < n; ++i)
            m_findBar->findNext(command.action == ViAction::FindPrevious);
        break;
    case ViAction::Reload:
        m_session->reload();
        break;
    case ViAction::ToggleKeepOnTop:
        setKeepOnTop(!keepsOnTop());
        break;
    case ViAction::ToggleFollowEdits:
        setFollowEdits(!m_preview->followEdits());
        say(m_preview->followEdits() ? tr("Following edits") : tr("Not following edits"));
        break;
    case ViAction::ToggleContents:
        m_toc->setVisible(!m_toc->isVisible());
        break;
    case ViAction::OpenInEditor:
        openInEditor();
        break;
    case ViAction::OpenFile:
        openWithDialog();
        break;
    case ViAction::SaveHtml:
        saveHtmlWithDialog();
        break;
    case ViAction::Quit:
        close();
        break;
    case ViAction::Help:
        m_help->place(centralWidget()->geometry());
        m_help->toggle();
        break;
    case ViAction::Back:
        goBack();
        break;
    case ViAction::Forward:
        goForward();
        break;
    case ViAction::ZoomIn:
        setZoom(m_preview->zoomFactor() * std::pow(kZoomStep, n));
        break;
    case ViAction::ZoomOut:
        setZoom(m_preview->zoomFactor() / std::pow(kZoomStep, n));
        break;
    case ViAction::ZoomReset:
        setZoom(1.0);
        break;
    }
}

bool MainWindow::eventFilter(QObject *watched, QEvent *event)
{
    // The web view's focus proxy sees keys first: the vi keys are taken there.
    if (event->type() == QEvent::KeyPress) {
        auto *key = static_cast<QKeyEvent *>(event);
        const ViKeyMap::Outcome outcome =
            m_keys.feed(key->key(), int(key->modifiers()), key->text());
        if (outcome.command)
            run(*outcome.command);
        if (outcome.consumed)
            return true;
    } else if (event->type() == QEvent::Wheel) {
        auto *wheel = static_cast<QWheelEvent *>(event);
        if (wheel->modifiers() & Qt::ControlModifier) {
            run({wheel->angleDelta().y() > 0 ? ViAction::ZoomIn : ViAction::ZoomOut, 1});
            return true;
        }
    }
    return QMainWindow::eventFilter(watched, event);
}

void MainWindow::dragEnterEvent(QDragEnterEvent *event)
{
    const QList<QUrl> urls = event->mimeData()->urls();
    if (!urls.isEmpty() && urls.first().isLocalFile())
        event->acceptProposedAction();
}

void MainWindow::dropEvent(QDropEvent *event)
{
    const QList<QUrl> urls = event->mimeData()->urls();
    if (urls.isEmpty() || !urls.first().isLocalFile())
        return;
    event->acceptProposedAction();
    navigateTo(urls.first().toLocalFile(), std::nullopt);
}

void MainWindow::closeEvent(QCloseEvent *event)
{
    rememberReadingPosition();
    saveWindowState();
    QMainWindow::closeEvent(event);
}

void MainWindow::moveEvent(QMoveEvent *event)
{
    QMainWindow::moveEvent(event);
    if (isVisible())
        m_saveStateTimer->start();
}

void MainWindow::resizeEvent(QResizeEvent *event)
{
    QMainWindow::resizeEvent(event);
    if (isVisible())
        m_saveStateTimer->start();
    if (m_help->isVisible())
        m_help->place(centralWidget()->geometry());
}

bool MainWindow::keepsOnTop() const
{
    return windowFlags() & Qt::WindowStaysOnTopHint;
}

void MainWindow::setKeepOnTop(bool on)
{
    if (on != keepsOnTop()) {
        // Changing a window flag re-creates the native window: put it back where it was.
        const QByteArray geometry = saveGeometry();
        const bool visible = isVisible();
        setWindowFlag(Qt::WindowStaysOnTopHint, on);
        restoreGeometry(geometry);
        if (visible)
            show();
    }
    m_keepOnTopAction->setChecked(on);
    if (on && QGuiApplication::platformName().startsWith(QLatin1String("wayland"))) {
        say(tr("Most Wayland compositors ignore “keep on top”; start mdpreview with "
               "QT_QPA_PLATFORM=xcb to have it."));
    } else {
        say(on ? tr("Kept on top") : tr("Not kept on top"));
    }
    m_saveStateTimer->start();
}

void MainWindow::setFollowEdits(bool on)
{
    m_preview->setFollowEdits(on);
    m_followAction->setChecked(on);
    m_saveStateTimer->start();
}

void MainWindow::setZoom(double factor)
{
    m_preview->setZoomFactor(std::clamp(factor, kMinZoom, kMaxZoom));
    m_saveStateTimer->start();
}

void MainWindow::openWithDialog()
{
    const QString folder =
        m_session->path().isEmpty() ? QDir::currentPath() : QFileInfo(m_session->path()).path();
    const QString path = QFileDialog::getOpenFileName(
        this, tr("Open a Markdown File"), folder,
        tr("Markdown (*.md *.markdown *.mdown *.mkd *.txt);;All files (*)"));
    if (!path.isEmpty())
        navigateTo(path, std::nullopt);
}

void MainWindow::fillRecentMenu()
{
    m_recentMenu->clear();
    for (const QString &path : Settings::recentFiles()) {
        QAction *item = m_recentMenu->addAction(QFileInfo(path).fileName(), this,
                                                [this, path] { navigateTo(path, std::nullopt); });
        item->setToolTip(path);
        item->setEnabled(QFileInfo::exists(path));
    }
    if (m_recentMenu->isEmpty())
        m_recentMenu->addAction(tr("No recent files"))->setEnabled(false);
}

void MainWindow::saveHtml(const QString &path, bool embedImages)
{
    runExport(new HtmlExport(m_preview, path, m_session->displayName(), embedImages, this));
}

void MainWindow::exportPdf(const QString &path)
{
    runExport(new PdfExport(m_preview, path, this));
}

void MainWindow::runExport(PageExport *job)
{
    connect(job, &PageExport::finished, this,
            [this, job](const QString &error, const QStringList &) {
                say(error.isEmpty() ? tr("Saved %1").arg(job->path())
                                    : tr("Cannot save %1: %2").arg(job->path(), error));
                Q_EMIT exported(job->path(), error);
                job->deleteLater();
            });
    say(tr("Saving %1…").arg(job->path()));
    job->start();
}

QString MainWindow::suggestedExportPath(const QString &suffix) const
{
    const QString name = m_session->path().isEmpty()
                             ? QStringLiteral("document")
                             : QFileInfo(m_session->path()).completeBaseName();
    const QString folder =
        m_session->path().isEmpty() ? QDir::currentPath() : QFileInfo(m_session->path()).path();
    return folder + QLatin1Char('/') + name + suffix;
}

void MainWindow::saveHtmlWithDialog()
{
    // Qt's own dialog, for the check box (a desktop's native one has no room for it).
    QFileDialog dialog(this, tr("Save as HTML"), suggestedExportPath(QStringLiteral(".html")),
                       tr("HTML (*.html *.htm)"));
    dialog.setAcceptMode(QFileDialog::AcceptSave);
    dialog.setDefaultSuffix(QStringLiteral("html"));
    dialog.setOption(QFileDialog::DontUseNativeDialog);
    auto *embed = new QCheckBox(tr("Put the images in the file (it stands alone anywhere)"));
    embed->setObjectName(QStringLiteral("embedImages"));
    if (auto *grid = qobject_cast<QGridLayout *>(dialog.layout()))
        grid->addWidget(embed, grid->rowCount(), 0, 1, grid->columnCount());
    if (dialog.exec() != QDialog::Accepted || dialog.selectedFiles().isEmpty())
        return;
    saveHtml(dialog.selectedFiles().constFirst(), embed->isChecked());
}

void MainWindow::exportPdfWithDialog()
{
    const QString path = QFileDialog::getSaveFileName(
        this, tr("Export as PDF"), suggestedExportPath(QStringLiteral(".pdf")), tr("PDF (*.pdf)"));
    if (!path.isEmpty())
        exportPdf(path);
}

void MainWindow::openInEditor()
{
    if (m_session->path().isEmpty()) {
        say(tr("This document has no file to edit"));
        return;
    }
    const EditorCommand editor = EditorCommand::resolve(QProcessEnvironment::systemEnvironment(),
                                                        m_session->path(), m_topLine);
    if (!QProcess::startDetached(editor.program, editor.arguments)) {
        say(tr("Cannot start the editor “%1”: set MDPREVIEW_EDITOR, VISUAL or EDITOR")
                .arg(editor.program));
        return;
    }
    say(tr("Editing in %1").arg(QFileInfo(editor.program).fileName()));
}

void MainWindow::updateTitle()
{
    const QString name =
        m_session->displayName().isEmpty() ? tr("mdpreview") : m_session->displayName();
    setWindowTitle(m_session->problem().isEmpty() ? tr("%1 — mdpreview").arg(name)
                                                  : tr("%1 (unavailable) — mdpreview").arg(name));
}

} // namespace mdp
