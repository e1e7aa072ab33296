import QtQuick
import Tapescope

// One row of an AccountTable. A column's `tone` colours its cell: "side" (toneRole true: buy/long green, else
// sell/short red), "sign" (toneRole > 0 green, < 0 red) or "dim". Numbers are right-aligned in the mono font.
Rectangle {
    id: row

    required property var model
    required property int index
    property var columns: []
    // What each cell shows, worked out here so the cells need nothing but their own entry.
    readonly property var cells: row.columns.map(column => ({
        text: String(row.model[column.role] ?? ""),
        color: row.toneColor(column),
        right: column.right === true,
        width: column.width,
        bold: column.role === "symbol"
    }))

    function toneColor(column) {
        if (column.tone === "side")
            return row.model[column.toneRole] ? Theme.bid : Theme.ask
        if (column.tone === "sign") {
            const sign = row.model[column.toneRole]
            return sign > 0 ? Theme.bid : sign < 0 ? Theme.ask : Theme.text
        }
        return column.tone === "dim" ? Theme.textDim : Theme.text
    }

    height: 20
    color: rowArea.containsMouse ? Theme.selection : (row.index % 2 === 1 ? Theme.rowAlternate : "transparent")

    Row {
        anchors { fill: parent; leftMargin: 8; rightMargin: 8 }

        Repeater {
            model: row.cells
            delegate: Text {
                id: cell
                required property var modelData
                textFormat: Text.PlainText
                width: cell.parent ? cell.parent.width * cell.modelData.width : 0
                height: 20
                rightPadding: cell.modelData.right ? 0 : 4
                verticalAlignment: Text.AlignVCenter
                horizontalAlignment: cell.modelData.right ? Text.AlignRight : Text.AlignLeft
                elide: cell.modelData.right ? Text.ElideLeft : Text.ElideRight
                text: cell.modelData.text
                color: cell.modelData.color
                font.family: cell.modelData.right ? Theme.monoFamily : Qt.application.font.family
                font.pixelSize: Theme.smallFontSize
                font.bold: cell.modelData.bold
            }
        }
    }
    MouseArea {
        id: rowArea
        anchors.fill: parent
        hoverEnabled: true
        cursorShape: (row.model.instrumentKey ?? "") !== "" ? Qt.PointingHandCursor : Qt.ArrowCursor
        onClicked: {
            const key = row.model.instrumentKey ?? ""
            if (key !== "")
                Workspace.selectInstrument(key)
        }
    }
}
