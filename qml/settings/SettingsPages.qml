import QtQuick
import Tapescope.Settings

// The settings pages, one visible at a time (QtQuick.Layouts is not otherwise needed).
Item {
    id: root

    property int currentIndex: 0
    readonly property int count: venuePages.count + 1

    function itemAt(i) {
        return i < venuePages.count ? venuePages.itemAt(i) : displayPage
    }

    Repeater {
        id: venuePages
        model: SettingsController.venues
        delegate: VenuePage {
            required property var modelData
            required property int index
            objectName: "venuePage_" + modelData.venue
            venue: modelData
            anchors.fill: parent
            // Qt 6.4's qmllint lets a delegate name no id outside it (6.5's ComponentBehavior lifts that); root is this
            // file's root, the page's parent.
            visible: index === root.currentIndex // qmllint disable unqualified
        }
    }
    DisplayPage {
        id: displayPage
        objectName: "displayPage"
        width: root.width
        height: root.height
        visible: root.currentIndex === venuePages.count
    }
}
