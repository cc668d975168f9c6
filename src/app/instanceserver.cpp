// SPDX-License-Identifier: GPL-3.0-or-later
#include "instanceserver.h"

#include "ui/windowmanager.h"

#include <QDir>
#include <QFile>
#include <QLocalSocket>

#include <cerrno>
#include <sys/socket.h>
#include <sys/stat.h>
#include <unistd.h>

namespace mdp {

namespace {

constexpr int kConnectTimeoutMs = 2000;
// Opening a window for a file takes a moment; a frozen instance takes for ever.
constexpr int kReplyTimeoutMs = 15000;

// The folder, made if missing, and only if it is a real folder of ours that nobody else can
// enter: anybody able to put a socket there could receive what the user opens.
bool isPrivateFolder(const QString &path)
{
    const QByteArray native = QFile::encodeName(path);
    if (::mkdir(native.constData(), 0700) != 0 && errno != EEXIST)
        return false;
    struct stat info
    {};
    return ::lstat(native.constData(), &info) == 0 && S_ISDIR(info.st_mode) &&
           info.st_uid == ::getuid() && (info.st_mode & 077) == 0;
}

bool peerIsThisUser(const QLocalSocket *socket)
{
    ucred credentials{};
    socklen_t size = sizeof credentials;
    return ::getsockopt(int(socket->socketDescriptor()), SOL_SOCKET, SO_PEERCRED, &credentials,
                        &size) == 0 &&
           credentials.uid == ::getuid();
}

} // namespace

InstanceServer::InstanceServer(WindowManager *windows, QObject *parent)
    : QObject(parent)
    , m_windows(windows)
{
    // The folder is the user's only already; the socket is too, should it ever be moved.
    m_server.setSocketOptions(QLocalServer::UserAccessOption);
    connect(&m_server, &QLocalServer::newConnection, this, &InstanceServer::onNewConnection);
    // What the instance tells an editor goes on the connection the editor attached on.
    connect(windows, &WindowManager::editorEvent, this,
            [](QObject *peer, const InstanceEvent &event) {
                if (auto *socket = qobject_cast<QLocalSocket *>(peer))
                    socket->write(InstanceProtocol::encode(event));
            });
}

QString InstanceServer::socketPath()
{
    const QString uid = QString::number(::getuid());
    QString folder = qEnvironmentVariable("XDG_RUNTIME_DIR");
    if (folder.isEmpty())
        folder = QDir::tempPath() + QStringLiteral("/mdpreview-runtime-") + uid;
    if (!isPrivateFolder(folder))
        return {};
    return folder + QStringLiteral("/mdpreview-") + uid;
}

QString InstanceServer::listen(const QString &path)
{
    // The caller holds the start-up lock and nobody answered on `path`: what is there is stale.
    QLocalServer::removeServer(path);
    if (!m_server.listen(path))
        return m_server.errorString();
    return {};
}

void InstanceServer::onNewConnection()
{
    while (QLocalSocket *socket = m_server.nextPendingConnection()) {
        if (!peerIsThisUser(socket)) {
            socket->abort();
            socket->deleteLater();
            continue;
        }
        connect(socket, &QLocalSocket::disconnected, socket, &QObject::deleteLater);
        connect(socket, &QLocalSocket::readyRead, this, [this, socket] { onReadyRead(socket); });
        // An editor keeps its connection open: requests may already be waiting.
        if (socket->bytesAvailable() > 0)
            onReadyRead(socket);
    }
}

void InstanceServer::onReadyRead(QLocalSocket *socket)
{
    while (socket->canReadLine()) {
        // Not readLine(max): that reserves `max` bytes for every line, and an editor sends a
        // line per keystroke.
        const QByteArray line = socket->readLine();
        if (line.size() > InstanceProtocol::kMaxLineBytes + 1) {
            // Longer than any request: this peer is not speaking the protocol.
            socket->abort();
            return;
        }
        const InstanceProtocol::DecodedRequest decoded = InstanceProtocol::decodeRequest(line);
        InstanceReply reply;
        if (decoded.request)
            reply.error = m_windows->handle(*decoded.request, socket);
        else
            reply.error = decoded.error;
        reply.ok = reply.error.isEmpty();
        socket->write(InstanceProtocol::encode(reply));
    }
    if (socket->bytesAvailable() > InstanceProtocol::kMaxLineBytes)
        socket->abort();
}

namespace InstanceClient {

namespace {

bool connectTo(QLocalSocket &socket, const QString &socketPath)
{
    if (socketPath.isEmpty())
        return false;
    socket.connectToServer(socketPath);
    return socket.waitForConnected(kConnectTimeoutMs);
}

} // namespace

Result send(const QString &socketPath, const InstanceRequest &request)
{
    QLocalSocket socket;
    if (!connectTo(socket, socketPath))
        return {Outcome::NoInstance, {}};
    socket.write(InstanceProtocol::encode(request));
    if (!socket.waitForBytesWritten(kReplyTimeoutMs))
        return {Outcome::Failed, socket.errorString()};
    while (!socket.canReadLine()) {
        if (!socket.waitForReadyRead(kReplyTimeoutMs)) {
            return {Outcome::Failed,
                    QStringLiteral("the running mdpreview (%1) did not answer").arg(socketPath)};
        }
    }
    const std::optional<InstanceReply> reply = InstanceProtocol::decodeReply(socket.readLine());
    if (!reply)
        return {Outcome::Failed, QStringLiteral("the running mdpreview gave no proper answer")};
    return {Outcome::Delivered, reply->error};
}

bool isRunning(const QString &socketPath)
{
    QLocalSocket socket;
    return connectTo(socket, socketPath);
}

} // namespace InstanceClient

} // namespace mdp
