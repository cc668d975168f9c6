// SPDX-License-Identifier: GPL-3.0-or-later
#include "frontmatter.h"

#include "core/html/htmlescape.h"
#include "core/markdown/yamlscalar.h"

#include <QCoreApplication>
#include <QVector>

#include <string>
#include <yaml-cpp/yaml.h>

namespace mdp {

namespace {

struct Line
{
    qsizetype start = 0;
    qsizetype end = 0;  // where its text ends, before the line ending
    qsizetype next = 0; // where the next line starts
};

// Lines end as CommonMark ends them: "\n", "\r\n" or a lone "\r".
Line lineAt(QByteArrayView text, qsizetype start)
{
    Line line{start, start, start};
    while (line.end < text.size() && text[line.end] != '\n' && text[line.end] != '\r')
        ++line.end;
    line.next = line.end;
    if (line.next < text.size() && text[line.next] == '\r')
        ++line.next;
    if (line.next < text.size() && text[line.next] == '\n' &&
        (line.next == line.end || text[line.next - 1] == '\r'))
        ++line.next;
    return line;
}

// "---", then nothing but spaces and tabs (GitHub takes "---  " too, not "---yaml").
bool isFence(QByteArrayView text, const Line &line)
{
    QByteArrayView content = text.sliced(line.start, line.end - line.start);
    while (content.endsWith(' ') || content.endsWith('\t'))
        content.chop(1);
    return content == "---";
}

// Thrown when aliases would blow a small front matter up into an enormous table.
struct TooLarge
{};

// GitHub's markup for front matter, white space included: a table per mapping (keys in the
// head, values in one row) and per list (its items in one row), each value in a <div>.
class TableWriter final
{
public:
    QByteArray out;

    void table(const YAML::Node &node, const QByteArray &attributes)
    {
        out += "<table" + attributes + ">\n";
        if (node.IsMap()) {
            QVector<QByteArray> keys;
            QVector<YAML::Node> values;
            for (const auto &entry : node) {
                const QByteArray key = cellText(entry.first);
                // A key given twice keeps its first place and its last value, as in a Ruby hash.
                const qsizetype at = keys.indexOf(key);
                if (at >= 0) {
                    values[at] = entry.second;
                    continue;
                }
                keys.append(key);
                values.append(entry.second);
            }
            out += "  <thead>\n  <tr>\n";
            for (const QByteArray &key : keys)
                out += "  <th>" + key + "</th>\n";
            out += "  </tr>\n  </thead>\n";
            row(values);
        } else {
            row(QVector<YAML::Node>(node.begin(), node.end()));
        }
        out += "</table>";
    }

private:
    void row(const QVector<YAML::Node> &cells)
    {
        out += "  <tbody>\n  <tr>\n";
        for (const YAML::Node &cell : cells)
            out += "  <td><div>" + cellText(cell) + "</div></td>\n";
        out += "  </tr>\n  </tbody>\n";
    }

    QByteArray cellText(const YAML::Node &node)
    {
        if (++m_cells > kMaxCells)
            throw TooLarge();
        if (node.IsMap() || node.IsSequence()) {
            TableWriter nested;
            nested.m_cells = m_cells;
            nested.table(node, {});
            m_cells = nested.m_cells;
            return nested.out + '\n';
        }
        if (!node.IsScalar())
            return {};
        const QByteArrayView scalar(node.Scalar().data(), qsizetype(node.Scalar().size()));
        // "?" is the tag of a plain scalar: one YAML resolves by its value.
        return htmlEscaped(node.Tag() == "?" ? YamlScalar::plainText(scalar)
                                             : scalar.toByteArray());
    }

