#pragma once

#include <QGraphicsScene>
#include <QHash>
#include <QList>
#include <QSizeF>

#include "core/result.h"
#include "graph/daglayout.h"
#include "graph/rungraph.h"
#include "core/records.h"

namespace Orchestrator::Ui {

class DagNodeItem;
class DagEdgeItem;

// The items of one laid-out run graph: a node item per job (or collapsed
// workstream) and a path item per edge. Knows nothing of views; the
// dashboard's DagView and `orchestrator graph --out FILE.png` both draw it.
class DagScene final : public QGraphicsScene
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(DagScene)

public:
    explicit DagScene(QObject *parent = nullptr);

    // Node sizes measured with the scene's font, for layoutDag().
    QList<QSizeF> measure(const Graph::RunGraph &graph) const;
    // Replaces the items with `graph` drawn at `layout`.
    void setLayout(const Graph::RunGraph &graph, const Graph::DagLayout &layout);

    const Graph::RunGraph &graph() const { return m_graph; }
    const Graph::DagLayout &layout() const { return m_layout; }
    int nodeCount() const { return int(m_graph.nodes.size()); }

    // Live state changes: node colours and group progress, no relayout.
    // Returns true when a job of the graph changed.
    bool updateJobs(const QList<JobRecord> &jobs);

    // Marks `node` (or nothing, -1) as selected and highlights its upstream
    // and downstream chains; everything else is dimmed.
    void setCurrentNode(int node);
    int currentNode() const { return m_current; }
    int nodeAt(const QPointF &scenePos) const;
    QRectF nodeRect(int node) const;
    JobState nodeState(int node) const;
    bool isHighlighted(int node) const;

    // The whole drawing as a PNG, at `scale`.
    Result<QByteArray> toPng(double scale = 1.0);

private:
    Graph::RunGraph m_graph;
    Graph::DagLayout m_layout;
    QList<DagNodeItem *> m_nodes;
    QList<DagEdgeItem *> m_edges;
    QHash<QString, JobState> m_jobStates;          // every job of the graph
    QHash<int, QStringList> m_groupMembers;        // group node -> its job ids
    int m_current = -1;
};

// PNG bytes of `graph` at `layout` (for the command line).
Result<QByteArray> renderGraphPng(const Graph::RunGraph &graph, const Graph::DagLayout &layout, const QList<QSizeF> &sizes);

} // namespace Orchestrator::Ui
