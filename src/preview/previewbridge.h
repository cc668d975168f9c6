// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QJsonObject>
#include <QObject>

namespace mdp {

// The object the shell page sees over the web channel. Signals go to the page; slots are the
// page's reports back.
class PreviewBridge final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(PreviewBridge)

public:
    explicit PreviewBridge(QObject *parent = nullptr)
        : QObject(parent)
    {}

    // Where the page is, in CSS pixels, and the source line at its top.
    struct Position
    {
        double y = 0;
        double max = 0;
        int topLine = 0;
    };

Q_SIGNALS:
    void updateRequested(const QJsonObject &update);
    // `scheme`: "dark", "light", or empty when the theme does not say and the page must find out.
    void themeRequested(const QString &css, const QString &scheme);
    // Bring a source line into the top third of the view; answered by a scroll report.
    void lineRequested(int line);

    // For C++ only (the page does not listen):
    void pageReady();
    void pagePainted(int seq, const mdp::PreviewBridge::Position &position);
    void pageScrolled(const mdp::PreviewBridge::Position &position);
    void pageLineDoubleClicked(int line);

public Q_SLOTS:
    void shellReady() { Q_EMIT pageReady(); }
    void painted(int seq, double y, double max, int topLine)
    {
        Q_EMIT pagePainted(seq, {y, max, topLine});
    }
    void scrolled(double y, double max, int topLine) { Q_EMIT pageScrolled({y, max, topLine}); }
    // The reader double-clicked the source line `line` (to send an editor there).
    void lineDoubleClicked(int line) { Q_EMIT pageLineDoubleClicked(line); }
};

} // namespace mdp
