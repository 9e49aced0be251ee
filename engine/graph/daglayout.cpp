#include "graph/daglayout.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <numeric>
#include <vector>

// Everything below works on flat arrays indexed by vertex id (real nodes
// 0..n-1, then the dummies of long edges) so 10,000 nodes stay fast. Every
// tie is broken by an index, so the drawing depends on the input only.

namespace Orchestrator::Graph {

namespace {

// Compressed adjacency: the neighbours of v are adj[start[v]] .. adj[start[v + 1] - 1].
struct Csr
{
    std::vector<int> start;
    std::vector<int> adj;

    int begin(int v) const { return start[v]; }
    int end(int v) const { return start[v + 1]; }
    int degree(int v) const { return start[v + 1] - start[v]; }
};

// Keeps the pairs' order within one key, so adjacency follows input order.
Csr buildCsr(int vertexCount, const std::vector<int> &keys, const std::vector<int> &values)
{
    Csr csr;
    csr.start.assign(vertexCount + 1, 0);
    for (int k : keys)
        ++csr.start[k + 1];
    for (int v = 0; v < vertexCount; ++v)
        csr.start[v + 1] += csr.start[v];
    csr.adj.resize(keys.size());
    std::vector<int> cursor(csr.start.begin(), csr.start.end() - 1);
    for (size_t i = 0; i < keys.size(); ++i)
        csr.adj[cursor[keys[i]]++] = values[i];
    return csr;
}

// ---------------------------------------------------------------------------
// Edges and layering

// The distinct, valid input edges in input order, made acyclic: tail is drawn
// in a lower layer than head. `reversed` marks edges turned round to break a cycle.
struct EdgeSet
{
    std::vector<int> inputIndex;
    std::vector<int> tail;
    std::vector<int> head;
    std::vector<char> reversed;

