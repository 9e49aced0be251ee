#include "engine.h"

#include <QDir>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QTimer>

#include "scheduling/explain.h"
#include "scheduling/scheduler.h"
#include "scheduling/transitions.h"
#include "store/jobstore.h"
#include "submit/submission.h"
#include "tools/toolregistry.h"

namespace Orchestrator {

Engine::Engine(QObject *parent)
    : QObject(parent)
{
}

Engine::~Engine()
{
    stop();
}

Status Engine::open(const QString &databasePath)
{
    auto tools = ToolRegistry::load();
    if (!tools)
        return tools.error();
    auto scheduler = std::make_unique<Scheduler>();
    SchedulerOptions options;
    options.databasePath = databasePath;
    if (Status s = scheduler->open(options, *tools); !s)
        return s;
    connect(scheduler.get(), &Scheduler::jobsChanged, this, &Engine::jobsChanged);
    connect(scheduler.get(), &Scheduler::databaseError, this, &Engine::databaseError);
    connect(scheduler.get(), &Scheduler::fatalError, this, &Engine::fatalError);
    connect(scheduler.get(), &Scheduler::jobsRestarted, this, &Engine::jobsRestarted);
    m_scheduler = std::move(scheduler);
    m_databasePath = databasePath;
    return {};
}

template<typename F>
auto Engine::inTransaction(F &&change) -> decltype(change())
{
    if (!m_scheduler)
        return Error::make(ErrorCode::Usage, QStringLiteral("the engine is not open"));
    JobStore &store = m_scheduler->store();
    if (Status s = store.begin(); !s)
        return s.error();
    auto result = change();
    if (!result) {
        store.rollback();
        return result;
    }
    if (Status s = store.commit(); !s)
        return s.error();
    m_scheduler->wake();
    return result;
}

Result<SubmitReport> Engine::submit(const QStringList &files, SubmitOptions options)
{
    if (!m_scheduler)
        return Error::make(ErrorCode::Usage, QStringLiteral("the engine is not open"));
    auto expanded = Submission::expandInputs(files);
    if (!expanded)
        return expanded.error();
    return submitWith(std::move(options), [&expanded](Submission &submission) {
        for (const QString &file : std::as_const(*expanded))
            submission.addFile(file);
    });
}

Result<SubmitReport> Engine::submitObjects(const QList<QJsonObject> &jobs, const QString &sourceName, SubmitOptions options)
{
    return submitWith(std::move(options), [&jobs, &sourceName](Submission &submission) {
        for (const QJsonObject &job : jobs)
            submission.addObject(job, sourceName);
    });
}

Result<SubmitReport> Engine::submitWith(SubmitOptions options, const std::function<void(Submission &)> &add)
{
    if (!m_scheduler)
        return Error::make(ErrorCode::Usage, QStringLiteral("the engine is not open"));
    auto tools = ToolRegistry::load();
    if (!tools)
        return tools.error();
    if (options.workingDirectory.isEmpty())
        options.workingDirectory = QDir::currentPath();
    if (options.dataDirectory.isEmpty())
        options.dataDirectory = dataDirectoryFor(m_databasePath);
    Submission submission(*tools, options);
    add(submission);
    auto report = submission.commit(m_scheduler->store());
    if (report)
        m_scheduler->wake();
    return report;
}

void Engine::start(int workers)
{
    if (!m_scheduler)
        return;
    m_scheduler->setWorkerCount(workers);
    m_scheduler->start();
    m_started = true;
}

void Engine::setWorkerCount(int workers)
{
    if (m_scheduler)
        m_scheduler->setWorkerCount(workers);
}

void Engine::stop()
{
    if (!m_scheduler || !m_started || m_scheduler->isStopped())
        return;
    QEventLoop loop;
    connect(m_scheduler.get(), &Scheduler::stopped, &loop, &QEventLoop::quit);
    m_scheduler->shutdown();
    if (!m_scheduler->isStopped())
        loop.exec();
    m_started = false;
}

bool Engine::isRunning() const { return m_scheduler && m_started && !m_scheduler->isStopped(); }

Status Engine::pause()
{
    auto r = inTransaction([this]() -> Result<bool> {
        if (Status s = Transitions::setPaused(m_scheduler->store(), true); !s)
            return s.error();
        return true;
    });
    return r ? Status() : Status(r.error());
}

Status Engine::resume()
{
    auto r = inTransaction([this]() -> Result<bool> {
        if (Status s = Transitions::setPaused(m_scheduler->store(), false); !s)
            return s.error();
        return true;
    });
    return r ? Status() : Status(r.error());
}

Result<QStringList> Engine::cancel(const QString &jobId)
{
    return inTransaction([&] { return Transitions::cancel(m_scheduler->store(), jobId); });
}

Result<QStringList> Engine::retry(const QString &jobId)
{
    return inTransaction([&] { return Transitions::retry(m_scheduler->store(), jobId); });
}

Result<QStringList> Engine::escalateNow(const QString &jobId)
{
    return inTransaction([&] { return Transitions::escalateNow(m_scheduler->store(), jobId); });
}

Result<QStringList> Engine::setPriority(const QString &jobId, Priority priority)
{
    return inTransaction([&] { return Transitions::setPriority(m_scheduler->store(), jobId, priority); });
}

Result<QStringList> Engine::cancelRun(const QString &runId)
{
    return inTransaction([&]() -> Result<QStringList> {
        JobFilter filter;
        filter.runId = runId;
        filter.states = {JobState::Waiting, JobState::Queued, JobState::RetryWaiting, JobState::Running};
        auto jobs = m_scheduler->store().jobs(filter);
        if (!jobs)
            return jobs.error();
        QStringList changed;
        for (const JobRecord &job : std::as_const(*jobs)) {
            auto cancelled = Transitions::cancel(m_scheduler->store(), job.jobId);
            // A job a cascade already finished is not an error here.
            if (!cancelled && cancelled.error().code != ErrorCode::Conflict)
                return cancelled.error();
            if (cancelled)
                changed += *cancelled;
        }
        return changed;
    });
}

Result<JobStatus> Engine::status(const QString &jobId)
{
    if (!m_scheduler)
        return Error::make(ErrorCode::Usage, QStringLiteral("the engine is not open"));
    JobStore &store = m_scheduler->store();
    auto job = store.job(jobId);
    if (!job)
        return job.error();
    if (!job->has_value())
        return Error::make(ErrorCode::NotFound, QStringLiteral("no job with id \"%1\" in %2").arg(jobId, m_databasePath));
    JobStatus status;
    status.job = **job;
    auto deps = store.dependencies(jobId);
    auto attempts = store.attempts(jobId);
    auto why = explainJob(store, status.job);
    if (!deps || !attempts || !why)
        return !deps ? deps.error() : !attempts ? attempts.error() : why.error();
    status.dependencies = *deps;
    status.attempts = *attempts;
    status.why = *why;
    return status;
}

Result<QList<RunRecord>> Engine::runs()
{
    if (!m_scheduler)
        return Error::make(ErrorCode::Usage, QStringLiteral("the engine is not open"));
    return m_scheduler->store().runs();
}

Result<QList<JobRecord>> Engine::jobs(const JobFilter &filter)
{
    if (!m_scheduler)
        return Error::make(ErrorCode::Usage, QStringLiteral("the engine is not open"));
    return m_scheduler->store().jobs(filter);
}

Result<QMap<QString, int>> Engine::counts(const QString &runId)
{
    if (!m_scheduler)
        return Error::make(ErrorCode::Usage, QStringLiteral("the engine is not open"));
    return m_scheduler->store().stateCounts(runId);
}

bool Engine::isEmpty()
{
    auto all = counts();
    if (!all)
        return false;
    for (auto it = all->cbegin(); it != all->cend(); ++it) {
        const auto state = jobStateFromString(it.key());
        if (state && !isFinal(*state) && it.value() > 0)
            return false;
    }
    return true;
}

bool Engine::waitUntilEmpty(int timeoutMs)
{
    QElapsedTimer clock;
    clock.start();
    QEventLoop loop;
    QTimer poll;
    connect(&poll, &QTimer::timeout, &loop, [&] {
        if (isEmpty() || (timeoutMs >= 0 && clock.elapsed() >= timeoutMs))
            loop.quit();
    });
    poll.start(50);
    if (!isEmpty())
        loop.exec();
    return isEmpty();
}

} // namespace Orchestrator
