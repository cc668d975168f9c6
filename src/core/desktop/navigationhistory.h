// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QString>
#include <QVector>

namespace mdp {

// Back and forward through the documents a window showed, each with the place the reader was.
class NavigationHistory final
{
public:
    struct Entry
    {
        QString path;
        int line = 0; // the source line at the top of the view when the reader left

        friend bool operator==(const Entry &, const Entry &) = default;
    };

    // A new document: what was ahead of the current one is gone, as in a browser.
    void visit(const QString &path);
    // Where the reader is in the current document (kept for when they come back).
    void setLine(int line);

    bool canGoBack() const { return m_current > 0; }
    bool canGoForward() const { return m_current + 1 < m_entries.size(); }
    // The entry to show; the current one when there is nowhere to go.
    Entry back();
    Entry forward();
    Entry current() const { return m_current >= 0 ? m_entries[m_current] : Entry(); }

private:
    QVector<Entry> m_entries;
    qsizetype m_current = -1;
};

} // namespace mdp
