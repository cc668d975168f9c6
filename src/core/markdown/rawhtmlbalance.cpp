// SPDX-License-Identifier: GPL-3.0-or-later
#include "rawhtmlbalance.h"

#include <QByteArray>

#include <algorithm>
#include <array>

namespace mdp {

namespace {

bool isVoidElement(QByteArrayView name)
{
    // The HTML standard's void elements: they never take an end tag.
    static constexpr std::array<QByteArrayView, 14> kVoid = {
        "area",  "base", "br",   "col",    "embed", "hr",  "img",
        "input", "link", "meta", "source", "track", "wbr", "param"};
    return std::any_of(kVoid.begin(), kVoid.end(),
                       [&](QByteArrayView v) { return v.compare(name, Qt::CaseInsensitive) == 0; });
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
    const qsizetype n = html.size();
    while (i < n) {
        if (html[i] != '<') {
            ++i;
            continue;
        }
        if (html.sliced(i).startsWith("<!--")) {
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
        qsizetype tagEnd = QByteArrayView(html).indexOf('>', nameEnd);
        if (tagEnd < 0)
            tagEnd = n;
        const bool selfClosing = tagEnd > 0 && tagEnd < n && html[tagEnd - 1] == '/';
        if (!isVoidElement(name) && !selfClosing)
            depth += closing ? -1 : 1;
        i = tagEnd + 1;
    }
    return depth;
}

} // namespace mdp
