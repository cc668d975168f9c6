// SPDX-License-Identifier: GPL-3.0-or-later
// The app's copy of an editor's buffer: the changes Vim and Neovim report, applied line by line,
// give the buffer's text; a change that does not fit is refused and the copy waits for the
// whole buffer again.
#include "core/live/editorbuffer.h"

#include <QTest>

using mdp::EditorBuffer;
using mdp::EditorChange;
using mdp::LineRange;

Q_DECLARE_METATYPE(EditorChange)

class TestEditorBuffer final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void changes_data();
    void changes();
    void outOfSyncUntilTheWholeBuffer();
    void emptyBuffer();
};

void TestEditorBuffer::changes_data()
{
    QTest::addColumn<QList<QByteArray>>("before");
    QTest::addColumn<EditorChange>("change");
    QTest::addColumn<bool>("fits");
    QTest::addColumn<QByteArray>("text");
    QTest::addColumn<LineRange>("touched");

    const QList<QByteArray> abc{"a", "b", "c"};
    // What Vim's listener reports for `ix<Esc>` on line 2: lines 2..2 become ["xb"].
    QTest::newRow("a character typed") << abc << EditorChange{2, 1, {"xb"}, 3} << true
                                       << QByteArray("a\nxb\nc\n") << LineRange{2, 1};
    // `o` on line 3: nothing removed below line 3, one line added.
    QTest::newRow("a line opened at the end") << abc << EditorChange{4, 0, {""}, 4} << true
                                              << QByteArray("a\nb\nc\n\n") << LineRange{4, 1};
    QTest::newRow("a line put above the first") << abc << EditorChange{1, 0, {"new"}, 4} << true
                                                << QByteArray("new\na\nb\nc\n") << LineRange{1, 1};
    // `dd` on line 2.
    QTest::newRow("a line deleted")
        << abc << EditorChange{2, 1, {}, 2} << true << QByteArray("a\nc\n") << LineRange{2, 0};
    // A line split by Enter in insert mode: line 1 becomes two.
    QTest::newRow("a line split") << QList<QByteArray>{"ab"} << EditorChange{1, 1, {"a", "b"}, 2}
                                  << true << QByteArray("a\nb\n") << LineRange{1, 2};
    QTest::newRow("two lines joined") << abc << EditorChange{1, 2, {"a b"}, 2} << true
                                      << QByteArray("a b\nc\n") << LineRange{1, 1};
    QTest::newRow("UTF-8") << abc << EditorChange{3, 1, {"Grüße ✓"}, 3} << true
                           << QByteArray("a\nb\nGrüße ✓\n") << LineRange{3, 1};
    QTest::newRow("no total: not checked") << abc << EditorChange{1, 1, {"z"}, 0} << true
                                           << QByteArray("z\nb\nc\n") << LineRange{1, 1};

    QTest::newRow("past the end") << abc << EditorChange{3, 2, {"x"}, 2} << false
                                  << QByteArray("a\nb\nc\n") << LineRange{};
    QTest::newRow("after the end")
        << abc << EditorChange{5, 0, {"x"}, 4} << false << QByteArray("a\nb\nc\n") << LineRange{};
    QTest::newRow("line 0") << abc << EditorChange{0, 0, {"x"}, 4} << false
                            << QByteArray("a\nb\nc\n") << LineRange{};
    // The editor has more lines than the copy would: a change was missed.
    QTest::newRow("total disagrees")
        << abc << EditorChange{1, 1, {"x"}, 7} << false << QByteArray("a\nb\nc\n") << LineRange{};
}

void TestEditorBuffer::changes()
{
    QFETCH(QList<QByteArray>, before);
    QFETCH(EditorChange, change);
    QFETCH(bool, fits);
    QFETCH(QByteArray, text);
    QFETCH(LineRange, touched);

    EditorBuffer buffer;
    buffer.setLines(before);
    QCOMPARE(buffer.apply(change), fits);
    QCOMPARE(buffer.isInSync(), fits);
    // A refused change leaves the copy as it was.
    QCOMPARE(buffer.text(), text);
    QCOMPARE(buffer.lastChange(), touched);
}

void TestEditorBuffer::outOfSyncUntilTheWholeBuffer()
{
    EditorBuffer buffer;
    QVERIFY(!buffer.isInSync()); // nothing sent yet
    QVERIFY(!buffer.apply({1, 0, {"x"}, 2}));
    buffer.setLines({"a", "b"});
    QVERIFY(!buffer.apply({4, 0, {"x"}, 3}));
    // Later changes are refused too: they were made to a buffer the copy does not know.
    QVERIFY(!buffer.apply({1, 1, {"z"}, 2}));
    QCOMPARE(buffer.text(), QByteArray("a\nb\n"));
    buffer.setLines({"a", "b", "c"});
    QVERIFY(buffer.isInSync());
    QVERIFY(buffer.apply({3, 1, {"C"}, 3}));
    QCOMPARE(buffer.text(), QByteArray("a\nb\nC\n"));
    QCOMPARE(buffer.lineCount(), 3);
}

void TestEditorBuffer::emptyBuffer()
{
    EditorBuffer buffer;
    buffer.setLines({});
    QCOMPARE(buffer.lineCount(), 1);
    QCOMPARE(buffer.text(), QByteArray("\n"));
    // `ggdG`: every line deleted leaves one empty line, whether or not the editor reports it.
    buffer.setLines({"a", "b"});
    QVERIFY(buffer.apply({1, 2, {}, 1}));
    QCOMPARE(buffer.text(), QByteArray("\n"));
    buffer.setLines({"a", "b"});
    QVERIFY(buffer.apply({1, 2, {""}, 1}));
    QCOMPARE(buffer.text(), QByteArray("\n"));
}

QTEST_GUILESS_MAIN(TestEditorBuffer)
#include "tst_editorbuffer.moc"
