#include "rows.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QStringList>

#include "tools/pricetable.h"

namespace Orchestrator::Rows {

namespace {

constexpr const char *kJobColumns[] = {
    "seq", "job_id", "run_id", "workstream_id", "tool", "priority", "state", "spec", "source_file", "command", "env",
    "repo_root", "working_dir", "log_file", "error_report", "timeout_seconds", "retry_policy", "edits_repo",
    "attempts", "budget_base", "next_attempt_at", "next_tool", "last_exit_code", "last_outcome", "owner",
    "lease_until", "cancel_requested", "reason", "submitted_at", "state_changed_at", "started_at", "finished_at",
    "on_crash", "crashes", "isolation", "repo_top", "base_commit", "base_branch", "worktree_path", "worktree_branch",
    "result_commit", "files_changed", "out_of_scope", "landed_commit", "landed_branch", "landed_at", "discarded_at",
    "cleaned_at", "rate_limit_wait_ms", "input_tokens", "cached_input_tokens", "output_tokens", "cost_usd",
    "resubmitted_from", "resubmitted_as",
};

QStringList stringListFromJson(const QVariant &value)
{
    QStringList out;
    const QJsonArray array = QJsonDocument::fromJson(value.toByteArray()).array();
    for (const QJsonValue &item : array)
        out.append(item.toString());
    return out;
}

QString columnList(std::initializer_list<const char *> columns)
{
    QStringList names;
    for (const char *column : columns)
        names.append(QLatin1String(column));
    return names.join(QStringLiteral(", "));
}

} // namespace

QVariant Row::value(const char *column) const
{
    auto it = m_index.find(column);
    if (it == m_index.end()) {
        const int index = m_record.indexOf(QLatin1String(column));
        Q_ASSERT_X(index >= 0, "Rows::Row", column);
        it = m_index.emplace(column, index).first;
    }
    return m_query.value(it->second);
}

QString jobColumns(SpecColumn spec)
{
    QStringList names;
    for (const char *column : kJobColumns) {
        const QLatin1String name(column);
        names.append(spec == SpecColumn::Without && name == QLatin1String("spec") ? QStringLiteral("NULL AS spec") : QString(name));
    }
    return names.join(QStringLiteral(", "));
}

JobRecord readJob(const Row &row)
{
    JobRecord r;
    r.seq = row.number("seq");
    r.jobId = row.text("job_id");
    r.runId = row.text("run_id");
    r.workstreamId = row.text("workstream_id");
    r.tool = row.text("tool");
    r.priority = Priority(qBound(0, row.integer("priority"), 3));
    r.state = jobStateFromString(row.text("state")).value_or(JobState::Failed);
    r.spec = row.value("spec").toByteArray();
    r.sourceFile = row.text("source_file");
    const QJsonArray command = QJsonDocument::fromJson(row.value("command").toByteArray()).array();
    for (const QJsonValue &part : command)
        r.command.append(part.toString());
    const QJsonObject env = QJsonDocument::fromJson(row.value("env").toByteArray()).object();
    for (auto it = env.constBegin(); it != env.constEnd(); ++it)
        r.env.insert(it.key(), it.value().toString());
    r.repoRoot = row.text("repo_root");
    r.workingDir = row.text("working_dir");
    r.logFile = row.text("log_file");
    r.errorReport = row.text("error_report");
    r.timeoutSeconds = row.integer("timeout_seconds");
    r.retry = RetryPolicy::fromCanonicalJson(QJsonDocument::fromJson(row.value("retry_policy").toByteArray()).object());
    r.editsRepo = row.value("edits_repo").toBool();
    r.attempts = row.integer("attempts");
    r.budgetBase = row.integer("budget_base");
    r.nextAttemptAt = row.optional<qint64>("next_attempt_at");
    r.nextTool = row.text("next_tool");
    r.lastExitCode = row.optional<int>("last_exit_code");
    r.lastOutcome = outcomeFromString(row.text("last_outcome"));
    r.owner = row.text("owner");
    r.leaseUntil = row.optional<qint64>("lease_until");
    r.cancelRequested = row.value("cancel_requested").toBool();
    r.reason = row.text("reason");
    r.submittedAt = row.number("submitted_at");
    r.stateChangedAt = row.number("state_changed_at");
    r.startedAt = row.optional<qint64>("started_at");
    r.finishedAt = row.optional<qint64>("finished_at");
    r.failOnCrash = row.integer("on_crash") == 1;
    r.crashes = row.integer("crashes");
    r.isolation = isolationFromString(row.text("isolation")).value_or(Isolation::None);
    r.repoTop = row.text("repo_top");
    r.baseCommit = row.text("base_commit");
    r.baseBranch = row.text("base_branch");
    r.worktreePath = row.text("worktree_path");
    r.worktreeBranch = row.text("worktree_branch");
    r.resultCommit = row.text("result_commit");
    r.change.files = ChangeSummary::filesFromJson(row.value("files_changed").toByteArray());
    r.change.outOfScope = stringListFromJson(row.value("out_of_scope"));
    r.landedCommit = row.text("landed_commit");
    r.landedBranch = row.text("landed_branch");
    r.landedAt = row.optional<qint64>("landed_at");
    r.discardedAt = row.optional<qint64>("discarded_at");
    r.cleanedAt = row.optional<qint64>("cleaned_at");
    r.rateLimitWaitMs = row.number("rate_limit_wait_ms");
    r.usage.inputTokens = row.number("input_tokens");
    r.usage.cachedInputTokens = row.number("cached_input_tokens");
    r.usage.outputTokens = row.number("output_tokens");
    if (const QVariant cost = row.value("cost_usd"); !cost.isNull())
        r.usage.costUsd = cost.toDouble();
    r.resubmittedFrom = row.text("resubmitted_from");
    r.resubmittedAs = stringListFromJson(row.value("resubmitted_as"));
    return r;
}

QString attemptColumns()
{
    return columnList({"job_id", "run_id", "attempt", "step_name", "status", "owner", "started_at", "finished_at",
                       "exit_code", "signal", "timed_out", "duration_ms", "reason", "log_file", "error_report",
                       "start_commit", "result_commit", "files_changed", "out_of_scope", "agent_outcome", "agent_message",
                       "session_id", "model", "input_tokens", "cached_input_tokens", "output_tokens", "cost_usd", "cost_source"});
}

AttemptRecord readAttempt(const Row &row)
{
    AttemptRecord a;
    a.jobId = row.text("job_id");
    a.runId = row.text("run_id");
    a.attempt = row.integer("attempt");
    a.tool = row.text("step_name");
    a.outcome = attemptOutcomeFromStatus(row.text("status"));   // timed_out says no more than the status
    a.owner = row.text("owner");
    a.startedAt = row.optional<qint64>("started_at");
    a.finishedAt = row.optional<qint64>("finished_at");
    a.exitCode = row.optional<int>("exit_code");
    a.signal = row.optional<int>("signal");
    a.durationMs = row.optional<qint64>("duration_ms");
    a.reason = row.text("reason");
    a.logFile = row.text("log_file");
    a.errorReport = row.text("error_report");
    a.startCommit = row.text("start_commit");
    a.resultCommit = row.text("result_commit");
    a.change.files = ChangeSummary::filesFromJson(row.value("files_changed").toByteArray());
    a.change.outOfScope = stringListFromJson(row.value("out_of_scope"));
    a.agentOutcome = row.text("agent_outcome");
    a.agentMessage = row.text("agent_message");
    a.sessionId = row.text("session_id");
    a.model = row.text("model");
    a.usage.inputTokens = row.number("input_tokens");
    a.usage.cachedInputTokens = row.number("cached_input_tokens");
    a.usage.outputTokens = row.number("output_tokens");
    if (const QVariant cost = row.value("cost_usd"); !cost.isNull()) {
        a.usage.costUsd = cost.toDouble();
        a.usage.costSource = Pricing::costSourceFromString(row.text("cost_source"));
    }
    return a;
}

QString eventColumns()
{
    return columnList({"id", "ts", "job_id", "run_id", "kind", "from_state", "to_state", "attempt", "detail"});
}

EventRecord readEvent(const Row &row)
{
    EventRecord e;
    e.id = row.number("id");
    e.ts = row.number("ts");
    e.jobId = row.text("job_id");
    e.runId = row.text("run_id");
    e.kind = eventKindFromString(row.text("kind")).value_or(EventKind::Unknown);
    e.fromState = jobStateFromString(row.text("from_state"));
    e.toState = jobStateFromString(row.text("to_state"));
    e.attempt = row.integer("attempt");
    e.detail = row.text("detail");
    return e;
}

QString engineColumns()
{
    return columnList({"owner", "name", "host", "pid", "workers", "busy", "jobs_done", "started_at", "heartbeat_at",
                       "heartbeat_ms"});
}

EngineRecord readEngine(const Row &row)
{
    EngineRecord e;
    e.owner = row.text("owner");
    e.name = row.text("name");
    e.host = row.text("host");
    e.pid = row.number("pid");
    e.workers = row.integer("workers");
    e.busy = row.integer("busy");
    e.jobsDone = row.number("jobs_done");
    e.startedAt = row.number("started_at");
    e.heartbeatAt = row.number("heartbeat_at");
    e.heartbeatIntervalMs = row.number("heartbeat_ms");
    return e;
}

QString logChunkColumns()
{
    return columnList({"job_id", "attempt", "seq", "data", "created_at"});
}

LogChunk readLogChunk(const Row &row)
{
    LogChunk c;
    c.jobId = row.text("job_id");
    c.attempt = row.integer("attempt");
    c.seq = row.number("seq");
    c.data = row.value("data").toByteArray();
    c.createdAt = row.number("created_at");
    return c;
}

QString sqlState(JobState state)
{
    return QLatin1Char('\'') + toString(state) + QLatin1Char('\'');
}

QString sqlFinalStates()
{
    QStringList finals;
    for (JobState state : kAllJobStates) {
        if (isFinal(state))
            finals.append(sqlState(state));
    }
    return QLatin1Char('(') + finals.join(QStringLiteral(", ")) + QLatin1Char(')');
}

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

QVariant outcomeOrNull(const std::optional<Outcome> &outcome)
{
    return outcome ? QVariant(toString(*outcome)) : QVariant(QMetaType(QMetaType::QString));
}

QVariant stateOrNull(const std::optional<JobState> &state)
{
    return state ? QVariant(toString(*state)) : QVariant(QMetaType(QMetaType::QString));
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

QString placeholders(qsizetype count)
{
    QString out;
    out.reserve(count * 2);
    for (qsizetype i = 0; i < count; ++i)
        out.append(i == 0 ? QStringLiteral("?") : QStringLiteral(",?"));
    return out;
}

} // namespace Orchestrator::Rows
