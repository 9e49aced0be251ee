#pragma once

#include <QObject>
#include <QSet>
#include <QString>

#include <functional>

#include "core/records.h"

class QTimer;

namespace Orchestrator {
class JobStore;
}

namespace Orchestrator::Ui {

class DagView;
class JobTableModel;
class TimelineView;

// Keeps the graph and the timeline on the run the user is looking at: the
// run selected in the tree, else the selected job's run, else the newest.
// Only the visible one is refreshed; new jobs in the run relayout the graph
// and new attempts redraw the timeline, debounced, reading the run's
// dependencies and attempts through the window's read connection.
class RunViews final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(RunViews)

public:
    enum class Visible { None, Graph, Timeline };

    RunViews(JobTableModel *jobs, std::function<JobStore *()> store, QObject *parent = nullptr);

    DagView *dag() const { return m_dag; }
    TimelineView *timeline() const { return m_timeline; }

    void setVisible(Visible visible);
    // The run to show; empty: the newest run (passed as `fallbackRun`).
    void showRun(const QString &runId);
    QString shownRun() const { return m_run; }
    void setSelectedJob(const QString &jobId);
    // A feed batch: states are applied at once, structure changes debounced.
    void jobsChanged(const QList<Orchestrator::JobRecord> &jobs, bool newJobs);
    // Rebuilds the visible view from the database now.
    void refresh();

Q_SIGNALS:
    void jobSelected(const QString &jobId);
    void retryRequested(const QStringList &jobIds);
    void cancelRequested(const QStringList &jobIds);
    void showLogRequested(const QString &jobId);
    void problem(const QString &text);

private:
    QString effectiveRun() const;
    void refreshGraph();
    void refreshTimeline();

    JobTableModel *m_jobs;
    std::function<JobStore *()> m_store;
    DagView *m_dag = nullptr;
    TimelineView *m_timeline = nullptr;
    QTimer *m_debounce = nullptr;
    Visible m_visible = Visible::None;
    QString m_run;                  // as asked (may be empty)
    QString m_graphRun;             // what the graph shows, and whether it is current
    bool m_graphStale = true;
    QString m_timelineRun;
    bool m_timelineStale = true;
};

} // namespace Orchestrator::Ui
