#include "jobtablemodel.h"

#include <QColor>
#include <QDateTime>
#include <QApplication>
#include <QIcon>
#include <QStyle>

#include "api/messagetext.h"
#include "models/changewords.h"
#include "models/stateicons.h"
#include "models/usagewords.h"

namespace Orchestrator::Ui {

namespace {

// Jobs that wait for their turn keep the view's text colour: the table
// colours only states that ask for a look.
bool colouredInTable(JobState state)
{
    return state != JobState::Waiting && state != JobState::Queued;
}

QString stateText(JobState state)
{
    switch (state) {
    case JobState::Waiting: return JobTableModel::tr("Waiting");
    case JobState::Queued: return JobTableModel::tr("Queued");
    case JobState::Running: return JobTableModel::tr("Running");
    case JobState::RetryWaiting: return JobTableModel::tr("Waiting to retry");
    case JobState::Succeeded: return JobTableModel::tr("Succeeded");
    case JobState::Failed: return JobTableModel::tr("Failed");
    case JobState::TimedOut: return JobTableModel::tr("Timed out");
    case JobState::Cancelled: return JobTableModel::tr("Cancelled");
    case JobState::UpstreamFailed: return JobTableModel::tr("Upstream failed");
    }
    return {};
}

QString priorityText(Priority priority)
{
    switch (priority) {
    case Priority::Low: return JobTableModel::tr("Low");
    case Priority::Normal: return JobTableModel::tr("Normal");
    case Priority::High: return JobTableModel::tr("High");
    case Priority::Critical: return JobTableModel::tr("Critical");
    }
    return {};
}

std::optional<qint64> durationMs(const JobRecord &job)
{
    if (!job.startedAt)
        return std::nullopt;
    const qint64 end = job.state == JobState::Running ? QDateTime::currentMSecsSinceEpoch() : job.finishedAt.value_or(*job.startedAt);
    return qMax<qint64>(0, end - *job.startedAt);
}

QString durationText(qint64 ms)
{
    const qint64 s = ms / 1000;
    if (s < 60)
        return JobTableModel::tr("%1 s").arg(QLocale().toString(double(ms) / 1000.0, 'f', 1));
    if (s < 3600)
        return JobTableModel::tr("%1 min %2 s").arg(s / 60).arg(s % 60);
    return JobTableModel::tr("%1 h %2 min").arg(s / 3600).arg((s % 3600) / 60);
}

} // namespace

QString JobTableModel::stateName(JobState state) { return stateText(state); }

const QList<JobState> &JobTableModel::states()
{
    static const QList<JobState> all{JobState::Waiting,   JobState::Queued, JobState::Running,
                                     JobState::RetryWaiting, JobState::Succeeded, JobState::Failed,
                                     JobState::TimedOut,  JobState::Cancelled, JobState::UpstreamFailed};
    return all;
}
QString JobTableModel::priorityName(Priority priority) { return priorityText(priority); }

JobTableModel::JobTableModel(QObject *parent)
    : QAbstractTableModel(parent)
{
}

int JobTableModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_jobs.size());
}

int JobTableModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant JobTableModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case IdColumn: return tr("Job");
    case WorkstreamColumn: return tr("Workstream");
    case ToolColumn: return tr("Tool");
    case StateColumn: return tr("State");
    case PriorityColumn: return tr("Priority");
    case AttemptColumn: return tr("Attempt");
    case StartedColumn: return tr("Started");
    case DurationColumn: return tr("Duration");
    case ExitCodeColumn: return tr("Exit code");
    case TokensColumn: return tr("Tokens");
    case CostColumn: return tr("Cost");
    case ChangesColumn: return tr("Changes");
    default: return {};
    }
}

