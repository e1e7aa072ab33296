import QtQuick
import QtTest
import Tapescope
import Tapescope.Models

Item {
    id: root
    width: 1300
    height: 800

    NflView {
        id: view
        anchors.fill: parent
    }

    TestCase {
        name: "Nfl"
        when: windowShown

        function findChild(item, name) {
            if (!item)
                return null
            if (item.objectName === name)
                return item
            const children = item.children !== undefined ? item.children : []
            for (let i = 0; i < children.length; ++i) {
                const found = findChild(children[i], name)
                if (found)
                    return found
            }
            if (item.contentItem && item.contentItem !== item)
                return findChild(item.contentItem, name)
            return null
        }

        function initTestCase() {
            fixture.setKalshiFeedState("live")
            fixture.setNflGames()
        }

        function test_gamesListedWithProbabilityBars() {
            const list = findChild(view, "nflGames")
            verify(list)
            compare(list.count, 2)
            compare(Workspace.nfl.selectedGame, "KXNFLGAME-25SEP04DALPHI")
            fixture.setNflQuote("KXNFLGAME-25SEP04DALPHI-DAL", "0.29", "0.31")
            fixture.setNflQuote("KXNFLGAME-25SEP04DALPHI-PHI", "0.72", "0.73")
            tryVerify(() => list.itemAtIndex(0) !== null)
            const row = list.itemAtIndex(0)
            tryCompare(row, "awayPercent", "29.27")
            compare(row.homePercent, "70.73")
            compare(row.overround, "+2.50 %")
            verify(row.hasProbability)
            // The bar splits at the normalised probability.
            const bar = findChild(row, "probabilityBar")
            verify(bar)
            fuzzyCompare(bar.children[0].width, bar.width * 0.2927, 1)
        }

        function test_selectedGameShowsChartLaddersAndTape() {
            fixture.setNflQuote("KXNFLGAME-25SEP04DALPHI-PHI", "0.70", "0.72")
            const awayLadder = findChild(view, "awayLadder")
            const homeLadder = findChild(view, "homeLadder")
            verify(awayLadder && homeLadder)
            compare(homeLadder.title, "PHI YES")
            tryCompare(homeLadder.book, "bestBid", "0.70")
            tryVerify(() => Workspace.nfl.history.count >= 1)
            const list = findChild(view, "nflGames")
            mouseClick(list.itemAtIndex(1))
            compare(Workspace.nfl.selectedGame, "KXNFLGAME-25SEP07GBDET")
            compare(awayLadder.title, "GB YES")
            compare(Workspace.nfl.history.count, 0)
            fixture.setNflQuote("KXNFLGAME-25SEP07GBDET-GB", "0.40", "0.42")
            fixture.setNflQuote("KXNFLGAME-25SEP07GBDET-DET", "0.57", "0.59")
            tryCompare(Workspace.nfl.history, "count", 1)
        }

        function test_feedStateAndViewAreEnums() {
            // Names QML cannot resolve would be undefined and silently never match: check they resolve.
            verify(FeedState.Live !== undefined && Workspace.Nfl !== undefined)
            compare(Workspace.nfl.feedState, FeedState.Live)
            const badge = findChild(view, "feedBadge")
            verify(badge)
            compare(badge.feedState, FeedState.Live)
            verify(Qt.colorEqual(badge.border.color, Theme.bid))
            fixture.setKalshiFeedState("stale")
            tryCompare(Workspace.nfl, "feedState", FeedState.Stale)
            verify(Qt.colorEqual(badge.border.color, Theme.warning))
            fixture.setKalshiFeedState("live")
            tryCompare(Workspace.nfl, "feedState", FeedState.Live)

            const previous = Workspace.view
            Workspace.setView(Workspace.Nfl)
            compare(Workspace.view, Workspace.Nfl)
            Workspace.view = Workspace.Markets
            compare(Workspace.view, Workspace.Markets)
            Workspace.setView(previous)
        }

        function test_positionSectionShowsTheTradersContracts() {
            const list = findChild(view, "nflGames")
            Workspace.nfl.selectGame("KXNFLGAME-25SEP04DALPHI")
            const panel = findChild(view, "nflPosition")
            verify(panel)
            const flat = findChild(panel, "noPosition")
            verify(flat.visible)
            verify(!findChild(panel, "positionTable").visible)
            tryVerify(() => list.itemAtIndex(0) !== null)
            verify(!findChild(list.itemAtIndex(0), "positionBadge").visible)

            fixture.setNflQuote("KXNFLGAME-25SEP04DALPHI-DAL", "0.29", "0.31")
            fixture.setNflQuote("KXNFLGAME-25SEP04DALPHI-PHI", "0.72", "0.73")
            fixture.setKalshiPosition("member", "KXNFLGAME-25SEP04DALPHI-DAL", "12", "3.66")
            fixture.setKalshiPosition("member", "KXNFLGAME-25SEP04DALPHI-PHI", "-5", "1.35")
            tryVerify(() => findChild(panel, "positionTable").visible)
            verify(!flat.visible)
            const away = findChild(panel, "awayPosition")
            const home = findChild(panel, "homePosition")
            compare(findChild(away, "contracts").text, "12 YES")
            compare(findChild(away, "cost").text, "$3.66")
            compare(findChild(away, "value").text, "$3.60")
            compare(findChild(away, "pnl").text, "-$0.06")
            verify(Qt.colorEqual(findChild(away, "pnl").color, Theme.ask))
            compare(findChild(home, "contracts").text, "5 NO")
            compare(findChild(home, "value").text, "$1.38")
            compare(findChild(home, "pnl").text, "+$0.03")
            verify(Qt.colorEqual(findChild(home, "pnl").color, Theme.bid))
            compare(findChild(panel, "awayWinsPayout").text, "If DAL wins: pays $17.00")
            compare(findChild(panel, "homeWinsPayout").text, "If PHI wins: pays $0.00")
            verify(panel.height > 100)
            // The games list marks the game the trader holds, and only that one.
            tryVerify(() => findChild(list.itemAtIndex(0), "positionBadge").visible)
            verify(!findChild(list.itemAtIndex(1), "positionBadge").visible)

            fixture.setKalshiPosition("member", "KXNFLGAME-25SEP04DALPHI-DAL", "0", "0")
            fixture.setKalshiPosition("member", "KXNFLGAME-25SEP04DALPHI-PHI", "0", "0")
            tryVerify(() => flat.visible)
            tryVerify(() => !findChild(list.itemAtIndex(0), "positionBadge").visible)
        }

        function test_settledGameNamesTheWinner() {
            fixture.settleNfl("KXNFLGAME-25SEP04DALPHI-PHI", "KXNFLGAME-25SEP04DALPHI-DAL")
            const list = findChild(view, "nflGames")
            const row = list.itemAtIndex(0)
            tryVerify(() => row.settled)
            compare(row.winner, "PHI")
        }
    }
}
