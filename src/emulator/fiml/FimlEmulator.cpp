#include "FimlEmulator.h"

#include "FimlEmulatorSession.h"
#include "FimlQuotes.h"

#include <QtCore/QLoggingCategory>
#include <QtWebSockets/QWebSocket>

#include <utility>

using namespace Qt::StringLiterals;

Q_LOGGING_CATEGORY(lcFimlEmulator, "tapescope.emulator.fiml")

namespace tapescope::emulator::fiml {

namespace {

constexpr int kMaxSymbols = 50;
constexpr QStringView kPricesPrefix = u"/ws/prices/";

// What FastAPI answers for a path it has no route for.
QByteArray errorBody(const QString &detail)
{
    return "{\"detail\":" + jsonString(detail) + '}';
}

// /ws/prices/{symbols}: the comma-separated symbols, upper-cased (docs/protocols/fiml.md §3.3).
QStringList priceSymbols(const QString &path)
{
    QStringList symbols;
    for (const QString &symbol : path.mid(kPricesPrefix.size()).split(u',', Qt::SkipEmptyParts))
        symbols.append(symbol.trimmed().toUpper());
    return symbols;
}

} // namespace

FimlEmulator::FimlEmulator(Options options, QObject *parent)
    : VenueEmulator(u"FIML"_s, lcFimlEmulator, errorBody(u"Request Header Fields Too Large"_s), parent)
    , m_options(options)
    , m_quotes(std::make_unique<FimlQuotes>(options.seed))
{ }

FimlEmulator::~FimlEmulator()
{
    closeAllClients(); // sessions use the quotes
}

QUrl FimlEmulator::streamUrl() const
{
    return url(u"ws"_s, u"/ws/stream"_s);
}

void FimlEmulator::routeRequest(QTcpSocket *socket, const LoopbackServer::RequestHead &request)
{
    const QString path = QString::fromUtf8(request.path);
    if (path == u"/ws/stream"_s || path.startsWith(kPricesPrefix)) {
        acceptWebSocket(socket); // a request that is no upgrade gets the WebSocket server's own 400
        return;
    }
    qCInfo(lcFimlEmulator) << "no stream at" << path;
    LoopbackServer::replyAndClose(socket, 404, errorBody(u"Not Found"_s));
}

VenueSession *FimlEmulator::createSession(QWebSocket *socket)
{
    const QString path = socket->requestUrl().path();
    if (path.startsWith(kPricesPrefix)) {
        const qsizetype symbols = priceSymbols(path).size();
        if (symbols == 0 || symbols > kMaxSymbols) {
            // /ws/prices with a bad symbol list ends without a frame, like FIML (docs/protocols/fiml.md §3.3).
            qCInfo(lcFimlEmulator) << "closing a connection to" << path;
            socket->close(QWebSocketProtocol::CloseCodePolicyViolated, u"no stream at "_s + path);
            return nullptr;
        }
    }
    return new FimlEmulatorSession(socket, *m_quotes, m_options.heartbeatIntervalMs, this);
}

void FimlEmulator::sessionStarted(VenueSession *started)
{
    auto *session = static_cast<FimlEmulatorSession *>(started);
    if (m_failuresPending > 0)
        session->failRequests(std::exchange(m_failuresPending, 0), m_failureCode, m_failureMessage);
    if (const QString path = session->socket()->requestUrl().path(); path.startsWith(kPricesPrefix))
        session->subscribeImplicitly(priceSymbols(path));
}

void FimlEmulator::failNextRequests(int count, const QString &errorCode, const QString &message)
{
    // With no client yet, the next one to connect gets the fault.
    m_failuresPending = clientCount() == 0 ? count : 0;
    m_failureCode = errorCode;
    m_failureMessage = message;
    for (FimlEmulatorSession *session : sessions<FimlEmulatorSession>())
        session->failRequests(count, errorCode, message);
}

int FimlEmulator::subscriptionCount() const
{
    int total = 0;
    for (const FimlEmulatorSession *session : sessions<FimlEmulatorSession>())
        total += session->subscriptionCount();
    return total;
}

std::optional<std::int64_t> FimlEmulator::priceCents(const QString &symbol) const
{
    return m_quotes->priceCents(symbol);
}

} // namespace tapescope::emulator::fiml
