#include "jobstore.h"

#include <limits>

#include <QDateTime>
#include <QJsonArray>
#include <QJsonDocument>
#include <QSqlError>
#include <QSqlRecord>
#include <QVariant>

#include "store/database.h"

namespace Orchestrator {

namespace {

#define JOB_COLUMNS                                                                              \
    "seq, job_id, run_id, workstream_id, tool, priority, state, spec, source_file, command, env, " \
    "repo_root, working_dir, log_file, error_report, timeout_seconds, retry_policy, edits_repo, "  \
    "attempts, budget_base, next_attempt_at, next_tool, last_exit_code, last_outcome, owner, "     \
    "lease_until, cancel_requested, reason, submitted_at, state_changed_at, started_at, finished_at, on_crash, crashes"

QVariant optionalValue(const std::optional<qint64> &value)
{
    return value ? QVariant(*value) : QVariant(QMetaType(QMetaType::LongLong));
}

QVariant optionalValue(const std::optional<int> &value)
{
    return value ? QVariant(*value) : QVariant(QMetaType(QMetaType::Int));
}

QVariant textOrNull(const QString &text)
{
    return text.isEmpty() ? QVariant(QMetaType(QMetaType::QString)) : QVariant(text);
}

template<typename T>
std::optional<T> optionalFrom(const QVariant &value)
{
    if (value.isNull())
        return std::nullopt;
    return value.value<T>();
}

QByteArray toJson(const QStringList &list)
{
    return QJsonDocument(QJsonArray::fromStringList(list)).toJson(QJsonDocument::Compact);
}

QByteArray toJson(const QMap<QString, QString> &map)
{
    QJsonObject object;
    for (auto it = map.cbegin(); it != map.cend(); ++it)
        object.insert(it.key(), it.value());
    return QJsonDocument(object).toJson(QJsonDocument::Compact);
}

QString stateName(JobState state) { return toString(state); }

} // namespace

JobRecord jobFromQuery(const QSqlQuery &q)
{
    JobRecord r;
    r.seq = q.value(0).toLongLong();
    r.jobId = q.value(1).toString();
    r.runId = q.value(2).toString();
    r.workstreamId = q.value(3).toString();
    r.tool = q.value(4).toString();
    r.priority = Priority(qBound(0, q.value(5).toInt(), 3));
    r.state = jobStateFromString(q.value(6).toString()).value_or(JobState::Failed);
    r.spec = q.value(7).toByteArray();
    r.sourceFile = q.value(8).toString();
    const QJsonArray command = QJsonDocument::fromJson(q.value(9).toByteArray()).array();
    for (const QJsonValue &part : command)
        r.command.append(part.toString());
    const QJsonObject env = QJsonDocument::fromJson(q.value(10).toByteArray()).object();
    for (auto it = env.constBegin(); it != env.constEnd(); ++it)
        r.env.insert(it.key(), it.value().toString());
    r.repoRoot = q.value(11).toString();
    r.workingDir = q.value(12).toString();
    r.logFile = q.value(13).toString();
    r.errorReport = q.value(14).toString();
    r.timeoutSeconds = q.value(15).toInt();
    r.retry = RetryPolicy::fromCanonicalJson(QJsonDocument::fromJson(q.value(16).toByteArray()).object());
    r.editsRepo = q.value(17).toBool();
    r.attempts = q.value(18).toInt();
    r.budgetBase = q.value(19).toInt();
    r.nextAttemptAt = optionalFrom<qint64>(q.value(20));
    r.nextTool = q.value(21).toString();
    r.lastExitCode = optionalFrom<int>(q.value(22));
    r.lastOutcome = q.value(23).toString();
    r.owner = q.value(24).toString();
    r.leaseUntil = optionalFrom<qint64>(q.value(25));
    r.cancelRequested = q.value(26).toBool();
    r.reason = q.value(27).toString();
    r.submittedAt = q.value(28).toLongLong();
    r.stateChangedAt = q.value(29).toLongLong();
    r.startedAt = optionalFrom<qint64>(q.value(30));
    r.finishedAt = optionalFrom<qint64>(q.value(31));
    r.failOnCrash = q.value(32).toInt() == 1;
    r.crashes = q.value(33).toInt();
    return r;
}

JobStore::JobStore(QSqlDatabase db)
    : m_db(std::move(db))
    , m_dialect(Dialect::of(m_db))
{
}

qint64 JobStore::now() { return QDateTime::currentMSecsSinceEpoch(); }

QSqlQuery &JobStore::prepared(const char *sql)
{
    auto &slot = m_queries[sql];
    if (!slot) {
        slot = std::make_unique<QSqlQuery>(m_db);
        slot->setForwardOnly(true);
        slot->prepare(Dialect::translate(m_dialect, QString::fromUtf8(sql)));
    }
    return *slot;
}

Status JobStore::execPrepared(QSqlQuery &query, const char *what)
{
    if (!query.exec()) {
        const QString file = databaseFile(m_db);
        const QString why = describeSqlError(query.lastError(), file);
        return Error::make(sqlErrorCode(query.lastError()),
                           file + QStringLiteral(": ") + QString::fromLatin1(what) + QStringLiteral(": ") + why);
    }
    return {};
}

Result<QStringList> JobStore::stringColumn(QSqlQuery &query, const char *what)
{
    if (Status s = execPrepared(query, what); !s)
        return s.error();
    QStringList out;
    while (query.next())
        out.append(query.value(0).toString());
    query.finish();
    return out;
}

Status JobStore::begin()
{
    m_notifyPending = false;
    if (m_dialect == SqlDialect::Sqlite) {
        QSqlQuery &q = prepared("BEGIN IMMEDIATE");
        return execPrepared(q, "begin transaction");
    }
    // PostgreSQL prepares no transaction control: these run as they are.
    if (Status s = execDirect(QStringLiteral("BEGIN"), "begin transaction"); !s)
        return s;
    QSqlQuery &lock = prepared("SELECT pg_advisory_xact_lock(?)");
    lock.bindValue(0, Dialect::kWriteLockKey);
    if (Status s = execPrepared(lock, "take the write lock"); !s) {
        rollback();
        return s;
    }
    lock.finish();
    return {};
}

Status JobStore::commit()
{
    if (m_dialect == SqlDialect::Sqlite) {
        QSqlQuery &q = prepared("COMMIT");
        return execPrepared(q, "commit");
    }
    if (std::exchange(m_notifyPending, false)) {
        // Delivered to listeners only if the transaction commits.
        if (Status s = execDirect(QStringLiteral("NOTIFY ") + QLatin1String(kNotifyChannel), "notify listeners"); !s)
            return s;
    }
    return execDirect(QStringLiteral("COMMIT"), "commit");
}

Status JobStore::execDirect(const QString &sql, const char *what)
{
    QSqlQuery q(m_db);
    if (!q.exec(sql)) {
        const QString file = databaseFile(m_db);
        return Error::make(sqlErrorCode(q.lastError()), file + QStringLiteral(": ") + QString::fromLatin1(what) + QStringLiteral(": ")
                                                            + describeSqlError(q.lastError(), file));
    }
    return {};
}

void JobStore::rollback()
{
    m_notifyPending = false;
    QSqlQuery q(m_db);
    q.exec(QStringLiteral("ROLLBACK"));
}

void JobStore::forgetPrepared()
{
    m_queries.clear();
    m_notifyPending = false;
}

void JobStore::rebind(QSqlDatabase db)
{
    forgetPrepared();
    m_db = std::move(db);
}

Status JobStore::ensureRun(const QString &runId, qint64 ts)
{
    QSqlQuery &q = prepared("INSERT OR IGNORE INTO runs(run_id, created_at) VALUES(?, ?)");
    q.bindValue(0, runId);
    q.bindValue(1, ts);
    return execPrepared(q, "create run");
}

Status JobStore::setRunTitle(const QString &runId, const QString &title)
{
    QSqlQuery &q = prepared("UPDATE runs SET title = ? WHERE run_id = ?");
    q.bindValue(0, title);
    q.bindValue(1, runId);
    return execPrepared(q, "set run title");
}

Result<QHash<QString, QString>> JobStore::runTitles()
{
    QSqlQuery &q = prepared("SELECT run_id, title FROM runs WHERE title IS NOT NULL AND title <> ''");
    if (Status s = execPrepared(q, "read run titles"); !s)
        return s.error();
    QHash<QString, QString> out;
    while (q.next())
        out.insert(q.value(0).toString(), q.value(1).toString());
    q.finish();
    return out;
}

Status JobStore::ensureWorkstream(const QString &runId, const QString &workstreamId, qint64 ts)
{
    QSqlQuery &q = prepared("INSERT OR IGNORE INTO workstreams(run_id, workstream_id, created_at) VALUES(?, ?, ?)");
    q.bindValue(0, runId);
    q.bindValue(1, workstreamId);
    q.bindValue(2, ts);
    return execPrepared(q, "create workstream");
}

Status JobStore::insertJob(const NewJob &job)
{
    const JobRecord &r = job.record;
    QSqlQuery &q = prepared(
        "INSERT INTO jobs(job_id, run_id, workstream_id, tool, priority, state, spec, source_file, command, env, "
        "repo_root, working_dir, log_file, error_report, timeout_seconds, retry_policy, edits_repo, reason, "
        "submitted_at, state_changed_at, on_crash) VALUES(?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)");
    int i = 0;
    q.bindValue(i++, r.jobId);
    q.bindValue(i++, r.runId);
    q.bindValue(i++, r.workstreamId);
    q.bindValue(i++, r.tool);
    q.bindValue(i++, int(r.priority));
    q.bindValue(i++, stateName(r.state));
    q.bindValue(i++, QString::fromUtf8(r.spec));
    q.bindValue(i++, r.sourceFile);
    q.bindValue(i++, QString::fromUtf8(toJson(r.command)));
    q.bindValue(i++, QString::fromUtf8(toJson(r.env)));
    q.bindValue(i++, r.repoRoot);
    q.bindValue(i++, r.workingDir);
    q.bindValue(i++, r.logFile);
    q.bindValue(i++, r.errorReport);
    q.bindValue(i++, r.timeoutSeconds);
    q.bindValue(i++, QString::fromUtf8(QJsonDocument(r.retry.toJson()).toJson(QJsonDocument::Compact)));
    q.bindValue(i++, r.editsRepo ? 1 : 0);
    q.bindValue(i++, textOrNull(r.reason));
    q.bindValue(i++, r.submittedAt);
    q.bindValue(i++, r.submittedAt);
    q.bindValue(i++, r.failOnCrash ? 1 : 0);
    if (Status s = execPrepared(q, "insert job"); !s)
        return s;

    QSqlQuery &dep = prepared("INSERT OR IGNORE INTO job_deps(job_id, depends_on) VALUES(?, ?)");
    for (const QString &d : job.dependencies) {
        dep.bindValue(0, r.jobId);
        dep.bindValue(1, d);
        if (Status s = execPrepared(dep, "insert dependency"); !s)
            return s;
    }
    EventRecord event;
    event.ts = r.submittedAt;
    event.jobId = r.jobId;
    event.runId = r.runId;
    event.kind = QStringLiteral("submitted");
    event.toState = stateName(r.state);
    event.detail = r.reason;
    return appendEvent(event);
}

Result<std::optional<JobRecord>> JobStore::job(const QString &jobId)
{
    QSqlQuery &q = prepared("SELECT " JOB_COLUMNS " FROM jobs WHERE job_id = ?");
    q.bindValue(0, jobId);
    if (Status s = execPrepared(q, "read job"); !s)
        return s.error();
    std::optional<JobRecord> out;
    if (q.next())
        out = jobFromQuery(q);
    q.finish();
    return out;
}

Result<QList<JobRecord>> JobStore::jobs(const JobFilter &filter)
{
    QString sql = QStringLiteral("SELECT " JOB_COLUMNS " FROM jobs WHERE 1=1");
    if (!filter.withSpec)
        sql.replace(QStringLiteral(" spec,"), QStringLiteral(" NULL,"));
    QVariantList binds;
    if (!filter.runId.isEmpty()) {
        sql += QStringLiteral(" AND run_id = ?");
        binds.append(filter.runId);
    }
    if (!filter.workstreamId.isEmpty()) {
        sql += QStringLiteral(" AND workstream_id = ?");
        binds.append(filter.workstreamId);
    }
    if (!filter.tool.isEmpty()) {
        sql += QStringLiteral(" AND tool = ?");
        binds.append(filter.tool);
    }
    if (!filter.states.isEmpty()) {
        QStringList marks;
        for (JobState state : filter.states) {
            marks.append(QStringLiteral("?"));
            binds.append(stateName(state));
        }
        sql += QStringLiteral(" AND state IN (") + marks.join(QLatin1Char(',')) + QLatin1Char(')');
    }
    if (filter.afterSeq > 0) {
        sql += QStringLiteral(" AND seq > ?");
        binds.append(filter.afterSeq);
    }
    sql += QStringLiteral(" ORDER BY seq");
    if (filter.limit > 0)
        sql += QStringLiteral(" LIMIT %1").arg(filter.limit);
    QSqlQuery q(m_db);
    q.setForwardOnly(true);
    q.prepare(sql);
    for (int i = 0; i < binds.size(); ++i)
        q.bindValue(i, binds.at(i));
    if (Status s = execPrepared(q, "list jobs"); !s)
        return s.error();
    QList<JobRecord> out;
    while (q.next())
        out.append(jobFromQuery(q));
    return out;
}

Result<QHash<QString, JobState>> JobStore::states(const QStringList &jobIds)
{
    QHash<QString, JobState> out;
    QSqlQuery &q = prepared("SELECT state FROM jobs WHERE job_id = ?");
    for (const QString &id : jobIds) {
        q.bindValue(0, id);
        if (Status s = execPrepared(q, "read job state"); !s)
            return s.error();
        if (q.next())
            out.insert(id, jobStateFromString(q.value(0).toString()).value_or(JobState::Failed));
        q.finish();
    }
    return out;
}

Result<QStringList> JobStore::dependencies(const QString &jobId)
{
    QSqlQuery &q = prepared("SELECT depends_on FROM job_deps WHERE job_id = ? ORDER BY depends_on");
    q.bindValue(0, jobId);
    return stringColumn(q, "read dependencies");
}

Result<QStringList> JobStore::dependents(const QString &jobId)
{
    QSqlQuery &q = prepared("SELECT job_id FROM job_deps WHERE depends_on = ? ORDER BY job_id");
    q.bindValue(0, jobId);
    return stringColumn(q, "read dependents");
}

namespace {

#define ATTEMPT_COLUMNS \
    "job_id, run_id, attempt, step_name, status, owner, started_at, finished_at, exit_code, signal, " \
    "timed_out, duration_ms, reason, log_file, error_report"

AttemptRecord attemptFromQuery(const QSqlQuery &q)
{
    AttemptRecord a;
    a.jobId = q.value(0).toString();
    a.runId = q.value(1).toString();
    a.attempt = q.value(2).toInt();
    a.tool = q.value(3).toString();
    a.status = q.value(4).toString();
    a.owner = q.value(5).toString();
    a.startedAt = optionalFrom<qint64>(q.value(6));
    a.finishedAt = optionalFrom<qint64>(q.value(7));
    a.exitCode = optionalFrom<int>(q.value(8));
    a.signal = optionalFrom<int>(q.value(9));
    a.timedOut = q.value(10).toBool();
    a.durationMs = optionalFrom<qint64>(q.value(11));
    a.reason = q.value(12).toString();
    a.logFile = q.value(13).toString();
    a.errorReport = q.value(14).toString();
    return a;
}

} // namespace

Result<QList<AttemptRecord>> JobStore::attempts(const QString &jobId)
{
    return readAttempts(prepared("SELECT " ATTEMPT_COLUMNS " FROM step_attempts WHERE job_id = ? ORDER BY attempt"), jobId,
                        "read attempts");
}

Result<QList<AttemptRecord>> JobStore::runAttempts(const QString &runId)
{
    return readAttempts(prepared("SELECT " ATTEMPT_COLUMNS " FROM step_attempts WHERE run_id = ? ORDER BY started_at, id"), runId,
                        "read the run's attempts");
}

Result<QList<AttemptRecord>> JobStore::readAttempts(QSqlQuery &q, const QString &key, const char *what)
{
    q.bindValue(0, key);
    if (Status s = execPrepared(q, what); !s)
        return s.error();
    QList<AttemptRecord> out;
    while (q.next())
        out.append(attemptFromQuery(q));
    q.finish();
    return out;
}

Result<QList<std::pair<QString, QString>>> JobStore::runDependencies(const QString &runId)
{
    QSqlQuery &q = prepared("SELECT d.job_id, d.depends_on FROM job_deps d JOIN jobs j ON j.job_id = d.job_id "
                            "WHERE j.run_id = ? ORDER BY d.job_id, d.depends_on");
    q.bindValue(0, runId);
    if (Status s = execPrepared(q, "read the run's dependencies"); !s)
        return s.error();
    QList<std::pair<QString, QString>> out;
    while (q.next())
        out.append({q.value(0).toString(), q.value(1).toString()});
    q.finish();
    return out;
}

Result<QList<EventRecord>> JobStore::events(const QString &jobId, qint64 afterId, int limit)
{
    QSqlQuery &q = jobId.isEmpty()
        ? prepared("SELECT id, ts, job_id, run_id, kind, from_state, to_state, attempt, detail FROM events "
                   "WHERE id > ? AND ? = 0 ORDER BY id LIMIT ?")
        : prepared("SELECT id, ts, job_id, run_id, kind, from_state, to_state, attempt, detail FROM events "
                   "WHERE id > ? AND job_id = ? ORDER BY id LIMIT ?");
    q.bindValue(0, afterId);
    if (jobId.isEmpty())
        q.bindValue(1, 0);
    else
        q.bindValue(1, jobId);
    q.bindValue(2, limit > 0 ? qint64(limit) : std::numeric_limits<qint64>::max());
    if (Status s = execPrepared(q, "read events"); !s)
        return s.error();
    QList<EventRecord> out;
    while (q.next()) {
        EventRecord e;
        e.id = q.value(0).toLongLong();
        e.ts = q.value(1).toLongLong();
        e.jobId = q.value(2).toString();
        e.runId = q.value(3).toString();
        e.kind = q.value(4).toString();
        e.fromState = q.value(5).toString();
        e.toState = q.value(6).toString();
        e.attempt = q.value(7).toInt();
        e.detail = q.value(8).toString();
        out.append(e);
    }
    q.finish();
    return out;
}

Result<QList<RunRecord>> JobStore::runs(int limit)
{
    QSqlQuery &q = prepared(
        "SELECT r.run_id, r.created_at, j.state, count(j.job_id), r.title FROM runs r LEFT JOIN jobs j ON j.run_id = r.run_id "
        "GROUP BY r.run_id, j.state ORDER BY r.created_at DESC, r.run_id");
    if (Status s = execPrepared(q, "list runs"); !s)
        return s.error();
    QList<RunRecord> out;
    while (q.next()) {
        const QString runId = q.value(0).toString();
        if (out.isEmpty() || out.last().runId != runId) {
            if (limit > 0 && out.size() == limit)
                break;
            RunRecord run;
            run.runId = runId;
            run.createdAt = q.value(1).toLongLong();
            run.title = q.value(4).toString();
            out.append(run);
        }
        if (!q.value(2).isNull()) {
            const int n = q.value(3).toInt();
            out.last().stateCounts.insert(q.value(2).toString(), n);
            out.last().total += n;
        }
    }
    q.finish();
    return out;
}

Result<QMap<QString, int>> JobStore::stateCounts(const QString &runId)
{
    QSqlQuery &q = prepared("SELECT state, count(*) FROM jobs WHERE (? = 0 OR run_id = ?) GROUP BY state");
    q.bindValue(0, runId.isEmpty() ? 0 : 1);
    q.bindValue(1, runId);
    if (Status s = execPrepared(q, "count jobs"); !s)
        return s.error();
    QMap<QString, int> out;
    while (q.next())
        out.insert(q.value(0).toString(), q.value(1).toInt());
    q.finish();
    return out;
}

Result<qint64> JobStore::maxEventId()
{
    QSqlQuery &q = prepared("SELECT coalesce(max(id), 0) FROM events");
    if (Status s = execPrepared(q, "read events"); !s)
        return s.error();
    const qint64 id = q.next() ? q.value(0).toLongLong() : 0;
    q.finish();
    return id;
}

Result<bool> JobStore::transition(const Transition &t)
{
    const qint64 ts = now();
    QSqlQuery &q = prepared(
        "UPDATE jobs SET state = ?, state_changed_at = ?, reason = ?, next_attempt_at = ?, next_tool = ?, "
        "last_exit_code = coalesce(?, last_exit_code), last_outcome = coalesce(?, last_outcome), "
        "owner = CASE WHEN ? = 1 THEN NULL ELSE owner END, lease_until = CASE WHEN ? = 1 THEN NULL ELSE lease_until END, "
        "finished_at = CASE WHEN ? = 1 THEN ? ELSE finished_at END "
        "WHERE job_id = ? AND state = ? AND (? = 0 OR owner = ?) AND (? = 0 OR attempts = ?)");
    int i = 0;
    q.bindValue(i++, stateName(t.to));
    q.bindValue(i++, ts);
    q.bindValue(i++, textOrNull(t.reason));
    q.bindValue(i++, optionalValue(t.nextAttemptAt));
    q.bindValue(i++, textOrNull(t.nextTool));
    q.bindValue(i++, optionalValue(t.lastExitCode));
    q.bindValue(i++, textOrNull(t.lastOutcome));
    q.bindValue(i++, t.clearOwner ? 1 : 0);
    q.bindValue(i++, t.clearOwner ? 1 : 0);
    q.bindValue(i++, t.setFinished ? 1 : 0);
    q.bindValue(i++, ts);
    q.bindValue(i++, t.jobId);
    q.bindValue(i++, stateName(t.from));
    q.bindValue(i++, t.owner.isEmpty() ? 0 : 1);
    q.bindValue(i++, t.owner);
    q.bindValue(i++, t.attempt);
    q.bindValue(i++, t.attempt);
    if (Status s = execPrepared(q, "change job state"); !s)
        return s.error();
    if (q.numRowsAffected() != 1)
        return false;

    EventRecord event;
    event.ts = ts;
    event.jobId = t.jobId;
    if (!t.runId.isEmpty() && t.attempt > 0) {
        event.runId = t.runId;
        event.attempt = t.attempt;
    } else {
        QSqlQuery &run = prepared("SELECT run_id, attempts FROM jobs WHERE job_id = ?");
        run.bindValue(0, t.jobId);
        if (Status s = execPrepared(run, "read job"); !s)
            return s.error();
        if (run.next()) {
            event.runId = run.value(0).toString();
            event.attempt = run.value(1).toInt();
        }
        run.finish();
    }
    event.kind = t.kind.isEmpty() ? QStringLiteral("state") : t.kind;
    event.fromState = stateName(t.from);
    event.toState = stateName(t.to);
    event.detail = t.reason;
    if (Status s = appendEvent(event); !s)
        return s.error();
    return true;
}

Result<QStringList> JobStore::readyDependents(const QString &jobId)
{
    QSqlQuery &q = prepared(
        // CROSS JOIN keeps SQLite from driving the query from every waiting job.
        "SELECT j.job_id FROM job_deps d CROSS JOIN jobs j ON j.job_id = d.job_id "
        "WHERE d.depends_on = ? AND j.state = 'waiting' AND NOT EXISTS ("
        "  SELECT 1 FROM job_deps d2 JOIN jobs up ON up.job_id = d2.depends_on "
        "  WHERE d2.job_id = j.job_id AND up.state != 'succeeded') ORDER BY j.seq");
    q.bindValue(0, jobId);
    return stringColumn(q, "find ready dependents");
}

Result<QStringList> JobStore::waitingDownstream(const QString &jobId)
{
    QSqlQuery &q = prepared(
        "WITH RECURSIVE down(id) AS ("
        "  SELECT job_id FROM job_deps WHERE depends_on = ?"
        "  UNION SELECT d.job_id FROM job_deps d JOIN down ON d.depends_on = down.id) "
        "SELECT j.job_id FROM down CROSS JOIN jobs j ON j.job_id = down.id WHERE j.state = 'waiting' ORDER BY j.seq");
    q.bindValue(0, jobId);
    return stringColumn(q, "find downstream jobs");
}

Result<QStringList> JobStore::upstreamFailedDownstream(const QString &jobId)
{
    QSqlQuery &q = prepared(
        "WITH RECURSIVE down(id) AS ("
        "  SELECT job_id FROM job_deps WHERE depends_on = ?"
        "  UNION SELECT d.job_id FROM job_deps d JOIN down ON d.depends_on = down.id) "
        "SELECT j.job_id FROM down CROSS JOIN jobs j ON j.job_id = down.id WHERE j.state = 'upstream_failed' ORDER BY j.seq");
    q.bindValue(0, jobId);
    return stringColumn(q, "find downstream jobs");
}

Result<QStringList> JobStore::dueRetries(qint64 ts)
{
    QSqlQuery &q = prepared(
        "SELECT job_id FROM jobs WHERE state = 'retry_waiting' AND next_attempt_at <= ? ORDER BY next_attempt_at, seq");
    q.bindValue(0, ts);
    return stringColumn(q, "find due retries");
}

Result<std::optional<qint64>> JobStore::nextRetryTime()
{
    QSqlQuery &q = prepared("SELECT min(next_attempt_at) FROM jobs WHERE state = 'retry_waiting'");
    if (Status s = execPrepared(q, "find next retry"); !s)
        return s.error();
    std::optional<qint64> out;
    if (q.next() && !q.value(0).isNull())
        out = q.value(0).toLongLong();
    q.finish();
    return out;
}

Result<QStringList> JobStore::candidates(int limit, const QStringList &runIds, const QStringList &onlyJobs)
{
    if (!onlyJobs.isEmpty()) {
        // run-job: exactly these jobs, in priority order.
        QSqlQuery &q = m_dialect == SqlDialect::Postgres
            ? prepared("SELECT job_id, priority, seq FROM jobs WHERE job_id = ? AND state = 'queued' FOR UPDATE SKIP LOCKED")
            : prepared("SELECT job_id, priority, seq FROM jobs WHERE job_id = ? AND state = 'queued'");
        QList<std::tuple<int, qint64, QString>> found;
        for (const QString &id : onlyJobs) {
            q.bindValue(0, id);
            if (Status s = execPrepared(q, "find queued jobs"); !s)
                return s.error();
            if (q.next())
                found.append({-q.value(1).toInt(), q.value(2).toLongLong(), q.value(0).toString()});
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
        QStringList marks;
        for (qsizetype i = 0; i < runIds.size(); ++i)
            marks.append(QStringLiteral("?"));
        QSqlQuery q(m_db);
        q.prepare(QStringLiteral("SELECT job_id FROM jobs WHERE state = 'queued' AND run_id IN (%1) "
                                 "ORDER BY priority DESC, seq LIMIT %2%3")
                      .arg(marks.join(QLatin1Char(',')))
                      .arg(limit)
                      .arg(m_dialect == SqlDialect::Postgres ? QLatin1String(" FOR UPDATE SKIP LOCKED") : QLatin1String()));
        for (qsizetype i = 0; i < runIds.size(); ++i)
            q.bindValue(int(i), runIds.at(i));
        return stringColumn(q, "find queued jobs");
    }
    // PostgreSQL: the rows are locked until the claims commit; rows another
    // worker is claiming right now are skipped, not waited for.
    const bool pg = m_dialect == SqlDialect::Postgres;
    QSqlQuery &q = runIds.isEmpty()
        ? (pg ? prepared("SELECT job_id FROM jobs WHERE state = 'queued' AND ? = 0 ORDER BY priority DESC, seq LIMIT ? "
                         "FOR UPDATE SKIP LOCKED")
              : prepared("SELECT job_id FROM jobs WHERE state = 'queued' AND ? = 0 ORDER BY priority DESC, seq LIMIT ?"))
        : (pg ? prepared("SELECT job_id FROM jobs WHERE state = 'queued' AND run_id = ? ORDER BY priority DESC, seq LIMIT ? "
                         "FOR UPDATE SKIP LOCKED")
              : prepared("SELECT job_id FROM jobs WHERE state = 'queued' AND run_id = ? ORDER BY priority DESC, seq LIMIT ?"));
    if (runIds.isEmpty())
        q.bindValue(0, 0);
    else
        q.bindValue(0, runIds.first());
    q.bindValue(1, limit);
    return stringColumn(q, "find queued jobs");
}

Result<bool> JobStore::hasQueued(const QStringList &runIds)
{
    QSqlQuery &q = prepared("SELECT 1 FROM jobs WHERE state = 'queued' AND (? = 0 OR run_id = ?) LIMIT 1");
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

Result<bool> JobStore::claim(const QString &jobId, const QString &owner, qint64 leaseUntil, qint64 ts)
{
    QSqlQuery &q = prepared(
        "UPDATE jobs SET state = 'running', owner = ?, lease_until = ?, attempts = attempts + 1, started_at = ?, "
        "state_changed_at = ?, finished_at = NULL, cancel_requested = 0, reason = NULL, next_attempt_at = NULL "
        "WHERE job_id = ? AND state = 'queued' AND NOT (edits_repo = 1 AND EXISTS ("
        "  SELECT 1 FROM jobs r WHERE r.state = 'running' AND r.edits_repo = 1 AND r.repo_root = jobs.repo_root))");
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

Result<QString> JobStore::repoLockHolder(const QString &jobId)
{
    QSqlQuery &q = prepared(
        "SELECT r.job_id FROM jobs j JOIN jobs r ON r.repo_root = j.repo_root AND r.edits_repo = 1 "
        "AND r.state = 'running' AND r.job_id != j.job_id WHERE j.job_id = ? AND j.edits_repo = 1 LIMIT 1");
    q.bindValue(0, jobId);
    if (Status s = execPrepared(q, "find repo lock"); !s)
        return s.error();
    QString holder = q.next() ? q.value(0).toString() : QString();
    q.finish();
    return holder;
}

Status JobStore::insertAttempt(const AttemptRecord &a)
{
    QSqlQuery &q = prepared(
        "INSERT INTO step_attempts(job_id, run_id, attempt, step_name, status, owner, started_at, log_file, error_report) "
        "VALUES(?,?,?,?,?,?,?,?,?)");
    int i = 0;
    q.bindValue(i++, a.jobId);
    q.bindValue(i++, a.runId);
    q.bindValue(i++, a.attempt);
    q.bindValue(i++, a.tool);
    q.bindValue(i++, a.status);
    q.bindValue(i++, a.owner);
    q.bindValue(i++, optionalValue(a.startedAt));
    q.bindValue(i++, a.logFile);
    q.bindValue(i++, a.errorReport);
    return execPrepared(q, "record attempt");
}

Status JobStore::finishAttempt(const AttemptRecord &a, const QByteArray &resultJson)
{
    QSqlQuery &q = prepared(
        "UPDATE step_attempts SET status = ?, finished_at = ?, exit_code = ?, signal = ?, timed_out = ?, "
        "duration_ms = ?, reason = ?, error_report = ?, result_json = ? WHERE job_id = ? AND attempt = ?");
    int i = 0;
    q.bindValue(i++, a.status);
    q.bindValue(i++, optionalValue(a.finishedAt));
    q.bindValue(i++, optionalValue(a.exitCode));
    q.bindValue(i++, optionalValue(a.signal));
    q.bindValue(i++, a.timedOut ? 1 : 0);
    q.bindValue(i++, optionalValue(a.durationMs));
    q.bindValue(i++, textOrNull(a.reason));
    q.bindValue(i++, textOrNull(a.errorReport));
    q.bindValue(i++, QString::fromUtf8(resultJson));
    q.bindValue(i++, a.jobId);
    q.bindValue(i++, a.attempt);
    return execPrepared(q, "record attempt result");
}

Status JobStore::appendEvent(const EventRecord &e)
{
    QSqlQuery &q = prepared(
        "INSERT INTO events(ts, job_id, run_id, kind, from_state, to_state, attempt, detail) VALUES(?,?,?,?,?,?,?,?)");
    int i = 0;
    q.bindValue(i++, e.ts ? e.ts : now());
    q.bindValue(i++, textOrNull(e.jobId));
    q.bindValue(i++, textOrNull(e.runId));
    q.bindValue(i++, e.kind);
    q.bindValue(i++, textOrNull(e.fromState));
    q.bindValue(i++, textOrNull(e.toState));
    q.bindValue(i++, e.attempt);
    q.bindValue(i++, textOrNull(e.detail));
    // Every change of a job appends an event: that is what listeners follow.
    m_notifyPending = true;
    return execPrepared(q, "append event");
}

Status JobStore::appendError(const QString &jobId, const QString &runId, int attempt, const QString &kind,
                             const QString &message, const QString &reportPath)
{
    QSqlQuery &q = prepared(
        "INSERT INTO errors(ts, job_id, run_id, attempt, kind, message, report_path) VALUES(?,?,?,?,?,?,?)");
    q.bindValue(0, now());
    q.bindValue(1, jobId);
    q.bindValue(2, runId);
    q.bindValue(3, attempt);
    q.bindValue(4, kind);
    q.bindValue(5, message);
    q.bindValue(6, textOrNull(reportPath));
    return execPrepared(q, "record error");
}

Status JobStore::renewLeases(const QString &owner, qint64 leaseUntil)
{
    QSqlQuery &q = prepared("UPDATE jobs SET lease_until = ? WHERE owner = ? AND state = 'running'");
    q.bindValue(0, leaseUntil);
    q.bindValue(1, owner);
    return execPrepared(q, "renew leases");
}

Result<QStringList> JobStore::cancelRequested(const QString &owner)
{
    QSqlQuery &q = prepared("SELECT job_id FROM jobs WHERE owner = ? AND state = 'running' AND cancel_requested = 1");
    q.bindValue(0, owner);
    return stringColumn(q, "find cancel requests");
}

Status JobStore::requestCancel(const QString &jobId)
{
    QSqlQuery &q = prepared("UPDATE jobs SET cancel_requested = 1 WHERE job_id = ? AND state = 'running'");
    q.bindValue(0, jobId);
    if (Status s = execPrepared(q, "request cancel"); !s)
        return s;
    EventRecord event;
    event.jobId = jobId;
    event.kind = QStringLiteral("cancel_requested");
    return appendEvent(event);
}

Result<QList<JobRecord>> JobStore::expiredLeases(qint64 ts)
{
    QSqlQuery &q = prepared("SELECT " JOB_COLUMNS " FROM jobs WHERE state = 'running' AND lease_until < ?");
    q.bindValue(0, ts);
    if (Status s = execPrepared(q, "find expired leases"); !s)
        return s.error();
    QList<JobRecord> out;
    while (q.next())
        out.append(jobFromQuery(q));
    q.finish();
    return out;
}

Status JobStore::resetAttemptBudget(const QString &jobId)
{
    // A fresh budget, and a fresh count of crashes (a quarantined job gets another chance).
    QSqlQuery &q = prepared("UPDATE jobs SET budget_base = attempts, crashes = 0 WHERE job_id = ?");
    q.bindValue(0, jobId);
    return execPrepared(q, "reset attempt budget");
}

Result<bool> JobStore::setPriority(const QString &jobId, Priority priority)
{
    QSqlQuery &q = prepared(
        "UPDATE jobs SET priority = ? WHERE job_id = ? AND priority != ? "
        "AND state NOT IN ('succeeded', 'failed', 'timed_out', 'cancelled', 'upstream_failed')");
    q.bindValue(0, int(priority));
    q.bindValue(1, jobId);
    q.bindValue(2, int(priority));
    if (Status s = execPrepared(q, "change priority"); !s)
        return s.error();
    if (q.numRowsAffected() != 1)
        return false;
    EventRecord event;
    event.jobId = jobId;
    event.kind = QStringLiteral("priority");
    event.detail = QStringLiteral("priority set to %1").arg(toString(priority));
    if (Status s = appendEvent(event); !s)
        return s.error();
    return true;
}

Status JobStore::setNextTool(const QString &jobId, const QString &tool)
{
    QSqlQuery &q = prepared("UPDATE jobs SET next_tool = ? WHERE job_id = ?");
    q.bindValue(0, tool);
    q.bindValue(1, jobId);
    return execPrepared(q, "set next tool");
}

Status JobStore::refundAttempt(const QString &jobId)
{
    QSqlQuery &q = prepared("UPDATE jobs SET budget_base = budget_base + 1 WHERE job_id = ?");
    q.bindValue(0, jobId);
    return execPrepared(q, "refund attempt");
}

Status JobStore::recordAttemptProcess(const QString &jobId, int attempt, const QString &owner, qint64 pid, quint64 startTicks)
{
    QSqlQuery &q = prepared("UPDATE step_attempts SET pid = ?, pid_start = ? WHERE job_id = ? AND attempt = ? AND owner = ? "
                            "AND status = 'running'");
    q.bindValue(0, pid);
    q.bindValue(1, qint64(startTicks));
    q.bindValue(2, jobId);
    q.bindValue(3, attempt);
    q.bindValue(4, owner);
    return execPrepared(q, "record the attempt's process");
}

Result<std::pair<qint64, quint64>> JobStore::attemptProcess(const QString &jobId, int attempt)
{
    QSqlQuery &q = prepared("SELECT pid, pid_start FROM step_attempts WHERE job_id = ? AND attempt = ?");
    q.bindValue(0, jobId);
    q.bindValue(1, attempt);
    if (Status s = execPrepared(q, "read the attempt's process"); !s)
        return s.error();
    std::pair<qint64, quint64> out{0, 0};
    if (q.next())
        out = {q.value(0).toLongLong(), quint64(q.value(1).toLongLong())};
    q.finish();
    return out;
}

Result<QList<JobRecord>> JobStore::runningOnHost(const QString &host)
{
    const QString prefix = host + QLatin1Char(':');
    QSqlQuery &q = prepared("SELECT " JOB_COLUMNS " FROM jobs WHERE state = 'running' AND substr(owner, 1, ?) = ?");
    q.bindValue(0, int(prefix.size()));
    q.bindValue(1, prefix);
    if (Status s = execPrepared(q, "find jobs running on this host"); !s)
        return s.error();
    QList<JobRecord> out;
    while (q.next())
        out.append(jobFromQuery(q));
    q.finish();
    return out;
}

Result<QStringList> JobStore::enginesOnHost(const QString &host)
{
    QSqlQuery &q = prepared("SELECT owner FROM engines WHERE host = ? ORDER BY owner");
    q.bindValue(0, host);
    return stringColumn(q, "list engines on this host");
}

Status JobStore::countCrash(const QString &jobId)
{
    QSqlQuery &q = prepared("UPDATE jobs SET crashes = crashes + 1 WHERE job_id = ?");
    q.bindValue(0, jobId);
    return execPrepared(q, "count a crash");
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
    QSqlQuery &q = prepared("SELECT owner, name, host, pid, workers, busy, jobs_done, started_at, heartbeat_at, heartbeat_ms FROM engines "
                            "ORDER BY coalesce(name, owner), owner");
    if (Status s = execPrepared(q, "list engines"); !s)
        return s.error();
    QList<EngineRecord> out;
    while (q.next()) {
        EngineRecord e;
        e.owner = q.value(0).toString();
        e.name = q.value(1).toString();
        e.host = q.value(2).toString();
        e.pid = q.value(3).toLongLong();
        e.workers = q.value(4).toInt();
        e.busy = q.value(5).toInt();
        e.jobsDone = q.value(6).toLongLong();
        e.startedAt = q.value(7).toLongLong();
        e.heartbeatAt = q.value(8).toLongLong();
        e.heartbeatIntervalMs = q.value(9).toLongLong();
        out.append(e);
    }
    q.finish();
    return out;
}

Status JobStore::appendLogChunk(const LogChunk &chunk)
{
    QSqlQuery &q = prepared("INSERT OR IGNORE INTO log_chunks(job_id, attempt, seq, data, created_at) VALUES(?, ?, ?, ?, ?)");
    q.bindValue(0, chunk.jobId);
    q.bindValue(1, chunk.attempt);
    q.bindValue(2, chunk.seq);
    q.bindValue(3, chunk.data);
    q.bindValue(4, chunk.createdAt ? chunk.createdAt : now());
    return execPrepared(q, "store tool output");
}

Result<QList<LogChunk>> JobStore::logChunks(const QString &jobId, int attempt, qint64 afterSeq, int limit)
{
    QSqlQuery &q = prepared("SELECT job_id, attempt, seq, data, created_at FROM log_chunks "
                            "WHERE job_id = ? AND (? = 0 OR (attempt = ? AND seq > ?)) ORDER BY attempt, seq LIMIT ?");
    q.bindValue(0, jobId);
    q.bindValue(1, attempt > 0 ? 1 : 0);
    q.bindValue(2, attempt);
    q.bindValue(3, afterSeq);
    q.bindValue(4, limit > 0 ? qint64(limit) : std::numeric_limits<qint64>::max());
    if (Status s = execPrepared(q, "read stored tool output"); !s)
        return s.error();
    QList<LogChunk> out;
    while (q.next()) {
        LogChunk c;
        c.jobId = q.value(0).toString();
        c.attempt = q.value(1).toInt();
        c.seq = q.value(2).toLongLong();
        c.data = q.value(3).toByteArray();
        c.createdAt = q.value(4).toLongLong();
        out.append(c);
    }
    q.finish();
    return out;
}

Result<qint64> JobStore::logCapBytes()
{
    auto value = setting(QString::fromLatin1(kLogCapSetting));
    if (!value)
        return value.error();
    bool ok = false;
    const qint64 cap = value->toLongLong(&ok);
    return ok && cap >= 0 ? cap : kDefaultLogCapBytes;
}

Status JobStore::removeEngine(const QString &owner)
{
    QSqlQuery &q = prepared("DELETE FROM engines WHERE owner = ?");
    q.bindValue(0, owner);
    return execPrepared(q, "remove engine");
}

Result<int> JobStore::liveEngines(qint64 since)
{
    QSqlQuery &q = prepared("SELECT count(*) FROM engines WHERE heartbeat_at > ?");
    q.bindValue(0, since);
    if (Status s = execPrepared(q, "count engines"); !s)
        return s.error();
    const int count = q.next() ? q.value(0).toInt() : 0;
    q.finish();
    return count;
}

Result<QString> JobStore::setting(const QString &key)
{
    QSqlQuery &q = prepared("SELECT value FROM settings WHERE key = ?");
    q.bindValue(0, key);
    if (Status s = execPrepared(q, "read setting"); !s)
        return s.error();
    QString value = q.next() ? q.value(0).toString() : QString();
    q.finish();
    return value;
}

Status JobStore::setSetting(const QString &key, const QString &value)
{
    QSqlQuery &q = prepared("INSERT INTO settings(key, value) VALUES(?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value");
    q.bindValue(0, key);
    q.bindValue(1, value);
    return execPrepared(q, "write setting");
}

} // namespace Orchestrator
