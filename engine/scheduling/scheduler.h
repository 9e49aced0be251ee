#pragma once

#include <memory>

#include <QHash>
#include <QList>
#include <QMutex>
#include <QSet>
#include <QObject>
#include <QString>
#include <QStringList>
#include <QThreadPool>
#include <QTimer>

#include "core/databasefiles.h"
#include "core/result.h"
#include "execution/attempt.h"
#include "scheduling/decision.h"
#include "store/database.h"
#include "core/records.h"
#include "tools/toolregistry.h"

namespace Orchestrator {

class JobStore;
struct JobSpec;
struct Transition;

struct SchedulerOptions
{
    QString databasePath;      // an SQLite file or a PostgreSQL URL
    QString name;              // shown in the Workers view (engines.name); empty: none
    int workers = 4;
    QStringList onlyRuns;      // non-empty: claim only jobs of these runs
    QStringList onlyJobs;      // non-empty: claim only these jobs
    int leaseSeconds = EngineRecord::kDefaultLeaseSeconds;  // a claim expires unless renewed (renewIntervalMs())
    int pollIntervalMs = 250;  // how often other processes' submissions are noticed
    // Tool output stored in the database per attempt, in bytes (0: none;
    // -1: the database's setting, else JobStore::kDefaultLogCapBytes).
    qint64 logCapBytes = -1;
    // PostgreSQL: an engine that holds no job and cannot reach the server
    // gives up (fatalError, stopped()) after as long as a busy one keeps a
    // lease it cannot renew, so a supervisor can start it afresh (the
    // command line). False: it keeps trying every second (the dashboard).
    bool giveUpWhenIdle = false;

    qint64 leaseMs() const { return qint64(leaseSeconds) * 1000; }
    // Leases are renewed, and the heartbeat written, every quarter lease:
    // three renewals may fail before others may reclaim the jobs. The
    // heartbeat row carries it, so the Workers view knows when one is late.
    qint64 renewIntervalMs() const { return leaseMs() / 4; }
};

// Works the queue of one database: claims ready jobs (highest priority first,
// then first submitted), runs each attempt on its thread pool, and turns every
// outcome into the next state (retry with backoff, escalation, final state,
// releasing or failing dependents). Only the Scheduler changes job state.
// Several Schedulers, in one or many processes, may share a database: a claim
// is an atomic conditional update that records the owner and a lease (on
// PostgreSQL the candidates are read with FOR UPDATE SKIP LOCKED first).
// An engine that cannot renew its lease (the database is gone) kills its
// tools before the lease runs out, records nothing more and stops
// (fatalError, then stopped()): others reclaim its jobs after the lease.
// Lives in the thread that creates it; it never blocks that thread on a process.
class Scheduler final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(Scheduler)

public:
    explicit Scheduler(QObject *parent = nullptr);
    ~Scheduler() override;

    Status open(const SchedulerOptions &options, ToolRegistry tools);
    void start();
    // Stops claiming; running attempts are interrupted (killed) and their jobs
    // go back to the queue without using up an attempt. Emits stopped() when
    // the last one has been recorded.
    void shutdown();
    bool isStopped() const { return m_stopped; }

    void setWorkerCount(int count);
    // Claim only jobs of these runs from now on (empty: any run).
    void setOnlyRuns(const QStringList &runIds) { m_options.onlyRuns = runIds; }
    int workerCount() const { return m_workers; }
    int runningCount() const { return int(m_running.size()); }
    // Ticks PostgreSQL rolled back for a deadlock or serialization failure and that ran again.
    qint64 contentionRetries() const { return m_contentionTotal; }
    QString owner() const { return m_owner; }

    // See decide() (scheduling/decision.h).
    static constexpr int kQuarantineAfterCrashes = Orchestrator::kQuarantineAfterCrashes;

    // The scheduler's own connection, for callers on the same thread.
    JobStore &store() { return *m_store; }

    // Marks a state change made elsewhere (submit, cancel, retry) so the next
    // tick does not wait for the poll interval.
    void wake();

Q_SIGNALS:
    // Coarse, batched: the jobs whose state changed in one tick.
    void jobsChanged(const QStringList &jobIds);
    void stopped();
    void databaseError(const QString &message);
    // The database kept failing (kMaxConsecutiveFailures ticks in a row, or
    // past the lease bound on PostgreSQL); the scheduler has stopped
    // claiming. Nothing was recorded half-way. One line, naming the database.
    void fatalError(const QString &message);
    // Jobs whose engine died under them (a crash, kill -9) and that were
    // queued again, once per tick that recovered any.
    void jobsRestarted(const QStringList &jobIds);

private:
    struct Running
    {
        int attempt = 0;
        std::shared_ptr<AttemptControl> control;
        std::shared_ptr<const JobRecord> job;   // as claimed; spares a read when the result comes
        qint64 pid = 0;                         // the tool's, once it runs
        qint64 nextChunk = 0;                   // seq of its next log chunk
    };

