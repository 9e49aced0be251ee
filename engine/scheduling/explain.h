#pragma once

#include <QString>

#include "core/result.h"

namespace Orchestrator {

class JobStore;
struct JobRecord;

// Why `job` is in its state, in words a user acts on: "waiting on ws-02-001",
// "retry at 14:03:10 with codex", "repo locked by ws-05-001", "queue paused",
// "queued: 3 jobs ahead". Read only.
Result<QString> explainJob(JobStore &store, const JobRecord &job);

} // namespace Orchestrator
