// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QFrame>

namespace mdp {

// Every key, over the document: `?` opens it, any key or a click closes it.
class HelpOverlay final : public QFrame
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(HelpOverlay)

public:
    explicit HelpOverlay(QWidget *parent);

    void toggle();
    // Centres it over `area` (in the parent's coordinates).
    void place(const QRect &area);

Q_SIGNALS:
    void closed();

protected:
    void keyPressEvent(QKeyEvent *event) override;
    void mousePressEvent(QMouseEvent *event) override;
};

} // namespace mdp
