// SPDX-License-Identifier: GPL-3.0-or-later
// The command line: decides what kind of application object the run needs (none of the
// non-GUI modes may need a display server), then hands over to the window or the exporter.
#include "commandline.h"
#include "core/documentreader.h"
#include "core/renderer.h"
#include "core/standalonehtml.h"
#include "core/theme.h"
#include "preview/pageexporter.h"
#include "preview/previewview.h"
#include "preview/shellscheme.h"
#include "preview/trace.h"
#include "ui/mainwindow.h"
#include "ui/settings.h"
#include "ui/themecontroller.h"
#include "ui/tocpanel.h"

#include <QApplication>
#include <QCoreApplication>
#include <QFile>
#include <QFileInfo>
#include <QLoggingCategory>
#include <QSaveFile>

#include <cstdio>
#include <unistd.h>

namespace {

using mdp::CommandLine;

void printError(const QString &message)
{
    std::fprintf(stderr, "mdpreview: %s\n", message.toLocal8Bit().constData());
}

struct Input
{
    QByteArray bytes;
    QString displayName;
    QString path; // empty for standard input
};

// Exit status 2 and one line on stderr for a document that cannot be read.
std::optional<Input> readInput(const QString &file)
{
    if (file == QLatin1String("-")) {
        QFile in;
        in.open(stdin, QIODevice::ReadOnly);
        return Input{in.readAll(), QStringLiteral("stdin"), QString()};
    }
    const mdp::DocumentReader::Result read = mdp::DocumentReader::read(file);
    if (!read.ok) {
        printError(QStringLiteral("cannot open '%1': %2").arg(file, read.error));
        return std::nullopt;
    }
    return Input{read.bytes, QFileInfo(file).fileName(), QFileInfo(file).absoluteFilePath()};
}

QUrl baseUrlFor(const Input &input)
{
    const QString folder = input.path.isEmpty() ? QFileInfo(QStringLiteral(".")).absoluteFilePath()
                                                : QFileInfo(input.path).absolutePath();
    return QUrl::fromLocalFile(folder + QLatin1Char('/'));
}

int printHtml(const Input &input)
{
    const QByteArray html = mdp::Renderer::render(input.bytes).html();
    std::fwrite(html.constData(), 1, size_t(html.size()), stdout);
    return std::fflush(stdout) == 0 ? 0 : 1;
}

// The theme for a run without a window: the one asked for, else GitHub's. A theme that cannot
// be loaded is reported, and GitHub's is used instead.
mdp::Theme exportTheme(const QString &name)
{
    if (name.isEmpty())
        return *mdp::ThemeRegistry::builtin(mdp::ThemeRegistry::defaultName());
    const mdp::ThemeRegistry::Result result = mdp::ThemeRegistry().loadOrDefault(name);
    if (!result.error.isEmpty())
        printError(result.error);
    return *result.theme;
}

int listThemes()
{
    for (const QString &name : mdp::ThemeRegistry().names())
        std::printf("%s\n", name.toLocal8Bit().constData());
    return std::fflush(stdout) == 0 ? 0 : 1;
}

int exportHtml(const Input &input, const QString &out, const QString &themeName)
{
    const QByteArray html =
        mdp::StandaloneHtml::compose(mdp::Renderer::render(input.bytes).html(), input.displayName,
                                     exportTheme(themeName), baseUrlFor(input));
    QSaveFile file(out);
    if (!file.open(QIODevice::WriteOnly) || file.write(html) != html.size() || !file.commit()) {
        printError(QStringLiteral("cannot write '%1': %2").arg(out, file.errorString()));
        return 2;
    }
    return 0;
}

void disableSandboxWhenRoot();

// The width a PNG export is drawn at: the window's, as the user left it.
int exportWidth()
{
    const mdp::WindowState state = mdp::Settings::windowState();
    QWidget probe;
    if (!state.geometry.isEmpty() && probe.restoreGeometry(state.geometry))
        return probe.width();
    return 1000;
}

// PDF and PNG need the web engine, but no display: it draws offscreen.
int exportWithWebEngine(int argc, char **argv, const CommandLine &options)
{
    const std::optional<Input> input =
        readInput(options.file.isEmpty() ? QStringLiteral("-") : options.file);
    if (!input)
        return 2;
    if (!qEnvironmentVariableIsSet("QT_QPA_PLATFORM"))
        qputenv("QT_QPA_PLATFORM", "offscreen");
    disableSandboxWhenRoot();
    mdp::ShellScheme::registerScheme();
    QCoreApplication::setAttribute(Qt::AA_ShareOpenGLContexts);
    QApplication app(argc, argv);

    mdp::PageExporter exporter;
    int status = 0;
    QObject::connect(&exporter, &mdp::PageExporter::finished, &app, [&](const QString &error) {
        if (!error.isEmpty()) {
            printError(QStringLiteral("cannot export to '%1': %2").arg(options.exportPath, error));
            status = 2;
        }
        QApplication::quit();
    });
    exporter.start(mdp::Renderer::render(input->bytes), baseUrlFor(*input),
                   exportTheme(options.theme), options.exportPath, exportWidth());
    QApplication::exec();
    return status;
}

bool hasDisplay()
{
    return qEnvironmentVariableIsSet("QT_QPA_PLATFORM") || qEnvironmentVariableIsSet("DISPLAY") ||
           qEnvironmentVariableIsSet("WAYLAND_DISPLAY");
}

void disableSandboxWhenRoot()
{
    // Chromium's sandbox cannot run as root (containers); a normal user keeps it.
    if (geteuid() == 0 && !qEnvironmentVariableIsSet("QTWEBENGINE_DISABLE_SANDBOX")) {
        qputenv("QTWEBENGINE_DISABLE_SANDBOX", "1");
        printError(QStringLiteral("running as root: the web engine's sandbox is turned off"));
    }
}

int runWindow(int argc, char **argv, const CommandLine &options)
{
    std::optional<Input> input;
    if (!options.file.isEmpty()) {
        input = readInput(options.file);
        if (!input)
            return 2;
    }
    if (!hasDisplay()) {
        printError(QStringLiteral("no display server (DISPLAY and WAYLAND_DISPLAY are unset); "
                                  "use --html or --export FILE.html to render without a window"));
        return 1;
    }
    disableSandboxWhenRoot();
    mdp::Trace::setEnabled(options.trace);

    mdp::ShellScheme::registerScheme();
    QCoreApplication::setAttribute(Qt::AA_ShareOpenGLContexts);
    QApplication app(argc, argv);
    QApplication::setApplicationName(QStringLiteral("mdpreview"));
    QApplication::setApplicationVersion(QStringLiteral(MDPREVIEW_VERSION));
    QApplication::setDesktopFileName(QStringLiteral("mdpreview"));

    mdp::MainWindow window;
    if (options.followEdits)
        window.setFollowEdits(true);
    if (options.keepOnTop)
        window.setKeepOnTop(true);
    if (options.noContents)
        window.contents()->hide();
    if (!options.theme.isEmpty()) {
        // Not remembered: the next run without -t shows the theme chosen in the window.
        const QString error = window.themes()->setTheme(options.theme, false);
        if (!error.isEmpty())
            printError(error);
    }
    if (!input)
        window.openSample();
    else if (input->path.isEmpty())
        window.openContent(input->bytes, input->displayName);
    else
        window.openFile(input->path, input->bytes);
    window.show();
    return QApplication::exec();
}

} // namespace

