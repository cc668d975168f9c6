// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QWidget>

class QLabel;
class QLineEdit;
class QWebEnginePage;

namespace mdp {

// Find in the page: opened with /, searched as you type, Enter and Shift+Enter (or n and N in
// the document) for the next and previous match, Esc to close.
class FindBar final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(FindBar)

public:
    explicit FindBar(QWebEnginePage *page, QWidget *parent = nullptr);

    void open();
    void findNext(bool backward = false);
    QLineEdit *field() const { return m_field; }
    QString text() const;

Q_SIGNALS:
    void closed();

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    void close();
    void search(bool backward);

    QWebEnginePage *m_page = nullptr;
    QLineEdit *m_field = nullptr;
    QLabel *m_matches = nullptr;
};

} // namespace mdp
