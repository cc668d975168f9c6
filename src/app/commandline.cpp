// SPDX-License-Identifier: GPL-3.0-or-later
#include "commandline.h"

#include "core/desktop/folderreadme.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QFileInfo>
#include <QStringList>

#include <cstdio>
#include <optional>

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

// The options mdpreview understands.
struct Options
{
    const QCommandLineOption html{QStringLiteral("html"),
                                  tr("Print the rendered HTML body of FILE to standard output and "
                                     "exit. Needs no display.")};
    const QCommandLineOption export_{
        {QStringLiteral("o"), QStringLiteral("export")},
        tr("Write FILE to OUT as the window shows it and exit, by OUT's extension: a standalone "
           "HTML page (theme inlined, no script), a PDF, or a PNG of the whole page at the "
           "window's width (a very tall page as OUT-1.png, OUT-2.png...). Needs no display."),
        QStringLiteral("OUT")};
    const QCommandLineOption embedImages{
        QStringLiteral("embed-images"),
        tr("With --export OUT.html: put the document's local images in the page as data, so that "
           "it stands alone anywhere.")};
    const QCommandLineOption trace{
        QStringLiteral("trace"),
        tr("Write a line to standard output for every update painted and every scroll "
           "(for tests and benchmarks).")};
    const QCommandLineOption follow{
        QStringLiteral("follow-edits"),
        tr("Scroll to the first change of every save when it is out of view, and mark it.")};
    const QCommandLineOption offline{
        QStringLiteral("offline"),
        tr("Load nothing from the network: remote images and other web requests are blocked.")};
    const QCommandLineOption theme{
        {QStringLiteral("t"), QStringLiteral("theme")},
        tr("Show the document in THEME: a name from --list-themes, or the path of a CSS file "
           "(or of an HTML template with a {{{ contents }}} placeholder)."),
        QStringLiteral("THEME")};
    const QCommandLineOption listThemes{QStringLiteral("list-themes"),
                                        tr("Print the available themes, one a line, and exit.")};
    const QCommandLineOption keepOnTop{
        {QStringLiteral("k"), QStringLiteral("keep-on-top")},
        tr("Keep the window above other windows (the t key toggles it).")};
    const QCommandLineOption noContents{
        QStringLiteral("no-toc"), tr("Start without the table of contents (the c key shows it).")};
    const QCommandLineOption gotoLine{
        QStringLiteral("goto-line"),
        tr("Scroll the window showing FILE so that line N is in view, without raising it; open "
           "one if there is none. For editors that follow their cursor."),
        QStringLiteral("N")};
    const QCommandLineOption newWindow{
        QStringLiteral("new-window"),
        tr("Open FILE in a new window even when a window already shows it.")};
    const QCommandLineOption socketPath{
        QStringLiteral("socket-path"),
        tr("Print the path of the socket the running mdpreview listens on, and exit.")};
    const QCommandLineOption help{{QStringLiteral("h"), QStringLiteral("help")},
                                  tr("Show this help and exit.")};
    const QCommandLineOption version{{QStringLiteral("v"), QStringLiteral("version")},
                                     tr("Show the version and exit.")};

    // In the order --help lists them.
    QList<QCommandLineOption> all() const
    {
        return {html,     export_,   embedImages, trace, follow,
                offline,  keepOnTop, noContents,  theme, listThemes,
                gotoLine, newWindow, socketPath,  help,  version};
    }
};

void describe(QCommandLineParser &parser, const Options &options)
{
    parser.setApplicationDescription(
        tr("A fast, faithful Markdown previewer: shows FILE the way GitHub renders it and "
           "updates the view in place every time the file is saved."));
    parser.addPositionalArgument(
        QStringLiteral("FILE"),
        tr("The Markdown file to preview; - reads standard input; a folder shows its README. "
           "Without FILE, a sample document shows what mdpreview renders."),
        QStringLiteral("[FILE]"));
    parser.addOptions(options.all());
}

