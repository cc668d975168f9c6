// SPDX-License-Identifier: GPL-3.0-or-later
#include "enrichmentwait.h"

#include "exportscript.h"

#include <QVariantMap>

namespace mdp {

namespace {
// Hundreds of diagrams on a slow machine take tens of seconds; a page that needs longer is stuck.
constexpr int kDeadlineMs = 60000;
constexpr int kAskEveryMs = 50;
} // namespace

EnrichmentWait::EnrichmentWait(PreviewView *view, Done done)
    : QObject(view)
    , m_view(view)
    , m_done(std::move(done))
{
    m_elapsed.start();
    m_watchdog.setSingleShot(true);
    connect(&m_watchdog, &QTimer::timeout, this, [this] { finish(m_last); });
    m_watchdog.start(kDeadlineMs + 5000);
    ask();
}

void EnrichmentWait::ask()
{
    m_view->evaluate(ExportScript::call(QStringLiteral("progress()")), this,
                     [this](const QVariant &answer) { onAnswer(answer); });
}

void EnrichmentWait::onAnswer(const QVariant &answer)
{
    const QVariantMap progress = answer.toMap();
    if (progress.contains(QStringLiteral("enrichments"))) {
        m_last.answered = true;
        m_last.enrichmentsLeft = progress.value(QStringLiteral("enrichments")).toInt();
        m_last.imagesLeft = progress.value(QStringLiteral("images")).toInt();
        m_last.complete = m_last.enrichmentsLeft == 0 && m_last.imagesLeft == 0 &&
                          progress.value(QStringLiteral("fonts")).toBool();
    }
    if (m_last.complete || m_elapsed.elapsed() >= kDeadlineMs) {
        finish(m_last);
        return;
    }
    QTimer::singleShot(kAskEveryMs, this, &EnrichmentWait::ask);
}

void EnrichmentWait::finish(const PreviewView::Readiness &readiness)
{
    if (!m_done)
        return;
    // From the event loop, in the view's name: the caller may delete the view, and this with it.
    QTimer::singleShot(0, m_view, [done = std::move(m_done), readiness] { done(readiness); });
    m_done = nullptr;
    m_watchdog.stop();
    deleteLater();
}

} // namespace mdp
