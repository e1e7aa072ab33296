#pragma once

#include <QtCore/QByteArray>
#include <QtCore/QByteArrayView>
#include <QtCore/QtGlobal>

#include "record/Checksum.h"

#include <array>

// A recording ("tape") of a feed session: every frame received and sent, the connection's events and the REST
// exchanges, so the session replays with no network. The layout is documented in docs/recording.md.
namespace tapescope::tape {

// The file starts with these 8 bytes (like PNG's: a non-ASCII byte, CR LF and ^Z catch text-mode mangling).
inline constexpr std::array<char, 8> kMagic { '\x89', 'T', 'S', 'R', 'E', 'C', '\r', '\n' };
// The version this build writes, and the oldest it reads. Version 2 checksums with CRC-32C, version 1 with CRC-32;
// nothing else differs.
inline constexpr quint32 kFormatVersion = 2;
inline constexpr quint32 kOldestFormatVersion = 1;
// Each compressed block starts with this (little-endian "TSBK").
inline constexpr quint32 kBlockMagic = 0x4B425354;
inline constexpr int kBlockHeaderSize = 20; // magic, compressed size, raw size, records, checksum of the 16 bytes
inline constexpr int kRecordFixedSize = 12; // kind, flags, connection, time
inline constexpr quint32 kMaxRecordSize = 256u * 1024u * 1024u;

enum class RecordKind : quint8 {
    FrameReceived = 1, // payload: the frame as received; flags: kBinary
    FrameSent = 2, // payload: the frame as sent, redacted; flags: kBinary
    ConnectionEvent = 3, // payload: JSON {"event":"attempt|opened|lost|reconnect|closed", "reason":{...}}
    RestExchange = 4, // payload: u32 length + JSON metadata (method, url, request, status, error), response body
    Marker = 5, // payload: JSON {"event":"end"|"dropped", ...}
    // The service published the events it decoded since its last batch (a replay publishes at the same points, so
    // its batches, and what they coalesce, are the live ones). Payload: empty.
    BatchPublished = 6,
};

inline constexpr quint8 kBinary = 0x01;

struct Record
{
    RecordKind kind = RecordKind::Marker;
    quint8 flags = 0;
    quint16 connection = 0; // which connection (0, 1, ... in the order they were made); REST: which manager
    qint64 timeNs = 0; // Unix time in nanoseconds when it happened (a frame: when it was received)
    QByteArray payload;
};

const char *kindName(RecordKind kind);

// The checksum of the header, the block headers and the records in a file of `formatVersion`: CRC-32 in version 1,
// CRC-32C from version 2.
quint32 checksum(quint32 formatVersion, QByteArrayView data);

// Little-endian helpers.
void appendU16(QByteArray &out, quint16 value);
void appendU32(QByteArray &out, quint32 value);
void appendI64(QByteArray &out, qint64 value);
quint16 readU16(const char *at);
quint32 readU32(const char *at);
qint64 readI64(const char *at);

// A record as stored in a block (format kFormatVersion): u32 body length, body (kind, flags, connection, time,
// payload), u32 CRC-32C of the body. `withCrc` false leaves the CRC field zero, for fillCrc() to set later.
void appendRecord(QByteArray &out, const Record &record, bool withCrc = true);
// Sets the CRC of the record that starts at `record` (its length field) and returns the record's whole size.
qsizetype fillCrc(char *record);
// The whole size of the record that starts at `record`: length field, body, CRC.
inline qsizetype recordSize(const char *record)
{
    return 4 + qsizetype(readU32(record)) + 4;
}

// RestExchange payloads.
QByteArray restPayload(const QByteArray &metadataJson, const QByteArray &responseBody);
bool splitRestPayload(const QByteArray &payload, QByteArray *metadataJson, QByteArray *responseBody);

} // namespace tapescope::tape
