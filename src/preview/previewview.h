// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/desktop/theme.h"
#include "core/live/pageupdatebuilder.h"
#include "core/markdown/renderresult.h"
#include "previewbridge.h"

#include <QHash>
#include <QUrl>
#include <QWebEngineView>

#include <functional>
#include <optional>

class QTimer;
class QWebChannel;

namespace mdp {

class PreviewPage;

// The web view showing one document. It loads the shell page once and from then on only sends
// it what changed.
class PreviewView final : public QWebEngineView
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(PreviewView)

public:
    explicit PreviewView(QWidget *parent = nullptr);
    ~PreviewView() override;

    // A different document: the page shows it from the top. `baseUrl` is what relative links
    // and images resolve against (the document's folder, with a trailing slash).
    void showDocument(const RenderResult &result, const QUrl &baseUrl, qint64 sourceBytes);
    // The same document, changed: an in-place edit that keeps the reader's place.
    void updateDocument(const RenderResult &result, qint64 sourceBytes);

    // Puts a source line in the top third of the view and makes it the reader's place (an
    // editor's cursor). Asked before the document is on the page, it waits for the document.
    void scrollToLine(int line);

    // Applies in place: no reload, and the reader's line stays where it was.
    void setTheme(const Theme &theme);
    // Block every remote (http, https, ws, wss, ftp) request of every preview, as --offline asks.
    static void setOffline(bool offline);
    static bool isOffline();

    // Scroll each update's first change into view and mark it briefly.
    void setFollowEdits(bool follow) { m_followEdits = follow; }
    bool followEdits() const { return m_followEdits; }
    const std::optional<Theme> &theme() const { return m_theme; }

    // What is left to draw when an export may begin.
    struct Readiness
    {
        bool answered = false;   // the page answered at all
        bool complete = false;   // everything drawn, every image loaded or failed, fonts loaded
        int enrichmentsLeft = 0; // code, math and diagrams still waiting or drawing
        int imagesLeft = 0;
    };
    // Highlights, typesets and draws the whole document, not only what is near the view, waits
    // for its images and fonts, and then calls `done` from the event loop (never once the view is
    // gone): for print and export. After a minute it calls `done` with what is left.
    void enrichEverything(std::function<void(const Readiness &)> done);

    // Runs `script` in the page and hands its result to `callback` while `context` and this view
    // live: an answer that comes while the page is being torn down is dropped.
    void evaluate(const QString &script, QObject *context,
                  std::function<void(const QVariant &)> callback);
    // The page as a PDF, in memory, on the same terms.
    void printToPdf(QObject *context, std::function<void(const QByteArray &)> callback);

    // Moves the view as the reader's keys ask: `kind` is line, column, page (amount in pages),
    // top, bottom or heading (amount in headings, negative upwards).
    void navigate(const QString &kind, double amount = 1);
    void scrollToHeading(const QString &id);
    // Puts the block holding source line `line` at the top of the view: the reader back where
    // they were (history, a remembered position).
    void scrollLineToTop(int line);
    // Key presses reach the page's focus proxy first: `filter` sees them there.
    void setKeyFilter(QObject *filter);

    bool isShellReady() const { return m_shellReady; }
    PreviewPage *previewPage() const { return m_page; }

Q_SIGNALS:
    // The update numbered `seq` is on screen.
    void painted(int seq, qint64 sourceBytes, const mdp::PreviewBridge::Position &position);
    void scrolled(const mdp::PreviewBridge::Position &position);
    void linkActivated(const QUrl &url);
    // The reader double-clicked what source line `line` shows.
    void lineDoubleClicked(int line);

protected:
    bool event(QEvent *event) override;

private:
    void installKeyFilter();
    void send(QJsonObject update, qint64 sourceBytes);
    void requestTheme();
    void onShellReady();
    void onPainted(int seq, const PreviewBridge::Position &position);
    void releaseFreedMemory();

    static constexpr int kTrimDelayMs = 1500;
    // Block HTML sent since the page last collected its garbage, above which it collects it once
    // the updates have settled.
    static constexpr qint64 kCollectAfterHtmlBytes = 1024 * 1024;

    PreviewPage *m_page = nullptr;
    bool m_closing = false; // in the destructor: the page's last answers go nowhere
    QWebChannel *m_channel = nullptr;
    QTimer *m_trimTimer = nullptr; // gives freed memory back once updates have settled
    PreviewBridge m_bridge;
    PageUpdateBuilder m_builder;
    bool m_shellReady = false;
    bool m_followEdits = false;
    QObject *m_keyFilter = nullptr;
    QWidget *m_filteredProxy = nullptr;
    int m_seq = 0;
    QHash<int, qint64> m_bytesInFlight; // by seq, until painted
    qint64 m_htmlSinceCollection = 0;
    bool m_documentSent = false;
    int m_pendingLine = 0; // asked for before there was a document to scroll
    std::optional<Theme> m_theme;
    // Until the shell page is ready, only the newest document is kept; it is sent whole then.
    struct PendingDocument
    {
        RenderResult result;
        QUrl baseUrl;
        qint64 sourceBytes = 0;
    };
    std::optional<PendingDocument> m_pending;
};

} // namespace mdp
