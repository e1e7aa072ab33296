#include "record/TapeWriter.h"

#include <QtCore/QFile>
#include <QtCore/QJsonDocument>

#include <zstd.h>

#include <algorithm>
#include <chrono>

#ifdef __linux__
#include <pthread.h>
#endif

using namespace Qt::StringLiterals;

namespace tapescope::tape {

namespace {

constexpr qsizetype kRecordOverhead = 4 + kRecordFixedSize + 4;
// The writer looks at the queue this often; a producer wakes it earlier only when this much is waiting, so that
// appending a frame costs a lock and a push, not a wake-up (a system call) per frame.
constexpr auto kPollInterval = std::chrono::milliseconds(5);
constexpr qsizetype kWakeBytes = 1 << 20;
// Under a size limit, the data blocks leave this much room for the block with the end marker (about 110 bytes: the
// block header, the marker record and zstd's frame), so a file stopped at its limit still ends with it.
constexpr qint64 kEndBlockReserve = 256;

qsizetype queuedSize(const Record &record)
{
    return record.payload.size() + kRecordOverhead;
}

} // namespace

TapeWriter::TapeWriter() = default;

TapeWriter::~TapeWriter()
{
    close();
}

qint64 TapeWriter::nowNs()
{
    using namespace std::chrono;
    return duration_cast<nanoseconds>(system_clock::now().time_since_epoch()).count();
}

bool TapeWriter::open(const QString &path, QJsonObject header, qint64 startTimeNs, const Options &options,
                      QString *error)
{
    if (isOpen()) {
        *error = u"the recording is already open"_s;
        return false;
    }
    m_options = options;
    m_startNs = startTimeNs;
    m_file = std::fopen(QFile::encodeName(path).constData(), "wb");
    if (!m_file) {
        *error = u"cannot create %1: %2"_s.arg(path, QString::fromLocal8Bit(std::strerror(errno)));
        return false;
    }
    header.insert(u"format"_s, u"tapescope-recording"_s);
    header.insert(u"formatVersion"_s, int(kFormatVersion));
    header.insert(u"startTimeNs"_s, QString::number(startTimeNs));
    const QByteArray json = QJsonDocument(header).toJson(QJsonDocument::Compact);
    QByteArray start(kMagic.data(), qsizetype(kMagic.size()));
    appendU32(start, kFormatVersion);
    appendU32(start, quint32(json.size()));
    start.append(json);
    appendU32(start, checksum(kFormatVersion, json));
    m_stats = {};
    writeRaw(start);
    std::fflush(m_file);
    if (!m_stats.error.isEmpty()) {
        *error = m_stats.error;
        std::fclose(m_file);
        m_file = nullptr;
        return false;
    }
    m_cctx = ZSTD_createCCtx();
    ZSTD_CCtx_setParameter(static_cast<ZSTD_CCtx *>(m_cctx), ZSTD_c_compressionLevel, options.compressionLevel);
    ZSTD_CCtx_setParameter(static_cast<ZSTD_CCtx *>(m_cctx), ZSTD_c_checksumFlag, 1);
    m_closing = false;
    m_queue.clear();
    m_queue.reserve(kWakeBytes + (1 << 16));
    m_droppedSinceMarker = 0;
    m_limitReached = false;
    m_accepting = true;
    m_thread = std::thread([this] { run(); });
    return true;
}

bool TapeWriter::append(Record record)
{
    if (!m_accepting.load(std::memory_order_relaxed)) {
        std::lock_guard lock(m_mutex);
        ++m_stats.recordsRefused;
        return false;
    }
    if (m_options.maxDurationNs > 0 && record.timeNs - m_startNs > m_options.maxDurationNs) {
        m_limitReached = true;
        m_accepting = false;
        std::lock_guard lock(m_mutex);
        ++m_stats.recordsRefused;
        m_stats.limitReached = true;
        m_wake.notify_one();
        return false;
    }
    bool wake = false;
    {
        std::lock_guard lock(m_mutex);
        const qsizetype size = queuedSize(record);
        if (m_queue.size() + size > m_options.maxQueueBytes || m_closing) {
            ++m_stats.recordsDropped;
            ++m_droppedSinceMarker;
            return false;
        }
        if (m_droppedSinceMarker > 0) {
            // Where the gap is: the replay says so instead of silently missing frames.
            const QByteArray marker
                = R"({"event":"dropped","records":)" + QByteArray::number(m_droppedSinceMarker) + "}";
            m_droppedSinceMarker = 0;
            appendRecord(m_queue, Record { RecordKind::Marker, 0, 0, record.timeNs, marker }, false);
        }
        wake = m_queue.size() < kWakeBytes && m_queue.size() + size >= kWakeBytes;
        appendRecord(m_queue, record, false);
    }
    if (wake)
        m_wake.notify_one();
    return true;
}

bool TapeWriter::checkDuration(qint64 timeNs)
{
    if (m_options.maxDurationNs > 0 && timeNs - m_startNs > m_options.maxDurationNs
        && m_accepting.load(std::memory_order_relaxed)) {
        m_limitReached = true;
        m_accepting = false;
        std::lock_guard lock(m_mutex);
        m_stats.limitReached = true;
    }
    return limitReached();
}

TapeWriter::Stats TapeWriter::stats() const
{
    std::lock_guard lock(m_mutex);
    Stats stats = m_stats;
    stats.limitReached = m_limitReached.load(std::memory_order_relaxed);
    return stats;
}

void TapeWriter::close()
{
    if (!m_thread.joinable())
        return;
    m_accepting = false;
    {
        std::lock_guard lock(m_mutex);
        m_closing = true; // the writer thread writes what is queued, then the end marker
    }
    m_wake.notify_one();
    m_thread.join();
    std::fclose(m_file);
    m_file = nullptr;
    ZSTD_freeCCtx(static_cast<ZSTD_CCtx *>(m_cctx));
    m_cctx = nullptr;
}

void TapeWriter::run()
{
#ifdef __linux__
    pthread_setname_np(pthread_self(), "tape-writer"); // for top, perf and bench ingest's per-thread CPU
#endif
    using Clock = std::chrono::steady_clock;
    // Every buffer here keeps its memory for the whole recording: freeing and allocating a megabyte per block made
    // the allocator hand pages back to the kernel and fault them in again, and each unmapping interrupted the
    // feed's thread on the other core (a TLB shootdown) -- that, not the compression, was most of recording's cost.
    QByteArray raw;
    raw.reserve(m_options.flushBytes + (1 << 16));
    quint32 records = 0;
    Clock::time_point blockStarted;
    QByteArray taken;
    taken.reserve(kWakeBytes + (1 << 16));
    for (;;) {
        bool closing = false;
        {
            std::unique_lock lock(m_mutex);
            if (m_queue.size() < kWakeBytes && !m_closing)
                m_wake.wait_for(lock, kPollInterval);
            taken.swap(m_queue); // the producers get this thread's emptied buffer, capacity and all
            closing = m_closing;
        }
        const char *data = taken.constData();
        for (qsizetype at = 0; at < taken.size();) {
            if (records == 0)
                blockStarted = Clock::now();
            // The CRC goes into the block's copy: the queue's buffer is only read here, so the producer that
            // fills it next does not have to pull back cache lines this core wrote.
            const qsizetype size = recordSize(data + at);
            raw.append(data + at, size);
            fillCrc(raw.data() + raw.size() - size);
            at += size;
            ++records;
            if (records >= quint32(m_options.flushRecords) || raw.size() >= m_options.flushBytes) {
                writeBlock(raw, records);
                records = 0;
            }
        }
        taken.resize(0); // keeps its capacity
        if (closing) {
            writeEnd(raw, records);
            return;
        }
        if (records > 0 && Clock::now() - blockStarted >= std::chrono::milliseconds(m_options.flushIntervalMs)) {
            writeBlock(raw, records);
            records = 0;
        }
    }
}

QByteArray TapeWriter::endMarker()
{
    QByteArray marker = R"({"event":"end")";
    {
        std::lock_guard lock(m_mutex);
        if (m_droppedSinceMarker > 0)
            marker += R"(,"dropped":)" + QByteArray::number(m_droppedSinceMarker);
    }
    if (m_limitReached.load())
        marker += R"(,"limitReached":true)";
    marker += '}';
    return marker;
}

// The last block: the `records` still pending in `raw` and the "end" marker. When they do not fit under maxBytes,
// the pending records are refused (the limit is reached) and the marker goes alone, into the room the data blocks
// left for it: a file stopped at its size limit still ends with its marker, and the marker says limitReached.
void TapeWriter::writeEnd(QByteArray &raw, quint32 records)
{
    appendRecord(raw, Record { RecordKind::Marker, 0, 0, nowNs(), endMarker() });
    if (writeBlock(raw, records + 1, true) || records == 0)
        return;
    {
        std::lock_guard lock(m_mutex);
        --m_stats.recordsRefused; // the marker, written now
    }
    appendRecord(raw, Record { RecordKind::Marker, 0, 0, nowNs(), endMarker() });
    writeBlock(raw, 1, true);
}

bool TapeWriter::writeBlock(QByteArray &raw, quint32 records, bool last)
{
    auto *cctx = static_cast<ZSTD_CCtx *>(m_cctx);
    QByteArray &compressed = m_compressed;
    compressed.resize(qsizetype(ZSTD_compressBound(size_t(raw.size())))); // keeps its capacity between blocks
    const size_t size
        = ZSTD_compress2(cctx, compressed.data(), size_t(compressed.size()), raw.constData(), size_t(raw.size()));
    const quint64 rawSize = quint64(raw.size());
    raw.resize(0); // keeps its capacity
    if (ZSTD_isError(size)) {
        std::lock_guard lock(m_mutex);
        if (m_stats.error.isEmpty())
            m_stats.error = QString::fromLatin1(ZSTD_getErrorName(size));
        m_stats.recordsDropped += records;
        return false;
    }
    compressed.truncate(qsizetype(size));
    QByteArray header;
    appendU32(header, kBlockMagic);
    appendU32(header, quint32(size));
    appendU32(header, quint32(rawSize));
    appendU32(header, records);
    appendU32(header, checksum(kFormatVersion, header));
    qint64 fileBytes = 0;
    {
        std::lock_guard lock(m_mutex);
        fileBytes = m_stats.fileBytes;
    }
    const qint64 room = last ? m_options.maxBytes : std::max<qint64>(m_options.maxBytes - kEndBlockReserve, 0);
    if (m_options.maxBytes > 0 && fileBytes + header.size() + compressed.size() > room) {
        // The file stays within its limit: this block is not written and recording stops.
        m_limitReached = true;
        m_accepting = false;
        std::lock_guard lock(m_mutex);
        m_stats.limitReached = true;
        m_stats.recordsRefused += records;
        return false;
    }
    writeRaw(header);
    writeRaw(compressed);
    std::fflush(m_file);
    std::lock_guard lock(m_mutex);
    m_stats.recordsWritten += records;
    m_stats.rawBytes += rawSize;
    ++m_stats.blocksWritten;
    return true;
}

void TapeWriter::writeRaw(const QByteArray &bytes)
{
    const size_t written = std::fwrite(bytes.constData(), 1, size_t(bytes.size()), m_file);
    std::lock_guard lock(m_mutex);
    m_stats.fileBytes += qint64(written);
    if (written != size_t(bytes.size()) && m_stats.error.isEmpty())
        m_stats.error = u"write failed: %1"_s.arg(QString::fromLocal8Bit(std::strerror(errno)));
}

} // namespace tapescope::tape
