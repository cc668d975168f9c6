// SPDX-License-Identifier: GPL-3.0-or-later
// Theme lookup: built-in names and aliases, the user's folder, theme files, and the errors.
#include "../support/files.h"
#include "core/desktop/theme.h"

#include <QDir>
#include <QFile>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

using mdp::Theme;
using mdp::ThemeRegistry;

class TestThemeRegistry final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void builtinThemes_data();
    void builtinThemes();
    void autoFollowsTheDesktop();
    void userFolderIsScanned();
    void userThemeLoadsByName();
    void themeFileByPath_data();
    void themeFileByPath();
    void htmlTemplate_data();
    void htmlTemplate();
    void errors_data();
    void errors();
    void userFolderFollowsXdgDataHome();

private:
    QString write(const QString &name, const QByteArray &bytes);
    QTemporaryDir m_dir;
    QString m_userFolder;
};

QString TestThemeRegistry::write(const QString &name, const QByteArray &bytes)
{
    const QString path = m_dir.filePath(name);
    mdp::test::writeFile(path, bytes);
    return path;
}

void TestThemeRegistry::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QVERIFY(m_dir.isValid());
    m_userFolder = m_dir.filePath(QStringLiteral("user"));
    write(QStringLiteral("user/mine.css"), "body { color: #123456; }\n");
    write(QStringLiteral("user/Old Style.html"),
          "<html><head><style>body { background: #000; }</style></head>"
          "<body>{{{ contents }}}</body></html>\n");
    write(QStringLiteral("user/both.css"), "/* css wins */\n");
    write(QStringLiteral("user/both.html"), "<style>/* html */</style>{{{contents}}}\n");
    // Named like a built-in theme or alias: the built-in keeps the name.
    write(QStringLiteral("user/github.css"), "/* not GitHub */\n");
    write(QStringLiteral("user/dark.css"), "/* not dark */\n");
    write(QStringLiteral("user/notes.txt"), "not a theme\n");
    write(QStringLiteral("user/broken.html"), "<style>p {}</style> no placeholder\n");
}

void TestThemeRegistry::builtinThemes_data()
{
    QTest::addColumn<QString>("name");
    QTest::addColumn<QString>("resolved");
    QTest::addColumn<bool>("dark");
    QTest::addColumn<QString>("background");

    QTest::newRow("github") << "github"
                            << "github" << false << "#ffffff";
    QTest::newRow("github-dark") << "github-dark"
                                 << "github-dark" << true << "#0d1117";
    QTest::newRow("bitbucket") << "bitbucket"
                               << "bitbucket" << false << "#ffffff";
    QTest::newRow("solarized-light") << "solarized-light"
                                     << "solarized-light" << false << "#fdf6e3";
    QTest::newRow("solarized-dark") << "solarized-dark"
                                    << "solarized-dark" << true << "#002b36";
    QTest::newRow("alias solarized") << "solarized"
                                     << "solarized-light" << false << "#fdf6e3";
    QTest::newRow("alias dark") << "dark"
                                << "github-dark" << true << "#0d1117";
    QTest::newRow("alias whiteonblack") << "whiteonblack"
                                        << "github-dark" << true << "#0d1117";
}

void TestThemeRegistry::builtinThemes()
{
    QFETCH(QString, name);
    QFETCH(QString, resolved);
    QFETCH(bool, dark);
    QFETCH(QString, background);

    const ThemeRegistry::Result result = ThemeRegistry(m_userFolder).load(name);
    QVERIFY2(result.theme, qPrintable(result.error));
    QCOMPARE(result.theme->name, resolved);
    QCOMPARE(result.theme->dark, dark);
    QVERIFY(result.theme->darknessKnown);
    QCOMPARE(result.theme->background, background);
    // GitHub's Markdown CSS, the shared page, and the theme's own colours are all there.
    QVERIFY(result.theme->css.contains(QLatin1String(".markdown-body")));
    QVERIFY(result.theme->css.contains(QLatin1String("max-width: 980px")));
    QVERIFY(result.theme->css.contains(QLatin1String("background-color: ") + background));
}

