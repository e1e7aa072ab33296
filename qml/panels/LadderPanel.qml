import QtQuick
import QtQuick.Controls
import Tapescope
import Tapescope.Models

// The DOM ladder: asks above, the spread row, bids below, with cumulative depth on each side,
// size heat bars and a price-grouping choice. The rows are painted by LadderView (C++): they change
// on every display frame.
Panel {
    id: root

    property OrderBookModel book: Workspace.orderBook
    // False when the venue has no order book for the instrument (FIML): say so rather than wait.
    property bool bookExpected: true
    readonly property var columnWidths: [0.19, 0.19, 0.24, 0.19, 0.19]
    readonly property alias rows: ladder

    title: qsTr("Order book")

    tools: [
        Text {
            anchors.verticalCenter: parent ? parent.verticalCenter : undefined
            text: qsTr("Group")
            color: Theme.textDim
            font.pixelSize: Theme.smallFontSize
        },
        ComboBox {
            id: groupingBox
            objectName: "groupingBox"
            width: 86
            height: 22
            font.pixelSize: Theme.smallFontSize
            font.family: Theme.monoFamily
            // Shown in the locale ("0,5"), chosen as the option itself ("0.5").
            readonly property var options: root.book ? root.book.groupingOptions : []
            model: root.book ? root.book.groupingLabels : []
            currentIndex: root.book && root.book.grouping !== "" ? Math.max(0, groupingBox.options.indexOf(root.book.grouping)) : 0
            onActivated: index => root.book.grouping = groupingBox.options[index]
        }
    ]

    Row {
        id: columnHeader
        anchors { left: parent.left; right: parent.right; top: parent.top; leftMargin: 6; rightMargin: 6 }
        height: 22

        ColumnTitle { width: columnHeader.width * root.columnWidths[0]; rightPadding: 6; text: qsTr("Total") }
        ColumnTitle { width: columnHeader.width * root.columnWidths[1]; rightPadding: 6; text: qsTr("Bid") }
        ColumnTitle {
            width: columnHeader.width * root.columnWidths[2]
            rightPadding: 6
            horizontalAlignment: Text.AlignHCenter
            text: qsTr("Price")
        }
        ColumnTitle { width: columnHeader.width * root.columnWidths[3]; rightPadding: 6; text: qsTr("Ask") }
        ColumnTitle { width: columnHeader.width * root.columnWidths[4]; rightPadding: 6; text: qsTr("Total") }
    }

    LadderView {
        id: ladder
        objectName: "ladder"
        anchors { left: parent.left; right: parent.right; top: columnHeader.bottom; bottom: parent.bottom
                  leftMargin: 6; rightMargin: 6; bottomMargin: 4 }
        clip: true
        model: root.book
        columnWidths: root.columnWidths
        spreadLabel: root.book && root.book.spread !== "" ? qsTr("Spread %1   Mid %2").arg(root.book.spread).arg(root.book.mid) : ""
        fillColor: Theme.panel
        fontFamily: Theme.monoFamily
        fontPixelSize: Theme.fontSize
        smallFontPixelSize: Theme.smallFontSize
        textColor: Theme.text
        dimTextColor: Theme.textDim
        bidColor: Theme.bid
        askColor: Theme.ask
        bidHeatColor: Theme.bidHeat
        askHeatColor: Theme.askHeat
        spreadRowColor: Theme.panelHeader
        entryColor: Theme.warning
    }

    Text {
        anchors.centerIn: ladder
        visible: !root.book || !root.book.hasData
        text: root.bookExpected ? qsTr("Waiting for the book…") : qsTr("This venue sends no order book for it")
        color: Theme.textDim
        font.pixelSize: Theme.fontSize
    }

    Rectangle {
        anchors { left: parent.left; right: parent.right; top: parent.top }
        height: 22
        visible: root.book ? root.book.flagged : false
        color: Theme.ask
        Text {
            anchors.centerIn: parent
            text: qsTr("Book failed its check, showing the last good one: %1").arg(root.book ? root.book.integrityIssue : "")
            color: "white"
            font.pixelSize: Theme.smallFontSize
            elide: Text.ElideRight
            width: parent.width - 12
            horizontalAlignment: Text.AlignHCenter
        }
    }
}
