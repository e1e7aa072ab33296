// The account-stream decoders, fed frame after frame (one per input line) to one decoder as the account services feed
// them: the first byte picks the venue (modulo 4), the rest are the frames. Alpaca's trading stream decodes the frame
// bytes itself; the others get the frame's JSON object as their service parses it (QJsonDocument). Every account
// event goes through the CLI's JSON writer.
//   0 Alpaca AccountDecoder::decodeFrame       1 Hyperliquid AccountDecoder::decodeFrame
//   2 Kalshi AccountDecoder::decodeMessage     3 O2 AccountDecoder::decodeFrame (with the fuzz market table)

#include "FuzzSupport.h"
#include "O2FuzzMarkets.h"

#include "core/AccountJson.h"
#include "venues/alpaca/AlpacaAccount.h"
#include "venues/hyperliquid/HyperliquidAccount.h"
#include "venues/kalshi/KalshiAccount.h"
#include "venues/o2/O2Account.h"

#include <QtCore/QJsonDocument>
#include <QtCore/QJsonObject>

namespace {

using namespace tapescope;

void writeAll(const AccountEventBatch &events)
{
    for (const AccountEvent &event : events)
        fuzz::check(!toNormalizedJson(event).isEmpty(), "an account event wrote no JSON");
}

std::optional<QJsonObject> objectOf(std::string_view frame)
{
    const QJsonDocument document
        = QJsonDocument::fromJson(QByteArray(frame.data(), static_cast<qsizetype>(frame.size())));
    if (!document.isObject())
        return std::nullopt;
    return document.object();
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
    if (size == 0)
        return 0;
    static const o2::MarketTable markets = fuzz::o2Markets();
    const int venue = data[0] % 4;
    const QString account = QStringLiteral("0x0000000000000000000000000000000000000001");
    alpaca::AccountDecoder alpacaDecoder(QStringLiteral("fuzz"));
    hyperliquid::AccountDecoder hyperliquidDecoder(account);
    kalshi::AccountDecoder kalshiDecoder(QStringLiteral("fuzz"));
    o2::AccountDecoder o2Decoder(account);
    o2Decoder.setMarkets(markets);
    fuzz::forEachFrame(data + 1, size - 1, [&](std::string_view frame) {
        QString error;
        switch (venue) {
        case 0:
            if (const auto message
                = alpacaDecoder.decodeFrame(QByteArrayView(frame.data(), static_cast<qsizetype>(frame.size())), &error))
                writeAll(message->events);
            break;
        case 1:
            if (const auto object = objectOf(frame)) {
                AccountEventBatch events;
                if (!hyperliquidDecoder.decodeFrame(*object, events))
                    writeAll(events);
            }
            break;
        case 2:
            if (const auto object = objectOf(frame)) {
                AccountEventBatch events;
                if (!kalshiDecoder.decodeMessage(*object, 1700000000000, events))
                    writeAll(events);
            }
            break;
        case 3:
            if (const auto object = objectOf(frame)) {
                o2::AccountFrame decoded;
                (void)o2Decoder.decodeFrame(*object, decoded);
            }
            break;
        }
    });
    return 0;
}
