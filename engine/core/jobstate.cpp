#include "jobstate.h"

#include <array>
#include <utility>

#include "core/nametable.h"

namespace Orchestrator {

namespace {

constexpr std::array<std::pair<JobState, const char *>, 9> kStates{{
    {JobState::Waiting, "waiting"},
    {JobState::Queued, "queued"},
    {JobState::Running, "running"},
    {JobState::RetryWaiting, "retry_waiting"},
    {JobState::Succeeded, "succeeded"},
    {JobState::Failed, "failed"},
    {JobState::TimedOut, "timed_out"},
    {JobState::Cancelled, "cancelled"},
    {JobState::UpstreamFailed, "upstream_failed"},
}};

constexpr std::array<std::pair<Outcome, const char *>, 10> kOutcomes{{
    {Outcome::Succeeded, "succeeded"},
    {Outcome::Failed, "failed"},
    {Outcome::Signalled, "signalled"},
    {Outcome::FailedToStart, "failed_to_start"},
    {Outcome::TimedOut, "timed_out"},
    {Outcome::Cancelled, "cancelled"},
    {Outcome::Interrupted, "interrupted"},
    {Outcome::SetupFailed, "setup_failed"},
    {Outcome::RateLimited, "rate_limited"},
    {Outcome::AuthFailed, "auth_failed"},
}};

constexpr std::array<std::pair<Priority, const char *>, 4> kPriorities{{
    {Priority::Low, "low"},
    {Priority::Normal, "normal"},
    {Priority::High, "high"},
    {Priority::Critical, "critical"},
}};

} // namespace

using NameTable::nameOf;
using NameTable::valueOf;

QString toString(JobState state) { return nameOf(kStates, state); }
std::optional<JobState> jobStateFromString(const QString &text) { return valueOf(kStates, text); }

bool isFinal(JobState state)
{
    switch (state) {
    case JobState::Succeeded:
    case JobState::Failed:
    case JobState::TimedOut:
    case JobState::Cancelled:
    case JobState::UpstreamFailed:
        return true;
    case JobState::Waiting:
    case JobState::Queued:
    case JobState::Running:
    case JobState::RetryWaiting:
        return false;
    }
    return false;
}

QString toString(Outcome outcome) { return nameOf(kOutcomes, outcome); }
std::optional<Outcome> outcomeFromString(const QString &text) { return valueOf(kOutcomes, text); }

QString attemptStatusName(std::optional<Outcome> outcome)
{
    return outcome ? toString(*outcome) : QStringLiteral("running");
}

std::optional<Outcome> attemptOutcomeFromStatus(const QString &status)
{
    if (status == QLatin1String("running"))
        return std::nullopt;
    // A status this build does not know ended the attempt somehow: not a success.
    return outcomeFromString(status).value_or(Outcome::Failed);
}

QString toString(Priority priority) { return nameOf(kPriorities, priority); }
std::optional<Priority> priorityFromString(const QString &text) { return valueOf(kPriorities, text); }

} // namespace Orchestrator