QVariant JobTableModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const JobRecord &job = m_jobs.at(index.row());
    switch (role) {
    case Qt::DisplayRole:
        return displayData(job, index.column());
    case SortRole:
        return sortData(job, index.column());
    case JobIdRole:
        return job.jobId;
    case RunIdRole:
        return job.runId;
    case StateRole:
        return int(job.state);
    case Qt::DecorationRole:
        if (index.column() == StateColumn)
            return stateIcon(job.state);
        // Files changed outside the job's own: a warning to look at before landing.
        if (index.column() == ChangesColumn && !job.change.outOfScope.isEmpty()) {
            if (m_warningIcon.isNull() && qobject_cast<QApplication *>(qApp))
                m_warningIcon = QApplication::style()->standardIcon(QStyle::SP_MessageBoxWarning);
            return m_warningIcon;
        }
        return {};
    case Qt::ForegroundRole:
        if (index.column() == StateColumn) {
            return colouredInTable(job.state) ? QVariant(stateColor(job.state)) : QVariant();
        }
        return {};
    case Qt::TextAlignmentRole:
        if (index.column() == AttemptColumn || index.column() == DurationColumn || index.column() == ExitCodeColumn
            || index.column() == TokensColumn || index.column() == CostColumn)
            return QVariant(Qt::AlignRight | Qt::AlignVCenter);
        return {};
    case Qt::ToolTipRole:
        if (index.column() == ChangesColumn)
            return changesToolTip(job);
        if (index.column() == TokensColumn || index.column() == CostColumn)
            return usageToolTip(job, index.column());
        return job.reason.isEmpty() ? QVariant() : QVariant(MessageText::translated(job.reason));
    default:
        return {};
    }
}

QVariant JobTableModel::displayData(const JobRecord &job, int column) const
{
    switch (column) {
    case IdColumn: return job.jobId;
    case WorkstreamColumn: return job.workstreamId;
    // The tool of the current or next attempt: after an escalation, the escalation tool.
    case ToolColumn: return job.attemptTool();
    case StateColumn: return stateText(job.state);
    case PriorityColumn: return priorityText(job.priority);
    case AttemptColumn:
        return job.attempts == 0 ? QString() : tr("%1/%2").arg(job.attempts).arg(job.maxAttempts());
    case StartedColumn:
        return job.startedAt ? QDateTime::fromMSecsSinceEpoch(*job.startedAt).toString(QStringLiteral("HH:mm:ss")) : QString();
    case DurationColumn: {
        const auto ms = durationMs(job);
        return ms ? durationText(*ms) : QString();
    }
    case ExitCodeColumn:
        return job.lastExitCode ? QString::number(*job.lastExitCode) : QString();
    case TokensColumn:
        return UsageWords::tokens(job.usage);
    case CostColumn:
        return UsageWords::cost(job.usage);
    case ChangesColumn:
        return ChangeWords::jobChange(job);
    default:
        return {};
    }
}

QVariant JobTableModel::usageToolTip(const JobRecord &job, int column)
{
    if (job.usage.isEmpty())
        return {};
    // A "?" says why; tokens say them in full.
    if (column == CostColumn && !job.usage.costUsd)
        return UsageWords::unknownCost();
    return UsageWords::details(job.usage);
}

QVariant JobTableModel::changesToolTip(const JobRecord &job)
{
    if (!job.inWorktree())
        return {};
    QStringList lines;
    if (job.isLanded())
        lines.append(tr("Landed on %1 as %2").arg(job.landedBranch, ChangeWords::shortCommit(job.landedCommit)));
    else if (!job.worktreeBranch.isEmpty())
        lines.append(tr("Branch %1").arg(job.worktreeBranch));
    if (!job.resultCommit.isEmpty() && !job.change.isEmpty())
        lines.append(ChangeWords::summary(job.change));
    if (const QString warning = ChangeWords::outOfScopeWarning(job.change.outOfScope); !warning.isEmpty())
        lines.append(warning);
    return lines.isEmpty() ? QVariant() : QVariant(lines.join(QLatin1Char('\n')));
}

