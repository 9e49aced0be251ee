#pragma once

#include <functional>

#include <QJsonObject>
#include <QObject>
#include <QString>
#include <QStringList>
#include <QThread>

#include "core/result.h"
#include "core/records.h"

namespace Orchestrator {
class Engine;
class JobFeed;
struct SubmitReport;
}

namespace Orchestrator::Ui {

// Runs the embedded engine and the job feed, each on a thread of its own, so
// the GUI thread never runs a query or waits for a process. Commands are
// queued to the engine's thread; the feed's batches come back as signals.
class EngineHost final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(EngineHost)

public:
    explicit EngineHost(QObject *parent = nullptr);
    ~EngineHost() override;

    // Opens the database on both threads; `startPaused` keeps the queue
    // paused (the setting), otherwise the engine works the queue at once.
    void open(const QString &databasePath, int workers, bool startPaused);
    QString databasePath() const { return m_databasePath; }

    void setPaused(bool paused);
    void setWorkerCount(int workers);
    void retry(const QStringList &jobIds);
    void cancel(const QStringList &jobIds);
    void escalateNow(const QStringList &jobIds);
    void setPriority(const QStringList &jobIds, Orchestrator::Priority priority);
    void cancelRun(const QString &runId);
    void submitFiles(const QStringList &files);
    // A job built in memory (the Submit dialog's form), submitted without a file.
    void submitJob(const QJsonObject &job, const QString &sourceName);
    // A job whose log file is not on this machine (it ran on another one):
    // its output as stored in the database comes as a local file through
    // logFileReady. An empty id stops following.
    void followLog(const QString &jobId);
    // Interrupts running attempts (their jobs go back to the queue); blocks
    // until they are recorded. Called once, when the window closes.
    void shutdown();

Q_SIGNALS:
    void snapshot(const QList<Orchestrator::JobRecord> &jobs);
    void jobsUpdated(const QList<Orchestrator::JobRecord> &jobs);
    // Every engine working the database, when any changed (the Workers view).
    void workersUpdated(const QList<Orchestrator::EngineRecord> &workers);
    // Run id -> title of the runs that have one (the workstream tree).
    void runTitlesUpdated(const QHash<QString, QString> &titles);
    void logFileReady(const QString &jobId, const QString &path);
    void message(const QString &text);        // results of commands, for the status bar
    void problem(const QString &text);        // errors, for a visible banner
    void pausedChanged(bool paused);
    // The database's files changed under this process (core/databasefiles.h):
    // every connection of it in the GUI thread must close now; the feed then
    // sends a fresh snapshot. `text`, when not empty, says what happened.
    void databaseReopening(const QString &text);
    // Jobs interrupted by the death of an engine and started again.
    void jobsRestarted(const QStringList &jobIds);

private:
    // Runs `submit` in the engine's thread and reports its result.
    void submitWith(std::function<Result<SubmitReport>(Engine &)> submit);
    using JobAction = Result<QStringList> (Engine::*)(const QString &);
    // Runs `action` on each id in the engine's thread; `doneMessage` has %1 for the count.
    void applyToJobs(const QStringList &jobIds, JobAction action, const QString &doneMessage);

    QThread m_engineThread;
    QThread m_feedThread;
    QObject *m_engineContext = nullptr;       // lives in m_engineThread
    Engine *m_engine = nullptr;               // created and used in m_engineThread
    JobFeed *m_feed = nullptr;                // lives in m_feedThread
    QString m_databasePath;
};

} // namespace Orchestrator::Ui
