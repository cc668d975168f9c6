// SPDX-License-Identifier: GPL-3.0-or-later
// The messages the shell page applies: only what changed, and source lines that move with an edit
// without being sent again for every block below it.
#include "core/live/pageupdatebuilder.h"
#include "core/markdown/renderer.h"

#include <QJsonArray>
#include <QTest>

using mdp::PageUpdateBuilder;
using mdp::Renderer;

namespace {

// 200 paragraphs, each two source lines apart: paragraph i starts on line 1 + 2 * i.
QByteArray paragraphs(int count = 200)
{
    QByteArray text;
    for (int i = 0; i < count; ++i)
        text += "Paragraph " + QByteArray::number(i) + ".\n\n";
    return text;
}

// What the page holds: each block's relative lines, as the messages leave them.
struct PageLines
{
    QVector<int> advances;
    QVector<int> spans;

    void apply(const QJsonObject &message)
    {
        if (message.value(QStringLiteral("reset")).toBool()) {
            advances.clear();
            spans.clear();
        }
        const QJsonArray edits = message.value(QStringLiteral("edits")).toArray();
        for (qsizetype e = edits.size() - 1; e >= 0; --e) {
            const QJsonArray edit = edits[e].toArray();
            const int at = edit[0].toInt();
            const int removeCount = edit[1].toInt();
            const QJsonArray relative = edit[4].toArray();
            QCOMPARE(relative.size(), 2 * edit[2].toArray().size());
            advances.remove(at, removeCount);
            spans.remove(at, removeCount);
            for (qsizetype i = 0; i < relative.size(); i += 2) {
                advances.insert(at + i / 2, relative[i].toInt());
                spans.insert(at + i / 2, relative[i + 1].toInt());
            }
        }
        const QJsonArray moved = message.value(QStringLiteral("moved")).toArray();
        for (qsizetype i = 0; i < moved.size(); i += 3) {
            advances[moved[i].toInt()] = moved[i + 1].toInt();
            spans[moved[i].toInt()] = moved[i + 2].toInt();
        }
    }

    // [first, last] of every block, flattened.
    QVector<int> absolute() const
    {
        QVector<int> lines;
        int first = 0;
        for (qsizetype i = 0; i < advances.size(); ++i) {
            first += advances[i];
            lines << first << first + spans[i];
        }
        return lines;
    }
};

// The UTF-8 bytes of the block HTML a message carries (what the view counts towards the page's
// garbage collection).
qint64 htmlBytesIn(const QJsonObject &message)
{
    qint64 bytes = 0;
    for (const QJsonValue &edit : message.value(QStringLiteral("edits")).toArray()) {
        for (const QJsonValue &html : edit[2].toArray())
            bytes += html.toString().toUtf8().size();
    }
    return bytes;
}

QVector<int> linesOf(const mdp::RenderResult &result)
{
    QVector<int> lines;
    for (const mdp::RenderedBlock &block : result.blocks)
        lines << block.firstLine << block.lastLine;
    return lines;
}

} // namespace

class TestPageUpdateBuilder final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void linesFollowTheEdit_data();
    void linesFollowTheEdit();
    void unchangedDocumentSendsNothing();
    void htmlIsSentAsRendered();
};

void TestPageUpdateBuilder::linesFollowTheEdit_data()
{
    QTest::addColumn<QByteArray>("after");
    QTest::addColumn<int>("edited"); // blocks inserted or removed by the edits
    QTest::addColumn<int>("moved");  // kept blocks whose relative lines are sent

    const QByteArray before = paragraphs();
    QByteArray text = before;
    QTest::newRow("paragraph inserted at the top") << text.insert(0, "New.\n\n") << 1 << 1;
    text = before;
    QTest::newRow("paragraph inserted in the middle")
        << text.insert(text.indexOf("Paragraph 100."), "New\nparagraph.\n\n") << 1 << 1;
    text = before;
    QTest::newRow("paragraph appended") << text.append("New.\n") << 1 << 0;
    text = before;
    QTest::newRow("paragraph edited in the middle")
        << text.replace("Paragraph 100.", "Paragraph 100, edited.") << 2 << 0;
    text = before;
    // Paragraphs two lines apart, one of them gone: the next one is still two lines below its
    // predecessor, and nothing is sent for it.
    QTest::newRow("paragraph removed near the top")
        << text.remove(text.indexOf("Paragraph 3."), 14) << 1 << 0;
    text = before;
    // No block changes, only the lines below the blank line: one kept block is sent.
    QTest::newRow("blank line added between paragraphs")
        << text.insert(text.indexOf("Paragraph 50."), "\n") << 0 << 1;
    text = before;
    // The heading's HTML is the same as a setext heading's, its span is not.
    QTest::newRow("line span of a kept block") << QByteArray("# Title\n\n" + before) << 1 << 1;
}

