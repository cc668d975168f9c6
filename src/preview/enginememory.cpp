// SPDX-License-Identifier: GPL-3.0-or-later
#include "enginememory.h"

#include <QByteArray>
#include <QStringBuilder>
#include <QtGlobal>

#include <iterator>

namespace mdp {

namespace {

constexpr const char *kVariables[] = {"QTWEBENGINE_CHROMIUM_FLAGS", "GLIBC_TUNABLES"};

// The variables' values before prepare(), for engineStarted(); unset ones as null.
struct SavedEnvironment
{
    QByteArray values[std::size(kVariables)];
    bool saved = false;
};

SavedEnvironment &savedEnvironment()
{
    static SavedEnvironment saved;
    return saved;
}

// Two flags for the page's script engine (V8), for the garbage a long document's load leaves:
// - gc(): the preview has the page collect it once a large update has settled (PreviewView),
//   rather than hold it for the 10 to 30 s V8 waits on its own. Nothing but our own scripts can
//   call it: the page's policy runs no document script, and the sanitizer keeps none.
// - a young generation of 1 MB semi-spaces: a load grows them to 16 MB, which stay committed
//   after any collection; the page's script only ever holds the blocks' strings for a moment.
//   Measured at 2 MB (load and 5 saves): the renderer's own CPU time the same, 20 MB less memory.
// A user's own --js-flags are left as they are.
void tuneScriptHeap()
{
    QByteArray flags = qgetenv("QTWEBENGINE_CHROMIUM_FLAGS");
    if (flags.contains("--js-flags"))
        return;
    flags += " --js-flags=--expose-gc,--max-semi-space-size=1";
    qputenv("QTWEBENGINE_CHROMIUM_FLAGS", flags.trimmed());
}

// glibc's allocator raises its thresholds as a program frees large blocks (up to 32 MB to map
// rather than take from a heap, twice that kept free at the top of a thread's heap before it is
// given back): after a long document's load, the memory its message freed in the page's process
// stays there, ~12 MB at 2 MB. Fixed thresholds, through the tunables the web engine's processes
// inherit (this one read its own at start), give it back; below them blocks come from the heaps
// as before. Not for this process: here the render's heaps are trimmed once updates settle
// (PreviewView), and fixed thresholds made a save at 2 MB 2 to 4 ms slower (measured; in the
// web engine's processes they cost nothing measurable). A user's own malloc tunables are left
// alone.
void tuneAllocator()
{
    constexpr int threshold = 4 * 1024 * 1024;
    QByteArray tunables = qgetenv("GLIBC_TUNABLES");
    if (tunables.contains("glibc.malloc."))
        return;
    if (!tunables.isEmpty())
        tunables += ':';
    tunables += "glibc.malloc.mmap_threshold=" + QByteArray::number(threshold) +
                ":glibc.malloc.trim_threshold=" + QByteArray::number(threshold);
    qputenv("GLIBC_TUNABLES", tunables);
}

} // namespace

void EngineMemory::prepare()
{
    SavedEnvironment &saved = savedEnvironment();
    for (std::size_t i = 0; i < std::size(kVariables); ++i)
        saved.values[i] =
            qEnvironmentVariableIsSet(kVariables[i]) ? qgetenv(kVariables[i]) : QByteArray();
    saved.saved = true;
    tuneScriptHeap();
    tuneAllocator();
}

void EngineMemory::engineStarted()
{
    SavedEnvironment &saved = savedEnvironment();
    if (!saved.saved)
        return;
    saved.saved = false;
    for (std::size_t i = 0; i < std::size(kVariables); ++i) {
        if (saved.values[i].isNull())
            qunsetenv(kVariables[i]);
        else
            qputenv(kVariables[i], saved.values[i]);
    }
}

} // namespace mdp
