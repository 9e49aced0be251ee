#pragma once

#include <chrono>
#include <functional>

#include <QList>
#include <QString>
#include <QStringList>

#include "core/result.h"
#include "git/gittypes.h"

namespace Orchestrator {

class GitRepo;

// Landing: the results of finished jobs merged into a user branch, one job
// after another, as git objects and atomic ref updates. Pure git -- who is
// "landed" in the database is the caller's business (see LandReport and
// LandRecovery, which say which jobs' changes reached the branch).
//
// How a land stays whole when it is interrupted: every commit the land will
// make is computed first (merge-tree and commit-tree write only objects, which
// nothing refers to yet); then a journal naming the plan is written to the
// repository's git directory; then each job moves the branch with one
// `update-ref refs/heads/B NEW OLD` -- with the old value, so a branch moved
// by someone else meanwhile stops the land instead of being overwritten. A
// kill at any moment leaves the branch at the tip before the land or at one
// of the planned commits, i.e. after a whole job. When the branch is checked
// out, its checkout is moved first (`read-tree -m -u OLD NEW`) and the ref
// second; recoverLand() puts a checkout that was moved without its ref back.

struct LandItem
{
    QString jobId;
    QString baseCommit;     // what the job started from
    QString resultCommit;   // what the job left (its branch's commit)
};

// Where a land is, for a caller that shows progress (and for the tests, which
// stop a land here to kill it).
enum class LandStep {
    CheckoutMoved,   // the checkout holds the job's commit; the branch ref does not yet
    RefMoved,        // the branch holds the job's commit: the job has landed
};

struct LandOptions
{
    QString intoBranch;     // short name ("main"); "refs/heads/main" is accepted too
    bool squash = false;    // one single-parent commit per job instead of a merge (or fast-forward)
    bool dryRun = false;    // compute and predict; move no ref, touch no checkout, write no journal
    QString messagePrefix;  // put before each commit's subject, e.g. "[run 7] "
    GitIdentity fallback = GitIdentity::fallback(); // when the user has configured no identity
    // Called on the calling thread while the land holds its lock: it may not land or recover.
    std::function<void(LandStep, const QString &jobId)> progress;
};

struct LandedJob
{
    QString jobId;
    QString newCommit;      // the branch's commit right after this job landed
};

struct LandReport
{
    QList<LandedJob> landed;        // in order; on a dry run: what would land
    QStringList nothingToLand;      // result equal to the base or already in the branch
    QString stoppedAt;              // the job that did not land (conflict or failure); empty when all did
    QString stopReason;             // why, for people ("conflict in a.txt", "main moved meanwhile")
    QList<GitConflict> conflicts;   // of stoppedAt; `inputs` holds its index in the items
    QStringList conflictMessages;   // git's "CONFLICT (...)" lines
    QString branchTipBefore;
    QString branchTipAfter;         // == branchTipBefore on a dry run
    QString checkoutPath;           // the checkout of the branch, when it is checked out
    bool checkoutUpdated = false;   // that checkout's files and index were moved with the branch

    bool complete() const { return stoppedAt.isEmpty(); }
};

// Lands `items` (already in dependency order) into options.intoBranch, each
// on the branch's current tip: a fast-forward when the tip is an ancestor of
// the result (unless squash), else a merge of tip and result with two parents
// (squash: one parent). A job stops the land at its first conflict; the
// branch then stays where the job before left it. An error, with nothing
// changed, when the branch does not exist, a commit is unknown, another land
// is running, or the branch's checkout has uncommitted changes to tracked
// files (named) or untracked files where the land would write (named).
// A journal left by an interrupted land is recovered first (recoverLand).
Result<LandReport> landJobs(const GitRepo &repo, const QList<LandItem> &items, const LandOptions &options);

struct LandRecovery
{
    bool found = false;             // there was an interrupted land
    QString branch;
    QList<LandedJob> landed;        // the jobs of it that did land (the branch has them)
    QStringList notLanded;          // the planned jobs that did not
    bool checkoutRolledBack = false; // a checkout moved ahead of its ref was put back
    QStringList notes;              // what was found that recovery left alone
};

// Finishes what an interrupted land left: its journal is read and removed,
// the jobs that landed before the interruption are named, and a checkout
// whose files were moved for a job whose ref update did not happen is moved
// back to the branch (the job is not landed). An error, and the journal kept,
// while the land that wrote it still runs or git still holds the checkout's
// index.lock. Nothing to do when no land was interrupted.
Result<LandRecovery> recoverLand(const GitRepo &repo);

// The file recoverLand() reads ("<git common dir>/orchestrator-land.json").
Result<QString> landJournalPath(const GitRepo &repo);

// Removes index.lock files a killed git left in orchestrator worktrees (on
// branches under "orchestrator/"): only those no running process holds open
// (looked up in /proc) and last written at least `minAge` ago, since git
// closes a lock just before renaming it. The user's checkout and any other
// worktree are never looked at. Returns the removed files.
Result<QStringList> removeStaleIndexLocks(const GitRepo &repo, std::chrono::seconds minAge = std::chrono::seconds(10));

// A job given up: its worktree and its branch removed. Its attempt refs
// (refs/orchestrator/attempts/<job>/*) stay for inspection until gcRefs().
Status discardJob(const GitRepo &repo, const QString &worktreeDir, const QString &branch);

struct GcReport
{
    int refsRemoved = 0;
    QStringList removedRefs;
    // Bytes are not known cheaply: the objects stay until git's own gc
    // prunes them, so only refs are counted.
};

// Removes refs/orchestrator/attempts/<job>/* of each job, in one transaction.
Result<GcReport> gcRefs(const GitRepo &repo, const QStringList &jobIds);

} // namespace Orchestrator
