// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/desktop/instanceprotocol.h"

#include <QLocalServer>
#include <QObject>
#include <QString>

class QLocalSocket;

namespace mdp {

class WindowManager;

// One mdpreview per user serves every window: the first to start listens on a Unix socket in
// the user's private runtime folder, and every later `mdpreview FILE` (or an editor) hands its
// request over that socket. The socket and its folder are the user's only, and a peer of
// another user is turned away even so.
class InstanceServer final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(InstanceServer)

public:
    explicit InstanceServer(WindowManager *windows, QObject *parent = nullptr);

    // $XDG_RUNTIME_DIR/mdpreview-UID; without XDG_RUNTIME_DIR, a folder of our own under the
    // temporary folder. Empty when no folder that only this user can enter is available.
    static QString socketPath();

    // Listens on `path`, removing a socket no one listens on any more (a crashed instance).
    // Returns the error, if any.
    QString listen(const QString &path);

private:
    void onNewConnection();
    void onReadyRead(QLocalSocket *socket);

    WindowManager *m_windows = nullptr;
    QLocalServer m_server;
};

// The other end, used before any application object exists.
namespace InstanceClient {

enum class Outcome
{
    Delivered,  // the running instance carried it out, or said why not (error)
    NoInstance, // nobody listens: this process is the first
    Failed,     // somebody listens but did not answer (error)
};

struct Result
{
    Outcome outcome = Outcome::NoInstance;
    QString error;
};

Result send(const QString &socketPath, const InstanceRequest &request);
bool isRunning(const QString &socketPath);

} // namespace InstanceClient

} // namespace mdp
