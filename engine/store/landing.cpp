// What landing, discarding and gc record about worktree jobs: marks on the
// job's row (its state stays) and an event each, so the feed shows them.

#include "jobstore.h"

#include "rows.h"

namespace Orchestrator {

using Rows::textOrNull;

namespace {

EventRecord markEvent(const JobRecord &job, EventKind kind, qint64 ts, const QString &detail)
{
    EventRecord event;
    event.ts = ts;
    event.jobId = job.jobId;
    event.runId = job.runId;
    event.kind = kind;
    event.fromState = job.state;
    event.toState = job.state;
    event.attempt = job.attempts;
    event.detail = detail;
    return event;
}

} // namespace

Status JobStore::markLanded(const JobRecord &job, const QString &commit, const QString &branch, qint64 ts)
{
    QSqlQuery &q = prepared("UPDATE jobs SET landed_commit = ?, landed_branch = ?, landed_at = ? WHERE job_id = ?");
    q.bindValue(0, commit);
    q.bindValue(1, branch);
    q.bindValue(2, ts);
    q.bindValue(3, job.jobId);
    if (Status s = execPrepared(q, "record landing"); !s)
        return s;
    return appendEvent(markEvent(job, EventKind::Landed, ts, QStringLiteral("into %1 at %2").arg(branch, commit.left(12))));
}

Status JobStore::markDiscarded(const JobRecord &job, qint64 ts)
{
    QSqlQuery &q = prepared("UPDATE jobs SET discarded_at = ? WHERE job_id = ?");
    q.bindValue(0, ts);
    q.bindValue(1, job.jobId);
    if (Status s = execPrepared(q, "record discard"); !s)
        return s;
    return appendEvent(markEvent(job, EventKind::Discarded, ts, QStringLiteral("worktree and branch %1 removed").arg(job.worktreeBranch)));
}

Status JobStore::markCleaned(const QString &jobId, qint64 ts)
{
    QSqlQuery &q = prepared("UPDATE jobs SET cleaned_at = ? WHERE job_id = ?");
    q.bindValue(0, ts);
    q.bindValue(1, jobId);
    return execPrepared(q, "record gc");
}

Result<QStringList> JobStore::worktreeRepositories()
{
    QSqlQuery &q = prepared("SELECT DISTINCT repo_top FROM jobs WHERE isolation = 'worktree' AND repo_top IS NOT NULL "
                            "AND cleaned_at IS NULL ORDER BY repo_top");
    return stringColumn(q, "repo_top", "list worktree repositories");
}

Result<QList<JobRecord>> JobStore::worktreeJobs(const QString &runId)
{
    const QString sql = QStringLiteral("SELECT %1 FROM jobs WHERE isolation = 'worktree'%2 ORDER BY seq")
                            .arg(Rows::jobColumns(Rows::SpecColumn::Without),
                                 runId.isEmpty() ? QString() : QStringLiteral(" AND run_id = ?"));
    QSqlQuery &q = prepared(sql);
    if (!runId.isEmpty())
        q.bindValue(0, runId);
    return readJobs(q, "list worktree jobs");
}

} // namespace Orchestrator
