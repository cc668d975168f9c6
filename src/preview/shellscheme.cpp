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

} // namespace

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
    // The URL's path is normalised already; ".." is refused all the same, so that nothing
    // outside :/web/ is ever served from this route.
    static const QLatin1String webPrefix("/web/");
    const QByteArray mimeType = webMimeType(path);
    if (path.startsWith(webPrefix) && !mimeType.isEmpty() && !path.contains(QLatin1String("..")) &&
        replyWithResource(job, QLatin1Char(':') + path, mimeType))
        return;
    job->fail(QWebEngineUrlRequestJob::UrlNotFound);
}

} // namespace mdp
