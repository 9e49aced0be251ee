#include "rungraph.h"

#include <algorithm>

namespace Orchestrator::Graph {

namespace {

bool isFailure(JobState state)
{
    return state == JobState::Failed || state == JobState::TimedOut || state == JobState::UpstreamFailed;
}

QList<int> reachable(const RunGraph &graph, int start, bool forward)
{
    const int n = int(graph.nodes.size());
    if (start < 0 || start >= n)
        return {};
    QList<QList<int>> adjacent(n);
    for (const auto &[from, to] : graph.edges)
        forward ? adjacent[from].append(to) : adjacent[to].append(from);
    QList<bool> seen(n, false);
    QList<int> stack{start};
    QList<int> out;
    seen[start] = true;
    while (!stack.isEmpty()) {
        const int node = stack.takeLast();
        for (int next : std::as_const(adjacent.at(node))) {
            if (!seen.at(next)) {
                seen[next] = true;
                out.append(next);
                stack.append(next);
            }
        }
    }
    std::sort(out.begin(), out.end());
    return out;
}

} // namespace

JobState groupState(const QList<JobState> &states)
{
    if (states.isEmpty())
        return JobState::Waiting;
    bool allSucceeded = true;
    bool anyFailed = false;
    bool anyRetrying = false;
    bool anyQueued = false;
    bool anyCancelled = false;
    for (JobState state : states) {
        if (state == JobState::Running)
            return JobState::Running;
        allSucceeded = allSucceeded && state == JobState::Succeeded;
        anyFailed = anyFailed || isFailure(state);
        anyRetrying = anyRetrying || state == JobState::RetryWaiting;
        anyQueued = anyQueued || state == JobState::Queued;
        anyCancelled = anyCancelled || state == JobState::Cancelled;
    }
    if (allSucceeded)
        return JobState::Succeeded;
    if (anyFailed)
        return JobState::Failed;
    if (anyRetrying)
        return JobState::RetryWaiting;
    if (anyQueued)
        return JobState::Queued;
    if (anyCancelled && std::all_of(states.cbegin(), states.cend(), [](JobState s) { return isFinal(s); }))
        return JobState::Cancelled;
    return JobState::Waiting;
}

QString stateColorName(JobState state)
{
    switch (state) {
    case JobState::Waiting: return QStringLiteral("#9e9e9e");
    case JobState::Queued: return QStringLiteral("#6d7f99");
    case JobState::Running: return QStringLiteral("#1565c0");
    case JobState::RetryWaiting: return QStringLiteral("#b26a00");
    case JobState::Succeeded: return QStringLiteral("#1b7f3b");
    case JobState::Failed:
    case JobState::TimedOut: return QStringLiteral("#c62828");
    case JobState::Cancelled:
    case JobState::UpstreamFailed: return QStringLiteral("#808080");
    }
    return QStringLiteral("#808080");
}

RunGraph buildRunGraph(const QString &runId, QList<JobRecord> jobs, const QList<std::pair<QString, QString>> &dependencies,
                       const QSet<QString> &collapsedWorkstreams)
{
    std::stable_sort(jobs.begin(), jobs.end(), [](const JobRecord &a, const JobRecord &b) { return a.seq < b.seq; });
    RunGraph graph;
    graph.runId = runId;
    QHash<QString, int> groupOf;
    for (const JobRecord &job : std::as_const(jobs)) {
        if (collapsedWorkstreams.contains(job.workstreamId)) {
            auto group = groupOf.constFind(job.workstreamId);
            if (group == groupOf.cend()) {
                GraphNode node;
                node.id = job.workstreamId;
                node.workstreamId = job.workstreamId;
                node.group = true;
                node.jobs = 0;
                group = groupOf.insert(job.workstreamId, int(graph.nodes.size()));
                graph.nodes.append(node);
            }
            GraphNode &node = graph.nodes[*group];
            ++node.jobs;
            node.done += isFinal(job.state) ? 1 : 0;
            node.failed += isFailure(job.state) ? 1 : 0;
            graph.nodeOfJob.insert(job.jobId, *group);
            continue;
        }
        GraphNode node;
        node.id = job.jobId;
        node.workstreamId = job.workstreamId;
        node.tool = job.tool;
        node.state = job.state;
        node.done = isFinal(job.state) ? 1 : 0;
        node.failed = isFailure(job.state) ? 1 : 0;
        graph.nodeOfJob.insert(job.jobId, int(graph.nodes.size()));
        graph.nodes.append(node);
    }
    // Group states from their jobs.
    QHash<int, QList<JobState>> statesOfGroup;
    for (const JobRecord &job : std::as_const(jobs)) {
        if (collapsedWorkstreams.contains(job.workstreamId))
            statesOfGroup[graph.nodeOfJob.value(job.jobId)].append(job.state);
    }
    for (auto it = statesOfGroup.cbegin(); it != statesOfGroup.cend(); ++it)
        graph.nodes[it.key()].state = groupState(it.value());

    QSet<qint64> seen;
    for (const auto &[job, dependsOn] : dependencies) {
        const int from = graph.nodeIndex(dependsOn);
        const int to = graph.nodeIndex(job);
        if (from < 0 || to < 0 || from == to)
            continue;
        const qint64 key = (qint64(from) << 32) | qint64(to);
        if (seen.contains(key))
            continue;
        seen.insert(key);
        graph.edges.append({from, to});
    }
    return graph;
}

QList<int> upstreamOf(const RunGraph &graph, int node) { return reachable(graph, node, false); }
QList<int> downstreamOf(const RunGraph &graph, int node) { return reachable(graph, node, true); }

} // namespace Orchestrator::Graph
