import QtQuick
import Tapescope
import Tapescope.Models

// One of the Account panel's tables: column titles over AccountRows. Columns are
// {title, role, width (a fraction of the row), right (numbers: right-aligned), tone, toneRole}; AccountTableRow
// says what `tone` does. Clicking a row that names an instrument selects it in the other panels.
Item {
    id: root

    property AccountTableModel model
    property var columns: []
    property string emptyText: ""
    readonly property alias count: rows.count
    readonly property alias list: rows

    Row {
        id: header
        anchors { left: parent.left; right: parent.right; top: parent.top; leftMargin: 8; rightMargin: 8 }
        height: 20

        Repeater {
            model: root.columns
            delegate: Text {
                id: headerCell
                required property var modelData
                width: headerCell.parent ? headerCell.parent.width * headerCell.modelData.width : 0
                height: 20
                rightPadding: headerCell.modelData.right ? 0 : 4
                verticalAlignment: Text.AlignVCenter
                horizontalAlignment: headerCell.modelData.right ? Text.AlignRight : Text.AlignLeft
                elide: Text.ElideRight
                text: headerCell.modelData.title
                color: Theme.textDim
                font.pixelSize: Theme.smallFontSize
            }
        }
    }

    AccountRows {
        id: rows
        objectName: "rows"
        anchors { left: parent.left; right: parent.right; top: header.bottom; bottom: parent.bottom }
        model: root.model
        columns: root.columns
    }

    Text {
        anchors.centerIn: rows
        visible: rows.count === 0
        text: root.emptyText
        color: Theme.textDim
        font.pixelSize: Theme.smallFontSize
    }
}
