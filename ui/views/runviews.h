#pragma once

#include <QObject>
#include <QString>

#include "core/records.h"

class QTimer;

namespace Orchestrator {
class Session;
}

namespace Orchestrator::Ui {

class DagView;
class JobTableModel;
class TimelineView;

// Keeps the graph and the timeline on the run the user is looking at: the
// run selected in the tree, else the selected job's run, else the newest.
// Only the visible one is refreshed; new jobs in the run relayout the graph
// and new attempts redraw the timeline, debounced, asking the session for the
// run's dependencies and attempts (answered on an engine thread). One
// question per view is out at a time; asked again meanwhile, it asks once
// more when the answer arrives, and an answer about a run no longer shown is
// dropped.
class RunViews final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(RunViews)

public:
    enum class Visible { None, Graph, Timeline };

    RunViews(JobTableModel *jobs, Orchestrator::Session *session, QObject *parent = nullptr);

    DagView *dag() const { return m_dag; }
    TimelineView *timeline() const { return m_timeline; }

    void setVisible(Visible visible);
    // The run to show; empty: the newest run (passed as `fallbackRun`).
    void showRun(const QString &runId);
    QString shownRun() const { return m_run; }
    void setSelectedJob(const QString &jobId);
    // A feed batch: states are applied at once, structure changes debounced.
    void jobsChanged(const QList<Orchestrator::JobRecord> &jobs, bool newJobs);
    // Asks for the visible view's data now, if it is not current.
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
    Orchestrator::Session *m_session;
    DagView *m_dag = nullptr;
    TimelineView *m_timeline = nullptr;
    QTimer *m_debounce = nullptr;
    Visible m_visible = Visible::None;
    QString m_run;                  // as asked (may be empty)
    QString m_graphRun;             // what the graph shows, and whether it is current
    bool m_graphStale = true;
    bool m_graphAsked = false;      // a query is out
    bool m_graphAgain = false;      // and another one is wanted after it
    QString m_timelineRun;
    bool m_timelineStale = true;
    bool m_timelineAsked = false;
    bool m_timelineAgain = false;
};

} // namespace Orchestrator::Ui
