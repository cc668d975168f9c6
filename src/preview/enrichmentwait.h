// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "previewview.h"

#include <QElapsedTimer>
#include <QObject>
#include <QTimer>

#include <functional>

namespace mdp {

// One PreviewView::enrichEverything(): starts everything in the page and asks, one question at a
// time, until nothing is left or the time is up. It belongs to the view (a child), so it and its
// questions end with the view; it deletes itself once it has answered.
class EnrichmentWait final : public QObject
{
public:
    using Done = std::function<void(const PreviewView::Readiness &)>;

    EnrichmentWait(PreviewView *view, Done done);

private:
    void ask();
    void onAnswer(const QVariant &answer);
    void finish(const PreviewView::Readiness &readiness);

    PreviewView *m_view = nullptr;
    Done m_done;
    QElapsedTimer m_elapsed;
    // Answers the caller when the page stops answering at all (its renderer died).
    QTimer m_watchdog;
    PreviewView::Readiness m_last;
};

} // namespace mdp
