#include "jobfilterproxy.h"

#include "models/jobtablemodel.h"

namespace Orchestrator::Ui {

JobFilterProxy::JobFilterProxy(QObject *parent)
    : QSortFilterProxyModel(parent)
{
    setSortRole(JobTableModel::SortRole);
    setDynamicSortFilter(true);
}

void JobFilterProxy::setText(const QString &text)
{
    m_text = text.trimmed();
    invalidateFilter();
}

void JobFilterProxy::setState(int state)
{
    m_state = state;
    invalidateFilter();
}

void JobFilterProxy::setTool(const QString &tool)
{
    m_tool = tool;
    invalidateFilter();
}

void JobFilterProxy::setPriority(int priority)
{
    m_priority = priority;
    invalidateFilter();
}

void JobFilterProxy::setScope(const QString &runId, const QString &workstreamId)
{
    m_runId = runId;
    m_workstreamId = workstreamId;
    invalidateFilter();
}

void JobFilterProxy::setNewestFirst(bool on)
{
    if (m_newestFirst == on)
        return;
    m_newestFirst = on;
    // Re-sorts on the current column with the new comparison.
    invalidate();
}

bool JobFilterProxy::lessThan(const QModelIndex &left, const QModelIndex &right) const
{
    // The view sorts descending for newest first: a lower source row (an
    // older job) is "less".
    if (m_newestFirst)
        return left.row() < right.row();
    return QSortFilterProxyModel::lessThan(left, right);
}

bool JobFilterProxy::filterAcceptsRow(int sourceRow, const QModelIndex &) const
{
    const auto *jobs = static_cast<const JobTableModel *>(sourceModel());
    const JobRecord &job = jobs->job(sourceRow);
    if (m_state >= 0 && int(job.state) != m_state)
        return false;
    if (m_priority >= 0 && int(job.priority) != m_priority)
        return false;
    // The job's own tool, or the one the Tool column shows (after an escalation).
    const QString attemptTool = job.attemptTool();
    if (!m_tool.isEmpty() && job.tool != m_tool && attemptTool != m_tool)
        return false;
    if (!m_runId.isEmpty() && job.runId != m_runId)
        return false;
    if (!m_workstreamId.isEmpty() && job.workstreamId != m_workstreamId)
        return false;
    if (!m_text.isEmpty() && !job.jobId.contains(m_text, Qt::CaseInsensitive)
        && !job.workstreamId.contains(m_text, Qt::CaseInsensitive) && !job.tool.contains(m_text, Qt::CaseInsensitive)
        && !attemptTool.contains(m_text, Qt::CaseInsensitive))
        return false;
    return true;
}

} // namespace Orchestrator::Ui
