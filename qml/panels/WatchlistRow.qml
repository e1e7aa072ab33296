import QtQuick
import Tapescope

// One watchlist line; the numbers are preformatted by WatchlistModel.
Rectangle {
    id: root

    required property int index
    required property string key
    required property string symbol
    required property string mid
    required property string change
    required property double changeValue
    required property string funding
    required property string volume
    required property bool hasData
    required property string venue
    required property string source
    property var columnWidths: [0.22, 0.22, 0.16, 0.22, 0.18]
    property bool selected: false

    signal clicked()

    height: 26
    color: root.selected ? Theme.selection : (root.index % 2 ? Theme.rowAlternate : "transparent")

    Rectangle {
        visible: root.selected
        width: 2
        height: parent.height
        color: Theme.accent
    }

    Row {
        id: cells
        anchors { fill: parent; leftMargin: 8; rightMargin: 8 }

        Text {
            textFormat: Text.PlainText
            width: cells.width * root.columnWidths[0]
            height: cells.height
            verticalAlignment: Text.AlignVCenter
            text: root.symbol
            color: Theme.text
            font.pixelSize: Theme.fontSize
            font.bold: root.selected
            elide: Text.ElideRight
        }
        Text {
            textFormat: Text.PlainText
            width: cells.width * root.columnWidths[1]
            height: cells.height
            verticalAlignment: Text.AlignVCenter
            horizontalAlignment: Text.AlignRight
            text: root.hasData ? root.mid : qsTr("—")
            color: Theme.text
            font.family: Theme.monoFamily
            font.pixelSize: Theme.fontSize
        }
        Text {
            textFormat: Text.PlainText
            width: cells.width * root.columnWidths[2]
            height: cells.height
            verticalAlignment: Text.AlignVCenter
            horizontalAlignment: Text.AlignRight
            text: root.change
            color: root.changeValue > 0 ? Theme.bid : (root.changeValue < 0 ? Theme.ask : Theme.textDim)
            font.family: Theme.monoFamily
            font.pixelSize: Theme.fontSize
        }
        Text {
            textFormat: Text.PlainText
            width: cells.width * root.columnWidths[3]
            height: cells.height
            verticalAlignment: Text.AlignVCenter
            horizontalAlignment: Text.AlignRight
            // Perps show funding; an aggregator's quote (FIML) shows where it came from and how sure it is.
            text: root.funding !== "" ? root.funding : root.source
            color: Theme.textDim
            elide: Text.ElideRight
            font.family: Theme.monoFamily
            font.pixelSize: Theme.smallFontSize
        }
        Text {
            textFormat: Text.PlainText
            width: cells.width * root.columnWidths[4]
            height: cells.height
            verticalAlignment: Text.AlignVCenter
            horizontalAlignment: Text.AlignRight
            text: root.volume
            color: Theme.textDim
            font.family: Theme.monoFamily
            font.pixelSize: Theme.smallFontSize
        }
    }

    MouseArea {
        anchors.fill: parent
        onClicked: root.clicked()
    }
}
