pragma Singleton
import QtQuick

// Colours, fonts and sizes shared by every panel. Dark by default: traders stare at it all day.
QtObject {
    readonly property color background: "#0d1014"
    readonly property color panel: "#141920"
    readonly property color panelHeader: "#1a2029"
    readonly property color border: "#262d38"
    readonly property color rowAlternate: "#171d25"
    readonly property color selection: "#23344a"
    readonly property color text: "#d8dee6"
    readonly property color textDim: "#7e8896"
    readonly property color accent: "#4c9ffe"

    readonly property color bid: "#2ebd85"
    readonly property color ask: "#f6465d"
    readonly property color bidHeat: "#17402f"
    readonly property color askHeat: "#4d1f27"
    readonly property color warning: "#f0b90b"
    readonly property color neutral: "#5c6573"

    // Monospace keeps digits in fixed columns, so prices line up on the decimal point.
    readonly property string monoFamily: "DejaVu Sans Mono"
    readonly property int fontSize: 12
    readonly property int smallFontSize: 11
    readonly property int headerHeight: 30
    readonly property real dimmedOpacity: 0.35

    function stateColor(state) {
        if (state === "live")
            return bid
        if (state === "down" || state === "disconnected")
            return ask
        return warning
    }
}
