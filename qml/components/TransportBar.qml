import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Tapescope
import Tapescope.Models

// Under the panels while a recording plays: play/pause, speed, the recording's time on a slider (drag to seek),
// the file, and the way back to the live venues.
Rectangle {
    id: root

    readonly property ReplayControl replay: Workspace.replay

    implicitHeight: 36
    color: Theme.panelHeader
    border.color: Theme.replay

    RowLayout {
        anchors { fill: parent; leftMargin: 10; rightMargin: 10 }
        spacing: 10

        Rectangle {
            implicitWidth: replayLabel.implicitWidth + 14
            implicitHeight: 20
            radius: 3
            color: Theme.replay
            Text {
                id: replayLabel
                anchors.centerIn: parent
                text: qsTr("REPLAY")
                color: Theme.background
                font.pixelSize: Theme.smallFontSize
                font.bold: true
            }
        }
        Button {
            objectName: "playPauseButton"
            implicitHeight: 26
            implicitWidth: 70
            enabled: !root.replay.finished
            text: root.replay.playing ? qsTr("Pause") : qsTr("Play")
            font.pixelSize: Theme.smallFontSize
            onClicked: root.replay.playing ? root.replay.pause() : root.replay.play()
        }
        ComboBox {
            id: speedBox
            objectName: "speedBox"
            implicitHeight: 26
            implicitWidth: 76
            font.pixelSize: Theme.smallFontSize
            textRole: "text"
            valueRole: "speed"
            model: [
                { text: qsTr("1×"), speed: 1 },
                { text: qsTr("10×"), speed: 10 },
                { text: qsTr("100×"), speed: 100 },
                { text: qsTr("max"), speed: 0 }
            ]
            currentIndex: root.replay.speed === 1 ? 0 : root.replay.speed === 10 ? 1
                          : root.replay.speed === 100 ? 2 : root.replay.speed === 0 ? 3 : -1
            onActivated: root.replay.setSpeed(currentValue)
        }
        Text {
            objectName: "replayTime"
            text: root.replay.dateTimeText
            color: Theme.replay
            font.family: Theme.monoFamily
            font.pixelSize: Theme.smallFontSize
        }
        Slider {
            id: slider
            objectName: "replaySlider"
            Layout.fillWidth: true
            from: root.replay.startMs
            to: Math.max(root.replay.endMs, root.replay.startMs + 1)
            enabled: root.replay.endMs > root.replay.startMs
            // Follows the recording's time, except while the trader drags it.
            Binding on value {
                value: root.replay.positionMs
                when: !slider.pressed
                restoreMode: Binding.RestoreNone
            }
            onPressedChanged: {
                if (!pressed)
                    root.replay.seek(slider.value)
            }
        }
        Text {
            text: root.replay.endMs > 0 ? qsTr("%1 s").arg(Math.round((root.replay.endMs - root.replay.startMs) / 1000)) : ""
            color: Theme.textDim
            font.family: Theme.monoFamily
            font.pixelSize: Theme.smallFontSize
        }
        Text {
            id: fileText
            Layout.maximumWidth: 260
            text: root.replay.finished ? qsTr("%1 · ended").arg(root.replay.fileName.split("/").pop())
                                       : root.replay.fileName.split("/").pop()
            elide: Text.ElideMiddle
            color: Theme.text
            font.pixelSize: Theme.smallFontSize

            HoverHandler {
                id: fileHover
            }
            ToolTip.visible: fileHover.hovered
            ToolTip.text: root.replay.problem !== "" ? root.replay.fileName + "\n" + root.replay.problem : root.replay.fileName
        }
        Text {
            visible: root.replay.problem !== ""
            text: qsTr("damaged: played what is intact")
            color: Theme.warning
            font.pixelSize: Theme.smallFontSize
        }
        Button {
            objectName: "backToLiveButton"
            implicitHeight: 26
            text: qsTr("Back to live")
            font.pixelSize: Theme.smallFontSize
            onClicked: root.replay.close()
        }
    }
}
