#pragma once

#include <QByteArray>
#include <QList>
#include <QString>
#include <QStringList>

#include "core/result.h"
#include "git/gitprocess.h"
#include "git/gittypes.h"

namespace Orchestrator {

// One user repository, seen through the git program. Everything the
// orchestrator changes happens in its own worktrees (branches under
// "orchestrator/", refs under "refs/orchestrator/"): no call here changes the
// user's checkout -- its HEAD, branch, index, working files or stash -- nor
// any branch outside "orchestrator/". Each call runs git and waits for it, so
// call them off the GUI thread. A GitRepo is a value: copies share nothing.
class GitRepo final
{
public:
    enum class Reuse { No, Yes };
    enum class DeleteBranch { No, Yes };

    // The work tree that contains `path` (its top), after checking that git
    // is installed and new enough. An error when `path` is not in a git work
    // tree (a bare repository, a .git directory, no repository).
    static Result<GitRepo> open(const QString &path, const GitSettings &settings = {});

    QString top() const { return m_top; }
    const GitSettings &settings() const { return m_settings; }

    // HEAD's commit and branch, and what is uncommitted (not part of the base).
    Result<GitBase> base() const;
    // "uncommitted changes in /repo: a.txt, b.txt: not part of the base"; empty when clean.
    QString dirtyWarning(const GitBase &base) const;

    // A new worktree at `dir` on a new branch `branch` (which must be under
    // "orchestrator/") starting at `fromCommit`. Refused when the branch or
    // the directory exists, unless `reuse`: then an existing worktree of that
    // branch at `dir` is kept as it is, and an existing branch is checked out
    // at `dir` (an empty or missing directory). `dir` may not be inside the
    // user's work tree.
    Status addWorktree(const QString &dir, const QString &branch, const QString &fromCommit, Reuse reuse = Reuse::No) const;

    // Merges `commits` in order (each into the merge of those before it) with
    // merge-tree and commit-tree: no work tree or index is touched and no ref
    // is written. A commit already contained in the merge so far is skipped;
    // one that contains it is taken as it is. On conflict, the result names
    // the files and the inputs that changed them, and no merge commit is made.
    Result<GitMerge> mergeCommits(const QStringList &commits, const QString &message,
                                  const GitIdentity &fallback = GitIdentity::fallback()) const;

    // Commits everything left uncommitted in the orchestrator worktree `dir`
    // (`add -A`, ignored files stay out) and returns the worktree's HEAD
    // commit afterwards -- unchanged when there was nothing to commit. By the
    // user's git identity when one is configured, else by `fallback`; the
    // user's hooks and signing are not used for these commits.
    Result<QString> commitAll(const QString &dir, const QString &message,
                              const GitIdentity &fallback = GitIdentity::fallback()) const;

    // Files changed from `base` to `result` with their counts (renames found, binary files marked).
    Result<QList<GitFileChange>> diffStat(const QString &base, const QString &result) const;
    // The unified diff from `base` to `result` ("a/" and "b/" prefixes, no colour, whatever the user's config).
    Result<QByteArray> diff(const QString &base, const QString &result) const;

    // Points `ref` (under "refs/orchestrator/") at `commit`, e.g. attemptRef(job, n).
    Status keepRef(const QString &ref, const QString &commit) const;

    // Makes the orchestrator worktree `dir` exactly `commit`: reset --hard and
    // clean -ffdx (ignored files too), so the next attempt starts clean.
    Status resetWorktree(const QString &dir, const QString &commit) const;

    // Removes the orchestrator worktree at `dir` (whatever is in it) and, if
    // asked, its branch. Nothing to do for a worktree already gone; a
    // directory that is not a worktree of this repository is never removed.
    Status removeWorktree(const QString &dir, const QString &branch, DeleteBranch deleteBranch) const;
    // Forgets worktrees whose directories are gone (after a crash or a manual rm).
    Status prune() const;

    Result<QList<GitWorktree>> worktrees() const;
    // The full commit id `revision` names, or an error naming it.
    Result<QString> resolveCommit(const QString &revision) const;
    // The absolute .git directory of the user's checkout (its HEAD, index, stash).
    Result<QString> gitDir() const;
    // The absolute git directory shared by all worktrees (".git" of the main checkout).
    Result<QString> commonDir() const;

    static QString branchPrefix() { return QStringLiteral("orchestrator/"); }
    static QString refPrefix() { return QStringLiteral("refs/orchestrator/"); }
    // "orchestrator/<run>/<job>"
    static QString jobBranch(const QString &runId, const QString &jobId);
    // "refs/orchestrator/attempts/<job>/<n>"
    static QString attemptRef(const QString &jobId, int attempt);

private:
    GitRepo(QString top, GitSettings settings);

    Result<GitOutput> git(const QStringList &args, const QList<int> &acceptedCodes = {0}, const QByteArray &input = {},
                          const QString &workDir = {}, const QProcessEnvironment &extra = {}) const;
    Result<bool> isAncestor(const QString &ancestor, const QString &descendant) const;
    Result<bool> branchExists(const QString &branch) const;
    Result<QProcessEnvironment> identityEnvironment(const GitIdentity &fallback) const;
    Result<GitWorktree> linkedWorktree(const QString &dir) const;
    Result<QList<GitConflict>> conflictInputs(const QStringList &paths, const QString &merged, const QStringList &inputs,
                                              const QList<int> &used, int failed) const;
    Status checkBranchName(const QString &branch) const;

    QString m_top;
    GitSettings m_settings;
};

} // namespace Orchestrator
