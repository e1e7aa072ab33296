#include "record/TapeReader.h"

#include <QtCore/QJsonDocument>

#include <algorithm>

#include <zstd.h>

using namespace Qt::StringLiterals;

namespace tapescope::tape {

TapeReader::TapeReader()
    : m_dctx(ZSTD_createDCtx())
{
    // A damaged or hostile frame header may ask for zstd's default maximum window (128 MiB) of memory. The writer's
    // frames use a 512 KiB window (level 1; up to 8 MiB at level 19): refuse anything larger than 8 MiB.
    ZSTD_DCtx_setParameter(static_cast<ZSTD_DCtx *>(m_dctx), ZSTD_d_windowLogMax, 23);
}

TapeReader::~TapeReader()
{
    ZSTD_freeDCtx(static_cast<ZSTD_DCtx *>(m_dctx));
}

bool TapeReader::open(const QString &path, QString *error)
{
    m_file.setFileName(path);
    if (!m_file.open(QIODevice::ReadOnly)) {
        *error = u"cannot open %1: %2"_s.arg(path, m_file.errorString());
        return false;
    }
    m_fileSize = m_file.size();
    const QByteArray start = m_file.read(16);
    if (start.size() < 16 || !start.startsWith(QByteArrayView(kMagic.data(), qsizetype(kMagic.size())))) {
        *error = u"%1 is not a Tapescope recording (no recording header)"_s.arg(path);
        return false;
    }
    const quint32 version = readU32(start.constData() + 8);
    if (version < kOldestFormatVersion || version > kFormatVersion) {
        *error = u"%1 is a recording of format version %2; this build reads versions %3 to %4"_s.arg(path)
                     .arg(version)
                     .arg(kOldestFormatVersion)
                     .arg(kFormatVersion);
        return false;
    }
    m_version = version;
    const quint32 headerSize = readU32(start.constData() + 12);
    const QByteArray json = headerSize < kMaxRecordSize ? m_file.read(headerSize) : QByteArray();
    const QByteArray crc = m_file.read(4);
    if (json.size() != qsizetype(headerSize) || crc.size() != 4
        || readU32(crc.constData()) != checksum(m_version, json)) {
        *error = u"%1: the recording's header is damaged or cut off"_s.arg(path);
        return false;
    }
    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(json, &parseError);
    if (!document.isObject()) {
        *error = u"%1: the recording's header is not a JSON object: %2"_s.arg(path, parseError.errorString());
        return false;
    }
    m_header = document.object();
    m_offset = 16 + qint64(headerSize) + 4;
    return true;
}

qint64 TapeReader::startTimeNs() const
{
    return m_header.value(u"startTimeNs"_s).toString().toLongLong();
}

void TapeReader::problem(const QString &text)
{
    m_problems.append(text);
}

bool TapeReader::next(Record *record)
{
    while (m_records.empty()) {
        if (!readBlock())
            return false;
    }
    *record = std::move(m_records.front());
    m_records.pop_front();
    return true;
}

// Reads the block at m_offset into m_records; false at the end of the file.
bool TapeReader::readBlock()
{
    if (m_offset + kBlockHeaderSize > m_fileSize) {
        if (m_offset < m_fileSize)
            problem(u"byte %1: the file ends inside a block header (%2 bytes cut off)"_s.arg(m_offset).arg(m_fileSize
                                                                                                           - m_offset));
        m_offset = m_fileSize;
        return false;
    }
    m_file.seek(m_offset);
    const QByteArray header = m_file.read(kBlockHeaderSize);
    const bool intact = header.size() == kBlockHeaderSize && readU32(header.constData()) == kBlockMagic
        && readU32(header.constData() + 16) == checksum(m_version, QByteArrayView(header).first(16));
    if (!intact) {
        // Look for the next intact block header: what lies in between is lost.
        // Scanned a window at a time (a recording can be gigabytes): windows overlap by a header less one byte.
        const qint64 damagedAt = m_offset;
        const char magic[4] = { 'T', 'S', 'B', 'K' };
        constexpr qint64 kWindow = 4 * 1024 * 1024;
        qint64 resumeAt = m_fileSize;
        for (qint64 windowAt = damagedAt + kBlockHeaderSize; windowAt < m_fileSize;
             windowAt += kWindow - (kBlockHeaderSize - 1)) {
            m_file.seek(windowAt);
            const QByteArray window
                = m_file.read(std::min(kWindow, m_fileSize - windowAt)); // never a 4 MiB buffer for less
            qsizetype at = 0;
            bool found = false;
            for (;;) {
                at = window.indexOf(QByteArrayView(magic, 4), at);
                if (at < 0 || at + kBlockHeaderSize > window.size())
                    break;
                const QByteArrayView candidate = QByteArrayView(window).sliced(at, kBlockHeaderSize);
                if (readU32(candidate.data() + 16) == checksum(m_version, candidate.first(16))) {
                    found = true;
                    break;
                }
                ++at;
            }
            if (found) {
                resumeAt = windowAt + at;
                break;
            }
            if (window.size() < kWindow)
                break;
        }
        problem(u"block %1 at byte %2: damaged block header; bytes %2 to %3 skipped"_s.arg(m_blockIndex)
                    .arg(damagedAt)
                    .arg(resumeAt));
        ++m_blockIndex;
        m_offset = resumeAt;
        return m_offset < m_fileSize;
    }
    const quint32 compressedSize = readU32(header.constData() + 4);
    const quint32 rawSize = readU32(header.constData() + 8);
    const qint64 blockOffset = m_offset;
    const int blockIndex = m_blockIndex++;
    // Never more than the file still holds, whatever a (damaged or hostile) header claims.
    const qint64 remaining = std::max<qint64>(m_fileSize - m_offset - kBlockHeaderSize, 0);
    const QByteArray compressed = m_file.read(std::min<qint64>(qint64(compressedSize), remaining));
    m_offset += kBlockHeaderSize + qint64(compressedSize);
    const bool cutOff = compressed.size() < qsizetype(compressedSize);

    auto *dctx = static_cast<ZSTD_DCtx *>(m_dctx);
    ZSTD_DCtx_reset(dctx, ZSTD_reset_session_only);
    QByteArray raw(qsizetype(std::min<quint32>(rawSize, kMaxRecordSize)), Qt::Uninitialized);
    ZSTD_inBuffer in { compressed.constData(), size_t(compressed.size()), 0 };
    ZSTD_outBuffer out { raw.data(), size_t(raw.size()), 0 };
    size_t status = 0;
    QString failure;
    for (;;) {
        const size_t inBefore = in.pos;
        const size_t outBefore = out.pos;
        status = ZSTD_decompressStream(dctx, &out, &in);
        if (ZSTD_isError(status)) {
            failure = QString::fromLatin1(ZSTD_getErrorName(status));
            break;
        }
        if (status == 0 || (in.pos == inBefore && out.pos == outBefore))
            break;
    }
    raw.truncate(qsizetype(out.pos));
    if (!failure.isEmpty()) {
        problem(u"block %1 at byte %2: compressed data damaged (%3); its intact records before the damage are kept"_s
                    .arg(blockIndex)
                    .arg(blockOffset)
                    .arg(failure));
    } else if (cutOff) {
        problem(u"block %1 at byte %2: the file ends inside it (%3 of %4 bytes); its complete records are kept"_s
                    .arg(blockIndex)
                    .arg(blockOffset)
                    .arg(compressed.size())
                    .arg(compressedSize));
    } else if (status != 0 || raw.size() != qsizetype(rawSize)) {
        problem(u"block %1 at byte %2: decompressed to %3 bytes instead of %4"_s.arg(blockIndex)
                    .arg(blockOffset)
                    .arg(raw.size())
                    .arg(rawSize));
    }
    parseRecords(raw, blockOffset, blockIndex, failure.isEmpty() && !cutOff);
    return true;
}

void TapeReader::parseRecords(const QByteArray &raw, qint64 blockOffset, int blockIndex, bool complete)
{
    qsizetype at = 0;
    int index = 0;
    while (at + 4 <= raw.size()) {
        const quint32 length = readU32(raw.constData() + at);
        if (length < quint32(kRecordFixedSize) || length > kMaxRecordSize
            || at + 4 + qsizetype(length) + 4 > raw.size())
            break;
        const QByteArrayView body = QByteArrayView(raw).sliced(at + 4, length);
        if (readU32(body.data() + length) != checksum(m_version, body)) {
            problem(
                u"block %1 at byte %2: record %3 fails its checksum; the rest of the block is skipped"_s.arg(blockIndex)
                    .arg(blockOffset)
                    .arg(index));
            return;
        }
        Record record;
        record.kind = RecordKind(quint8(body[0]));
        record.flags = quint8(body[1]);
        record.connection = readU16(body.data() + 2);
        record.timeNs = readI64(body.data() + 4);
        record.payload = body.sliced(kRecordFixedSize).toByteArray();
        if (record.kind == RecordKind::Marker && record.payload.startsWith(R"({"event":"end")"))
            m_sawEnd = true;
        m_records.push_back(std::move(record));
        at += 4 + qsizetype(length) + 4;
        ++index;
    }
    if (at != raw.size() && complete)
        problem(u"block %1 at byte %2: record %3 is malformed; the rest of the block is skipped"_s.arg(blockIndex)
                    .arg(blockOffset)
                    .arg(index));
}

} // namespace tapescope::tape
