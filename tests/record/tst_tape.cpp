// The recording format: round trip, a file cut off at every byte of its last block, a corrupted byte, limits,
// redaction.
#include "record/Redaction.h"
#include "record/TapeReader.h"
#include "record/TapeWriter.h"

#include <QtCore/QFile>
#include <QtCore/QJsonDocument>
#include <QtCore/QTemporaryDir>
#include <QtTest/QtTest>

using namespace Qt::StringLiterals;
using namespace tapescope::tape;

namespace {

constexpr qint64 kStart = 1'700'000'000'000'000'000;

QByteArray frameText(int i)
{
    return R"({"channel":"l2Book","data":{"coin":"BTC","time":)" + QByteArray::number(1700000000000 + i)
        + R"(,"levels":[[{"px":"100)" + QByteArray::number(i % 97) + R"(","sz":"1.5","n":2}],[]]}})";
}

QList<Record> readAll(const QString &path, QStringList *problems = nullptr, bool *sawEnd = nullptr)
{
    TapeReader reader;
    QString error;
    if (!reader.open(path, &error)) {
        qWarning() << error;
        return {};
    }
    QList<Record> records;
    Record record;
    while (reader.next(&record))
        records.append(record);
    if (problems)
        *problems = reader.problems();
    if (sawEnd)
        *sawEnd = reader.sawEnd();
    return records;
}

} // namespace

class TestTape : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;

    // `count` frames in blocks of `perBlock` records; returns the path.
    QString writeFile(const QString &name, int count, int perBlock, TapeWriter::Options options = {})
    {
        const QString path = m_dir.filePath(name);
        TapeWriter writer;
        options.flushRecords = perBlock;
        QString error;
        QJsonObject header { { u"venue"_s, u"hyperliquid"_s }, { u"command"_s, u"stream"_s } };
        if (!writer.open(path, header, kStart, options, &error))
            qFatal("%s", qPrintable(error));
        writer.append(RecordKind::ConnectionEvent, 0, 0, kStart + 1, R"({"event":"opened"})");
        for (int i = 0; i < count; ++i)
            writer.append(RecordKind::FrameReceived, i % 5 == 0 ? kBinary : 0, quint16(i % 2), kStart + 10 + i,
                          frameText(i));
        writer.close();
        return path;
    }

