#pragma once

// O2's token rules on top of the shared simdjson readers (venues/common/SimdjsonReaders.h). Internal
// to the codec.

#include "venues/common/SimdjsonReaders.h"

#include <string_view>

namespace tapescope::o2::detail {

using namespace tapescope::venuejson;

// The text of a JSON string straight from the input buffer, not unescaped. It survives a document
// rewind (get_string()'s buffer does not); for names such as `action`, which never need escapes.
inline bool readRawString(ondemand::value value, std::string_view &out)
{
    ondemand::json_type type;
    if (value.type().get(type) != simdjson::SUCCESS || type != ondemand::json_type::string)
        return false;
    return rawStringToken(value, out);
}

// A chain integer's text as sent: the inside of a JSON string ("1500000", "0x16e360") or a JSON
// number token (1500000), read straight from the input so u128 values are never narrowed. Whether
// it is an unsigned integer is checked when it is scaled (chainToDecimal).
inline bool readChainToken(ondemand::value value, std::string_view &out)
{
    if (rawNumberToken(value, out))
        return true;
    return readRawString(value, out);
}

// Consumes a value of any type, so a truncated frame fails even where nothing is read from it.
inline Problem skipValue(ondemand::value value)
{
    ondemand::json_type type;
    if (value.type().get(type) != simdjson::SUCCESS)
        return "value cannot be read";
    switch (type) {
    case ondemand::json_type::object:
        return forEachMember(value, "value is not an object",
                             [](auto, ondemand::value member) { return skipValue(member); });
    case ondemand::json_type::array:
        return forEachElement(value, "value is not an array",
                              [](ondemand::value element) { return skipValue(element); });
    default:
        // raw_json_token() does not validate scalars; skipping them is what the parser does anyway.
        return nullptr;
    }
}

} // namespace tapescope::o2::detail
