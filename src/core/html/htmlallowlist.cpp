// SPDX-License-Identifier: GPL-3.0-or-later
#include "htmlallowlist.h"

#include "core/html/urlpolicy.h"

#include <QByteArray>

#include <algorithm>
#include <array>
#include <string_view>

namespace mdp::HtmlAllowlist {

namespace {

using namespace std::string_view_literals;

template <size_t N>
bool contains(const std::array<std::string_view, N> &sorted, QByteArrayView name)
{
    return std::binary_search(sorted.begin(), sorted.end(),
                              std::string_view(name.data(), size_t(name.size())));
}

// GitHub's elements (h7 and h8 included, as it lists them; <cite> not: GitHub drops it and keeps
// its text, as its output for grip's GFM test file shows), <picture> and <source> for images
// that follow the colour scheme, and the elements our renderer emits (section for footnotes,
// input for task list boxes).
constexpr auto kElements = std::to_array<std::string_view>({
    "a"sv,      "abbr"sv,    "b"sv,          "bdo"sv,     "blockquote"sv, "br"sv,    "caption"sv,
    "code"sv,   "dd"sv,      "del"sv,        "details"sv, "dfn"sv,        "div"sv,   "dl"sv,
    "dt"sv,     "em"sv,      "figcaption"sv, "figure"sv,  "h1"sv,         "h2"sv,    "h3"sv,
    "h4"sv,     "h5"sv,      "h6"sv,         "h7"sv,      "h8"sv,         "hr"sv,    "i"sv,
    "img"sv,    "input"sv,   "ins"sv,        "kbd"sv,     "li"sv,         "mark"sv,  "ol"sv,
    "p"sv,      "picture"sv, "pre"sv,        "q"sv,       "rp"sv,         "rt"sv,    "ruby"sv,
    "s"sv,      "samp"sv,    "section"sv,    "small"sv,   "source"sv,     "span"sv,  "strike"sv,
    "strong"sv, "sub"sv,     "summary"sv,    "sup"sv,     "table"sv,      "tbody"sv, "td"sv,
    "tfoot"sv,  "th"sv,      "thead"sv,      "time"sv,    "tr"sv,         "tt"sv,    "ul"sv,
    "var"sv,    "wbr"sv,
});

// Elements whose content is code, style, or another document: nothing of them is shown.
constexpr auto kDropWithContent = std::to_array<std::string_view>({
    "applet"sv,   "audio"sv, "base"sv,   "embed"sv,  "frame"sv,   "frameset"sv, "head"sv,
    "iframe"sv,   "link"sv,  "math"sv,   "meta"sv,   "noembed"sv, "noframes"sv, "noscript"sv,
    "object"sv,   "param"sv, "script"sv, "select"sv, "style"sv,   "svg"sv,      "template"sv,
    "textarea"sv, "title"sv, "video"sv,  "xmp"sv,
});

// GitHub's attributes allowed on every element: those its sanitizer keeps on an element given
// every attribute there is (rehype-github, packages/sanitize-schema/test/fixtures/tag-name-a:
// GitHub's output; rel, target and vspace go). Those that name a URL or carry script are not
// among them; `action` (a form's target) is left out as forms are.
constexpr auto kCommonAttributes = std::to_array<std::string_view>({
    "abbr"sv,
    "accept"sv,
    "accept-charset"sv,
    "accesskey"sv,
    "align"sv,
    "alt"sv,
    "aria-describedby"sv,
    "aria-hidden"sv,
    "aria-label"sv,
    "aria-labelledby"sv,
    "axis"sv,
    "border"sv,
    "cellpadding"sv,
    "cellspacing"sv,
    "char"sv,
    "charoff"sv,
    "charset"sv,
    "checked"sv,
    "clear"sv,
    "color"sv,
    "cols"sv,
    "colspan"sv,
    "compact"sv,
    "coords"sv,
    "datetime"sv,
    "dir"sv,
    "disabled"sv,
    "enctype"sv,
    "for"sv,
    "frame"sv,
    "headers"sv,
    "height"sv,
    "hreflang"sv,
    "hspace"sv,
    "ismap"sv,
    "itemprop"sv,
    "label"sv,
    "lang"sv,
    "maxlength"sv,
    "media"sv,
    "method"sv,
    "multiple"sv,
    "nohref"sv,
    "noshade"sv,
    "nowrap"sv,
    "open"sv,
    "progress"sv,
    "prompt"sv,
    "readonly"sv,
    "rev"sv,
    "role"sv,
    "rows"sv,
    "rowspan"sv,
    "rules"sv,
    "scope"sv,
    "selected"sv,
    "shape"sv,
    "size"sv,
    "span"sv,
    "start"sv,
    "summary"sv,
    "tabindex"sv,
    "title"sv,
    "type"sv,
    "usemap"sv,
    "valign"sv,
    "value"sv,
    "width"sv,
});

// The data attributes our renderer emits (source lines, cmark-gfm's footnotes).
constexpr auto kDataAttributes = std::to_array<std::string_view>({
    "data-footnote-backref"sv,
    "data-footnote-backref-idx"sv,
    "data-footnote-ref"sv,
    "data-footnotes"sv,
    "data-sourcepos"sv,
});

// The classes our renderer emits; GitHub strips every class a document writes.
constexpr auto kClasses = std::to_array<std::string_view>({
    "anchor"sv,
    "contains-task-list"sv,
    "footnote-backref"sv,
    "footnote-ref"sv,
    "footnotes"sv,
    "heading-element"sv,
    "highlight"sv,
    "markdown-alert"sv,
    "markdown-alert-caution"sv,
    "markdown-alert-important"sv,
    "markdown-alert-note"sv,
    "markdown-alert-tip"sv,
    "markdown-alert-title"sv,
    "markdown-alert-warning"sv,
    "markdown-heading"sv,
    "mdp-math"sv,
    "mdp-math-display"sv,
    "mdp-mermaid"sv,
    "mr-2"sv,
    "octicon"sv,
    "octicon-alert"sv,
    "octicon-info"sv,
    "octicon-light-bulb"sv,
    "octicon-link"sv,
    "octicon-report"sv,
    "octicon-stop"sv,
    "task-list-item"sv,
    "task-list-item-checkbox"sv,
});

static_assert(std::is_sorted(kElements.begin(), kElements.end()));
static_assert(std::is_sorted(kDropWithContent.begin(), kDropWithContent.end()));
static_assert(std::is_sorted(kCommonAttributes.begin(), kCommonAttributes.end()));
static_assert(std::is_sorted(kDataAttributes.begin(), kDataAttributes.end()));
static_assert(std::is_sorted(kClasses.begin(), kClasses.end()));

} // namespace

ElementRule htmlElement(QByteArrayView name)
{
    if (contains(kElements, name))
        return ElementRule::Keep;
    if (contains(kDropWithContent, name))
        return ElementRule::DropContent;
    return ElementRule::Drop;
}

// Only what an octicon is drawn with; the rest of SVG (scripts, links, foreignObject, animation
// that sets attributes) goes with its content.
ElementRule svgElement(QByteArrayView name, Origin origin)
{
    // GitHub drops a document's <svg> with everything in it.
    if (origin == Origin::Document)
        return ElementRule::DropContent;
    if (name == "svg" || name == "path")
        return ElementRule::Keep;
    return ElementRule::DropContent;
}

AttributeRule htmlAttribute(QByteArrayView element, QByteArrayView attribute, Origin origin)
{
    // GitHub removes every class and data attribute a document writes: its raw HTML cannot borrow
    // the renderer's markup (an alert's classes, a footnote's attributes).
    if (attribute == "class")
        return origin == Origin::Renderer ? AttributeRule::Classes : AttributeRule::Drop;
    if (contains(kDataAttributes, attribute))
        return origin == Origin::Renderer ? AttributeRule::Keep : AttributeRule::Drop;
    // The link around an image opens it in a window of its own.
    if (origin == Origin::Renderer && element == "a" &&
        (attribute == "target" || attribute == "rel"))
        return AttributeRule::Keep;
    if (attribute == "id" || attribute == "name")
        return AttributeRule::Prefixed;
    if (attribute == "href")
        return element == "a" ? AttributeRule::Url : AttributeRule::Drop;
    if (attribute == "src")
        return element == "img" ? AttributeRule::Url : AttributeRule::Drop;
    if (attribute == "longdesc")
        return element == "img" ? AttributeRule::Url : AttributeRule::Drop;
    if (attribute == "cite") {
        const bool quoting =
            element == "blockquote" || element == "del" || element == "ins" || element == "q";
        return quoting ? AttributeRule::Url : AttributeRule::Drop;
    }
    if (attribute == "srcset")
        return element == "source" || element == "img" ? AttributeRule::UrlList
                                                       : AttributeRule::Drop;
    if (element == "div" && (attribute == "itemscope" || attribute == "itemtype"))
        return AttributeRule::Keep;
    return contains(kCommonAttributes, attribute) ? AttributeRule::Keep : AttributeRule::Drop;
}

AttributeRule svgAttribute(QByteArrayView element, QByteArrayView attribute)
{
    if (element == "svg") {
        if (attribute == "class")
            return AttributeRule::Classes;
        if (attribute == "viewBox" || attribute == "width" || attribute == "height" ||
            attribute == "aria-hidden" || attribute == "version")
            return AttributeRule::Keep;
    }
    if (element == "path" && (attribute == "d" || attribute == "fill-rule"))
        return AttributeRule::Keep;
    return AttributeRule::Drop;
}

bool classAllowed(QByteArrayView name)
{
    // Code blocks name their language, as GitHub keeps for highlighting.
    return contains(kClasses, name) || (name.startsWith("language-") && name.size() > 9) ||
           (name.startsWith("highlight-source-") && name.size() > 17);
}

bool urlAllowed(QByteArrayView element, QByteArrayView attribute, QByteArrayView url)
{
    if (attribute == "href")
        return isAllowedUrl(url, UrlUse::Link);
    if (attribute == "cite")
        return isAllowedUrl(url, UrlUse::Citation);
    (void)element;
    return isAllowedUrl(url, UrlUse::Image);
}

} // namespace mdp::HtmlAllowlist
