#include "engine.h"

#include <algorithm>

#include <QDebug>
#include <QDir>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QFileInfo>
#include <QJsonDocument>
#include <QProcessEnvironment>
#include <QStandardPaths>
#include <QTimer>

#include "scheduling/explain.h"
#include "scheduling/scheduler.h"
#include "scheduling/transitions.h"
#include "spec/jobspec.h"
#include "store/database.h"
#include "git/gitrepo.h"
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

Status Engine::open(const QString &databasePath, const EngineOptions &options)
{
    if (!options.createIfMissing && !isPostgresUrl(databasePath) && !QFileInfo::exists(databasePath))
        return Error::make(ErrorCode::NotFound, QStringLiteral("no database at %1: nothing has been submitted there "
                                                               "(use --db or ORCHESTRATOR_DB to name another)")
                                                    .arg(databasePath));
    if (!options.worksQueue) {
        auto database = Database::open(databasePath);
        if (!database)
            return database.error();
        m_database = std::make_unique<Database>(std::move(database).value());
        m_store = std::make_unique<JobStore>(m_database->connection());
        m_databasePath = databasePath;
        return {};
    }
    auto tools = ToolRegistry::load();
    if (!tools)
        return tools.error();
    auto scheduler = std::make_unique<Scheduler>();
    SchedulerOptions schedulerOptions;
    schedulerOptions.databasePath = databasePath;
    schedulerOptions.name = options.name;
    schedulerOptions.onlyRuns = options.onlyRuns;
    schedulerOptions.onlyJobs = options.onlyJobs;
    schedulerOptions.leaseSeconds = options.leaseSeconds;
    schedulerOptions.pollIntervalMs = options.pollIntervalMs;
    schedulerOptions.logCapBytes = options.logCapBytes;
    schedulerOptions.giveUpWhenIdle = options.giveUpWhenIdle;
    if (Status s = scheduler->open(schedulerOptions, *tools); !s)
        return s;
    connect(scheduler.get(), &Scheduler::jobsChanged, this, &Engine::jobsChanged);
    connect(scheduler.get(), &Scheduler::databaseError, this, &Engine::databaseError);
    connect(scheduler.get(), &Scheduler::fatalError, this, &Engine::fatalError);
    connect(scheduler.get(), &Scheduler::jobsRestarted, this, &Engine::jobsRestarted);
    connect(scheduler.get(), &Scheduler::stopped, this, &Engine::stopped);
    m_scheduler = std::move(scheduler);
    m_databasePath = databasePath;
    return {};
}

QString Engine::databaseFile() const
{
    const JobStore *s = store();
    return s ? Orchestrator::databaseFile(s->database()) : m_databasePath;
}

QString Engine::owner() const
{
    return m_scheduler ? m_scheduler->owner() : QString();
}

JobStore *Engine::store() const
{
    return m_scheduler ? &m_scheduler->store() : m_store.get();
}

Error Engine::notOpen() const
{
    return Error::make(ErrorCode::Usage, QStringLiteral("the engine is not open"));
}

template<typename F>
auto Engine::inTransaction(F &&change) -> decltype(change())
{
    JobStore *s = store();
    if (!s)
        return notOpen();
    if (Status begun = s->begin(); !begun)
        return begun.error();
    auto result = change();
    if (!result) {
        s->rollback();
        return result;
    }
    if (Status committed = s->commit(); !committed)
        return committed.error();
    if (m_scheduler)
        m_scheduler->wake();
    return result;
}

Result<SubmitReport> Engine::submit(const QStringList &files, SubmitOptions options)
{
    if (!store())
        return notOpen();
    if (files.isEmpty())
        return Error::make(ErrorCode::Usage, QStringLiteral("no job files given"));
    auto expanded = Submission::expandInputs(files);
    if (!expanded)
        return expanded.error();
    if (expanded->isEmpty())
        return Error::make(ErrorCode::Usage, QStringLiteral("no *.json job files in %1").arg(files.join(QStringLiteral(", "))));
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
    JobStore *s = store();
    if (!s)
        return notOpen();
    auto tools = ToolRegistry::load();
    if (!tools)
        return tools.error();
    if (options.workingDirectory.isEmpty())
        options.workingDirectory = QDir::currentPath();
    if (options.dataDirectory.isEmpty())
        options.dataDirectory = dataDirectoryFor(m_databasePath);
    Submission submission(*tools, options);
    add(submission);
    auto report = submission.commit(*s);
    if (report && m_scheduler)
        m_scheduler->wake();
    return report;
}