    // An attempt to dispatch once the tick's transaction has committed, with the job as claimed.
    using ClaimedPlan = std::pair<AttemptPlan, std::shared_ptr<const JobRecord>>;

    void scheduleTick(int delayMs = 0);
    // The database failed: reconnects (PostgreSQL), and once the lease can
    // no longer be trusted gives up (abandon()); an idle engine gives up
    // then too if giveUpWhenIdle. Returns true if it gave up.
    bool handleDatabaseFailure(const QString &message);
    // SQLite: while the files this process has open are not the ones on disk
    // (an unlinked WAL, lost locks: core/databasefiles.h), nothing is
    // written; the connection is closed and opened afresh once every other
    // one of this process has closed too. True while that is under way.
    bool reopenIfFilesChanged();
    // After a reopen: attempts whose claim did not reach the database (it
    // was written to a WAL that no longer exists) are stopped, unrecorded.
    void dropUnclaimedAttempts();
    // Kills every running attempt, drops their results unrecorded and stops.
    void abandon(const QString &message);
    // Nothing is running: emits fatalError(message) and stops.
    void giveUpIdle(const QString &message);
    Status flushLogChunks();
    void restoreUnflushed();
    bool isEngineDead(const QString &owner, QHash<QString, bool> &known) const;
    void tick();
    Status refreshSharedSettings(qint64 now);
    bool hasWork();
    // Parts of the tick's transaction.
    Status promoteDueRetries(qint64 now, QStringList &changed);
    Status claimQueued(qint64 now, QStringList &changed, QList<ClaimedPlan> &plans);
    // Claims one candidate at a time: jobs with a repository lock or a capped
    // tool, and run-job's own jobs.
    Status claimOneByOne(int freeCount, qint64 now, QStringList &changed, QList<ClaimedPlan> &plans);
    Status startAttempt(const QString &jobId, qint64 now, QList<ClaimedPlan> &plans);
    Status startAttempt(std::shared_ptr<const JobRecord> claimed, qint64 now, QList<ClaimedPlan> &plans);
    // The dependents of the jobs that succeeded in this tick (m_succeeded), in one go.
    Status releaseSucceeded(QStringList &changed);
    // PostgreSQL: LISTEN for queued work and cancel requests, so an idle
    // engine claims at once and a cancel stops its tool at once.
    void listenForQueuedWork();
    // `claimed`: the job as this engine claimed it (null: read it from the store).
    // Applies decide()'s answer: the state change, then what goes with it.
    Status applyResult(const AttemptResult &result, QStringList &changed, const JobRecord *claimed = nullptr);
    static Transition transitionFor(const AttemptResult &result, const JobRecord &job, const Decision &decision);
    Status recordDecision(const AttemptResult &result, const JobRecord &job, const Decision &decision, QStringList &changed);
    Status recoverExpiredLeases(QStringList &changed);
    // Jobs claimed by engines on this host that have died (killed, crashed):
    // what is left of their tools is killed, the attempt recorded as
    // interrupted, the job queued again or failed (on_crash, quarantine).
    Status recoverDeadEngines(QStringList &changed);
    Status recoverCrashed(const JobRecord &job, const QString &why, bool killLeftovers, QStringList &changed);
    // Before the tick's write transaction, so that no lock is held while they
    // die: kills what is left of the tools of dead engines on this host and
    // waits for it to be gone, noting in m_leftoversKilled what each lost.
    void killLeftoversOfDeadEngines();
    // Inside the transaction: how many processes `key` (an attempt's tag or
    // "owner/") lost before it began. One it did not see yet is sent SIGKILL
    // now, which does not wait; waitForLeftovers() waits after the commit.
    int leftoversKilled(const QString &key, const QString &tagPrefix, qint64 pgid = 0, quint64 leaderTicks = 0);
    // After the commit, before anything is dispatched.
    void waitForLeftovers();
    Status recordProcesses();
    void sweepOrphans();
    Result<AttemptPlan> planAttempt(const JobRecord &job);
    // Where a worktree job's attempt runs and starts from (reads the store).
    Result<WorktreePlan> planWorktree(const JobRecord &job, const JobSpec &spec);
    void dispatch(const AttemptPlan &plan, std::shared_ptr<const JobRecord> job);
    void onAttemptDone(const AttemptResult &result);
    void deliverCancelRequests();
    // Reads when the next retry is due and arms m_retryTimer for it.
    void armRetryTimer();
    // A retry of ours falls due at `at`: no read needed.
    void noteRetryAt(qint64 at);
    int freeSlots() const;

