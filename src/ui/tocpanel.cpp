// SPDX-License-Identifier: GPL-3.0-or-later
#include "tocpanel.h"

#include "core/markdown/outline.h"

#include <QHeaderView>
#include <QTreeWidget>

namespace mdp {

TocPanel::TocPanel(QWidget *parent)
    : QDockWidget(tr("Contents"), parent)
    , m_tree(new QTreeWidget(this))
{
    setObjectName(QStringLiteral("contents"));
    setFeatures(QDockWidget::DockWidgetClosable | QDockWidget::DockWidgetMovable);
    m_tree->setHeaderHidden(true);
    m_tree->setUniformRowHeights(true);
    m_tree->setExpandsOnDoubleClick(false);
    m_tree->setFocusPolicy(Qt::NoFocus); // keys stay with the document (vi keys)
    setWidget(m_tree);
    connect(m_tree, &QTreeWidget::itemClicked, this, [this](QTreeWidgetItem *item) {
        Q_EMIT headingActivated(item->data(0, Qt::UserRole).toString());
    });
}

void TocPanel::setHeadings(const QVector<Heading> &headings)
{
    const bool same = Outline::sameEntries(headings, m_headings);
    m_headings = headings;
    if (same)
        return;

    m_tree->clear();
    m_items.clear();
    m_current = -1;
    // Each heading goes under the nearest one above it of a smaller level.
    QVector<QPair<int, QTreeWidgetItem *>> parents;
    for (const Heading &heading : headings) {
        while (!parents.isEmpty() && parents.last().first >= heading.level)
            parents.removeLast();
        auto *item = parents.isEmpty() ? new QTreeWidgetItem(m_tree)
                                       : new QTreeWidgetItem(parents.last().second);
        item->setText(0, heading.text);
        item->setToolTip(0, heading.text);
        item->setData(0, Qt::UserRole, heading.id);
        parents.append({heading.level, item});
        m_items.append(item);
    }
    m_tree->expandAll();
}

void TocPanel::setTopLine(int line)
{
    const int index = Outline::sectionAt(m_headings, line);
    if (index == m_current || index >= m_items.size())
        return;
    m_current = index;
    if (index < 0) {
        m_tree->clearSelection();
        return;
    }
    m_tree->setCurrentItem(m_items[index]);
    m_tree->scrollToItem(m_items[index]);
}

} // namespace mdp
