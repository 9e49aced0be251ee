#include "eventkind.h"

#include <array>

#include "core/nametable.h"

namespace Orchestrator {

namespace {

constexpr std::array<std::pair<EventKind, const char *>, 25> kEventKinds{{
    {EventKind::Submitted, "submitted"},
    {EventKind::State, "state"},
    {EventKind::Started, "started"},
    {EventKind::Ready, "ready"},
    {EventKind::RetryScheduled, "retry_scheduled"},
    {EventKind::RetryDue, "retry_due"},
    {EventKind::RetryNow, "retry_now"},
    {EventKind::Retry, "retry"},
    {EventKind::EscalateNow, "escalate_now"},
    {EventKind::Released, "released"},
    {EventKind::CrashRetry, "crash_retry"},
    {EventKind::CrashFailed, "crash_failed"},
    {EventKind::Quarantined, "quarantined"},
    {EventKind::Cancelled, "cancelled"},
    {EventKind::CancelRequested, "cancel_requested"},
    {EventKind::UpstreamFailed, "upstream_failed"},
    {EventKind::StaleResult, "stale_result"},
    {EventKind::Priority, "priority"},
    {EventKind::QueuePaused, "queue_paused"},
    {EventKind::QueueResumed, "queue_resumed"},
    {EventKind::Landed, "landed"},
    {EventKind::Discarded, "discarded"},
    {EventKind::ResubmittedAs, "resubmitted_as"},
    {EventKind::ResubmittedFrom, "resubmitted_from"},
    {EventKind::Unknown, "unknown"},
}};

} // namespace

QString toString(EventKind kind) { return NameTable::nameOf(kEventKinds, kind); }

std::optional<EventKind> eventKindFromString(const QString &text)
{
    // "unknown" is this build's word for what it cannot read, not a stored kind.
    const std::optional<EventKind> kind = NameTable::valueOf(kEventKinds, text);
    return kind == EventKind::Unknown ? std::nullopt : kind;
}

} // namespace Orchestrator
