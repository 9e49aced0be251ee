#pragma once

#include <memory>
#include <vector>

#include <QHash>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QString>
#include <QStringList>

#include "api/enginetypes.h"
#include "core/result.h"
#include "store/dialect.h"
#include "core/records.h"

namespace Orchestrator {

// A new job as the Submission hands it to the store.
struct NewJob
{
    JobRecord record;                // state, paths, command ... filled in
    QStringList dependencies;
};

// A conditional state change: applied only if the job is still in `from`
// (and, when given, still owned by `owner` at attempt `attempt`), so a late or
// stale writer changes nothing. Appends one event when applied.
struct Transition
{
    QString jobId;
    JobState from = JobState::Queued;
    JobState to = JobState::Queued;
    EventKind kind = EventKind::State;
    QString reason;                  // stored in jobs.reason and the event detail
    QString owner;                   // non-empty: require jobs.owner = owner
    int attempt = 0;                 // > 0: require jobs.attempts = attempt
    std::optional<qint64> nextAttemptAt;
    QString nextTool;
    std::optional<int> lastExitCode;
    std::optional<Outcome> lastOutcome;  // none: keep the job's
    bool clearOwner = false;
    bool setFinished = false;
    QString runId;                   // known run of the job: spares a read for the event
    // Set by transition() when it applied a change to Succeeded: whether the
    // job has dependents to release, read with the change (PostgreSQL: in
    // the same round trip; SQLite: always true, the release costs nothing).
    mutable bool hasDependents = true;
};

// All SQL of the engine. Used from the one thread that opened `db`.
// Calls that change data expect the caller to hold a transaction (begin()).
// Speaks SQLite and PostgreSQL (store/dialect.h holds the differences).
//
// One class, implemented by concern: the connection and its transactions
// (jobstore.cpp), runs and jobs (jobs.cpp), the queue -- ready, due, claimable
// jobs and the repo lock (queue.cpp), attempts and their output
// (attempts.cpp), the event feed (events.cpp), engines and their leases
// (engines.cpp), settings (settings.cpp). Rows are read by column name
// (rows.h), and the text an enum is stored as comes from its toString().
class JobStore final
{
public:
    explicit JobStore(QSqlDatabase db);
    Q_DISABLE_COPY_MOVE(JobStore)

    // PostgreSQL: every committed write transaction that changed jobs (or
    // appended events) sends NOTIFY on this channel, without payload; a
    // dashboard LISTENs to it instead of polling.
    static constexpr const char *kNotifyChannel = "orchestrator_jobs";
    // PostgreSQL: sent as well when the transaction made a job Queued, so an
    // idle worker LISTENing to it claims at once instead of at its next poll.
    static constexpr const char *kQueuedChannel = "orchestrator_queued";
    // PostgreSQL: sent when the transaction asked for a running job to be
    // cancelled, so the engine running it stops it at once, not at its poll.
    static constexpr const char *kCancelChannel = "orchestrator_cancel";
    // Default cap of tool output stored in log_chunks per attempt; the
    // setting kLogCapSetting (bytes; 0: store none) overrides it.
    static constexpr qint64 kDefaultLogCapBytes = 4 * 1024 * 1024;
    static constexpr const char *kLogCapSetting = "log_db_cap_bytes";
    // Per-tool caps on attempts running at once on every engine of the
    // database, as a JSON object {"claude": 2}; they override the tools
    // files' "limits" (0: no cap). Set from the dashboard's Settings or
    // `orchestrator settings --limit`.
    static constexpr const char *kToolLimitsSetting = "tool_limits";
    // How long a job may wait for AI tools' rate limits in all, in hours
    // (default kDefaultRateLimitMaxWaitHours).
    static constexpr const char *kRateLimitWaitSetting = "rate_limit_max_wait_hours";
    // "1" while the queue is paused: nothing is claimed (Transitions::setPaused).
    static constexpr const char *kPausedSetting = "queue_paused";
    static constexpr int kDefaultRateLimitMaxWaitHours = 6;

    QSqlDatabase database() const { return m_db; }
    SqlDialect dialect() const { return m_dialect; }

    // How a PostgreSQL write transaction relates to the others.
    enum class WriteLock {
        // Alone: every other writer waits (submission, a user's retry or
        // cancel, landing: rare, and written for one writer at a time).
        Exclusive,
        // Beside the other schedulers' ticks: claims, results and DAG release
        // are correct by row locks and conditional updates alone
        // (candidates() skips locked rows, transition() and claim() are
        // conditional, releaseDependents() counts down under row locks,
        // lockName() orders claims on one repository or capped tool). Only
        // Exclusive writers wait for it, and it for them.
        Shared,
    };