void TestPageUpdateBuilder::linesFollowTheEdit()
{
    QFETCH(QByteArray, after);
    QFETCH(int, edited);
    QFETCH(int, moved);

    PageUpdateBuilder builder;
    PageLines page;
    const mdp::RenderResult first = Renderer::render(paragraphs());
    const QJsonObject load = builder.replaceAll(first);
    page.apply(load);
    QCOMPARE(page.absolute(), linesOf(first));
    QVERIFY(builder.htmlBytesSent() > 0);
    QCOMPARE(builder.htmlBytesSent(), htmlBytesIn(load));

    const mdp::RenderResult second = Renderer::render(after);
    const QJsonObject message = builder.update(second);
    page.apply(message);
    QCOMPARE(page.absolute(), linesOf(second));
    QCOMPARE(builder.htmlBytesSent(), htmlBytesIn(message));

    int touched = 0;
    for (const QJsonValue &edit : message.value(QStringLiteral("edits")).toArray())
        touched += edit[1].toInt() + int(edit[2].toArray().size());
    QCOMPARE(touched, edited);
    // What is sent for the other 199 blocks: nothing, or the one block after a change.
    QCOMPARE(message.value(QStringLiteral("moved")).toArray().size(), 3 * moved);
}

void TestPageUpdateBuilder::unchangedDocumentSendsNothing()
{
    PageUpdateBuilder builder;
    const mdp::RenderResult result = Renderer::render(paragraphs());
    builder.replaceAll(result);
    const QJsonObject message = builder.update(result);
    QCOMPARE(builder.htmlBytesSent(), 0);
    QVERIFY(message.value(QStringLiteral("edits")).toArray().isEmpty());
    QVERIFY(!message.contains(QStringLiteral("moved")));
}

void TestPageUpdateBuilder::htmlIsSentAsRendered()
{
    // ASCII blocks go into the message without a UTF-16 copy, others decoded from UTF-8: either
    // way the page gets each block's HTML exactly.
    const mdp::RenderResult result = Renderer::render(
        "# Plain heading\n\nPlain *text*.\n\nGr\xc3\xbc\xc3\x9f\x65 \xe2\x80\x94 \xe2\x9c\x93 "
        "\xf0\x9f\x98\x80 :tada:\n\n| a | \xc3\xa9 |\n| - | - |\n| 1 | 2 |\n\n"
        "<p>caf\xc3\xa9</p>\n\n`x`\n");
    PageUpdateBuilder builder;
    const QJsonArray edits = builder.replaceAll(result).value(QStringLiteral("edits")).toArray();
    QCOMPARE(edits.size(), 1);
    const QJsonArray html = edits[0][2].toArray();
    QCOMPARE(html.size(), result.blocks.size());
    bool sawAscii = false;
    bool sawOther = false;
    for (qsizetype i = 0; i < html.size(); ++i) {
        const QByteArray &rendered = result.blocks[i].html;
        QCOMPARE(html[i].toString(), QString::fromUtf8(rendered));
        QCOMPARE(html[i].toString().toUtf8(), rendered);
        (QString::fromUtf8(rendered).toLatin1() == rendered ? sawAscii : sawOther) = true;
    }
    QVERIFY(sawAscii);
    QVERIFY(sawOther);
}

QTEST_GUILESS_MAIN(TestPageUpdateBuilder)
#include "tst_pageupdatebuilder.moc"