Result<QStringList> Engine::validate(const QStringList &files, SubmitOptions options)
{
    JobStore *s = store();
    if (!s)
        return notOpen();
    auto tools = ToolRegistry::load();
    if (!tools)
        return tools.error();
    auto expanded = Submission::expandInputs(files);
    if (!expanded)
        return expanded.error();
    if (options.dataDirectory.isEmpty())
        options.dataDirectory = dataDirectoryFor(m_databasePath);
    Submission submission(*tools, options);
    for (const QString &file : std::as_const(*expanded))
        submission.addFile(file);
    if (Status checked = submission.check(*s); !checked)
        return checked.error();
    return *expanded;
}

Result<JobStatus> Engine::queueToRun(const JobSpec &spec, SubmitOptions options)
{
    JobStore *s = store();
    if (!s)
        return notOpen();
    auto existing = s->job(spec.jobId);
    if (!existing)
        return existing.error();
    if (!existing->has_value()) {
        auto report = submitWith(std::move(options), [&spec](Submission &submission) { submission.addSpec(spec); });
        if (!report)
            return report.error();
        return status(spec.jobId);
    }
    const JobRecord &job = **existing;
    if (job.spec != QJsonDocument(spec.raw).toJson(QJsonDocument::Compact))
        return Error::make(ErrorCode::Validation,
                           QStringLiteral("%1: /job_id: job id \"%2\" already exists with a different spec (run %3, %4); "
                                          "give the job a new id")
                               .arg(spec.sourceFile, job.jobId, job.runId, toString(job.state)));
    if (job.state == JobState::Running)
        return Error::make(ErrorCode::Conflict, QStringLiteral("job %1 is already running on %2").arg(job.jobId, job.owner));
    if (isFinal(job.state)) {
        auto again = inTransaction([&] { return Transitions::retry(*s, job.jobId, RetryScope::AllowSucceeded); });
        if (!again)
            return again.error();
    }
    // Run again under a new title: the run takes it, as from a submission.
    if (!options.runTitle.isEmpty()) {
        auto titled = inTransaction([&]() -> Result<bool> {
            if (Status set = s->setRunTitle(job.runId, options.runTitle); !set)
                return set.error();
            return true;
        });
        if (!titled)
            return titled.error();
    }
    return status(spec.jobId);
}

void Engine::start(int workers)
{
    if (!m_scheduler)
        return;
    // What a kill -9 left in worktree repositories blocks nothing next time:
    // stale index.locks, worktrees whose directories are gone, a half land.
    if (auto repaired = tidyRepositories(); repaired) {
        for (const QString &note : std::as_const(*repaired))
            qInfo().noquote() << note;
    } else {
        qWarning().noquote() << repaired.error().message;
    }
    m_scheduler->setWorkerCount(workers);
    m_scheduler->start();
    m_started = true;
}

void Engine::setWorkerCount(int workers)
{
    if (m_scheduler)
        m_scheduler->setWorkerCount(workers);
}

void Engine::setOnlyRuns(const QStringList &runIds)
{
    if (m_scheduler)
        m_scheduler->setOnlyRuns(runIds);
}

void Engine::shutdown()
{
    if (m_scheduler && m_started)
        m_scheduler->shutdown();
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
        if (Status s = Transitions::setPaused(*store(), true); !s)
            return s.error();
        return true;
    });
    return r ? Status() : Status(r.error());
}

Status Engine::resume()
{
    auto r = inTransaction([this]() -> Result<bool> {
        if (Status s = Transitions::setPaused(*store(), false); !s)
            return s.error();
        return true;
    });
    return r ? Status() : Status(r.error());
}

Result<QStringList> Engine::cancel(const QString &jobId)
{
    return inTransaction([&] { return Transitions::cancel(*store(), jobId); });
}

Result<QStringList> Engine::retry(const QString &jobId)
{
    return inTransaction([&] { return Transitions::retry(*store(), jobId); });
}

Result<QStringList> Engine::escalateNow(const QString &jobId)
{
    return inTransaction([&] { return Transitions::escalateNow(*store(), jobId); });
}

Result<QStringList> Engine::setPriority(const QString &jobId, Priority priority)
{
    return inTransaction([&] { return Transitions::setPriority(*store(), jobId, priority); });
}

