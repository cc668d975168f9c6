// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArray>
#include <QByteArrayView>

namespace mdp {

// Whether a link or image URL from the document may stay. Refused: URLs that run script
// (javascript:, vbscript:), local files named outright (file:) and data: URLs, except the raster
// images GitHub shows inline (data:image/png, gif, jpeg, webp) where an image is asked for.
// Browsers ignore tabs, newlines and leading control characters in a scheme; so does this check.
enum class UrlUse
{
    Link,
    Image
};
bool isAllowedUrl(QByteArrayView url, UrlUse use);

// The scheme as a browser reads it: lower case, without the characters it skips; empty when
// the URL is relative.
QByteArray urlScheme(QByteArrayView url);

} // namespace mdp
