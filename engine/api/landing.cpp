// Engine::land, discardJobs, gc and tidyRepositories: the database's side of
// git/gitland.h. Git decides what reached a branch; this file chooses the
// jobs, orders them, and records what git did.

#include "engine.h"

#include <QDateTime>
#include <QDirIterator>
#include <QFileInfo>
#include <QHash>
#include <QSet>

#include "git/gitland.h"
#include "git/gitrepo.h"
#include "store/jobstore.h"

namespace Orchestrator {

namespace {

qint64 nowMs() { return QDateTime::currentMSecsSinceEpoch(); }

// A discard or gc counts until the job runs again (a retry makes a new worktree).
bool removedSinceLastRun(const JobRecord &job, const std::optional<qint64> &when)
{
    return when && (!job.finishedAt || *when >= *job.finishedAt);
}

bool isDiscarded(const JobRecord &job)
{
    return removedSinceLastRun(job, job.discardedAt) || removedSinceLastRun(job, job.cleanedAt);
}

// Why `job` cannot land; empty when it can (or has landed already).
QString whyNotLandable(const JobRecord &job)
{
    if (!job.inWorktree())
        return Engine::tr("it did not run in a worktree (isolation none): its changes are in %1 already").arg(job.repoRoot);
    if (job.state != JobState::Succeeded) {
        if (isFinal(job.state))
            return Engine::tr("it ended %1: the change of a job that did not succeed never lands").arg(toString(job.state));
        return Engine::tr("it is %1: only a succeeded job lands").arg(toString(job.state));
    }
    if (isDiscarded(job))
        return Engine::tr("it was discarded");
    if (job.resultCommit.isEmpty())
        return Engine::tr("it recorded no result commit");
    return {};
}

// Dependencies first, then submission order (Kahn's algorithm on `jobs`,
// which are in submission order; edges to jobs outside the list are ignored).
QList<JobRecord> dependencyOrder(const QList<JobRecord> &jobs, const QHash<QString, QStringList> &dependencies)
{
    QHash<QString, int> index;
    for (int i = 0; i < jobs.size(); ++i)
        index.insert(jobs.at(i).jobId, i);
    QList<int> pending(jobs.size(), 0);
    QList<QList<int>> dependents(jobs.size());
    for (int i = 0; i < jobs.size(); ++i) {
        for (const QString &dep : dependencies.value(jobs.at(i).jobId)) {
            const auto found = index.constFind(dep);
            if (found == index.cend())
                continue;
            ++pending[i];
            dependents[*found].append(i);
        }
    }
    QList<JobRecord> ordered;
    QList<bool> done(jobs.size(), false);
    while (ordered.size() < jobs.size()) {
        int next = -1;
        for (int i = 0; i < jobs.size() && next < 0; ++i) {
            if (!done.at(i) && pending.at(i) == 0)
                next = i;
        }
        if (next < 0) { // a cycle cannot be submitted; keep the rest in submission order
            for (int i = 0; i < jobs.size(); ++i) {
                if (!done.at(i))
                    ordered.append(jobs.at(i));
            }
            break;
        }
        done[next] = true;
        ordered.append(jobs.at(next));
        for (int d : std::as_const(dependents.at(next)))
            --pending[d];
    }
    return ordered;
}

qint64 treeSize(const QString &dir)
{
    qint64 bytes = 0;
    QDirIterator it(dir, QDir::Files | QDir::Hidden | QDir::System | QDir::NoSymLinks, QDirIterator::Subdirectories);
    while (it.hasNext()) {
        it.next();
        bytes += it.fileInfo().size();
    }
    return bytes;
}

// Records the jobs an interrupted land had landed (recoverLand found them)
// that the database does not know as landed; returns their ids.
Result<QStringList> recordRecovered(Engine &engine, JobStore &store, const LandRecovery &recovery)
{
    QStringList recorded;
    for (const LandedJob &landed : recovery.landed) {
        auto job = engine.job(landed.jobId);
        if (!job || job->isLanded())
            continue;
        if (Status marked = store.markLanded(*job, landed.newCommit, recovery.branch, nowMs()); !marked)
            return marked.error();
        recorded.append(landed.jobId);
    }
    return recorded;
}

} // namespace

Result<LandResult> Engine::land(const LandRequest &request)
{
    JobStore *s = store();
    if (!s)
        return notOpen();
    if (request.runId.isEmpty() == request.jobIds.isEmpty())
        return Error::make(ErrorCode::Usage, tr("name a run or some jobs to land, not both"));

    // The jobs asked for, and the worktree jobs they depend on that have not landed.
    QList<JobRecord> asked;
    if (!request.runId.isEmpty()) {
        auto jobs = s->worktreeJobs(request.runId);
        if (!jobs)
            return jobs.error();
        if (jobs->isEmpty()) {
            auto any = s->jobs(JobFilter{.runId = request.runId, .limit = 1, .withSpec = false});
            if (!any)
                return any.error();
            return Error::make(any->isEmpty() ? ErrorCode::NotFound : ErrorCode::Conflict,
                               any->isEmpty() ? tr("no run %1").arg(request.runId)
                                              : tr("no job of run %1 ran in a worktree: there is nothing to land").arg(request.runId));
        }
        asked = *jobs;
    } else {
        for (const QString &id : request.jobIds) {
            auto job = this->job(id);
            if (!job)
                return job.error();
            asked.append(*job);
        }
    }
    QHash<QString, QStringList> dependencies;
    QHash<QString, JobRecord> byId;
    QList<JobRecord> all;
    QList<JobRecord> walk = asked;
    while (!walk.isEmpty()) {
        JobRecord job = walk.takeFirst();
        if (byId.contains(job.jobId))
            continue;
        auto deps = s->dependencies(job.jobId);
        if (!deps)
            return deps.error();
        dependencies.insert(job.jobId, *deps);
        byId.insert(job.jobId, job);
        all.append(job);
        if (request.jobIds.isEmpty())
            continue; // a run: its own jobs only
        for (const QString &dep : std::as_const(*deps)) {
            if (byId.contains(dep))
                continue;
            auto upstream = this->job(dep);
            if (!upstream)
                return upstream.error();
            if (upstream->inWorktree() && !upstream->isLanded() && whyNotLandable(*upstream).isEmpty())
                walk.append(*upstream);
        }
    }
    std::sort(all.begin(), all.end(), [](const JobRecord &a, const JobRecord &b) { return a.seq < b.seq; });

    LandResult result;
    result.dryRun = request.dryRun;
    QList<JobRecord> candidates;
    QList<LandEntry> skipped;
    const QList<JobRecord> ordered = dependencyOrder(all, dependencies);
    // The entries in landing order, the jobs that cannot land last.
    auto finish = [&](QList<LandEntry> entries) {
        QHash<QString, LandEntry> byJob;
        for (const LandEntry &entry : std::as_const(entries))
            byJob.insert(entry.jobId, entry);
        QList<LandEntry> tail;
        for (const JobRecord &job : ordered) {
            const LandEntry entry = byJob.value(job.jobId);
            (entry.kind == LandEntry::Kind::NotLandable ? tail : result.entries).append(entry);
        }
        result.entries += tail;
    };
    for (const JobRecord &job : ordered) {
        LandEntry entry;
        entry.jobId = job.jobId;
        entry.change = job.change;
        if (job.isLanded()) {
            entry.kind = LandEntry::Kind::AlreadyLanded;
            entry.commit = job.landedCommit;
            entry.reason = tr("landed in %1 before").arg(job.landedBranch);
            skipped.append(entry);
        } else if (const QString why = whyNotLandable(job); !why.isEmpty()) {
            entry.kind = LandEntry::Kind::NotLandable;
            entry.reason = why;
            skipped.append(entry);
        } else if (job.change.isEmpty() && job.resultCommit == job.baseCommit) {
            entry.kind = LandEntry::Kind::NothingToLand;
            entry.reason = tr("it changed nothing");
            skipped.append(entry);
        } else {
            candidates.append(job);
        }
    }

    // One repository and one branch.
    QSet<QString> repos;
    QSet<QString> bases;
    for (const JobRecord &job : std::as_const(candidates)) {
        repos.insert(job.repoTop);
        bases.insert(job.baseBranch);
    }
    if (repos.size() > 1) {
        QStringList names = repos.values();
        names.sort();
        return Error::make(ErrorCode::Usage, tr("the jobs are in %1 repositories (%2): land each repository's jobs with --job-id")
                                                 .arg(names.size()).arg(names.join(QStringLiteral(", "))));
    }
    result.branch = request.intoBranch;
    if (result.branch.startsWith(QLatin1String("refs/heads/")))
        result.branch = result.branch.mid(11);
    if (result.branch.isEmpty() && !candidates.isEmpty()) {
        if (bases.size() > 1) {
            QStringList names = bases.values();
            names.sort();
            return Error::make(ErrorCode::Usage, tr("the jobs started from different branches (%1): name the branch to land on with --into")
                                                     .arg(names.join(QStringLiteral(", "))));
        }
        result.branch = *bases.cbegin();
        if (result.branch.isEmpty())
            return Error::make(ErrorCode::Usage, tr("the run started on a detached HEAD: name the branch to land on with --into"));
    }

    const QString repoTop = candidates.isEmpty() ? (all.isEmpty() ? QString() : all.first().repoTop) : candidates.first().repoTop;
    result.repository = repoTop;
    if (candidates.isEmpty()) {
        finish(skipped);
        return result;
    }
    auto repo = GitRepo::open(repoTop);
    if (!repo)
        return Error::make(ErrorCode::Io, repo.error().message);

    // A land a kill interrupted is finished first, and its jobs recorded.
    if (!request.dryRun) {
        auto recovered = recoverLand(*repo);
        if (!recovered)
            return recovered.error();
        auto recorded = recordRecovered(*this, *s, *recovered);
        if (!recorded)
            return recorded.error();
        result.recovered = *recorded;
        for (const LandedJob &landed : std::as_const(recovered->landed)) {
            if (!recorded->contains(landed.jobId))
                continue;
            for (JobRecord &candidate : candidates) {
                if (candidate.jobId != landed.jobId)
                    continue;
                candidate.landedCommit = landed.newCommit;
                LandEntry entry;
                entry.jobId = landed.jobId;
                entry.kind = LandEntry::Kind::AlreadyLanded;
                entry.commit = landed.newCommit;
                entry.change = candidate.change;
                entry.reason = tr("landed in %1 by a land that was interrupted").arg(recovered->branch);
                skipped.append(entry);
            }
        }
        candidates.erase(std::remove_if(candidates.begin(), candidates.end(), [](const JobRecord &j) { return j.isLanded(); }),
                         candidates.end());
    }

    QList<LandItem> items;
    for (const JobRecord &job : std::as_const(candidates)) {
        auto attempts = s->attempts(job.jobId);
        if (!attempts)
            return attempts.error();
        QString start = job.baseCommit;
        for (const AttemptRecord &a : std::as_const(*attempts)) {
            if (a.resultCommit == job.resultCommit && !a.startCommit.isEmpty())
                start = a.startCommit;
        }
        items.append(LandItem{job.jobId, start, job.resultCommit});
    }
    LandOptions options;
    options.intoBranch = result.branch;
    options.squash = request.squash;
    options.dryRun = request.dryRun;
    auto report = landJobs(*repo, items, options);
    if (!report)
        return report.error();
    result.tipBefore = report->branchTipBefore;
    result.tipAfter = report->branchTipAfter;
    result.checkoutPath = report->checkoutPath;
    result.checkoutUpdated = report->checkoutUpdated;

    QList<LandEntry> entries = skipped;
    QHash<QString, QString> landedCommits;
    for (const LandedJob &landed : std::as_const(report->landed))
        landedCommits.insert(landed.jobId, landed.newCommit);
    const qint64 ts = nowMs();
    bool stopped = false;
    if (!request.dryRun && (!report->landed.isEmpty() || !report->nothingToLand.isEmpty())) {
        if (Status begun = s->begin(); !begun)
            return begun.error();
    }
    Status recorded;
    for (const JobRecord &job : std::as_const(candidates)) {
        LandEntry entry;
        entry.jobId = job.jobId;
        entry.change = job.change;
        if (landedCommits.contains(job.jobId)) {
            entry.kind = LandEntry::Kind::Landed;
            entry.commit = landedCommits.value(job.jobId);
            if (!request.dryRun && recorded)
                recorded = s->markLanded(job, entry.commit, result.branch, ts);
        } else if (report->nothingToLand.contains(job.jobId)) {
            if (job.change.isEmpty()) {
                entry.kind = LandEntry::Kind::NothingToLand;
                entry.reason = tr("it changed nothing");
            } else {
                // Its change reached the branch another way (a land whose
                // record was lost to a kill, or a merge by hand).
                entry.kind = LandEntry::Kind::AlreadyLanded;
                entry.commit = result.tipAfter;
                entry.reason = tr("its change is in %1 already").arg(result.branch);
                if (!request.dryRun && recorded)
                    recorded = s->markLanded(job, result.tipAfter, result.branch, ts);
            }
        } else if (job.jobId == report->stoppedAt) {
            entry.kind = LandEntry::Kind::Conflict;
            entry.reason = report->stopReason;
            for (const GitConflict &conflict : std::as_const(report->conflicts))
                entry.conflictFiles.append(conflict.path);
            stopped = true;
        } else {
            entry.kind = LandEntry::Kind::NotReached;
            entry.reason = stopped ? tr("not tried: the land stopped at %1").arg(report->stoppedAt) : tr("not tried");
        }
        entries.append(entry);
    }
    if (!request.dryRun && (!report->landed.isEmpty() || !report->nothingToLand.isEmpty())) {
        if (!recorded) {
            s->rollback();
            return Error::make(recorded.error().code, tr("landed in %1, but the database could not record it (%2): "
                                                         "the next land records it").arg(result.branch, recorded.error().message));
        }
        if (Status committed = s->commit(); !committed)
            return committed.error();
        Q_EMIT jobsChanged(landedCommits.keys());
    }
    finish(entries);
    return result;
}

Result<BatchReport> Engine::discardJobs(const QStringList &jobIds)
{
    JobStore *s = store();
    if (!s)
        return notOpen();
    BatchReport report;
    for (const QString &id : jobIds) {
        auto job = this->job(id);
        auto problem = [&](ErrorCode code, const QString &message) {
            report.problems.append(message);
            report.problemCode = code;
        };
        if (!job) {
            if (isDatabaseError(job.error().code))
                return job.error();
            problem(job.error().code, job.error().message);
            continue;
        }
        if (!job->inWorktree()) {
            problem(ErrorCode::Conflict, tr("job %1 did not run in a worktree: there is nothing to discard").arg(id));
            continue;
        }
        if (!isFinal(job->state)) {
            problem(ErrorCode::Conflict, tr("job %1 is %2: cancel it first, then discard it").arg(id, toString(job->state)));
            continue;
        }
        if (isDiscarded(*job)) {
            problem(ErrorCode::Conflict, tr("job %1 is discarded already").arg(id));
            continue;
        }
        auto repo = GitRepo::open(job->repoTop);
        if (!repo) {
            problem(ErrorCode::Io, tr("job %1: %2").arg(id, repo.error().message));
            continue;
        }
        if (Status removed = discardJob(*repo, job->worktreePath, job->worktreeBranch); !removed) {
            problem(ErrorCode::Io, tr("job %1: %2").arg(id, removed.error().message));
            continue;
        }
        if (Status marked = s->markDiscarded(*job, nowMs()); !marked)
            return marked.error();
        ++report.acted;
        report.changed.append(id);
    }
    if (!report.changed.isEmpty())
        Q_EMIT jobsChanged(report.changed);
    return report;
}

Result<GcSummary> Engine::gc(int olderThanDays)
{
    JobStore *s = store();
    if (!s)
        return notOpen();
    auto jobs = s->worktreeJobs();
    if (!jobs)
        return jobs.error();
    const qint64 now = nowMs();
    const qint64 cutoff = now - qint64(qMax(0, olderThanDays)) * 24 * 3600 * 1000;
    QHash<QString, QList<JobRecord>> perRepo;
    for (const JobRecord &job : std::as_const(*jobs)) {
        if (!isFinal(job.state) || removedSinceLastRun(job, job.cleanedAt))
            continue;
        const bool old = job.finishedAt && *job.finishedAt < cutoff;
        if (job.isLanded() || isDiscarded(job) || old)
            perRepo[job.repoTop].append(job);
    }
    GcSummary summary;
    for (auto it = perRepo.cbegin(); it != perRepo.cend(); ++it) {
        auto repo = GitRepo::open(it.key());
        if (!repo) {
            summary.problems.append(tr("%1: %2").arg(it.key(), repo.error().message));
            continue;
        }
        QStringList cleaned;
        for (const JobRecord &job : it.value()) {
            const bool hadWorktree = QFileInfo(job.worktreePath).isDir();
            const qint64 bytes = hadWorktree ? treeSize(job.worktreePath) : 0;
            const bool hadBranch = bool(repo->resolveCommit(QStringLiteral("refs/heads/") + job.worktreeBranch));
            if (Status removed = discardJob(*repo, job.worktreePath, job.worktreeBranch); !removed) {
                summary.problems.append(tr("job %1: %2").arg(job.jobId, removed.error().message));
                continue;
            }
            summary.worktreesRemoved += hadWorktree ? 1 : 0;
            summary.branchesRemoved += hadBranch ? 1 : 0;
            summary.bytesFreed += bytes;
            cleaned.append(job.jobId);
        }
        auto refs = gcRefs(*repo, cleaned);
        if (!refs) {
            summary.problems.append(tr("%1: %2").arg(it.key(), refs.error().message));
            continue;
        }
        summary.refsRemoved += refs->refsRemoved;
        if (Status pruned = repo->prune(); !pruned)
            summary.problems.append(tr("%1: %2").arg(it.key(), pruned.error().message));
        for (const QString &id : std::as_const(cleaned)) {
            if (Status marked = s->markCleaned(id, now); !marked)
                return marked.error();
        }
        summary.jobs += cleaned;
    }
    return summary;
}

Result<QStringList> Engine::tidyRepositories()
{
    JobStore *s = store();
    if (!s)
        return notOpen();
    auto repos = s->worktreeRepositories();
    if (!repos)
        return repos.error();
    QStringList notes;
    for (const QString &top : std::as_const(*repos)) {
        if (!QFileInfo(top).isDir())
            continue; // a worker on another machine: not this host's repository
        auto repo = GitRepo::open(top);
        if (!repo)
            continue;
        if (Status pruned = repo->prune(); !pruned)
            notes.append(tr("%1: git worktree prune failed: %2").arg(top, pruned.error().message));
        if (auto locks = removeStaleIndexLocks(*repo); locks) {
            for (const QString &lock : std::as_const(*locks))
                notes.append(tr("removed %1, left by a git that was killed").arg(lock));
        }
        auto recovered = recoverLand(*repo);
        if (!recovered) {
            notes.append(tr("%1: %2").arg(top, recovered.error().message));
            continue;
        }
        if (!recovered->found)
            continue;
        notes.append(tr("%1: finished a land that was interrupted: %2 of its jobs had landed%3")
                         .arg(top)
                         .arg(recovered->landed.size())
                         .arg(recovered->checkoutRolledBack ? tr(", the checkout of %1 was put back").arg(recovered->branch) : QString()));
        if (auto recorded = recordRecovered(*this, *s, *recovered); !recorded)
            return recorded.error();
    }
    return notes;
}

} // namespace Orchestrator
