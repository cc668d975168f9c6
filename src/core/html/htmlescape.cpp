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

} // namespace mdp
