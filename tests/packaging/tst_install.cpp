// SPDX-License-Identifier: GPL-3.0-or-later
// `cmake --install` into a DESTDIR puts every file where the desktop, man, bash and Vim look for
// it; the desktop file and the AppStream metainfo pass their validators; CPack makes a .deb
// whose Depends name the libraries the binary needs.
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QProcess>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

namespace {

struct Run
{
    int exitCode = -1;
    QByteArray out;
};

Run run(const QString &program, const QStringList &arguments,
        const QProcessEnvironment &environment = QProcessEnvironment::systemEnvironment(),
        const QString &folder = {})
{
    QProcess process;
    process.setProcessEnvironment(environment);
    process.setProcessChannelMode(QProcess::MergedChannels);
    if (!folder.isEmpty())
        process.setWorkingDirectory(folder);
    process.start(program, arguments);
    if (!process.waitForFinished(120000)) {
        process.kill();
        process.waitForFinished();
    }
    return {process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1,
            process.readAll()};
}

void requireTool(const QString &tool)
{
    if (QStandardPaths::findExecutable(tool).isEmpty())
        qFatal("%s is not installed (scripts/dev installs it)", qPrintable(tool));
}

} // namespace

class TestInstall final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void everyFileIsInstalled_data();
    void everyFileIsInstalled();
    void desktopFileValidates();
    void metainfoValidates();
    void idsAgree();
    void installedBinaryRuns();
    void vimLoadsTheInstalledPlugin();
    void neovimLoadsTheInstalledPlugin();
    void bashCompletesThemes();
    void debianPackage();

private:
    QString installed(const QString &relative) const
    {
        return m_dest.path() + QStringLiteral("/usr/") + relative;
    }

    QTemporaryDir m_dest;
};

void TestInstall::initTestCase()
{
    for (const char *tool : {"desktop-file-validate", "appstreamcli", "vim", "cpack", "dpkg-deb"})
        requireTool(QString::fromLatin1(tool));
    QVERIFY(m_dest.isValid());
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    environment.insert(QStringLiteral("DESTDIR"), m_dest.path());
    const Run install = run(QStringLiteral("cmake"),
                            {QStringLiteral("--install"), QStringLiteral(MDPREVIEW_BUILD_DIR),
                             QStringLiteral("--prefix"), QStringLiteral("/usr")},
                            environment);
    QVERIFY2(install.exitCode == 0, install.out.constData());
}

void TestInstall::everyFileIsInstalled_data()
{
    QTest::addColumn<QString>("path");
    const QStringList files{
        QStringLiteral("bin/mdpreview"),
        QStringLiteral("share/applications/mdpreview.desktop"),
        QStringLiteral("share/metainfo/io.github.mdpreview.metainfo.xml"),
        QStringLiteral("share/icons/hicolor/scalable/apps/mdpreview.svg"),
        QStringLiteral("share/man/man1/mdpreview.1.gz"),
        QStringLiteral("share/bash-completion/completions/mdpreview"),
        QStringLiteral("share/vim/vimfiles/pack/mdpreview/start/mdpreview/plugin/mdpreview.vim"),
        QStringLiteral("share/vim/vimfiles/pack/mdpreview/start/mdpreview/doc/mdpreview.txt"),
        QStringLiteral("share/vim/vimfiles/pack/mdpreview/start/mdpreview/doc/tags"),
        QStringLiteral("share/vim/vimfiles/pack/mdpreview/start/mdpreview/lua/mdpreview.lua"),
        QStringLiteral("share/nvim/site/pack/mdpreview/start/mdpreview/plugin/mdpreview.vim"),
        QStringLiteral("share/nvim/site/pack/mdpreview/start/mdpreview/lua/mdpreview.lua"),
        QStringLiteral("share/nvim/site/pack/mdpreview/start/mdpreview/doc/mdpreview.txt"),
        QStringLiteral("share/nvim/site/pack/mdpreview/start/mdpreview/doc/tags"),
        QStringLiteral("share/mdpreview/themes/github.css"),
        QStringLiteral("share/mdpreview/themes/github-dark.css"),
        QStringLiteral("share/mdpreview/themes/bitbucket.css"),
        QStringLiteral("share/mdpreview/themes/solarized-light.css"),
        QStringLiteral("share/mdpreview/themes/solarized-dark.css"),
        QStringLiteral("share/mdpreview/themes/base/page.css"),
        QStringLiteral("share/doc/mdpreview/LICENSE"),
    };
    for (const QString &file : files)
        QTest::newRow(qPrintable(file)) << file;
    for (const int size : {16, 22, 24, 32, 48, 64, 128, 256, 512}) {
        const QString png =
            QStringLiteral("share/icons/hicolor/%1x%1/apps/mdpreview.png").arg(size);
        QTest::newRow(qPrintable(png)) << png;
    }
}

