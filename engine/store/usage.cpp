#include "jobstore.h"

#include <QDateTime>
#include <QMap>

#include "store/rows.h"

// Usage: what the attempts of AI tools used, added up per tool, model,
// workstream, day or run. One GROUP BY over step_attempts joined to jobs;
// attempts whose events were not read (input_tokens NULL) are not counted.

namespace Orchestrator {

using namespace Rows;

namespace {

// Days are local days, and a time zone's offset is a whole number of quarter
// hours: attempts are grouped by quarter hour in SQL (the same integer
// division in SQLite and PostgreSQL), and the quarters by local date here.
constexpr qint64 kQuarterHourMs = 15 * 60 * 1000;

QString groupColumns(UsageGrouping by)
{
    switch (by) {
    case UsageGrouping::Tool:
        return QStringLiteral("a.step_name AS group_key, '' AS group_run");
    case UsageGrouping::Model:
        return QStringLiteral("COALESCE(a.model, '') AS group_key, '' AS group_run");
    case UsageGrouping::Workstream:
        return QStringLiteral("j.workstream_id AS group_key, j.run_id AS group_run");
    case UsageGrouping::Day:
        return QStringLiteral("a.started_at / %1 AS group_key, '' AS group_run").arg(kQuarterHourMs);
    case UsageGrouping::Run:
        return QStringLiteral("a.run_id AS group_key, '' AS group_run");
    }
    return {};
}

QString groupBy(UsageGrouping by)
{
    switch (by) {
    case UsageGrouping::Tool:
        return QStringLiteral("a.step_name");
    case UsageGrouping::Model:
        return QStringLiteral("COALESCE(a.model, '')");
    case UsageGrouping::Workstream:
        return QStringLiteral("j.run_id, j.workstream_id");
    case UsageGrouping::Day:
        return QStringLiteral("a.started_at / %1").arg(kQuarterHourMs);
    case UsageGrouping::Run:
        return QStringLiteral("a.run_id");
    }
    return {};
}

QString usageSql(const UsageQuery &query)
{
    QString sql = QStringLiteral(
        "SELECT %1, COUNT(*) AS attempts, COALESCE(SUM(a.input_tokens), 0) AS input_tokens, "
        "COALESCE(SUM(a.cached_input_tokens), 0) AS cached_input_tokens, COALESCE(SUM(a.output_tokens), 0) AS output_tokens, "
        "COALESCE(SUM(a.cost_usd), 0) AS cost_usd, "
        "COALESCE(SUM(CASE WHEN a.cost_source = 'price_table' THEN a.cost_usd ELSE 0 END), 0) AS estimated_usd, "
        "SUM(CASE WHEN a.cost_usd IS NULL THEN 1 ELSE 0 END) AS unknown_cost "
        "FROM step_attempts a JOIN jobs j ON j.job_id = a.job_id "
        "WHERE a.input_tokens IS NOT NULL AND a.finished_at IS NOT NULL")
                      .arg(groupColumns(query.by));
    if (!query.runId.isEmpty())
        sql += QStringLiteral(" AND a.run_id = ?");
    if (query.since)
        sql += QStringLiteral(" AND a.started_at >= ?");
    sql += QStringLiteral(" GROUP BY %1 ORDER BY %1").arg(groupBy(query.by));
    return sql;
}

UsageRow readUsageRow(const Row &row)
{
    UsageRow r;
    r.key = row.text("group_key");
    r.runId = row.text("group_run");
    r.attempts = row.number("attempts");
    r.inputTokens = row.number("input_tokens");
    r.cachedInputTokens = row.number("cached_input_tokens");
    r.outputTokens = row.number("output_tokens");
    r.costUsd = row.value("cost_usd").toDouble();
    r.estimatedCostUsd = row.value("estimated_usd").toDouble();
    r.unknownCost = row.number("unknown_cost");
    return r;
}

// Quarter hours (oldest first) to local days.
QList<UsageRow> byLocalDay(const QList<UsageRow> &quarters)
{
    QMap<QString, UsageRow> days;
    for (const UsageRow &quarter : quarters) {
        const QString day = QDateTime::fromMSecsSinceEpoch(quarter.key.toLongLong() * kQuarterHourMs).date().toString(Qt::ISODate);
        UsageRow &sum = days[day];
        sum.key = day;
        sum.add(quarter);
    }
    return days.values();
}

} // namespace

Result<QList<UsageRow>> JobStore::usage(const UsageQuery &query)
{
    QSqlQuery &q = prepared(usageSql(query));
    int i = 0;
    if (!query.runId.isEmpty())
        q.bindValue(i++, query.runId);
    if (query.since)
        q.bindValue(i++, *query.since);
    if (Status s = execPrepared(q, "read usage"); !s)
        return s.error();
    const QList<UsageRow> rows = readRows<UsageRow>(q, readUsageRow);
    return query.by == UsageGrouping::Day ? byLocalDay(rows) : rows;
}

} // namespace Orchestrator
