#pragma once

#include <QtCore/QtGlobal>
#include <QtWebSockets/QWebSocket>

namespace tapescope {

// QWebSocket's error signal. Qt 6.5 added errorOccurred and deprecated error (an overload set with the error()
// getter); 6.4, the oldest Qt Tapescope builds with, has only error. The one place that chooses, for the
// connection and the tests alike: connect(socket, webSocketErrorSignal(), ...).
constexpr auto webSocketErrorSignal()
{
#if QT_VERSION >= QT_VERSION_CHECK(6, 5, 0)
    return &QWebSocket::errorOccurred;
#else
    return qOverload<QAbstractSocket::SocketError>(&QWebSocket::error);
#endif
}

} // namespace tapescope
