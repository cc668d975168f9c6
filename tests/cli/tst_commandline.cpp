// SPDX-License-Identifier: GPL-3.0-or-later
// The command line as a user meets it: the real binary, real files, exit status and messages.
#include "../support/files.h"

#include <QDir>
#include <QFile>
#include <QImage>
#include <QProcess>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>

#include <unistd.h>

namespace {

struct Run
{
    int exitCode = -1;
    QByteArray out;
    QByteArray err;
};

// Where the runs look for the user's themes ($XDG_DATA_HOME) and settings ($XDG_CONFIG_HOME),
// never the real user's.
QString dataHome;
QString configHome;

// Runs mdpreview with no display server at all, as on a headless machine.
Run mdpreview(const QStringList &arguments, const QByteArray &input = {})
{
    QProcess process;
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    for (const char *name : {"DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM"})
        environment.remove(QString::fromLatin1(name));
    environment.insert(QStringLiteral("XDG_DATA_HOME"), dataHome);
    environment.insert(QStringLiteral("XDG_CONFIG_HOME"), configHome);
    process.setProcessEnvironment(environment);
    process.start(QStringLiteral(MDPREVIEW_BINARY), arguments);
    process.write(input);
    process.closeWriteChannel();
    if (!process.waitForFinished(30000))
        qFatal("mdpreview did not finish");
    return {process.exitCode(), process.readAllStandardOutput(), process.readAllStandardError()};
}

} // namespace

class TestCommandLine final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void htmlPrintsTheBody();
    void htmlReadsStandardInput();
    void htmlOfTheSampleDocument();
    void badInput_data();
    void badInput();
    void folderShowsItsReadme_data();
    void folderShowsItsReadme();
    void unknownOption();
    void tooManyFiles();
    void help();
    void version();
    void exportHtml();
    void exportUnsupportedFormat();
    void exportPdf();
    void exportPng();
    void windowWithoutDisplaySaysSo();
    void listThemes();
    void exportWithTheme_data();
    void exportWithTheme();
    void badThemeFallsBackToGitHub();

private:
    QString write(const QString &name, const QByteArray &bytes);
    QTemporaryDir m_dir;
};

void TestCommandLine::initTestCase()
{
    QVERIFY(m_dir.isValid());
    dataHome = m_dir.filePath(QStringLiteral("share"));
    configHome = m_dir.filePath(QStringLiteral("config"));
}

QString TestCommandLine::write(const QString &name, const QByteArray &bytes)
{
    const QString path = m_dir.filePath(name);
    mdp::test::writeFile(path, bytes);
    return path;
}

void TestCommandLine::htmlPrintsTheBody()
{
    const QString path =
        write(QStringLiteral("doc.md"), "# Hello\n\n| a | b |\n|---|---|\n| 1 | 2 |\n");
    const Run run = mdpreview({QStringLiteral("--html"), path});
    QCOMPARE(run.exitCode, 0);
    QVERIFY(run.err.isEmpty());
    QVERIFY(run.out.startsWith("<div class=\"markdown-heading\" data-sourcepos=\"1:1-1:7\">\n"
                               "<h1 class=\"heading-element\">Hello</h1>"));
    QVERIFY(run.out.contains("<table"));
    QVERIFY(!run.out.contains("<html"));
}

void TestCommandLine::htmlReadsStandardInput()
{
    const Run run = mdpreview({QStringLiteral("--html"), QStringLiteral("-")}, "*piped*\n");
    QCOMPARE(run.exitCode, 0);
    QVERIFY(run.out.contains("<em>piped</em>"));
}

void TestCommandLine::htmlOfTheSampleDocument()
{
    const Run run = mdpreview(
        {QStringLiteral("--html"), QStringLiteral(MDPREVIEW_SOURCE_DIR "/resources/sample.md")});
    QCOMPARE(run.exitCode, 0);
    QVERIFY(run.out.contains("Welcome to mdpreview</h1>"));
}

void TestCommandLine::badInput_data()
{
    QTest::addColumn<QString>("path");
    QTest::addColumn<QString>("reason");

    QTest::newRow("missing") << QStringLiteral("missing.md")
                             << QStringLiteral("No such file or directory");
    QTest::newRow("folder without README")
        << QStringLiteral(".") << QStringLiteral("no README in this folder");
    QTest::newRow("unreadable") << QStringLiteral("secret.md")
                                << QStringLiteral("Permission denied");
    QTest::newRow("binary") << QStringLiteral("binary.md")
                            << QStringLiteral("this is a binary file, not a text document");
}

