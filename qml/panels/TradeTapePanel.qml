import QtQuick
import QtQuick.Controls
import Tapescope
import Tapescope.Models

// Time and sales, newest on top, aggressor side in colour, with a minimum-size filter.
Panel {
    id: root

    property TradeTapeModel tape: Workspace.trades
    // Tapes over several instruments (an NFL game's two markets) name each print's instrument first.
    property bool showInstrument: false
    property bool tradesExpected: true // false when the venue sends no trades for the instrument (FIML)
    readonly property var columnWidths: showInstrument ? [0.16, 0.34, 0.24, 0.26] : [0.36, 0.36, 0.28]
    readonly property int firstNumber: showInstrument ? 1 : 0 // the time's column

    title: qsTr("Trades")

    tools: [
        Text {
            anchors.verticalCenter: parent ? parent.verticalCenter : undefined
            text: qsTr("Min size")
            color: Theme.textDim
            font.pixelSize: Theme.smallFontSize
        },
        TextField {
            id: minimumSizeField
            objectName: "minimumSizeField"
            width: 64
            height: 22
            padding: 2
            leftPadding: 4
            font.pixelSize: Theme.smallFontSize
            font.family: Theme.monoFamily
            placeholderText: qsTr("any")
            text: root.tape ? root.tape.minimumSize : ""
            // '.' or the locale's decimal comma (the model reads both).
            validator: RegularExpressionValidator { regularExpression: /^[0-9]*[.,]?[0-9]*$/ }
            onEditingFinished: root.tape.minimumSize = text
        }
    ]

    Row {
        id: columnHeader
        anchors { left: parent.left; right: parent.right; top: parent.top; leftMargin: 8; rightMargin: 8 }
        height: 22

        // With showInstrument the team comes first; the time is left-aligned like the rows' times.
        ColumnTitle {
            visible: root.showInstrument
            width: root.showInstrument ? columnHeader.width * root.columnWidths[0] : 0
            horizontalAlignment: Text.AlignLeft
            text: qsTr("Team")
        }
        ColumnTitle {
            width: columnHeader.width * root.columnWidths[root.firstNumber]
            horizontalAlignment: Text.AlignLeft
            text: qsTr("Time")
        }
        ColumnTitle { width: columnHeader.width * root.columnWidths[root.firstNumber + 1]; text: qsTr("Price") }
        ColumnTitle { width: columnHeader.width * root.columnWidths[root.firstNumber + 2]; text: qsTr("Size") }
    }

    ColumnListView {
        id: tapeList
        objectName: "tape"
        anchors { left: parent.left; right: parent.right; top: columnHeader.bottom; bottom: parent.bottom }
        clip: true
        boundsBehavior: Flickable.StopAtBounds
        // Rows scrolled or pushed out are reused for the next ones instead of being destroyed and rebuilt.
        reuseItems: true
        model: root.tape
        columnWidths: root.columnWidths
        showInstrument: root.showInstrument
        delegate: TradeRow {
            width: ListView.view.width
            columnWidths: (ListView.view as ColumnListView).columnWidths
            showInstrument: (ListView.view as ColumnListView).showInstrument
        }
    }

    Text {
        anchors.centerIn: tapeList
        visible: tapeList.count === 0
        text: root.tradesExpected ? qsTr("No trades yet") : qsTr("This venue sends no trades for it")
        color: Theme.textDim
        font.pixelSize: Theme.fontSize
    }
}
