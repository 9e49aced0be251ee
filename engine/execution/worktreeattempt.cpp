#include "worktreeattempt.h"

#include "git/gitrepo.h"

namespace Orchestrator::WorktreeAttempt {

namespace {

// "a.txt (changed by up1, up2); b.txt (changed by up1, up3)"
QString describeConflicts(const GitMerge &merge, const QStringList &jobs)
{
    QStringList parts;
    for (const GitConflict &conflict : merge.conflicts) {
        QStringList by;
        for (int input : conflict.inputs) {
            if (input >= 0 && input < jobs.size())
                by.append(jobs.at(input));
        }
        parts.append(QStringLiteral("%1 (changed by %2)").arg(conflict.path, by.join(QStringLiteral(", "))));
    }
    return parts.join(QStringLiteral("; "));
}

} // namespace

Result<QString> prepare(const WorktreePlan &plan)
{
    auto repo = GitRepo::open(plan.repoTop);
    if (!repo)
        return repo.error();
    QString start = plan.startCommit;
    if (start.isEmpty() && plan.upstreamCommits.isEmpty())
        start = plan.baseCommit;
    if (start.isEmpty() && plan.upstreamCommits.size() == 1)
        start = plan.upstreamCommits.first();
    if (start.isEmpty()) {
        auto merge = repo->mergeCommits(plan.upstreamCommits,
                                        QStringLiteral("orchestrator: merge of %1").arg(plan.upstreamJobs.join(QStringLiteral(", "))));
        if (!merge)
            return merge.error();
        if (merge->conflicted())
            return Error::make(ErrorCode::Validation,
                               QStringLiteral("the changes of upstream jobs %1 conflict: %2; not run (retry after landing or fixing one of them)")
                                   .arg(plan.upstreamJobs.join(QStringLiteral(", ")), describeConflicts(*merge, plan.upstreamJobs)));
        start = merge->commit;
    }
    if (Status s = repo->addWorktree(plan.path, plan.branch, start, GitRepo::Reuse::Yes); !s)
        return s.error();
    if (Status s = repo->resetWorktree(plan.path, start); !s)
        return s.error();
    return start;
}

Result<Captured> capture(const WorktreePlan &plan, const QString &startCommit, const QString &jobId, int attempt)
{
    auto repo = GitRepo::open(plan.repoTop);
    if (!repo)
        return repo.error();
    auto result = repo->commitAll(plan.path, plan.commitMessage);
    if (!result)
        return result.error();
    auto stat = repo->diffStat(startCommit, *result);
    if (!stat)
        return stat.error();
    if (*result != startCommit) {
        if (Status s = repo->keepRef(GitRepo::attemptRef(jobId, attempt), *result); !s)
            return s.error();
    }
    Captured captured;
    captured.resultCommit = *result;
    for (const GitFileChange &file : std::as_const(*stat))
        captured.change.files.append(ChangedFile{file.path, file.insertions, file.deletions, file.binary});
    captured.change.outOfScope = outOfScope(captured.change.files, plan.scope);
    return captured;
}

QStringList outOfScope(const QList<ChangedFile> &change, const QStringList &scope)
{
    QStringList out;
    if (scope.isEmpty())
        return out;
    for (const ChangedFile &file : change) {
        bool inside = false;
        for (const QString &allowed : scope) {
            const QString dir = allowed.endsWith(QLatin1Char('/')) ? allowed : allowed + QLatin1Char('/');
            if (file.path == allowed || file.path.startsWith(dir) || allowed == QLatin1String(".")) {
                inside = true;
                break;
            }
        }
        if (!inside)
            out.append(file.path);
    }
    return out;
}

} // namespace Orchestrator::WorktreeAttempt