void TestCommandLine::badInput()
{
    QFETCH(QString, path);
    QFETCH(QString, reason);
    if (path == QLatin1String("secret.md")) {
        if (geteuid() == 0)
            QSKIP("root reads every file");
        QFile::setPermissions(write(path, "x"), QFileDevice::Permissions());
    }
    if (path == QLatin1String("binary.md"))
        write(path, QByteArray(512, '\0'));
    const QString full = path == QLatin1String(".") ? m_dir.path() : m_dir.filePath(path);
    // The same message whether the document was for --html, an export or a window.
    const QString out = m_dir.filePath(QStringLiteral("bad.html"));
    for (const QStringList &arguments :
         {QStringList{QStringLiteral("--html"), full},
          QStringList{QStringLiteral("--export"), out, full}, QStringList{full}}) {
        const Run run = mdpreview(arguments);
        QCOMPARE(run.exitCode, 2);
        QCOMPARE(QString::fromUtf8(run.err),
                 QStringLiteral("mdpreview: cannot open '%1': %2\n").arg(full, reason));
        QVERIFY(run.out.isEmpty());
    }
}

void TestCommandLine::folderShowsItsReadme_data()
{
    QTest::addColumn<QStringList>("files"); // in the folder, each holding its own name
    QTest::addColumn<QString>("shown");

    // GitHub's order for a folder's README, as grip follows it.
    QTest::newRow("README.md first")
        << QStringList{QStringLiteral("index.md"), QStringLiteral("README"),
                       QStringLiteral("README.markdown"), QStringLiteral("readme.md"),
                       QStringLiteral("README.md")}
        << QStringLiteral("README.md");
    QTest::newRow("readme.md before README.markdown")
        << QStringList{QStringLiteral("README.markdown"), QStringLiteral("readme.md")}
        << QStringLiteral("readme.md");
    QTest::newRow("README.markdown before README")
        << QStringList{QStringLiteral("README"), QStringLiteral("README.markdown")}
        << QStringLiteral("README.markdown");
    QTest::newRow("README before index.md")
        << QStringList{QStringLiteral("index.md"), QStringLiteral("README")}
        << QStringLiteral("README");
    QTest::newRow("index.md last")
        << QStringList{QStringLiteral("notes.md"), QStringLiteral("index.md")}
        << QStringLiteral("index.md");
    QTest::newRow("a folder named README.md is no README")
        << QStringList{QStringLiteral("README.md/x.md"), QStringLiteral("index.md")}
        << QStringLiteral("index.md");
}

void TestCommandLine::folderShowsItsReadme()
{
    QFETCH(QStringList, files);
    QFETCH(QString, shown);
    const QByteArray heading = QByteArray(">" + shown.toUtf8() + "</h1>");
    const QString folder = m_dir.filePath(QString::fromLatin1(QTest::currentDataTag()));
    for (const QString &name : files)
        mdp::test::writeFile(folder + QLatin1Char('/') + name, "# " + name.toUtf8() + '\n');

    const Run html = mdpreview({QStringLiteral("--html"), folder});
    QCOMPARE(html.exitCode, 0);
    QVERIFY2(html.out.contains(heading), html.out.constData());

    const QString out = m_dir.filePath(QStringLiteral("folder.html"));
    const Run exported = mdpreview({QStringLiteral("--export"), out, folder});
    QCOMPARE(exported.exitCode, 0);
    QFile file(out);
    QVERIFY(file.open(QIODevice::ReadOnly));
    const QByteArray page = file.readAll();
    QVERIFY(page.contains(heading));
    QVERIFY(page.contains(QByteArray("<title>" + shown.toUtf8() + "</title>")));
}

void TestCommandLine::unknownOption()
{
    const Run run = mdpreview({QStringLiteral("--bogus")});
    QCOMPARE(run.exitCode, 1);
    QVERIFY(run.err.contains("Unknown option 'bogus'"));
    QVERIFY(run.err.contains("Usage: mdpreview [OPTIONS] [FILE]"));
}

