#include "jobstore.h"

#include <QJsonDocument>

#include "store/rows.h"

// Runs, workstreams and jobs: inserting them, reading them, and the
// conditional state change (transition) every state change goes through.

namespace Orchestrator {

using namespace Rows;

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
    const Row row(q);
    while (q.next())
        out.insert(row.text("run_id"), row.text("title"));
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
        "submitted_at, state_changed_at, on_crash, isolation, repo_top, base_commit, base_branch, worktree_path, "
        "worktree_branch, resubmitted_from) VALUES(?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)");
    int i = 0;
    q.bindValue(i++, r.jobId);
    q.bindValue(i++, r.runId);
    q.bindValue(i++, r.workstreamId);
    q.bindValue(i++, r.tool);
    q.bindValue(i++, int(r.priority));
    q.bindValue(i++, toString(r.state));
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
    q.bindValue(i++, toString(r.isolation));
    q.bindValue(i++, textOrNull(r.repoTop));
    q.bindValue(i++, textOrNull(r.baseCommit));
    q.bindValue(i++, textOrNull(r.baseBranch));
    q.bindValue(i++, textOrNull(r.worktreePath));
    q.bindValue(i++, textOrNull(r.worktreeBranch));
    q.bindValue(i++, textOrNull(r.resubmittedFrom));
    if (Status s = execPrepared(q, "insert job"); !s)
        return s;

    QSqlQuery &dep = prepared("INSERT OR IGNORE INTO job_deps(job_id, depends_on) VALUES(?, ?)");
    for (const QString &d : job.dependencies) {
        dep.bindValue(0, r.jobId);
        dep.bindValue(1, d);
        if (Status s = execPrepared(dep, "insert dependency"); !s)
            return s;
    }
    if (!job.dependencies.isEmpty()) {
        // Read under the submission's exclusive write lock: no parent
        // finishes between this count and the commit. A dependency that does
        // not exist yet (submitted later in the same batch) is pending.
        static const QString sql = QStringLiteral("UPDATE jobs SET pending_deps = (SELECT count(*) FROM job_deps d "
                                                  "LEFT JOIN jobs p ON p.job_id = d.depends_on WHERE d.job_id = ? "
                                                  "AND (p.state IS NULL OR p.state != ")
            + sqlState(JobState::Succeeded) + QStringLiteral(")) WHERE job_id = ?");
        QSqlQuery &count = prepared(sql);
        count.bindValue(0, r.jobId);
        count.bindValue(1, r.jobId);
        if (Status s = execPrepared(count, "count pending dependencies"); !s)
            return s;
    }
    m_queuedPending = m_queuedPending || r.state == JobState::Queued;
    EventRecord event;
    event.ts = r.submittedAt;
    event.jobId = r.jobId;
    event.runId = r.runId;
    event.kind = EventKind::Submitted;
    event.toState = r.state;
    event.detail = r.reason;
    if (Status s = appendEvent(event); !s)
        return s;
    return r.resubmittedFrom.isEmpty() ? Status() : recordResubmission(r);
}

Result<std::optional<JobRecord>> JobStore::job(const QString &jobId)
{
    static const QString sql = QStringLiteral("SELECT ") + jobColumns() + QStringLiteral(" FROM jobs WHERE job_id = ?");
    QSqlQuery &q = prepared(sql);
    q.bindValue(0, jobId);
    auto found = readJobs(q, "read job");
    if (!found)
        return found.error();
    return found->isEmpty() ? std::nullopt : std::optional<JobRecord>(found->first());
}

Result<QList<JobRecord>> JobStore::jobs(const JobFilter &filter)
{
    QString sql = QStringLiteral("SELECT ") + jobColumns(filter.withSpec ? SpecColumn::With : SpecColumn::Without)
        + QStringLiteral(" FROM jobs WHERE 1=1");
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
            binds.append(toString(state));
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
    return readJobs(q, "list jobs");
}

