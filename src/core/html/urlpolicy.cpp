// SPDX-License-Identifier: GPL-3.0-or-later
#include "urlpolicy.h"

#include <QByteArray>

namespace mdp {

QByteArray urlScheme(QByteArrayView url)
{
    qsizetype i = 0;
    while (i < url.size() && uchar(url[i]) <= 0x20)
        ++i;
    QByteArray scheme;
    for (; i < url.size(); ++i) {
        const char c = url[i];
        if (c == '\t' || c == '\n' || c == '\r')
            continue;
        if (c == ':')
            return scheme;
        const bool letter = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
        const bool other = (c >= '0' && c <= '9') || c == '+' || c == '-' || c == '.';
        if (!letter && !(other && !scheme.isEmpty()))
            return {};
        scheme += char(c | 0x20);
    }
    return {};
}

bool isAllowedUrl(QByteArrayView url, UrlUse use)
{
    const QByteArray scheme = urlScheme(url);
    if (scheme.isEmpty())
        return true;
    if (scheme == "http" || scheme == "https")
        return true;
    return use == UrlUse::Link &&
           (scheme == "mailto" || scheme == "xmpp" || scheme == "irc" || scheme == "ircs");
}

ImageSource imageSource(QByteArrayView url)
{
    if (!isAllowedUrl(url, UrlUse::Image))
        return {};
    const QByteArrayView trimmed = url.trimmed();
    if (trimmed.isEmpty() || trimmed.startsWith('?') || trimmed.startsWith('#'))
        return {true, {}};
    // "https://user@host/": the part before the host names a user.
    if (!urlScheme(url).isEmpty()) {
        const qsizetype authority = trimmed.indexOf("//");
        if (authority >= 0) {
            qsizetype end = authority + 2;
            while (end < trimmed.size() && trimmed[end] != '/' && trimmed[end] != '?' &&
                   trimmed[end] != '#')
                ++end;
            if (trimmed.sliced(authority + 2, end - authority - 2).contains('@'))
                return {true, {}};
        }
    }
    return {true, url.toByteArray()};
}

QByteArray imageLinkStart(QByteArrayView escapedHref)
{
    QByteArray html("<a target=\"_blank\" rel=\"noopener noreferrer\" href=\"");
    html += escapedHref;
    html += "\">";
    return html;
}

} // namespace mdp
