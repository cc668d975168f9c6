// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/desktop/navigationhistory.h"
#include "core/markdown/renderresult.h"
#include "vikeymap.h"

#include <QMainWindow>
#include <QTimer>
#include <QUrl>

#include <optional>

class QAction;
class QLabel;
class QMenu;

namespace mdp {

class PageExport;

class DocumentSession;
class FindBar;
class HelpOverlay;
class PreviewView;
class ThemeController;
class TocPanel;

class MainWindow final : public QMainWindow
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(MainWindow)

public:
    explicit MainWindow(QWidget *parent = nullptr);
    ~MainWindow() override;

    // Returns false, with the reason in the window and in problem(), when it cannot be read.
    bool openFile(const QString &path);
    // A file whose content the caller has just read.
    void openFile(const QString &path, const QByteArray &content);
    void openContent(const QByteArray &markdown, const QString &displayName);
    void openSample();

    QString problem() const;
    PreviewView *preview() const { return m_preview; }
    DocumentSession *session() const { return m_session; }
    ThemeController *themes() const { return m_themes; }
    TocPanel *contents() const { return m_toc; }
    FindBar *findBar() const { return m_findBar; }
    HelpOverlay *helpOverlay() const { return m_help; }

    // What a key asks for (vi keys), also reachable from the toolbar.
    void run(const ViCommand &command);
    void setKeepOnTop(bool on);
    bool keepsOnTop() const;
    void setFollowEdits(bool on);
    void setZoom(double factor);
    // Saves the page as the reader sees it as one standalone HTML file (see HtmlExport), with
    // local images inside it when `embedImages`; exportPdf() prints it. Both first draw what is
    // not drawn yet, say in the status bar how it went, and report with exported().
    void saveHtml(const QString &path, bool embedImages = false);
    void exportPdf(const QString &path);

Q_SIGNALS:
    // The first document is on screen.
    void ready();
    // The reader double-clicked the preview where it shows source line `line`.
    void lineDoubleClicked(int line);
    // A saveHtml() or exportPdf() ended; `error` is empty when `path` was written.
    void exported(const QString &path, const QString &error);

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;
    void closeEvent(QCloseEvent *event) override;
    void resizeEvent(QResizeEvent *event) override;
    void moveEvent(QMoveEvent *event) override;
    void dragEnterEvent(QDragEnterEvent *event) override;
    void dropEvent(QDropEvent *event) override;

private:
    void setUpThemes();
    void setUpActions();
    void restoreWindowState();
    void saveWindowState() const;
    void onRendered(const RenderResult &result, qint64 sourceBytes, bool newDocument);
    void onPainted(int topLine);
    void showWhereTheTextComesFrom();
    void onProblemChanged(const QString &problem);
    void onLinkActivated(const QUrl &url);
    // Shows a file in this window: the reader's place in the one shown before is remembered.
    bool navigateTo(const QString &path, std::optional<int> line, const QString &fragment = {});
    void goBack();
    void goForward();
    void showHistoryEntry(const NavigationHistory::Entry &entry);
    void openWithDialog();
    void saveHtmlWithDialog();
    void exportPdfWithDialog();
    void runExport(PageExport *job);
    QString suggestedExportPath(const QString &suffix) const;
    void openInEditor();
    void rememberReadingPosition();
    void fillRecentMenu();
    void say(const QString &message);
    void updateTitle();
    void updateNavigationActions();

    DocumentSession *m_session = nullptr;
    PreviewView *m_preview = nullptr;
    FindBar *m_findBar = nullptr;
    TocPanel *m_toc = nullptr;
    HelpOverlay *m_help = nullptr;
    QLabel *m_status = nullptr;
    QLabel *m_changed = nullptr;
    ThemeController *m_themes = nullptr;
    QAction *m_backAction = nullptr;
    QAction *m_forwardAction = nullptr;
    QAction *m_keepOnTopAction = nullptr;
    QAction *m_followAction = nullptr;
    QMenu *m_recentMenu = nullptr;
    // The window's state is saved a moment after it changes (a drag resizes many times) and on
    // quit; not while it is being restored.
    QTimer *m_saveStateTimer = nullptr;
    ViKeyMap m_keys;
    NavigationHistory m_history;
    RenderResult m_lastResult;
    int m_topLine = 0;
    // Where to go once a newly opened document is painted: a line, or a heading's id.
    std::optional<int> m_pendingLine;
    QString m_pendingFragment;
    bool m_readyReported = false;
    // The status bar says the document's own mistake (its front matter) until it is gone.
    bool m_sayingDiagnostic = false;
};

} // namespace mdp
