import QtQuick
import Tapescope

// One column's title over a panel's rows (a child of the panel's title Row): dim, small, right-aligned like the
// numbers under it unless told otherwise.
Text {
    height: parent ? parent.height : 0
    verticalAlignment: Text.AlignVCenter
    horizontalAlignment: Text.AlignRight
    color: Theme.textDim
    font.pixelSize: Theme.smallFontSize
}
