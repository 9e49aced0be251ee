#pragma once

#include <functional>
#include <utility>

#include <QHash>
#include <QJsonObject>
#include <QList>
#include <QObject>
#include <QString>
#include <QStringList>
#include <QThread>

#include "api/enginetypes.h"
#include "api/submitoptions.h"
#include "core/jobstate.h"
#include "core/records.h"
#include "core/result.h"

namespace Orchestrator {

class Engine;
class JobFeed;
class SessionQueries;

// One job as a details pane shows it: the full record (spec and environment
// included), what it depends on, its attempts, and why it is in its state.
struct JobDetails
{
    JobRecord job;
    QStringList dependencies;
    QList<AttemptRecord> attempts;
    QString why;                       // in words, as `orchestrator status` says it
};

// The shape of one run, for its graph: its jobs (without spec) and its
// dependencies as (job, depends_on) pairs.
struct RunGraphData
{
    QString runId;
    QList<JobRecord> jobs;
    QList<std::pair<QString, QString>> dependencies;
};

// One run over time, for its timeline: every attempt of its jobs, and the
// dependencies as (job, depends_on) pairs.
struct RunTimelineData
{
    QString runId;
    QList<AttemptRecord> attempts;
    QList<std::pair<QString, QString>> dependencies;
};

// What a command on a list of jobs did.
struct JobCommandReport
{
    QStringList acted;                 // the ids asked about that the command acted on
    QStringList changed;               // every job whose state changed, cascades included
    QStringList problems;              // one message for each id it could not act on
};

// The engine as a program with an event loop embeds it (the dashboard):
// what qBittorrent's BitTorrent::Session is to its GUI. It runs the Engine
// (scheduler and attempts) on a thread of its own, the JobFeed on another and
// read-only queries on a third, so the thread that owns the session never
// runs SQL and never waits for a process.
//
// Commands are queued to the engine's thread; each may take a callback that
// receives the result as a value. Live state comes as the feed's batched
// signals. Queries are answered on the query thread and delivered as values.
//
// Callbacks run in the thread of their `context` object (the session's own
// when it is null) and are dropped if the context is destroyed first (a
// context of another thread than the session's must outlive them). A
// caller that asks again before an answer arrives gets every answer, in
// order: it drops the ones it no longer wants (another job was selected).
class Session final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(Session)

public:
    template<typename T>
    using Done = std::function<void(T)>;

    explicit Session(QObject *parent = nullptr);
    // Shuts down (see shutdown()) and joins the threads.
    ~Session() override;

    // Opens the database on every thread; `startPaused` pauses the queue
    // (for every engine on the database), otherwise the engine works it at
    // once. Failures come as openFailed, one per thread that failed.
    void open(const QString &databasePath, int workers, bool startPaused);
    QString databasePath() const { return m_databasePath; }

    // Commands. The queue's pause flag is shared by every engine on the
    // database; pausedChanged follows a successful change.
    void setPaused(bool paused, QObject *context = nullptr, Done<Status> done = {});
    void setWorkerCount(int workers);
    void retry(const QStringList &jobIds, QObject *context = nullptr, Done<JobCommandReport> done = {});
    void cancel(const QStringList &jobIds, QObject *context = nullptr, Done<JobCommandReport> done = {});
    void escalateNow(const QStringList &jobIds, QObject *context = nullptr, Done<JobCommandReport> done = {});
    void setPriority(const QStringList &jobIds, Priority priority, QObject *context = nullptr,
                     Done<JobCommandReport> done = {});
    // Every job of the run that is not final yet; the ids of those cancelled.
    void cancelRun(const QString &runId, QObject *context = nullptr, Done<Result<QStringList>> done = {});
    void submitFiles(const QStringList &files, QObject *context = nullptr, Done<Result<SubmitReport>> done = {});
    // Jobs built in memory (a form), submitted without a file; `sourceName`
    // names them in messages.
    void submitObjects(const QList<QJsonObject> &jobs, const QString &sourceName, QObject *context = nullptr,
                       Done<Result<SubmitReport>> done = {});
    // Lands worktree jobs (Engine::land) on a thread of its own, so neither
    // the dashboard nor the queue waits for git; a dry run predicts. Jobs
    // it landed come through the feed like any change.
    void land(const LandRequest &request, QObject *context = nullptr, Done<Result<LandResult>> done = {});
    // Removes the worktrees and branches of final worktree jobs (Engine::discardJobs).
    void discard(const QStringList &jobIds, QObject *context = nullptr, Done<JobCommandReport> done = {});
    // A new job from an old one's spec (Engine::resubmit): edit and
    // resubmit, duplicate, run again. The report names the new job.
    void resubmit(const ResubmitRequest &request, QObject *context = nullptr, Done<Result<SubmitReport>> done = {});
    // A job whose log file is not on this machine (it ran on another one):
    // its output as stored in the database comes as a local file through
    // logFileReady. An empty id stops following.
    void followLog(const QString &jobId);
    // Stops the feed and interrupts running attempts (their jobs go back to
    // the queue); blocks until they are recorded, a few seconds at most.
    // Called once, when the program is about to quit.
    void shutdown();

