#include "cli/CliCommands.h"

#include "core/EventJson.h"
#include "venues/hyperliquid/HyperliquidService.h"

#include <QtCore/QCommandLineParser>
#include <QtCore/QCoreApplication>
#include <QtCore/QFile>
#include <QtCore/QTimer>

#include <cstdio>

using namespace Qt::StringLiterals;

namespace tapescope::cli {

namespace {

using hyperliquid::Subscription;

// Streams one subscription to stdout until `count` data events have been printed.
// Policy: a first connection that fails is fatal (exit 2); once live, drops are survived by reconnecting
// (the service re-subscribes); a venue rejection of the subscription is fatal (exit 3).
class StreamSession : public QObject
{
public:
    StreamSession(hyperliquid::Endpoints endpoints, Subscription subscription, quint64 count, bool printStatus,
                  int reconnectLimitMs)
        : m_subscription(std::move(subscription))
        , m_count(count)
        , m_printStatus(printStatus)
        , m_reconnectLimitMs(reconnectLimitMs)
    {
        hyperliquid::HyperliquidService::Options options;
        options.fetchMetadata = false; // the CLI takes the wire coin as given; no REST needed
        options.batchIntervalMs = 0;
        m_service = new hyperliquid::HyperliquidService(std::move(endpoints), options, this);
        connect(m_service, &hyperliquid::HyperliquidService::eventsReady, this, &StreamSession::onEvents);
        connect(m_service, &hyperliquid::HyperliquidService::feedStatusChanged, this, &StreamSession::onStatus);
        m_downTimer.setSingleShot(true);
        connect(&m_downTimer, &QTimer::timeout, this, [this] {
            fail(2, u"connection lost for more than %1 s: %2"_s.arg(m_reconnectLimitMs / 1000).arg(m_lastDetail));
        });
    }

    void start()
    {
        m_service->subscribe(m_subscription);
        m_service->start();
    }
    int exitCode() const { return m_exitCode; }

private:
    bool wanted(const QString &symbol) const
    {
        // allMids carries every coin; with --symbol the user asked for one of them.
        return m_subscription.coin.isEmpty() || symbol == m_subscription.coin;
    }

    void onEvents(const EventBatch &batch)
    {
        for (const MarketEvent &event : batch) {
            if (m_finished)
                return;
            if (const auto *error = std::get_if<FeedError>(&event)) {
                writeLine(stderr, toNormalizedJson(event));
                if (error->code == u"invalid_subscription"_s || error->code == u"bad_request"_s)
                    fail(3, u"the venue rejected the subscription: %1"_s.arg(error->message));
                continue;
            }
            if (std::holds_alternative<SubscriptionAck>(event) || std::holds_alternative<Heartbeat>(event)) {
                if (m_printStatus)
                    writeLine(stdout, toNormalizedJson(event));
                continue;
            }
            const QString symbol = std::visit([](const auto &e) -> QString {
                if constexpr (requires { e.symbol; })
                    return e.symbol;
                else
                    return QString();
            }, event);
            if (!wanted(symbol))
                continue;
            writeLine(stdout, toNormalizedJson(event));
            m_dataSinceLive = true;
            if (m_count > 0 && ++m_printed >= m_count) {
                finish(0);
                return;
            }
        }
    }

    void onStatus(const FeedStatus &status)
    {
        using S = VenueConnection::State;
        const QString state = FeedStatus::stateName(status.state);
        if (state != m_lastState && m_printStatus)
            writeLine(stdout, statusJson(status.venue, state, status.detail));
        if (state != m_lastState)
            writeLine(stderr, statusJson(status.venue, state, status.detail));
        m_lastState = state;
        m_lastDetail = status.detail;
        if (status.state == S::Live && !m_live) {
            m_live = true;
            m_wasLive = true;
            m_dataSinceLive = false;
            m_downTimer.stop();
        } else if (status.state == S::BackingOff) {
            if (!m_wasLive) {
                fail(2, u"cannot connect to %1: %2"_s.arg(m_service->endpoints().wsUrl.toString(), status.detail));
                return;
            }
            if (m_live) {
                m_live = false;
                // hyperliquid.md §2.3: for an unknown coin the real server may close the socket without an error frame.
                m_barrenDrops = m_dataSinceLive ? 0 : m_barrenDrops + 1;
                if (m_barrenDrops >= 3) {
                    fail(3, u"the venue closed the connection %1 times after the subscription without sending data; "
                            "check that the symbol exists"_s.arg(m_barrenDrops));
                    return;
                }
            }
            if (!m_downTimer.isActive() && m_reconnectLimitMs > 0)
                m_downTimer.start(m_reconnectLimitMs);
        }
    }

    static void writeLine(FILE *stream, const QByteArray &json)
    {
        std::fwrite(json.constData(), 1, static_cast<size_t>(json.size()), stream);
        std::fputc('\n', stream);
        std::fflush(stream);
    }

    void fail(int code, const QString &message)
    {
        if (m_finished)
            return;
        const QByteArray line = "tapescope-cli stream: " + message.toUtf8() + '\n';
        std::fwrite(line.constData(), 1, static_cast<size_t>(line.size()), stderr);
        finish(code);
    }

