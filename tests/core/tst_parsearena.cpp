// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/markdown/parsearena.h"

#include <QFile>
#include <QTest>

#include <cmark-gfm-core-extensions.h>
#include <cmark-gfm.h>

#include <algorithm>
#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <functional>
#include <thread>

using mdp::ParseArena;

namespace {

cmark_mem &arena()
{
    return *ParseArena::allocator();
}

bool isZero(const void *memory, size_t bytes)
{
    const auto *at = static_cast<const unsigned char *>(memory);
    return std::all_of(at, at + bytes, [](unsigned char c) { return c == 0; });
}

// The HTML of `markdown` parsed and rendered with `memory`, with GitHub's extensions.
QByteArray renderWith(cmark_mem *memory, const QByteArray &markdown)
{
    cmark_gfm_core_extensions_ensure_registered();
    const int options = CMARK_OPT_SOURCEPOS | CMARK_OPT_FOOTNOTES | CMARK_OPT_UNSAFE;
    cmark_parser *parser = cmark_parser_new_with_mem(options, memory);
    for (const char *name : {"table", "strikethrough", "autolink", "tagfilter", "tasklist"})
        cmark_parser_attach_syntax_extension(parser, cmark_find_syntax_extension(name));
    cmark_parser_feed(parser, markdown.constData(), size_t(markdown.size()));
    cmark_node *document = cmark_parser_finish(parser);
    char *html = cmark_render_html_with_mem(document, options,
                                            cmark_parser_get_syntax_extensions(parser), memory);
    const QByteArray result(html);
    memory->free(html);
    cmark_node_free(document);
    cmark_parser_free(parser);
    return result;
}

} // namespace

class TestParseArena : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void callocGivesZeroedAlignedMemory()
    {
        const ParseArena::Scope scope;
        for (size_t bytes : {size_t(1), size_t(24), size_t(100), size_t(4096), size_t(300000)}) {
            void *memory = arena().calloc(1, bytes);
            QVERIFY(memory);
            QCOMPARE(reinterpret_cast<std::uintptr_t>(memory) % 16, 0u);
            QVERIFY(isZero(memory, bytes));
            void *after = arena().calloc(1, 8); // `memory` is not the last allocation
            std::memset(memory, 0xab, bytes);
            arena().free(memory); // kept for reuse by its size (given back when large)
            void *again = arena().calloc(1, bytes);
            QVERIFY(isZero(again, bytes));
            std::memset(again, 0xcd, bytes);
            arena().free(again);
            arena().free(after);
        }
        // The last allocation, freed, is taken back, and comes back zeroed.
        void *last = arena().calloc(1, 64);
        std::memset(last, 0xef, 64);
        arena().free(last);
        void *back = arena().calloc(1, 64);
        QCOMPARE(back, last);
        QVERIFY(isZero(back, 64));
        void *twice = arena().calloc(3, 40);
        QVERIFY(isZero(twice, 120));
    }

    void reallocKeepsTheContents()
    {
        const ParseArena::Scope scope;
        // Grown where it is (the last allocation), grown by a copy (another came after it),
        // grown past the large size, then shrunk.
        auto *text = static_cast<char *>(arena().realloc(nullptr, 10));
        std::memcpy(text, "0123456789", 10);
        text = static_cast<char *>(arena().realloc(text, 100));
        QCOMPARE(QByteArray(text, 10), QByteArray("0123456789"));
        void *other = arena().calloc(1, 32);
        text = static_cast<char *>(arena().realloc(text, 5000));
        QCOMPARE(QByteArray(text, 10), QByteArray("0123456789"));
        std::memset(text + 10, 'x', 4990);
        text = static_cast<char *>(arena().realloc(text, 600000));
        QCOMPARE(QByteArray(text, 10), QByteArray("0123456789"));
        QCOMPARE(QByteArray(text + 10, 4990), QByteArray(4990, 'x'));
        text = static_cast<char *>(arena().realloc(text, 2000000));
        QCOMPARE(QByteArray(text + 4990, 10), QByteArray(10, 'x'));
        text = static_cast<char *>(arena().realloc(text, 4));
        QCOMPARE(QByteArray(text, 4), QByteArray("0123"));
        QVERIFY(isZero(other, 32));
    }

    void freedMemoryIsHandedOutAgain()
    {
        const ParseArena::Scope scope;
        void *first = arena().calloc(1, 48);
        void *second = arena().calloc(1, 48);
        arena().free(first); // not the last: kept by its size
        QCOMPARE(arena().calloc(1, 40), first);
        arena().free(second); // the last: taken back
        QCOMPARE(arena().calloc(1, 200), second);
    }

    void theOutermostScopeGivesTheMemoryBack()
    {
        const long long before = ParseArena::heldBytes();
        {
            const ParseArena::Scope outer;
            char *kept = static_cast<char *>(arena().calloc(1, 64));
            std::memcpy(kept, "outer", 6);
            {
                const ParseArena::Scope inner;
                for (int i = 0; i < 40000; ++i)
                    arena().calloc(1, 500); // 20 MB in slabs
                arena().calloc(1, 5000000);
            }
            // The inner scope ended inside the outer one: nothing was given back.
            QCOMPARE(QByteArray(kept), QByteArray("outer"));
            QVERIFY(ParseArena::heldBytes() > 25000000);
        }
        // A few slabs stay for the next render, no more.
        QVERIFY2(ParseArena::heldBytes() <= std::max(before, 8LL << 20),
                 QByteArray::number(ParseArena::heldBytes()).constData());
    }

    void eachThreadHasAnArenaOfItsOwn()
    {
        bool sameEverywhere[2] = {false, false};
        const auto work = [](bool &same) {
            const ParseArena::Scope scope;
            QVector<unsigned char *> blocks;
            for (int i = 0; i < 20000; ++i) {
                auto *block = static_cast<unsigned char *>(arena().calloc(1, 16 + i % 200));
                std::memset(block, i % 251, 16);
                blocks.append(block);
                if (i % 3 == 0)
                    arena().free(blocks.takeFirst());
            }
            same = true;
            for (int i = 0; i < blocks.size(); ++i)
                same = same && blocks[i][15] == blocks[i][0];
        };
        std::thread one(work, std::ref(sameEverywhere[0]));
        std::thread two(work, std::ref(sameEverywhere[1]));
        one.join();
        two.join();
        QVERIFY(sameEverywhere[0]);
        QVERIFY(sameEverywhere[1]);
    }

    // cmark-gfm and its extensions allocate, grow and free through the arena as they parse: the
    // HTML is the same as with the C library's allocator.
    void cmarkRendersTheSameInTheArena()
    {
        QFile sample(QStringLiteral(MDPREVIEW_SOURCE_DIR "/resources/sample.md"));
        QVERIFY(sample.open(QIODevice::ReadOnly));
        const QByteArray markdown = sample.readAll() +
                                    "\n| a | b |\n|---|:-:|\n| `c` | *d* |\n\nNote[^1].\n\n"
                                    "[^1]: The note.\n" +
                                    QByteArray(300000, 'x') + "\n\n~~gone~~ www.example.com\n";
        const QByteArray expected = renderWith(cmark_get_default_mem_allocator(), markdown);
        const ParseArena::Scope scope;
        QCOMPARE(renderWith(ParseArena::allocator(), markdown), expected);
    }
};

QTEST_GUILESS_MAIN(TestParseArena)
#include "tst_parsearena.moc"
