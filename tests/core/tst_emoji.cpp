// SPDX-License-Identifier: GPL-3.0-or-later
// Emoji shortcodes: every gemoji name, in text only, unknown ones left alone.
#include "../support/rendering.h"
#include "core/markdown/emojitable.h"
#include "core/markdown/renderer.h"

#include <QTest>

using mdp::Renderer;
namespace EmojiTable = mdp::EmojiTable;

class TestEmoji final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void tableIsComplete();
    void text_data();
    void text();
    void markdown_data();
    void markdown();
};

void TestEmoji::tableIsComplete()
{
    // gemoji 8 has about 1,900 names; the table is sorted, or the binary search misses.
    QVERIFY(EmojiTable::kEntryCount > 1800);
    for (std::size_t i = 1; i < EmojiTable::kEntryCount; ++i)
        QVERIFY(QByteArrayView(EmojiTable::kEntries[i - 1].name)
                    .compare(QByteArrayView(EmojiTable::kEntries[i].name)) < 0);
    for (std::size_t i = 0; i < EmojiTable::kEntryCount; ++i)
        QCOMPARE(EmojiTable::emojiFor(QByteArrayView(EmojiTable::kEntries[i].name)),
                 QByteArrayView(EmojiTable::kEntries[i].emoji));
}

void TestEmoji::text_data()
{
    QTest::addColumn<QByteArray>("text");
    QTest::addColumn<QByteArray>("expected");

    QTest::newRow("tada") << QByteArray(":tada:") << QByteArray("🎉");
    QTest::newRow("plus one") << QByteArray(":+1:") << QByteArray("👍");
    QTest::newRow("minus one") << QByteArray(":-1:") << QByteArray("👎");
    QTest::newRow("underscores") << QByteArray(":white_check_mark:") << QByteArray("✅");
    QTest::newRow("alias") << QByteArray(":thumbsup:") << QByteArray("👍");
    QTest::newRow("in a sentence")
        << QByteArray("Ship it :rocket: now") << QByteArray("Ship it 🚀 now");
    QTest::newRow("two in a row") << QByteArray(":smile::heart:") << QByteArray("😄❤️");
    QTest::newRow("unknown stays") << QByteArray(":not_an_emoji:") << QByteArray(":not_an_emoji:");
    QTest::newRow("unknown then known") << QByteArray(":nope:smile:") << QByteArray(":nope😄");
    QTest::newRow("time of day") << QByteArray("12:30:45") << QByteArray("12:30:45");
    QTest::newRow("empty name") << QByteArray("::") << QByteArray("::");
    QTest::newRow("lone colon") << QByteArray("a: b") << QByteArray("a: b");
    QTest::newRow("space inside") << QByteArray(":ta da:") << QByteArray(":ta da:");
    QTest::newRow("upper case is not a name") << QByteArray(":TADA:") << QByteArray(":TADA:");
    QTest::newRow("unclosed") << QByteArray("x :tada") << QByteArray("x :tada");
    QTest::newRow("flag") << QByteArray(":de:") << QByteArray("🇩🇪");
}

void TestEmoji::text()
{
    QFETCH(QByteArray, text);
    QFETCH(QByteArray, expected);
    QByteArray replaced = text;
    QCOMPARE(EmojiTable::replaceShortcodes(replaced), text != expected);
    QCOMPARE(replaced, expected);
}

// Markdown in, a fragment the HTML must contain.
void TestEmoji::markdown_data()
{
    QTest::addColumn<QByteArray>("markdown");
    QTest::addColumn<QByteArray>("expected");

    QTest::newRow("paragraph") << QByteArray("Hi :wave:\n") << QByteArray(">Hi 👋</p>");
    QTest::newRow("emphasis") << QByteArray("*:fire:*\n") << QByteArray("<em>🔥</em>");
    QTest::newRow("split by underscores")
        << QByteArray("a :white_check_mark: b\n") << QByteArray(">a ✅ b</p>");
    QTest::newRow("heading") << QByteArray("## Done :tada:\n")
                             << QByteArray("<h2 class=\"heading-element\">Done 🎉</h2>");
    QTest::newRow("heading id from the shortcode")
        << QByteArray("## Done :tada:\n") << QByteArray("id=\"user-content-done-tada\"");
    QTest::newRow("link text") << QByteArray("[:rocket:](https://example.org)\n")
                               << QByteArray(">🚀</a>");
    QTest::newRow("image alt") << QByteArray("![:tada:](i.png)\n") << QByteArray("alt=\"🎉\"");
    QTest::newRow("table cell") << QByteArray("| a |\n|---|\n| :smile: |\n")
                                << QByteArray(">😄</td>");
    QTest::newRow("inline code untouched")
        << QByteArray("`:tada:`\n") << QByteArray("<code>:tada:</code>");
    QTest::newRow("code block untouched")
        << QByteArray("```\n:tada:\n```\n") << QByteArray("<code>:tada:\n</code>");
    QTest::newRow("indented code untouched")
        << QByteArray("    :tada:\n") << QByteArray("<code>:tada:\n</code>");
    QTest::newRow("autolink untouched")
        << QByteArray("https://example.org/:tada:/\n")
        << QByteArray("<a href=\"https://example.org/:tada:/\">https://example.org/:tada:/</a>");
    QTest::newRow("angle autolink untouched") << QByteArray("<https://example.org/:tada:>\n")
                                              << QByteArray(">https://example.org/:tada:</a>");
    QTest::newRow("link url untouched") << QByteArray("[x](https://example.org/:tada:)\n")
                                        << QByteArray("href=\"https://example.org/:tada:\"");
    QTest::newRow("unknown stays")
        << QByteArray(":unknown_thing:\n") << QByteArray(">:unknown_thing:</p>");
}

void TestEmoji::markdown()
{
    QFETCH(QByteArray, markdown);
    QFETCH(QByteArray, expected);
    QVERIFY(mdp::test::renderedContains(markdown, expected));
}

QTEST_GUILESS_MAIN(TestEmoji)
#include "tst_emoji.moc"
