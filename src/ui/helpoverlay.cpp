// SPDX-License-Identifier: GPL-3.0-or-later
#include "helpoverlay.h"

#include "vikeymap.h"

#include <QGridLayout>
#include <QKeyEvent>
#include <QLabel>

namespace mdp {

HelpOverlay::HelpOverlay(QWidget *parent)
    : QFrame(parent)
{
    setObjectName(QStringLiteral("helpOverlay"));
    setFrameShape(QFrame::StyledPanel);
    setAutoFillBackground(true);
    setFocusPolicy(Qt::StrongFocus);
    setStyleSheet(QStringLiteral("#helpOverlay { background: palette(window); border: 1px solid "
                                 "palette(mid); border-radius: 8px; }"));
    auto *layout = new QGridLayout(this);
    layout->setContentsMargins(24, 18, 24, 18);
    layout->setHorizontalSpacing(24);
    auto *title = new QLabel(tr("<b>Keys</b>"), this);
    layout->addWidget(title, 0, 0, 1, 2);
    int row = 1;
    for (const auto &[keys, description] : ViKeyMap::help()) {
        auto *keyLabel = new QLabel(keys, this);
        QFont mono = keyLabel->font();
        mono.setFamily(QStringLiteral("monospace"));
        mono.setBold(true);
        keyLabel->setFont(mono);
        layout->addWidget(keyLabel, row, 0);
        layout->addWidget(new QLabel(description, this), row, 1);
        ++row;
    }
    hide();
}

void HelpOverlay::toggle()
{
    if (isVisible()) {
        hide();
        Q_EMIT closed();
        return;
    }
    show();
    raise();
    setFocus();
}

void HelpOverlay::place(const QRect &area)
{
    const QSize size = sizeHint().boundedTo(area.size());
    setGeometry(QRect(area.center() - QPoint(size.width() / 2, size.height() / 2), size));
}

void HelpOverlay::keyPressEvent(QKeyEvent *event)
{
    Q_UNUSED(event)
    hide();
    Q_EMIT closed();
}

void HelpOverlay::mousePressEvent(QMouseEvent *event)
{
    Q_UNUSED(event)
    hide();
    Q_EMIT closed();
}

} // namespace mdp
