// SPDX-License-Identifier: GPL-3.0-or-later
#include "parsearena.h"

#include <QtGlobal>

#include <cmark-gfm.h>

#include <algorithm>
#include <array>
#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <new>
#include <vector>

// Under AddressSanitizer (the fuzz and sanitizer builds) the memory no allocation holds is
// poisoned, so that a read past an allocation or after its render is still caught.
#if defined(__has_feature)
#if __has_feature(address_sanitizer)
#define MDP_ARENA_POISONS 1
#endif
#endif
#if defined(__SANITIZE_ADDRESS__) && !defined(MDP_ARENA_POISONS)
#define MDP_ARENA_POISONS 1
#endif
#ifdef MDP_ARENA_POISONS
#include <sanitizer/asan_interface.h>
#define MDP_POISON(address, size) ASAN_POISON_MEMORY_REGION(address, size)
#define MDP_UNPOISON(address, size) ASAN_UNPOISON_MEMORY_REGION(address, size)
#else
#define MDP_POISON(address, size) ((void)(address), (void)(size))
#define MDP_UNPOISON(address, size) ((void)(address), (void)(size))
#endif

namespace mdp {

namespace {

constexpr size_t kSlabBytes = size_t(1) << 20;
// Kept from one render for the next, so that it does not fault its memory in again (a region's
// render needs less than one; the whole of a 200 KB document about four).
constexpr size_t kKeptSlabs = 8;
// Larger allocations (a big block's text, the HTML of a long block) get memory of their own, so
// that they can grow in place and a slab is not left mostly empty behind them.
constexpr size_t kLargeBytes = kSlabBytes / 4;
// Freed allocations up to this size are kept by size and handed out again: the parser frees most
// of what it allocates as it goes (a table row's cells, a buffer that grew), and without reuse a
// table's tree took half as much memory again, spread thinner.
constexpr size_t kReusedBytes = 1024;

// Before every allocation: realloc needs the old size, and free needs to know a large one.
struct alignas(16) Header
{
    size_t size = 0;  // as asked for; once freed, the next free allocation of its size
    size_t large = 0; // its place in Arena::m_large plus one; 0 in a slab
};
constexpr size_t kAlignment = sizeof(Header);
static_assert(kAlignment == 16);

[[noreturn]] void outOfMemory()
{
    // As cmark-gfm's own allocator does: its callers do not check for null.
    qFatal("mdpreview: out of memory while parsing Markdown");
}

size_t rounded(size_t bytes)
{
    return (bytes + kAlignment - 1) & ~(kAlignment - 1);
}

class Arena final
{
public:
    Arena() = default;
    Arena(const Arena &) = delete;
    Arena &operator=(const Arena &) = delete;

    ~Arena()
    {
        reset();
        for (char *slab : m_slabs) {
            MDP_UNPOISON(slab, kSlabBytes);
            std::free(slab);
        }
    }

    int depth = 0;

    void *allocate(size_t bytes, bool zeroed)
    {
        Q_ASSERT_X(depth > 0, "ParseArena", "allocation outside a ParseArena::Scope");
        if (bytes > kLargeBytes)
            return allocateLarge(bytes, zeroed);
        if (Header *reused = takeFreed(bytes)) {
            MDP_UNPOISON(reused + 1, bytes);
            reused->size = bytes;
            if (zeroed)
                std::memset(static_cast<void *>(reused + 1), 0, bytes);
            return reused + 1;
        }
        const size_t need = sizeof(Header) + rounded(bytes);
        if (size_t(m_end - m_top) < need)
            takeNextSlab();
        MDP_UNPOISON(m_top, sizeof(Header) + bytes);
        auto *header = new (m_top) Header{bytes, 0};
        m_last = header;
        m_top += need;
        if (zeroed)
            std::memset(static_cast<void *>(header + 1), 0, bytes);
        return header + 1;
    }

    void *reallocate(void *memory, size_t bytes)
    {
        if (!memory)
            return allocate(bytes, false);
        Header *header = static_cast<Header *>(memory) - 1;
        if (header->large) {
            const size_t index = header->large - 1;
            if (bytes > SIZE_MAX - sizeof(Header))
                outOfMemory();
            auto *moved = static_cast<Header *>(std::realloc(header, sizeof(Header) + bytes));
            if (!moved)
                outOfMemory();
            moved->size = bytes;
            m_large[index] = moved;
            return moved + 1;
        }
        // A buffer that grows while nothing else is allocated (cmark's strbuf as it writes HTML)
        // grows where it is.
        if (header == m_last && bytes <= kLargeBytes &&
            rounded(bytes) <= size_t(m_end - reinterpret_cast<char *>(header + 1))) {
            MDP_POISON(memory, header->size);
            MDP_UNPOISON(memory, bytes);
            header->size = bytes;
            m_top = reinterpret_cast<char *>(header + 1) + rounded(bytes);
            return memory;
        }
        void *copy = allocate(bytes, false);
        std::memcpy(copy, memory, std::min(header->size, bytes));
        release(memory);
        return copy;
    }

