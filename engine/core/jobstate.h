#pragma once

#include <array>
#include <optional>

#include <QString>

namespace Orchestrator {

// The life of a job. Only the Scheduler moves a job between these states.
//
//   Waiting      -- submitted; at least one dependency has not succeeded yet
//   Queued       -- ready to run; waits for a free worker (and a free repo lock)
//   Running      -- claimed by one engine (host, pid, lease); an attempt is executing
//   RetryWaiting -- an attempt failed and the policy allows another; waits for its backoff time
//   Succeeded    -- final: the last attempt exited 0
//   Failed       -- final: attempts exhausted (exit code, signal or spawn failure)
//   TimedOut     -- final: attempts exhausted and the last attempt ran past timeout_seconds
//   Cancelled    -- final: cancelled by a user; a running attempt was killed
//   UpstreamFailed -- final: a dependency ended in any final state other than Succeeded
enum class JobState {
    Waiting,
    Queued,
    Running,
    RetryWaiting,
    Succeeded,
    Failed,
    TimedOut,
    Cancelled,
    UpstreamFailed,
};

constexpr std::array<JobState, 9> kAllJobStates{JobState::Waiting,   JobState::Queued, JobState::Running,
                                                JobState::RetryWaiting, JobState::Succeeded, JobState::Failed,
                                                JobState::TimedOut,  JobState::Cancelled, JobState::UpstreamFailed};

// How one attempt ended. Workers report this; the Scheduler decides the next JobState.
enum class Outcome {
    Succeeded,      // exit code 0
    Failed,         // exited with a non-zero code
    Signalled,      // killed by a signal it did not get from us
    FailedToStart,  // the program could not be started (missing, not executable, bad working dir)
    TimedOut,       // ran past timeout_seconds; its process group was killed
    Cancelled,      // a user cancelled it; its process group was killed
    Interrupted,    // its engine stopped (or died) while it ran
    SetupFailed,    // its worktree could not be made (e.g. its upstream jobs' changes conflict): not run, not retried
    RateLimited,    // an AI tool hit a rate or usage limit: waits for its reset, not counted as an attempt
    AuthFailed,     // an AI tool is not logged in (or its key is refused): fails at once, retrying cannot help
};

enum class Priority { Low = 0, Normal = 1, High = 2, Critical = 3 };

QString toString(JobState state);
std::optional<JobState> jobStateFromString(const QString &text);
bool isFinal(JobState state);

QString toString(Outcome outcome);
std::optional<Outcome> outcomeFromString(const QString &text);
// An attempt's status as stored (step_attempts.status) and shown: "running"
// while it runs (no outcome yet), else the name of its Outcome.
QString attemptStatusName(std::optional<Outcome> outcome);
std::optional<Outcome> attemptOutcomeFromStatus(const QString &status);

QString toString(Priority priority);
std::optional<Priority> priorityFromString(const QString &text);

} // namespace Orchestrator
