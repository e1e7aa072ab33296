#pragma once

#include "core/Events.h"

#include <QtCore/QString>

#include <string_view>

namespace tapescope::hyperliquid::detail {

// The hot frame, read in one linear pass: an l2Book frame spelled exactly as the venue (and the emulator)
// send it, {"channel":"l2Book","data":{"coin":"…","time":N,"levels":[[{"px":"…","sz":"…","n":N},…],[…]]}}
// with no whitespace, keys in that order, no escapes, plain decimals and an ASCII coin. Appends the book to
// `out` and returns true; for any other spelling it appends nothing and returns false, and the codec's
// general On-Demand reader decodes (or rejects, with its reason) the frame instead. Every byte of an
// accepted frame has been checked against that shape, so nothing malformed passes unseen.
bool decodeCompactBook(std::string_view frame, const QString &venue, EventBatch &out);

} // namespace tapescope::hyperliquid::detail
