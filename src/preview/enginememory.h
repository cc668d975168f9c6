// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

namespace mdp {

// How the web engine's processes hold memory: the flags and allocator settings they start with.
// Set through the environment they inherit, so before the application object (and with it the
// engine) exists; the previews rely on them to give a long document's load garbage back
// (PreviewView collects the page's once its updates have settled).
class EngineMemory final
{
public:
    static void prepare();
    // Once the engine has started its processes: the environment as it was, so that what this
    // process starts later (an editor, a browser for a link, which may be another Qt WebEngine
    // application) does not inherit the settings, gc() least of all.
    static void engineStarted();
};

} // namespace mdp
