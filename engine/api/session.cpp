#include "session.h"

#include <memory>

#include <QFileInfo>
#include <QPointer>
#include <QTimer>

#include "api/engine.h"
#include "api/jobfeed.h"
#include "core/paths.h"
#include "scheduling/explain.h"
#include "store/database.h"
#include "store/jobstore.h"

namespace Orchestrator {

// The query thread's connection: opened on the first query, closed when the
// process's connections of the file are asked to reopen (the feed's
// `reopening`, or found on the once-a-second check), opened again by the next
// query once every connection has closed. Read only.
class SessionQueries final : public QObject
{
    Q_DISABLE_COPY_MOVE(SessionQueries)

public:
    SessionQueries()
    {
        m_check = new QTimer(this);
        m_check->setInterval(DatabaseFiles::ReopenCheck::kIntervalMs);
        connect(m_check, &QTimer::timeout, this, [this] {
            if (m_database.mustReopen())
                close();
        });
    }

    void setPath(const QString &path)
    {
        close();
        m_path = path;
    }

    void close()
    {
        m_check->stop();
        m_store.reset();
        m_database = Database();
    }

    Result<JobStore *> store()
    {
        if (m_store && m_database.mustReopen())
            close();
        if (m_store)
            return m_store.get();
        if (m_path.isEmpty())
            return Error::make(ErrorCode::Usage, QStringLiteral("the session is not open"));
        // The engine creates the file; a query never does.
        if (!isPostgresUrl(m_path) && !QFileInfo::exists(m_path))
            return Error::make(ErrorCode::NotFound, QStringLiteral("%1: no database yet").arg(m_path));
        auto database = Database::open(m_path, QStringLiteral("orchestrator dashboard queries"));
        if (!database) // the engine and the feed report why; a view waits for their next batch
            return Error::make(ErrorCode::NotFound, QStringLiteral("%1: cannot be read now: %2").arg(m_path, database.error().message));
        m_database = std::move(database).value();
        m_store = std::make_unique<JobStore>(m_database.connection());
        if (!m_database.isPostgres())
            m_check->start();
        return m_store.get();
    }

private:
    QString m_path;
    Database m_database;
    std::unique_ptr<JobStore> m_store;      // after m_database: destroyed first
    QTimer *m_check = nullptr;
};

namespace {

// Hands `value` to `done` in `context`'s thread, unless `context` is gone by
// then. The answer goes through `relay` (the session, which outlives every
// thread that answers): only in the thread of the context, or of the relay,
// can it be known that the context still exists.
template<typename T>
void deliver(QObject *relay, const QPointer<QObject> &context, const Session::Done<T> &done, T value)
{
    if (!done)
        return;
    QMetaObject::invokeMethod(relay, [context, done, value = std::move(value)] {
        if (!context)
            return;
        if (context->thread() == QThread::currentThread())
            done(value);
        else // a context in another thread must outlive the answer
            QMetaObject::invokeMethod(context.data(), [done, value] { done(value); }, Qt::QueuedConnection);
    }, Qt::QueuedConnection);
}

Error notOpen()
{
    return Error::make(ErrorCode::Usage, QStringLiteral("the engine is not open"));
}

Result<JobDetails> jobDetails(JobStore &store, const QString &jobId)
{
    auto job = store.job(jobId);
    if (!job)
        return job.error();
    if (!job->has_value())
        return Error::make(ErrorCode::NotFound, QStringLiteral("no job with id \"%1\"").arg(jobId));
    JobDetails details;
    details.job = **job;
    auto dependencies = store.dependencies(jobId);
    auto attempts = store.attempts(jobId);
    auto why = explainJob(store, details.job);
    if (!dependencies || !attempts || !why)
        return !dependencies ? dependencies.error() : !attempts ? attempts.error() : why.error();
    details.dependencies = *dependencies;
    details.attempts = *attempts;
    details.why = *why;
    return details;
}

Result<RunGraphData> runGraph(JobStore &store, const QString &runId)
{
    JobFilter filter;
    filter.runId = runId;
    filter.withSpec = false;
    auto jobs = store.jobs(filter);
    if (!jobs)
        return jobs.error();
    auto dependencies = store.runDependencies(runId);
    if (!dependencies)
        return dependencies.error();
    return RunGraphData{runId, *jobs, *dependencies};
}

Result<RunTimelineData> runTimeline(JobStore &store, const QString &runId)
{
    auto attempts = store.runAttempts(runId);
    if (!attempts)
        return attempts.error();
    auto dependencies = store.runDependencies(runId);
    if (!dependencies)
        return dependencies.error();
    return RunTimelineData{runId, *attempts, *dependencies};
}

Result<QList<JobRecord>> existingJobs(JobStore &store, const QStringList &jobIds)
{
    auto states = store.states(jobIds);
    if (!states)
        return states.error();
    QList<JobRecord> found;
    for (const QString &jobId : jobIds) {
        if (!states->contains(jobId))
            continue;
        auto job = store.job(jobId);
        if (!job)
            return job.error();
        if (job->has_value()) {
            JobRecord record = **job;
            record.spec.clear();
            record.env.clear();
            found.append(record);
        }
    }
    return found;
}

// Runs `query` on `queries`' thread and delivers its answer to `context`.
template<typename T>
void ask(QObject *relay, SessionQueries *queries, QObject *context, Session::Done<Result<T>> done,
         std::function<Result<T>(JobStore &)> query)
{
    QMetaObject::invokeMethod(queries, [relay, queries, context = QPointer<QObject>(context), done = std::move(done),
                                        query = std::move(query)] {
        auto store = queries->store();
        Result<T> answer = store ? query(**store) : Result<T>(store.error());
        deliver<Result<T>>(relay, context, done, std::move(answer));
    }, Qt::QueuedConnection);
}

} // namespace

Session::Session(QObject *parent)
    : QObject(parent)
{
    qRegisterMetaType<QList<JobRecord>>();
    qRegisterMetaType<QList<EngineRecord>>();
    qRegisterMetaType<QHash<QString, QString>>();
    m_engineThread.setObjectName(QStringLiteral("engine"));
    m_feedThread.setObjectName(QStringLiteral("feed"));
    m_queryThread.setObjectName(QStringLiteral("queries"));
    m_gitThread.setObjectName(QStringLiteral("git"));
    m_gitContext = new QObject;
    m_gitContext->moveToThread(&m_gitThread);
    connect(&m_gitThread, &QThread::finished, m_gitContext, &QObject::deleteLater);
    m_engineContext = new QObject;
    m_engineContext->moveToThread(&m_engineThread);
    connect(&m_engineThread, &QThread::finished, m_engineContext, &QObject::deleteLater);
    m_feed = new JobFeed;
    m_feed->moveToThread(&m_feedThread);
    connect(&m_feedThread, &QThread::finished, m_feed, &QObject::deleteLater);
    m_queries = new SessionQueries;
    m_queries->moveToThread(&m_queryThread);
    connect(&m_queryThread, &QThread::finished, m_queries, &QObject::deleteLater);

    connect(m_feed, &JobFeed::snapshot, this, &Session::snapshot);
    connect(m_feed, &JobFeed::jobsUpdated, this, &Session::jobsUpdated);
    connect(m_feed, &JobFeed::workersUpdated, this, &Session::workersUpdated);
    connect(m_feed, &JobFeed::runTitlesUpdated, this, &Session::runTitlesUpdated);
    connect(m_feed, &JobFeed::logFileReady, this, &Session::logFileReady);
    connect(m_feed, &JobFeed::feedError, this, &Session::feedError);
    // The query connection closes with the feed's, so that the feed can open
    // afresh (it cannot while another connection of the file is open).
    connect(m_feed, &JobFeed::reopening, m_queries, [this] { m_queries->close(); });
    connect(m_feed, &JobFeed::reopening, this, &Session::reopening);
    m_engineThread.start();
    m_feedThread.start();
    m_queryThread.start();
    m_gitThread.start();
}

Session::~Session()
{
    shutdown();
    m_gitThread.quit();
    m_queryThread.quit();
    m_feedThread.quit();
    m_engineThread.quit();
    m_gitThread.wait();
    m_queryThread.wait();
    m_feedThread.wait();
    m_engineThread.wait();
}

void Session::open(const QString &databasePath, int workers, bool startPaused)
{
    m_databasePath = databasePath;
    QMetaObject::invokeMethod(m_engineContext, [this, databasePath, workers, startPaused] {
        auto *engine = new Engine(m_engineContext);
        if (Status s = engine->open(databasePath); !s) {
            Q_EMIT openFailed(s.error().message);
            delete engine;
            return;
        }
        m_engine = engine;
        connect(engine, &Engine::databaseError, this, &Session::databaseError);
        connect(engine, &Engine::fatalError, this, &Session::fatalError);
        connect(engine, &Engine::jobsRestarted, this, &Session::jobsRestarted);
        // The engine's own changes reach the views at once, not at the next poll.
        connect(engine, &Engine::jobsChanged, m_feed, [this] { m_feed->wake(); });
        if (startPaused)
            (void)m_engine->pause();
        m_engine->start(workers);
        Q_EMIT pausedChanged(startPaused);
    }, Qt::QueuedConnection);
    QMetaObject::invokeMethod(m_feed, [this, databasePath] {
        if (Status s = m_feed->open(databasePath); !s) {
            Q_EMIT openFailed(s.error().message);
            return;
        }
        m_feed->start();
    }, Qt::QueuedConnection);
    QMetaObject::invokeMethod(m_queries, [this, databasePath] { m_queries->setPath(databasePath); }, Qt::QueuedConnection);
}

void Session::onEngine(std::function<void(Engine &)> work)
{
    QMetaObject::invokeMethod(m_engineContext, [this, work = std::move(work)] {
        if (m_engine)
            work(*m_engine);
    }, Qt::QueuedConnection);
}

void Session::wakeFeed()
{
    QMetaObject::invokeMethod(m_feed, [this] { m_feed->wake(); }, Qt::QueuedConnection);
}

void Session::setPaused(bool paused, QObject *context, Done<Status> done)
{
    QPointer<QObject> target(context ? context : this);
    QMetaObject::invokeMethod(m_engineContext, [this, paused, target, done = std::move(done)] {
        const Status s = !m_engine ? Status(notOpen()) : paused ? m_engine->pause() : m_engine->resume();
        if (s)
            Q_EMIT pausedChanged(paused);
        deliver<Status>(this, target, done, s);
    }, Qt::QueuedConnection);
}

void Session::querySharedSettings(QObject *context, Done<Result<SharedSettings>> done)
{
    QPointer<QObject> target(context ? context : this);
    QMetaObject::invokeMethod(m_engineContext, [this, target, done = std::move(done)] {
        deliver<Result<SharedSettings>>(this, target, done,
                                        m_engine ? m_engine->sharedSettings() : Result<SharedSettings>(notOpen()));
    }, Qt::QueuedConnection);
}

void Session::setSharedSettings(const SharedSettings &settings, QObject *context, Done<Status> done)
{
    QPointer<QObject> target(context ? context : this);
    QMetaObject::invokeMethod(m_engineContext, [this, settings, target, done = std::move(done)] {
        deliver<Status>(this, target, done, m_engine ? m_engine->setSharedSettings(settings) : Status(notOpen()));
    }, Qt::QueuedConnection);
}

void Session::setWorkerCount(int workers)
{
    onEngine([workers](Engine &engine) { engine.setWorkerCount(workers); });
}

void Session::applyToJobs(const QStringList &jobIds, JobAction action, QObject *context, Done<JobCommandReport> done)
{
    QPointer<QObject> target(context ? context : this);
    QMetaObject::invokeMethod(m_engineContext, [this, jobIds, action = std::move(action), target,
                                                done = std::move(done)] {
        JobCommandReport report;
        for (const QString &id : jobIds) {
            auto result = m_engine ? action(*m_engine, id) : Result<QStringList>(notOpen());
            if (result) {
                report.acted.append(id);
                report.changed += *result;
            } else {
                report.problems.append(result.error().message);
            }
        }
        if (!report.acted.isEmpty())
            wakeFeed();
        deliver<JobCommandReport>(this, target, done, std::move(report));
    }, Qt::QueuedConnection);
}

void Session::retry(const QStringList &jobIds, QObject *context, Done<JobCommandReport> done)
{
    applyToJobs(jobIds, [](Engine &engine, const QString &id) { return engine.retry(id); }, context, std::move(done));
}

void Session::cancel(const QStringList &jobIds, QObject *context, Done<JobCommandReport> done)
{
    applyToJobs(jobIds, [](Engine &engine, const QString &id) { return engine.cancel(id); }, context, std::move(done));
}

void Session::escalateNow(const QStringList &jobIds, QObject *context, Done<JobCommandReport> done)
{
    applyToJobs(jobIds, [](Engine &engine, const QString &id) { return engine.escalateNow(id); }, context, std::move(done));
}

void Session::setPriority(const QStringList &jobIds, Priority priority, QObject *context, Done<JobCommandReport> done)
{
    applyToJobs(jobIds, [priority](Engine &engine, const QString &id) { return engine.setPriority(id, priority); }, context,
                std::move(done));
}

void Session::cancelRun(const QString &runId, QObject *context, Done<Result<QStringList>> done)
{
    QPointer<QObject> target(context ? context : this);
    QMetaObject::invokeMethod(m_engineContext, [this, runId, target, done = std::move(done)] {
        auto cancelled = m_engine ? m_engine->cancelRun(runId) : Result<QStringList>(notOpen());
        if (cancelled)
            wakeFeed();
        deliver<Result<QStringList>>(this, target, done, std::move(cancelled));
    }, Qt::QueuedConnection);
}

void Session::submitFiles(const QStringList &files, QObject *context, Done<Result<SubmitReport>> done)
{
    QPointer<QObject> target(context ? context : this);
    QMetaObject::invokeMethod(m_engineContext, [this, files, target, done = std::move(done)] {
        auto report = m_engine ? m_engine->submit(files) : Result<SubmitReport>(notOpen());
        if (report)
            wakeFeed();
        deliver<Result<SubmitReport>>(this, target, done, std::move(report));
    }, Qt::QueuedConnection);
}

void Session::submitObjects(const QList<QJsonObject> &jobs, const QString &sourceName, QObject *context,
                            Done<Result<SubmitReport>> done)
{
    QPointer<QObject> target(context ? context : this);
    QMetaObject::invokeMethod(m_engineContext, [this, jobs, sourceName, target, done = std::move(done)] {
        auto report = m_engine ? m_engine->submitObjects(jobs, sourceName) : Result<SubmitReport>(notOpen());
        if (report)
            wakeFeed();
        deliver<Result<SubmitReport>>(this, target, done, std::move(report));
    }, Qt::QueuedConnection);
}

void Session::resubmit(const ResubmitRequest &request, QObject *context, Done<Result<SubmitReport>> done)
{
    QPointer<QObject> target(context ? context : this);
    QMetaObject::invokeMethod(m_engineContext, [this, request, target, done = std::move(done)] {
        auto report = m_engine ? m_engine->resubmit(request) : Result<SubmitReport>(notOpen());
        if (report)
            wakeFeed();
        deliver<Result<SubmitReport>>(this, target, done, std::move(report));
    }, Qt::QueuedConnection);
}

void Session::queryResubmitSpec(const ResubmitRequest &request, QObject *context, Done<Result<QJsonObject>> done)
{
    QPointer<QObject> target(context ? context : this);
    QMetaObject::invokeMethod(m_engineContext, [this, request, target, done = std::move(done)] {
        deliver<Result<QJsonObject>>(this, target, done, m_engine ? m_engine->resubmitSpec(request) : Result<QJsonObject>(notOpen()));
    }, Qt::QueuedConnection);
}

void Session::onGitEngine(std::function<void(Engine *, const Error &)> work)
{
    QMetaObject::invokeMethod(m_gitContext, [path = m_databasePath, work = std::move(work)] {
        // Opened for this command and closed after it: a connection that
        // lives only while it works never holds on to files a reopen replaced.
        Engine engine;
        EngineOptions options;
        options.worksQueue = false;
        options.createIfMissing = false;
        if (Status s = engine.open(path, options); !s) {
            work(nullptr, s.error());
            return;
        }
        work(&engine, Error());
    }, Qt::QueuedConnection);
}

void Session::land(const LandRequest &request, QObject *context, Done<Result<LandResult>> done)
{
    QPointer<QObject> target(context ? context : this);
    onGitEngine([this, request, target, done = std::move(done)](Engine *engine, const Error &error) {
        auto result = engine ? engine->land(request) : Result<LandResult>(error);
        if (result && !request.dryRun)
            wakeFeed();
        deliver<Result<LandResult>>(this, target, done, std::move(result));
    });
}

void Session::discard(const QStringList &jobIds, QObject *context, Done<JobCommandReport> done)
{
    QPointer<QObject> target(context ? context : this);
    onGitEngine([this, jobIds, target, done = std::move(done)](Engine *engine, const Error &error) {
        JobCommandReport report;
        auto batch = engine ? engine->discardJobs(jobIds) : Result<BatchReport>(error);
        if (batch) {
            report.changed = batch->changed;
            report.acted = batch->changed;
            report.problems = batch->problems;
            if (!batch->changed.isEmpty())
                wakeFeed();
        } else {
            report.problems.append(batch.error().message);
        }
        deliver<JobCommandReport>(this, target, done, std::move(report));
    });
}

void Session::queryDiff(const QString &jobId, int attempt, QObject *context, Done<Result<JobDiff>> done)
{
    QPointer<QObject> target(context ? context : this);
    onGitEngine([this, jobId, attempt, target, done = std::move(done)](Engine *engine, const Error &error) {
        auto diff = engine ? engine->diff(jobId, attempt, true) : Result<JobDiff>(error);
        deliver<Result<JobDiff>>(this, target, done, std::move(diff));
    });
}

void Session::followLog(const QString &jobId)
{
    QMetaObject::invokeMethod(m_feed, [this, jobId] { m_feed->followLog(jobId); }, Qt::QueuedConnection);
}

void Session::shutdown()
{
    if (!m_engineThread.isRunning())
        return;
    QMetaObject::invokeMethod(m_feed, [this] { m_feed->stop(); }, Qt::BlockingQueuedConnection);
    QMetaObject::invokeMethod(m_queries, [this] { m_queries->close(); }, Qt::BlockingQueuedConnection);
    // Blocks the caller only while running attempts are killed and recorded
    // (a few seconds at most).
    QMetaObject::invokeMethod(m_engineContext, [this] {
        if (m_engine)
            m_engine->stop();
    }, Qt::BlockingQueuedConnection);
}

void Session::queryJobDetails(const QString &jobId, QObject *context, Done<Result<JobDetails>> done)
{
    ask<JobDetails>(this, m_queries, context ? context : this, std::move(done),
                    [jobId](JobStore &store) { return jobDetails(store, jobId); });
}

void Session::queryRunGraph(const QString &runId, QObject *context, Done<Result<RunGraphData>> done)
{
    ask<RunGraphData>(this, m_queries, context ? context : this, std::move(done),
                      [runId](JobStore &store) { return runGraph(store, runId); });
}

void Session::queryRunTimeline(const QString &runId, QObject *context, Done<Result<RunTimelineData>> done)
{
    ask<RunTimelineData>(this, m_queries, context ? context : this, std::move(done),
                         [runId](JobStore &store) { return runTimeline(store, runId); });
}

void Session::queryWorkers(QObject *context, Done<Result<QList<EngineRecord>>> done)
{
    ask<QList<EngineRecord>>(this, m_queries, context ? context : this, std::move(done),
                             [](JobStore &store) { return store.engines(); });
}

void Session::queryExistingJobs(const QStringList &jobIds, QObject *context, Done<Result<QList<JobRecord>>> done)
{
    ask<QList<JobRecord>>(this, m_queries, context ? context : this, std::move(done),
                          [jobIds](JobStore &store) { return existingJobs(store, jobIds); });
}

} // namespace Orchestrator
