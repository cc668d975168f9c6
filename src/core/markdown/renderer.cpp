// SPDX-License-Identifier: GPL-3.0-or-later
#include "renderer.h"

#include "core/html/htmlsanitizer.h"
#include "core/logging.h"
#include "core/markdown/bytehash.h"
#include "core/markdown/frontmatter.h"
#include "core/markdown/githubmarkup.h"
#include "core/markdown/lineindex.h"
#include "core/markdown/parsearena.h"
#include "core/markdown/rawhtmlbalance.h"

#include <QDir>
#include <QFileInfo>
#include <QUrl>

#include <cmark-gfm-core-extensions.h>
#include <cmark-gfm.h>

#include <algorithm>
#include <cstring>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <string_view>

namespace mdp {

namespace {

constexpr int kParseOptions = CMARK_OPT_SOURCEPOS | CMARK_OPT_FOOTNOTES | CMARK_OPT_VALIDATE_UTF8;
// Raw HTML is kept: GitHub keeps an allowlist of it, and READMEs depend on it (centred logos,
// <details>). HtmlSanitizer applies that allowlist; the shell page's Content-Security-Policy
// stops anything that would still try to run.
constexpr int kRenderOptions = kParseOptions | CMARK_OPT_UNSAFE;

constexpr const char *kExtensions[] = {"table", "strikethrough", "autolink", "tagfilter",
                                       "tasklist"};

struct NodeDeleter
{
    void operator()(cmark_node *node) const { cmark_node_free(node); }
};
struct ParserDeleter
{
    void operator()(cmark_parser *parser) const { cmark_parser_free(parser); }
};
using NodePtr = std::unique_ptr<cmark_node, NodeDeleter>;
using ParserPtr = std::unique_ptr<cmark_parser, ParserDeleter>;

ParserPtr makeParser()
{
    // The extension registry is process-wide and not thread-safe to fill.
    static std::once_flag registered;
    std::call_once(registered, [] { cmark_gfm_core_extensions_ensure_registered(); });

    ParserPtr parser(cmark_parser_new_with_mem(kParseOptions, ParseArena::allocator()));
    for (const char *name : kExtensions) {
        if (cmark_syntax_extension *extension = cmark_find_syntax_extension(name))
            cmark_parser_attach_syntax_extension(parser.get(), extension);
        else
            qCWarning(lcRenderer) << "cmark-gfm extension missing:" << name;
    }
    return parser;
}

// The text is fed to the parser this much at a time, cut after a line break, so that a render
// a newer text overtook stops within a few milliseconds of the parse rather than at its end.
// Feeding is streaming: the pieces give the tree the whole text gives.
constexpr qsizetype kFeedBytes = 64 * 1024;

// The document tree of `markdown`, or nothing when `cancelled` was set while it was parsed. The
// last step, cmark_parser_finish (inline parsing), runs to its end once begun.
NodePtr parseDocument(cmark_parser *parser, QByteArrayView markdown,
                      const std::atomic_bool *cancelledFlag)
{
    const auto cancelled = [cancelledFlag] {
        return cancelledFlag && cancelledFlag->load(std::memory_order_relaxed);
    };
    while (markdown.size() > kFeedBytes) {
        const qsizetype lineEnd = markdown.indexOf('\n', kFeedBytes - 1);
        const qsizetype piece = lineEnd < 0 ? markdown.size() : lineEnd + 1;
        cmark_parser_feed(parser, markdown.data(), size_t(piece));
        markdown = markdown.sliced(piece);
        if (cancelled())
            return nullptr;
    }
    cmark_parser_feed(parser, markdown.data(), size_t(markdown.size()));
    if (cancelled())
        return nullptr;
    return NodePtr(cmark_parser_finish(parser));
}

QByteArray renderHtml(cmark_node *node, cmark_llist *extensions)
{
    // In the arena, like the tree: freed at once, the buffer is taken back, and the next block's
    // HTML is written into the same memory.
    cmark_mem *const memory = ParseArena::allocator();
    char *html = cmark_render_html_with_mem(node, kRenderOptions, extensions, memory);
    QByteArray result(html);
    memory->free(html);
    return result;
}

// The next " data-sourcepos=\"" in [from, end), or `end`. The searcher is built once:
// QByteArray::indexOf prepares its search anew on every call (most of the time a short block
// takes) and reads a long one a byte at a time.
const char *nextSourcePosition(const char *from, const char *end)
{
    static constexpr std::string_view kMarker(" data-sourcepos=\"");
    static const std::boyer_moore_horspool_searcher searcher(kMarker.begin(), kMarker.end());
    return std::search(from, end, searcher);
}

constexpr qsizetype kSourcePositionMarker = sizeof " data-sourcepos=\"" - 1;

// Hashes the HTML as if it had no data-sourcepos attributes, so that the hash says whether the
// block looks the same, wherever in the file it now stands. Every block is hashed.
quint64 hashWithoutSourcePositions(const QByteArray &html)
{
    const char *const end = html.constData() + html.size();
    const char *from = html.constData();
    size_t hash = 0;
    while (true) {
        const char *at = nextSourcePosition(from, end);
        hash = byteHash(hash, QByteArrayView(from, at - from));
        if (at == end)
            break;
        const char *close = std::find(at + kSourcePositionMarker, end, '"');
        if (close == end)
            break;
        from = close + 1;
    }
    return hash;
}

// Root-relative URLs ("/docs/a.png", not "//host/a.png") in href and src attributes, made
// absolute against the repository root. Runs on HTML that cmark or the sanitizer wrote: there a
// '<' or '>' is markup (text and attribute values have them escaped), so one pass that tracks
// whether it is inside a tag finds attributes and nothing else.
void resolveRootRelativeUrls(QByteArray &html, const QByteArray &rootUrl)
{
    if (rootUrl.isEmpty() || !html.contains("=\"/"))
        return;
    QByteArray out;
    out.reserve(html.size() + 4 * rootUrl.size());
    bool inTag = false;
    qsizetype copied = 0;
    for (qsizetype i = 0; i < html.size(); ++i) {
        const char c = html[i];
        if (c == '<' || c == '>') {
            inTag = c == '<';
            continue;
        }
        if (!inTag || c != '=' || i + 2 >= html.size() || html[i + 1] != '"' ||
            html[i + 2] != '/' || (i + 3 < html.size() && html[i + 3] == '/'))
            continue;
        const QByteArrayView before = QByteArrayView(html).first(i);
        if (!before.endsWith(" href") && !before.endsWith(" src"))
            continue;
        out += QByteArrayView(html).sliced(copied, i + 2 - copied);
        out += rootUrl;
        copied = i + 2;
    }
    if (copied == 0)
        return;
    out += QByteArrayView(html).sliced(copied);
    html = std::move(out);
}

// The values of the data-sourcepos attributes in `html`, one after the other.
QByteArray sourcePositions(const QByteArray &html)
{
    const char *const end = html.constData() + html.size();
    QByteArray values;
    for (const char *at = nextSourcePosition(html.constData(), end); at != end;
         at = nextSourcePosition(at + 1, end)) {
        const char *const from = at + kSourcePositionMarker;
        const char *const close = std::find(from, end, '"');
        values += QByteArrayView(from, close);
        values += ',';
    }
    return values;
}

// `shiftable`: whether each source position the block had still is an attribute of its own
// after the sanitizer, so that the incremental renderer can move its lines as text.
RenderedBlock makeBlock(QByteArray html, int firstLine, int lastLine, HtmlSanitizer::Check rawHtml,
                        const QByteArray &rootUrl, bool *shiftable = nullptr)
{
    // Only raw HTML can bring in what GitHub would not show; a block without it is cmark's and
    // ours alone, and so is one whose raw HTML is bare allowed tags: both skip the parser.
    if (rawHtml == HtmlSanitizer::Check::Sanitize) {
        const QByteArray positions = shiftable ? sourcePositions(html) : QByteArray();
        html = HtmlSanitizer::sanitizeRendered(html);
        // Broken raw HTML (a quote never closed) can take the renderer's attributes into its own.
        if (shiftable)
            *shiftable = sourcePositions(html) == positions;
    }
    resolveRootRelativeUrls(html, rootUrl);
    RenderedBlock block;
    block.contentHash = hashWithoutSourcePositions(html);
    block.html = std::move(html);
    block.firstLine = firstLine;
    block.lastLine = lastLine;
    block.rawHtml = rawHtml != HtmlSanitizer::Check::None;
    return block;
}

// The repository root as it goes into an attribute value.
QByteArray rootUrlOf(const RenderOptions &options)
{
    if (options.repositoryRoot.isEmpty())
        return {};
    QByteArray rootUrl =
        QUrl::fromLocalFile(options.repositoryRoot).toString(QUrl::FullyEncoded).toUtf8();
    if (rootUrl.endsWith('/'))
        rootUrl.chop(1);
    rootUrl.replace('&', "&amp;");
    return rootUrl;
}

// Lines end at "\n", "\r\n" or a lone "\r". Found by memchr: an HTML block may be most of a
// large document (a <div> never closed), and this runs on every one.
int lineCount(const char *text)
{
    const char *const end = text + std::strlen(text);
    int lines = 0;
    for (const char *at = text;
         (at = static_cast<const char *>(std::memchr(at, '\n', size_t(end - at)))); ++at)
        ++lines;
    for (const char *at = text;
         (at = static_cast<const char *>(std::memchr(at, '\r', size_t(end - at)))); ++at) {
        if (at[1] != '\n')
            ++lines;
    }
    return end > text && end[-1] != '\n' && end[-1] != '\r' ? lines + 1 : lines;
}

// How far a top-level block reaches, as far as the incremental renderer needs to know.
SourceBlock describeSource(cmark_node *node)
{
    SourceBlock source;
    source.firstLine = cmark_node_get_start_line(node);
    // An HTML block closed on its first line ends on the line before it (see BlockAssembler).
    source.lastLine = std::max(source.firstLine, cmark_node_get_end_line(node));
    switch (cmark_node_get_type(node)) {
    case CMARK_NODE_HEADING:
        // cmark-gfm ends a setext heading on the line after its underline, unless the document
        // ends first; a line too few is the safer mistake (it only keeps a re-parse from
        // starting there).
        if (source.lastLine > source.firstLine)
            --source.lastLine;
        source.ends = SourceBlock::Ends::AtBlankLine;
        break;
    case CMARK_NODE_PARAGRAPH:
    case CMARK_NODE_BLOCK_QUOTE:
        source.ends = SourceBlock::Ends::AtBlankLine;
        break;
    case CMARK_NODE_THEMATIC_BREAK:
        source.ends = SourceBlock::Ends::AtBlankLine;
        source.mayDefine = false;
        break;
    case CMARK_NODE_HTML_BLOCK:
        source.ends = SourceBlock::Ends::AtBlankLine;
        source.mayDefine = false;
        // cmark-gfm ends a block closed by its end condition ("-->", "</script>") on the line
        // before that condition's line; its text tells where it really ends.
        source.lastLine = std::max(source.lastLine,
                                   source.firstLine + lineCount(cmark_node_get_literal(node)) - 1);
        break;
    case CMARK_NODE_CODE_BLOCK: {
        int length = 0;
        int offset = 0;
        char character = 0;
        source.ends = cmark_node_get_fenced(node, &length, &offset, &character)
                          ? SourceBlock::Ends::AtBlankLine
                          : SourceBlock::Ends::Indentable;
        source.mayDefine = false;
        break;
    }
    case CMARK_NODE_FOOTNOTE_DEFINITION:
        source.ends = SourceBlock::Ends::Footnote;
        break;
    default:
        // Tables are an extension's type (one may begin with the definitions of the paragraph
        // it interrupted); anything else may reach further than it looks.
        source.ends = std::strcmp(cmark_node_get_type_string(node), "table") == 0
                          ? SourceBlock::Ends::AtBlankLine
                          : SourceBlock::Ends::Indentable;
        break;
    }
    return source;
}

// The lines of a top-level node. cmark-gfm ends an HTML block that closes on its own first line
// ("<?>", found by fuzzing) on the line before it: the page needs blocks that end where they
// start or later.
std::pair<int, int> linesOf(cmark_node *node)
{
    const int firstLine = cmark_node_get_start_line(node);
    return {firstLine, std::max(firstLine, cmark_node_get_end_line(node))};
}

bool isTable(cmark_node *node)
{
    return node && std::strcmp(cmark_node_get_type_string(node), "table") == 0;
}

// Whether a line is a table's delimiter row ("| --- | :-: |"), as far as its characters tell.
bool isDelimiterRow(QByteArrayView line)
{
    bool dash = false;
    for (const char c : line) {
        if (c == '-')
            dash = true;
        else if (c != '|' && c != ':' && c != ' ' && c != '\t' && c != '\r' && c != '\n')
            return false;
    }
    return dash;
}

// cmark-gfm gives the paragraph a table interrupted (the lines before its header row) no
// position, line 0, and the table the paragraph's lines as well as its own. They become two
// blocks, each with its lines: the paragraph up to the line before the header row, which is the
// line before the first delimiter row. They stay one source block: parsed apart, the lines would
// read otherwise (what reads as a link reference definition in that paragraph defines nothing
// unless it came before a setext heading's underline, say).
class TableSplit final
{
public:
    explicit TableSplit(QByteArrayView markdown)
        : m_markdown(markdown)
    {}

