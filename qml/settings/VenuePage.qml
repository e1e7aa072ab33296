import QtQuick
import QtQuick.Controls
import QtQuick.Dialogs
import Tapescope
import Tapescope.Settings

// One venue's settings: on/off, environment (or a custom URL), the instruments it follows, its credentials
// (masked; stored in the platform keychain, never in the settings file), Test connection and Apply.
Item {
    id: root

    required property var venue // a SettingsController.venues entry
    readonly property string name: venue.venue
    property var issues: []
    property string result: ""
    property bool resultOk: true
    property bool testing: false
    property bool savingCredentials: false // Apply sent credentials to the keychain; its answer is pending
    property string credentialSource: "none"
    property bool secretStored: false
    property string keychainNote: "" // why the keychain could not be used, and how to fix it

    readonly property alias enabledBox: enabledBox
    readonly property alias environmentBox: environmentBox
    readonly property alias urlField: urlField
    readonly property alias watchlistField: watchlistField
    readonly property alias intervalField: intervalField
    readonly property alias keyIdField: keyIdField
    readonly property alias secretField: secretField
    readonly property alias keyFileField: keyFileField

    function values() {
        return {
            enabled: enabledBox.checked,
            environment: environmentBox.currentText,
            customUrl: urlField.text,
            watchlist: watchlistField.text,
            pollIntervalMs: intervalField.text,
            accounts: accountList.accounts,
            keyId: keyIdField.text,
            secret: secretField.text,
            privateKeyPath: keyFileField.text
        }
    }
    // Fields from the saved settings; the keychain is asked only when the dialog opens (it may prompt).
    function reload(withCredentials) {
        const saved = SettingsController.venueSettings(root.name)
        // Qt 6.4's qmllint gives a QVariantMap no properties; at run time its keys are the JS object's properties.
        enabledBox.checked = saved.enabled // qmllint disable type
        environmentBox.currentIndex = Math.max(0, root.venue.environments.indexOf(saved.environment))
        urlField.text = saved.customUrl
        watchlistField.text = saved.watchlist
        intervalField.text = saved.pollIntervalMs
        accountList.accounts = saved.accounts
        accountList.problem = ""
        root.issues = []
        root.result = ""
        if (withCredentials && root.venue.auth !== "none")
            SettingsController.loadCredentials(root.name)
    }
    function apply() {
        root.result = ""
        root.issues = SettingsController.applyVenue(root.name, root.values())
        if (root.issues.length === 0) {
            root.resultOk = true
            root.result = enabledBox.checked ? qsTr("Saved and applied: %1 restarted with these settings.").arg(root.venue.title)
                                             : qsTr("Saved: %1 is off.").arg(root.venue.title)
            secretField.text = ""
            root.savingCredentials = enabledBox.checked && root.venue.auth !== "none"
        }
    }
    function testConnection() {
        root.result = ""
        root.issues = SettingsController.testConnection(root.name, root.values())
        root.testing = root.issues.length === 0
        if (root.testing)
            root.result = ""
    }

    Component.onCompleted: root.reload(false)

    Connections {
        target: SettingsController
        function onCredentialsLoaded(venue, keyId, hasSecret, privateKeyPath, source) {
            if (venue !== root.name)
                return
            keyIdField.text = keyId
            keyFileField.text = privateKeyPath
            root.secretStored = hasSecret
            root.credentialSource = source
        }
        function onCredentialsFailed(venue, message) {
            if (venue !== root.name)
                return
            root.keychainNote = message
            if (root.savingCredentials) {
                // The venue runs with them, but they were not stored: say so instead of "saved".
                root.savingCredentials = false
                root.resultOk = false
                root.result = qsTr("Applied for this session only: the keychain did not store the credentials, so they are gone when Tapescope quits. %1").arg(message)
            }
        }
        function onCredentialsSaved(venue) {
            if (venue === root.name) {
                root.savingCredentials = false
                root.credentialSource = "keychain"
                root.keychainNote = ""
            }
        }
        function onConnectionTested(venue, accepted, message) {
            if (venue !== root.name)
                return
            root.testing = false
            root.resultOk = accepted
            root.result = message
        }
    }

    FileDialog {
        id: keyFileDialog
        title: qsTr("Kalshi private key")
        nameFilters: [qsTr("Private keys (*.pem *.key *.txt)"), qsTr("All files (*)")]
        onAccepted: keyFileField.text = SettingsController.localPath(keyFileDialog.selectedFile)
    }

    Flickable {
        anchors.fill: parent
        contentHeight: form.height + 20
        clip: true
        boundsBehavior: Flickable.StopAtBounds

        Column {
            id: form
            x: 16
            y: 12
            width: parent.width - 32
            spacing: 8

            Text {
                visible: !root.venue.available
                width: form.width
                wrapMode: Text.WordWrap
                text: qsTr("%1 is not built into this version of Tapescope yet: its settings are kept for when it is.").arg(root.venue.title)
                color: Theme.warning
                font.pixelSize: Theme.fontSize
            }

            Row {
                FormLabel { text: qsTr("Enabled") }
                CheckBox {
                    id: enabledBox
                    objectName: "enabledBox"
                    text: qsTr("Connect to %1").arg(root.venue.title)
                }
            }
            Row {
                FormLabel { text: qsTr("Environment") }
                ComboBox {
                    id: environmentBox
                    objectName: "environmentBox"
                    width: 200
                    model: root.venue.environments
                }
            }
            Row {
                visible: environmentBox.currentText === "custom"
                FormLabel { text: qsTr("Server URL") }
                TextField {
                    id: urlField
                    objectName: "urlField"
                    width: form.width - 150
                    placeholderText: qsTr("wss://host:port/path")
                }
            }
            Row {
                FormLabel { text: root.name === "kalshi" ? qsTr("Markets") : qsTr("Watchlist") }
                TextField {
                    id: watchlistField
                    objectName: "watchlistField"
                    width: form.width - 150
                    placeholderText: qsTr("e.g. %1").arg(root.venue.symbolExample)
                }
            }
            Row {
                visible: root.venue.hasPollInterval
                FormLabel { text: qsTr("Update interval (ms)") }
                TextField {
                    id: intervalField
                    objectName: "intervalField"
                    width: 120
                    inputMethodHints: Qt.ImhDigitsOnly
                }
            }
            Row {
                visible: root.venue.hasAccounts
                FormLabel { text: qsTr("Accounts") }
                AccountList {
                    id: accountList
                    objectName: "accountList"
                    venue: root.name
                    width: form.width - 150
                }
            }

            Text {
                visible: root.venue.auth !== "none"
                topPadding: 8
                text: qsTr("Credentials")
                color: Theme.text
                font.pixelSize: Theme.fontSize
                font.bold: true
            }
            Text {
                visible: root.venue.auth !== "none"
                width: form.width
                wrapMode: Text.WordWrap
                text: root.credentialSource === "environment"
                      ? qsTr("In use from the environment (%1); the fields below are ignored.").arg(root.venue.environmentVariables.join(", "))
                      : root.credentialSource === "keychain" ? qsTr("Stored in the system keychain.")
                      : qsTr("Stored in the system keychain only, never in the settings file. %1 override it.").arg(root.venue.environmentVariables.join(" + "))
                color: Theme.textDim
                font.pixelSize: Theme.smallFontSize
            }
            Text {
                objectName: "keychainProblem"
                visible: root.venue.auth !== "none" && root.keychainNote !== ""
                width: form.width
                wrapMode: Text.WordWrap
                text: root.keychainNote
                color: Theme.warning
                font.pixelSize: Theme.fontSize
            }
            Row {
                visible: root.venue.auth !== "none"
                FormLabel { text: qsTr("API key id") }
                TextField {
                    id: keyIdField
                    objectName: "keyIdField"
                    width: form.width - 150
                    echoMode: TextInput.PasswordEchoOnEdit
                    placeholderText: qsTr("a952bcbe-…")
                }
            }
            Row {
                visible: root.venue.auth === "secret"
                FormLabel { text: qsTr("Secret key") }
                TextField {
                    id: secretField
                    objectName: "secretField"
                    width: form.width - 150
                    echoMode: TextInput.Password
                    placeholderText: root.secretStored ? qsTr("stored — type to replace") : ""
                }
            }
            Row {
                visible: root.venue.auth === "keyFile"
                spacing: 6
                FormLabel { text: qsTr("Private key file") }
                TextField {
                    id: keyFileField
                    objectName: "keyFileField"
                    width: form.width - 150 - 96
                    placeholderText: qsTr("kalshi-key.pem (PKCS#1 or PKCS#8)")
                }
                Button {
                    width: 90
                    text: qsTr("Browse…")
                    onClicked: keyFileDialog.open()
                }
            }

            Row {
                spacing: 8
                topPadding: 10
                Button {
                    objectName: "testButton"
                    text: root.testing ? qsTr("Testing…") : qsTr("Test connection")
                    enabled: !root.testing && root.venue.available
                    onClicked: root.testConnection()
                }
                Button {
                    objectName: "applyButton"
                    text: qsTr("Apply")
                    highlighted: true
                    onClicked: root.apply()
                }
            }
            IssueList {
                objectName: "issues"
                width: form.width
                issues: root.issues
                result: root.result
                resultOk: root.resultOk
            }
        }
    }
}
