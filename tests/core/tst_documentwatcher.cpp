// SPDX-License-Identifier: GPL-3.0-or-later
// Every way of saving a file, on the real file system.
#include "../support/files.h"
#include "core/live/documentwatcher.h"

#include <QDir>
#include <QFile>
#include <QProcess>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

#include <sys/stat.h>
#include <unistd.h>

using mdp::DocumentWatcher;
using mdp::test::writeFile;

namespace {

ino_t inode(const QString &path)
{
    struct stat info
    {};
    ::stat(QFile::encodeName(path).constData(), &info);
    return info.st_ino;
}

QByteArray document(const QByteArray &marker)
{
    QByteArray text = "# Document\n\n";
    for (int i = 0; i < 40; ++i)
        text += "Paragraph " + QByteArray::number(i) + " of some text.\n\n";
    return text + marker + "\n";
}

} // namespace

class TestDocumentWatcher final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup();
    void writeInPlace();
    void append();
    void renameOver();
    void sedInPlace();
    void copyOver();
    void chunkedWriterYieldsTheFinalContent();
    void truncationIsHeldBack();
    void burstYieldsLatestContent();
    void touchDoesNotReport();
    void deleteAndRecreate();
    void replacedBySymlink();
    void editedThroughSymlink();
    void unreadableThenReadable();
    void replacedByAFolderThenBack();

private:
    QString m_path;
    QTemporaryDir *m_dir = nullptr;
    DocumentWatcher *m_watcher = nullptr;
    QSignalSpy *m_changes = nullptr;

    QByteArray last() const { return m_changes->last().at(0).toByteArray(); }
};

void TestDocumentWatcher::init()
{
    m_dir = new QTemporaryDir;
    m_path = m_dir->filePath(QStringLiteral("doc.md"));
    writeFile(m_path, document("start"));
    m_watcher = new DocumentWatcher;
    m_watcher->watch(m_path, document("start"));
    m_changes = new QSignalSpy(m_watcher, &DocumentWatcher::contentChanged);
}

void TestDocumentWatcher::cleanup()
{
    delete m_changes;
    delete m_watcher;
    delete m_dir;
}

void TestDocumentWatcher::writeInPlace()
{
    writeFile(m_path, document("in place"));
    QTRY_COMPARE(m_changes->size(), 1);
    QCOMPARE(last(), document("in place"));
}

void TestDocumentWatcher::append()
{
    writeFile(m_path, "appended\n", QIODevice::WriteOnly | QIODevice::Append);
    QTRY_COMPARE(m_changes->size(), 1);
    QCOMPARE(last(), document("start") + "appended\n");
    writeFile(m_path, "again\n", QIODevice::WriteOnly | QIODevice::Append);
    QTRY_COMPARE(m_changes->size(), 2);
    QCOMPARE(last(), document("start") + "appended\nagain\n");
}

void TestDocumentWatcher::renameOver()
{
    const ino_t before = inode(m_path);
    for (int round = 0; round < 3; ++round) {
        const QString temporary = m_dir->filePath(QStringLiteral("doc.md.tmp"));
        const QByteArray content = document("renamed " + QByteArray::number(round));
        writeFile(temporary, content);
        QVERIFY(::rename(QFile::encodeName(temporary), QFile::encodeName(m_path)) == 0);
        QTRY_COMPARE(m_changes->size(), round + 1);
        QCOMPARE(last(), content);
    }
    QVERIFY(inode(m_path) != before);
}

void TestDocumentWatcher::sedInPlace()
{
    QCOMPARE(QProcess::execute(QStringLiteral("sed"),
                               {QStringLiteral("-i"), QStringLiteral("s/start/sed/"), m_path}),
             0);
    QTRY_COMPARE(m_changes->size(), 1);
    QCOMPARE(last(), document("sed"));
    // sed renamed a new file over ours: the next change must still be seen.
    QCOMPARE(QProcess::execute(QStringLiteral("sed"),
                               {QStringLiteral("-i"), QStringLiteral("s/sed/again/"), m_path}),
             0);
    QTRY_COMPARE(m_changes->size(), 2);
    QCOMPARE(last(), document("again"));
}

void TestDocumentWatcher::copyOver()
{
    const QString other = m_dir->filePath(QStringLiteral("other.md"));
    writeFile(other, document("copied"));
    QCOMPARE(QProcess::execute(QStringLiteral("cp"), {other, m_path}), 0);
    QTRY_COMPARE(m_changes->size(), 1);
    QCOMPARE(last(), document("copied"));
}

void TestDocumentWatcher::chunkedWriterYieldsTheFinalContent()
{
    const QByteArray content = document("start") + "a new last paragraph\n";
    QFile file(m_path);
    QVERIFY(file.open(QIODevice::WriteOnly | QIODevice::Truncate));
    const qsizetype chunk = content.size() / 5 + 1;
    for (qsizetype at = 0; at < content.size(); at += chunk) {
        file.write(content.mid(at, chunk));
        file.flush();
        QTest::qWait(12);
    }
    file.close();
    QTRY_VERIFY(!m_changes->isEmpty());
    QTest::qWait(DocumentWatcher::kSettleMs + 100);
    QCOMPARE(last(), content);
    // No state in between (a prefix of the old content) was reported.
    for (const QList<QVariant> &change : std::as_const(*m_changes))
        QVERIFY(!document("start").startsWith(change.at(0).toByteArray()));
}

