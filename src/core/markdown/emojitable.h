// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArrayView>

#include <cstddef>

namespace mdp::EmojiTable {

// GitHub's emoji shortcodes (gemoji), generated at build time, sorted by name.
struct Entry
{
    const char *name;  // without the colons
    const char *emoji; // UTF-8
};
extern const Entry kEntries[];
extern const std::size_t kEntryCount;

// The emoji for a shortcode name (":tada:" is "tada"); empty when there is none.
QByteArrayView emojiFor(QByteArrayView name);

// Replaces every known ":name:" in UTF-8 text; returns whether it replaced any.
bool replaceShortcodes(QByteArray &text);

} // namespace mdp::EmojiTable
