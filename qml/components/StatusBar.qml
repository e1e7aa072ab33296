import QtQuick
import Tapescope
import Tapescope.Models

// One entry per feed: name, state, message rate, last-message age, reconnects and problems.
Rectangle {
    id: root

    property FeedStatusModel feeds: Workspace.feeds

    implicitHeight: 26
    color: Theme.panelHeader
    border.color: Theme.border

    // Five venues must fit beside each other: each entry says only what matters now (state, rate, age),
    // reconnects and errors appear when there are some; anything past the version label is clipped.
    Item {
        anchors { left: parent.left; leftMargin: 10; right: version.left; rightMargin: 12; top: parent.top; bottom: parent.bottom }
        clip: true

        Row {
            anchors.verticalCenter: parent.verticalCenter
            spacing: 18

            Repeater {
                model: root.feeds
                delegate: Row {
                    id: feedEntry
                    required property string label
                    required property int feedState
                    required property string stateLabel
                    required property double messagesPerSecond
                    required property double lastMessageAgeMs
                    required property int reconnects
                    required property double malformed
                    required property double integrityErrors
                    required property string lastIssue
                    required property string detail
                    spacing: 6

                    Rectangle {
                        anchors.verticalCenter: parent.verticalCenter
                        width: 8
                        height: 8
                        radius: 4
                        color: Theme.stateColor(feedEntry.feedState)
                    }
                    Text {
                        text: feedEntry.label
                        color: Theme.text
                        font.pixelSize: Theme.smallFontSize
                    }
                    Text {
                        text: feedEntry.stateLabel
                        color: Theme.stateColor(feedEntry.feedState)
                        font.pixelSize: Theme.smallFontSize
                        font.bold: true
                    }
                    Text {
                        text: qsTr("%1/s").arg(Math.round(feedEntry.messagesPerSecond))
                        color: Theme.text
                        font.family: Theme.monoFamily
                        font.pixelSize: Theme.smallFontSize
                    }
                    Text {
                        text: feedEntry.lastMessageAgeMs >= 0 ? qsTr("%1 ms ago").arg(feedEntry.lastMessageAgeMs) : qsTr("no data yet")
                        color: Theme.textDim
                        font.family: Theme.monoFamily
                        font.pixelSize: Theme.smallFontSize
                    }
                    Text {
                        visible: feedEntry.reconnects > 0
                        text: qsTr("reconnects %1").arg(feedEntry.reconnects)
                        color: Theme.warning
                        font.pixelSize: Theme.smallFontSize
                    }
                    Text {
                        visible: feedEntry.malformed + feedEntry.integrityErrors > 0
                        text: qsTr("errors %1: %2").arg(feedEntry.malformed + feedEntry.integrityErrors).arg(feedEntry.lastIssue)
                        color: Theme.ask
                        font.pixelSize: Theme.smallFontSize
                    }
                    Text {
                        visible: feedEntry.feedState !== FeedState.Live && feedEntry.detail !== ""
                        text: feedEntry.detail
                        color: Theme.warning
                        font.pixelSize: Theme.smallFontSize
                    }
                }
            }
        }

    }

    Text {
        id: version
        anchors { right: parent.right; rightMargin: 10; verticalCenter: parent.verticalCenter }
        text: qsTr("Tapescope %1").arg(Qt.application.version)
        color: Theme.textDim
        font.pixelSize: Theme.smallFontSize
    }
}