    // The lines of the block a top-level node makes, `next` the node after it. `beforeTable`:
    // it is such a paragraph, and `source` takes the table's first line.
    std::pair<int, int> blockLines(cmark_node *node, cmark_node *next, SourceBlock &source,
                                   bool &beforeTable)
    {
        std::pair<int, int> lines = linesOf(node);
        beforeTable = source.firstLine == 0 && isTable(next);
        if (beforeTable) {
            m_headerLine = headerRowLine(next);
            lines = {cmark_node_get_start_line(next), m_headerLine - 1};
            source.firstLine = lines.first;
        } else if (m_headerLine > 0) {
            lines.first = m_headerLine;
            m_headerLine = 0;
        }
        return lines;
    }

private:
    int headerRowLine(cmark_node *table)
    {
        const auto [firstLine, lastLine] = linesOf(table);
        if (!m_lines)
            m_lines.emplace(m_markdown);
        for (int line = firstLine + 2; line <= lastLine; ++line) {
            const qsizetype start = m_lines->start(line);
            if (isDelimiterRow(m_markdown.sliced(start, m_lines->end(line) - start)))
                return line - 1;
        }
        return std::min(firstLine + 1, lastLine);
    }

    QByteArrayView m_markdown;
    std::optional<LineIndex> m_lines; // made for the first paragraph before a table
    int m_headerLine = 0;             // of the table after such a paragraph
};

// Top-level blocks that a raw HTML element spans (opened in one HTML block, closed in a later
// one) are merged into one, so the page parses them together as a browser parses the file.
class BlockAssembler final
{
public:
    explicit BlockAssembler(RenderResult &result, GithubMarkup &markup, const QByteArray &rootUrl,
                            QVector<qsizetype> *unshiftable)
        : m_result(result)
        , m_markup(markup)
        , m_rootUrl(rootUrl)
        , m_unshiftable(unshiftable)
    {}