    int size() const { return int(tail.size()); }
};

EdgeSet distinctEdges(const LayoutInput &input, int nodeCount)
{
    std::vector<std::pair<quint64, int>> keyed;
    keyed.reserve(input.edges.size());
    for (int i = 0; i < input.edges.size(); ++i) {
        const auto [from, to] = input.edges.at(i);
        if (from < 0 || to < 0 || from >= nodeCount || to >= nodeCount || from == to)
            continue;
        keyed.emplace_back((quint64(quint32(from)) << 32) | quint32(to), i);
    }
    std::sort(keyed.begin(), keyed.end());
    std::vector<char> keep(input.edges.size(), 0);
    for (size_t k = 0; k < keyed.size(); ++k) {
        if (k == 0 || keyed[k].first != keyed[k - 1].first)
            keep[keyed[k].second] = 1;
    }
    EdgeSet edges;
    for (int i = 0; i < input.edges.size(); ++i) {
        if (!keep[i])
            continue;
        edges.inputIndex.push_back(i);
        edges.tail.push_back(input.edges.at(i).first);
        edges.head.push_back(input.edges.at(i).second);
    }
    edges.reversed.assign(edges.tail.size(), 0);
    return edges;
}

// Depth-first search from the nodes in id order, out-edges in input order: an
// edge into a node still on the stack closes a cycle and is reversed.
void breakCycles(EdgeSet &edges, int nodeCount)
{
    std::vector<int> ids(edges.size());
    std::iota(ids.begin(), ids.end(), 0);
    const Csr out = buildCsr(nodeCount, edges.tail, ids);
    enum : char { Unseen, OnStack, Done };
    std::vector<char> state(nodeCount, Unseen);
    std::vector<std::pair<int, int>> stack; // vertex, next out-edge slot
    for (int root = 0; root < nodeCount; ++root) {
        if (state[root] != Unseen)
            continue;
        state[root] = OnStack;
        stack.emplace_back(root, out.begin(root));
        while (!stack.empty()) {
            const int v = stack.back().first;
            const int slot = stack.back().second;
            if (slot == out.end(v)) {
                state[v] = Done;
                stack.pop_back();
                continue;
            }
            ++stack.back().second;
            const int e = out.adj[slot];
            const int w = edges.head[e];
            if (state[w] == OnStack) {
                edges.reversed[e] = 1;
            } else if (state[w] == Unseen) {
                state[w] = OnStack;
                stack.emplace_back(w, out.begin(w));
            }
        }
    }
    for (int e = 0; e < edges.size(); ++e) {
        if (edges.reversed[e])
            std::swap(edges.tail[e], edges.head[e]);
    }
}

int findRoot(std::vector<int> &parent, int v)
{
    while (parent[v] != v) {
        parent[v] = parent[parent[v]];
        v = parent[v];
    }
    return v;
}

// Shortens edges (fewer dummies, sources next to what they feed) by moving
// whole groups of nodes joined by edges of span 1: a group with more edges
// leaving it downward than entering it moves down until one of those edges
// has span 1, and the other way round. A greedy cousin of dot's network
// simplex: it stops when no single group gains by moving.
void shortenEdges(const EdgeSet &edges, std::vector<int> &layer)
{
    const int n = int(layer.size());
    const Csr out = buildCsr(n, edges.tail, edges.head);
    const Csr in = buildCsr(n, edges.head, edges.tail);
    std::vector<int> parent(n);
    for (int pass = 0; pass < 64; ++pass) {
        std::iota(parent.begin(), parent.end(), 0);
        for (int e = 0; e < edges.size(); ++e) {
            if (layer[edges.head[e]] - layer[edges.tail[e]] != 1)
                continue;
            const int a = findRoot(parent, edges.tail[e]);
            const int b = findRoot(parent, edges.head[e]);
            if (a != b)
                parent[std::max(a, b)] = std::min(a, b);
        }
        std::vector<int> group(n);
        for (int v = 0; v < n; ++v)
            group[v] = findRoot(parent, v);
        // Per group: edges entering from above, leaving below, and how far it can move.
        std::vector<int> entering(n, 0);
        std::vector<int> leaving(n, 0);
        for (int e = 0; e < edges.size(); ++e) {
            const int a = group[edges.tail[e]];
            const int b = group[edges.head[e]];
            if (a != b) {
                ++leaving[a];
                ++entering[b];
            }
        }
        std::vector<int> shift(n, 0);
        bool moved = false;
        for (int g = 0; g < n; ++g) {
            if (group[g] == g && leaving[g] != entering[g])
                shift[g] = leaving[g] > entering[g] ? std::numeric_limits<int>::max() : std::numeric_limits<int>::min();
        }
        // The slack the group's boundary edges allow; groups move one after the
        // other in id order, so a later group sees where earlier ones went.
        std::vector<int> members(n);
        std::iota(members.begin(), members.end(), 0);
        std::stable_sort(members.begin(), members.end(), [&](int a, int b) { return group[a] < group[b]; });
        for (size_t i = 0; i < members.size();) {
            const int g = group[members[i]];
            size_t end = i;
            while (end < members.size() && group[members[end]] == g)
                ++end;
            if (shift[g] != 0) {
                const bool down = shift[g] > 0;
                int room = std::numeric_limits<int>::max();
                for (size_t k = i; k < end; ++k) {
                    const int v = members[k];
                    const Csr &side = down ? out : in;
                    for (int j = side.begin(v); j < side.end(v); ++j) {
                        const int w = side.adj[j];
                        if (group[w] != g)
                            room = std::min(room, std::abs(layer[w] - layer[v]) - 1);
                    }
                }
                if (room > 0 && room != std::numeric_limits<int>::max()) {
                    for (size_t k = i; k < end; ++k)
                        layer[members[k]] += down ? room : -room;
                    moved = true;
                }
            }
            i = end;
        }
        if (!moved)
            break;
    }
}

// Longest path from the sources, then groups of nodes move to shorten edges.
std::vector<int> assignLayers(const EdgeSet &edges, int nodeCount)
{
    const Csr out = buildCsr(nodeCount, edges.tail, edges.head);
    const Csr in = buildCsr(nodeCount, edges.head, edges.tail);
    std::vector<int> pending(nodeCount);
    std::vector<int> topo;
    topo.reserve(nodeCount);
    for (int v = 0; v < nodeCount; ++v) {
        pending[v] = in.degree(v);
        if (pending[v] == 0)
            topo.push_back(v);
    }
    for (size_t i = 0; i < topo.size(); ++i) {
        const int v = topo[i];
        for (int k = out.begin(v); k < out.end(v); ++k) {
            if (--pending[out.adj[k]] == 0)
                topo.push_back(out.adj[k]);
        }
    }
    std::vector<int> layer(nodeCount, 0);
    for (int v : topo) {
        for (int k = out.begin(v); k < out.end(v); ++k)
            layer[out.adj[k]] = std::max(layer[out.adj[k]], layer[v] + 1);
    }
    shortenEdges(edges, layer);
    const int top = nodeCount ? *std::min_element(layer.begin(), layer.end()) : 0;
    for (int &l : layer)
        l -= top;
    return layer;
}

// ---------------------------------------------------------------------------
// The proper layered graph: long edges split by one dummy per layer crossed.

struct Proper
{
    int realCount = 0;
    int vertexCount = 0;
    int layerCount = 0;
    std::vector<int> layer;        // per vertex
    std::vector<int> component;    // per vertex: weakly connected component, numbered by smallest node id
    Csr up;                        // neighbours in the previous layer
    Csr down;                      // neighbours in the next layer
    std::vector<int> chainStart;   // per edge: its vertices, tail to head, are chain[chainStart[e] .. chainStart[e + 1])
    std::vector<int> chain;
    std::vector<int> layerStart;   // an order array holds layer l at [layerStart[l], layerStart[l + 1])

