import QtQuick
import Tapescope
import Tapescope.Models

// The trader's position in the selected game, over all of their Kalshi accounts: per team the contracts (YES or
// NO), what they cost, their value at the live YES mid (at the settlement once the market resolved), the P&L and
// the venue's realized P&L; then what the position pays if either team wins.
Panel {
    id: root

    readonly property NflBoard board: Workspace.nfl
    readonly property NflPosition position: root.board.position
    readonly property bool settled: root.position.away.settled || root.position.home.settled
    readonly property var columnWidths: [0.16, 0.18, 0.16, 0.16, 0.17, 0.17]

    objectName: "nflPosition"
    title: root.settled ? qsTr("Your position · settled") : qsTr("Your position")
    live: root.board.feedLive
    feedState: root.board.feedState
    feedStateLabel: root.board.feedStateLabel

    Text {
        objectName: "noPosition"
        anchors.centerIn: parent
        visible: !root.position.held
        text: qsTr("No position in this game")
        color: Theme.textDim
        font.pixelSize: Theme.fontSize
    }

    Column {
        objectName: "positionTable"
        anchors { left: parent.left; right: parent.right; top: parent.top; leftMargin: 10; rightMargin: 10; topMargin: 4 }
        visible: root.position.held
        spacing: 2

        Row {
            id: columnHeader
            width: parent.width
            height: 16
            ColumnTitle {
                width: columnHeader.width * root.columnWidths[0]
                horizontalAlignment: Text.AlignLeft
                text: qsTr("Team")
            }
            ColumnTitle { width: columnHeader.width * root.columnWidths[1]; text: qsTr("Contracts") }
            ColumnTitle { width: columnHeader.width * root.columnWidths[2]; text: qsTr("Cost") }
            ColumnTitle {
                width: columnHeader.width * root.columnWidths[3]
                text: root.settled ? qsTr("Settled at") : qsTr("Value")
            }
            ColumnTitle { width: columnHeader.width * root.columnWidths[4]; text: qsTr("P&L") }
            ColumnTitle { width: columnHeader.width * root.columnWidths[5]; text: qsTr("Realized") }
        }

        NflPositionLine {
            objectName: "awayPosition"
            width: parent.width
            line: root.position.away
            columnWidths: root.columnWidths
        }
        NflPositionLine {
            objectName: "homePosition"
            width: parent.width
            line: root.position.home
            columnWidths: root.columnWidths
        }

        // What the position pays in each outcome: $1 a YES contract of the winner, $1 a NO contract of the loser.
        Row {
            objectName: "payouts"
            width: parent.width
            height: 20
            spacing: 4
            Text {
                objectName: "awayWinsPayout"
                anchors.bottom: parent.bottom
                text: qsTr("If %1 wins: pays %2").arg(root.position.away.team).arg(root.position.awayWinsPayout)
                color: Theme.text
                font.family: Theme.monoFamily
                font.pixelSize: Theme.smallFontSize
            }
            Text {
                anchors.bottom: parent.bottom
                text: root.position.awayWinsNet !== "" ? "(" + root.position.awayWinsNet + ")" : ""
                color: root.position.awayWinsSign > 0 ? Theme.bid : (root.position.awayWinsSign < 0 ? Theme.ask : Theme.textDim)
                font.family: Theme.monoFamily
                font.pixelSize: Theme.smallFontSize
            }
            Item { width: 24; height: 1 }
            Text {
                objectName: "homeWinsPayout"
                anchors.bottom: parent.bottom
                text: qsTr("If %1 wins: pays %2").arg(root.position.home.team).arg(root.position.homeWinsPayout)
                color: Theme.text
                font.family: Theme.monoFamily
                font.pixelSize: Theme.smallFontSize
            }
            Text {
                anchors.bottom: parent.bottom
                text: root.position.homeWinsNet !== "" ? "(" + root.position.homeWinsNet + ")" : ""
                color: root.position.homeWinsSign > 0 ? Theme.bid : (root.position.homeWinsSign < 0 ? Theme.ask : Theme.textDim)
                font.family: Theme.monoFamily
                font.pixelSize: Theme.smallFontSize
            }
        }
    }
}
