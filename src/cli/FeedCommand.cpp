#include "cli/FeedCommand.h"

#include "cli/StreamPrinter.h"
#include "core/BoundedFile.h"
#include "net/VenueFeed.h"

#include <QtCore/QCommandLineParser>
#include <QtCore/QCoreApplication>
#include <QtCore/QTimer>
#include <QtCore/QUrl>
#include <QtNetwork/QSslConfiguration>

using namespace Qt::StringLiterals;

namespace tapescope::cli {

void addFeedOptions(QCommandLineParser &parser)
{
    parser.addOption(
        { u"url"_s, u"Venue URL (WebSocket, or REST base where the venue derives one from the other)."_s, u"url"_s });
    parser.addOption({ u"environment"_s, u"Venue environment, e.g. mainnet/testnet, production/demo."_s, u"name"_s });
    parser.addOption({ u"testnet"_s, u"Shorthand for --environment testnet."_s });
    parser.addOption({ u"count"_s, u"Exit 0 after this many events (0 = run until interrupted)."_s, u"n"_s, u"0"_s });
    parser.addOption({ u"status"_s, u"Also print status, acknowledgement and heartbeat events on stdout."_s });
    parser.addOption({ u"reconnect-limit"_s,
                       u"Give up (exit 2) after this many seconds without a connection (0 = never)."_s, u"seconds"_s,
                       u"120"_s });
    parser.addOption({ u"connect-timeout-ms"_s,
                       u"Give up a connection attempt whose WebSocket handshake has not completed after this many "
                       "milliseconds (default 15000)."_s,
                       u"ms"_s });
    parser.addOption({ u"ca-file"_s,
                       u"PEM file of CA certificates to trust in addition to the system's (a private or test CA); "
                       "default: $TAPESCOPE_CA_FILE. Certificate verification is never switched off."_s,
                       u"path"_s });
}

// The CA file's certificates, or nullopt with *error naming the file.
std::optional<QList<QSslCertificate>> readCaFile(const QString &path, const QString &origin, QString *error)
{
    constexpr qint64 kMaxCaFileBytes = 4 * 1024 * 1024; // a whole system bundle is about 200 KiB
    QString why;
    const std::optional<QByteArray> pem = readBoundedFile(path, kMaxCaFileBytes, &why);
    if (!pem) {
        *error = u"%1: %2"_s.arg(origin, why);
        return std::nullopt;
    }
    QList<QSslCertificate> certificates = QSslCertificate::fromData(*pem, QSsl::Pem);
    certificates.removeIf([](const QSslCertificate &certificate) { return certificate.isNull(); });
    if (certificates.isEmpty()) {
        *error = u"%1: %2 holds no PEM certificate (-----BEGIN CERTIFICATE-----)"_s.arg(origin, path);
        return std::nullopt;
    }
    return certificates;
}

std::optional<FeedOptions> readFeedOptions(const QCommandLineParser &parser, QString *error)
{
    FeedOptions options;
    bool ok = false;
    options.count = parser.value(u"count"_s).toULongLong(&ok);
    if (!ok) {
        *error = u"--count must be a non-negative number"_s;
        return std::nullopt;
    }
    const int reconnectLimit = parser.value(u"reconnect-limit"_s).toInt(&ok);
    if (!ok || reconnectLimit < 0) {
        *error = u"--reconnect-limit must be a non-negative number of seconds"_s;
        return std::nullopt;
    }
    options.reconnectLimitMs = reconnectLimit * 1000;
    if (parser.isSet(u"connect-timeout-ms"_s)) {
        options.connectTimeoutMs = parser.value(u"connect-timeout-ms"_s).toInt(&ok);
        if (!ok || options.connectTimeoutMs <= 0) {
            *error = u"--connect-timeout-ms must be a positive number of milliseconds"_s;
            return std::nullopt;
        }
    }
    options.printStatus = parser.isSet(u"status"_s);
    options.url = parser.value(u"url"_s);
    // `--url ''` (an unset shell variable) must not quietly mean "the venue's default" (mainnet, production).
    if (parser.isSet(u"url"_s) && options.url.trimmed().isEmpty()) {
        *error = u"--url is empty: give the server's URL, or leave --url out for the venue's default"_s;
        return std::nullopt;
    }
    if (parser.isSet(u"url"_s)) {
        const QUrl url(options.url.trimmed(), QUrl::StrictMode);
        if (!url.isValid()) {
            // QUrl adds "; source was …; scheme = …": the URL is quoted once, first.
            const QString why = url.errorString().section(u"; source was"_s, 0, 0);
            *error = u"--url '%1' is not a valid URL: %2"_s.arg(options.url, why);
            return std::nullopt;
        }
    }
    options.environment = parser.isSet(u"testnet"_s) ? u"testnet"_s : parser.value(u"environment"_s);
    const QString caFromEnvironment = qEnvironmentVariable("TAPESCOPE_CA_FILE");
    if (parser.isSet(u"ca-file"_s) || !caFromEnvironment.isEmpty()) {
        const bool fromOption = parser.isSet(u"ca-file"_s);
        const QString path = fromOption ? parser.value(u"ca-file"_s) : caFromEnvironment;
        const std::optional<QList<QSslCertificate>> certificates
            = readCaFile(path, fromOption ? u"--ca-file"_s : u"TAPESCOPE_CA_FILE"_s, error);
        if (!certificates)
            return std::nullopt;
        options.extraCaCertificates = *certificates;
    }
    return options;
}

int runPrintedFeed(StreamSource source, const FeedOptions &options, const QString &command,
                   const std::function<void(StreamPrinter &printer, VenueFeed *feed)> &setup)
{
    StreamPrinter::Options printing = source.printer;
    printing.command = command;
    printing.count = options.count;
    printing.printStatus = options.printStatus;
    printing.reconnectLimitMs = options.reconnectLimitMs;
    if (!options.extraCaCertificates.isEmpty()) {
        // Every socket of the process (WebSocket and REST) trusts them too; the system's CAs stay.
        QSslConfiguration tls = QSslConfiguration::defaultConfiguration();
        tls.addCaCertificates(options.extraCaCertificates);
        QSslConfiguration::setDefaultConfiguration(tls);
    }
    if (options.connectTimeoutMs > 0)
        source.feed->setConnectTimeout(std::chrono::milliseconds(options.connectTimeoutMs));
    StreamPrinter printer(source.feed.get(), printing);
    QTimer::singleShot(0, source.feed.get(), &VenueFeed::start);
    if (setup)
        setup(printer, source.feed.get());
    const int code = QCoreApplication::exec();
    return code != 0 ? code : printer.exitCode();
}

} // namespace tapescope::cli