    bool isDummy(int v) const { return v >= realCount; }
};

void assignComponents(Proper &g, const EdgeSet &edges)
{
    std::vector<int> parent(g.realCount);
    std::iota(parent.begin(), parent.end(), 0);
    for (int e = 0; e < edges.size(); ++e) {
        const int a = findRoot(parent, edges.tail[e]);
        const int b = findRoot(parent, edges.head[e]);
        if (a != b)
            parent[std::max(a, b)] = std::min(a, b);
    }
    std::vector<int> idOfRoot(g.realCount, -1);
    g.component.assign(g.vertexCount, 0);
    int next = 0;
    for (int v = 0; v < g.realCount; ++v) {
        const int root = findRoot(parent, v);
        if (idOfRoot[root] < 0)
            idOfRoot[root] = next++;
        g.component[v] = idOfRoot[root];
    }
    for (int e = 0; e < edges.size(); ++e) {
        for (int k = g.chainStart[e] + 1; k + 1 < g.chainStart[e + 1]; ++k)
            g.component[g.chain[k]] = g.component[edges.tail[e]];
    }
}

Proper buildProper(const EdgeSet &edges, std::vector<int> nodeLayer, int nodeCount)
{
    Proper g;
    g.realCount = nodeCount;
    g.layer = std::move(nodeLayer);
    g.chainStart.reserve(edges.size() + 1);
    std::vector<int> segTop;
    std::vector<int> segBottom;
    int next = nodeCount;
    for (int e = 0; e < edges.size(); ++e) {
        g.chainStart.push_back(int(g.chain.size()));
        const int tail = edges.tail[e];
        const int head = edges.head[e];
        g.chain.push_back(tail);
        for (int l = g.layer[tail] + 1; l < g.layer[head]; ++l) {
            g.layer.push_back(l);
            g.chain.push_back(next++);
        }
        g.chain.push_back(head);
        for (size_t k = g.chainStart.back(); k + 1 < g.chain.size(); ++k) {
            segTop.push_back(g.chain[k]);
            segBottom.push_back(g.chain[k + 1]);
        }
    }
    g.chainStart.push_back(int(g.chain.size()));
    g.vertexCount = next;
    g.down = buildCsr(g.vertexCount, segTop, segBottom);
    g.up = buildCsr(g.vertexCount, segBottom, segTop);
    g.layerCount = g.vertexCount ? *std::max_element(g.layer.begin(), g.layer.end()) + 1 : 0;
    g.layerStart.assign(g.layerCount + 1, 0);
    for (int l : g.layer)
        ++g.layerStart[l + 1];
    for (int l = 0; l < g.layerCount; ++l)
        g.layerStart[l + 1] += g.layerStart[l];
    assignComponents(g, edges);
    return g;
}

// ---------------------------------------------------------------------------
// Initial orders: the sequence in which a traversal meets the vertices
// becomes their left-to-right order in each layer.

std::vector<int> undirectedDfsSequence(const Proper &g)
{
    std::vector<int> sequence;
    sequence.reserve(g.vertexCount);
    std::vector<char> seen(g.vertexCount, 0);
    std::vector<std::pair<int, int>> stack; // vertex, next neighbour (down first, then up)
    for (int root = 0; root < g.vertexCount; ++root) {
        if (seen[root])
            continue;
        seen[root] = 1;
        sequence.push_back(root);
        stack.emplace_back(root, 0);
        while (!stack.empty()) {
            const int v = stack.back().first;
            const int k = stack.back().second++;
            const int downDegree = g.down.degree(v);
            int w = -1;
            if (k < downDegree)
                w = g.down.adj[g.down.begin(v) + k];
            else if (k < downDegree + g.up.degree(v))
                w = g.up.adj[g.up.begin(v) + k - downDegree];
            else {
                stack.pop_back();
                continue;
            }
            if (!seen[w]) {
                seen[w] = 1;
                sequence.push_back(w);
                stack.emplace_back(w, 0);
            }
        }
    }
    return sequence;
}

std::vector<int> bfsSequence(const Proper &g)
{
    std::vector<int> sequence;
    sequence.reserve(g.vertexCount);
    std::vector<char> seen(g.vertexCount, 0);
    for (int root = 0; root < g.vertexCount; ++root) {
        if (seen[root])
            continue;
        seen[root] = 1;
        sequence.push_back(root);
        for (size_t i = sequence.size() - 1; i < sequence.size(); ++i) {
            const int v = sequence[i];
            for (const Csr *side : {&g.down, &g.up}) {
                for (int k = side->begin(v); k < side->end(v); ++k) {
                    const int w = side->adj[k];
                    if (!seen[w]) {
                        seen[w] = 1;
                        sequence.push_back(w);
                    }
                }
            }
        }
    }
    return sequence;
}

// Along the edges' direction only, from the sources (as dot starts).
std::vector<int> downwardDfsSequence(const Proper &g)
{
    std::vector<int> sequence;
    sequence.reserve(g.vertexCount);
    std::vector<char> seen(g.vertexCount, 0);
    std::vector<std::pair<int, int>> stack;
    auto visitFrom = [&](int root) {
        seen[root] = 1;
        sequence.push_back(root);
        stack.emplace_back(root, g.down.begin(root));
        while (!stack.empty()) {
            const int v = stack.back().first;
            const int slot = stack.back().second++;
            if (slot >= g.down.end(v)) {
                stack.pop_back();
                continue;
            }
            const int w = g.down.adj[slot];
            if (!seen[w]) {
                seen[w] = 1;
                sequence.push_back(w);
                stack.emplace_back(w, g.down.begin(w));
            }
        }
    };
    for (int v = 0; v < g.vertexCount; ++v) {
        if (!seen[v] && g.up.degree(v) == 0)
            visitFrom(v);
    }
    for (int v = 0; v < g.vertexCount; ++v) {
        if (!seen[v])
            visitFrom(v);
    }
    return sequence;
}

std::vector<int> identitySequence(const Proper &g)
{
    std::vector<int> sequence(g.vertexCount);
    std::iota(sequence.begin(), sequence.end(), 0);
    return sequence;
}

// ---------------------------------------------------------------------------
// Crossing counting (Barth, Jünger, Mutzel: an accumulator tree over the
// southern positions, fed in lexicographic order of the edges).

class AccumulatorTree
{
public:
    void reset(int southCount)
    {
        m_first = 1;
        while (m_first < southCount)
            m_first *= 2;
        m_tree.assign(size_t(2 * m_first - 1), 0);
        m_first -= 1;
    }