int main(int argc, char **argv)
{
    // The web engine describes its graphics set-up at every start; QT_LOGGING_RULES still wins.
    QLoggingCategory::setFilterRules(QStringLiteral("qt.webenginecontext.info=false"));
    const CommandLine::Parsed parsed = CommandLine::parse(argc, argv);
    if (parsed.exitCode)
        return *parsed.exitCode;
    const CommandLine &options = parsed.options;

    if (options.listThemes) {
        QCoreApplication app(argc, argv);
        return listThemes();
    }
    const QString exportSuffix = QFileInfo(options.exportPath).suffix().toLower();
    if (!options.exportPath.isEmpty() && exportSuffix != QLatin1String("html") &&
        exportSuffix != QLatin1String("htm") && exportSuffix != QLatin1String("pdf") &&
        exportSuffix != QLatin1String("png")) {
        printError(QStringLiteral("cannot export to '%1': the file name must end in .html, .pdf "
                                  "or .png")
                       .arg(options.exportPath));
        return 1;
    }
    if (exportSuffix == QLatin1String("pdf") || exportSuffix == QLatin1String("png"))
        return exportWithWebEngine(argc, argv, options);
    if (options.html || !options.exportPath.isEmpty()) {
        QCoreApplication app(argc, argv);
        const std::optional<Input> input =
            readInput(options.file.isEmpty() ? QStringLiteral("-") : options.file);
        if (!input)
            return 2;
        return options.html ? printHtml(*input)
                            : exportHtml(*input, options.exportPath, options.theme);
    }
    return runWindow(argc, argv, options);
}
