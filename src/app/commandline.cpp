// SPDX-License-Identifier: GPL-3.0-or-later
#include "commandline.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QDir>
#include <QFileInfo>
#include <QStringList>

#include <cstdio>

namespace mdp {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("CommandLine", text);
}

void print(FILE *stream, const QString &text)
{
    std::fputs(text.toLocal8Bit().constData(), stream);
}

QString usageLine()
{
    return tr("Usage: mdpreview [OPTIONS] [FILE]");
}

// What GitHub shows for a folder, first match wins (as grip does for a folder).
constexpr const char *kReadmeNames[] = {"README.md", "readme.md", "README.markdown", "README",
                                        "index.md"};

} // namespace

QString CommandLine::readmeIn(const QString &folder)
{
    const QDir dir(folder);
    for (const char *name : kReadmeNames) {
        const QFileInfo readme(dir, QString::fromLatin1(name));
        if (readme.isFile())
            return readme.absoluteFilePath();
    }
    return {};
}

CommandLine::Parsed CommandLine::parse(int argc, char **argv)
{
    QStringList arguments;
    for (int i = 0; i < argc; ++i)
        arguments << QString::fromLocal8Bit(argv[i]);

    QCommandLineParser parser;
    parser.setApplicationDescription(
        tr("A fast, faithful Markdown previewer: shows FILE the way GitHub renders it and "
           "updates the view in place every time the file is saved."));
    parser.addPositionalArgument(
        QStringLiteral("FILE"),
        tr("The Markdown file to preview; - reads standard input; a folder shows its README. "
           "Without FILE, a sample document shows what mdpreview renders."),
        QStringLiteral("[FILE]"));
    const QCommandLineOption htmlOption(
        QStringLiteral("html"), tr("Print the rendered HTML body of FILE to standard output and "
                                   "exit. Needs no display."));
    const QCommandLineOption exportOption(
        {QStringLiteral("o"), QStringLiteral("export")},
        tr("Write FILE to OUT as the window shows it and exit, by OUT's extension: a standalone "
           "HTML page (theme inlined, no script), a PDF, or a PNG of the whole page at the "
           "window's width (a very tall page as OUT-1.png, OUT-2.png...). Needs no display."),
        QStringLiteral("OUT"));
    const QCommandLineOption embedImagesOption(
        QStringLiteral("embed-images"),
        tr("With --export OUT.html: put the document's local images in the page as data, so that "
           "it stands alone anywhere."));
    const QCommandLineOption traceOption(
        QStringLiteral("trace"),
        tr("Write a line to standard output for every update painted and every scroll "
           "(for tests and benchmarks)."));
    const QCommandLineOption followOption(
        QStringLiteral("follow-edits"),
        tr("Scroll to the first change of every save when it is out of view, and mark it."));
    const QCommandLineOption offlineOption(
        QStringLiteral("offline"),
        tr("Load nothing from the network: remote images and other web requests are blocked."));
    const QCommandLineOption themeOption(
        {QStringLiteral("t"), QStringLiteral("theme")},
        tr("Show the document in THEME: a name from --list-themes, or the path of a CSS file "
           "(or of an HTML template with a {{{ contents }}} placeholder)."),
        QStringLiteral("THEME"));
    const QCommandLineOption listThemesOption(
        QStringLiteral("list-themes"), tr("Print the available themes, one a line, and exit."));
    const QCommandLineOption keepOnTopOption(
        {QStringLiteral("k"), QStringLiteral("keep-on-top")},
        tr("Keep the window above other windows (the t key toggles it)."));
    const QCommandLineOption noContentsOption(
        QStringLiteral("no-toc"), tr("Start without the table of contents (the c key shows it)."));
    const QCommandLineOption gotoLineOption(
        QStringLiteral("goto-line"),
        tr("Scroll the window showing FILE so that line N is in view, without raising it; open "
           "one if there is none. For editors that follow their cursor."),
        QStringLiteral("N"));
    const QCommandLineOption newWindowOption(
        QStringLiteral("new-window"),
        tr("Open FILE in a new window even when a window already shows it."));
    const QCommandLineOption socketPathOption(
        QStringLiteral("socket-path"),
        tr("Print the path of the socket the running mdpreview listens on, and exit."));
    const QCommandLineOption helpOption({QStringLiteral("h"), QStringLiteral("help")},
                                        tr("Show this help and exit."));
    const QCommandLineOption versionOption({QStringLiteral("v"), QStringLiteral("version")},
                                           tr("Show the version and exit."));
    parser.addOptions({htmlOption, exportOption, embedImagesOption, traceOption, followOption,
                       offlineOption, keepOnTopOption, noContentsOption, themeOption,
                       listThemesOption, gotoLineOption, newWindowOption, socketPathOption,
                       helpOption, versionOption});

    Parsed parsed;
    if (!parser.parse(arguments)) {
        print(stderr, QStringLiteral("mdpreview: %1\n%2\n%3\n")
                          .arg(parser.errorText(), usageLine(),
                               tr("Try 'mdpreview --help' for more information.")));
        parsed.exitCode = 1;
        return parsed;
    }
    if (parser.isSet(helpOption)) {
        // Qt's help text names the executable only once an application object exists.
        QString help = parser.helpText();
        help.replace(0, help.indexOf(QLatin1Char('\n')), usageLine());
        print(stdout, help);
        parsed.exitCode = 0;
        return parsed;
    }
    if (parser.isSet(versionOption)) {
        print(stdout, QStringLiteral("mdpreview %1\n").arg(QStringLiteral(MDPREVIEW_VERSION)));
        parsed.exitCode = 0;
        return parsed;
    }
    const QStringList positional = parser.positionalArguments();
    if (positional.size() > 1) {
        print(stderr, QStringLiteral("mdpreview: %1\n%2\n")
                          .arg(tr("only one FILE can be previewed at a time"), usageLine()));
        parsed.exitCode = 1;
        return parsed;
    }
    const auto usageError = [&](const QString &message) {
        print(stderr, QStringLiteral("mdpreview: %1\n%2\n").arg(message, usageLine()));
        parsed.exitCode = 1;
        return parsed;
    };
    parsed.options.file = positional.value(0);
    if (!parsed.options.file.isEmpty() && QFileInfo(parsed.options.file).isDir()) {
        const QString readme = readmeIn(parsed.options.file);
        if (readme.isEmpty()) {
            print(
                stderr,
                QStringLiteral("mdpreview: %1\n")
                    .arg(
                        tr("cannot open '%1': no README in this folder").arg(parsed.options.file)));
            parsed.exitCode = 2;
            return parsed;
        }
        parsed.options.file = readme;
    }
    if (parser.isSet(gotoLineOption)) {
        bool ok = false;
        parsed.options.gotoLine = parser.value(gotoLineOption).toInt(&ok);
        if (!ok || parsed.options.gotoLine < 1)
            return usageError(tr("--goto-line needs a line number from 1"));
        if (parsed.options.file.isEmpty() || parsed.options.file == QLatin1String("-"))
            return usageError(tr("--goto-line needs a FILE"));
    }
    parsed.options.newWindow = parser.isSet(newWindowOption);
    parsed.options.socketPath = parser.isSet(socketPathOption);
    parsed.options.html = parser.isSet(htmlOption);
    parsed.options.exportPath = parser.value(exportOption);
    parsed.options.embedImages = parser.isSet(embedImagesOption);
    if (parsed.options.embedImages &&
        !parsed.options.exportPath.endsWith(QLatin1String(".html"), Qt::CaseInsensitive) &&
        !parsed.options.exportPath.endsWith(QLatin1String(".htm"), Qt::CaseInsensitive))
        return usageError(tr("--embed-images needs --export OUT.html"));
    parsed.options.trace = parser.isSet(traceOption);
    parsed.options.followEdits = parser.isSet(followOption);
    parsed.options.keepOnTop = parser.isSet(keepOnTopOption);
    parsed.options.noContents = parser.isSet(noContentsOption);
    parsed.options.offline = parser.isSet(offlineOption);
    parsed.options.theme = parser.value(themeOption);
    parsed.options.listThemes = parser.isSet(listThemesOption);
    return parsed;
}

} // namespace mdp