    // Crossings of an edge ending at `south` with the edges inserted before it.
    qint64 insert(int south)
    {
        qint64 crossings = 0;
        int index = south + m_first;
        ++m_tree[index];
        while (index > 0) {
            if (index % 2)
                crossings += m_tree[index + 1];
            index = (index - 1) / 2;
            ++m_tree[index];
        }
        return crossings;
    }

private:
    std::vector<int> m_tree;
    int m_first = 0;
};

void insertionSort(std::vector<int> &values)
{
    for (size_t i = 1; i < values.size(); ++i) {
        const int value = values[i];
        size_t j = i;
        for (; j > 0 && values[j - 1] > value; --j)
            values[j] = values[j - 1];
        values[j] = value;
    }
}

// Sorted positions of v's neighbours on one side.
void neighbourPositions(const Csr &side, const std::vector<int> &pos, int v, std::vector<int> &out)
{
    out.clear();
    for (int k = side.begin(v); k < side.end(v); ++k)
        out.push_back(pos[side.adj[k]]);
    if (out.size() > 24)
        std::sort(out.begin(), out.end());
    else
        insertionSort(out);
}

enum class Method { Median, Barycentre };

// Holds one order of the proper graph and improves it.
class CrossingReducer
{
    struct Item
    {
        int component;
        double key;
        int tie;
        int vertex;
    };

public:
    CrossingReducer(const Proper &g, const std::vector<int> &sequence)
        : m_g(g)
    {
        std::vector<int> cursor(g.layerStart.begin(), g.layerStart.end() - 1);
        m_ord.resize(g.vertexCount);
        for (int v : sequence)
            m_ord[cursor[g.layer[v]]++] = v;
        // Components side by side: they never need to interleave.
        for (int l = 0; l < g.layerCount; ++l) {
            std::stable_sort(m_ord.begin() + g.layerStart[l], m_ord.begin() + g.layerStart[l + 1],
                             [&](int a, int b) { return g.component[a] < g.component[b]; });
        }
        m_pos.resize(g.vertexCount);
        refreshPositions();
    }

    const std::vector<int> &order() const { return m_ord; }

    void setOrder(const std::vector<int> &ord)
    {
        m_ord = ord;
        refreshPositions();
    }

    qint64 totalCrossings()
    {
        qint64 total = 0;
        for (int l = 0; l + 1 < m_g.layerCount; ++l)
            total += crossingsBelow(l);
        return total;
    }

