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
    // "" every account; "venue" every account of a venue; "venue:account" one account.
    Q_PROPERTY(QString account READ account WRITE setAccount NOTIFY accountChanged)
    Q_PROPERTY(int count READ count NOTIFY countChanged)

public:
    static constexpr int Capacity = 500; // rows shown at most (the newest, where the rows are in time order)

    int rowCount(const QModelIndex &parent = QModelIndex()) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QHash<int, QByteArray> roleNames() const override;

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

protected:
    struct Row
    {
        QString id; // unique in the model
        qint64 order = 0; // rows are sorted by this, descending (times: newest first) ...
        QString orderText; // ... then by this, ascending
        QVariantList values; // in the order of columns()
    };

    // `columns`: the role names after the common ones (rowId, accountKey, accountName, venue).
    AccountTableModel(AccountHub *hub, AccountHub::Changes follows, QStringList columns, QObject *parent);
    AccountHub *hub() const { return m_hub; }
    // Appends this model's rows of one account; a row's values are the columns' after the common ones.
    virtual void collect(const AccountRecord &record, std::vector<Row> &rows) const = 0;
    // Rebuilds the rows now (normally done once per frame on the hub's accountsChanged).
    void refresh();

private:
    void onAccountsChanged(AccountHub::Changes changes);
    void applyRows(std::vector<Row> rows);

    QPointer<AccountHub> m_hub;
    AccountHub::Changes m_follows;
    QStringList m_columns;
    QString m_filter;
    std::vector<Row> m_rows;
};

// Open orders (`history` false) or ended ones (`history` true), newest first.
class AccountOrdersModel : public tapescope::AccountTableModel
{
    Q_OBJECT
    QML_ELEMENT
    QML_UNCREATABLE("account models are provided by Workspace.accounts")

public:
    AccountOrdersModel(AccountHub *hub, bool history, QObject *parent = nullptr);

protected:
    void collect(const AccountRecord &record, std::vector<Row> &rows) const override;

private:
    bool m_history;
};

class AccountFillsModel : public tapescope::AccountTableModel
{
    Q_OBJECT
    QML_ELEMENT
    QML_UNCREATABLE("account models are provided by Workspace.accounts")

public:
    explicit AccountFillsModel(AccountHub *hub, QObject *parent = nullptr);

protected:
    void collect(const AccountRecord &record, std::vector<Row> &rows) const override;
};

// Positions by instrument, valued at the live mark (AccountHub::valuation).
class AccountPositionsModel : public tapescope::AccountTableModel
{
    Q_OBJECT
    QML_ELEMENT
    QML_UNCREATABLE("account models are provided by Workspace.accounts")

public:
    explicit AccountPositionsModel(AccountHub *hub, QObject *parent = nullptr);

protected:
    void collect(const AccountRecord &record, std::vector<Row> &rows) const override;
};

class AccountBalancesModel : public tapescope::AccountTableModel
{
    Q_OBJECT
    QML_ELEMENT
    QML_UNCREATABLE("account models are provided by Workspace.accounts")

public:
    explicit AccountBalancesModel(AccountHub *hub, QObject *parent = nullptr);

protected:
    void collect(const AccountRecord &record, std::vector<Row> &rows) const override;
};

class AccountFundingModel : public tapescope::AccountTableModel
{
    Q_OBJECT
    QML_ELEMENT
    QML_UNCREATABLE("account models are provided by Workspace.accounts")

public:
    explicit AccountFundingModel(AccountHub *hub, QObject *parent = nullptr);

protected:
    void collect(const AccountRecord &record, std::vector<Row> &rows) const override;
};

class AccountLedgerModel : public tapescope::AccountTableModel
{
    Q_OBJECT
    QML_ELEMENT
    QML_UNCREATABLE("account models are provided by Workspace.accounts")

public:
    explicit AccountLedgerModel(AccountHub *hub, QObject *parent = nullptr);

protected:
    void collect(const AccountRecord &record, std::vector<Row> &rows) const override;
};

} // namespace tapescope
