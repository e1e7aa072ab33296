import QtQuick
import QtCharts
import Tapescope
import Tapescope.Models

// The selected game's win probability over time, one line per team. All NFL Qt Charts code is in this file.
Panel {
    id: root

    readonly property NflBoard board: Workspace.nfl
    readonly property ProbabilityHistoryModel history: board.history
    readonly property alias awaySeries: awayLine
    readonly property alias homeSeries: homeLine

    title: root.board.selectedGame !== ""
           ? qsTr("Win probability · %1 at %2").arg(root.board.selectedAway).arg(root.board.selectedHome)
           : qsTr("Win probability")
    live: root.board.feedLive
    feedState: root.board.feedState
    feedStateLabel: root.board.feedStateLabel

    ChartView {
        id: chartView
        anchors.fill: parent
        antialiasing: true
        legend.visible: true
        legend.alignment: Qt.AlignTop
        legend.labelColor: Theme.text
        backgroundColor: Theme.panel
        plotAreaColor: Theme.panel
        backgroundRoundness: 0
        margins { top: 2; bottom: 2; left: 4; right: 4 }

        DateTimeAxis {
            id: timeAxis
            // A minute of room when there is a single point, so it is not drawn on the axis.
            min: new Date(root.history.count > 1 ? root.history.minTime : root.history.maxTime - 60000)
            max: new Date(root.history.count > 1 ? root.history.maxTime : root.history.maxTime + 60000)
            format: "HH:mm:ss"
            tickCount: 6
            labelsColor: Theme.textDim
            labelsFont.pixelSize: Theme.smallFontSize
            gridLineColor: Theme.border
            color: Theme.border
        }
        // Qt 6.4's QtCharts plugins.qmltypes has no ValueAxis, so qmllint can neither resolve it nor check its properties.
        // qmllint disable import type property unqualified
        ValueAxis {
            id: probabilityAxis
            min: 0
            max: 100
            tickCount: 5
            labelFormat: "%.0f%%"
            labelsColor: Theme.textDim
            labelsFont.pixelSize: Theme.smallFontSize
            labelsFont.family: Theme.monoFamily
            gridLineColor: Theme.border
            color: Theme.border
        }
        // qmllint enable import type property unqualified

        LineSeries {
            id: awayLine
            name: root.board.selectedAway
            axisX: timeAxis
            // A ValueAxis: qmllint 6.4 does not know it is a QAbstractAxis (see the axes above).
            axisY: probabilityAxis // qmllint disable type
            color: Theme.accent
            width: 2
            VXYModelMapper {
                model: root.history
                series: awayLine
                xColumn: ProbabilityHistoryModel.TimeColumn
                yColumn: ProbabilityHistoryModel.AwayColumn
            }
        }
        LineSeries {
            id: homeLine
            name: root.board.selectedHome
            axisX: timeAxis
            // A ValueAxis: qmllint 6.4 does not know it is a QAbstractAxis (see the axes above).
            axisY: probabilityAxis // qmllint disable type
            color: Theme.warning
            width: 2
            VXYModelMapper {
                model: root.history
                series: homeLine
                xColumn: ProbabilityHistoryModel.TimeColumn
                yColumn: ProbabilityHistoryModel.HomeColumn
            }
        }
    }

    Text {
        anchors.centerIn: parent
        visible: root.history.count === 0
        text: root.board.selectedGame !== "" ? qsTr("Waiting for prices…") : qsTr("Select a game")
        color: Theme.textDim
        font.pixelSize: Theme.fontSize
    }
}
