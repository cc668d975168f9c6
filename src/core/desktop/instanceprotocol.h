// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/live/editorbuffer.h"

#include <QByteArray>
#include <QByteArrayView>
#include <QList>
#include <QString>

#include <optional>

namespace mdp {

// What one mdpreview (or an editor) asks the running instance: one JSON object a line, e.g.
//   {"v":1,"cmd":"open","path":"/abs/notes.md","line":12,"newWindow":false}
// answered by {"v":1,"ok":true} or {"v":1,"ok":false,"error":"..."}. An editor keeps its
// connection open and hears from the instance on it too (InstanceEvent). Pure logic, so that
// what a peer may send is decided here, in a table-tested place, and not in the socket code.
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
        // An editor shows the file on this connection, its cursor on `line` (if given): the
        // preview may send it back to a line. With `buffer`, its windows show that text (live
        // mode) instead of the file's until the editor saves or goes.
        Attach,
        // The attached editor changed its buffer: `change`. Also sets `line` to its first line.
        Change,
        // The attached editor saved: the windows show the file again.
        Saved,
        // The editor no longer shows the file here (:MdPreviewStop): the windows show the file.
        Detach,
    };

    static constexpr int kVersion = 1;

    Command command = Command::Open;
    QString path; // absolute
    int line = 0; // a 1-based source line; 0: none
    bool newWindow = false;
    bool followEdits = false;
    QString theme; // empty: the remembered one
    // Attach: the editor's whole buffer, one entry a line (UTF-8), when it is shown live.
    std::optional<QList<QByteArray>> buffer;
    EditorChange change; // Change only

    friend bool operator==(const InstanceRequest &, const InstanceRequest &) = default;
};

// What the instance tells an attached editor, unasked, on the editor's connection:
//   {"v":1,"event":"goto","path":"/abs/notes.md","line":12}   put your cursor on line 12
//   {"v":1,"event":"resend","path":"/abs/notes.md"}           send the whole buffer again
struct InstanceEvent
{
    enum class Kind
    {
        Goto,   // the reader double-clicked the preview on `line`
        Resend, // the instance's copy of the buffer is out of sync: attach again with it
    };

    Kind kind = Kind::Goto;
    QString path; // as the editor named it
    int line = 0;

    friend bool operator==(const InstanceEvent &, const InstanceEvent &) = default;
};

struct InstanceReply
{
    bool ok = true;
    QString error;

    friend bool operator==(const InstanceReply &, const InstanceReply &) = default;
};

namespace InstanceProtocol {

// A peer could send anything: a line longer than this is not a request. An editor's whole
// buffer is one line: the largest document (64 MB) with room for JSON's escapes.
constexpr qsizetype kMaxLineBytes = qsizetype(160) * 1024 * 1024;

// One line, with its trailing newline.
QByteArray encode(const InstanceRequest &request);
QByteArray encode(const InstanceReply &reply);
QByteArray encode(const InstanceEvent &event);

struct DecodedRequest
{
    std::optional<InstanceRequest> request;
    QString error; // why the line is not a request
};
// One line, with or without its trailing newline.
DecodedRequest decodeRequest(QByteArrayView line);
std::optional<InstanceReply> decodeReply(QByteArrayView line);
std::optional<InstanceEvent> decodeEvent(QByteArrayView line);

} // namespace InstanceProtocol

} // namespace mdp
