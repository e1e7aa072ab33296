// The UI language switches live (issue 12, item 7): Translations::use re-words the C++ models' texts and the QML
// bindings without a restart, sets the default locale, and numbers are written and read in that locale.
#include "app/Translations.h"
#include "market/MarketHub.h"
#include "models/DisplayFormat.h"
#include "models/FeedStatusModel.h"
#include "models/UiLanguage.h"

#include <QtCore/QLibraryInfo>
#include <QtCore/QLocale>
#include <QtGui/QGuiApplication>
#include <QtQml/QQmlComponent>
#include <QtQml/QQmlContext>
#include <QtQml/QQmlEngine>
#include <QtTest/QSignalSpy>
#include <QtTest/QTest>

#include <memory>

using namespace Qt::StringLiterals;
using namespace tapescope;

namespace {

const QChar NarrowNoBreakSpace(0x202F);

} // namespace

class TestLanguage : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void cleanup()
    {
        m_translations.use(u"en"_s);
        QLocale::setDefault(QLocale::c());
    }

    void useSetsTheDefaultLocale()
    {
        QVERIFY(m_translations.use(u"de"_s));
        QCOMPARE(QLocale().language(), QLocale::German);
        QVERIFY(m_translations.use(u"ja"_s));
        QCOMPARE(QLocale().language(), QLocale::Japanese);
        QVERIFY(m_translations.use(u"en"_s));
        QCOMPARE(QLocale().language(), QLocale::English);
        QVERIFY(m_translations.use(QString())); // the system language: this test runs in the C locale
        QCOMPARE(QLocale(), QLocale::system());
        QVERIFY(!m_translations.use(u"xx"_s));
    }

    // Every language the settings offer has its catalogue.
    void everyCatalogueLoads()
    {
        for (const QString &code : { u"de"_s, u"fr"_s, u"es"_s, u"ja"_s }) {
            QVERIFY2(m_translations.use(code), qPrintable(code));
            QVERIFY2(FeedStatusModel::stateLabel(FeedState::Connecting) != u"CONNECTING"_s, qPrintable(code));
        }
    }

    // A C++ model's words change with the language, announced as dataChanged: no restart, no reset.
    void modelTextsSwitchLive()
    {
        MarketHub hub;
        FeedStatusModel model(&hub);
        FeedStatus status;
        status.venue = u"hyperliquid"_s;
        status.state = ConnectionState::Connecting;
        status.reason = FeedReason(FeedReason::Code::ConnectionLost);
        hub.setFeedStatus(status);
        hub.flush(); // the hub reports once per frame
        QCOMPARE(model.rowCount(), 1);
        const QModelIndex row = model.index(0);
        QCOMPARE(row.data(FeedStatusModel::StateLabelRole).toString(), u"CONNECTING"_s);
        QCOMPARE(row.data(FeedStatusModel::DetailRole).toString(), u"connection lost"_s);

        QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
        QSignalSpy reset(&model, &QAbstractItemModel::modelReset);
        QVERIFY(m_translations.use(u"de"_s));
        QVERIFY(!changed.isEmpty());
        QCOMPARE(reset.count(), 0);
        QCOMPARE(row.data(FeedStatusModel::StateLabelRole).toString(), u"VERBINDE"_s);
        QCOMPARE(row.data(FeedStatusModel::DetailRole).toString(), u"Verbindung verloren"_s);

        QVERIFY(m_translations.use(u"ja"_s));
        QCOMPARE(row.data(FeedStatusModel::DetailRole).toString(), u"接続が切れました"_s);
        QVERIFY(m_translations.use(u"en"_s));
        QCOMPARE(row.data(FeedStatusModel::StateLabelRole).toString(), u"CONNECTING"_s);
    }

    // A QML text bound to qsTr() and one bound to a C++ model's data both follow, with no restart.
    void qmlTextsSwitchLive()
    {
        MarketHub hub;
        FeedStatusModel feeds(&hub);
        FeedStatus status;
        status.venue = u"hyperliquid"_s;
        status.state = ConnectionState::Connecting;
        status.reason = FeedReason(FeedReason::Code::ConnectionLost);
        hub.setFeedStatus(status);
        hub.flush(); // the hub reports once per frame

        QQmlEngine engine;
        engine.rootContext()->setContextProperty(u"feeds"_s, &feeds);
        QQmlComponent component(&engine);
        // qsTr's context is the file's name: StatusBar, as in qml/components/StatusBar.qml.
        component.setData(R"(
            import QtQuick
            Item {
                property string own: qsTr("no data yet")
                property string fromModel: repeater.count > 0 ? repeater.itemAt(0).text : ""
                Repeater {
                    id: repeater
                    model: feeds
                    delegate: Text { required property string detail; text: detail }
                }
            })",
                          QUrl(u"qrc:/tst_language/StatusBar.qml"_s));
        std::unique_ptr<QObject> root(component.create());
        QVERIFY2(root, qPrintable(component.errorString()));
        QCOMPARE(root->property("own").toString(), u"no data yet"_s);
        QCOMPARE(root->property("fromModel").toString(), u"connection lost"_s);

        // What main.cpp's applyDisplay hook does.
        QVERIFY(m_translations.use(u"es"_s));
        engine.retranslate();
        QCOMPARE(root->property("own").toString(), u"aún sin datos"_s);
        QCOMPARE(root->property("fromModel").toString(), u"conexión perdida"_s);

        QVERIFY(m_translations.use(u"de"_s));
        engine.retranslate();
        QCOMPARE(root->property("own").toString(), u"noch keine Daten"_s);
        QCOMPARE(root->property("fromModel").toString(), u"Verbindung verloren"_s);
    }

    // Qt's own words (the file dialog's buttons) come from qtbase_<lang>.qm where Qt's translations are installed.
    void qtCatalogueWhereInstalled()
    {
        if (!QFile::exists(QLibraryInfo::path(QLibraryInfo::TranslationsPath) + u"/qtbase_de.qm"_s))
            QSKIP("Qt's translations are not installed (Debian: qt6-translations-l10n)");
        QCOMPARE(QCoreApplication::translate("QPlatformTheme", "Cancel"), u"Cancel"_s);
        QVERIFY(m_translations.use(u"de"_s));
        QCOMPARE(QCoreApplication::translate("QPlatformTheme", "Cancel"), u"Abbrechen"_s);
        QVERIFY(m_translations.use(u"en"_s));
        QCOMPARE(QCoreApplication::translate("QPlatformTheme", "Cancel"), u"Cancel"_s);
    }

    void numbersPerLocale_data()
    {
        QTest::addColumn<QString>("code");
        QTest::addColumn<QString>("plain");
        QTest::addColumn<QString>("ungrouped");
        QTest::addColumn<QString>("grouped");
        QTest::newRow("en") << u"en"_s << u"97000.5"_s << u"97000.5"_s << u"97,000.5"_s;
        QTest::newRow("de") << u"de"_s << u"97000.5"_s << u"97000,5"_s << u"97.000,5"_s;
        QTest::newRow("ja") << u"ja"_s << u"97000.5"_s << u"97000.5"_s << u"97,000.5"_s;
        // French groups with a narrow no-break space (CLDR), so a figure never breaks across lines.
        QTest::newRow("fr") << u"fr"_s << u"97000.5"_s << u"97000,5"_s << u"97"_s + NarrowNoBreakSpace + u"000,5"_s;
        QTest::newRow("es") << u"es"_s << u"97000.5"_s << u"97000,5"_s << u"97.000,5"_s;
        // Spanish leaves four-digit numbers ungrouped (CLDR's minimum grouping digits: 2).
        QTest::newRow("es 4 digits") << u"es"_s << u"1234.5"_s << u"1234,5"_s << u"1234,5"_s;
        QTest::newRow("de negative") << u"de"_s << u"-1234567.25"_s << u"-1234567,25"_s << u"-1.234.567,25"_s;
        QTest::newRow("de signed") << u"de"_s << u"+0.40"_s << u"+0,40"_s << u"+0,40"_s;
        QTest::newRow("de integer") << u"de"_s << u"950"_s << u"950"_s << u"950"_s;
        QTest::newRow("de not a number") << u"de"_s << u"1.2.3"_s << u"1.2.3"_s << u"1.2.3"_s;
        QTest::newRow("C") << QString() << u"-1234567.25"_s << u"-1234567.25"_s << u"-1234567.25"_s;
    }

    void numbersPerLocale()
    {
        QFETCH(QString, code);
        QFETCH(QString, plain);
        QFETCH(QString, ungrouped);
        QFETCH(QString, grouped);
        m_translations.use(code); // "" is the system locale: C here
        QCOMPARE(display::localized(plain), ungrouped);
        QCOMPARE(display::localized(plain, display::Grouping::Grouped), grouped);
    }

    void derivedFiguresPerLocale()
    {
        QVERIFY(m_translations.use(u"de"_s));
        QCOMPARE(display::signedPercent(1.234), u"+1,23%"_s);
        QCOMPARE(display::signedPercent(-0.4), u"-0,40%"_s);
        QCOMPARE(display::compactNotional(*Decimal::parse("1234567")), u"$1,23M"_s);
        QCOMPARE(display::fundingRate(*Decimal::parse("0.0000125")), u"0,0013%"_s);
        QVERIFY(m_translations.use(u"ja"_s));
        QCOMPARE(display::compactNotional(*Decimal::parse("1234567")), u"$1.23M"_s);
        // The files' and the venues' spelling does not move.
        QVERIFY(m_translations.use(u"de"_s));
        QCOMPARE(display::fixedText(*Decimal::parse("0.486"), 5), u"0.48600"_s);
        QCOMPARE(display::rounded(*Decimal::parse("12.345"), 2), u"12.35"_s);
    }

    void typedNumbers_data()
    {
        QTest::addColumn<QString>("code");
        QTest::addColumn<QString>("typed");
        QTest::addColumn<QString>("read");
        QTest::newRow("en dot") << u"en"_s << u"0.5"_s << u"0.5"_s;
        QTest::newRow("de comma") << u"de"_s << u"0,5"_s << u"0.5"_s;
        QTest::newRow("de dot") << u"de"_s << u" 0.5 "_s << u"0.5"_s;
        QTest::newRow("fr comma") << u"fr"_s << u"2,25"_s << u"2.25"_s;
        QTest::newRow("fr grouped") << u"fr"_s << u"1 000,5"_s << u"1000.5"_s;
        QTest::newRow("fr narrow space") << u"fr"_s << u"1"_s + NarrowNoBreakSpace + u"000,5"_s << u"1000.5"_s;
        QTest::newRow("es comma") << u"es"_s << u"10,75"_s << u"10.75"_s;
        QTest::newRow("ja dot") << u"ja"_s << u"0.01"_s << u"0.01"_s;
        // English has no decimal comma: "1,5" is left for the parser to refuse.
        QTest::newRow("en comma") << u"en"_s << u"1,5"_s << u"1,5"_s;
    }

    void typedNumbers()
    {
        QFETCH(QString, code);
        QFETCH(QString, typed);
        QFETCH(QString, read);
        QVERIFY(m_translations.use(code));
        QCOMPARE(display::typedNumber(typed), read);
    }

    // The announcement comes once per switch, after the locale and the catalogue are in place.
    void announcedOnceWithTheNewLocale()
    {
        QString seen;
        int count = 0;
        const QMetaObject::Connection connection = connect(UiLanguage::instance(), &UiLanguage::changed, this, [&] {
            ++count;
            seen = display::localized(u"1.5"_s) + u' ' + FeedStatusModel::stateLabel(FeedState::Stale);
        });
        QVERIFY(m_translations.use(u"de"_s));
        disconnect(connection);
        QCOMPARE(count, 1);
        QCOMPARE(seen, u"1,5 VERALTET"_s);
    }

private:
    Translations m_translations;
};

int main(int argc, char **argv)
{
    QGuiApplication app(argc, argv);
    TestLanguage test;
    return QTest::qExec(&test, argc, argv);
}

#include "tst_language.moc"
