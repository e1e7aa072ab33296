#pragma once

#include <QtCore/QAbstractItemModel>
#include <QtCore/QHash>
#include <QtCore/QList>
#include <QtCore/QPointer>
#include <QtGui/QColor>
#include <QtGui/QFont>
#include <QtGui/QStaticText>
#include <QtQml/qqmlregistration.h>
#include <QtQuick/QQuickPaintedItem>

namespace tapescope {

// The ladder's rows, painted by one item. The book changes on every display frame; as a ListView of
// rows that meant ~200 Text items re-laid out, re-bound and re-rendered per frame, the biggest single
// cost of the app under load (bench/README.md). Here a frame is one pass over the model's rows drawing
// cached QStaticText: prices and sizes repeat from frame to frame, so almost every cell is a cache hit.
//
// It paints any model with the OrderBookModel roles (price, bidSize, askSize, cumulative, heat,
// isSpreadRow, isBestBid, isBestAsk), found by name. Columns, left to right: bid total, bid size,
// price, ask size, ask total; bid heat grows leftwards from the price column, ask heat rightwards.
class LadderView : public QQuickPaintedItem
{
    Q_OBJECT
    QML_ELEMENT
    Q_PROPERTY(QAbstractItemModel *model READ model WRITE setModel NOTIFY modelChanged)
    Q_PROPERTY(int count READ count NOTIFY countChanged)
    Q_PROPERTY(qreal rowHeight READ rowHeight NOTIFY rowHeightChanged)
    Q_PROPERTY(qreal minimumRowHeight MEMBER m_minimumRowHeight WRITE setMinimumRowHeight NOTIFY styleChanged)
    // Five fractions of the width, one per column.
    Q_PROPERTY(QList<qreal> columnWidths MEMBER m_columnWidths WRITE setColumnWidths NOTIFY styleChanged)
    // Painted centred on the spread row (the spread and mid, already worded and translated).
    Q_PROPERTY(QString spreadLabel MEMBER m_spreadLabel WRITE setSpreadLabel NOTIFY styleChanged)
    Q_PROPERTY(QString fontFamily MEMBER m_fontFamily WRITE setFontFamily NOTIFY styleChanged)
    Q_PROPERTY(int fontPixelSize MEMBER m_fontPixelSize WRITE setFontPixelSize NOTIFY styleChanged)
    Q_PROPERTY(int smallFontPixelSize MEMBER m_smallFontPixelSize WRITE setSmallFontPixelSize NOTIFY styleChanged)
    Q_PROPERTY(QColor textColor MEMBER m_textColor WRITE setTextColor NOTIFY styleChanged)
    Q_PROPERTY(QColor dimTextColor MEMBER m_dimTextColor WRITE setDimTextColor NOTIFY styleChanged)
    Q_PROPERTY(QColor bidColor MEMBER m_bidColor WRITE setBidColor NOTIFY styleChanged)
    Q_PROPERTY(QColor askColor MEMBER m_askColor WRITE setAskColor NOTIFY styleChanged)
    Q_PROPERTY(QColor bidHeatColor MEMBER m_bidHeatColor WRITE setBidHeatColor NOTIFY styleChanged)
    Q_PROPERTY(QColor askHeatColor MEMBER m_askHeatColor WRITE setAskHeatColor NOTIFY styleChanged)
    Q_PROPERTY(QColor spreadRowColor MEMBER m_spreadRowColor WRITE setSpreadRowColor NOTIFY styleChanged)
    // The outline of the row holding the trader's position entry (own working orders use the side colours).
    Q_PROPERTY(QColor entryColor MEMBER m_entryColor WRITE setEntryColor NOTIFY styleChanged)

public:
    explicit LadderView(QQuickItem *parent = nullptr);

    void paint(QPainter *painter) override;

    QAbstractItemModel *model() const { return m_model; }
    void setModel(QAbstractItemModel *model);
    int count() const { return m_model ? m_model->rowCount() : 0; }
    qreal rowHeight() const;

    // What row `row` shows, by role name, as painted (for tests and tools): price, bidSize, askSize,
    // cumulative, heat, isSpreadRow, isBestBid, isBestAsk. Empty outside the rows.
    Q_INVOKABLE QVariantMap rowAt(int row) const;

    void setMinimumRowHeight(qreal height);
    void setColumnWidths(const QList<qreal> &widths);
    void setSpreadLabel(const QString &label);
    void setFontFamily(const QString &family);
    void setFontPixelSize(int size);
    void setSmallFontPixelSize(int size);
    void setTextColor(const QColor &color);
    void setDimTextColor(const QColor &color);
    void setBidColor(const QColor &color);
    void setAskColor(const QColor &color);
    void setBidHeatColor(const QColor &color);
    void setAskHeatColor(const QColor &color);
    void setSpreadRowColor(const QColor &color);
    void setEntryColor(const QColor &color);

Q_SIGNALS:
    void modelChanged();
    void countChanged();
    void rowHeightChanged();
    void styleChanged();

protected:
    void geometryChange(const QRectF &newGeometry, const QRectF &oldGeometry) override;

private:
    enum Font { Normal, Small, Bold, FontCount };
    struct Roles
    {
        int price = -1, bidSize = -1, askSize = -1, cumulative = -1, heat = -1;
        int isSpreadRow = -1, isBestBid = -1, isBestAsk = -1;
        int ownBidSize = -1, ownAskSize = -1, isEntry = -1;
    };

    void findRoles();
    void onRowsChanged();
    // Stores a style value and repaints; false when it did not change.
    template<typename T> bool setStyle(T &member, const T &value);
    void updateFonts();
    // Draws `text` in `cell`, right-aligned with `rightPadding`, or centred when `centred`.
    void drawCell(QPainter *painter, const QRectF &cell, const QString &text, Font font, const QColor &color,
                  bool centred, qreal rightPadding);
    const QStaticText &staticText(const QString &text, Font font);

    QPointer<QAbstractItemModel> m_model;
    QList<QMetaObject::Connection> m_modelConnections;
    Roles m_roles;
    int m_lastCount = 0;
    qreal m_lastRowHeight = 0.0;

    qreal m_minimumRowHeight = 16.0;
    QList<qreal> m_columnWidths { 0.19, 0.19, 0.24, 0.19, 0.19 };
    QString m_spreadLabel;
    QString m_fontFamily = QStringLiteral("monospace");
    int m_fontPixelSize = 12;
    int m_smallFontPixelSize = 11;
    QColor m_textColor { Qt::white };
    QColor m_dimTextColor { Qt::gray };
    QColor m_bidColor { Qt::green };
    QColor m_askColor { Qt::red };
    QColor m_bidHeatColor { Qt::darkGreen };
    QColor m_askHeatColor { Qt::darkRed };
    QColor m_spreadRowColor { Qt::darkGray };
    QColor m_entryColor { Qt::yellow };

    QFont m_fonts[FontCount];
    qreal m_fontHeights[FontCount] = {};
    // Laid-out text per font. Bounded: cleared when it passes MaxCachedTexts (a busy book shows a few
    // hundred distinct strings a second; clearing costs one frame of re-layout).
    QHash<QString, QStaticText> m_cache[FontCount];
    static constexpr qsizetype MaxCachedTexts = 4096;
};

} // namespace tapescope