void TestCommandLine::tooManyFiles()
{
    const Run run = mdpreview({QStringLiteral("a.md"), QStringLiteral("b.md")});
    QCOMPARE(run.exitCode, 1);
    QVERIFY(run.err.contains("Usage: mdpreview"));
}

void TestCommandLine::help()
{
    const Run run = mdpreview({QStringLiteral("--help")});
    QCOMPARE(run.exitCode, 0);
    QVERIFY(run.out.startsWith("Usage: mdpreview [OPTIONS] [FILE]\n"));
    for (const char *option : {"--html", "--export", "--trace", "--follow-edits", "--offline",
                               "--keep-on-top", "--no-toc", "--theme", "--list-themes",
                               "--goto-line", "--new-window", "--version", "--help"})
        QVERIFY2(run.out.contains(option), option);
}

void TestCommandLine::version()
{
    const Run run = mdpreview({QStringLiteral("--version")});
    QCOMPARE(run.exitCode, 0);
    QVERIFY(run.out.startsWith("mdpreview "));
    QVERIFY(QRegularExpression(QStringLiteral("^mdpreview \\d+\\.\\d+\\.\\d+\n$"))
                .match(QString::fromUtf8(run.out))
                .hasMatch());
}

void TestCommandLine::exportHtml()
{
    write(QStringLiteral("logo.png"), "not really a png");
    const QString path = write(QStringLiteral("doc.md"), "# Exported\n\n![logo](logo.png)\n");
    const QString out = m_dir.filePath(QStringLiteral("out.html"));
    const Run run = mdpreview({QStringLiteral("--export"), out, path});
    QCOMPARE(run.exitCode, 0);
    QFile file(out);
    QVERIFY(file.open(QIODevice::ReadOnly));
    const QByteArray html = file.readAll();
    QVERIFY(html.startsWith("<!DOCTYPE html>"));
    QVERIFY(html.contains("<title>doc.md</title>"));
    QVERIFY(html.contains(".markdown-body")); // the theme's CSS is inlined
    QVERIFY(html.contains("Exported</h1>"));
    // Written next to the document, relative images keep working; nothing can run.
    QVERIFY(html.contains("src=\"logo.png\""));
    QVERIFY(!html.contains("<script"));
    QVERIFY(run.err.isEmpty());
}

void TestCommandLine::exportPdf()
{
    const QString path = write(QStringLiteral("doc.md"), "# A PDF\n\nWith *text*.\n");
    const QString out = m_dir.filePath(QStringLiteral("out.pdf"));
    const Run run = mdpreview({QStringLiteral("--export"), out, path});
    QCOMPARE(run.exitCode, 0);
    QFile file(out);
    QVERIFY(file.open(QIODevice::ReadOnly));
    QCOMPARE(file.read(5), QByteArray("%PDF-"));
}

void TestCommandLine::exportPng()
{
    QByteArray markdown = "# A long page\n\n";
    for (int i = 0; i < 80; ++i)
        markdown += "Paragraph " + QByteArray::number(i) + ".\n\n";
    const QString path = write(QStringLiteral("long.md"), markdown);
    const QString out = m_dir.filePath(QStringLiteral("out.png"));
    const Run run = mdpreview({QStringLiteral("--export"), out, path});
    QCOMPARE(run.exitCode, 0);
    const QImage image(out);
    QVERIFY(!image.isNull());
    QCOMPARE(image.width(), 1000); // the window's width (no saved window: the default)
    QVERIFY2(image.height() > 3000, "the whole page, not one screen of it");
    // Not blank: the heading's dark text is drawn near the top.
    int dark = 0;
    for (int y = 0; y < 200; ++y) {
        for (int x = 0; x < image.width(); ++x)
            dark += image.pixelColor(x, y).lightness() < 100;
    }
    QVERIFY2(dark > 500, qPrintable(QString::number(dark)));
}

void TestCommandLine::exportUnsupportedFormat()
{
    const QString path = write(QStringLiteral("doc.md"), "# x\n");
    const Run run =
        mdpreview({QStringLiteral("--export"), m_dir.filePath(QStringLiteral("x.doc")), path});
    QCOMPARE(run.exitCode, 1);
    QVERIFY(run.err.startsWith("mdpreview: cannot export '"));
}

