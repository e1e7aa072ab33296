import QtQuick
import Tapescope
import Tapescope.Models

// Followed instruments with mid, 24 h change, funding and 24 h volume. Clicking a row selects the
// instrument for the ladder, tape and chart.
Panel {
    id: root

    title: qsTr("Watchlist")

    readonly property var columnWidths: [0.22, 0.22, 0.16, 0.22, 0.18]

    Row {
        id: columnHeader
        anchors { left: parent.left; right: parent.right; top: parent.top; leftMargin: 8; rightMargin: 8 }
        height: 22

        ColumnTitle { width: columnHeader.width * root.columnWidths[0]; horizontalAlignment: Text.AlignLeft; text: qsTr("Symbol") }
        ColumnTitle { width: columnHeader.width * root.columnWidths[1]; text: qsTr("Mid") }
        ColumnTitle { width: columnHeader.width * root.columnWidths[2]; text: qsTr("24h") }
        ColumnTitle { width: columnHeader.width * root.columnWidths[3]; text: qsTr("Fund/Src") }
        ColumnTitle { width: columnHeader.width * root.columnWidths[4]; text: qsTr("Volume") }
    }

    ColumnListView {
        id: list
        anchors { left: parent.left; right: parent.right; top: columnHeader.bottom; bottom: parent.bottom }
        clip: true
        boundsBehavior: Flickable.StopAtBounds
        // Rows scrolled or pushed out are reused for the next ones instead of being destroyed and rebuilt.
        reuseItems: true
        model: Workspace.watchlist
        columnWidths: root.columnWidths
        // One section per venue, so every venue's instruments are on the list under its name.
        section.property: "venue"
        section.delegate: Rectangle {
            required property string section
            width: ListView.view.width
            height: 20
            color: Theme.panelHeader
            Text {
                anchors { left: parent.left; leftMargin: 8; verticalCenter: parent.verticalCenter }
                text: Workspace.feeds.venueLabel(parent.section).toUpperCase()
                color: Theme.textDim
                font.pixelSize: 10
                font.bold: true
                font.letterSpacing: 0.5
            }
        }
        delegate: WatchlistRow {
            width: ListView.view.width
            columnWidths: (ListView.view as ColumnListView).columnWidths
            selected: key === Workspace.selectedKey
            onClicked: Workspace.selectInstrument(key)
        }
    }
}
