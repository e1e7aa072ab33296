#include "record/Checksum.h"

#include <array>
#include <cstring>

#if (defined(__x86_64__) || defined(__i386__)) && (defined(__GNUC__) || defined(__clang__))
#include <nmmintrin.h>
#define TAPESCOPE_CRC32C_X86 1
#elif defined(_M_X64)
#include <intrin.h>
#include <nmmintrin.h>
#define TAPESCOPE_CRC32C_X86 1
#elif defined(__aarch64__) && defined(__ARM_FEATURE_CRC32)
#include <arm_acle.h>
#define TAPESCOPE_CRC32C_ARM 1
#endif

namespace tapescope::tape {

namespace {

// Slice-by-8 tables for a reflected polynomial: table[0] is the classic byte table, table[k] advances a byte k
// positions further.
using CrcTables = std::array<std::array<quint32, 256>, 8>;

constexpr CrcTables makeTables(quint32 polynomial)
{
    CrcTables tables {};
    for (quint32 i = 0; i < 256; ++i) {
        quint32 c = i;
        for (int k = 0; k < 8; ++k)
            c = (c & 1u) ? polynomial ^ (c >> 1) : c >> 1;
        tables[0][i] = c;
    }
    for (quint32 i = 0; i < 256; ++i) {
        for (std::size_t k = 1; k < 8; ++k)
            tables[k][i] = (tables[k - 1][i] >> 8) ^ tables[0][tables[k - 1][i] & 0xFFu];
    }
    return tables;
}

constexpr CrcTables kCrc32Tables = makeTables(0xEDB88320u);
constexpr CrcTables kCrc32cTables = makeTables(0x82F63B78u);

quint32 sliceBy8(const CrcTables &t, QByteArrayView data, quint32 crc)
{
    crc = ~crc;
    const auto *bytes = reinterpret_cast<const unsigned char *>(data.data());
    qsizetype n = data.size();
    while (n >= 8) {
        const quint32 low
            = crc ^ (quint32(bytes[0]) | quint32(bytes[1]) << 8 | quint32(bytes[2]) << 16 | quint32(bytes[3]) << 24);
        crc = t[7][low & 0xFFu] ^ t[6][(low >> 8) & 0xFFu] ^ t[5][(low >> 16) & 0xFFu] ^ t[4][low >> 24]
            ^ t[3][bytes[4]] ^ t[2][bytes[5]] ^ t[1][bytes[6]] ^ t[0][bytes[7]];
        bytes += 8;
        n -= 8;
    }
    while (n-- > 0)
        crc = t[0][(crc ^ *bytes++) & 0xFFu] ^ (crc >> 8);
    return ~crc;
}

#if defined(TAPESCOPE_CRC32C_X86)

#if defined(__GNUC__) || defined(__clang__)
__attribute__((target("sse4.2")))
#endif
quint32
crc32cSse42(QByteArrayView data, quint32 crc)
{
    const auto *bytes = reinterpret_cast<const unsigned char *>(data.data());
    qsizetype n = data.size();
    quint32 c = ~crc;
#if defined(__x86_64__) || defined(_M_X64)
    quint64 wide = c;
    while (n >= 8) {
        quint64 word;
        std::memcpy(&word, bytes, 8);
        wide = _mm_crc32_u64(wide, word);
        bytes += 8;
        n -= 8;
    }
    c = quint32(wide);
#endif
    while (n-- > 0)
        c = _mm_crc32_u8(c, *bytes++);
    return ~c;
}

bool detectSse42()
{
#if defined(__GNUC__) || defined(__clang__)
    __builtin_cpu_init();
    return __builtin_cpu_supports("sse4.2");
#else
    int registers[4] = {};
    __cpuid(registers, 1);
    return (registers[2] & (1 << 20)) != 0; // ECX bit 20: SSE4.2
#endif
}

bool hardware()
{
    static const bool sse42 = detectSse42();
    return sse42;
}

#elif defined(TAPESCOPE_CRC32C_ARM)

quint32 crc32cArm(QByteArrayView data, quint32 crc)
{
    const auto *bytes = reinterpret_cast<const unsigned char *>(data.data());
    qsizetype n = data.size();
    quint32 c = ~crc;
    while (n >= 8) {
        quint64 word;
        std::memcpy(&word, bytes, 8);
        c = __crc32cd(c, word);
        bytes += 8;
        n -= 8;
    }
    while (n-- > 0)
        c = __crc32cb(c, *bytes++);
    return ~c;
}

constexpr bool hardware()
{
    return true; // the compiler was told the CRC extension is there
}

#else

constexpr bool hardware()
{
    return false;
}

#endif

} // namespace

quint32 crc32(QByteArrayView data, quint32 crc)
{
    return sliceBy8(kCrc32Tables, data, crc);
}

quint32 crc32cPortable(QByteArrayView data, quint32 crc)
{
    return sliceBy8(kCrc32cTables, data, crc);
}

bool crc32cInHardware()
{
    return hardware();
}

quint32 crc32c(QByteArrayView data, quint32 crc)
{
#if defined(TAPESCOPE_CRC32C_X86)
    return hardware() ? crc32cSse42(data, crc) : crc32cPortable(data, crc);
#elif defined(TAPESCOPE_CRC32C_ARM)
    return crc32cArm(data, crc);
#else
    return crc32cPortable(data, crc);
#endif
}

} // namespace tapescope::tape
