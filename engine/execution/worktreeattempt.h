#pragma once

#include <QString>

#include "core/changes.h"
#include "core/result.h"
#include "execution/attempt.h"

namespace Orchestrator::WorktreeAttempt {

// Makes the attempt's worktree and returns the commit it starts from: the
// plan's start commit, else the merge of the upstream results (in their
// order), else the base. The worktree is then exactly that commit (whatever
// an earlier attempt left is gone). A conflict between upstream results is
// an error naming the files and the jobs that changed them. Runs git: call it
// on a worker thread.
Result<QString> prepare(const WorktreePlan &plan);

struct Captured
{
    QString resultCommit;
    ChangeSummary change;
};

// Commits what the tool left in the worktree (the plan's message) and reads
// what changed since `startCommit`; the result is also kept under
// refs/orchestrator/attempts/<job>/<attempt>, so a later attempt, which
// starts clean, does not lose it.
Result<Captured> capture(const WorktreePlan &plan, const QString &startCommit, const QString &jobId, int attempt);

// The files of `change` outside `scope` (a path is inside when it is a file
// of the scope or under a directory of it). No scope: none.
QStringList outOfScope(const QList<ChangedFile> &change, const QStringList &scope);

} // namespace Orchestrator::WorktreeAttempt
