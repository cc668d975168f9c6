// SPDX-License-Identifier: GPL-3.0-or-later
#include "instanceprotocol.h"

#include <QDir>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QJsonParseError>

#include <algorithm>
#include <cstddef>

namespace mdp::InstanceProtocol {

namespace {

const QString kV = QStringLiteral("v");
const QString kCmd = QStringLiteral("cmd");
const QString kPath = QStringLiteral("path");
const QString kLine = QStringLiteral("line");
const QString kNewWindow = QStringLiteral("newWindow");
const QString kFollowEdits = QStringLiteral("followEdits");
const QString kTheme = QStringLiteral("theme");
const QString kOk = QStringLiteral("ok");
const QString kError = QStringLiteral("error");
const QString kLines = QStringLiteral("lines");
const QString kRemoved = QStringLiteral("removed");
const QString kTotal = QStringLiteral("total");
const QString kEvent = QStringLiteral("event");

// A value and the name it has on the wire.
template <typename Value>
struct Named
{
    Value value;
    QLatin1String name;
};

constexpr Named<InstanceRequest::Command> kCommands[] = {
    {InstanceRequest::Command::Open, QLatin1String("open")},
    {InstanceRequest::Command::Goto, QLatin1String("goto")},
    {InstanceRequest::Command::Follow, QLatin1String("follow")},
    {InstanceRequest::Command::Attach, QLatin1String("attach")},
    {InstanceRequest::Command::Change, QLatin1String("change")},
    {InstanceRequest::Command::Saved, QLatin1String("saved")},
    {InstanceRequest::Command::Detach, QLatin1String("detach")},
};

constexpr Named<InstanceEvent::Kind> kEvents[] = {
    {InstanceEvent::Kind::Goto, QLatin1String("goto")},
    {InstanceEvent::Kind::Resend, QLatin1String("resend")},
};

template <typename Value, std::size_t N>
QString nameOf(const Named<Value> (&table)[N], Value value)
{
    const auto named =
        std::find_if(std::begin(table), std::end(table),
                     [&](const Named<Value> &entry) { return entry.value == value; });
    return named == std::end(table) ? QString() : QString(named->name);
}

template <typename Value, std::size_t N>
std::optional<Value> valueNamed(const Named<Value> (&table)[N], const QString &name)
{
    const auto named = std::find_if(std::begin(table), std::end(table),
                                    [&](const Named<Value> &entry) { return name == entry.name; });
    if (named == std::end(table))
        return std::nullopt;
    return named->value;
}

// A count or a line number that JSON carries as a double: whole, and within `minimum`..1e9.
std::optional<int> wholeNumber(const QJsonValue &value, int minimum)
{
    const double number = value.toDouble(-1);
    if (!value.isDouble() || number < minimum || number > 1e9 || number != int(number))
        return std::nullopt;
    return int(number);
}

std::optional<QList<QByteArray>> stringList(const QJsonValue &value)
{
    if (!value.isArray())
        return std::nullopt;
    const QJsonArray array = value.toArray();
    QList<QByteArray> lines;
    lines.reserve(array.size());
    for (const QJsonValue &line : array) {
        if (!line.isString())
            return std::nullopt;
        lines.append(line.toString().toUtf8());
    }
    return lines;
}

QJsonArray jsonArray(const QList<QByteArray> &lines)
{
    QJsonArray array;
    for (const QByteArray &line : lines)
        array.append(QString::fromUtf8(line));
    return array;
}

QByteArray line(const QJsonObject &object)
{
    return QJsonDocument(object).toJson(QJsonDocument::Compact) + '\n';
}

std::optional<QJsonObject> parseObject(QByteArrayView text, QString *error)
{
    while (!text.isEmpty() && (text.back() == '\n' || text.back() == '\r'))
        text.chop(1);
    if (text.size() > kMaxLineBytes) {
        *error = QStringLiteral("request too long");
        return std::nullopt;
    }
    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(text.toByteArray(), &parseError);
    if (parseError.error != QJsonParseError::NoError || !document.isObject()) {
        *error = QStringLiteral("not a JSON object");
        return std::nullopt;
    }
    const QJsonObject object = document.object();
    // A peer that speaks a newer protocol must not be half understood.
    if (object.value(kV).toInt(-1) != InstanceRequest::kVersion) {
        *error = QStringLiteral("unsupported protocol version (this mdpreview speaks %1)")
                     .arg(InstanceRequest::kVersion);
        return std::nullopt;
    }
    return object;
}

} // namespace

QByteArray encode(const InstanceRequest &request)
{
    QJsonObject object{{kV, InstanceRequest::kVersion},
                       {kPath, request.path},
                       {kCmd, nameOf(kCommands, request.command)}};
    if (request.line > 0)
        object.insert(kLine, request.line);
    if (request.newWindow)
        object.insert(kNewWindow, true);
    if (request.followEdits)
        object.insert(kFollowEdits, true);
    if (!request.theme.isEmpty())
        object.insert(kTheme, request.theme);
    if (request.buffer)
        object.insert(kLines, jsonArray(*request.buffer));
    if (request.command == InstanceRequest::Command::Change) {
        object.insert(kLine, request.change.firstLine);
        object.insert(kRemoved, request.change.removed);
        object.insert(kLines, jsonArray(request.change.lines));
        if (request.change.total > 0)
            object.insert(kTotal, request.change.total);
    }
    return line(object);
}

QByteArray encode(const InstanceReply &reply)
{
    QJsonObject object{{kV, InstanceRequest::kVersion}, {kOk, reply.ok}};
    if (!reply.ok)
        object.insert(kError, reply.error);
    return line(object);
}

QByteArray encode(const InstanceEvent &event)
{
    QJsonObject object{{kV, InstanceRequest::kVersion},
                       {kPath, event.path},
                       {kEvent, nameOf(kEvents, event.kind)}};
    if (event.line > 0)
        object.insert(kLine, event.line);
    return line(object);
}

namespace {

// The fields every command may carry. Returns the error, if any.
QString decodeCommonFields(const QJsonObject &object, InstanceRequest *request)
{
    const QJsonValue line = object.value(kLine);
    if (!line.isUndefined()) {
        const std::optional<int> number = wholeNumber(line, 1);
        if (!number)
            return QStringLiteral("'line' must be a line number from 1");
        request->line = *number;
    }
    for (const auto &[key, flag] : {std::pair{kNewWindow, &request->newWindow},
                                    std::pair{kFollowEdits, &request->followEdits}}) {
        const QJsonValue value = object.value(key);
        if (!value.isUndefined() && !value.isBool())
            return QStringLiteral("'%1' must be true or false").arg(key);
        *flag = value.toBool();
    }
    const QJsonValue theme = object.value(kTheme);
    if (!theme.isUndefined() && !theme.isString())
        return QStringLiteral("'theme' must be a string");
    request->theme = theme.toString();
    return {};
}

// An editor's buffer (attach) or its change (change). Returns the error, if any.
QString decodeEditorFields(const QJsonObject &object, InstanceRequest *request)
{
    using Command = InstanceRequest::Command;
    const QJsonValue lines = object.value(kLines);
    if (request->command == Command::Attach && !lines.isUndefined()) {
        request->buffer = stringList(lines);
        if (!request->buffer)
            return QStringLiteral("'lines' must be a list of strings");
    }
    if (request->command != Command::Change)
        return {};
    EditorChange &change = request->change;
    change.firstLine = request->line;
    const std::optional<int> removed = wholeNumber(object.value(kRemoved), 0);
    if (!removed)
        return QStringLiteral("'removed' must be a count of lines from 0");
    change.removed = *removed;
    const std::optional<QList<QByteArray>> added = stringList(lines);
    if (!added)
        return QStringLiteral("'lines' must be a list of strings");
    change.lines = *added;
    const QJsonValue total = object.value(kTotal);
    if (!total.isUndefined()) {
        const std::optional<int> count = wholeNumber(total, 1);
        if (!count)
            return QStringLiteral("'total' must be a count of lines from 1");
        change.total = *count;
    }
    return {};
}

} // namespace

DecodedRequest decodeRequest(QByteArrayView text)
{
    DecodedRequest decoded;
    const std::optional<QJsonObject> object = parseObject(text, &decoded.error);
    if (!object)
        return decoded;

    using Command = InstanceRequest::Command;
    InstanceRequest request;
    const QString command = object->value(kCmd).toString();
    const std::optional<Command> known = valueNamed(kCommands, command);
    if (!known) {
        decoded.error = QStringLiteral("unknown command '%1'").arg(command);
        return decoded;
    }
    request.command = *known;

    request.path = object->value(kPath).toString();
    // Relative to what? The peer's working folder is not ours.
    if (request.path.isEmpty() || !QDir::isAbsolutePath(request.path)) {
        decoded.error = QStringLiteral("'path' must be an absolute file path");
        return decoded;
    }
    decoded.error = decodeCommonFields(*object, &request);
    if (!decoded.error.isEmpty())
        return decoded;
    const bool needsLine = request.command == Command::Goto || request.command == Command::Follow ||
                           request.command == Command::Change;
    if (needsLine && request.line == 0) {
        decoded.error = QStringLiteral("'%1' needs a 'line'").arg(command);
        return decoded;
    }
    decoded.error = decodeEditorFields(*object, &request);
    if (decoded.error.isEmpty())
        decoded.request = request;
    return decoded;
}

std::optional<InstanceReply> decodeReply(QByteArrayView text)
{
    QString error;
    const std::optional<QJsonObject> object = parseObject(text, &error);
    if (!object || !object->value(kOk).isBool())
        return std::nullopt;
    InstanceReply reply;
    reply.ok = object->value(kOk).toBool();
    if (!reply.ok)
        reply.error = object->value(kError).toString();
    return reply;
}

std::optional<InstanceEvent> decodeEvent(QByteArrayView text)
{
    QString error;
    const std::optional<QJsonObject> object = parseObject(text, &error);
    if (!object)
        return std::nullopt;
    const std::optional<InstanceEvent::Kind> kind =
        valueNamed(kEvents, object->value(kEvent).toString());
    if (!kind)
        return std::nullopt;
    InstanceEvent event;
    event.kind = *kind;
    event.path = object->value(kPath).toString();
    event.line = object->value(kLine).toInt();
    return event;
}

} // namespace mdp::InstanceProtocol