    static constexpr int kMaxCells = 20000;
    int m_cells = 0;
};

// libyaml, GitHub's parser, refuses a tab that indents a line (YAML allows only spaces there);
// yaml-cpp reads it as indentation. The line within the YAML, or -1.
int tabIndentedLine(QByteArrayView yaml)
{
    int line = 0;
    for (qsizetype at = 0; at < yaml.size(); ++line) {
        const Line current = lineAt(yaml, at);
        const QByteArrayView text = yaml.sliced(current.start, current.end - current.start);
        if (text.startsWith('\t') && !text.trimmed().isEmpty())
            return line;
        at = current.next;
    }
    return -1;
}

QByteArray sourcePos(int lastLine)
{
    return " data-sourcepos=\"1:1-" + QByteArray::number(lastLine) + ":3\"";
}

} // namespace

FrontMatter FrontMatter::find(QByteArrayView markdown)
{
    FrontMatter none;
    // Not a line's length of looking when it cannot be a fence (a document may be one long line).
    if (!markdown.startsWith("---"))
        return none;
    const Line open = lineAt(markdown, 0);
    if (!isFence(markdown, open))
        return none;
    int lineNumber = 2;
    Line close = lineAt(markdown, open.next);
    while (close.start < markdown.size() && !isFence(markdown, close)) {
        close = lineAt(markdown, close.next);
        ++lineNumber;
    }
    if (close.start >= markdown.size())
        return none;
    const QByteArrayView body = markdown.sliced(open.next, close.start - open.next);
    if (body.trimmed().isEmpty())
        return none;

    FrontMatter found;
    found.m_lastLine = lineNumber;
    found.m_endOffset = close.next;
    if (const int tabbed = tabIndentedLine(body); tabbed >= 0) {
        found.setError(markdown.first(close.next),
                       QStringLiteral("found character that cannot start any token while "
                                      "scanning for the next token"),
                       tabbed, 0);
        return found;
    }
    try {
        const YAML::Node root = YAML::Load(std::string(body.data(), size_t(body.size())));
        if (!root.IsMap())
            return none;
        TableWriter writer;
        writer.table(root, sourcePos(lineNumber));
        found.m_html = writer.out + '\n';
    } catch (const YAML::Exception &error) {
        found.setError(markdown.first(close.next), QString::fromStdString(error.msg),
                       error.mark.line, error.mark.column);
    } catch (const TooLarge &) {
        found.setError(markdown.first(close.next),
                       QCoreApplication::translate("mdp::FrontMatter", "too many values to show"),
                       -1, -1);
    }
    return found;
}

// GitHub's error line (the frame of Ruby's YAML errors around the parser's message, with lines
// counted from the first line after "---"), then the front matter as YAML code.
void FrontMatter::setError(QByteArrayView block, const QString &message, int line, int column)
{
    QString where;
    if (line >= 0) {
        where = QStringLiteral(" at line %1 column %2").arg(line + 1).arg(column + 1);
        m_error = QCoreApplication::translate("mdp::FrontMatter",
                                              "The front matter is not valid YAML (line %1, "
                                              "column %2): %3")
                      .arg(line + 2)
                      .arg(column + 1)
                      .arg(message);
    } else {
        m_error =
            QCoreApplication::translate("mdp::FrontMatter", "The front matter is not shown: %1")
                .arg(message);
    }
    QByteArray code = block.toByteArray();
    code.replace("\r\n", "\n").replace('\r', '\n');
    const QByteArray text = "Error in user YAML: (<unknown>): " + (message + where).toUtf8();
    m_html = "<div" + sourcePos(m_lastLine) + "><div class=\"flash flash-error mb-3\">" +
             htmlEscaped(text) +
             "</div><div class=\"highlight highlight-source-yaml\"><pre><code "
             "class=\"language-yaml\">" +
             htmlEscaped(code) + "</code></pre></div></div>\n";
}

QByteArray FrontMatter::blankedDocument(QByteArrayView markdown) const
{
    QByteArray out;
    out.reserve(markdown.size());
    for (qsizetype i = 0; i < m_endOffset; i = lineAt(markdown, i).next)
        out += '\n';
    out += markdown.sliced(m_endOffset);
    return out;
}

} // namespace mdp
