// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArray>
#include <QByteArrayView>
#include <QList>
#include <QVector>

#include <utility>
#include <vector>

namespace mdp {

// What the HTML parser reads of a block: the block's HTML with the work taken out that cannot
// change what the sanitizer writes. The parser costs some hundred instructions a byte, for every
// character of text and every attribute, most of which the sanitizer then writes back as it was
// (text) or drops (attributes the allowlist does not know); a long paragraph or a tag with
// thousands of attributes costs ten times what cmark-gfm needs for it.
//
// - Text the parser reads one character at a time and the writer writes back unchanged (printable
//   ASCII, white space, the references &lt; &gt; &amp; &quot;) becomes a placeholder: a private
//   use character, the run's number, the character again. To the tree builder a run of text that
//   starts with a character other than white space is one such character as much as many: it
//   goes where the first would go (into the current node, or before a table with the rest of the
//   table's pending text). appendText writes the run back where the placeholder ended up.
// - A "<" to be read as text (a tag past the sanitizer's depth limit, which the parser would
//   otherwise be given as "&lt;" in a copy of the block) is part of a run, whatever its length:
//   the parser never sees it, and it comes back as "&lt;" as the reference would.
// - A start tag of the document's loses the attributes the allowlist drops on that element
//   whatever their value; the tree builder does not look at them (it compares the attributes of
//   formatting elements, and an <input>'s type, whose tags are left as they are).
//
// Safe by construction: everything the parser reports still goes through the allowlist, and a run
// comes back HTML-escaped. When the block holds anything that changes how the tokenizer reads
// what follows (comments, <script>, <textarea>, <svg>, ...) or a tag that does not end, condense
// declines and the parser reads the block as it is.
class ParserInput final
{
public:
    // [from, to) byte ranges of the document's own HTML, in order.
    using Ranges = QVector<std::pair<qsizetype, qsizetype>>;

    // False when `html` is to be parsed as it is. `html` must outlive `input`. `textLessThans`:
    // the positions, in order, of the "<" that are to be read as text, as if each were "&lt;"
    // (the tags past the depth limit); when one is in what is read as a tag, condense declines.
    static bool condense(QByteArrayView html, const Ranges &document, ParserInput &input,
                         const std::vector<qsizetype> &textLessThans = {});

    // Elements after whose start tag the tokenizer reads differently (raw text, RCDATA, foreign
    // content, a template's contents), by lower-case name: even bare, they change how what
    // follows them is read, so a block with one is parsed as it is.
    static bool changesTokenizer(QByteArrayView name);

    QByteArray html; // what the parser reads
    Ranges document; // the document's ranges in `html`
    // Appends the text of a text node, escaped as the sanitizer escapes text, with the runs the
    // placeholders stand for written back.
    void appendText(QByteArray &out, QByteArrayView text) const;

private:
    friend class Condenser;
    static void appendRun(QByteArray &out, QByteArrayView run);
    QList<QByteArrayView> m_runs; // the text each placeholder stands for, as the block had it
};

} // namespace mdp
