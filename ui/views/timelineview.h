#pragma once

#include <utility>

#include <QHash>
#include <QList>
#include <QRect>
#include <QString>
#include <QWidget>

#include "graph/runsummary.h"
#include "core/records.h"

class QComboBox;
class QLabel;
class QToolButton;

namespace Orchestrator::Ui {

class TimelineChart;

// A Gantt chart of one run: a bar per attempt (retries are bars of their own),
// coloured by outcome, in one lane per worker slot or per workstream; a summary
// line above it (run duration, critical path, utilisation). Attempts too short
// to see at the current zoom are drawn as density: per lane, a cell every few
// pixels shaded by how many attempts it holds and coloured by the worst
// outcome among them. Painting looks only at the visible time range and
// lanes, so a run of 10,000 attempts scrolls and zooms smoothly. While an attempt runs, the chart repaints about
// once a second so running bars grow.
class TimelineView final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(TimelineView)

public:
    enum class LaneMode { WorkerSlots, Workstreams };

    explicit TimelineView(QWidget *parent = nullptr);
    ~TimelineView() override;

    // Replaces the data. Live updates call it again with the same run: zoom
    // and scroll position stay. A different run starts fitted to the view.
    // `dependencies` are (job, depends_on) pairs.
    void setRun(const QString &runId, const QList<Orchestrator::AttemptRecord> &attempts,
                const QList<std::pair<QString, QString>> &dependencies,
                const QHash<QString, QString> &workstreamOf);
    void clear();
    QString runId() const;

    void setLaneMode(LaneMode mode);
    LaneMode laneMode() const;

    // Highlights the job's bars and scrolls the first into view; does not emit.
    void setSelectedJob(const QString &jobId);
    QString selectedJob() const;

    // Zooming keeps the time at the centre of the chart in place. After
    // zoomToFit() the chart stays fitted as a live run grows, until the next zoom.
    void zoomIn();
    void zoomOut();
    void zoomToFit();
    double pixelsPerSecond() const;

    Orchestrator::Graph::RunSummary summary() const;
    int laneCount() const;

    // For tests: the job whose bar is at this point of the chart's viewport
    // (empty if none), a bar's rectangle in viewport coordinates (empty if
    // not visible), and the chart's viewport.
    QString jobAt(const QPoint &viewportPos) const;
    QRect barRect(const QString &jobId, int attempt) const;
    QWidget *chartViewport() const;

    // The density cell at a point of the chart's viewport: how many attempts
    // it stands for (0: no cell there), how many of them failed, where it is
    // and its tooltip.
    struct DensityCell
    {
        int attempts = 0;
        int failed = 0;
        QRect rect;
        QString toolTip;
    };
    DensityCell densityCellAt(const QPoint &viewportPos) const;

Q_SIGNALS:
    // The user clicked one of the job's bars.
    void jobActivated(const QString &jobId);

private:
    void buildUi();
    void updateSummary();
    // Tokens and cost of the run's AI tools, a line under the summary.
    void updateUsage(const QList<Orchestrator::AttemptRecord> &attempts);

    TimelineChart *m_chart = nullptr;
    QLabel *m_summaryLabel = nullptr;
    QLabel *m_usageLabel = nullptr;
    QLabel *m_legendLabel = nullptr;
    QComboBox *m_laneModeBox = nullptr;
    QToolButton *m_zoomInButton = nullptr;
    QToolButton *m_zoomOutButton = nullptr;
    QToolButton *m_fitButton = nullptr;
};

} // namespace Orchestrator::Ui