    void release(void *memory)
    {
        if (!memory)
            return;
        Header *header = static_cast<Header *>(memory) - 1;
        if (header->large) {
            m_large[header->large - 1] = nullptr;
            std::free(header);
            return;
        }
        MDP_POISON(memory, header->size);
        if (header == m_last) {
            // The last allocation is taken back, so that a buffer used and freed block by block
            // (the HTML of each block) takes the same memory every time.
            m_top = reinterpret_cast<char *>(header);
            m_last = nullptr;
            MDP_POISON(header, sizeof(Header));
        } else if (header->size > 0 && rounded(header->size) <= kReusedBytes) {
            Header *&freed = m_freed[rounded(header->size) / kAlignment - 1];
            header->size = reinterpret_cast<size_t>(freed);
            freed = header;
        }
    }

    // Everything goes back; a few slabs are kept for the next render.
    void reset()
    {
        for (Header *header : m_large)
            std::free(header);
        m_large.clear();
        for (size_t i = kKeptSlabs; i < m_slabs.size(); ++i)
            std::free(m_slabs[i]);
        m_slabs.resize(std::min(m_slabs.size(), kKeptSlabs));
        for (char *slab : m_slabs)
            MDP_POISON(slab, kSlabBytes);
        m_freed.fill(nullptr);
        m_used = 0;
        m_top = nullptr;
        m_end = nullptr;
        m_last = nullptr;
    }

    long long heldBytes() const
    {
        long long bytes = static_cast<long long>(m_slabs.size() * kSlabBytes);
        for (const Header *header : m_large) {
            if (header)
                bytes += static_cast<long long>(sizeof(Header) + header->size);
        }
        return bytes;
    }

private:
    void takeNextSlab()
    {
        if (m_used == m_slabs.size()) {
            char *slab = static_cast<char *>(std::malloc(kSlabBytes));
            if (!slab)
                outOfMemory();
            MDP_POISON(slab, kSlabBytes);
            m_slabs.push_back(slab);
        }
        m_top = m_slabs[m_used++];
        m_end = m_top + kSlabBytes;
        m_last = nullptr;
    }

    // A freed allocation of the size `bytes` rounds to, or null.
    Header *takeFreed(size_t bytes)
    {
        if (bytes == 0 || rounded(bytes) > kReusedBytes)
            return nullptr;
        Header *&freed = m_freed[rounded(bytes) / kAlignment - 1];
        Header *reused = freed;
        if (reused)
            freed = reinterpret_cast<Header *>(reused->size);
        return reused;
    }

    void *allocateLarge(size_t bytes, bool zeroed)
    {
        if (bytes > SIZE_MAX - sizeof(Header))
            outOfMemory();
        void *memory =
            zeroed ? std::calloc(1, sizeof(Header) + bytes) : std::malloc(sizeof(Header) + bytes);
        if (!memory)
            outOfMemory();
        m_large.push_back(nullptr);
        auto *header = new (memory) Header{bytes, m_large.size()};
        m_large.back() = header;
        return header + 1;
    }

    std::vector<char *> m_slabs;
    size_t m_used = 0; // slabs handed out from, the last of them in use
    char *m_top = nullptr;
    char *m_end = nullptr;
    Header *m_last = nullptr; // the latest allocation, while it is the one before m_top
    std::vector<Header *> m_large;
    std::array<Header *, kReusedBytes / kAlignment> m_freed{}; // by size, rounded
};

thread_local Arena t_arena;

void *arenaCalloc(size_t count, size_t size)
{
    if (size != 0 && count > SIZE_MAX / size)
        outOfMemory();
    return t_arena.allocate(count * size, true);
}

void *arenaRealloc(void *memory, size_t bytes)
{
    return t_arena.reallocate(memory, bytes);
}

void arenaFree(void *memory)
{
    t_arena.release(memory);
}

cmark_mem g_allocator = {arenaCalloc, arenaRealloc, arenaFree};

} // namespace

cmark_mem *ParseArena::allocator()
{
    return &g_allocator;
}

ParseArena::Scope::Scope()
{
    ++t_arena.depth;
}

ParseArena::Scope::~Scope()
{
    if (--t_arena.depth == 0)
        t_arena.reset();
}

long long ParseArena::heldBytes()
{
    return t_arena.heldBytes();
}

} // namespace mdp
