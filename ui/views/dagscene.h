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
class DagLabelItem;

// The items of one laid-out run graph: a node item per job (or collapsed
// workstream) and a path item per edge, plus a label of a fixed screen size
// per collapsed workstream for views zoomed out too far to read the node
// itself. Knows nothing of views; the dashboard's DagView and
// `orchestrator graph --out FILE.png` both draw it. Colours follow the
// scene's palette (Base behind, Text for lines and words, Highlight for the
// selection) and change with it.
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
    // and downstream chains; everything else is dimmed. Edges touching it
    // are drawn strongest, the rest of its chains lighter, all others faint.
    void setCurrentNode(int node);
    int currentNode() const { return m_current; }
    // The node under the mouse (-1: none): its edges are drawn as strongly
    // as the selected node's, so one node's connections read in a hairball.
    void setHoveredNode(int node);
    int hoveredNode() const { return m_hovered; }
    int nodeAt(const QPointF &scenePos) const;
    // The node an item draws (a node or its label), -1 for anything else.
    int nodeOfItem(const QGraphicsItem *item) const;
    QRectF nodeRect(int node) const;
    JobState nodeState(int node) const;
    bool isHighlighted(int node) const;

    // Edges in layout().edges order; how strongly edge `edge` is drawn, its
    // pen's alpha times its opacity (0..1).
    int edgeCount() const { return int(m_edges.size()); }
    double edgeAlpha(int edge) const;

    // The scale from which the nodes' own text is readable (about 11 px on
    // screen); Find and collapsing zoom in at least this far.
    double readableScale() const;
    // The label of a collapsed workstream's node (null for a job's node):
    // its name and progress at a fixed screen size, shown while the view
    // scale is below the one where the node's own text is legible.
    QGraphicsItem *groupLabel(int node) const;
    QString groupLabelText(int node) const;
    // The scale the scene is shown at, so labels come and go with it.
    void setViewScale(double scale);

    // The whole drawing as a PNG, at `scale`, on the palette's Base.
    Result<QByteArray> toPng(double scale = 1.0);

protected:
    bool event(QEvent *event) override;

private:
    void applyPalette();
    void restyleEdge(int edge);
    bool labelsWanted(double scale) const;

    Graph::RunGraph m_graph;
    Graph::DagLayout m_layout;
    QList<DagNodeItem *> m_nodes;
    QList<DagEdgeItem *> m_edges;
    QList<DagLabelItem *> m_labels;                // per node, null for jobs
    QList<QList<int>> m_edgesOf;                   // node -> its edges
    QList<bool> m_lit;                             // per node: on the current node's chains
    QHash<QString, JobState> m_jobStates;          // every job of the graph
    QHash<int, QStringList> m_groupMembers;        // group node -> its job ids
    int m_current = -1;
    int m_hovered = -1;
    double m_viewScale = 1.0;
    double m_normalEdgeAlpha = 0.6;                // edges with nothing selected
    bool m_labelsShown = false;
};

// PNG bytes of `graph` at `layout` (for the command line).
Result<QByteArray> renderGraphPng(const Graph::RunGraph &graph, const Graph::DagLayout &layout, const QList<QSizeF> &sizes);

} // namespace Orchestrator::Ui