    // SQLite: BEGIN IMMEDIATE takes the write lock up front, so two processes
    // never deadlock upgrading a read transaction (one writer at a time, in
    // either mode). PostgreSQL: BEGIN and the advisory lock of `lock`, in one
    // round trip.
    Status begin(WriteLock lock = WriteLock::Exclusive);
    // PostgreSQL: the writes deferred in the transaction, NOTIFY and COMMIT
    // go in one round trip.
    Status commit();
    void rollback();
    // PostgreSQL: sends BEGIN and the lock now if no statement took them
    // yet (a time read after it is read while the lock is held).
    Status holdWriteLock();
    // The transaction made work claimable that no job row shows (the queue
    // resumed): idle workers are woken at commit as for a queued job.
    void notifyQueued() { m_queuedPending = true; }
    // After the connection was reopened (Database::reconnect()): statements
    // prepared on the old one are dropped. Call before reconnecting.
    void forgetPrepared();
    // Uses `db` from now on (a connection opened afresh on the same
    // database); statements prepared on the old one are dropped.
    void rebind(QSqlDatabase db);

    static qint64 now();

    // Runs and workstreams are created on first use.
    Status ensureRun(const QString &runId, qint64 ts);
    // The run's title from now on (the latest submission that gave one wins).
    Status setRunTitle(const QString &runId, const QString &title);
    // Run id -> title, for the runs that have one.
    Result<QHash<QString, QString>> runTitles();
    Status ensureWorkstream(const QString &runId, const QString &workstreamId, qint64 ts);
    Status insertJob(const NewJob &job);

    Result<std::optional<JobRecord>> job(const QString &jobId);
    Result<QList<JobRecord>> jobs(const JobFilter &filter);
    Result<QHash<QString, JobState>> states(const QStringList &jobIds);
    Result<QStringList> dependencies(const QString &jobId);
    Result<QStringList> dependents(const QString &jobId);
    Result<QList<AttemptRecord>> attempts(const QString &jobId);
    // Every attempt of a run's jobs, by start time (the timeline).
    Result<QList<AttemptRecord>> runAttempts(const QString &runId);
    // Every dependency edge between jobs of a run, as (job, depends_on) pairs
    // sorted by job then dependency (the graph).
    Result<QList<std::pair<QString, QString>>> runDependencies(const QString &runId);
    Result<QList<EventRecord>> events(const QString &jobId, qint64 afterId = 0, int limit = 0);
    Result<QList<RunRecord>> runs(int limit = 0);
    Result<QMap<QString, int>> stateCounts(const QString &runId);
    Result<qint64> maxEventId();

    // Applies `t` if its conditions hold; returns whether it did.
    Result<bool> transition(const Transition &t);

    // The jobs in `succeeded` have just succeeded: their dependents' counts of
    // pending dependencies go down (one statement for all); returns the
    // Waiting dependents whose count reached zero, by submission. Exactly one
    // transaction sees a job's count reach zero.
    Result<QStringList> releaseDependents(const QStringList &succeeded);
    // Every job downstream of `jobId` that is still Waiting (transitively).
    Result<QStringList> waitingDownstream(const QString &jobId);
    // Jobs of `jobId`'s downstream in UpstreamFailed (transitively), for a manual retry.
    Result<QStringList> upstreamFailedDownstream(const QString &jobId);
    // RetryWaiting jobs whose time has come.
    Result<QStringList> dueRetries(qint64 ts);
    Result<std::optional<qint64>> nextRetryTime();
    // Queued jobs, highest priority first, first submitted first within one priority.
    Result<QStringList> candidates(int limit, const QStringList &runIds, const QStringList &onlyJobs);
    Result<bool> hasQueued(const QStringList &runIds);
    // Whether any job is waiting, queued, running or waiting to retry (one
    // row through the state index, however long the history).
    Result<bool> hasUnfinished();
    // Claims up to `limit` Queued jobs in one statement: the first `limit` in
    // queue order (rows other engines are claiming are skipped), except those
    // that need a closer look (a repository lock: edits_repo without
    // isolation) and none while the queue is paused. Returns the claimed jobs
    // as claimed (attempts counted), in queue order.
    Result<QList<JobRecord>> claimBatch(int limit, const QStringList &runIds, const QString &owner, qint64 leaseUntil, qint64 ts);
    // PostgreSQL: a lock on `name` until the transaction ends (claims on one
    // repository, or of one capped tool, one engine at a time). SQLite: its
    // one writer needs none.
    Status lockName(const QString &name);
    // Atomic conditional claim: Queued -> Running for `owner`, respecting the repo
    // lock of repository-editing tools. Returns false if someone else was faster
    // or the repo is locked.
    Result<bool> claim(const QString &jobId, const QString &owner, qint64 leaseUntil, qint64 ts);
    // The running job that holds the repo lock `jobId` waits for, if any.
    Result<QString> repoLockHolder(const QString &jobId);
    // Attempts of `tool` running now, on every engine (a tool's max_concurrent).
    Result<int> runningAttemptsOf(const QString &tool);
    // Queued jobs that start before `job` (higher priority, or the same and submitted earlier).
    Result<int> queuedAhead(const JobRecord &job);

