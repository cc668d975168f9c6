// SPDX-License-Identifier: GPL-3.0-or-later
#include "incrementalrenderer.h"

#include "core/markdown/linklabel.h"

#include <algorithm>
#include <charconv>
#include <climits>
#include <cstring>
#include <functional>

namespace mdp {

using namespace Qt::StringLiterals;

namespace {

constexpr QByteArrayView kBom("\xef\xbb\xbf");
constexpr QByteArrayView kSourcePos(" data-sourcepos=\"");
// More blocks than this whose heading ids changed further down: a whole render is as quick.
constexpr int kMaxBlocksRenamed = 32;
// Blocks that may refer to a changed link reference definition are parsed again after the
// document's definitions: when that is more than a quarter of the document's bytes (or of this
// much, in a small one), a whole render is as quick. A parse costs this many bytes more.
constexpr qsizetype kMinReparseBudget = 64 * 1024;
constexpr qsizetype kParseOverheadBytes = 2048;
// More labels than this defined in a changed region: the blocks that may refer to one of them
// are many, or the search for them is long.
constexpr int kMaxLabelsChanged = 64;

// Lines [first, end) of a text; the byte order mark is not part of the first line, as the
// renderer drops it.
QByteArrayView linesOf(QByteArrayView text, const LineIndex &lines, int first, int end)
{
    const qsizetype from = lines.start(first);
    const QByteArrayView view = text.sliced(from, lines.start(end) - from);
    return first == 1 && view.startsWith(kBom) ? view.sliced(kBom.size()) : view;
}

// How many byte order marks the text starts with, up to two.
int byteOrderMarks(QByteArrayView text)
{
    if (!text.startsWith(kBom))
        return 0;
    return text.sliced(kBom.size()).startsWith(kBom) ? 2 : 1;
}

bool isBlankLine(QByteArrayView text, const LineIndex &lines, int line)
{
    return LineIndex::isBlank(linesOf(text, lines, line, line + 1));
}

bool endsWithLineBreak(QByteArrayView text)
{
    return !text.isEmpty() && (text.back() == '\n' || text.back() == '\r');
}

// After blank lines, a line that may still belong to a list, a footnote definition or indented
// code before them: indented, or another item of the list.
bool mayContinue(QByteArrayView line)
{
    if (line.isEmpty())
        return false;
    const char c = line.front();
    return c == ' ' || c == '\t' || c == '-' || c == '+' || c == '*' || (c >= '0' && c <= '9');
}

// `html` with the lines of its data-sourcepos attributes at or after `fromLine` moved by `delta`.
// The hot loop of an edit near the top of a long document: it runs over the HTML of every block
// below the edit, so it writes into one buffer and skips through the text between attributes.
QByteArray shiftedSourcePositions(const QByteArray &html, int fromLine, int delta)
{
    const char *const begin = html.constData();
    const char *const end = begin + html.size();
    static const std::boyer_moore_horspool_searcher searcher(kSourcePos.begin(), kSourcePos.end());
    const auto next = [end](const char *from) -> const char * {
        const char *found = std::search(from, end, searcher);
        return found == end ? nullptr : found;
    };
    const char *at = next(begin);
    if (delta == 0 || !at)
        return html;
    // Each of the two line numbers of an attribute grows by at most the digits of `delta` and one.
    constexpr qsizetype kGrowth = 2 * 12;
    QByteArray out(html.size() + 64 * kGrowth, Qt::Uninitialized);
    char *write = out.data();
    const char *copied = begin;
    for (; at; at = next(copied)) {
        if (out.data() + out.size() - write < (at - copied) + kSourcePos.size() + kGrowth) {
            const qsizetype written = write - out.data();
            out.resize(out.size() + (end - copied) + 64 * kGrowth);
            write = out.data() + written;
        }
        const char *read = at + kSourcePos.size();
        std::memcpy(write, copied, size_t(read - copied));
        write += read - copied;
        // "line:column-line:column"
        for (const char stop : {'-', '"'}) {
            int line = 0;
            for (; read < end && *read >= '0' && *read <= '9'; ++read)
                line = line * 10 + (*read - '0');
            // Line 0 is cmark-gfm's "no position" (a paragraph a table took its last line
            // from): it stays 0 wherever the block goes.
            const bool moves = line >= fromLine && line > 0;
            write = std::to_chars(write, write + 12, moves ? line + delta : line).ptr;
            const auto *after =
                static_cast<const char *>(std::memchr(read, stop, size_t(end - read)));
            if (!after || after - read > 12)
                return html; // not an attribute this renderer wrote
            std::memcpy(write, read, size_t(after + 1 - read));
            write += after + 1 - read;
            read = after + 1;
        }
        copied = read;
    }
    const qsizetype written = write - out.data();
    out.resize(written + (end - copied));
    std::memcpy(out.data() + written, copied, size_t(end - copied));
    return out;
}

RenderedBlock shifted(const RenderedBlock &block, int fromLine, int delta)
{
    RenderedBlock moved = block;
    moved.html = shiftedSourcePositions(block.html, fromLine, delta);
    if (moved.firstLine >= fromLine)
        moved.firstLine += delta;
    if (moved.lastLine >= fromLine)
        moved.lastLine += delta;
    return moved;
}

Heading shifted(const Heading &heading, int fromLine, int delta)
{
    Heading moved = heading;
    if (moved.line >= fromLine)
        moved.line += delta;
    return moved;
}

// Whether the lines may start a footnote definition: "[^", a label of no white space or "]",
// then "]:", as cmark-gfm's scanner reads one (wherever it is: in a block quote or list item too).
bool mayDefineFootnote(QByteArrayView lines)
{
    for (qsizetype at = lines.indexOf("[^"); at >= 0; at = lines.indexOf("[^", at + 2)) {
        qsizetype end = at + 2;
        while (end < lines.size() && !QByteArrayView(" \t\r\n]").contains(lines[end]))
            ++end;
        if (end > at + 2 && end + 1 < lines.size() && lines[end] == ']' && lines[end + 1] == ':')
            return true;
    }
    return false;
}

// What a change in these lines can reach beyond them, if anything. Link reference definitions
// reach only the blocks that may refer to them (IncrementalRenderer::referringBlocks); footnote
// references, only when they come out otherwise (sameFootnoteReferences).
std::optional<QString> reachingFurther(QByteArrayView lines)
{
    if (mayDefineFootnote(lines))
        return u"footnote definitions"_s;
    if (lines.contains("data-sourcepos"))
        return u"raw HTML writes data-sourcepos"_s;
    return std::nullopt;
}

// The footnote references in a block's HTML, as the renderer wrote them (cmark-gfm's link in its
// <sup>, or the sanitizer's writing of it), in order.
void appendFootnoteReferences(QByteArrayView html, QList<QByteArrayView> &references)
{
    static constexpr QByteArrayView kMarker("data-footnote-ref");
    static const std::boyer_moore_horspool_searcher searcher(kMarker.begin(), kMarker.end());
    const char *const begin = html.data();
    const char *const end = begin + html.size();
    for (const char *at = std::search(begin, end, searcher); at != end;
         at = std::search(at + kMarker.size(), end, searcher)) {
        // The link's attributes are escaped: no "<" between its start and the marker.
        const qsizetype open = html.lastIndexOf('<', at - begin);
        const qsizetype close = html.indexOf("</a>", at - begin);
        if (open < 0 || close < 0)
            continue;
        references.append(html.sliced(open, close - open));
    }
}

// The label of a footnote reference's link, from its href="#fn-LABEL", when it is written there
// as it was (letters, digits, "-", "_", "."), or nothing.
std::optional<QByteArrayView> footnoteLabel(QByteArrayView reference)
{
    static constexpr QByteArrayView kHref("href=\"#fn-");
    const qsizetype from = reference.indexOf(kHref);
    if (from < 0)
        return std::nullopt;
    const qsizetype start = from + kHref.size();
    const qsizetype quote = reference.indexOf('"', start);
    if (quote <= start)
        return std::nullopt;
    const QByteArrayView label = reference.sliced(start, quote - start);
    const auto plain = [](char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
               c == '-' || c == '_' || c == '.';
    };
    if (!std::all_of(label.begin(), label.end(), plain))
        return std::nullopt;
    return label;
}

// The line that closes front matter opened on line 1; 0 without front matter, INT_MAX when it
// is never closed (any later "---" would close it).
int frontMatterEnd(QByteArrayView text, const LineIndex &lines)
{
    if (!linesOf(text, lines, 1, 2).startsWith("---"))
        return 0;
    // FrontMatter closes it at a line of "---" and spaces or tabs.
    for (int line = 2; line <= lines.lineCount(); ++line) {
        QByteArrayView view = linesOf(text, lines, line, line + 1);
        while (!view.isEmpty() && QByteArrayView(" \t\r\n").contains(view.back()))
            view.chop(1);
        if (view == "---")
            return line;
    }
    return INT_MAX;
}

// Whether the entry, before a blank line, can take no part of the text from `line` on.
bool closedBy(const IncrementalRenderer::Entry &entry, QByteArrayView text, const LineIndex &lines,
              int line)
{
    if (entry.ends == SourceBlock::Ends::AtBlankLine)
        return true;
    for (; line <= lines.lineCount(); ++line) {
        const QByteArrayView view = linesOf(text, lines, line, line + 1);
        if (!LineIndex::isBlank(view))
            return !mayContinue(view);
    }
    return true;
}

// Whether the document parsed from entry `at` on parses as if it began there.
bool startsAfresh(const QVector<IncrementalRenderer::Entry> &entries, int at, QByteArrayView text,
                  const LineIndex &lines, int line)
{
    if (at == 0)
        return true;
    const IncrementalRenderer::Entry &previous = entries[at - 1];
    const int reach = std::max(previous.lastLine, at >= 2 ? entries[at - 2].lastLine : 0);
    return reach <= line - 2 && isBlankLine(text, lines, line - 1) && !previous.openHtml &&
           closedBy(previous, text, lines, line);
}

bool holdsDefinitionMarker(QByteArrayView text, const LineIndex &lines, const SourceBlock &block)
{
    QByteArrayView view = linesOf(text, lines, block.firstLine, block.lastLine + 1);
    // A footnote definition's own label ends in "]:" on its first line ("[^1]: [x]: /x" defines
    // x after it).
    if (block.ends == SourceBlock::Ends::Footnote) {
        const qsizetype label = view.indexOf("]:");
        view = label < 0 ? QByteArrayView() : view.sliced(label + 2);
    }
    return view.contains("]:");
}

// The entries of lines [from, to): the blocks, and the runs of lines outside them that are not
// blank (link reference definitions, which leave no block behind).
QVector<IncrementalRenderer::Entry> entriesOf(const QVector<SourceBlock> &blocks,
                                              QByteArrayView text, const LineIndex &lines, int from,
                                              int to)
{
    using Entry = IncrementalRenderer::Entry;
    QVector<Entry> entries;
    entries.reserve(blocks.size() + 8);
    int next = from;
    const auto addRuns = [&](int upTo) {
        for (int line = next; line < upTo;) {
            if (isBlankLine(text, lines, line)) {
                ++line;
                continue;
            }
            Entry run;
            run.gap = true;
            run.firstLine = line;
            while (line + 1 < upTo && !isBlankLine(text, lines, line + 1))
                ++line;
            run.lastLine = line++;
            run.definitions = linesOf(text, lines, run.firstLine, line).contains("]:");
            // Definitions, or a footnote definition no note refers to (cmark-gfm drops it, and
            // whatever indented lines after it belong to it).
            run.ends = SourceBlock::Ends::Indentable;
            // Definitions render nothing: raw HTML open before them is open after them.
            run.openHtml = !entries.isEmpty() && entries.back().openHtml;
            entries.append(run);
        }
    };
    for (qsizetype i = 0; i < blocks.size(); ++i) {
        const SourceBlock &block = blocks[i];
        addRuns(block.firstLine);
        Entry entry;
        entry.firstLine = block.firstLine;
        entry.lastLine = block.lastLine;
        // cmark-gfm ends a setext heading followed at once by another block on that block's
        // first line.
        if (i + 1 < blocks.size() && blocks[i + 1].firstLine > block.firstLine)
            entry.lastLine = std::min(entry.lastLine, blocks[i + 1].firstLine - 1);
        entry.ends = block.ends;
        entry.openHtml = block.openHtml;
        // A footnote definition goes to the footnotes section: raw HTML open before it in the
        // page is open after it.
        if (block.ends == SourceBlock::Ends::Footnote)
            entry.openHtml = !entries.isEmpty() && entries.back().openHtml;
        entry.definitions = block.mayDefine && holdsDefinitionMarker(text, lines, block);
        entries.append(entry);
        next = std::max(next, block.lastLine + 1);
    }
    addRuns(to);
    return entries;
}

// The entries that may hold link reference definitions, outside entries [skipFrom, skipTo), one
// after the other: parsed before a part of the document, they give it the definitions the whole
// document gives it. `footnotes`: and the footnote definitions. Each ends in a thematic break
// after a blank line, which closes whatever it left open. Starts with a blank line, so that what
// follows is never taken for front matter.
QByteArray definitionsPrefix(QByteArrayView text, const LineIndex &lines,
                             const QVector<IncrementalRenderer::Entry> &entries, int skipFrom,
                             int skipTo, int &lineCount, bool footnotes = false)
{
    QByteArray prefix("\n");
    lineCount = 1;
    for (int i = 0; i < entries.size(); ++i) {
        const IncrementalRenderer::Entry &entry = entries[i];
        const bool footnote = footnotes && entry.ends == SourceBlock::Ends::Footnote;
        if (!(entry.definitions || footnote) || (i >= skipFrom && i < skipTo))
            continue;
        const QByteArrayView view = linesOf(text, lines, entry.firstLine, entry.lastLine + 1);
        prefix += view;
        // A lone "\r" and a "\n" after it would be one line break.
        if (!endsWithLineBreak(view) || view.back() == '\r')
            prefix += '\n';
        prefix += "\n***\n\n";
        lineCount += entry.lastLine - entry.firstLine + 1 + 3;
    }
    return prefix;
}

// Whether the definitions prefix gives a part of the document the definitions the whole gives.
// Lines in no block that hold "[^" are a footnote definition no note refers to, which cmark-gfm
// drops with what it took in: the indented runs of lines after it, which may define what they
// would not alone (an indented line is code there) or not (a lazy continuation line).
bool prefixHolds(QByteArrayView text, const LineIndex &lines,
                 const QVector<IncrementalRenderer::Entry> &entries)
{
    bool inDroppedFootnote = false;
    for (const IncrementalRenderer::Entry &entry : entries) {
        if (!entry.gap) {
            inDroppedFootnote = false;
            continue;
        }
        const QByteArrayView run = linesOf(text, lines, entry.firstLine, entry.lastLine + 1);
        if (inDroppedFootnote && (run.startsWith(' ') || run.startsWith('\t'))) {
            if (entry.definitions)
                return false;
            continue;
        }
        inDroppedFootnote = run.contains("[^");
    }
    return true;
}

// Whether a block is the paragraph a table interrupted, or that table: cmark-gfm writes their
// positions as one (the paragraph none, the table from the paragraph's first line, its header
// cells' columns counted on from the paragraph's), so neither comes out the same alone.
bool splitByTable(const QVector<RenderedBlock> &blocks, int index)
{
    const auto positionless = [&blocks](int i) {
        return i >= 0 && blocks[i].html.startsWith("<p data-sourcepos=\"0:0-");
    };
    return positionless(index) || positionless(index - 1);
}

// The first of the first `regular` blocks that starts at `line` or after.
int firstBlockFrom(const QVector<RenderedBlock> &blocks, int regular, int line)
{
    return int(std::lower_bound(
                   blocks.begin(), blocks.begin() + regular, line,
                   [](const RenderedBlock &block, int value) { return block.firstLine < value; }) -
               blocks.begin());
}

int blockHolding(const QVector<RenderedBlock> &blocks, int regular, int line)
{
    const auto it = std::upper_bound(
        blocks.begin(), blocks.begin() + regular, line,
        [](int value, const RenderedBlock &block) { return value < block.firstLine; });
    return int(it - blocks.begin()) - 1;
}

} // namespace

struct IncrementalRenderer::Splice
{
    QByteArray text;
    LineIndex lines;
    LineChange change;
    // Lines [start, end) of the new text are parsed again; they replace lines [start, oldEnd)
    // of the old text, which hold entries [firstReplaced, firstKept).
    int start = 1;
    int end = 1;
    int oldEnd = 1;
    int firstReplaced = 0;
    int firstKept = 0;
    // The last line of front matter in either text, 0 without.
    int frontMatter = 0;
    // The keys of the link labels that the replaced or the new lines may define: blocks outside
    // the region that may refer to them are rendered again.
    QSet<QString> labels;
    // The replaced or the new lines hold footnote references: the region is parsed after the
    // footnote definitions and a paragraph of the references before it, in order.
    bool footnoteReferences = false;
    QByteArray referencesBefore;
};

struct IncrementalRenderer::Region
{
    RenderResult result; // in the lines of the new text
    QVector<Entry> entries;
    bool fixed = false; // a block whose source positions cannot be moved as text
};

IncrementalRenderer::IncrementalRenderer(RenderOptions options)
    : m_options(std::move(options))
{}

void IncrementalRenderer::reset(RenderOptions options)
{
    m_options = std::move(options);
    m_valid = false;
    m_state = {};
}

bool IncrementalRenderer::update(const QByteArray &text, std::optional<LineChange> change,
                                 const std::atomic_bool *cancelled)
{
    if (!m_valid)
        return renderWhole(text, cancelled, u"first render"_s);
    Splice splice;
    splice.text = text;
    std::optional<LineChange> checked;
    if (change)
        checked = checkedChange(*change, text, splice.lines);
    if (!checked) {
        checked = LineChange::between(m_state.text, m_state.lines, text);
        std::optional<LineIndex> lines = indexAfter(*checked, text);
        splice.lines = lines ? *std::move(lines) : LineIndex(text);
    }
    splice.change = *checked;
    if (splice.change.oldLines == 0 && splice.change.newLines == 0) {
        m_state.text = text;
        m_report = {false, {}, 0, 0};
        return true;
    }
    if (const std::optional<QString> reason = reachesFurther(splice))
        return renderWhole(text, cancelled, *reason);
    return updateRegion(splice, cancelled);
}

std::optional<LineIndex> IncrementalRenderer::indexAfter(const LineChange &change,
                                                         const QByteArray &text) const
{
    const LineIndex &lines = m_state.lines;
    if (change.firstLine < 1 || change.oldLines < 0 || change.newLines < 0 ||
        change.firstLine + change.oldLines > lines.lineCount() + 1)
        return std::nullopt;
    const qsizetype from = lines.start(change.firstLine);
    const qsizetype to =
        lines.start(change.firstLine + change.oldLines) + text.size() - m_state.text.size();
    if (from > text.size() || to < from || to > text.size() || !LineIndex::isLineStart(text, to))
        return std::nullopt;
    LineIndex index = lines.replaced(change.firstLine, change.oldLines,
                                     QByteArrayView(text).sliced(from, to - from), text.size());
    if (index.lineCount() != lines.lineCount() + change.lineDelta())
        return std::nullopt;
    return index;
}

std::optional<LineChange> IncrementalRenderer::checkedChange(const LineChange &change,
                                                             const QByteArray &text,
                                                             LineIndex &lines) const
{
    std::optional<LineIndex> index = indexAfter(change, text);
    if (!index)
        return std::nullopt;
    lines = *std::move(index);
    return change;
}

std::optional<QString> IncrementalRenderer::reachesFurther(Splice &splice) const
{
    if (m_state.namesSourcePositions)
        return u"raw HTML writes data-sourcepos"_s;
    if (m_state.definitionsInFrontMatter)
        return u"front matter"_s;
    if (!prefixHolds(m_state.text, m_state.lines, m_state.entries))
        return u"definitions after a footnote definition no note refers to"_s;
    // The renderer drops a byte order mark only at the start of the text, and cmark-gfm drops a
    // second one right after it as the start of its first line (counting its columns), which a
    // region parsed on its own would not: a text that starts with two is rendered whole.
    if (byteOrderMarks(m_state.text) != byteOrderMarks(splice.text) ||
        byteOrderMarks(splice.text) > 1)
        return u"byte order mark"_s;
    splice.frontMatter = std::max(frontMatterEnd(m_state.text, m_state.lines),
                                  frontMatterEnd(splice.text, splice.lines));
    if (splice.frontMatter > 0 && splice.change.firstLine - 1 <= splice.frontMatter)
        return u"front matter"_s;
    return std::nullopt;
}

bool IncrementalRenderer::renderWhole(const QByteArray &text, const std::atomic_bool *cancelled,
                                      QString reason)
{
    QVector<SourceBlock> blocks;
    QVector<qsizetype> unshiftable;
    RenderHooks hooks;
    hooks.cancelled = cancelled;
    hooks.sourceBlocks = &blocks;
    hooks.unshiftableBlocks = &unshiftable;
    std::optional<RenderResult> result = Renderer::render(text, m_options, hooks);
    if (!result)
        return false;
    State state;
    state.fixed.resize(result->blocks.size());
    for (const qsizetype index : std::as_const(unshiftable))
        state.fixed[index] = true;
    state.text = text;
    state.lines = LineIndex(text);
    state.entries = entriesOf(blocks, text, state.lines, 1, state.lines.lineCount() + 1);
    state.result = *std::move(result);
    state.namesSourcePositions = text.contains("data-sourcepos");
    const int frontMatter = frontMatterEnd(text, state.lines);
    for (const Entry &entry : std::as_const(state.entries)) {
        if (entry.firstLine > frontMatter)
            break;
        state.definitionsInFrontMatter = state.definitionsInFrontMatter || entry.definitions;
    }
    for (const Entry &entry : std::as_const(state.entries))
        state.hasFootnotes = state.hasFootnotes || entry.ends == SourceBlock::Ends::Footnote;
    // The footnotes section's headings come last; their lines are in a footnote definition.
    const auto inFootnote = [&state](int line) {
        const auto it =
            std::upper_bound(state.entries.begin(), state.entries.end(), line,
                             [](int value, const Entry &entry) { return value < entry.firstLine; });
        return it != state.entries.begin() && (it - 1)->ends == SourceBlock::Ends::Footnote &&
               line <= (it - 1)->lastLine;
    };
    for (auto it = state.result.headings.rbegin();
         it != state.result.headings.rend() && inFootnote(it->line); ++it)
        ++state.footnoteHeadings;
    m_state = std::move(state);
    m_valid = true;
    m_report = {true, std::move(reason), 1, m_state.lines.lineCount()};
    return true;
}

bool IncrementalRenderer::updateRegion(Splice &splice, const std::atomic_bool *cancelled)
{
    const QVector<Entry> &entries = m_state.entries;
    const LineChange &change = splice.change;
    splice.start = regionStart(splice);
    // A region is parsed after a blank line, where front matter is never found.
    if (splice.frontMatter > 0 && splice.start - 1 <= splice.frontMatter)
        return renderWhole(splice.text, cancelled, u"front matter"_s);
    const auto firstFrom = [&entries](int line) {
        return int(std::lower_bound(
                       entries.begin(), entries.end(), line,
                       [](const Entry &entry, int value) { return entry.firstLine < value; }) -
                   entries.begin());
    };
    splice.firstReplaced = firstFrom(splice.start);
    int kept = nextAlignedEntry(firstFrom(change.firstLine + change.oldLines), 0);
    while (true) {
        splice.firstKept = kept;
        splice.oldEnd =
            kept < entries.size() ? entries[kept].firstLine : m_state.lines.lineCount() + 1;
        splice.end = splice.oldEnd + change.lineDelta();
        const QByteArrayView oldLines =
            linesOf(m_state.text, m_state.lines, splice.start, splice.oldEnd);
        const QByteArrayView newLines =
            linesOf(splice.text, splice.lines, splice.start, splice.end);
        std::optional<QString> reason = reachingFurther(oldLines);
        if (!reason)
            reason = reachingFurther(newLines);
        // (Checked again as the region grows.)
        if (!reason &&
            (splice.footnoteReferences || oldLines.contains("[^") || newLines.contains("[^"))) {
            // Raw HTML could write what reads as a footnote reference's link.
            if (oldLines.contains("data-footnote") || newLines.contains("data-footnote"))
                reason = u"raw HTML writes footnote links"_s;
            else if (droppedNoteReferences(splice))
                reason = u"footnote references in a footnote definition no note refers to"_s;
            else if (!splice.footnoteReferences)
                reason = footnoteReferencesBefore(splice);
        }
        if (!reason)
            reason = definitionsMoved(splice);
        if (reason)
            return renderWhole(splice.text, cancelled, *reason);
        std::optional<Region> region = renderRegion(splice, cancelled);
        if (!region)
            return false;
        // Lines of the region in no block that are not its own definitions: the definitions
        // before it swallowed them (or cmark-gfm told a block's lines wrong), so the region
        // cannot be trusted.
        for (const Entry &entry : std::as_const(region->entries)) {
            if (entry.gap && !entry.definitions)
                return renderWhole(splice.text, cancelled, u"region not parsed as a whole"_s);
        }
        if (region->fixed)
            return renderWhole(splice.text, cancelled, u"raw HTML took source positions in"_s);
        if (kept == entries.size() || linesUp(splice, *region)) {
            if (splice.footnoteReferences && !sameFootnoteReferences(splice, *region))
                return renderWhole(splice.text, cancelled, u"footnote references changed"_s);
            return finish(splice, *region, cancelled);
        }
        // Grow the region by at least its own size each time: a change that swallows the rest
        // (an unclosed fence) costs a few renders of the rest, not one per block.
        kept = nextAlignedEntry(kept + 1, splice.start + 2 * (splice.oldEnd - splice.start));
    }
}

bool IncrementalRenderer::finish(Splice &splice, Region &region, const std::atomic_bool *cancelled)
{
    bool idsMayChange = false;
    int firstAfterRegion = 0;
    QVector<int> stale;
    std::optional<State> state = spliced(splice, region, idsMayChange, firstAfterRegion, stale);
    if (!state)
        return renderWhole(splice.text, cancelled, u"raw HTML took source positions in"_s);
    if (!splice.labels.isEmpty()) {
        if (const std::optional<QString> reason = referringBlocks(splice, *state, stale))
            return renderWhole(splice.text, cancelled, *reason);
    }
    m_batched = 0;
    if ((idsMayChange || !stale.isEmpty()) &&
        !prefixHolds(state->text, state->lines, state->entries))
        return renderWhole(splice.text, cancelled,
                           u"definitions after a footnote definition no note refers to"_s);
    if (idsMayChange || !stale.isEmpty()) {
        switch (rerenderStale(*state, firstAfterRegion, idsMayChange, stale, cancelled)) {
        case Outcome::Cancelled:
            return false;
        case Outcome::Whole:
            return renderWhole(splice.text, cancelled, u"too much further down changed"_s);
        case Outcome::Done:
            break;
        }
    }
    m_state = *std::move(state);
    m_report = {false,
                {},
                splice.start,
                splice.end - 1,
                int(splice.labels.size()),
                int(stale.size()),
                m_batched,
                splice.footnoteReferences};
    return true;
}

// Whether the replaced lines in no block hold footnote references: the lines of a footnote
// definition no note refers to, whose references cmark-gfm numbered before it dropped them.
bool IncrementalRenderer::droppedNoteReferences(const Splice &splice) const
{
    for (int i = splice.firstReplaced; i < splice.firstKept; ++i) {
        const Entry &entry = m_state.entries[i];
        if (entry.gap && linesOf(m_state.text, m_state.lines, entry.firstLine, entry.lastLine + 1)
                             .contains("[^"))
            return true;
    }
    return false;
}

std::optional<QString> IncrementalRenderer::footnoteReferencesBefore(Splice &splice) const
{
    // Every footnote definition is in the prefix, so that each reference to one is one there
    // too: top-level ones are added, and a block holding one elsewhere (a block quote, a list)
    // holds "]:", as a link reference definition does, and is in it already.
    splice.footnoteReferences = true;
    const QVector<RenderedBlock> &blocks = m_state.result.blocks;
    const int regular = int(blocks.size()) - (m_state.hasFootnotes ? 1 : 0);
    QList<QByteArrayView> references;
    for (int i = 0, before = firstBlockFrom(blocks, regular, splice.start); i < before; ++i)
        appendFootnoteReferences(blocks[i].html, references);
    // (References in footnote definitions count where those stand, which the prefix does not
    // tell: the region's then come out otherwise, and the document is rendered whole.)
    for (const QByteArrayView reference : std::as_const(references)) {
        const std::optional<QByteArrayView> label = footnoteLabel(reference);
        if (!label)
            return u"footnote label written otherwise in its link"_s;
        splice.referencesBefore += "[^";
        splice.referencesBefore += *label;
        splice.referencesBefore += "] ";
    }
    return std::nullopt;
}

// Whether the region's footnote references are those of the blocks it replaces, link for link:
// then the references after it are numbered as before, and the footnotes section is the same.
bool IncrementalRenderer::sameFootnoteReferences(const Splice &splice, const Region &region) const
{
    const QVector<RenderedBlock> &blocks = m_state.result.blocks;
    const int regular = int(blocks.size()) - (m_state.hasFootnotes ? 1 : 0);
    QList<QByteArrayView> before;
    for (int i = firstBlockFrom(blocks, regular, splice.start),
             end = firstBlockFrom(blocks, regular, splice.oldEnd);
         i < end; ++i)
        appendFootnoteReferences(blocks[i].html, before);
    QList<QByteArrayView> after;
    for (const RenderedBlock &block : region.result.blocks)
        appendFootnoteReferences(block.html, after);
    return before == after;
}

std::optional<QString> IncrementalRenderer::definitionsMoved(Splice &splice) const
{
    splice.labels =
        LinkLabel::definedKeys(linesOf(m_state.text, m_state.lines, splice.start, splice.oldEnd));
    splice.labels.unite(
        LinkLabel::definedKeys(linesOf(splice.text, splice.lines, splice.start, splice.end)));
    if (splice.labels.isEmpty())
        return std::nullopt;
    if (splice.labels.size() > kMaxLabelsChanged)
        return u"many link reference definitions"_s;
    // The region is parsed after every definition outside it, and the first definition of a
    // label is the one that counts: one further down must not define a label of the region's.
    const QVector<Entry> &entries = m_state.entries;
    for (int i = splice.firstKept; i < entries.size(); ++i) {
        if (!entries[i].definitions)
            continue;
        const QSet<QString> keys = LinkLabel::definedKeys(
            linesOf(m_state.text, m_state.lines, entries[i].firstLine, entries[i].lastLine + 1));
        if (keys.intersects(splice.labels))
            return u"link label defined again further down"_s;
    }
    return std::nullopt;
}

std::optional<QString> IncrementalRenderer::referringBlocks(const Splice &splice,
                                                            const State &state,
                                                            QVector<int> &stale) const
{
    const int regularBlocks = int(state.result.blocks.size()) - (state.hasFootnotes ? 1 : 0);
    qsizetype prefixBytes = 0;
    for (const Entry &entry : state.entries) {
        if (entry.definitions)
            prefixBytes +=
                state.lines.start(entry.lastLine + 1) - state.lines.start(entry.firstLine);
    }
    const QVector<Heading> &headings = state.result.headings;
    const auto headingsEnd = headings.end() - state.footnoteHeadings;
    const qsizetype budget = std::max(kMinReparseBudget, state.text.size() / 4);
    // Blocks without headings are parsed together after the definitions (rerenderBatch); the
    // others one by one, each after them.
    qsizetype cost = prefixBytes;
    for (const Entry &entry : state.entries) {
        if (entry.gap || (entry.firstLine >= splice.start && entry.firstLine < splice.end))
            continue;
        const QByteArrayView lines =
            linesOf(state.text, state.lines, entry.firstLine, entry.lastLine + 1);
        if (!LinkLabel::mayReferenceAny(lines, splice.labels))
            continue;
        if (entry.ends == SourceBlock::Ends::Footnote)
            return u"a footnote refers to a changed link reference definition"_s;
        const int block = blockHolding(state.result.blocks, regularBlocks, entry.firstLine);
        if (block < 0)
            return u"a link reference in no block"_s;
        if (stale.isEmpty() || stale.back() != block)
            stale.append(block);
        const auto heading = std::lower_bound(
            headings.begin(), headingsEnd, entry.firstLine,
            [](const Heading &heading, int value) { return heading.line < value; });
        const bool headed = heading != headingsEnd && heading->line <= entry.lastLine;
        cost += lines.size() + (headed ? prefixBytes + kParseOverheadBytes : 1);
        if (cost + entry.lastLine > budget)
            return u"many blocks refer to changed link reference definitions"_s;
    }
    return std::nullopt;
}

int IncrementalRenderer::regionStart(const Splice &splice) const
{
    const QVector<Entry> &entries = m_state.entries;
    int start = splice.change.firstLine;
    int before = int(
        std::lower_bound(entries.begin(), entries.end(), start,
                         [](const Entry &entry, int value) { return entry.firstLine < value; }) -
        entries.begin());
    // Lines before the first entry are blank: a region may always start after them.
    while (before > 0 && !startsAfresh(entries, before, splice.text, splice.lines, start)) {
        --before;
        start = entries[before].firstLine;
    }
    return start;
}

int IncrementalRenderer::nextAlignedEntry(int from, int minimumLine) const
{
    const QVector<Entry> &entries = m_state.entries;
    for (int i = from; i < entries.size(); ++i) {
        if (entries[i].firstLine >= minimumLine &&
            startsAfresh(entries, i, m_state.text, m_state.lines, entries[i].firstLine))
            return i;
    }
    return int(entries.size());
}

std::optional<IncrementalRenderer::Region>
IncrementalRenderer::renderRegion(const Splice &splice, const std::atomic_bool *cancelled)
{
    int prefixLines = 0;
    QByteArray input =
        definitionsPrefix(m_state.text, m_state.lines, m_state.entries, splice.firstReplaced,
                          splice.firstKept, prefixLines, splice.footnoteReferences);
    if (!splice.referencesBefore.isEmpty()) {
        // A paragraph of them, closed as the definitions are.
        input += splice.referencesBefore;
        input += "\n\n***\n\n";
        prefixLines += 4;
    }
    const QByteArrayView lines = linesOf(splice.text, splice.lines, splice.start, splice.end);
    input += lines;
    QVector<SourceBlock> blocks;
    QVector<qsizetype> unshiftable;
    RenderHooks hooks;
    hooks.cancelled = cancelled;
    hooks.firstLine = prefixLines + 1;
    hooks.sourceBlocks = &blocks;
    hooks.unshiftableBlocks = &unshiftable;
    std::optional<RenderResult> result = Renderer::render(input, m_options, hooks);
    // Heading ids follow from the headings before: most regions have none, and need not know.
    if (result && !result->headings.isEmpty()) {
        const Slugger slugger = sluggerBefore(splice.start);
        hooks.slugger = &slugger;
        blocks.clear();
        unshiftable.clear();
        result = Renderer::render(input, m_options, hooks);
    }
    if (!result)
        return std::nullopt;

    const int offset = splice.start - 1 - prefixLines;
    Region region;
    region.fixed = !unshiftable.isEmpty();
    region.result.blocks.reserve(result->blocks.size());
    for (const RenderedBlock &block : std::as_const(result->blocks))
        region.result.blocks.append(shifted(block, 0, offset));
    region.result.headings.reserve(result->headings.size());
    for (const Heading &heading : std::as_const(result->headings))
        region.result.headings.append(shifted(heading, 0, offset));
    for (SourceBlock &block : blocks) {
        block.firstLine += offset;
        block.lastLine += offset;
    }
    region.entries = entriesOf(blocks, splice.text, splice.lines, splice.start, splice.end);
    return region;
}

bool IncrementalRenderer::linesUp(const Splice &splice, const Region &region) const
{
    if (splice.end >= 2 && !isBlankLine(splice.text, splice.lines, splice.end - 1))
        return false;
    if (region.entries.isEmpty())
        return true;
    int reach = 0;
    for (const Entry &entry : region.entries)
        reach = std::max(reach, entry.lastLine);
    const Entry &last = region.entries.back();
    return reach <= splice.end - 2 && !last.openHtml &&
           closedBy(last, splice.text, splice.lines, splice.end);
}

std::optional<IncrementalRenderer::State>
IncrementalRenderer::spliced(const Splice &splice, Region &region, bool &idsMayChange,
                             int &firstAfterRegion, QVector<int> &stale)
{
    const State &old = m_state;
    const int delta = splice.change.lineDelta();
    const QVector<Heading> &oldHeadings = old.result.headings;
    const int regularHeadings = int(oldHeadings.size()) - old.footnoteHeadings;
    const auto headingFrom = [&](int line) {
        return int(std::lower_bound(
                       oldHeadings.begin(), oldHeadings.begin() + regularHeadings, line,
                       [](const Heading &heading, int value) { return heading.line < value; }) -
                   oldHeadings.begin());
    };
    const int headingsBefore = headingFrom(splice.start);
    const int headingsAfter = headingFrom(splice.oldEnd);
    const QVector<QString> regionSlugs =
        regionBaseSlugs(region, headingsBefore, headingsAfter, idsMayChange);

    State state;
    state.text = splice.text;
    state.lines = splice.lines;
    state.hasFootnotes = old.hasFootnotes;
    state.footnoteHeadings = old.footnoteHeadings;
    state.namesSourcePositions = old.namesSourcePositions;
    state.definitionsInFrontMatter = old.definitionsInFrontMatter;
    if (!spliceBlocks(splice, region, state, stale))
        return std::nullopt;

    RenderResult &result = state.result;
    firstAfterRegion = headingsBefore + int(region.result.headings.size());
    result.headings.reserve(firstAfterRegion + oldHeadings.size() - headingsAfter);
    result.headings.append(oldHeadings.mid(0, headingsBefore));
    result.headings.append(std::move(region.result.headings));
    for (int i = headingsAfter; i < oldHeadings.size(); ++i)
        result.headings.append(shifted(oldHeadings[i], splice.oldEnd, delta));

    const QVector<Entry> &oldEntries = old.entries;
    state.entries.reserve(splice.firstReplaced + region.entries.size() + oldEntries.size() -
                          splice.firstKept);
    state.entries.append(oldEntries.mid(0, splice.firstReplaced));
    state.entries.append(std::move(region.entries));
    for (int i = splice.firstKept; i < oldEntries.size(); ++i) {
        Entry entry = oldEntries[i];
        entry.firstLine += delta;
        entry.lastLine += delta;
        state.entries.append(entry);
    }

    if (old.baseSlugs.size() == oldHeadings.size()) {
        state.baseSlugs = old.baseSlugs.mid(0, headingsBefore);
        state.baseSlugs.append(regionSlugs);
        state.baseSlugs.append(old.baseSlugs.mid(headingsAfter));
    }
    return state;
}

bool IncrementalRenderer::spliceBlocks(const Splice &splice, Region &region, State &state,
                                       QVector<int> &stale) const
{
    const State &old = m_state;
    const int delta = splice.change.lineDelta();
    const QVector<RenderedBlock> &oldBlocks = old.result.blocks;
    const int regularBlocks = int(oldBlocks.size()) - (old.hasFootnotes ? 1 : 0);
    RenderResult &result = state.result;
    const int blocksBefore = firstBlockFrom(oldBlocks, regularBlocks, splice.start);
    const int blocksAfter = firstBlockFrom(oldBlocks, regularBlocks, splice.oldEnd);
    result.blocks.reserve(blocksBefore + region.result.blocks.size() + oldBlocks.size() -
                          blocksAfter);
    result.blocks.append(oldBlocks.mid(0, blocksBefore));
    result.blocks.append(std::move(region.result.blocks));
    state.fixed = old.fixed.mid(0, blocksBefore);
    state.fixed.resize(result.blocks.size());
    for (int i = blocksAfter; i < oldBlocks.size(); ++i) {
        result.blocks.append(shifted(oldBlocks[i], splice.oldEnd, delta));
        // Blocks whose lines cannot be moved as text are rendered again where they now stand.
        if (old.fixed[i] && delta != 0) {
            if (i >= regularBlocks)
                return false; // the footnotes section
            stale.append(int(state.fixed.size()));
        }
        state.fixed.append(old.fixed[i]);
    }
    for (const RenderedBlock &block : std::as_const(result.blocks))
        result.hasRawHtml = result.hasRawHtml || block.rawHtml;
    return true;
}

QVector<QString> IncrementalRenderer::regionBaseSlugs(const Region &region, int headingsBefore,
                                                      int headingsAfter, bool &idsMayChange)
{
    idsMayChange = false;
    const QVector<Heading> &headings = region.result.headings;
    if (headings.isEmpty() && headingsBefore == headingsAfter)
        return {};
    // Heading ids depend on the base slugs of the headings before them, in order, and on
    // nothing else: when the region's are the same as before, so are all ids after it.
    ensureBaseSlugs();
    QVector<QString> slugs;
    slugs.reserve(headings.size());
    for (const Heading &heading : headings)
        slugs.append(Slugger::baseSlug(heading.text));
    idsMayChange = slugs != m_state.baseSlugs.mid(headingsBefore, headingsAfter - headingsBefore);
    return slugs;
}

void IncrementalRenderer::ensureBaseSlugs()
{
    const QVector<Heading> &headings = m_state.result.headings;
    if (m_state.baseSlugs.size() == headings.size())
        return;
    m_state.baseSlugs.clear();
    m_state.baseSlugs.reserve(headings.size());
    for (const Heading &heading : headings)
        m_state.baseSlugs.append(Slugger::baseSlug(heading.text));
}

Slugger IncrementalRenderer::sluggerBefore(int line)
{
    ensureBaseSlugs();
    Slugger slugger;
    const QVector<Heading> &headings = m_state.result.headings;
    const int regular = int(headings.size()) - m_state.footnoteHeadings;
    for (int i = 0; i < regular && headings[i].line < line; ++i)
        slugger.claim(m_state.baseSlugs[i]);
    return slugger;
}

IncrementalRenderer::Outcome IncrementalRenderer::rerenderStale(State &state, int firstAfterRegion,
                                                                bool idsMayChange,
                                                                QVector<int> stale,
                                                                const std::atomic_bool *cancelled)
{
    QVector<Heading> &headings = state.result.headings;
    const int regularHeadings = int(headings.size()) - state.footnoteHeadings;
    const int regularBlocks = int(state.result.blocks.size()) - (state.hasFootnotes ? 1 : 0);
    const qsizetype given = stale.size();
    if (state.baseSlugs.size() != headings.size()) {
        state.baseSlugs.clear();
        for (const Heading &heading : std::as_const(headings))
            state.baseSlugs.append(Slugger::baseSlug(heading.text));
    }
    // The blocks after the region whose headings now get other ids.
    Slugger slugger;
    for (int i = 0; idsMayChange && i < headings.size(); ++i) {
        const QString id = slugger.claim(state.baseSlugs[i]);
        if (i < firstAfterRegion || id == headings[i].id)
            continue;
        if (i >= regularHeadings)
            return Outcome::Whole; // the footnotes section is rendered whole
        stale.append(blockHolding(state.result.blocks, regularBlocks, headings[i].line));
        if (stale.size() - given > kMaxBlocksRenamed)
            return Outcome::Whole;
    }
    std::sort(stale.begin(), stale.end());
    stale.erase(std::unique(stale.begin(), stale.end()), stale.end());
    // Each again with the ids the headings before it took, after the document's definitions;
    // those without headings in one parse, when they can be.
    Prefix prefix;
    prefix.text = definitionsPrefix(state.text, state.lines, state.entries, 0, 0, prefix.lines);
    if (const Outcome outcome = rerenderWithoutHeadings(state, stale, prefix, cancelled);
        outcome != Outcome::Done)
        return outcome;
    slugger = Slugger();
    int claimed = 0;
    for (const int block : std::as_const(stale)) {
        const int firstLine = state.result.blocks[block].firstLine;
        const int firstHeading =
            int(std::lower_bound(
                    headings.begin(), headings.begin() + regularHeadings, firstLine,
                    [](const Heading &heading, int value) { return heading.line < value; }) -
                headings.begin());
        for (; claimed < firstHeading; ++claimed)
            slugger.claim(state.baseSlugs[claimed]);
        const Outcome outcome =
            rerenderBlock(state, block, firstHeading, slugger, prefix, cancelled);
        if (outcome != Outcome::Done)
            return outcome;
    }
    return Outcome::Done;
}

bool IncrementalRenderer::appendSource(const State &state, const RenderedBlock &block,
                                       QByteArray &input, int &endLine)
{
    // The block's lines are cmark-gfm's, which end an HTML block closed by "-->" a line early.
    int lastLine = block.lastLine;
    for (auto it = std::lower_bound(
             state.entries.begin(), state.entries.end(), block.firstLine,
             [](const Entry &entry, int value) { return entry.firstLine < value; });
         it != state.entries.end() && it->firstLine <= block.lastLine; ++it)
        lastLine = std::max(lastLine, it->lastLine);
    input += linesOf(state.text, state.lines, block.firstLine, lastLine + 1);
    endLine = lastLine;
    // What closes a block can change it: a list closed by a line that starts another block can
    // be loose where one closed by a blank line or the end is tight (a definition its last item
    // ends with), a setext heading in a block quote ends on the blank line after it but not at
    // the end. The line after it in the document closes it here too; what that line starts is
    // not the block's.
    const bool closedByNextLine = lastLine < state.lines.lineCount();
    if (closedByNextLine) {
        if (!endsWithLineBreak(input) || input.back() == '\r')
            input += '\n';
        input += linesOf(state.text, state.lines, lastLine + 1, lastLine + 2);
        if (!endsWithLineBreak(input) || input.back() == '\r')
            input += '\n';
        ++endLine;
    }
    return closedByNextLine;
}

IncrementalRenderer::Outcome IncrementalRenderer::rerenderWithoutHeadings(
    State &state, QVector<int> &stale, const Prefix &prefix, const std::atomic_bool *cancelled)
{
    const QVector<Heading> &headings = state.result.headings;
    const auto headingsEnd = headings.end() - state.footnoteHeadings;
    QVector<int> withoutHeadings;
    for (const int block : std::as_const(stale)) {
        const RenderedBlock &rendered = state.result.blocks[block];
        const auto heading = std::lower_bound(
            headings.begin(), headingsEnd, rendered.firstLine,
            [](const Heading &heading, int value) { return heading.line < value; });
        if (heading == headingsEnd || heading->line > rendered.lastLine)
            withoutHeadings.append(block);
    }
    if (withoutHeadings.size() < 2)
        return Outcome::Done;
    QVector<int> left = withoutHeadings;
    const Outcome outcome = rerenderBatch(state, left, prefix, cancelled);
    if (outcome != Outcome::Done || left.size() == withoutHeadings.size())
        return outcome;
    // The blocks still to render: those with headings and those the batch left.
    QVector<int> remaining;
    std::set_difference(stale.begin(), stale.end(), withoutHeadings.begin(), withoutHeadings.end(),
                        std::back_inserter(remaining));
    remaining += left;
    std::sort(remaining.begin(), remaining.end());
    stale = remaining;
    return Outcome::Done;
}

IncrementalRenderer::Outcome IncrementalRenderer::rerenderBatch(State &state, QVector<int> &blocks,
                                                                const Prefix &prefix,
                                                                const std::atomic_bool *cancelled)
{
    // Each block after the definitions, as far from the one before as in the document (moved
    // down all alike when the first stands where the definitions do), with a blank line at least
    // between two: one parse for all. A block with no room before it is left in `blocks` for a
    // render of its own.
    // (Footnote references and the blocks a table split are left for rerenderBlock to refuse.)
    const auto alone = [&state](int index) {
        const RenderedBlock &block = state.result.blocks[index];
        return !linesOf(state.text, state.lines, block.firstLine, block.lastLine + 1)
                    .contains("[^") &&
               !splitByTable(state.result.blocks, index);
    };
    int offset = 0;
    for (const int index : std::as_const(blocks)) {
        if (alone(index)) {
            offset = std::max(0, prefix.lines - (state.result.blocks[index].firstLine - 1));
            break;
        }
    }
    QByteArray input = prefix.text;
    int line = prefix.lines;
    QVector<std::pair<int, int>> batch; // the block, and the line closing it here (or 0)
    QVector<int> rest;
    for (const int index : std::as_const(blocks)) {
        const RenderedBlock &block = state.result.blocks[index];
        const int firstLine = block.firstLine + offset;
        if (firstLine - 1 < line + (batch.isEmpty() ? 0 : 1) || !alone(index)) {
            rest.append(index);
            continue;
        }
        input += QByteArray(firstLine - 1 - line, '\n');
        const bool closed = appendSource(state, block, input, line);
        line += offset;
        batch.append({index, closed ? line : 0});
    }
    if (batch.size() < 2)
        return Outcome::Done;
    QVector<qsizetype> unshiftable;
    RenderHooks hooks;
    hooks.cancelled = cancelled;
    hooks.firstLine = prefix.lines + 1;
    hooks.unshiftableBlocks = &unshiftable;
    std::optional<RenderResult> result = Renderer::render(input, m_options, hooks);
    if (!result)
        return Outcome::Cancelled;
    if (batchCameOut(state, batch, offset, *result, unshiftable)) {
        blocks = rest;
        m_batched += int(batch.size());
    }
    return Outcome::Done;
}

bool IncrementalRenderer::batchCameOut(State &state, const QVector<std::pair<int, int>> &batch,
                                       int offset, RenderResult &result,
                                       const QVector<qsizetype> &unshiftable) const
{
    // Each block must come out alone, at its lines, or it depends on what is around it here;
    // what the line closing it starts is not its own.
    if (offset != 0 && !unshiftable.isEmpty())
        return false;
    QVector<qsizetype> positions;
    qsizetype at = 0;
    for (const auto &[index, closingLine] : batch) {
        const RenderedBlock &block = state.result.blocks[index];
        if (at >= result.blocks.size() || result.blocks[at].firstLine != block.firstLine + offset ||
            result.blocks[at].lastLine != block.lastLine + offset)
            return false;
        positions.append(at++);
        while (closingLine && at < result.blocks.size() &&
               result.blocks[at].firstLine == closingLine)
            ++at;
    }
    if (at != result.blocks.size() || !result.headings.isEmpty())
        return false;
    for (qsizetype i = 0; i < batch.size(); ++i) {
        const int index = batch[i].first;
        state.fixed[index] = unshiftable.contains(positions[i]);
        state.result.blocks[index] = shifted(result.blocks[positions[i]], 0, -offset);
    }
    return true;
}

IncrementalRenderer::Outcome IncrementalRenderer::rerenderBlock(State &state, int blockIndex,
                                                                int firstHeading,
                                                                const Slugger &slugger,
                                                                const Prefix &prefix,
                                                                const std::atomic_bool *cancelled)
{
    RenderedBlock &block = state.result.blocks[blockIndex];
    // Footnote references are numbered by the whole document: alone, the block cannot tell.
    if (linesOf(state.text, state.lines, block.firstLine, block.lastLine + 1).contains("[^") ||
        splitByTable(state.result.blocks, blockIndex))
        return Outcome::Whole;
    int prefixLines = prefix.lines;
    QByteArray input = prefix.text;
    // Blank lines up to the block's own first line: rendered where it stands, it needs no
    // source positions moved (which is why some blocks are rendered again).
    if (prefixLines < block.firstLine - 1) {
        input += QByteArray(block.firstLine - 1 - prefixLines, '\n');
        prefixLines = block.firstLine - 1;
    }
    int endLine = 0;
    const bool closedByNextLine = appendSource(state, block, input, endLine);
    QVector<qsizetype> unshiftable;
    RenderHooks hooks;
    hooks.cancelled = cancelled;
    hooks.slugger = &slugger;
    hooks.firstLine = prefixLines + 1;
    hooks.unshiftableBlocks = &unshiftable;
    std::optional<RenderResult> result = Renderer::render(input, m_options, hooks);
    if (!result)
        return Outcome::Cancelled;
    const int offset = block.firstLine - 1 - prefixLines;
    // Alone, the block's lines must give the same one block, or they depend on what is around;
    // what the line closing it starts comes after it.
    const int closingLine = endLine - offset;
    const auto closing = [closingLine](const auto &item) { return item.firstLine >= closingLine; };
    if (closedByNextLine && !result->blocks.isEmpty() &&
        std::all_of(result->blocks.begin() + 1, result->blocks.end(), closing))
        result->blocks.resize(1);
    if (result->blocks.size() != 1 || (offset != 0 && unshiftable.contains(0)))
        return Outcome::Whole;
    RenderedBlock rendered = shifted(result->blocks.front(), 0, offset);
    if (rendered.firstLine != block.firstLine || rendered.lastLine != block.lastLine)
        return Outcome::Whole;
    QVector<Heading> &headings = state.result.headings;
    for (int i = 0; i < result->headings.size(); ++i) {
        const Heading heading = shifted(result->headings[i], 0, offset);
        if (heading.line > block.lastLine)
            break;
        if (firstHeading + i >= headings.size() || headings[firstHeading + i].line != heading.line)
            return Outcome::Whole;
        // A heading whose text a link reference changed may take another id, and so may the
        // headings after it.
        if (Slugger::baseSlug(heading.text) != state.baseSlugs[firstHeading + i])
            return Outcome::Whole;
        headings[firstHeading + i] = heading;
    }
    block = std::move(rendered);
    state.fixed[blockIndex] = unshiftable.contains(0);
    return Outcome::Done;
}

} // namespace mdp
