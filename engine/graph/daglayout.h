#pragma once

#include <QList>
#include <QPointF>
#include <QSizeF>

#include <utility>

namespace Orchestrator::Graph {

// A layered (Sugiyama-style) drawing of a directed acyclic graph, computed
// without any widget so the views, the command line (`orchestrator graph`)
// and the bench share it:
//   1. layering: every edge goes from a lower layer to a higher one; edges
//      spanning several layers get a dummy node on each layer in between;
//   2. crossing reduction: median/barycentre sweeps plus adjacent-exchange
//      (transpose) passes, keeping the best order seen;
//   3. coordinate assignment: nodes of a layer never overlap and sit close
//      to the median of their neighbours; edges are polylines through their
//      dummy nodes.
// The result depends only on the input (no hashing order, no clock, no
// randomness): the same graph always gives the same drawing.

// Directions: TopDown puts layer 0 at the top and lays each layer out along
// x; LeftRight puts layer 0 at the left and lays each layer out along y
// (top to bottom), i.e. the TopDown drawing mirrored in the diagonal.
struct LayoutOptions
{
    enum class Direction { TopDown, LeftRight };
    Direction direction = Direction::TopDown;
    double layerGap = 56;           // between layers (along the flow)
    double nodeGap = 20;            // between neighbours in a layer (half of it next to an edge's bend)
    double dummyWidth = 4;          // room an edge passing through a layer takes
    // Crossing reduction effort: at most this many down+up sweeps; stops
    // earlier when a sweep no longer improves. Large graphs (more than
    // `fullEffortLimit` nodes + dummies) use fewer sweeps so 10,000 nodes
    // stay well under a second.
    int maxSweeps = 24;
    int fullEffortLimit = 3000;
};

struct LayoutInput
{
    // Node sizes (width x height in the drawing's orientation: width is
    // across the flow for TopDown). Node ids are indices into this list.
    // LeftRight takes the sizes as drawn too, so there the height is the
    // extent across the flow (within a layer) and the width the extent along
    // it; a node's box is always `size` centred on its `position`.
    QList<QSizeF> sizes;
    // Edges (from, to): `from` is drawn before `to` (a dependency points to
    // its dependent). Duplicate edges and self-loops are ignored. If the
    // edges contain a cycle, the layout still succeeds: the offending edges
    // are reversed for layering and listed in DagLayout::reversedEdges.
    QList<std::pair<int, int>> edges;
};

struct LayoutEdge
{
    int from = -1;
    int to = -1;
    QList<QPointF> points;          // from's border, bends at dummies, to's border
    int inputIndex = -1;            // index into LayoutInput::edges (its first occurrence)
};

struct DagLayout
{
    QList<int> layer;               // per node
    QList<QPointF> position;        // per node: centre
    QList<LayoutEdge> edges;        // one per distinct input edge, input order
    QList<QList<int>> order;        // per layer, left to right (LeftRight: top to bottom): node ids, dummies as -1
    QList<int> reversedEdges;       // indices into LayoutInput::edges (cycles)
    QSizeF size;                    // bounding box, origin at (0, 0)
    int crossings = 0;              // edge crossings between adjacent layers
};
// Edges whose input was out of range (an id outside `sizes`), duplicates and
// self-loops are left out of DagLayout::edges; a reversed edge's points still
// run from `from` to `to`, i.e. against the layering.

DagLayout layoutDag(const LayoutInput &input, const LayoutOptions &options = {});

// Crossings of a proper layered drawing: `order` lists each layer's node ids
// left to right, `edges` connect nodes of adjacent layers (order[i] to
// order[i+1], either direction). Edges between non-adjacent layers or
// unknown nodes are ignored. O(E log V) (Barth, Jünger, Mutzel).
qint64 countCrossings(const QList<QList<int>> &order, const QList<std::pair<int, int>> &edges);

} // namespace Orchestrator::Graph
