import QtQuick
import Tapescope
import Tapescope.Models

// A framed panel with a title bar and its feed's badge. Content is dimmed whenever the feed is not
// live, so stale data never looks current.
Rectangle {
    id: root

    property string title
    property bool showBadge: true
    // The feed the panel's data comes from; the Markets panels follow the selected instrument's venue.
    property bool live: Workspace.feedLive
    property int feedState: Workspace.feedState
    property string feedStateLabel: Workspace.feedStateLabel
    default property alias content: body.data
    property alias tools: toolRow.data

    color: Theme.panel
    border.color: Theme.border
    radius: 4
    clip: true

    Rectangle {
        id: header
        anchors { left: parent.left; right: parent.right; top: parent.top; margins: 1 }
        height: Theme.headerHeight
        color: Theme.panelHeader
        radius: 3

        Text {
            id: titleText
            anchors { left: parent.left; leftMargin: 10; verticalCenter: parent.verticalCenter }
            text: root.title
            color: Theme.text
            font.pixelSize: Theme.fontSize
            font.bold: true
        }
        Row {
            id: toolRow
            anchors { right: badge.left; rightMargin: 8; verticalCenter: parent.verticalCenter }
            spacing: 4
        }
        FeedBadge {
            id: badge
            objectName: "feedBadge"
            anchors { right: parent.right; rightMargin: 8; verticalCenter: parent.verticalCenter }
            visible: root.showBadge
            feedState: root.feedState
            label: root.feedStateLabel
        }
    }

    Item {
        id: body
        objectName: "panelBody"
        anchors { left: parent.left; right: parent.right; top: header.bottom; bottom: parent.bottom; margins: 1 }
        opacity: root.live ? 1.0 : Theme.dimmedOpacity
    }
}
