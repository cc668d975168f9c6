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

namespace {

bool isRasterDataImage(QByteArrayView url)
{
    QByteArray compact;
    for (char c : url) {
        if (c != '\t' && c != '\n' && c != '\r' && c != ' ')
            compact += char(c >= 'A' && c <= 'Z' ? c | 0x20 : c);
        if (compact.size() > 24)
            break;
    }
    for (const char *type : {"data:image/png", "data:image/gif", "data:image/jpeg",
                             "data:image/jpg", "data:image/webp"}) {
        const QByteArrayView prefix(type);
        if (compact.startsWith(prefix) && compact.size() > prefix.size() &&
            (compact[prefix.size()] == ';' || compact[prefix.size()] == ','))
            return true;
    }
    return false;
}

} // namespace

bool isAllowedUrl(QByteArrayView url, UrlUse use)
{
    const QByteArray scheme = urlScheme(url);
    if (scheme.isEmpty())
        return true;
    if (scheme == "javascript" || scheme == "vbscript" || scheme == "file")
        return false;
    if (scheme == "data")
        return use == UrlUse::Image && isRasterDataImage(url);
    return true;
}

} // namespace mdp
