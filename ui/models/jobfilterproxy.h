#pragma once

#include <QSortFilterProxyModel>

#include "core/jobstate.h"

namespace Orchestrator::Ui {

// Filters the jobs table by text (job, workstream or tool), state, tool,
// priority and the selected run / workstream; sorts on JobTableModel::SortRole,
// or newest first (the reverse of submission order) when setNewestFirst(true).
class JobFilterProxy final : public QSortFilterProxyModel
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(JobFilterProxy)

public:
    explicit JobFilterProxy(QObject *parent = nullptr);

    void setText(const QString &text);
    void setState(int state);            // -1: any
    void setTool(const QString &tool);   // empty: any
    void setPriority(int priority);      // -1: any
    void setScope(const QString &runId, const QString &workstreamId);
    // Newest first: rows in the reverse of the source's (submission) order,
    // whatever column sort() names; a job that arrives lands on top and the
    // selection stays on the rows it was on.
    void setNewestFirst(bool on);
    bool newestFirst() const { return m_newestFirst; }

protected:
    bool filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const override;
    bool lessThan(const QModelIndex &left, const QModelIndex &right) const override;

private:
    QString m_text;
    int m_state = -1;
    QString m_tool;
    int m_priority = -1;
    QString m_runId;
    QString m_workstreamId;
    bool m_newestFirst = false;
};

} // namespace Orchestrator::Ui