Result<QHash<QString, JobState>> JobStore::states(const QStringList &jobIds)
{
    QHash<QString, JobState> out;
    QSqlQuery &q = prepared("SELECT state FROM jobs WHERE job_id = ?");
    for (const QString &id : jobIds) {
        q.bindValue(0, id);
        auto state = stringColumn(q, "state", "read job state");
        if (!state)
            return state.error();
        if (!state->isEmpty())
            out.insert(id, jobStateFromString(state->first()).value_or(JobState::Failed));
    }
    return out;
}

Result<QStringList> JobStore::dependencies(const QString &jobId)
{
    QSqlQuery &q = prepared("SELECT depends_on FROM job_deps WHERE job_id = ? ORDER BY depends_on");
    q.bindValue(0, jobId);
    return stringColumn(q, "depends_on", "read dependencies");
}

Result<QStringList> JobStore::dependents(const QString &jobId)
{
    QSqlQuery &q = prepared("SELECT job_id FROM job_deps WHERE depends_on = ? ORDER BY job_id");
    q.bindValue(0, jobId);
    return stringColumn(q, "job_id", "read dependents");
}

Result<QList<std::pair<QString, QString>>> JobStore::runDependencies(const QString &runId)
{
    QSqlQuery &q = prepared("SELECT d.job_id AS job_id, d.depends_on AS depends_on FROM job_deps d JOIN jobs j ON j.job_id = d.job_id "
                            "WHERE j.run_id = ? ORDER BY d.job_id, d.depends_on");
    q.bindValue(0, runId);
    if (Status s = execPrepared(q, "read the run's dependencies"); !s)
        return s.error();
    return readRows<std::pair<QString, QString>>(q, [](const Row &row) {
        return std::pair<QString, QString>{row.text("job_id"), row.text("depends_on")};
    });
}

Result<QList<RunRecord>> JobStore::runs(int limit)
{
    QSqlQuery &q = prepared(
        "SELECT r.run_id AS run_id, r.created_at AS created_at, j.state AS state, count(j.job_id) AS jobs, r.title AS title "
        "FROM runs r LEFT JOIN jobs j ON j.run_id = r.run_id "
        "GROUP BY r.run_id, j.state ORDER BY r.created_at DESC, r.run_id");
    if (Status s = execPrepared(q, "list runs"); !s)
        return s.error();
    QList<RunRecord> out;
    const Row row(q);
    while (q.next()) {
        const QString runId = row.text("run_id");
        if (out.isEmpty() || out.last().runId != runId) {
            if (limit > 0 && out.size() == limit)
                break;
            RunRecord run;
            run.runId = runId;
            run.createdAt = row.number("created_at");
            run.title = row.text("title");
            out.append(run);
        }
        if (!row.value("state").isNull()) {
            const int n = row.integer("jobs");
            out.last().stateCounts.insert(row.text("state"), n);
            out.last().total += n;
        }
    }
    q.finish();
    return out;
}

Result<QMap<QString, int>> JobStore::stateCounts(const QString &runId)
{
    QSqlQuery &q = prepared("SELECT state, count(*) AS jobs FROM jobs WHERE (? = 0 OR run_id = ?) GROUP BY state");
    q.bindValue(0, runId.isEmpty() ? 0 : 1);
    q.bindValue(1, runId);
    if (Status s = execPrepared(q, "count jobs"); !s)
        return s.error();
    QMap<QString, int> out;
    const Row row(q);
    while (q.next())
        out.insert(row.text("state"), row.integer("jobs"));
    q.finish();
    return out;
}

