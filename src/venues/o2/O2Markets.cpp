// GET /v1/markets and the market table (docs/protocols/o2.md §6). A one-off body, so Qt's JSON is used here.

#include "O2Markets.h"

#include "O2ChainNumber.h"

#include <QtCore/QJsonArray>
#include <QtCore/QJsonDocument>
#include <QtCore/QJsonObject>

#include <algorithm>
#include <limits>

using namespace Qt::StringLiterals;

namespace tapescope::o2 {

namespace {

bool isHex(QChar c)
{
    return (c >= u'0' && c <= u'9') || (c >= u'a' && c <= u'f') || (c >= u'A' && c <= u'F');
}

template<typename T> std::optional<T> fail(QString *error, const QString &message)
{
    if (error)
        *error = message;
    return std::nullopt;
}

// Integers such as decimals may come as JSON numbers or digit strings (the SDK applies int()).
bool readSmallInt(const QJsonValue &value, int &out)
{
    qint64 wide = -1;
    if (value.isDouble()) {
        wide = value.toInteger(-1); // -1 also when not integral
    } else if (value.isString()) {
        const auto parsed = chainToUInt64(value.toString().toStdString());
        if (!parsed || *parsed > static_cast<quint64>(std::numeric_limits<int>::max()))
            return false;
        wide = static_cast<qint64>(*parsed);
    }
    if (wide < 0 || wide > std::numeric_limits<int>::max())
        return false;
    out = static_cast<int>(wide);
    return true;
}

// A chain integer kept as text; numbers are accepted defensively and spelled as integers.
bool readChainText(const QJsonObject &object, QLatin1StringView key, QString &out)
{
    const QJsonValue value = object.value(key);
    if (value.isUndefined() || value.isNull()) {
        out = u"0"_s;
        return true;
    }
    if (value.isString()) {
        out = value.toString();
        // Any unsigned integer is fine here, also one beyond Decimal's range: it stays text.
        ChainNumberError why = ChainNumberError::None;
        return chainToDecimal(out.toStdString(), 0, &why).has_value() || why == ChainNumberError::OutOfRange;
    }
    if (value.isDouble()) {
        const qint64 integer = value.toInteger(-1);
        if (integer < 0)
            return false;
        out = QString::number(integer);
        return true;
    }
    return false;
}

std::optional<MarketAsset> parseAsset(const QJsonValue &value, const QString &what, QString *error)
{
    if (!value.isObject())
        return fail<MarketAsset>(error, what + u" is not an object"_s);
    const QJsonObject object = value.toObject();
    MarketAsset asset;
    if (!object.value(u"symbol"_s).isString() || !object.value(u"asset"_s).isString())
        return fail<MarketAsset>(error, what + u" lacks symbol or asset"_s);
    asset.symbol = object.value(u"symbol"_s).toString();
    asset.assetId = normaliseId(object.value(u"asset"_s).toString());
    if (!readSmallInt(object.value(u"decimals"_s), asset.decimals)
        || !readSmallInt(object.value(u"max_precision"_s), asset.maxPrecision))
        return fail<MarketAsset>(error, what + u" lacks integer decimals or max_precision"_s);
    return asset;
}

std::optional<Market> parseMarketObject(const QJsonValue &value, QString *error)
{
    if (!value.isObject())
        return fail<Market>(error, u"market is not an object"_s);
    const QJsonObject object = value.toObject();
    Market market;
    if (!object.value(u"market_id"_s).isString() || !object.value(u"contract_id"_s).isString())
        return fail<Market>(error, u"market lacks market_id or contract_id"_s);
    market.marketId = normaliseId(object.value(u"market_id"_s).toString());
    market.contractId = normaliseId(object.value(u"contract_id"_s).toString());
    market.whitelistId = normaliseId(object.value(u"whitelist_id"_s).toString());
    market.blacklistId = normaliseId(object.value(u"blacklist_id"_s).toString());
    if (!readChainText(object, "maker_fee"_L1, market.makerFee)
        || !readChainText(object, "taker_fee"_L1, market.takerFee)
        || !readChainText(object, "min_order"_L1, market.minOrder) || !readChainText(object, "dust"_L1, market.dust))
        return fail<Market>(
            error, u"market "_s + market.marketId + u": maker_fee, taker_fee, min_order or dust is not an integer"_s);
    const QJsonValue window = object.value(u"price_window"_s);
    if (window.isDouble() || window.isString()) {
        int priceWindow = 0;
        if (!readSmallInt(window, priceWindow))
            return fail<Market>(error, u"market "_s + market.marketId + u": price_window is not an integer"_s);
        market.priceWindow = priceWindow;
    }
    QString assetError;
    auto base = parseAsset(object.value(u"base"_s), u"base"_s, &assetError);
    auto quote = base ? parseAsset(object.value(u"quote"_s), u"quote"_s, &assetError) : std::nullopt;
    if (!base || !quote)
        return fail<Market>(error, u"market "_s + market.marketId + u": "_s + assetError);
    market.base = *base;
    market.quote = *quote;
    return market;
}

std::optional<QJsonObject> parseObject(const QByteArray &body, const QString &what, QString *error)
{
    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(body, &parseError);
    if (parseError.error != QJsonParseError::NoError)
        return fail<QJsonObject>(error, what + u": not JSON ("_s + parseError.errorString() + u')');
    if (!document.isObject())
        return fail<QJsonObject>(error, what + u": expected a JSON object"_s);
    return document.object();
}

std::optional<Decimal> step(int maxPrecision)
{
    if (maxPrecision < 0 || maxPrecision > Decimal::MaxScale)
        return std::nullopt;
    return Decimal::fromRaw(1, maxPrecision);
}

} // namespace

QString venueName()
{
    return u"o2"_s;
}

QString normaliseId(const QString &text)
{
    const QStringView id = QStringView(text).trimmed();
    if (id.isEmpty())
        return QString();
    QStringView digits = id;
    if (digits.size() > 2 && digits[0] == u'0' && (digits[1] == u'x' || digits[1] == u'X'))
        digits = digits.mid(2);
    if (std::all_of(digits.begin(), digits.end(), isHex))
        return u"0x"_s + digits.toString().toLower();
    return id.toString().toLower();
}

// Same rule as the QString overload, without a detour through UTF-16: the codec calls it per frame.
std::string normaliseId(std::string_view id)
{
    const auto isSpace = [](char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; };
    while (!id.empty() && isSpace(id.front()))
        id.remove_prefix(1);
    while (!id.empty() && isSpace(id.back()))
        id.remove_suffix(1);
    if (id.empty())
        return {};
    const auto lower = [](char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; };
    std::string_view digits = id;
    if (digits.size() > 2 && digits[0] == '0' && (digits[1] == 'x' || digits[1] == 'X'))
        digits.remove_prefix(2);
    const bool hex = std::all_of(digits.begin(), digits.end(), [](char c) { return isHex(QLatin1Char(c)); });
    std::string out = hex ? std::string("0x") : std::string();
    for (const char c : hex ? digits : id)
        out.push_back(lower(c));
    return out;
}

QString Market::pair() const
{
    return base.symbol + u'/' + quote.symbol;
}

InstrumentId Market::instrumentId() const
{
    return InstrumentId { venueName(), marketId, pair() };
}

std::optional<Decimal> Market::priceStep() const
{
    return step(quote.maxPrecision);
}

std::optional<Decimal> Market::quantityStep() const
{
    return step(base.maxPrecision);
}

std::optional<MarketsResponse> parseMarketsBody(const QByteArray &body, QString *error)
{
    const auto object = parseObject(body, u"markets"_s, error);
    if (!object)
        return std::nullopt;
    MarketsResponse response;
    response.booksRegistryId = normaliseId(object->value(u"books_registry_id"_s).toString());
    response.accountsRegistryId = normaliseId(object->value(u"accounts_registry_id"_s).toString());
    response.tradeAccountOracleId = normaliseId(object->value(u"trade_account_oracle_id"_s).toString());
    response.baseAssetId = normaliseId(object->value(u"base_asset_id"_s).toString());
    // chain_id is hex ("0x0000000000000000") or decimal (docs/protocols/o2.md §6.1).
    const QJsonValue chainId = object->value(u"chain_id"_s);
    if (chainId.isString()) {
        response.chainIdText = chainId.toString();
        if (const auto parsed = chainToUInt64(response.chainIdText.toStdString()))
            response.chainId = *parsed;
    } else if (chainId.isDouble() && chainId.toInteger(-1) >= 0) {
        response.chainId = static_cast<quint64>(chainId.toInteger());
        response.chainIdText = QString::number(*response.chainId);
    }
    const QJsonValue markets = object->value(u"markets"_s);
    if (!markets.isArray() && !markets.isUndefined())
        return fail<MarketsResponse>(error, u"markets: `markets` is not an array"_s);
    for (const QJsonValue &element : markets.toArray()) {
        auto market = parseMarketObject(element, error);
        if (!market)
            return std::nullopt;
        response.markets.push_back(std::move(*market));
    }
    return response;
}

std::optional<Market> parseMarketBody(const QByteArray &body, QString *error)
{
    const auto object = parseObject(body, u"market"_s, error);
    if (!object)
        return std::nullopt;
    return parseMarketObject(*object, error);
}

MarketTable::MarketTable(std::vector<Market> markets)
    : m_markets(std::move(markets))
{
    for (int index = 0; index < static_cast<int>(m_markets.size()); ++index) {
        const Market &market = m_markets[static_cast<std::size_t>(index)];
        // First listing wins on a duplicate, as the SDKs' linear scan does.
        m_byId.try_emplace(market.marketId.toStdString(), index);
        if (!m_byContract.contains(market.contractId))
            m_byContract.insert(market.contractId, index);
        if (!m_byPair.contains(market.pair()))
            m_byPair.insert(market.pair(), index);
    }
}

const Market *MarketTable::byId(const QString &marketId) const
{
    const auto found = m_byId.find(normaliseId(marketId).toStdString());
    return found == m_byId.end() ? nullptr : &m_markets[static_cast<std::size_t>(found->second)];
}

const Market *MarketTable::byContractId(const QString &contractId) const
{
    const int index = m_byContract.value(normaliseId(contractId), -1);
    return index < 0 ? nullptr : &m_markets[static_cast<std::size_t>(index)];
}

const Market *MarketTable::byPair(const QString &pair) const
{
    const int index = m_byPair.value(pair.trimmed(), -1);
    return index < 0 ? nullptr : &m_markets[static_cast<std::size_t>(index)];
}

const Market *MarketTable::resolve(const QString &text) const
{
    if (const Market *market = byId(text))
        return market;
    if (const Market *market = byContractId(text))
        return market;
    return byPair(text);
}

int MarketTable::indexOfWireId(std::string_view marketId) const
{
    const auto found = m_byId.find(normaliseId(marketId));
    return found == m_byId.end() ? -1 : found->second;
}

} // namespace tapescope::o2
