// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArray>
#include <QByteArrayView>

namespace mdp {

// Raw HTML as GitHub allows it: parses a block's HTML as a browser parses a fragment inside a
// <div> (gumbo) and writes back only what HtmlAllowlist allows, escaped. Thread-safe.
class HtmlSanitizer final
{
public:
    // Whether the parser may be given less to read (ParserInput): always, but for the tests that
    // prove it writes the same.
    enum class Shortcuts
    {
        Taken,
        Skipped,
    };

    // All of `html` is the document's.
    static QByteArray sanitize(QByteArrayView html, Shortcuts shortcuts = Shortcuts::Taken);
    // HTML the renderer wrote, with the document's raw HTML between documentStart() and
    // documentEnd(): the renderer's own markup keeps its classes and attributes, the document's
    // gets GitHub's allowlist and nothing more. The marks are random, made once per process, so
    // a document cannot forge them.
    static QByteArray sanitizeRendered(QByteArrayView html, Shortcuts shortcuts = Shortcuts::Taken);
    static const QByteArray &documentStart();
    static const QByteArray &documentEnd();

    // How much checking a piece of raw HTML needs. Most raw HTML in READMEs is bare tags the
    // allowlist keeps (<kbd>, <details>, <br>): with no attributes they can carry no URL and no
    // handler, so the block is safe as it is and skips the parser, which costs more than
    // rendering the Markdown around it.
    enum class Check
    {
        None,     // no raw HTML at all
        Plain,    // only bare allowed tags and text: safe as it is
        Sanitize, // anything else: through the parser and the allowlist
    };
    static Check checkNeeded(QByteArrayView rawHtml);
};

} // namespace mdp
