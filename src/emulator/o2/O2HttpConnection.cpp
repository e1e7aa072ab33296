#include "O2HttpConnection.h"

#include "O2EmulatorLog.h"
#include "O2Frames.h"
#include "O2RestEndpoint.h"

#include <QtNetwork/QTcpSocket>

using namespace Qt::StringLiterals;

namespace tapescope::emulator::o2 {

namespace {

constexpr qsizetype kMaxHead = 16 * 1024;
constexpr qint64 kMaxBody = 1024 * 1024;

QByteArray reasonPhrase(int status)
{
    switch (status) {
    case 200: return "OK";
    case 400: return "Bad Request";
    case 404: return "Not Found";
    case 405: return "Method Not Allowed";
    case 413: return "Content Too Large";
    case 431: return "Request Header Fields Too Large";
    default: return "Error";
    }
}

} // namespace

HttpConnection::HttpConnection(QTcpSocket *socket, const MarketBoard &board, QObject *parent)
    : QObject(parent)
    , m_socket(socket)
    , m_board(board)
{
    m_socket->setParent(this);
    connect(m_socket, &QTcpSocket::readyRead, this, &HttpConnection::onReadyRead);
    connect(m_socket, &QTcpSocket::disconnected, this, &HttpConnection::closed);
    onReadyRead(); // the head was only peeked by the port dispatcher; it is still unread
}

void HttpConnection::setSilent(bool silent)
{
    m_silent = silent;
    if (!silent)
        processBuffer();
}

void HttpConnection::onReadyRead()
{
    m_buffer += m_socket->readAll();
    processBuffer();
}

void HttpConnection::reply(int status, const QByteArray &body, bool keepAlive)
{
    m_socket->write("HTTP/1.1 " + QByteArray::number(status) + ' ' + reasonPhrase(status)
                    + "\r\nContent-Type: application/json\r\nContent-Length: " + QByteArray::number(body.size())
                    + "\r\nConnection: " + (keepAlive ? "keep-alive" : "close") + "\r\n\r\n" + body);
    if (!keepAlive) {
        m_closing = true;
        m_socket->disconnectFromHost(); // flushes the reply first
    }
}

void HttpConnection::processBuffer()
{
    while (!m_silent && !m_closing) {
        const qsizetype headEnd = m_buffer.indexOf("\r\n\r\n");
        if (headEnd < 0) {
            if (m_buffer.size() > kMaxHead)
                reply(431, frames::error(1001, u"request head too large"_s), false);
            return;
        }
        const QList<QByteArray> lines = m_buffer.left(headEnd).split('\n');
        const QList<QByteArray> requestLine = lines.first().trimmed().split(' ');
        if (requestLine.size() != 3 || !requestLine[2].startsWith("HTTP/1.")) {
            reply(400, frames::error(1001, u"malformed request line"_s), false);
            return;
        }
        qint64 contentLength = 0;
        bool keepAlive = requestLine[2] == "HTTP/1.1";
        for (qsizetype i = 1; i < lines.size(); ++i) {
            const qsizetype colon = lines[i].indexOf(':');
            if (colon <= 0)
                continue;
            const QByteArray name = lines[i].left(colon).trimmed().toLower();
            const QByteArray value = lines[i].mid(colon + 1).trimmed().toLower();
            if (name == "content-length")
                contentLength = value.toLongLong();
            else if (name == "connection" && value.contains("close"))
                keepAlive = false;
            else if (name == "connection" && value.contains("keep-alive"))
                keepAlive = true;
        }
        if (contentLength < 0 || contentLength > kMaxBody) {
            reply(413, frames::error(1001, u"bad request body length"_s), false);
            return;
        }
        const qsizetype bodyStart = headEnd + 4;
        if (m_buffer.size() - bodyStart < contentLength)
            return; // wait for the rest of the body
        m_buffer.remove(0, bodyStart + contentLength);

        const RestReply answer = handleRest(m_board, requestLine[0], requestLine[1]);
        qCDebug(lcO2Emulator) << requestLine[0] << requestLine[1].left(160) << "->" << answer.status;
        reply(answer.status, answer.body, keepAlive);
    }
}

} // namespace tapescope::emulator::o2
