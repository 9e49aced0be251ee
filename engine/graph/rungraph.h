#pragma once

#include <QHash>
#include <QList>
#include <QSet>
#include <QString>

#include <utility>

#include "core/jobstate.h"
#include "core/records.h"

namespace Orchestrator::Graph {

// One node of a run's dependency graph: a job, or a whole workstream
// collapsed into one node (with its progress).
struct GraphNode
{
    QString id;                     // job id, or workstream id for a group
    QString workstreamId;
    QString tool;                   // jobs only
    bool group = false;
    JobState state = JobState::Waiting;
    int jobs = 1;                   // jobs in the node (1 for a job)
    int done = 0;                   // of those, final
    int failed = 0;                 // of those, failed, timed out or upstream failed
};

// The drawable graph of one run: nodes in submission order, edges from a
// dependency to its dependent, without duplicates or self-loops (edges inside
// a collapsed workstream disappear).
struct RunGraph
{
    QString runId;
    QList<GraphNode> nodes;
    QList<std::pair<int, int>> edges;
    QHash<QString, int> nodeOfJob;  // every job id of the run -> its node

    int nodeIndex(const QString &jobId) const { return nodeOfJob.value(jobId, -1); }
};

// `jobs` are the run's jobs (any order; drawn in `seq` order), `dependencies`
// (job, depends_on) pairs as JobStore::runDependencies returns them.
RunGraph buildRunGraph(const QString &runId, QList<JobRecord> jobs, const QList<std::pair<QString, QString>> &dependencies,
                       const QSet<QString> &collapsedWorkstreams = {});

// A collapsed workstream's state: running if any job runs, failed if any
// failed, succeeded when all did, otherwise the least advanced state.
JobState groupState(const QList<JobState> &states);

// The state colour shared by every view and export (#rrggbb).
QString stateColorName(JobState state);

// Node ids reachable against / along the edges from `node` (not including it).
QList<int> upstreamOf(const RunGraph &graph, int node);
QList<int> downstreamOf(const RunGraph &graph, int node);

} // namespace Orchestrator::Graph
