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
        height: 40
        color: Theme.panelHeader
        Text {
            anchors { left: parent.left; leftMargin: 16; verticalCenter: parent.verticalCenter }
            text: root.title
            color: Theme.text
            font.pixelSize: 15
            font.bold: true
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