    // Queries, answered on the query thread's own connection. An error with
    // ErrorCode::NotFound means there is nothing to read: no such job, or
    // the database cannot be read now (not created yet, being reopened; the
    // engine and the feed report why, and the feed's next batch says when
    // it can be read again).
    void queryJobDetails(const QString &jobId, QObject *context, Done<Result<JobDetails>> done);
    void queryRunGraph(const QString &runId, QObject *context, Done<Result<RunGraphData>> done);
    void queryRunTimeline(const QString &runId, QObject *context, Done<Result<RunTimelineData>> done);
    // What attempt `attempt` (0: the last) of a worktree job changed, with
    // its unified diff (Engine::diff), read with git on the query thread.
    void queryDiff(const QString &jobId, int attempt, QObject *context, Done<Result<JobDiff>> done);
    // The settings every engine on the database shares, read and written by
    // the engine's thread; a write applies to the running engines within
    // seconds.
    void querySharedSettings(QObject *context, Done<Result<SharedSettings>> done);
    void setSharedSettings(const SharedSettings &settings, QObject *context = nullptr, Done<Status> done = {});
    // Every engine working the database (the feed also sends them, as workersUpdated, when they change).
    void queryWorkers(QObject *context, Done<Result<QList<EngineRecord>>> done);
    // The spec a resubmission starts from, for an editor (Engine::resubmitSpec),
    // read by the engine's thread.
    void queryResubmitSpec(const ResubmitRequest &request, QObject *context, Done<Result<QJsonObject>> done);
    // Those of `jobIds` that are in the database already, in any run and
    // state, without their specs: submitting a job with one of these ids
    // would be refused ("already exists").
    void queryExistingJobs(const QStringList &jobIds, QObject *context, Done<Result<QList<JobRecord>>> done);

Q_SIGNALS:
    // The feed (JobFeed): the first snapshot in pages, then batches of changed jobs.
    void snapshot(const QList<Orchestrator::JobRecord> &jobs);
    void jobsUpdated(const QList<Orchestrator::JobRecord> &jobs);
    void workersUpdated(const QList<Orchestrator::EngineRecord> &workers);
    void runTitlesUpdated(const QHash<QString, QString> &titles);
    void logFileReady(const QString &jobId, const QString &path);
    void feedError(const QString &message);
    // The database's files changed under this process (core/databasefiles.h):
    // every connection of the session closes and opens again, and the feed
    // sends a new snapshot that replaces what was shown. `message`, when not
    // empty, says what happened.
    void reopening(const QString &message);

    // The engine or the feed could not open the database.
    void openFailed(const QString &message);
    // The database failed an engine tick (busy, disk full...); the engine retries.
    void databaseError(const QString &message);
    // The engine gave up (a damaged database, failures that persist) and stopped.
    void fatalError(const QString &message);
    // Jobs whose engine died under them (kill -9, a crash), queued again.
    void jobsRestarted(const QStringList &jobIds);
    void pausedChanged(bool paused);

private:
    // Runs `work` on the engine's thread once it is open.
    void onEngine(std::function<void(Engine &)> work);
    using JobAction = std::function<Result<QStringList>(Engine &, const QString &)>;
    void applyToJobs(const QStringList &jobIds, JobAction action, QObject *context, Done<JobCommandReport> done);
    // Runs `work` on the git thread with an engine opened for this one
    // command (null, with the error, when the database cannot be opened).
    void onGitEngine(std::function<void(Engine *engine, const Error &error)> work);
    // Tells the feed that this process committed a change.
    void wakeFeed();

    QThread m_engineThread;
    QThread m_feedThread;
    QThread m_queryThread;
    QThread m_gitThread;                      // lands and discards: git may take seconds
    QObject *m_engineContext = nullptr;       // lives in m_engineThread
    Engine *m_engine = nullptr;               // created and used in m_engineThread
    JobFeed *m_feed = nullptr;                // lives in m_feedThread
    SessionQueries *m_queries = nullptr;      // lives in m_queryThread
    QObject *m_gitContext = nullptr;          // lives in m_gitThread
    QString m_databasePath;
};

} // namespace Orchestrator