    void finish(int code)
    {
        m_finished = true;
        m_exitCode = code;
        m_service->stop();
        QCoreApplication::exit(code);
    }

    hyperliquid::HyperliquidService *m_service = nullptr;
    Subscription m_subscription;
    quint64 m_count = 0;
    quint64 m_printed = 0;
    bool m_printStatus = false;
    int m_reconnectLimitMs = 0;
    bool m_wasLive = false;
    bool m_live = false;
    bool m_dataSinceLive = false;
    int m_barrenDrops = 0;
    bool m_finished = false;
    int m_exitCode = 0;
    QString m_lastState;
    QString m_lastDetail;
    QTimer m_downTimer;
};

} // namespace

int runStream(const QStringList &args)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(
        u"Print one normalized JSON event per line (see README, 'Normalized JSON'). Errors and state changes go to stderr."_s);
    parser.addHelpOption();
    parser.addPositionalArgument(u"stream"_s, u"The command."_s);
    parser.addOption({u"venue"_s, u"Venue: hyperliquid."_s, u"venue"_s, u"hyperliquid"_s});
    parser.addOption({u"url"_s, u"WebSocket URL (ws://, wss://) or REST base (http://, https://); default mainnet."_s, u"url"_s});
    parser.addOption({u"testnet"_s, u"Use Hyperliquid testnet."_s});
    parser.addOption({u"channel"_s, u"l2Book, bbo, trades, candle, allMids or activeAssetCtx."_s, u"channel"_s});
    parser.addOption({u"symbol"_s, u"Venue coin, e.g. BTC, @107, PURR/USDC (required except for allMids)."_s, u"coin"_s});
    parser.addOption({u"interval"_s, u"Candle interval (candle channel): 1m 3m 5m 15m 30m 1h 2h 4h 8h 12h 1d 3d 1w 1M."_s,
                      u"interval"_s, u"1m"_s});
    parser.addOption({u"count"_s, u"Exit 0 after this many events (0 = run until interrupted)."_s, u"n"_s, u"0"_s});
    parser.addOption({u"status"_s, u"Also print status, acknowledgement and heartbeat events on stdout."_s});
    parser.addOption({u"reconnect-limit"_s, u"Give up (exit 2) after this many seconds without a connection (0 = never)."_s,
                      u"seconds"_s, u"120"_s});
    parser.process(args);

    const auto usage = [](const QString &message) {
        const QByteArray line = "tapescope-cli stream: " + message.toUtf8() + '\n';
        std::fwrite(line.constData(), 1, static_cast<size_t>(line.size()), stderr);
        return 1;
    };
    if (parser.value(u"venue"_s) != u"hyperliquid"_s)
        return usage(u"unsupported venue '%1' (supported: hyperliquid)"_s.arg(parser.value(u"venue"_s)));

    hyperliquid::Endpoints endpoints = parser.isSet(u"testnet"_s) ? hyperliquid::Endpoints::testnet()
                                                                   : hyperliquid::Endpoints::mainnet();
    if (parser.isSet(u"url"_s)) {
        QString error;
        auto custom = hyperliquid::Endpoints::custom(QUrl(parser.value(u"url"_s)), &error);
        if (!custom)
            return usage(u"--url: "_s + error);
        endpoints = *custom;
    }

    Subscription subscription;
    const auto type = Subscription::typeFromName(parser.value(u"channel"_s));
    if (!type)
        return usage(u"--channel must be one of l2Book, bbo, trades, candle, allMids, activeAssetCtx"_s);
    subscription.type = *type;
    subscription.coin = parser.value(u"symbol"_s);
    if (subscription.type != Subscription::Type::AllMids && subscription.coin.isEmpty())
        return usage(u"--symbol is required for the %1 channel"_s.arg(parser.value(u"channel"_s)));
    if (subscription.type == Subscription::Type::Candle) {
        static const QStringList intervals = {u"1m"_s, u"3m"_s, u"5m"_s, u"15m"_s, u"30m"_s, u"1h"_s, u"2h"_s,
                                              u"4h"_s, u"8h"_s, u"12h"_s, u"1d"_s, u"3d"_s, u"1w"_s, u"1M"_s};
        subscription.interval = parser.value(u"interval"_s);
        if (!intervals.contains(subscription.interval))
            return usage(u"--interval must be one of "_s + intervals.join(u' '));
    }
    bool ok = false;
    const quint64 count = parser.value(u"count"_s).toULongLong(&ok);
    if (!ok)
        return usage(u"--count must be a non-negative number"_s);
    const int reconnectLimit = parser.value(u"reconnect-limit"_s).toInt(&ok);
    if (!ok || reconnectLimit < 0)
        return usage(u"--reconnect-limit must be a non-negative number of seconds"_s);

    StreamSession session(endpoints, subscription, count, parser.isSet(u"status"_s), reconnectLimit * 1000);
    QTimer::singleShot(0, &session, [&session] { session.start(); });
    const int code = QCoreApplication::exec();
    return code != 0 ? code : session.exitCode();
}

} // namespace tapescope::cli
