import QtQuick
import Tapescope

// What the last Apply or Test connection said: refusals in red (each says what to fix), success in green.
Column {
    id: root

    property var issues: []        // [{field, message}]
    property string result: ""     // a test's or save's outcome
    property bool resultOk: true

    spacing: 4

    Repeater {
        model: root.issues
        delegate: Text {
            required property var modelData
            // Qt 6.4's qmllint lets a delegate name no id outside it (6.5's ComponentBehavior lifts that); root is this
            // file's root Column.
            width: root.width // qmllint disable unqualified
            wrapMode: Text.WordWrap
            text: "✕ " + modelData.message
            color: Theme.ask
            font.pixelSize: Theme.fontSize
        }
    }
    Text {
        objectName: "resultText"
        visible: root.result !== ""
        width: root.width
        wrapMode: Text.WordWrap
        text: (root.resultOk ? "✓ " : "✕ ") + root.result
        color: root.resultOk ? Theme.bid : Theme.ask
        font.pixelSize: Theme.fontSize
    }
}
