#pragma once

#include <QByteArray>
#include <QList>
#include <QSizeF>

#include "graph/daglayout.h"
#include "graph/rungraph.h"

namespace Orchestrator::Graph {

// Sizes of the nodes as the exports draw them (no font metrics here: an
// estimate from the label length; the dashboard measures with its font).
QList<QSizeF> estimatedNodeSizes(const RunGraph &graph);

// The second line of a node: its state, or a group's progress.
QString nodeSubtitle(const GraphNode &node);

// Graphviz source: the same nodes and edges, coloured by state, so the graph
// can be laid out and compared with `dot`.
QByteArray toDot(const RunGraph &graph);

// A standalone SVG of `layout` (computed for `graph` with
// estimatedNodeSizes()), for any browser or vector editor.
QByteArray toSvg(const RunGraph &graph, const DagLayout &layout, const QList<QSizeF> &sizes);

} // namespace Orchestrator::Graph
