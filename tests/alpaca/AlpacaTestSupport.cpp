#include "AlpacaTestSupport.h"
#include "support/FixtureLines.h"

#include "core/EventJson.h"

#include <QtCore/QFile>

using namespace Qt::StringLiterals;

namespace tapescope::test {

QList<QByteArray> alpacaFixtureLines(const char *file)
{
    return test::fixtureLines(QStringLiteral("alpaca/") + QString::fromUtf8(file));
}

QStringList eventTexts(const EventBatch &events)
{
    QStringList texts;
    for (const MarketEvent &event : events)
        texts.append(QString::fromUtf8(toNormalizedJson(event)));
    return texts;
}

QStringList sessionTexts(const std::vector<alpaca::SessionMessage> &session)
{
    using alpaca::SessionMessage;
    QStringList texts;
    for (const SessionMessage &message : session) {
        switch (message.kind) {
        case SessionMessage::Kind::Connected:
            texts.append(u"connected"_s);
            break;
        case SessionMessage::Kind::Authenticated:
            texts.append(u"authenticated"_s);
            break;
        case SessionMessage::Kind::Error:
            texts.append(u"error %1 %2"_s.arg(message.errorCode).arg(message.errorMessage));
            break;
        case SessionMessage::Kind::Subscription: {
            QString text = u"subscription"_s;
            for (std::size_t i = 0; i < alpaca::ChannelCount; ++i) {
                const auto channel = static_cast<alpaca::Channel>(i);
                const QStringList &symbols = message.subscriptions.symbols(channel);
                if (!symbols.isEmpty())
                    text += u' ' + QLatin1String(alpaca::channelKey(channel)) + u"=["_s + symbols.join(u',') + u']';
            }
            texts.append(text);
            break;
        }
        }
    }
    return texts;
}

} // namespace tapescope::test