void TestThemeRegistry::autoFollowsTheDesktop()
{
    const ThemeRegistry registry(m_userFolder);
    const std::optional<Theme> light = registry.load(QStringLiteral("auto"), false).theme;
    const std::optional<Theme> dark = registry.load(QStringLiteral("auto"), true).theme;
    QVERIFY(light && dark);
    QCOMPARE(light->name, QStringLiteral("auto"));
    QCOMPARE(dark->name, QStringLiteral("auto"));
    QVERIFY(!light->dark);
    QVERIFY(dark->dark);
    QCOMPARE(light->css, ThemeRegistry::builtin(QStringLiteral("github"))->css);
    QCOMPARE(dark->css, ThemeRegistry::builtin(QStringLiteral("github-dark"))->css);
}

void TestThemeRegistry::userFolderIsScanned()
{
    QCOMPARE(ThemeRegistry(m_userFolder).names(),
             QStringList({QStringLiteral("github"), QStringLiteral("github-dark"),
                          QStringLiteral("bitbucket"), QStringLiteral("solarized-light"),
                          QStringLiteral("solarized-dark"), QStringLiteral("auto"),
                          QStringLiteral("both"), QStringLiteral("broken"), QStringLiteral("mine"),
                          QStringLiteral("Old Style")}));
    QCOMPARE(ThemeRegistry(m_dir.filePath(QStringLiteral("missing"))).names(),
             ThemeRegistry::builtinNames());
}

void TestThemeRegistry::userThemeLoadsByName()
{
    const ThemeRegistry registry(m_userFolder);
    const std::optional<Theme> mine = registry.load(QStringLiteral("mine")).theme;
    QVERIFY(mine);
    QCOMPARE(mine->name, QStringLiteral("mine"));
    QCOMPARE(mine->css, QStringLiteral("body { color: #123456; }\n"));
    QVERIFY(!mine->darknessKnown);

    const std::optional<Theme> old = registry.load(QStringLiteral("Old Style")).theme;
    QVERIFY(old);
    QCOMPARE(old->css, QStringLiteral("body { background: #000; }"));

    QCOMPARE(registry.load(QStringLiteral("both")).theme->css, QStringLiteral("/* css wins */\n"));
    QVERIFY(
        !registry.load(QStringLiteral("github")).theme->css.contains(QLatin1String("not GitHub")));
    QCOMPARE(registry.load(QStringLiteral("dark")).theme->name, QStringLiteral("github-dark"));
}

void TestThemeRegistry::themeFileByPath_data()
{
    QTest::addColumn<QString>("file");
    QTest::addColumn<QString>("css");

    QTest::newRow("css") << write(QStringLiteral("elsewhere/paper.css"), "p { margin: 0; }")
                         << "p { margin: 0; }";
    QTest::newRow("html template")
        << write(QStringLiteral("elsewhere/paper.html"),
                 "<STYLE type=\"text/css\">a { color: red; }</STYLE>\n"
                 "<style>\nb { color: blue; }\n</style>\n{{{ contents }}}")
        << "a { color: red; }\nb { color: blue; }";
}

void TestThemeRegistry::themeFileByPath()
{
    QFETCH(QString, file);
    QFETCH(QString, css);

    const ThemeRegistry registry(m_userFolder);
    const ThemeRegistry::Result absolute = registry.load(file);
    QVERIFY2(absolute.theme, qPrintable(absolute.error));
    QCOMPARE(absolute.theme->css, css);
    QCOMPARE(absolute.theme->name, file);

    // A relative path names the same file, and the theme keeps its absolute path.
    const QString previous = QDir::currentPath();
    QDir::setCurrent(m_dir.path());
    const ThemeRegistry::Result relative =
        registry.load(QStringLiteral("elsewhere/") + QFileInfo(file).fileName());
    QDir::setCurrent(previous);
    QVERIFY2(relative.theme, qPrintable(relative.error));
    QCOMPARE(relative.theme->name, file);
}

