// SPDX-License-Identifier: GPL-3.0-or-later
// The page of a real mdpreview running in a process of its own, read and clicked over the
// Chrome DevTools protocol that Qt WebEngine serves when QTWEBENGINE_REMOTE_DEBUGGING is set:
// what the reader sees in the DOM, and a double-click as the engine's own input.
#pragma once

#include <QEventLoop>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QTcpServer>
#include <QTest>
#include <QWebSocket>

#include <optional>

namespace mdp::test {

class DevTools final
{
public:
    DevTools() = default;
    DevTools(const DevTools &) = delete;
    DevTools &operator=(const DevTools &) = delete;

    // A port nobody listens on now, for the app's QTWEBENGINE_REMOTE_DEBUGGING.
    static quint16 freePort()
    {
        QTcpServer probe;
        probe.listen(QHostAddress::LocalHost, 0);
        return probe.serverPort();
    }

    // Connects to the first page the app on `port` shows, waiting for it to come up.
    bool connectTo(quint16 port, int timeoutMs = 30000)
    {
        QString url;
        const bool found = QTest::qWaitFor(
            [&] {
                url = pageUrl(port);
                if (url.isEmpty())
                    QTest::qWait(200);
                return !url.isEmpty();
            },
            timeoutMs);
        if (!found)
            return false;
        QObject::connect(
            &m_socket, &QWebSocket::textMessageReceived, &m_socket, [this](const QString &message) {
                const QJsonObject object = QJsonDocument::fromJson(message.toUtf8()).object();
                if (object.contains(QStringLiteral("id")))
                    m_answers.insert(object.value(QStringLiteral("id")).toInt(), object);
            });
        m_socket.open(QUrl(url));
        return QTest::qWaitFor([&] { return m_socket.state() == QAbstractSocket::ConnectedState; },
                               10000);
    }

    // Runs a JavaScript expression in the page; its value (awaited if it is a promise).
    QJsonValue evaluate(const QString &expression)
    {
        const std::optional<QJsonObject> answer =
            call(QStringLiteral("Runtime.evaluate"), {{QStringLiteral("expression"), expression},
                                                      {QStringLiteral("returnByValue"), true},
                                                      {QStringLiteral("awaitPromise"), true}});
        if (!answer)
            return QJsonValue::Undefined;
        return answer->value(QStringLiteral("result"))
            .toObject()
            .value(QStringLiteral("result"))
            .toObject()
            .value(QStringLiteral("value"));
    }

    // Waits until the expression is true in the page.
    bool waitFor(const QString &expression, int timeoutMs = 10000)
    {
        return QTest::qWaitFor(
            [&] {
                if (evaluate(expression).toBool())
                    return true;
                QTest::qWait(50);
                return false;
            },
            timeoutMs);
    }

    // A double-click with the mouse at (x, y), in CSS pixels from the top left of the view.
    bool doubleClick(double x, double y)
    {
        for (const int count : {1, 2}) {
            for (const char *type : {"mousePressed", "mouseReleased"}) {
                if (!call(QStringLiteral("Input.dispatchMouseEvent"),
                          {{QStringLiteral("type"), QLatin1String(type)},
                           {QStringLiteral("x"), x},
                           {QStringLiteral("y"), y},
                           {QStringLiteral("button"), QStringLiteral("left")},
                           {QStringLiteral("clickCount"), count}})) {
                    return false;
                }
            }
        }
        return true;
    }

private:
    static QString pageUrl(quint16 port)
    {
        QNetworkAccessManager network;
        QNetworkReply *reply = network.get(
            QNetworkRequest(QUrl(QStringLiteral("http://127.0.0.1:%1/json").arg(port))));
        QEventLoop loop;
        QObject::connect(reply, &QNetworkReply::finished, &loop, &QEventLoop::quit);
        loop.exec();
        reply->deleteLater();
        const QJsonArray targets = QJsonDocument::fromJson(reply->readAll()).array();
        for (const QJsonValue &target : targets) {
            const QJsonObject page = target.toObject();
            if (page.value(QStringLiteral("type")).toString() == QLatin1String("page"))
                return page.value(QStringLiteral("webSocketDebuggerUrl")).toString();
        }
        return {};
    }

    std::optional<QJsonObject> call(const QString &method, const QJsonObject &params)
    {
        const int id = ++m_lastId;
        m_socket.sendTextMessage(
            QString::fromUtf8(QJsonDocument(QJsonObject{{QStringLiteral("id"), id},
                                                        {QStringLiteral("method"), method},
                                                        {QStringLiteral("params"), params}})
                                  .toJson(QJsonDocument::Compact)));
        if (!QTest::qWaitFor([&] { return m_answers.contains(id); }, 10000))
            return std::nullopt;
        return m_answers.take(id);
    }

    QWebSocket m_socket;
    QHash<int, QJsonObject> m_answers;
    int m_lastId = 0;
};

} // namespace mdp::test
