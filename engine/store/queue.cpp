#include "jobstore.h"

#include <algorithm>
#include <tuple>

#include "store/rows.h"

// The queue: jobs that became ready, retries that are due, the jobs an
// engine may claim next, the claim itself and the repo lock it respects.

namespace Orchestrator {

using namespace Rows;

namespace {

// Every job downstream of `?` (transitively) that is in `state`, by submission.
QString downstreamIn(JobState state)
{
    return QStringLiteral("WITH RECURSIVE down(id) AS ("
                          "  SELECT job_id FROM job_deps WHERE depends_on = ?"
                          "  UNION SELECT d.job_id FROM job_deps d JOIN down ON d.depends_on = down.id) "
                          "SELECT j.job_id AS job_id FROM down CROSS JOIN jobs j ON j.job_id = down.id WHERE j.state = ")
        + sqlState(state) + QStringLiteral(" ORDER BY j.seq");
}

} // namespace

Result<QStringList> JobStore::releaseDependents(const QStringList &succeeded)
{
    if (succeeded.isEmpty())
        return QStringList();
    const QString marks = placeholders(succeeded.size());
    // PostgreSQL: the dependents are locked in one order (by id) before any
    // is changed, so two engines releasing overlapping dependents wait for
    // each other rather than deadlock. The count is read under the lock: the
    // second of two finishing parents sees the first one's decrement.
    const QString dependents = QStringLiteral("SELECT job_id FROM job_deps WHERE depends_on IN (%1)").arg(marks);
    const QString which = m_dialect == SqlDialect::Postgres
        ? QStringLiteral("= ANY(ARRAY(SELECT job_id FROM jobs WHERE job_id IN (%1) ORDER BY job_id FOR UPDATE))").arg(dependents)
        : QStringLiteral("IN (%1)").arg(dependents);
    QSqlQuery &q = prepared(QStringLiteral("UPDATE jobs SET pending_deps = pending_deps - "
                                           "(SELECT count(*) FROM job_deps d WHERE d.job_id = jobs.job_id AND d.depends_on IN (%1)) "
                                           "WHERE job_id %2 RETURNING job_id, seq, state, pending_deps")
                                .arg(marks, which));
    int i = 0;
    for (int pass = 0; pass < 2; ++pass) {
        for (const QString &id : succeeded)
            q.bindValue(i++, id);
    }
    if (Status s = execPrepared(q, "count down dependencies"); !s)
        return s.error();
    QList<std::pair<qint64, QString>> ready;
    const Row row(q);
    const QString waiting = toString(JobState::Waiting);
    while (q.next()) {
        if (row.integer("pending_deps") <= 0 && row.text("state") == waiting)
            ready.append({row.number("seq"), row.text("job_id")});
    }
    q.finish();
    std::sort(ready.begin(), ready.end());
    QStringList out;
    for (const auto &entry : std::as_const(ready))
        out.append(entry.second);
    return out;
}

Result<QStringList> JobStore::waitingDownstream(const QString &jobId)
{
    static const QString sql = downstreamIn(JobState::Waiting);
    QSqlQuery &q = prepared(sql);
    q.bindValue(0, jobId);
    return stringColumn(q, "job_id", "find downstream jobs");
}

Result<QStringList> JobStore::upstreamFailedDownstream(const QString &jobId)
{
    static const QString sql = downstreamIn(JobState::UpstreamFailed);
    QSqlQuery &q = prepared(sql);
    q.bindValue(0, jobId);
    return stringColumn(q, "job_id", "find downstream jobs");
}

Result<QStringList> JobStore::dueRetries(qint64 ts)
{
    static const QString sql = QStringLiteral("SELECT job_id FROM jobs WHERE state = ") + sqlState(JobState::RetryWaiting)
        + QStringLiteral(" AND next_attempt_at <= ? ORDER BY next_attempt_at, seq");
    QSqlQuery &q = prepared(sql);
    q.bindValue(0, ts);
    return stringColumn(q, "job_id", "find due retries");
}

Result<std::optional<qint64>> JobStore::nextRetryTime()
{
    static const QString sql =
        QStringLiteral("SELECT min(next_attempt_at) AS next FROM jobs WHERE state = ") + sqlState(JobState::RetryWaiting);
    QSqlQuery &q = prepared(sql);
    if (Status s = execPrepared(q, "find next retry"); !s)
        return s.error();
    std::optional<qint64> out;
    const Row row(q);
    if (q.next())
        out = row.optional<qint64>("next");
    q.finish();
    return out;
}

Result<QStringList> JobStore::candidates(int limit, const QStringList &runIds, const QStringList &onlyJobs)
{
    // PostgreSQL: the rows are locked until the claims commit; rows another
    // worker is claiming right now are skipped, not waited for.
    const QString lock = m_dialect == SqlDialect::Postgres ? QStringLiteral(" FOR UPDATE SKIP LOCKED") : QString();
    static const QString queued = QStringLiteral(" FROM jobs WHERE state = ") + sqlState(JobState::Queued);
    if (!onlyJobs.isEmpty()) {
        // run-job: exactly these jobs, in priority order.
        QSqlQuery &q = prepared(QStringLiteral("SELECT job_id, priority, seq") + queued + QStringLiteral(" AND job_id = ?") + lock);
        QList<std::tuple<int, qint64, QString>> found;
        for (const QString &id : onlyJobs) {
            q.bindValue(0, id);
            if (Status s = execPrepared(q, "find queued jobs"); !s)
                return s.error();
            const Row row(q);
            if (q.next())
                found.append({-row.integer("priority"), row.number("seq"), row.text("job_id")});
            q.finish();
        }
        std::sort(found.begin(), found.end());
        QStringList out;
        for (const auto &entry : found) {
            if (out.size() == limit)
                break;
            out.append(std::get<2>(entry));
        }
        return out;
    }
    if (runIds.size() > 1) {
        QSqlQuery q(m_db);
        q.prepare(QStringLiteral("SELECT job_id") + queued
                  + QStringLiteral(" AND run_id IN (%1) ORDER BY priority DESC, seq LIMIT %2").arg(placeholders(runIds.size())).arg(limit)
                  + lock);
        for (qsizetype i = 0; i < runIds.size(); ++i)
            q.bindValue(int(i), runIds.at(i));
        return stringColumn(q, "job_id", "find queued jobs");
    }
    QSqlQuery &q = prepared(QStringLiteral("SELECT job_id") + queued
                            + (runIds.isEmpty() ? QStringLiteral(" AND ? = 0") : QStringLiteral(" AND run_id = ?"))
                            + QStringLiteral(" ORDER BY priority DESC, seq LIMIT ?") + lock);
    if (runIds.isEmpty())
        q.bindValue(0, 0);
    else
        q.bindValue(0, runIds.first());
    q.bindValue(1, limit);
    return stringColumn(q, "job_id", "find queued jobs");
}

Result<bool> JobStore::hasQueued(const QStringList &runIds)
{
    static const QString sql = QStringLiteral("SELECT 1 AS found FROM jobs WHERE state = ") + sqlState(JobState::Queued)
        + QStringLiteral(" AND (? = 0 OR run_id = ?) LIMIT 1");
    QSqlQuery &q = prepared(sql);
    // Several runs: any queued job at all is reason enough to look closer.
    const QString run = runIds.size() == 1 ? runIds.first() : QString();
    q.bindValue(0, run.isEmpty() ? 0 : 1);
    q.bindValue(1, run);
    if (Status s = execPrepared(q, "find queued jobs"); !s)
        return s.error();
    const bool found = q.next();
    q.finish();
    return found;
}

Result<bool> JobStore::hasUnfinished()
{
    static const QString sql = [] {
        QStringList unfinished;
        for (JobState state : kAllJobStates) {
            if (!isFinal(state))
                unfinished.append(sqlState(state));
        }
        return QStringLiteral("SELECT 1 AS found FROM jobs WHERE state IN (%1) LIMIT 1").arg(unfinished.join(QStringLiteral(", ")));
    }();
    QSqlQuery &q = prepared(sql);
    if (Status s = execPrepared(q, "find unfinished jobs"); !s)
        return s.error();
    const bool found = q.next();
    q.finish();
    return found;
}

Result<int> JobStore::queuedAhead(const JobRecord &job)
{
    static const QString sql = QStringLiteral("SELECT count(*) AS ahead FROM jobs WHERE state = ") + sqlState(JobState::Queued)
        + QStringLiteral(" AND (priority > ? OR (priority = ? AND seq < ?))");
    QSqlQuery &q = prepared(sql);
    q.bindValue(0, int(job.priority));
    q.bindValue(1, int(job.priority));
    q.bindValue(2, job.seq);
    if (Status s = execPrepared(q, "count queued jobs"); !s)
        return s.error();
    const Row row(q);
    const int count = q.next() ? row.integer("ahead") : 0;
    q.finish();
    return count;
}

Result<QList<JobRecord>> JobStore::claimBatch(int limit, const QStringList &runIds, const QString &owner, qint64 leaseUntil,
                                              qint64 ts)
{
    // PostgreSQL: rows another engine is claiming now are skipped, not waited
    // for; and the pick is an array, computed once: as an IN subquery the
    // planner may scan it again per row, and each scan would skip the rows
    // this very statement has just claimed and pick the next ones.
    const bool postgres = m_dialect == SqlDialect::Postgres;
    const QString runs = runIds.isEmpty() ? QString() : QStringLiteral(" AND run_id IN (%1)").arg(placeholders(runIds.size()));
    QSqlQuery &q = prepared(
        QStringLiteral("UPDATE jobs SET state = ") + sqlState(JobState::Running)
        + QStringLiteral(", owner = ?, lease_until = ?, attempts = attempts + 1, started_at = ?, state_changed_at = ?, "
                         "finished_at = NULL, cancel_requested = 0, reason = NULL, next_attempt_at = NULL WHERE job_id ")
        + (postgres ? QStringLiteral("= ANY(ARRAY(") : QStringLiteral("IN ("))
        + QStringLiteral("SELECT job_id FROM jobs WHERE state = ")
        + sqlState(JobState::Queued) + runs + QStringLiteral(" ORDER BY priority DESC, seq LIMIT ?")
        + (postgres ? QStringLiteral(" FOR UPDATE SKIP LOCKED))") : QStringLiteral(")"))
        // SQLite: "+state" keeps the outer UPDATE on the primary key; with
        // the state index it would scan every queued row per claim (a queue
        // of N jobs claimed in N / slots ticks: quadratic).
        + (postgres ? QStringLiteral(" AND state = ") : QStringLiteral(" AND +state = ")) + sqlState(JobState::Queued)
        + QStringLiteral(" AND NOT (edits_repo = 1 AND isolation = 'none') "
                         "AND NOT EXISTS (SELECT 1 FROM settings WHERE key = '")
        + QLatin1String(kPausedSetting) + QStringLiteral("' AND value = '1') RETURNING ") + jobColumns());
    int i = 0;
    q.bindValue(i++, owner);
    q.bindValue(i++, leaseUntil);
    q.bindValue(i++, ts);
    q.bindValue(i++, ts);
    for (const QString &run : runIds)
        q.bindValue(i++, run);
    q.bindValue(i++, limit);
    auto claimed = readJobs(q, "claim jobs");
    if (!claimed)
        return claimed.error();
    std::sort(claimed->begin(), claimed->end(), [](const JobRecord &a, const JobRecord &b) {
        return a.priority != b.priority ? a.priority > b.priority : a.seq < b.seq;
    });
    m_notifyPending = m_notifyPending || !claimed->isEmpty();
    return claimed;
}

Result<bool> JobStore::claim(const QString &jobId, const QString &owner, qint64 leaseUntil, qint64 ts)
{
    static const QString sql =
        QStringLiteral("UPDATE jobs SET state = ") + sqlState(JobState::Running)
        + QStringLiteral(", owner = ?, lease_until = ?, attempts = attempts + 1, started_at = ?, "
                         "state_changed_at = ?, finished_at = NULL, cancel_requested = 0, reason = NULL, next_attempt_at = NULL "
                         "WHERE job_id = ? AND state = ")
        + sqlState(JobState::Queued)
        + QStringLiteral(" AND NOT (edits_repo = 1 AND isolation = 'none' AND EXISTS ("
                         "  SELECT 1 FROM jobs r WHERE r.state = ")
        + sqlState(JobState::Running) + QStringLiteral(" AND r.edits_repo = 1 AND r.isolation = 'none' AND r.repo_root = jobs.repo_root))");
    QSqlQuery &q = prepared(sql);
    q.bindValue(0, owner);
    q.bindValue(1, leaseUntil);
    q.bindValue(2, ts);
    q.bindValue(3, ts);
    q.bindValue(4, jobId);
    if (Status s = execPrepared(q, "claim job"); !s)
        return s.error();
    const bool claimed = q.numRowsAffected() == 1;
    m_notifyPending = m_notifyPending || claimed;
    return claimed;
}

Result<int> JobStore::runningAttemptsOf(const QString &tool)
{
    QSqlQuery &q = prepared("SELECT COUNT(*) AS n FROM step_attempts WHERE status = 'running' AND step_name = ?");
    q.bindValue(0, tool);
    if (Status s = execPrepared(q, "count running attempts"); !s)
        return s.error();
    const int count = q.next() ? q.value(0).toInt() : 0;
    q.finish();
    return count;
}

Result<QString> JobStore::repoLockHolder(const QString &jobId)
{
    static const QString sql =
        QStringLiteral("SELECT r.job_id AS job_id FROM jobs j JOIN jobs r ON r.repo_root = j.repo_root AND r.edits_repo = 1 AND r.isolation = 'none' "
                       "AND r.state = ")
        + sqlState(JobState::Running)
        + QStringLiteral(" AND r.job_id != j.job_id WHERE j.job_id = ? AND j.edits_repo = 1 AND j.isolation = 'none' LIMIT 1");
    QSqlQuery &q = prepared(sql);
    q.bindValue(0, jobId);
    auto holder = stringColumn(q, "job_id", "find repo lock");
    if (!holder)
        return holder.error();
    return holder->value(0);
}

} // namespace Orchestrator
