// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/markdown/renderresult.h"
#include "core/markdown/slugger.h"

#include <QByteArrayView>
#include <QString>

#include <atomic>
#include <optional>

namespace mdp {

struct RenderOptions
{
    // What a link or image URL starting with a single "/" resolves against, as on GitHub, where
    // it names a file from the top of the repository. Empty: such URLs stay as they are.
    QString repositoryRoot;

    // The nearest folder above the document that holds ".git" (a folder, or the file of a
    // worktree); the document's own folder when there is none.
    static RenderOptions forDocument(const QString &documentPath);
};

// A top-level block of the Markdown as the parser saw it: what an incremental render needs to
// know to re-parse part of a document and to tell where the new parse lines up with the old.
struct SourceBlock
{
    enum class Ends
    {
        AtBlankLine, // a blank line closes it whatever follows (paragraph, heading, fence, ...)
        Indentable,  // an indented line may continue it after blank lines (list, indented code)
        Footnote,    // a footnote definition: indentable, and rendered into the footnotes section
    };
    int firstLine = 0;
    int lastLine = 0;
    Ends ends = Ends::AtBlankLine;
    // A raw HTML element opened here is still open: the next block joins it in the page.
    bool openHtml = false;
    // Whether link reference definitions may be in it (not in code, raw HTML, tables, rules).
    bool mayDefine = true;
};

// What a caller may ask of a render besides its result.
struct RenderHooks
{
    // Checked while the text is parsed (every 64 KB) and between blocks: once set, the render
    // stops and returns nothing.
    const std::atomic_bool *cancelled = nullptr;
    // Heading ids taken by a part of the document before this text.
    const Slugger *slugger = nullptr;
    // Top-level blocks starting before this line are parsed (their link reference definitions
    // count) but not rendered.
    int firstLine = 1;
    // Filled with the top-level blocks rendered, in source order.
    QVector<SourceBlock> *sourceBlocks = nullptr;
    // Filled with the indices of the result's blocks whose source positions the sanitizer did
    // not keep as attributes of their own (broken raw HTML took them in).
    QVector<qsizetype> *unshiftableBlocks = nullptr;
};

// Markdown (UTF-8, possibly invalid, possibly with a BOM, NULs or CRLF line ends) to HTML the
// way GitHub renders a file. Stateless and safe to call from any thread.
class Renderer final
{
public:
    static RenderResult render(QByteArrayView markdown, const RenderOptions &options = {});
    static std::optional<RenderResult> render(QByteArrayView markdown, const RenderOptions &options,
                                              const RenderHooks &hooks);
};

} // namespace mdp