    Status insertAttempt(const AttemptRecord &attempt);
    Status finishAttempt(const AttemptRecord &attempt, const QByteArray &resultJson);
    // A worktree attempt's start and result commits and change, also as its
    // job's latest (jobs.result_commit, files_changed, out_of_scope).
    Status recordAttemptChange(const AttemptRecord &attempt);
    // An AI tool's outcome, session, model, tokens and cost of a finished attempt.
    Status recordAttemptUsage(const AttemptRecord &attempt);
    // Tokens and cost of finished AI-tool attempts, one row per group
    // (store/usage.cpp); by day: grouped in this process's time zone.
    Result<QList<UsageRow>> usage(const UsageQuery &query);
    // A rate limit's wait, added to the job's total (kMaxRateLimitWaitMs bounds it).
    Status addRateLimitWait(const QString &jobId, qint64 waitMs);
    Status appendEvent(const EventRecord &event);
    // Landing (store/landing.cpp): marks on a worktree job's row and an event each.
    Status markLanded(const JobRecord &job, const QString &commit, const QString &branch, qint64 ts);
    Status markDiscarded(const JobRecord &job, qint64 ts);
    Status markCleaned(const QString &jobId, qint64 ts);
    // Lineage (store/lineage.cpp): `job`, just inserted as a resubmission of
    // job.resubmittedFrom, is added to that job's resubmitted_as; an event
    // on each. insertJob() calls it.
    Status recordResubmission(const JobRecord &job);
    // The repositories of worktree jobs whose worktrees gc has not removed.
    Result<QStringList> worktreeRepositories();
    // Worktree jobs (without spec) of one run, or all; in submission order.
    Result<QList<JobRecord>> worktreeJobs(const QString &runId = {});
    Status appendError(const QString &jobId, const QString &runId, int attempt, const QString &kind,
                       const QString &message, const QString &reportPath);

    Status renewLeases(const QString &owner, qint64 leaseUntil);
    Result<QStringList> cancelRequested(const QString &owner);
    Status requestCancel(const QString &jobId);
    // Running jobs whose lease ran out: their engine is gone.
    Result<QList<JobRecord>> expiredLeases(qint64 ts);
    Status resetAttemptBudget(const QString &jobId);
    // Changes the priority of a job that is not final; returns whether it did.
    Result<bool> setPriority(const QString &jobId, Priority priority);
    // The tool the next attempt runs with (a user's "escalate now").
    Status setNextTool(const QString &jobId, const QString &tool);
    // An attempt that was interrupted through no fault of the job does not count.
    Status refundAttempt(const QString &jobId);

    // Crash recovery. The tool of attempt `attempt` runs as `pid` (leading its
    // process group), started at `startTicks` (see Processes::startTicks);
    // recorded only while `owner` still holds the claim.
    Status recordAttemptProcess(const QString &jobId, int attempt, const QString &owner, qint64 pid, quint64 startTicks);
    // The recorded pid and start ticks of an attempt's tool ({0, 0}: none).
    Result<std::pair<qint64, quint64>> attemptProcess(const QString &jobId, int attempt);
    // Running jobs claimed by engines on `host` (owner "host:pid:n").
    Result<QList<JobRecord>> runningOnHost(const QString &host);
    // Engines on `host` that have not left cleanly (owner names).
    Result<QStringList> enginesOnHost(const QString &host);
    // One more attempt of the job was interrupted by the death of its engine.
    Status countCrash(const QString &jobId);