void TestInstall::everyFileIsInstalled()
{
    QFETCH(QString, path);
    const QFileInfo info(installed(path));
    QVERIFY2(info.isFile(), qPrintable(info.filePath()));
    QVERIFY(info.size() > 0);
    if (path.endsWith(QLatin1String(".png"))) {
        // Rendered at its size: the PNG header's width and height.
        QFile png(info.filePath());
        QVERIFY(png.open(QIODevice::ReadOnly));
        const QByteArray header = png.read(24);
        QVERIFY(header.startsWith("\x89PNG"));
        const int size =
            path.section(QLatin1Char('/'), 3, 3).section(QLatin1Char('x'), 0, 0).toInt();
        const auto be32 = [&](int at) {
            return (uchar(header[at]) << 24) | (uchar(header[at + 1]) << 16) |
                   (uchar(header[at + 2]) << 8) | uchar(header[at + 3]);
        };
        QCOMPARE(be32(16), size);
        QCOMPARE(be32(20), size);
    }
    if (path == QLatin1String("bin/mdpreview"))
        QVERIFY(info.isExecutable());
}

void TestInstall::desktopFileValidates()
{
    const Run validate = run(QStringLiteral("desktop-file-validate"),
                             {installed(QStringLiteral("share/applications/mdpreview.desktop"))});
    QVERIFY2(validate.exitCode == 0, validate.out.constData());
    // Hints are fine; errors and warnings are not.
    QVERIFY2(!validate.out.contains("error:") && !validate.out.contains("warning:"),
             validate.out.constData());
    QFile desktop(installed(QStringLiteral("share/applications/mdpreview.desktop")));
    QVERIFY(desktop.open(QIODevice::ReadOnly));
    const QByteArray text = desktop.readAll();
    QVERIFY(text.contains("\nMimeType=text/markdown;text/x-markdown;\n"));
    QVERIFY(text.contains("\nExec=mdpreview %f\n"));
    QVERIFY(text.contains("\nIcon=mdpreview\n"));
}

void TestInstall::metainfoValidates()
{
    const Run validate =
        run(QStringLiteral("appstreamcli"),
            {QStringLiteral("validate"), QStringLiteral("--no-net"), QStringLiteral("--pedantic"),
             installed(QStringLiteral("share/metainfo/io.github.mdpreview.metainfo.xml"))});
    QVERIFY2(validate.exitCode == 0, validate.out.constData());
}

void TestInstall::idsAgree()
{
    // The metainfo names the desktop file that is installed, and the binary it provides.
    QFile metainfo(installed(QStringLiteral("share/metainfo/io.github.mdpreview.metainfo.xml")));
    QVERIFY(metainfo.open(QIODevice::ReadOnly));
    const QByteArray xml = metainfo.readAll();
    QVERIFY(xml.contains("<id>io.github.mdpreview</id>"));
    QVERIFY(xml.contains("<launchable type=\"desktop-id\">mdpreview.desktop</launchable>"));
    QVERIFY(xml.contains("<binary>mdpreview</binary>"));
    QVERIFY(xml.contains("<release version=\"" MDPREVIEW_VERSION "\""));
}

void TestInstall::installedBinaryRuns()
{
    const Run version =
        run(installed(QStringLiteral("bin/mdpreview")), {QStringLiteral("--version")});
    QCOMPARE(version.exitCode, 0);
    QCOMPARE(version.out, QByteArray("mdpreview " MDPREVIEW_VERSION "\n"));
    const Run man =
        run(QStringLiteral("gzip"),
            {QStringLiteral("-dc"), installed(QStringLiteral("share/man/man1/mdpreview.1.gz"))});
    QVERIFY(man.out.startsWith(".\\\" SPDX"));
    QVERIFY(man.out.contains(".TH MDPREVIEW 1"));
    QVERIFY(man.out.contains("goto\\-line"));
}

void TestInstall::vimLoadsTheInstalledPlugin()
{
    // As Debian's Vim finds it: a package under a folder of 'packpath', help tags included.
    const QString vimfiles = installed(QStringLiteral("share/vim/vimfiles"));
    const QString out = m_dest.filePath(QStringLiteral("vim.out"));
    const Run vim = run(QStringLiteral("vim"),
                        {QStringLiteral("-Nu"), QStringLiteral("NONE"), QStringLiteral("-i"),
                         QStringLiteral("NONE"), QStringLiteral("-es"), QStringLiteral("--cmd"),
                         QStringLiteral("set packpath=%1 runtimepath^=%1").arg(vimfiles),
                         QStringLiteral("-c"), QStringLiteral("packloadall"), QStringLiteral("-c"),
                         QStringLiteral("call writefile([exists(':MdPreview'), "
                                        "exists(':MdPreviewStop'), "
                                        "!empty(globpath(&rtp, 'pack/*/start/*/doc/tags'))], '%1')")
                             .arg(out),
                         QStringLiteral("-c"), QStringLiteral("qa!")});
    QCOMPARE(vim.exitCode, 0);
    QFile result(out);
    QVERIFY(result.open(QIODevice::ReadOnly));
    QCOMPARE(result.readAll(), QByteArray("2\n2\n1\n"));
}

