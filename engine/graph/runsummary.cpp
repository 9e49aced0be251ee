#include "runsummary.h"

#include <algorithm>
#include <functional>
#include <queue>
#include <vector>

#include <QHash>

namespace Orchestrator::Graph {

namespace {

struct Span
{
    qint64 start = 0;
    qint64 end = 0;
};

// Indices of the attempts that have a start, earliest first; ties by end,
// job id and attempt number so the order never depends on the input order.
std::vector<int> startedByStart(const QList<AttemptRecord> &attempts, const std::vector<qint64> &ends)
{
    std::vector<int> order;
    order.reserve(size_t(attempts.size()));
    for (int i = 0; i < attempts.size(); ++i) {
        if (attempts[i].startedAt)
            order.push_back(i);
    }
    std::sort(order.begin(), order.end(), [&](int a, int b) {
        const AttemptRecord &x = attempts[a];
        const AttemptRecord &y = attempts[b];
        if (*x.startedAt != *y.startedAt)
            return *x.startedAt < *y.startedAt;
        if (ends[size_t(a)] != ends[size_t(b)])
            return ends[size_t(a)] < ends[size_t(b)];
        if (x.jobId != y.jobId)
            return x.jobId < y.jobId;
        if (x.attempt != y.attempt)
            return x.attempt < y.attempt;
        return a < b;
    });
    return order;
}

// Packs one group's attempts (already in start order) into lanes numbered
// from `firstLane`; returns how many lanes it used.
int packGroup(const std::vector<int> &members, const QList<AttemptRecord> &attempts, const std::vector<qint64> &ends,
              int firstLane, QList<int> &lanes)
{
    using Busy = std::pair<qint64, int>; // end, lane
    std::priority_queue<Busy, std::vector<Busy>, std::greater<>> busy;
    std::priority_queue<int, std::vector<int>, std::greater<>> free;
    int used = 0;
    for (int i : members) {
        const qint64 start = *attempts[i].startedAt;
        while (!busy.empty() && busy.top().first <= start) {
            free.push(busy.top().second);
            busy.pop();
        }
        int lane;
        if (free.empty()) {
            lane = used++;
        } else {
            lane = free.top();
            free.pop();
        }
        lanes[i] = firstLane + lane;
        busy.emplace(ends[size_t(i)], lane);
    }
    return used;
}

// The longest chain, weights on the jobs. Kahn's order keeps it O(V + E) and
// simply never reaches the jobs of a cycle.
void findCriticalPath(const QHash<QString, Span> &spans, const QList<std::pair<QString, QString>> &dependencies,
                      RunSummary &summary)
{
    QStringList ids = spans.keys();
    for (const auto &[job, dependsOn] : dependencies) {
        if (!spans.contains(job))
            ids.append(job);
        if (!spans.contains(dependsOn))
            ids.append(dependsOn);
    }
    std::sort(ids.begin(), ids.end());
    ids.erase(std::unique(ids.begin(), ids.end()), ids.end());

    const int count = int(ids.size());
    QHash<QString, int> indexOf;
    indexOf.reserve(count);
    std::vector<qint64> weight(size_t(count), 0);
    for (int i = 0; i < count; ++i) {
        indexOf.insert(ids[i], i);
        const auto span = spans.constFind(ids[i]);
        if (span != spans.cend())
            weight[size_t(i)] = span->end - span->start;
    }

    std::vector<std::vector<int>> successors(static_cast<size_t>(count));
    std::vector<int> inDegree(size_t(count), 0);
    for (const auto &[job, dependsOn] : dependencies) {
        const int from = indexOf.value(dependsOn);
        const int to = indexOf.value(job);
        if (from == to)
            continue;
        successors[size_t(from)].push_back(to);
        ++inDegree[size_t(to)];
    }

    std::vector<qint64> dist(weight);
    std::vector<int> predecessor(size_t(count), -1);
    std::vector<bool> reached(size_t(count), false);
    std::vector<int> queue;
    queue.reserve(size_t(count));
    for (int i = 0; i < count; ++i) {
        if (inDegree[size_t(i)] == 0)
            queue.push_back(i);
    }
    for (size_t head = 0; head < queue.size(); ++head) {
        const int u = queue[head];
        reached[size_t(u)] = true;
        for (int v : successors[size_t(u)]) {
            const qint64 through = dist[size_t(u)] + weight[size_t(v)];
            // Equal chains: through the smaller id, and never through a
            // predecessor that adds nothing (a chain starts where work starts).
            const int pred = predecessor[size_t(v)];
            if (through > dist[size_t(v)] || (through == dist[size_t(v)] && pred >= 0 && u < pred)) {
                dist[size_t(v)] = through;
                predecessor[size_t(v)] = u;
            }
            if (--inDegree[size_t(v)] == 0)
                queue.push_back(v);
        }
    }

    int last = -1;
    for (int i = 0; i < count; ++i) {
        if (reached[size_t(i)] && (last < 0 || dist[size_t(i)] > dist[size_t(last)]))
            last = i;
    }
    if (last < 0 || dist[size_t(last)] <= 0)
        return;

    QStringList path;
    for (int at = last; at >= 0; at = predecessor[size_t(at)])
        path.prepend(ids[at]);
    while (!path.isEmpty() && weight[size_t(indexOf.value(path.constLast()))] == 0)
        path.removeLast();
    while (!path.isEmpty() && weight[size_t(indexOf.value(path.constFirst()))] == 0)
        path.removeFirst();
    summary.criticalPathMs = dist[size_t(last)];
    summary.criticalPath = path;
}

std::vector<qint64> endsOf(const QList<AttemptRecord> &attempts, qint64 nowMs)
{
    std::vector<qint64> ends;
    ends.reserve(size_t(attempts.size()));
    for (const AttemptRecord &attempt : attempts)
        ends.push_back(attemptEndMs(attempt, nowMs));
    return ends;
}

} // namespace

qint64 attemptEndMs(const AttemptRecord &attempt, qint64 nowMs)
{
    if (!attempt.startedAt)
        return 0;
    const qint64 start = *attempt.startedAt;
    qint64 end = start;
    if (attempt.isRunning())
        end = nowMs;
    else if (attempt.finishedAt)
        end = *attempt.finishedAt;
    else if (attempt.durationMs)
        end = start + *attempt.durationMs;
    return std::max(start, end);
}

QList<int> assignLanes(const QList<AttemptRecord> &attempts, const QStringList &groups, qint64 nowMs,
                       int *laneCount)
{
    const std::vector<qint64> ends = endsOf(attempts, nowMs);
    const std::vector<int> order = startedByStart(attempts, ends);

    // Groups in the order they first started.
    QHash<QString, int> groupIndex;
    std::vector<std::vector<int>> members;
    for (int i : order) {
        const QString group = i < groups.size() ? groups[i] : QString();
        auto it = groupIndex.constFind(group);
        if (it == groupIndex.cend()) {
            it = groupIndex.insert(group, int(members.size()));
            members.emplace_back();
        }
        members[size_t(*it)].push_back(i);
    }

    QList<int> lanes(attempts.size(), -1);
    int total = 0;
    for (const std::vector<int> &group : members)
        total += packGroup(group, attempts, ends, total, lanes);
    if (laneCount)
        *laneCount = total;
    return lanes;
}

QList<int> assignLanes(const QList<AttemptRecord> &attempts, qint64 nowMs, int *laneCount)
{
    QStringList owners;
    owners.reserve(attempts.size());
    for (const AttemptRecord &attempt : attempts)
        owners.append(attempt.owner);
    return assignLanes(attempts, owners, nowMs, laneCount);
}

RunSummary summarizeRun(const QList<AttemptRecord> &attempts,
                        const QList<std::pair<QString, QString>> &dependencies, qint64 nowMs, int slotCount)
{
    RunSummary summary;
    QHash<QString, Span> spans;
    qint64 busyMs = 0;
    bool any = false;
    for (const AttemptRecord &attempt : attempts) {
        if (!attempt.startedAt)
            continue;
        const qint64 start = *attempt.startedAt;
        const qint64 end = attemptEndMs(attempt, nowMs);
        busyMs += end - start;
        ++summary.attempts;
        summary.startMs = any ? std::min(summary.startMs, start) : start;
        summary.endMs = any ? std::max(summary.endMs, end) : end;
        any = true;
        auto span = spans.find(attempt.jobId);
        if (span == spans.end()) {
            spans.insert(attempt.jobId, Span{start, end});
        } else {
            span->start = std::min(span->start, start);
            span->end = std::max(span->end, end);
        }
    }
    summary.durationMs = summary.endMs - summary.startMs;

    if (slotCount <= 0)
        assignLanes(attempts, nowMs, &slotCount);
    summary.slotCount = slotCount;
    if (summary.durationMs > 0 && slotCount > 0)
        summary.utilisation = std::min(1.0, double(busyMs) / (double(slotCount) * double(summary.durationMs)));

    findCriticalPath(spans, dependencies, summary);
    return summary;
}

} // namespace Orchestrator::Graph
