// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

struct cmark_mem;

namespace mdp {

// Memory for cmark-gfm while it parses a document and renders its blocks: handed out in order
// from large slabs and given back all at once when the render ends. A tree is a few small
// allocations for every line and inline, and the C library's allocator spent about a third of a
// render's instructions allocating and freeing them one by one.
//
// Each thread has an arena of its own: renders run on worker threads as well as on the GUI's.
// cmark-gfm's own arena allocator is one for the process.
class ParseArena final
{
public:
    // cmark-gfm's allocator interface onto this thread's arena. What it hands out lives until the
    // outermost Scope on this thread ends: use it only inside one.
    static cmark_mem *allocator();

    // The arena is in use on this thread while a Scope lives; when the outermost one ends, every
    // allocation is given back at once (a few slabs are kept for the next render).
    class Scope final
    {
    public:
        Scope();
        ~Scope();
        Scope(const Scope &) = delete;
        Scope &operator=(const Scope &) = delete;
    };

    // Bytes the arena on this thread holds now (slabs and large allocations), for tests and
    // benchmarks.
    static long long heldBytes();
};

} // namespace mdp
