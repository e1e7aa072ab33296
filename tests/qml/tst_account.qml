import QtQuick
import QtTest
import Tapescope
import Tapescope.Models

Item {
    id: root
    width: 640
    height: 320

    AccountPanel {
        id: panel
        anchors.fill: parent
    }

    TestCase {
        name: "AccountPanel"
        when: windowShown

        function table(name) {
            return findChild(panel, name)
        }
        function cellTexts(item) {
            let texts = []
            for (let i = 0; i < item.children.length; ++i) {
                const child = item.children[i]
                if (child.text !== undefined && child.visible)
                    texts.push(child.text)
                texts = texts.concat(cellTexts(child))
            }
            return texts
        }

        function init() {
            fixture.setFeedState("live")
            fixture.setAccount()
        }
        function cleanup() {
            fixture.clearAccount()
            Workspace.accounts.setAccount("")
            findChild(panel, "accountTabs").currentIndex = 0
            Workspace.selectInstrument("hyperliquid:BTC") // the other panels' tests use it
        }
        function firstRow(table) {
            tryVerify(() => table.list.itemAtIndex(0) !== null)
            return table.list.itemAtIndex(0)
        }

        function test_summaryAndBadge() {
            compare(Workspace.accounts.accountCount, 1)
            compare(Workspace.accounts.equity, "10000.00")
            compare(Workspace.accounts.marginUsed, "30.07")
            compare(panel.feedStateLabel, Workspace.accounts.feedStateLabel)
            compare(Workspace.accounts.feedState, FeedState.Live)
            const summary = findChild(panel, "accountSummary")
            verify(cellTexts(summary).indexOf("10000.00") >= 0)
            verify(findChild(panel, "feedBadge").visible)
        }

        function test_positionsRowIsGreenAndRightAligned() {
            const positions = table("positionsTable")
            tryCompare(positions, "count", 1)
            compare(Workspace.accounts.positions.value(0, "signedSize"), "0.3")
            compare(Workspace.accounts.positions.value(0, "entryPrice"), "100.25")
            const texts = cellTexts(firstRow(positions))
            verify(texts.indexOf("BTC") >= 0)
            verify(texts.indexOf("0.3") >= 0)
        }

        function test_tabsShowOrdersAndFills() {
            const tabs = findChild(panel, "accountTabs")
            tabs.currentIndex = 1
            const orders = table("openOrdersTable")
            tryCompare(orders, "count", 2)
            compare(Workspace.accounts.openOrders.value(0, "side"), "sell") // newest first
            verify(orders.visible)
            tabs.currentIndex = 2
            tryCompare(table("fillsTable"), "count", 1)
            tabs.currentIndex = 0
        }

        function test_clickingARowSelectsItsInstrument() {
            Workspace.selectInstrument("hyperliquid:ETH")
            const positions = table("positionsTable")
            tryCompare(positions, "count", 1)
            mouseClick(firstRow(positions))
            compare(Workspace.selectedKey, "hyperliquid:BTC")
        }

        function test_filterAndNoAccounts() {
            Workspace.accounts.setAccount("hyperliquid:0xother")
            compare(Workspace.accounts.positions.count, 0)
            Workspace.accounts.setAccount("")
            compare(Workspace.accounts.positions.count, 1)
            fixture.clearAccount()
            verify(findChild(panel, "noAccounts").visible)
        }
    }
}
