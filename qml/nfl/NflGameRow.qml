import QtQuick
import Tapescope

// One game: teams and kickoff, the away/home probability bar, the overround, the move since the first price
// this session, volume and status; a settled game names its winner.
Rectangle {
    id: root

    required property int index
    required property string eventTicker
    required property string awayTeam
    required property string homeTeam
    required property string kickoff
    required property bool hasProbability
    required property double awayProbability
    required property double homeProbability
    required property string awayPercent
    required property string homePercent
    required property string overround
    required property double homeChange
    required property string homeChangeText
    required property string volume
    required property string status
    required property string statusText
    required property bool settled
    required property string winner
    required property bool hasPosition
    property bool selected: false

    signal clicked()

    height: 62
    color: root.selected ? Theme.selection : (root.index % 2 ? Theme.rowAlternate : "transparent")

    Rectangle {
        visible: root.selected
        width: 2
        height: parent.height
        color: Theme.accent
    }

    Column {
        anchors { fill: parent; leftMargin: 10; rightMargin: 10; topMargin: 6 }
        spacing: 4

        Item {
            width: parent.width
            height: 18
            Text {
                id: titleText
                anchors { left: parent.left; verticalCenter: parent.verticalCenter }
                text: qsTr("%1 at %2").arg(root.awayTeam).arg(root.homeTeam)
                color: Theme.text
                font.pixelSize: Theme.fontSize
                font.bold: true
            }
            // The trader holds contracts in this game.
            Rectangle {
                objectName: "positionBadge"
                anchors { left: titleText.right; leftMargin: 6; verticalCenter: parent.verticalCenter }
                visible: root.hasPosition
                width: positionText.implicitWidth + 8
                height: 14
                radius: 7
                color: Theme.accent
                Text {
                    id: positionText
                    anchors.centerIn: parent
                    text: qsTr("POS")
                    color: Theme.background
                    font.pixelSize: Theme.smallFontSize - 2
                    font.bold: true
                }
            }
            Text {
                anchors { right: parent.right; verticalCenter: parent.verticalCenter }
                text: root.settled ? (root.winner !== "" ? qsTr("FINAL · %1 won").arg(root.winner) : qsTr("FINAL · tie"))
                                   : root.kickoff + " · " + root.statusText
                color: root.settled ? Theme.warning : Theme.textDim
                font.pixelSize: Theme.smallFontSize
                font.bold: root.settled
            }
        }

        // Away on the left, home on the right; the split is the normalised probability.
        Item {
            objectName: "probabilityBar"
            width: parent.width
            height: 16
            Rectangle {
                id: awayPart
                width: parent.width * root.awayProbability / 100
                height: parent.height
                radius: 2
                color: root.hasProbability ? Theme.accent : Theme.neutral
                opacity: root.settled && root.winner !== root.awayTeam ? Theme.dimmedOpacity : 0.85
            }
            Rectangle {
                anchors.left: awayPart.right
                width: parent.width - awayPart.width
                height: parent.height
                radius: 2
                color: root.hasProbability ? Theme.warning : Theme.neutral
                opacity: root.settled && root.winner !== root.homeTeam ? Theme.dimmedOpacity : 0.85
            }
            Text {
                anchors { left: parent.left; leftMargin: 6; verticalCenter: parent.verticalCenter }
                text: root.hasProbability ? root.awayTeam + " " + root.awayPercent + "%" : root.awayTeam
                color: Theme.background
                font.family: Theme.monoFamily
                font.pixelSize: Theme.smallFontSize
                font.bold: true
            }
            Text {
                anchors { right: parent.right; rightMargin: 6; verticalCenter: parent.verticalCenter }
                text: root.hasProbability ? root.homePercent + "% " + root.homeTeam : root.homeTeam
                color: Theme.background
                font.family: Theme.monoFamily
                font.pixelSize: Theme.smallFontSize
                font.bold: true
            }
        }

        Item {
            width: parent.width
            height: 14
            Text {
                anchors.left: parent.left
                text: root.homeChangeText !== "" ? qsTr("%1 %2").arg(root.homeTeam).arg(root.homeChangeText) : qsTr("no price yet")
                color: root.homeChange > 0 ? Theme.bid : (root.homeChange < 0 ? Theme.ask : Theme.textDim)
                font.family: Theme.monoFamily
                font.pixelSize: Theme.smallFontSize
            }
            Text {
                readonly property string overroundText: root.overround !== "" ? qsTr("over %1").arg(root.overround) : ""
                readonly property string volumeText: root.volume !== "" ? qsTr("vol %1").arg(root.volume) : ""
                anchors.right: parent.right
                text: overroundText + (overroundText !== "" && volumeText !== "" ? "  ·  " : "") + volumeText
                color: Theme.textDim
                font.family: Theme.monoFamily
                font.pixelSize: Theme.smallFontSize
            }
        }
    }

    MouseArea {
        anchors.fill: parent
        onClicked: root.clicked()
    }
}
