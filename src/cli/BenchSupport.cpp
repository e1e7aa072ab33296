#include "cli/BenchSupport.h"

#include "market/MarketHub.h"
#include "platform/ProcessStats.h"
#include "venues/hyperliquid/HyperliquidService.h"

#include <QtCore/QCoreApplication>
#include <QtCore/QDeadlineTimer>
#include <QtCore/QElapsedTimer>
#include <QtCore/QEventLoop>
#include <QtCore/QTimer>
#include <QtWebSockets/QWebSocket>

#include <algorithm>
#include <cmath>
#include <cstdio>

using namespace Qt::StringLiterals;

namespace tapescope::cli::bench {

using hyperliquid::HyperliquidService;
using hyperliquid::Subscription;

double processCpuSeconds(qint64 pid)
{
    return platform::sampleProcess(pid).cpuSeconds().value_or(std::nan(""));
}

QHash<QString, double> threadCpuSeconds()
{
    QHash<QString, double> seconds;
    for (const platform::ThreadCpu &thread : platform::threadCpuTimes().value_or(QList<platform::ThreadCpu> {}))
        seconds[thread.name] += thread.userSeconds + thread.systemSeconds;
    return seconds;
}

EmulatorProcess::~EmulatorProcess()
{
    if (m_process.state() != QProcess::NotRunning) {
        m_process.kill();
        m_process.waitForFinished(5000);
    }
}

bool EmulatorProcess::start(const QStringList &arguments, QString *error)
{
    m_process.setProgram(QCoreApplication::applicationFilePath());
    m_process.setArguments(QStringList { u"emulate"_s, u"--port"_s, u"0"_s } + arguments);
    m_process.setProcessChannelMode(QProcess::ForwardedErrorChannel);
    m_process.start();
    QDeadlineTimer deadline(10000);
    QByteArray output;
    while (!deadline.hasExpired() && m_process.waitForReadyRead(static_cast<int>(deadline.remainingTime()))) {
        output += m_process.readAllStandardOutput();
        // "hyperliquid emulator listening: REST http://127.0.0.1:PORT/info, WebSocket ws://..."
        const qsizetype rest = output.indexOf("REST ");
        const qsizetype info = output.indexOf("/info", rest);
        if (rest >= 0 && info > rest) {
            m_restBase = QUrl(QString::fromUtf8(output.mid(rest + 5, info - rest - 5)));
            return true;
        }
    }
    *error = u"the emulator process did not start listening: "_s + QString::fromUtf8(output) + m_process.errorString();
    return false;
}

MarketPipeline::MarketPipeline(Config config, QObject *parent)
    : QObject(parent)
    , m_config(std::move(config))
    , m_hub(new MarketHub(this))
{ }

MarketPipeline::~MarketPipeline()
{
    m_thread.stop();
}

void MarketPipeline::start()
{
    auto endpoints = hyperliquid::Endpoints::custom(m_config.restBase);
    HyperliquidService::Options options;
    if (m_config.batchIntervalMs >= 0)
        options.batchIntervalMs = m_config.batchIntervalMs;
    options.frameProbe = [received = m_framesReceived, probe = m_config.frameProbe](const QByteArray &frame) {
        received->fetch_add(1, std::memory_order_relaxed);
        if (probe)
            probe(frame);
    };
    m_service = new HyperliquidService(*endpoints, options);
    // As MarketSession wires it: queued into this thread, applied by the hub as it arrives.
    connect(m_service, &HyperliquidService::eventsReady, this, [this](const EventBatch &batch) {
        m_hub->ingest(batch);
        ++m_batchesApplied;
        for (const MarketEvent &event : batch)
            m_booksApplied += std::holds_alternative<BookSnapshot>(event) ? 1 : 0;
        const quint64 received = framesReceived(), consumed = booksConsumed();
        if (received > consumed)
            m_maxBacklog = std::max(m_maxBacklog, received - consumed);
        if (m_config.afterApply)
            m_config.afterApply(batch);
    });
    connect(m_service, &HyperliquidService::instrumentsReady, m_hub, &MarketHub::setInstruments);
    connect(m_service, &HyperliquidService::feedStatusChanged, m_hub, &MarketHub::setFeedStatus);
    if (m_config.allBooks) {
        connect(m_service, &HyperliquidService::instrumentsReady, this, [this](const QList<Instrument> &instruments) {
            for (const Instrument &instrument : instruments)
                subscribeBook(instrument.id.symbol);
        });
    }
    m_thread.run(m_service);
    for (const QString &coin : std::as_const(m_config.bookCoins))
        subscribeBook(coin);
    QMetaObject::invokeMethod(m_service, &HyperliquidService::start, Qt::QueuedConnection);
}

quint64 MarketPipeline::booksSuperseded() const
{
    return m_service ? m_service->batchStats().supersededSnapshots : 0;
}

void MarketPipeline::subscribeBook(const QString &coin)
{
    Subscription subscription;
    subscription.type = Subscription::Type::L2Book;
    subscription.coin = coin;
    HyperliquidService *service = m_service;
    QMetaObject::invokeMethod(
        service, [service, subscription] { service->subscribe(subscription); }, Qt::QueuedConnection);
    ++m_subscribedBooks;
}

BareClient::BareClient(const QUrl &wsUrl, const QStringList &bookCoins, QObject *parent)
    : QObject(parent)
    , m_socket(new QWebSocket(QString(), QWebSocketProtocol::VersionLatest, this))
{
    connect(m_socket, &QWebSocket::connected, this, [this, bookCoins] {
        for (const QString &coin : bookCoins)
            m_socket->sendTextMessage(
                uR"({"method":"subscribe","subscription":{"type":"l2Book","coin":"%1"}})"_s.arg(coin));
    });
    connect(m_socket, &QWebSocket::textMessageReceived, this, [this] { ++m_frames; });
    m_socket->open(wsUrl);
}

BareClient::~BareClient()
{
    m_socket->abort();
}

bool useEmulator(const QString &port, const QStringList &spawnArguments, EmulatorProcess &process, QUrl *restBase)
{
    if (!port.isEmpty()) {
        *restBase = QUrl(u"http://127.0.0.1:"_s + port);
        return true;
    }
    QString error;
    if (!process.start(spawnArguments, &error)) {
        std::fprintf(stderr, "tapescope-cli bench: %s\n", qPrintable(error));
        return false;
    }
    *restBase = process.restBase();
    return true;
}

void runFor(int ms, const std::function<bool()> &done)
{
    QElapsedTimer clock;
    clock.start();
    while (clock.elapsed() < ms && !(done && done())) {
        QEventLoop loop;
        QTimer::singleShot(std::min<qint64>(10, ms - clock.elapsed()), &loop, &QEventLoop::quit);
        loop.exec();
    }
}

double median(std::vector<double> values)
{
    if (values.empty())
        return 0.0;
    std::sort(values.begin(), values.end());
    const std::size_t mid = values.size() / 2;
    return values.size() % 2 ? values[mid] : (values[mid - 1] + values[mid]) / 2.0;
}

} // namespace tapescope::cli::bench
