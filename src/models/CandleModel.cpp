#include "CandleModel.h"

#include "DisplayFormat.h"
#include "UiLanguage.h"
#include "market/MarketHub.h"

#include <algorithm>
#include <cmath>
#include <utility>

namespace tapescope {

CandleModel::CandleModel(MarketHub *hub, QObject *parent, int maxCandles)
    : QAbstractTableModel(parent)
    , m_hub(hub)
    , m_maxCandles(std::max(maxCandles, 1))
{
    m_throttle.setSingleShot(true);
    m_throttle.setInterval(1000 / LiveBarUpdatesPerSecond);
    connect(&m_throttle, &QTimer::timeout, this, &CandleModel::onThrottleElapsed);
    if (hub)
        connect(hub, &MarketHub::candlesChanged, this, &CandleModel::onCandlesChanged);
    connect(UiLanguage::instance(), &UiLanguage::changed, this, &CandleModel::updateRange); // lastClose
}

int CandleModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : static_cast<int>(m_rows.size());
}

int CandleModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant CandleModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    if (role != Qt::DisplayRole && role != Qt::EditRole)
        return {};
    return m_rows[static_cast<std::size_t>(index.row())].values[index.column()];
}

QVariant CandleModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole || section < 0 || section >= ColumnCount)
        return QAbstractTableModel::headerData(section, orientation, role);
    static const char *const names[ColumnCount]
        = { "timestamp", "open", "high", "low", "close", "volume", "upVolume", "downVolume", "baseline" };
    return QString::fromLatin1(names[section]);
}

void CandleModel::setSource(const QString &key, const QString &interval)
{
    if (key == m_key && interval == m_interval)
        return;
    const bool intervalDiffers = interval != m_interval;
    m_key = key;
    m_interval = interval;
    m_syncPending = false;
    // Another series entirely: nothing incremental about it.
    beginResetModel();
    m_rows = window();
    endResetModel();
    updateRange();
    if (intervalDiffers)
        Q_EMIT intervalChanged();
}

double CandleModel::minTime() const
{
    return m_rows.empty() ? 0.0 : m_rows.front().values[TimestampColumn];
}

double CandleModel::maxTime() const
{
    return m_rows.empty() ? 0.0 : m_rows.back().values[TimestampColumn];
}

void CandleModel::onCandlesChanged(const QString &key, const QString &interval, CandleSeries::Change change)
{
    if (key != m_key || change == CandleSeries::Change::None)
        return;
    if (interval != m_interval && !(interval.isEmpty() && series() == m_hub->candles(m_key, interval)))
        return;
    // Only the live bar's own movement waits; a bar appended or a series replaced is shown now.
    if (change == CandleSeries::Change::UpdatedLast && m_throttle.isActive()) {
        m_syncPending = true;
        return;
    }
    m_syncPending = false;
    sync();
    m_throttle.start();
}

void CandleModel::onThrottleElapsed()
{
    if (!std::exchange(m_syncPending, false))
        return;
    sync();
    m_throttle.start();
}

const CandleSeries *CandleModel::series() const
{
    if (!m_hub)
        return nullptr;
    if (const CandleSeries *chosen = m_hub->candles(m_key, m_interval); chosen && chosen->size() > 0)
        return chosen;
    // Bars whose length the venue does not say (FIML's OHLCV stream) are shown whatever interval is picked.
    if (const CandleSeries *unsized = m_hub->candles(m_key, QString()); unsized && unsized->size() > 0)
        return unsized;
    return m_hub->candles(m_key, m_interval);
}

