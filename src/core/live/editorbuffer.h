// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArray>
#include <QList>

namespace mdp {

// What an editor changed in its buffer: `removed` lines from `firstLine` (1-based) on were
// replaced by `lines`, after which the buffer has `total` lines. This is what Vim's
// listener_add() and Neovim's nvim_buf_attach() report after each change.
struct EditorChange
{
    int firstLine = 1;
    int removed = 0;
    QList<QByteArray> lines; // UTF-8, without line ends
    int total = 0;

    friend bool operator==(const EditorChange &, const EditorChange &) = default;
};

// The source lines an edit touched in the new text, for a render that re-parses only those.
struct LineRange
{
    int first = 0; // 1-based; 0: no range (the whole text is new)
    int count = 0;

    friend bool operator==(const LineRange &, const LineRange &) = default;
};

// The app's copy of an editor's unsaved buffer (live mode). The editor sends the whole buffer
// once, then only the lines each change touched; applying them keeps the copy equal to the
// buffer without sending it again. A change that does not fit the copy (a message lost, an
// editor that reloaded the file behind our back) puts the copy out of sync until the editor
// sends the whole buffer again.
class EditorBuffer final
{
public:
    void setLines(QList<QByteArray> lines);
    // False, and out of sync, when the change does not fit the copy.
    bool apply(const EditorChange &change);

    bool isInSync() const { return m_inSync; }
    int lineCount() const { return int(m_lines.size()); }
    // The buffer as a file would hold it: each line ended by a newline.
    QByteArray text() const;
    // The lines the last change put in; the whole text after setLines().
    LineRange lastChange() const { return m_lastChange; }

private:
    QList<QByteArray> m_lines{QByteArray()};
    LineRange m_lastChange;
    bool m_inSync = false;
};

} // namespace mdp
