#pragma once

#include <functional>
#include <memory>

#include <QJsonObject>
#include <QList>
#include <QObject>
#include <QString>
#include <QStringList>

#include "core/result.h"
#include "core/records.h"
#include "api/submitoptions.h"
#include "core/paths.h"

namespace Orchestrator {

class Scheduler;
class Submission;

// A job's full status, as `orchestrator status` shows it.
struct JobStatus
{
    JobRecord job;
    QStringList dependencies;
    QList<AttemptRecord> attempts;
    QString why;                       // why it is (not) running, in words
};

// The engine's public API: what the predecessor's QueueManager and
// JobStateStore offered, for programs that embed Orchestrator.
//
//   Orchestrator::Engine engine;
//   if (auto s = engine.open(); !s) { qCritical() << s.error().message; return 1; }
//   engine.submit({"jobs/ws-01.json"}, {.priority = Orchestrator::Priority::High});
//   engine.start(3);                  // three workers
//   engine.waitUntilEmpty();          // runs an event loop until no job is pending
//   auto status = engine.status("ws-01-001");
//   engine.stop();
//
// Lives in the thread that creates it (it runs attempts on its own thread
// pool and never blocks that thread on a process, except in waitUntilEmpty()
// and stop(), which are for programs without a GUI event loop).
class Engine final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(Engine)

public:
    explicit Engine(QObject *parent = nullptr);
    ~Engine() override;

    // Opens (creating if needed) the database and loads the tool profiles.
    Status open(const QString &databasePath = defaultDatabasePath());
    QString databasePath() const { return m_databasePath; }

    // Validates and queues job files (or directories of them) in one
    // transaction; nothing is queued if any file is invalid.
    Result<SubmitReport> submit(const QStringList &files, SubmitOptions options = {});
    // The same for job objects built in memory (a form): nothing is written
    // but the store's rows; `sourceName` names them in messages.
    Result<SubmitReport> submitObjects(const QList<QJsonObject> &jobs, const QString &sourceName, SubmitOptions options = {});

    // Starts working the queue with `workers` parallel attempts.
    void start(int workers = 4);
    void setWorkerCount(int workers);
    // Interrupts running attempts (their jobs go back to the queue) and
    // returns when the engine has recorded every one.
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

    Result<JobStatus> status(const QString &jobId);
    Result<QList<RunRecord>> runs();
    Result<QList<JobRecord>> jobs(const JobFilter &filter = {});
    // Jobs per state name, for one run or (empty) all.
    Result<QMap<QString, int>> counts(const QString &runId = {});

    // True when no job is waiting, queued, running or waiting to retry.
    bool isEmpty();
    // Runs a local event loop until isEmpty() or `timeoutMs` passes (-1: no
    // limit); returns isEmpty().
    bool waitUntilEmpty(int timeoutMs = -1);

Q_SIGNALS:
    // Batched: the jobs whose state changed.
    void jobsChanged(const QStringList &jobIds);
    // The database failed a tick (busy, disk full...); the engine retries.
    void databaseError(const QString &message);
    // The engine gave up (a damaged database, failures that persist) and stopped.
    void fatalError(const QString &message);
    // Jobs whose engine died under them (kill -9, a crash), queued again.
    void jobsRestarted(const QStringList &jobIds);

private:
    template<typename F>
    auto inTransaction(F &&change) -> decltype(change());
    // Submits what `add` puts into a Submission made with `options`.
    Result<SubmitReport> submitWith(SubmitOptions options, const std::function<void(Submission &)> &add);

    QString m_databasePath;
    std::unique_ptr<Scheduler> m_scheduler;
    bool m_started = false;
};

} // namespace Orchestrator
