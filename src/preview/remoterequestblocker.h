// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QWebEngineUrlRequestInterceptor>

namespace mdp {

// --offline: the preview's profile asks this about every request, and while blocking is on,
// nothing goes to the network. The shell (mdpreview:) and the document's own files (file:) stay.
class RemoteRequestBlocker final : public QWebEngineUrlRequestInterceptor
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(RemoteRequestBlocker)

public:
    explicit RemoteRequestBlocker(QObject *parent = nullptr)
        : QWebEngineUrlRequestInterceptor(parent)
    {}

    static void setBlocking(bool blocking);
    static bool isBlocking();
    static bool isRemote(const QUrl &url);

    void interceptRequest(QWebEngineUrlRequestInfo &info) override;
};

} // namespace mdp
