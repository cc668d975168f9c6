// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/live/renderscheduler.h"
#include "core/markdown/renderer.h"

#include <QSignalSpy>
#include <QTest>

using namespace mdp;

namespace {

QByteArray numberedParagraphs(int count)
{
    QByteArray text;
    for (int i = 1; i <= count; ++i)
        text += "## Part " + QByteArray::number(i) + "\n\nParagraph " + QByteArray::number(i) +
                " with *emphasis*, `code` and a [link](https://example.com).\n\n";
    return text;
}

bool sameRender(const RenderResult &a, const RenderResult &b)
{
    if (a.blocks.size() != b.blocks.size() || a.headings.size() != b.headings.size() ||
        a.hasRawHtml != b.hasRawHtml)
        return false;
    for (qsizetype i = 0; i < a.blocks.size(); ++i) {
        if (a.blocks[i].html != b.blocks[i].html ||
            a.blocks[i].firstLine != b.blocks[i].firstLine ||
            a.blocks[i].lastLine != b.blocks[i].lastLine ||
            a.blocks[i].contentHash != b.blocks[i].contentHash)
            return false;
    }
    for (qsizetype i = 0; i < a.headings.size(); ++i) {
        if (a.headings[i].id != b.headings[i].id || a.headings[i].line != b.headings[i].line)
            return false;
    }
    return true;
}

} // namespace

class TestRenderScheduler final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void rendersEachRequest();
    void burstEndsAtTheNewestText_data();
    void burstEndsAtTheNewestText();
};

void TestRenderScheduler::rendersEachRequest()
{
    RenderScheduler scheduler;
    QSignalSpy spy(&scheduler, &RenderScheduler::rendered);
    const QByteArray first = numberedParagraphs(20);
    scheduler.request(first);
    QTRY_COMPARE(spy.size(), 1);
    QVERIFY(sameRender(spy.at(0).at(0).value<RenderResult>(), Renderer::render(first)));
    QCOMPARE(spy.at(0).at(1).toLongLong(), first.size());

    // A paragraph inserted in the middle, the change found by comparing the texts.
    const QByteArray second = QByteArray(first).replace("## Part 10", "Inserted.\n\n## Part 10");
    scheduler.request(second);
    QTRY_COMPARE(spy.size(), 2);
    QVERIFY(sameRender(spy.at(1).at(0).value<RenderResult>(), Renderer::render(second)));

    // The same edit undone, the change told as an editor tells it: lines 37-38 removed.
    const QList<QByteArray> lines = second.split('\n');
    QCOMPARE(lines[36], QByteArray("Inserted."));
    scheduler.request(first, {}, LineChange{37, 2, 0});
    QTRY_COMPARE(spy.size(), 3);
    QVERIFY(sameRender(spy.at(2).at(0).value<RenderResult>(), Renderer::render(first)));
}

void TestRenderScheduler::burstEndsAtTheNewestText_data()
{
    QTest::addColumn<bool>("tellChanges");
    QTest::newRow("changes found") << false;
    QTest::newRow("changes told") << true;
}

// Saves faster than renders: waiting requests are replaced, renders in flight stopped, the changes
// told composed; the last result shown is the newest text's, as a whole render makes it.
void TestRenderScheduler::burstEndsAtTheNewestText()
{
    QFETCH(bool, tellChanges);
    RenderScheduler scheduler;
    QSignalSpy spy(&scheduler, &RenderScheduler::rendered);
    QByteArray text = numberedParagraphs(2000);
    scheduler.request(text);
    for (int i = 0; i < 50; ++i) {
        // Insert a paragraph after part i: lines 4i+5 and 4i+6 of the text before.
        const int line = 4 * i + 5;
        QList<QByteArray> lines = text.split('\n');
        lines.insert(line - 1, "");
        lines.insert(line - 1, "Burst " + QByteArray::number(i) + '.');
        text = lines.join('\n');
        scheduler.request(text, {},
                          tellChanges ? std::optional<LineChange>(LineChange{line, 0, 2})
                                      : std::nullopt);
    }
    QTRY_VERIFY_WITH_TIMEOUT(!spy.isEmpty() && !scheduler.isBusy(), 30000);
    QCOMPARE(spy.constLast().at(1).toLongLong(), text.size());
    QVERIFY(sameRender(spy.constLast().at(0).value<RenderResult>(), Renderer::render(text)));
}

QTEST_GUILESS_MAIN(TestRenderScheduler)
#include "tst_renderscheduler.moc"