Result<bool> JobStore::transition(const Transition &t)
{
    const qint64 ts = now();
    static const QString update = QStringLiteral(
        "UPDATE jobs SET state = ?, state_changed_at = ?, reason = ?, next_attempt_at = ?, next_tool = ?, "
        "last_exit_code = coalesce(?, last_exit_code), last_outcome = coalesce(?, last_outcome), "
        "owner = CASE WHEN ? = 1 THEN NULL ELSE owner END, lease_until = CASE WHEN ? = 1 THEN NULL ELSE lease_until END, "
        "finished_at = CASE WHEN ? = 1 THEN ? ELSE finished_at END "
        "WHERE job_id = ? AND state = ? AND (? = 0 OR owner = ?) AND (? = 0 OR attempts = ?)");
    // PostgreSQL, a success: whether there is anything to release, in the
    // same round trip (a job submitted since depends on it too: submission
    // waits for this transaction, or this one reads its row).
    const bool askDependents = m_dialect == SqlDialect::Postgres && t.to == JobState::Succeeded;
    static const QString updateReturning =
        update + QStringLiteral(" RETURNING EXISTS (SELECT 1 FROM job_deps WHERE depends_on = jobs.job_id) AS has_dependents");
    QSqlQuery &q = prepared(askDependents ? updateReturning : update);
    int i = 0;
    q.bindValue(i++, toString(t.to));
    q.bindValue(i++, ts);
    q.bindValue(i++, textOrNull(t.reason));
    q.bindValue(i++, optionalValue(t.nextAttemptAt));
    q.bindValue(i++, textOrNull(t.nextTool));
    q.bindValue(i++, optionalValue(t.lastExitCode));
    q.bindValue(i++, outcomeOrNull(t.lastOutcome));
    q.bindValue(i++, t.clearOwner ? 1 : 0);
    q.bindValue(i++, t.clearOwner ? 1 : 0);
    q.bindValue(i++, t.setFinished ? 1 : 0);
    q.bindValue(i++, ts);
    q.bindValue(i++, t.jobId);
    q.bindValue(i++, toString(t.from));
    q.bindValue(i++, t.owner.isEmpty() ? 0 : 1);
    q.bindValue(i++, t.owner);
    q.bindValue(i++, t.attempt);
    q.bindValue(i++, t.attempt);
    if (Status s = execPrepared(q, "change job state"); !s)
        return s.error();
    if (askDependents) {
        const bool applied = q.next();
        t.hasDependents = applied && q.value(0).toBool();
        q.finish();
        if (!applied)
            return false;
    } else if (q.numRowsAffected() != 1) {
        return false;
    }
    m_queuedPending = m_queuedPending || t.to == JobState::Queued;

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
        const Row row(run);
        if (run.next()) {
            event.runId = row.text("run_id");
            event.attempt = row.integer("attempts");
        }
        run.finish();
    }
    event.kind = t.kind;
    event.fromState = t.from;
    event.toState = t.to;
    event.detail = t.reason;
    if (Status s = appendEvent(event); !s)
        return s.error();
    return true;
}

Status JobStore::requestCancel(const QString &jobId)
{
    static const QString sql = QStringLiteral("UPDATE jobs SET cancel_requested = 1 WHERE job_id = ? AND state = ")
        + sqlState(JobState::Running);
    QSqlQuery &q = prepared(sql);
    q.bindValue(0, jobId);
    if (Status s = execPrepared(q, "request cancel"); !s)
        return s;
    m_cancelPending = true;
    EventRecord event;
    event.jobId = jobId;
    event.kind = EventKind::CancelRequested;
    return appendEvent(event);
}

Status JobStore::resetAttemptBudget(const QString &jobId)
{
    // A fresh budget, and a fresh count of crashes (a quarantined job gets another chance).
    QSqlQuery &q = prepared("UPDATE jobs SET budget_base = attempts, crashes = 0, rate_limit_wait_ms = 0 WHERE job_id = ?");
    q.bindValue(0, jobId);
    return execPrepared(q, "reset attempt budget");
}

Result<bool> JobStore::setPriority(const QString &jobId, Priority priority)
{
    static const QString sql = QStringLiteral("UPDATE jobs SET priority = ? WHERE job_id = ? AND priority != ? AND state NOT IN ")
        + sqlFinalStates();
    QSqlQuery &q = prepared(sql);
    q.bindValue(0, int(priority));
    q.bindValue(1, jobId);
    q.bindValue(2, int(priority));
    if (Status s = execPrepared(q, "change priority"); !s)
        return s.error();
    if (q.numRowsAffected() != 1)
        return false;
    EventRecord event;
    event.jobId = jobId;
    event.kind = EventKind::Priority;
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

Status JobStore::countCrash(const QString &jobId)
{
    QSqlQuery &q = prepared("UPDATE jobs SET crashes = crashes + 1 WHERE job_id = ?");
    q.bindValue(0, jobId);
    return execPrepared(q, "count a crash");
}

} // namespace Orchestrator