    // Sweeps alternate down and up; each is followed by transposition. The
    // best order seen is kept; `flipTies` alternates how equal keys fall so
    // plateaus get explored.
    qint64 improve(Method method, int maxSweeps, int minQuit, int transposeLimit, int rounds)
    {
        transpose(false, transposeLimit);
        qint64 best = totalCrossings();
        std::vector<int> bestOrd = m_ord;
        for (int round = 0; round < rounds && best > 0; ++round) {
            if (round > 0)
                setOrder(bestOrd);
            int idle = 0;
            for (int sweep = 0; sweep < maxSweeps && best > 0 && idle < minQuit; ++sweep) {
                const bool flip = ((sweep / 2) + round) % 2 == 1;
                if (sweep % 2 == 0) {
                    for (int l = 1; l < m_g.layerCount; ++l)
                        reorderLayer(l, m_g.up, method, flip);
                } else {
                    for (int l = m_g.layerCount - 2; l >= 0; --l)
                        reorderLayer(l, m_g.down, method, flip);
                }
                transpose(flip, transposeLimit);
                const qint64 crossings = totalCrossings();
                if (crossings < best) {
                    idle = crossings < 0.995 * double(best) ? 0 : idle + 1;
                    best = crossings;
                    bestOrd = m_ord;
                } else {
                    ++idle;
                }
            }
        }
        setOrder(bestOrd);
        transpose(false, transposeLimit);
        return totalCrossings();
    }

private:
    void refreshPositions()
    {
        for (int l = 0; l < m_g.layerCount; ++l) {
            for (int k = m_g.layerStart[l]; k < m_g.layerStart[l + 1]; ++k)
                m_pos[m_ord[k]] = k - m_g.layerStart[l];
        }
    }

    qint64 crossingsBelow(int l)
    {
        m_tree.reset(m_g.layerStart[l + 2] - m_g.layerStart[l + 1]);
        qint64 crossings = 0;
        for (int k = m_g.layerStart[l]; k < m_g.layerStart[l + 1]; ++k) {
            neighbourPositions(m_g.down, m_pos, m_ord[k], m_scratchA);
            for (int south : m_scratchA)
                crossings += m_tree.insert(south);
        }
        return crossings;
    }

    double key(const Csr &side, int v, Method method)
    {
        neighbourPositions(side, m_pos, v, m_scratchA);
        const std::vector<int> &p = m_scratchA;
        const size_t m = p.size();
        if (m == 0)
            return -1;
        if (method == Method::Barycentre)
            return double(std::accumulate(p.begin(), p.end(), qint64(0))) / double(m);
        if (m % 2)
            return p[m / 2];
        if (m == 2)
            return (p[0] + p[1]) / 2.0;
        // Weighted median (Gansner et al.): lean toward the denser side.
        const double left = p[m / 2 - 1] - p[0];
        const double right = p[m - 1] - p[m / 2];
        if (left + right <= 0)
            return (p[m / 2 - 1] + p[m / 2]) / 2.0;
        return (p[m / 2 - 1] * right + p[m / 2] * left) / (left + right);
    }

    // Vertices without neighbours on `side` keep their slots; the others are
    // sorted by their key into the remaining slots.
    void reorderLayer(int l, const Csr &side, Method method, bool flipTies)
    {
        m_items.clear();
        m_slots.clear();
        for (int k = m_g.layerStart[l]; k < m_g.layerStart[l + 1]; ++k) {
            const int v = m_ord[k];
            const double value = key(side, v, method);
            if (value < 0)
                continue;
            m_slots.push_back(k);
            m_items.push_back({m_g.component[v], value, flipTies ? -m_pos[v] : m_pos[v], v});
        }
        std::sort(m_items.begin(), m_items.end(), [](const Item &a, const Item &b) {
            if (a.component != b.component)
                return a.component < b.component;
            if (a.key != b.key)
                return a.key < b.key;
            return a.tie < b.tie;
        });
        for (size_t i = 0; i < m_items.size(); ++i)
            m_ord[m_slots[i]] = m_items[i].vertex;
        for (int k = m_g.layerStart[l]; k < m_g.layerStart[l + 1]; ++k)
            m_pos[m_ord[k]] = k - m_g.layerStart[l];
    }

    // Crossings among the edges of v and w (v left of w) and with them swapped.
    void pairCrossings(int v, int w, qint64 &asIs, qint64 &swapped)
    {
        asIs = swapped = 0;
        for (const Csr *side : {&m_g.up, &m_g.down}) {
            const int dv = side->degree(v);
            const int dw = side->degree(w);
            if (dv == 0 || dw == 0)
                continue;
            if (dv == 1 && dw == 1) { // most vertices are dummies: one edge each way
                const int a = m_pos[side->adj[side->begin(v)]];
                const int b = m_pos[side->adj[side->begin(w)]];
                asIs += a > b;
                swapped += a < b;
                continue;
            }
            neighbourPositions(*side, m_pos, v, m_scratchA);
            neighbourPositions(*side, m_pos, w, m_scratchB);
            size_t below = 0;
            size_t atOrBelow = 0;
            const size_t bCount = m_scratchB.size();
            for (int a : m_scratchA) {
                while (below < bCount && m_scratchB[below] < a)
                    ++below;
                while (atOrBelow < bCount && m_scratchB[atOrBelow] <= a)
                    ++atOrBelow;
                asIs += qint64(below);
                swapped += qint64(bCount - atOrBelow);
            }
        }
    }

