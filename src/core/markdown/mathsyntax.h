// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArray>

struct cmark_node;
struct cmark_syntax_extension;

namespace mdp {

// GitHub's math as a cmark-gfm inline extension: `$…$`, `` $`…`$ `` and `$$…$$` become
// <span class="mdp-math"> (display: also "mdp-math-display") holding the TeX source, escaped,
// for the page to typeset. Taking the span whole while the inline parser meets it keeps Markdown
// out of it: `$a*b*c$` keeps its asterisks, `$x_1$ and $y_1$` has no emphasis.
class MathSyntax final
{
public:
    // Process-wide, created once; attach it to every parser.
    static cmark_syntax_extension *extension();
    // Whether an inline HTML node holds math this extension made, not a document's raw HTML.
    static bool isMath(cmark_node *node);
    // Forgets what the parse of the previous document learnt; call before each parse.
    static void beginDocument();
    // A fenced ```math block: display math as a block of its own.
    static QByteArray displayBlock(QByteArrayView tex, const QByteArray &sourcePos);
};

} // namespace mdp
