#pragma once

#include "record/TapeFormat.h"

#include <QtCore/QJsonObject>
#include <QtCore/QString>

#include <atomic>
#include <condition_variable>
#include <cstdio>
#include <mutex>
#include <thread>

namespace tapescope::tape {

// Writes a recording on its own thread. append() only copies the record into the queue and never blocks for long:
// when the queue is full the record is dropped and counted, and the file gets a "dropped" marker. The writer thread
// packs records into blocks, each compressed as one independent zstd frame and written (and flushed) every
// `flushRecords` records or `flushIntervalMs`, so a crash loses at most the block being filled. docs/recording.md
// describes the file.
class TapeWriter
{
public:
    struct Options
    {
        int flushRecords = 4096; // a block is written when it holds this many records ...
        qsizetype flushBytes = 1 << 20; // ... or this many raw bytes ...
        int flushIntervalMs = 1000; // ... or its first record waited this long
        qsizetype maxQueueBytes = 32 << 20; // queued and not yet written: beyond this, records are dropped
        int compressionLevel = 1; // zstd: the fastest level keeps up with full ingest on one core
        // The file never grows past this (0 = no limit); recording stops when it would. The last 256 bytes are kept
        // for the end marker, so a file stopped at its limit is complete.
        qint64 maxBytes = 0;
        qint64 maxDurationNs = 0; // records later than start + this are refused and recording stops (0 = no limit)
    };

    struct Stats
    {
        quint64 recordsWritten = 0;
        quint64 recordsDropped = 0; // queue full
        quint64 recordsRefused = 0; // after a limit was reached or after close()
        quint64 blocksWritten = 0;
        quint64 rawBytes = 0; // records before compression
        qint64 fileBytes = 0; // the file's size so far
        bool limitReached = false;
        QString error; // the first write error, if any
    };

    TapeWriter();
    ~TapeWriter(); // close()
    TapeWriter(const TapeWriter &) = delete;
    TapeWriter &operator=(const TapeWriter &) = delete;

    // Creates `path` and writes its header. `header` must hold no secret: it is stored as given, with
    // "format", "formatVersion" and "startTimeNs" (= startTimeNs) added.
    bool open(const QString &path, QJsonObject header, qint64 startTimeNs, const Options &options, QString *error);
    bool isOpen() const { return m_thread.joinable(); }

    // Any thread. False when the record was not queued (dropped, refused). The payload is copied into the queue.
    bool append(Record record);
    bool append(RecordKind kind, quint8 flags, quint16 connection, qint64 timeNs, const QByteArray &payload)
    {
        return append(Record { kind, flags, connection, timeNs, payload });
    }

    // True once maxBytes or maxDurationNs was reached: the owner should stop the session.
    bool limitReached() const { return m_limitReached.load(std::memory_order_relaxed); }
    // maxDurationNs against a clock (`timeNs`, e.g. nowNs()) rather than the records' times, for a feed that went
    // quiet: once past it, recording stops as if a later record had come. Returns limitReached().
    bool checkDuration(qint64 timeNs);
    Stats stats() const;

    // Writes an "end" marker and what is queued, closes the file and ends the thread. Safe to call twice.
    void close();

    static qint64 nowNs();

private:
    void run();
    bool writeBlock(QByteArray &raw, quint32 records, bool last = false); // false: not written (limit, error)
    void writeEnd(QByteArray &raw, quint32 records);
    QByteArray endMarker();
    void writeRaw(const QByteArray &bytes);

    Options m_options;
    qint64 m_startNs = 0;
    std::FILE *m_file = nullptr;
    std::thread m_thread;

    mutable std::mutex m_mutex;
    std::condition_variable m_wake;
    // The records waiting, already laid out as in a block but with their CRC fields still zero: a producer copies
    // the frame's bytes in (cheap) and keeps its own memory, so no frame is freed by the writer thread (a free from
    // another thread contends for the producer's malloc arena); the writer computes the CRCs.
    QByteArray m_queue;
    bool m_closing = false;
    quint64 m_droppedSinceMarker = 0;

    std::atomic<bool> m_limitReached { false };
    std::atomic<bool> m_accepting { false };
    // Written by the writer thread, read by stats() under m_mutex.
    Stats m_stats;
    void *m_cctx = nullptr; // ZSTD_CCtx, writer thread only
    QByteArray m_compressed; // writer thread only: a block's compressed bytes, reused
};

} // namespace tapescope::tape
