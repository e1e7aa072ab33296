#pragma once

#include <QtCore/QByteArrayView>
#include <QtCore/QtGlobal>

// The checksums a recording uses (docs/recording.md): CRC-32C in format version 2, CRC-32 in version 1.
namespace tapescope::tape {

// CRC-32 (IEEE 802.3, as zlib's crc32; check value CBF43926), chained through `crc`. Format version 1.
quint32 crc32(QByteArrayView data, quint32 crc = 0);

// CRC-32C (Castagnoli, as iSCSI and ext4; check value E3069283), chained through `crc`. Format version 2: the
// processor computes it (SSE 4.2 on x86-64, the CRC extension on ARMv8) about four times faster than a table can,
// and the writer thread checksums every record at full ingest rate.
quint32 crc32c(QByteArrayView data, quint32 crc = 0);

// The table-driven CRC-32C that crc32c() falls back to without the instruction; the tests compare the two.
quint32 crc32cPortable(QByteArrayView data, quint32 crc = 0);
// Whether crc32c() uses the processor's instruction on this machine.
bool crc32cInHardware();

} // namespace tapescope::tape
