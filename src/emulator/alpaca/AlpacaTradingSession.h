#pragma once

#include "emulator/VenueSession.h"

#include <QtCore/QByteArray>
#include <QtCore/QObject>

class QWebSocket;

namespace tapescope::emulator::alpaca {

class AlpacaEmulator;

// One client of the trading stream (/stream, docs/protocols/alpaca.md §10): either sign-in form, then `listen` to
// trade_updates; every message goes out as a binary frame of UTF-8 JSON, as the paper stream sends them. Wrong keys
// get {"stream":"authorization","data":{"status":"unauthorized",…}} and the socket closes; `listen` before the
// sign-in gets the same with "action":"listen".
class AlpacaTradingSession : public VenueSession
{
    Q_OBJECT
public:
    AlpacaTradingSession(QWebSocket *socket, AlpacaEmulator &server, QObject *parent = nullptr);

    bool isAuthenticated() const { return m_authenticated; }
    bool isListening() const { return m_listening; }
    void sendTradeUpdate(const QByteArray &message);
    // {"action":"error","data":{"error_message":…}}, then the socket closes (as the venue does).
    void sendError(const QString &message);

protected:
    void onClientFrame(const QByteArray &frame) override;

private:
    void sendBinary(const QByteArray &message);

    AlpacaEmulator &m_server;
    bool m_authenticated = false;
    bool m_listening = false;
};

} // namespace tapescope::emulator::alpaca
