// SPDX-License-Identifier: GPL-3.0-or-later
// libFuzzer target: any bytes through the whole renderer (cmark-gfm, our AST passes, math, the
// URL rewriting, the sanitizer when raw HTML asks for it) and through the sanitizer alone, under
// AddressSanitizer and UndefinedBehaviorSanitizer. Built by the `fuzz` preset (clang). And the
// incremental renderer's promise: after an edit its result is the whole render's, byte for byte;
// and the sanitizer's: what it gives the parser to read changes nothing it writes.
#include "core/html/htmlsanitizer.h"
#include "core/markdown/incrementalrenderer.h"
#include "core/markdown/renderer.h"

#include <algorithm>
#include <cstddef>
#include <cstdint>

namespace {

bool sameRender(const mdp::RenderResult &a, const mdp::RenderResult &b)
{
    if (a.blocks.size() != b.blocks.size() || a.headings.size() != b.headings.size() ||
        a.hasRawHtml != b.hasRawHtml)
        return false;
    for (qsizetype i = 0; i < a.blocks.size(); ++i) {
        const mdp::RenderedBlock &x = a.blocks[i];
        const mdp::RenderedBlock &y = b.blocks[i];
        if (x.html != y.html || x.firstLine != y.firstLine || x.lastLine != y.lastLine ||
            x.contentHash != y.contentHash || x.rawHtml != y.rawHtml)
            return false;
    }
    for (qsizetype i = 0; i < a.headings.size(); ++i) {
        if (a.headings[i].id != b.headings[i].id || a.headings[i].line != b.headings[i].line ||
            a.headings[i].text != b.headings[i].text)
            return false;
    }
    return true;
}

// The input with a piece cut out of its middle (the first byte says how long), rendered
// incrementally into the input and back.
void checkIncremental(QByteArrayView input, const mdp::RenderOptions &options,
                      const mdp::RenderResult &whole)
{
    if (input.size() < 2)
        return;
    const qsizetype from = input.size() / 3;
    const qsizetype length = std::min<qsizetype>(input[0] & 0x3f, input.size() - from);
    QByteArray edited = input.first(from).toByteArray();
    edited += input.sliced(from + length);
    mdp::IncrementalRenderer renderer(options);
    renderer.update(edited);
    renderer.update(input.toByteArray());
    if (!sameRender(renderer.result(), whole))
        __builtin_trap();
    renderer.update(edited);
    if (!sameRender(renderer.result(), mdp::Renderer::render(edited, options)))
        __builtin_trap();
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
    const QByteArrayView input(reinterpret_cast<const char *>(data), qsizetype(size));
    static const mdp::RenderOptions options{QStringLiteral("/fuzz/repo & root")};
    const mdp::RenderResult result = mdp::Renderer::render(input, options);
    // The page finds the reader's line by these: a block never ends before it starts.
    for (const mdp::RenderedBlock &block : result.blocks) {
        if (block.lastLine < block.firstLine)
            __builtin_trap();
    }
    checkIncremental(input, options, result);
    const QByteArray sanitized = mdp::HtmlSanitizer::sanitize(input);
    if (sanitized.contains("<script"))
        __builtin_trap();
    // The shortcuts (ParserInput) write what the parser writes given everything.
    if (sanitized != mdp::HtmlSanitizer::sanitize(input, mdp::HtmlSanitizer::Shortcuts::Skipped))
        __builtin_trap();
    return 0;
}