Result<QStringList> Engine::cancelRun(const QString &runId)
{
    return inTransaction([&]() -> Result<QStringList> {
        JobFilter filter;
        filter.runId = runId;
        filter.states = {JobState::Waiting, JobState::Queued, JobState::RetryWaiting, JobState::Running};
        auto jobs = store()->jobs(filter);
        if (!jobs)
            return jobs.error();
        QStringList changed;
        for (const JobRecord &job : std::as_const(*jobs)) {
            auto cancelled = Transitions::cancel(*store(), job.jobId);
            // A job a cascade already finished is not an error here.
            if (!cancelled && cancelled.error().code != ErrorCode::Conflict)
                return cancelled.error();
            if (cancelled)
                changed += *cancelled;
        }
        return changed;
    });
}

Result<BatchReport> Engine::retryJobs(const QStringList &jobIds)
{
    return applyToJobs(jobIds, [](JobStore &store, const QString &jobId) { return Transitions::retry(store, jobId); });
}

Result<BatchReport> Engine::cancelJobs(const QStringList &jobIds)
{
    return applyToJobs(jobIds, [](JobStore &store, const QString &jobId) { return Transitions::cancel(store, jobId); });
}

Result<BatchReport> Engine::applyToJobs(const QStringList &jobIds, JobAction action)
{
    return inTransaction([&]() -> Result<BatchReport> {
        BatchReport report;
        for (const QString &id : jobIds) {
            auto result = action(*store(), id);
            if (!result) {
                if (isDatabaseError(result.error().code))
                    return result.error();
                report.problems.append(result.error().message);
                report.problemCode = result.error().code;
                continue;
            }
            ++report.acted;
            report.changed += *result;
        }
        report.changed.removeDuplicates();
        return report;
    });
}

Result<JobRecord> Engine::job(const QString &jobId)
{
    JobStore *s = store();
    if (!s)
        return notOpen();
    auto job = s->job(jobId);
    if (!job)
        return job.error();
    if (!job->has_value())
        return Error::make(ErrorCode::NotFound,
                           QStringLiteral("no job with id \"%1\" in %2 (is it the right --db?)").arg(jobId, m_databasePath));
    return **job;
}

Result<JobStatus> Engine::status(const QString &jobId)
{
    auto job = this->job(jobId);
    if (!job)
        return job.error();
    JobStore &s = *store();
    JobStatus status;
    status.job = *job;
    auto why = explainJob(s, status.job);
    auto attempts = s.attempts(jobId);
    auto deps = s.dependencies(jobId);
    auto titles = s.runTitles();
    if (!why || !attempts || !deps || !titles)
        return !why ? why.error() : !attempts ? attempts.error() : !deps ? deps.error() : titles.error();
    status.dependencies = *deps;
    status.attempts = *attempts;
    status.why = *why;
    status.runTitle = titles->value(status.job.runId);
    return status;
}

Result<JobDiff> Engine::diff(const QString &jobId, int attempt, bool withPatch)
{
    auto job = this->job(jobId);
    if (!job)
        return job.error();
    if (!job->inWorktree())
        return Error::make(ErrorCode::Conflict, tr("job %1 does not run in a worktree (isolation none): there is no change to show").arg(jobId));
    auto attempts = store()->attempts(jobId);
    if (!attempts)
        return attempts.error();
    if (attempts->isEmpty())
        return Error::make(ErrorCode::Conflict, tr("job %1 has not run yet").arg(jobId));
    const int wanted = attempt > 0 ? attempt : attempts->last().attempt;
    const auto found = std::find_if(attempts->cbegin(), attempts->cend(), [wanted](const AttemptRecord &a) { return a.attempt == wanted; });
    if (found == attempts->cend())
        return Error::make(ErrorCode::NotFound, tr("job %1 has no attempt %2 (it made %3)").arg(jobId).arg(wanted).arg(job->attempts));
    if (found->startCommit.isEmpty() || found->resultCommit.isEmpty())
        return Error::make(ErrorCode::Conflict, found->isRunning()
                               ? tr("attempt %1 of job %2 is still running").arg(wanted).arg(jobId)
                               : tr("attempt %1 of job %2 recorded no change: %3").arg(wanted).arg(jobId, found->reason));
    JobDiff diff;
    diff.jobId = jobId;
    diff.attempt = wanted;
    diff.worktreePath = job->worktreePath;
    diff.branch = job->worktreeBranch;
    diff.startCommit = found->startCommit;
    diff.resultCommit = found->resultCommit;
    diff.change = found->change;
    if (withPatch) {
        auto repo = GitRepo::open(job->repoTop);
        if (!repo)
            return Error::make(ErrorCode::Io, repo.error().message);
        auto patch = repo->diff(found->startCommit, found->resultCommit);
        if (!patch)
            return Error::make(ErrorCode::Io, patch.error().message);
        diff.patch = *patch;
    }
    return diff;
}

