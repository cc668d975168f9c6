// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArray>
#include <QByteArrayView>

namespace mdp {

// The one URL policy for everything a document links or shows: Markdown links, autolinks and
// images, and the URLs of its raw HTML. GitHub's allowlist (the schemes of its html-pipeline
// sanitization filter): a relative URL always; a link to http, https, mailto, xmpp, irc or ircs;
// an image or a citation from http or https only (no data:, as GitHub drops those images).
// Browsers ignore tabs, newlines and leading control characters in a scheme; so does this check.
enum class UrlUse
{
    Link,     // <a href>, Markdown links and autolinks
    Image,    // <img src>, <source srcset>, <img longdesc>, Markdown images
    Citation, // cite on <blockquote>, <del>, <ins>, <q>
};
bool isAllowedUrl(QByteArrayView url, UrlUse use);

// What GitHub puts in an image's src, as its image filter does: nothing (the attribute goes)
// when the URL is not allowed, "" when it holds only a query or a fragment or names a user.
struct ImageSource
{
    bool present = false;
    QByteArray url;
};
ImageSource imageSource(QByteArrayView url);

// GitHub's link around an image that is in no link: a click opens the image.
QByteArray imageLinkStart(QByteArrayView escapedHref);

// The scheme as a browser reads it: lower case, without the characters it skips; empty when
// the URL is relative.
QByteArray urlScheme(QByteArrayView url);

} // namespace mdp
