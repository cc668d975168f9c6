// SPDX-License-Identifier: GPL-3.0-or-later
#include "navigationhistory.h"

namespace mdp {

void NavigationHistory::visit(const QString &path)
{
    if (m_current >= 0 && m_entries[m_current].path == path)
        return;
    m_entries.resize(m_current + 1);
    m_entries.append({path, 0});
    m_current = m_entries.size() - 1;
}

void NavigationHistory::setLine(int line)
{
    if (m_current >= 0)
        m_entries[m_current].line = line;
}

NavigationHistory::Entry NavigationHistory::back()
{
    if (canGoBack())
        --m_current;
    return current();
}

NavigationHistory::Entry NavigationHistory::forward()
{
    if (canGoForward())
        ++m_current;
    return current();
}

} // namespace mdp