    qint64 transposeLayer(int l, bool allowEqual)
    {
        qint64 gain = 0;
        for (int k = m_g.layerStart[l]; k + 1 < m_g.layerStart[l + 1]; ++k) {
            const int v = m_ord[k];
            const int w = m_ord[k + 1];
            if (m_g.component[v] != m_g.component[w])
                continue;
            qint64 asIs = 0;
            qint64 swapped = 0;
            pairCrossings(v, w, asIs, swapped);
            if (swapped < asIs || (allowEqual && asIs > 0 && swapped == asIs)) {
                std::swap(m_ord[k], m_ord[k + 1]);
                std::swap(m_pos[v], m_pos[w]);
                gain += asIs - swapped;
                for (int near = std::max(0, l - 1); near <= std::min(m_g.layerCount - 1, l + 1); ++near)
                    m_candidate[near] = 1;
            }
        }
        return gain;
    }

    // Adjacent exchange until no pass improves (or `passLimit` passes).
    void transpose(bool allowEqual, int passLimit)
    {
        m_candidate.assign(m_g.layerCount, 1);
        for (int pass = 0; pass < passLimit; ++pass) {
            qint64 gain = 0;
            for (int l = 0; l < m_g.layerCount; ++l) {
                if (!m_candidate[l])
                    continue;
                m_candidate[l] = 0;
                gain += transposeLayer(l, allowEqual);
            }
            if (gain <= 0)
                break;
        }
    }

    const Proper &m_g;
    std::vector<int> m_ord;
    std::vector<int> m_pos;
    std::vector<char> m_candidate;
    std::vector<int> m_scratchA;
    std::vector<int> m_scratchB;
    std::vector<int> m_slots;
    std::vector<Item> m_items;
    AccumulatorTree m_tree;
};

// Small graphs try several starting orders (depth-first along the edges and
// undirected, breadth-first, input order) with both key methods and keep the
// best; large ones one start with few sweeps.
std::vector<int> reduceCrossings(const Proper &g, const LayoutOptions &options, qint64 &crossings)
{
    const bool full = g.vertexCount <= options.fullEffortLimit;
    const int maxSweeps = full ? std::max(0, options.maxSweeps) : std::min(std::max(0, options.maxSweeps), 4);
    const int minQuit = full ? 8 : 2;
    const int transposeLimit = full ? 1000 : 2;
    const int rounds = full ? 2 : 1;

    std::vector<std::vector<int>> sequences;
    sequences.push_back(downwardDfsSequence(g));
    if (full) {
        sequences.push_back(undirectedDfsSequence(g));
        // Past a third of the limit, two starts (times two methods) keep 1,000 nodes near 0.2 s.
        if (3 * g.vertexCount <= options.fullEffortLimit) {
            sequences.push_back(bfsSequence(g));
            sequences.push_back(identitySequence(g));
        }
    }
    const std::vector<Method> methods = full ? std::vector<Method>{Method::Median, Method::Barycentre}
                                             : std::vector<Method>{Method::Median};
    std::vector<int> best;
    crossings = std::numeric_limits<qint64>::max();
    for (const std::vector<int> &sequence : sequences) {
        for (Method method : methods) {
            CrossingReducer reducer(g, sequence);
            const qint64 found = reducer.improve(method, maxSweeps, minQuit, transposeLimit, rounds);
            if (found < crossings) {
                crossings = found;
                best = reducer.order();
            }
            if (crossings == 0)
                return best;
        }
    }
    return best;
}

// ---------------------------------------------------------------------------
// Coordinates. Across the flow: minimise sum w_e (x_u - x_v)^2 over the
// segments subject to the order and the gaps, one layer at a time
// (Gauss-Seidel). Each layer's subproblem is an isotonic regression, solved
// exactly by pool-adjacent-violators, so nodes never overlap. Segments
// between dummies weigh most, which straightens long edges.

double segmentWeight(const Proper &g, int a, int b)
{
    const int dummies = int(g.isDummy(a)) + int(g.isDummy(b));
    return dummies == 0 ? 1.0 : dummies == 1 ? 2.0 : 8.0;
}

class CoordinateSolver
{
public:
    CoordinateSolver(const Proper &g, const std::vector<int> &ord, const std::vector<double> &width,
                     const LayoutOptions &options)
        : m_g(g), m_ord(ord), m_x(g.vertexCount, 0.0)
    {
        m_offset.resize(g.vertexCount);
        for (int l = 0; l < g.layerCount; ++l) {
            double offset = 0;
            for (int k = g.layerStart[l]; k < g.layerStart[l + 1]; ++k) {
                if (k > g.layerStart[l]) {
                    const int a = ord[k - 1];
                    const int b = ord[k];
                    const double gap = g.isDummy(a) || g.isDummy(b) ? options.nodeGap / 2 : options.nodeGap;
                    offset += (width[a] + width[b]) / 2 + std::max(0.0, gap);
                }
                m_offset[k] = offset;
            }
            for (int k = g.layerStart[l]; k < g.layerStart[l + 1]; ++k)
                m_x[ord[k]] = m_offset[k] - offset / 2; // centred start
        }
    }

