// Engine::usage: tokens and cost of AI-tool attempts, grouped
// (store/usage.cpp reads them).

#include "engine.h"

#include "core/nametable.h"
#include "store/jobstore.h"

namespace Orchestrator {

namespace {

constexpr std::array<std::pair<UsageGrouping, const char *>, 5> kGroupings{{
    {UsageGrouping::Tool, "tool"},
    {UsageGrouping::Model, "model"},
    {UsageGrouping::Workstream, "workstream"},
    {UsageGrouping::Day, "day"},
    {UsageGrouping::Run, "run"},
}};

} // namespace

QString toString(UsageGrouping by) { return NameTable::nameOf(kGroupings, by); }

std::optional<UsageGrouping> usageGroupingFromString(const QString &text) { return NameTable::valueOf(kGroupings, text); }

Result<UsageReport> Engine::usage(const UsageQuery &query)
{
    if (!store())
        return notOpen();
    auto rows = store()->usage(query);
    if (!rows)
        return rows.error();
    UsageReport report;
    report.by = query.by;
    report.rows = std::move(rows).value();
    for (const UsageRow &row : std::as_const(report.rows))
        report.total.add(row);
    return report;
}

} // namespace Orchestrator
