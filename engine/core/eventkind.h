#pragma once

#include <optional>

#include <QString>

namespace Orchestrator {

// What one row of `events` says happened. Stored as text (events.kind); the
// names are what the feed, the command line and older databases know.
enum class EventKind {
    Submitted,        // a job was inserted
    State,            // a state change with no more specific kind (success, attempts exhausted)
    Started,          // an attempt started (Queued -> Running)
    Ready,            // every dependency succeeded (Waiting -> Queued)
    RetryScheduled,   // an attempt failed and the policy allows another (Running -> RetryWaiting)
    RetryDue,         // the backoff elapsed (RetryWaiting -> Queued)
    RetryNow,         // a user retried a job waiting to retry
    Retry,            // a user retried a job that ended without success (and its downstream)
    EscalateNow,      // a user escalated a job waiting to retry
    Released,         // its engine stopped; the job went back to the queue, not counted
    CrashRetry,       // its engine died; queued again, counted as a crash
    CrashFailed,      // its engine died and metadata.on_crash is "fail"
    Quarantined,      // its engine died kQuarantineAfterCrashes times
    Cancelled,        // cancelled (by a user, or its attempt was killed by a cancel)
    CancelRequested,  // a user asked to cancel a running job; its engine kills the attempt
    UpstreamFailed,   // a dependency ended without success
    StaleResult,      // an attempt's result arrived after its claim was lost; ignored
    Priority,         // a user changed the priority
    QueuePaused,
    QueueResumed,
    Landed,           // a job's change was merged into a branch (orchestrator land); the state stays
    Discarded,        // a job's worktree and branch were removed (orchestrator discard)
    ResubmittedAs,    // a new job was submitted from this one's spec (detail: its id); the state stays
    ResubmittedFrom,  // this job was submitted from another's spec (detail: its id)
    // A kind this build does not know (written by a newer one): kept, never fatal.
    Unknown,
};

QString toString(EventKind kind);
std::optional<EventKind> eventKindFromString(const QString &text);

} // namespace Orchestrator
