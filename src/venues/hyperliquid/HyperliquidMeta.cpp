// REST /info bodies (docs/protocols/hyperliquid.md §9, §10).

#include "HyperliquidMeta.h"

#include <QtCore/QHash>
#include <QtCore/QJsonArray>
#include <QtCore/QJsonDocument>
#include <QtCore/QJsonObject>

#include <cstdint>
#include <limits>

using namespace Qt::StringLiterals;

namespace tapescope::hyperliquid {

namespace {

template<typename T> std::optional<T> fail(QString *error, const QString &message)
{
    if (error)
        *error = message;
    return std::nullopt;
}

// Parses `body` and requires the top-level kind the endpoint promises.
std::optional<QJsonDocument> parseBody(const QByteArray &body, const QString &what, bool wantArray, QString *error)
{
    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(body, &parseError);
    if (parseError.error != QJsonParseError::NoError)
        return fail<QJsonDocument>(error,
                                   what + u": not JSON ("_s + parseError.errorString() + u" at offset "_s
                                       + QString::number(parseError.offset) + u')');
    if (wantArray ? !document.isArray() : !document.isObject())
        return fail<QJsonDocument>(error,
                                   what + (wantArray ? u": expected a JSON array"_s : u": expected a JSON object"_s));
    return document;
}

// Integers must be JSON integers: toInteger() keeps 64-bit values exact (never via a double).
bool readInteger(const QJsonValue &value, std::int64_t &out)
{
    if (!value.isDouble())
        return false;
    const qint64 integer = value.toInteger(std::numeric_limits<qint64>::min());
    if (integer == std::numeric_limits<qint64>::min())
        return false; // not integral or out of range
    out = integer;
    return true;
}

bool readSmallInt(const QJsonValue &value, int &out)
{
    std::int64_t wide = 0;
    if (!readInteger(value, wide) || wide < 0 || wide > std::numeric_limits<int>::max())
        return false;
    out = static_cast<int>(wide);
    return true;
}

bool readDecimal(const QJsonValue &value, Decimal &out)
{
    if (!value.isString())
        return false;
    const auto parsed = Decimal::parse(value.toString());
    if (!parsed)
        return false;
    out = *parsed;
    return true;
}

} // namespace

QByteArray metaRequestBody()
{
    return QByteArrayLiteral(R"({"type":"meta"})");
}

QByteArray spotMetaRequestBody()
{
    return QByteArrayLiteral(R"({"type":"spotMeta"})");
}

QByteArray candleSnapshotRequestBody(const QString &coin, const QString &interval, qint64 startMs, qint64 endMs)
{
    const QJsonObject request {
        { u"coin"_s, coin }, { u"interval"_s, interval }, { u"startTime"_s, startMs }, { u"endTime"_s, endMs }
    };
    return QJsonDocument(QJsonObject { { u"type"_s, u"candleSnapshot"_s }, { u"req"_s, request } })
        .toJson(QJsonDocument::Compact);
}

std::optional<std::vector<InstrumentInfo>> parseMeta(const QByteArray &body, QString *error)
{
    const auto document = parseBody(body, u"meta"_s, false, error);
    if (!document)
        return std::nullopt;
    const QJsonValue universe = document->object().value(u"universe"_s);
    if (!universe.isArray())
        return fail<std::vector<InstrumentInfo>>(error, u"meta: universe is not an array"_s);
    std::vector<InstrumentInfo> instruments;
    instruments.reserve(static_cast<std::size_t>(universe.toArray().size()));
    for (const QJsonValue &entryValue : universe.toArray()) {
        const QJsonObject entry = entryValue.toObject();
        InstrumentInfo info;
        info.kind = InstrumentInfo::Kind::Perp;
        // Builder-dex perps keep their "dex:COIN" wire name (docs/protocols/hyperliquid.md §9).
        info.coin = entry.value(u"name"_s).toString();
        info.display = info.coin;
        if (!entryValue.isObject() || info.coin.isEmpty())
            return fail<std::vector<InstrumentInfo>>(error, u"meta: universe entry without a name"_s);
        if (!readSmallInt(entry.value(u"szDecimals"_s), info.szDecimals))
            return fail<std::vector<InstrumentInfo>>(error,
                                                     u"meta: "_s + info.coin + u" szDecimals is not an integer"_s);
        if (entry.contains(u"maxLeverage"_s) && !readSmallInt(entry.value(u"maxLeverage"_s), info.maxLeverage))
            return fail<std::vector<InstrumentInfo>>(error,
                                                     u"meta: "_s + info.coin + u" maxLeverage is not an integer"_s);
        info.delisted = entry.value(u"isDelisted"_s).toBool(false);
        instruments.push_back(std::move(info));
    }
    return instruments;
}

std::optional<std::vector<InstrumentInfo>> parseSpotMeta(const QByteArray &body, QString *error)
{
    const auto document = parseBody(body, u"spotMeta"_s, false, error);
    if (!document)
        return std::nullopt;
    const QJsonObject root = document->object();
    if (!root.value(u"tokens"_s).isArray() || !root.value(u"universe"_s).isArray())
        return fail<std::vector<InstrumentInfo>>(error, u"spotMeta: tokens or universe is not an array"_s);

    // Pairs refer to tokens by their `index` field, which is not the array position (HYPE is index 150).
    struct Token
    {
        QString name;
        int szDecimals = 0;
    };
    QHash<std::int64_t, Token> tokens;
    const QJsonArray tokenArray = root.value(u"tokens"_s).toArray();
    for (qsizetype position = 0; position < tokenArray.size(); ++position) {
        const QJsonObject token = tokenArray.at(position).toObject();
        std::int64_t index = position;
        if (token.contains(u"index"_s) && !readInteger(token.value(u"index"_s), index))
            return fail<std::vector<InstrumentInfo>>(error, u"spotMeta: token index is not an integer"_s);
        Token entry { token.value(u"name"_s).toString(), 0 };
        if (entry.name.isEmpty() || !readSmallInt(token.value(u"szDecimals"_s), entry.szDecimals))
            return fail<std::vector<InstrumentInfo>>(error, u"spotMeta: token without name or szDecimals"_s);
        tokens.insert(index, entry);
    }

    std::vector<InstrumentInfo> instruments;
    for (const QJsonValue &pairValue : root.value(u"universe"_s).toArray()) {
        const QJsonObject pair = pairValue.toObject();
        InstrumentInfo info;
        info.kind = InstrumentInfo::Kind::Spot;
        info.coin = pair.value(u"name"_s).toString(); // already the wire name: "PURR/USDC" or "@107" (§9)
        const QJsonArray pairTokens = pair.value(u"tokens"_s).toArray();
        std::int64_t base = -1;
        std::int64_t quote = -1;
        if (info.coin.isEmpty() || pairTokens.size() != 2 || !readInteger(pairTokens.at(0), base)
            || !readInteger(pairTokens.at(1), quote))
            return fail<std::vector<InstrumentInfo>>(
                error, u"spotMeta: universe entry without name or [base, quote] tokens"_s);
        const auto baseToken = tokens.constFind(base);
        const auto quoteToken = tokens.constFind(quote);
        if (baseToken == tokens.cend() || quoteToken == tokens.cend())
            return fail<std::vector<InstrumentInfo>>(error,
                                                     u"spotMeta: "_s + info.coin + u" refers to an unknown token"_s);
        info.display = baseToken->name + u'/' + quoteToken->name;
        info.szDecimals = baseToken->szDecimals;
        instruments.push_back(std::move(info));
    }
    return instruments;
}

std::optional<std::vector<Candle>> parseCandleSnapshot(const QByteArray &body, QString *error)
{
    const auto document = parseBody(body, u"candleSnapshot"_s, true, error);
    if (!document)
        return std::nullopt;
    std::vector<Candle> candles;
    const QJsonArray array = document->array();
    candles.reserve(static_cast<std::size_t>(array.size()));
    for (const QJsonValue &candleValue : array) {
        const QJsonObject object = candleValue.toObject();
        Candle candle;
        candle.venue = u"hyperliquid"_s;
        candle.symbol = object.value(u"s"_s).toString();
        candle.interval = object.value(u"i"_s).toString();
        std::int64_t trades = 0;
        std::int64_t end = 0;
        const bool ok = !candle.symbol.isEmpty() && !candle.interval.isEmpty()
            && readInteger(object.value(u"t"_s), candle.start) && readInteger(object.value(u"T"_s), end)
            && readDecimal(object.value(u"o"_s), candle.open) && readDecimal(object.value(u"h"_s), candle.high)
            && readDecimal(object.value(u"l"_s), candle.low) && readDecimal(object.value(u"c"_s), candle.close)
            && readDecimal(object.value(u"v"_s), candle.volume);
        if (!ok)
            return fail<std::vector<Candle>>(error,
                                             u"candleSnapshot: candle "_s + QString::number(candles.size())
                                                 + u" lacks s, i, t, T or a decimal-string o/h/l/c/v"_s);
        candle.end = end;
        if (object.contains(u"n"_s)) {
            if (!readInteger(object.value(u"n"_s), trades))
                return fail<std::vector<Candle>>(error, u"candleSnapshot: candle n is not an integer"_s);
            candle.trades = trades;
        }
        candles.push_back(std::move(candle));
    }
    return candles;
}

} // namespace tapescope::hyperliquid
