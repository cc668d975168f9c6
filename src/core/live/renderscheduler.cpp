// SPDX-License-Identifier: GPL-3.0-or-later
#include "renderscheduler.h"

#include "core/markdown/renderer.h"

#include <QtConcurrent/QtConcurrentRun>

namespace mdp {

RenderScheduler::RenderScheduler(QObject *parent)
    : QObject(parent)
{
    connect(&m_watcher, &QFutureWatcher<RenderResult>::finished, this,
            &RenderScheduler::onFinished);
}

RenderScheduler::~RenderScheduler()
{
    // The worker holds no pointer to us, but its result must not arrive after we are gone.
    m_watcher.waitForFinished();
}

void RenderScheduler::request(QByteArray markdown, const RenderOptions &options)
{
    if (m_inFlight) {
        m_pending.emplace(std::move(markdown), options);
        return;
    }
    start(std::move(markdown), options);
}

void RenderScheduler::start(QByteArray markdown, RenderOptions options)
{
    m_inFlight = true;
    m_inFlightBytes = markdown.size();
    m_watcher.setFuture(
        QtConcurrent::run([bytes = std::move(markdown), options = std::move(options)] {
            return Renderer::render(bytes, options);
        }));
}

void RenderScheduler::onFinished()
{
    m_inFlight = false;
    if (m_pending) {
        auto [next, options] = std::move(*m_pending);
        m_pending.reset();
        start(std::move(next), std::move(options));
        return;
    }
    Q_EMIT rendered(m_watcher.result(), m_inFlightBytes);
}

} // namespace mdp
