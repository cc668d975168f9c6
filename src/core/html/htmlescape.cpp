// SPDX-License-Identifier: GPL-3.0-or-later
#include "htmlescape.h"

namespace mdp {

void appendHtmlEscaped(QByteArray &out, QByteArrayView text, EscapeQuotes quotes)
{
    // The runs between the characters to escape are copied whole: appending byte by byte costs
    // tens of instructions a byte, and every code block and math span passes through here.
    const char *run = text.begin();
    for (const char *at = text.begin(); at != text.end(); ++at) {
        QByteArrayView entity;
        switch (*at) {
        case '&':
            entity = "&amp;";
            break;
        case '<':
            entity = "&lt;";
            break;
        case '>':
            entity = "&gt;";
            break;
        case '"':
            if (quotes == EscapeQuotes::Yes)
                entity = "&quot;";
            break;
        default:
            break;
        }
        if (entity.isEmpty())
            continue;
        out.append(run, at - run);
        out.append(entity);
        run = at + 1;
    }
    out.append(run, text.end() - run);
}

void appendEscapedUrl(QByteArray &out, QByteArrayView url)
{
    static constexpr char kHex[] = "0123456789ABCDEF";
    for (const char c : url) {
        const auto byte = uchar(c);
        const bool alphanumeric = (byte >= 'a' && byte <= 'z') || (byte >= 'A' && byte <= 'Z') ||
                                  (byte >= '0' && byte <= '9');
        if (alphanumeric || QByteArrayView("-_.+!*(),%#@?=;:/$~").contains(c)) {
            out += c;
        } else if (c == '&') {
            out += "&amp;";
        } else if (c == '\'') {
            out += "&#x27;";
        } else {
            out += '%';
            out += kHex[byte >> 4];
            out += kHex[byte & 0xf];
        }
    }
}

} // namespace mdp
