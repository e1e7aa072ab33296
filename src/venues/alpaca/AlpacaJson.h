#pragma once

// Alpaca's wire rules on top of the shared simdjson readers (venues/common/SimdjsonReaders.h). Internal
// to the codec. Prices and sizes are JSON numbers, integer-valued ones without a point (docs/protocols/alpaca.md §8.3):
// venuejson::readNumber hands the number's own text to Decimal, so "126.55" stays 126.55.

#include "venues/common/SimdjsonReaders.h"

#include <QtCore/QString>

#include <cstdint>

namespace tapescope::alpaca::detail {

using namespace tapescope::venuejson;

// Trade ids: crypto ids exceed 2^53 (docs/protocols/alpaca.md §8.2), so they are read as integers and kept as text.
inline bool readId(ondemand::value value, QString &out)
{
    std::uint64_t id = 0;
    if (value.get_uint64().get(id) != simdjson::SUCCESS)
        return false;
    out = QString::number(id);
    return true;
}

// RFC 3339 with 0–9 fraction digits and a zone (docs/protocols/alpaca.md §8.1) -> Unix ms.
inline bool readTimestamp(ondemand::value value, std::int64_t &ms)
{
    return readIsoTimestamp(value, ms, NaiveTime::Reject);
}

} // namespace tapescope::alpaca::detail
