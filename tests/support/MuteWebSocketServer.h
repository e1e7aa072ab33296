#pragma once

// A WebSocket server that completes the upgrade and then says nothing ever again: no message, no Pong, no close. It
// reads and drops every byte a client sends, Pings included. What a venue looks like whose process hangs after the
// handshake: the fault matrix's "silent server" for the venues that keep alive with WebSocket Pings (Kalshi,
// Alpaca), where an emulator's silent mode is not enough (Qt's WebSocket answers Pings by itself).
//
// Two options make other faults from it: setGreeting() writes bytes right after the upgrade and nothing after (the
// fault matrix's "oversized frame": the header of a 100 MB frame and a little of its payload), and setHttpAnswer()
// answers a plain HTTP request (one without Sec-WebSocket-Key) with 200 and a JSON body, for a venue that loads
// something over REST before it connects (O2's markets). setTls() makes it a wss:// and https:// server (the fault
// matrix's "untrusted TLS certificate").

#include <QtCore/QByteArray>
#include <QtCore/QCryptographicHash>
#include <QtCore/QHash>
#include <QtCore/QObject>
#include <QtCore/QRegularExpression>
#include <QtCore/QUrl>
#include <QtNetwork/QSslConfiguration>
#include <QtNetwork/QSslSocket>
#include <QtNetwork/QTcpServer>
#include <QtNetwork/QTcpSocket>

#include <optional>

namespace test {

// Accepts plain TCP, or TLS with the configuration given.
class MaybeTlsServer : public QTcpServer
{
public:
    std::optional<QSslConfiguration> tls;
    int tlsHandshakes = 0; // connections whose TLS handshake succeeded

protected:
    void incomingConnection(qintptr descriptor) override
    {
        if (!tls) {
            QTcpServer::incomingConnection(descriptor);
            return;
        }
        auto *socket = new QSslSocket(this);
        if (!socket->setSocketDescriptor(descriptor)) {
            delete socket;
            return;
        }
        socket->setSslConfiguration(*tls);
        connect(socket, &QSslSocket::encrypted, this, [this] { ++tlsHandshakes; });
        // A client that refuses the certificate drops the connection: nothing to report here.
        connect(socket, &QSslSocket::sslErrors, socket, [] {});
        socket->startServerEncryption();
        addPendingConnection(socket);
    }
};

} // namespace test

class MuteWebSocketServer : public QObject
{
public:
    MuteWebSocketServer()
    {
        connect(&m_server, &QTcpServer::newConnection, this, [this] {
            while (QTcpSocket *socket = m_server.nextPendingConnection()) {
                socket->setParent(this);
                m_heads.insert(socket, QByteArray());
                connect(socket, &QTcpSocket::disconnected, socket, &QObject::deleteLater);
                connect(socket, &QObject::destroyed, this, [this, socket] { m_heads.remove(socket); });
                connect(socket, &QTcpSocket::readyRead, this, [this, socket] { onReadyRead(socket); });
            }
        });
    }

    bool listen() { return m_server.listen(QHostAddress::LocalHost); }
    QUrl url(const QString &path) const
    {
        return QUrl(QStringLiteral("%1://127.0.0.1:%2%3")
                        .arg(m_server.tls ? QStringLiteral("wss") : QStringLiteral("ws"))
                        .arg(m_server.serverPort())
                        .arg(path));
    }
    quint16 port() const { return m_server.serverPort(); }
    void setTls(const QSslConfiguration &tls) { m_server.tls = tls; }
    int tlsHandshakes() const { return m_server.tlsHandshakes; }
    int upgrades() const { return m_upgrades; } // handshakes answered: one per client connection
    void setGreeting(const QByteArray &bytes) { m_greeting = bytes; }
    void setHttpAnswer(const QByteArray &json) { m_httpAnswer = json; }
    // Closes each connection (a normal close) as soon as the client sends anything after the upgrade: a venue that
    // closes the socket instead of answering a subscription it does not like.
    void setCloseOnFirstMessage(bool on) { m_closeOnMessage = on; }
    int httpRequests() const { return m_httpRequests; }
    qint64 bytesAfterUpgrade() const { return m_bytesAfterUpgrade; } // what clients sent since (subscribes, Pings)

private:
    void onReadyRead(QTcpSocket *socket)
    {
        const auto pending = m_heads.find(socket);
        if (pending == m_heads.end()) { // upgraded: drop everything
            const qint64 received = socket->readAll().size();
            m_bytesAfterUpgrade += received;
            if (m_closeOnMessage && received > 0) {
                socket->write(QByteArray::fromHex("880203e8")); // a close frame, 1000 (RFC 6455 §5.5.1)
                socket->disconnectFromHost();
            }
            return;
        }
        QByteArray &head = pending.value();
        head.append(socket->readAll());
        const qsizetype end = head.indexOf("\r\n\r\n");
        if (end < 0)
            return;
        static const QRegularExpression keyLine(QStringLiteral("(?im)^Sec-WebSocket-Key:\\s*(\\S+)\\s*$"));
        const QString key = keyLine.match(QString::fromLatin1(head.left(end + 2))).captured(1);
        if (key.isEmpty()) { // plain HTTP
            ++m_httpRequests;
            socket->write(QByteArray("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: ")
                              .append(QByteArray::number(m_httpAnswer.size()))
                              .append("\r\nConnection: close\r\n\r\n")
                              .append(m_httpAnswer));
            socket->disconnectFromHost();
            m_heads.erase(pending);
            return;
        }
        // RFC 6455 §4.2.2: the accept value is base64(SHA-1(key + this GUID)).
        const QByteArray salted = key.toLatin1().append("258EAFA5-E914-47DA-95CA-C5AB0DC85B11");
        const QByteArray accept = QCryptographicHash::hash(salted, QCryptographicHash::Sha1).toBase64();
        socket->write(QByteArray("HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                                 "Sec-WebSocket-Accept: ")
                          .append(accept)
                          .append("\r\n\r\n"));
        socket->write(m_greeting);
        m_bytesAfterUpgrade += head.size() - (end + 4);
        m_heads.erase(pending);
        ++m_upgrades;
    }

    test::MaybeTlsServer m_server;
    QHash<QTcpSocket *, QByteArray> m_heads; // request heads of the connections not upgraded yet
    int m_upgrades = 0;
    int m_httpRequests = 0;
    QByteArray m_greeting;
    QByteArray m_httpAnswer;
    qint64 m_bytesAfterUpgrade = 0;
    bool m_closeOnMessage = false;
};
