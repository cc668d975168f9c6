// SPDX-License-Identifier: GPL-3.0-or-later
#include "htmlescape.h"

namespace mdp {

void appendHtmlEscaped(QByteArray &out, QByteArrayView text, EscapeQuotes quotes)
{
    for (const char c : text) {
        switch (c) {
        case '&':
            out += "&amp;";
            break;
        case '<':
            out += "&lt;";
            break;
        case '>':
            out += "&gt;";
            break;
        case '"':
            if (quotes == EscapeQuotes::Yes)
                out += "&quot;";
            else
                out += c;
            break;
        default:
            out += c;
        }
    }
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
