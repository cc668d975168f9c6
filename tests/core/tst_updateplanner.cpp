// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/live/updateplanner.h"

#include <QRandomGenerator>
#include <QTest>

using mdp::BlockEdit;
using mdp::UpdatePlanner;

namespace {

// Applies edits as the shell page does (back to front) and returns the resulting list.
QVector<quint64> apply(QVector<quint64> blocks, const QVector<quint64> &next,
                       const QVector<BlockEdit> &edits)
{
    for (qsizetype e = edits.size() - 1; e >= 0; --e) {
        const BlockEdit &edit = edits[e];
        blocks.remove(edit.at, edit.removeCount);
        for (int i = 0; i < edit.insertCount; ++i)
            blocks.insert(edit.at + i, next[edit.insertFrom + i]);
    }
    return blocks;
}

int touched(const QVector<BlockEdit> &edits)
{
    int count = 0;
    for (const BlockEdit &edit : edits)
        count += edit.removeCount + edit.insertCount;
    return count;
}

} // namespace

class TestUpdatePlanner final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void plan_data();
    void plan();
    void randomEditsReproduceTheNewList();
    void largeRewriteStillCorrect();
};

void TestUpdatePlanner::plan_data()
{
    QTest::addColumn<QVector<quint64>>("previous");
    QTest::addColumn<QVector<quint64>>("next");
    QTest::addColumn<QVector<BlockEdit>>("expected");

    QTest::newRow("unchanged") << QVector<quint64>{1, 2, 3} << QVector<quint64>{1, 2, 3}
                               << QVector<BlockEdit>{};
    QTest::newRow("first render") << QVector<quint64>{} << QVector<quint64>{1, 2}
                                  << QVector<BlockEdit>{{0, 0, 0, 2}};
    QTest::newRow("emptied") << QVector<quint64>{1, 2} << QVector<quint64>{}
                             << QVector<BlockEdit>{{0, 2, 0, 0}};
    QTest::newRow("append") << QVector<quint64>{1, 2} << QVector<quint64>{1, 2, 3}
                            << QVector<BlockEdit>{{2, 0, 2, 1}};
    QTest::newRow("last block grows")
        << QVector<quint64>{1, 2} << QVector<quint64>{1, 9} << QVector<BlockEdit>{{1, 1, 1, 1}};
    QTest::newRow("insert at top")
        << QVector<quint64>{1, 2} << QVector<quint64>{0, 1, 2} << QVector<BlockEdit>{{0, 0, 0, 1}};
    QTest::newRow("edit in the middle") << QVector<quint64>{1, 2, 3} << QVector<quint64>{1, 7, 3}
                                        << QVector<BlockEdit>{{1, 1, 1, 1}};
    QTest::newRow("delete in the middle")
        << QVector<quint64>{1, 2, 3} << QVector<quint64>{1, 3} << QVector<BlockEdit>{{1, 1, 1, 0}};
    QTest::newRow("two separate edits")
        << QVector<quint64>{1, 2, 3, 4, 5} << QVector<quint64>{1, 8, 3, 4, 9}
        << QVector<BlockEdit>{{1, 1, 1, 1}, {4, 1, 4, 1}};
    QTest::newRow("duplicates") << QVector<quint64>{5, 5, 5} << QVector<quint64>{5, 5, 5, 5}
                                << QVector<BlockEdit>{{3, 0, 3, 1}};
}

void TestUpdatePlanner::plan()
{
    QFETCH(QVector<quint64>, previous);
    QFETCH(QVector<quint64>, next);
    QFETCH(QVector<BlockEdit>, expected);
    const QVector<BlockEdit> edits = UpdatePlanner::plan(previous, next);
    QCOMPARE(edits, expected);
    QCOMPARE(apply(previous, next, edits), next);
}

void TestUpdatePlanner::randomEditsReproduceTheNewList()
{
    QRandomGenerator random(42);
    for (int round = 0; round < 500; ++round) {
        QVector<quint64> previous;
        const int size = random.bounded(60);
        for (int i = 0; i < size; ++i)
            previous.append(random.bounded(1000));
        QVector<quint64> next = previous;
        const int changes = random.bounded(6);
        for (int c = 0; c < changes; ++c) {
            const int kind = random.bounded(3);
            if (kind == 0 || next.isEmpty())
                next.insert(random.bounded(int(next.size()) + 1), 1000 + random.bounded(50));
            else if (kind == 1)
                next.remove(random.bounded(int(next.size())));
            else
                next[random.bounded(int(next.size()))] = 2000 + random.bounded(50);
        }
        const QVector<BlockEdit> edits = UpdatePlanner::plan(previous, next);
        QCOMPARE(apply(previous, next, edits), next);
        // Each change touches at most two blocks (one removed, one inserted).
        QVERIFY2(touched(edits) <= 2 * changes, qPrintable(QString::number(round)));
        for (qsizetype e = 1; e < edits.size(); ++e)
            QVERIFY(edits[e].at >= edits[e - 1].at + edits[e - 1].removeCount);
    }
}

void TestUpdatePlanner::largeRewriteStillCorrect()
{
    QVector<quint64> previous;
    QVector<quint64> next;
    for (int i = 0; i < 5000; ++i) {
        previous.append(i);
        next.append(i % 2 ? i : 100000 + i); // half of the blocks change: beyond the search cap
    }
    const QVector<BlockEdit> edits = UpdatePlanner::plan(previous, next);
    QCOMPARE(apply(previous, next, edits), next);
}

QTEST_GUILESS_MAIN(TestUpdatePlanner)
#include "tst_updateplanner.moc"
