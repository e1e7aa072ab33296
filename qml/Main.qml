import QtQuick
import QtQuick.Controls
import QtQuick.Dialogs
import Tapescope
import Tapescope.Models

// The main window. Markets: watchlist and tape on the left, the chart over the Account panel in the middle, the
// ladder on the right.
// NFL: Kalshi's games with win probabilities. Settings open as a dialog over either.
ApplicationWindow {
    id: root

    width: 1400
    height: 860
    visible: true
    title: Workspace.selectedName !== "" ? qsTr("Tapescope · %1").arg(Workspace.selectedName) : qsTr("Tapescope")
    color: Theme.background

    palette.window: Theme.panel
    palette.windowText: Theme.text
    palette.base: Theme.background
    palette.text: Theme.text
    palette.button: Theme.panelHeader
    palette.buttonText: Theme.text
    palette.highlight: Theme.selection
    palette.highlightedText: Theme.text
    palette.mid: Theme.border
    palette.dark: Theme.border
    palette.light: Theme.panelHeader
    palette.placeholderText: Theme.textDim

    header: HeaderBar {
        onSettingsRequested: settingsDialog.open()
        onOpenRecordingRequested: recordingDialog.open()
    }
    footer: Column {
        TransportBar {
            objectName: "transportBar"
            width: parent.width
            visible: Workspace.replay.active
        }
        StatusBar {
            width: parent.width
        }
    }

    FileDialog {
        id: recordingDialog
        title: qsTr("Open recording")
        nameFilters: [qsTr("Tapescope recordings (*.tape)"), qsTr("All files (*)")]
        onAccepted: Workspace.replay.open(recordingDialog.selectedFile)
    }

    Dialog {
        objectName: "replayErrorDialog"
        anchors.centerIn: parent
        width: Math.min(520, root.width - 40)
        modal: true
        title: qsTr("Cannot play this recording")
        visible: Workspace.replay.openError !== ""
        standardButtons: Dialog.Ok
        onClosed: Workspace.replay.openError = ""

        Label {
            width: parent.width
            text: Workspace.replay.openError
            wrapMode: Text.Wrap
        }
    }

    Component.onCompleted: {
        if (Workspace.view === Workspace.Settings)
            settingsDialog.open()
    }

    SettingsDialog {
        id: settingsDialog
        objectName: "settingsDialog"
        // --view settings opens on Kalshi, the venue with the most to set up.
        startPage: Workspace.view === Workspace.Settings ? 1 : 0
    }

    NflView {
        objectName: "nflView"
        anchors { fill: parent; margins: 6 }
        visible: Workspace.view === Workspace.Nfl
    }

    Item {
        objectName: "marketsView"
        anchors { fill: parent; margins: 6 }
        visible: Workspace.view !== Workspace.Nfl

        WatchlistPanel {
            id: watchlistPanel
            anchors { left: parent.left; top: parent.top }
            width: 340
            height: Math.round(parent.height * 0.42)
        }
        TradeTapePanel {
            anchors { left: parent.left; top: watchlistPanel.bottom; topMargin: 6; bottom: parent.bottom }
            width: watchlistPanel.width
            tradesExpected: Workspace.selectedHasTrades
        }
        CandleChartPanel {
            anchors { left: watchlistPanel.right; leftMargin: 6; right: ladderPanel.left; rightMargin: 6
                      top: parent.top; bottom: accountPanel.top; bottomMargin: 6 }
        }
        AccountPanel {
            id: accountPanel
            objectName: "accountPanel"
            anchors { left: watchlistPanel.right; leftMargin: 6; right: ladderPanel.left; rightMargin: 6
                      bottom: parent.bottom }
            height: Math.round(parent.height * 0.42)
        }
        LadderPanel {
            id: ladderPanel
            anchors { right: parent.right; top: parent.top; bottom: parent.bottom }
            width: 380
            bookExpected: Workspace.selectedHasBook
        }
    }
}
