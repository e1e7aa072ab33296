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

        // The Hyperliquid page's accounts: Add checks each address, Remove takes its row away, and a 10th is refused
        // (the venue's 10 connections per IP: one for the market data, one per account).
        function test_accountsAddRemoveAndTheTenthRefused() {
            const list = findChild(page("venuePage_hyperliquid"), "accountList")
            verify(list)
            const field = findChild(list, "accountField")
            const add = findChild(list, "addAccountButton")
            list.accounts = []
            for (let i = 1; i <= 9; ++i) {
                field.text = "0x" + String(i).padStart(40, "0")
                add.clicked()
                compare(list.problem, "")
            }
            compare(list.accounts.length, 9)
            field.text = "0x70997970c51812dc3a010c7d01b50e0d17dc79c8"
            add.clicked()
            verify(list.problem.indexOf("At most 9 Hyperliquid accounts") >= 0, list.problem)
            compare(list.accounts.length, 9)

            const rows = findChild(list, "accountRows")
            tryCompare(rows, "count", 9)
            const removeFirst = findChild(rows.itemAt(0), "removeAccountButton")
            removeFirst.clicked()
            compare(list.accounts.length, 8)
            compare(list.accounts[0].account, "0x" + String(2).padStart(40, "0"))
            add.clicked() // the 10th fits now
            compare(list.problem, "")
            compare(list.accounts.length, 9)
            list.accounts = []
        }

        // The sessions folder REC writes to: a full path or empty (the default, shown as the placeholder).
        function test_sessionsFolder() {
            const display = page("displayPage")
            dialog.pages.currentIndex = dialog.pages.count - 1
            verify(display.folderField.placeholderText.indexOf("recordings") >= 0)
            display.folderField.text = "recordings"
            display.apply()
            compare(display.issues.length, 1)
            verify(display.issues[0].message.indexOf("full path") >= 0)
            display.folderField.text = ""
            display.apply()
            compare(display.issues.length, 0)
        }

        // The recording limits: whole numbers, 0 for none; a refusal says what to enter, an accepted value comes back
        // when the page loads again.
        function test_recordingLimits() {
            const display = page("displayPage")
            compare(display.limitMbField.text, "0")
            compare(display.limitMinutesField.text, "0")
            display.limitMbField.text = "-1"
            display.limitMinutesField.text = "an hour"
            display.apply()
            compare(display.issues.length, 2)
            verify(display.issues[0].message.indexOf("cannot be negative") >= 0, display.issues[0].message)
            verify(display.issues[1].message.indexOf("'an hour' is not a number") >= 0, display.issues[1].message)
            display.limitMbField.text = "500"
            display.limitMinutesField.text = "90"
            display.apply()
            compare(display.issues.length, 0)
            display.reload()
            compare(display.limitMbField.text, "500")
            compare(display.limitMinutesField.text, "90")
            display.limitMbField.text = "0"
            display.limitMinutesField.text = "0"
            display.apply()
            compare(display.issues.length, 0)
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

        // Apply switches the language at once: QML's words, a C++ model's words and the numbers' locale, no restart;
        // the choices stay as they were picked.
        function test_languageSwitchesLive() {
            const display = page("displayPage")
            const codes = SettingsController.languages.map(language => language.code)
            compare(codes, ["", "en", "de", "fr", "es", "ja"])
            compare(SettingsController.languages[codes.indexOf("ja")].name, "日本語")
            fixture.setBook([["100.5", "2"]], [["101.5", "3"]])
            const applyButton = findChild(display, "applyDisplayButton")
            compare(applyButton.text, "Apply")
            compare(Workspace.accounts.filterOptions[0].name, "All accounts")
            compare(Workspace.orderBook.bestBid, "100.5")

            display.rateField.text = "60"
            display.themeBox.currentIndex = 1
            display.languageBox.currentIndex = codes.indexOf("de")
            display.apply()
            compare(display.issues.length, 0)
            compare(applyButton.text, "Übernehmen")
            compare(display.result, "Gespeichert und übernommen.")
            compare(Workspace.accounts.filterOptions[0].name, "Alle Konten")
            compare(Workspace.orderBook.bestBid, "100,5")
            compare(SettingsController.languages[0].name, "Systemsprache")
            compare(display.languageBox.currentIndex, codes.indexOf("de"))
            compare(display.languageBox.currentText, "Deutsch")
            compare(display.themeBox.currentIndex, 1)
            compare(display.themeBox.currentText, "Hell")

            display.languageBox.currentIndex = codes.indexOf("en")
            display.themeBox.currentIndex = 0
            display.apply()
            compare(applyButton.text, "Apply")
            compare(Workspace.orderBook.bestBid, "100.5")
            compare(display.languageBox.currentText, "English")
        }
    }
}
