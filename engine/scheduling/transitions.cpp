#include "transitions.h"

#include "store/jobstore.h"

namespace Orchestrator::Transitions {

namespace {

const QString kPausedKey = QString::fromLatin1(JobStore::kPausedSetting);

Result<bool> move(JobStore &store, const QString &jobId, JobState from, JobState to, EventKind kind,
                  const QString &reason, bool finished)
{
    Transition t;
    t.jobId = jobId;
    t.from = from;
    t.to = to;
    t.kind = kind;
    t.reason = reason;
    t.setFinished = finished;
    t.clearOwner = true;
    return store.transition(t);
}

} // namespace

Result<QStringList> releaseDependents(JobStore &store, const QStringList &succeeded)
{
    auto ready = store.releaseDependents(succeeded);
    if (!ready)
        return ready.error();
    QStringList changed;
    for (const QString &id : std::as_const(*ready)) {
        auto moved = move(store, id, JobState::Waiting, JobState::Queued, EventKind::Ready,
                          QStringLiteral("dependencies succeeded"), false);
        if (!moved)
            return moved.error();
        if (*moved)
            changed.append(id);
    }
    return changed;
}

Result<QStringList> failDownstream(JobStore &store, const QString &jobId)
{
    auto downstream = store.waitingDownstream(jobId);
    if (!downstream)
        return downstream.error();
    QStringList changed;
    for (const QString &id : std::as_const(*downstream)) {
        auto moved = move(store, id, JobState::Waiting, JobState::UpstreamFailed, EventKind::UpstreamFailed,
                          QStringLiteral("upstream job %1 did not succeed").arg(jobId), true);
        if (!moved)
            return moved.error();
        if (*moved)
            changed.append(id);
    }
    return changed;
}

Result<QStringList> cancel(JobStore &store, const QString &jobId)
{
    auto job = store.job(jobId);
    if (!job)
        return job.error();
    if (!job->has_value())
        return Error::make(ErrorCode::NotFound, QStringLiteral("no job with id \"%1\"").arg(jobId));
    const JobState state = (*job)->state;
    if (isFinal(state))
        return Error::make(ErrorCode::Conflict, QStringLiteral("job %1 is already %2").arg(jobId, toString(state)));
    if (state == JobState::Running) {
        if (Status s = store.requestCancel(jobId); !s)
            return s.error();
        return QStringList{jobId};
    }
    auto moved = move(store, jobId, state, JobState::Cancelled, EventKind::Cancelled,
                      QStringLiteral("cancelled by user"), true);
    if (!moved)
        return moved.error();
    QStringList changed{jobId};
    auto downstream = failDownstream(store, jobId);
    if (!downstream)
        return downstream.error();
    changed += *downstream;
    return changed;
}

Result<QStringList> retry(JobStore &store, const QString &jobId, RetryScope scope)
{
    auto job = store.job(jobId);
    if (!job)
        return job.error();
    if (!job->has_value())
        return Error::make(ErrorCode::NotFound, QStringLiteral("no job with id \"%1\"").arg(jobId));
    const JobState state = (*job)->state;
    if (state == JobState::RetryWaiting) {
        auto moved = move(store, jobId, state, JobState::Queued, EventKind::RetryNow,
                          QStringLiteral("retry requested by user"), false);
        if (!moved)
            return moved.error();
        return QStringList{jobId};
    }
    if (!canRetry(state, scope))
        return Error::make(ErrorCode::Conflict,
                           QStringLiteral("job %1 is %2; only jobs that ended without success can be retried")
                               .arg(jobId, toString(state)));

    auto deps = store.dependencies(jobId);
    if (!deps)
        return deps.error();
    auto depStates = store.states(*deps);
    if (!depStates)
        return depStates.error();
    bool ready = true;
    for (auto it = depStates->cbegin(); it != depStates->cend(); ++it) {
        ready = ready && it.value() == JobState::Succeeded;
        // Retrying it alone would leave it waiting forever.
        if (isFinal(it.value()) && it.value() != JobState::Succeeded)
            return Error::make(ErrorCode::Conflict,
                               QStringLiteral("job %1 depends on %2, which is %3; retry %2 instead")
                                   .arg(jobId, it.key(), toString(it.value())));
    }

    if (Status s = store.resetAttemptBudget(jobId); !s)
        return s.error();
    auto moved = move(store, jobId, state, ready ? JobState::Queued : JobState::Waiting, EventKind::Retry,
                      QStringLiteral("retry requested by user"), false);
    if (!moved)
        return moved.error();
    QStringList changed{jobId};

    auto downstream = store.upstreamFailedDownstream(jobId);
    if (!downstream)
        return downstream.error();
    for (const QString &id : std::as_const(*downstream)) {
        auto back = move(store, id, JobState::UpstreamFailed, JobState::Waiting, EventKind::Retry,
                         QStringLiteral("upstream job %1 is being retried").arg(jobId), false);
        if (!back)
            return back.error();
        if (*back)
            changed.append(id);
    }
    return changed;
}

Result<QStringList> escalateNow(JobStore &store, const QString &jobId)
{
    auto job = store.job(jobId);
    if (!job)
        return job.error();
    if (!job->has_value())
        return Error::make(ErrorCode::NotFound, QStringLiteral("no job with id \"%1\"").arg(jobId));
    const JobRecord &record = **job;
    const QString next = escalationTool(record);
    if (next.isEmpty())
        return Error::make(ErrorCode::Conflict,
                           QStringLiteral("job %1 has no tool to escalate to after %2 (escalate_to: %3)")
                               .arg(jobId, record.retry.toolForAttempt(record.tool, qMax(1, record.countedAttempts())),
                                    record.retry.escalateTo.isEmpty() ? QStringLiteral("none")
                                                                      : record.retry.escalateTo.join(QStringLiteral(", "))));
    if (record.state == JobState::RetryWaiting) {
        Transition t;
        t.jobId = jobId;
        t.from = JobState::RetryWaiting;
        t.to = JobState::Queued;
        t.kind = EventKind::EscalateNow;
        t.reason = QStringLiteral("escalated to %1 by user").arg(next);
        t.nextTool = next;
        auto moved = store.transition(t);
        if (!moved)
            return moved.error();
        return *moved ? QStringList{jobId} : QStringList{};
    }
    // A job that ended without success: a fresh budget, starting with `next`.
    auto retried = retry(store, jobId);
    if (!retried)
        return retried;
    if (Status s = store.setNextTool(jobId, next); !s)
        return s.error();
    return retried;
}

Result<QStringList> setPriority(JobStore &store, const QString &jobId, Priority priority)
{
    auto job = store.job(jobId);
    if (!job)
        return job.error();
    if (!job->has_value())
        return Error::make(ErrorCode::NotFound, QStringLiteral("no job with id \"%1\"").arg(jobId));
    if (isFinal((*job)->state))
        return Error::make(ErrorCode::Conflict, QStringLiteral("job %1 is already %2; its priority no longer matters")
                                                    .arg(jobId, toString((*job)->state)));
    auto changed = store.setPriority(jobId, priority);
    if (!changed)
        return changed.error();
    return *changed ? QStringList{jobId} : QStringList{};
}

Status setPaused(JobStore &store, bool paused)
{
    if (Status s = store.setSetting(kPausedKey, paused ? QStringLiteral("1") : QStringLiteral("0")); !s)
        return s;
    if (!paused)
        store.notifyQueued();
    EventRecord event;
    event.kind = paused ? EventKind::QueuePaused : EventKind::QueueResumed;
    return store.appendEvent(event);
}

Result<bool> isPaused(JobStore &store)
{
    auto value = store.setting(kPausedKey);
    if (!value)
        return value.error();
    return *value == QLatin1String("1");
}

} // namespace Orchestrator::Transitions
