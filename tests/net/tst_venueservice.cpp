// VenueService, the skeleton of every venue service: batching (order, size, timer), errors in the batch,
// the lifecycle hooks, and the status with the venue's word on it. A scripted venue stands in for a codec.
#include "net/VenueService.h"

#include <QtCore/QElapsedTimer>
#include <QtCore/QLoggingCategory>
#include <QtTest/QSignalSpy>
#include <QtTest/QTest>

using namespace Qt::StringLiterals;
using namespace std::chrono_literals;
using namespace tapescope;

Q_LOGGING_CATEGORY(lcScripted, "tapescope.venue.scripted")

namespace {

Trade trade(const QString &id)
{
    Trade trade;
    trade.venue = u"scripted"_s;
    trade.symbol = u"BTC"_s;
    trade.id = id;
    return trade;
}

// Never opened in these tests: the connection only supplies the state the status starts from.
ConnectionConfig unusedConnection()
{
    ConnectionConfig config;
    config.url = QUrl(u"ws://127.0.0.1:9/ws"_s);
    return config;
}

class ScriptedService : public VenueService
{
public:
    explicit ScriptedService(Batching batching)
        : VenueService(u"scripted"_s, unusedConnection(), batching, lcScripted, nullptr)
    { }

    // What a venue's onFrame() does with a decoded frame.
    void decode(const QList<MarketEvent> &events)
    {
        for (const MarketEvent &event : events)
            pendingEvents().push_back(event);
        eventsAdded();
    }

    using VenueService::connection;
    using VenueService::flush;
    using VenueService::publishStatus;
    using VenueService::reportError;

    int starts = 0;
    int stops = 0;
    int deadlineChecks = 0;
    QList<std::size_t> closedBatches;
    quint64 malformed = 0;
    FeedReason sessionReason;

private:
    void startFeed() override { ++starts; }
    void stopFeed() override { ++stops; }
    void checkDeadlines() override { ++deadlineChecks; }
    void batchClosing(const EventBatch &batch) override { closedBatches.append(batch.size()); }
    void adjustStatus(FeedStatus &status) const override
    {
        status.malformedFrames = malformed;
        if (!sessionReason.isNone()) {
            status.state = ConnectionState::Connecting;
            status.reason = sessionReason;
        }
    }
};

QString tradeId(const MarketEvent &event)
{
    const auto *traded = std::get_if<Trade>(&event);
    return traded ? traded->id : QString();
}

} // namespace

