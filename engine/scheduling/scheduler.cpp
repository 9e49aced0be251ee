#include "scheduler.h"

#include <algorithm>
#include <atomic>
#include <limits>

#include <QCoreApplication>
#include <QDateTime>
#include <QDir>
#include <QSysInfo>
#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSet>
#include <QSqlDriver>

#include "core/databasefiles.h"
#include "execution/attemptrunner.h"
#include "execution/errorreport.h"
#include "execution/logcapture.h"
#include "execution/logfile.h"
#include "scheduling/decision.h"
#include "scheduling/toolcaps.h"
#include "scheduling/transitions.h"
#include "spec/jobspec.h"
#include "store/jobstore.h"
#include "tools/pricetable.h"

namespace Orchestrator {

namespace {

// The job's config.model: what its tool was told to use (--model).
QString configuredModel(const JobRecord &job)
{
    const QJsonValue model = QJsonDocument::fromJson(job.spec).object().value(QLatin1String("config")).toObject().value(QLatin1String("model"));
    return model.isString() ? model.toString().trimmed() : QString();
}

QString makeOwner()
{
    static std::atomic<int> counter{0};
    return QStringLiteral("%1:%2:%3")
        .arg(QSysInfo::machineHostName())
        .arg(QCoreApplication::applicationPid())
        .arg(counter.fetch_add(1));
}

QByteArray resultJson(const AttemptResult &r)
{
    // job_id is kept in result_json so the predecessor's queries keep working.
    QJsonObject object{
        {QStringLiteral("job_id"), r.jobId},
        {QStringLiteral("attempt"), r.attempt},
        {QStringLiteral("tool"), r.tool},
        {QStringLiteral("outcome"), toString(r.outcome)},
        {QStringLiteral("success"), r.outcome == Outcome::Succeeded},
        {QStringLiteral("exit_code"), r.exitCode ? QJsonValue(*r.exitCode) : QJsonValue()},
        {QStringLiteral("signal"), r.signal ? QJsonValue(*r.signal) : QJsonValue()},
        {QStringLiteral("duration_s"), double(r.finishedAt - r.startedAt) / 1000.0},
        {QStringLiteral("error_report_path"), r.errorReport},
        {QStringLiteral("message"), r.message},
    };
    return QJsonDocument(object).toJson(QJsonDocument::Compact);
}

} // namespace

Scheduler::Scheduler(QObject *parent)
    : QObject(parent)
{
    qRegisterMetaType<AttemptResult>();
    m_tickTimer.setSingleShot(true);
    m_retryTimer.setSingleShot(true);
    connect(&m_tickTimer, &QTimer::timeout, this, &Scheduler::tick);
    connect(&m_retryTimer, &QTimer::timeout, this, [this] {
        m_retryCheckAt = 0;
        scheduleTick();
    });
    m_sweepTimer.setSingleShot(true);
    connect(&m_sweepTimer, &QTimer::timeout, this, [this] {
        sweepOrphans();
        // After an attempt ended: again a little later (a process forked as
        // the first sweep ran); then only the slow sweep for adopted zombies.
        m_sweepTimer.start(m_sweepFollowUps > 0 ? (m_sweepFollowUps--, kOrphanFollowUpMs) : kOrphanSafetySweepMs);
    });
    connect(&m_pollTimer, &QTimer::timeout, this, [this] {
        if (!m_database.isPostgres() && reopenIfFilesChanged())
            return;
        // A listening engine hears of queued work and cancel requests at
        // once; its reads here are only the fallback, and on a server each
        // is a round trip, so it makes them every few polls.
        const bool look = !m_listening || ++m_quietPolls >= kListeningPollEvery;
        if (look) {
            m_quietPolls = 0;
            deliverCancelRequests();
        }
        bool outputPending = false;
        for (const Running &running : std::as_const(m_running))
            outputPending = outputPending || (running.control->capture && running.control->capture->hasPending());
        if (!m_results.isEmpty() || outputPending || (look && freeSlots() > 0 && hasWork())
            || JobStore::now() - m_lastLeaseRenewal > m_options.renewIntervalMs())
            scheduleTick();
    });
}

Scheduler::~Scheduler()
{
    // No attempt outlives its scheduler: stop every process group, then wait.
    for (const Running &running : std::as_const(m_running))
        running.control->stop.store(AttemptControl::Interrupt);
    m_pool.waitForDone();
    // Record what the workers reported, so no job is left "running".
    QCoreApplication::sendPostedEvents(this);
    m_running.clear();
    sweepOrphans();
    if (m_store && !m_results.isEmpty() && !m_abandoned) {
        QStringList changed;
        if (m_store->begin()) {
            for (const AttemptResult &r : std::as_const(m_results))
                (void)applyResult(r, changed);
            (void)releaseSucceeded(changed);
            if (!m_store->commit())
                m_store->rollback();
        }
    }
    m_store.reset();
}

Status Scheduler::open(const SchedulerOptions &options, ToolRegistry tools)
{
    m_options = options;
    m_tools = std::move(tools);
    auto database = Database::open(options.databasePath,
                                   options.name.isEmpty() ? QString() : QStringLiteral("orchestrator:") + options.name);
    if (!database)
        return database.error();
    m_database = std::move(database).value();
    if (Status s = m_database.checkIntegrity(); !s)
        return s.error();
    m_store = std::make_unique<JobStore>(m_database.connection());
    m_owner = makeOwner();
    m_logCapBytes = options.logCapBytes;
    if (m_logCapBytes < 0) {
        auto cap = m_store->logCapBytes();
        if (!cap)
            return cap.error();
        m_logCapBytes = *cap;
    }
    if (Status s = refreshSharedSettings(JobStore::now()); !s)
        return s;
    m_pool.setExpiryTimeout(-1);
    setWorkerCount(options.workers);
    return {};
}

Status Scheduler::refreshSharedSettings(qint64 now)
{
    // Another process (the dashboard's Settings, `orchestrator settings`) may
    // change them at any time; read them again every few seconds.
    if (m_sharedSettingsReadAt > 0 && now - m_sharedSettingsReadAt < kSharedSettingsRefreshMs)
        return {};
    auto limits = m_store->toolLimits();
    if (!limits)
        return limits.error();
    auto maxWait = m_store->rateLimitMaxWaitMs();
    if (!maxWait)
        return maxWait.error();
    m_toolLimits = std::move(*limits);
    m_rateLimitMaxWaitMs = *maxWait;
    m_sharedSettingsReadAt = now;
    return {};
}

void Scheduler::start()
{
    if (m_started || !m_store)
        return;
    m_started = true;
    m_startedAt = JobStore::now();
    // Orphans of our tools come to us, not to init: sweepOrphans() ends them.
    Processes::becomeSubreaper();
    m_pollTimer.start(m_options.pollIntervalMs);
    m_sweepTimer.start(kOrphanSafetySweepMs);
    scheduleTick();
}

void Scheduler::shutdown()
{
    if (m_stopped)
        return;
    m_stopping = true;
    m_pollTimer.stop();
    m_retryTimer.stop();
    for (const Running &running : std::as_const(m_running))
        running.control->stop.store(AttemptControl::Interrupt);
    scheduleTick();
}

void Scheduler::setWorkerCount(int count)
{
    m_workers = qMax(1, count);
    m_pool.setMaxThreadCount(m_workers);
    scheduleTick();
}

void Scheduler::wake()
{
    m_wakeRequested = true;
    m_retryCheckAt = 0;   // a user's retry or priority change may have made one due
    scheduleTick();
}

int Scheduler::freeSlots() const
{
    return m_stopping ? 0 : qMax(0, m_workers - int(m_running.size()));
}

void Scheduler::scheduleTick(int delayMs)
{
    if (!m_started)
        return;
    if (!m_tickTimer.isActive() || m_tickTimer.remainingTime() > delayMs)
        m_tickTimer.start(delayMs);
}

bool Scheduler::hasWork()
{
    if (!m_database.connection().isOpen())
        return true;   // a tick tries to reconnect
    auto queued = m_store->hasQueued(m_options.onlyRuns);
    if (!queued)
        return true;
    if (*queued || m_wakeRequested)
        return true;
    auto next = m_store->nextRetryTime();
    if (!next || !next->has_value() || **next > JobStore::now())
        return false;
    m_retryCheckAt = 0;   // another engine's retry, due now
    return true;
}

void Scheduler::onAttemptDone(const AttemptResult &result)
{
    if (m_abandoned) {
        // Not recorded: our claim can no longer be trusted.
        m_running.remove(result.jobId);
        if (m_running.isEmpty() && !m_stopped) {
            sweepOrphans();
            m_sweepTimer.stop();
            m_stopped = true;
            Q_EMIT stopped();
        }
        return;
    }
    if (m_unclaimed.remove(result.jobId)) {
        m_running.remove(result.jobId);
        scheduleTick();
        return;
    }
    m_results.append(result);
    // What the attempt left behind is an orphan now: look at once, or
    // (many attempts ending one after another) soon after the last look.
    if (m_started) {
        m_sweepFollowUps = 1;
        const qint64 since = JobStore::now() - m_lastSweepAt;
        m_sweepTimer.start(int(qBound(qint64(0), qint64(kOrphanSweepGapMs) - since, qint64(kOrphanSweepGapMs))));
    }
    // On a server every statement is a round trip: attempts that started
    // together end together, and one tick records them all.
    scheduleTick(m_database.isPostgres() ? kResultBatchMs : 0);
}

void Scheduler::deliverCancelRequests()
{
    if (m_running.isEmpty() || !m_store || !m_database.connection().isOpen())
        return;
    auto ids = m_store->cancelRequested(m_owner);
    if (!ids)
        return;
    for (const QString &id : std::as_const(*ids)) {
        auto it = m_running.find(id);
        if (it != m_running.end())
            it->control->stop.store(AttemptControl::Cancel);
    }
}

void Scheduler::tick()
{
    if (!m_store || m_stopped || m_abandoned)
        return;
    if (!m_database.isPostgres() && reopenIfFilesChanged())
        return;
    const qint64 now = JobStore::now();
    QStringList changed;
    QList<ClaimedPlan> plans;
    QList<AttemptResult> results = std::exchange(m_results, {});
    results += std::exchange(m_unstartable, {});

    auto fail = [&](const Error &error) {
        if (m_database.connection().isOpen())
            m_store->rollback();
        restoreUnflushed();
        m_pendingFooters.clear();
        m_restarted.clear();
        m_leftoversKilled.clear();
        m_leftoversSignalled.clear();   // the next tick recovers their jobs and kills again
        m_succeeded.clear();
        m_results = results + m_results;  // nothing was recorded; try again
        if (error.code == ErrorCode::DatabaseContention && m_contentionRetries < kMaxContentionRetries) {
            // The server chose this tick to give way (another engine's
            // transaction touched the same rows in another order): nothing
            // was recorded, and the same tick again is expected to pass.
            ++m_contentionRetries;
            ++m_contentionTotal;
            scheduleTick(m_contentionRetries);
            return;
        }
        // A damaged file stays damaged: stop at once rather than retry (and
        // write around the damage); other failures (busy, full) may pass.
        if (error.code == ErrorCode::DatabaseDamaged) {
            Q_EMIT fatalError(error.message);
            return;
        }
        if (handleDatabaseFailure(error.message))
            return;
        if (m_database.isPostgres() && m_running.isEmpty() && m_results.isEmpty()) {
            // Nothing of ours is at stake: a worker outlives a restart of the
            // server, trying again every second (or stops, if asked to).
            if (m_stopping) {
                m_stopped = true;
                m_sweepTimer.stop();
                Q_EMIT stopped();
                return;
            }
            scheduleTick(1000);
            return;
        }
        if (++m_consecutiveFailures >= kMaxConsecutiveFailures) {
            Q_EMIT fatalError(error.message);
            return;
        }
        scheduleTick(200);
    };

    // The last reconnect failed: nothing can be read until one succeeds
    // (and a closed connection's queries only make Qt warn).
    if (m_database.isPostgres() && !m_database.connection().isOpen())
        return fail(Error::make(ErrorCode::Database, m_database.path() + QStringLiteral(": not connected")));
    const bool renewDue = now - m_lastLeaseRenewal > m_options.renewIntervalMs();
    if (renewDue)
        killLeftoversOfDeadEngines();
    listenForQueuedWork();
    if (Status s = m_store->begin(JobStore::WriteLock::Shared); !s)
        return fail(s.error());

    if (Status s = recordProcesses(); !s)
        return fail(s.error());
    if (Status s = flushLogChunks(); !s)
        return fail(s.error());
    for (const AttemptResult &r : std::as_const(results)) {
        const std::shared_ptr<const JobRecord> claimed = m_running.value(r.jobId).job;
        if (Status s = applyResult(r, changed, claimed.get()); !s)
            return fail(s.error());
    }

    if (renewDue) {
        if (Status s = m_store->renewLeases(m_owner, now + m_options.leaseMs()); !s)
            return fail(s.error());
        if (Status s = m_store->heartbeat(m_owner, m_workers, now, m_options.name, int(m_running.size()), m_jobsDone,
                                              m_options.renewIntervalMs());
            !s)
            return fail(s.error());
        if (Status s = recoverDeadEngines(changed); !s)
            return fail(s.error());
        if (Status s = recoverExpiredLeases(changed); !s)
            return fail(s.error());
    }

    if (Status s = releaseSucceeded(changed); !s)
        return fail(s.error());
    // Retries are looked for when one may be due (ours, whose times we know;
    // the poll's; a user's wake) and at every renewal.
    const bool lookForRetries = renewDue || m_retryCheckAt <= now;
    if (lookForRetries) {
        if (Status s = promoteDueRetries(now, changed); !s)
            return fail(s.error());
    }
    if (Status s = claimQueued(now, changed, plans); !s)
        return fail(s.error());

    if (Status s = m_store->commit(); !s) {
        // Nothing was claimed after all; unplannable attempts were never started.
        for (const AttemptResult &r : std::as_const(m_unstartable))
            m_running.remove(r.jobId);
        m_unstartable.clear();
        return fail(s.error());
    }
    m_consecutiveFailures = 0;
    m_contentionRetries = 0;
    m_unflushed.clear();
    for (const auto &[file, line] : std::exchange(m_pendingFooters, {}))
        LogFile::appendLine(file, line);
    if (!m_restarted.isEmpty())
        Q_EMIT jobsRestarted(std::exchange(m_restarted, {}));
    if (m_wakeRequested && plans.isEmpty())
        m_wakeRequested = false;
    if (renewDue)
        m_lastLeaseRenewal = now;

    waitForLeftovers();
    for (const auto &[plan, record] : std::as_const(plans))
        dispatch(plan, record);
    if (!m_unstartable.isEmpty())
        scheduleTick();
    // More queued work may be waiting behind what this tick claimed.
    if (!plans.isEmpty() && freeSlots() > 0)
        scheduleTick();
    if (!changed.isEmpty()) {
        changed.removeDuplicates();
        Q_EMIT jobsChanged(changed);
    }
    if (lookForRetries)
        armRetryTimer();

    if (m_stopping && m_running.isEmpty() && m_results.isEmpty()) {
        sweepOrphans();
        m_sweepTimer.stop();
        (void)m_store->removeEngine(m_owner);
        m_stopped = true;
        m_tickTimer.stop();
        Q_EMIT stopped();
    }
}

Status Scheduler::promoteDueRetries(qint64 now, QStringList &changed)
{
    auto due = m_store->dueRetries(now);
    if (!due)
        return due.error();
    for (const QString &id : std::as_const(*due)) {
        Transition t;
        t.jobId = id;
        t.from = JobState::RetryWaiting;
        t.to = JobState::Queued;
        t.kind = EventKind::RetryDue;
        t.reason = QStringLiteral("backoff elapsed");
        auto moved = m_store->transition(t);
        if (!moved)
            return moved.error();
        if (*moved)
            changed.append(id);
    }
    return {};
}

Status Scheduler::claimQueued(qint64 tickStart, QStringList &changed, QList<ClaimedPlan> &plans)
{
    int freeCount = freeSlots();
    if (freeCount <= 0)
        return {};
    if (Status s = refreshSharedSettings(tickStart); !s)
        return s;
    // A job's start is the claim's time, after the tick recorded the results
    // that released it (never before its parents' finish). On PostgreSQL
    // the write lock is held first: read before a wait for it, the time
    // could precede a parent's finish that another engine records meanwhile.
    if (Status s = m_store->holdWriteLock(); !s)
        return s;
    const qint64 now = JobStore::now();
    if (m_options.onlyJobs.isEmpty() && !anyToolCap(m_tools, m_toolLimits)) {
        // Most work: the next jobs in queue order in one statement, with
        // what they were claimed as (no read per job).
        auto claimed = m_store->claimBatch(freeCount, m_options.onlyRuns, m_owner, now + m_options.leaseMs(), now);
        if (!claimed)
            return claimed.error();
        for (const JobRecord &job : std::as_const(*claimed)) {
            if (Status s = startAttempt(std::make_shared<const JobRecord>(job), now, plans); !s)
                return s;
            changed.append(job.jobId);
        }
        // A full batch: the rest waits for the next free slot. Otherwise the
        // queue may still hold jobs the batch leaves to a closer look (a
        // repository lock), or nothing at all.
        freeCount -= int(claimed->size());
        if (freeCount <= 0)
            return {};
    }
    auto paused = Transitions::isPaused(*m_store);
    if (!paused)
        return paused.error();
    if (*paused)
        return {};
    return claimOneByOne(freeCount, now, changed, plans);
}

Status Scheduler::claimOneByOne(int freeCount, qint64 now, QStringList &changed, QList<ClaimedPlan> &plans)
{
    const int planned = int(plans.size());
    // Ask for more than the free freeCount: some may be repo-locked.
    auto candidates = m_store->candidates(freeCount * 2 + 8, m_options.onlyRuns, m_options.onlyJobs);
    if (!candidates)
        return candidates.error();
    const qint64 leaseUntil = now + m_options.leaseMs();
    // Tools with a max_concurrent: attempts of them running on any engine,
    // counted once per tick and as this tick claims.
    QHash<QString, int> busy;
    const bool capped = anyToolCap(m_tools, m_toolLimits);
    for (const QString &id : std::as_const(*candidates)) {
        if (int(plans.size()) - planned >= freeCount)
            break;
        QString cappedTool;
        // PostgreSQL: engines claim side by side, so a repository lock or a
        // tool's cap is checked under a lock on its name (two engines would
        // each see the other's claim too late).
        if (capped || m_database.isPostgres()) {
            auto job = m_store->job(id);
            if (!job)
                return job.error();
            if (!job->has_value())
                continue;
            const JobRecord &record = **job;
            if (record.editsRepo && record.isolation == Isolation::None) {
                if (Status s = m_store->lockName(QStringLiteral("repo:") + record.repoRoot); !s)
                    return s;
            }
            const QString tool = record.attemptTool();
            if (const int cap = capped ? toolCap(m_tools, m_toolLimits, tool) : 0; cap > 0) {
                if (!busy.contains(tool)) {
                    if (Status s = m_store->lockName(QStringLiteral("tool:") + tool); !s)
                        return s;
                    auto running = m_store->runningAttemptsOf(tool);
                    if (!running)
                        return running.error();
                    busy.insert(tool, *running);
                }
                if (busy.value(tool) >= cap)
                    continue; // stays queued; explain says it waits for a slot
                cappedTool = tool;
            }
        }
        auto claimed = m_store->claim(id, m_owner, leaseUntil, now);
        if (!claimed)
            return claimed.error();
        if (!*claimed)
            continue;
        if (!cappedTool.isEmpty())
            ++busy[cappedTool];
        if (Status s = startAttempt(id, now, plans); !s)
            return s;
        changed.append(id);
    }
    return {};
}

Status Scheduler::startAttempt(const QString &id, qint64 now, QList<ClaimedPlan> &plans)
{
    auto job = m_store->job(id);
    if (!job)
        return job.error();
    return startAttempt(std::make_shared<const JobRecord>(**job), now, plans);
}

Status Scheduler::startAttempt(std::shared_ptr<const JobRecord> claimedRecord, qint64 now, QList<ClaimedPlan> &plans)
{
    const JobRecord &record = *claimedRecord;
    const QString &id = record.jobId;
    auto plan = planAttempt(record);
    AttemptRecord attempt;
    attempt.jobId = id;
    attempt.runId = record.runId;
    attempt.attempt = record.attempts;
    attempt.tool = record.attemptTool();
    attempt.outcome = std::nullopt;   // running
    attempt.owner = m_owner;
    attempt.startedAt = now;
    attempt.logFile = record.logFile;
    if (Status s = m_store->insertAttempt(attempt); !s)
        return s;
    EventRecord event;
    event.ts = now;
    event.jobId = id;
    event.runId = record.runId;
    event.kind = EventKind::Started;
    event.fromState = JobState::Queued;
    event.toState = JobState::Running;
    event.attempt = record.attempts;
    event.detail = QStringLiteral("attempt %1 with %2 on %3").arg(record.attempts).arg(attempt.tool, m_owner);
    if (Status s = m_store->appendEvent(event); !s)
        return s;
    if (plan) {
        plans.append({*plan, claimedRecord});
        return {};
    }
    // Could not even build the command: recorded as a failed start next tick.
    AttemptResult r;
    r.jobId = id;
    r.attempt = record.attempts;
    r.owner = m_owner;
    r.tool = attempt.tool;
    r.outcome = Outcome::FailedToStart;
    r.startedAt = r.finishedAt = now;
    r.message = plan.error().message;
    m_unstartable.append(r);
    m_running.insert(id, Running{record.attempts, std::make_shared<AttemptControl>(), claimedRecord});
    return {};
}

Status Scheduler::applyResult(const AttemptResult &r, QStringList &changed, const JobRecord *claimed)
{
    m_running.remove(r.jobId);
    std::optional<JobRecord> loaded;
    if (!claimed) {
        auto read = m_store->job(r.jobId);
        if (!read)
            return read.error();
        if (!read->has_value())
            return {};
        loaded = **read;
        claimed = &*loaded;
    }
    const JobRecord &job = *claimed;
    const Decision decision = decide(job, r, JobStore::now(), m_rateLimitMaxWaitMs);
    const Transition transition = transitionFor(r, job, decision);
    auto applied = decision.stale ? Result<bool>(false) : m_store->transition(transition);
    if (!applied)
        return applied.error();
    if (!*applied) {
        // The claim (job, attempt, owner) is no longer held: a late result
        // from a stale owner changes nothing.
        EventRecord event;
        event.jobId = r.jobId;
        event.runId = job.runId;
        event.kind = EventKind::StaleResult;
        event.attempt = r.attempt;
        event.detail = QStringLiteral("result of attempt %1 from %2 ignored: the claim is no longer held").arg(r.attempt).arg(r.owner);
        return m_store->appendEvent(event);
    }
    changed.append(r.jobId);
    if (decision.retryAt)
        noteRetryAt(*decision.retryAt);
    if (decision.requeuedAfterCrash)
        m_restarted.append(r.jobId);
    if (r.owner == m_owner)
        ++m_jobsDone;
    if (decision.downstream == Downstream::Release && transition.hasDependents)
        m_succeeded.append(r.jobId);   // released with the tick's others: releaseSucceeded()
    return recordDecision(r, job, decision, changed);
}

Transition Scheduler::transitionFor(const AttemptResult &r, const JobRecord &job, const Decision &decision)
{
    Transition t;
    t.jobId = r.jobId;
    t.runId = job.runId;
    t.from = JobState::Running;
    t.to = decision.next;
    t.kind = decision.event;
    t.reason = decision.reason;
    t.owner = r.owner;
    t.attempt = r.attempt;
    t.clearOwner = true;
    t.setFinished = decision.finished;
    t.nextAttemptAt = decision.retryAt;
    t.nextTool = decision.nextTool;
    t.lastExitCode = r.exitCode;
    t.lastOutcome = r.outcome;
    return t;
}

Status Scheduler::recordDecision(const AttemptResult &r, const JobRecord &job, const Decision &decision, QStringList &changed)
{
    AttemptRecord attempt;
    attempt.jobId = r.jobId;
    attempt.attempt = r.attempt;
    attempt.outcome = r.outcome;
    attempt.finishedAt = r.finishedAt;
    attempt.exitCode = r.exitCode;
    attempt.signal = r.signal;
    attempt.durationMs = r.finishedAt - r.startedAt;
    attempt.reason = r.message;
    attempt.errorReport = r.errorReport;
    if (Status s = m_store->finishAttempt(attempt, resultJson(r)); !s)
        return s;
    if (!r.startCommit.isEmpty()) {
        attempt.startCommit = r.startCommit;
        attempt.resultCommit = r.resultCommit;
        attempt.change = r.change;
        if (Status s = m_store->recordAttemptChange(attempt); !s)
            return s;
    }
    if (!r.agentOutcome.isEmpty() || !r.usage.isEmpty()) {
        attempt.agentOutcome = r.agentOutcome;
        attempt.agentMessage = r.agentMessage;
        attempt.sessionId = r.sessionId;
        // codex names no model in its events: the one the job asked for is the one it ran.
        attempt.model = r.model.isEmpty() ? configuredModel(job) : r.model;
        attempt.usage = Pricing::settle(r.usage, attempt.model, m_tools.prices());
        if (Status s = m_store->recordAttemptUsage(attempt); !s)
            return s;
    }
    if (decision.rateLimitWaitMs > 0) {
        if (Status s = m_store->addRateLimitWait(r.jobId, decision.rateLimitWaitMs); !s)
            return s;
    }
    if (decision.recordError) {
        if (Status s = m_store->appendError(r.jobId, job.runId, r.attempt, toString(r.outcome), r.message, r.errorReport); !s)
            return s;
    }
    if (decision.countCrash) {
        if (Status s = m_store->countCrash(r.jobId); !s)
            return s;
    }
    if (decision.refund) {
        if (Status s = m_store->refundAttempt(r.jobId); !s)
            return s;
    }
    switch (decision.downstream) {
    case Downstream::Unchanged:
        return {};
    case Downstream::Release:
        return {};   // with the tick's other successes, after them: releaseSucceeded()
    case Downstream::Fail: {
        auto failed = Transitions::failDownstream(*m_store, r.jobId);
        if (!failed)
            return failed.error();
        changed += *failed;
        return {};
    }
    }
    return {};
}

Status Scheduler::recoverExpiredLeases(QStringList &changed)
{
    auto expired = m_store->expiredLeases(JobStore::now());
    if (!expired)
        return expired.error();
    for (const JobRecord &job : std::as_const(*expired)) {
        if (job.owner == m_owner)
            continue;
        // Its engine is gone (on another host, or hung): the attempt is
        // recorded as interrupted. Its processes are not ours to kill.
        if (Status s = recoverCrashed(job, QStringLiteral("engine %1 stopped renewing its lease").arg(job.owner), false, changed); !s)
            return s;
    }
    return {};
}

Status Scheduler::recoverDeadEngines(QStringList &changed)
{
    const QString host = QSysInfo::machineHostName();
    QHash<QString, bool> dead;   // owner -> no longer alive
    auto isDead = [&](const QString &owner) { return isEngineDead(owner, dead); };
    auto running = m_store->runningOnHost(host);
    if (!running)
        return running.error();
    for (const JobRecord &job : std::as_const(*running)) {
        if (!isDead(job.owner))
            continue;
        if (Status s = recoverCrashed(job, QStringLiteral("engine %1 died").arg(job.owner), true, changed); !s)
            return s;
    }
    // A dead engine may have left processes of attempts that had ended
    // (what escaped their group) even with no job running: they go too, and
    // so does the engine's row.
    auto engines = m_store->enginesOnHost(host);
    if (!engines)
        return engines.error();
    for (const QString &owner : std::as_const(*engines)) {
        if (!isDead(owner))
            continue;
        const QString prefix = owner + QLatin1Char('/');
        (void)leftoversKilled(prefix, prefix);
        if (Status s = m_store->removeEngine(owner); !s)
            return s;
    }
    return {};
}

bool Scheduler::isEngineDead(const QString &owner, QHash<QString, bool> &known) const
{
    if (owner == m_owner)
        return false;
    if (!known.contains(owner)) {
        // "host:pid:n". Another scheduler of this very process is alive;
        // an earlier process that had our pid is left to its lease. On a
        // file, a live engine holds it open (a recycled pid does not); on a
        // server, a live pid is taken as the engine and left to its lease.
        const QStringList parts = owner.split(QLatin1Char(':'));
        const qint64 pid = parts.size() >= 3 ? parts.at(parts.size() - 2).toLongLong() : 0;
        const bool alive = m_database.isPostgres() ? Processes::isAlive(pid) : Processes::holdsFile(pid, m_database.path());
        known.insert(owner, pid > 0 && pid != QCoreApplication::applicationPid() && !alive);
    }
    return known.value(owner);
}

bool Scheduler::reopenIfFilesChanged()
{
    const QString path = m_options.databasePath;
    if (path == QLatin1String(":memory:"))
        return false;
    if (!m_reopening) {
        const std::optional<QString> why = m_reopenCheck.due(path, m_database.mustReopen());
        if (!why)
            return false;
        if (!why->isEmpty())
            Q_EMIT databaseError(*why
                                 + tr("; nothing more is written until every connection of this process has "
                                      "opened the database afresh"));
        m_reopening = true;
        m_store->rebind(QSqlDatabase());
        m_database = Database();
    }
    auto reopened = Database::open(path, m_options.name.isEmpty() ? QString() : QStringLiteral("orchestrator:") + m_options.name);
    if (!reopened) {
        // The others of this process have not closed yet (or the file is busy).
        scheduleTick(100);
        return true;
    }
    m_database = std::move(reopened).value();
    m_store->rebind(m_database.connection());
    m_reopening = false;
    dropUnclaimedAttempts();
    return false;
}

void Scheduler::dropUnclaimedAttempts()
{
    for (auto it = m_running.begin(); it != m_running.end(); ++it) {
        auto job = m_store->job(it.key());
        const bool ours = job && *job && (*job)->state == JobState::Running && (*job)->owner == m_owner;
        if (ours || !job)
            continue;   // a read that failed is tried by the tick's own statements
        it->control->stop.store(AttemptControl::Interrupt);
        m_unclaimed.insert(it.key());
    }
    for (auto it = m_results.begin(); it != m_results.end();) {
        if (m_unclaimed.remove(it->jobId)) {
            m_running.remove(it->jobId);
            it = m_results.erase(it);
        } else {
            ++it;
        }
    }
    // The other way round: jobs the database has as ours whose result went
    // into the lost WAL. Nothing runs them any more: they go back to the
    // queue, the attempt recorded as interrupted and not spent.
    auto ours = m_store->runningOnHost(QSysInfo::machineHostName());
    if (!ours || !m_store->begin())
        return;   // the leases run out and recovery requeues them
    QStringList changed;
    for (const JobRecord &job : std::as_const(*ours)) {
        if (job.owner != m_owner || m_running.contains(job.jobId))
            continue;
        AttemptResult r;
        r.jobId = job.jobId;
        r.attempt = job.attempts;
        r.owner = m_owner;
        r.tool = job.tool;
        r.outcome = Outcome::Interrupted;
        r.startedAt = job.startedAt.value_or(JobStore::now());
        r.finishedAt = JobStore::now();
        r.message = QStringLiteral("the database's files changed while it ran; its result was not recorded");
        if (!applyResult(r, changed, &job)) {
            m_store->rollback();
            return;
        }
    }
    if (!m_store->commit()) {
        m_store->rollback();
        return;
    }
    if (!changed.isEmpty())
        Q_EMIT jobsChanged(changed);
}

bool Scheduler::handleDatabaseFailure(const QString &message)
{
    QString why = message;
    if (m_database.isPostgres()) {
        // A dropped connection stays dropped: open it again (the next tick
        // retries what failed). A statement error leaves it working.
        if (!m_database.answers()) {
            m_store->forgetPrepared();
            m_listening = false;   // a new session listens to nothing
            if (Status s = m_database.reconnect(); !s)
                why = s.error().message;   // says why the server cannot be reached
        }
    }
    // The lease of our jobs was last renewed at m_lastLeaseRenewal. Before it
    // runs out (others may then reclaim them), our tools must be gone and
    // nothing more of ours may be recorded. An idle worker keeps the same
    // bound: longer than that, the server is not coming back soon.
    const qint64 leaseMs = m_options.leaseMs();
    const qint64 safety = qMax<qint64>(m_options.renewIntervalMs(), 250);
    const qint64 lastContact = m_lastLeaseRenewal > 0 ? m_lastLeaseRenewal : m_startedAt;
    if (JobStore::now() > lastContact + leaseMs - safety) {
        // The database is named once, in front: the message need not repeat it.
        const QString prefix = m_database.path() + QStringLiteral(": ");
        const QString detail = (why.startsWith(prefix) ? why.mid(prefix.size()) : why).simplified();
        if (!m_running.isEmpty() || !m_results.isEmpty()) {
            abandon(detail);
            return true;
        }
        if (m_database.isPostgres() && m_options.giveUpWhenIdle) {
            giveUpIdle(QStringLiteral("lost the database %1: not reached for %2 s, longer than a lease may go unrenewed "
                                      "(%3 s); no job was running (%4)")
                           .arg(m_database.path())
                           .arg(double(JobStore::now() - lastContact) / 1000.0, 0, 'f', 1)
                           .arg(m_options.leaseSeconds)
                           .arg(detail));
            return true;
        }
    }
    Q_EMIT databaseError(why);
    return false;
}

void Scheduler::abandon(const QString &message)
{
    if (m_abandoned)
        return;
    m_abandoned = true;
    m_stopping = true;
    m_pollTimer.stop();
    m_retryTimer.stop();
    m_tickTimer.stop();
    for (const Running &running : std::as_const(m_running))
        running.control->stop.store(AttemptControl::Interrupt);
    // Whatever they report is dropped: the jobs are reclaimed by others
    // once the lease has run out.
    // Attempts that already reported will not report again: nothing to wait for.
    for (const AttemptResult &r : std::as_const(m_results))
        m_running.remove(r.jobId);
    m_results.clear();
    // Attempts that could not be planned never started: nothing to wait for.
    for (const AttemptResult &r : std::as_const(m_unstartable))
        m_running.remove(r.jobId);
    m_unstartable.clear();
    Q_EMIT fatalError(QStringLiteral("lost the database %1, could not renew the lease of %2 running job(s): their tools "
                                     "were stopped and nothing more is recorded; other workers reclaim them when the "
                                     "lease expires (%3)")
                          .arg(m_database.path())
                          .arg(m_running.size())
                          .arg(message));
    if (m_running.isEmpty()) {
        m_stopped = true;
        Q_EMIT stopped();
    }
}

void Scheduler::giveUpIdle(const QString &message)
{
    m_abandoned = true;
    m_stopping = true;
    m_pollTimer.stop();
    m_retryTimer.stop();
    m_tickTimer.stop();
    m_sweepTimer.stop();
    m_stopped = true;
    Q_EMIT fatalError(message);
    Q_EMIT stopped();
}

Status Scheduler::flushLogChunks()
{
    const qint64 ts = JobStore::now();
    for (auto it = m_running.begin(); it != m_running.end(); ++it) {
        const std::shared_ptr<LogCapture> &capture = it->control->capture;
        if (!capture || !capture->hasPending())
            continue;
        const QByteArray data = capture->take();
        if (data.isEmpty())
            continue;
        LogChunk chunk;
        chunk.jobId = it.key();
        chunk.attempt = it->attempt;
        chunk.seq = it->nextChunk++;
        chunk.data = data;
        chunk.createdAt = ts;
        m_unflushed.append(chunk);
        if (Status s = m_store->appendLogChunk(chunk); !s)
            return s;
    }
    return {};
}

void Scheduler::restoreUnflushed()
{
    // The transaction that wrote them was rolled back: the next one writes
    // the same bytes under the same numbers.
    for (auto chunk = m_unflushed.crbegin(); chunk != m_unflushed.crend(); ++chunk) {
        auto it = m_running.find(chunk->jobId);
        if (it == m_running.end() || it->attempt != chunk->attempt || !it->control->capture)
            continue;
        it->control->capture->restore(chunk->data);
        it->nextChunk = chunk->seq;
    }
    m_unflushed.clear();
}

Status Scheduler::recoverCrashed(const JobRecord &job, const QString &why, bool killLeftovers, QStringList &changed)
{
    QString message = QStringLiteral("interrupted: ") + why;
    if (killLeftovers) {
        // Before the job can run again: whatever is left of the dead engine's
        // tools (this attempt's group, and anything carrying its tag).
        auto process = m_store->attemptProcess(job.jobId, job.attempts);
        if (!process)
            return process.error();
        const int killed = leftoversKilled(Processes::tagFor(job.owner, job.jobId, job.attempts),
                                           job.owner + QLatin1Char('/'), process->first, process->second);
        if (killed > 0)
            message += QStringLiteral("; %1 leftover process(es) killed").arg(killed);
    }
    AttemptResult r;
    r.jobId = job.jobId;
    r.attempt = job.attempts;
    r.owner = job.owner;
    r.tool = job.tool;
    r.outcome = Outcome::Interrupted;
    r.crashed = true;
    r.startedAt = job.startedAt.value_or(JobStore::now());
    r.finishedAt = JobStore::now();
    r.message = message;
    if (Status s = applyResult(r, changed, &job); !s)
        return s;
    // The attempt's log ends with its header and output: say how it ended.
    if (!job.logFile.isEmpty() && QFileInfo::exists(job.logFile))
        m_pendingFooters.append({job.logFile, LogFile::footerLine(r.attempt, Outcome::Interrupted, message + QStringLiteral("; not counted"))});
    return {};
}

void Scheduler::killLeftoversOfDeadEngines()
{
    // The same reads as recoverDeadEngines(), outside the transaction: one
    // that fails leaves the kill to the transaction's pass.
    m_leftoversKilled.clear();
    const QString host = QSysInfo::machineHostName();
    QHash<QString, bool> dead;
    if (auto running = m_store->runningOnHost(host)) {
        for (const JobRecord &job : std::as_const(*running)) {
            if (!isEngineDead(job.owner, dead))
                continue;
            auto process = m_store->attemptProcess(job.jobId, job.attempts);
            if (!process)
                continue;
            m_leftoversKilled.insert(Processes::tagFor(job.owner, job.jobId, job.attempts),
                                     Processes::killTagged(job.owner + QLatin1Char('/'), process->first, process->second));
        }
    }
    if (auto engines = m_store->enginesOnHost(host)) {
        for (const QString &owner : std::as_const(*engines)) {
            if (!isEngineDead(owner, dead))
                continue;
            const QString prefix = owner + QLatin1Char('/');
            m_leftoversKilled.insert(prefix, Processes::killTagged(prefix));
        }
    }
}

int Scheduler::leftoversKilled(const QString &key, const QString &tagPrefix, qint64 pgid, quint64 leaderTicks)
{
    if (const auto found = m_leftoversKilled.constFind(key); found != m_leftoversKilled.cend())
        return *found;
    m_leftoversSignalled.append({tagPrefix, pgid, leaderTicks});
    return Processes::signalTagged(tagPrefix, pgid, leaderTicks);
}

void Scheduler::waitForLeftovers()
{
    m_leftoversKilled.clear();
    for (const LeftoverKill &kill : std::exchange(m_leftoversSignalled, {}))
        (void)Processes::killTagged(kill.tagPrefix, kill.pgid, kill.leaderTicks);
}

Status Scheduler::recordProcesses()
{
    for (const StartedProcess &p : std::as_const(m_startedProcesses)) {
        if (Status s = m_store->recordAttemptProcess(p.jobId, p.attempt, m_owner, p.pid, p.startTicks); !s)
            return s;
    }
    m_startedProcesses.clear();
    return {};
}

void Scheduler::sweepOrphans()
{
    if (m_owner.isEmpty())
        return;
    // Attempts whose process ended count as ended, recorded or not yet.
    QSet<QString> finished;
    for (const AttemptResult &r : std::as_const(m_results))
        finished.insert(r.jobId);
    QSet<QString> running;
    QSet<qint64> tools;
    for (auto it = m_running.cbegin(); it != m_running.cend(); ++it) {
        if (finished.contains(it.key()))
            continue;
        running.insert(Processes::tagFor(m_owner, it.key(), it->attempt));
        if (it->pid > 0)
            tools.insert(it->pid);
    }
    m_lastSweepAt = JobStore::now();
    Processes::sweepOrphans(m_owner, running, tools);
}

Result<AttemptPlan> Scheduler::planAttempt(const JobRecord &job)
{
    AttemptPlan plan;
    plan.jobId = job.jobId;
    plan.runId = job.runId;
    plan.attempt = job.attempts;
    plan.maxAttempts = job.maxAttempts();
    plan.owner = m_owner;
    plan.workingDir = job.workingDir;
    plan.logFile = job.logFile;
    plan.errorReport = job.errorReport;
    plan.tool = job.attemptTool();
    // The profile's default timeout and environment, under the job's own.
    const ToolProfile *profile = m_tools.find(plan.tool);
    plan.timeoutSeconds = job.timeoutSeconds > 0 ? job.timeoutSeconds : profile ? profile->defaultTimeoutSeconds : 0;
    if (profile) {
        plan.env = profile->env;
        plan.events = profile->events;
        plan.loginHint = profile->loginHint;
    }
    for (auto it = job.env.cbegin(); it != job.env.cend(); ++it)
        plan.env.insert(it.key(), it.value());

    std::optional<JobSpec> parsed;
    if (job.inWorktree() || plan.tool != job.tool || job.command.isEmpty()) {
        const QJsonObject raw = QJsonDocument::fromJson(job.spec).object();
        auto spec = parseJobObject(raw, job.sourceFile.isEmpty() ? job.jobId : job.sourceFile);
        if (!spec)
            return spec.error();
        parsed = *spec;
    }
    if (job.inWorktree()) {
        auto worktree = planWorktree(job, *parsed);
        if (!worktree)
            return worktree.error();
        plan.worktree = *worktree;
        // An escalated tool's command sees the worktree too.
        parsed->repoRoot = QDir::cleanPath(job.worktreePath + QLatin1Char('/') + QDir(job.repoTop).relativeFilePath(job.repoRoot));
        parsed->workingDir = job.workingDir;
    }

    if (plan.tool == job.tool && !job.command.isEmpty()) {
        plan.program = job.command.first();
        plan.arguments = job.command.mid(1);
    } else {
        auto command = m_tools.buildCommand(*parsed, plan.tool,
                                            job.inWorktree() || ToolRegistry::isInGitWorkTree(job.workingDir));
        if (!command)
            return command.error();
        plan.program = command->program;
        plan.arguments = command->arguments;
    }
    plan.env.insert(QStringLiteral("ORCHESTRATOR_JOB_ID"), job.jobId);
    plan.env.insert(QStringLiteral("ORCHESTRATOR_RUN_ID"), job.runId);
    plan.env.insert(QStringLiteral("ORCHESTRATOR_WORKSTREAM_ID"), job.workstreamId);
    plan.env.insert(QStringLiteral("ORCHESTRATOR_ATTEMPT"), QString::number(job.attempts));
    plan.env.insert(QStringLiteral("ORCHESTRATOR_TOOL"), plan.tool);
    plan.env.insert(QStringLiteral("ORCHESTRATOR_LOG_FILE"), job.logFile);
    if (job.attempts > 1 && QFileInfo::exists(job.errorReport))
        plan.env.insert(QStringLiteral("ORCHESTRATOR_PREVIOUS_ERROR_REPORT"), job.errorReport);
    return plan;
}

Result<WorktreePlan> Scheduler::planWorktree(const JobRecord &job, const JobSpec &spec)
{
    WorktreePlan plan;
    plan.repoTop = job.repoTop;
    plan.path = job.worktreePath;
    plan.branch = job.worktreeBranch;
    plan.baseCommit = job.baseCommit;
    // A retry of the policy starts where the first attempt of this budget
    // did; a user's retry (a fresh budget) merges the upstream results again.
    if (job.countedAttempts() > 1) {
        auto attempts = m_store->attempts(job.jobId);
        if (!attempts)
            return attempts.error();
        for (const AttemptRecord &a : std::as_const(*attempts)) {
            if (a.attempt > job.budgetBase && a.attempt < job.attempts && !a.startCommit.isEmpty()) {
                plan.startCommit = a.startCommit;
                break;
            }
        }
    }
    // Worktree dependencies of the same repository, in submission order
    // (which puts dependencies first).
    auto deps = m_store->dependencies(job.jobId);
    if (!deps)
        return deps.error();
    QList<JobRecord> upstream;
    for (const QString &dep : std::as_const(*deps)) {
        auto record = m_store->job(dep);
        if (!record)
            return record.error();
        if (record->has_value() && (*record)->inWorktree() && (*record)->repoTop == job.repoTop && !(*record)->resultCommit.isEmpty())
            upstream.append(**record);
    }
    std::sort(upstream.begin(), upstream.end(), [](const JobRecord &a, const JobRecord &b) { return a.seq < b.seq; });
    for (const JobRecord &u : std::as_const(upstream)) {
        plan.upstreamJobs.append(u.jobId);
        plan.upstreamCommits.append(u.resultCommit);
    }
    // The job's files are relative to its working directory; the scope is
    // relative to the repository's top.
    const QString workingDir = QDir(job.worktreePath).relativeFilePath(job.workingDir);
    for (const QString &file : spec.files) {
        const QString path = QDir::isAbsolutePath(file)
            ? QDir(file.startsWith(job.worktreePath) ? job.worktreePath : job.repoTop).relativeFilePath(file)
            : QDir::cleanPath(workingDir + QLatin1Char('/') + file);
        if (!path.startsWith(QLatin1String("..")))
            plan.scope.append(path);
    }
    const QString instructions = spec.instructions.trimmed().section(QLatin1Char('\n'), 0, 0).trimmed();
    plan.commitMessage = QStringLiteral("%1: attempt %2").arg(job.jobId).arg(job.attempts);
    if (!instructions.isEmpty())
        plan.commitMessage += QStringLiteral(": ") + instructions;
    return plan;
}

void Scheduler::dispatch(const AttemptPlan &plan, std::shared_ptr<const JobRecord> job)
{
    auto control = std::make_shared<AttemptControl>();
    if (m_logCapBytes > 0)
        control->capture = std::make_shared<LogCapture>(
            m_logCapBytes, QStringLiteral("%1 on %2").arg(plan.logFile, QSysInfo::machineHostName()));
    m_running.insert(plan.jobId, Running{plan.attempt, control, std::move(job)});
    // The runner reports from its pool thread; the result is queued to this
    // object's thread, where it is recorded. ~Scheduler waits for the pool.
    const QString jobId = plan.jobId;
    const int attempt = plan.attempt;
    auto *runner = new AttemptRunner(plan, control, [this](const AttemptResult &result) {
        QMetaObject::invokeMethod(this, [this, result] { onAttemptDone(result); }, Qt::QueuedConnection);
    }, [this, jobId, attempt](qint64 pid, quint64 startTicks) {
        // Recorded with the next tick's transaction.
        QMetaObject::invokeMethod(this, [this, jobId, attempt, pid, startTicks] {
            m_startedProcesses.append(StartedProcess{jobId, attempt, pid, startTicks});
            auto it = m_running.find(jobId);
            if (it != m_running.end() && it->attempt == attempt)
                it->pid = pid;
            // On a server a tick of its own is two round trips: the pid
            // waits for the next tick (a short job's result), at most a second.
            scheduleTick(m_database.isPostgres() ? kProcessRecordDelayPostgresMs : 50);
        }, Qt::QueuedConnection);
    });
    m_pool.start(runner);
}

void Scheduler::armRetryTimer()
{
    auto next = m_store->nextRetryTime();
    if (!next) {
        m_retryCheckAt = 0;   // unknown: look again next tick
        return;
    }
    m_retryCheckAt = std::numeric_limits<qint64>::max();
    if (next->has_value())
        noteRetryAt(**next);
}

void Scheduler::noteRetryAt(qint64 at)
{
    m_retryCheckAt = qMin(m_retryCheckAt, at);
    const qint64 delay = qMax<qint64>(0, at - JobStore::now());
    if (!m_retryTimer.isActive() || m_retryTimer.remainingTime() > delay)
        m_retryTimer.start(int(qMin<qint64>(delay + 5, 24 * 3600 * 1000)));
}

Status Scheduler::releaseSucceeded(QStringList &changed)
{
    if (m_succeeded.isEmpty())
        return {};
    auto released = Transitions::releaseDependents(*m_store, m_succeeded);
    if (!released)
        return released.error();
    m_succeeded.clear();
    changed += *released;
    return {};
}

void Scheduler::listenForQueuedWork()
{
    if (!m_database.isPostgres() || m_listening || !m_database.connection().isOpen())
        return;
    QSqlDriver *driver = m_database.connection().driver();
    const QString queued = QLatin1String(JobStore::kQueuedChannel);
    const QString cancel = QLatin1String(JobStore::kCancelChannel);
    for (const QString &channel : {queued, cancel}) {
        if (!driver->subscribedToNotifications().contains(channel) && !driver->subscribeToNotification(channel))
            return;   // still correct: the poll finds the work, a little later
    }
    m_listening = true;
    if (m_notificationsConnected)
        return;
    m_notificationsConnected = true;
    connect(driver, &QSqlDriver::notification, this, [this, queued, cancel](const QString &name) {
        if (!m_started || m_stopping)
            return;
        if (name == queued && freeSlots() > 0)
            scheduleTick();
        else if (name == cancel)
            deliverCancelRequests();
    });
}

} // namespace Orchestrator
