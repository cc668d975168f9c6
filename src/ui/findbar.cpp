// SPDX-License-Identifier: GPL-3.0-or-later
#include "findbar.h"

#include <QHBoxLayout>
#include <QKeyEvent>
#include <QLabel>
#include <QLineEdit>
#include <QPointer>
#include <QToolButton>
#include <QWebEngineFindTextResult>
#include <QWebEnginePage>

namespace mdp {

namespace {

QString holdEverything(bool hold)
{
    return QStringLiteral("window.mdpreview && window.mdpreview.holdEverything(%1, 'find')")
        .arg(hold ? QLatin1String("true") : QLatin1String("false"));
}

} // namespace

FindBar::FindBar(QWebEnginePage *page, QWidget *parent)
    : QWidget(parent)
    , m_page(page)
    , m_field(new QLineEdit(this))
    , m_matches(new QLabel(this))
{
    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(6, 3, 6, 3);
    layout->addWidget(new QLabel(tr("Find:"), this));
    m_field->setClearButtonEnabled(true);
    m_field->setPlaceholderText(tr("Text in the page"));
    m_field->installEventFilter(this);
    layout->addWidget(m_field, 1);
    layout->addWidget(m_matches);
    auto *previous = new QToolButton(this);
    previous->setArrowType(Qt::UpArrow);
    previous->setToolTip(tr("Previous match (Shift+Enter)"));
    auto *next = new QToolButton(this);
    next->setArrowType(Qt::DownArrow);
    next->setToolTip(tr("Next match (Enter)"));
    auto *close = new QToolButton(this);
    close->setText(QStringLiteral("✕"));
    close->setToolTip(tr("Close (Esc)"));
    layout->addWidget(previous);
    layout->addWidget(next);
    layout->addWidget(close);

    connect(m_field, &QLineEdit::textChanged, this, [this] { search(false); });
    connect(previous, &QToolButton::clicked, this, [this] { search(true); });
    connect(next, &QToolButton::clicked, this, [this] { search(false); });
    connect(close, &QToolButton::clicked, this, &FindBar::close);
    connect(m_page, &QWebEnginePage::findTextFinished, this,
            [this](const QWebEngineFindTextResult &result) {
                m_matches->setText(
                    m_field->text().isEmpty() ? QString()
                    : result.numberOfMatches() == 0
                        ? tr("No matches")
                        : tr("%1 of %2").arg(result.activeMatch()).arg(result.numberOfMatches()));
            });
    hide();
}

QString FindBar::text() const
{
    return m_field->text();
}

void FindBar::open()
{
    show();
    m_field->setFocus();
    m_field->selectAll();
}

void FindBar::findNext(bool backward)
{
    if (!m_field->text().isEmpty())
        search(backward);
}

void FindBar::search(bool backward)
{
    // The page keeps the chunks of a long document that are far from the view as text, which
    // the engine's find does not see: while the bar is open, all of it is part of the page.
    // The answers come back in order, so each search runs on the whole page.
    const QString text = m_field->text();
    m_page->runJavaScript(
        holdEverything(true), [self = QPointer<FindBar>(this), text, backward](const QVariant &) {
            if (self)
                self->m_page->findText(text, backward ? QWebEnginePage::FindBackward
                                                      : QWebEnginePage::FindFlags());
        });
}

void FindBar::close()
{
    m_page->findText(QString()); // clears the highlighted matches
    m_page->runJavaScript(holdEverything(false));
    m_matches->clear();
    hide();
    Q_EMIT closed();
}

bool FindBar::eventFilter(QObject *watched, QEvent *event)
{
    if (watched == m_field && event->type() == QEvent::KeyPress) {
        auto *key = static_cast<QKeyEvent *>(event);
        if (key->key() == Qt::Key_Escape) {
            close();
            return true;
        }
        if (key->key() == Qt::Key_Return || key->key() == Qt::Key_Enter) {
            search(key->modifiers() & Qt::ShiftModifier);
            return true;
        }
    }
    return QWidget::eventFilter(watched, event);
}

} // namespace mdp
