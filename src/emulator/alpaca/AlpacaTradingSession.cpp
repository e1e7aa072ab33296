#include "AlpacaTradingSession.h"

#include "AlpacaEmulator.h"

#include "emulator/WireText.h"

#include <QtCore/QJsonArray>
#include <QtCore/QJsonDocument>
#include <QtCore/QJsonObject>
#include <QtCore/QTimer>
#include <QtWebSockets/QWebSocket>

using namespace Qt::StringLiterals;

namespace tapescope::emulator::alpaca {

AlpacaTradingSession::AlpacaTradingSession(QWebSocket *socket, AlpacaEmulator &server, QObject *parent)
    : VenueSession(socket, parent)
    , m_server(server)
{ }

void AlpacaTradingSession::sendBinary(const QByteArray &message)
{
    if (isSilent() || !socket() || socket()->state() != QAbstractSocket::ConnectedState)
        return;
    socket()->sendBinaryMessage(message);
}

void AlpacaTradingSession::sendTradeUpdate(const QByteArray &message)
{
    if (m_authenticated && m_listening)
        sendBinary(message);
}

void AlpacaTradingSession::sendError(const QString &message)
{
    sendBinary("{\"action\":\"error\",\"data\":{\"error_message\":" + jsonString(message) + "}}");
    QTimer::singleShot(0, socket(), [socket = socket()] { socket->close(); });
}

void AlpacaTradingSession::onClientFrame(const QByteArray &frame)
{
    const QJsonObject request = QJsonDocument::fromJson(frame).object();
    const QString action = request.value("action"_L1).toString();
    const QJsonObject data = request.value("data"_L1).toObject();
    if (action == u"auth"_s || action == u"authenticate"_s) {
        const QString key
            = action == u"auth"_s ? request.value("key"_L1).toString() : data.value("key_id"_L1).toString();
        const QString secret
            = action == u"auth"_s ? request.value("secret"_L1).toString() : data.value("secret_key"_L1).toString();
        m_authenticated = m_server.acceptsKeys(key, secret);
        sendBinary(R"({"stream":"authorization","data":{"status":")"_ba
                   + (m_authenticated ? "authorized" : "unauthorized") + R"(","action":"authenticate"}})"_ba);
        if (!m_authenticated)
            QTimer::singleShot(0, socket(), [socket = socket()] { socket->close(); });
        return;
    }
    if (action == u"listen"_s) {
        if (!m_authenticated) {
            sendBinary(R"({"stream":"authorization","data":{"status":"unauthorized","action":"listen"}})"_ba);
            return;
        }
        QStringList streams;
        for (const QJsonValue &stream : data.value("streams"_L1).toArray()) {
            if (stream.toString() == u"trade_updates"_s)
                streams.append(stream.toString());
        }
        m_listening = !streams.isEmpty();
        const QJsonObject reply { { u"stream"_s, u"listening"_s },
                                  { u"data"_s,
                                    QJsonObject { { u"streams"_s, QJsonArray::fromStringList(streams) } } } };
        sendBinary(QJsonDocument(reply).toJson(QJsonDocument::Compact));
        return;
    }
    sendBinary(R"({"action":"error","data":{"error_message":"invalid action"}})"_ba);
}

} // namespace tapescope::emulator::alpaca