    // Engines working this database say they are alive (every lease renewal)
    // and leave when they stop cleanly. `name`, `busy` and `jobsDone` are
    // what a Workers view shows (see EngineRecord).
    // `heartbeatMs`: how often this engine beats, so a view can tell late from slow.
    Status heartbeat(const QString &owner, int workers, qint64 ts, const QString &name = QString(), int busy = 0,
                     qint64 jobsDone = 0, qint64 heartbeatMs = EngineRecord::kDefaultHeartbeatIntervalMs);
    Status removeEngine(const QString &owner);
    // Engines whose last heartbeat is newer than `since`.
    Result<int> liveEngines(qint64 since);
    // Every engine that has not left cleanly, by name then owner (a late
    // heartbeat: stopped or cut off; see EngineRecord::heartbeatAt).
    Result<QList<EngineRecord>> engines();

    // Tool output stored in the database (as well as in the log file).
    Status appendLogChunk(const LogChunk &chunk);
    // Chunks of attempt `attempt` with seq > afterSeq, in order (attempt 0:
    // every attempt, in order, afterSeq ignored). `limit` 0: all.
    Result<QList<LogChunk>> logChunks(const QString &jobId, int attempt, qint64 afterSeq = -1, int limit = 0);
    // The cap of log_chunks per attempt in bytes (kLogCapSetting, else the default).
    Result<qint64> logCapBytes();

    // The kToolLimitsSetting caps; empty when unset. An unreadable value is
    // an error naming the setting.
    Result<QHash<QString, int>> toolLimits();
    Status setToolLimits(const QHash<QString, int> &limits);
    // The kRateLimitWaitSetting bound in ms, else the default.
    Result<qint64> rateLimitMaxWaitMs();

    Result<QString> setting(const QString &key);
    Status setSetting(const QString &key, const QString &value);

private:
    QSqlQuery &prepared(const char *sql) { return prepared(QString::fromUtf8(sql)); }
    QSqlQuery &prepared(const QString &sql);
    Status execPrepared(QSqlQuery &query, const char *what);
    // A write whose result nobody reads (a row appended to events, errors,
    // log_chunks; an attempt's row written): on PostgreSQL, inside a
    // transaction, it is kept as SQL text and sent with the next statement
    // that reads those tables, or with COMMIT; elsewhere it runs now.
    Status execWrite(QSqlQuery &query, const char *what);
    Status flushDeferred();
    Status execDirect(const QString &sql, const char *what);
    // The values of `column` in every row `query` returns.
    Result<QStringList> stringColumn(QSqlQuery &query, const char *column, const char *what);
    Result<QList<JobRecord>> readJobs(QSqlQuery &query, const char *what);
    Result<QList<AttemptRecord>> readAttempts(QSqlQuery &query, const QString &key, const char *what);

    QSqlDatabase m_db;
    SqlDialect m_dialect = SqlDialect::Sqlite;
    bool m_notifyPending = false;    // this transaction changed jobs (PostgreSQL: NOTIFY at commit)
    bool m_cancelPending = false;    // ... and asked for a cancel (kCancelChannel)
    bool m_queuedPending = false;    // ... and queued one (PostgreSQL: kQueuedChannel too)
    bool m_inTransaction = false;
    QStringList m_deferred;          // execWrite() statements not sent yet, as SQL text
    // PostgreSQL: BEGIN and its lock, not sent yet. They go with the
    // transaction's first statement (one round trip for both), and a
    // transaction that sends nothing costs none.
    QString m_pendingBegin;
    // Prepared once per connection, keyed by the statement's text.
    QHash<QString, std::shared_ptr<QSqlQuery>> m_queries;
    // A prepared statement sent as the first of a transaction ran as text
    // behind BEGIN: its object holds that query's result for the caller to
    // read, and the prepared statement waits here until it is used again.
    std::vector<std::pair<QSqlQuery *, QSqlQuery>> m_parked;
    bool isParked(const QSqlQuery &query) const;
    void unpark(QSqlQuery &query);
    // `what` failed with `error`: the error naming the database file.
    Error failure(const QSqlError &error, const char *what) const;
    // Sends `query` with m_pendingBegin in front, its values written in.
    Status execWithBegin(QSqlQuery &query, const char *what);
};

} // namespace Orchestrator