    // A top-level node, whose lines are [firstLine, lastLine].
    void add(cmark_node *node, cmark_llist *extensions, int firstLine, int lastLine)
    {
        const int depthChange = cmark_node_get_type(node) == CMARK_NODE_HTML_BLOCK
                                    ? rawHtmlDepthChange(cmark_node_get_literal(node))
                                    : 0;
        HtmlSanitizer::Check rawHtml = HtmlSanitizer::Check::None;
        node = m_markup.apply(node, rawHtml);
        m_result.hasRawHtml = m_result.hasRawHtml || rawHtml != HtmlSanitizer::Check::None;
        QByteArray html;
        if (std::optional<QByteArray> written = m_markup.takeWrittenHtml()) {
            html = std::move(*written);
        } else {
            html = renderHtml(node, extensions);
            m_markup.finishHtml(html);
        }
        if (m_openDepth > 0) {
            m_group.html += html;
            m_group.lastLine = lastLine;
            m_groupCheck = std::max(m_groupCheck, rawHtml);
            m_openDepth += depthChange;
            if (m_openDepth <= 0)
                closeGroup();
            return;
        }
        if (depthChange > 0) {
            m_group.html = std::move(html);
            m_group.firstLine = firstLine;
            m_group.lastLine = lastLine;
            m_groupCheck = rawHtml;
            m_openDepth = depthChange;
            return;
        }
        append(makeBlock(std::move(html), firstLine, lastLine, rawHtml, m_rootUrl, &m_shiftable));
    }

