import QtQuick
import QtQuick.Controls
import Tapescope
import Tapescope.Settings

// Settings: one tab per venue and one for the display. Every page validates in C++ and applies without
// a restart; only the venue whose settings changed reconnects.
Dialog {
    id: root

    readonly property alias tabs: tabBar
    readonly property alias pages: pages
    property int startPage: 0 // the tab shown when the dialog opens

    title: qsTr("Settings")
    modal: true
    width: Math.min(760, parent ? parent.width - 40 : 760)
    height: Math.min(640, parent ? parent.height - 40 : 640)
    anchors.centerIn: parent
    standardButtons: Dialog.Close
    padding: 0

    background: Rectangle {
        color: Theme.panel
        border.color: Theme.border
        radius: 4
    }
    header: Rectangle {
        height: startProblem.visible ? 40 + startProblem.height + 10 : 40
        color: Theme.panelHeader
        Text {
            anchors { left: parent.left; leftMargin: 16; top: parent.top; topMargin: 11 }
            text: root.title
            color: Theme.text
            font.pixelSize: 15
            font.bold: true
        }
        // No configured venue could start: why, where the user can fix it.
        Text {
            id: startProblem
            objectName: "startProblem"
            anchors { left: parent.left; right: parent.right; leftMargin: 16; rightMargin: 16; top: parent.top; topMargin: 40 }
            visible: SettingsController.startProblem !== ""
            text: qsTr("Tapescope could not connect to any venue: %1").arg(SettingsController.startProblem)
            color: Theme.ask
            wrapMode: Text.Wrap
            font.pixelSize: Theme.smallFontSize
        }
    }

    onAboutToShow: tabBar.setCurrentIndex(root.startPage)
    onOpened: {
        for (let i = 0; i < pages.count; ++i)
            pages.itemAt(i).reload(true)
    }

    Column {
        anchors.fill: parent

        TabBar {
            id: tabBar
            width: parent.width
            Repeater {
                model: SettingsController.venues
                delegate: TabButton {
                    required property var modelData
                    text: modelData.title
                    width: implicitWidth + 16
                }
            }
            TabButton {
                text: qsTr("Display")
                width: implicitWidth + 16
            }
        }

        SettingsPages {
            id: pages
            width: parent.width
            height: parent.height - tabBar.height
            currentIndex: tabBar.currentIndex
        }
    }
}
