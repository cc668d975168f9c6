// SPDX-License-Identifier: GPL-3.0-or-later
#include "shellscheme.h"

#include <QBuffer>
#include <QFile>
#include <QWebEngineProfile>
#include <QWebEngineUrlRequestJob>
#include <QWebEngineUrlScheme>

namespace mdp {

namespace {

struct ShellFile
{
    const char *path; // in mdpreview://app/
    const char *resource;
    const char *mimeType;
};

constexpr ShellFile kShellFiles[] = {
    {"/shell.html", ":/shell/shell.html", "text/html"},
    {"/shell.js", ":/shell/shell.js", "application/javascript"},
    {"/shell.css", ":/shell/shell.css", "text/css"},
    {"/qwebchannel.js", ":/qtwebchannel/qwebchannel.js", "application/javascript"},
};

// Libraries from npm, embedded at build time under :/web/ (cmake/WebAssets.cmake), are served
// from mdpreview://app/web/<package>/<file>; the shell loads each only when a document needs it.
QByteArray webMimeType(const QString &path)
{
    struct Type
    {
        const char *suffix;
        const char *mimeType;
    };
    static constexpr Type kTypes[] = {
        {".js", "application/javascript"},
        {".css", "text/css"},
        {".woff2", "font/woff2"},
        {".woff", "font/woff"},
        {".ttf", "font/ttf"},
    };
    for (const Type &type : kTypes) {
        if (path.endsWith(QLatin1String(type.suffix)))
            return QByteArray(type.mimeType);
    }
    return {};
}

bool replyWithResource(QWebEngineUrlRequestJob *job, const QString &resourcePath,
                       const QByteArray &mimeType)
{
    QFile resource(resourcePath);
    if (!resource.open(QIODevice::ReadOnly))
        return false;
    auto *buffer = new QBuffer(job);
    buffer->setData(resource.readAll());
    job->reply(mimeType, buffer);
    return true;
}

// The resource holding a library's file, or nothing. The URL's path is normalised already; ".."
// is refused all the same, so that nothing outside :/web/ is ever served from this route.
QString webResource(const QString &path)
{
    static const QLatin1String webPrefix("/web/");
    if (!path.startsWith(webPrefix) || webMimeType(path).isEmpty() ||
        path.contains(QLatin1String("..")))
        return {};
    return QLatin1Char(':') + path;
}

} // namespace

QByteArray ShellScheme::resource(const QUrl &url)
{
    if (url.scheme() != QLatin1String(name()) || url.host() != QLatin1String("app"))
        return {};
    const QString resourcePath = webResource(url.path());
    QFile file(resourcePath);
    if (resourcePath.isEmpty() || !file.open(QIODevice::ReadOnly))
        return {};
    return file.readAll();
}

void ShellScheme::registerScheme()
{
    QWebEngineUrlScheme scheme(name());
    scheme.setSyntax(QWebEngineUrlScheme::Syntax::Host);
    // Local: no web page can reach it. LocalAccessAllowed: it may load file: images.
    scheme.setFlags(QWebEngineUrlScheme::SecureScheme | QWebEngineUrlScheme::LocalScheme |
                    QWebEngineUrlScheme::LocalAccessAllowed);
    QWebEngineUrlScheme::registerScheme(scheme);
}

void ShellScheme::install(QWebEngineProfile *profile)
{
    if (!profile->urlSchemeHandler(name()))
        profile->installUrlSchemeHandler(name(), new ShellScheme(profile));
}

void ShellScheme::requestStarted(QWebEngineUrlRequestJob *job)
{
    const QString path = job->requestUrl().path();
    for (const ShellFile &file : kShellFiles) {
        if (path != QLatin1String(file.path))
            continue;
        if (replyWithResource(job, QString::fromLatin1(file.resource), QByteArray(file.mimeType)))
            return;
        break;
    }
    const QString resourcePath = webResource(path);
    if (!resourcePath.isEmpty() && replyWithResource(job, resourcePath, webMimeType(path)))
        return;
    job->fail(QWebEngineUrlRequestJob::UrlNotFound);
}

} // namespace mdp
