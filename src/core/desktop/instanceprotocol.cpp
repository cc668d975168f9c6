// SPDX-License-Identifier: GPL-3.0-or-later
#include "instanceprotocol.h"

#include <QDir>
#include <QJsonDocument>
#include <QJsonObject>
#include <QJsonParseError>

#include <algorithm>

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

struct CommandName
{
    InstanceRequest::Command command;
    QLatin1String name;
};
constexpr CommandName kCommands[] = {
    {InstanceRequest::Command::Open, QLatin1String("open")},
    {InstanceRequest::Command::Goto, QLatin1String("goto")},
    {InstanceRequest::Command::Follow, QLatin1String("follow")},
};

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
    QJsonObject object{{kV, InstanceRequest::kVersion}, {kPath, request.path}};
    for (const CommandName &command : kCommands) {
        if (command.command == request.command)
            object.insert(kCmd, QString(command.name));
    }
    if (request.line > 0)
        object.insert(kLine, request.line);
    if (request.newWindow)
        object.insert(kNewWindow, true);
    if (request.followEdits)
        object.insert(kFollowEdits, true);
    if (!request.theme.isEmpty())
        object.insert(kTheme, request.theme);
    return line(object);
}

QByteArray encode(const InstanceReply &reply)
{
    QJsonObject object{{kV, InstanceRequest::kVersion}, {kOk, reply.ok}};
    if (!reply.ok)
        object.insert(kError, reply.error);
    return line(object);
}

DecodedRequest decodeRequest(QByteArrayView text)
{
    DecodedRequest decoded;
    const std::optional<QJsonObject> object = parseObject(text, &decoded.error);
    if (!object)
        return decoded;

    InstanceRequest request;
    const QString command = object->value(kCmd).toString();
    const auto known = std::find_if(std::begin(kCommands), std::end(kCommands),
                                    [&](const CommandName &c) { return command == c.name; });
    if (known == std::end(kCommands)) {
        decoded.error = QStringLiteral("unknown command '%1'").arg(command);
        return decoded;
    }
    request.command = known->command;

    request.path = object->value(kPath).toString();
    // Relative to what? The peer's working folder is not ours.
    if (request.path.isEmpty() || !QDir::isAbsolutePath(request.path)) {
        decoded.error = QStringLiteral("'path' must be an absolute file path");
        return decoded;
    }

    const QJsonValue line = object->value(kLine);
    if (!line.isUndefined()) {
        const double number = line.toDouble(-1);
        if (!line.isDouble() || number < 1 || number > 1e9 || number != int(number)) {
            decoded.error = QStringLiteral("'line' must be a line number from 1");
            return decoded;
        }
        request.line = int(number);
    }
    if (request.command != InstanceRequest::Command::Open && request.line == 0) {
        decoded.error = QStringLiteral("'%1' needs a 'line'").arg(command);
        return decoded;
    }

    for (const auto &[key, flag] : {std::pair{kNewWindow, &request.newWindow},
                                    std::pair{kFollowEdits, &request.followEdits}}) {
        const QJsonValue value = object->value(key);
        if (!value.isUndefined() && !value.isBool()) {
            decoded.error = QStringLiteral("'%1' must be true or false").arg(key);
            return decoded;
        }
        *flag = value.toBool();
    }
    const QJsonValue theme = object->value(kTheme);
    if (!theme.isUndefined() && !theme.isString()) {
        decoded.error = QStringLiteral("'theme' must be a string");
        return decoded;
    }
    request.theme = theme.toString();
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

} // namespace mdp::InstanceProtocol
