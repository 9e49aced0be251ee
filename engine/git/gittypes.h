#pragma once

#include <QList>
#include <QString>
#include <QStringList>

namespace Orchestrator {

// What a run starts from: the commit of HEAD in the user's checkout and its
// branch. Uncommitted changes are reported, never copied into the base.
struct GitBase
{
    QString commit;          // full object id of HEAD
    QString branch;          // short name ("main"); empty when HEAD is detached
    QStringList dirtyPaths;  // modified, staged, deleted or untracked, relative to the top

    bool detached() const { return branch.isEmpty(); }
    bool dirty() const { return !dirtyPaths.isEmpty(); }
};

// Who orchestrator-made commits are by when the user has configured nobody.
struct GitIdentity
{
    QString name;
    QString email;

    static GitIdentity fallback() { return {QStringLiteral("Orchestrator"), QStringLiteral("orchestrator@localhost")}; }
};

// One file of a diff between two commits (from `git diff --numstat`).
struct GitFileChange
{
    QString path;            // the path in the result
    QString oldPath;         // the path in the base when the file was renamed or copied, else empty
    int insertions = 0;      // 0 for a binary file
    int deletions = 0;
    bool binary = false;

    bool renamed() const { return !oldPath.isEmpty(); }
    friend bool operator==(const GitFileChange &, const GitFileChange &) = default;
};

// A file that could not be merged, and which of the inputs (indexes into the
// list given to mergeCommits) changed it: the input whose merge failed is
// always among them.
struct GitConflict
{
    QString path;
    QList<int> inputs;
};

// The outcome of merging several commits. Either `commit` is set (the merged
// result) or `conflicts` is not empty and nothing was written but objects.
struct GitMerge
{
    QString commit;
    QString tree;
    QList<GitConflict> conflicts;
    QStringList messages;    // git's "CONFLICT (...): ..." lines
    int failedInput = -1;    // the input whose merge into the ones before it conflicted

    bool conflicted() const { return !conflicts.isEmpty(); }
};

// One entry of `git worktree list`.
struct GitWorktree
{
    QString path;
    QString head;
    QString branch;          // full ref ("refs/heads/x"); empty when detached or bare
    bool bare = false;
    bool prunable = false;   // its directory is gone
};

} // namespace Orchestrator
