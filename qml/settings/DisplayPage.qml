import QtQuick
import QtQuick.Controls
import Tapescope
import Tapescope.Settings

// Theme, how often panels repaint, the language, the sessions folder (where REC writes) and the limits that stop a
// recording (0: none). Applied at once; the limits apply from the next REC.
Item {
    id: root

    property var issues: []
    property string result: ""
    // The choices as last loaded or applied. Applying a language writes the boxes' lists again in it (a new model
    // puts a ComboBox back on its first entry); these put the choices back.
    property int chosenTheme: 0
    property string chosenLanguage: ""
    readonly property alias themeBox: themeBox
    readonly property alias rateField: rateField
    readonly property alias languageBox: languageBox
    readonly property alias folderField: folderField
    readonly property alias limitMbField: limitMbField
    readonly property alias limitMinutesField: limitMinutesField

    function reload() {
        const saved = SettingsController.displaySettings()
        root.chosenTheme = saved.theme === "light" ? 1 : 0 // qmllint disable type
        root.chosenLanguage = saved.language
        themeBox.currentIndex = root.chosenTheme
        rateField.text = saved.updateRate
        folderField.text = saved.recordingFolder // qmllint disable type
        folderField.placeholderText = saved.defaultRecordingFolder // qmllint disable type
        limitMbField.text = saved.recordingLimitMb // qmllint disable type
        limitMinutesField.text = saved.recordingLimitMinutes // qmllint disable type
        languageBox.currentIndex = root.languageIndex()
        root.issues = []
        root.result = ""
    }
    function languageIndex() {
        const languages = SettingsController.languages
        for (let i = 0; i < languages.length; ++i) {
            if (languages[i].code === root.chosenLanguage)
                return i
        }
        return 0
    }
    function apply() {
        root.result = ""
        root.chosenTheme = themeBox.currentIndex
        root.chosenLanguage = SettingsController.languages[languageBox.currentIndex].code
        root.issues = SettingsController.applyDisplay({
            theme: root.chosenTheme === 1 ? "light" : "dark",
            updateRate: rateField.text,
            language: root.chosenLanguage,
            recordingFolder: folderField.text,
            recordingLimitMb: limitMbField.text,
            recordingLimitMinutes: limitMinutesField.text
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
                onModelChanged: themeBox.currentIndex = root.chosenTheme
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
                onModelChanged: languageBox.currentIndex = root.languageIndex()
            }
        }
        Row {
            FormLabel { text: qsTr("Sessions folder") }
            TextField {
                id: folderField
                objectName: "recordingFolderField"
                width: Math.min(420, form.width - 180)
                selectByMouse: true
            }
        }
        Text {
            width: form.width
            leftPadding: 160
            text: qsTr("Where REC writes recordings (one file per venue). Empty: the folder shown.")
            wrapMode: Text.Wrap
            color: Theme.textDim
            font.pixelSize: Theme.smallFontSize
        }
        // A venue's file stops at either limit: closed, complete; the live feed goes on. 0: no limit.
        Row {
            FormLabel { text: qsTr("Size limit") }
            TextField {
                id: limitMbField
                objectName: "recordingLimitMbField"
                width: 120
                inputMethodHints: Qt.ImhDigitsOnly
                selectByMouse: true
            }
            Text {
                height: 28
                leftPadding: 8
                verticalAlignment: Text.AlignVCenter
                text: qsTr("MB per venue file: REC stops there. 0: no limit")
                color: Theme.textDim
                font.pixelSize: Theme.smallFontSize
            }
        }
        Row {
            FormLabel { text: qsTr("Time limit") }
            TextField {
                id: limitMinutesField
                objectName: "recordingLimitMinutesField"
                width: 120
                inputMethodHints: Qt.ImhDigitsOnly
                selectByMouse: true
            }
            Text {
                height: 28
                leftPadding: 8
                verticalAlignment: Text.AlignVCenter
                text: qsTr("minutes: REC stops after them. 0: no limit")
                color: Theme.textDim
                font.pixelSize: Theme.smallFontSize
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
