#include "enginehost.h"

#include "api/messagetext.h"
#include "api/session.h"

namespace Orchestrator::Ui {

EngineHost::EngineHost(QObject *parent)
    : QObject(parent)
    , m_session(new Session(this))
{
    // The engine speaks English; the banner speaks the user's language.
    connect(m_session, &Session::openFailed, this, [this](const QString &text) { Q_EMIT problem(MessageText::translated(text)); });
    connect(m_session, &Session::feedError, this, [this](const QString &text) { Q_EMIT problem(MessageText::translated(text)); });
    // Database faults at run time reach the banner too, not only the console.
    connect(m_session, &Session::databaseError, this, [this](const QString &text) {
        Q_EMIT problem(tr("%1 (retrying)").arg(MessageText::translated(text)));
    });
    connect(m_session, &Session::fatalError, this, [this](const QString &text) {
        Q_EMIT problem(tr("The engine stopped: %1").arg(MessageText::translated(text)));
    });
    connect(m_session, &Session::jobsRestarted, this, &EngineHost::jobsRestarted);
    connect(m_session, &Session::pausedChanged, this, &EngineHost::pausedChanged);
    connect(m_session, &Session::reopening, this, &EngineHost::databaseReopening);
}

EngineHost::~EngineHost() = default;

void EngineHost::open(const QString &databasePath, int workers, bool startPaused)
{
    m_session->open(databasePath, workers, startPaused);
}

QString EngineHost::databasePath() const { return m_session->databasePath(); }

void EngineHost::setPaused(bool paused)
{
    m_session->setPaused(paused, this, [this, paused](const Status &s) {
        if (!s) {
            Q_EMIT problem(MessageText::translated(s.error().message));
            return;
        }
        Q_EMIT message(paused ? tr("Queue paused: running jobs continue, no new job starts.") : tr("Queue resumed."));
    });
}

void EngineHost::setWorkerCount(int workers) { m_session->setWorkerCount(workers); }

void EngineHost::report(const JobCommandReport &report, const QString &doneMessage)
{
    if (!report.acted.isEmpty() && !doneMessage.isEmpty())
        Q_EMIT message(doneMessage.arg(report.acted.size()));
    if (!report.problems.isEmpty())
        Q_EMIT problem(MessageText::translated(report.problems.join(QLatin1Char('\n'))));
}

void EngineHost::retry(const QStringList &jobIds)
{
    m_session->retry(jobIds, this, [this](const JobCommandReport &r) { report(r, tr("Retrying %1 job(s).")); });
}

void EngineHost::cancel(const QStringList &jobIds)
{
    m_session->cancel(jobIds, this, [this](const JobCommandReport &r) { report(r, tr("Cancelling %1 job(s).")); });
}

void EngineHost::escalateNow(const QStringList &jobIds)
{
    m_session->escalateNow(jobIds, this,
                           [this](const JobCommandReport &r) { report(r, tr("Escalating %1 job(s) to their next tool.")); });
}

void EngineHost::setPriority(const QStringList &jobIds, Priority priority)
{
    m_session->setPriority(jobIds, priority, this, [this](const JobCommandReport &r) { report(r, QString()); });
}

void EngineHost::cancelRun(const QString &runId)
{
    m_session->cancelRun(runId, this, [this, runId](const Result<QStringList> &cancelled) {
        if (!cancelled) {
            Q_EMIT problem(MessageText::translated(cancelled.error().message));
            return;
        }
        Q_EMIT message(tr("Run %1 cancelled (%n job(s)).", nullptr, int(cancelled->size())).arg(runId));
    });
}

void EngineHost::submitFiles(const QStringList &files)
{
    m_session->submitFiles(files, this, [this](const Result<SubmitReport> &report) { reportSubmission(report); });
}

void EngineHost::submitJob(const QJsonObject &job, const QString &sourceName)
{
    m_session->submitObjects({job}, sourceName, this, [this](const Result<SubmitReport> &report) { reportSubmission(report); });
}

void EngineHost::reportSubmission(const Result<SubmitReport> &report)
{
    if (!report) {
        Q_EMIT problem(MessageText::translated(report.error().message));
        return;
    }
    Q_EMIT message(tr("Submitted %n job(s) to %1.", nullptr, int(report->jobIds.size()))
                       .arg(report->runIds.join(QStringLiteral(", "))));
}

void EngineHost::followLog(const QString &jobId) { m_session->followLog(jobId); }

void EngineHost::shutdown() { m_session->shutdown(); }

} // namespace Orchestrator::Ui
