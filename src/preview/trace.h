// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "previewbridge.h"

#include <QByteArrayView>

namespace mdp {

// `--trace`: one line per event on standard output, flushed at once, stamped with
// CLOCK_MONOTONIC so that a benchmark in another process can compare its own clock with ours.
class Trace final
{
public:
    static void setEnabled(bool enabled);
    static bool isEnabled();

    static double now(); // CLOCK_MONOTONIC, seconds

    static void ready();
    static void painted(int seq, qint64 bytes, const PreviewBridge::Position &position);
    static void scrolled(const PreviewBridge::Position &position);

private:
    static void write(QByteArrayView line);
};

} // namespace mdp
