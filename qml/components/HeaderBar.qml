import QtQuick
import Tapescope
import Tapescope.Models

// The top line: product name, the selected instrument and its inside, and a DEMO marker.
Rectangle {
    id: root

    implicitHeight: 40
    color: Theme.panelHeader
    border.color: Theme.border

    Row {
        anchors { left: parent.left; leftMargin: 14; verticalCenter: parent.verticalCenter }
        spacing: 18

        Text {
            text: qsTr("Tapescope")
            color: Theme.accent
            font.pixelSize: 16
            font.bold: true
        }
        Text {
            text: Workspace.selectedName
            color: Theme.text
            font.pixelSize: 16
            font.bold: true
        }
        Text {
            anchors.verticalCenter: parent.verticalCenter
            text: Workspace.orderBook.mid !== "" ? qsTr("Mid %1").arg(Workspace.orderBook.mid) : ""
            color: Theme.text
            font.family: Theme.monoFamily
            font.pixelSize: Theme.fontSize
        }
        Text {
            anchors.verticalCenter: parent.verticalCenter
            text: Workspace.orderBook.bestBid !== "" ? qsTr("Bid %1").arg(Workspace.orderBook.bestBid) : ""
            color: Theme.bid
            font.family: Theme.monoFamily
            font.pixelSize: Theme.fontSize
        }
        Text {
            anchors.verticalCenter: parent.verticalCenter
            text: Workspace.orderBook.bestAsk !== "" ? qsTr("Ask %1").arg(Workspace.orderBook.bestAsk) : ""
            color: Theme.ask
            font.family: Theme.monoFamily
            font.pixelSize: Theme.fontSize
        }
    }

    Rectangle {
        anchors { right: parent.right; rightMargin: 14; verticalCenter: parent.verticalCenter }
        visible: Workspace.demoMode
        width: demoText.implicitWidth + 16
        height: 22
        radius: 3
        color: Theme.warning
        Text {
            id: demoText
            anchors.centerIn: parent
            text: qsTr("DEMO · simulated market")
            color: Theme.background
            font.pixelSize: Theme.smallFontSize
            font.bold: true
        }
    }
}
