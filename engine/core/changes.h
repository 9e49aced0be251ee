#pragma once

#include <optional>

#include <QList>
#include <QString>
#include <QStringList>

namespace Orchestrator {

// Where a job's attempts run. worktree: in an orchestrator-owned git worktree
// of the repository on a branch of its own, so several jobs may edit one
// repository at once and the user's checkout is never touched; none: in
// repo_root itself (tools that edit the repository then take the repo lock).
enum class Isolation { None, Worktree };

QString toString(Isolation isolation);
std::optional<Isolation> isolationFromString(const QString &text);

// One file an attempt changed, from its start commit to its result commit.
struct ChangedFile
{
    QString path;            // relative to the repository's top
    int insertions = 0;      // 0 for a binary file
    int deletions = 0;
    bool binary = false;

    friend bool operator==(const ChangedFile &, const ChangedFile &) = default;
};

// What one attempt changed: files with counts, and those of them outside the
// job's `files` (a warning: the agent strayed from its scope).
struct ChangeSummary
{
    QList<ChangedFile> files;
    QStringList outOfScope;

    bool isEmpty() const { return files.isEmpty(); }
    int insertions() const;
    int deletions() const;
    // "+12 −3 in 2 files"; "no changes" when nothing changed.
    QString text() const;
    // [{"path", "insertions", "deletions", "binary"}], as stored and printed by --json.
    QByteArray filesJson() const;
    static QList<ChangedFile> filesFromJson(const QByteArray &json);
};

} // namespace Orchestrator
