import QtQuick
import QtTest
import Tapescope
import Tapescope.Models

Item {
    id: root
    width: 700
    height: 500

    CandleChartPanel {
        id: chartPanel
        anchors.fill: parent
    }

    TestCase {
        name: "Chart"
        when: windowShown

        function test_1_candlesAppendAndUpdate() {
            fixture.setFeedState("live")
            fixture.addCandle("1m", 0, "100", "105", "99", "104", "10")
            fixture.addCandle("1m", 60000, "104", "106", "101", "102", "5")
            tryCompare(chartPanel.priceSeries, "count", 2)
            compare(Workspace.candles.count, 2)

            // live update of the last bar: no new candle, new close
            fixture.addCandle("1m", 60000, "104", "108", "101", "107", "6")
            // (CandlestickSeries.at() returns null for mapper-made sets, so the values are read
            // from the model the mapper follows.)
            tryCompare(Workspace.candles, "lastClose", "107")
            compare(chartPanel.priceSeries.count, 2)
            compare(Workspace.candles.maxPrice, 108)

            // a new bar appends
            fixture.addCandle("1m", 120000, "107", "109", "106", "108", "3")
            tryCompare(chartPanel.priceSeries, "count", 3)
            compare(Workspace.candles.maxTime, 120000)
            verify(Workspace.candles.maxPrice >= 109)
        }

        function test_2_intervalSwitchShowsThatSeries() {
            Workspace.setInterval("5m")
            compare(Workspace.interval, "5m")
            tryCompare(chartPanel.priceSeries, "count", 0)
            fixture.addCandle("5m", 0, "1", "2", "0.5", "1.5", "1")
            tryCompare(chartPanel.priceSeries, "count", 1)
            Workspace.setInterval("1m")
        }
    }
}
