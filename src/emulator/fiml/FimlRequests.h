#pragma once

#include <QtCore/QByteArray>
#include <QtCore/QString>
#include <QtCore/QStringList>

namespace tapescope::emulator::fiml {

// A client frame on /ws/stream as FIML's router sees it (docs/protocols/fiml.md §3, §6): a valid subscribe or
// unsubscribe, or the error frame it earns, with FIML's code and pydantic-style message.
struct ClientRequest
{
    enum class Kind { Subscribe, Unsubscribe, Refused };
    Kind kind = Kind::Refused;
    QString streamType; // price, ohlcv, quote, trades, multi_asset
    QStringList symbols; // Subscribe: 1..50; Unsubscribe: empty with allSymbols
    bool allSymbols = false;
    int intervalMs = 1000;
    QString errorCode; // Refused: INVALID_JSON, INVALID_MESSAGE_TYPE, SUBSCRIPTION_ERROR, ...
    QString message; // Refused
};

ClientRequest parseClientRequest(const QByteArray &frame);

// {"type":"error","error_code":…,"message":…,"details":null,"timestamp":…} (docs/protocols/fiml.md §4.5)
QByteArray errorFrame(const QString &errorCode, const QString &message, qint64 nowMs);

} // namespace tapescope::emulator::fiml
