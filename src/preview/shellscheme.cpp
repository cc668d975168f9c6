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
        QFile resource(QString::fromLatin1(file.resource));
        if (!resource.open(QIODevice::ReadOnly))
            break;
        auto *buffer = new QBuffer(job);
        buffer->setData(resource.readAll());
        job->reply(QByteArray(file.mimeType), buffer);
        return;
    }
    job->fail(QWebEngineUrlRequestJob::UrlNotFound);
}

} // namespace mdp