void TestDocumentWatcher::truncationIsHeldBack()
{
    writeFile(m_path, {});
    QTest::qWait(DocumentWatcher::kSettleMs / 3);
    QVERIFY(m_changes->isEmpty());
    writeFile(m_path, document("rewritten"));
    QTRY_COMPARE(m_changes->size(), 1);
    QCOMPARE(last(), document("rewritten"));
    // An empty file that stays empty is real: it is reported once it has settled.
    writeFile(m_path, {});
    QTRY_COMPARE(m_changes->size(), 2);
    QCOMPARE(last(), QByteArray());
}

void TestDocumentWatcher::burstYieldsLatestContent()
{
    for (int i = 0; i < 50; ++i)
        writeFile(m_path, document("burst " + QByteArray::number(i)));
    QTRY_VERIFY(!m_changes->isEmpty());
    QTRY_COMPARE(last(), document("burst 49"));
    QVERIFY(m_changes->size() < 50);
}

void TestDocumentWatcher::touchDoesNotReport()
{
    QCOMPARE(QProcess::execute(QStringLiteral("touch"), {m_path}), 0);
    writeFile(m_path, document("start")); // same bytes written again
    QTest::qWait(300);
    QVERIFY(m_changes->isEmpty());
}

void TestDocumentWatcher::deleteAndRecreate()
{
    QSignalSpy problems(m_watcher, &DocumentWatcher::problemChanged);
    QVERIFY(QFile::remove(m_path));
    QTest::qWait(DocumentWatcher::kSettleMs / 3);
    QVERIFY(problems.isEmpty()); // a save's gap is not a problem yet
    QTRY_COMPARE(problems.size(), 1);
    QCOMPARE(m_watcher->problem(), QStringLiteral("No such file or directory"));
    QVERIFY(m_changes->isEmpty());
    QTest::qWait(1000);
    writeFile(m_path, document("recreated"));
    QTRY_COMPARE(m_changes->size(), 1);
    QCOMPARE(last(), document("recreated"));
    QCOMPARE(m_watcher->problem(), QString());
}

void TestDocumentWatcher::replacedBySymlink()
{
    const QString target = m_dir->filePath(QStringLiteral("target.md"));
    writeFile(target, document("target"));
    const QString link = m_dir->filePath(QStringLiteral("link.tmp"));
    QVERIFY(QFile::link(target, link));
    QVERIFY(::rename(QFile::encodeName(link), QFile::encodeName(m_path)) == 0);
    QTRY_COMPARE(m_changes->size(), 1);
    QCOMPARE(last(), document("target"));
    // From now on, a change of the target shows.
    writeFile(target, document("target changed"));
    QTRY_COMPARE(m_changes->size(), 2);
    QCOMPARE(last(), document("target changed"));
}

void TestDocumentWatcher::editedThroughSymlink()
{
    QTemporaryDir elsewhere;
    const QString target = elsewhere.filePath(QStringLiteral("real.md"));
    writeFile(target, document("real"));
    const QString link = m_dir->filePath(QStringLiteral("link.md"));
    QVERIFY(QFile::link(target, link));
    DocumentWatcher watcher;
    watcher.watch(link, document("real"));
    QSignalSpy changes(&watcher, &DocumentWatcher::contentChanged);
    writeFile(target, document("real, edited"));
    QTRY_COMPARE(changes.size(), 1);
    // The target replaced by a rename in its own folder, as an editor saving it would do.
    const QString temporary = elsewhere.filePath(QStringLiteral("real.md.new"));
    writeFile(temporary, document("real, renamed over"));
    QVERIFY(::rename(QFile::encodeName(temporary), QFile::encodeName(target)) == 0);
    QTRY_COMPARE(changes.size(), 2);
    QCOMPARE(changes.last().at(0).toByteArray(), document("real, renamed over"));
}

void TestDocumentWatcher::unreadableThenReadable()
{
    if (geteuid() == 0)
        QSKIP("root reads every file");
    QSignalSpy problems(m_watcher, &DocumentWatcher::problemChanged);
    QFile::setPermissions(m_path, QFileDevice::Permissions());
    writeFile(m_dir->filePath(QStringLiteral("poke")), "x"); // an event in the folder
    QTRY_COMPARE_WITH_TIMEOUT(m_watcher->problem(), QStringLiteral("Permission denied"), 3000);
    QFile::setPermissions(m_path, QFileDevice::ReadOwner | QFileDevice::WriteOwner);
    QTRY_COMPARE_WITH_TIMEOUT(m_watcher->problem(), QString(), 3000);
}

// The read fails for a reason other than a missing file (root reads a chmod 000 file, so this is
// the failure every user can produce): said, kept, and recovered from.
void TestDocumentWatcher::replacedByAFolderThenBack()
{
    QVERIFY(QFile::remove(m_path));
    QVERIFY(QDir().mkdir(m_path));
    QTRY_COMPARE(m_watcher->problem(), QStringLiteral("Is a directory"));
    QVERIFY(m_changes->isEmpty());
    QVERIFY(QDir().rmdir(m_path));
    writeFile(m_path, document("a file again"));
    QTRY_COMPARE(m_watcher->problem(), QString());
    QTRY_COMPARE(m_changes->size(), 1);
    QCOMPARE(last(), document("a file again"));
}

QTEST_GUILESS_MAIN(TestDocumentWatcher)
#include "tst_documentwatcher.moc"