void TestThemeRegistry::htmlTemplate_data()
{
    QTest::addColumn<QString>("html");
    QTest::addColumn<QString>("css"); // "-": not a template

    QTest::newRow("no placeholder") << "<style>p{}</style><body></body>"
                                    << "-";
    QTest::newRow("placeholder, no style") << "<body>{{{ contents }}}</body>"
                                           << "";
    QTest::newRow("tight placeholder") << "<style>p{}</style>{{{contents}}}"
                                       << "p{}";
    QTest::newRow("two sheets")
        << "<head><style>h1{}</style></head><body><style media=\"print\">h2{}</style>"
           "{{{ contents }}}</body>"
        << "h1{}\nh2{}";
    QTest::newRow("multi-line sheet") << "<style>\n  body {\n    color: #fff;\n  }\n</style>"
                                         "<div>{{{ contents }}}</div>"
                                      << "body {\n    color: #fff;\n  }";
}

void TestThemeRegistry::htmlTemplate()
{
    QFETCH(QString, html);
    QFETCH(QString, css);

    const std::optional<QString> extracted = ThemeRegistry::cssFromHtmlTemplate(html);
    if (css == QLatin1String("-")) {
        QVERIFY(!extracted);
    } else {
        QVERIFY(extracted);
        QCOMPARE(*extracted, css);
    }
}

void TestThemeRegistry::errors_data()
{
    QTest::addColumn<QString>("name");
    QTest::addColumn<QString>("error"); // %1: the folder of the test files

    const QString available = QStringLiteral("; available themes: github, github-dark, bitbucket, "
                                             "solarized-light, solarized-dark, auto, both, "
                                             "broken, mine, Old Style");
    QTest::newRow("unknown name") << "nope" << QStringLiteral("unknown theme 'nope'") + available;
    QTest::newRow("case matters") << "GitHub"
                                  << QStringLiteral("unknown theme 'GitHub'") + available;
    QTest::newRow("empty") << "" << QStringLiteral("no theme name given") + available;
    QTest::newRow("missing file") << "%1/missing.css"
                                  << QStringLiteral(
                                         "cannot read theme '%1/missing.css': no such file") +
                                         available;
    QTest::newRow("folder") << "%1/user/"
                            << QStringLiteral("cannot read theme '%1/user/': not a file") +
                                   available;
    QTest::newRow("html without placeholder")
        << "broken"
        << QStringLiteral("cannot read theme 'broken': an HTML theme needs a {{{ contents }}} "
                          "placeholder") +
               available;
}

void TestThemeRegistry::errors()
{
    QFETCH(QString, name);
    QFETCH(QString, error);
    name.replace(QLatin1String("%1"), m_dir.path());
    error.replace(QLatin1String("%1"), m_dir.path());

    const ThemeRegistry::Result result = ThemeRegistry(m_userFolder).load(name);
    QVERIFY(!result.theme);
    QCOMPARE(result.error, error);
}

void TestThemeRegistry::userFolderFollowsXdgDataHome()
{
    QStandardPaths::setTestModeEnabled(false);
    const QByteArray previous = qgetenv("XDG_DATA_HOME");
    qputenv("XDG_DATA_HOME", QFile::encodeName(m_dir.path()));
    const QString folder = ThemeRegistry::defaultUserFolder();
    qputenv("XDG_DATA_HOME", previous);
    QStandardPaths::setTestModeEnabled(true);
    QCOMPARE(folder, m_dir.path() + QStringLiteral("/mdpreview/themes"));
}

QTEST_GUILESS_MAIN(TestThemeRegistry)
#include "tst_themeregistry.moc"
