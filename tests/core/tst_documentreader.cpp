// SPDX-License-Identifier: GPL-3.0-or-later
#include "../support/files.h"
#include "core/live/documentreader.h"

#include <QFile>
#include <QTemporaryDir>
#include <QTest>

#include <unistd.h>

using mdp::DocumentReader;

class TestDocumentReader final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void readsAFile();
    void missingFile();
    void directory();
    void unreadable();
    void binary();
    void strayNulIsStillText();
    void emptyFile();

private:
    QString write(const QString &name, const QByteArray &bytes);
    QTemporaryDir m_dir;
};

QString TestDocumentReader::write(const QString &name, const QByteArray &bytes)
{
    const QString path = m_dir.filePath(name);
    mdp::test::writeFile(path, bytes);
    return path;
}

void TestDocumentReader::readsAFile()
{
    const auto result = DocumentReader::read(write(QStringLiteral("a.md"), "# Hello\n"));
    QVERIFY(result.ok);
    QCOMPARE(result.bytes, QByteArray("# Hello\n"));
    QVERIFY(result.error.isEmpty());
}

void TestDocumentReader::missingFile()
{
    const auto result = DocumentReader::read(m_dir.filePath(QStringLiteral("nope.md")));
    QVERIFY(!result.ok);
    QCOMPARE(result.error, QStringLiteral("No such file or directory"));
}

void TestDocumentReader::directory()
{
    const auto result = DocumentReader::read(m_dir.path());
    QVERIFY(!result.ok);
    QCOMPARE(result.error, QStringLiteral("Is a directory"));
}

void TestDocumentReader::unreadable()
{
    if (geteuid() == 0)
        QSKIP("root reads every file");
    const QString path = write(QStringLiteral("secret.md"), "x");
    QFile::setPermissions(path, QFileDevice::Permissions());
    const auto result = DocumentReader::read(path);
    QVERIFY(!result.ok);
    QCOMPARE(result.error, QStringLiteral("Permission denied"));
}

void TestDocumentReader::binary()
{
    QByteArray png("\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\0\x10\0\0\0\x10\x08\x06\0\0\0", 33);
    png += QByteArray(200, '\0');
    const auto result = DocumentReader::read(write(QStringLiteral("image.md"), png));
    QVERIFY(!result.ok);
    QVERIFY(result.error.contains(QStringLiteral("binary")));
}

void TestDocumentReader::strayNulIsStillText()
{
    const QByteArray text = QByteArray("# Title\n\nSome text") + '\0' + QByteArray(" more text\n");
    const auto result = DocumentReader::read(write(QStringLiteral("nul.md"), text));
    QVERIFY(result.ok);
    QCOMPARE(result.bytes, text);
}

void TestDocumentReader::emptyFile()
{
    const auto result = DocumentReader::read(write(QStringLiteral("empty.md"), {}));
    QVERIFY(result.ok);
    QVERIFY(result.bytes.isEmpty());
}

QTEST_GUILESS_MAIN(TestDocumentReader)
#include "tst_documentreader.moc"
