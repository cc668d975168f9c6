// SPDX-License-Identifier: GPL-3.0-or-later
#include "previewview.h"

#include "enginememory.h"
#include "enrichmentwait.h"
#include "previewpage.h"
#include "remoterequestblocker.h"
#include "shellscheme.h"

#include <QColor>
#include <QCoreApplication>
#include <QEvent>
#include <QJsonArray>
#include <QJsonDocument>
#include <QPointer>
#include <QTimer>
#include <QWebChannel>
#include <QWebEngineProfile>
#include <QWebEngineSettings>

#include <utility>

#ifdef __GLIBC__
#include <malloc.h>
#endif

namespace mdp {

namespace {

QWebEngineProfile *previewProfile()
{
    // An off-the-record profile: a previewer keeps no cookies, cache or history on disk.
    static QWebEngineProfile *profile = [] {
        auto *p = new QWebEngineProfile(QCoreApplication::instance());
        // The first profile started the engine, and with it the processes pages run in.
        EngineMemory::engineStarted();
        p->setHttpCacheType(QWebEngineProfile::MemoryHttpCache);
        p->setPersistentCookiesPolicy(QWebEngineProfile::NoPersistentCookies);
        ShellScheme::install(p);
        p->setUrlRequestInterceptor(new RemoteRequestBlocker(p));
        return p;
    }();
    return profile;
}

} // namespace

void PreviewView::setOffline(bool offline)
{
    RemoteRequestBlocker::setBlocking(offline);
}

bool PreviewView::isOffline()
{
    return RemoteRequestBlocker::isBlocking();
}

PreviewView::PreviewView(QWidget *parent)
    : QWebEngineView(parent)
    , m_page(new PreviewPage(previewProfile(), this))
    , m_channel(new QWebChannel(this))
    , m_trimTimer(new QTimer(this))
{
    QWebEngineSettings *settings = m_page->settings();
    settings->setAttribute(QWebEngineSettings::LocalContentCanAccessFileUrls, true);
    settings->setAttribute(QWebEngineSettings::LocalContentCanAccessRemoteUrls, true);
    settings->setAttribute(QWebEngineSettings::PluginsEnabled, false);
    settings->setAttribute(QWebEngineSettings::JavascriptCanOpenWindows, false);
    settings->setAttribute(QWebEngineSettings::JavascriptCanAccessClipboard, false);
    settings->setAttribute(QWebEngineSettings::NavigateOnDropEnabled, false);

    m_channel->registerObject(QStringLiteral("bridge"), &m_bridge);
    m_page->setWebChannel(m_channel);
    setPage(m_page);

    connect(&m_bridge, &PreviewBridge::pageReady, this, &PreviewView::onShellReady);
    connect(&m_bridge, &PreviewBridge::pagePainted, this, &PreviewView::onPainted);
    connect(&m_bridge, &PreviewBridge::pageScrolled, this, &PreviewView::scrolled);
    connect(&m_bridge, &PreviewBridge::pageScrolled, this, [this] {
        // A collection due waits until the reader stops scrolling (releaseFreedMemory).
        if (m_htmlSinceCollection >= kCollectAfterHtmlBytes && m_trimTimer->isActive())
            m_trimTimer->start();
    });
    connect(m_page, &PreviewPage::linkActivated, this, &PreviewView::linkActivated);
    connect(&m_bridge, &PreviewBridge::pageLineDoubleClicked, this,
            &PreviewView::lineDoubleClicked);
    m_trimTimer->setSingleShot(true);
    m_trimTimer->setInterval(kTrimDelayMs);
    connect(m_trimTimer, &QTimer::timeout, this, &PreviewView::releaseFreedMemory);

    setAcceptDrops(false);
    m_page->load(ShellScheme::shellUrl());
}

PreviewView::~PreviewView()
{
    m_closing = true;
    // The page must go before the profile it uses; the view would otherwise delete it later.
    setPage(nullptr);
    delete m_page;
}

void PreviewView::showDocument(const RenderResult &result, const QUrl &baseUrl, qint64 sourceBytes)
{
    if (!m_shellReady) {
        m_pending = PendingDocument{result, baseUrl, sourceBytes};
        return;
    }
    QJsonObject update = m_builder.replaceAll(result);
    update.insert(QStringLiteral("base"), baseUrl.toString(QUrl::FullyEncoded));
    send(std::move(update), sourceBytes);
    m_documentSent = true;
    // The page handles its messages in order: the line is measured in the laid-out document.
    if (m_pendingLine > 0)
        scrollToLine(std::exchange(m_pendingLine, 0));
}

void PreviewView::scrollToLine(int line)
{
    if (!m_shellReady || !m_documentSent) {
        m_pendingLine = line;
        return;
    }
    Q_EMIT m_bridge.lineRequested(line);
}

void PreviewView::updateDocument(const RenderResult &result, qint64 sourceBytes)
{
    if (!m_shellReady) {
        if (m_pending) {
            m_pending->result = result;
            m_pending->sourceBytes = sourceBytes;
        } else {
            m_pending = PendingDocument{result, QUrl(), sourceBytes};
        }
        return;
    }
    QJsonObject update = m_builder.update(result);
    if (m_followEdits)
        update.insert(QStringLiteral("follow"), true);
    send(std::move(update), sourceBytes);
}

void PreviewView::setTheme(const Theme &theme)
{
    m_theme = theme;
    // What shows before the page has painted, and past its edges.
    const QColor background = QColor::fromString(theme.background);
    page()->setBackgroundColor(background.isValid() ? background
                               : theme.dark         ? QColor(Qt::black)
                                                    : QColor(Qt::white));
    if (m_shellReady)
        requestTheme();
}

void PreviewView::requestTheme()
{
    const QString scheme = !m_theme->darknessKnown ? QString()
                           : m_theme->dark         ? QStringLiteral("dark")
                                                   : QStringLiteral("light");
    Q_EMIT m_bridge.themeRequested(m_theme->css, scheme);
}

void PreviewView::enrichEverything(std::function<void(const Readiness &)> done)
{
    new EnrichmentWait(this, std::move(done));
}

void PreviewView::evaluate(const QString &script, QObject *context,
                           std::function<void(const QVariant &)> callback)
{
    // The page answers from its own queue, possibly while it is deleted: neither this view nor
    // `context` may be gone or going by then.
    page()->runJavaScript(script, [this, guard = QPointer<QObject>(context),
                                   callback = std::move(callback)](const QVariant &result) {
        if (!m_closing && guard)
            callback(result);
    });
}

void PreviewView::printToPdf(QObject *context, std::function<void(const QByteArray &)> callback)
{
    page()->printToPdf([this, guard = QPointer<QObject>(context),
                        callback = std::move(callback)](const QByteArray &pdf) {
        if (!m_closing && guard)
            callback(pdf);
    });
}

void PreviewView::navigate(const QString &kind, double amount)
{
    page()->runJavaScript(
        QStringLiteral("window.mdpreview.navigate('%1', %2)").arg(kind).arg(amount));
}

void PreviewView::scrollToHeading(const QString &id)
{
    // The id goes into the script as a JSON string: it cannot end the literal.
    const QString quoted =
        QString::fromUtf8(QJsonDocument(QJsonArray{id}).toJson(QJsonDocument::Compact));
    page()->runJavaScript(QStringLiteral("window.mdpreview.scrollToHeading(%1[0])").arg(quoted));
}

void PreviewView::scrollLineToTop(int line)
{
    page()->runJavaScript(QStringLiteral("window.mdpreview.scrollToLine(%1)").arg(line));
}

void PreviewView::setKeyFilter(QObject *filter)
{
    m_keyFilter = filter;
    installKeyFilter();
}

void PreviewView::installKeyFilter()
{
    // The web engine creates its focus proxy (the widget keys go to) only once it renders.
    QWidget *proxy = focusProxy();
    if (!m_keyFilter || !proxy || proxy == m_filteredProxy)
        return;
    proxy->installEventFilter(m_keyFilter);
    // The page takes no drops (it would navigate away): a file dropped on the document reaches
    // the window instead, which opens it.
    proxy->setAcceptDrops(false);
    m_filteredProxy = proxy;
}

bool PreviewView::event(QEvent *event)
{
    if (event->type() == QEvent::ChildPolished || event->type() == QEvent::ChildAdded)
        installKeyFilter();
    return QWebEngineView::event(event);
}

void PreviewView::send(QJsonObject update, qint64 sourceBytes)
{
    const int seq = ++m_seq;
    update.insert(QStringLiteral("seq"), seq);
    m_bytesInFlight.insert(seq, sourceBytes);
    m_htmlSinceCollection += m_builder.htmlBytesSent();
    Q_EMIT m_bridge.updateRequested(update);
}

void PreviewView::onShellReady()
{
    m_shellReady = true;
    if (m_theme)
        requestTheme();
    if (m_pending) {
        const PendingDocument pending = std::move(*m_pending);
        m_pending.reset();
        showDocument(pending.result, pending.baseUrl, pending.sourceBytes);
    }
}

void PreviewView::releaseFreedMemory()
{
    // Every render of a long document allocates its blocks' HTML anew (on the render thread) and
    // the message to the page copies it again; what is freed stays in the allocator's arenas
    // unless it is handed back. Done once the updates have settled, never on the way to the
    // screen.
#ifdef __GLIBC__
    malloc_trim(0);
#endif
    // The page's script heap keeps the message it was sent (its JSON text, the strings parsed
    // from it, the HTML given to the parser) as garbage until a major collection, which V8's
    // own memory reducer starts only after 10 to 30 s of quiet: 20 to 30 MB for a 2 MB document.
    // The engine offers gc() to collect it now (EngineMemory; without it, as when the user set
    // --js-flags, nothing runs). A collection takes the page's main thread for a moment (about
    // 90 ms with the 150,000 nodes of a 2 MB document, mostly tracing the DOM): only after much
    // HTML (small updates leave little, and are left to V8), and not while the reader scrolls
    // (the timer waits for that to stop).
    if (m_htmlSinceCollection < kCollectAfterHtmlBytes)
        return;
    m_htmlSinceCollection = 0;
    page()->runJavaScript(QStringLiteral("typeof gc === 'function' && gc()"));
}

void PreviewView::onPainted(int seq, const PreviewBridge::Position &position)
{
    m_trimTimer->start();
    Q_EMIT painted(seq, m_bytesInFlight.take(seq), position);
}

} // namespace mdp
