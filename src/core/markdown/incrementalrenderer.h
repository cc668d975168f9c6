// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/markdown/linechange.h"
#include "core/markdown/lineindex.h"
#include "core/markdown/renderer.h"
#include "core/markdown/renderresult.h"

#include <QByteArray>
#include <QSet>
#include <QString>
#include <QVector>

#include <atomic>
#include <optional>

namespace mdp {

// Renders one document version after version, at the cost of each change rather than of the
// document: it re-parses the lines from the last top-level block boundary before a change to the
// first place after it where the new parse lines up with the old blocks again, and moves the
// blocks after it down or up. A change of link reference definitions renders again the blocks
// elsewhere that may refer to the labels it defined or defines (LinkLabel). Footnote references
// in a change are numbered as the whole document numbers them: the region is parsed after every
// footnote definition and the references before it, and kept when its references came out as
// before. It falls back to a whole render where a change can reach further: footnote
// definitions, references added or removed, front matter, raw HTML that names source positions
// itself. The result is always byte for byte what
// Renderer::render returns for the same text: blocks, hashes, lines, heading ids, the footnotes
// section.
//
// Not thread-safe; one update at a time, on any thread.
class IncrementalRenderer final
{
public:
    explicit IncrementalRenderer(RenderOptions options = {});

    // Renders `text`. `change`, when the caller knows it, says which lines of the previous text
    // changed (an editor knows; for a saved file, leave it out and the texts are compared).
    // Returns false, with the state of the previous update kept, when `cancelled` was set
    // before the render was done.
    bool update(const QByteArray &text, std::optional<LineChange> change = std::nullopt,
                const std::atomic_bool *cancelled = nullptr);

    const RenderResult &result() const { return m_state.result; }
    const QByteArray &text() const { return m_state.text; }
    const RenderOptions &options() const { return m_options; }
    // Forgets the document: the next update renders it whole.
    void reset(RenderOptions options);

    // How the last update was done, for tests and benchmarks.
    struct Report
    {
        bool whole = true;
        QString reason;    // why it was a whole render
        int firstLine = 0; // the lines re-parsed, in the new text
        int lastLine = 0;
        // Link labels the re-parsed lines defined before or after the change, and the blocks
        // outside them rendered again because they may refer to one (or for other reasons:
        // heading ids that changed, source positions that cannot move as text).
        int labelsChanged = 0;
        int blocksRerendered = 0;
        int blocksInOneParse = 0;        // of those, parsed together
        bool footnoteReferences = false; // the re-parsed lines held footnote references
    };
    const Report &lastReport() const { return m_report; }

    // A top-level block of the source, or a run of lines outside any (link reference
    // definitions), as the next update needs to know it.
    struct Entry
    {
        int firstLine = 0;
        int lastLine = 0;
        SourceBlock::Ends ends = SourceBlock::Ends::AtBlankLine;
        bool openHtml = false;
        // Holds "]:" where a definition may be: link reference definitions every part of the
        // document sees, perhaps.
        bool definitions = false;
        // Lines in no block: definitions (or a footnote definition no note refers to).
        bool gap = false;
    };

private:
    struct State
    {
        QByteArray text;
        LineIndex lines;
        QVector<Entry> entries;
        RenderResult result;
        // The footnotes section is the last block; its headings are the last headings.
        bool hasFootnotes = false;
        int footnoteHeadings = 0;
        // Raw HTML that writes data-sourcepos itself: its lines cannot be told from ours.
        bool namesSourcePositions = false;
        // "]:" in what may be front matter: whether those are definitions depends on how the
        // front matter is read, so no part of the document is rendered without them.
        bool definitionsInFrontMatter = false;
        // For each block: its source positions cannot be moved as text (broken raw HTML took
        // them into its own attributes), so it is rendered again when its lines move.
        QVector<bool> fixed;
        // Slugger::baseSlug of each heading, worked out the first time an edit touches one.
        QVector<QString> baseSlugs;
    };
    struct Region;
    struct Splice;
    // The document's link reference definitions, to parse before a part of it.
    struct Prefix
    {
        QByteArray text;
        int lines = 0;
    };

    enum class Outcome
    {
        Done,
        Cancelled,
        Whole,
    };

    bool renderWhole(const QByteArray &text, const std::atomic_bool *cancelled, QString reason);
    bool updateRegion(Splice &splice, const std::atomic_bool *cancelled);
    bool finish(Splice &splice, Region &region, const std::atomic_bool *cancelled);
    std::optional<LineIndex> indexAfter(const LineChange &change, const QByteArray &text) const;
    std::optional<LineChange> checkedChange(const LineChange &change, const QByteArray &text,
                                            LineIndex &lines) const;
    std::optional<QString> reachesFurther(Splice &splice) const;
    bool droppedNoteReferences(const Splice &splice) const;
    std::optional<QString> footnoteReferencesBefore(Splice &splice) const;
    bool sameFootnoteReferences(const Splice &splice, const Region &region) const;
    std::optional<QString> definitionsMoved(Splice &splice) const;
    std::optional<QString> referringBlocks(const Splice &splice, const State &state,
                                           QVector<int> &stale) const;
    int regionStart(const Splice &splice) const;
    int nextAlignedEntry(int from, int minimumLine) const;
    std::optional<Region> renderRegion(const Splice &splice, const std::atomic_bool *cancelled);
    bool linesUp(const Splice &splice, const Region &region) const;
    std::optional<State> spliced(const Splice &splice, Region &region, bool &idsMayChange,
                                 int &firstAfterRegion, QVector<int> &stale);
    bool spliceBlocks(const Splice &splice, Region &region, State &state,
                      QVector<int> &stale) const;
    QVector<QString> regionBaseSlugs(const Region &region, int headingsBefore, int headingsAfter,
                                     bool &idsMayChange);
    void ensureBaseSlugs();
    Slugger sluggerBefore(int line);
    Outcome rerenderStale(State &state, int firstAfterRegion, bool idsMayChange, QVector<int> stale,
                          const std::atomic_bool *cancelled);
    Outcome rerenderBlock(State &state, int blockIndex, int firstHeading, const Slugger &slugger,
                          const Prefix &prefix, const std::atomic_bool *cancelled);
    Outcome rerenderWithoutHeadings(State &state, QVector<int> &stale, const Prefix &prefix,
                                    const std::atomic_bool *cancelled);
    Outcome rerenderBatch(State &state, QVector<int> &blocks, const Prefix &prefix,
                          const std::atomic_bool *cancelled);
    bool batchCameOut(State &state, const QVector<std::pair<int, int>> &batch, int offset,
                      RenderResult &result, const QVector<qsizetype> &unshiftable) const;
    static bool appendSource(const State &state, const RenderedBlock &block, QByteArray &input,
                             int &endLine);

    RenderOptions m_options;
    bool m_valid = false;
    State m_state;
    Report m_report;
    int m_batched = 0; // blocks rerenderBatch rendered in this update
};

} // namespace mdp
