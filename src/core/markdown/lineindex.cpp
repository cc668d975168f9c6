// SPDX-License-Identifier: GPL-3.0-or-later
#include "lineindex.h"

#include <algorithm>
#include <cstring>

namespace mdp {

LineIndex::LineIndex(QByteArrayView text)
    : m_size(text.size())
{
    if (text.isEmpty())
        return;
    m_starts.reserve(size_t(text.size() / 32 + 1));
    m_starts.push_back(0);
    appendStartsAfterFirst(text, 0);
}

void LineIndex::appendStartsAfterFirst(QByteArrayView text, qsizetype base)
{
    const char *data = text.data();
    const qsizetype size = text.size();
    // Most text has no carriage return: then memchr finds every line end.
    if (!std::memchr(data, '\r', size_t(size))) {
        for (const char *at = data;
             (at = static_cast<const char *>(std::memchr(at, '\n', size_t(data + size - at))));) {
            ++at;
            if (at < data + size)
                m_starts.push_back(base + (at - data));
        }
        return;
    }
    for (qsizetype i = 0; i < size; ++i) {
        const char c = data[i];
        if (c == '\r' && i + 1 < size && data[i + 1] == '\n')
            ++i;
        else if (c != '\n' && c != '\r')
            continue;
        if (i + 1 < size)
            m_starts.push_back(base + i + 1);
    }
}

int LineIndex::lineAt(qsizetype offset) const
{
    if (offset >= m_size)
        return lineCount() + 1;
    return int(std::upper_bound(m_starts.begin(), m_starts.end(), offset) - m_starts.begin());
}

LineIndex LineIndex::replaced(int firstLine, int oldLines, QByteArrayView replacement,
                              qsizetype newTextSize) const
{
    LineIndex index;
    index.m_size = newTextSize;
    const qsizetype from = start(firstLine);
    const qsizetype shift = newTextSize - m_size;
    const auto keptBefore = m_starts.begin() + std::min(firstLine - 1, lineCount());
    const auto keptAfter = m_starts.begin() + std::min(firstLine - 1 + oldLines, lineCount());
    index.m_starts.reserve(m_starts.size() + size_t(replacement.size() / 32 + 1));
    index.m_starts.insert(index.m_starts.end(), m_starts.begin(), keptBefore);
    if (!replacement.isEmpty()) {
        index.m_starts.push_back(from);
        index.appendStartsAfterFirst(replacement, from);
    }
    for (auto it = keptAfter; it != m_starts.end(); ++it)
        index.m_starts.push_back(*it + shift);
    return index;
}

bool LineIndex::isLineStart(QByteArrayView text, qsizetype offset)
{
    if (offset <= 0 || offset >= text.size())
        return true;
    const char before = text[offset - 1];
    return before == '\n' || (before == '\r' && text[offset] != '\n');
}

bool LineIndex::isBlank(QByteArrayView line)
{
    for (const char c : line) {
        if (c != ' ' && c != '\t' && c != '\n' && c != '\r')
            return false;
    }
    return true;
}

} // namespace mdp
