// SPDX-License-Identifier: GPL-3.0-or-later
// Heading ids: the same as the github-slugger package (GitHub's rules) gives. The expected slugs
// below were produced by that package; referenceImplementation() asks it again when Node.js and
// the package (a dev dependency in package.json) are there.
#include "core/markdown/slugger.h"

#include <QFile>
#include <QProcess>
#include <QRandomGenerator>
#include <QStandardPaths>
#include <QTest>

#include <map>

using mdp::Slugger;
using namespace Qt::StringLiterals;

class TestSlugger final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void slug_data();
    void slug();
    void duplicatesAreNumbered();
    void slugUtf8_data();
    void slugUtf8();
    void manyDuplicatesAsCounted();
    void spelledOutSuffixesAsCounted();
    void referenceImplementation();
};

void TestSlugger::slug_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("expected");

    QTest::newRow("Hello World") << QStringLiteral("Hello World") << QStringLiteral("hello-world");
    QTest::newRow("hello-world") << QStringLiteral("hello-world") << QStringLiteral("hello-world");
    QTest::newRow("Hello  World") << QStringLiteral("Hello  World")
                                  << QStringLiteral("hello--world");
    QTest::newRow("Leading and trailing")
        << QStringLiteral(" Leading and trailing ") << QStringLiteral("-leading-and-trailing-");
    QTest::newRow("Hello, World!")
        << QStringLiteral("Hello, World!") << QStringLiteral("hello-world");
    QTest::newRow("What's new?") << QStringLiteral("What's new?") << QStringLiteral("whats-new");
    QTest::newRow("C++ & Qt 6.4") << QStringLiteral("C++ & Qt 6.4") << QStringLiteral("c--qt-64");
    QTest::newRow("snake_case_name")
        << QStringLiteral("snake_case_name") << QStringLiteral("snake_case_name");
    QTest::newRow("kebab-case-name")
        << QStringLiteral("kebab-case-name") << QStringLiteral("kebab-case-name");
    QTest::newRow("--double--dash--")
        << QStringLiteral("--double--dash--") << QStringLiteral("--double--dash--");
    QTest::newRow("a.b.c") << QStringLiteral("a.b.c") << QStringLiteral("abc");
    QTest::newRow("path/to/file.md")
        << QStringLiteral("path/to/file.md") << QStringLiteral("pathtofilemd");
    QTest::newRow("100% done") << QStringLiteral("100% done") << QStringLiteral("100-done");
    QTest::newRow("$HOME and ~user")
        << QStringLiteral("$HOME and ~user") << QStringLiteral("home-and-user");
    QTest::newRow("email@example.org")
        << QStringLiteral("email@example.org") << QStringLiteral("emailexampleorg");
    QTest::newRow("[brackets] (parens) {braces}") << QStringLiteral("[brackets] (parens) {braces}")
                                                  << QStringLiteral("brackets-parens-braces");
    QTest::newRow("\"quoted\" 'single'")
        << QStringLiteral("\"quoted\" 'single'") << QStringLiteral("quoted-single");
    QTest::newRow("<angle> brackets")
        << QStringLiteral("<angle> brackets") << QStringLiteral("angle-brackets");
    QTest::newRow("back`tick`") << QStringLiteral("back`tick`") << QStringLiteral("backtick");
    QTest::newRow("Über Größe") << QStringLiteral("Über Größe") << QStringLiteral("über-größe");
    QTest::newRow("Ça va, déjà vu ?")
        << QStringLiteral("Ça va, déjà vu ?") << QStringLiteral("ça-va-déjà-vu-");
    QTest::newRow("Ελληνικά Γράμματα")
        << QStringLiteral("Ελληνικά Γράμματα") << QStringLiteral("ελληνικά-γράμματα");
    QTest::newRow("Русский заголовок")
        << QStringLiteral("Русский заголовок") << QStringLiteral("русский-заголовок");
    QTest::newRow("日本語の見出し")
        << QStringLiteral("日本語の見出し") << QStringLiteral("日本語の見出し");
    QTest::newRow("中文标题") << QStringLiteral("中文标题") << QStringLiteral("中文标题");
    QTest::newRow("한국어 제목") << QStringLiteral("한국어 제목") << QStringLiteral("한국어-제목");
    QTest::newRow("עברית") << QStringLiteral("עברית") << QStringLiteral("עברית");
    QTest::newRow("العربية") << QStringLiteral("العربية") << QStringLiteral("العربية");
    QTest::newRow("हिन्दी शीर्षक") << QStringLiteral("हिन्दी शीर्षक") << QStringLiteral("हिन्दी-शीर्षक");
    QTest::newRow("Emoji 🎉 party")
        << QStringLiteral("Emoji 🎉 party") << QStringLiteral("emoji--party");
    QTest::newRow("🚀 Launch") << QStringLiteral("🚀 Launch") << QStringLiteral("-launch");
    QTest::newRow("👍🏽 thumbs")
        << QStringLiteral("👍🏽 thumbs") << QStringLiteral("-thumbs");
    QTest::newRow(":tada: shortcode")
        << QStringLiteral(":tada: shortcode") << QStringLiteral("tada-shortcode");
    QTest::newRow("Numbers ① ② ³ ½")
        << QStringLiteral("Numbers ① ② ³ ½") << QStringLiteral("numbers----");
    QTest::newRow("Ⅻ roman") << QStringLiteral("Ⅻ roman") << QStringLiteral("ⅻ-roman");
    QTest::newRow("Tab\tseparated")
        << QStringLiteral("Tab\tseparated") << QStringLiteral("tabseparated");
    QTest::newRow("non‐breaking hyphen – en — em")
        << QStringLiteral("non‐breaking hyphen – en — em")
        << QStringLiteral("nonbreaking-hyphen--en--em");
    QTest::newRow("İstanbul") << QStringLiteral("İstanbul") << QStringLiteral("i̇stanbul");
    QTest::newRow("ǅemal Titlecase")
        << QStringLiteral("ǅemal Titlecase") << QStringLiteral("ǆemal-titlecase");
    QTest::newRow("ß and ẞ") << QStringLiteral("ß and ẞ") << QStringLiteral("ß-and-ß");
    QTest::newRow("Café Café") << QStringLiteral("Café Café") << QStringLiteral("café-café");
    QTest::newRow("x") << QStringLiteral("x") << QStringLiteral("x");
    QTest::newRow("x-1") << QStringLiteral("x-1") << QStringLiteral("x-1");
    QTest::newRow("1") << QStringLiteral("1") << QStringLiteral("1");
}

