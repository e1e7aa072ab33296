#include "record/TapeFormat.h"

namespace tapescope::tape {

const char *kindName(RecordKind kind)
{
    switch (kind) {
    case RecordKind::FrameReceived:
        return "frame_received";
    case RecordKind::FrameSent:
        return "frame_sent";
    case RecordKind::ConnectionEvent:
        return "connection_event";
    case RecordKind::RestExchange:
        return "rest_exchange";
    case RecordKind::Marker:
        return "marker";
    case RecordKind::BatchPublished:
        return "batch_published";
    }
    return "unknown";
}

quint32 checksum(quint32 formatVersion, QByteArrayView data)
{
    return formatVersion == 1 ? crc32(data) : crc32c(data);
}

void appendU16(QByteArray &out, quint16 value)
{
    const char bytes[2] = { char(value & 0xFF), char(value >> 8) };
    out.append(bytes, 2);
}

void appendU32(QByteArray &out, quint32 value)
{
    char bytes[4];
    for (int i = 0; i < 4; ++i)
        bytes[i] = char((value >> (8 * i)) & 0xFFu);
    out.append(bytes, 4);
}

void appendI64(QByteArray &out, qint64 value)
{
    const auto unsignedValue = static_cast<quint64>(value);
    char bytes[8];
    for (int i = 0; i < 8; ++i)
        bytes[i] = char((unsignedValue >> (8 * i)) & 0xFFu);
    out.append(bytes, 8);
}

quint16 readU16(const char *at)
{
    const auto *b = reinterpret_cast<const unsigned char *>(at);
    return quint16(b[0] | (b[1] << 8));
}

quint32 readU32(const char *at)
{
    const auto *b = reinterpret_cast<const unsigned char *>(at);
    return quint32(b[0]) | (quint32(b[1]) << 8) | (quint32(b[2]) << 16) | (quint32(b[3]) << 24);
}

qint64 readI64(const char *at)
{
    const auto *b = reinterpret_cast<const unsigned char *>(at);
    quint64 value = 0;
    for (int i = 7; i >= 0; --i)
        value = (value << 8) | b[i];
    return static_cast<qint64>(value);
}

void appendRecord(QByteArray &out, const Record &record, bool withCrc)
{
    appendU32(out, quint32(kRecordFixedSize + record.payload.size()));
    const qsizetype bodyStart = out.size();
    out.append(char(record.kind));
    out.append(char(record.flags));
    appendU16(out, record.connection);
    appendI64(out, record.timeNs);
    out.append(record.payload);
    appendU32(out, withCrc ? crc32c(QByteArrayView(out).sliced(bodyStart)) : 0u);
}

qsizetype fillCrc(char *record)
{
    const quint32 length = readU32(record);
    const quint32 crc = crc32c(QByteArrayView(record + 4, length));
    char *at = record + 4 + length;
    for (int i = 0; i < 4; ++i)
        at[i] = char((crc >> (8 * i)) & 0xFFu);
    return 4 + qsizetype(length) + 4;
}

QByteArray restPayload(const QByteArray &metadataJson, const QByteArray &responseBody)
{
    QByteArray out;
    out.reserve(4 + metadataJson.size() + responseBody.size());
    appendU32(out, quint32(metadataJson.size()));
    out.append(metadataJson);
    out.append(responseBody);
    return out;
}

bool splitRestPayload(const QByteArray &payload, QByteArray *metadataJson, QByteArray *responseBody)
{
    if (payload.size() < 4)
        return false;
    const quint32 length = readU32(payload.constData());
    if (qsizetype(length) > payload.size() - 4)
        return false;
    *metadataJson = payload.mid(4, length);
    *responseBody = payload.mid(4 + length);
    return true;
}

} // namespace tapescope::tape
