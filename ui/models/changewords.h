#pragma once

#include <QCoreApplication>
#include <QString>
#include <QStringList>

#include "core/records.h"

namespace Orchestrator::Ui {

// The words of a worktree job's change, the same wherever one is shown: the
// Changes tab's header, the jobs table's Changes column, the Land dialog.
class ChangeWords final
{
    Q_DECLARE_TR_FUNCTIONS(Orchestrator::Ui::ChangeWords)

public:
    // "+%1 −%2 in 1 file" or "+%1 −%2 in %3 files": insertions, deletions, files.
    static QString summaryFormat(int files);
    // That format filled with one arg() call, so a value containing "%1" stays as it is.
    static QString fill(const QString &format, const QString &insertions, const QString &deletions, int files);
    // "+12 −3 in 2 files".
    static QString summary(int insertions, int deletions, int files);
    // The same for a change as the engine records it; "no changes" when empty.
    static QString summary(const Orchestrator::ChangeSummary &change);
    // "landed · +12 −3 in 2 files": a change that is in the target branch now.
    static QString landed(const QString &summary);
    // What the jobs table says about a job's change: its summary, "landed ·
    // +12 −3", "discarded"; empty for a job that does not run in a worktree
    // or whose attempts recorded no change yet.
    static QString jobChange(const Orchestrator::JobRecord &job);
    // The warning for files changed outside the job's own; empty without any.
    static QString outOfScopeWarning(const QStringList &files);
    // The first characters of a commit, as git abbreviates it.
    static QString shortCommit(const QString &commit) { return commit.left(7); }
};

} // namespace Orchestrator::Ui
