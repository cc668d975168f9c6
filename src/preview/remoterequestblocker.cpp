// SPDX-License-Identifier: GPL-3.0-or-later
#include "remoterequestblocker.h"

#include "previewlogging.h"

#include <QUrl>

#include <atomic>

namespace mdp {

namespace {
std::atomic<bool> g_blocking = false;
} // namespace

void RemoteRequestBlocker::setBlocking(bool blocking)
{
    g_blocking = blocking;
}

bool RemoteRequestBlocker::isBlocking()
{
    return g_blocking;
}

bool RemoteRequestBlocker::isRemote(const QUrl &url)
{
    // Everything but our own scheme, local files and inline data reaches a network.
    const QString scheme = url.scheme();
    return scheme != QLatin1String("mdpreview") && scheme != QLatin1String("file") &&
           scheme != QLatin1String("data") && scheme != QLatin1String("blob") &&
           scheme != QLatin1String("qrc") && scheme != QLatin1String("about");
}

void RemoteRequestBlocker::interceptRequest(QWebEngineUrlRequestInfo &info)
{
    if (!g_blocking || !isRemote(info.requestUrl()))
        return;
    qCInfo(lcPreview) << "offline: blocked" << info.requestUrl();
    info.block(true);
}

} // namespace mdp
