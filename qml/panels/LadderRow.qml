import QtQuick
import Tapescope

// One ladder row. Bid rows show size and depth on the left, ask rows on the right; the heat bar
// grows away from the price column in proportion to the level's size.
Item {
    id: root

    required property string price
    required property string bidSize
    required property string askSize
    required property string cumulative
    required property double heat
    required property bool isSpreadRow
    required property bool isBestBid
    required property bool isBestAsk
    property var columnWidths: [0.19, 0.19, 0.24, 0.19, 0.19]
    property string mid

    readonly property bool isBid: root.bidSize !== ""
    readonly property bool isAsk: root.askSize !== ""
    readonly property real sideWidth: width * (columnWidths[0] + columnWidths[1])
    readonly property real priceWidth: width * columnWidths[2]

    Rectangle {
        anchors.fill: parent
        visible: root.isSpreadRow
        color: Theme.panelHeader
    }

    Rectangle {
        // bid heat: from the price column leftwards
        visible: root.isBid
        anchors { right: parent.right; rightMargin: root.width - root.sideWidth; verticalCenter: parent.verticalCenter }
        height: parent.height - 2
        width: root.sideWidth * root.heat
        color: Theme.bidHeat
    }
    Rectangle {
        // ask heat: from the price column rightwards
        visible: root.isAsk
        anchors { left: parent.left; leftMargin: root.sideWidth + root.priceWidth; verticalCenter: parent.verticalCenter }
        height: parent.height - 2
        width: root.sideWidth * root.heat
        color: Theme.askHeat
    }

    Row {
        id: cells
        anchors.fill: parent
        visible: !root.isSpreadRow

        Text {
            width: root.width * root.columnWidths[0]
            height: cells.height
            verticalAlignment: Text.AlignVCenter
            horizontalAlignment: Text.AlignRight
            rightPadding: 6
            text: root.isBid ? root.cumulative : ""
            color: Theme.textDim
            font.family: Theme.monoFamily
            font.pixelSize: Theme.smallFontSize
        }
        Text {
            width: root.width * root.columnWidths[1]
            height: cells.height
            verticalAlignment: Text.AlignVCenter
            horizontalAlignment: Text.AlignRight
            rightPadding: 6
            text: root.bidSize
            color: Theme.text
            font.family: Theme.monoFamily
            font.pixelSize: Theme.fontSize
        }
        Text {
            width: root.priceWidth
            height: cells.height
            verticalAlignment: Text.AlignVCenter
            horizontalAlignment: Text.AlignHCenter
            text: root.price
            color: root.isBid ? Theme.bid : (root.isAsk ? Theme.ask : Theme.textDim)
            font.family: Theme.monoFamily
            font.pixelSize: Theme.fontSize
            font.bold: root.isBestBid || root.isBestAsk
        }
        Text {
            width: root.width * root.columnWidths[3]
            height: cells.height
            verticalAlignment: Text.AlignVCenter
            horizontalAlignment: Text.AlignRight
            rightPadding: 6
            text: root.askSize
            color: Theme.text
            font.family: Theme.monoFamily
            font.pixelSize: Theme.fontSize
        }
        Text {
            width: root.width * root.columnWidths[4]
            height: cells.height
            verticalAlignment: Text.AlignVCenter
            horizontalAlignment: Text.AlignRight
            rightPadding: 6
            text: root.isAsk ? root.cumulative : ""
            color: Theme.textDim
            font.family: Theme.monoFamily
            font.pixelSize: Theme.smallFontSize
        }
    }

    Text {
        anchors.centerIn: parent
        visible: root.isSpreadRow && root.price !== ""
        text: qsTr("Spread %1   Mid %2").arg(root.price).arg(root.mid)
        color: Theme.text
        font.family: Theme.monoFamily
        font.pixelSize: Theme.smallFontSize
    }
}
