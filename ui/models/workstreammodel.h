#pragma once

#include <optional>

#include <QHash>
#include <QStandardItemModel>

#include "core/records.h"
#include "models/usagewords.h"

namespace Orchestrator::Ui {

// Runs and their workstreams as a tree, with per-workstream progress
// (done/total) and failures. Fed the same JobFeed batches as the jobs table;
// only the counters a batch touches are updated (setData: narrow dataChanged).
// The Cost column adds up the AI tools' cost, its tooltip their tokens.
class WorkstreamModel final : public QStandardItemModel
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(WorkstreamModel)

public:
    enum Column { NameColumn, ProgressColumn, FailedColumn, CostColumn, ColumnCount };
    enum Role { RunIdRole = Qt::UserRole + 1, WorkstreamIdRole };

    // How the jobs of a finished run ended. Failed counts failed, timed out
    // and upstream failed jobs, as the Failed column does.
    struct RunOutcome
    {
        int succeeded = 0;
        int failed = 0;
        int cancelled = 0;
    };

    explicit WorkstreamModel(QObject *parent = nullptr);

    void applyJobs(const QList<Orchestrator::JobRecord> &jobs);
    // Run id -> title: a run with a title shows it instead of its id (the id
    // is its tooltip, and stays in RunIdRole). Runs not named lose theirs.
    void setRunTitles(const QHash<QString, QString> &titles);

    // How the run's jobs ended once every one is final; nullopt before.
    std::optional<RunOutcome> finishedRun(const QString &runId) const;
    // The run has a job that has not ended (what Cancel run can act on).
    bool hasUnfinishedJobs(const QString &runId) const;
    // The non-zero counts in words: "3 succeeded, 1 failed, 1 cancelled".
    static QString outcomeText(const RunOutcome &outcome);
    // What the AI tools of a run (workstream empty) or one of its workstreams used.
    UsageTotal usage(const QString &runId, const QString &workstreamId = {}) const;

private:
    struct Counts
    {
        int total = 0;
        int done = 0;       // final states
        int failed = 0;     // failed, timed out, upstream failed
        int cancelled = 0;
        int running = 0;
        UsageTotal usage;
    };
    struct Seen
    {
        QString key;        // run \n workstream
        JobState state = JobState::Queued;
        AttemptUsage usage;
    };

    QStandardItem *runItem(const QString &runId);
    QStandardItem *workstreamItem(const QString &runId, const QString &workstreamId);
    void add(Counts &counts, JobState state, const AttemptUsage &usage, int delta);
    void show(QStandardItem *nameItem, const Counts &counts);
    void showName(QStandardItem *runItem);

    QHash<QString, Seen> m_jobs;                 // job id -> where it was counted
    QHash<QString, Counts> m_counts;             // run, or run \n workstream -> counts
    QHash<QString, QStandardItem *> m_items;     // same keys -> name item
    QHash<QString, QString> m_runTitles;         // run id -> title
};

} // namespace Orchestrator::Ui
