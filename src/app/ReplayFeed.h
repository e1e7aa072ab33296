#pragma once

#include "net/FeedTape.h"
#include "record/TapeReader.h"
#include "venues/api/VenueSettings.h"

#include <QtCore/QJsonObject>
#include <QtCore/QObject>
#include <QtCore/QTimer>

#include <memory>
#include <optional>

namespace tapescope {

class VenueFeed;

// One recording played into the app (docs/recording.md, "In the app"): its reader, the TapePlayer and the feed the
// recorded command line makes, which is the venue's real service, so the frames go through the same codec →
// service → hub path as live. The ReplayFeed is a child of that feed and lives in its worker thread; the GUI
// calls its slots queued and hears its progress through signals.
class ReplayFeed : public QObject
{
    Q_OBJECT

public:
    struct Options
    {
        double speed = 1; // 0: as fast as possible
        bool paused = false;
        qint64 fromNs = 0; // played as fast as possible up to here (a seek)
    };
    struct Made
    {
        std::unique_ptr<VenueFeed> feed; // owns the ReplayFeed; not started, in the calling thread
        ReplayFeed *control = nullptr;
        QString venue;
        // "stream" or "account" (recorded by tapescope-cli or, for an account feed, by the app), "app" (a market feed
        // recorded by the app)
        QString command;
        VenueSettings settings; // recorded by the app: the venue's settings as recorded
        QString account; // `account` recordings: the account (--user, or the app's account)
        QString label; // an account recorded by the app: the trader's name for it (may be empty)
        qint64 startNs = 0;
    };
    // Opens `path` and makes its feed: the recorded command line's, or for an app recording the venue driver's from
    // the recorded settings (with VenueDriver::replayCredentials()); nullopt with *error when it is not a recording
    // this build can replay. The player stays the current FeedTape (feedClockMs() is the recording's clock) until
    // stop() or its deletion.
    static std::optional<Made> make(const QString &path, const Options &options, QString *error);
    ~ReplayFeed() override;

public Q_SLOTS:
    // Learns the recording's end (one pass over the file), then plays. In the feed's thread, after its start().
    void start();
    void setPaused(bool paused);
    void setSpeed(double speed);
    // Forward only: what lies between is applied as fast as possible. A seek back makes a new feed.
    void seekForward(qint64 timeNs);

Q_SIGNALS:
    void lengthKnown(qint64 endNs);
    // At most ten times a second while the recording's time moves, and when playing stops or ends.
    void progress(qint64 positionNs, bool paused, bool finished, double speed);
    // What of the file could not be read (damage, a cut-off end); the intact records were played.
    void damaged(const QStringList &problems);

private:
    ReplayFeed(const QString &path, const Options &options);
    static std::optional<Made> makeAppFeed(std::unique_ptr<ReplayFeed> control, QString *error);
    void report();

    QString m_path;
    Options m_options;
    std::unique_ptr<tape::TapeReader> m_reader = std::make_unique<tape::TapeReader>();
    TapePlayer m_player { m_reader.get(), this }; // after the reader: deleted before it
    QTimer m_progress { this };
    qint64 m_reportedNs = -1;
    bool m_reportedPaused = false;
};

} // namespace tapescope
