pragma Singleton
import QtQuick
import Tapescope.Models
import Tapescope.Settings

// Colours, fonts and sizes shared by every panel. Dark by default: traders stare at it all day. The light
// theme keeps the same meanings (green bids, red asks) with darker inks that read on white.
QtObject {
    readonly property bool dark: SettingsController.theme !== "light"

    readonly property color background: dark ? "#0d1014" : "#eef1f5"
    readonly property color panel: dark ? "#141920" : "#ffffff"
    readonly property color panelHeader: dark ? "#1a2029" : "#e4e8ee"
    readonly property color border: dark ? "#262d38" : "#c9d0da"
    readonly property color rowAlternate: dark ? "#171d25" : "#f5f7fa"
    readonly property color selection: dark ? "#23344a" : "#d4e4f7"
    readonly property color text: dark ? "#d8dee6" : "#1b222c"
    readonly property color textDim: dark ? "#7e8896" : "#5d6877"
    readonly property color accent: dark ? "#4c9ffe" : "#1d6fd6"

    readonly property color bid: dark ? "#2ebd85" : "#118a5a"
    readonly property color ask: dark ? "#f6465d" : "#d1283f"
    readonly property color bidHeat: dark ? "#17402f" : "#cdeedd"
    readonly property color askHeat: dark ? "#4d1f27" : "#f8d3d8"
    // A print's row tint on the tape, blended in advance: opaque fills are the cheap ones to repaint.
    readonly property color bidTint: Qt.tint(panel, Qt.rgba(bid.r, bid.g, bid.b, 0.06))
    readonly property color askTint: Qt.tint(panel, Qt.rgba(ask.r, ask.g, ask.b, 0.06))
    readonly property color warning: dark ? "#f0b90b" : "#a86f00"
    readonly property color neutral: dark ? "#5c6573" : "#8a94a3"
    // A recording being played: never the green of a live feed.
    readonly property color replay: dark ? "#b18cff" : "#6d3fd1"

    // Monospace keeps digits in fixed columns, so prices line up on the decimal point.
    readonly property string monoFamily: "DejaVu Sans Mono"
    readonly property int fontSize: 12
    readonly property int smallFontSize: 11
    readonly property int headerHeight: 30
    readonly property real dimmedOpacity: 0.35

    function stateColor(state: int): color {
        if (state === FeedState.Live)
            return bid
        if (state === FeedState.Down || state === FeedState.Disconnected)
            return ask
        return warning
    }
}
