#include "FimlRequests.h"

#include "FimlQuotes.h"

#include <QtCore/QJsonArray>
#include <QtCore/QJsonDocument>
#include <QtCore/QJsonObject>

#include <optional>

using namespace Qt::StringLiterals;

namespace tapescope::emulator::fiml {

namespace {

const QStringList &streamTypes()
{
    static const QStringList types = { u"price"_s, u"ohlcv"_s, u"quote"_s, u"trades"_s, u"multi_asset"_s };
    return types;
}

// Python's repr and type name of a JSON value, as pydantic prints them in its messages.
QString pythonRepr(const QJsonValue &value)
{
    switch (value.type()) {
    case QJsonValue::Null:
    case QJsonValue::Undefined:
        return u"None"_s;
    case QJsonValue::Bool:
        return value.toBool() ? u"True"_s : u"False"_s;
    case QJsonValue::Double:
        return QString::number(value.toDouble());
    case QJsonValue::String:
        return u'\'' + value.toString() + u'\'';
    case QJsonValue::Array: {
        QStringList items;
        for (const QJsonValue &item : value.toArray())
            items.append(pythonRepr(item));
        QString text = u'[' + items.join(u", "_s) + u']';
        return text.size() > 80 ? text.left(38) + u"..."_s + text.right(38) : text;
    }
    case QJsonValue::Object:
        return u"{...}"_s;
    }
    return {};
}

QString pythonType(const QJsonValue &value)
{
    switch (value.type()) {
    case QJsonValue::Null:
    case QJsonValue::Undefined:
        return u"NoneType"_s;
    case QJsonValue::Bool:
        return u"bool"_s;
    case QJsonValue::Double:
        return value.toDouble() == double(qint64(value.toDouble())) ? u"int"_s : u"float"_s;
    case QJsonValue::String:
        return u"str"_s;
    case QJsonValue::Array:
        return u"list"_s;
    case QJsonValue::Object:
        return u"dict"_s;
    }
    return {};
}

ClientRequest refused(const QString &code, const QString &message)
{
    ClientRequest request;
    request.errorCode = code;
    request.message = message;
    return request;
}

// pydantic 2's str(ValidationError) for one failed field (docs/protocols/fiml.md §4.5).
ClientRequest invalid(bool subscribe, const QString &field, const QString &reason, const QString &type,
                      const QJsonValue &input)
{
    const QString model = subscribe ? u"SubscriptionRequest"_s : u"UnsubscribeRequest"_s;
    const QString prefix = subscribe ? u"Failed to create subscription: "_s : u"Failed to unsubscribe: "_s;
    return refused(subscribe ? u"SUBSCRIPTION_ERROR"_s : u"UNSUBSCRIBE_ERROR"_s,
                   prefix + u"1 validation error for "_s + model + u'\n' + field + u"\n  "_s + reason + u" [type="_s
                       + type + u", input_value="_s + pythonRepr(input) + u", input_type="_s + pythonType(input)
                       + u"]\n    For further information visit https://errors.pydantic.dev/2.13/v/"_s + type);
}

std::optional<ClientRequest> checkStreamType(bool subscribe, const QJsonObject &object, ClientRequest &request)
{
    const QJsonValue value = object.value(u"stream_type"_s);
    if (value.isUndefined())
        return invalid(subscribe, u"stream_type"_s, u"Field required"_s, u"missing"_s, QJsonValue(object));
    if (!value.isString() || !streamTypes().contains(value.toString()))
        return invalid(subscribe, u"stream_type"_s,
                       u"Input should be 'price', 'ohlcv', 'quote', 'trades' or 'multi_asset'"_s, u"enum"_s, value);
    request.streamType = value.toString();
    return std::nullopt;
}

ClientRequest parseSubscribe(const QJsonObject &object)
{
    ClientRequest request;
    request.kind = ClientRequest::Kind::Subscribe;
    if (auto error = checkStreamType(true, object, request))
        return *error;
    const QJsonValue symbols = object.value(u"symbols"_s);
    if (symbols.isUndefined())
        return invalid(true, u"symbols"_s, u"Field required"_s, u"missing"_s, QJsonValue(object));
    if (!symbols.isArray())
        return invalid(true, u"symbols"_s, u"Input should be a valid list"_s, u"list_type"_s, symbols);
    const QJsonArray list = symbols.toArray();
    if (list.isEmpty())
        return invalid(true, u"symbols"_s, u"List should have at least 1 item after validation, not 0"_s,
                       u"too_short"_s, symbols);
    if (list.size() > 50)
        return invalid(true, u"symbols"_s,
                       u"List should have at most 50 items after validation, not %1"_s.arg(list.size()), u"too_long"_s,
                       symbols);
    for (qsizetype i = 0; i < list.size(); ++i) {
        if (!list.at(i).isString())
            return invalid(true, u"symbols.%1"_s.arg(i), u"Input should be a valid string"_s, u"string_type"_s,
                           list.at(i));
        request.symbols.append(list.at(i).toString());
    }
    const QJsonValue interval = object.value(u"interval_ms"_s);
    if (!interval.isUndefined()) {
        // pydantic's lax mode takes 1000, 1000.0 and "1000".
        bool ok = interval.isDouble() && interval.toDouble() == double(qint64(interval.toDouble()));
        qint64 value = ok ? qint64(interval.toDouble()) : 0;
        if (interval.isString())
            value = interval.toString().toLongLong(&ok);
        if (!ok)
            return invalid(true, u"interval_ms"_s, u"Input should be a valid integer"_s, u"int_type"_s, interval);
        if (value < 100)
            return invalid(true, u"interval_ms"_s, u"Input should be greater than or equal to 100"_s,
                           u"greater_than_equal"_s, interval);
        if (value > 60000)
            return invalid(true, u"interval_ms"_s, u"Input should be less than or equal to 60000"_s,
                           u"less_than_equal"_s, interval);
        request.intervalMs = int(value);
    }
    const auto checkEnum = [&](const QString &field, const QStringList &allowed) -> std::optional<ClientRequest> {
        const QJsonValue value = object.value(field);
        if (value.isUndefined() || (value.isString() && allowed.contains(value.toString())))
            return std::nullopt;
        return invalid(true, field, u"Input should be '"_s + allowed.join(u"', '"_s) + u'\'', u"enum"_s, value);
    };
    if (auto error = checkEnum(
            u"asset_type"_s,
            { u"equity"_s, u"crypto"_s, u"forex"_s, u"commodity"_s, u"index"_s, u"etf"_s, u"option"_s, u"future"_s }))
        return *error;
    if (auto error
        = checkEnum(u"market"_s, { u"US"_s, u"UK"_s, u"EU"_s, u"JP"_s, u"CN"_s, u"HK"_s, u"CRYPTO"_s, u"GLOBAL"_s }))
        return *error;
    if (auto error = checkEnum(u"data_type"_s,
                               { u"price"_s, u"ohlcv"_s, u"fundamentals"_s, u"technical"_s, u"sentiment"_s, u"news"_s,
                                 u"macro"_s, u"correlation"_s, u"risk"_s, u"options"_s }))
        return *error;
    return request;
}

ClientRequest parseUnsubscribe(const QJsonObject &object)
{
    ClientRequest request;
    request.kind = ClientRequest::Kind::Unsubscribe;
    if (auto error = checkStreamType(false, object, request))
        return *error;
    const QJsonValue symbols = object.value(u"symbols"_s);
    if (symbols.isUndefined() || symbols.isNull()) {
        request.allSymbols = true; // every subscription of the type (docs/protocols/fiml.md §3.2)
        return request;
    }
    if (!symbols.isArray())
        return invalid(false, u"symbols"_s, u"Input should be a valid list"_s, u"list_type"_s, symbols);
    for (const QJsonValue &symbol : symbols.toArray()) {
        if (!symbol.isString())
            return invalid(false, u"symbols"_s, u"Input should be a valid string"_s, u"string_type"_s, symbol);
        request.symbols.append(symbol.toString());
    }
    return request;
}

} // namespace

ClientRequest parseClientRequest(const QByteArray &frame)
{
    QJsonParseError error {};
    const QJsonDocument document = QJsonDocument::fromJson(frame, &error);
    if (error.error != QJsonParseError::NoError) {
        // QJsonDocument reads only arrays and objects; a bare scalar is valid JSON to Python.
        const QJsonDocument wrapped = QJsonDocument::fromJson('[' + frame + ']');
        if (wrapped.isArray() && wrapped.array().size() == 1)
            return refused(u"PROCESSING_ERROR"_s,
                           u"Error processing message: '%1' object has no attribute 'get'"_s.arg(
                               pythonType(wrapped.array().first())));
        return refused(u"INVALID_JSON"_s, u"Message is not valid JSON"_s);
    }
    if (!document.isObject())
        return refused(u"PROCESSING_ERROR"_s, u"Error processing message: 'list' object has no attribute 'get'"_s);
    const QJsonObject object = document.object();
    const QJsonValue type = object.value(u"type"_s);
    if (type == QJsonValue(u"subscribe"_s))
        return parseSubscribe(object);
    if (type == QJsonValue(u"unsubscribe"_s))
        return parseUnsubscribe(object);
    return refused(u"INVALID_MESSAGE_TYPE"_s,
                   u"Unknown message type: "_s + (type.isString() ? type.toString() : pythonRepr(type)));
}

QByteArray errorFrame(const QString &errorCode, const QString &message, qint64 nowMs)
{
    return "{\"type\":\"error\",\"error_code\":" + jsonString(errorCode) + ",\"message\":" + jsonString(message)
        + ",\"details\":null,\"timestamp\":\"" + isoTime(nowMs) + "\"}";
}

} // namespace tapescope::emulator::fiml
