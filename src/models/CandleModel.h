#pragma once

#include "core/CandleSeries.h"

#include <QtCore/QAbstractTableModel>
#include <QtCore/QPointer>
#include <QtCore/QTimer>
#include <QtQml/qqmlregistration.h>

#include <algorithm>
#include <iterator>
#include <vector>

namespace tapescope {

class MarketHub;

// The chart's candles: the newest `maxCandles` bars of the selected instrument and interval as a
// table of doubles (one column per field) for Qt Charts' model mappers. A live update of the last
// bar is one dataChanged; a new bar is an insert at the end (and a removal at the front once the
// window is full); only a history load that reorders the window resets.
class CandleModel : public QAbstractTableModel
{
    Q_OBJECT
    QML_ELEMENT
    QML_UNCREATABLE("CandleModel is provided by Workspace")
    Q_PROPERTY(QString interval READ interval NOTIFY intervalChanged)
    Q_PROPERTY(int count READ count NOTIFY rangeChanged)
    Q_PROPERTY(double minTime READ minTime NOTIFY rangeChanged)
    Q_PROPERTY(double maxTime READ maxTime NOTIFY rangeChanged)
    Q_PROPERTY(double minPrice READ minPrice NOTIFY rangeChanged)
    Q_PROPERTY(double maxPrice READ maxPrice NOTIFY rangeChanged)
    Q_PROPERTY(double maxVolume READ maxVolume NOTIFY rangeChanged)
    Q_PROPERTY(QString lastClose READ lastClose NOTIFY rangeChanged)
    Q_PROPERTY(int priceDecimals READ priceDecimals NOTIFY rangeChanged)
    Q_PROPERTY(double priceStep READ priceStep NOTIFY rangeChanged)
    Q_PROPERTY(int priceStepDecimals READ priceStepDecimals NOTIFY rangeChanged)

public:
    enum Column {
        TimestampColumn, // bar start, Unix ms
        OpenColumn,
        HighColumn,
        LowColumn,
        CloseColumn,
        VolumeColumn,
        // Volume split by the bar's direction plus a zero baseline, so volume can be drawn as
        // coloured bars on the candles' own time axis.
        UpVolumeColumn,
        DownVolumeColumn,
        BaselineColumn,
        ColumnCount
    };
    Q_ENUM(Column)

    static constexpr int DefaultMaxCandles = 120; // bars a chart panel shows legibly
    // Qt Charts repaints the whole chart into an image on every model change, and lays every candle out
    // again when the newest bar moves an axis: ~20 % of the GUI thread under load at 4 a second
    // (bench/README.md). The last bar's tick-by-tick movement is shown this many times a second, as often
    // as venues' own kline streams push it; a new bar, a new series or history shows at once. The ladder
    // and the tape are the per-tick views.
    static constexpr int LiveBarUpdatesPerSecond = 2;

    explicit CandleModel(MarketHub *hub, QObject *parent = nullptr, int maxCandles = DefaultMaxCandles);

    int rowCount(const QModelIndex &parent = QModelIndex()) const override;
    int columnCount(const QModelIndex &parent = QModelIndex()) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

    QString instrument() const { return m_key; }
    QString interval() const { return m_interval; }
    void setSource(const QString &key, const QString &interval);

    int count() const { return static_cast<int>(m_rows.size()); }
    double minTime() const;
    double maxTime() const;
    double minPrice() const { return m_minPrice; }
    double maxPrice() const { return m_maxPrice; }
    double maxVolume() const { return m_maxVolume; }
    QString lastClose() const { return m_lastClose; }
    // Fraction digits of the venue's price spelling, for axis labels.
    int priceDecimals() const { return m_priceDecimals; }
    // A round grid step (1, 2 or 5 times a power of ten) giving about six price lines, and the
    // fraction digits its labels need.
    double priceStep() const { return m_priceStep; }
    int priceStepDecimals() const { return m_priceStepDecimals; }
    static double niceStep(double span, int lines);

Q_SIGNALS:
    void intervalChanged();
    void rangeChanged();

private:
    // The series shown: the chosen interval's, or the venue's bars of unknown length when that is all there is.
    const CandleSeries *series() const;
    struct Row
    {
        double values[ColumnCount];
        friend bool operator==(const Row &a, const Row &b)
        {
            return std::equal(std::begin(a.values), std::end(a.values), std::begin(b.values));
        }
    };

    void onCandlesChanged(const QString &key, const QString &interval, tapescope::CandleSeries::Change change);
    void onThrottleElapsed();
    void sync();
    std::vector<Row> window() const;
    void updateRange();

    QPointer<MarketHub> m_hub;
    QTimer m_throttle; // running: a live-bar update was shown less than 1/LiveBarUpdatesPerSecond ago
    bool m_syncPending = false; // a live-bar update waits for the throttle
    QString m_key;
    QString m_interval;
    int m_maxCandles;
    std::vector<Row> m_rows; // oldest first
    double m_minPrice = 0.0;
    double m_maxPrice = 0.0;
    double m_maxVolume = 0.0;
    QString m_lastClose;
    int m_priceDecimals = 2;
    double m_priceStep = 1.0;
    int m_priceStepDecimals = 0;
};

} // namespace tapescope
