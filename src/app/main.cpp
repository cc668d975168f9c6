// SPDX-License-Identifier: GPL-3.0-or-later
// The command line: decides what kind of application object the run needs (none of the
// non-GUI modes may need a display server), then hands over to the window or the exporter.
#include "commandline.h"
#include "core/documentreader.h"
#include "core/renderer.h"
#include "core/standalonehtml.h"
#include "core/theme.h"
#include "preview/previewview.h"
#include "preview/shellscheme.h"
#include "preview/trace.h"
#include "ui/mainwindow.h"
#include "ui/themecontroller.h"

#include <QApplication>
#include <QCoreApplication>
#include <QFile>
#include <QFileInfo>
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

mdp::RenderOptions renderOptionsFor(const Input &input)
{
    return input.path.isEmpty() ? mdp::RenderOptions()
                                : mdp::RenderOptions::forDocument(input.path);
}

int printHtml(const Input &input)
{
    const QByteArray html = mdp::Renderer::render(input.bytes, renderOptionsFor(input)).html();
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

int exportDocument(const Input &input, const QString &out, const QString &themeName)
{
    const QString suffix = QFileInfo(out).suffix().toLower();
    if (suffix != QLatin1String("html") && suffix != QLatin1String("htm")) {
        printError(
            QStringLiteral("cannot export to '%1': the file name must end in .html").arg(out));
        return 1;
    }
    const QByteArray html = mdp::StandaloneHtml::compose(
        mdp::Renderer::render(input.bytes, renderOptionsFor(input)).html(), input.displayName,
        exportTheme(themeName), baseUrlFor(input));
    QSaveFile file(out);
    if (!file.open(QIODevice::WriteOnly) || file.write(html) != html.size() || !file.commit()) {
        printError(QStringLiteral("cannot write '%1': %2").arg(out, file.errorString()));
        return 2;
    }
    return 0;
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

    mdp::PreviewView::setOffline(options.offline);
    mdp::MainWindow window;
    window.preview()->setFollowEdits(options.followEdits);
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
    const CommandLine::Parsed parsed = CommandLine::parse(argc, argv);
    if (parsed.exitCode)
        return *parsed.exitCode;
    const CommandLine &options = parsed.options;

    if (options.listThemes) {
        QCoreApplication app(argc, argv);
        return listThemes();
    }
    if (options.html || !options.exportPath.isEmpty()) {
        QCoreApplication app(argc, argv);
        const std::optional<Input> input =
            readInput(options.file.isEmpty() ? QStringLiteral("-") : options.file);
        if (!input)
            return 2;
        return options.html ? printHtml(*input)
                            : exportDocument(*input, options.exportPath, options.theme);
    }
    return runWindow(argc, argv, options);
}
