#pragma once

#include <QAbstractTableModel>
#include <QHash>
#include <QList>
#include <QWidget>

#include "core/records.h"

class QLabel;
class QTableView;
class QTimer;

namespace Orchestrator::Ui {

// The engines working the database (this dashboard's own, and headless
// `orchestrator worker`s on any machine), one row each, fed by the JobFeed's
// worker batches. Updates are narrow: new workers are inserted, gone ones
// removed, changed ones emit dataChanged for their own row; an owner -> row
// index keeps each update O(1). The heartbeat column is relative to now
// ("3 s ago"): tick() refreshes that column only. A worker whose heartbeat is
// older than LateFactor heartbeat intervals is late: it has stopped renewing
// its lease (hung, cut off, killed) and its jobs will be reclaimed.
class WorkersModel final : public QAbstractTableModel
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(WorkersModel)

public:
    enum Column { NameColumn, HostColumn, PidColumn, SlotsColumn, BusyColumn, HeartbeatColumn, JobsDoneColumn, ColumnCount };
    enum Role { SortRole = Qt::UserRole + 1, OwnerRole, LateRole };
    static constexpr int LateFactor = EngineRecord::kLateFactor;
    // Engines renew their lease and heartbeat every leaseSeconds / 4 (15 s by default).
    static constexpr qint64 DefaultHeartbeatIntervalMs = EngineRecord::kDefaultHeartbeatIntervalMs;

    explicit WorkersModel(QObject *parent = nullptr);

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

    // Every engine in the database now: adds new ones, updates known ones,
    // removes those that left.
    void setWorkers(const QList<Orchestrator::EngineRecord> &workers);

    void setHeartbeatInterval(qint64 ms) { m_heartbeatIntervalMs = ms; }
    qint64 heartbeatInterval() const { return m_heartbeatIntervalMs; }
    // The clock the relative times and lateness are computed against; 0 (the
    // default) is the system clock. For tests.
    void setCurrentTime(qint64 msSinceEpoch);
    // Relative heartbeat times move on, and a worker may become late:
    // dataChanged for the heartbeat column only.
    void tick();

    bool isLate(int row) const;
    qint64 lateAfterMs(const EngineRecord &worker) const;
    int lateCount() const;
    int rowOf(const QString &owner) const { return m_rowOf.value(owner, -1); }
    const EngineRecord &worker(int row) const { return m_workers.at(row); }

    // "just now", "3 s ago", "2 min ago", "1 h ago".
    static QString relativeTime(qint64 ageMs);

private:
    qint64 now() const;
    QVariant displayData(const EngineRecord &worker, int column) const;
    QVariant sortData(const EngineRecord &worker, int column) const;
    void rebuildIndex();

    QList<EngineRecord> m_workers;
    QHash<QString, int> m_rowOf;
    qint64 m_heartbeatIntervalMs = DefaultHeartbeatIntervalMs;
    qint64 m_fixedNow = 0;
};

// The Workers view: the model in a sortable table with a one-line summary
// ("3 workers, 8 of 12 slots busy, 1 late"). Ticks once a second while shown.
class WorkersView final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(WorkersView)

public:
    explicit WorkersView(QWidget *parent = nullptr);

    WorkersModel *model() const { return m_model; }
    QTableView *tableView() const { return m_table; }
    QString summary() const;

    void setWorkers(const QList<Orchestrator::EngineRecord> &workers);

protected:
    void showEvent(QShowEvent *event) override;
    void hideEvent(QHideEvent *event) override;

private:
    void updateSummary();

    WorkersModel *m_model = nullptr;
    QTableView *m_table = nullptr;
    QLabel *m_summary = nullptr;
    QTimer *m_clock = nullptr;
};

} // namespace Orchestrator::Ui
