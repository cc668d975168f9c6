// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArrayView>

namespace mdp {

// What raw HTML in a document may contain: GitHub's sanitization allowlist (the elements,
// attributes and URL schemes of its html-pipeline filter, with <picture>/<source>), plus the
// markup mdpreview's renderer itself emits (classes, data-sourcepos, footnotes, the octicons).
// Kept as data, in one place; HtmlSanitizer applies it.
namespace HtmlAllowlist {

enum class ElementRule
{
    Drop,        // the element goes, its content stays
    DropContent, // the element goes with everything in it
    Keep,
};

// Who wrote an element: the document's raw HTML gets GitHub's allowlist, nothing more; the
// renderer's own markup may also carry its classes, source lines, footnote attributes, octicons
// and the link around an image.
enum class Origin
{
    Document,
    Renderer,
};

// Names are lower case.
ElementRule htmlElement(QByteArrayView name);
ElementRule svgElement(QByteArrayView name, Origin origin);

enum class AttributeRule
{
    Drop,
    Keep,
    Url,      // kept when its URL is allowed for the element (urlAllowed)
    UrlList,  // srcset: every candidate URL must be allowed
    Classes,  // only the class names the renderer emits are kept, on its own markup
    Prefixed, // id and name: "user-content-" in front, as GitHub does
};

AttributeRule htmlAttribute(QByteArrayView element, QByteArrayView attribute, Origin origin);
AttributeRule svgAttribute(QByteArrayView element, QByteArrayView attribute);

bool classAllowed(QByteArrayView name);

// Whether a URL in an attribute (href, src, cite, longdesc, srcset) may stay: the URL policy.
bool urlAllowed(QByteArrayView element, QByteArrayView attribute, QByteArrayView url);

} // namespace HtmlAllowlist

} // namespace mdp
