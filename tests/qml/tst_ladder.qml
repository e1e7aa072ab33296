import QtQuick
import QtTest
import Tapescope
import Tapescope.Models

Item {
    id: root
    width: 400
    height: 760

    LadderPanel {
        id: ladder
        anchors.fill: parent
    }

    TestCase {
        name: "Ladder"
        when: windowShown

        function row(i) {
            return ladder.rows.rowAt(i)
        }

        function init() {
            Workspace.setGrouping("")
            fixture.setFeedState("live")
            fixture.setBook([["100.5", "1"], ["100.0", "2"], ["99.5", "3"]],
                            [["101.0", "0.5"], ["101.5", "4"]])
        }

        function test_rowsAroundTheInside() {
            const levels = Workspace.orderBook.levels
            compare(ladder.rows.count, levels * 2 + 1)
            verify(row(levels).isSpreadRow)
            compare(row(levels - 1).price, "101.0")
            verify(row(levels - 1).isBestAsk)
            compare(row(levels - 1).askSize, "0.5")
            compare(row(levels + 1).price, "100.5")
            verify(row(levels + 1).isBestBid)
            compare(row(levels + 3).cumulative, "6.0") // one size format per column (0.5 sets it)
            compare(row(levels).price, "0.5") // the spread
            compare(Workspace.orderBook.mid, "100.75")
        }

        function test_liveUpdateReachesTheRow() {
            const levels = Workspace.orderBook.levels
            fixture.setLevel(true, "100.0", "7")
            tryVerify(() => row(levels + 2).bidSize === "7.0")
            compare(row(levels + 2).heat, 1)
        }

        function test_groupingSumsLevels() {
            const levels = Workspace.orderBook.levels
            Workspace.setGrouping("1")
            compare(Workspace.grouping, "1")
            // bids floor: 100.5 + 100.0 -> 100; 99.5 -> 99. asks ceil: 101.0 -> 101; 101.5 -> 102
            tryVerify(() => row(levels + 1).price === "100")
            compare(row(levels + 1).bidSize, "3.0")
            compare(row(levels + 2).price, "99")
            compare(row(levels - 1).price, "101")
            compare(row(levels - 2).price, "102")
            compare(row(levels - 2).askSize, "4.0")
        }

        // What is painted, not only what the model says: bid heat left of the price column in the bid
        // colour, ask heat right of it in the ask colour, the spread row in its own colour.
        function test_paintedRowsShowTheirSide() {
            const levels = Workspace.orderBook.levels
            fixture.setLevel(true, "100.0", "7") // the largest size: full-width bid heat on that row
            tryVerify(() => row(levels + 2).bidSize === "7.0")
            waitForRendering(ladder)
            const image = grabImage(ladder) // the whole panel, as on screen
            const rows = ladder.rows
            const sideWidth = rows.width * (ladder.columnWidths[0] + ladder.columnWidths[1])
            const priceRight = sideWidth + rows.width * ladder.columnWidths[2]
            // The colour at `x` across the rows, in the middle of row `r`.
            const colourAt = (x, r) => {
                const p = rows.mapToItem(ladder, x, Math.floor(r * rows.rowHeight + rows.rowHeight / 2))
                return image.pixel(Math.floor(p.x), Math.floor(p.y))
            }
            // Full bid heat reaches the left edge; nothing of it on the ask side.
            verify(Qt.colorEqual(colourAt(2, levels + 2), Theme.bidHeat), colourAt(2, levels + 2))
            verify(Qt.colorEqual(colourAt(rows.width - 2, levels + 2), Theme.panel))
            // The 4-lot ask (4/7 heat) starts at the price column's right edge, on the ask side only.
            verify(Qt.colorEqual(colourAt(priceRight + 2, levels - 2), Theme.askHeat), colourAt(priceRight + 2, levels - 2))
            verify(Qt.colorEqual(colourAt(2, levels - 2), Theme.panel))
            verify(Qt.colorEqual(colourAt(2, levels), Theme.panelHeader))
            // A row beyond the book is blank.
            verify(Qt.colorEqual(colourAt(2, 0), Theme.panel))
        }

        function test_notLiveIsDimmedAndBadged() {
            const badge = findChild(ladder, "feedBadge")
            const body = findChild(ladder, "panelBody")
            compare(badge.label, "LIVE")
            compare(body.opacity, 1)
            fixture.setFeedState("stale")
            compare(badge.label, "STALE")
            verify(body.opacity < 1)
        }
    }
}
