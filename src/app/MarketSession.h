#pragma once

#include "ReplayFeed.h"
#include "RoutingFeedController.h"
#include "credentials/VenueCredentials.h"
#include "venues/api/VenueSettings.h"

#include <QtCore/QJsonObject>
#include <QtCore/QObject>
#include <QtCore/QStringList>
#include <QtCore/QTimer>

#include <functional>
#include <map>
#include <memory>
#include <vector>

namespace tapescope {

class AccountHub;
class MarketHub;
class VenueFeed;
class Workspace;

// Everything behind the UI for one run: one venue service per enabled venue, each in its own worker
// thread (and, in demo mode, each venue's embedded emulator), all feeding one MarketHub; one
// FeedController adapter per venue behind a router; and the Workspace the QML binds to.
// A venue can be reconfigured or switched off while the others keep running. Each account the venue's settings
// follow has its own account feed (VenueDriver::createAccountFeed) in its own worker thread, feeding one AccountHub.
class MarketSession : public QObject
{
    Q_OBJECT

public:
    struct VenueLaunch
    {
        VenueSettings settings;
        VenueCredentials credentials;
        bool demo = false; // run the venue's embedded emulator and connect to it
    };
    struct Config
    {
        int displayRate = 60;
        QList<VenueLaunch> venues;
        QString initialKey; // "hyperliquid:BTC" or "o2:fFUEL/fUSDC" (venue:display); empty: the first watchlist row
    };

    explicit MarketSession(QObject *parent = nullptr);
    ~MarketSession() override;

    // Fails (with *error) when no venue could start; the session is still usable (empty) so the settings can
    // be fixed. Venues that could not start show as down with the reason.
    bool start(const Config &config, QString *error);
    // Replaces the venue's feed with one for `launch` (stops it when disabled). The venue's instruments
    // are re-subscribed on the new feed; nothing it showed before is kept as live.
    bool reconfigureVenue(const VenueLaunch &launch, QString *error);
    void setDisplayRate(int framesPerSecond);

    // Recordings (docs/recording.md, "In the app"): the panels show `path` played back instead of the live
    // venues, which stop; Workspace::replay() says where it is and carries the trader's requests (play, pause,
    // speed, seek; open another recording; close it, which starts the live venues of start() again). False with
    // *error, the session unchanged, when the file is not a recording this build can replay.
    bool startReplay(const QString &path, const ReplayFeed::Options &options, QString *error);
    bool isReplaying() const { return m_replay != nullptr; }

    // Recording the live session (docs/recording.md, "In the app"): each running venue's market feed starts again
    // with a recorder, into `<folder>/<venue>-<UTC time>.tape`, and so does each of its account feeds, into
    // `<folder>/<venue>-account-<account>-<UTC time>.tape`, until recording is switched off (the files are then
    // closed, complete). Workspace::recording() shows it and carries the window's requests. False with *error when
    // nothing could be recorded (a replay plays, the folder cannot be made).
    bool setRecording(bool on, QString *error);
    bool isRecording() const { return m_recordingOn; }
    void setRecordingFolder(const QString &folder);
    // Each file of the next recording stops when it would grow past `maxBytes` or once it is `maxDurationNs`
    // old (0 = no limit; the settings give MB of 1,000,000 bytes and minutes): the file is closed, complete, its end
    // marker saying limitReached, and the feed goes on unrecorded. Workspace::recording() says which venues stopped
    // and why; when all did, the recording is over.
    void setRecordingLimits(qint64 maxBytes, qint64 maxDurationNs);
    QStringList recordingFiles() const;
    // What closing a recording starts when the session began with one (tapescope --replay).
    void rememberLive(const Config &config)
    {
        m_live = config;
        m_liveStarted = true;
    }

    bool isDemo() const;
    QStringList runningVenues() const;
    MarketHub *hub() const { return m_hub; }
    AccountHub *accounts() const { return m_accounts; }
    Workspace *workspace() const { return m_workspace; }
    // Lives in its worker thread: connect to its signals, call its slots only queued.
    VenueFeed *feed(const QString &venue) const;
    QList<VenueFeed *> feeds() const; // every running venue's
    QList<QObject *> emulators() const; // demo mode: every running venue's embedded emulator
    QList<VenueFeed *> accountFeeds(const QString &venue) const; // the venue's account feeds (same rules)

Q_SIGNALS:
    void venuesChanged();

private:
    struct Runtime;
    struct AccountRuntime;
    struct FeedRecording;
    void stopAll();
    std::unique_ptr<VenueFeed> createFeed(Runtime &runtime, QString *error);
    std::unique_ptr<VenueFeed> createAccountFeed(Runtime &runtime, const VenueAccount &account,
                                                 FeedRecording *recording, QString *error);
    // Makes a feed (`make`) with a recorder current, so that it records into a new file of the sessions folder,
    // `<fileStem>-<UTC time>.tape`, whose header holds the venue's settings and `extra`. Without a feed the file is
    // removed and `recording` is left as it was.
    std::unique_ptr<VenueFeed> createRecordedFeed(FeedRecording &recording, const Runtime &runtime,
                                                  const QString &fileStem, const QJsonObject &extra,
                                                  const std::function<std::unique_ptr<VenueFeed>()> &make,
                                                  QString *error);
    std::vector<FeedRecording *> activeRecordings() const; // every feed's, market and account
    enum class FeedWiring { Live, RecordedCommand };
    void runFeed(Runtime &runtime, std::unique_ptr<VenueFeed> feed, FeedWiring wiring);
    AccountRuntime &runAccountFeed(Runtime &runtime, const QString &account, const QString &label,
                                   std::unique_ptr<VenueFeed> feed);
    void restartFeed(Runtime &runtime);
    void closeRecording(FeedRecording &recording);
    void stopAccounts(Runtime &runtime);
    void updateRecordedBytes();
    void checkRecordingLimits();
    void closeReplay();
    void seekReplay(qint64 positionMs);
    void noteReplayedSymbols(const QString &venue, const EventBatch &batch);
    void startAccounts(Runtime &runtime);
    void selectInstrumentOnAccounts();
    bool startVenue(const VenueLaunch &launch, QString *error);
    void stopVenue(const QString &venue);
    // A venue listed instruments: its watchlist rows may now be known (O2's pairs, Kalshi's NFL markets).
    void noteListing(const QString &venue, const QList<Instrument> &instruments);
    void publishWatchlist();
    bool selectPending();
    void reportNotStarted(const QString &venue, const QString &why);

    MarketHub *m_hub = nullptr;
    AccountHub *m_accounts = nullptr;
    RoutingFeedController m_router;
    Workspace *m_workspace = nullptr;
    std::map<QString, std::unique_ptr<Runtime>> m_venues;
    QString m_pendingSelection; // Config::initialKey until that row exists
    QString m_accountSelection; // the instrument the account feeds were last told about
    Config m_live; // what start() started: what closing a recording goes back to
    bool m_liveStarted = false;
    ReplayFeed *m_replay = nullptr; // lives in the replayed feed's thread: queued calls only
    QString m_replayPath;
    ReplayFeed::Options m_replayOptions;
    qint64 m_replayPositionNs = 0;
    bool m_recordingOn = false;
    QString m_recordingFolder;
    qint64 m_recordingMaxBytes = 0;
    qint64 m_recordingMaxDurationNs = 0;
    QStringList m_limitStopped; // the feeds whose file a limit closed, in this recording (their status-bar names)
    QString m_recordingError;
    qint64 m_recordedBytes = 0; // of files already closed in this recording
    QTimer m_recordingTimer; // the files' sizes for the status bar, and their limits
};

} // namespace tapescope
