// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/vikeymap.h"

#include <QTest>

using mdp::ViAction;
using mdp::ViCommand;
using mdp::ViKeyMap;

namespace {

struct Key
{
    int key;
    int modifiers;
    QString text;
};

Key ch(char c)
{
    const int key = (c >= 'a' && c <= 'z')   ? Qt::Key_A + (c - 'a')
                    : (c >= 'A' && c <= 'Z') ? Qt::Key_A + (c - 'A')
                                             : int(c);
    return {key, (c >= 'A' && c <= 'Z') ? int(Qt::ShiftModifier) : 0, QString(QLatin1Char(c))};
}

// Feeds keys and returns the commands they made.
QVector<ViCommand> type(ViKeyMap &keys, const QVector<Key> &sequence)
{
    QVector<ViCommand> commands;
    for (const Key &k : sequence) {
        const auto outcome = keys.feed(k.key, k.modifiers, k.text);
        if (outcome.command)
            commands.append(*outcome.command);
    }
    return commands;
}

QVector<Key> text(const char *typed)
{
    QVector<Key> keys;
    for (const char *c = typed; *c; ++c)
        keys.append(ch(*c));
    return keys;
}

} // namespace

class TestViKeyMap final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void typed_data();
    void typed();
    void controlAndSpecialKeys();
    void unknownKeysAreNotTaken();
    void escapeCancelsAPendingCount();
    void helpListsEveryKey();
};

void TestViKeyMap::typed_data()
{
    QTest::addColumn<QByteArray>("keys");
    QTest::addColumn<QVector<ViCommand>>("expected");
    using A = ViAction;

    QTest::newRow("j") << QByteArray("j") << QVector<ViCommand>{{A::LineDown, 1}};
    QTest::newRow("5j") << QByteArray("5j") << QVector<ViCommand>{{A::LineDown, 5}};
    QTest::newRow("12k") << QByteArray("12k") << QVector<ViCommand>{{A::LineUp, 12}};
    QTest::newRow("10j: zero inside a count")
        << QByteArray("10j") << QVector<ViCommand>{{A::LineDown, 10}};
    QTest::newRow("0 alone resets zoom")
        << QByteArray("0") << QVector<ViCommand>{{A::ZoomReset, 1}};
    QTest::newRow("g") << QByteArray("g") << QVector<ViCommand>{{A::Top, 1}};
    QTest::newRow("gg") << QByteArray("gg") << QVector<ViCommand>{{A::Top, 1}, {A::Top, 1}};
    QTest::newRow("G") << QByteArray("G") << QVector<ViCommand>{{A::Bottom, 1}};
    QTest::newRow("]]") << QByteArray("]]") << QVector<ViCommand>{{A::NextHeading, 1}};
    QTest::newRow("3]]") << QByteArray("3]]") << QVector<ViCommand>{{A::NextHeading, 3}};
    QTest::newRow("[[") << QByteArray("[[") << QVector<ViCommand>{{A::PreviousHeading, 1}};
    QTest::newRow("] then j: j still counts")
        << QByteArray("]j") << QVector<ViCommand>{{A::LineDown, 1}};
    QTest::newRow("find, next, previous")
        << QByteArray("/nN")
        << QVector<ViCommand>{{A::Find, 1}, {A::FindNext, 1}, {A::FindPrevious, 1}};
    QTest::newRow("original keys")
        << QByteArray("rseqb")
        << QVector<ViCommand>{
               {A::Reload, 1}, {A::SaveHtml, 1}, {A::OpenInEditor, 1}, {A::Quit, 1}, {A::Back, 1}};
    QTest::newRow("toggles") << QByteArray("tfc")
                             << QVector<ViCommand>{{A::ToggleKeepOnTop, 1},
                                                   {A::ToggleFollowEdits, 1},
                                                   {A::ToggleContents, 1}};
    QTest::newRow("help, open") << QByteArray("?o")
                                << QVector<ViCommand>{{A::Help, 1}, {A::OpenFile, 1}};
    QTest::newRow("zoom") << QByteArray("+-=")
                          << QVector<ViCommand>{{A::ZoomIn, 1}, {A::ZoomOut, 1}, {A::ZoomIn, 1}};
    QTest::newRow("h l") << QByteArray("hl")
                         << QVector<ViCommand>{{A::ColumnLeft, 1}, {A::ColumnRight, 1}};
}

