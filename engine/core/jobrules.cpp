#include "jobrules.h"

#include <QStringList>

#include "core/records.h"

namespace Orchestrator {

bool canRetry(JobState state, RetryScope scope)
{
    return state == JobState::RetryWaiting
        || (isFinal(state) && (state != JobState::Succeeded || scope == RetryScope::AllowSucceeded));
}

QString escalationTool(const JobRecord &job)
{
    const QStringList chain = QStringList{job.tool} + job.retry.escalateTo;
    // The tool of the last attempt; escalation goes one step beyond it.
    const QString current = job.retry.toolForAttempt(job.tool, qMax(1, job.countedAttempts()));
    const qsizetype at = chain.lastIndexOf(current);
    return at < 0 || at + 1 >= chain.size() ? QString() : chain.at(at + 1);
}

} // namespace Orchestrator
