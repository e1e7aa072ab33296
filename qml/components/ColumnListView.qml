import QtQuick

// The list of rows under a panel's column titles. A row is a delegate, and Qt 6.4's qmllint lets a delegate name no
// id outside it, so the row reads the panel's layout from its view: (ListView.view as ColumnListView).columnWidths.
ListView {
    // Each column's share of a row's width, left to right.
    property var columnWidths: []
    // Tapes over several instruments (an NFL game's two markets) name each print's instrument first (TradeRow).
    property bool showInstrument: false
}
