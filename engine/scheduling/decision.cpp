#include "decision.h"

#include <QDateTime>
#include <QLocale>

#include "core/records.h"
#include "execution/attempt.h"

namespace Orchestrator {

namespace {

QString clockTime(qint64 ms)
{
    return QDateTime::fromMSecsSinceEpoch(ms).toString(QStringLiteral("HH:mm:ss"));
}

Decision finalState(JobState state, EventKind event, const QString &reason, Downstream downstream)
{
    Decision d;
    d.next = state;
    d.event = event;
    d.reason = reason;
    d.finished = true;
    d.downstream = downstream;
    return d;
}

// The engine running the attempt stopped, or died under it.
Decision interrupted(const JobRecord &job, const AttemptResult &r, const QString &reason)
{
    if (!r.crashed) {
        // The engine stopped, the job did nothing wrong: back to the queue,
        // and the attempt does not count against its budget.
        Decision d;
        d.next = JobState::Queued;
        d.event = EventKind::Released;
        d.reason = reason;
        d.refund = true;
        return d;
    }
    // The engine died under it. The attempt counts (its number is used and
    // it is recorded as interrupted) and so does the crash; the failure
    // budget of retry_policy is left for real failures.
    const int crashes = job.crashes + 1;
    Decision d;
    if (job.failOnCrash) {
        d = finalState(JobState::Failed, EventKind::CrashFailed,
                       QStringLiteral("attempt %1: %2; on_crash is fail").arg(r.attempt).arg(r.message), Downstream::Fail);
    } else if (crashes >= kQuarantineAfterCrashes) {
        d = finalState(JobState::Failed, EventKind::Quarantined,
                       QStringLiteral("quarantined: crashed its worker %1 times (attempt %2: %3)").arg(crashes).arg(r.attempt).arg(r.message),
                       Downstream::Fail);
    } else {
        d.next = JobState::Queued;
        d.event = EventKind::CrashRetry;
        d.reason = QStringLiteral("attempt %1: %2; queued again (crash %3 of %4 before quarantine)")
                       .arg(r.attempt)
                       .arg(r.message)
                       .arg(crashes)
                       .arg(kQuarantineAfterCrashes);
        d.refund = true;
        d.requeuedAfterCrash = true;
    }
    d.countCrash = true;
    d.recordError = true;
    return d;
}

// The attempt failed (exit code, signal, could not start, timed out).
Decision failed(const JobRecord &job, const AttemptResult &r, const QString &reason, qint64 nowMs)
{
    Decision d;
    if (job.attempts < job.maxAttempts()) {
        const int used = job.countedAttempts();
        d.next = JobState::RetryWaiting;
        d.event = EventKind::RetryScheduled;
        d.retryDelay = job.retry.backoffAfter(used);
        d.retryAt = nowMs + d.retryDelay->count();
        d.nextTool = job.retry.toolForAttempt(job.tool, used + 1);
        d.reason = QStringLiteral("attempt %1 %2; retry at %3 with %4").arg(r.attempt).arg(r.message, clockTime(*d.retryAt), d.nextTool);
    } else {
        d = finalState(r.outcome == Outcome::TimedOut ? JobState::TimedOut : JobState::Failed, EventKind::State, reason,
                       Downstream::Fail);
    }
    d.recordError = true;
    return d;
}

// An AI tool's rate or usage limit: the job waits for the reset (or backs
// off) with the same tool, and the attempt does not count.
Decision rateLimited(const JobRecord &job, const AttemptResult &r, const QString &reason, qint64 nowMs, qint64 maxWaitMs)
{
    qint64 waitMs = 0;
    if (r.resetAt && *r.resetAt > nowMs) {
        waitMs = *r.resetAt - nowMs + 1000;   // a second past the reset
    } else {
        // No reset time: 1, 2, 4 ... minutes, at most 30, by the wait so far.
        waitMs = 60 * 1000;
        while (waitMs < job.rateLimitWaitMs && waitMs < 30 * 60 * 1000)
            waitMs *= 2;
        waitMs = qMin<qint64>(waitMs, 30 * 60 * 1000);
    }
    if (job.rateLimitWaitMs + waitMs > maxWaitMs) {
        Decision d = finalState(JobState::Failed, EventKind::State,
                                QStringLiteral("%1; it waited for rate limits %2 min already (at most %3 h): given up")
                                    .arg(reason)
                                    .arg(job.rateLimitWaitMs / 60000)
                                    .arg(QLocale::c().toString(double(maxWaitMs) / 3600000, 'g', 3)),
                                Downstream::Fail);
        d.recordError = true;
        return d;
    }
    Decision d;
    d.next = JobState::RetryWaiting;
    d.event = EventKind::RetryScheduled;
    d.retryDelay = std::chrono::milliseconds(waitMs);
    d.retryAt = nowMs + waitMs;
    d.nextTool = r.tool;
    d.refund = true;
    d.rateLimitWaitMs = waitMs;
    d.reason = QStringLiteral("attempt %1 %2; rate limited until %3, then again with %4 (not counted as an attempt)")
                   .arg(r.attempt)
                   .arg(r.message, clockTime(*d.retryAt), r.tool);
    return d;
}

} // namespace

Decision decide(const JobRecord &job, const AttemptResult &r, qint64 nowMs, qint64 maxRateLimitWaitMs)
{
    if (job.state != JobState::Running) {
        Decision d;
        d.stale = true;
        d.next = job.state;
        d.event = EventKind::StaleResult;
        return d;
    }
    const QString reason = QStringLiteral("attempt %1: %2").arg(r.attempt).arg(r.message);
    switch (r.outcome) {
    case Outcome::Succeeded:
        return finalState(JobState::Succeeded, EventKind::State, reason, Downstream::Release);
    case Outcome::Cancelled:
        return finalState(JobState::Cancelled, EventKind::Cancelled, reason, Downstream::Fail);
    case Outcome::Interrupted:
        return interrupted(job, r, reason);
    case Outcome::SetupFailed: {
        // Another attempt would meet the same conflict: only a user's retry
        // (after landing or fixing an upstream job) tries again.
        Decision d = finalState(JobState::Failed, EventKind::State, reason, Downstream::Fail);
        d.recordError = true;
        return d;
    }
    case Outcome::RateLimited:
        return rateLimited(job, r, reason, nowMs, maxRateLimitWaitMs);
    case Outcome::AuthFailed: {
        // Every further attempt would meet the same refusal: log in, then retry.
        Decision d = finalState(JobState::Failed, EventKind::State, reason, Downstream::Fail);
        d.recordError = true;
        return d;
    }
    case Outcome::Failed:
    case Outcome::Signalled:
    case Outcome::FailedToStart:
    case Outcome::TimedOut:
        return failed(job, r, reason, nowMs);
    }
    Q_UNREACHABLE();
    return {};
}

} // namespace Orchestrator
