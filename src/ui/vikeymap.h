// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QString>

#include <optional>

namespace mdp {

// What a key (or a sequence, with a count) asks the viewer to do.
enum class ViAction
{
    LineDown,
    LineUp,
    ColumnLeft,
    ColumnRight,
    HalfPageDown,
    HalfPageUp,
    PageDown,
    PageUp,
    Top,
    Bottom,
    Find,
    FindNext,
    FindPrevious,
    NextHeading,
    PreviousHeading,
    Reload,
    ToggleKeepOnTop,
    ToggleFollowEdits,
    ToggleContents,
    OpenInEditor,
    OpenFile,
    SaveHtml,
    Quit,
    Help,
    Back,
    Forward,
    ZoomIn,
    ZoomOut,
    ZoomReset,
};

struct ViCommand
{
    ViAction action = ViAction::LineDown;
    int count = 1;

    friend bool operator==(const ViCommand &, const ViCommand &) = default;
};

// Turns key presses into commands the way vi and less do: a count before a command (5j, 3]]),
// two-key commands (]] and [[), and the original mdpreview's keys (j k g G q r s e b Backspace
// Space). Pure logic, fed one key at a time.
class ViKeyMap final
{
public:
    struct Outcome
    {
        bool consumed = false; // the key was ours, even if it only started a sequence
        std::optional<ViCommand> command;
    };

    // `key` is a Qt::Key, `modifiers` Qt::KeyboardModifiers as an int, `text` what the key types.
    Outcome feed(int key, int modifiers, const QString &text);
    bool isPending() const { return m_count > 0 || m_prefix != QChar(); }
    void reset();

    // Every key and what it does, for the help overlay: pairs of (keys, description).
    static QList<QPair<QString, QString>> help();

private:
    Outcome command(ViAction action);

    int m_count = 0;
    QChar m_prefix; // ']' or '[' waiting for its second key
};

} // namespace mdp
