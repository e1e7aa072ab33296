import QtQuick
import QtQuick.Controls
import Tapescope
import Tapescope.Models

// The top line: product name, the view switch (Markets / NFL), the selected instrument and its inside,
// a DEMO marker and the settings button.
Rectangle {
    id: root

    signal settingsRequested()
    signal openRecordingRequested()

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
        Row {
            anchors.verticalCenter: parent.verticalCenter
            spacing: 2
            Repeater {
                model: [{ view: Workspace.Markets, name: "markets", label: qsTr("Markets") },
                        { view: Workspace.Nfl, name: "nfl", label: qsTr("NFL") }]
                delegate: Rectangle {
                    id: viewTab
                    required property var modelData
                    // Settings open over the markets.
                    readonly property bool current: Workspace.view === modelData.view
                        || (modelData.view === Workspace.Markets && Workspace.view === Workspace.Settings)
                    objectName: "viewTab_" + modelData.name
                    width: tabText.implicitWidth + 20
                    height: 24
                    radius: 3
                    color: viewTab.current ? Theme.selection : "transparent"
                    border.color: viewTab.current ? Theme.accent : Theme.border
                    Text {
                        id: tabText
                        anchors.centerIn: parent
                        text: viewTab.modelData.label
                        color: viewTab.current ? Theme.text : Theme.textDim
                        font.pixelSize: Theme.fontSize
                        font.bold: viewTab.current
                    }
                    MouseArea {
                        anchors.fill: parent
                        onClicked: Workspace.setView(viewTab.modelData.view)
                    }
                }
            }
        }
        Text {
            visible: Workspace.view !== Workspace.Nfl
            text: Workspace.selectedName
            color: Theme.text
            font.pixelSize: 16
            font.bold: true
        }
        Text {
            visible: Workspace.view !== Workspace.Nfl
            anchors.verticalCenter: parent.verticalCenter
            text: Workspace.orderBook.mid !== "" ? qsTr("Mid %1").arg(Workspace.orderBook.mid) : ""
            color: Theme.text
            font.family: Theme.monoFamily
            font.pixelSize: Theme.fontSize
        }
        Text {
            visible: Workspace.view !== Workspace.Nfl
            anchors.verticalCenter: parent.verticalCenter
            text: Workspace.orderBook.bestBid !== "" ? qsTr("Bid %1").arg(Workspace.orderBook.bestBid) : ""
            color: Theme.bid
            font.family: Theme.monoFamily
            font.pixelSize: Theme.fontSize
        }
        Text {
            visible: Workspace.view !== Workspace.Nfl
            anchors.verticalCenter: parent.verticalCenter
            text: Workspace.orderBook.bestAsk !== "" ? qsTr("Ask %1").arg(Workspace.orderBook.bestAsk) : ""
            color: Theme.ask
            font.family: Theme.monoFamily
            font.pixelSize: Theme.fontSize
        }
    }

    Button {
        id: settingsButton
        objectName: "settingsButton"
        anchors { right: parent.right; rightMargin: 10; verticalCenter: parent.verticalCenter }
        height: 26
        text: qsTr("Settings")
        font.pixelSize: Theme.smallFontSize
        onClicked: root.settingsRequested()
    }

    Button {
        id: recordButton
        objectName: "recordButton"
        anchors { right: openRecordingButton.left; rightMargin: 8; verticalCenter: parent.verticalCenter }
        height: 26
        visible: Workspace.recording.available
        text: Workspace.recording.active ? qsTr("Stop recording") : qsTr("● REC")
        font.pixelSize: Theme.smallFontSize
        palette.buttonText: Workspace.recording.active ? Theme.text : Theme.ask
        onClicked: Workspace.recording.active ? Workspace.recording.stop() : Workspace.recording.start()

        HoverHandler {
            id: recordHover
        }
        ToolTip.visible: recordHover.hovered
        ToolTip.text: Workspace.recording.active ? qsTr("Recording into %1").arg(Workspace.recording.folder)
                                                 : qsTr("Record every venue's feed into %1").arg(Workspace.recording.folder)
    }

    Button {
        id: openRecordingButton
        objectName: "openRecordingButton"
        anchors { right: settingsButton.left; rightMargin: 8; verticalCenter: parent.verticalCenter }
        height: 26
        text: qsTr("Open recording…")
        font.pixelSize: Theme.smallFontSize
        onClicked: root.openRecordingRequested()
    }

    Rectangle {
        anchors { right: recordButton.visible ? recordButton.left : openRecordingButton.left; rightMargin: 10
                  verticalCenter: parent.verticalCenter }
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
