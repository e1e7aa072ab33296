import QtQuick
import QtTest
import Tapescope
import Tapescope.Settings

Item {
    id: root
    width: 900
    height: 700

    SettingsDialog {
        id: dialog
    }

    TestCase {
        name: "SettingsDialog"
        when: windowShown

        function page(name) {
            for (let i = 0; i < dialog.pages.count; ++i) {
                const item = dialog.pages.itemAt(i)
                if (item.objectName === name)
                    return item
            }
            return null
        }

        function init() {
            dialog.open()
            tryCompare(dialog, "opened", true)
        }

        function test_oneTabPerVenueAndDisplay() {
            compare(dialog.tabs.count, SettingsController.venues.length + 1)
            verify(page("venuePage_kalshi"))
            verify(page("displayPage"))
        }

        function test_invalidFimlValuesAreRefusedWithWhatToFix() {
            const fiml = page("venuePage_fiml")
            fiml.enabledBox.checked = true
            fiml.urlField.text = "ws://localhost:8000/ws/stream"
            fiml.watchlistField.text = "AAPL TSLA"
            fiml.intervalField.text = "50"
            fiml.apply()
            compare(fiml.issues.length, 1)
            verify(fiml.issues[0].message.indexOf("between 100 and 60000") >= 0, fiml.issues[0].message)
            verify(fixture.lastAppliedVenue() !== "fiml")
            fiml.intervalField.text = "500"
            fiml.apply()
            compare(fiml.issues.length, 0)
            compare(fixture.lastAppliedVenue(), "fiml")
            verify(fiml.result.indexOf("Saved and applied") >= 0)
        }

        function test_kalshiNeedsItsCredentials() {
            const kalshi = page("venuePage_kalshi")
            kalshi.enabledBox.checked = true
            kalshi.keyIdField.text = ""
            kalshi.keyFileField.text = "/no/such/file.pem"
            kalshi.apply()
            verify(kalshi.issues.length >= 2)
            const messages = kalshi.issues.map(issue => issue.message).join("\n")
            verify(messages.indexOf("API key id") >= 0, messages)
            verify(messages.indexOf("does not exist") >= 0, messages)
            compare(kalshi.secretField.echoMode, TextInput.Password)
        }

        function test_displayRateRangeAndLightTheme() {
            const display = page("displayPage")
            display.rateField.text = "0"
            display.apply()
            compare(display.issues.length, 1)
            verify(display.issues[0].message.indexOf("between 1 and 240") >= 0)
            verify(Theme.dark)
            display.rateField.text = "30"
            display.themeBox.currentIndex = 1
            display.apply()
            compare(display.issues.length, 0)
            verify(!Theme.dark)
            compare(Theme.panel, "#ffffff")
            display.themeBox.currentIndex = 0
            display.apply()
            verify(Theme.dark)
        }
    }
}
