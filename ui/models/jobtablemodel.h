#pragma once

#include <QAbstractTableModel>
#include <QHash>
#include <QIcon>
#include <QList>

#include "core/records.h"

namespace Orchestrator::Ui {

// The jobs table: one row per job, fed by JobFeed batches. Updates are
// narrow: new jobs are inserted in one batch at the end, changed jobs emit
// dataChanged for their own rows only (one signal per run of adjacent rows),
// and an id -> row index keeps each update O(1). The model is never reset
// after the first snapshot. Sorting uses SortRole (raw values), not text.
class JobTableModel final : public QAbstractTableModel
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(JobTableModel)

public:
    enum Column { IdColumn, WorkstreamColumn, ToolColumn, StateColumn, PriorityColumn, AttemptColumn,
                  StartedColumn, DurationColumn, ExitCodeColumn, TokensColumn, CostColumn, ChangesColumn, ColumnCount };
    enum Role { SortRole = Qt::UserRole + 1, JobIdRole, StateRole, RunIdRole };

    explicit JobTableModel(QObject *parent = nullptr);

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

    // Adds new jobs and updates known ones (a snapshot is just a first batch).
    void applyJobs(const QList<Orchestrator::JobRecord> &jobs);
    // Running jobs' durations tick: dataChanged for their duration cells only.
    void refreshDurations();

    // The one name of each state, for every view: the table, the status bar,
    // the filter, the graph and the details.
    static QString stateName(JobState state);
    // Every state, in the order views list them (the life of a job).
    static const QList<JobState> &states();
    static QString priorityName(Priority priority);

    int rowOf(const QString &jobId) const { return m_rowOf.value(jobId, -1); }
    // Jobs in `state`, kept up to date as batches arrive.
    int count(JobState state) const { return m_stateCounts.value(int(state)); }
    // Jobs that run in a worktree: without any, the Changes column has nothing to say.
    int worktreeJobs() const { return m_worktreeJobs; }
    // Jobs of AI tools that used tokens: without any, Tokens and Cost have nothing to say.
    int usageJobs() const { return m_usageJobs; }
    const JobRecord &job(int row) const { return m_jobs.at(row); }

private:
    QVariant displayData(const JobRecord &job, int column) const;
    QVariant sortData(const JobRecord &job, int column) const;
    // The Changes column's tooltip: branch or where it landed, the summary,
    // the files changed outside the job's own.
    static QVariant changesToolTip(const JobRecord &job);
    static QVariant usageToolTip(const JobRecord &job, int column);
    void emitRowRanges(QList<int> rows, int firstColumn, int lastColumn);

    QList<JobRecord> m_jobs;
    QHash<QString, int> m_rowOf;
    QHash<int, int> m_stateCounts;
    int m_worktreeJobs = 0;
    int m_usageJobs = 0;
    mutable QIcon m_warningIcon;     // files changed outside the job's own (the style's, made when first shown)
};

} // namespace Orchestrator::Ui
