import QtQuick
import Tapescope
import Tapescope.Models

// The NFL view: games on the left; for the selected game the probability chart, both teams' YES ladders
// (dollars, 0–1: the price is the implied probability), the trader's position in the game and one tape over both
// markets.
Item {
    id: root

    readonly property NflBoard board: Workspace.nfl

    NflGamesPanel {
        id: gamesPanel
        anchors { left: parent.left; top: parent.top; bottom: parent.bottom }
        width: 380
    }
    NflProbabilityChart {
        id: chart
        anchors { left: gamesPanel.right; leftMargin: 6; right: tapePanel.left; rightMargin: 6; top: parent.top }
        height: Math.round(parent.height * 0.4)
    }
    NflPositionPanel {
        id: positionPanel
        anchors { left: chart.left; right: chart.right; top: chart.bottom; topMargin: 6 }
        height: root.board.position.held ? 120 : 58
    }
    LadderPanel {
        id: awayLadder
        objectName: "awayLadder"
        anchors { left: chart.left; top: positionPanel.bottom; topMargin: 6; bottom: parent.bottom }
        width: (chart.width - 6) / 2
        book: root.board.awayBook
        title: root.board.selectedAway !== "" ? qsTr("%1 YES").arg(root.board.selectedAway) : qsTr("Away YES")
        live: root.board.feedLive
        feedState: root.board.feedState
        feedStateLabel: root.board.feedStateLabel
    }
    LadderPanel {
        id: homeLadder
        objectName: "homeLadder"
        anchors { right: chart.right; top: positionPanel.bottom; topMargin: 6; bottom: parent.bottom }
        width: awayLadder.width
        book: root.board.homeBook
        title: root.board.selectedHome !== "" ? qsTr("%1 YES").arg(root.board.selectedHome) : qsTr("Home YES")
        live: root.board.feedLive
        feedState: root.board.feedState
        feedStateLabel: root.board.feedStateLabel
    }
    TradeTapePanel {
        id: tapePanel
        anchors { right: parent.right; top: parent.top; bottom: parent.bottom }
        width: 330
        tape: root.board.tape
        showInstrument: true
        live: root.board.feedLive
        feedState: root.board.feedState
        feedStateLabel: root.board.feedStateLabel
    }
}
