// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/html/htmlsanitizer.h"
#include "core/markdown/renderresult.h"
#include "core/markdown/slugger.h"

#include <QByteArray>

#include <memory>
#include <optional>
#include <vector>

struct cmark_node;

namespace mdp {

// The label of a heading's anchor around the heading's text ("Permalink: %1"), translated and
// HTML-escaped once for the document rather than once for every heading.
struct PermalinkLabel
{
    QByteArray before;
    QByteArray after;
    bool hasText = false; // whether the translation shows the text at all

    static PermalinkLabel translated();
};

// A top-level heading's markup around the HTML of its inlines (see GithubMarkup::finishHtml): its
// parts, in buffers kept from heading to heading and filled again (allocating them anew for each
// was a good part of a heading's cost in a document of headings), written out once with the
// inlines.
struct HeadingWrap
{
    bool isSet = false;
    char level = '1';
    QByteArray position; // the data-sourcepos attribute
    QByteArray id;
    QByteArray label; // the heading's text as the permalink's label shows it, escaped
    // What the parts are made from: the heading's plain text, its inlines' HTML.
    QByteArray text;
    QByteArray inlines;
};

// The AST pass that turns cmark-gfm's tree into the markup GitHub serves: heading anchors, task
// list classes, alerts, emoji shortcodes and the URL policy for links and images. One walk per
// top-level block; the changes that reshape the tree wait until the walk is over. The nodes it
// makes are in the ParseArena, like the tree's own: it runs inside a ParseArena::Scope.
class GithubMarkup final
{
public:
    // `slugger`: the heading ids the document took before this part of it.
    explicit GithubMarkup(RenderResult &result, Slugger slugger = {})
        : m_result(result)
        , m_slugger(std::move(slugger))
    {}

    ~GithubMarkup();
    GithubMarkup(const GithubMarkup &) = delete;
    GithubMarkup &operator=(const GithubMarkup &) = delete;

    // The document's text (as cmark parsed it), so that blocks with no "$" on their lines skip
    // the math pass. Without it, every block is searched for math.
    void setSource(QByteArrayView markdown);

    // Room for this many more headings' ids.
    void reserveHeadings(qsizetype headings) { m_slugger.reserve(headings); }

    // Rewrites one top-level block (it may be replaced by another node: render what this returns).
    // Also fills the result's headings. Sets rawHtml to what the block's raw HTML needs.
    cmark_node *apply(cmark_node *block, HtmlSanitizer::Check &rawHtml);
    // The HTML of the block apply() saw last, when apply() wrote it itself: then cmark need not.
    std::optional<QByteArray> takeWrittenHtml();
    // Completes the HTML cmark rendered for what apply() returned last.
    void finishHtml(QByteArray &html) const;

private:
    cmark_node *alert(cmark_node *quote);
    bool mayHoldMath(cmark_node *block) const;
    void writePlainHeading(cmark_node *block);
    QByteArray wrappedHeading(QByteArrayView inlines) const;

    struct NodeDeleter
    {
        void operator()(cmark_node *node) const;
    };

    RenderResult &m_result;
    Slugger m_slugger;
    const PermalinkLabel m_permalinkLabel = PermalinkLabel::translated();
    HeadingWrap m_blockWrap; // of the block apply() saw last, when it is a heading
    QByteArray m_blockHtml;  // null unless apply() wrote the block's HTML
    bool m_knowsDollarLines = false;
    std::vector<int> m_dollarLines; // the lines with a "$", in order
    // Nodes taken out of the tree whose buffers still hold the text of the inlines that moved:
    // freed with this object, after the document has been rendered.
    std::vector<std::unique_ptr<cmark_node, NodeDeleter>> m_replaced;
};

} // namespace mdp
