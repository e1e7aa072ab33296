import QtQuick
import QtQuick.Controls
import Tapescope
import Tapescope.Settings

// Theme, how often panels repaint, and the language. Applied at once.
Item {
    id: root

    property var issues: []
    property string result: ""
    readonly property alias themeBox: themeBox
    readonly property alias rateField: rateField
    readonly property alias languageBox: languageBox

    function reload() {
        const saved = SettingsController.displaySettings()
        themeBox.currentIndex = saved.theme === "light" ? 1 : 0
        rateField.text = saved.updateRate
        languageBox.currentIndex = Math.max(0, SettingsController.languages.findIndex(l => l.code === saved.language))
        root.issues = []
        root.result = ""
    }
    function apply() {
        root.result = ""
        root.issues = SettingsController.applyDisplay({
            theme: themeBox.currentIndex === 1 ? "light" : "dark",
            updateRate: rateField.text,
            language: SettingsController.languages[languageBox.currentIndex].code
        })
        if (root.issues.length === 0)
            root.result = qsTr("Saved and applied.")
    }

    Component.onCompleted: root.reload()

    Column {
        id: form
        x: 16
        y: 12
        width: parent.width - 32
        spacing: 8

        Row {
            FormLabel { text: qsTr("Theme") }
            ComboBox {
                id: themeBox
                objectName: "themeBox"
                width: 200
                model: [qsTr("Dark"), qsTr("Light")]
            }
        }
        Row {
            FormLabel { text: qsTr("Updates per second") }
            TextField {
                id: rateField
                objectName: "rateField"
                width: 120
                inputMethodHints: Qt.ImhDigitsOnly
            }
            Text {
                height: 28
                leftPadding: 8
                verticalAlignment: Text.AlignVCenter
                text: qsTr("1–240; lower saves CPU")
                color: Theme.textDim
                font.pixelSize: Theme.smallFontSize
            }
        }
        Row {
            FormLabel { text: qsTr("Language") }
            ComboBox {
                id: languageBox
                objectName: "languageBox"
                width: 200
                textRole: "name"
                model: SettingsController.languages
            }
        }
        Button {
            objectName: "applyDisplayButton"
            text: qsTr("Apply")
            highlighted: true
            onClicked: root.apply()
        }
        IssueList {
            width: form.width
            issues: root.issues
            result: root.result
        }
    }
}
