// SPDX-License-Identifier: GPL-3.0-or-later
#include "emojitable.h"

#include <QByteArray>

#include <string_view>
#include <unordered_map>

namespace mdp::EmojiTable {

namespace {

bool isNameChar(char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' ||
           c == '+' || c == '-';
}

// The table by name, built once: a binary search measured every name it passed on the way
// (strlen) and compared it, the most of a text full of colons' time.
const std::unordered_map<std::string_view, std::string_view> &byName()
{
    static const auto table = [] {
        std::unordered_map<std::string_view, std::string_view> map;
        map.reserve(kEntryCount);
        for (std::size_t i = 0; i < kEntryCount; ++i)
            map.emplace(kEntries[i].name, kEntries[i].emoji);
        return map;
    }();
    return table;
}

} // namespace

QByteArrayView emojiFor(QByteArrayView name)
{
    const auto &table = byName();
    const auto found = table.find(std::string_view(name.data(), size_t(name.size())));
    if (found == table.end())
        return {};
    return QByteArrayView(found->second.data(), qsizetype(found->second.size()));
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
