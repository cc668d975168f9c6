// SPDX-License-Identifier: GPL-3.0-or-later
#include "trace.h"

#include <cstdio>
#include <ctime>

namespace mdp {

namespace {
bool g_enabled = false;
} // namespace

void Trace::setEnabled(bool enabled)
{
    g_enabled = enabled;
}

bool Trace::isEnabled()
{
    return g_enabled;
}

double Trace::now()
{
    timespec ts{};
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return double(ts.tv_sec) + double(ts.tv_nsec) / 1e9;
}

void Trace::ready()
{
    if (!g_enabled)
        return;
    char line[64];
    const int n = std::snprintf(line, sizeof line, "ready t=%.6f\n", now());
    write(QByteArrayView(line, n));
}

void Trace::painted(int seq, qint64 bytes, const PreviewBridge::Position &position)
{
    if (!g_enabled)
        return;
    char line[160];
    const int n = std::snprintf(
        line, sizeof line, "painted seq=%d bytes=%lld t=%.6f y=%.0f max=%.0f top_line=%d\n", seq,
        static_cast<long long>(bytes), now(), position.y, position.max, position.topLine);
    write(QByteArrayView(line, n));
}

void Trace::scrolled(const PreviewBridge::Position &position)
{
    if (!g_enabled)
        return;
    char line[128];
    const int n = std::snprintf(line, sizeof line, "scrolled t=%.6f y=%.0f max=%.0f top_line=%d\n",
                                now(), position.y, position.max, position.topLine);
    write(QByteArrayView(line, n));
}

void Trace::write(QByteArrayView line)
{
    std::fwrite(line.data(), 1, size_t(line.size()), stdout);
    std::fflush(stdout);
}

} // namespace mdp
