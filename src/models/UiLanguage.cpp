#include "UiLanguage.h"

#include <QtCore/QAbstractItemModel>

#include <algorithm>

namespace tapescope {

UiLanguage *UiLanguage::instance()
{
    // GUI thread only, like the models that listen.
    static UiLanguage language;
    return &language;
}

void UiLanguage::announceChange()
{
    Q_EMIT changed();
}

void refreshOnLanguageChange(QAbstractItemModel *model)
{
    QObject::connect(UiLanguage::instance(), &UiLanguage::changed, model, [model] {
        const int rows = model->rowCount();
        const int columns = std::max(model->columnCount(), 1);
        if (rows > 0)
            Q_EMIT model->dataChanged(model->index(0, 0), model->index(rows - 1, columns - 1));
        Q_EMIT model->headerDataChanged(Qt::Horizontal, 0, columns - 1);
    });
}

} // namespace tapescope
