#pragma once

#include <QString>
#include <QStringList>

#include "core/jobrules.h"
#include "core/jobstate.h"
#include "core/result.h"

namespace Orchestrator {

class JobStore;
struct JobRecord;

// State rules shared by the Scheduler and by user commands (cancel, retry).
// Each call runs inside the caller's transaction and returns the ids of the
// jobs whose state it changed.
namespace Transitions {

// The jobs in `succeeded` succeeded (in this transaction): dependents whose
// every dependency has now succeeded become Queued. Returns them.
Result<QStringList> releaseDependents(JobStore &store, const QStringList &succeeded);

// `jobId` ended for good without success: everything downstream that still
// waits becomes UpstreamFailed, naming `jobId`.
Result<QStringList> failDownstream(JobStore &store, const QString &jobId);

// User cancel. Waiting/Queued/RetryWaiting jobs become Cancelled at once (and
// their downstream UpstreamFailed); a Running job gets a cancel request that
// its engine carries out. Final jobs are left alone (error Conflict).
Result<QStringList> cancel(JobStore &store, const QString &jobId);

// User retry of a job that ended without success (Failed, TimedOut, Cancelled,
// UpstreamFailed): it gets a fresh attempt budget and goes back to Queued (or
// Waiting if a dependency has not succeeded); its UpstreamFailed downstream
// goes back to Waiting. A RetryWaiting job is moved to Queued now ("retry now").
Result<QStringList> retry(JobStore &store, const QString &jobId, RetryScope scope = RetryScope::FailedOnly);

// "Escalate now": a job waiting to retry, or one that ended without success,
// runs its next attempt at once with the next tool of [tool, escalate_to...]
// after the one it would use. Conflict if there is no further tool.
Result<QStringList> escalateNow(JobStore &store, const QString &jobId);

// A job that is not final gets a new priority (a queued one moves in the
// queue accordingly). Conflict for final jobs.
Result<QStringList> setPriority(JobStore &store, const QString &jobId, Priority priority);

// The queue-wide pause flag, shared by every engine on the database.
Status setPaused(JobStore &store, bool paused);
Result<bool> isPaused(JobStore &store);

} // namespace Transitions

} // namespace Orchestrator
