#pragma once

#include <QString>

#include "core/jobstate.h"

namespace Orchestrator {

struct JobRecord;

// What a user command can do to a job, decided from the job alone: the
// engine's commands (core of scheduling/transitions) and the dashboard's
// menus ask the same functions, so a button is enabled exactly when the
// command would act.

enum class RetryScope {
    FailedOnly,         // jobs that wait to retry or ended without success
    AllowSucceeded,     // also succeeded ones (run-job of an unchanged file)
};

// Whether a retry acts on a job in `state` (its dependencies aside): one that
// waits to retry, or one that ended without success (or, AllowSucceeded, with it).
bool canRetry(JobState state, RetryScope scope = RetryScope::FailedOnly);

// The tool "escalate now" would run `job`'s next attempt with: the one after
// its last attempt's tool in [tool, escalate_to...]; empty when there is none.
// Escalation acts when this is not empty and canRetry(job.state).
QString escalationTool(const JobRecord &job);

} // namespace Orchestrator
