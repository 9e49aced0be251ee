#include "runviews.h"

#include <utility>

#include <QSet>
#include <QTimer>

#include "api/messagetext.h"
#include "api/session.h"
#include "models/jobtablemodel.h"
#include "views/dagview.h"
#include "views/timelineview.h"

namespace Orchestrator::Ui {

RunViews::RunViews(JobTableModel *jobs, Session *session, QObject *parent)
    : QObject(parent)
    , m_jobs(jobs)
    , m_session(session)
{
    m_dag = new DagView;
    m_timeline = new TimelineView;
    m_debounce = new QTimer(this);
    m_debounce->setSingleShot(true);
    m_debounce->setInterval(1000);
    connect(m_debounce, &QTimer::timeout, this, &RunViews::refresh);

    connect(m_dag, &DagView::jobSelected, this, &RunViews::jobSelected);
    connect(m_dag, &DagView::retryRequested, this, &RunViews::retryRequested);
    connect(m_dag, &DagView::cancelRequested, this, &RunViews::cancelRequested);
    connect(m_dag, &DagView::showLogRequested, this, &RunViews::showLogRequested);
    connect(m_timeline, &TimelineView::jobActivated, this, [this](const QString &jobId) {
        m_dag->setSelectedJob(jobId);
        Q_EMIT jobSelected(jobId);
    });
}

void RunViews::setVisible(Visible visible)
{
    m_visible = visible;
    refresh();
}

QString RunViews::effectiveRun() const
{
    if (!m_run.isEmpty())
        return m_run;
    // The newest run: rows are in submission order, so the last row's.
    const int rows = m_jobs->rowCount();
    return rows > 0 ? m_jobs->job(rows - 1).runId : QString();
}

void RunViews::showRun(const QString &runId)
{
    if (runId == m_run)
        return;
    m_run = runId;
    refresh();
}

void RunViews::setSelectedJob(const QString &jobId)
{
    const int row = m_jobs->rowOf(jobId);
    if (row >= 0 && m_jobs->job(row).runId != effectiveRun())
        showRun(m_jobs->job(row).runId);
    m_dag->setSelectedJob(jobId);
    m_timeline->setSelectedJob(jobId);
}

void RunViews::jobsChanged(const QList<JobRecord> &jobs, bool newJobs)
{
    const QString run = effectiveRun();
    bool touchesRun = false;
    for (const JobRecord &job : jobs) {
        if (job.runId == run) {
            touchesRun = true;
            break;
        }
    }
    if (run != m_graphRun)
        m_graphStale = true;
    if (touchesRun) {
        m_dag->updateJobs(jobs);
        m_graphStale = m_graphStale || newJobs;
        m_timelineStale = true;
    }
    if ((m_visible == Visible::Graph && m_graphStale) || (m_visible == Visible::Timeline && m_timelineStale)) {
        if (!m_debounce->isActive())
            m_debounce->start();
    }
}

void RunViews::refresh()
{
    if (m_visible == Visible::Graph)
        refreshGraph();
    else if (m_visible == Visible::Timeline)
        refreshTimeline();
}

void RunViews::refreshGraph()
{
    const QString run = effectiveRun();
    if (run.isEmpty() || (run == m_graphRun && !m_graphStale))
        return;
    if (m_graphAsked) {
        m_graphAgain = true;
        return;
    }
    m_graphAsked = true;
    // The answer is at least as new as this moment; a change after it marks
    // the graph stale again.
    m_graphStale = false;
    m_session->queryRunGraph(run, this, [this, run](const Result<RunGraphData> &graph) {
        m_graphAsked = false;
        if (!graph) {
            m_graphStale = true;
            if (graph.error().code != ErrorCode::NotFound)
                Q_EMIT problem(MessageText::translated(graph.error().message));
        } else if (run == effectiveRun()) {
            // The table's records (the feed's latest states), then jobs of the
            // run the feed has not brought yet.
            QList<JobRecord> jobs;
            QSet<QString> known;
            for (int row = 0; row < m_jobs->rowCount(); ++row) {
                if (m_jobs->job(row).runId == run) {
                    jobs.append(m_jobs->job(row));
                    known.insert(m_jobs->job(row).jobId);
                }
            }
            for (const JobRecord &job : graph->jobs) {
                if (!known.contains(job.jobId))
                    jobs.append(job);
            }
            m_graphRun = run;
            m_dag->setRun(run, jobs, graph->dependencies);
        }
        if (std::exchange(m_graphAgain, false))
            refreshGraph();
    });
}

void RunViews::refreshTimeline()
{
    const QString run = effectiveRun();
    if (run.isEmpty() || (run == m_timelineRun && !m_timelineStale))
        return;
    if (m_timelineAsked) {
        m_timelineAgain = true;
        return;
    }
    m_timelineAsked = true;
    m_timelineStale = false;
    m_session->queryRunTimeline(run, this, [this, run](const Result<RunTimelineData> &timeline) {
        m_timelineAsked = false;
        if (!timeline) {
            m_timelineStale = true;
            if (timeline.error().code != ErrorCode::NotFound)
                Q_EMIT problem(MessageText::translated(timeline.error().message));
        } else if (run == effectiveRun()) {
            QHash<QString, QString> workstreamOf;
            for (int row = 0; row < m_jobs->rowCount(); ++row) {
                const JobRecord &job = m_jobs->job(row);
                if (job.runId == run)
                    workstreamOf.insert(job.jobId, job.workstreamId);
            }
            m_timelineRun = run;
            m_timeline->setRun(run, timeline->attempts, timeline->dependencies, workstreamOf);
        }
        if (std::exchange(m_timelineAgain, false))
            refreshTimeline();
    });
}

} // namespace Orchestrator::Ui
