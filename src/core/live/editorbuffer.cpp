// SPDX-License-Identifier: GPL-3.0-or-later
#include "editorbuffer.h"

#include <algorithm>

namespace mdp {

void EditorBuffer::setLines(QList<QByteArray> lines)
{
    m_lines = std::move(lines);
    // An editor's empty buffer is one empty line.
    if (m_lines.isEmpty())
        m_lines.append(QByteArray());
    m_lastChange = {};
    m_inSync = true;
}

bool EditorBuffer::apply(const EditorChange &change)
{
    const qsizetype at = change.firstLine - 1;
    const qsizetype after = m_lines.size() - change.removed + change.lines.size();
    // Deleting every line leaves an editor with one empty line, which it may not report.
    const qsizetype expected = after == 0 ? 1 : after;
    if (!m_inSync || at < 0 || change.removed < 0 || at + change.removed > m_lines.size() ||
        (change.total > 0 && change.total != expected)) {
        m_inSync = false;
        return false;
    }
    m_lines.remove(at, change.removed);
    m_lines.insert(at, change.lines.size(), QByteArray());
    std::copy(change.lines.cbegin(), change.lines.cend(), m_lines.begin() + at);
    if (m_lines.isEmpty())
        m_lines.append(QByteArray());
    m_lastChange = {change.firstLine, int(change.lines.size())};
    return true;
}

QByteArray EditorBuffer::text() const
{
    qsizetype size = 0;
    for (const QByteArray &line : m_lines)
        size += line.size() + 1;
    QByteArray text;
    text.reserve(size);
    for (const QByteArray &line : m_lines) {
        text += line;
        text += '\n';
    }
    return text;
}

} // namespace mdp
