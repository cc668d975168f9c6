// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArray>
#include <QByteArrayView>

namespace mdp {

enum class EscapeQuotes
{
    No,  // text between tags: a quote there is harmless and stays as written
    Yes, // an attribute value in double quotes
};

// Appends UTF-8 text to HTML so that it reads as text: & < > (and " in attributes) escaped.
void appendHtmlEscaped(QByteArray &out, QByteArrayView text,
                       EscapeQuotes quotes = EscapeQuotes::Yes);

// Appends a URL to an attribute value the way cmark writes href and src: the characters a URL
// may hold as they are, & and ' as entities, every other byte percent-encoded.
void appendEscapedUrl(QByteArray &out, QByteArrayView url);

inline QByteArray htmlEscaped(QByteArrayView text)
{
    QByteArray out;
    out.reserve(text.size() + text.size() / 8);
    appendHtmlEscaped(out, text);
    return out;
}

} // namespace mdp
