import QtQuick
import Tapescope
import Tapescope.Models

// Every NFL game Kalshi lists, by date; clicking one shows its chart, ladders and tape.
Panel {
    id: root

    readonly property NflBoard board: Workspace.nfl
    readonly property alias games: list

    title: qsTr("NFL games")
    live: root.board.feedLive
    feedState: root.board.feedState
    feedStateLabel: root.board.feedStateLabel

    ListView {
        id: list
        objectName: "nflGames"
        anchors.fill: parent
        clip: true
        boundsBehavior: Flickable.StopAtBounds
        model: root.board.games
        // A delegate names no id outside it (Qt 6.4's qmllint): the board is Workspace.nfl, as root.board is.
        delegate: NflGameRow {
            width: ListView.view.width
            selected: eventTicker === Workspace.nfl.selectedGame
            onClicked: Workspace.nfl.selectGame(eventTicker)
        }
    }

    Text {
        anchors.centerIn: parent
        width: parent.width - 24
        visible: list.count === 0
        horizontalAlignment: Text.AlignHCenter
        wrapMode: Text.WordWrap
        text: root.board.feedState === FeedState.Disconnected
              ? qsTr("Kalshi is not running. Enable it in Settings to follow NFL games.")
              : qsTr("Looking for open NFL games…")
        color: Theme.textDim
        font.pixelSize: Theme.fontSize
    }
}