QVariant JobTableModel::sortData(const JobRecord &job, int column) const
{
    switch (column) {
    case StateColumn: return int(job.state);
    case PriorityColumn: return int(job.priority);
    case AttemptColumn: return job.attempts;
    case StartedColumn: return job.startedAt.value_or(0);
    case DurationColumn: return durationMs(job).value_or(-1);
    case ExitCodeColumn: return job.lastExitCode ? QVariant(*job.lastExitCode) : QVariant(-1);
    case TokensColumn: return job.usage.inputTokens + job.usage.outputTokens;
    // Jobs without usage first, then those of unknown cost, then by cost.
    case CostColumn: return job.usage.costUsd ? *job.usage.costUsd : job.usage.isEmpty() ? -2.0 : -1.0;
    // By size: lines added and removed; jobs without a change first.
    case ChangesColumn:
        if (!job.inWorktree() || job.resultCommit.isEmpty())
            return -1;
        return qint64(job.change.insertions()) + job.change.deletions();
    default: return displayData(job, column);
    }
}

void JobTableModel::applyJobs(const QList<JobRecord> &jobs)
{
    QList<int> changedRows;
    QList<JobRecord> added;
    QHash<QString, int> addedAt;
    for (const JobRecord &incoming : jobs) {
        JobRecord job = incoming;
        job.spec.clear();          // the table never shows the spec; keep rows small
        const auto row = m_rowOf.constFind(job.jobId);
        if (row != m_rowOf.cend()) {
            --m_stateCounts[int(m_jobs.at(*row).state)];
            ++m_stateCounts[int(job.state)];
            m_worktreeJobs += int(job.inWorktree()) - int(m_jobs.at(*row).inWorktree());
            m_usageJobs += int(!job.usage.isEmpty()) - int(!m_jobs.at(*row).usage.isEmpty());
            m_jobs[*row] = std::move(job);
            changedRows.append(*row);
        } else if (const auto pending = addedAt.constFind(job.jobId); pending != addedAt.cend()) {
            added[*pending] = std::move(job);
        } else {
            addedAt.insert(job.jobId, int(added.size()));
            added.append(std::move(job));
        }
    }
    if (!added.isEmpty()) {
        const int first = int(m_jobs.size());
        beginInsertRows({}, first, first + int(added.size()) - 1);
        for (JobRecord &job : added) {
            ++m_stateCounts[int(job.state)];
            m_worktreeJobs += int(job.inWorktree());
            m_usageJobs += int(!job.usage.isEmpty());
            m_rowOf.insert(job.jobId, int(m_jobs.size()));
            m_jobs.append(std::move(job));
        }
        endInsertRows();
    }
    emitRowRanges(changedRows, 0, ColumnCount - 1);
}

void JobTableModel::refreshDurations()
{
    QList<int> running;
    for (int row = 0; row < m_jobs.size(); ++row) {
        if (m_jobs.at(row).state == JobState::Running)
            running.append(row);
    }
    emitRowRanges(running, DurationColumn, DurationColumn);
}

void JobTableModel::emitRowRanges(QList<int> rows, int firstColumn, int lastColumn)
{
    if (rows.isEmpty())
        return;
    // Most rows changed: one signal for the whole table is cheaper for views.
    if (rows.size() * 2 > m_jobs.size()) {
        Q_EMIT dataChanged(index(0, firstColumn), index(rowCount() - 1, lastColumn));
        return;
    }
    std::sort(rows.begin(), rows.end());
    rows.erase(std::unique(rows.begin(), rows.end()), rows.end());
    int start = rows.first();
    int previous = start;
    for (int i = 1; i <= rows.size(); ++i) {
        if (i < rows.size() && rows.at(i) == previous + 1) {
            previous = rows.at(i);
            continue;
        }
        Q_EMIT dataChanged(index(start, firstColumn), index(previous, lastColumn));
        if (i < rows.size())
            start = previous = rows.at(i);
    }
}

} // namespace Orchestrator::Ui