void TestSlugger::slug()
{
    QFETCH(QString, text);
    QFETCH(QString, expected);
    Slugger slugger;
    QCOMPARE(slugger.slug(text), expected);
}

void TestSlugger::duplicatesAreNumbered()
{
    Slugger slugger;
    QCOMPARE(slugger.slug(QStringLiteral("Intro")), QStringLiteral("intro"));
    QCOMPARE(slugger.slug(QStringLiteral("Intro")), QStringLiteral("intro-1"));
    QCOMPARE(slugger.slug(QStringLiteral("intro")), QStringLiteral("intro-2"));
    // A heading that spells out a suffix takes it; the next duplicate skips it.
    QCOMPARE(slugger.slug(QStringLiteral("x")), QStringLiteral("x"));
    QCOMPARE(slugger.slug(QStringLiteral("x-1")), QStringLiteral("x-1"));
    QCOMPARE(slugger.slug(QStringLiteral("x")), QStringLiteral("x-2"));
    // A new document starts counting again.
    Slugger other;
    QCOMPARE(other.slug(QStringLiteral("Intro")), QStringLiteral("intro"));
}

// The renderer takes its slugs in UTF-8 (Slugger::slugUtf8): every row gives the same slug there,
// ASCII or not, and so does its duplicate; baseSlug's two forms agree.
void TestSlugger::slugUtf8_data()
{
    slug_data();
}

void TestSlugger::slugUtf8()
{
    QFETCH(QString, text);
    QFETCH(QString, expected);
    Slugger slugger;
    QCOMPARE(QString::fromUtf8(slugger.slugUtf8(text.toUtf8())), expected);
    QCOMPARE(QString::fromUtf8(slugger.slugUtf8(text.toUtf8())), expected + u"-1");
    QByteArray base = "kept:";
    Slugger::appendBaseSlug(text.toUtf8(), base);
    QCOMPARE(base, "kept:" + Slugger::baseSlug(text).toUtf8());
}

// Thousands of slugs, many the same and some spelling out a suffix, against the counting rule
// written out plainly: a slug taken before gets the first free "-N" after the last N its base took.
namespace {

// The counting rule written out plainly, as github-slugger has it: a slug taken before gets the
// first free "-N" after the last N its base took, and that slug is taken too.
class CountedSlugs final
{
public:
    QString operator()(const QString &base)
    {
        if (m_occurrences.emplace(base, 0).second)
            return base;
        while (true) {
            const QString candidate = base + u'-' + QString::number(++m_occurrences[base]);
            if (m_occurrences.emplace(candidate, 0).second)
                return candidate;
        }
    }

private:
    std::map<QString, int> m_occurrences;
};

} // namespace

