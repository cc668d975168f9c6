// SPDX-License-Identifier: GPL-3.0-or-later
#include "emojitable.h"

#include <QByteArray>

#include <algorithm>
#include <cstring>

namespace mdp::EmojiTable {

namespace {

bool isNameChar(char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' ||
           c == '+' || c == '-';
}

} // namespace

QByteArrayView emojiFor(QByteArrayView name)
{
    const Entry *end = kEntries + kEntryCount;
    const Entry *found = std::lower_bound(kEntries, end, name, [](const Entry &entry, auto key) {
        return QByteArrayView(entry.name).compare(key) < 0;
    });
    if (found == end || QByteArrayView(found->name) != name)
        return {};
    return QByteArrayView(found->emoji);
}

bool replaceShortcodes(QByteArray &text)
{
    qsizetype open = text.indexOf(':');
    if (open < 0)
        return false;
    QByteArray out;
    qsizetype copied = 0;
    while (open >= 0) {
        qsizetype close = open + 1;
        while (close < text.size() && isNameChar(text[close]))
            ++close;
        if (close >= text.size() || text[close] != ':') {
            open = close < text.size() ? text.indexOf(':', close) : -1;
            continue;
        }
        const QByteArrayView emoji =
            close > open + 1 ? emojiFor(QByteArrayView(text).sliced(open + 1, close - open - 1))
                             : QByteArrayView();
        if (emoji.isEmpty()) {
            // The closing colon may open the next shortcode (":not-one:tada:").
            open = close;
            continue;
        }
        out += QByteArrayView(text).sliced(copied, open - copied);
        out += emoji;
        copied = close + 1;
        open = text.indexOf(':', copied);
    }
    if (copied == 0)
        return false;
    out += QByteArrayView(text).sliced(copied);
    text = std::move(out);
    return true;
}

} // namespace mdp::EmojiTable
