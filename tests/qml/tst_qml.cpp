// Quick Test runner for the panels. Qt Charts needs a QApplication, which Quick Test's own main
// would not create, so this main makes one and hands over.
#include "QmlFixture.h"

#include <QtQml/QQmlExtensionPlugin>
#include <QtQuickControls2/QQuickStyle>
#include <QtQuickTest/quicktest.h>
#include <QtWidgets/QApplication>

Q_IMPORT_QML_PLUGIN(TapescopePlugin)
Q_IMPORT_QML_PLUGIN(Tapescope_ModelsPlugin)
Q_IMPORT_QML_PLUGIN(Tapescope_SettingsPlugin)

int main(int argc, char **argv)
{
    QApplication app(argc, argv);
    QQuickStyle::setStyle(QStringLiteral("Basic"));
    QmlFixture fixture;
    return quick_test_main_with_setup(argc, argv, "tst_qml", QUICK_TEST_SOURCE_DIR, &fixture);
}
