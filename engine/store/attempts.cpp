#include "jobstore.h"

#include <limits>

#include "store/rows.h"
#include "tools/pricetable.h"

// Attempts: their rows in step_attempts, the process each one runs (crash
// recovery), their errors and the tool output stored per attempt.

namespace Orchestrator {

using namespace Rows;

Result<QList<AttemptRecord>> JobStore::attempts(const QString &jobId)
{
    static const QString sql = QStringLiteral("SELECT ") + attemptColumns() + QStringLiteral(" FROM step_attempts WHERE job_id = ? ORDER BY attempt");
    return readAttempts(prepared(sql), jobId, "read attempts");
}

Result<QList<AttemptRecord>> JobStore::runAttempts(const QString &runId)
{
    static const QString sql =
        QStringLiteral("SELECT ") + attemptColumns() + QStringLiteral(" FROM step_attempts WHERE run_id = ? ORDER BY started_at, id");
    return readAttempts(prepared(sql), runId, "read the run's attempts");
}

Result<QList<AttemptRecord>> JobStore::readAttempts(QSqlQuery &q, const QString &key, const char *what)
{
    q.bindValue(0, key);
    if (Status s = execPrepared(q, what); !s)
        return s.error();
    return readRows<AttemptRecord>(q, readAttempt);
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
    q.bindValue(i++, attemptStatusName(a.outcome));
    q.bindValue(i++, a.owner);
    q.bindValue(i++, optionalValue(a.startedAt));
    q.bindValue(i++, a.logFile);
    q.bindValue(i++, a.errorReport);
    return execWrite(q, "record attempt");
}

Status JobStore::finishAttempt(const AttemptRecord &a, const QByteArray &resultJson)
{
    QSqlQuery &q = prepared(
        "UPDATE step_attempts SET status = ?, finished_at = ?, exit_code = ?, signal = ?, timed_out = ?, "
        "duration_ms = ?, reason = ?, error_report = ?, result_json = ? WHERE job_id = ? AND attempt = ?");
    int i = 0;
    q.bindValue(i++, attemptStatusName(a.outcome));
    q.bindValue(i++, optionalValue(a.finishedAt));
    q.bindValue(i++, optionalValue(a.exitCode));
    q.bindValue(i++, optionalValue(a.signal));
    q.bindValue(i++, a.timedOut() ? 1 : 0);
    q.bindValue(i++, optionalValue(a.durationMs));
    q.bindValue(i++, textOrNull(a.reason));
    q.bindValue(i++, textOrNull(a.errorReport));
    q.bindValue(i++, QString::fromUtf8(resultJson));
    q.bindValue(i++, a.jobId);
    q.bindValue(i++, a.attempt);
    return execWrite(q, "record attempt result");
}

Status JobStore::recordAttemptChange(const AttemptRecord &a)
{
    const QString files = QString::fromUtf8(a.change.filesJson());
    const QString outOfScope = QString::fromUtf8(toJson(a.change.outOfScope));
    QSqlQuery &q = prepared("UPDATE step_attempts SET start_commit = ?, result_commit = ?, files_changed = ?, out_of_scope = ? "
                            "WHERE job_id = ? AND attempt = ?");
    int i = 0;
    q.bindValue(i++, textOrNull(a.startCommit));
    q.bindValue(i++, textOrNull(a.resultCommit));
    q.bindValue(i++, files);
    q.bindValue(i++, outOfScope);
    q.bindValue(i++, a.jobId);
    q.bindValue(i++, a.attempt);
    if (Status s = execPrepared(q, "record attempt change"); !s)
        return s;
    QSqlQuery &job = prepared("UPDATE jobs SET result_commit = ?, files_changed = ?, out_of_scope = ? WHERE job_id = ?");
    job.bindValue(0, textOrNull(a.resultCommit));
    job.bindValue(1, files);
    job.bindValue(2, outOfScope);
    job.bindValue(3, a.jobId);
    m_notifyPending = true;
    return execPrepared(job, "record job change");
}

Status JobStore::recordAttemptUsage(const AttemptRecord &a)
{
    QSqlQuery &q = prepared("UPDATE step_attempts SET agent_outcome = ?, agent_message = ?, session_id = ?, model = ?, "
                            "input_tokens = ?, cached_input_tokens = ?, output_tokens = ?, cost_usd = ?, cost_source = ? "
                            "WHERE job_id = ? AND attempt = ?");
    int i = 0;
    q.bindValue(i++, textOrNull(a.agentOutcome));
    q.bindValue(i++, textOrNull(a.agentMessage));
    q.bindValue(i++, textOrNull(a.sessionId));
    q.bindValue(i++, textOrNull(a.model));
    q.bindValue(i++, a.usage.inputTokens);
    q.bindValue(i++, a.usage.cachedInputTokens);
    q.bindValue(i++, a.usage.outputTokens);
    q.bindValue(i++, a.usage.costUsd ? QVariant(*a.usage.costUsd) : QVariant(QMetaType(QMetaType::Double)));
    q.bindValue(i++, textOrNull(a.usage.costUsd ? Pricing::toString(a.usage.costSource) : QString()));
    q.bindValue(i++, a.jobId);
    q.bindValue(i++, a.attempt);
    if (Status s = execPrepared(q, "record attempt usage"); !s)
        return s;
    QSqlQuery &job = prepared("UPDATE jobs SET input_tokens = input_tokens + ?, cached_input_tokens = cached_input_tokens + ?, "
                              "output_tokens = output_tokens + ?, cost_usd = CASE WHEN ? THEN COALESCE(cost_usd, 0) + ? "
                              "ELSE cost_usd END WHERE job_id = ?");
    i = 0;
    job.bindValue(i++, a.usage.inputTokens);
    job.bindValue(i++, a.usage.cachedInputTokens);
    job.bindValue(i++, a.usage.outputTokens);
    job.bindValue(i++, a.usage.costUsd.has_value());
    job.bindValue(i++, a.usage.costUsd.value_or(0.0));
    job.bindValue(i++, a.jobId);
    m_notifyPending = true;
    return execPrepared(job, "record job usage");
}

Status JobStore::addRateLimitWait(const QString &jobId, qint64 waitMs)
{
    QSqlQuery &q = prepared("UPDATE jobs SET rate_limit_wait_ms = rate_limit_wait_ms + ? WHERE job_id = ?");
    q.bindValue(0, waitMs);
    q.bindValue(1, jobId);
    return execPrepared(q, "record rate limit wait");
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
    return execWrite(q, "record error");
}

Status JobStore::recordAttemptProcess(const QString &jobId, int attempt, const QString &owner, qint64 pid, quint64 startTicks)
{
    static const QString sql = QStringLiteral("UPDATE step_attempts SET pid = ?, pid_start = ? WHERE job_id = ? AND attempt = ? "
                                              "AND owner = ? AND status = '")
        + attemptStatusName(std::nullopt) + QLatin1Char('\'');
    QSqlQuery &q = prepared(sql);
    q.bindValue(0, pid);
    q.bindValue(1, qint64(startTicks));
    q.bindValue(2, jobId);
    q.bindValue(3, attempt);
    q.bindValue(4, owner);
    return execWrite(q, "record the attempt's process");
}

Result<std::pair<qint64, quint64>> JobStore::attemptProcess(const QString &jobId, int attempt)
{
    QSqlQuery &q = prepared("SELECT pid, pid_start FROM step_attempts WHERE job_id = ? AND attempt = ?");
    q.bindValue(0, jobId);
    q.bindValue(1, attempt);
    if (Status s = execPrepared(q, "read the attempt's process"); !s)
        return s.error();
    std::pair<qint64, quint64> out{0, 0};
    const Row row(q);
    if (q.next())
        out = {row.number("pid"), quint64(row.number("pid_start"))};
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
    return execWrite(q, "store tool output");
}

Result<QList<LogChunk>> JobStore::logChunks(const QString &jobId, int attempt, qint64 afterSeq, int limit)
{
    static const QString sql = QStringLiteral("SELECT ") + logChunkColumns()
        + QStringLiteral(" FROM log_chunks WHERE job_id = ? AND (? = 0 OR (attempt = ? AND seq > ?)) ORDER BY attempt, seq LIMIT ?");
    QSqlQuery &q = prepared(sql);
    q.bindValue(0, jobId);
    q.bindValue(1, attempt > 0 ? 1 : 0);
    q.bindValue(2, attempt);
    q.bindValue(3, afterSeq);
    q.bindValue(4, limit > 0 ? qint64(limit) : std::numeric_limits<qint64>::max());
    if (Status s = execPrepared(q, "read stored tool output"); !s)
        return s.error();
    return readRows<LogChunk>(q, readLogChunk);
}

} // namespace Orchestrator
