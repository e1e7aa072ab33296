#include "KalshiEndpoints.h"

using namespace Qt::StringLiterals;

namespace tapescope::kalshi {

namespace {

constexpr QLatin1String kWsPath("/trade-api/ws/v2");
constexpr QLatin1String kRestPath("/trade-api/v2");

QUrl onHost(const QUrl &origin, const QString &scheme, QLatin1String path)
{
    QUrl url;
    url.setScheme(scheme);
    url.setHost(origin.host());
    url.setPort(origin.port());
    url.setPath(path);
    return url;
}

} // namespace

Endpoints Endpoints::production()
{
    // The dedicated WebSocket host is the one Kalshi recommends; REST stays on the host its OpenAPI names (§1).
    return { Environment::Production, QUrl(u"wss://external-api-ws.kalshi.com/trade-api/ws/v2"_s),
             QUrl(u"https://api.elections.kalshi.com/trade-api/v2"_s) };
}

Endpoints Endpoints::demo()
{
    return { Environment::Demo, QUrl(u"wss://external-api-ws.demo.kalshi.co/trade-api/ws/v2"_s),
             QUrl(u"https://demo-api.kalshi.co/trade-api/v2"_s) };
}

std::optional<Endpoints> Endpoints::forEnvironment(const QString &name, QString *error)
{
    if (name.isEmpty() || name == u"production"_s || name == u"prod"_s)
        return production();
    if (name == u"demo"_s)
        return demo();
    if (error)
        *error = u"unknown Kalshi environment '%1': use production or demo (or give a URL)"_s.arg(name);
    return std::nullopt;
}

std::optional<Endpoints> Endpoints::custom(const QUrl &url, QString *error)
{
    if (!url.isValid() || url.host().isEmpty()) {
        if (error)
            *error
                = u"'%1' is not a URL; give the WebSocket URL (ws://host:port/trade-api/ws/v2) or the REST base (http://host:port)"_s
                      .arg(url.toString());
        return std::nullopt;
    }
    const QString scheme = url.scheme();
    const bool secure = scheme == u"wss"_s || scheme == u"https"_s;
    if (scheme != u"ws"_s && scheme != u"http"_s && !secure) {
        if (error)
            *error = u"unsupported scheme '%1': use ws, wss, http or https"_s.arg(scheme);
        return std::nullopt;
    }
    Endpoints endpoints;
    endpoints.environment = Environment::Custom;
    endpoints.wsUrl = onHost(url, secure ? u"wss"_s : u"ws"_s, kWsPath);
    endpoints.restBase = onHost(url, secure ? u"https"_s : u"http"_s, kRestPath);
    return endpoints;
}

QUrl Endpoints::restUrl(const QByteArray &pathAndQuery) const
{
    QUrl origin = restBase;
    origin.setPath(QString());
    origin.setQuery(QString());
    return QUrl::fromEncoded(origin.toEncoded() + pathAndQuery);
}

} // namespace tapescope::kalshi
