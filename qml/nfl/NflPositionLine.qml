import QtQuick
import Tapescope
import Tapescope.Models

// One team's line of the position panel: team, contracts (YES / NO), cost, value, P&L and realized P&L.
Row {
    id: root

    required property NflTeamPosition line
    required property var columnWidths

    height: 18

    Text {
        width: root.width * root.columnWidths[0]
        anchors.verticalCenter: parent.verticalCenter
        text: root.line.team
        color: Theme.text
        font.pixelSize: Theme.fontSize
        font.bold: true
    }
    Text {
        objectName: "contracts"
        width: root.width * root.columnWidths[1]
        anchors.verticalCenter: parent.verticalCenter
        horizontalAlignment: Text.AlignRight
        text: root.line.held ? root.line.contracts : "—"
        color: Theme.text
        font.family: Theme.monoFamily
        font.pixelSize: Theme.fontSize
    }
    Text {
        objectName: "cost"
        width: root.width * root.columnWidths[2]
        anchors.verticalCenter: parent.verticalCenter
        horizontalAlignment: Text.AlignRight
        text: root.line.cost
        color: Theme.text
        font.family: Theme.monoFamily
        font.pixelSize: Theme.fontSize
    }
    Text {
        objectName: "value"
        width: root.width * root.columnWidths[3]
        anchors.verticalCenter: parent.verticalCenter
        horizontalAlignment: Text.AlignRight
        text: root.line.value
        color: Theme.text
        font.family: Theme.monoFamily
        font.pixelSize: Theme.fontSize
    }
    Text {
        objectName: "pnl"
        width: root.width * root.columnWidths[4]
        anchors.verticalCenter: parent.verticalCenter
        horizontalAlignment: Text.AlignRight
        text: root.line.pnl
        color: root.line.pnlSign > 0 ? Theme.bid : (root.line.pnlSign < 0 ? Theme.ask : Theme.text)
        font.family: Theme.monoFamily
        font.pixelSize: Theme.fontSize
    }
    Text {
        objectName: "realized"
        width: root.width * root.columnWidths[5]
        anchors.verticalCenter: parent.verticalCenter
        horizontalAlignment: Text.AlignRight
        text: root.line.realized
        color: Theme.textDim
        font.family: Theme.monoFamily
        font.pixelSize: Theme.fontSize
    }
}
