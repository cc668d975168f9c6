// SPDX-License-Identifier: GPL-3.0-or-later
// libFuzzer target: any bytes through the whole renderer (cmark-gfm, our AST passes, math, the
// URL rewriting, the sanitizer when raw HTML asks for it) and through the sanitizer alone, under
// AddressSanitizer and UndefinedBehaviorSanitizer. Built by the `fuzz` preset (clang).
#include "core/html/htmlsanitizer.h"
#include "core/markdown/renderer.h"

#include <cstddef>
#include <cstdint>

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
    const QByteArray sanitized = mdp::HtmlSanitizer::sanitize(input);
    if (sanitized.contains("<script"))
        __builtin_trap();
    return 0;
}
