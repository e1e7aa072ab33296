import QtQuick
import QtCharts
import Tapescope
import Tapescope.Models

// The trader's marks on the chart of the selected instrument: the position's entry price as a dashed line and
// the fills as dots (buys green, sells red). Its series are made in `chart` once, on the chart's axes.
QtObject {
    id: marks

    required property ChartView chart
    required property DateTimeAxis timeAxis
    required property AbstractAxis priceAxis
    property LineSeries entryLine: null
    property ScatterSeries buyFills: null
    property ScatterSeries sellFills: null

    function fillSeries(name, color) {
        const series = marks.chart.createSeries(ChartView.SeriesTypeScatter, name, marks.timeAxis, marks.priceAxis) as ScatterSeries
        series.color = color
        series.borderColor = Theme.text
        series.markerSize = 7
        return series
    }
    function update() {
        if (!marks.entryLine) {
            marks.entryLine = marks.chart.createSeries(ChartView.SeriesTypeLine, "entry", marks.timeAxis, marks.priceAxis) as LineSeries
            marks.entryLine.color = Theme.warning
            marks.entryLine.style = Qt.DashLine
            marks.entryLine.width = 1
            marks.buyFills = marks.fillSeries("buy fills", Theme.bid)
            marks.sellFills = marks.fillSeries("sell fills", Theme.ask)
        }
        marks.entryLine.clear()
        if (Workspace.selectedHasEntry) {
            marks.entryLine.append(marks.timeAxis.min.getTime(), Workspace.selectedEntryPrice)
            marks.entryLine.append(marks.timeAxis.max.getTime(), Workspace.selectedEntryPrice)
        }
        marks.buyFills.clear()
        marks.sellFills.clear()
        const fills = Workspace.selectedFills
        for (let i = 0; i < fills.length; ++i)
            (fills[i].isBuy ? marks.buyFills : marks.sellFills).append(fills[i].time, fills[i].price)
    }

    Component.onCompleted: marks.update()

    property Connections workspaceChanges: Connections {
        target: Workspace
        function onOwnMarksChanged() { marks.update() }
    }
    property Connections axisChanges: Connections {
        target: marks.timeAxis
        function onMaxChanged() { marks.update() }
    }
}
