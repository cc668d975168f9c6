// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArray>
#include <QByteArrayView>
#include <QString>

#include <optional>

namespace mdp {

// What one mdpreview (or an editor) asks the running instance: one JSON object a line, e.g.
//   {"v":1,"cmd":"open","path":"/abs/notes.md","line":12,"newWindow":false}
// answered by {"v":1,"ok":true} or {"v":1,"ok":false,"error":"..."}. Pure logic, so that what a
// peer may send is decided here, in a table-tested place, and not in the socket code.
struct InstanceRequest
{
    enum class Command
    {
        // Show the file: raise its window, or open one (always with newWindow).
        Open,
        // Scroll the file's windows to `line` without raising them; open one when there is none.
        Goto,
        // Scroll the file's windows to `line` if there are any; never opens one (an editor
        // following its cursor must not bring back a window the user closed).
        Follow,
    };

    static constexpr int kVersion = 1;

    Command command = Command::Open;
    QString path; // absolute
    int line = 0; // a 1-based source line; 0: none
    bool newWindow = false;
    bool followEdits = false;
    QString theme; // empty: the remembered one

    friend bool operator==(const InstanceRequest &, const InstanceRequest &) = default;
};

struct InstanceReply
{
    bool ok = true;
    QString error;

    friend bool operator==(const InstanceReply &, const InstanceReply &) = default;
};

namespace InstanceProtocol {

// A peer could send anything: a line longer than this is not a request.
constexpr qsizetype kMaxLineBytes = 64 * 1024;

// One line, with its trailing newline.
QByteArray encode(const InstanceRequest &request);
QByteArray encode(const InstanceReply &reply);

struct DecodedRequest
{
    std::optional<InstanceRequest> request;
    QString error; // why the line is not a request
};
// One line, with or without its trailing newline.
DecodedRequest decodeRequest(QByteArrayView line);
std::optional<InstanceReply> decodeReply(QByteArrayView line);

} // namespace InstanceProtocol

} // namespace mdp