class TestVenueService : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void errorsAndEventsLeaveInOrderInOneBatch()
    {
        ScriptedService service({ 0, 512 });
        QSignalSpy batches(&service, &VenueFeed::eventsReady);
        service.decode({ trade(u"1"_s) });
        service.reportError(u"invalid_subscription"_s, u"no such market"_s, u"XYZ"_s);
        service.decode({ trade(u"2"_s), trade(u"3"_s) });
        QCOMPARE(batches.count(), 0); // nothing goes out before the worker's queue drains

        QTRY_COMPARE(batches.count(), 1);
        const auto batch = batches.at(0).at(0).value<EventBatch>();
        QCOMPARE(batch.size(), std::size_t(4));
        QCOMPARE(tradeId(batch[0]), u"1"_s);
        const auto *error = std::get_if<FeedError>(&batch[1]);
        QVERIFY(error);
        QCOMPARE(error->venue, u"scripted"_s);
        QCOMPARE(error->code, u"invalid_subscription"_s);
        QCOMPARE(error->message, u"no such market"_s);
        QCOMPARE(error->symbol, u"XYZ"_s);
        QCOMPARE(tradeId(batch[2]), u"2"_s);
        QCOMPARE(tradeId(batch[3]), u"3"_s);
    }

    void anErrorAloneStillGoesOut()
    {
        ScriptedService service({ 20, 512 });
        QSignalSpy batches(&service, &VenueFeed::eventsReady);
        service.reportError(u"metadata"_s, u"meta request failed"_s);
        QTRY_COMPARE(batches.count(), 1);
        QVERIFY(std::holds_alternative<FeedError>(batches.at(0).at(0).value<EventBatch>().front()));
    }

    void aFullBatchGoesOutAtOnce()
    {
        ScriptedService service({ 60000, 3 });
        QSignalSpy batches(&service, &VenueFeed::eventsReady);
        service.decode({ trade(u"1"_s), trade(u"2"_s) });
        QCOMPARE(batches.count(), 0);
        service.decode({ trade(u"3"_s) });
        QCOMPARE(batches.count(), 1); // no event loop needed: the size flushes
        QCOMPARE(batches.at(0).at(0).value<EventBatch>().size(), std::size_t(3));
        QCOMPARE(service.closedBatches, (QList<std::size_t> { 3 }));
    }

    void theTimerKeepsTheInterval()
    {
        ScriptedService service({ 150, 512 });
        QSignalSpy batches(&service, &VenueFeed::eventsReady);
        QElapsedTimer sinceFirst;
        sinceFirst.start();
        service.decode({ trade(u"1"_s) });
        QTest::qWait(30);
        service.decode({ trade(u"2"_s) }); // joins the batch; does not restart the timer
        QTRY_COMPARE_WITH_TIMEOUT(batches.count(), 1, 2000);
        QVERIFY2(sinceFirst.elapsed() >= 140, qPrintable(QString::number(sinceFirst.elapsed())));
        QCOMPARE(batches.at(0).at(0).value<EventBatch>().size(), std::size_t(2));
    }

    void startsOnceAndStopFlushesWhatIsPending()
    {
        ScriptedService service({ 60000, 512 });
        QSignalSpy batches(&service, &VenueFeed::eventsReady);
        QSignalSpy statuses(&service, &VenueFeed::feedStatusChanged);
        service.start();
        service.start();
        QCOMPARE(service.starts, 1);
        QVERIFY(service.isStarted());

        service.decode({ trade(u"1"_s), trade(u"2"_s) });
        service.stop();
        QVERIFY(!service.isStarted());
        QCOMPARE(service.stops, 1);
        QCOMPARE(batches.count(), 1); // at once, not when the timer would have fired
        QCOMPARE(batches.at(0).at(0).value<EventBatch>().size(), std::size_t(2));

        QVERIFY(!statuses.isEmpty());
        const auto last = statuses.constLast().at(0).value<FeedStatus>();
        QCOMPARE(last.state, ConnectionState::Down);
        QCOMPARE(last.reason, FeedReason(FeedReason::Code::Stopped));
        QCOMPARE(service.connection()->state(), ConnectionState::Down);
    }

    void statusCarriesTheVenuesWord()
    {
        ScriptedService service({ 0, 512 });
        QSignalSpy statuses(&service, &VenueFeed::feedStatusChanged);
        service.malformed = 3;
        service.sessionReason = { FeedReason::Code::SigningIn };
        service.publishStatus();
        QCOMPARE(statuses.count(), 1);
        const auto status = statuses.at(0).at(0).value<FeedStatus>();
        QCOMPARE(status.venue, u"scripted"_s);
        QCOMPARE(service.venue(), u"scripted"_s);
        QCOMPARE(status.malformedFrames, 3u);
        QCOMPARE(status.state, ConnectionState::Connecting);
        QCOMPARE(status.reason, FeedReason(FeedReason::Code::SigningIn));
    }

    void statusIsPublishedEverySecondWithTheDeadlinesChecked()
    {
        ScriptedService service({ 0, 512 });
        QSignalSpy statuses(&service, &VenueFeed::feedStatusChanged);
        service.start();
        QTRY_VERIFY_WITH_TIMEOUT(statuses.count() >= 1, 2500);
        QCOMPARE(service.deadlineChecks, int(statuses.count()));
        service.stop();
        const int deadlineChecks = service.deadlineChecks;
        QTest::qWait(1200);
        QCOMPARE(service.deadlineChecks, deadlineChecks); // stopped: no more ticks
    }

    void everyFlushClosesTheBatchEvenAnEmptyOne()
    {
        ScriptedService service({ 60000, 512 });
        service.flush();
        service.decode({ trade(u"1"_s) });
        service.flush();
        QCOMPARE(service.closedBatches, (QList<std::size_t> { 0, 1 }));
    }
};

QTEST_GUILESS_MAIN(TestVenueService)
#include "tst_venueservice.moc"
