#pragma once

#include <QtCore/QElapsedTimer>
#include <QtCore/QList>
#include <QtCore/QObject>
#include <QtNetwork/QHostAddress>
#include <QtWebSockets/QWebSocket>
#include <QtWebSockets/QWebSocketServer>

// A loopback venue for connection tests: records what each client connection sent, answers pings
// unless told to go silent, and can drop its clients or stop listening to simulate outages.
class FakeVenueServer : public QObject
{
    Q_OBJECT

public:
    struct Connection
    {
        QWebSocket *socket = nullptr;
        QList<QByteArray> received;
        QList<qint64> receivedAtMs; // when each of `received` arrived, on the server's clock()
        QByteArray handshakeNonce; // the X-Test-Nonce request header
    };

    FakeVenueServer()
        : m_server(QStringLiteral("fake-venue"), QWebSocketServer::NonSecureMode)
    {
        m_clock.start();
        connect(&m_server, &QWebSocketServer::newConnection, this, &FakeVenueServer::acceptPending);
    }

    bool start(quint16 port = 0) { return m_server.listen(QHostAddress::LocalHost, port); }
    quint16 port() const { return m_port ? m_port : m_server.serverPort(); }
    QUrl url() const { return QUrl(QStringLiteral("ws://127.0.0.1:%1/ws").arg(m_server.serverPort())); }

    // Refuses new connections from now on (the port is closed) and drops the current ones.
    void stop()
    {
        m_port = m_server.serverPort();
        m_server.close();
        dropClients();
    }
    bool restart() { return start(m_port); }

    void dropClients()
    {
        for (Connection &connection : m_connections) {
            if (connection.socket)
                connection.socket->abort();
        }
    }

    // A silent venue neither answers pings nor sends anything.
    void setSilent(bool silent) { m_silent = silent; }

    void sendToAll(const QByteArray &frame)
    {
        for (Connection &connection : m_connections) {
            if (connection.socket && connection.socket->state() == QAbstractSocket::ConnectedState)
                connection.socket->sendTextMessage(QString::fromUtf8(frame));
        }
    }

    qsizetype connectionCount() const { return m_connections.size(); }
    const Connection &connection(qsizetype index) const { return m_connections.at(index); }
    // Frames other than pings that connection `index` received, in order (none if it has not connected yet).
    QList<QByteArray> requests(qsizetype index) const
    {
        QList<QByteArray> result;
        if (index >= m_connections.size())
            return result;
        for (const QByteArray &frame : m_connections.at(index).received) {
            if (frame != pingFrame())
                result.append(frame);
        }
        return result;
    }
    qsizetype pingCount() const
    {
        qsizetype count = 0;
        for (const Connection &connection : m_connections)
            count += connection.received.count(pingFrame());
        return count;
    }

    static QByteArray pingFrame() { return QByteArrayLiteral(R"({"method":"ping"})"); }
    static QByteArray pongFrame() { return QByteArrayLiteral(R"({"channel":"pong"})"); }

private:
    void acceptPending()
    {
        while (QWebSocket *socket = m_server.nextPendingConnection()) {
            socket->setParent(this);
            const qsizetype index = m_connections.size();
            m_connections.append({ socket, {}, {}, socket->request().rawHeader("X-Test-Nonce") });
            connect(socket, &QWebSocket::textMessageReceived, this, [this, index](const QString &message) {
                Connection &connection = m_connections[index];
                const QByteArray frame = message.toUtf8();
                connection.received.append(frame);
                connection.receivedAtMs.append(m_clock.elapsed());
                if (frame == pingFrame() && !m_silent)
                    connection.socket->sendTextMessage(QString::fromUtf8(pongFrame()));
            });
            connect(socket, &QWebSocket::disconnected, socket, &QObject::deleteLater);
            connect(socket, &QObject::destroyed, this, [this, index] { m_connections[index].socket = nullptr; });
        }
    }

    QWebSocketServer m_server;
    QElapsedTimer m_clock;
    QList<Connection> m_connections;
    quint16 m_port = 0;
    bool m_silent = false;
};
