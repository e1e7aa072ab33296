import QtQuick

// The rows of an AccountTable; its rows read the columns from here (ListView.view).
ListView {
    property var columns: []

    clip: true
    boundsBehavior: Flickable.StopAtBounds
    reuseItems: true
    delegate: AccountTableRow {
        width: ListView.view.width
        columns: (ListView.view as AccountRows).columns
    }
}
