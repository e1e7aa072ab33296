import QtQuick
import QtCharts
import Tapescope
import Tapescope.Models

// Candles with volume for the selected instrument. All Qt Charts code lives in this file.
// Volume is a second candlestick series on a hidden right axis (open/close = 0 and the volume,
// so rising bars are green and falling red); sharing the time axis keeps each volume bar exactly
// under its candle, which a category-indexed BarSeries cannot do on a date axis.
Panel {
    id: root

    property CandleModel candles: Workspace.candles
    readonly property alias chart: chartView
    readonly property alias priceSeries: priceSeries
    readonly property real priceSpan: Math.max(root.candles.maxPrice - root.candles.minPrice,
                                               Math.abs(root.candles.maxPrice) * 0.001, 1e-9)

    title: Workspace.selectedName !== "" ? qsTr("Chart · %1").arg(Workspace.selectedName) : qsTr("Chart")

    tools: Repeater {
        model: Workspace.intervals
        delegate: Rectangle {
            id: intervalButton
            required property string modelData
            readonly property bool current: modelData === Workspace.interval
            objectName: "interval_" + modelData
            width: 34
            height: 20
            radius: 3
            color: intervalButton.current ? Theme.selection : "transparent"
            border.color: intervalButton.current ? Theme.accent : Theme.border
            Text {
                anchors.centerIn: parent
                text: intervalButton.modelData
                color: intervalButton.current ? Theme.text : Theme.textDim
                font.pixelSize: Theme.smallFontSize
            }
            MouseArea {
                anchors.fill: parent
                onClicked: Workspace.setInterval(intervalButton.modelData)
            }
        }
    }

    ChartView {
        id: chartView
        anchors.fill: parent
        antialiasing: false
        legend.visible: false
        backgroundColor: Theme.panel
        plotAreaColor: Theme.panel
        backgroundRoundness: 0
        margins { top: 6; bottom: 2; left: 4; right: 4 }
        // Axis labels in the UI's locale: Qt Charts then writes labelFormat's number and the date axis' format
        // with this QLocale (decimal comma, month names) instead of printf and the C locale.
        localizeNumbers: true
        // Qt 6.4's QtCharts qmltypes leave ChartView's QLocale property untyped.
        locale: Qt.locale(Workspace.localeName) // qmllint disable type
        // Qt Charts sizes a candle by the number of candles, not by time: a few bars would be drawn as wide
        // slabs. One bar's share of the time axis caps it.
        readonly property real barPixels: Math.max(1, chartView.plotArea.width * timeAxis.barMs
                                                      / (timeAxis.span + timeAxis.barMs * 1.5) * 0.7)

        DateTimeAxis {
            id: timeAxis
            // At least 60 bars wide, newest on the right, so a series that has only begun is drawn at the
            // width it will keep; half a bar of room on each side so no candle is cut in half.
            readonly property real barMs: ({ "1m": 60000, "5m": 300000, "15m": 900000, "1h": 3600000,
                                             "4h": 14400000, "1d": 86400000 })[Workspace.interval] || 60000
            readonly property real span: Math.max(root.candles.maxTime - root.candles.minTime, timeAxis.barMs * 59)
            min: new Date(root.candles.maxTime - timeAxis.span - timeAxis.barMs * 0.75)
            max: new Date(root.candles.maxTime + timeAxis.barMs * 0.75)
            format: Workspace.interval === "1d" ? "MMM dd" : (Workspace.interval === "4h" ? "dd HH:mm" : "HH:mm")
            tickCount: 7
            labelsVisible: root.candles.count > 0 // no candles: no times of 1970 under an empty chart
            labelsColor: Theme.textDim
            labelsFont.pixelSize: Theme.smallFontSize
            gridLineColor: Theme.border
            color: Theme.border
        }
        // Qt 6.4's QtCharts plugins.qmltypes has no ValueAxis, so qmllint can neither resolve it nor check its properties.
        // qmllint disable import type property unqualified
        ValueAxis {
            id: priceAxis
            // The bottom quarter is left to the volume bars.
            min: root.candles.minPrice - root.priceSpan * 0.4
            max: root.candles.maxPrice + root.priceSpan * 0.05
            tickType: ValueAxis.TicksDynamic
            tickAnchor: 0
            tickInterval: root.candles.priceStep
            labelFormat: "%." + root.candles.priceStepDecimals + "f"
            labelsVisible: root.candles.count > 0
            labelsColor: Theme.textDim
            labelsFont.pixelSize: Theme.smallFontSize
            labelsFont.family: Theme.monoFamily
            gridLineColor: Theme.border
            color: Theme.border
        }
        ValueAxis {
            id: volumeAxis
            visible: false
            min: 0
            // In quarter steps of its order of magnitude: the newest bar's volume grows with every trade, and an
            // axis that moved with it would have Qt Charts lay out and repaint the whole chart each time.
            max: {
                const top = Math.max(root.candles.maxVolume * 5, 1e-9)
                const magnitude = Math.pow(10, Math.floor(Math.log10(top)))
                return Math.ceil(top / magnitude * 4) / 4 * magnitude
            }
        }
        // qmllint enable import type property unqualified

        CandlestickSeries {
            id: volumeSeries
            name: qsTr("Volume")
            axisX: timeAxis
            // A ValueAxis: qmllint 6.4 does not know it is a QAbstractAxis (see the axes above).
            axisYRight: volumeAxis // qmllint disable type
            // Blended with the panel in advance: an opaque fill is a plain memory fill for the rasterizer.
            increasingColor: Qt.tint(Theme.panel, Qt.rgba(Theme.bid.r, Theme.bid.g, Theme.bid.b, 0.45))
            decreasingColor: Qt.tint(Theme.panel, Qt.rgba(Theme.ask.r, Theme.ask.g, Theme.ask.b, 0.45))
            bodyOutlineVisible: false
            capsVisible: false
            bodyWidth: 0.7
            maximumColumnWidth: chartView.barPixels

            HCandlestickModelMapper {
                model: root.candles
                series: volumeSeries
                timestampColumn: CandleModel.TimestampColumn
                openColumn: CandleModel.DownVolumeColumn
                highColumn: CandleModel.VolumeColumn
                lowColumn: CandleModel.BaselineColumn
                closeColumn: CandleModel.UpVolumeColumn
                firstSetRow: 0
                lastSetRow: Math.max(0, root.candles.count - 1)
            }
        }
        CandlestickSeries {
            id: priceSeries
            name: qsTr("Price")
            axisX: timeAxis
            // A ValueAxis: qmllint 6.4 does not know it is a QAbstractAxis (see the axes above).
            axisY: priceAxis // qmllint disable type
            increasingColor: Theme.bid
            decreasingColor: Theme.ask
            bodyOutlineVisible: false
            capsVisible: false
            bodyWidth: 0.7
            maximumColumnWidth: chartView.barPixels

            HCandlestickModelMapper {
                model: root.candles
                series: priceSeries
                timestampColumn: CandleModel.TimestampColumn
                openColumn: CandleModel.OpenColumn
                highColumn: CandleModel.HighColumn
                lowColumn: CandleModel.LowColumn
                closeColumn: CandleModel.CloseColumn
                firstSetRow: 0
                lastSetRow: Math.max(0, root.candles.count - 1)
            }
        }
    }

    ChartAccountMarks {
        chart: chartView
        timeAxis: timeAxis
        // Qt 6.4's qmllint does not know a ValueAxis is an axis (see the axes above).
        priceAxis: priceAxis // qmllint disable type
    }

    Text {
        anchors.centerIn: parent
        visible: root.candles.count === 0
        // A replay asks no venue for history: what the recording has is all there is.
        text: Workspace.replay.active ? qsTr("No candles in this recording") : qsTr("Loading candles…")
        color: Theme.textDim
        font.pixelSize: Theme.fontSize
    }
}
