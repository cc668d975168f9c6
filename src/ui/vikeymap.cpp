// SPDX-License-Identifier: GPL-3.0-or-later
#include "vikeymap.h"

#include <QCoreApplication>

namespace mdp {

ViKeyMap::Outcome ViKeyMap::command(ViAction action)
{
    Outcome outcome{true, ViCommand{action, m_count > 0 ? m_count : 1}};
    reset();
    return outcome;
}

void ViKeyMap::reset()
{
    m_count = 0;
    m_prefix = QChar();
}

ViKeyMap::Outcome ViKeyMap::feed(int key, int modifiers, const QString &text)
{
    const bool control = modifiers & Qt::ControlModifier;
    const bool alt = modifiers & Qt::AltModifier;
    const bool shift = modifiers & Qt::ShiftModifier;

    // Modifier keys alone change nothing: Shift before G.
    if (key == Qt::Key_Shift || key == Qt::Key_Control || key == Qt::Key_Alt ||
        key == Qt::Key_Meta || key == Qt::Key_AltGr)
        return {isPending(), std::nullopt};

    if (control && !alt) {
        switch (key) {
        case Qt::Key_D:
            return command(ViAction::HalfPageDown);
        case Qt::Key_U:
            return command(ViAction::HalfPageUp);
        case Qt::Key_F:
            return command(ViAction::PageDown);
        case Qt::Key_B:
            return command(ViAction::PageUp);
        default:
            reset();
            return {};
        }
    }
    if (alt) {
        if (key == Qt::Key_Left)
            return command(ViAction::Back);
        if (key == Qt::Key_Right)
            return command(ViAction::Forward);
        reset();
        return {};
    }
    switch (key) {
    case Qt::Key_Escape:
        if (isPending()) { // Esc first cancels a half-typed command, as in vi
            reset();
            return {true, std::nullopt};
        }
        return command(ViAction::Quit);
    case Qt::Key_Backspace:
        return command(ViAction::Back);
    case Qt::Key_Space:
        return command(shift ? ViAction::PageUp : ViAction::PageDown);
    default:
        break;
    }

    if (text.size() != 1) {
        reset();
        return {};
    }
    const QChar c = text.at(0);
    if (m_prefix != QChar()) {
        const QChar prefix = m_prefix;
        m_prefix = QChar();
        if (c == prefix)
            return command(c == QLatin1Char(']') ? ViAction::NextHeading
                                                 : ViAction::PreviousHeading);
        reset();
        // Not a sequence after all: the key counts on its own.
        return feed(key, modifiers, text);
    }
    if (c.isDigit() && (c != QLatin1Char('0') || m_count > 0)) {
        m_count = std::min(m_count * 10 + c.digitValue(), 9999);
        return {true, std::nullopt};
    }
    switch (c.unicode()) {
    case 'j':
        return command(ViAction::LineDown);
    case 'k':
        return command(ViAction::LineUp);
    case 'h':
        return command(ViAction::ColumnLeft);
    case 'l':
        return command(ViAction::ColumnRight);
    case 'g': // gg in vi; a single g in the original mdpreview: both go to the top
        return command(ViAction::Top);
    case 'G':
        return command(ViAction::Bottom);
    case '/':
        return command(ViAction::Find);
    case 'n':
        return command(ViAction::FindNext);
    case 'N':
        return command(ViAction::FindPrevious);
    case ']':
    case '[':
        m_prefix = c;
        return {true, std::nullopt};
    case 'r':
        return command(ViAction::Reload);
    case 't':
        return command(ViAction::ToggleKeepOnTop);
    case 'f':
        return command(ViAction::ToggleFollowEdits);
    case 'c':
        return command(ViAction::ToggleContents);
    case 'e':
        return command(ViAction::OpenInEditor);
    case 'o':
        return command(ViAction::OpenFile);
    case 's':
        return command(ViAction::SaveHtml);
    case 'q':
        return command(ViAction::Quit);
    case '?':
        return command(ViAction::Help);
    case 'b':
        return command(ViAction::Back);
    case '+':
    case '=':
        return command(ViAction::ZoomIn);
    case '-':
        return command(ViAction::ZoomOut);
    case '0':
        return command(ViAction::ZoomReset);
    default:
        reset();
        return {};
    }
}

QList<QPair<QString, QString>> ViKeyMap::help()
{
    const auto tr = [](const char *text) {
        return QCoreApplication::translate("mdp::ViKeyMap", text);
    };
    return {
        {QStringLiteral("j  k"), tr("line down, up")},
        {QStringLiteral("h  l"), tr("left, right")},
        {QStringLiteral("Ctrl+D  Ctrl+U"), tr("half a page down, up")},
        {QStringLiteral("Space  Ctrl+F"), tr("a page down")},
        {QStringLiteral("Shift+Space  Ctrl+B"), tr("a page up")},
        {QStringLiteral("g  gg  G"), tr("top, top, bottom")},
        {QStringLiteral("]]  [["), tr("next, previous heading")},
        {QStringLiteral("5j  3]]"), tr("a count repeats a command")},
        {QStringLiteral("/  n  N"), tr("find in the page, next, previous match")},
        {QStringLiteral("c"), tr("show or hide the table of contents")},
        {QStringLiteral("b  Backspace  Alt+Left"), tr("back to the previous document")},
        {QStringLiteral("Alt+Right"), tr("forward")},
        {QStringLiteral("r"), tr("reload")},
        {QStringLiteral("t"), tr("keep the window on top, or not")},
        {QStringLiteral("f"), tr("follow edits: scroll to each change")},
        {QStringLiteral("Shift+T"), tr("next theme")},
        {QStringLiteral("e"), tr("edit the file in your editor")},
        {QStringLiteral("o  Ctrl+O"), tr("open a file")},
        {QStringLiteral("s"), tr("save as HTML")},
        {QStringLiteral("Ctrl+P"), tr("export as PDF")},
        {QStringLiteral("+  -  0"), tr("zoom in, out, reset (also Ctrl+wheel)")},
        {QStringLiteral("?"), tr("this help")},
        {QStringLiteral("q  Esc"), tr("quit")},
    };
}

} // namespace mdp