void TestSlugger::manyDuplicatesAsCounted()
{
    CountedSlugs counted;
    Slugger slugger;
    Slugger reserved;
    reserved.reserve(5000);
    for (int i = 0; i < 20000; ++i) {
        // Bases from a small set (duplicates), some with a number that a later suffix meets.
        const QString text = i % 7 == 0 ? QStringLiteral("Part %1").arg(i % 50)
                                        : QStringLiteral("Part %1 %2").arg(i % 13).arg(i % 3);
        const QString expected = counted(Slugger::baseSlug(text));
        QCOMPARE(slugger.slug(text), expected);
        QCOMPARE(QString::fromUtf8(reserved.slugUtf8(text.toUtf8())), expected);
    }
    // A copy goes on from where the original was, and the original is unchanged by it.
    Slugger copy = slugger;
    QCOMPARE(copy.slug(QStringLiteral("Part 1")), counted(QStringLiteral("part-1")));
    QCOMPARE(slugger.slug(QStringLiteral("fresh")), QStringLiteral("fresh"));
    QCOMPARE(copy.slug(QStringLiteral("fresh")), QStringLiteral("fresh"));
}

// Headings that spell out what a duplicate's slug would be, before and after the duplicate took
// it, in a seeded random order: the slugger keeps no duplicate's slug until a heading spells it
// out, and must still count as if it did.
void TestSlugger::spelledOutSuffixesAsCounted()
{
    const QStringList texts = {
        u"a"_s,    u"a-1"_s, u"a-2"_s, u"a-3"_s,     u"a-10"_s, u"a-1-1"_s, u"a-1-2"_s,
        u"a-01"_s, u"a-0"_s, u"a-"_s,  u"b"_s,       u"b-2"_s,  u""_s,      u"-1"_s,
        u"-2"_s,   u"1"_s,   u"1-1"_s, u"a-1-1-1"_s, u"a 1"_s,  u"A-2!"_s,  u"a-99999999999"_s,
    };
    for (const quint32 seed : {1u, 2u, 3u, 4u}) {
        QRandomGenerator random(seed);
        CountedSlugs counted;
        Slugger slugger;
        Slugger utf8;
        for (int i = 0; i < 5000; ++i) {
            // Mostly the few first texts, so that bases build up counts the others meet.
            const qsizetype pick =
                random.bounded(4) == 0 ? random.bounded(texts.size()) : random.bounded(4);
            const QString &text = texts[pick];
            const QString expected = counted(Slugger::baseSlug(text));
            QCOMPARE(slugger.slug(text), expected);
            QCOMPARE(QString::fromUtf8(utf8.slugUtf8(text.toUtf8())), expected);
        }
    }
}

void TestSlugger::referenceImplementation()
{
    const QString node = QStandardPaths::findExecutable(QStringLiteral("node"));
    if (node.isEmpty() || !QFile::exists(QStringLiteral(MDPREVIEW_SOURCE_DIR
                                                        "/node_modules/github-slugger/index.js")))
        QSKIP("Node.js or the github-slugger package (npm ci) is missing");
    const QString list = QStringLiteral(MDPREVIEW_TEST_DATA "/headings.txt");
    QProcess process;
    process.start(node, {QStringLiteral(MDPREVIEW_SOURCE_DIR "/tests/core/slugs.mjs"), list});
    QVERIFY(process.waitForFinished(30000));
    QCOMPARE(process.exitCode(), 0);
    const QStringList expected = QString::fromUtf8(process.readAllStandardOutput()).split(u'\n');

    QFile file(list);
    QVERIFY(file.open(QIODevice::ReadOnly));
    QStringList headings = QString::fromUtf8(file.readAll()).split(u'\n');
    if (headings.last().isEmpty())
        headings.removeLast();
    QVERIFY(headings.size() >= 40);
    Slugger slugger;
    Slugger utf8;
    for (qsizetype i = 0; i < headings.size(); ++i) {
        QCOMPARE(slugger.slug(headings[i]), expected.value(i));
        QCOMPARE(QString::fromUtf8(utf8.slugUtf8(headings[i].toUtf8())), expected.value(i));
    }
}

QTEST_GUILESS_MAIN(TestSlugger)
#include "tst_slugger.moc"
