// SPDX-License-Identifier: GPL-3.0-or-later
// The yardstick for render benchmarks: the cmark-gfm library parsing and rendering a whole file
// with the extensions and options the renderer uses.
#pragma once

#include <QByteArray>
#include <QElapsedTimer>

#include <cmark-gfm-core-extensions.h>
#include <cmark-gfm.h>

#include <cstdlib>

namespace mdp::bench {

// Milliseconds for one parse and render of `bytes`.
inline double cmarkReferenceMs(const QByteArray &bytes)
{
    cmark_gfm_core_extensions_ensure_registered();
    QElapsedTimer timer;
    timer.start();
    cmark_parser *parser =
        cmark_parser_new(CMARK_OPT_SOURCEPOS | CMARK_OPT_FOOTNOTES | CMARK_OPT_VALIDATE_UTF8);
    for (const char *name : {"table", "strikethrough", "autolink", "tagfilter", "tasklist"})
        cmark_parser_attach_syntax_extension(parser, cmark_find_syntax_extension(name));
    cmark_parser_feed(parser, bytes.constData(), size_t(bytes.size()));
    cmark_node *document = cmark_parser_finish(parser);
    char *html = cmark_render_html(document, CMARK_OPT_SOURCEPOS | CMARK_OPT_UNSAFE,
                                   cmark_parser_get_syntax_extensions(parser));
    std::free(html);
    cmark_node_free(document);
    cmark_parser_free(parser);
    return double(timer.nsecsElapsed()) / 1e6;
}

} // namespace mdp::bench
