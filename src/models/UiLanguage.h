#pragma once

#include <QtCore/QObject>

class QAbstractItemModel;

namespace tapescope {

// Tells the models that the UI language or the locale changed (Translations::use announces it), so the texts they
// made with tr() and the numbers and dates they wrote with the default QLocale are made again, live: each model
// connects to `changed` and emits dataChanged, headerDataChanged or its properties' NOTIFY signals. QML's own
// qsTr() bindings follow QQmlEngine::retranslate().
class UiLanguage : public QObject
{
    Q_OBJECT

public:
    static UiLanguage *instance();

    // Emits `changed`; call after the translators and QLocale::setDefault are in place.
    void announceChange();

Q_SIGNALS:
    void changed();

private:
    UiLanguage() = default;
};

// Has every cell of `model` (and its horizontal header) read again when the language changes: for models whose
// data() writes its texts and numbers when asked.
void refreshOnLanguageChange(QAbstractItemModel *model);

} // namespace tapescope
