#pragma once

#include <QFutureWatcher>
#include <QPointer>
#include <QSet>
#include <QWidget>

#include "graph/daglayout.h"
#include "graph/rungraph.h"
#include "core/records.h"

class QComboBox;
class QMenu;
class QGraphicsView;
class QLabel;
class QLineEdit;

namespace Orchestrator::Ui {

class DagScene;
class DagGraphicsView;
class DagMinimap;

// The selected run's jobs and dependencies, drawn layered on a
// QGraphicsView: nodes coloured and iconed by state (updated live), zoom
// (Ctrl+wheel, Ctrl++/-), pan (drag), fit (Ctrl+0), a minimap, search by job
// id, workstreams collapsed into one node and expanded on demand, export as
// SVG or PNG. The layout runs on a worker thread; a newer request discards
// an older result.
class DagView final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(DagView)

public:
    explicit DagView(QWidget *parent = nullptr);
    ~DagView() override;

    // Shows `jobs` (one run's) and their dependencies; keeps the collapsed
    // workstreams when the run stays the same. Runs of more than
    // `autoCollapseAbove` jobs open with every workstream collapsed.
    void setRun(const QString &runId, const QList<Orchestrator::JobRecord> &jobs,
                const QList<std::pair<QString, QString>> &dependencies);
    QString runId() const { return m_runId; }
    // Live state changes of any jobs (those not drawn are ignored).
    void updateJobs(const QList<Orchestrator::JobRecord> &jobs);

    void setSelectedJob(const QString &jobId);      // never emits jobSelected
    QString selectedJob() const { return m_selectedJob; }

    // Collapsing or expanding keeps the workstream (its node, or the
    // selected job or one in the middle of its jobs) centred at a readable
    // scale.
    void setWorkstreamCollapsed(const QString &workstreamId, bool collapsed);
    bool isWorkstreamCollapsed(const QString &workstreamId) const { return m_collapsed.contains(workstreamId); }
    void collapseAll();
    void expandAll();
    void setDirection(Graph::LayoutOptions::Direction direction);

    // Centres the node of `jobId` at a readable scale (zooming in if need
    // be) and selects it (emits); false if not drawn. A job inside a
    // collapsed workstream is shown once the workstream is expanded.
    bool findJob(const QString &jobId);
    void zoomIn();
    void zoomOut();
    void fitToWindow();
    // SVG or PNG by the file's suffix.
    bool exportTo(const QString &fileName, QString *error);

    // True while a layout is being computed.
    bool isLayingOut() const { return m_pending; }
    DagScene *scene() const { return m_scene; }
    QGraphicsView *graphicsView() const;
    double lastLayoutMs() const { return m_lastLayoutMs; }

    static constexpr int autoCollapseAbove = 500;

    // The context menu of `node` (its index in scene()->graph()), as a right
    // click shows it: commands enabled only where they can act.
    void fillNodeMenu(QMenu &menu, int node);

Q_SIGNALS:
    void jobSelected(const QString &jobId);
    void retryRequested(const QStringList &jobIds);
    void cancelRequested(const QStringList &jobIds);
    void showLogRequested(const QString &jobId);
    void layoutFinished();

protected:
    void changeEvent(QEvent *event) override;

private:
    struct LayoutResult
    {
        quint64 generation = 0;
        Graph::RunGraph graph;
        Graph::DagLayout layout;
        double ms = 0;
    };

    void relayout();
    void applyLayout(const LayoutResult &result);
    void nodeClicked(int node);
    void nodeActivated(int node);
    void showNodeMenu(int node, const QPoint &globalPos);
    void exportInteractively();
    void updateStatus();
    // Centres `centre`, zoomed in to at least the scene's readable scale.
    void showReadable(const QPointF &centre);
    // The node to show for a workstream just collapsed or expanded: its
    // group, the selected job if it is one of its jobs, or else its job
    // nearest the middle of them all.
    int workstreamFocus(const QString &workstreamId) const;

    DagScene *m_scene = nullptr;
    DagGraphicsView *m_view = nullptr;
    DagMinimap *m_minimap = nullptr;
    QLineEdit *m_find = nullptr;
    QComboBox *m_direction = nullptr;
    QLabel *m_status = nullptr;

    QString m_runId;
    QList<JobRecord> m_jobs;
    QList<std::pair<QString, QString>> m_dependencies;
    QSet<QString> m_collapsed;
    QString m_selectedJob;
    Graph::LayoutOptions::Direction m_directionValue = Graph::LayoutOptions::Direction::TopDown;
    quint64 m_generation = 0;
    bool m_pending = false;
    bool m_fitAfterLayout = true;
    // Shown at a readable scale after the next layout: a job, or else a
    // workstream (its node or its jobs).
    QString m_focusJob;
    QString m_focusWorkstream;
    double m_lastLayoutMs = 0;
    QFutureWatcher<LayoutResult> *m_watcher = nullptr;
};

} // namespace Orchestrator::Ui
