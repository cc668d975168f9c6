// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArray>
#include <QByteArrayView>
#include <QString>

namespace mdp {

// YAML front matter as GitHub shows it above a file: "---" on the first line, YAML, "---".
// A mapping becomes a table (its keys the header row, its values the row below; a list or a
// mapping inside a table of its own). YAML that does not parse is shown as GitHub shows it: an
// error line and the front matter as YAML code. Anything else (no closing line, nothing but
// white space, a list or a scalar at the top) is no front matter: the lines stay Markdown.
class FrontMatter final
{
public:
    static FrontMatter find(QByteArrayView markdown);

    bool isPresent() const { return m_lastLine > 0; }
    // The line of the closing "---": the block spans lines 1 to this one.
    int lastLine() const { return m_lastLine; }
    // One element: the table, or the error and the code.
    const QByteArray &html() const { return m_html; }
    // Empty when the YAML parsed; else what is wrong and where, for the status bar.
    const QString &error() const { return m_error; }

    // The document with the front matter's lines left empty, so that the Markdown after it
    // keeps its line numbers (scroll anchors, --goto-line and the contents count them).
    QByteArray blankedDocument(QByteArrayView markdown) const;

private:
    void setError(QByteArrayView block, const QString &message, int line, int column);

    int m_lastLine = 0;
    qsizetype m_endOffset = 0; // just past the closing line's line ending
    QByteArray m_html;
    QString m_error;
};

} // namespace mdp
