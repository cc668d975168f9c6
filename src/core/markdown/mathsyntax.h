// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArray>
#include <QList>

#include <vector>

struct cmark_node;

namespace mdp {

// GitHub's math: `$…$`, `` $`…`$ `` and `$$…$$` become <span class="mdp-math"> (display: also
// "mdp-math-display") holding the TeX, escaped, for the page to typeset. GitHub finds math in the
// text that Markdown leaves, so Markdown acts first, as it does there: a backslash escape is
// consumed (`$\{a\}$` typesets "a" without braces), emphasis, links, raw HTML and code spans
// take their characters before math can (`$a*b*c$` has emphasis), and nothing in code, a link's
// destination or an autolink is math. `` $`…`$ `` is the way around it: a code span keeps its
// text as written.
class MathSyntax final
{
public:
    struct Span
    {
        qsizetype from = 0; // the opening "$"
        qsizetype to = 0;   // just past the closing "$"
        bool display = false;

        friend bool operator==(const Span &, const Span &) = default;
    };

    // Where math is in one run of text (the text of text nodes and soft line breaks between
    // other inlines), by GitHub's rules.
    static QList<Span> spans(QByteArrayView text);
    // Finds the math in one top-level block that cmark has parsed. Nodes it takes out of the
    // tree are appended to `removed`: the caller frees them after rendering. The nodes it makes
    // are in the ParseArena: it runs inside a ParseArena::Scope.
    static void apply(cmark_node *block, std::vector<cmark_node *> &removed);
    // Whether an inline HTML node holds math this pass made, not a document's raw HTML.
    static bool isMath(cmark_node *node);
    // The TeX of such a node, for a heading's text.
    static QByteArray tex(cmark_node *node);
    // A fenced ```math block: display math as a block of its own.
    static QByteArray displayBlock(QByteArrayView tex, const QByteArray &sourcePos);
};

} // namespace mdp
