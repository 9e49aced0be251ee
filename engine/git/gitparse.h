#pragma once

#include <QByteArray>
#include <QList>
#include <QString>
#include <QStringList>

#include "git/gittypes.h"

// Readers of git's machine formats (all with -z, so any byte but NUL may be
// in a path). Pure functions: tested on their own with recorded output.
namespace Orchestrator::GitParse {

// `status --porcelain=v1 -z`: the paths with changes (the new path of a rename).
QStringList statusPaths(const QByteArray &output);

// `diff --numstat -z`: one change per file; "-\t-" is a binary file, an
// empty path field is followed by the old and the new path of a rename.
QList<GitFileChange> numstat(const QByteArray &output);

// `worktree list --porcelain -z`.
QList<GitWorktree> worktrees(const QByteArray &output);

// `merge-tree --write-tree -z --name-only`: the tree, then on conflict the
// conflicted paths and the messages (count, paths, type, text).
struct MergeTreeOutput
{
    QString tree;
    QStringList conflictedPaths;
    QStringList conflictMessages;
};
MergeTreeOutput mergeTree(const QByteArray &output);

// Splits NUL-terminated fields; a last field without its NUL is kept.
QList<QByteArray> nulFields(const QByteArray &output);

} // namespace Orchestrator::GitParse