private Q_SLOTS:
    void initTestCase() { QVERIFY(m_dir.isValid()); }

    void crcMatchesZlib()
    {
        // The check value of CRC-32/ISO-HDLC (format version 1).
        QCOMPARE(crc32("123456789"), 0xCBF43926u);
        QCOMPARE(checksum(1, "123456789"), 0xCBF43926u);
    }

    void crc32cMatchesCastagnoli()
    {
        // The check value of CRC-32/ISCSI (format version 2), by the processor's instruction and by the table.
        QCOMPARE(crc32c("123456789"), 0xE3069283u);
        QCOMPARE(crc32cPortable("123456789"), 0xE3069283u);
        QCOMPARE(checksum(2, "123456789"), 0xE3069283u);
        QCOMPARE(crc32c({}), 0u);
        qInfo("CRC-32C by %s", crc32cInHardware() ? "the processor's instruction" : "the table");
    }

    void crc32cInstructionAgreesWithTheTable()
    {
        // Every length up to 300 at every alignment, whole and chained in two pieces: the 8-byte loop, the tail and
        // the chaining must agree with the byte table.
        QByteArray bytes(512, Qt::Uninitialized);
        quint32 seed = 12345;
        for (char &c : bytes) {
            seed = seed * 1103515245u + 12345u;
            c = char(seed >> 16);
        }
        for (int offset = 0; offset < 8; ++offset) {
            for (int length = 0; length <= 300; ++length) {
                const QByteArrayView data = QByteArrayView(bytes).sliced(offset, length);
                const quint32 expected = crc32cPortable(data);
                QCOMPARE(crc32c(data), expected);
                const qsizetype split = length / 3;
                QCOMPARE(crc32c(data.sliced(split), crc32c(data.first(split))), expected);
            }
        }
    }

    void readsFormatVersion1()
    {
        // The recordings shipped in tests/data were written before CRC-32C: they still open and replay whole.
        const QString path = TAPESCOPE_TEST_DATA_DIR "/recordings/hyperliquid-l2book.tape"_L1;
        TapeReader reader;
        QString error;
        QVERIFY2(reader.open(path, &error), qPrintable(error));
        QCOMPARE(reader.header().value(u"formatVersion"_s).toInt(), 1);
        int frames = 0;
        Record record;
        while (reader.next(&record))
            frames += record.kind == RecordKind::FrameReceived;
        QVERIFY2(reader.problems().isEmpty(), qPrintable(reader.problems().join(u'\n')));
        QVERIFY(reader.sawEnd());
        QVERIFY(frames > 0);
    }

    void refusesAnUnknownFormatVersion()
    {
        const QString path = writeFile(u"version.tape"_s, 3, 8);
        QFile file(path);
        QVERIFY(file.open(QIODevice::ReadWrite));
        QVERIFY(file.seek(8));
        QVERIFY(file.write(QByteArray::fromHex("03000000")) == 4);
        file.close();
        TapeReader reader;
        QString error;
        QVERIFY(!reader.open(path, &error));
        QVERIFY2(error.contains(u"format version 3; this build reads versions 1 to 2"_s), qPrintable(error));
    }

    void roundTrip()
    {
        const QString path = writeFile(u"round.tape"_s, 1000, 128);
        TapeReader reader;
        QString error;
        QVERIFY2(reader.open(path, &error), qPrintable(error));
        QCOMPARE(reader.header().value(u"venue"_s).toString(), u"hyperliquid"_s);
        QCOMPARE(reader.header().value(u"formatVersion"_s).toInt(), 2);
        QCOMPARE(reader.startTimeNs(), kStart);
        QList<Record> records;
        Record record;
        while (reader.next(&record))
            records.append(record);
        QVERIFY2(reader.problems().isEmpty(), qPrintable(reader.problems().join(u'\n')));
        QVERIFY(reader.sawEnd());
        QCOMPARE(records.size(), 1 + 1000 + 1);
        QCOMPARE(records.first().kind, RecordKind::ConnectionEvent);
        for (int i = 0; i < 1000; ++i) {
            const Record &frame = records.at(1 + i);
            QCOMPARE(frame.kind, RecordKind::FrameReceived);
            QCOMPARE(frame.payload, frameText(i));
            QCOMPARE(frame.timeNs, kStart + 10 + i);
            QCOMPARE(frame.connection, quint16(i % 2));
            QCOMPARE(frame.flags, quint8(i % 5 == 0 ? kBinary : 0));
        }
        QCOMPARE(records.last().kind, RecordKind::Marker);
        // Compressed: repeated frames shrink well below their raw size.
        QVERIFY(QFileInfo(path).size() < 1000 * frameText(0).size() / 3);
    }

    void emptyPayloadAndBigFrame()
    {
        const QString path = m_dir.filePath(u"big.tape"_s);
        TapeWriter writer;
        QString error;
        QVERIFY(writer.open(path, {}, kStart, {}, &error));
        const QByteArray big(3 << 20, 'x');
        QVERIFY(writer.append(RecordKind::FrameReceived, 0, 0, kStart, QByteArray()));
        QVERIFY(writer.append(RecordKind::FrameReceived, 0, 0, kStart, big));
        writer.close();
        const QList<Record> records = readAll(path);
        QCOMPARE(records.size(), 3);
        QVERIFY(records.at(0).payload.isEmpty());
        QCOMPARE(records.at(1).payload, big);
    }

    // Cut off at every byte of the last frame block: never a crash, never a damaged record, and every record
    // whose bytes are complete in the decompressed prefix comes back.
    void truncatedAtEveryByte()
    {
        const QString path = writeFile(u"cut.tape"_s, 300, 100);
        QFile file(path);
        QVERIFY(file.open(QIODevice::ReadOnly));
        const QByteArray bytes = file.readAll();
        const QList<Record> all = readAll(path);
        QCOMPARE(all.size(), 302);
        // Blocks of 100 records (the opened event first), the last with the 301st record and the end marker.
        QList<qint64> blockStarts;
        qint64 at = 16 + readU32(bytes.constData() + 12) + 4;
        while (at < bytes.size()) {
            blockStarts.append(at);
            at += kBlockHeaderSize + readU32(bytes.constData() + at + 4);
        }
        QCOMPARE(at, bytes.size());
        QVERIFY(blockStarts.size() >= 3);
        const qint64 lastDataBlock = blockStarts.at(blockStarts.size() - 2);
        const qint64 endBlock = blockStarts.last();
        int before = 0;
        for (qint64 cut = lastDataBlock; cut < endBlock; ++cut) {
            const QString cutPath = m_dir.filePath(u"cut-part.tape"_s);
            QFile out(cutPath);
            QVERIFY(out.open(QIODevice::WriteOnly | QIODevice::Truncate));
            out.write(bytes.first(cut));
            out.close();
            QStringList problems;
            bool sawEnd = true;
            const QList<Record> records = readAll(cutPath, &problems, &sawEnd);
            QVERIFY(!sawEnd);
            QVERIFY2(records.size() >= before, qPrintable(u"cut at %1"_s.arg(cut)));
            before = int(records.size());
            for (int i = 0; i < records.size(); ++i) {
                QCOMPARE(records.at(i).payload, all.at(i).payload);
                QCOMPARE(records.at(i).timeNs, all.at(i).timeNs);
            }
            // Every earlier block is whole.
            QVERIFY(records.size() >= 200);
            if (cut > lastDataBlock)
                QVERIFY2(!problems.isEmpty(), qPrintable(u"cut at %1 went unreported"_s.arg(cut)));
        }
        QVERIFY(before >= 200);
    }

    void corruptedByte()
    {
        const QString path = writeFile(u"corrupt.tape"_s, 300, 100);
        QFile file(path);
        QVERIFY(file.open(QIODevice::ReadWrite));
        QByteArray bytes = file.readAll();
        const qint64 first = 16 + readU32(bytes.constData() + 12) + 4;
        const qint64 second = first + kBlockHeaderSize + readU32(bytes.constData() + first + 4);
        // A byte inside the second block's compressed data.
        const qint64 target = second + kBlockHeaderSize + 40;
        bytes[target] = char(bytes.at(target) ^ 0x5A);
        file.seek(0);
        file.write(bytes);
        file.close();
        QStringList problems;
        bool sawEnd = false;
        const QList<Record> records = readAll(path, &problems, &sawEnd);
        QVERIFY(!problems.isEmpty());
        QVERIFY2(problems.first().contains(u"block 1 at byte %1"_s.arg(second)), qPrintable(problems.join(u'\n')));
        // The first block and the blocks after the damage are intact.
        QVERIFY(sawEnd);
        QCOMPARE(records.size(), 302 - 100);
        QCOMPARE(records.at(0).kind, RecordKind::ConnectionEvent);
        QCOMPARE(records.at(99).payload, frameText(98));
        QCOMPARE(records.at(100).payload, frameText(199));
        QCOMPARE(records.last().kind, RecordKind::Marker);

        // A corrupted block header: skipped to the next intact block.
        QByteArray headerHit = bytes;
        headerHit[second + 5] = char(headerHit.at(second + 5) ^ 0x01);
        headerHit[target] = bytes.at(target);
        const QString headerPath = m_dir.filePath(u"corrupt-header.tape"_s);
        QFile out(headerPath);
        QVERIFY(out.open(QIODevice::WriteOnly));
        out.write(headerHit);
        out.close();
        const QList<Record> skipped = readAll(headerPath, &problems, &sawEnd);
        QVERIFY2(problems.size() == 1 && problems.first().contains(u"damaged block header"_s),
                 qPrintable(problems.join(u'\n')));
        QCOMPARE(skipped.size(), 302 - 100);
        QVERIFY(sawEnd);
    }

    void notARecording()
    {
        const QString path = m_dir.filePath(u"text.tape"_s);
        QFile file(path);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write("{\"hello\":1}\n");
        file.close();
        TapeReader reader;
        QString error;
        QVERIFY(!reader.open(path, &error));
        QVERIFY(error.contains(u"not a Tapescope recording"_s));
    }

    void sizeLimit()
    {
        TapeWriter::Options options;
        options.maxBytes = 4000;
        const QString path = writeFile(u"limit.tape"_s, 2000, 50, options);
        QVERIFY(QFileInfo(path).size() <= 4000);
        const QList<Record> records = readAll(path);
        QVERIFY(records.size() > 50);
        QVERIFY(records.size() < 2000);
    }

    // Whatever the limit, the data blocks leave room for the end marker: a file stopped at its size limit is
    // complete and says why it stopped.
    void sizeLimitKeepsTheEndMarker_data()
    {
        QTest::addColumn<qint64>("maxBytes");
        QTest::addColumn<int>("perBlock");
        for (const qint64 maxBytes : { 700, 1500, 2345, 4000, 9999 }) {
            for (const int perBlock : { 7, 50, 333 })
                QTest::addRow("%lld-%d", maxBytes, perBlock) << maxBytes << perBlock;
        }
    }

    void sizeLimitKeepsTheEndMarker()
    {
        QFETCH(qint64, maxBytes);
        QFETCH(int, perBlock);
        TapeWriter::Options options;
        options.maxBytes = maxBytes;
        const QString path = writeFile(u"limit-%1-%2.tape"_s.arg(maxBytes).arg(perBlock), 5000, perBlock, options);
        QVERIFY(QFileInfo(path).size() <= maxBytes);
        QStringList problems;
        bool sawEnd = false;
        const QList<Record> records = readAll(path, &problems, &sawEnd);
        QVERIFY2(problems.isEmpty(), qPrintable(problems.join(u'\n')));
        QVERIFY(sawEnd);
        QVERIFY(records.size() < 5000);
        QCOMPARE(records.last().kind, RecordKind::Marker);
        QVERIFY2(records.last().payload.contains(R"("event":"end")"), records.last().payload.constData());
        QVERIFY2(records.last().payload.contains(R"("limitReached":true)"), records.last().payload.constData());
    }

    void durationLimit()
    {
        const QString path = m_dir.filePath(u"duration.tape"_s);
        TapeWriter writer;
        TapeWriter::Options options;
        options.maxDurationNs = 100;
        QString error;
        QVERIFY(writer.open(path, {}, kStart, options, &error));
        QVERIFY(writer.append(RecordKind::FrameReceived, 0, 0, kStart + 50, "a"));
        QVERIFY(!writer.limitReached());
        QVERIFY(!writer.append(RecordKind::FrameReceived, 0, 0, kStart + 150, "b"));
        QVERIFY(writer.limitReached());
        QVERIFY(!writer.append(RecordKind::FrameReceived, 0, 0, kStart + 60, "c"));
        writer.close();
        const QList<Record> records = readAll(path);
        QCOMPARE(records.size(), 2); // "a" and the end marker
        QVERIFY(records.last().payload.contains("limitReached"));
    }

    void queueOverflowDrops()
    {
        const QString path = m_dir.filePath(u"drops.tape"_s);
        TapeWriter writer;
        TapeWriter::Options options;
        options.maxQueueBytes = 1000;
        QString error;
        QVERIFY(writer.open(path, {}, kStart, options, &error));
        int accepted = 0;
        const QByteArray frame(400, 'f');
        for (int i = 0; i < 10000; ++i)
            accepted += writer.append(RecordKind::FrameReceived, 0, 0, kStart + i, frame) ? 1 : 0;
        writer.close();
        const TapeWriter::Stats stats = writer.stats();
        QCOMPARE(stats.recordsDropped + quint64(accepted), 10000u);
        if (stats.recordsDropped > 0) {
            bool marker = false;
            for (const Record &record : readAll(path))
                marker = marker || record.payload.contains("dropped");
            QVERIFY(marker);
        }
    }

    void redaction()
    {
        QCOMPARE(redactFrame(R"({"method":"subscribe","subscription":{"type":"l2Book","coin":"BTC"}})"),
                 QByteArray(R"({"method":"subscribe","subscription":{"type":"l2Book","coin":"BTC"}})"));
        const QByteArray auth = redactFrame(R"({"action":"auth","key":"AKID","secret":"s3cr3t"})");
        QVERIFY(!auth.contains("AKID"));
        QVERIFY(!auth.contains("s3cr3t"));
        QVERIFY(auth.contains("\"action\":\"auth\""));
        const QByteArray nested
            = redactFrame(R"({"params":{"signature":{"r":"0x1","s":"0x2"},"token":"eyJhbGciOi.x.y","coin":"ETH"}})");
        QVERIFY(!nested.contains("0x1"));
        QVERIFY(!nested.contains("eyJ"));
        QVERIFY(nested.contains("ETH"));
        QVERIFY(!redactFrame("apiKey=abc&x=1").contains("abc"));
        const QString url = redactUrl(QUrl(u"https://user:pw@host/path?token=abc&symbol=BTC"_s));
        QVERIFY(!url.contains(u"abc"_s));
        QVERIFY(!url.contains(u"pw"_s));
        QVERIFY(url.contains(u"symbol=BTC"_s));
    }
};

QTEST_GUILESS_MAIN(TestTape)
#include "tst_tape.moc"
