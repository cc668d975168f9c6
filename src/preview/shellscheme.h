// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QUrl>
#include <QWebEngineUrlSchemeHandler>

class QWebEngineProfile;

namespace mdp {

// The shell page is served from a scheme of our own, mdpreview://app/, rather than qrc:, because
// only a scheme registered as allowed to may load the document's local images (file:).
class ShellScheme final : public QWebEngineUrlSchemeHandler
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ShellScheme)

public:
    static QByteArray name() { return QByteArrayLiteral("mdpreview"); }
    static QUrl shellUrl() { return QUrl(QStringLiteral("mdpreview://app/shell.html")); }

    // Must run before the application object is created.
    static void registerScheme();
    static void install(QWebEngineProfile *profile);

    // A library's file as the page gets it (mdpreview://app/web/…), for an export to inline;
    // empty for any other URL.
    static QByteArray resource(const QUrl &url);

    void requestStarted(QWebEngineUrlRequestJob *job) override;

private:
    explicit ShellScheme(QObject *parent)
        : QWebEngineUrlSchemeHandler(parent)
    {}
};

} // namespace mdp
