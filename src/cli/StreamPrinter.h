#pragma once

#include "core/AccountEvents.h"
#include "core/Events.h"
#include "net/FeedStatus.h"
#include "venues/api/StreamSource.h"

#include <QtCore/QObject>
#include <QtCore/QTimer>

#include <cstdio>

namespace tapescope {
class VenueFeed;
}

namespace tapescope::cli {

// Prints a venue feed as normalized JSON lines and decides when `stream` is done (any venue).
// Policy: a first connection that fails is fatal (exit 2); once live, drops are survived by reconnecting
// (the service re-subscribes); a venue rejection of the subscription is fatal (exit 3).
class StreamPrinter : public QObject
{
public:
    using Options = StreamPrintOptions;

    StreamPrinter(VenueFeed *feed, Options options, QObject *parent = nullptr);

    int exitCode() const { return m_exitCode; }
    // Exit with `code` after printing `message` on stderr (used by venue setup code too).
    void fail(int code, const QString &message);

    // Stops the feed and ends the event loop with `code`, printing nothing more.
    void finish(int code);
    // While muted, events are counted (--count) but not printed (record --quiet, replay --from).
    void setMuted(bool muted) { m_muted = muted; }

    static void writeLine(FILE *stream, const QByteArray &line);

private:
    void onEvents(const EventBatch &batch);
    void onAccountEvents(const AccountEventBatch &batch);
    void onStatus(const FeedStatus &status);

    VenueFeed *m_feed;
    Options m_options;
    quint64 m_printed = 0;
    bool m_wasLive = false;
    bool m_live = false;
    bool m_dataSinceLive = false;
    int m_barrenDrops = 0;
    bool m_finished = false;
    bool m_muted = false;
    int m_exitCode = 0;
    QString m_lastState;
    QString m_lastDetail;
    QTimer m_downTimer;
};

} // namespace tapescope::cli
