#include "jobstore.h"

#include <limits>

#include "store/rows.h"

// The append-only event feed: every change of a job appends one row, and
// that is what views and listeners follow.

namespace Orchestrator {

using namespace Rows;

Result<QList<EventRecord>> JobStore::events(const QString &jobId, qint64 afterId, int limit)
{
    static const QString all = QStringLiteral("SELECT ") + eventColumns() + QStringLiteral(" FROM events WHERE id > ? AND ? = 0 ORDER BY id LIMIT ?");
    static const QString ofJob =
        QStringLiteral("SELECT ") + eventColumns() + QStringLiteral(" FROM events WHERE id > ? AND job_id = ? ORDER BY id LIMIT ?");
    QSqlQuery &q = prepared(jobId.isEmpty() ? all : ofJob);
    q.bindValue(0, afterId);
    if (jobId.isEmpty())
        q.bindValue(1, 0);
    else
        q.bindValue(1, jobId);
    q.bindValue(2, limit > 0 ? qint64(limit) : std::numeric_limits<qint64>::max());
    if (Status s = execPrepared(q, "read events"); !s)
        return s.error();
    return readRows<EventRecord>(q, readEvent);
}

Result<qint64> JobStore::maxEventId()
{
    QSqlQuery &q = prepared("SELECT coalesce(max(id), 0) AS id FROM events");
    if (Status s = execPrepared(q, "read events"); !s)
        return s.error();
    const Row row(q);
    const qint64 id = q.next() ? row.number("id") : 0;
    q.finish();
    return id;
}

Status JobStore::appendEvent(const EventRecord &e)
{
    QSqlQuery &q = prepared(
        "INSERT INTO events(ts, job_id, run_id, kind, from_state, to_state, attempt, detail) VALUES(?,?,?,?,?,?,?,?)");
    int i = 0;
    q.bindValue(i++, e.ts ? e.ts : now());
    q.bindValue(i++, textOrNull(e.jobId));
    q.bindValue(i++, textOrNull(e.runId));
    q.bindValue(i++, toString(e.kind));
    q.bindValue(i++, stateOrNull(e.fromState));
    q.bindValue(i++, stateOrNull(e.toState));
    q.bindValue(i++, e.attempt);
    q.bindValue(i++, textOrNull(e.detail));
    // Every change of a job appends an event: that is what listeners follow.
    m_notifyPending = true;
    return execWrite(q, "append event");
}

} // namespace Orchestrator
