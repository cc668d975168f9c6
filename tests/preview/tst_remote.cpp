// SPDX-License-Identifier: GPL-3.0-or-later
// What the preview loads from outside the document: remote images come from the network, as on
// GitHub, unless --offline says nothing may (checked against a server on 127.0.0.1 that counts
// the requests it gets); root-relative URLs come from the repository's top folder.
#include "../support/files.h"
#include "../support/webtest.h"
#include "preview/previewview.h"
#include "ui/mainwindow.h"

#include <QBuffer>
#include <QImage>
#include <QProcess>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTemporaryDir>

using mdp::MainWindow;
using mdp::PreviewView;
using mdp::test::evaluate;

namespace {

// Answers every request with a small PNG, and counts them.
class ImageServer final : public QTcpServer
{
public:
    explicit ImageServer()
    {
        QImage image(24, 16, QImage::Format_RGB32);
        image.fill(Qt::blue);
        QBuffer buffer(&m_png);
        buffer.open(QIODevice::WriteOnly);
        image.save(&buffer, "PNG");
        connect(this, &QTcpServer::newConnection, this, [this] {
            while (QTcpSocket *socket = nextPendingConnection()) {
                connect(socket, &QTcpSocket::readyRead, socket, [this, socket] {
                    if (!socket->readAll().contains("\r\n\r\n"))
                        return;
                    ++m_requests;
                    socket->write("HTTP/1.1 200 OK\r\nContent-Type: image/png\r\nContent-Length: " +
                                  QByteArray::number(m_png.size()) +
                                  "\r\nConnection: close\r\n\r\n" + m_png);
                    socket->disconnectFromHost();
                });
                connect(socket, &QTcpSocket::disconnected, socket, &QObject::deleteLater);
            }
        });
        if (!listen(QHostAddress::LocalHost))
            qFatal("cannot listen on 127.0.0.1");
    }

    int requests() const { return m_requests; }
    QByteArray url(const char *name) const
    {
        return "http://127.0.0.1:" + QByteArray::number(serverPort()) + '/' + name;
    }

private:
    QByteArray m_png;
    int m_requests = 0;
};

const QString kImageWidth =
    QStringLiteral("(document.querySelector('#mdp-content img') || {}).naturalWidth || 0");

} // namespace

class TestRemote final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void remoteImageLoads();
    void offlineBlocksRemoteImages();
    void appOfflineOptionBlocksEveryRequest_data();
    void appOfflineOptionBlocksEveryRequest();
    void rootRelativeUrlsResolveAgainstTheRepository();
};

void TestRemote::remoteImageLoads()
{
    ImageServer server;
    PreviewView::setOffline(false);
    MainWindow window;
    QSignalSpy painted(window.preview(), &PreviewView::painted);
    window.openContent("![remote](" + server.url("online.png") + ")\n", QStringLiteral("r.md"));
    window.show();
    QVERIFY(painted.wait(20000));
    QTRY_COMPARE_WITH_TIMEOUT(evaluate(window.preview()->page(), kImageWidth).toInt(), 24, 10000);
    QVERIFY(server.requests() >= 1);
}

void TestRemote::offlineBlocksRemoteImages()
{
    ImageServer server;
    PreviewView::setOffline(true);
    MainWindow window;
    QSignalSpy painted(window.preview(), &PreviewView::painted);
    window.openContent("![remote](" + server.url("offline.png") + ")\n\n<img src=\"" +
                           server.url("raw.png") + "\">\n\n<picture><source srcset=\"" +
                           server.url("source.png") + "\"><img src=\"" + server.url("p.png") +
                           "\"></picture>\n",
                       QStringLiteral("r.md"));
    window.show();
    QVERIFY(painted.wait(20000));
    QTest::qWait(1500);
    PreviewView::setOffline(false);
    QCOMPARE(server.requests(), 0);
    QCOMPARE(evaluate(window.preview()->page(), kImageWidth).toInt(), 0);
}

void TestRemote::appOfflineOptionBlocksEveryRequest_data()
{
    QTest::addColumn<bool>("offline");
    QTest::newRow("--offline") << true;
    QTest::newRow("online") << false;
}

// The real app, as a user starts it.
void TestRemote::appOfflineOptionBlocksEveryRequest()
{
    QFETCH(bool, offline);
    ImageServer server;
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("doc.md"));
    mdp::test::writeFile(path, "# Remote\n\n![remote](" + server.url("app.png") + ")\n");
    QProcess app;
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    environment.insert(QStringLiteral("QT_QPA_PLATFORM"), QStringLiteral("offscreen"));
    environment.insert(QStringLiteral("XDG_CONFIG_HOME"), dir.filePath(QStringLiteral("config")));
    app.setProcessEnvironment(environment);
    QStringList arguments{QStringLiteral("--trace"), path};
    if (offline)
        arguments.prepend(QStringLiteral("--offline"));
    app.start(QStringLiteral(MDPREVIEW_BINARY), arguments);
    QVERIFY(app.waitForStarted());
    QByteArray out;
    QVERIFY(QTest::qWaitFor(
        [&] {
            out += app.readAllStandardOutput();
            return out.contains("painted");
        },
        30000));
    if (offline)
        QTest::qWait(1500);
    else
        QTRY_VERIFY_WITH_TIMEOUT(server.requests() >= 1, 10000);
    app.terminate();
    QVERIFY(app.waitForFinished(10000));
    QCOMPARE(server.requests() == 0, offline);
}

void TestRemote::rootRelativeUrlsResolveAgainstTheRepository()
{
    QTemporaryDir dir;
    QDir(dir.path()).mkpath(QStringLiteral(".git"));
    QDir(dir.path()).mkpath(QStringLiteral("img"));
    QImage image(40, 30, QImage::Format_RGB32);
    image.fill(Qt::green);
    QVERIFY(image.save(dir.filePath(QStringLiteral("img/top.png"))));
    const QString path = dir.filePath(QStringLiteral("docs/guide/doc.md"));
    mdp::test::writeFile(path, "![top](/img/top.png)\n\n[readme](/README.md)\n");
    MainWindow window;
    QSignalSpy painted(window.preview(), &PreviewView::painted);
    QVERIFY(window.openFile(path));
    window.show();
    QVERIFY(painted.wait(20000));
    QTRY_COMPARE_WITH_TIMEOUT(evaluate(window.preview()->page(), kImageWidth).toInt(), 40, 10000);
    QCOMPARE(evaluate(window.preview()->page(),
                      QStringLiteral("[...document.querySelectorAll('#mdp-content a')]"
                                     ".find(a => a.textContent === 'readme').href"))
                 .toString(),
             QUrl::fromLocalFile(dir.filePath(QStringLiteral("README.md"))).toString());
    // The image links to itself, as on GitHub, from the same root.
    QCOMPARE(
        evaluate(window.preview()->page(),
                 QStringLiteral("document.querySelector('#mdp-content a img').parentNode.href"))
            .toString(),
        QUrl::fromLocalFile(dir.filePath(QStringLiteral("img/top.png"))).toString());
}

MDPREVIEW_WEBTEST_MAIN(TestRemote)
#include "tst_remote.moc"
