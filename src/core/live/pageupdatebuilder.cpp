// SPDX-License-Identifier: GPL-3.0-or-later
#include "pageupdatebuilder.h"

#include "core/live/updateplanner.h"

#include <QJsonArray>

namespace mdp {

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

    // Each edit: [at, removeCount, [html, ...], [index of a raw HTML block within the html, ...]]
    QJsonArray edits;
    for (const BlockEdit &edit : UpdatePlanner::plan(m_hashes, hashes)) {
        QJsonArray html;
        QJsonArray raw;
        for (int i = 0; i < edit.insertCount; ++i) {
            const RenderedBlock &block = result.blocks[edit.insertFrom + i];
            html.append(QString::fromUtf8(block.html));
            if (block.rawHtml)
                raw.append(i);
        }
        edits.append(QJsonArray{edit.at, edit.removeCount, html, raw});
    }

    QJsonObject message{{QStringLiteral("reset"), reset}, {QStringLiteral("edits"), edits}};
    if (reset || lines != m_lines) {
        QJsonArray lineArray;
        for (const int line : lines)
            lineArray.append(line);
        message.insert(QStringLiteral("lines"), lineArray);
    }
    m_hashes = std::move(hashes);
    m_lines = std::move(lines);
    return message;
}

} // namespace mdp
