#pragma once

#include "market/AccountHub.h"

#include <QtCore/QAbstractListModel>
#include <QtCore/QPointer>
#include <QtCore/QVariantList>
#include <QtQml/qqmlregistration.h>

#include <vector>

namespace tapescope {

// The Account panel's tables (docs/architecture.md "Accounts"). Each covers every account of the AccountHub, or
// those the `account` filter names, and follows the hub's paced accountsChanged: at most one update per display
// frame, applied as ranged removes, moves, inserts and dataChanged (a row is identified by its `rowId`), never a
// reset. Every row names its account (accountKey, accountName) and, where it has one, its instrument
// (instrumentKey, the key the other panels select).
class AccountTableModel : public QAbstractListModel
{
    Q_OBJECT
    QML_ELEMENT
    QML_UNCREATABLE("account models are provided by Workspace.accounts")
    Q_PROPERTY(Kind kind READ kind CONSTANT)
    // "" every account; "venue" every account of a venue; "venue:account" one account.
    Q_PROPERTY(QString account READ account WRITE setAccount NOTIFY accountChanged)
    Q_PROPERTY(int count READ count NOTIFY countChanged)

public:
    // What the table lists. Open and ended orders newest first, fills, funding and ledger newest first, positions
    // by instrument (valued at the live mark: AccountHub::valuation), balances by asset.
    enum class Kind { OpenOrders, OrderHistory, Fills, Positions, Balances, Funding, Ledger };
    Q_ENUM(Kind)

    static constexpr int Capacity = 500; // rows shown at most (the newest, where the rows are in time order)

    AccountTableModel(AccountHub *hub, Kind kind, QObject *parent = nullptr);

    struct Row
    {
        QString id; // unique in the model
        qint64 order = 0; // rows are sorted by this, descending (times: newest first) ...
        QString orderText; // ... then by this, ascending
        QVariantList values; // in the order of the columns
    };

    int rowCount(const QModelIndex &parent = QModelIndex()) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QHash<int, QByteArray> roleNames() const override;

    Kind kind() const { return m_kind; }
    QString account() const { return m_filter; }
    void setAccount(const QString &filter);
    int count() const { return static_cast<int>(m_rows.size()); }
    // The role's value in `row` (tests, the ladder's own-order marks).
    Q_INVOKABLE QVariant value(int row, const QString &role) const;

    // Whether `record` passes `filter` (see `account`).
    static bool matches(const AccountRecord &record, const QString &filter);

Q_SIGNALS:
    void accountChanged();
    void countChanged();

private:
    // Rebuilds the rows now (done once per frame on the hub's accountsChanged, and when the filter changes).
    void refresh();
    void onAccountsChanged(AccountHub::Changes changes);
    void applyRows(std::vector<Row> rows);

    QPointer<AccountHub> m_hub;
    Kind m_kind;
    AccountHub::Changes m_follows;
    QStringList m_columns;
    QString m_filter;
    std::vector<Row> m_rows;
};

} // namespace tapescope
