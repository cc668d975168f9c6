// SPDX-License-Identifier: GPL-3.0-or-later
// The command line: decides what kind of application object the run needs (none of the
// non-GUI modes may need a display server), then hands over to the window or the exporter.
#include "commandline.h"
#include "core/desktop/theme.h"
#include "core/live/documentreader.h"
#include "core/markdown/renderer.h"
#include "instanceserver.h"
#include "preview/enginememory.h"
#include "preview/pageexporter.h"
#include "preview/previewview.h"
#include "preview/shellscheme.h"
#include "preview/trace.h"
#include "ui/mainwindow.h"
#include "ui/settings.h"
#include "ui/themecontroller.h"
#include "ui/tocpanel.h"
#include "ui/windowmanager.h"

#include <QApplication>
#include <QCoreApplication>
#include <QFile>
#include <QFileInfo>
#include <QIcon>
#include <QLockFile>
#include <QLoggingCategory>

#include <cstdio>
#include <unistd.h>
#include <utility>

namespace {

using mdp::CommandLine;

void printError(const QString &message)
{
    std::fprintf(stderr, "mdpreview: %s\n", message.toLocal8Bit().constData());
}

QtMessageHandler defaultMessageHandler = nullptr;

// Lines the web engine and Qt print on every start that say nothing to the user: the sandbox we
// turn off on purpose (as root, where it cannot run; said once in our own words), a graphics set-up
// the offscreen platform and software rendering do not need (nor the window size hints it cannot
// pass on), the runtime folder a container lacks. Everything else is printed as Qt would.
void quietMessageHandler(QtMsgType type, const QMessageLogContext &context, const QString &message)
{
    static const QLatin1String kNoise[] = {
        QLatin1String("Sandboxing disabled by user."),
        QLatin1String("WebEngineContext used before QtWebEngineCore::initialize()"),
        QLatin1String("No suitable graphics backend found"),
        QLatin1String("QStandardPaths: XDG_RUNTIME_DIR not set"),
        QLatin1String("This plugin does not support propagateSizeHints()"),
    };
    for (const QLatin1String &noise : kNoise) {
        if (message.startsWith(noise))
            return;
    }
    defaultMessageHandler(type, context, message);
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
        QByteArray bytes = in.readAll();
        bytes.squeeze(); // kept as long as it is shown: not the buffer's growth room
        return Input{std::move(bytes), QStringLiteral("stdin"), QString()};
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

// When a tall page became several images, the user is told where they are.
void reportParts(const QStringList &written)
{
    if (written.size() < 2)
        return;
    printError(QStringLiteral("the page is taller than one image holds: written as %1 images, "
                              "'%2' to '%3'")
                   .arg(written.size())
                   .arg(written.first(), written.last()));
}

// Every export needs the web engine (the page as the reader sees it, drawn), but no display: it
// draws offscreen. Exit status 3 when the file could not be written whole.
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
    mdp::PreviewView::setOffline(options.offline);

    mdp::PageExporter exporter;
    int status = 0;
    QObject::connect(
        &exporter, &mdp::PageExporter::finished, &app,
        [&](const QString &error, const QStringList &written) {
            if (error.isEmpty()) {
                reportParts(written);
            } else {
                printError(QStringLiteral("cannot export '%1': %2").arg(options.exportPath, error));
                status = 3;
            }
            QApplication::quit();
        });
    mdp::PageExporter::Options exportOptions;
    exportOptions.out = options.exportPath;
    exportOptions.title = input->displayName;
    exportOptions.width = exportWidth();
    exportOptions.embedImages = options.embedImages;
    exporter.start(mdp::Renderer::render(input->bytes, renderOptionsFor(*input)),
                   baseUrlFor(*input), exportTheme(options.theme), exportOptions);
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

// Hands FILE to the instance already running for this user, if there is one. Returns the exit
// status when it did (or failed to), nothing when this process is the first.
std::optional<int> handOver(const QString &socketPath, const CommandLine &options,
                            const QString &path)
{
    mdp::InstanceRequest request;
    request.command = options.gotoLine > 0 ? mdp::InstanceRequest::Command::Goto
                                           : mdp::InstanceRequest::Command::Open;
    request.path = path;
    request.line = options.gotoLine;
    request.newWindow = options.newWindow;
    request.followEdits = options.followEdits;
    // A theme file is found from our folder, not the instance's.
    request.theme = options.theme.contains(QLatin1Char('/'))
                        ? QFileInfo(options.theme).absoluteFilePath()
                        : options.theme;
    const mdp::InstanceClient::Result sent = mdp::InstanceClient::send(socketPath, request);
    switch (sent.outcome) {
    case mdp::InstanceClient::Outcome::NoInstance:
        return std::nullopt;
    case mdp::InstanceClient::Outcome::Delivered:
        if (sent.error.isEmpty())
            return 0;
        printError(sent.error);
        return 2;
    case mdp::InstanceClient::Outcome::Failed:
        break;
    }
    printError(sent.error);
    return 1;
}

// The window this process starts with: the file, standard input's text or the sample.
void openFirstWindow(mdp::WindowManager &windows, const CommandLine &options,
                     const std::optional<Input> &input)
{
    const mdp::WindowManager::Options windowOptions{options.followEdits, options.theme};
    mdp::MainWindow *window = nullptr;
    if (input && !input->path.isEmpty()) {
        window = windows.openFile(input->path, input->bytes, windowOptions);
        if (options.gotoLine > 0)
            window->preview()->scrollToLine(options.gotoLine);
    } else {
        window = windows.openWindow(windowOptions);
        if (input)
            window->openContent(input->bytes, input->displayName);
        else
            window->openSample();
    }
    if (options.keepOnTop)
        window->setKeepOnTop(true);
    if (options.noContents)
        window->contents()->hide();
}

int runWindow(int argc, char **argv, const CommandLine &options)
{
    std::optional<Input> input;
    if (!options.file.isEmpty()) {
        input = readInput(options.file);
        if (!input)
            return 2;
    }
    const bool isFile = input && !input->path.isEmpty();

    // Starting up is serialised per user: between finding nobody on the socket and listening on
    // it, a second mdpreview must not do the same and take the socket away.
    const QString socketPath = mdp::InstanceServer::socketPath();
    std::optional<QLockFile> startLock;
    bool serve = !socketPath.isEmpty();
    if (serve) {
        startLock.emplace(socketPath + QStringLiteral(".lock"));
        startLock->tryLock(10000);
        if (isFile) {
            if (const std::optional<int> status = handOver(socketPath, options, input->path))
                return *status;
        } else if (mdp::InstanceClient::isRunning(socketPath)) {
            // Standard input and the sample have no file to hand over: they get a window of
            // their own, in this process, which leaves the socket to the running instance.
            serve = false;
        }
    }

    if (!hasDisplay()) {
        printError(QStringLiteral("no display server (DISPLAY and WAYLAND_DISPLAY are unset); "
                                  "use --html or --export FILE.html to render without a window"));
        return 1;
    }
    disableSandboxWhenRoot();
    mdp::EngineMemory::prepare();
    mdp::Trace::setEnabled(options.trace);

    mdp::ShellScheme::registerScheme();
    QCoreApplication::setAttribute(Qt::AA_ShareOpenGLContexts);
    QApplication app(argc, argv);
    QApplication::setApplicationName(QStringLiteral("mdpreview"));
    QApplication::setApplicationVersion(QStringLiteral(MDPREVIEW_VERSION));
    QApplication::setDesktopFileName(QStringLiteral("mdpreview"));
    QApplication::setWindowIcon(QIcon::fromTheme(QStringLiteral("mdpreview")));

    mdp::PreviewView::setOffline(options.offline);
    mdp::WindowManager windows;
    QObject::connect(&windows, &mdp::WindowManager::themeFailed, &printError);
    mdp::InstanceServer server(&windows);
    if (serve) {
        const QString error = server.listen(socketPath);
        if (!error.isEmpty()) {
            printError(QStringLiteral("cannot listen on '%1' (%2): a later mdpreview FILE "
                                      "opens its own window")
                           .arg(socketPath, error));
        }
    }
    startLock.reset();

    openFirstWindow(windows, options, input);
    // The window keeps the text it shows; this copy would outlive it by a save.
    input.reset();
    return QApplication::exec();
}

} // namespace

int main(int argc, char **argv)
{
    // The web engine describes its graphics set-up at every start; QT_LOGGING_RULES still wins.
    QLoggingCategory::setFilterRules(QStringLiteral("qt.webenginecontext.info=false"));
    defaultMessageHandler = qInstallMessageHandler(quietMessageHandler);
    const CommandLine::Parsed parsed = CommandLine::parse(argc, argv);
    if (parsed.exitCode)
        return *parsed.exitCode;
    const CommandLine &options = parsed.options;

    if (options.socketPath) {
        const QString path = mdp::InstanceServer::socketPath();
        if (path.isEmpty()) {
            printError(QStringLiteral("no private runtime folder for the socket"));
            return 1;
        }
        std::printf("%s\n", QFile::encodeName(path).constData());
        return std::fflush(stdout) == 0 ? 0 : 1;
    }
    if (options.listThemes) {
        QCoreApplication app(argc, argv);
        return listThemes();
    }
    const QString exportSuffix = QFileInfo(options.exportPath).suffix().toLower();
    if (!options.exportPath.isEmpty() && exportSuffix != QLatin1String("html") &&
        exportSuffix != QLatin1String("htm") && exportSuffix != QLatin1String("pdf") &&
        exportSuffix != QLatin1String("png")) {
        printError(QStringLiteral("cannot export '%1': the file name must end in .html, .pdf "
                                  "or .png")
                       .arg(options.exportPath));
        return 1;
    }
    if (!options.exportPath.isEmpty())
        return exportWithWebEngine(argc, argv, options);
    if (options.html) {
        QCoreApplication app(argc, argv);
        const std::optional<Input> input =
            readInput(options.file.isEmpty() ? QStringLiteral("-") : options.file);
        if (!input)
            return 2;
        return printHtml(*input);
    }
    return runWindow(argc, argv, options);
}
