import QtQuick
import Tapescope

// One print on the tape: buys green, sells red.
Item {
    id: root

    required property string time
    required property string price
    required property string size
    required property bool isBuy
    required property string instrument
    property bool showInstrument: false
    property var columnWidths: [0.36, 0.36, 0.28] // with showInstrument: the instrument's width first
    readonly property int firstNumber: root.showInstrument ? 1 : 0

    height: 20

    Rectangle {
        anchors.fill: parent
        color: root.isBuy ? Theme.bidTint : Theme.askTint
    }

    Row {
        id: cells
        anchors { fill: parent; leftMargin: 8; rightMargin: 8 }

        Text {
            textFormat: Text.PlainText
            visible: root.showInstrument
            width: root.showInstrument ? cells.width * root.columnWidths[0] : 0
            height: cells.height
            verticalAlignment: Text.AlignVCenter
            text: root.instrument
            color: Theme.text
            font.pixelSize: Theme.smallFontSize
            font.bold: true
            elide: Text.ElideRight
        }
        Text {
            textFormat: Text.PlainText
            width: cells.width * root.columnWidths[root.firstNumber]
            height: cells.height
            verticalAlignment: Text.AlignVCenter
            text: root.time
            color: Theme.textDim
            font.family: Theme.monoFamily
            font.pixelSize: Theme.smallFontSize
        }
        Text {
            textFormat: Text.PlainText
            width: cells.width * root.columnWidths[root.firstNumber + 1]
            height: cells.height
            verticalAlignment: Text.AlignVCenter
            horizontalAlignment: Text.AlignRight
            text: root.price
            color: root.isBuy ? Theme.bid : Theme.ask
            font.family: Theme.monoFamily
            font.pixelSize: Theme.fontSize
        }
        Text {
            textFormat: Text.PlainText
            width: cells.width * root.columnWidths[root.firstNumber + 2]
            height: cells.height
            verticalAlignment: Text.AlignVCenter
            horizontalAlignment: Text.AlignRight
            text: root.size
            color: Theme.text
            font.family: Theme.monoFamily
            font.pixelSize: Theme.fontSize
        }
    }
}
