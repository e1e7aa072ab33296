#pragma once

#include "Events.h"

#include <QtCore/QByteArray>
#include <QtCore/QString>

namespace tapescope {

// The normalized wire form of an event: one compact JSON object, no trailing newline, keys in a
// fixed order so output can be diffed and compared byte for byte (CLI streams, recordings, tests).
// Prices and sizes are JSON strings spelled as the venue sent them; times are integer Unix ms;
// a key is absent when the venue has no such field.
//
//   book        {"venue","type":"book","symbol","ts","bids":[["px","sz"],...],"asks":[...],"seq"?}
//   book_delta  {"venue","type":"book_delta","symbol","ts","changes":[["bid"|"ask","px","sz"],...],"seq"?}
//   bbo         {"venue","type":"bbo","symbol","ts","bid":["px","sz"]|null,"ask":["px","sz"]|null}
//   trade       {"venue","type":"trade","symbol","ts","price","size","side":"buy"|"sell","id"?,
//                "side_inferred":true?}   (side is a tick-rule estimate: the venue does not say)
//   candle      {"venue","type":"candle","symbol","interval","start","end","open","high","low","close",
//                "volume","trades"?}
//   ticker      {"venue","type":"ticker","symbol","ts"?,"mid"?,"mark"?,"oracle"?,"funding"?,"open_interest"?,
//                "volume_24h"?,"prev_day_price"?,"last"?,"change"?,"change_percent"?,"volume"?,"provider"?,
//                "confidence"?}
//   ack         {"venue","type":"subscribed"|"unsubscribed","channel","symbol"?,"interval"?}
//   error       {"type":"error","venue","code","message","symbol"?}
//   heartbeat   {"type":"heartbeat","venue"}
//
// "seq" is present when the venue numbers its book messages (sequence >= 0).
QByteArray toNormalizedJson(const MarketEvent &event);

// {"type":"status","venue","state","detail"}: a feed's connection state for the same stream.
QByteArray statusJson(const QString &venue, const QString &state, const QString &detail);

// {"type":"fatal","command","exit","message"}: why a CLI command stops, with the exit code it stops with.
QByteArray fatalJson(const QString &command, int exitCode, const QString &message);

// {"type":"log","level","category","message"}: a library log line on the CLI's stderr (--verbose adds debug and
// info; warnings and worse are always shown).
QByteArray logJson(const char *level, const char *category, const QString &message);

// A market state as the JSON and the panels spell it: "open", "settled", ... ("unknown" for Unknown).
QString marketStateName(MarketState state);

// Appends `text` as a JSON string literal (quotes included): quote and backslash escaped, control
// characters as \u00xx, everything else as UTF-8.
void appendJsonString(QByteArray &out, QStringView text);

} // namespace tapescope
