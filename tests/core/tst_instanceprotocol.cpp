// SPDX-License-Identifier: GPL-3.0-or-later
// The instance protocol: what a peer on the socket may ask, and what is refused, line by line.
#include "core/desktop/instanceprotocol.h"

#include <QTest>

using mdp::EditorChange;
using mdp::InstanceEvent;
using mdp::InstanceReply;
using mdp::InstanceRequest;
namespace protocol = mdp::InstanceProtocol;

Q_DECLARE_METATYPE(InstanceRequest)
Q_DECLARE_METATYPE(InstanceEvent)

namespace {

InstanceRequest request(InstanceRequest::Command command, const QString &path, int line = 0)
{
    InstanceRequest r;
    r.command = command;
    r.path = path;
    r.line = line;
    return r;
}

InstanceRequest attach(const QString &path, int line, std::optional<QList<QByteArray>> buffer)
{
    InstanceRequest r = request(InstanceRequest::Command::Attach, path, line);
    r.buffer = std::move(buffer);
    return r;
}

InstanceRequest change(const QString &path, int first, int removed, QList<QByteArray> lines,
                       int total)
{
    InstanceRequest r = request(InstanceRequest::Command::Change, path, first);
    r.change = EditorChange{first, removed, std::move(lines), total};
    return r;
}

} // namespace

class TestInstanceProtocol final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void decode_data();
    void decode();
    void roundTrip_data();
    void roundTrip();
    void replies();
    void events_data();
    void events();
};

