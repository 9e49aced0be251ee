#pragma once

#include <chrono>
#include <optional>

#include <QString>

#include "core/eventkind.h"
#include "core/jobstate.h"

namespace Orchestrator {

struct AttemptResult;
struct JobRecord;

// What becomes of the jobs downstream once a job's attempt has ended.
enum class Downstream {
    Unchanged,   // the job is not final (it retries, or goes back to the queue)
    Release,     // it succeeded: dependents whose every dependency succeeded become Queued
    Fail,        // it ended without success: everything still waiting downstream becomes UpstreamFailed
};

// The scheduler's answer to "this attempt of this job ended so": the next
// state and everything written with it. Computed by decide() without
// touching the database; the Scheduler applies it in its transaction.
struct Decision
{
    // The job no longer runs this attempt (the snapshot the result is
    // applied to is not Running): nothing changes, a StaleResult event says
    // the result was ignored. The other fields are then meaningless.
    bool stale = false;

    JobState next = JobState::Running;
    EventKind event = EventKind::State;
    QString reason;                  // jobs.reason and the event's detail
    bool finished = false;           // a final state: finished_at is set
    // RetryWaiting: how long the backoff is, when it ends and the tool the
    // next attempt runs with (the retry policy's escalation).
    std::optional<std::chrono::milliseconds> retryDelay;
    std::optional<qint64> retryAt;
    QString nextTool;
    Downstream downstream = Downstream::Unchanged;
    bool refund = false;             // the attempt does not count against the retry budget
    bool countCrash = false;         // the job's engine died under it (jobs.crashes)
    bool requeuedAfterCrash = false; // back in the queue after a crash (Scheduler::jobsRestarted)
    bool recordError = false;        // a row in `errors` (failures and crashes)
    qint64 rateLimitWaitMs = 0;      // added to jobs.rate_limit_wait_ms: a rate limit's wait
};

// How long a job may wait for AI tools' rate limits in all (since its last
// manual retry) before a rate limit fails it, unless the database's
// rate_limit_max_wait_hours setting says otherwise.
inline constexpr qint64 kMaxRateLimitWaitMs = 6LL * 3600 * 1000;

// A job whose attempts were interrupted this many times by the death of
// their engine is failed for good ("quarantined"), so a job that kills
// its worker cannot keep a queue busy.
inline constexpr int kQuarantineAfterCrashes = 3;

// Pure: the next state of `job` (as claimed, with its retry policy, attempt
// budget and crash count) now that `result` reports how its attempt ended,
// at `nowMs` (ms since the epoch; the start of a retry's backoff).
//
//   Succeeded                         -> Succeeded, dependents released
//   Cancelled                         -> Cancelled, downstream failed
//   Interrupted, engine stopped       -> Queued, attempt refunded
//   Interrupted, engine died          -> Queued (refunded, crash counted); Failed if
//                                        on_crash is "fail" or it is the kQuarantineAfterCrashes-th crash
//   SetupFailed (worktree not made)   -> Failed, downstream failed, whatever the budget
//   Failed, Signalled, FailedToStart,
//   TimedOut, with attempts left      -> RetryWaiting with backoff and the policy's next tool
//   ... with the budget used up       -> TimedOut (a timeout) or Failed, downstream failed
//   RateLimited                       -> RetryWaiting until the reset (else a backoff), attempt
//                                        refunded; Failed once maxRateLimitWaitMs would be passed
//   AuthFailed                        -> Failed at once, downstream failed, whatever the budget
Decision decide(const JobRecord &job, const AttemptResult &result, qint64 nowMs,
                qint64 maxRateLimitWaitMs = kMaxRateLimitWaitMs);

} // namespace Orchestrator
