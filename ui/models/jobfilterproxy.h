#pragma once

#include <QSortFilterProxyModel>

#include "core/jobstate.h"

namespace Orchestrator::Ui {

// Filters the jobs table by text (job, workstream or tool), state, tool,
// priority and the selected run / workstream; sorts on JobTableModel::SortRole.
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

protected:
    bool filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const override;

private:
    QString m_text;
    int m_state = -1;
    QString m_tool;
    int m_priority = -1;
    QString m_runId;
    QString m_workstreamId;
};

} // namespace Orchestrator::Ui
