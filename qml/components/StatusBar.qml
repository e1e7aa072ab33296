import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Tapescope
import Tapescope.Models

// One entry per feed: name, state, message rate, last-message age, reconnects and problems.
Rectangle {
    id: root

    property FeedStatusModel feeds: Workspace.feeds

    implicitHeight: 26
    color: Theme.panelHeader
    border.color: Theme.border

    // Five venues must fit beside each other, in every language: each entry says only what matters now (state,
    // rate, age), reconnects and errors appear when there are some. When they do not fit, the venues' names and
    // the reasons of feeds that are not live give way: elided, whole in a tooltip. Only past that is anything
    // clipped.
    Item {
        anchors { left: parent.left; leftMargin: 10; right: recording.visible ? recording.left : version.left; rightMargin: 12
                  top: parent.top; bottom: parent.bottom }
        clip: true

        RowLayout {
            anchors { left: parent.left; right: parent.right; verticalCenter: parent.verticalCenter }
            spacing: 18

            Repeater {
                model: root.feeds
                delegate: RowLayout {
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
                    // As wide as its words; narrower only by eliding the reason.
                    Layout.fillWidth: true
                    Layout.maximumWidth: implicitWidth

                    Rectangle {
                        implicitWidth: 8
                        implicitHeight: 8
                        radius: 4
                        color: Theme.stateColor(feedEntry.feedState)
                    }
                    Text {
                        id: venueName
                        // Down to a few letters ("hyperliquid (dé…"): the dot and the order still say which.
                        // Whole pixels: a fractional width a hair under the text's would elide it with room to spare.
                        Layout.fillWidth: true
                        Layout.minimumWidth: Math.min(Math.ceil(implicitWidth), 44)
                        Layout.preferredWidth: Math.ceil(implicitWidth)
                        Layout.maximumWidth: Math.ceil(implicitWidth)
                        text: feedEntry.label
                        elide: Text.ElideRight
                        color: Theme.text
                        font.pixelSize: Theme.smallFontSize

                        HoverHandler {
                            id: nameHover
                        }
                        ToolTip.visible: nameHover.hovered && venueName.truncated
                        ToolTip.text: feedEntry.label
                    }
                    Text {
                        readonly property bool replayed: Workspace.replay.active && feedEntry.feedState === FeedState.Live
                        text: replayed ? qsTr("REPLAY") : feedEntry.stateLabel
                        color: replayed ? Theme.replay : Theme.stateColor(feedEntry.feedState)
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
                        // "No data yet" says less than the reason why, when there is one.
                        visible: feedEntry.lastMessageAgeMs >= 0 || !reason.visible
                        // A translation may be as short as "%1 ms" (French): the tooltip says it in words.
                        text: feedEntry.lastMessageAgeMs >= 0 ? qsTr("%1 ms ago").arg(feedEntry.lastMessageAgeMs) : qsTr("no data yet")
                        color: Theme.textDim
                        font.family: Theme.monoFamily
                        font.pixelSize: Theme.smallFontSize

                        HoverHandler {
                            id: ageHover
                        }
                        ToolTip.visible: ageHover.hovered && feedEntry.lastMessageAgeMs >= 0
                        ToolTip.text: qsTr("last message from %1 received %2 ms ago").arg(feedEntry.label).arg(feedEntry.lastMessageAgeMs)
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
                        id: reason
                        objectName: "feedReason"
                        visible: feedEntry.feedState !== FeedState.Live && feedEntry.detail !== ""
                        Layout.fillWidth: true
                        text: feedEntry.detail
                        elide: Text.ElideRight
                        color: Theme.warning
                        font.pixelSize: Theme.smallFontSize

                        HoverHandler {
                            id: reasonHover
                        }
                        ToolTip.visible: reasonHover.hovered && reason.truncated
                        ToolTip.text: feedEntry.detail
                    }
                }
            }
            // What the entries leave stays empty at the right.
            Item {
                Layout.fillWidth: true
            }
        }
    }

    // While recording: REC, the size written so far and the file (the others in the tooltip). An error that stopped
    // it stays here, in red, until the next start; so does a limit of the settings that stopped a venue's file
    // ("hyperliquid stopped: 500 MB limit reached") or all of them ("REC stopped: …", REC no longer shown).
    Row {
        id: recording
        objectName: "recordingStatus"
        anchors { right: version.visible ? version.left : parent.right; rightMargin: version.visible ? 14 : 10
                  verticalCenter: parent.verticalCenter }
        visible: Workspace.recording.active || Workspace.recording.error !== "" || Workspace.recording.limitText !== ""
        spacing: 6

        Rectangle {
            anchors.verticalCenter: parent.verticalCenter
            visible: Workspace.recording.active
            width: recText.implicitWidth + 10
            height: 16
            radius: 3
            color: Theme.ask
            Text {
                id: recText
                anchors.centerIn: parent
                text: qsTr("REC")
                color: Theme.background
                font.pixelSize: Theme.smallFontSize
                font.bold: true
            }
        }
        Text {
            id: recordingText
            visible: Workspace.recording.active || Workspace.recording.error !== ""
            width: Math.min(implicitWidth, 320)
            elide: Text.ElideMiddle
            text: Workspace.recording.active
                  ? qsTr("%1 · %2").arg(Workspace.recording.sizeText).arg(Workspace.recording.firstFileName)
                    + (Workspace.recording.files.length > 1 ? qsTr(" +%1").arg(Workspace.recording.files.length - 1) : "")
                  : qsTr("not recording: %1").arg(Workspace.recording.error)
            color: Workspace.recording.active ? Theme.text : Theme.ask
            font.pixelSize: Theme.smallFontSize

            HoverHandler {
                id: recordingHover
            }
            ToolTip.visible: recordingHover.hovered
            ToolTip.text: Workspace.recording.filesText
        }
        Text {
            id: recordingLimitText
            objectName: "recordingLimitText"
            visible: Workspace.recording.limitText !== ""
            width: Math.min(implicitWidth, 320)
            elide: Text.ElideRight
            text: Workspace.recording.limitText
            color: Theme.warning
            font.pixelSize: Theme.smallFontSize

            HoverHandler {
                id: limitHover
            }
            ToolTip.visible: limitHover.hovered
            ToolTip.text: Workspace.recording.filesText
        }
    }

    // The least needed word here: it gives its room to the recording's status (five feeds and "REC stopped: …"
    // clipped the last feed's entry at 1366 px); it comes back when the status goes. `tapescope --version` says it.
    Text {
        id: version
        visible: !recording.visible
        anchors { right: parent.right; rightMargin: 10; verticalCenter: parent.verticalCenter }
        text: qsTr("Tapescope %1").arg(Qt.application.version)
        color: Theme.textDim
        font.pixelSize: Theme.smallFontSize
    }
}
