#include "enginehost.h"

#include "api/engine.h"
#include "api/jobfeed.h"

namespace Orchestrator::Ui {

EngineHost::EngineHost(QObject *parent)
    : QObject(parent)
{
    m_engineThread.setObjectName(QStringLiteral("engine"));
    m_feedThread.setObjectName(QStringLiteral("feed"));
    m_engineContext = new QObject;
    m_engineContext->moveToThread(&m_engineThread);
    connect(&m_engineThread, &QThread::finished, m_engineContext, &QObject::deleteLater);
    m_feed = new JobFeed;
    m_feed->moveToThread(&m_feedThread);
    connect(&m_feedThread, &QThread::finished, m_feed, &QObject::deleteLater);
    connect(m_feed, &JobFeed::snapshot, this, &EngineHost::snapshot);
    connect(m_feed, &JobFeed::jobsUpdated, this, &EngineHost::jobsUpdated);
    connect(m_feed, &JobFeed::workersUpdated, this, &EngineHost::workersUpdated);
    connect(m_feed, &JobFeed::runTitlesUpdated, this, &EngineHost::runTitlesUpdated);
    connect(m_feed, &JobFeed::logFileReady, this, &EngineHost::logFileReady);
    connect(m_feed, &JobFeed::feedError, this, &EngineHost::problem);
    connect(m_feed, &JobFeed::reopening, this, &EngineHost::databaseReopening);
    m_engineThread.start();
    m_feedThread.start();
}

EngineHost::~EngineHost()
{
    shutdown();
    m_feedThread.quit();
    m_engineThread.quit();
    m_feedThread.wait();
    m_engineThread.wait();
}

void EngineHost::open(const QString &databasePath, int workers, bool startPaused)
{
    m_databasePath = databasePath;
    QMetaObject::invokeMethod(m_engineContext, [this, databasePath, workers, startPaused] {
        auto *engine = new Engine(m_engineContext);
        if (Status s = engine->open(databasePath); !s) {
            Q_EMIT problem(s.error().message);
            delete engine;
            return;
        }
        m_engine = engine;
        // Database faults at run time reach the banner too, not only the console.
        connect(engine, &Engine::databaseError, this, [this](const QString &text) {
            Q_EMIT problem(tr("%1 (retrying)").arg(text));
        });
        connect(engine, &Engine::jobsRestarted, this, &EngineHost::jobsRestarted);
        connect(engine, &Engine::fatalError, this, [this](const QString &text) {
            Q_EMIT problem(tr("The engine stopped: %1").arg(text));
        });
        if (startPaused)
            (void)m_engine->pause();
        m_engine->start(workers);
        Q_EMIT pausedChanged(startPaused);
    }, Qt::QueuedConnection);
    QMetaObject::invokeMethod(m_feed, [this, databasePath] {
        if (Status s = m_feed->open(databasePath); !s) {
            Q_EMIT problem(s.error().message);
            return;
        }
        m_feed->start();
    }, Qt::QueuedConnection);
}

void EngineHost::setPaused(bool paused)
{
    QMetaObject::invokeMethod(m_engineContext, [this, paused] {
        if (!m_engine)
            return;
        const Status s = paused ? m_engine->pause() : m_engine->resume();
        if (!s) {
            Q_EMIT problem(s.error().message);
            return;
        }
        Q_EMIT pausedChanged(paused);
        Q_EMIT message(paused ? tr("Queue paused: running jobs continue, no new job starts.") : tr("Queue resumed."));
    }, Qt::QueuedConnection);
}

void EngineHost::setWorkerCount(int workers)
{
    QMetaObject::invokeMethod(m_engineContext, [this, workers] {
        if (m_engine)
            m_engine->setWorkerCount(workers);
    }, Qt::QueuedConnection);
}

void EngineHost::applyToJobs(const QStringList &jobIds, JobAction action, const QString &doneMessage)
{
    QMetaObject::invokeMethod(m_engineContext, [this, jobIds, action, doneMessage] {
        if (!m_engine)
            return;
        QStringList problems;
        int done = 0;
        for (const QString &id : jobIds) {
            auto result = (m_engine->*action)(id);
            if (result)
                ++done;
            else
                problems.append(result.error().message);
        }
        if (done > 0)
            Q_EMIT message(doneMessage.arg(done));
        if (!problems.isEmpty())
            Q_EMIT problem(problems.join(QLatin1Char('\n')));
    }, Qt::QueuedConnection);
}

void EngineHost::retry(const QStringList &jobIds)
{
    applyToJobs(jobIds, &Engine::retry, tr("Retrying %1 job(s)."));
}

void EngineHost::cancel(const QStringList &jobIds)
{
    applyToJobs(jobIds, &Engine::cancel, tr("Cancelling %1 job(s)."));
}

void EngineHost::escalateNow(const QStringList &jobIds)
{
    applyToJobs(jobIds, &Engine::escalateNow, tr("Escalating %1 job(s) to their next tool."));
}

void EngineHost::setPriority(const QStringList &jobIds, Priority priority)
{
    QMetaObject::invokeMethod(m_engineContext, [this, jobIds, priority] {
        if (!m_engine)
            return;
        QStringList problems;
        for (const QString &id : jobIds) {
            if (auto result = m_engine->setPriority(id, priority); !result)
                problems.append(result.error().message);
        }
        if (!problems.isEmpty())
            Q_EMIT problem(problems.join(QLatin1Char('\n')));
    }, Qt::QueuedConnection);
}

void EngineHost::cancelRun(const QString &runId)
{
    QMetaObject::invokeMethod(m_engineContext, [this, runId] {
        if (!m_engine)
            return;
        auto cancelled = m_engine->cancelRun(runId);
        if (!cancelled) {
            Q_EMIT problem(cancelled.error().message);
            return;
        }
        Q_EMIT message(tr("Run %1 cancelled (%n job(s)).", nullptr, int(cancelled->size())).arg(runId));
    }, Qt::QueuedConnection);
}

void EngineHost::submitFiles(const QStringList &files)
{
    submitWith([files](Engine &engine) { return engine.submit(files); });
}

void EngineHost::submitJob(const QJsonObject &job, const QString &sourceName)
{
    submitWith([job, sourceName](Engine &engine) { return engine.submitObjects({job}, sourceName); });
}

void EngineHost::submitWith(std::function<Result<SubmitReport>(Engine &)> submit)
{
    QMetaObject::invokeMethod(m_engineContext, [this, submit = std::move(submit)] {
        if (!m_engine)
            return;
        auto report = submit(*m_engine);
        if (!report) {
            Q_EMIT problem(report.error().message);
            return;
        }
        Q_EMIT message(tr("Submitted %n job(s) to %1.", nullptr, int(report->jobIds.size()))
                           .arg(report->runIds.join(QStringLiteral(", "))));
    }, Qt::QueuedConnection);
}

void EngineHost::followLog(const QString &jobId)
{
    QMetaObject::invokeMethod(m_feed, [this, jobId] { m_feed->followLog(jobId); }, Qt::QueuedConnection);
}

void EngineHost::shutdown()
{
    if (!m_engineThread.isRunning())
        return;
    QMetaObject::invokeMethod(m_feed, [this] { m_feed->stop(); }, Qt::BlockingQueuedConnection);
    // Blocks the caller only while running attempts are killed and recorded
    // (a few seconds at most); the window is already hidden then.
    QMetaObject::invokeMethod(m_engineContext, [this] {
        if (m_engine)
            m_engine->stop();
    }, Qt::BlockingQueuedConnection);
}

} // namespace Orchestrator::Ui
