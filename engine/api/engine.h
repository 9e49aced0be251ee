#pragma once

#include <functional>
#include <memory>
#include <utility>

#include <QHash>
#include <QJsonObject>
#include <QList>
#include <QObject>
#include <QString>
#include <QStringList>

#include "api/enginetypes.h"
#include "api/submitoptions.h"
#include "core/paths.h"
#include "core/records.h"
#include "core/result.h"

namespace Orchestrator {

class Database;
class JobStore;
class Scheduler;
class Submission;
struct JobSpec;

// The engine's public API, and the one front door of the command line and the
// dashboard: commands (submit, cancel, retry, pause...), queries answered as
// values, and batched notifications.
//
//   Orchestrator::Engine engine;
//   if (auto s = engine.open(); !s) { qCritical() << s.error().message; return 1; }
//   engine.submit({"jobs/ws-01.json"}, {.priority = Orchestrator::Priority::High});
//   engine.start(3);                  // three workers
//   engine.waitUntilEmpty();          // runs an event loop until no job is pending
//   auto status = engine.status("ws-01-001");
//   engine.stop();
//
// Lives in the thread that creates it and is used from there, synchronously
// (it runs attempts on its own thread pool and never blocks that thread on a
// process, except in waitUntilEmpty() and stop(), which are for programs
// without an event loop of their own).
class Engine final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(Engine)

public:
    explicit Engine(QObject *parent = nullptr);
    ~Engine() override;

    // Opens the database (an SQLite file, ":memory:", or a PostgreSQL URL)
    // as `options` say; an engine that works the queue also loads the tool
    // profiles and checks the whole file for damage before its first write.
    Status open(const QString &databasePath = defaultDatabasePath(), const EngineOptions &options = {});
    // As given to open().
    QString databasePath() const { return m_databasePath; }
    // The file behind the connection, or the server's URL without secrets: for messages.
    QString databaseFile() const;
    // "host:pid:n", the owner of the jobs an engine that works the queue claims.
    QString owner() const;

    // Validates and queues job files (or directories of them) in one
    // transaction; nothing is queued if any file is invalid.
    Result<SubmitReport> submit(const QStringList &files, SubmitOptions options = {});
    // The same for job objects built in memory (a form): nothing is written
    // but the store's rows; `sourceName` names them in messages.
    Result<SubmitReport> submitObjects(const QList<QJsonObject> &jobs, const QString &sourceName, SubmitOptions options = {});
    // Checks job files as submit() would (dependencies may name jobs in the
    // database) and writes nothing; returns the files checked.
    Result<QStringList> validate(const QStringList &files, SubmitOptions options = {});
    // Makes one job ready to run now (`orchestrator run-job`): a new one is
    // submitted; the same job already in the database, unchanged, is retried
    // if it is final (a succeeded one too) and takes options.runTitle.
    // Validation error when the id is taken by another spec, Conflict while
    // it runs. Returns the job's status after the change.
    Result<JobStatus> queueToRun(const JobSpec &spec, SubmitOptions options = {});
    // A new job whose spec starts from an existing job's (edit and
    // resubmit, duplicate, run again), submitted as submitObjects() submits
    // a form, so it is validated the same way. The old job may be in any
    // state (a succeeded one runs again, one not final yet is duplicated)
    // and is left as it is; both record the lineage (JobRecord::
    // resubmittedFrom and resubmittedAs, an event each). NotFound: no such
    // job; Validation: the spec is invalid, or the new id is taken.
    Result<SubmitReport> resubmit(const ResubmitRequest &request);
    // The spec resubmit() submits when the request gives none, for an
    // editor: the old job's as submitted, with job_id the new job's, run_id
    // its run, priority the old job's now, paths.repo_root the directory the
    // old job ran in (so the copy does not depend on where it is submitted
    // from), and only the dependencies that are still in the database; a
    // run_title is dropped when the run stays the same (its title stays).
    Result<QJsonObject> resubmitSpec(const ResubmitRequest &request);

    // Starts working the queue with `workers` parallel attempts (an engine
    // opened with worksQueue only).
    void start(int workers = 4);
    void setWorkerCount(int workers);
    // Claim only jobs of these runs from now on (empty: any run).
    void setOnlyRuns(const QStringList &runIds);
    // Begins stopping: no new claims; running attempts are interrupted (their
    // jobs go back to the queue without using up an attempt). Emits stopped()
    // once every one is recorded. For programs with an event loop.
    void shutdown();
    // shutdown(), and returns when stopped.
    void stop();
    bool isRunning() const;

    Status pause();
    Status resume();
    Result<QStringList> cancel(const QString &jobId);
    Result<QStringList> retry(const QString &jobId);
    Result<QStringList> escalateNow(const QString &jobId);
    Result<QStringList> setPriority(const QString &jobId, Priority priority);
    // Cancels every job of the run that is not final yet.
    Result<QStringList> cancelRun(const QString &runId);
    // retry() and cancel() of many jobs in one transaction: a job it cannot
    // act on is a problem of the report, a database failure the error of all.
    Result<BatchReport> retryJobs(const QStringList &jobIds);
    Result<BatchReport> cancelJobs(const QStringList &jobIds);

