import QtQuick
import Tapescope
import Tapescope.Models

// The feed's state at a glance: LIVE in green, anything else in amber or red. While a recording plays, never LIVE:
// REPLAY and the recording's time (UTC), in violet, or the recorded state after REPLAY when the recorded feed was
// not live at that time.
Rectangle {
    id: root

    property int feedState: FeedState.Connecting
    property string label: qsTr("CONNECTING")
    readonly property bool replaying: Workspace.replay.active
    readonly property color stateColor: root.replaying && root.feedState === FeedState.Live
                                        ? Theme.replay : Theme.stateColor(root.feedState)

    implicitWidth: badgeText.implicitWidth + 12
    implicitHeight: 18
    radius: 3
    color: "transparent"
    border.color: root.stateColor

    Text {
        id: badgeText
        objectName: "feedBadgeText"
        anchors.centerIn: parent
        text: !root.replaying ? root.label
              : root.feedState === FeedState.Live ? qsTr("REPLAY %1").arg(Workspace.replay.timeText)
              : qsTr("REPLAY · %1").arg(root.label)
        color: root.stateColor
        font.pixelSize: 10
        font.bold: true
        font.letterSpacing: 0.5
    }
}