void TestInstall::neovimLoadsTheInstalledPlugin()
{
    if (QStandardPaths::findExecutable(QStringLiteral("nvim")).isEmpty())
        QFAIL("nvim is not installed (scripts/dev installs it)");
    // Where Debian's Neovim looks (/usr/share/nvim/site), under the install prefix.
    const QString site = installed(QStringLiteral("share/nvim/site"));
    const QString out = m_dest.filePath(QStringLiteral("nvim.out"));
    const Run nvim =
        run(QStringLiteral("nvim"),
            {QStringLiteral("--headless"), QStringLiteral("-u"), QStringLiteral("NONE"),
             QStringLiteral("-i"), QStringLiteral("NONE"), QStringLiteral("--cmd"),
             QStringLiteral("set packpath=%1 runtimepath^=%1").arg(site), QStringLiteral("-c"),
             QStringLiteral("packloadall"), QStringLiteral("-c"),
             QStringLiteral("call writefile([exists(':MdPreview'), exists(':MdPreviewStop'), "
                            "luaeval('type(require(\"mdpreview\").attach)')], '%1')")
                 .arg(out),
             QStringLiteral("-c"), QStringLiteral("qa!")});
    QCOMPARE(nvim.exitCode, 0);
    QFile result(out);
    QVERIFY(result.open(QIODevice::ReadOnly));
    QCOMPARE(result.readAll(), QByteArray("2\n2\nfunction\n"));
}

void TestInstall::bashCompletesThemes()
{
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    environment.insert(QStringLiteral("PATH"), installed(QStringLiteral("bin:")) +
                                                   environment.value(QStringLiteral("PATH")));
    const QString script =
        QStringLiteral("source '%1'; "
                       "COMP_WORDS=(mdpreview --theme github); COMP_CWORD=2; _mdpreview; "
                       "echo \"${COMPREPLY[*]}\"; "
                       "COMP_WORDS=(mdpreview --new); COMP_CWORD=1; _mdpreview; "
                       "echo \"${COMPREPLY[*]}\"")
            .arg(installed(QStringLiteral("share/bash-completion/completions/mdpreview")));
    const Run bash =
        run(QStringLiteral("bash"),
            {QStringLiteral("-O"), QStringLiteral("extglob"), QStringLiteral("-c"), script},
            environment, m_dest.path());
    QCOMPARE(bash.exitCode, 0);
    QCOMPARE(bash.out, QByteArray("github github-dark\n--new-window\n"));
}

void TestInstall::debianPackage()
{
    QTemporaryDir out;
    const Run cpack =
        run(QStringLiteral("cpack"),
            {QStringLiteral("--config"), QStringLiteral(MDPREVIEW_BUILD_DIR "/CPackConfig.cmake"),
             QStringLiteral("-B"), out.path()},
            QProcessEnvironment::systemEnvironment(), out.path());
    QVERIFY2(cpack.exitCode == 0, cpack.out.constData());
    const QStringList debs = QDir(out.path()).entryList({QStringLiteral("*.deb")});
    QCOMPARE(debs.size(), 1);
    const QString deb = out.filePath(debs.first());

    const Run fields =
        run(QStringLiteral("dpkg-deb"),
            {QStringLiteral("-f"), deb, QStringLiteral("Package"), QStringLiteral("Version"),
             QStringLiteral("Depends"), QStringLiteral("Recommends")});
    QCOMPARE(fields.exitCode, 0);
    QVERIFY(fields.out.contains("Package: mdpreview\n"));
    QVERIFY(fields.out.contains("Version: " MDPREVIEW_VERSION "\n"));
    // From dpkg-shlibdeps: the libraries the binary links, and the web engine's helper process.
    for (const char *package :
         {"libqt6webenginewidgets6", "libqt6webenginecore6-bin", "libqt6widgets6", "libqt6network6",
          "libcmark-gfm0", "libgumbo1", "libyaml-cpp0.7", "libc6"})
        QVERIFY2(fields.out.contains(package), fields.out.constData());
    // Emoji in colour need a colour emoji font; other scripts than Latin want Noto's fonts.
    const QByteArray depends = fields.out.mid(fields.out.indexOf("Depends:")).split('\n').first();
    QVERIFY2(depends.contains("fonts-noto-color-emoji"), depends.constData());
    const QByteArray recommends =
        fields.out.mid(fields.out.indexOf("Recommends:")).split('\n').first();
    for (const char *package : {"fonts-noto-core", "fonts-noto-cjk"})
        QVERIFY2(recommends.contains(package), recommends.constData());

    const Run contents = run(QStringLiteral("dpkg-deb"), {QStringLiteral("-c"), deb});
    QCOMPARE(contents.exitCode, 0);
    for (const char *file :
         {"./usr/bin/mdpreview", "./usr/share/applications/mdpreview.desktop",
          "./usr/share/metainfo/io.github.mdpreview.metainfo.xml",
          "./usr/share/man/man1/mdpreview.1.gz",
          "./usr/share/bash-completion/completions/mdpreview",
          "./usr/share/icons/hicolor/48x48/apps/mdpreview.png",
          "./usr/share/vim/vimfiles/pack/mdpreview/start/mdpreview/plugin/mdpreview.vim"})
        QVERIFY2(contents.out.contains(file), file);
}

QTEST_GUILESS_MAIN(TestInstall)
#include "tst_install.moc"
