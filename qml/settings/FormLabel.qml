import QtQuick
import Tapescope

// A field's name in the settings forms.
Text {
    width: 150
    height: 28
    verticalAlignment: Text.AlignVCenter
    color: Theme.textDim
    font.pixelSize: Theme.fontSize
}
