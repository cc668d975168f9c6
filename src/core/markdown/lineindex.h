// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArrayView>

#include <vector>

namespace mdp {

// Where each line of a text starts, counted as cmark-gfm counts them: a line ends at "\n",
// "\r\n" or a lone "\r". Lines are numbered from 1; line lineCount() + 1 starts at the end of the
// text, so that every line has an end.
class LineIndex final
{
public:
    LineIndex() = default;
    explicit LineIndex(QByteArrayView text);

    int lineCount() const { return int(m_starts.size()); }
    qsizetype textSize() const { return m_size; }
    qsizetype start(int line) const { return line > lineCount() ? m_size : m_starts[line - 1]; }
    qsizetype end(int line) const { return start(line + 1); }
    // The line holding the byte at `offset`; lineCount() + 1 at the end of the text.
    int lineAt(qsizetype offset) const;

    // The index of a text in which lines [firstLine, firstLine + oldLines) of this one were
    // replaced by `replacement`, which must end with a line break unless it ends the text.
    // Nothing before or after those lines is read again.
    LineIndex replaced(int firstLine, int oldLines, QByteArrayView replacement,
                       qsizetype newTextSize) const;

    static bool isLineStart(QByteArrayView text, qsizetype offset);
    // Only spaces and tabs, as cmark-gfm tells a blank line.
    static bool isBlank(QByteArrayView line);

private:
    // Appends the starts of the lines of `text` after its first, offset by `base`.
    void appendStartsAfterFirst(QByteArrayView text, qsizetype base);

    std::vector<qsizetype> m_starts;
    qsizetype m_size = 0;
};

} // namespace mdp
