#pragma once

// Shared by the Kalshi service tests: a recorder of everything the service emits, with the book of one market
// rebuilt from its snapshots and deltas exactly as a consumer would.
#include "core/OrderBook.h"
#include "emulator/kalshi/KalshiDemoKey.h"
#include "emulator/kalshi/KalshiEmulator.h"
#include "venues/kalshi/KalshiService.h"

#include <QtCore/QJsonDocument>
#include <QtCore/QJsonObject>

namespace kalshitest {

using namespace tapescope;

inline const QString kHome = QStringLiteral("KXNFLGAME-25SEP04DALPHI-PHI");
inline const QString kAway = QStringLiteral("KXNFLGAME-25SEP04DALPHI-DAL");

inline emulator::kalshi::KalshiEmulator::Options fastEmulator()
{
    emulator::kalshi::KalshiEmulator::Options options;
    options.tickIntervalMs = 20;
    options.settleAfterTicks = 0;
    return options;
}

inline kalshi::KalshiService::Options fastService()
{
    kalshi::KalshiService::Options options;
    options.resyncTimeoutMs = 1500;
    options.connection.backoffBase = std::chrono::milliseconds(50);
    options.connection.backoffCap = std::chrono::milliseconds(200);
    options.connection.heartbeatInterval = std::chrono::milliseconds(200);
    options.connection.staleAfter = std::chrono::milliseconds(1500);
    options.connection.silenceTimeout = std::chrono::milliseconds(3000);
    return options;
}

struct Recorder
{
    Recorder(kalshi::KalshiService *service, const QString &bookMarket = kHome)
        : market(bookMarket)
    {
        QObject::connect(service, &kalshi::KalshiService::eventsReady, [this](const EventBatch &batch) {
            for (const MarketEvent &event : batch) {
                events.push_back(event);
                if (const auto *snapshot = std::get_if<BookSnapshot>(&event); snapshot && snapshot->symbol == market) {
                    book.applySnapshot(*snapshot);
                    ++snapshots;
                } else if (const auto *delta = std::get_if<BookDelta>(&event); delta && delta->symbol == market) {
                    book.applyDelta(*delta);
                }
            }
        });
        QObject::connect(service, &kalshi::KalshiService::feedStatusChanged, [this](const FeedStatus &status) {
            if (states.isEmpty() || states.last() != status.state)
                states.append(status.state);
            last = status;
        });
    }

    template<typename T> QList<T> all(const QString &symbol = QString()) const
    {
        QList<T> found;
        for (const MarketEvent &event : events) {
            if (const T *typed = std::get_if<T>(&event)) {
                if constexpr (requires { typed->symbol; }) {
                    if (!symbol.isEmpty() && typed->symbol != symbol)
                        continue;
                }
                found.append(*typed);
            }
        }
        return found;
    }
    QList<FeedError> errors(const QString &code) const
    {
        QList<FeedError> found;
        for (const FeedError &error : all<FeedError>()) {
            if (error.code == code)
                found.append(error);
        }
        return found;
    }

    // Does the rebuilt book hold exactly the emulator's levels (YES view)?
    bool bookEquals(const emulator::kalshi::KalshiEmulator &emulator) const
    {
        const auto truth = emulator.yesViewBook(market);
        if (!truth)
            return false;
        const auto same = [](const std::vector<DepthLevel> &ours, const std::vector<Level> &theirs) {
            if (ours.size() != theirs.size())
                return false;
            for (std::size_t i = 0; i < ours.size(); ++i) {
                if (!(ours[i].price == theirs[i].price) || !(ours[i].size == theirs[i].size))
                    return false;
            }
            return true;
        };
        return same(book.bids(-1), truth->bids) && same(book.asks(-1), truth->asks);
    }

    QString market;
    EventBatch events;
    OrderBook book;
    int snapshots = 0;
    QList<ConnectionState> states;
    FeedStatus last;
};

// The client's commands as the emulator received them, parsed.
inline QList<QJsonObject> commands(const emulator::kalshi::KalshiEmulator &emulator, const QString &cmd = QString())
{
    QList<QJsonObject> found;
    for (const QByteArray &frame : emulator.receivedFrames()) {
        const QJsonObject object = QJsonDocument::fromJson(frame).object();
        if (cmd.isEmpty() || object.value(QStringLiteral("cmd")).toString() == cmd)
            found.append(object);
    }
    return found;
}

} // namespace kalshitest