void TestInstanceProtocol::decode_data()
{
    QTest::addColumn<QByteArray>("line");
    QTest::addColumn<bool>("valid");
    QTest::addColumn<InstanceRequest>("expected");
    QTest::addColumn<QString>("error"); // a part of the error

    using C = InstanceRequest::Command;
    const QString doc = QStringLiteral("/home/u/notes.md");
    const InstanceRequest none;

    QTest::newRow("open") << QByteArray(R"({"v":1,"cmd":"open","path":"/home/u/notes.md"})") << true
                          << request(C::Open, doc) << QString();
    QTest::newRow("open, newline")
        << QByteArray("{\"v\":1,\"cmd\":\"open\",\"path\":\"/home/u/notes.md\"}\n") << true
        << request(C::Open, doc) << QString();
    QTest::newRow("open, CRLF")
        << QByteArray("{\"v\":1,\"cmd\":\"open\",\"path\":\"/home/u/notes.md\"}\r\n") << true
        << request(C::Open, doc) << QString();
    InstanceRequest all = request(C::Open, doc, 7);
    all.newWindow = true;
    all.followEdits = true;
    all.theme = QStringLiteral("github-dark");
    QTest::newRow("open, every field")
        << QByteArray(R"({"v":1,"cmd":"open","path":"/home/u/notes.md","line":7,)"
                      R"("newWindow":true,"followEdits":true,"theme":"github-dark"})")
        << true << all << QString();
    QTest::newRow("goto") << QByteArray(
                                 R"({"v":1,"cmd":"goto","path":"/home/u/notes.md","line":42})")
                          << true << request(C::Goto, doc, 42) << QString();
    QTest::newRow("follow") << QByteArray(
                                   R"({"line":3,"path":"/home/u/notes.md","cmd":"follow","v":1})")
                            << true << request(C::Follow, doc, 3) << QString();
    QTest::newRow("unknown fields are ignored")
        << QByteArray(R"({"v":1,"cmd":"open","path":"/home/u/notes.md","colour":"red"})") << true
        << request(C::Open, doc) << QString();
    QTest::newRow("non-ASCII path")
        << QByteArray(R"({"v":1,"cmd":"open","path":"/home/u/Notizen über Qt.md"})") << true
        << request(C::Open, QStringLiteral("/home/u/Notizen über Qt.md")) << QString();
    // An editor: Vim's or Neovim's plugin.
    QTest::newRow("attach, following only")
        << QByteArray(R"({"v":1,"cmd":"attach","path":"/home/u/notes.md","line":4})") << true
        << attach(doc, 4, std::nullopt) << QString();
    QTest::newRow("attach, live")
        << QByteArray(R"({"v":1,"cmd":"attach","path":"/home/u/notes.md","line":1,)"
                      R"("lines":["# Title","","Grüße"]})")
        << true << attach(doc, 1, QList<QByteArray>{"# Title", "", "Grüße"}) << QString();
    QTest::newRow("attach, empty buffer")
        << QByteArray(R"({"v":1,"cmd":"attach","path":"/home/u/notes.md","lines":[]})") << true
        << attach(doc, 0, QList<QByteArray>{}) << QString();
    QTest::newRow("change: a line typed into")
        << QByteArray(R"({"v":1,"cmd":"change","path":"/home/u/notes.md","line":3,)"
                      R"("removed":1,"lines":["Hello"],"total":9})")
        << true << change(doc, 3, 1, {"Hello"}, 9) << QString();
    QTest::newRow("change: lines deleted, no total")
        << QByteArray(R"({"v":1,"cmd":"change","path":"/home/u/notes.md","line":2,)"
                      R"("removed":3,"lines":[]})")
        << true << change(doc, 2, 3, {}, 0) << QString();
    QTest::newRow("change: lines inserted")
        << QByteArray(R"({"v":1,"cmd":"change","path":"/home/u/notes.md","line":5,)"
                      R"("removed":0,"lines":["a","b"],"total":12})")
        << true << change(doc, 5, 0, {"a", "b"}, 12) << QString();
    QTest::newRow("saved") << QByteArray(R"({"v":1,"cmd":"saved","path":"/home/u/notes.md"})")
                           << true << request(C::Saved, doc) << QString();
    QTest::newRow("detach") << QByteArray(R"({"v":1,"cmd":"detach","path":"/home/u/notes.md"})")
                            << true << request(C::Detach, doc) << QString();
    QTest::newRow("lines of open are not a buffer")
        << QByteArray(R"({"v":1,"cmd":"open","path":"/home/u/notes.md","lines":["x"]})") << true
        << request(C::Open, doc) << QString();

    QTest::newRow("empty") << QByteArray() << false << none << QStringLiteral("JSON object");
    QTest::newRow("not JSON") << QByteArray("open /home/u/notes.md") << false << none
                              << QStringLiteral("JSON object");
    QTest::newRow("an array") << QByteArray(R"([1,"open"])") << false << none
                              << QStringLiteral("JSON object");
    QTest::newRow("no version") << QByteArray(R"({"cmd":"open","path":"/home/u/notes.md"})")
                                << false << none << QStringLiteral("version");
    QTest::newRow("version 2") << QByteArray(R"({"v":2,"cmd":"open","path":"/home/u/notes.md"})")
                               << false << none << QStringLiteral("version");
    QTest::newRow("unknown command")
        << QByteArray(R"({"v":1,"cmd":"quit","path":"/home/u/notes.md"})") << false << none
        << QStringLiteral("unknown command 'quit'");
    QTest::newRow("no command") << QByteArray(R"({"v":1,"path":"/home/u/notes.md"})") << false
                                << none << QStringLiteral("unknown command");
    QTest::newRow("relative path") << QByteArray(R"({"v":1,"cmd":"open","path":"notes.md"})")
                                   << false << none << QStringLiteral("absolute");
    QTest::newRow("no path") << QByteArray(R"({"v":1,"cmd":"open"})") << false << none
                             << QStringLiteral("absolute");
    QTest::newRow("path not a string") << QByteArray(R"({"v":1,"cmd":"open","path":5})") << false
                                       << none << QStringLiteral("absolute");
    QTest::newRow("goto without a line")
        << QByteArray(R"({"v":1,"cmd":"goto","path":"/home/u/notes.md"})") << false << none
        << QStringLiteral("needs a 'line'");
    QTest::newRow("follow without a line")
        << QByteArray(R"({"v":1,"cmd":"follow","path":"/home/u/notes.md"})") << false << none
        << QStringLiteral("needs a 'line'");
    QTest::newRow("line 0") << QByteArray(R"({"v":1,"cmd":"goto","path":"/a.md","line":0})")
                            << false << none << QStringLiteral("'line'");
    QTest::newRow("negative line") << QByteArray(R"({"v":1,"cmd":"goto","path":"/a.md","line":-4})")
                                   << false << none << QStringLiteral("'line'");
    QTest::newRow("fractional line")
        << QByteArray(R"({"v":1,"cmd":"goto","path":"/a.md","line":2.5})") << false << none
        << QStringLiteral("'line'");
    QTest::newRow("line as a string")
        << QByteArray(R"({"v":1,"cmd":"goto","path":"/a.md","line":"12"})") << false << none
        << QStringLiteral("'line'");
    QTest::newRow("huge line") << QByteArray(R"({"v":1,"cmd":"goto","path":"/a.md","line":1e12})")
                               << false << none << QStringLiteral("'line'");
    QTest::newRow("change without a line")
        << QByteArray(R"({"v":1,"cmd":"change","path":"/a.md","removed":0,"lines":[]})") << false
        << none << QStringLiteral("needs a 'line'");
    QTest::newRow("change without removed")
        << QByteArray(R"({"v":1,"cmd":"change","path":"/a.md","line":1,"lines":[]})") << false
        << none << QStringLiteral("'removed'");
    QTest::newRow("change, negative removed")
        << QByteArray(R"({"v":1,"cmd":"change","path":"/a.md","line":1,"removed":-1,"lines":[]})")
        << false << none << QStringLiteral("'removed'");
    QTest::newRow("change without lines")
        << QByteArray(R"({"v":1,"cmd":"change","path":"/a.md","line":1,"removed":1})") << false
        << none << QStringLiteral("'lines'");
    QTest::newRow("change, a line not a string")
        << QByteArray(R"({"v":1,"cmd":"change","path":"/a.md","line":1,"removed":1,)"
                      R"("lines":["a",2]})")
        << false << none << QStringLiteral("'lines'");
    QTest::newRow("change, total 0")
        << QByteArray(R"({"v":1,"cmd":"change","path":"/a.md","line":1,"removed":1,)"
                      R"("lines":[],"total":0})")
        << false << none << QStringLiteral("'total'");
    QTest::newRow("attach, lines a string")
        << QByteArray(R"({"v":1,"cmd":"attach","path":"/a.md","lines":"a\nb"})") << false << none
        << QStringLiteral("'lines'");
    QTest::newRow("newWindow not a bool")
        << QByteArray(R"({"v":1,"cmd":"open","path":"/a.md","newWindow":"yes"})") << false << none
        << QStringLiteral("'newWindow'");
    QTest::newRow("theme not a string")
        << QByteArray(R"({"v":1,"cmd":"open","path":"/a.md","theme":1})") << false << none
        << QStringLiteral("'theme'");
    QTest::newRow("too long") << (QByteArray(R"({"v":1,"cmd":"open","path":"/)") +
                                  QByteArray(protocol::kMaxLineBytes, 'a') + QByteArray(R"("})"))
                              << false << none << QStringLiteral("too long");
}

void TestInstanceProtocol::decode()
{
    QFETCH(QByteArray, line);
    QFETCH(bool, valid);
    QFETCH(InstanceRequest, expected);
    QFETCH(QString, error);

    const protocol::DecodedRequest decoded = protocol::decodeRequest(line);
    QCOMPARE(decoded.request.has_value(), valid);
    if (valid) {
        QVERIFY(decoded.error.isEmpty());
        QVERIFY(*decoded.request == expected);
    } else {
        QVERIFY2(decoded.error.contains(error), qPrintable(decoded.error));
    }
}

void TestInstanceProtocol::roundTrip_data()
{
    QTest::addColumn<InstanceRequest>("request");
    using C = InstanceRequest::Command;
    QTest::newRow("open") << request(C::Open, QStringLiteral("/a b/c.md"));
    QTest::newRow("open at a line") << request(C::Open, QStringLiteral("/c.md"), 9);
    QTest::newRow("goto") << request(C::Goto, QStringLiteral("/c.md"), 100000);
    QTest::newRow("follow") << request(C::Follow, QStringLiteral("/\"quoted\"\n.md"), 1);
    InstanceRequest all = request(C::Open, QStringLiteral("/c.md"), 3);
    all.newWindow = true;
    all.followEdits = true;
    all.theme = QStringLiteral("/home/u/my theme.css");
    QTest::newRow("every field") << all;
    QTest::newRow("attach") << attach(QStringLiteral("/c.md"), 2, std::nullopt);
    QTest::newRow("attach, live") << attach(QStringLiteral("/c.md"), 0,
                                            QList<QByteArray>{"\"quoted\"", "tab\there", ""});
    QTest::newRow("change") << change(QStringLiteral("/c.md"), 7, 2, {"x", "ü"}, 30);
    QTest::newRow("saved") << request(C::Saved, QStringLiteral("/c.md"));
    QTest::newRow("detach") << request(C::Detach, QStringLiteral("/c.md"));
}

void TestInstanceProtocol::roundTrip()
{
    QFETCH(InstanceRequest, request);
    const QByteArray line = protocol::encode(request);
    // One line: a newline in a path is escaped, never a second message.
    QCOMPARE(line.count('\n'), 1);
    QVERIFY(line.endsWith('\n'));
    const protocol::DecodedRequest decoded = protocol::decodeRequest(line);
    QVERIFY2(decoded.request, qPrintable(decoded.error));
    QVERIFY(*decoded.request == request);
}

void TestInstanceProtocol::replies()
{
    QCOMPARE(protocol::encode(InstanceReply{}), QByteArray("{\"ok\":true,\"v\":1}\n"));
    const InstanceReply failed{false, QStringLiteral("cannot open '/x.md'")};
    QVERIFY(protocol::decodeReply(protocol::encode(failed)) == failed);
    QVERIFY(protocol::decodeReply("{\"v\":1,\"ok\":true}") == InstanceReply{});
    QVERIFY(!protocol::decodeReply("{\"v\":1}"));
    QVERIFY(!protocol::decodeReply("{\"v\":3,\"ok\":true}"));
    QVERIFY(!protocol::decodeReply("garbage"));
}

void TestInstanceProtocol::events_data()
{
    QTest::addColumn<QByteArray>("line");
    QTest::addColumn<InstanceEvent>("event");
    using K = InstanceEvent::Kind;
    QTest::newRow("goto") << QByteArray(
                                 "{\"event\":\"goto\",\"line\":12,\"path\":\"/a.md\",\"v\":1}\n")
                          << InstanceEvent{K::Goto, QStringLiteral("/a.md"), 12};
    QTest::newRow("resend") << QByteArray("{\"event\":\"resend\",\"path\":\"/a b.md\",\"v\":1}\n")
                            << InstanceEvent{K::Resend, QStringLiteral("/a b.md"), 0};
}

void TestInstanceProtocol::events()
{
    QFETCH(QByteArray, line);
    QFETCH(InstanceEvent, event);
    // What the plugin reads: exactly this line.
    QCOMPARE(protocol::encode(event), line);
    QVERIFY(protocol::decodeEvent(line) == event);
    // An event is no reply, and a reply no event: the editor tells them apart.
    QVERIFY(!protocol::decodeReply(line));
    QVERIFY(!protocol::decodeEvent(protocol::encode(InstanceReply{})));
    QVERIFY(!protocol::decodeEvent("{\"v\":1,\"event\":\"explode\",\"path\":\"/a.md\"}"));
}

QTEST_GUILESS_MAIN(TestInstanceProtocol)
#include "tst_instanceprotocol.moc"
