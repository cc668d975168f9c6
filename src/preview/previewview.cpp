// SPDX-License-Identifier: GPL-3.0-or-later
#include "previewview.h"

#include "previewpage.h"
#include "remoterequestblocker.h"
#include "shellscheme.h"

#include <QColor>
#include <QCoreApplication>
#include <QWebChannel>
#include <QWebEngineProfile>
#include <QWebEngineSettings>

namespace mdp {

namespace {

QWebEngineProfile *previewProfile()
{
    // An off-the-record profile: a previewer keeps no cookies, cache or history on disk.
    static QWebEngineProfile *profile = [] {
        auto *p = new QWebEngineProfile(QCoreApplication::instance());
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
    connect(m_page, &PreviewPage::linkActivated, this, &PreviewView::linkActivated);

    m_page->load(ShellScheme::shellUrl());
}

PreviewView::~PreviewView()
{
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

void PreviewView::send(QJsonObject update, qint64 sourceBytes)
{
    const int seq = ++m_seq;
    update.insert(QStringLiteral("seq"), seq);
    m_bytesInFlight.insert(seq, sourceBytes);
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

void PreviewView::onPainted(int seq, const PreviewBridge::Position &position)
{
    Q_EMIT painted(seq, m_bytesInFlight.take(seq), position);
}

} // namespace mdp
