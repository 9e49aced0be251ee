#include "explain.h"

#include "tools/toolregistry.h"

#include <QDateTime>

#include "scheduling/toolcaps.h"
#include "scheduling/transitions.h"
#include "store/jobstore.h"

namespace Orchestrator {

Result<QString> explainJob(JobStore &store, const JobRecord &job)
{
    switch (job.state) {
    case JobState::Waiting: {
        auto deps = store.dependencies(job.jobId);
        if (!deps)
            return deps.error();
        auto states = store.states(*deps);
        if (!states)
            return states.error();
        QStringList pending;
        for (const QString &dep : std::as_const(*deps)) {
            if (states->value(dep) != JobState::Succeeded)
                pending.append(QStringLiteral("%1 (%2)").arg(dep, toString(states->value(dep))));
        }
        return QString(QStringLiteral("waiting on ") + pending.join(QStringLiteral(", ")));
    }
    case JobState::Queued: {
        auto paused = Transitions::isPaused(store);
        if (!paused)
            return paused.error();
        if (*paused)
            return QStringLiteral("queue paused");
        auto holder = store.repoLockHolder(job.jobId);
        if (!holder)
            return holder.error();
        if (!holder->isEmpty())
            return QStringLiteral("repo locked by %1 (%2)").arg(*holder, job.repoRoot);
        // A tool with a max_concurrent whose slots are all taken.
        auto limits = store.toolLimits();
        if (!limits)
            return limits.error();
        if (auto tools = ToolRegistry::load(); tools && anyToolCap(*tools, *limits)) {
            const QString tool = job.attemptTool();
            if (const int cap = toolCap(*tools, *limits, tool); cap > 0) {
                auto running = store.runningAttemptsOf(tool);
                if (!running)
                    return running.error();
                if (*running >= cap)
                    return QStringLiteral("waiting for a %1 slot (%2 of %3 busy)").arg(tool).arg(*running).arg(cap);
            }
        }
        auto ahead = store.queuedAhead(job);
        if (!ahead)
            return ahead.error();
        const int count = *ahead;
        // Engines that are not late by the default heartbeat (the Workers view's rule).
        auto engines = store.liveEngines(JobStore::now() - EngineRecord::lateAfterIntervalMs(EngineRecord::kDefaultHeartbeatIntervalMs));
        if (!engines)
            return engines.error();
        if (*engines == 0)
            return QStringLiteral("queued, but no engine is working this database: start one with "
                                  "`orchestrator worker` (or `orchestrator run`, or the dashboard)");
        return count == 0 ? QStringLiteral("queued: next to start when a worker is free")
                          : QStringLiteral("queued: %1 job(s) ahead").arg(count);
    }
    case JobState::RetryWaiting: {
        const QString at = job.nextAttemptAt ? QDateTime::fromMSecsSinceEpoch(*job.nextAttemptAt).toString(QStringLiteral("HH:mm:ss"))
                                             : QStringLiteral("?");
        return QStringLiteral("retry at %1 with %2").arg(at, job.nextTool.isEmpty() ? job.tool : job.nextTool);
    }
    case JobState::Running: {
        const qint64 seconds = job.startedAt ? (JobStore::now() - *job.startedAt) / 1000 : 0;
        return QStringLiteral("running attempt %1 on %2 for %3 s%4")
            .arg(job.attempts)
            .arg(job.owner)
            .arg(seconds)
            .arg(job.cancelRequested ? QStringLiteral(" (cancel requested)") : QString());
    }
    case JobState::Succeeded:
    case JobState::Failed:
    case JobState::TimedOut:
    case JobState::Cancelled:
    case JobState::UpstreamFailed:
        return job.reason;
    }
    return job.reason;
}

} // namespace Orchestrator
