// SPDX-License-Identifier: GPL-3.0-or-later
#include "linechange.h"

#include <algorithm>
#include <cstring>

namespace mdp {

namespace {

// The length of the common beginning; memcmp on blocks first, as a save of a large file mostly
// changes a little in the middle.
qsizetype commonPrefix(QByteArrayView a, QByteArrayView b)
{
    constexpr qsizetype kBlock = 4096;
    const qsizetype limit = std::min(a.size(), b.size());
    qsizetype at = 0;
    while (at + kBlock <= limit && std::memcmp(a.data() + at, b.data() + at, kBlock) == 0)
        at += kBlock;
    while (at < limit && a[at] == b[at])
        ++at;
    return at;
}

qsizetype commonSuffix(QByteArrayView a, QByteArrayView b, qsizetype limit)
{
    constexpr qsizetype kBlock = 4096;
    qsizetype length = 0;
    while (length + kBlock <= limit &&
           std::memcmp(a.data() + a.size() - length - kBlock, b.data() + b.size() - length - kBlock,
                       kBlock) == 0)
        length += kBlock;
    while (length < limit && a[a.size() - length - 1] == b[b.size() - length - 1])
        ++length;
    return length;
}

bool endsWithLineBreak(QByteArrayView text)
{
    return !text.isEmpty() && (text.back() == '\n' || text.back() == '\r');
}

int countLines(QByteArrayView text)
{
    int lines = 0;
    for (qsizetype i = 0; i < text.size(); ++i) {
        if (text[i] == '\n' || (text[i] == '\r' && (i + 1 == text.size() || text[i + 1] != '\n')))
            ++lines;
    }
    return endsWithLineBreak(text) || text.isEmpty() ? lines : lines + 1;
}

// The line that holds the byte at `offset`, where the end of a text without a final line break
// still belongs to its last line.
int lineHolding(const LineIndex &index, QByteArrayView text, qsizetype offset)
{
    if (offset == text.size() && !text.isEmpty() && !endsWithLineBreak(text))
        return index.lineCount();
    return index.lineAt(offset);
}

} // namespace

LineChange LineChange::between(QByteArrayView oldText, const LineIndex &oldIndex,
                               QByteArrayView newText)
{
    const qsizetype prefix = commonPrefix(oldText, newText);
    int firstLine = lineHolding(oldIndex, oldText, prefix);
    // A line that starts after a "\r" in the old text may not start there in the new one, whose
    // next byte may be "\n".
    while (firstLine > 1 && !LineIndex::isLineStart(newText, oldIndex.start(firstLine)))
        --firstLine;
    const qsizetype from = oldIndex.start(firstLine);

    qsizetype suffix =
        commonSuffix(oldText, newText, std::min(oldText.size(), newText.size()) - from);
    while (suffix > 0 && (!LineIndex::isLineStart(oldText, oldText.size() - suffix) ||
                          !LineIndex::isLineStart(newText, newText.size() - suffix)))
        --suffix;

    LineChange change;
    change.firstLine = firstLine;
    change.oldLines = oldIndex.lineAt(oldText.size() - suffix) - firstLine;
    change.newLines = countLines(newText.sliced(from, newText.size() - suffix - from));
    return change;
}

LineChange LineChange::then(const LineChange &next) const
{
    const int from = std::min(firstLine, next.firstLine);
    const int to = std::max(firstLine + newLines, next.firstLine + next.oldLines);
    LineChange change;
    change.firstLine = from;
    change.oldLines = to - newLines + oldLines - from;
    change.newLines = to - next.oldLines + next.newLines - from;
    return change;
}

} // namespace mdp
