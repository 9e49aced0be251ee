#pragma once

#include <utility>

#include <QList>
#include <QString>
#include <QStringList>

#include "core/records.h"

namespace Orchestrator::Graph {

// What a run's attempts add up to, computed without any widget so the
// timeline view, the command line and the bench share it. Times are ms since
// the epoch; an attempt still running ends at `nowMs`. Attempts without a
// start time are not counted anywhere.
struct RunSummary
{
    qint64 startMs = 0;             // first attempt start
    qint64 endMs = 0;               // last attempt end
    qint64 durationMs = 0;          // endMs - startMs
    // The longest chain through the dependency graph, a job weighing its wall
    // span (first attempt start to last attempt end, so retries and backoff
    // count). Job ids, first to last; jobs that never ran are not at either end.
    qint64 criticalPathMs = 0;
    QStringList criticalPath;
    // Attempt time over slots x run duration, 0..1. (Not named `slots`: that
    // is a Qt keyword macro.)
    double utilisation = 0;
    int slotCount = 0;
    int attempts = 0;               // attempts with a start time
};

// Where an attempt ends: `nowMs` while it runs, else its finish time (or its
// start plus its duration when the finish was not recorded). Never before its
// start; 0 when it has no start.
qint64 attemptEndMs(const AttemptRecord &attempt, qint64 nowMs);

// `dependencies` are (job, depends_on) pairs. `slotCount` is the number of
// worker slots the run had; 0 counts the lanes of assignLanes(). The result depends
// only on the input: ties on the critical path go to the smaller job id.
// Jobs on a dependency cycle (which submission rejects) never join the path.
RunSummary summarizeRun(const QList<AttemptRecord> &attempts,
                        const QList<std::pair<QString, QString>> &dependencies, qint64 nowMs, int slotCount = 0);

// One lane per worker slot: attempts of each owner (engine) are packed into
// as few lanes as they need (greedy interval partitioning, earliest start
// first, into the lowest free lane), so attempts in a lane never overlap and
// an owner gets as many lanes as it ran attempts at once. Lanes of the owner
// that started first come first. Returns the lane of each attempt (-1 for an
// attempt without a start time) and sets *laneCount.
QList<int> assignLanes(const QList<AttemptRecord> &attempts, qint64 nowMs, int *laneCount);

// The same packing with the group of each attempt given (a workstream, say)
// instead of its owner: `groups[i]` belongs to `attempts[i]`.
QList<int> assignLanes(const QList<AttemptRecord> &attempts, const QStringList &groups, qint64 nowMs,
                       int *laneCount);

} // namespace Orchestrator::Graph
