// `orchestrator usage`: tokens and cost of AI-tool attempts, grouped by tool,
// model, workstream, day or run, with a total. Cost estimated from the price
// table is told apart from the tools' own figures.

#include <optional>

#include <QCommandLineParser>
#include <QDateTime>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>

#include "cli/cli.h"
#include "cli/clicontext.h"
#include "api/engine.h"

namespace Orchestrator::Cli {

// Also used by cli.cpp.
int usageCommand(Context &context);

namespace {

// --since: a local date (its midnight), an ISO date-time (local unless it
// says its offset), or an age before `now` ("7d", "12h", "30m", "2w").
std::optional<qint64> parseSince(const QString &text, const QDateTime &now)
{
    const QString value = text.trimmed();
    static const QRegularExpression age(QStringLiteral("^(\\d{1,6})([mhdw])$"));
    if (const QRegularExpressionMatch match = age.match(value); match.hasMatch()) {
        static const QHash<QChar, qint64> unitMs{{u'm', 60'000}, {u'h', 3'600'000}, {u'd', 86'400'000}, {u'w', 7 * 86'400'000LL}};
        return now.toMSecsSinceEpoch() - match.captured(1).toLongLong() * unitMs.value(match.captured(2).at(0));
    }
    if (value.size() == 10) {
        const QDate date = QDate::fromString(value, Qt::ISODate);
        if (date.isValid())
            return QDateTime(date, QTime(0, 0)).toMSecsSinceEpoch();
    }
    QString dateTime = value;
    if (dateTime.size() > 10 && dateTime.at(10) == u' ')
        dateTime[10] = u'T';
    const QDateTime parsed = QDateTime::fromString(dateTime, Qt::ISODateWithMs);
    if (parsed.isValid() && dateTime.size() > 10)
        return parsed.toMSecsSinceEpoch();
    return std::nullopt;
}

QString heading(UsageGrouping by)
{
    return toString(by).toUpper();
}

// A group's name in the table: a model the tool did not name, a
// workstream with its run, a run with its title.
QString label(const UsageRow &row, UsageGrouping by, const QHash<QString, QString> &titles)
{
    if (by == UsageGrouping::Model && row.key.isEmpty())
        return QStringLiteral("(not named)");
    if (by == UsageGrouping::Workstream)
        return QStringLiteral("%1 (%2)").arg(row.key, row.runId);
    if (by == UsageGrouping::Run && !titles.value(row.key).isEmpty())
        return QStringLiteral("%1 (%2)").arg(row.key, titles.value(row.key));
    return row.key;
}

QString dollars(double usd)
{
    return QString::number(usd, 'f', 4);
}

// "$1.2300 (0.4000 est., 2 unknown)", "unknown" when no cost is known.
QString costText(const UsageRow &row)
{
    if (!row.anyCostKnown())
        return QStringLiteral("unknown");
    QStringList notes;
    if (row.estimatedCostUsd > 0)
        notes.append(dollars(row.estimatedCostUsd) + QStringLiteral(" est."));
    if (row.unknownCost > 0)
        notes.append(QStringLiteral("%1 unknown").arg(row.unknownCost));
    QString text = QLatin1Char('$') + dollars(row.costUsd);
    if (!notes.isEmpty())
        text += QStringLiteral(" (%1)").arg(notes.join(QStringLiteral(", ")));
    return text;
}

QJsonObject rowJson(const UsageRow &row)
{
    return QJsonObject{
        {QStringLiteral("attempts"), double(row.attempts)},
        {QStringLiteral("input_tokens"), double(row.inputTokens)},
        {QStringLiteral("cached_input_tokens"), double(row.cachedInputTokens)},
        {QStringLiteral("output_tokens"), double(row.outputTokens)},
        {QStringLiteral("cost_usd"), row.anyCostKnown() ? QJsonValue(row.costUsd) : QJsonValue()},
        {QStringLiteral("estimated_cost_usd"), row.estimatedCostUsd},
        {QStringLiteral("unknown_cost_attempts"), double(row.unknownCost)},
    };
}

QJsonObject reportJson(const UsageReport &report, const UsageQuery &query)
{
    QJsonArray groups;
    for (const UsageRow &row : report.rows) {
        QJsonObject group = rowJson(row);
        group.insert(QStringLiteral("key"), row.key);
        if (report.by == UsageGrouping::Workstream)
            group.insert(QStringLiteral("run_id"), row.runId);
        groups.append(group);
    }
    return QJsonObject{
        {QStringLiteral("by"), toString(report.by)},
        {QStringLiteral("run_id"), query.runId.isEmpty() ? QJsonValue() : QJsonValue(query.runId)},
        {QStringLiteral("since"), query.since ? QJsonValue(double(*query.since)) : QJsonValue()},
        {QStringLiteral("groups"), groups},
        {QStringLiteral("total"), rowJson(report.total)},
    };
}

void printReport(QTextStream &out, const UsageReport &report, const QHash<QString, QString> &titles)
{
    struct Line
    {
        QStringList cells;
    };
    QList<Line> lines;
    lines.append({{heading(report.by), QStringLiteral("ATTEMPTS"), QStringLiteral("INPUT"), QStringLiteral("CACHED"),
                   QStringLiteral("OUTPUT"), QStringLiteral("COST")}});
    const auto cells = [](const QString &name, const UsageRow &row) {
        return Line{{name, QString::number(row.attempts), QString::number(row.inputTokens), QString::number(row.cachedInputTokens),
                     QString::number(row.outputTokens), costText(row)}};
    };
    for (const UsageRow &row : report.rows)
        lines.append(cells(label(row, report.by, titles), row));
    lines.append(cells(QStringLiteral("total"), report.total));

    QList<qsizetype> widths(6, 0);
    for (const Line &line : std::as_const(lines)) {
        for (qsizetype i = 0; i < line.cells.size(); ++i)
            widths[i] = qMax(widths.at(i), line.cells.at(i).size());
    }
    for (const Line &line : std::as_const(lines)) {
        // The name left, the numbers right, the cost as it reads.
        out << line.cells.at(0).leftJustified(widths.at(0));
        for (qsizetype i = 1; i < 5; ++i)
            out << "  " << line.cells.at(i).rightJustified(widths.at(i));
        out << "  " << line.cells.at(5) << '\n';
    }
}

} // namespace

int usageCommand(Context &context)
{
    QCommandLineParser parser;
    const QCommandLineOption run(QStringList{QStringLiteral("run"), QStringLiteral("run-id")}, QStringLiteral("Only attempts of this run."),
                                 QStringLiteral("id"));
    const QCommandLineOption since(QStringLiteral("since"),
                                   QStringLiteral("Only attempts started since then: YYYY-MM-DD, an ISO date-time, or an age such as 7d or 12h."),
                                   QStringLiteral("when"));
    const QCommandLineOption by(QStringLiteral("by"), QStringLiteral("Group by tool (default), model, workstream, day or run."),
                                QStringLiteral("group"), QStringLiteral("tool"));
    const QCommandLineOption json(QStringLiteral("json"), QStringLiteral("Print JSON instead of text."));
    parser.addOptions({run, since, by, json});
    int code = 0;
    if (!context.parse(parser, QStringLiteral("Tokens and cost of AI-tool attempts, grouped, with a total.\n"
                                              "A cost the tool did not report is estimated from its model's price "
                                              "(\"est.\"), or unknown when the model has none."),
                       code))
        return code;
    if (!parser.positionalArguments().isEmpty())
        return context.usage(QStringLiteral("unexpected argument \"%1\"").arg(parser.positionalArguments().first()));

    UsageQuery query;
    query.runId = parser.value(run);
    const std::optional<UsageGrouping> grouping = usageGroupingFromString(parser.value(by));
    if (!grouping)
        return context.usage(QStringLiteral("--by: expected tool, model, workstream, day or run, got \"%1\"").arg(parser.value(by)));
    query.by = *grouping;
    if (parser.isSet(since)) {
        query.since = parseSince(parser.value(since), QDateTime::currentDateTime());
        if (!query.since)
            return context.usage(QStringLiteral("--since: expected a date (YYYY-MM-DD), an ISO date-time (2026-05-01T14:00) "
                                                "or an age (30m, 12h, 7d, 2w), got \"%1\"").arg(parser.value(since)));
    }

    Engine engine;
    if (Status s = context.openExisting(engine); !s)
        return context.fail(s.error());
    auto report = engine.usage(query);
    if (!report)
        return context.fail(report.error());
    if (parser.isSet(json)) {
        context.out() << QJsonDocument(reportJson(*report, query)).toJson(QJsonDocument::Indented);
        return ExitOk;
    }
    QHash<QString, QString> titles;
    if (query.by == UsageGrouping::Run) {
        auto read = engine.runTitles();
        if (!read)
            return context.fail(read.error());
        titles = *read;
    }
    printReport(context.out(), *report, titles);
    return ExitOk;
}

} // namespace Orchestrator::Cli
