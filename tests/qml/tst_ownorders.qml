import QtQuick
import QtTest
import Tapescope
import Tapescope.Models

// The trader's working orders and position entry on the ladder (the fixture's account: buy 0.4 @ 100.0,
// sell 0.4 @ 101.5, long 0.3 from 100.25) and on the chart.
Item {
    id: root
    width: 400
    height: 760

    LadderPanel {
        id: ladder
        anchors.fill: parent
    }

    TestCase {
        name: "OwnOrders"
        when: windowShown

        function rowWithPrice(price) {
            for (let i = 0; i < ladder.rows.count; ++i) {
                if (ladder.rows.rowAt(i).price === price && !ladder.rows.rowAt(i).isSpreadRow)
                    return ladder.rows.rowAt(i)
            }
            return null
        }

        function init() {
            Workspace.setGrouping("")
            fixture.setFeedState("live")
            fixture.setBook([["100.5", "1"], ["100.0", "2"], ["99.5", "3"]],
                            [["101.0", "0.5"], ["101.5", "4"]])
            fixture.setAccount()
        }
        function cleanup() {
            fixture.clearAccount()
        }

        function test_workingOrdersOnTheirRows() {
            tryVerify(() => rowWithPrice("100.0") !== null && rowWithPrice("100.0").ownBidSize === "0.4")
            compare(rowWithPrice("101.5").ownAskSize, "0.4")
            compare(rowWithPrice("100.5").ownBidSize, "")
            compare(rowWithPrice("101.0").ownAskSize, "")
        }

        function test_entryRowAndChartMarks() {
            let entries = 0
            let entryPrice = ""
            for (let i = 0; i < ladder.rows.count; ++i) {
                if (ladder.rows.rowAt(i).isEntry) {
                    ++entries
                    entryPrice = ladder.rows.rowAt(i).price
                }
            }
            compare(entries, 1)
            verify(entryPrice === "100.5" || entryPrice === "100.0", entryPrice)
            verify(Workspace.selectedHasEntry)
            compare(Workspace.selectedEntryPrice, 100.25)
            compare(Workspace.selectedFills.length, 1)
            verify(Workspace.selectedFills[0].isBuy)
        }

        function test_ordersGoWithTheAccount() {
            fixture.clearAccount()
            tryVerify(() => rowWithPrice("100.0").ownBidSize === "")
            verify(!Workspace.selectedHasEntry)
            compare(Workspace.selectedFills.length, 0)
        }

        function test_groupedRowsSumOwnOrders() {
            Workspace.setGrouping("1")
            // bids floor: 100.0 -> the 100 row; asks ceil: 101.5 -> the 102 row
            tryVerify(() => rowWithPrice("100") !== null && rowWithPrice("100").ownBidSize === "0.4")
            compare(rowWithPrice("102").ownAskSize, "0.4")
            Workspace.setGrouping("")
        }
    }
}