Result<QList<RunRecord>> Engine::runs(int limit)
{
    if (!store())
        return notOpen();
    return store()->runs(limit);
}

Result<QHash<QString, QString>> Engine::runTitles()
{
    if (!store())
        return notOpen();
    return store()->runTitles();
}

Result<QList<JobRecord>> Engine::jobs(const JobFilter &filter)
{
    if (!store())
        return notOpen();
    return store()->jobs(filter);
}

Result<QList<std::pair<QString, QString>>> Engine::runDependencies(const QString &runId)
{
    if (!store())
        return notOpen();
    return store()->runDependencies(runId);
}

Result<QMap<QString, int>> Engine::counts(const QString &runId)
{
    if (!store())
        return notOpen();
    return store()->stateCounts(runId);
}

Result<RunProgress> Engine::progress(const QStringList &runIds, const QStringList &jobIds)
{
    JobStore *s = store();
    if (!s)
        return notOpen();
    RunProgress result;
    qint64 inRuns = 0;
    for (const QString &run : runIds) {
        auto counts = s->stateCounts(run);
        if (!counts)
            return counts.error();
        for (auto it = counts->cbegin(); it != counts->cend(); ++it) {
            result.others[it.key()] += it.value();
            inRuns += it.value();
        }
    }
    // Usually the runs hold nothing else: no need to read the jobs one by one.
    if (inRuns == jobIds.size()) {
        result.own = std::exchange(result.others, {});
        return result;
    }
    auto states = s->states(jobIds);
    if (!states)
        return states.error();
    for (const JobState state : std::as_const(*states)) {
        const QString name = toString(state);
        ++result.own[name];
        if (--result.others[name] <= 0)
            result.others.remove(name);
    }
    return result;
}

Result<QList<LogChunk>> Engine::logChunks(const QString &jobId, int attempt, qint64 afterSeq)
{
    if (!store())
        return notOpen();
    return store()->logChunks(jobId, attempt, afterSeq);
}

Result<QList<ToolInfo>> Engine::tools()
{
    auto tools = ToolRegistry::load();
    if (!tools)
        return tools.error();
    QList<ToolInfo> list;
    for (const ToolProfile &profile : tools->profiles()) {
        const QString found = profile.program.contains(QLatin1Char('/'))
            ? (QFileInfo(profile.program).isExecutable() ? profile.program : QString())
            : QStandardPaths::findExecutable(profile.program);
        list.append(ToolInfo{profile, found});
    }
    return list;
}

Result<QList<ToolCheck>> Engine::checkTools(const QStringList &names)
{
    auto tools = ToolRegistry::load();
    if (!tools)
        return tools.error();
    QList<ToolProfile> chosen;
    for (const QString &name : names) {
        const ToolProfile *profile = tools->find(name);
        if (!profile)
            return Error::make(ErrorCode::NotFound, QStringLiteral("unknown tool \"%1\" (known: %2)")
                                                        .arg(name, tools->names().join(QStringLiteral(", "))));
        chosen.append(*profile);
    }
    if (names.isEmpty()) {
        for (const ToolProfile &profile : tools->profiles()) {
            if (profile.events != QLatin1String("none") || !profile.statusCheck.isEmpty() || !profile.authEnv.isEmpty()
                || !profile.authFiles.isEmpty())
                chosen.append(profile);
        }
    }
    return ToolChecks::check(chosen, QProcessEnvironment::systemEnvironment());
}

qint64 Engine::contentionRetries() const
{
    return m_scheduler ? m_scheduler->contentionRetries() : 0;
}

bool Engine::isEmpty()
{
    // An attempt of ours is running: no need to ask (on a server, a round trip).
    if (m_scheduler && m_scheduler->runningCount() > 0)
        return false;
    JobStore *s = store();
    if (!s)
        return false;
    auto unfinished = s->hasUnfinished();
    return unfinished && !*unfinished;
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
