#pragma once

#include "HttpResponse.h"

#include <QtCore/QByteArray>
#include <QtCore/QList>
#include <QtCore/QObject>
#include <QtCore/QPair>

#include <functional>

class QTcpSocket;

namespace tapescope::emulator {

struct HttpRequest
{
    QByteArray method;
    QByteArray target; // path and query as sent
    QByteArray path; // the target without its query
    QByteArray body;
    QList<QPair<QByteArray, QByteArray>> headers; // names in lower case, values trimmed, in the order sent

    QByteArray header(const QByteArray &lowerName) const
    {
        for (const auto &[name, value] : headers) {
            if (name == lowerName)
                return value;
        }
        return {};
    }
};

// A minimal but correct HTTP/1.1 server connection for a venue's REST side: Content-Length bodies,
// JSON replies, keep-alive unless the client asks to close, pipelined requests answered in order.
// What a request means is the venue's business (`handler`); so is the JSON of a protocol error
// (`errorBody`, for requests this class refuses before the handler sees them).
class HttpConnection : public QObject
{
    Q_OBJECT
public:
    using Handler = std::function<HttpResponse(const HttpRequest &request)>;
    using ErrorBody = std::function<QByteArray(int status, const QString &message)>;

    // Takes the socket over (as its parent); the request head may still be unread in it.
    HttpConnection(QTcpSocket *socket, Handler handler, ErrorBody errorBody, QObject *parent = nullptr);

    QTcpSocket *socket() const { return m_socket; }
    // While silent, requests wait unanswered (a stalled venue); they are answered once it ends.
    void setSilent(bool silent);

Q_SIGNALS:
    void closed();

private:
    void onReadyRead();
    void processBuffer();
    void reply(const HttpResponse &response, bool keepAlive);
    void refuse(int status, const QString &message);

    QTcpSocket *m_socket;
    Handler m_handler;
    ErrorBody m_errorBody;
    QByteArray m_buffer;
    bool m_silent = false;
    bool m_closing = false;
};

} // namespace tapescope::emulator