    std::vector<double> solve(int passes)
    {
        for (int pass = 0; pass < passes; ++pass) {
            for (int l = 0; l < m_g.layerCount; ++l)
                placeLayer(l);
            for (int l = m_g.layerCount - 1; l >= 0; --l)
                placeLayer(l);
        }
        return m_x;
    }

private:
    void placeLayer(int l)
    {
        const int first = m_g.layerStart[l];
        const int last = m_g.layerStart[l + 1];
        m_blocks.clear();
        for (int k = first; k < last; ++k) {
            const int v = m_ord[k];
            double weight = 0;
            double sum = 0;
            for (const Csr *side : {&m_g.up, &m_g.down}) {
                for (int i = side->begin(v); i < side->end(v); ++i) {
                    const int w = side->adj[i];
                    const double ww = segmentWeight(m_g, v, w);
                    weight += ww;
                    sum += ww * m_x[w];
                }
            }
            // A vertex without neighbours holds its place lightly.
            const double target = weight > 0 ? sum / weight : m_x[v];
            weight = weight > 0 ? weight : 1e-3;
            Block block{weight, weight * (target - m_offset[k]), 1};
            while (!m_blocks.empty() && m_blocks.back().mean() >= block.mean()) {
                const Block &prev = m_blocks.back();
                block = {prev.weight + block.weight, prev.weightedSum + block.weightedSum, prev.count + block.count};
                m_blocks.pop_back();
            }
            m_blocks.push_back(block);
        }
        int k = first;
        for (const Block &block : m_blocks) {
            const double mean = block.mean();
            for (int i = 0; i < block.count; ++i, ++k)
                m_x[m_ord[k]] = mean + m_offset[k];
        }
    }

    struct Block
    {
        double weight;
        double weightedSum;
        int count;
        double mean() const { return weightedSum / weight; }
    };

