// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/markdown/renderresult.h"

#include <QDockWidget>

class QTreeWidget;
class QTreeWidgetItem;

namespace mdp {

// The table of contents: the document's headings nested by level. A click jumps to a heading;
// the section being read is highlighted as the reader scrolls.
class TocPanel final : public QDockWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(TocPanel)

public:
    explicit TocPanel(QWidget *parent = nullptr);

    // Rebuilt only when the entries changed; heading lines are kept up to date either way.
    void setHeadings(const QVector<Heading> &headings);
    // The source line at the top of the view.
    void setTopLine(int line);

    QTreeWidget *tree() const { return m_tree; }
    int currentIndex() const { return m_current; }

Q_SIGNALS:
    void headingActivated(const QString &id);

private:
    QTreeWidget *m_tree = nullptr;
    QVector<Heading> m_headings;
    QVector<QTreeWidgetItem *> m_items; // one per heading, in order
    int m_current = -1;
};

} // namespace mdp
