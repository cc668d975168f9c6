// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/markdown/incrementalrenderer.h"
#include "core/markdown/linechange.h"
#include "core/markdown/renderer.h"
#include "core/markdown/renderresult.h"

#include <QFutureWatcher>
#include <QObject>

#include <atomic>
#include <memory>
#include <optional>

namespace mdp {

// Renders on a worker thread with at most one render in flight and one waiting. A newer request
// replaces the waiting one and stops the render in flight (within 64 KB of its parse, or between
// two blocks; cmark-gfm's inline pass, once begun, runs to its end), and a result that
// is already outdated when it arrives is dropped: the window only ever shows the newest content,
// and never queues work behind a burst of saves. Renders are incremental: each re-parses what
// changed since the last render that ran to its end (IncrementalRenderer).
class RenderScheduler final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(RenderScheduler)

public:
    explicit RenderScheduler(QObject *parent = nullptr);
    ~RenderScheduler() override;

    // `change`: the lines of the previously requested text that changed, when the caller knows
    // them (an editor does); without it the texts are compared.
    void request(QByteArray markdown, const RenderOptions &options = {},
                 std::optional<LineChange> change = std::nullopt);
    bool isBusy() const { return m_inFlight.has_value(); }

Q_SIGNALS:
    void rendered(const mdp::RenderResult &result, qint64 sourceBytes);

private:
    struct Job
    {
        QByteArray markdown;
        RenderOptions options;
        std::optional<LineChange> change;
    };

    void start(Job job);
    void onFinished();

    QFutureWatcher<std::optional<RenderResult>> m_watcher;
    // Used by one worker at a time; its state is the text of the last render that finished.
    std::shared_ptr<IncrementalRenderer> m_renderer = std::make_shared<IncrementalRenderer>();
    std::shared_ptr<std::atomic_bool> m_cancel;
    std::optional<Job> m_inFlight;
    std::optional<Job> m_pending;
    // Whether the renderer has rendered a text yet: the first render of a document is never
    // stopped, so that a burst of saves cannot keep the window empty.
    bool m_rendered = false;
};

} // namespace mdp
