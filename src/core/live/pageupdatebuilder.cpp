// SPDX-License-Identifier: GPL-3.0-or-later
#include "pageupdatebuilder.h"

#include "core/live/updateplanner.h"

#include <QJsonArray>

namespace mdp {

namespace {

// Block i's lines as the page holds them: its advance over the block before it and its span.
struct RelativeLines
{
    int advance = 0;
    int span = 0;

    friend bool operator==(const RelativeLines &, const RelativeLines &) = default;
};

// A block's HTML as a JSON string. Most blocks are ASCII, which the JSON value keeps as it is:
// passed as Latin-1 it is stored without the UTF-16 copy QString::fromUtf8() would make (for a
// 2 MB document's load, 16 MB built and thrown away); other blocks are decoded from UTF-8.
QJsonValue htmlValue(const QByteArray &html)
{
    // No early exit: a loop the compiler can vectorise.
    char high = 0;
    for (const char c : html)
        high |= char(c & 0x80);
    if (high == 0)
        return QJsonValue(QLatin1StringView(html));
    return QJsonValue(QString::fromUtf8(html));
}

RelativeLines relativeLines(const QVector<int> &lines, int i)
{
    const int first = lines[2 * i];
    return {first - (i > 0 ? lines[2 * i - 2] : 0), lines[2 * i + 1] - first};
}

QJsonArray insertedBlocks(const RenderResult &result, const BlockEdit &edit,
                          const QVector<int> &lines, qint64 &htmlBytes)
{
    QJsonArray html;
    QJsonArray raw;
    QJsonArray relative;
    for (int i = 0; i < edit.insertCount; ++i) {
        const int index = edit.insertFrom + i;
        const RenderedBlock &block = result.blocks[index];
        html.append(htmlValue(block.html));
        htmlBytes += block.html.size();
        if (block.rawHtml)
            raw.append(i);
        const RelativeLines r = relativeLines(lines, index);
        relative.append(r.advance);
        relative.append(r.span);
    }
    return QJsonArray{edit.at, edit.removeCount, html, raw, relative};
}

} // namespace

QJsonObject PageUpdateBuilder::replaceAll(const RenderResult &result)
{
    clear();
    return build(result, true);
}

QJsonObject PageUpdateBuilder::update(const RenderResult &result)
{
    return build(result, false);
}

void PageUpdateBuilder::clear()
{
    m_hashes.clear();
    m_lines.clear();
}

QJsonObject PageUpdateBuilder::build(const RenderResult &result, bool reset)
{
    QVector<quint64> hashes;
    QVector<int> lines;
    hashes.reserve(result.blocks.size());
    lines.reserve(result.blocks.size() * 2);
    for (const RenderedBlock &block : result.blocks) {
        hashes.append(block.contentHash);
        lines.append(block.firstLine);
        lines.append(block.lastLine);
    }

    // Each edit: [at, removeCount, [html, ...], [index of a raw HTML block within the html, ...],
    // [advance, span, ...] of each inserted block].
    QJsonArray edits;
    // The blocks the page keeps whose relative lines changed: [index, advance, span, ...], by
    // their index in the new render. Only blocks next to a change (or to added or removed blank
    // lines) are in it.
    QJsonArray moved;
    m_htmlBytesSent = 0;
    int oldIndex = 0;
    int newIndex = 0;
    auto keepUntil = [&](int oldEnd) {
        for (; oldIndex < oldEnd; ++oldIndex, ++newIndex) {
            const RelativeLines now = relativeLines(lines, newIndex);
            if (now != relativeLines(m_lines, oldIndex)) {
                moved.append(newIndex);
                moved.append(now.advance);
                moved.append(now.span);
            }
        }
    };
    for (const BlockEdit &edit : UpdatePlanner::plan(m_hashes, hashes)) {
        keepUntil(edit.at);
        edits.append(insertedBlocks(result, edit, lines, m_htmlBytesSent));
        oldIndex += edit.removeCount;
        newIndex += edit.insertCount;
    }
    keepUntil(int(m_hashes.size()));

    QJsonObject message{{QStringLiteral("reset"), reset}, {QStringLiteral("edits"), edits}};
    if (!moved.isEmpty())
        message.insert(QStringLiteral("moved"), moved);
    m_hashes = std::move(hashes);
    m_lines = std::move(lines);
    return message;
}

} // namespace mdp
