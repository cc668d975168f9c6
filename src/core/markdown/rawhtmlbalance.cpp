// SPDX-License-Identifier: GPL-3.0-or-later
#include "rawhtmlbalance.h"

#include "core/html/tagname.h"

#include <QByteArray>

#include <algorithm>
#include <cstring>

namespace mdp {

namespace {

bool isVoidElement(QByteArrayView name)
{
    // The HTML standard's void elements: they never take an end tag. Compared in lower case by
    // length, without a call: this runs for every tag of every HTML block.
    char lower[6];
    if (name.size() < 2 || name.size() > qsizetype(sizeof lower))
        return false;
    for (qsizetype i = 0; i < name.size(); ++i) {
        const char c = name[i];
        lower[i] = c >= 'A' && c <= 'Z' ? char(c + ('a' - 'A')) : c;
    }
    const auto is = [&](const char(&word)[sizeof lower + 1]) {
        return std::memcmp(lower, word, size_t(name.size())) == 0;
    };
    switch (name.size()) {
    case 2:
        return is("br\0\0\0\0") || is("hr\0\0\0\0");
    case 3:
        return is("col\0\0\0") || is("img\0\0\0") || is("wbr\0\0\0");
    case 4:
        return is("area\0\0") || is("base\0\0") || is("link\0\0") || is("meta\0\0");
    case 5:
        return is("embed\0") || is("input\0") || is("track\0") || is("param\0");
    default:
        return is("source");
    }
}

bool isNameChar(char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-';
}

} // namespace

int rawHtmlDepthChange(QByteArrayView html)
{
    int depth = 0;
    qsizetype i = 0;
    QByteArrayView lastName;
    bool lastVoid = false;
    const qsizetype n = html.size();
    while (i < n) {
        // A few bytes are looked at before a search is called: in a block of tags the next one
        // is close.
        for (const qsizetype near = std::min(n, i + 8); i < near && html[i] != '<';)
            ++i;
        if (i < n && html[i] != '<') {
            const void *open = std::memchr(html.data() + i, '<', size_t(n - i));
            if (!open)
                break;
            i = static_cast<const char *>(open) - html.data();
        }
        if (i >= n)
            break;
        if (i + 1 < n && html[i + 1] == '!' && html.sliced(i).startsWith("<!--")) {
            const qsizetype end = QByteArrayView(html).indexOf("-->", i + 4);
            i = end < 0 ? n : end + 3;
            continue;
        }
        const bool closing = i + 1 < n && html[i + 1] == '/';
        qsizetype nameStart = i + (closing ? 2 : 1);
        qsizetype nameEnd = nameStart;
        while (nameEnd < n && isNameChar(html[nameEnd]))
            ++nameEnd;
        if (nameEnd == nameStart) {
            ++i;
            continue;
        }
        const QByteArrayView name = html.sliced(nameStart, nameEnd - nameStart);
        // Most tags end right after their name.
        const void *close = nameEnd < n && html[nameEnd] == '>'
                                ? html.data() + nameEnd
                                : std::memchr(html.data() + nameEnd, '>', size_t(n - nameEnd));
        const qsizetype tagEnd = close ? static_cast<const char *>(close) - html.data() : n;
        const bool selfClosing = tagEnd > 0 && tagEnd < n && html[tagEnd - 1] == '/';
        // A block repeats its tags (a <div> a line): the same bytes, the same answer.
        if (!sameTagName(name, lastName)) {
            lastName = name;
            lastVoid = isVoidElement(name);
        }
        if (!lastVoid && !selfClosing)
            depth += closing ? -1 : 1;
        i = tagEnd + 1;
    }
    return depth;
}

} // namespace mdp