void TestCommandLine::windowWithoutDisplaySaysSo()
{
    const QString path = write(QStringLiteral("doc.md"), "# x\n");
    const Run run = mdpreview({path});
    QCOMPARE(run.exitCode, 1);
    QVERIFY(run.err.contains("no display server"));
}

void TestCommandLine::listThemes()
{
    const QString builtins =
        QStringLiteral("github\ngithub-dark\nbitbucket\nsolarized-light\nsolarized-dark\nauto\n");
    Run run = mdpreview({QStringLiteral("--list-themes")});
    QCOMPARE(run.exitCode, 0);
    QCOMPARE(QString::fromUtf8(run.out), builtins);

    QDir(dataHome).mkpath(QStringLiteral("mdpreview/themes"));
    write(QStringLiteral("share/mdpreview/themes/paper.css"), "body { color: #333; }\n");
    run = mdpreview({QStringLiteral("--list-themes")});
    QFile::remove(m_dir.filePath(QStringLiteral("share/mdpreview/themes/paper.css")));
    QCOMPARE(run.exitCode, 0);
    QVERIFY(run.err.isEmpty());
    QCOMPARE(QString::fromUtf8(run.out), builtins + QStringLiteral("paper\n"));
}

void TestCommandLine::exportWithTheme_data()
{
    QTest::addColumn<QStringList>("theme");
    QTest::addColumn<QByteArray>("expected"); // in the inlined CSS, as the page's CSSOM writes it

    QTest::newRow("default") << QStringList() << QByteArray("background-color: rgb(255, 255, 255)");
    QTest::newRow("-t") << QStringList{QStringLiteral("-t"), QStringLiteral("solarized-dark")}
                        << QByteArray("--bgColor-default: #002b36");
    QTest::newRow("--theme alias")
        << QStringList{QStringLiteral("--theme"), QStringLiteral("whiteonblack")}
        << QByteArray("background-color: rgb(13, 17, 23)");
    QTest::newRow("file") << QStringList{QStringLiteral("-t"), QStringLiteral("%1/mine.css")}
                          << QByteArray("h1 { color: rgb(171, 205, 239); }");
}

void TestCommandLine::exportWithTheme()
{
    QFETCH(QStringList, theme);
    QFETCH(QByteArray, expected);
    write(QStringLiteral("mine.css"), "h1 { color: #abcdef; }\n");
    theme.replaceInStrings(QStringLiteral("%1"), m_dir.path());
    const QString path = write(QStringLiteral("doc.md"), "# Themed\n");
    const QString out = m_dir.filePath(QStringLiteral("themed.html"));
    const Run run = mdpreview(theme + QStringList{QStringLiteral("--export"), out, path});
    QCOMPARE(run.exitCode, 0);
    QVERIFY(run.err.isEmpty());
    QFile file(out);
    QVERIFY(file.open(QIODevice::ReadOnly));
    QVERIFY(file.readAll().contains(expected));
}

void TestCommandLine::badThemeFallsBackToGitHub()
{
    const QString path = write(QStringLiteral("doc.md"), "# Themed\n");
    const QString out = m_dir.filePath(QStringLiteral("fallback.html"));
    const Run run =
        mdpreview({QStringLiteral("-t"), QStringLiteral("nope"), QStringLiteral("-o"), out, path});
    QCOMPARE(run.exitCode, 0);
    QCOMPARE(QString::fromUtf8(run.err),
             QStringLiteral("mdpreview: unknown theme 'nope'; available themes: github, "
                            "github-dark, bitbucket, solarized-light, solarized-dark, auto\n"));
    QFile file(out);
    QVERIFY(file.open(QIODevice::ReadOnly));
    QVERIFY(file.readAll().contains("background-color: rgb(255, 255, 255)"));

    const Run missing =
        mdpreview({QStringLiteral("--theme"), m_dir.filePath(QStringLiteral("gone.css")),
                   QStringLiteral("-o"), out, path});
    QCOMPARE(missing.exitCode, 0);
    QVERIFY(missing.err.startsWith(
        QStringLiteral("mdpreview: cannot read theme '%1': no such file; available themes: github")
            .arg(m_dir.filePath(QStringLiteral("gone.css")))
            .toUtf8()));
}

QTEST_GUILESS_MAIN(TestCommandLine)
#include "tst_commandline.moc"
