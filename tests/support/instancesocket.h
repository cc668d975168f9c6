// SPDX-License-Identifier: GPL-3.0-or-later
// The socket a running mdpreview listens on, seen from a test.
#pragma once

#include <QLocalSocket>
#include <QString>
#include <QTest>

#include <optional>
#include <sys/socket.h>
#include <unistd.h>

namespace mdp::test {

// Where mdpreview listens when XDG_RUNTIME_DIR is `runtimeDir`.
inline QString socketIn(const QString &runtimeDir)
{
    return runtimeDir + QStringLiteral("/mdpreview-") + QString::number(::getuid());
}

// Connects `socket` to `path` once something listens there and returns the listener's process
// id; nothing when nobody listened within `timeoutMs`.
inline std::optional<pid_t> connectToListener(QLocalSocket &socket, const QString &path,
                                              int timeoutMs = 30000)
{
    const bool connected = QTest::qWaitFor(
        [&] {
            socket.connectToServer(path);
            return socket.waitForConnected(200);
        },
        timeoutMs);
    if (!connected)
        return std::nullopt;
    ucred peer{};
    socklen_t size = sizeof peer;
    if (::getsockopt(int(socket.socketDescriptor()), SOL_SOCKET, SO_PEERCRED, &peer, &size) != 0)
        return std::nullopt;
    return peer.pid;
}

} // namespace mdp::test
