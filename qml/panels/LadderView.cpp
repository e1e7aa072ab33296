#include "LadderView.h"

#include <QtGui/QFontMetricsF>
#include <QtGui/QPainter>

#include <algorithm>
#include <cmath>

namespace tapescope {

namespace {

constexpr qreal CellPadding = 6.0;

} // namespace

LadderView::LadderView(QQuickItem *parent)
    : QQuickPaintedItem(parent)
{
    // Every pixel is painted (fillColor, then the rows): the renderer need not blend what lies beneath.
    setOpaquePainting(true);
    updateFonts();
}

void LadderView::setModel(QAbstractItemModel *model)
{
    if (model == m_model)
        return;
    for (const QMetaObject::Connection &connection : std::as_const(m_modelConnections))
        disconnect(connection);
    m_modelConnections.clear();
    m_model = model;
    if (model) {
        const auto repaint = [this] { update(); };
        m_modelConnections = {
            connect(model, &QAbstractItemModel::dataChanged, this, repaint),
            connect(model, &QAbstractItemModel::layoutChanged, this, repaint),
            connect(model, &QAbstractItemModel::modelReset, this, &LadderView::onRowsChanged),
            connect(model, &QAbstractItemModel::rowsInserted, this, &LadderView::onRowsChanged),
            connect(model, &QAbstractItemModel::rowsRemoved, this, &LadderView::onRowsChanged),
        };
    }
    findRoles();
    Q_EMIT modelChanged();
    onRowsChanged();
}

void LadderView::findRoles()
{
    m_roles = {};
    if (!m_model)
        return;
    const QHash<int, QByteArray> names = m_model->roleNames();
    for (auto it = names.cbegin(); it != names.cend(); ++it) {
        const QByteArray &name = it.value();
        int *role = name == "price" ? &m_roles.price
            : name == "bidSize"     ? &m_roles.bidSize
            : name == "askSize"     ? &m_roles.askSize
            : name == "cumulative"  ? &m_roles.cumulative
            : name == "heat"        ? &m_roles.heat
            : name == "isSpreadRow" ? &m_roles.isSpreadRow
            : name == "isBestBid"   ? &m_roles.isBestBid
            : name == "isBestAsk"   ? &m_roles.isBestAsk
            : name == "ownBidSize"  ? &m_roles.ownBidSize
            : name == "ownAskSize"  ? &m_roles.ownAskSize
            : name == "isEntry"     ? &m_roles.isEntry
                                    : nullptr;
        if (role)
            *role = it.key();
    }
}

void LadderView::onRowsChanged()
{
    if (m_model && m_roles.price < 0)
        findRoles(); // a model reset may come with its role names
    if (const int now = count(); now != m_lastCount) {
        m_lastCount = now;
        Q_EMIT countChanged();
    }
    if (const qreal now = rowHeight(); now != m_lastRowHeight) {
        m_lastRowHeight = now;
        Q_EMIT rowHeightChanged();
    }
    update();
}

qreal LadderView::rowHeight() const
{
    return std::max(m_minimumRowHeight, std::floor(height() / std::max(1, count())));
}

void LadderView::geometryChange(const QRectF &newGeometry, const QRectF &oldGeometry)
{
    QQuickPaintedItem::geometryChange(newGeometry, oldGeometry);
    if (newGeometry.size() != oldGeometry.size())
        onRowsChanged();
}

QVariantMap LadderView::rowAt(int row) const
{
    if (!m_model || row < 0 || row >= count())
        return {};
    const QModelIndex index = m_model->index(row, 0);
    return { { QStringLiteral("price"), index.data(m_roles.price) },
             { QStringLiteral("bidSize"), index.data(m_roles.bidSize) },
             { QStringLiteral("askSize"), index.data(m_roles.askSize) },
             { QStringLiteral("cumulative"), index.data(m_roles.cumulative) },
             { QStringLiteral("heat"), index.data(m_roles.heat) },
             { QStringLiteral("isSpreadRow"), index.data(m_roles.isSpreadRow) },
             { QStringLiteral("isBestBid"), index.data(m_roles.isBestBid) },
             { QStringLiteral("isBestAsk"), index.data(m_roles.isBestAsk) },
             { QStringLiteral("ownBidSize"), index.data(m_roles.ownBidSize) },
             { QStringLiteral("ownAskSize"), index.data(m_roles.ownAskSize) },
             { QStringLiteral("isEntry"), index.data(m_roles.isEntry) } };
}

void LadderView::paint(QPainter *painter)
{
    if (!m_model)
        return;
    const int rows = count();
    const qreal rowH = rowHeight();
    const qreal w = width();
    qreal columnX[6] = { 0.0 };
    for (int c = 0; c < 5; ++c)
        columnX[c + 1] = columnX[c] + w * m_columnWidths.value(c, 0.2);
    const qreal sideWidth = columnX[2];
    const qreal priceWidth = columnX[3] - columnX[2];

    for (int row = 0; row < rows && row * rowH < height(); ++row) {
        const QModelIndex index = m_model->index(row, 0);
        const qreal y = row * rowH;
        if (index.data(m_roles.isSpreadRow).toBool()) {
            painter->fillRect(QRectF(0, y, w, rowH), m_spreadRowColor);
            if (!index.data(m_roles.price).toString().isEmpty())
                drawCell(painter, QRectF(0, y, w, rowH), m_spreadLabel, Small, m_textColor, true, 0);
            continue;
        }
        const QString bidSize = index.data(m_roles.bidSize).toString();
        const QString askSize = index.data(m_roles.askSize).toString();
        const bool isBid = !bidSize.isEmpty();
        const bool isAsk = !askSize.isEmpty();
        const qreal heat = std::clamp(index.data(m_roles.heat).toDouble(), 0.0, 1.0);
        if (heat > 0.0 && (isBid || isAsk)) {
            const qreal barWidth = sideWidth * heat;
            const qreal barX = isBid ? sideWidth - barWidth : sideWidth + priceWidth;
            painter->fillRect(QRectF(barX, y + 1, barWidth, rowH - 2), isBid ? m_bidHeatColor : m_askHeatColor);
        }
        const auto cell
            = [&](int column) { return QRectF(columnX[column], y, columnX[column + 1] - columnX[column], rowH); };
        const QString cumulative = index.data(m_roles.cumulative).toString();
        const bool best = index.data(m_roles.isBestBid).toBool() || index.data(m_roles.isBestAsk).toBool();
        // The trader's own working orders take the outer column of their side, in the side's colour, with a bar
        // at the ladder's edge; the cumulative depth gives way to them.
        const QString ownBid = m_roles.ownBidSize < 0 ? QString() : index.data(m_roles.ownBidSize).toString();
        const QString ownAsk = m_roles.ownAskSize < 0 ? QString() : index.data(m_roles.ownAskSize).toString();
        if (!ownBid.isEmpty()) {
            painter->fillRect(QRectF(0, y + 1, 3, rowH - 2), m_bidColor);
            drawCell(painter, cell(0), ownBid, Bold, m_bidColor, false, CellPadding);
        } else if (isBid) {
            drawCell(painter, cell(0), cumulative, Small, m_dimTextColor, false, CellPadding);
        }
        if (isBid)
            drawCell(painter, cell(1), bidSize, Normal, m_textColor, false, CellPadding);
        drawCell(painter, cell(2), index.data(m_roles.price).toString(), best ? Bold : Normal,
                 isBid ? m_bidColor : (isAsk ? m_askColor : m_dimTextColor), true, 0);
        if (isAsk)
            drawCell(painter, cell(3), askSize, Normal, m_textColor, false, CellPadding);
        if (!ownAsk.isEmpty()) {
            painter->fillRect(QRectF(w - 3, y + 1, 3, rowH - 2), m_askColor);
            drawCell(painter, cell(4), ownAsk, Bold, m_askColor, false, CellPadding);
        } else if (isAsk) {
            drawCell(painter, cell(4), cumulative, Small, m_dimTextColor, false, CellPadding);
        }
        if (m_roles.isEntry >= 0 && index.data(m_roles.isEntry).toBool()) {
            painter->setPen(QPen(m_entryColor, 1));
            painter->setBrush(Qt::NoBrush);
            painter->drawRect(cell(2).adjusted(1.5, 0.5, -1.5, -0.5));
        }
    }
}

void LadderView::drawCell(QPainter *painter, const QRectF &cell, const QString &text, Font font, const QColor &color,
                          bool centred, qreal rightPadding)
{
    if (text.isEmpty())
        return;
    const QStaticText &laidOut = staticText(text, font);
    const qreal textWidth = laidOut.size().width();
    const qreal x = centred ? cell.x() + (cell.width() - textWidth) / 2 : cell.right() - rightPadding - textWidth;
    const qreal y = cell.y() + (cell.height() - m_fontHeights[font]) / 2;
    painter->setFont(m_fonts[font]);
    painter->setPen(color);
    painter->drawStaticText(QPointF(std::round(x), std::round(y)), laidOut);
}

const QStaticText &LadderView::staticText(const QString &text, Font font)
{
    QHash<QString, QStaticText> &cache = m_cache[font];
    if (const auto it = cache.constFind(text); it != cache.cend())
        return it.value();
    if (cache.size() >= MaxCachedTexts)
        cache.clear();
    QStaticText laidOut(text);
    laidOut.setTextFormat(Qt::PlainText);
    laidOut.prepare(QTransform(), m_fonts[font]);
    return cache.insert(text, laidOut).value();
}

void LadderView::updateFonts()
{
    m_fonts[Normal] = QFont(m_fontFamily);
    m_fonts[Normal].setPixelSize(m_fontPixelSize);
    m_fonts[Small] = QFont(m_fontFamily);
    m_fonts[Small].setPixelSize(m_smallFontPixelSize);
    m_fonts[Bold] = m_fonts[Normal];
    m_fonts[Bold].setBold(true);
    for (int f = 0; f < FontCount; ++f) {
        m_fontHeights[f] = QFontMetricsF(m_fonts[f]).height();
        m_cache[f].clear();
    }
}

template<typename T> bool LadderView::setStyle(T &member, const T &value)
{
    if (member == value)
        return false;
    member = value;
    Q_EMIT styleChanged();
    update();
    return true;
}

void LadderView::setMinimumRowHeight(qreal height)
{
    if (setStyle(m_minimumRowHeight, height))
        onRowsChanged();
}

void LadderView::setColumnWidths(const QList<qreal> &widths)
{
    setStyle(m_columnWidths, widths);
}
void LadderView::setSpreadLabel(const QString &label)
{
    setStyle(m_spreadLabel, label);
}
void LadderView::setTextColor(const QColor &color)
{
    setStyle(m_textColor, color);
}
void LadderView::setDimTextColor(const QColor &color)
{
    setStyle(m_dimTextColor, color);
}
void LadderView::setBidColor(const QColor &color)
{
    setStyle(m_bidColor, color);
}
void LadderView::setAskColor(const QColor &color)
{
    setStyle(m_askColor, color);
}
void LadderView::setBidHeatColor(const QColor &color)
{
    setStyle(m_bidHeatColor, color);
}
void LadderView::setAskHeatColor(const QColor &color)
{
    setStyle(m_askHeatColor, color);
}
void LadderView::setSpreadRowColor(const QColor &color)
{
    setStyle(m_spreadRowColor, color);
}
void LadderView::setEntryColor(const QColor &color)
{
    setStyle(m_entryColor, color);
}

void LadderView::setFontFamily(const QString &family)
{
    if (setStyle(m_fontFamily, family))
        updateFonts(); // and forgets the texts laid out in the old fonts
}

void LadderView::setFontPixelSize(int size)
{
    if (setStyle(m_fontPixelSize, size))
        updateFonts(); // and forgets the texts laid out in the old fonts
}

void LadderView::setSmallFontPixelSize(int size)
{
    if (setStyle(m_smallFontPixelSize, size))
        updateFonts(); // and forgets the texts laid out in the old fonts
}

} // namespace tapescope