    SchedulerOptions m_options;
    ToolRegistry m_tools;
    Database m_database;
    std::unique_ptr<JobStore> m_store;
    QThreadPool m_pool;
    QString m_owner;
    int m_workers = 4;
    bool m_started = false;
    bool m_stopping = false;
    bool m_stopped = false;
    bool m_wakeRequested = true;
    qint64 m_lastLeaseRenewal = 0;
    qint64 m_startedAt = 0;         // when start() was called, the bound's base before the first renewal
    qint64 m_logCapBytes = 0;
    // The database's shared settings (JobStore::toolLimits, rateLimitMaxWaitMs), read again
    // every kSharedSettingsRefreshMs.
    static constexpr qint64 kSharedSettingsRefreshMs = 5000;
    QHash<QString, int> m_toolLimits;
    qint64 m_rateLimitMaxWaitMs = kMaxRateLimitWaitMs;
    qint64 m_sharedSettingsReadAt = 0;
    qint64 m_jobsDone = 0;          // attempts this engine finished and recorded
    bool m_abandoned = false;       // gave up on the database: nothing more is written
    int m_consecutiveFailures = 0;
    bool m_reopening = false;       // closed for a reopen (reopenIfFilesChanged)
    DatabaseFiles::ReopenCheck m_reopenCheck;
    QSet<QString> m_unclaimed;      // running attempts whose results are dropped
    // Written once the tick's transaction has committed: footer lines for
    // the logs of attempts that lost their engine (path, line), and the jobs
    // requeued after a crash.
    QList<std::pair<QString, QString>> m_pendingFooters;
    QStringList m_restarted;
    static constexpr int kMaxConsecutiveFailures = 50;  // ~10 s of retries
    // PostgreSQL gave a tick up (deadlock, serialization failure): run again
    // at once, up to this many times in a row before it counts as a failure.
    static constexpr int kMaxContentionRetries = 20;
    // PostgreSQL: how long a result waits for others to share its tick.
    static constexpr int kResultBatchMs = 3;
    int m_contentionRetries = 0;     // in a row
    qint64 m_contentionTotal = 0;    // since open(): what a worker reports at exit
    // When RetryWaiting jobs may next be due: before it, a tick does not
    // look (0: look now; max: none known). Other engines' retries are found
    // by the poll (hasWork()) and every lease renewal.
    qint64 m_retryCheckAt = 0;
    QStringList m_succeeded;         // jobs whose success this tick recorded: their dependents are released
    bool m_listening = false;
    // While listening, the poll reads the queue and cancel requests only
    // every this many polls (the fallback for a lost notification).
    static constexpr int kListeningPollEvery = 8;
    int m_quietPolls = 0;
    // PostgreSQL: how long a started tool's pid may wait for a tick that
    // goes anyway (the tool's tag finds its processes meanwhile).
    static constexpr int kProcessRecordDelayPostgresMs = 1000;
    bool m_notificationsConnected = false;

    QHash<QString, Running> m_running;
    QList<AttemptResult> m_results;   // finished attempts not yet recorded
    QList<AttemptResult> m_unstartable; // attempts that could not even be planned
    struct StartedProcess
    {
        QString jobId;
        int attempt = 0;
        qint64 pid = 0;
        quint64 startTicks = 0;
    };
    QList<StartedProcess> m_startedProcesses; // tools started, not yet recorded
    QList<LogChunk> m_unflushed;      // output written in the open transaction
    // Leftovers of dead engines (see killLeftoversOfDeadEngines()).
    struct LeftoverKill
    {
        QString tagPrefix;
        qint64 pgid = 0;
        quint64 leaderTicks = 0;
    };
    QHash<QString, int> m_leftoversKilled;      // attempt tag or "owner/" -> processes killed before the tick's transaction
    QList<LeftoverKill> m_leftoversSignalled;   // sent SIGKILL inside it, to wait for once it is committed

    QTimer m_tickTimer;
    QTimer m_pollTimer;
    QTimer m_retryTimer;
    // Orphans are looked for when an attempt ends (and once more shortly
    // after), among this process's own descendants only; a slow sweep reaps
    // adopted zombies that exit later.
    static constexpr int kOrphanFollowUpMs = 1000;
    static constexpr int kOrphanSafetySweepMs = 30000;
    // Sweeps after attempts end are this far apart at least.
    static constexpr int kOrphanSweepGapMs = 100;
    qint64 m_lastSweepAt = 0;
    QTimer m_sweepTimer;
    int m_sweepFollowUps = 0;
};

} // namespace Orchestrator