QStringList arguments(int argc, char **argv)
{
    QStringList arguments;
    for (int i = 0; i < argc; ++i)
        arguments << QString::fromLocal8Bit(argv[i]);
    return arguments;
}

CommandLine::Parsed exitWith(int code)
{
    CommandLine::Parsed parsed;
    parsed.exitCode = code;
    return parsed;
}

CommandLine::Parsed usageError(const QString &message)
{
    print(stderr, QStringLiteral("mdpreview: %1\n%2\n").arg(message, usageLine()));
    return exitWith(1);
}

// What --help or --version prints; nothing when neither is asked for.
std::optional<QString> information(const QCommandLineParser &parser, const Options &options)
{
    if (parser.isSet(options.help)) {
        // Qt's help text names the executable only once an application object exists.
        QString help = parser.helpText();
        help.replace(0, help.indexOf(QLatin1Char('\n')), usageLine());
        return help;
    }
    if (parser.isSet(options.version))
        return QStringLiteral("mdpreview %1\n").arg(QStringLiteral(MDPREVIEW_VERSION));
    return std::nullopt;
}

// The options' values, checked against each other and FILE. Returns the usage error, if any.
QString readOptions(const QCommandLineParser &parser, const Options &options, CommandLine *line)
{
    if (parser.isSet(options.gotoLine)) {
        bool ok = false;
        line->gotoLine = parser.value(options.gotoLine).toInt(&ok);
        if (!ok || line->gotoLine < 1)
            return tr("--goto-line needs a line number from 1");
        if (line->file.isEmpty() || line->file == QLatin1String("-"))
            return tr("--goto-line needs a FILE");
    }
    line->newWindow = parser.isSet(options.newWindow);
    line->socketPath = parser.isSet(options.socketPath);
    line->html = parser.isSet(options.html);
    line->exportPath = parser.value(options.export_);
    line->embedImages = parser.isSet(options.embedImages);
    if (line->embedImages &&
        !line->exportPath.endsWith(QLatin1String(".html"), Qt::CaseInsensitive) &&
        !line->exportPath.endsWith(QLatin1String(".htm"), Qt::CaseInsensitive))
        return tr("--embed-images needs --export OUT.html");
    line->trace = parser.isSet(options.trace);
    line->followEdits = parser.isSet(options.follow);
    line->keepOnTop = parser.isSet(options.keepOnTop);
    line->noContents = parser.isSet(options.noContents);
    line->offline = parser.isSet(options.offline);
    line->theme = parser.value(options.theme);
    line->listThemes = parser.isSet(options.listThemes);
    return {};
}

} // namespace

CommandLine::Parsed CommandLine::parse(int argc, char **argv)
{
    const Options options;
    QCommandLineParser parser;
    describe(parser, options);
    if (!parser.parse(arguments(argc, argv))) {
        print(stderr, QStringLiteral("mdpreview: %1\n%2\n%3\n")
                          .arg(parser.errorText(), usageLine(),
                               tr("Try 'mdpreview --help' for more information.")));
        return exitWith(1);
    }
    if (const std::optional<QString> text = information(parser, options)) {
        print(stdout, *text);
        return exitWith(0);
    }
    const QStringList positional = parser.positionalArguments();
    if (positional.size() > 1)
        return usageError(tr("only one FILE can be previewed at a time"));

    Parsed parsed;
    parsed.options.file = positional.value(0);
    if (!parsed.options.file.isEmpty() && QFileInfo(parsed.options.file).isDir()) {
        const QString readme = FolderReadme::of(parsed.options.file);
        if (readme.isEmpty()) {
            print(
                stderr,
                QStringLiteral("mdpreview: %1\n")
                    .arg(
                        tr("cannot open '%1': no README in this folder").arg(parsed.options.file)));
            return exitWith(2);
        }
        parsed.options.file = readme;
    }
    const QString problem = readOptions(parser, options, &parsed.options);
    if (!problem.isEmpty())
        return usageError(problem);
    return parsed;
}

} // namespace mdp
