#include "MarketSession.h"

#include "AppLog.h"
#include "HyperliquidFeedController.h"
#include "emulator/HyperliquidEmulator.h"
#include "market/MarketHub.h"
#include "models/FeedStatusModel.h"
#include "models/Workspace.h"

namespace tapescope {

using hyperliquid::Endpoints;
using hyperliquid::HyperliquidService;

MarketSession::MarketSession(QObject *parent)
    : QObject(parent)
    , m_hub(new MarketHub(this))
{
    m_serviceThread.setObjectName(QStringLiteral("hyperliquid"));
}

MarketSession::~MarketSession()
{
    stopService();
    // The workspace holds a raw pointer to the feed controller: it must go first.
    delete m_workspace;
    m_workspace = nullptr;
}

bool MarketSession::start(const Config &config, QString *error)
{
    std::optional<Endpoints> endpoints = config.hyperliquid;
    if (!endpoints) {
        m_emulator = new emulator::HyperliquidEmulator({}, this);
        if (!m_emulator->listen(QHostAddress::LocalHost, 0)) {
            if (error)
                *error = tr("the demo market could not open a loopback port");
            return false;
        }
        endpoints = Endpoints::custom(m_emulator->restBaseUrl(), error);
        if (!endpoints)
            return false;
        qCInfo(lcApp) << "demo mode: embedded Hyperliquid emulator on" << m_emulator->restBaseUrl().toString();
    }

    m_hub->setDisplayRate(config.displayRate);

    m_service = new HyperliquidService(*endpoints);
    m_service->moveToThread(&m_serviceThread);
    connect(&m_serviceThread, &QThread::finished, m_service, &QObject::deleteLater);
    // Cross-thread, so queued: batches arrive on the GUI thread and the hub coalesces them per frame.
    connect(m_service, &HyperliquidService::eventsReady, m_hub, &MarketHub::ingest);
    connect(m_service, &HyperliquidService::instrumentsReady, m_hub, &MarketHub::setInstruments);
    connect(m_service, &HyperliquidService::candleHistoryReady, m_hub, &MarketHub::applyCandleHistory);
    connect(m_service, &HyperliquidService::feedStatusChanged, m_hub, &MarketHub::setFeedStatus);
    m_serviceThread.start();
    QMetaObject::invokeMethod(m_service, &HyperliquidService::start, Qt::QueuedConnection);

    m_feedController = std::make_unique<HyperliquidFeedController>(m_service);
    m_workspace = new Workspace(m_hub, m_feedController.get());
    m_workspace->setDemoMode(isDemo());

    const QString venue = HyperliquidService::venueName();
    QString label = config.venueLabel.isEmpty() ? venue : config.venueLabel;
    if (isDemo())
        label = tr("%1 (demo)").arg(venue);
    m_workspace->feeds()->setVenueLabel(venue, label);

    QList<InstrumentId> watchlist;
    for (const QString &symbol : config.watchlist)
        watchlist.append({venue, symbol, symbol});
    m_workspace->setWatchlist(watchlist);
    m_workspace->selectInstrument(InstrumentId{venue, config.initialSymbol, config.initialSymbol}.key());
    return true;
}

void MarketSession::stopService()
{
    if (!m_service)
        return;
    if (m_serviceThread.isRunning()) {
        QMetaObject::invokeMethod(m_service, &HyperliquidService::stop, Qt::BlockingQueuedConnection);
        m_serviceThread.quit();
        m_serviceThread.wait();
    }
    m_service = nullptr; // deleted by the thread's finished() -> deleteLater
}

} // namespace tapescope
