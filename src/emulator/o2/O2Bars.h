#pragma once

#include "O2MarketCatalog.h"

#include <QtCore/QByteArray>
#include <QtCore/QString>

#include <optional>

namespace tapescope::emulator::o2 {

// GET /v1/bars for an emulated market (docs/protocols/o2.md §8):
// {"bars":[{"time","open","high","low","close","volume"}]} in the Python SDK's field names, chain integers as strings,
// time in Unix ms, oldest first. Each bar is a pure function of (seed, market, bar start), so asking twice for
// overlapping ranges gives the same bars. At most `maxBars` bars, the most recent ones of [fromMs, toMs]. nullopt (and
// `error`) for an unknown resolution or an empty or reversed range.
std::optional<QByteArray> barsBody(const MarketSpec &market, quint32 seed, const QString &resolution, qint64 fromMs,
                                   qint64 toMs, QString *error, int maxBars = 1000);

// Length of one bar in ms (months count as 30 days here; the emulator only needs a stable grid).
std::optional<qint64> barMillis(const QString &resolution);

} // namespace tapescope::emulator::o2
