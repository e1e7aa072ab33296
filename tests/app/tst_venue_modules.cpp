// The list of venue modules: every module provides every part the program asks of a venue, the parts fit
// together (no option or command name twice), and no file in src/ or qml/ but the list names every venue.
#include "app/credentials/CredentialStore.h"
#include "market/FeedController.h"
#include "net/VenueFeed.h"
#include "venues/api/VenueDriver.h"
#include "venues/api/VenueModule.h"

#include <QtCore/QCommandLineParser>
#include <QtCore/QDirIterator>
#include <QtCore/QFile>
#include <QtCore/QRegularExpression>
#include <QtCore/QScopeGuard>
#include <QtCore/QSet>
#include <QtTest/QTest>

using namespace tapescope;
using namespace Qt::StringLiterals;

class TestVenueModules : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void theListHasEveryVenueOnce()
    {
        QVERIFY(!venueModules().isEmpty());
        QSet<QString> names;
        for (const VenueModule *module : venueModules()) {
            QVERIFY(module);
            QVERIFY2(!names.contains(module->name()), qPrintable(module->name()));
            names.insert(module->name());
            QCOMPARE(findVenueModule(module->name()), module);
            QCOMPARE(findVenueDriver(module->name()), &module->driver());
        }
        QCOMPARE(findVenueModule(u"no-such-venue"_s), nullptr);
        // The settings' catalog is the modules' descriptions, in the modules' order.
        QCOMPARE(venueCatalog::all().size(), venueModules().size());
        for (qsizetype i = 0; i < venueModules().size(); ++i)
            QCOMPARE(venueCatalog::all().at(i).venue, venueModules().at(i)->name());
    }

    void everyModuleDescribesItself()
    {
        for (const VenueModule *module : venueModules()) {
            const VenueDescription &description = module->description();
            const QByteArray venue = module->name().toUtf8();
            QVERIFY2(QRegularExpression(u"^[a-z0-9]+$"_s).match(description.venue).hasMatch(), venue);
            QVERIFY2(!description.title.isEmpty(), venue);
            QVERIFY2(!description.environments.isEmpty(), venue);
            const QRegularExpression symbol(description.symbolPattern);
            QVERIFY2(symbol.isValid() && !description.symbolPattern.isEmpty(), venue);
            QVERIFY2(!description.symbolExample.isEmpty(), venue);
            for (const QString &watched : description.defaultWatchlist)
                QVERIFY2(symbol.match(watched).hasMatch(), qPrintable(module->name() + u": "_s + watched));
            // A venue that signs in names the two variables that stand in for its keychain entry.
            const bool signsIn = description.auth != VenueDescription::Auth::None;
            QCOMPARE(description.credentialVariables.size(), signsIn ? 2 : 0);
        }
        QCOMPARE(venueCredentialVariables().size(),
                 std::count_if(venueModules().cbegin(), venueModules().cend(), [](const VenueModule *module) {
                     return module->description().auth != VenueDescription::Auth::None;
                 }));
    }

    void everyDriverBelongsToItsModuleAndRunsItsDemo()
    {
        for (const VenueModule *module : venueModules()) {
            const VenueDriver &driver = module->driver();
            QCOMPARE(driver.venue(), module->name());
            VenueSettings settings;
            settings.venue = module->name();
            settings.environment = module->description().environments.constFirst();
            VenueCredentials credentials;
            QObject parent;
            QString error;
            QObject *emulator = driver.startEmulator(&settings, &credentials, &parent, &error);
            QVERIFY2(emulator, qPrintable(module->name() + u": "_s + error));
            QCOMPARE(emulator->parent(), &parent);
            // The demo points the settings at the emulator, and the driver can make a feed from them.
            QCOMPARE(settings.environment, u"custom"_s);
            QVERIFY2(settings.customUrl.isValid() && !settings.customUrl.host().isEmpty(), qPrintable(module->name()));
            const std::unique_ptr<VenueFeed> feed = driver.createFeed(settings, credentials, &error);
            QVERIFY2(feed, qPrintable(module->name() + u": "_s + error));
            QCOMPARE(feed->venue(), module->name());
            QVERIFY(driver.createController(feed.get()));
            QVERIFY(!driver.label(settings, true).isEmpty());
        }
    }

    // TAPESCOPE_DEMO_SPEED (docs/reliability.md, "Long session"): whole numbers 1..100, anything else is 1; intervals
    // are divided, at least 1 ms, 0 stays off; FIML's update interval stops at its 100 ms floor; every demo still runs.
    void demoSpeedDividesTheEmulatorsIntervals()
    {
        const QByteArray before = qgetenv("TAPESCOPE_DEMO_SPEED");
        const auto restore = qScopeGuard([&] {
            if (before.isNull())
                qunsetenv("TAPESCOPE_DEMO_SPEED");
            else
                qputenv("TAPESCOPE_DEMO_SPEED", before);
        });
        for (const char *bad : { "0", "101", "-4", "fast", "" }) {
            qputenv("TAPESCOPE_DEMO_SPEED", bad);
            QCOMPARE(VenueDriver::demoSpeed(), 1);
        }
        qputenv("TAPESCOPE_DEMO_SPEED", "4");
        QCOMPARE(VenueDriver::demoSpeed(), 4);
        QCOMPARE(VenueDriver::demoInterval(250), 62);
        QCOMPARE(VenueDriver::demoInterval(3), 1);
        QCOMPARE(VenueDriver::demoInterval(0), 0);
        for (const char *speed : { "4", "100" }) {
            qputenv("TAPESCOPE_DEMO_SPEED", speed);
            for (const VenueModule *module : venueModules()) {
                VenueSettings settings;
                settings.venue = module->name();
                settings.environment = module->description().environments.constFirst();
                VenueCredentials credentials;
                QObject parent;
                QString error;
                QVERIFY2(module->driver().startEmulator(&settings, &credentials, &parent, &error),
                         qPrintable(module->name() + u": "_s + error));
                QVERIFY2(module->driver().createFeed(settings, credentials, &error),
                         qPrintable(module->name() + u": "_s + error));
                if (module->name() == u"fiml")
                    QCOMPARE(settings.pollIntervalMs, qstrcmp(speed, "4") == 0 ? 250 : 100);
            }
        }
    }

    void optionsAndCommandsNeverClash()
    {
        // Each parser starts with the command's own options; a module may only add names nobody else uses.
        QCommandLineParser stream;
        for (const QString &common : { u"venue"_s, u"url"_s, u"environment"_s, u"testnet"_s, u"channel"_s, u"symbol"_s,
                                       u"interval"_s, u"count"_s, u"status"_s, u"reconnect-limit"_s })
            QVERIFY(stream.addOption({ common, u"common"_s, u"value"_s }));
        QCommandLineParser emulate;
        for (const QString &common :
             { u"venue"_s, u"port"_s, u"host"_s, u"seed"_s, u"book-interval-ms"_s, u"trade-interval-ms"_s })
            QVERIFY(emulate.addOption({ common, u"common"_s, u"value"_s }));
        QCommandLineParser account; // tapescope-cli account's own options (src/cli/AccountCommand.cpp)
        for (const QString &common : { u"venue"_s, u"user"_s, u"url"_s, u"environment"_s, u"testnet"_s, u"count"_s,
                                       u"status"_s, u"reconnect-limit"_s })
            QVERIFY(account.addOption({ common, u"common"_s, u"value"_s }));
        // addOption() refuses a name that is already there, with a warning: that warning fails the test.
        QTest::failOnWarning(QRegularExpression(u"QCommandLineParser"_s));
        for (const VenueModule *module : venueModules()) {
            module->addStreamOptions(stream);
            module->addEmulateOptions(emulate);
            if (module->hasAccounts())
                module->addAccountOptions(account);
        }
        QSet<QString> commands = { u"stream"_s, u"account"_s, u"emulate"_s, u"bench"_s, u"help"_s };
        for (const VenueModule *module : venueModules()) {
            for (const CliCommand &command : module->commands()) {
                QVERIFY2(!commands.contains(command.name), qPrintable(command.name));
                QVERIFY(command.run && !command.summary.isEmpty());
                commands.insert(command.name);
            }
        }
    }

    void streamRequestsAreCheckedBeforeConnecting()
    {
        QCommandLineParser parser;
        for (const VenueModule *module : venueModules())
            module->addStreamOptions(parser);
        parser.parse({ u"tapescope-cli"_s });
        for (const VenueModule *module : venueModules()) {
            cli::StreamRequest request;
            request.channel = u"no-such-channel"_s;
            request.symbol = module->description().defaultWatchlist.value(0, u"X"_s);
            request.parser = &parser;
            QString error;
            QVERIFY2(!module->streamSource(request, &error), qPrintable(module->name()));
            QVERIFY2(error.contains(u"channel"_s), qPrintable(module->name() + u": "_s + error));
        }
    }

    void everyModuleHasRecordedFramesForTheCodecBenchmark()
    {
        for (const VenueModule *module : venueModules()) {
            QFile frames(QStringLiteral(TAPESCOPE_SOURCE_DIR) + u"/tests/data/"_s + module->benchFixture());
            QVERIFY2(frames.open(QIODevice::ReadOnly), qPrintable(frames.fileName()));
            QVERIFY2(frames.size() > 0, qPrintable(frames.fileName()));
        }
    }

    // The list is the only place outside a venue's own folders that names it: a file in src/ or qml/ that names
    // every venue is a registry somebody would have to edit when a venue is added.
    void onlyTheListNamesEveryVenue()
    {
        const QString root = QStringLiteral(TAPESCOPE_SOURCE_DIR);
        QStringList namingAll;
        for (const QString &folder : { u"/src"_s, u"/qml"_s }) {
            QDirIterator files(root + folder, QDir::Files, QDirIterator::Subdirectories);
            while (files.hasNext()) {
                QFile file(files.next());
                QVERIFY(file.open(QIODevice::ReadOnly));
                const QString text = QString::fromUtf8(file.readAll());
                const bool all
                    = std::all_of(venueModules().cbegin(), venueModules().cend(), [&](const VenueModule *module) {
                          const QRegularExpression name(u"\\b"_s + module->name() + u"\\b"_s,
                                                        QRegularExpression::CaseInsensitiveOption);
                          return name.match(text).hasMatch();
                      });
                if (all)
                    namingAll.append(file.fileName().mid(root.size() + 1));
            }
        }
        QCOMPARE(namingAll, QStringList { u"src/venues/CMakeLists.txt"_s });
    }
};

QTEST_GUILESS_MAIN(TestVenueModules)
#include "tst_venue_modules.moc"
