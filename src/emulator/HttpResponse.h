#pragma once

#include <QtCore/QByteArray>

namespace tapescope::emulator {

// One HTTP/1.1 reply of an emulated REST API; every body the emulators send is JSON.
struct HttpResponse
{
    int status = 200;
    QByteArray body;
    QByteArray extraHeaders; // whole lines, each ending in "\r\n"
};

// "Not Found" for 404: the reason phrase of the statuses the emulators answer with ("Error" for others).
QByteArray reasonPhrase(int status);

// The reply on the wire: status line, Content-Type, Content-Length, Connection, extra headers, body.
QByteArray serializeResponse(const HttpResponse &response, bool keepAlive);

} // namespace tapescope::emulator