    bool isOpen() const { return m_openDepth > 0; }

    void finish()
    {
        if (m_openDepth > 0)
            closeGroup();
    }

private:
    void closeGroup()
    {
        append(makeBlock(std::move(m_group.html), m_group.firstLine, m_group.lastLine, m_groupCheck,
                         m_rootUrl, &m_shiftable));
        m_group = {};
        m_openDepth = 0;
    }

    void append(RenderedBlock block)
    {
        if (!m_shiftable && m_unshiftable)
            m_unshiftable->append(m_result.blocks.size());
        m_shiftable = true;
        m_result.blocks.append(std::move(block));
    }

    RenderResult &m_result;
    GithubMarkup &m_markup;
    const QByteArray &m_rootUrl;
    QVector<qsizetype> *m_unshiftable = nullptr;
    bool m_shiftable = true;
    RenderedBlock m_group;
    HtmlSanitizer::Check m_groupCheck = HtmlSanitizer::Check::None;
    int m_openDepth = 0;
};

// The front matter is a block of its own, above the document, as on GitHub.
void addFrontMatter(RenderResult &result, const FrontMatter &frontMatter)
{
    RenderedBlock block;
    block.html = frontMatter.html();
    block.contentHash = hashWithoutSourcePositions(block.html);
    block.firstLine = 1;
    block.lastLine = frontMatter.lastLine();
    result.blocks.append(std::move(block));
    result.diagnostic = frontMatter.error();
}

// The footnotes section, the last block: the definitions cmark-gfm moved to the end, rendered
// from a document of their own. `lines` are the first and last of the definitions.
// A block a top-level node, or fewer: the list is sized once (a document of thousands of
// headings spent more time growing it than filling it), and so are the outline and the heading
// ids, for the top-level headings (nearly all).
void reserveForBlocks(cmark_node *first, RenderResult &result, GithubMarkup &markup)
{
    qsizetype nodes = 0;
    qsizetype headings = 0;
    for (cmark_node *counted = first; counted; counted = cmark_node_next(counted)) {
        ++nodes;
        if (cmark_node_get_type(counted) == CMARK_NODE_HEADING)
            ++headings;
    }
    result.blocks.reserve(result.blocks.size() + nodes + 1);
    result.headings.reserve(headings);
    markup.reserveHeadings(headings);
}

void appendFootnotes(RenderResult &result, GithubMarkup &markup, cmark_node *footnotes,
                     cmark_llist *extensions, std::pair<int, int> lines, const QByteArray &rootUrl,
                     QVector<qsizetype> *unshiftableBlocks)
{
    HtmlSanitizer::Check rawHtml = HtmlSanitizer::Check::None;
    markup.apply(footnotes, rawHtml);
    result.hasRawHtml = result.hasRawHtml || rawHtml != HtmlSanitizer::Check::None;
    bool shiftable = true;
    result.blocks.append(makeBlock(renderHtml(footnotes, extensions), lines.first, lines.second,
                                   rawHtml, rootUrl, &shiftable));
    if (!shiftable && unshiftableBlocks)
        unshiftableBlocks->append(result.blocks.size() - 1);
}

} // namespace

QByteArray RenderResult::html() const
{
    qsizetype size = 0;
    for (const RenderedBlock &block : blocks)
        size += block.html.size();
    QByteArray out;
    out.reserve(size);
    for (const RenderedBlock &block : blocks)
        out += block.html;
    return out;
}

RenderOptions RenderOptions::forDocument(const QString &documentPath)
{
    const QDir folder = QFileInfo(documentPath).absoluteDir();
    for (QDir dir = folder;;) {
        if (QFileInfo::exists(dir.filePath(QStringLiteral(".git"))))
            return {dir.absolutePath()};
        if (!dir.cdUp())
            break;
    }
    return {folder.absolutePath()};
}

RenderResult Renderer::render(QByteArrayView markdown, const RenderOptions &options)
{
    return *render(markdown, options, RenderHooks());
}

std::optional<RenderResult> Renderer::render(QByteArrayView markdown, const RenderOptions &options,
                                             const RenderHooks &hooks)
{
    const auto cancelled = [&hooks] {
        return hooks.cancelled && hooks.cancelled->load(std::memory_order_relaxed);
    };
    // Every node of the tree, the parser's and ours, is in the arena until the render ends.
    const ParseArena::Scope arena;
    // cmark would count a byte order mark as three columns of the first line.
    if (markdown.startsWith("\xef\xbb\xbf"))
        markdown = markdown.sliced(3);
    // Its lines reach cmark empty: what follows keeps its line numbers.
    const FrontMatter frontMatter = FrontMatter::find(markdown);
    QByteArray withoutFrontMatter;
    if (frontMatter.isPresent()) {
        withoutFrontMatter = frontMatter.blankedDocument(markdown);
        markdown = withoutFrontMatter;
    }
    ParserPtr parser = makeParser();
    const NodePtr document = parseDocument(parser.get(), markdown, hooks.cancelled);
    if (!document || cancelled())
        return std::nullopt;
    cmark_llist *extensions = cmark_parser_get_syntax_extensions(parser.get());

    const QByteArray rootUrl = rootUrlOf(options);
    RenderResult result;
    if (frontMatter.isPresent())
        addFrontMatter(result, frontMatter);
    GithubMarkup markup(result, hooks.slugger ? *hooks.slugger : Slugger());
    markup.setSource(markdown);
    BlockAssembler assembler(result, markup, rootUrl, hooks.unshiftableBlocks);

    // cmark-gfm moves footnote definitions to the end of the document; GitHub shows them as one
    // section, so they become one block, rendered from a document of their own.
    NodePtr footnotes(cmark_node_new_with_mem(CMARK_NODE_DOCUMENT, ParseArena::allocator()));
    int footnotesFirstLine = 0;
    int footnotesLastLine = 0;

    cmark_node *node = cmark_node_first_child(document.get());
    reserveForBlocks(node, result, markup);
    TableSplit tables(markdown);
    while (node) {
        if (cancelled())
            return std::nullopt;
        cmark_node *next = cmark_node_next(node);
        SourceBlock source = describeSource(node);
        bool beforeTable = false;
        const std::pair<int, int> blockLines = tables.blockLines(node, next, source, beforeTable);
        if (source.firstLine < hooks.firstLine) {
            node = next;
            continue;
        }
        if (source.ends == SourceBlock::Ends::Footnote) {
            if (!footnotesFirstLine || source.firstLine < footnotesFirstLine)
                footnotesFirstLine = source.firstLine;
            footnotesLastLine = std::max(footnotesLastLine, cmark_node_get_end_line(node));
            cmark_node_unlink(node);
            cmark_node_append_child(footnotes.get(), node);
        } else {
            assembler.add(node, extensions, blockLines.first, blockLines.second);
            source.openHtml = assembler.isOpen();
        }
        if (hooks.sourceBlocks && !beforeTable)
            hooks.sourceBlocks->append(source);
        node = next;
    }
    assembler.finish();
    if (cmark_node_first_child(footnotes.get()))
        appendFootnotes(result, markup, footnotes.get(), extensions,
                        {footnotesFirstLine, footnotesLastLine}, rootUrl, hooks.unshiftableBlocks);
    // cmark-gfm moved the footnote definitions to the end.
    if (hooks.sourceBlocks)
        std::stable_sort(
            hooks.sourceBlocks->begin(), hooks.sourceBlocks->end(),
            [](const SourceBlock &a, const SourceBlock &b) { return a.firstLine < b.firstLine; });
    return result;
}

} // namespace mdp
