#pragma once

#include "FimlRequests.h"

#include "emulator/VenueSession.h"

#include <QtCore/QByteArray>
#include <QtCore/QList>
#include <QtCore/QObject>
#include <QtCore/QString>
#include <QtCore/QStringList>

#include <vector>

class QTimer;
class QWebSocket;

namespace tapescope::emulator::fiml {

class FimlQuotes;

// One FIML streaming client: independent subscriptions, each with its own id and polling timer; data
// frames labelled "price" for every stream type but ohlcv; a heartbeat every interval; error frames for
// bad requests, the connection staying open (docs/protocols/fiml.md §2-§6).
class FimlEmulatorSession : public VenueSession
{
    Q_OBJECT
public:
    FimlEmulatorSession(QWebSocket *socket, FimlQuotes &quotes, int heartbeatIntervalMs, QObject *parent = nullptr);
    ~FimlEmulatorSession() override;

    int subscriptionCount() const { return int(m_subscriptions.size()); }
    // A stalled server: nothing goes out while silent; replies to requests read meanwhile follow when it ends.
    void setSilent(bool silent) override;
    // The next `count` requests are answered with this error instead of being carried out.
    void failRequests(int count, const QString &errorCode, const QString &message);
    // /ws/prices/{symbols}: the implicit price subscription (docs/protocols/fiml.md §3.3).
    void subscribeImplicitly(const QStringList &symbols);

protected:
    void onClientFrame(const QByteArray &frame) override;

private:
    struct Subscription
    {
        QString id;
        QString streamType;
        QStringList symbols;
        int intervalMs = 1000;
        QTimer *timer = nullptr;
    };

    void subscribe(const ClientRequest &request);
    void unsubscribe(const ClientRequest &request);
    void poll(const QString &id);
    void reply(const QByteArray &frame);

    FimlQuotes &m_quotes;
    QTimer *m_heartbeatTimer;
    std::vector<Subscription> m_subscriptions;
    QList<QByteArray> m_heldReplies;
    bool m_ignoreInput = false; // /ws/prices reads and ignores what the client sends
    int m_failuresLeft = 0;
    QString m_failureCode;
    QString m_failureMessage;
};

} // namespace tapescope::emulator::fiml
