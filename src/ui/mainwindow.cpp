// SPDX-License-Identifier: GPL-3.0-or-later
#include "mainwindow.h"

#include "core/documentsession.h"
#include "core/theme.h"
#include "preview/previewview.h"
#include "preview/trace.h"
#include "settings.h"
#include "themecontroller.h"

#include <QDesktopServices>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QLabel>
#include <QStatusBar>
#include <QToolBar>
#include <QToolButton>

namespace mdp {

MainWindow::MainWindow(QWidget *parent)
    : QMainWindow(parent)
    , m_session(new DocumentSession(this))
    , m_preview(new PreviewView(this))
    , m_status(new QLabel(this))
{
    setCentralWidget(m_preview);
    statusBar()->addWidget(m_status, 1);
    statusBar()->hide();
    resize(1000, 900);

    setUpThemes();

    connect(m_session, &DocumentSession::rendered, this, &MainWindow::onRendered);
    connect(m_session, &DocumentSession::problemChanged, this, &MainWindow::onProblemChanged);
    connect(m_preview, &PreviewView::linkActivated, this, &MainWindow::onLinkActivated);
    connect(m_preview, &PreviewView::painted, this,
            [this](int seq, qint64 bytes, const PreviewBridge::Position &position) {
                if (!m_readyReported) {
                    m_readyReported = true;
                    Trace::ready();
                    Q_EMIT ready();
                }
                Trace::painted(seq, bytes, position);
            });
    connect(m_preview, &PreviewView::scrolled, this, &Trace::scrolled);
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

    connect(m_themes, &ThemeController::failed, this, [this](const QString &error) {
        m_status->setText(error);
        statusBar()->show();
    });
    const QString remembered = Settings::theme();
    m_themes->setTheme(remembered.isEmpty() ? ThemeRegistry::defaultName() : remembered, false);
}

bool MainWindow::openFile(const QString &path)
{
    const bool ok = m_session->openFile(path);
    updateTitle();
    return ok;
}

void MainWindow::openFile(const QString &path, const QByteArray &content)
{
    m_session->openFile(path, content);
    updateTitle();
}

void MainWindow::openContent(const QByteArray &markdown, const QString &displayName)
{
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

void MainWindow::onRendered(const RenderResult &result, qint64 sourceBytes, bool newDocument)
{
    if (newDocument) {
        const QString folder = m_session->path().isEmpty()
                                   ? QDir::currentPath()
                                   : QFileInfo(m_session->path()).absolutePath();
        m_preview->showDocument(result, QUrl::fromLocalFile(folder + QLatin1Char('/')),
                                sourceBytes);
    } else {
        m_preview->updateDocument(result, sourceBytes);
    }
}

void MainWindow::onProblemChanged(const QString &problem)
{
    // The last good view stays; the problem is said where the reader looks next.
    m_status->setText(problem.isEmpty() ? QString()
                                        : tr("Cannot read %1: %2. Showing its last good version.")
                                              .arg(m_session->path(), problem));
    statusBar()->setVisible(!problem.isEmpty());
    updateTitle();
}

void MainWindow::onLinkActivated(const QUrl &url)
{
    const QString scheme = url.scheme();
    if (scheme == QLatin1String("http") || scheme == QLatin1String("https") ||
        scheme == QLatin1String("mailto") || url.isLocalFile()) {
        QDesktopServices::openUrl(url);
    }
}

void MainWindow::updateTitle()
{
    const QString name =
        m_session->displayName().isEmpty() ? tr("mdpreview") : m_session->displayName();
    setWindowTitle(tr("%1 — mdpreview").arg(name));
}

} // namespace mdp