void TestViKeyMap::typed()
{
    QFETCH(QByteArray, keys);
    QFETCH(QVector<ViCommand>, expected);
    ViKeyMap map;
    QCOMPARE(type(map, text(keys.constData())), expected);
    QVERIFY(!map.isPending());
}

void TestViKeyMap::controlAndSpecialKeys()
{
    ViKeyMap map;
    const int ctrl = Qt::ControlModifier;
    QCOMPARE(type(map, {{Qt::Key_D, ctrl, QString()}}),
             (QVector<ViCommand>{{ViAction::HalfPageDown, 1}}));
    QCOMPARE(type(map, {{Qt::Key_U, ctrl, QString()}}),
             (QVector<ViCommand>{{ViAction::HalfPageUp, 1}}));
    QCOMPARE(type(map, {{Qt::Key_F, ctrl, QString()}}),
             (QVector<ViCommand>{{ViAction::PageDown, 1}}));
    QCOMPARE(type(map, {{Qt::Key_B, ctrl, QString()}}),
             (QVector<ViCommand>{{ViAction::PageUp, 1}}));
    QCOMPARE(type(map, {{Qt::Key_Space, 0, QStringLiteral(" ")}}),
             (QVector<ViCommand>{{ViAction::PageDown, 1}}));
    QCOMPARE(type(map, {{Qt::Key_Space, int(Qt::ShiftModifier), QStringLiteral(" ")}}),
             (QVector<ViCommand>{{ViAction::PageUp, 1}}));
    QCOMPARE(type(map, {{Qt::Key_Backspace, 0, QString()}}),
             (QVector<ViCommand>{{ViAction::Back, 1}}));
    QCOMPARE(type(map, {{Qt::Key_Left, int(Qt::AltModifier), QString()}}),
             (QVector<ViCommand>{{ViAction::Back, 1}}));
    QCOMPARE(type(map, {{Qt::Key_Right, int(Qt::AltModifier), QString()}}),
             (QVector<ViCommand>{{ViAction::Forward, 1}}));
    QCOMPARE(type(map, {{Qt::Key_Escape, 0, QString()}}),
             (QVector<ViCommand>{{ViAction::Quit, 1}}));
    // Shift alone does not break a count: 2 Shift G.
    QCOMPARE(type(map, {ch('2'), {Qt::Key_Shift, int(Qt::ShiftModifier), QString()}, ch('G')}),
             (QVector<ViCommand>{{ViAction::Bottom, 2}}));
}

void TestViKeyMap::unknownKeysAreNotTaken()
{
    ViKeyMap map;
    QVERIFY(!map.feed(Qt::Key_X, 0, QStringLiteral("x")).consumed);
    QVERIFY(!map.feed(Qt::Key_PageDown, 0, QString()).consumed); // the page scrolls by itself
    QVERIFY(!map.feed(Qt::Key_C, Qt::ControlModifier, QString()).consumed);         // copy
    QVERIFY(!map.feed(Qt::Key_T, Qt::ShiftModifier, QStringLiteral("T")).consumed); // next theme
}

void TestViKeyMap::escapeCancelsAPendingCount()
{
    ViKeyMap map;
    type(map, text("12"));
    QVERIFY(map.isPending());
    const auto outcome = map.feed(Qt::Key_Escape, 0, QString());
    QVERIFY(outcome.consumed);
    QVERIFY(!outcome.command);
    QVERIFY(!map.isPending());
    QCOMPARE(type(map, text("j")), (QVector<ViCommand>{{ViAction::LineDown, 1}}));
}

void TestViKeyMap::helpListsEveryKey()
{
    QString all;
    for (const auto &[keys, description] : ViKeyMap::help())
        all += keys + QLatin1Char(' ');
    for (const char *key :
         {"j", "k", "h",         "l",        "Ctrl+D",    "Ctrl+U", "Space", "gg", "G", "]]", "[[",
          "/", "n", "N",         "r",        "t",         "f",      "e",     "o",  "s", "q",  "Esc",
          "?", "b", "Backspace", "Alt+Left", "Alt+Right", "+",      "-",     "0",  "c"})
        QVERIFY2(all.contains(QLatin1String(key)), key);
}

QTEST_GUILESS_MAIN(TestViKeyMap)
#include "tst_vikeymap.moc"
