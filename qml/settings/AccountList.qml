import QtQuick
import QtQuick.Controls
import Tapescope
import Tapescope.Settings

// The accounts a venue follows in the Account panel: public identities (a Hyperliquid address, never a key), each
// with an optional label. Add checks the identity at once and refuses one that is already listed.
Column {
    id: root

    required property string venue
    property var accounts: [] // [{account, label}], as SettingsController.venueSettings gives them
    property string problem: ""

    // One listed account: its identity, its label and Remove.
    component AccountListRow: Row {
        id: accountRow
        required property var modelData
        required property int index
        signal removeRequested()
        spacing: 8
        height: 26

        Text {
            width: accountRow.parent ? accountRow.parent.width - 130 - removeButton.width - 16 : 0
            height: accountRow.height
            verticalAlignment: Text.AlignVCenter
            elide: Text.ElideMiddle
            text: accountRow.modelData.account
            color: Theme.text
            font.family: Theme.monoFamily
            font.pixelSize: Theme.smallFontSize
        }
        Text {
            width: 130
            height: accountRow.height
            verticalAlignment: Text.AlignVCenter
            elide: Text.ElideRight
            text: accountRow.modelData.label
            color: Theme.textDim
            font.pixelSize: Theme.smallFontSize
        }
        Button {
            id: removeButton
            objectName: "removeAccountButton"
            height: accountRow.height
            text: qsTr("Remove")
            onClicked: accountRow.removeRequested()
        }
    }

    function add() {
        const problem = SettingsController.accountProblem(root.venue, addressField.text, root.accounts)
        if (problem !== "") {
            root.problem = problem
            return
        }
        const account = SettingsController.normalizedAccount(root.venue, addressField.text)
        root.accounts = root.accounts.concat([{ account: account, label: labelField.text.trim() }])
        addressField.text = ""
        labelField.text = ""
        root.problem = ""
    }
    function remove(index) {
        const kept = root.accounts.slice()
        kept.splice(index, 1)
        root.accounts = kept
    }

    spacing: 4

    Text {
        visible: root.accounts.length === 0
        height: 24
        verticalAlignment: Text.AlignVCenter
        text: qsTr("No account yet: add an address to see its orders, fills and positions.")
        color: Theme.textDim
        font.pixelSize: Theme.smallFontSize
    }
    Repeater {
        id: listed
        objectName: "accountRows"
        model: root.accounts
        // The handler is set where the row is made: a type assertion to the inline component (`item as
        // AccountListRow` in onItemAdded) gave null in Qt 6.4, so Remove did nothing. qmllint 6.4 looks up ids in
        // a handler on an inline component's instance in that component's own scope, where `root` is not; at run
        // time the delegate's context is this file's (tst_settings.qml: test_accountsAddRemoveAndTheTenthRefused).
        delegate: AccountListRow {
            id: row
            onRemoveRequested: root.remove(row.index) // qmllint disable unqualified
        }
    }
    Row {
        spacing: 8
        TextField {
            id: addressField
            objectName: "accountField"
            width: root.width - labelField.width - addButton.width - 16
            font.family: Theme.monoFamily
            placeholderText: qsTr("0x… address")
            onAccepted: root.add()
        }
        TextField {
            id: labelField
            objectName: "accountLabelField"
            width: 130
            placeholderText: qsTr("Label (optional)")
            onAccepted: root.add()
        }
        Button {
            id: addButton
            objectName: "addAccountButton"
            text: qsTr("Add")
            enabled: addressField.text.trim() !== ""
            onClicked: root.add()
        }
    }
    Text {
        objectName: "accountProblem"
        visible: root.problem !== ""
        width: root.width
        wrapMode: Text.WordWrap
        text: root.problem
        color: Theme.warning
        font.pixelSize: Theme.smallFontSize
    }
}
