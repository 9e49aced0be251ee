#pragma once

#include <QJsonObject>
#include <QObject>
#include <QString>
#include <QStringList>

#include "core/jobstate.h"
#include "core/result.h"

namespace Orchestrator {
class Session;
struct JobCommandReport;
struct SubmitReport;
}

namespace Orchestrator::Ui {

// The dashboard's side of Orchestrator::Session (engine/api/session.h),
// which runs the engine, the feed and the queries on threads of their own so
// the GUI thread never runs SQL nor waits for a process. This class owns the
// session and words what its commands did, in the user's language, as
// status-bar messages and banner problems. Views take the feed's batches
// and ask their queries from session() directly.
class EngineHost final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(EngineHost)

public:
    explicit EngineHost(QObject *parent = nullptr);
    ~EngineHost() override;

    Session *session() const { return m_session; }

    // Opens the database; `startPaused` keeps the queue paused (the
    // setting), otherwise the engine works the queue at once.
    void open(const QString &databasePath, int workers, bool startPaused);
    QString databasePath() const;

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
    void followLog(const QString &jobId);
    // Interrupts running attempts (their jobs go back to the queue); blocks
    // until they are recorded. Called once, when the window closes.
    void shutdown();

Q_SIGNALS:
    void message(const QString &text);        // results of commands, for the status bar
    void problem(const QString &text);        // errors, for a visible banner
    void pausedChanged(bool paused);
    // The database's files changed under this process (core/databasefiles.h):
    // the feed sends a fresh snapshot. `text`, when not empty, says what happened.
    void databaseReopening(const QString &text);
    // Jobs interrupted by the death of an engine and started again.
    void jobsRestarted(const QStringList &jobIds);

private:
    // Reports a command on jobs: `doneMessage` has %1 for the count of jobs
    // it acted on (empty: no message), problems go to the banner.
    void report(const Orchestrator::JobCommandReport &report, const QString &doneMessage);
    void reportSubmission(const Orchestrator::Result<Orchestrator::SubmitReport> &report);

    Session *m_session = nullptr;
};

} // namespace Orchestrator::Ui
