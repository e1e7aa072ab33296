#pragma once

#include "O2SimulatedMarket.h"

#include "emulator/VenueSession.h"

#include <QtCore/QByteArray>
#include <QtCore/QObject>

#include <map>
#include <set>

class QWebSocket;

namespace tapescope::emulator::o2 {

class DemoTrader;
class MarketBoard;

// One WebSocket client of the emulated O2: its depth and trade subscriptions (per connection, docs/protocols/o2.md
// §2.2) and the frames they produce from the shared markets. Each depth stream remembers the book it last sent at its
// precision and sends the difference, so snapshot + deltas always equal the venue's book.
class Session : public VenueSession
{
    Q_OBJECT
public:
    Session(QWebSocket *socket, MarketBoard &board, DemoTrader &trader, QObject *parent = nullptr);
    ~Session() override;

    // While silent nothing goes out (no data, no PONG): a stalled venue. Depth streams catch up afterwards.
    void setSilent(bool silent) override;
    bool hasDepth(int market) const { return m_depth.contains(market); }
    int depthPrecision(int market) const;

    // Fault: the market's depth stream breaks. Changes made since the last frame are lost, the client is
    // told `resync_required` (docs/protocols/o2.md §4.7) and the stream stays stopped until the client subscribes
    // again.
    void breakDepth(int market);

protected:
    void onClientFrame(const QByteArray &frame) override;

private:
    struct DepthStream
    {
        int precision = 1;
        DepthView sent; // the book as this client knows it
    };

    void onBookChanged(int market);
    void onTraded(int market, const SimulatedTrade &trade);
    void subscribeDepth(int market, const QString &precision);
    void sendError(int code, const QString &message);

    // subscribe_orders / _balances / _nonce: accepted for any trade account; the demo trader's changes go out
    // while subscribed (changed orders only, no initial frame: clients bootstrap over REST, §4.3, §5).
    bool subscribeAccount(const QString &action, const QJsonObject &request);

    MarketBoard &m_board;
    DemoTrader &m_trader;
    bool m_orders = false;
    bool m_balances = false;
    bool m_nonce = false;
    std::map<int, DepthStream> m_depth;
    std::set<int> m_trades;
};

} // namespace tapescope::emulator::o2
