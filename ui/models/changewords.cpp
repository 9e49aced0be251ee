#include "models/changewords.h"

namespace Orchestrator::Ui {

QString ChangeWords::summaryFormat(int files)
{
    // Two messages rather than a %n plural: without an English translation
    // Qt would show "file(s)". German plurals have the same two forms.
    return files == 1 ? tr("+%1 −%2 in 1 file") : tr("+%1 −%2 in %3 files");
}

QString ChangeWords::fill(const QString &format, const QString &insertions, const QString &deletions, int files)
{
    return files == 1 ? format.arg(insertions, deletions) : format.arg(insertions, deletions, QString::number(files));
}

QString ChangeWords::summary(int insertions, int deletions, int files)
{
    return fill(summaryFormat(files), QString::number(insertions), QString::number(deletions), files);
}

QString ChangeWords::summary(const ChangeSummary &change)
{
    if (change.isEmpty())
        return tr("no changes");
    return summary(change.insertions(), change.deletions(), int(change.files.size()));
}

QString ChangeWords::landed(const QString &summary)
{
    //: A job's change that is in the target branch now, then its size: "landed · +12 −3 in 2 files"
    return tr("landed · %1").arg(summary);
}

QString ChangeWords::jobChange(const JobRecord &job)
{
    if (!job.inWorktree())
        return {};
    if (job.isLanded())
        return job.change.isEmpty() ? tr("landed") : landed(summary(job.change));
    if (job.discardedAt)
        return tr("discarded");
    if (job.cleanedAt)
        return tr("cleaned up");
    if (job.resultCommit.isEmpty())
        return {};
    return summary(job.change);
}

QString ChangeWords::outOfScopeWarning(const QStringList &files)
{
    if (files.isEmpty())
        return {};
    return tr("Changed outside the job's files:\n%1").arg(files.join(QLatin1Char('\n')));
}

} // namespace Orchestrator::Ui
