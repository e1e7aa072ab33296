#include "HttpResponse.h"

#include <QtCore/QStringBuilder>

namespace tapescope::emulator {

QByteArray reasonPhrase(int status)
{
    switch (status) {
    case 200:
        return "OK";
    case 400:
        return "Bad Request";
    case 401:
        return "Unauthorized";
    case 404:
        return "Not Found";
    case 405:
        return "Method Not Allowed";
    case 413:
        return "Content Too Large";
    case 422:
        return "Unprocessable Entity";
    case 429:
        return "Too Many Requests";
    case 431:
        return "Request Header Fields Too Large";
    case 501:
        return "Not Implemented";
    case 503:
        return "Service Unavailable";
    default:
        return "Error";
    }
}

QByteArray serializeResponse(const HttpResponse &response, bool keepAlive)
{
    return "HTTP/1.1 " + QByteArray::number(response.status) + ' ' + reasonPhrase(response.status)
        + "\r\nContent-Type: application/json\r\nContent-Length: " + QByteArray::number(response.body.size())
        + "\r\nConnection: " + (keepAlive ? "keep-alive" : "close") + "\r\n" + response.extraHeaders + "\r\n"
        + response.body;
}

} // namespace tapescope::emulator
