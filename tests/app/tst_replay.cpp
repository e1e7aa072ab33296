// Recordings in the app (docs/recording.md, "In the app"): MarketSession::startReplay plays a shipped recording
// through the venue's real service into the hub, and the state it ends in is the one the live session printed
// last (tests/data/recordings/NAME.out). Pause holds the recording's clock, a seek back replays from the start, a
// file that is not a recording is refused and the session keeps what it had.

#include "app/MarketSession.h"
#include "core/AccountState.h"
#include "core/Decimal.h"
#include "emulator/hyperliquid/HyperliquidEmulator.h"
#include "market/AccountHub.h"
#include "market/MarketHub.h"
#include "models/FeedStatusModel.h"
#include "models/OrderBookModel.h"
#include "models/RecordingControl.h"
#include "models/ReplayControl.h"
#include "models/WatchlistModel.h"
#include "models/Workspace.h"
#include "record/TapeReader.h"
#include "venues/api/VenueDescription.h"
#include "venues/api/VenueModule.h"

#include <QtCore/QElapsedTimer>
#include <QtCore/QFile>
#include <QtCore/QJsonArray>
#include <QtCore/QJsonDocument>
#include <QtCore/QJsonObject>
#include <QtCore/QTemporaryDir>
#include <QtTest/QSignalSpy>
#include <QtTest/QtTest>

using namespace Qt::StringLiterals;
using namespace tapescope;

namespace {

QString recording(const char *name)
{
    return QStringLiteral(TAPESCOPE_TEST_DATA_DIR "/recordings/") + QLatin1String(name);
}

// The lines the live session printed (NAME.out).
QList<QJsonObject> printedLines(const char *name)
{
    QFile file(recording(name));
    if (!file.open(QIODevice::ReadOnly))
        return {};
    QList<QJsonObject> lines;
    while (!file.atEnd())
        lines.append(QJsonDocument::fromJson(file.readLine()).object());
    return lines;
}

// "price,size" per level, best first, numerically normalized (the printer writes "97015.0", the book 97015).
QStringList levels(const QJsonArray &side)
{
    QStringList out;
    for (const QJsonValue &level : side) {
        const QJsonArray pair = level.toArray();
        const auto price = Decimal::parse(pair.at(0).toString());
        const auto size = Decimal::parse(pair.at(1).toString());
        out << (price && size ? price->toString() + u',' + size->toString() : u"?"_s);
    }
    return out;
}

QStringList levels(const std::vector<DepthLevel> &side)
{
    QStringList out;
    for (const DepthLevel &level : side)
        out << level.price.toString() + u',' + level.size.toString();
    return out;
}

// Plays `path` to its end in `session` and returns the one account it shows (nullptr, with *problem, otherwise).
const AccountRecord *replayedAccount(MarketSession &session, const QString &path, QString *problem)
{
    if (!session.startReplay(path, { 0, false, 0 }, problem))
        return nullptr;
    if (!QTest::qWaitFor([&session] { return session.workspace()->replay()->finished(); }, 20000)) {
        *problem = u"the replay did not finish within 20 s"_s;
        return nullptr;
    }
    session.accounts()->flush();
    const QStringList keys = session.accounts()->accountKeys();
    if (keys.size() != 1) {
        *problem = u"%1 accounts, not 1"_s.arg(keys.size());
        return nullptr;
    }
    return session.accounts()->account(keys.constFirst());
}

// The open orders' ids, sorted.
QStringList orderIds(const AccountState &state)
{
    QStringList ids = state.openOrders().keys();
    ids.sort();
    return ids;
}

// The file of the market feed among a recording's files (the others are account feeds': "-account-").
QString marketFile(const QStringList &files)
{
    for (const QString &file : files) {
        if (!file.contains(u"-account-"_s))
            return file;
    }
    return {};
}

// The demo Hyperliquid venue alone, BTC and ETH watched, BTC selected: what the REC tests record.
MarketSession::Config demoHyperliquid()
{
    MarketSession::Config config;
    config.initialKey = u"hyperliquid:BTC"_s;
    MarketSession::VenueLaunch launch;
    launch.settings.venue = u"hyperliquid"_s;
    launch.settings.enabled = true;
    launch.settings.watchlist = { u"BTC"_s, u"ETH"_s };
    launch.demo = true;
    config.venues.append(launch);
    return config;
}

} // namespace

