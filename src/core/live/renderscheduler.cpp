// SPDX-License-Identifier: GPL-3.0-or-later
#include "renderscheduler.h"

#include <QtConcurrent/QtConcurrentRun>

namespace mdp {

namespace {

// Two changes one after the other as one; unknown when either is.
std::optional<LineChange> composed(const std::optional<LineChange> &first,
                                   const std::optional<LineChange> &second)
{
    if (!first || !second)
        return std::nullopt;
    return first->then(*second);
}

} // namespace

RenderScheduler::RenderScheduler(QObject *parent)
    : QObject(parent)
{
    connect(&m_watcher, &QFutureWatcher<std::optional<RenderResult>>::finished, this,
            &RenderScheduler::onFinished);
}

RenderScheduler::~RenderScheduler()
{
    // The worker holds no pointer to us, but its result must not arrive after we are gone.
    if (m_cancel)
        m_cancel->store(true);
    m_watcher.waitForFinished();
}

void RenderScheduler::request(QByteArray markdown, const RenderOptions &options,
                              std::optional<LineChange> change)
{
    if (!m_inFlight) {
        start({std::move(markdown), options, change});
        return;
    }
    // The waiting request is replaced: the change is now from the text before it.
    if (m_pending)
        change = composed(m_pending->change, change);
    m_pending = Job{std::move(markdown), options, change};
    if (m_rendered)
        m_cancel->store(true);
}

void RenderScheduler::start(Job job)
{
    m_cancel = std::make_shared<std::atomic_bool>(false);
    m_inFlight = job;
    m_watcher.setFuture(QtConcurrent::run([renderer = m_renderer, cancel = m_cancel,
                                           job = std::move(job)]() -> std::optional<RenderResult> {
        if (renderer->options().repositoryRoot != job.options.repositoryRoot)
            renderer->reset(job.options);
        if (!renderer->update(job.markdown, job.change, cancel.get()))
            return std::nullopt;
        return renderer->result();
    }));
}

void RenderScheduler::onFinished()
{
    std::optional<RenderResult> result = m_watcher.result();
    const Job finished = *std::move(m_inFlight);
    m_inFlight.reset();
    m_rendered = m_rendered || result.has_value();
    if (m_pending) {
        Job next = *std::move(m_pending);
        m_pending.reset();
        // A render that stopped left the renderer at the text before it.
        if (!result)
            next.change = composed(finished.change, next.change);
        start(std::move(next));
        return;
    }
    if (result)
        Q_EMIT rendered(*result, finished.markdown.size());
}

} // namespace mdp
