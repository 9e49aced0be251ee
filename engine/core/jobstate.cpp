#include "jobstate.h"

#include <array>
#include <utility>

namespace Orchestrator {

namespace {

template<typename E, std::size_t N>
QString nameOf(const std::array<std::pair<E, const char *>, N> &table, E value)
{
    for (const auto &[v, name] : table) {
        if (v == value)
            return QString::fromLatin1(name);
    }
    return {};
}

template<typename E, std::size_t N>
std::optional<E> valueOf(const std::array<std::pair<E, const char *>, N> &table, const QString &text)
{
    for (const auto &[v, name] : table) {
        if (text == QLatin1String(name))
            return v;
    }
    return std::nullopt;
}

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

constexpr std::array<std::pair<Outcome, const char *>, 7> kOutcomes{{
    {Outcome::Succeeded, "succeeded"},
    {Outcome::Failed, "failed"},
    {Outcome::Signalled, "signalled"},
    {Outcome::FailedToStart, "failed_to_start"},
    {Outcome::TimedOut, "timed_out"},
    {Outcome::Cancelled, "cancelled"},
    {Outcome::Interrupted, "interrupted"},
}};

constexpr std::array<std::pair<Priority, const char *>, 4> kPriorities{{
    {Priority::Low, "low"},
    {Priority::Normal, "normal"},
    {Priority::High, "high"},
    {Priority::Critical, "critical"},
}};

} // namespace

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
    default:
        return false;
    }
}

QString toString(Outcome outcome) { return nameOf(kOutcomes, outcome); }
std::optional<Outcome> outcomeFromString(const QString &text) { return valueOf(kOutcomes, text); }

QString toString(Priority priority) { return nameOf(kPriorities, priority); }
std::optional<Priority> priorityFromString(const QString &text) { return valueOf(kPriorities, text); }

} // namespace Orchestrator