// Brings the rows to the series' newest window with the smallest set of model signals. Both are
// sorted by bar start, so the old window maps onto the new one by an offset, or not at all.
void CandleModel::sync()
{
    std::vector<Row> next = window();
    const auto startOf = [](const Row &row) { return row.values[TimestampColumn]; };

    std::size_t dropped = 0;
    bool aligned = !m_rows.empty() && !next.empty();
    if (aligned) {
        while (dropped < m_rows.size() && startOf(m_rows[dropped]) < startOf(next.front()))
            ++dropped;
        const std::size_t overlap = std::min(m_rows.size() - dropped, next.size());
        for (std::size_t i = 0; i < overlap && aligned; ++i)
            aligned = startOf(m_rows[dropped + i]) == startOf(next[i]);
        // Everything after the overlap must be new bars, never bars that vanished from the series.
        aligned = aligned && m_rows.size() - dropped <= next.size();
    }
    if (!aligned) {
        if (m_rows.empty() && next.empty())
            return;
        beginResetModel();
        m_rows = std::move(next);
        endResetModel();
        updateRange();
        return;
    }

    if (dropped > 0) {
        beginRemoveRows(QModelIndex(), 0, static_cast<int>(dropped) - 1);
        m_rows.erase(m_rows.begin(), m_rows.begin() + static_cast<std::ptrdiff_t>(dropped));
        endRemoveRows();
    }
    int first = -1;
    int last = -1;
    for (std::size_t i = 0; i < m_rows.size(); ++i) {
        if (m_rows[i] == next[i])
            continue;
        m_rows[i] = next[i];
        if (first < 0)
            first = static_cast<int>(i);
        last = static_cast<int>(i);
    }
    if (first >= 0)
        Q_EMIT dataChanged(index(first, 0), index(last, ColumnCount - 1));
    if (next.size() > m_rows.size()) {
        beginInsertRows(QModelIndex(), static_cast<int>(m_rows.size()), static_cast<int>(next.size()) - 1);
        m_rows.insert(m_rows.end(), next.begin() + static_cast<std::ptrdiff_t>(m_rows.size()), next.end());
        endInsertRows();
    }
    updateRange();
}

double CandleModel::niceStep(double span, int lines)
{
    if (!(span > 0.0) || lines < 1)
        return 1.0;
    const double raw = span / lines;
    const double magnitude = std::pow(10.0, std::floor(std::log10(raw)));
    const double fraction = raw / magnitude;
    const double nice = fraction <= 1.0 ? 1.0 : fraction <= 2.0 ? 2.0 : fraction <= 5.0 ? 5.0 : 10.0;
    return nice * magnitude;
}

std::vector<CandleModel::Row> CandleModel::window() const
{
    std::vector<Row> rows;
    const CandleSeries *shown = series();
    if (!shown)
        return rows;
    const std::size_t size = shown->size();
    const std::size_t begin
        = size > static_cast<std::size_t>(m_maxCandles) ? size - static_cast<std::size_t>(m_maxCandles) : 0;
    rows.reserve(size - begin);
    for (std::size_t i = begin; i < size; ++i) {
        const Candle &candle = shown->at(i);
        const double open = candle.open.toDouble();
        const double close = candle.close.toDouble();
        const double volume = candle.volume.toDouble();
        const bool rising = close >= open;
        rows.push_back({ { static_cast<double>(candle.start), open, candle.high.toDouble(), candle.low.toDouble(),
                           close, volume, rising ? volume : 0.0, rising ? 0.0 : volume, 0.0 } });
    }
    return rows;
}

void CandleModel::updateRange()
{
    double low = 0.0;
    double high = 0.0;
    double volume = 0.0;
    for (std::size_t i = 0; i < m_rows.size(); ++i) {
        const Row &row = m_rows[i];
        low = i == 0 ? row.values[LowColumn] : std::min(low, row.values[LowColumn]);
        high = i == 0 ? row.values[HighColumn] : std::max(high, row.values[HighColumn]);
        volume = std::max(volume, row.values[VolumeColumn]);
    }
    QString close;
    int decimals = m_priceDecimals;
    if (m_hub) {
        if (const CandleSeries *shown = series(); shown && shown->size() > 0) {
            const Candle &last = shown->at(shown->size() - 1);
            close = display::localized(last.close.toString());
            decimals = std::max({ last.open.scale(), last.high.scale(), last.low.scale(), last.close.scale() });
            decimals = std::clamp(decimals, 0, 8);
        }
    }
    m_priceDecimals = decimals;
    m_priceStep = niceStep(high - low, 6);
    m_priceStepDecimals = std::clamp(static_cast<int>(-std::floor(std::log10(m_priceStep))), 0, 10);
    m_minPrice = low;
    m_maxPrice = high;
    m_maxVolume = volume;
    m_lastClose = close;
    Q_EMIT rangeChanged();
}

} // namespace tapescope
