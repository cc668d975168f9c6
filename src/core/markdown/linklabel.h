// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArrayView>
#include <QSet>
#include <QString>

namespace mdp {

// Link labels as far as an incremental render needs them: which labels a piece of Markdown may
// define, and whether a piece may refer to one. Both answers err on the side of "yes".
//
// cmark-gfm matches a reference to a definition when their labels are equal after Unicode full
// case folding ("Straße" is "STRASSE"), with whitespace collapsed and trimmed. A label's key is
// its case fold with what may stand between its characters in the source left out: whitespace,
// the ">" of block quotes a label runs over, the "\" of an escaped pipe in a table cell (and,
// for text that is not valid UTF-8, the replacement character). Equal labels have equal keys.
class LinkLabel final
{
public:
    static QString key(QByteArrayView label);

    // The keys of every label that a "]:" in `text` may end: for each "]:", the text back to
    // each "[" before it on the way to one that no backslash precedes.
    static QSet<QString> definedKeys(QByteArrayView text);

    // Whether `text` may hold a reference whose label has key `labelKey`, in any of its forms
    // ([text][label], [label][], [label], ![label]): "[", the label, "]", in the text's key.
    static bool mayReference(QByteArrayView text, const QString &labelKey);
    // The same for many keys, with `text`'s key worked out once.
    static bool mayReferenceAny(QByteArrayView text, const QSet<QString> &labelKeys);
};

} // namespace mdp
