#pragma once

#include "O2SimulatedMarket.h"

#include <QtCore/QByteArray>
#include <QtCore/QString>

#include <vector>

namespace tapescope::emulator::o2::frames {

// Server -> client frames in the venue's shapes (docs/protocols/o2.md §4): JSON text, `action` first by name, every
// price and quantity an unsigned chain integer sent as a string (§7), timestamps as strings.

// subscribe_depth: the full book under `orders` (the newer server's container, §4.1).
QByteArray depthSnapshot(const QString &marketId, const DepthView &book, qint64 nowMs);
// subscribe_depth_update: changed levels under `changes` with the absolute new quantity; "0" removes (§4.2).
// Empty when nothing changed between `before` and `after`.
QByteArray depthUpdate(const QString &marketId, const DepthView &before, const DepthView &after, qint64 nowMs);
// subscribe_trades: each trade's `side` is the MAKER's (§4.4), lower case.
QByteArray trades(const QString &marketId, const std::vector<SimulatedTrade> &prints, qint64 nowMs);
// {"action":"error","market_id":..,"resync_required":true} (§4.7); the id upper-cased with "0X" like the
// SDK's fixture, so clients must compare ids normalised.
QByteArray resyncRequired(const QString &marketId);
// The REST-style error body the venue uses for failures without an action (§2.2, §10): {"code","message"}.
QByteArray error(int code, const QString &message);

} // namespace tapescope::emulator::o2::frames
