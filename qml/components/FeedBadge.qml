import QtQuick
import Tapescope
import Tapescope.Models

// The feed's state at a glance: LIVE in green, anything else in amber or red.
Rectangle {
    id: root

    property int feedState: FeedState.Connecting
    property string label: qsTr("CONNECTING")

    implicitWidth: badgeText.implicitWidth + 12
    implicitHeight: 18
    radius: 3
    color: "transparent"
    border.color: Theme.stateColor(root.feedState)

    Text {
        id: badgeText
        anchors.centerIn: parent
        text: root.label
        color: Theme.stateColor(root.feedState)
        font.pixelSize: 10
        font.bold: true
        font.letterSpacing: 0.5
    }
}
