import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Tapescope
import Tapescope.Models

// The trader's accounts: the summary on top, then positions, open orders, fills, balances, and funding with the
// other money movements. Every account configured in the settings is shown, or the one the filter picks; the
// badge is the account feeds' state. Clicking a row selects its instrument in the other panels.
Panel {
    id: root

    property AccountBook book: Workspace.accounts
    readonly property bool manyAccounts: root.book.accountCount > 1
    readonly property alias currentTab: tabs.currentIndex

    // A flat tab: the label, underlined in the accent colour when current.
    component AccountTab: TabButton {
        id: tab
        height: 24
        font.pixelSize: Theme.smallFontSize
        contentItem: Text {
            text: tab.text
            horizontalAlignment: Text.AlignHCenter
            verticalAlignment: Text.AlignVCenter
            elide: Text.ElideRight
            color: tab.checked ? Theme.text : Theme.textDim
            font: tab.font
        }
        background: Rectangle {
            color: tab.hovered ? Theme.panelHeader : "transparent"
            Rectangle {
                anchors { left: parent.left; right: parent.right; bottom: parent.bottom }
                height: 2
                visible: tab.checked
                color: Theme.accent
            }
        }
    }

    title: qsTr("Account")
    live: root.book.feedLive
    feedState: root.book.feedState
    feedStateLabel: root.book.feedStateLabel

    tools: [
        ComboBox {
            id: accountFilter
            objectName: "accountFilter"
            visible: root.book.accountCount > 0
            width: 150
            height: 22
            font.pixelSize: Theme.smallFontSize
            textRole: "name"
            valueRole: "key"
            model: root.book.filterOptions
            onActivated: root.book.setAccount(accountFilter.currentValue)
        }
    ]

    // Equity, margin, what can be withdrawn, and the open positions' P&L at the live mark.
    Row {
        id: summary
        objectName: "accountSummary"
        anchors { left: parent.left; right: parent.right; top: parent.top; leftMargin: 8; rightMargin: 8 }
        height: 36

        Repeater {
            model: [
                { title: qsTr("Equity"), value: root.book.equity, sign: 0 },
                { title: qsTr("Margin used"), value: root.book.marginUsed, sign: 0 },
                { title: qsTr("Withdrawable"), value: root.book.withdrawable, sign: 0 },
                { title: qsTr("Unrealized P&L"), value: root.book.unrealizedPnl, sign: root.book.unrealizedPnlSign }
            ]
            delegate: Column {
                id: figure
                required property var modelData
                width: figure.parent ? figure.parent.width / 4 : 0
                anchors.verticalCenter: figure.parent ? figure.parent.verticalCenter : undefined
                Text {
                    width: figure.width - 8
                    horizontalAlignment: Text.AlignRight
                    text: figure.modelData.title
                    color: Theme.textDim
                    font.pixelSize: 10
                }
                Text {
                    width: figure.width - 8
                    horizontalAlignment: Text.AlignRight
                    text: figure.modelData.value !== "" ? figure.modelData.value : "—"
                    color: figure.modelData.sign > 0 ? Theme.bid : figure.modelData.sign < 0 ? Theme.ask : Theme.text
                    font.family: Theme.monoFamily
                    font.pixelSize: Theme.fontSize
                    font.bold: true
                }
            }
        }
    }

    TabBar {
        id: tabs
        objectName: "accountTabs"
        anchors { left: parent.left; right: parent.right; top: summary.bottom; leftMargin: 4; rightMargin: 4 }
        height: 24
        background: Rectangle {
            color: "transparent"
            Rectangle {
                anchors { left: parent.left; right: parent.right; bottom: parent.bottom }
                height: 1
                color: Theme.border
            }
        }

        AccountTab { text: qsTr("Positions (%1)").arg(root.book.positions.count) }
        AccountTab { text: qsTr("Open orders (%1)").arg(root.book.openOrders.count) }
        AccountTab { text: qsTr("Fills") }
        AccountTab { text: qsTr("Balances") }
        AccountTab { text: qsTr("Funding & ledger") }
    }

    StackLayout {
        id: pages
        anchors { left: parent.left; right: parent.right; top: tabs.bottom; bottom: parent.bottom; topMargin: 2 }
        currentIndex: tabs.currentIndex
        // Without an account the tables have nothing to be empty of: the note below says why instead.
        visible: root.book.accountCount > 0

        AccountTable {
            objectName: "positionsTable"
            model: root.book.positions
            emptyText: qsTr("No open positions")
            // With the Account column, a liquidation price of six digits and a decimal ("169819,6") still fits.
            columns: (root.manyAccounts ? [{ title: qsTr("Account"), role: "accountName", width: 0.10, tone: "dim" }] : []).concat([
                { title: qsTr("Symbol"), role: "symbol", width: root.manyAccounts ? 0.12 : 0.14 },
                { title: qsTr("Size"), role: "signedSize", width: 0.12, right: true, tone: "side", toneRole: "isLong" },
                { title: qsTr("Entry"), role: "entryPrice", width: 0.12, right: true },
                { title: qsTr("Mark"), role: "markPrice", width: 0.12, right: true },
                { title: qsTr("Value"), role: "value", width: root.manyAccounts ? 0.12 : 0.14, right: true },
                { title: qsTr("Unreal. P&L"), role: "unrealizedPnl", width: 0.14, right: true, tone: "sign", toneRole: "pnlSign" },
                { title: qsTr("Liq.", "liquidation price (Positions column)"), role: "liquidationPrice", width: root.manyAccounts ? 0.10 : 0.12, right: true, tone: "dim" },
                { title: qsTr("Lev."), role: "leverage", width: root.manyAccounts ? 0.06 : 0.10, right: true, tone: "dim" }
            ])
        }
        AccountTable {
            objectName: "openOrdersTable"
            model: root.book.openOrders
            emptyText: qsTr("No open orders")
            columns: (root.manyAccounts ? [{ title: qsTr("Account"), role: "accountName", width: 0.12, tone: "dim" }] : []).concat([
                { title: qsTr("Time"), role: "time", width: 0.16, tone: "dim" },
                { title: qsTr("Symbol"), role: "symbol", width: 0.12 },
                { title: qsTr("Side"), role: "side", width: 0.08, tone: "side", toneRole: "isBuy" },
                { title: qsTr("Type"), role: "orderType", width: root.manyAccounts ? 0.10 : 0.14, tone: "dim" },
                { title: qsTr("Price"), role: "price", width: 0.14, right: true },
                { title: qsTr("Size"), role: "size", width: 0.12, right: true },
                { title: qsTr("Filled"), role: "filled", width: root.manyAccounts ? 0.08 : 0.12, right: true, tone: "dim" },
                { title: qsTr("Status"), role: "status", width: 0.08, right: true, tone: "dim" }
            ])
        }
        AccountTable {
            objectName: "fillsTable"
            model: root.book.fills
            emptyText: qsTr("No fills yet")
            columns: (root.manyAccounts ? [{ title: qsTr("Account"), role: "accountName", width: 0.12, tone: "dim" }] : []).concat([
                { title: qsTr("Time"), role: "time", width: 0.16, tone: "dim" },
                { title: qsTr("Symbol"), role: "symbol", width: root.manyAccounts ? 0.11 : 0.12 },
                { title: qsTr("Side"), role: "side", width: root.manyAccounts ? 0.06 : 0.08, tone: "side", toneRole: "isBuy" },
                { title: qsTr("Price"), role: "price", width: 0.14, right: true, tone: "side", toneRole: "isBuy" },
                { title: qsTr("Size"), role: "size", width: 0.12, right: true },
                { title: qsTr("Fee"), role: "fee", width: root.manyAccounts ? 0.10 : 0.12, right: true, tone: "dim" },
                { title: qsTr("Closed P&L"), role: "closedPnl", width: root.manyAccounts ? 0.12 : 0.14, right: true, tone: "sign", toneRole: "closedPnlSign" },
                { title: qsTr("Liq.", "liquidity: maker or taker (Fills column)"), role: "liquidity", width: root.manyAccounts ? 0.07 : 0.08, right: true, tone: "dim" }
            ])
        }
        AccountTable {
            objectName: "balancesTable"
            model: root.book.balances
            emptyText: qsTr("No balances")
            columns: (root.manyAccounts ? [{ title: qsTr("Account"), role: "accountName", width: 0.16, tone: "dim" }] : []).concat([
                { title: qsTr("Asset"), role: "asset", width: root.manyAccounts ? 0.18 : 0.25 },
                { title: qsTr("Total"), role: "total", width: root.manyAccounts ? 0.22 : 0.25, right: true },
                { title: qsTr("Available"), role: "available", width: root.manyAccounts ? 0.22 : 0.25, right: true },
                { title: qsTr("In orders"), role: "locked", width: root.manyAccounts ? 0.22 : 0.25, right: true, tone: "dim" }
            ])
        }
        Item {
            AccountTable {
                id: fundingTable
                objectName: "fundingTable"
                anchors { left: parent.left; right: parent.right; top: parent.top }
                height: Math.round(parent.height * 0.55)
                model: root.book.funding
                emptyText: qsTr("No funding payments")
                columns: [
                    { title: qsTr("Funding"), role: "time", width: 0.22, tone: "dim" },
                    { title: qsTr("Symbol"), role: "symbol", width: 0.16 },
                    { title: qsTr("Amount"), role: "amount", width: 0.22, right: true, tone: "sign", toneRole: "amountSign" },
                    { title: qsTr("Rate"), role: "rate", width: 0.18, right: true, tone: "dim" },
                    { title: qsTr("Size"), role: "size", width: 0.22, right: true }
                ]
            }
            AccountTable {
                objectName: "ledgerTable"
                anchors { left: parent.left; right: parent.right; top: fundingTable.bottom; bottom: parent.bottom }
                model: root.book.ledger
                emptyText: qsTr("No deposits, withdrawals or transfers")
                columns: [
                    { title: qsTr("Ledger"), role: "time", width: 0.22, tone: "dim" },
                    { title: qsTr("Kind"), role: "kind", width: 0.22 },
                    { title: qsTr("Asset"), role: "asset", width: 0.14 },
                    { title: qsTr("Amount"), role: "amount", width: 0.22, right: true, tone: "sign", toneRole: "amountSign" },
                    { title: qsTr("Tx"), role: "transaction", width: 0.20, tone: "dim" }
                ]
            }
        }
    }

    Text {
        objectName: "noAccounts"
        anchors.centerIn: parent
        visible: root.book.accountCount === 0
        width: parent.width - 32
        horizontalAlignment: Text.AlignHCenter
        wrapMode: Text.WordWrap
        // A replay shows what its recording holds: no account feed there is not a missing setting.
        text: Workspace.replay.active
              ? qsTr("This recording holds no account feed: its orders, fills and positions were not recorded.")
              : qsTr("No account configured. Add a Hyperliquid address in Settings to follow its orders, fills and positions.")
        color: Theme.textDim
        font.pixelSize: Theme.fontSize
    }
}