    const Proper &m_g;
    const std::vector<int> &m_ord;
    std::vector<double> m_x;
    std::vector<double> m_offset; // per order slot: least distance from the layer's first vertex
    std::vector<Block> m_blocks;
};

// The point where the segment from the box's centre toward `toward` leaves the box.
QPointF borderPoint(QPointF centre, double halfWidth, double halfHeight, QPointF toward)
{
    const double dx = toward.x() - centre.x();
    const double dy = toward.y() - centre.y();
    double t = 1;
    if (std::abs(dx) > 0)
        t = std::min(t, halfWidth / std::abs(dx));
    if (std::abs(dy) > 0)
        t = std::min(t, halfHeight / std::abs(dy));
    return {centre.x() + dx * t, centre.y() + dy * t};
}

QPointF transposed(QPointF p) { return {p.y(), p.x()}; }

} // namespace

DagLayout layoutDag(const LayoutInput &input, const LayoutOptions &options)
{
    DagLayout result;
    const int nodeCount = int(input.sizes.size());
    const bool leftRight = options.direction == LayoutOptions::Direction::LeftRight;

    EdgeSet edges = distinctEdges(input, nodeCount);
    breakCycles(edges, nodeCount);
    const Proper g = buildProper(edges, assignLayers(edges, nodeCount), nodeCount);

    qint64 crossings = 0;
    const std::vector<int> ord = reduceCrossings(g, options, crossings);
    result.crossings = int(std::min<qint64>(crossings, std::numeric_limits<int>::max()));

    // Work in top-down space: `across` is the extent within a layer, `along` the extent along the flow.
    std::vector<double> across(g.vertexCount, std::max(0.0, options.dummyWidth));
    std::vector<double> along(g.vertexCount, 0.0);
    for (int v = 0; v < nodeCount; ++v) {
        const QSizeF size = input.sizes.at(v);
        across[v] = std::max(0.0, leftRight ? size.height() : size.width());
        along[v] = std::max(0.0, leftRight ? size.width() : size.height());
    }
    const int passes = g.vertexCount <= options.fullEffortLimit ? 40 : 5;
    std::vector<double> x = CoordinateSolver(g, ord, across, options).solve(passes);

    double left = 0;
    double right = 0;
    for (int v = 0; v < g.vertexCount; ++v) {
        if (v == 0 || x[v] - across[v] / 2 < left)
            left = x[v] - across[v] / 2;
        if (v == 0 || x[v] + across[v] / 2 > right)
            right = x[v] + across[v] / 2;
    }
    for (double &value : x)
        value -= left;

    std::vector<double> layerY(g.layerCount, 0.0);
    std::vector<double> layerExtent(g.layerCount, 0.0);
    for (int v = 0; v < nodeCount; ++v)
        layerExtent[g.layer[v]] = std::max(layerExtent[g.layer[v]], along[v]);
    double y = 0;
    for (int l = 0; l < g.layerCount; ++l) {
        if (l > 0)
            y += std::max(0.0, options.layerGap);
        layerY[l] = y + layerExtent[l] / 2;
        y += layerExtent[l];
    }

    auto centre = [&](int v) { return QPointF(x[v], layerY[g.layer[v]]); };
    auto place = [&](QPointF p) { return leftRight ? transposed(p) : p; };

    result.layer.reserve(nodeCount);
    result.position.reserve(nodeCount);
    for (int v = 0; v < nodeCount; ++v) {
        result.layer.append(g.layer[v]);
        result.position.append(place(centre(v)));
    }
    result.order.reserve(g.layerCount);
    for (int l = 0; l < g.layerCount; ++l) {
        QList<int> row;
        row.reserve(g.layerStart[l + 1] - g.layerStart[l]);
        for (int k = g.layerStart[l]; k < g.layerStart[l + 1]; ++k)
            row.append(g.isDummy(ord[k]) ? -1 : ord[k]);
        result.order.append(row);
    }

    result.edges.reserve(edges.size());
    for (int e = 0; e < edges.size(); ++e) {
        QList<QPointF> points;
        const int first = g.chainStart[e];
        const int last = g.chainStart[e + 1] - 1;
        for (int k = first; k <= last; ++k)
            points.append(centre(g.chain[k]));
        const int tail = g.chain[first];
        const int head = g.chain[last];
        points.first() = borderPoint(centre(tail), across[tail] / 2, along[tail] / 2, points.at(1));
        points.last() = borderPoint(centre(head), across[head] / 2, along[head] / 2, points.at(points.size() - 2));
        if (edges.reversed[e]) {
            std::reverse(points.begin(), points.end());
            result.reversedEdges.append(edges.inputIndex[e]);
        }
        for (QPointF &p : points)
            p = place(p);
        const auto [from, to] = input.edges.at(edges.inputIndex[e]);
        result.edges.append(LayoutEdge{from, to, points, edges.inputIndex[e]});
    }
    std::sort(result.reversedEdges.begin(), result.reversedEdges.end());

    const QSizeF extent(g.vertexCount ? right - left : 0.0, y);
    result.size = leftRight ? extent.transposed() : extent;
    return result;
}

qint64 countCrossings(const QList<QList<int>> &order, const QList<std::pair<int, int>> &edges)
{
    // Where each id sits; an id listed twice counts at its first place.
    struct Place
    {
        int id;
        int layer;
        int position;
    };
    std::vector<Place> places;
    for (int l = 0; l < order.size(); ++l) {
        for (int k = 0; k < order.at(l).size(); ++k)
            places.push_back({order.at(l).at(k), l, k});
    }
    std::stable_sort(places.begin(), places.end(), [](const Place &a, const Place &b) { return a.id < b.id; });
    auto find = [&](int id) -> const Place * {
        const auto it = std::lower_bound(places.begin(), places.end(), id,
                                         [](const Place &p, int value) { return p.id < value; });
        return it != places.end() && it->id == id ? &*it : nullptr;
    };

    // Per upper layer: (north position, south position) of its edges.
    std::vector<std::vector<std::pair<int, int>>> between(std::max<qsizetype>(0, order.size() - 1));
    for (const auto &[from, to] : edges) {
        const Place *a = find(from);
        const Place *b = find(to);
        if (!a || !b || from < 0 || to < 0)
            continue;
        if (a->layer > b->layer)
            std::swap(a, b);
        if (b->layer != a->layer + 1)
            continue;
        between[a->layer].emplace_back(a->position, b->position);
    }
    qint64 crossings = 0;
    AccumulatorTree tree;
    for (size_t l = 0; l < between.size(); ++l) {
        std::sort(between[l].begin(), between[l].end());
        tree.reset(int(order.at(qsizetype(l) + 1).size()));
        for (const auto &[north, south] : between[l])
            crossings += tree.insert(south);
    }
    return crossings;
}

} // namespace Orchestrator::Graph