    // NotFound when there is no such job.
    Result<JobRecord> job(const QString &jobId);
    Result<JobStatus> status(const QString &jobId);
    // What attempt `attempt` (0: the last one) of a worktree job changed,
    // with the unified diff from its start commit when `withPatch`. Runs git
    // and waits for it. NotFound: no such job or attempt; Conflict: the job
    // does not run in a worktree, or the attempt recorded no change (it is
    // running, or its worktree could not be made).
    Result<JobDiff> diff(const QString &jobId, int attempt = 0, bool withPatch = true);

    // Merges the change of succeeded worktree jobs that have not landed into
    // a branch of the user's repository, in dependency order, each whole or
    // not at all (see git/gitland.h): stops at the first conflict with the
    // branch as the job before left it. Landed jobs are recorded (events:
    // landed). Runs git and waits for it. An error, with nothing changed,
    // when no job can land, the jobs span several repositories or base
    // branches (name one with intoBranch), the branch's checkout is dirty,
    // or another land runs.
    Result<LandResult> land(const LandRequest &request);
    // Removes the worktrees and branches of final worktree jobs (their attempt
    // refs stay until gc()); a landed job's change stays in its branch.
    Result<BatchReport> discardJobs(const QStringList &jobIds);
    // Removes worktrees, branches and attempt refs of landed and discarded
    // jobs and of final worktree jobs that finished more than `olderThanDays`
    // days ago.
    Result<GcSummary> gc(int olderThanDays = 14);
    // What a kill -9 left in the repositories of worktree jobs: prunes
    // worktrees whose directories are gone, removes stale index.locks of
    // orchestrator worktrees, and finishes an interrupted land (recording
    // the jobs it landed). An engine that works the queue does it when it
    // starts. Returns one line per thing it repaired.
    Result<QStringList> tidyRepositories();

    // The database's shared settings; setting them checks them first (a
    // negative cap or wait is refused, naming it).
    Result<SharedSettings> sharedSettings();
    Status setSharedSettings(const SharedSettings &settings);
    // Tokens and cost of finished AI-tool attempts, grouped as `query` says
    // (see UsageQuery); cost estimated from the price table is told apart.
    Result<UsageReport> usage(const UsageQuery &query);

    // Newest first; `limit` 0: all.
    Result<QList<RunRecord>> runs(int limit = 0);
    // Run id -> title, for the runs that have one.
    Result<QHash<QString, QString>> runTitles();
    Result<QList<JobRecord>> jobs(const JobFilter &filter = {});
    // The dependency edges between jobs of a run, as (job, depends_on) pairs
    // sorted by job then dependency (what Graph::buildRunGraph takes).
    Result<QList<std::pair<QString, QString>>> runDependencies(const QString &runId);
    // Jobs per state name, for one run or (empty) all.
    Result<QMap<QString, int>> counts(const QString &runId = {});
    // `jobIds` (of `runIds`) and the rest of those runs, per state name.
    Result<RunProgress> progress(const QStringList &runIds, const QStringList &jobIds);
    // Tool output of attempt `attempt` stored in the database, the chunks
    // after `afterSeq`, in order (JobLogReader reads a whole log).
    Result<QList<LogChunk>> logChunks(const QString &jobId, int attempt, qint64 afterSeq = -1);

    // The tool profiles (built in, then the user's file) and where each
    // program is on this machine. Needs no database.
    static Result<QList<ToolInfo>> tools();
    // Whether tools are ready on this machine: installed, their version and
    // their login (tools/toolcheck.h). `names` empty: every AI tool (a
    // profile whose events are read, or that says how to check a login).
    // Runs the tools' own status commands; needs no database.
    static Result<QList<ToolCheck>> checkTools(const QStringList &names = {});

    // True when no job is waiting, queued, running or waiting to retry
    // (false when the database cannot tell).
    bool isEmpty();
    // PostgreSQL: this engine's scheduler ticks the server rolled back for a
    // deadlock or serialization failure and that ran again (0 without a queue).
    qint64 contentionRetries() const;
    // Runs a local event loop until isEmpty() or `timeoutMs` passes (-1: no
    // limit); returns isEmpty().
    bool waitUntilEmpty(int timeoutMs = -1);

Q_SIGNALS:
    // Batched: the jobs whose state changed.
    void jobsChanged(const QStringList &jobIds);
    // The database failed a tick (busy, disk full...); the engine retries.
    void databaseError(const QString &message);
    // The engine gave up (a damaged database, failures that persist) and stops.
    void fatalError(const QString &message);
    // Jobs whose engine died under them (kill -9, a crash), queued again.
    void jobsRestarted(const QStringList &jobIds);
    // The engine has stopped working the queue (shutdown(), or after fatalError()).
    void stopped();

private:
    // The connection of this thread: the scheduler's, or the engine's own
    // when it does not work the queue; null before open().
    JobStore *store() const;
    Error notOpen() const;
    template<typename F>
    auto inTransaction(F &&change) -> decltype(change());
    // Submits what `add` puts into a Submission made with `options`.
    Result<SubmitReport> submitWith(SubmitOptions options, const std::function<void(Submission &)> &add);
    using JobAction = Result<QStringList> (*)(JobStore &, const QString &);
    Result<BatchReport> applyToJobs(const QStringList &jobIds, JobAction action);

    QString m_databasePath;
    std::unique_ptr<Scheduler> m_scheduler;
    std::unique_ptr<Database> m_database;     // worksQueue false: the engine's own connection
    std::unique_ptr<JobStore> m_store;        // ... and its store
    bool m_started = false;
};

} // namespace Orchestrator
