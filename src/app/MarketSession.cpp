#include "MarketSession.h"

#include "AppLog.h"
#include "market/AccountHub.h"
#include "market/MarketHub.h"
#include "models/FeedStatusModel.h"
#include "models/RecordingControl.h"
#include "models/ReplayControl.h"
#include "models/UiLanguage.h"
#include "models/Workspace.h"
#include "net/FeedThread.h"
#include "net/VenueFeed.h"
#include "record/Redaction.h"
#include "record/TapeWriter.h"
#include "venues/api/VenueDriver.h"
#include "venues/api/VenueModule.h"

#include <QtCore/QCoreApplication>
#include <QtCore/QDateTime>
#include <QtCore/QDir>
#include <QtCore/QFileInfo>
#include <QtCore/QJsonArray>
#include <QtCore/QJsonObject>
#include <QtCore/QLocale>
#include <QtCore/QTimeZone>

#include <algorithm>

namespace tapescope {

namespace {

QString replayLabel(const QString &venue)
{
    return MarketSession::tr("%1 (recording)").arg(venue);
}

// What the status bar says stopped a file: "500 MB limit reached", "30-minute limit reached".
QString limitReason(qint64 maxBytes, qint64 maxDurationNs)
{
    if (maxDurationNs <= 0)
        return MarketSession::tr("%1 limit reached")
            .arg(QLocale().formattedDataSize(maxBytes, 0, QLocale::DataSizeSIFormat));
    const qint64 seconds = maxDurationNs / 1'000'000'000;
    if (seconds % 60 == 0)
        return MarketSession::tr("%1-minute limit reached").arg(seconds / 60);
    return MarketSession::tr("%1-second limit reached").arg(seconds);
}

} // namespace

// One feed's file while the session records (docs/recording.md, "In the app"): written while the feed runs, closed
// after the feed stopped, so every frame it received is in it. A limit closes the file early (its writer and recorder
// then stay, refusing what the still running feed hands them, until the feed is replaced).
struct MarketSession::FeedRecording
{
    std::unique_ptr<tape::TapeWriter> writer;
    std::unique_ptr<TapeRecorder> recorder;
    QString path;
    QString name; // what the status bar calls the feed: "hyperliquid", "hyperliquid account 0xdec0…0001"
    // The limits the file was opened with, and whether one closed it.
    qint64 maxBytes = 0;
    qint64 maxDurationNs = 0;
    qint64 startNs = 0;
    bool stoppedAtLimit = false;
};

// One running venue. `inbox` lives in the GUI thread and is the context of every connection from the
// feed, so deleting it drops whatever the old feed still had queued: nothing from a replaced feed lands.
// One account feed, like a venue's market feed: its inbox is the context of its connections.
struct MarketSession::AccountRuntime
{
    explicit AccountRuntime(const QString &venue)
        : thread(venue + QLatin1String("-account"))
    { }
    QString account;
    VenueFeed *feed = nullptr; // lives in `thread`, deleted when it finishes
    FeedThread thread;
    std::unique_ptr<QObject> inbox = std::make_unique<QObject>();
    FeedRecording recording;
};

struct MarketSession::Runtime
{
    QString venue;
    QObject *emulator = nullptr; // demo mode; owned by the session
    VenueFeed *feed = nullptr; // lives in `thread`, deleted when it finishes
    FeedThread thread;
    std::unique_ptr<QObject> inbox = std::make_unique<QObject>();
    std::unique_ptr<FeedController> controller;
    const VenueDriver *driver = nullptr;
    VenueSettings settings; // as started (demo mode: pointed at the emulator)
    VenueCredentials credentials; // as started: the account feeds of venues whose key names the account sign with them
    QList<Instrument> listed; // what the venue listed so far (instrumentsReady)
    QList<InstrumentId> watchlist;
    std::vector<std::unique_ptr<AccountRuntime>> accounts;
    bool demo = false;
    FeedRecording recording; // the market feed's
};

MarketSession::MarketSession(QObject *parent)
    : QObject(parent)
    , m_hub(new MarketHub(this))
    , m_accounts(new AccountHub(m_hub, this))
{
    m_workspace = new Workspace(m_hub, &m_router, m_accounts);
    connect(m_workspace, &Workspace::selectionChanged, this, &MarketSession::selectInstrumentOnAccounts);
    // The venues' labels ("hyperliquid (demo)") are the drivers' words: made again in the new language.
    connect(UiLanguage::instance(), &UiLanguage::changed, this, [this] {
        for (const auto &[venue, runtime] : m_venues)
            m_workspace->feeds()->setVenueLabel(
                venue, m_replay ? replayLabel(venue) : runtime->driver->label(runtime->settings, runtime->demo));
    });
    // The trader's requests on a recording: the replayed feed carries them out in its thread.
    ReplayControl *replay = m_workspace->replay();
    connect(replay, &ReplayControl::playRequested, this, [this](bool play) {
        m_replayOptions.paused = !play; // also what a seek back starts with
        if (m_replay)
            QMetaObject::invokeMethod(
                m_replay, [replay = m_replay, play] { replay->setPaused(!play); }, Qt::QueuedConnection);
    });
    connect(replay, &ReplayControl::speedRequested, this, [this](double speed) {
        m_replayOptions.speed = speed;
        if (m_replay)
            QMetaObject::invokeMethod(
                m_replay, [replay = m_replay, speed] { replay->setSpeed(speed); }, Qt::QueuedConnection);
    });
    connect(replay, &ReplayControl::seekRequested, this, &MarketSession::seekReplay);
    connect(replay, &ReplayControl::openRequested, this, [this](const QString &path) {
        QString why;
        if (!startReplay(path, { m_replayOptions.speed, false, 0 }, &why))
            m_workspace->replay()->setOpenError(why);
    });
    connect(replay, &ReplayControl::closeRequested, this, &MarketSession::closeReplay);
    RecordingControl *recording = m_workspace->recording();
    connect(recording, &RecordingControl::startRequested, this, [this] { setRecording(true, nullptr); });
    connect(recording, &RecordingControl::stopRequested, this, [this] { setRecording(false, nullptr); });
    m_recordingTimer.setInterval(1000);
    connect(&m_recordingTimer, &QTimer::timeout, this, [this] {
        checkRecordingLimits();
        updateRecordedBytes();
    });
}

MarketSession::~MarketSession()
{
    while (!m_venues.empty())
        stopVenue(m_venues.begin()->first);
    delete m_workspace; // it holds the router, which must outlive it
    m_workspace = nullptr;
}

bool MarketSession::start(const Config &config, QString *error)
{
    m_live = config;
    m_liveStarted = true;
    m_hub->setDisplayRate(config.displayRate);
    QStringList failures;
    for (const VenueLaunch &launch : config.venues) {
        QString why;
        if (launch.settings.enabled && !startVenue(launch, &why)) {
            failures << why;
            reportNotStarted(launch.settings.venue, why);
        }
    }
    if (m_venues.empty()) {
        if (error)
            *error = failures.isEmpty() ? tr("no venue is enabled") : failures.join(QLatin1String("; "));
        return false;
    }
    for (const QString &failure : std::as_const(failures))
        qCWarning(lcApp).noquote() << "venue not started:" << failure;
    m_workspace->setDemoMode(isDemo());
    m_pendingSelection = config.initialKey;
    publishWatchlist();
    return true;
}

// "venue:symbol" or "venue:display name" ("o2:fFUEL/fUSDC"): rows some venues list only after start-up
// (O2's markets, Kalshi's games) are selected when they appear.
bool MarketSession::selectPending()
{
    if (m_pendingSelection.isEmpty())
        return false;
    const qsizetype colon = m_pendingSelection.indexOf(QLatin1Char(':'));
    const QString venue = m_pendingSelection.left(colon);
    const QString name = m_pendingSelection.mid(colon + 1);
    for (const InstrumentId &row : m_workspace->watchlist()->instruments()) {
        if (row.venue == venue && (row.symbol == name || row.display.compare(name, Qt::CaseInsensitive) == 0)) {
            m_pendingSelection.clear();
            m_workspace->selectInstrument(row.key());
            return true;
        }
    }
    return false;
}

bool MarketSession::reconfigureVenue(const VenueLaunch &launch, QString *error)
{
    const QString venue = launch.settings.venue;
    const QString selected = m_workspace->selectedKey();
    const bool selectedHere = selected.startsWith(venue + QLatin1Char(':'));
    stopVenue(venue);
    m_hub->removeFeed(venue);
    bool started = true;
    if (launch.settings.enabled) {
        started = startVenue(launch, error);
        if (!started && error)
            reportNotStarted(venue, *error);
    }
    m_workspace->setDemoMode(isDemo());
    publishWatchlist();
    if (selectedHere) {
        m_hub->forgetMarketData(selected);
        m_workspace->resubscribeSelection();
    }
    Q_EMIT venuesChanged();
    return started;
}

void MarketSession::setDisplayRate(int framesPerSecond)
{
    m_hub->setDisplayRate(framesPerSecond);
}

bool MarketSession::isDemo() const
{
    return !m_venues.empty()
        && std::all_of(m_venues.cbegin(), m_venues.cend(), [](const auto &entry) { return entry.second->demo; });
}

QStringList MarketSession::runningVenues() const
{
    QStringList names;
    for (const auto &[venue, runtime] : m_venues)
        names << venue;
    return names;
}

VenueFeed *MarketSession::feed(const QString &venue) const
{
    const auto it = m_venues.find(venue);
    return it == m_venues.end() ? nullptr : it->second->feed;
}

QList<VenueFeed *> MarketSession::accountFeeds(const QString &venue) const
{
    QList<VenueFeed *> all;
    const auto it = m_venues.find(venue);
    if (it != m_venues.end()) {
        for (const auto &account : it->second->accounts)
            all.append(account->feed);
    }
    return all;
}

QList<VenueFeed *> MarketSession::feeds() const
{
    QList<VenueFeed *> all;
    for (const auto &[name, venue] : m_venues)
        all.append(venue->feed);
    return all;
}

QList<QObject *> MarketSession::emulators() const
{
    QList<QObject *> all;
    for (const auto &[name, venue] : m_venues) {
        if (venue->emulator)
            all.append(venue->emulator);
    }
    return all;
}

bool MarketSession::startVenue(const VenueLaunch &launch, QString *error)
{
    const QString venue = launch.settings.venue;
    const VenueDriver *driver = findVenueDriver(venue);
    if (!driver) {
        if (error)
            *error = tr("%1 is not built into this version of Tapescope yet").arg(venue);
        return false;
    }
    VenueSettings settings = launch.settings;
    VenueCredentials credentials = launch.credentials;
    auto runtime = std::make_unique<Runtime>();
    runtime->venue = venue;
    runtime->demo = launch.demo;
    if (launch.demo) {
        runtime->emulator = driver->startEmulator(&settings, &credentials, this, error);
        if (!runtime->emulator)
            return false;
        qCInfo(lcApp) << "demo mode:" << venue << "emulator on" << settings.customUrl.toString();
    }
    runtime->driver = driver;
    runtime->settings = settings;
    runtime->credentials = credentials;
    std::unique_ptr<VenueFeed> feed = createFeed(*runtime, error);
    if (!feed) {
        delete runtime->emulator;
        return false;
    }
    runFeed(*runtime, std::move(feed), FeedWiring::Live);
    runtime->watchlist = driver->watchlist(settings, {});
    m_workspace->feeds()->setVenueLabel(venue, driver->label(settings, launch.demo));
    startAccounts(*runtime);
    m_venues[venue] = std::move(runtime);
    return true;
}

// The venue's market feed, not started; while the session records, made with a recorder current so that its
// connection and REST managers write into a new file of the sessions folder.
std::unique_ptr<VenueFeed> MarketSession::createFeed(Runtime &runtime, QString *error)
{
    if (!m_recordingOn)
        return runtime.driver->createFeed(runtime.settings, runtime.credentials, error);
    FeedRecording recording;
    recording.name = runtime.venue;
    std::unique_ptr<VenueFeed> feed = createRecordedFeed(
        recording, runtime, runtime.venue, { { QStringLiteral("command"), QStringLiteral("app") } },
        [&] { return runtime.driver->createFeed(runtime.settings, runtime.credentials, error); }, error);
    if (feed)
        runtime.recording = std::move(recording);
    return feed;
}

// One account's feed, not started; while the session records, with a file of its own (header command
// "app-account": the venue's settings and the account, never credentials), which a replay shows in the Account panel.
std::unique_ptr<VenueFeed> MarketSession::createAccountFeed(Runtime &runtime, const VenueAccount &account,
                                                            FeedRecording *recording, QString *error)
{
    if (!m_recordingOn)
        return runtime.driver->createAccountFeed(runtime.settings, runtime.credentials, account.account);
    // The file name keeps the account's letters and digits, shortened: "hyperliquid-account-0xdec0de000000-…".
    QString stem;
    for (const QChar c : account.account) {
        if (c.isLetterOrNumber() && c.unicode() < 128)
            stem += c;
        else if (!stem.endsWith(QLatin1Char('_')))
            stem += QLatin1Char('_');
    }
    stem = QStringLiteral("%1-account-%2").arg(runtime.venue, stem.left(14));
    recording->name = tr("%1 account %2").arg(runtime.venue, account.label.isEmpty() ? account.account : account.label);
    const QJsonObject extra { { QStringLiteral("command"), QStringLiteral("app-account") },
                              { QStringLiteral("account"), account.account },
                              { QStringLiteral("label"), account.label } };
    return createRecordedFeed(
        *recording, runtime, stem, extra,
        [&] { return runtime.driver->createAccountFeed(runtime.settings, runtime.credentials, account.account); },
        error);
}

std::unique_ptr<VenueFeed> MarketSession::createRecordedFeed(FeedRecording &recording, const Runtime &runtime,
                                                             const QString &fileStem, const QJsonObject &extra,
                                                             const std::function<std::unique_ptr<VenueFeed>()> &make,
                                                             QString *error)
{
    if (!QDir().mkpath(m_recordingFolder)) {
        if (error)
            *error = tr("cannot create the sessions folder %1").arg(QDir::toNativeSeparators(m_recordingFolder));
        return nullptr;
    }
    const qint64 startNs = tape::TapeWriter::nowNs();
    const QDateTime start = QDateTime::fromMSecsSinceEpoch(startNs / 1'000'000, QTimeZone::utc());
    const QString stamp = start.toString(u"yyyyMMdd-HHmmss");
    QString path = QDir(m_recordingFolder).filePath(QStringLiteral("%1-%2.tape").arg(fileStem, stamp));
    for (int n = 2; QFileInfo::exists(path); ++n)
        path = QDir(m_recordingFolder).filePath(QStringLiteral("%1-%2-%3.tape").arg(fileStem, stamp).arg(n));
    // What a replay makes the feed from: the venue's settings, never its credentials.
    const VenueSettings &settings = runtime.settings;
    QJsonObject header {
        { QStringLiteral("appVersion"), QCoreApplication::applicationVersion() },
        { QStringLiteral("venue"), runtime.venue },
        { QStringLiteral("settings"),
          QJsonObject { { QStringLiteral("environment"), settings.environment },
                        { QStringLiteral("customUrl"), tape::redactUrl(settings.customUrl) },
                        { QStringLiteral("watchlist"), QJsonArray::fromStringList(settings.watchlist) },
                        { QStringLiteral("pollIntervalMs"), settings.pollIntervalMs },
                        { QStringLiteral("demo"), runtime.demo } } },
        { QStringLiteral("endpoint"), tape::redactUrl(settings.customUrl) },
        { QStringLiteral("startTime"), start.toString(Qt::ISODateWithMs) },
    };
    for (auto it = extra.begin(); it != extra.end(); ++it)
        header.insert(it.key(), it.value());
    tape::TapeWriter::Options options;
    options.maxBytes = m_recordingMaxBytes;
    options.maxDurationNs = m_recordingMaxDurationNs;
    auto writer = std::make_unique<tape::TapeWriter>();
    if (!writer->open(path, header, startNs, options, error))
        return nullptr;
    auto recorder = std::make_unique<TapeRecorder>(writer.get());
    FeedTape::setCurrent(recorder.get());
    std::unique_ptr<VenueFeed> feed = make();
    FeedTape::setCurrent(nullptr);
    if (!feed) {
        writer->close();
        QFile::remove(path);
        return nullptr;
    }
    recording.recorder = std::move(recorder);
    recording.writer = std::move(writer);
    recording.path = path;
    recording.maxBytes = m_recordingMaxBytes;
    recording.maxDurationNs = m_recordingMaxDurationNs;
    recording.startNs = startNs;
    recording.stoppedAtLimit = false;
    return feed;
}

std::vector<MarketSession::FeedRecording *> MarketSession::activeRecordings() const
{
    std::vector<FeedRecording *> recordings;
    for (const auto &[venue, runtime] : m_venues) {
        if (runtime->recording.writer)
            recordings.push_back(&runtime->recording);
        for (const auto &account : runtime->accounts) {
            if (account->recording.writer)
                recordings.push_back(&account->recording);
        }
    }
    return recordings;
}

// Wires the venue's market feed into the hub and runs it in the venue's thread. A live feed (or one replayed from an
// app recording) also gets its FeedController behind the router and the venue's extras, and its listings update the
// watchlist; a feed replayed from a tapescope-cli recording asks for nothing, and its watchlist is the instruments
// its events name.
void MarketSession::runFeed(Runtime &runtime, std::unique_ptr<VenueFeed> feed, FeedWiring wiring)
{
    const QString venue = runtime.venue;
    const bool live = wiring == FeedWiring::Live;
    runtime.feed = feed.release();
    // Cross-thread, so queued: batches arrive on the GUI thread and the hub coalesces them per frame.
    QObject *inbox = runtime.inbox.get();
    MarketHub *hub = m_hub;
    connect(runtime.feed, &VenueFeed::eventsReady, inbox, [this, hub, venue, live](const EventBatch &batch) {
        hub->ingest(batch);
        if (!live)
            noteReplayedSymbols(venue, batch);
    });
    connect(runtime.feed, &VenueFeed::instrumentsReady, inbox,
            [this, hub, venue, live](const QList<Instrument> &instruments) {
                hub->setInstruments(instruments);
                if (live)
                    noteListing(venue, instruments);
            });
    connect(runtime.feed, &VenueFeed::candleHistoryReady, inbox,
            [hub](const CandleHistory &history) { hub->applyCandleHistory(history); });
    connect(runtime.feed, &VenueFeed::feedStatusChanged, inbox,
            [hub](const FeedStatus &status) { hub->setFeedStatus(status); });
    runtime.thread.run(runtime.feed);
    QMetaObject::invokeMethod(runtime.feed, &VenueFeed::start, Qt::QueuedConnection);
    if (!live)
        return;
    runtime.driver->connectExtras(runtime.feed, runtime.settings, inbox, m_workspace);
    runtime.controller = runtime.driver->createController(runtime.feed);
    m_router.setController(venue, runtime.controller.get());
}

// One account's feed, wired into the AccountHub and running in its own thread.
MarketSession::AccountRuntime &MarketSession::runAccountFeed(Runtime &runtime, const QString &account,
                                                             const QString &label, std::unique_ptr<VenueFeed> feed)
{
    m_accounts->addAccount(runtime.venue, account, label);
    auto accountRuntime = std::make_unique<AccountRuntime>(runtime.venue);
    accountRuntime->account = account;
    accountRuntime->feed = feed.release();
    AccountHub *hub = m_accounts;
    connect(accountRuntime->feed, &VenueFeed::accountEventsReady, accountRuntime->inbox.get(),
            [hub](const AccountEventBatch &batch) { hub->ingest(batch); });
    connect(accountRuntime->feed, &VenueFeed::feedStatusChanged, accountRuntime->inbox.get(),
            [hub, account](const FeedStatus &status) { hub->setFeedStatus(account, status); });
    accountRuntime->thread.run(accountRuntime->feed);
    QMetaObject::invokeMethod(accountRuntime->feed, &VenueFeed::start, Qt::QueuedConnection);
    runtime.accounts.push_back(std::move(accountRuntime));
    return *runtime.accounts.back();
}

// Stops the venue's market feed (its accounts keep running), closes its recording if it had one, and starts a new
// feed for the same settings: recorded or not, as the session now is. The panels ask the new feed again for
// what they show.
void MarketSession::restartFeed(Runtime &runtime)
{
    m_router.setController(runtime.venue, nullptr);
    runtime.inbox = std::make_unique<QObject>(); // nothing the old feed still had queued lands
    runtime.thread.stop();
    runtime.controller.reset();
    runtime.feed = nullptr;
    closeRecording(runtime.recording);
    QString why;
    std::unique_ptr<VenueFeed> feed = createFeed(runtime, &why);
    if (!feed) {
        reportNotStarted(runtime.venue, why);
        m_recordingError = why;
        return;
    }
    runFeed(runtime, std::move(feed), FeedWiring::Live);
}

void MarketSession::closeRecording(FeedRecording &recording)
{
    if (!recording.writer)
        return;
    if (!recording.stoppedAtLimit) { // else closed and counted when the limit was reached
        recording.writer->close();
        const tape::TapeWriter::Stats stats = recording.writer->stats();
        m_recordedBytes += stats.fileBytes;
        qCInfo(lcApp).noquote() << "recorded" << recording.name << "to" << recording.path << stats.fileBytes << "bytes,"
                                << stats.recordsWritten << "records," << stats.recordsDropped << "dropped";
    }
    recording = {};
}

// A file that reached its limit is closed now (its end marker says limitReached); the feed goes on, unrecorded.
// When every file stopped, the recording is over: REC is offered again and the status bar says why it stopped.
void MarketSession::checkRecordingLimits()
{
    if (!m_recordingOn)
        return;
    QString reason;
    bool stoppedNow = false;
    bool stillRecording = false;
    const qint64 now = tape::TapeWriter::nowNs();
    for (FeedRecording *recording : activeRecordings()) {
        if (recording->stoppedAtLimit)
            continue;
        if (!recording->writer->checkDuration(now)) {
            stillRecording = true;
            continue;
        }
        recording->writer->close();
        recording->stoppedAtLimit = true;
        const tape::TapeWriter::Stats stats = recording->writer->stats();
        m_recordedBytes += stats.fileBytes;
        // Which limit: the time one once the file is that old (the writer refuses the first later record), else the
        // size.
        const bool byTime = recording->maxDurationNs > 0 && now - recording->startNs >= recording->maxDurationNs;
        reason = byTime ? limitReason(0, recording->maxDurationNs) : limitReason(recording->maxBytes, 0);
        qCInfo(lcApp).noquote() << "recording of" << recording->name << "stopped at its limit:" << recording->path
                                << stats.fileBytes << "bytes," << stats.recordsWritten << "records";
        m_limitStopped << recording->name;
        stoppedNow = true;
    }
    if (!stoppedNow)
        return;
    RecordingControl *control = m_workspace->recording();
    if (!stillRecording) {
        m_recordingOn = false;
        m_recordingTimer.stop();
        control->setState(false, recordingFiles(), {});
    }
    control->setLimitStopped(m_limitStopped, reason);
}

bool MarketSession::setRecording(bool on, QString *error)
{
    RecordingControl *control = m_workspace->recording();
    if (on && m_replay) {
        if (error)
            *error = tr("a recording is playing: go back to live to record");
        return false;
    }
    if (on == m_recordingOn)
        return true;
    m_recordingOn = on;
    m_recordingError.clear();
    m_recordedBytes = 0;
    m_limitStopped.clear();
    control->setLimitStopped({}, {});
    for (const auto &[venue, runtime] : m_venues) {
        restartFeed(*runtime);
        // The account feeds start again too, recorded or not: each file begins with the account's bootstrap.
        stopAccounts(*runtime);
        startAccounts(*runtime);
    }
    m_workspace->resubscribeSelection();
    const QStringList files = recordingFiles();
    if (on && files.isEmpty()) {
        m_recordingOn = false;
        if (m_recordingError.isEmpty())
            m_recordingError = tr("no venue is running");
        if (error)
            *error = m_recordingError;
        control->setState(false, {}, m_recordingError);
        return false;
    }
    control->setState(on, files, m_recordingError);
    updateRecordedBytes();
    if (on)
        m_recordingTimer.start();
    else
        m_recordingTimer.stop();
    return true;
}

void MarketSession::setRecordingLimits(qint64 maxBytes, qint64 maxDurationNs)
{
    m_recordingMaxBytes = std::max<qint64>(maxBytes, 0);
    m_recordingMaxDurationNs = std::max<qint64>(maxDurationNs, 0);
}

void MarketSession::setRecordingFolder(const QString &folder)
{
    m_recordingFolder = folder;
    m_workspace->recording()->setFolder(QDir::toNativeSeparators(folder));
}

QStringList MarketSession::recordingFiles() const
{
    QStringList files;
    for (const FeedRecording *recording : activeRecordings())
        files << recording->path;
    return files;
}

void MarketSession::updateRecordedBytes()
{
    qint64 bytes = m_recordedBytes;
    for (const FeedRecording *recording : activeRecordings()) {
        if (!recording->stoppedAtLimit)
            bytes += recording->writer->stats().fileBytes;
    }
    m_workspace->recording()->setBytes(bytes);
}

// The accounts of the venue's settings (in demo mode the emulator's demo trader), each on its own feed.
void MarketSession::startAccounts(Runtime &runtime)
{
    const QString venue = runtime.venue;
    QList<VenueAccount> accounts = runtime.settings.accounts.isEmpty()
        ? runtime.driver->impliedAccounts(runtime.settings, runtime.credentials)
        : runtime.settings.accounts;
    // The settings dialog refuses more; a settings file edited by hand is cut to what the venue takes.
    if (const int most = runtime.driver->maxAccounts(); most > 0 && accounts.size() > most) {
        qCWarning(lcApp).noquote() << QStringLiteral(
                                          "%1 has %2 accounts in the settings; the first %3 are followed (the "
                                          "venue takes %4 connections: one for the market data and one per "
                                          "account)")
                                          .arg(venue)
                                          .arg(accounts.size())
                                          .arg(most)
                                          .arg(most + 1);
        accounts.resize(most);
    }
    for (const VenueAccount &configured : std::as_const(accounts)) {
        FeedRecording recording;
        QString why;
        std::unique_ptr<VenueFeed> feed = createAccountFeed(runtime, configured, &recording, &why);
        if (!feed) {
            qCWarning(lcApp).noquote() << "no account feed for" << venue << configured.account << why;
            if (m_recordingOn && !why.isEmpty())
                m_recordingError = why;
            continue;
        }
        AccountRuntime &account = runAccountFeed(runtime, configured.account, configured.label, std::move(feed));
        account.recording = std::move(recording);
        const QString selected = m_workspace->selectedKey();
        const qsizetype colon = selected.indexOf(QLatin1Char(':'));
        if (colon > 0)
            runtime.driver->selectInstrument(
                account.feed, { selected.left(colon), selected.mid(colon + 1), selected.mid(colon + 1) });
    }
}

// The account feeds learn which instrument the trader looks at (Hyperliquid: activeAssetData of a perp).
void MarketSession::selectInstrumentOnAccounts()
{
    const QString selected = m_workspace->selectedKey();
    if (selected == m_accountSelection)
        return;
    m_accountSelection = selected;
    const qsizetype colon = selected.indexOf(QLatin1Char(':'));
    const InstrumentId id { selected.left(colon), selected.mid(colon + 1), selected.mid(colon + 1) };
    for (const auto &[venue, runtime] : m_venues) {
        for (const auto &account : runtime->accounts)
            runtime->driver->selectInstrument(account->feed, colon > 0 ? id : InstrumentId {});
    }
}

void MarketSession::stopVenue(const QString &venue)
{
    const auto it = m_venues.find(venue);
    if (it == m_venues.end())
        return;
    Runtime &runtime = *it->second;
    m_router.setController(venue, nullptr);
    stopAccounts(runtime);
    runtime.inbox.reset();
    runtime.thread.stop();
    closeRecording(runtime.recording);
    delete runtime.emulator;
    m_venues.erase(it);
}

// Stops the venue's account feeds and closes their files (after the feed stopped: every frame is in the file).
void MarketSession::stopAccounts(Runtime &runtime)
{
    for (const auto &account : runtime.accounts) {
        account->inbox.reset();
        account->thread.stop();
        closeRecording(account->recording);
        m_accounts->removeAccount(runtime.venue, account->account);
    }
    runtime.accounts.clear();
}

// A configured venue that could not start is shown as down with the reason (in the status bar), not left out.
void MarketSession::reportNotStarted(const QString &venue, const QString &why)
{
    FeedStatus status;
    status.venue = venue;
    status.state = ConnectionState::Down;
    status.reason = { FeedReason::Code::NotStarted, { why } };
    m_hub->setFeedStatus(status);
}

void MarketSession::noteListing(const QString &venue, const QList<Instrument> &instruments)
{
    const auto it = m_venues.find(venue);
    if (it == m_venues.end())
        return;
    Runtime &runtime = *it->second;
    for (const Instrument &instrument : instruments) {
        const auto same = std::find_if(runtime.listed.begin(), runtime.listed.end(),
                                       [&](const Instrument &known) { return known.id == instrument.id; });
        if (same == runtime.listed.end())
            runtime.listed.append(instrument);
        else
            *same = instrument;
    }
    QList<InstrumentId> rows = runtime.driver->watchlist(runtime.settings, runtime.listed);
    if (rows == runtime.watchlist)
        return;
    runtime.watchlist = std::move(rows);
    publishWatchlist();
}

void MarketSession::publishWatchlist()
{
    // In the venue modules' order, not the venues' names: the watchlist's sections follow it.
    QList<InstrumentId> instruments;
    for (const VenueModule *module : venueModules()) {
        const auto it = m_venues.find(module->name());
        if (it != m_venues.end())
            instruments += it->second->watchlist;
    }
    m_workspace->setWatchlist(instruments);
    // The panels follow the instrument asked for (--select) once it is listed, else the first row: also
    // when the first rows only arrive later (a venue fixed in the settings, a listing that came in).
    if (!selectPending() && m_workspace->selectedName().isEmpty() && !instruments.isEmpty())
        m_workspace->selectInstrument(instruments.constFirst().key());
}

// Stops every venue (and its accounts) and forgets what they showed: nothing of a live feed or an earlier replay
// stays on screen as if it came from the next one.
void MarketSession::stopAll()
{
    QStringList keys;
    for (const auto &[venue, runtime] : m_venues) {
        for (const InstrumentId &row : runtime->watchlist)
            keys << row.key();
    }
    while (!m_venues.empty()) {
        const QString venue = m_venues.begin()->first;
        stopVenue(venue);
        m_hub->removeFeed(venue);
    }
    for (const QString &key : std::as_const(keys))
        m_hub->forgetMarketData(key);
    m_replay = nullptr;
}

bool MarketSession::startReplay(const QString &path, const ReplayFeed::Options &options, QString *error)
{
    {
        // Refused before anything stops: a file that is not a recording leaves the session as it was.
        tape::TapeReader check;
        if (!check.open(path, error))
            return false;
    }
    const QString selected = m_workspace->selectedKey();
    if (m_recordingOn) {
        m_recordingOn = false; // stopAll() closes the files
        m_recordingTimer.stop();
        m_workspace->recording()->setState(false, {}, {});
    }
    m_workspace->recording()->setAvailable(false);
    stopAll();
    m_pendingSelection = selected.isEmpty() ? m_live.initialKey : selected; // a seek back keeps the instrument
    std::optional<ReplayFeed::Made> made = ReplayFeed::make(path, options, error);
    if (!made) {
        m_workspace->replay()->clear();
        m_workspace->setWatchlist({});
        reportNotStarted(QStringLiteral("replay"), *error);
        return false;
    }
    const QString venue = made->venue;
    auto runtime = std::make_unique<Runtime>();
    runtime->venue = venue;
    runtime->driver = findVenueDriver(venue);
    runtime->settings.venue = venue;
    QObject *inbox = runtime->inbox.get();
    ReplayFeed *control = made->control;
    ReplayControl *state = m_workspace->replay();
    connect(control, &ReplayFeed::lengthKnown, inbox, [state](qint64 endNs) { state->setEndMs(endNs / 1'000'000); });
    connect(control, &ReplayFeed::progress, inbox,
            [this, state](qint64 positionNs, bool paused, bool finished, double speed) {
                m_replayPositionNs = positionNs;
                m_replayOptions.paused = paused;
                state->setPositionMs(positionNs / 1'000'000);
                state->setState(!paused && !finished, finished, speed);
            });
    connect(control, &ReplayFeed::damaged, inbox,
            [state](const QStringList &problems) { state->setProblem(problems.join(QLatin1Char('\n'))); });

    if (made->command == QLatin1String("account")) {
        // An account recording: its account in the Account panel; the market panels have nothing to show.
        runAccountFeed(*runtime, made->account, made->label.isEmpty() ? tr("Recorded account") : made->label,
                       std::move(made->feed));
    } else if (made->command == QLatin1String("app")) {
        // Recorded by the app: the feed is wired as a live one (its controller, its watchlist from the recorded
        // settings), so the panels ask it for what they asked live; what it would send goes nowhere.
        runtime->settings = made->settings;
        runFeed(*runtime, std::move(made->feed), FeedWiring::Live);
        runtime->watchlist = runtime->driver->watchlist(runtime->settings, {});
    } else {
        runFeed(*runtime, std::move(made->feed), FeedWiring::RecordedCommand);
    }
    QMetaObject::invokeMethod(control, &ReplayFeed::start, Qt::QueuedConnection);
    m_replay = control;
    m_replayPath = path;
    m_replayOptions = options;
    m_replayPositionNs = made->startNs;
    m_workspace->feeds()->setVenueLabel(venue, replayLabel(venue));
    state->setRecording(path, venue, made->command, made->startNs / 1'000'000);
    state->setState(!options.paused, false, options.speed);
    m_venues[venue] = std::move(runtime);
    m_workspace->setDemoMode(false);
    publishWatchlist();
    // The instrument shown before (a seek back, or the same instrument live) is selected already, so selecting it
    // did nothing: the new feed is asked for it here, as live -- its streams and the chart's history, whose
    // recorded answer the player waits for.
    if (!selected.isEmpty() && m_workspace->selectedKey() == selected)
        m_workspace->resubscribeSelection();
    Q_EMIT venuesChanged();
    return true;
}

void MarketSession::noteReplayedSymbols(const QString &venue, const EventBatch &batch)
{
    const auto it = m_venues.find(venue);
    if (it == m_venues.end())
        return;
    Runtime &runtime = *it->second;
    bool added = false;
    for (const MarketEvent &event : batch) {
        const QString symbol = eventSymbol(event);
        if (symbol.isEmpty())
            continue;
        const InstrumentId id { venue, symbol, symbol };
        if (runtime.watchlist.contains(id))
            continue;
        runtime.watchlist.append({ venue, symbol, m_hub->displayName(id.key()) });
        added = true;
    }
    if (added)
        publishWatchlist();
}

// Forward: the replayed feed applies what lies between as fast as it can. Back: the recording is played again from
// its start, as fast as possible up to the time asked for, into a clean slate; speed and pause are kept.
void MarketSession::seekReplay(qint64 positionMs)
{
    if (!m_replay)
        return;
    const qint64 targetNs = positionMs * 1'000'000;
    if (targetNs > m_replayPositionNs) {
        QMetaObject::invokeMethod(
            m_replay, [replay = m_replay, targetNs] { replay->seekForward(targetNs); }, Qt::QueuedConnection);
        return;
    }
    ReplayFeed::Options options = m_replayOptions;
    options.fromNs = targetNs;
    QString why;
    if (!startReplay(m_replayPath, options, &why))
        m_workspace->replay()->setOpenError(why);
}

void MarketSession::closeReplay()
{
    if (!m_replay)
        return;
    stopAll();
    m_workspace->replay()->clear();
    m_workspace->recording()->setAvailable(true);
    m_workspace->setWatchlist({});
    QString why;
    if (m_liveStarted && !start(m_live, &why))
        qCWarning(lcApp).noquote() << "cannot start:" << why;
    Q_EMIT venuesChanged();
}

} // namespace tapescope
