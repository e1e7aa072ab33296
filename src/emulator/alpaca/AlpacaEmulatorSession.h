#pragma once

#include "AlpacaMarket.h"

#include "emulator/VenueSession.h"

#include <QtCore/QByteArray>
#include <QtCore/QJsonObject>
#include <QtCore/QObject>
#include <QtCore/QString>
#include <QtCore/QStringList>

#include <array>

class QTimer;
class QWebSocket;

namespace tapescope::emulator::alpaca {

class AlpacaEmulator;

// One market-data client: connected -> auth -> authenticated, then subscribe / unsubscribe that add to and
// subtract from its per-channel symbol sets; every change is answered with the full set (docs/protocols/alpaca.md §3,
// §4). Data goes out as arrays of messages, several types per frame (docs/protocols/alpaca.md §5.1).
class AlpacaEmulatorSession : public VenueSession
{
    Q_OBJECT
public:
    AlpacaEmulatorSession(QWebSocket *socket, Universe universe, AlpacaEmulator &server, AlpacaMarket &market,
                          int authTimeoutMs, QObject *parent = nullptr);
    ~AlpacaEmulatorSession() override;

    QString endpoint() const { return m_endpoint; }
    QString keyId() const { return m_keyId; }
    bool isAuthenticated() const { return m_authenticated; }
    bool isSubscribed(Stream stream, const QString &symbol) const;

    // [{"T":"error","code":…,"msg":…}] with the venue's words for the code, even while silent; then closes if
    // asked.
    void sendError(int code, bool thenClose);
    void sendStatus(const QString &symbol, bool halted);

protected:
    void onClientFrame(const QByteArray &frame) override;

private:
    void authenticate(const QString &keyId, const QString &secret);
    void changeSubscriptions(bool subscribe, const QJsonObject &request);
    void onPublished(Universe universe, const QList<MarketMessage> &messages);
    QByteArray subscriptionReply() const;

    Universe m_universe;
    AlpacaEmulator &m_server;
    AlpacaMarket &m_market;
    QString m_endpoint;
    QString m_keyId;
    QTimer *m_authTimer;
    bool m_authenticated = false;
    bool m_closing = false;
    std::array<QStringList, StreamCount> m_subscriptions;
};

// The venue's words for an error code (docs/protocols/alpaca.md §6).
QByteArray errorMessage(int code);

} // namespace tapescope::emulator::alpaca
