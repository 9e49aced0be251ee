#include "runviews.h"

#include <QTimer>

#include "models/jobtablemodel.h"
#include "store/jobstore.h"
#include "views/dagview.h"
#include "views/timelineview.h"

namespace Orchestrator::Ui {

RunViews::RunViews(JobTableModel *jobs, std::function<JobStore *()> store, QObject *parent)
    : QObject(parent)
    , m_jobs(jobs)
    , m_store(std::move(store))
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
    if (run == m_graphRun && !m_graphStale)
        return;
    JobStore *store = m_store();
    if (!store || run.isEmpty())
        return;
    auto dependencies = store->runDependencies(run);
    if (!dependencies) {
        Q_EMIT problem(dependencies.error().message);
        return;
    }
    QList<JobRecord> jobs;
    for (int row = 0; row < m_jobs->rowCount(); ++row) {
        if (m_jobs->job(row).runId == run)
            jobs.append(m_jobs->job(row));
    }
    m_graphRun = run;
    m_graphStale = false;
    m_dag->setRun(run, jobs, *dependencies);
}

void RunViews::refreshTimeline()
{
    const QString run = effectiveRun();
    if (run == m_timelineRun && !m_timelineStale)
        return;
    JobStore *store = m_store();
    if (!store || run.isEmpty())
        return;
    auto attempts = store->runAttempts(run);
    auto dependencies = store->runDependencies(run);
    if (!attempts || !dependencies) {
        Q_EMIT problem(!attempts ? attempts.error().message : dependencies.error().message);
        return;
    }
    QHash<QString, QString> workstreamOf;
    for (int row = 0; row < m_jobs->rowCount(); ++row) {
        const JobRecord &job = m_jobs->job(row);
        if (job.runId == run)
            workstreamOf.insert(job.jobId, job.workstreamId);
    }
    m_timelineRun = run;
    m_timelineStale = false;
    m_timeline->setRun(run, *attempts, *dependencies, workstreamOf);
}

} // namespace Orchestrator::Ui