class TestReplay : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void bookEndsAsTheLiveSessionPrintedIt()
    {
        MarketSession session;
        QString error;
        QVERIFY2(session.startReplay(recording("hyperliquid-l2book.tape"), { 0, false, 0 }, &error), qPrintable(error));
        ReplayControl *replay = session.workspace()->replay();
        QVERIFY(replay->active());
        QCOMPARE(replay->venue(), u"hyperliquid"_s);
        QTRY_VERIFY_WITH_TIMEOUT(replay->finished(), 20000);
        QVERIFY(replay->endMs() > replay->startMs());
        QCOMPARE(replay->positionMs(), replay->endMs());
        QVERIFY(replay->problem().isEmpty());

        // The watchlist is what the recording holds.
        QCOMPARE(session.workspace()->watchlist()->rowCount(), 1);
        QCOMPARE(session.workspace()->selectedKey(), u"hyperliquid:BTC"_s);

        QJsonObject lastBook;
        for (const QJsonObject &line : printedLines("hyperliquid-l2book.out")) {
            if (line.value(u"type"_s) == u"book"_s)
                lastBook = line;
        }
        QVERIFY(!lastBook.isEmpty());
        // The hub applies batches on its own schedule (the frame clock in the app): flush is what a frame does.
        session.hub()->flush();
        const InstrumentState *btc = session.hub()->instrument(u"hyperliquid:BTC"_s);
        QVERIFY(btc);
        QCOMPARE(levels(btc->book.bids(-1)), levels(lastBook.value(u"bids"_s).toArray()));
        QCOMPARE(levels(btc->book.asks(-1)), levels(lastBook.value(u"asks"_s).toArray()));

        // The recorded drop is replayed: the feed reconnected once, as it did live.
        const FeedHealth *health = session.hub()->feed(u"hyperliquid"_s);
        QVERIFY(health);
        QCOMPARE(health->status.stats.reconnects, 1u);
    }

    void pauseHoldsTheRecordingsClock()
    {
        MarketSession session;
        QString error;
        QVERIFY2(session.startReplay(recording("hyperliquid-l2book.tape"), { 1, true, 0 }, &error), qPrintable(error));
        ReplayControl *replay = session.workspace()->replay();
        QTRY_VERIFY(replay->endMs() > 0);
        QTest::qWait(600);
        QVERIFY(!replay->playing());
        QCOMPARE(replay->positionMs(), replay->startMs());
        replay->play();
        QTRY_VERIFY(replay->playing());
        QTRY_VERIFY_WITH_TIMEOUT(replay->positionMs() > replay->startMs(), 5000);
        replay->pause();
        QTRY_VERIFY(!replay->playing());
        const double held = replay->positionMs();
        QTest::qWait(600);
        QCOMPARE(replay->positionMs(), held);
        QVERIFY(!replay->finished());
    }

    void seekBackPlaysAgainFromTheStart()
    {
        MarketSession session;
        QString error;
        QVERIFY2(session.startReplay(recording("hyperliquid-l2book.tape"), { 0, false, 0 }, &error), qPrintable(error));
        ReplayControl *replay = session.workspace()->replay();
        QTRY_VERIFY_WITH_TIMEOUT(replay->finished(), 20000);
        const double end = replay->endMs();
        const double middle = (replay->startMs() + end) / 2;
        replay->setSpeed(1);
        replay->pause();
        replay->seek(middle);
        // A new feed plays fast up to the middle, then holds there, paused.
        QTRY_VERIFY_WITH_TIMEOUT(!replay->finished() && replay->positionMs() >= middle - 1000, 10000);
        QTest::qWait(500);
        QVERIFY(!replay->finished());
        QVERIFY(replay->positionMs() < end);
        QVERIFY(replay->positionMs() <= middle);
        replay->setSpeed(0);
        replay->play();
        QTRY_VERIFY_WITH_TIMEOUT(replay->finished(), 20000);
        QCOMPARE(replay->positionMs(), end);
    }

    void accountRecordingFillsTheAccount()
    {
        MarketSession session;
        QString error;
        const AccountRecord *account = replayedAccount(session, recording("hyperliquid-account.tape"), &error);
        QVERIFY2(account, qPrintable(error));
        qsizetype fills = 0;
        for (const QJsonObject &line : printedLines("hyperliquid-account.out"))
            fills += line.value(u"type"_s) == u"fill"_s ? 1 : 0;
        QVERIFY(fills > 0);
        QCOMPARE(qsizetype(account->state.fills().size()), fills);
    }

    // REC in the app: the demo Hyperliquid venue records into the sessions folder; the file holds no credential,
    // says it was made by the app, and replayed in a new session it ends on the last book it holds.
    void appRecordingReplaysWhatWasRecorded()
    {
        QTemporaryDir folder;
        QString recorded;
        QString recordedAccount;
        std::size_t liveFills = 0;
        QStringList liveOrders;
        QStringList livePositions;
        {
            const MarketSession::Config config = demoHyperliquid();
            MarketSession session;
            session.setRecordingFolder(folder.path());
            QString error;
            QVERIFY2(session.start(config, &error), qPrintable(error));
            QTRY_VERIFY_WITH_TIMEOUT(session.workspace()->orderBook()->hasData(), 10000);
            QVERIFY2(session.setRecording(true, &error), qPrintable(error));
            RecordingControl *control = session.workspace()->recording();
            QVERIFY(control->active());
            // The market feed's file and the demo trader's account feed's.
            QCOMPARE(control->files().size(), 2);
            recorded = marketFile(control->files());
            QVERIFY(recorded.startsWith(folder.path() + u"/hyperliquid-2"_s));
            recordedAccount = control->files().at(control->files().indexOf(recorded) == 0 ? 1 : 0);
            QVERIFY2(recordedAccount.startsWith(folder.path() + u"/hyperliquid-account-0xdec0de000000-"_s),
                     qPrintable(recordedAccount));
            // The panels asked the new (recorded) feed again: a book comes back and the file grows.
            QTRY_VERIFY_WITH_TIMEOUT(control->bytes() > 0, 10000);
            QTest::qWait(1500);
            // The account as the live session has it when REC stops, once the demo trader stopped acting (and
            // the account is synced with the orders it placed).
            const QStringList keys = session.accounts()->accountKeys();
            QCOMPARE(keys.size(), 1);
            const AccountRecord *account = session.accounts()->account(keys.constFirst());
            QVERIFY(account);
            QTRY_VERIFY_WITH_TIMEOUT((session.accounts()->flush(), !account->state.openOrders().isEmpty()), 15000);
            for (QObject *emulator : session.emulators()) {
                if (auto *hyperliquid = qobject_cast<emulator::HyperliquidEmulator *>(emulator))
                    hyperliquid->setTraderAutomatic(false);
            }
            QTest::qWait(1500);
            session.accounts()->flush();
            liveFills = account->state.fills().size();
            liveOrders = orderIds(account->state);
            livePositions = account->state.positions().keys();
            livePositions.sort();
            QVERIFY(session.setRecording(false, &error));
            QVERIFY(!control->active());
            // Recording stopped, the feed runs on unrecorded.
            QTRY_VERIFY_WITH_TIMEOUT(session.workspace()->orderBook()->hasData(), 10000);
        }

        tape::TapeReader reader;
        QString error;
        QVERIFY2(reader.open(recorded, &error), qPrintable(error));
        QCOMPARE(reader.header().value(u"command"_s).toString(), u"app"_s);
        QJsonObject lastBtcBook;
        int recordedCandleRequests = 0;
        tape::Record record;
        while (reader.next(&record)) {
            QByteArray metadata;
            QByteArray body;
            if (record.kind == tape::RecordKind::RestExchange
                && tape::splitRestPayload(record.payload, &metadata, &body) && metadata.contains("candleSnapshot"))
                ++recordedCandleRequests;
            if (record.kind != tape::RecordKind::FrameReceived)
                continue;
            const QJsonObject frame = QJsonDocument::fromJson(record.payload).object();
            if (frame.value(u"channel"_s) == u"l2Book"_s
                && frame.value(u"data"_s).toObject().value(u"coin"_s) == u"BTC"_s)
                lastBtcBook = frame.value(u"data"_s).toObject();
        }
        QVERIFY(reader.sawEnd());
        QVERIFY(reader.problems().isEmpty());
        QVERIFY2(!lastBtcBook.isEmpty(), "the recording holds BTC books");
        // The chart asked for BTC's history when REC restarted the feed: its time window is the wall clock's then.
        QVERIFY(recordedCandleRequests >= 1);

        MarketSession replaying;
        QElapsedTimer replayTook;
        replayTook.start();
        QVERIFY2(replaying.startReplay(recorded, { 0, false, 0 }, &error), qPrintable(error));
        QTRY_VERIFY_WITH_TIMEOUT(replaying.workspace()->replay()->finished(), 20000);
        // The replayed chart asks for a window ending now, not then, and gets the recorded answer: the replay never
        // waited out the 10 s grace for a request it took for unmade (before: 10.2 s for this recording, and no
        // history in the chart).
        QVERIFY2(replayTook.elapsed() < 5000, qPrintable(QString::number(replayTook.elapsed())));
        replaying.hub()->flush();
        const CandleSeries *history = replaying.hub()->candles(u"hyperliquid:BTC"_s, u"1m"_s);
        QVERIFY(history);
        QVERIFY(history->size() > 10);
        const InstrumentState *btc = replaying.hub()->instrument(u"hyperliquid:BTC"_s);
        QVERIFY(btc);
        QStringList bids;
        QStringList asks;
        const QJsonArray levelsBySide = lastBtcBook.value(u"levels"_s).toArray();
        for (const QJsonValue &level : levelsBySide.at(0).toArray()) {
            const QJsonObject o = level.toObject();
            bids << Decimal::parse(o.value(u"px"_s).toString())->toString() + u','
                    + Decimal::parse(o.value(u"sz"_s).toString())->toString();
        }
        for (const QJsonValue &level : levelsBySide.at(1).toArray()) {
            const QJsonObject o = level.toObject();
            asks << Decimal::parse(o.value(u"px"_s).toString())->toString() + u','
                    + Decimal::parse(o.value(u"sz"_s).toString())->toString();
        }
        QCOMPARE(levels(btc->book.bids(-1)), bids);
        QCOMPARE(levels(btc->book.asks(-1)), asks);
        // Recorded by the app, replayed as the app ran it: the watchlist is the recorded settings'.
        QCOMPARE(replaying.workspace()->watchlist()->rowCount(), 2);

        // A seek back makes a new feed for the instrument still selected: the panels ask it again, so the chart's
        // history is answered and the player does not wait for it (before: selecting the same instrument did
        // nothing, every seek back stood still 10 s and the chart stayed empty).
        ReplayControl *replay = replaying.workspace()->replay();
        const double middle = (replay->startMs() + replay->endMs()) / 2;
        replay->pause();
        replayTook.restart();
        replay->seek(middle);
        QTRY_VERIFY_WITH_TIMEOUT(!replay->finished() && replay->positionMs() >= middle - 1000, 10000);
        replay->play();
        QTRY_VERIFY_WITH_TIMEOUT(replay->finished(), 20000);
        QVERIFY2(replayTook.elapsed() < 5000, qPrintable(QString::number(replayTook.elapsed())));
        replaying.hub()->flush();
        const CandleSeries *again = replaying.hub()->candles(u"hyperliquid:BTC"_s, u"1m"_s);
        QVERIFY(again);
        QVERIFY(again->size() > 10);
        // The account feed's file, opened in the app: the Account panel ends as the live session's account was.
        tape::TapeReader accountReader;
        QVERIFY2(accountReader.open(recordedAccount, &error), qPrintable(error));
        QCOMPARE(accountReader.header().value(u"command"_s).toString(), u"app-account"_s);
        QCOMPARE(accountReader.header().value(u"account"_s).toString(),
                 emulator::HyperliquidEmulator::demoTraderAddress());
        MarketSession accountReplay;
        const AccountRecord *replayed = replayedAccount(accountReplay, recordedAccount, &error);
        QVERIFY2(replayed, qPrintable(error));
        QCOMPARE(replayed->state.fills().size(), liveFills);
        QCOMPARE(orderIds(replayed->state), liveOrders);
        QStringList replayedPositions = replayed->state.positions().keys();
        replayedPositions.sort();
        QCOMPARE(replayedPositions, livePositions);
    }

    // A limit of the settings stops REC by itself: the demo Hyperliquid venue's file is closed at 24 kB or after
    // 1 s, complete (its end marker says limitReached), the control says so and no longer records, and the live
    // feed goes on.
    void appRecordingStopsAtItsLimit_data()
    {
        QTest::addColumn<qint64>("maxBytes");
        QTest::addColumn<qint64>("maxDurationNs");
        QTest::addColumn<QString>("text");
        QTest::newRow("24 kB") << qint64(24'000) << qint64(0) << u"REC stopped: 24 kB limit reached"_s;
        QTest::newRow("1 s") << qint64(0) << qint64(1'000'000'000) << u"REC stopped: 1-second limit reached"_s;
    }

    void appRecordingStopsAtItsLimit()
    {
        QFETCH(qint64, maxBytes);
        QFETCH(qint64, maxDurationNs);
        QFETCH(QString, text);
        QLocale::setDefault(QLocale::c());
        QTemporaryDir folder;
        const MarketSession::Config config = demoHyperliquid();
        MarketSession session;
        session.setRecordingFolder(folder.path());
        session.setRecordingLimits(maxBytes, maxDurationNs);
        QString error;
        QVERIFY2(session.start(config, &error), qPrintable(error));
        QTRY_VERIFY_WITH_TIMEOUT(session.workspace()->orderBook()->hasData(), 10000);
        QVERIFY2(session.setRecording(true, &error), qPrintable(error));
        RecordingControl *control = session.workspace()->recording();
        QVERIFY(control->active());
        QVERIFY(control->limitText().isEmpty());
        const QString recorded = marketFile(control->files());
        QVERIFY(!recorded.isEmpty());
        QTRY_VERIFY_WITH_TIMEOUT(control->limitStopped().contains(u"hyperliquid"_s), 30000);
        if (maxDurationNs > 0) {
            // Every file is that old at once: the demo trader's account file stops too, and so does REC.
            QTRY_VERIFY_WITH_TIMEOUT(!control->active(), 10000);
            QVERIFY(!session.isRecording());
            QCOMPARE(control->limitText(), text);
        } else if (control->active()) {
            // The account's file, a few kB, records on; the status bar says which file stopped.
            QCOMPARE(control->limitText(), u"hyperliquid stopped: 24 kB limit reached"_s);
        }
        QVERIFY(control->error().isEmpty());
        QVERIFY(control->files().contains(recorded)); // still listed: the tooltip names it
        const qint64 size = QFileInfo(recorded).size();
        if (maxBytes > 0) {
            QVERIFY2(size <= maxBytes, qPrintable(QString::number(size)));
            QVERIFY2(size > maxBytes / 2, qPrintable(QString::number(size))); // stopped at the limit, not before
        }
        QVERIFY(qint64(control->bytes()) >= size);

        // Closed, complete: the reader sees the end marker, and it says why.
        tape::TapeReader reader;
        QVERIFY2(reader.open(recorded, &error), qPrintable(error));
        tape::Record record;
        tape::Record last;
        qint64 lastFrameNs = 0;
        while (reader.next(&record)) {
            if (record.kind == tape::RecordKind::FrameReceived)
                lastFrameNs = record.timeNs;
            last = record;
        }
        QVERIFY(reader.sawEnd());
        QVERIFY(reader.problems().isEmpty());
        QCOMPARE(last.kind, tape::RecordKind::Marker);
        QVERIFY2(last.payload.contains(R"("limitReached":true)"), last.payload.constData());
        if (maxDurationNs > 0) {
            const qint64 startNs = reader.header().value(u"startTimeNs"_s).toString().toLongLong();
            QVERIFY(lastFrameNs > startNs);
            QVERIFY(lastFrameNs - startNs <= maxDurationNs);
        }

        // The live feed goes on, unrecorded: the file does not grow, a new book arrives.
        QSignalSpy books(session.hub(), &MarketHub::bookChanged);
        QTRY_VERIFY_WITH_TIMEOUT(books.count() > 0, 10000);
        QCOMPARE(QFileInfo(recorded).size(), size);

        // REC again (after stopping what still records): new files, the limit's words gone.
        QVERIFY(session.setRecording(false, &error));
        QVERIFY2(session.setRecording(true, &error), qPrintable(error));
        QVERIFY(control->active());
        QVERIFY(control->limitText().isEmpty());
        QVERIFY(!control->files().contains(recorded));
        QVERIFY(session.setRecording(false, &error));
        QLocale::setDefault(QLocale::system());
    }

    // REC with all five demo venues, on and off twice: every venue's feed is made again recorded, then again
    // unrecorded, while the others run; each file is closed whole. Before each feed got a new thread
    // (FeedThread::run), restarting the venue's finished QThread crashed this within seconds of a stop: a timer
    // event for a freed QTimer in a feed thread (2 of 2 runs).
    void recordingEveryDemoVenueStartsAndStopsCleanly()
    {
        QTemporaryDir folder;
        MarketSession::Config config;
        config.initialKey = u"hyperliquid:BTC"_s;
        const QStringList venues { u"hyperliquid"_s, u"kalshi"_s, u"alpaca"_s, u"o2"_s, u"fiml"_s };
        for (const QString &venue : venues) {
            MarketSession::VenueLaunch launch;
            launch.settings.venue = venue;
            launch.settings.enabled = true;
            launch.demo = true;
            config.venues.append(launch);
        }
        MarketSession session;
        session.setRecordingFolder(folder.path());
        QString error;
        QVERIFY2(session.start(config, &error), qPrintable(error));
        QTest::qWait(1500);
        RecordingControl *control = session.workspace()->recording();
        for (int round = 0; round < 2; ++round) {
            QVERIFY2(session.setRecording(true, &error), qPrintable(error));
            // One file per venue's market feed, and one per account feed (the demo venues' demo accounts).
            QStringList marketFiles;
            for (const QString &file : control->files()) {
                if (!file.contains(u"-account-"_s))
                    marketFiles << QFileInfo(file).fileName().section(u'-', 0, 0);
            }
            marketFiles.sort();
            QStringList expected = venues;
            expected.sort();
            QCOMPARE(marketFiles, expected);
            QCOMPARE(control->files().size(), venues.size() + session.accounts()->accountKeys().size());
            QTest::qWait(2000);
            const QStringList files = control->files();
            QVERIFY(session.setRecording(false, &error));
            QVERIFY(!control->active());
            QTest::qWait(3000); // the feeds run on unrecorded, the others' threads too
            for (const QString &file : files) {
                tape::TapeReader reader;
                QVERIFY2(reader.open(file, &error), qPrintable(error));
                tape::Record record;
                while (reader.next(&record)) { }
                QVERIFY2(reader.sawEnd(), qPrintable(file));
                QVERIFY2(reader.problems().isEmpty(), qPrintable(reader.problems().join(u'\n')));
            }
        }
    }

    void notARecordingIsRefusedAndNothingStops()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(u"notes.tape"_s);
        QFile file(path);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write("these are notes, not a recording\n");
        file.close();

        MarketSession session;
        QString error;
        QVERIFY2(session.startReplay(recording("hyperliquid-l2book.tape"), { 0, false, 0 }, &error), qPrintable(error));
        QTRY_VERIFY_WITH_TIMEOUT(session.workspace()->replay()->finished(), 20000);
        error.clear();
        QVERIFY(!session.startReplay(path, { 0, false, 0 }, &error));
        QVERIFY2(error.contains(u"notes.tape"_s) || error.contains(u"recording"_s), qPrintable(error));
        // What was on screen stays: the first recording, still active.
        QVERIFY(session.workspace()->replay()->active());
        QCOMPARE(session.runningVenues(), QStringList { u"hyperliquid"_s });
        // The window's request path says why in the dialog.
        session.workspace()->replay()->open(QUrl::fromLocalFile(path));
        QVERIFY(!session.workspace()->replay()->openError().isEmpty());
    }
};

QTEST_MAIN(TestReplay)
#include "tst_replay.moc"
