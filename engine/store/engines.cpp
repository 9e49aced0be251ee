#include "jobstore.h"

#include "store/rows.h"

// Engines working the database: their heartbeat rows, the leases of the
// jobs they run, and what is left of one that died.

namespace Orchestrator {

using namespace Rows;

Status JobStore::renewLeases(const QString &owner, qint64 leaseUntil)
{
    static const QString sql = QStringLiteral("UPDATE jobs SET lease_until = ? WHERE owner = ? AND state = ") + sqlState(JobState::Running);
    QSqlQuery &q = prepared(sql);
    q.bindValue(0, leaseUntil);
    q.bindValue(1, owner);
    return execPrepared(q, "renew leases");
}

Result<QStringList> JobStore::cancelRequested(const QString &owner)
{
    static const QString sql = QStringLiteral("SELECT job_id FROM jobs WHERE owner = ? AND state = ") + sqlState(JobState::Running)
        + QStringLiteral(" AND cancel_requested = 1");
    QSqlQuery &q = prepared(sql);
    q.bindValue(0, owner);
    return stringColumn(q, "job_id", "find cancel requests");
}

Result<QList<JobRecord>> JobStore::expiredLeases(qint64 ts)
{
    // PostgreSQL: locked until the recovery commits; a job another engine is
    // recovering right now is left to it.
    const QString sql = QStringLiteral("SELECT ") + jobColumns() + QStringLiteral(" FROM jobs WHERE state = ")
        + sqlState(JobState::Running) + QStringLiteral(" AND lease_until < ?")
        + (m_dialect == SqlDialect::Postgres ? QStringLiteral(" ORDER BY job_id FOR UPDATE SKIP LOCKED") : QString());
    QSqlQuery &q = prepared(sql);
    q.bindValue(0, ts);
    return readJobs(q, "find expired leases");
}

Result<QList<JobRecord>> JobStore::runningOnHost(const QString &host)
{
    static const QString sql = QStringLiteral("SELECT ") + jobColumns() + QStringLiteral(" FROM jobs WHERE state = ")
        + sqlState(JobState::Running) + QStringLiteral(" AND substr(owner, 1, ?) = ?");
    const QString prefix = host + QLatin1Char(':');
    QSqlQuery &q = prepared(sql);
    q.bindValue(0, int(prefix.size()));
    q.bindValue(1, prefix);
    return readJobs(q, "find jobs running on this host");
}

Result<QStringList> JobStore::enginesOnHost(const QString &host)
{
    QSqlQuery &q = prepared("SELECT owner FROM engines WHERE host = ? ORDER BY owner");
    q.bindValue(0, host);
    return stringColumn(q, "owner", "list engines on this host");
}

Status JobStore::heartbeat(const QString &owner, int workers, qint64 ts, const QString &name, int busy, qint64 jobsDone,
                           qint64 heartbeatMs)
{
    const QStringList parts = owner.split(QLatin1Char(':'));
    QSqlQuery &q = prepared(
        "INSERT INTO engines(owner, host, pid, workers, started_at, heartbeat_at, name, busy, jobs_done, heartbeat_ms) "
        "VALUES(?, ?, ?, ?, ?, ?, ?, ?, ?, ?) "
        "ON CONFLICT(owner) DO UPDATE SET workers = excluded.workers, heartbeat_at = excluded.heartbeat_at, "
        "name = excluded.name, busy = excluded.busy, jobs_done = excluded.jobs_done, heartbeat_ms = excluded.heartbeat_ms");
    q.bindValue(0, owner);
    q.bindValue(1, parts.value(0));
    q.bindValue(2, parts.value(1).toLongLong());
    q.bindValue(3, workers);
    q.bindValue(4, ts);
    q.bindValue(5, ts);
    q.bindValue(6, textOrNull(name));
    q.bindValue(7, busy);
    q.bindValue(8, jobsDone);
    q.bindValue(9, heartbeatMs);
    return execPrepared(q, "record engine heartbeat");
}

Result<QList<EngineRecord>> JobStore::engines()
{
    static const QString sql = QStringLiteral("SELECT ") + engineColumns() + QStringLiteral(" FROM engines ORDER BY coalesce(name, owner), owner");
    QSqlQuery &q = prepared(sql);
    if (Status s = execPrepared(q, "list engines"); !s)
        return s.error();
    return readRows<EngineRecord>(q, readEngine);
}

Status JobStore::removeEngine(const QString &owner)
{
    QSqlQuery &q = prepared("DELETE FROM engines WHERE owner = ?");
    q.bindValue(0, owner);
    return execPrepared(q, "remove engine");
}

Result<int> JobStore::liveEngines(qint64 since)
{
    QSqlQuery &q = prepared("SELECT count(*) AS engines FROM engines WHERE heartbeat_at > ?");
    q.bindValue(0, since);
    if (Status s = execPrepared(q, "count engines"); !s)
        return s.error();
    const Row row(q);
    const int count = q.next() ? row.integer("engines") : 0;
    q.finish();
    return count;
}

} // namespace Orchestrator
