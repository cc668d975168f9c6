// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/markdown/renderer.h"
#include "core/markdown/renderresult.h"

#include <QFutureWatcher>
#include <QObject>

#include <optional>

namespace mdp {

// Renders on a worker thread with at most one render in flight and one waiting. A newer request
// replaces the waiting one, and a result that is already outdated when it arrives is dropped:
// the window only ever shows the newest content, and never queues work behind a burst of saves.
class RenderScheduler final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(RenderScheduler)

public:
    explicit RenderScheduler(QObject *parent = nullptr);
    ~RenderScheduler() override;

    void request(QByteArray markdown, const RenderOptions &options = {});
    bool isBusy() const { return m_inFlight; }

Q_SIGNALS:
    void rendered(const mdp::RenderResult &result, qint64 sourceBytes);

private:
    void start(QByteArray markdown, RenderOptions options);
    void onFinished();

    QFutureWatcher<RenderResult> m_watcher;
    std::optional<std::pair<QByteArray, RenderOptions>> m_pending;
    qint64 m_inFlightBytes = 0;
    bool m_inFlight = false;
};

} // namespace mdp
