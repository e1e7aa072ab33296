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
        delegate: NflGameRow {
            width: list.width
            selected: eventTicker === root.board.selectedGame
            onClicked: root.board.selectGame(eventTicker)
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
