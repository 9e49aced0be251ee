// Tokens and cost: the price table (built in and a user's overrides), the
// estimate for attempts whose tool reports no cost (codex), per-job usage in
// `status` and `list --json`, and `orchestrator usage`. Stand-in claude,
// codex and gemini scripts replay recorded streams (tests/data/agentstreams/)
// through the real `orchestrator` binary on real SQLite files.
#include <cmath>
#include <functional>

#include <QDate>
#include <QDateTime>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>

#include "store/database.h"
#include "store/jobstore.h"
#include "tools/pricetable.h"
#include "tools/toolprofiles.h"
#include "tools/toolregistry.h"

#include "storesupport.h"
#include "testsupport.h"

using namespace Orchestrator;
using namespace TestSupport;
using namespace Qt::StringLiterals;

namespace {

// codex-success.jsonl: 24763 input tokens, 24448 of them cached, 122 output.
double codexSuccessCost(double input, double cached, double output)
{
    return ((24763 - 24448) * input + 24448 * cached + 122 * output) / 1e6;
}

bool near(double a, double b) { return std::abs(a - b) < 1e-9; }

} // namespace

class TestUsage final : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<QTemporaryDir> m_dir;
    QString m_db;
    QString m_standIn;

    QString path(const QString &name) const { return m_dir->filePath(name); }
    static QString stream(const QString &name) { return QStringLiteral(ORCH_SOURCE_DIR "/tests/data/agentstreams/") + name; }

    // A job of `tool` whose attempt N replays streams.at(N - 1) and exits with codes.at(N - 1).
    QString agentJob(const QString &id, const QString &tool, const QStringList &streams, const QList<int> &codes,
                     const QJsonObject &config = {}, const QString &workstream = u"ws-a"_s)
    {
        QJsonObject env;
        for (int i = 0; i < streams.size(); ++i) {
            env.insert(u"STANDIN_STREAM_%1"_s.arg(i + 1), streams.at(i));
            env.insert(u"STANDIN_EXIT_%1"_s.arg(i + 1), QString::number(codes.at(i)));
        }
        QJsonObject job{{u"job_id"_s, id},
                        {u"workstream_id"_s, workstream},
                        {u"tool"_s, tool},
                        {u"instructions"_s, u"add a README"_s},
                        {u"env"_s, env},
                        {u"metadata"_s, QJsonObject{{u"retry_policy"_s, QJsonObject{{u"max_attempts"_s, int(streams.size())},
                                                                                     {u"backoff_seconds"_s, 0}}}}}};
        if (!config.isEmpty())
            job.insert(u"config"_s, config);
        return writeJson(path(u"jobs/%1.json"_s.arg(id)), job);
    }

    QProcessEnvironment env(const QString &toolsFile = {}) const
    {
        QProcessEnvironment e = cliEnvironment();
        for (const char *tool : {"CLAUDE", "CODEX", "GEMINI"})
            e.insert(u"ORCHESTRATOR_TOOL_PATH_"_s + QLatin1String(tool), m_standIn);
        if (!toolsFile.isEmpty())
            e.insert(u"ORCHESTRATOR_TOOLS_FILE"_s, toolsFile);
        return e;
    }
    CliRun cli(const QStringList &args, const QProcessEnvironment &environment) const
    {
        return runCli(args + QStringList{u"--db"_s, m_db}, m_dir->path(), environment, 120000);
    }
    CliRun cli(const QStringList &args) const { return cli(args, env()); }
    QJsonDocument cliJson(const QStringList &args) const
    {
        const CliRun run = cli(args + QStringList{u"--json"_s});
        if (run.exitCode != 0)
            qFatal("orchestrator %s: %s", qPrintable(args.join(u' ')), run.err.constData());
        return QJsonDocument::fromJson(run.out);
    }
    QList<AttemptRecord> attempts(const QString &id) const { return StoreSupport::storedAttempts(m_db, id); }
    void runJobs(const QStringList &files, const QString &toolsFile = {}, int expectedExit = 0)
    {
        const CliRun run = cli(QStringList{u"run"_s} + files, env(toolsFile));
        QVERIFY2(run.exitCode == expectedExit, run.err.constData());
    }

    // Three tools, two workstreams, four jobs (one retried), costs of
    // every kind: claude's own, codex estimated, codex unknown, gemini estimated.
    QStringList mixedJobs()
    {
        const QString failedTurn = writeFile(path(u"codex-failed-turn.jsonl"_s),
                                             "{\"type\":\"thread.started\",\"thread_id\":\"t-1\"}\n"
                                             "{\"type\":\"turn.completed\",\"usage\":{\"input_tokens\":1000,\"cached_input_tokens\":0,\"output_tokens\":10}}\n"
                                             "{\"type\":\"turn.failed\",\"error\":{\"message\":\"stream error\"}}\n");
        return {agentJob(u"claude-1"_s, u"claude"_s, {stream(u"claude-success.jsonl"_s)}, {0}),
                agentJob(u"codex-known"_s, u"codex"_s, {failedTurn, stream(u"codex-success.jsonl"_s)}, {1, 0},
                         {{u"model"_s, u"gpt-5-codex"_s}}),
                agentJob(u"codex-mystery"_s, u"codex"_s, {stream(u"codex-success.jsonl"_s)}, {0}, {{u"model"_s, u"mystery-1"_s}},
                         u"ws-b"_s),
                agentJob(u"gemini-1"_s, u"gemini"_s, {stream(u"gemini-success.jsonl"_s)}, {0}, {}, u"ws-b"_s)};
    }

    // Every finished attempt of those jobs, summed the way `usage` reports them.
    UsageRow sumOfAttempts(const QStringList &jobs, const std::function<bool(const AttemptRecord &)> &keep = {})
    {
        UsageRow sum;
        for (const QString &id : jobs) {
            for (const AttemptRecord &a : attempts(id)) {
                if (keep && !keep(a))
                    continue;
                ++sum.attempts;
                sum.inputTokens += a.usage.inputTokens;
                sum.cachedInputTokens += a.usage.cachedInputTokens;
                sum.outputTokens += a.usage.outputTokens;
                sum.costUsd += a.usage.costUsd.value_or(0);
                sum.estimatedCostUsd += a.usage.costSource == CostSource::PriceTable ? *a.usage.costUsd : 0;
                sum.unknownCost += a.usage.costUsd ? 0 : 1;
            }
        }
        return sum;
    }

    static void compareRow(const QJsonObject &json, const UsageRow &expected)
    {
        QCOMPARE(qint64(json.value(u"attempts"_s).toDouble()), expected.attempts);
        QCOMPARE(qint64(json.value(u"input_tokens"_s).toDouble()), expected.inputTokens);
        QCOMPARE(qint64(json.value(u"cached_input_tokens"_s).toDouble()), expected.cachedInputTokens);
        QCOMPARE(qint64(json.value(u"output_tokens"_s).toDouble()), expected.outputTokens);
        QVERIFY2(near(json.value(u"cost_usd"_s).toDouble(), expected.costUsd),
                 qPrintable(u"%1 != %2"_s.arg(json.value(u"cost_usd"_s).toDouble()).arg(expected.costUsd)));
        QVERIFY(near(json.value(u"estimated_cost_usd"_s).toDouble(), expected.estimatedCostUsd));
        QCOMPARE(qint64(json.value(u"unknown_cost_attempts"_s).toDouble()), expected.unknownCost);
    }

    // The groups of a `usage --json` report added up, and compared with its total.
    static UsageRow sumOfGroups(const QJsonObject &report)
    {
        UsageRow sum;
        for (const QJsonValue &value : report.value(u"groups"_s).toArray()) {
            const QJsonObject g = value.toObject();
            sum.attempts += qint64(g.value(u"attempts"_s).toDouble());
            sum.inputTokens += qint64(g.value(u"input_tokens"_s).toDouble());
            sum.cachedInputTokens += qint64(g.value(u"cached_input_tokens"_s).toDouble());
            sum.outputTokens += qint64(g.value(u"output_tokens"_s).toDouble());
            sum.costUsd += g.value(u"cost_usd"_s).toDouble();
            sum.estimatedCostUsd += g.value(u"estimated_cost_usd"_s).toDouble();
            sum.unknownCost += qint64(g.value(u"unknown_cost_attempts"_s).toDouble());
        }
        return sum;
    }

    static QJsonObject group(const QJsonObject &report, const QString &key)
    {
        for (const QJsonValue &value : report.value(u"groups"_s).toArray()) {
            if (value.toObject().value(u"key"_s).toString() == key)
                return value.toObject();
        }
        return {};
    }

private Q_SLOTS:
    void init()
    {
        m_dir = std::make_unique<QTemporaryDir>();
        QVERIFY(m_dir->isValid());
        m_db = path(u"data/orchestrator.db"_s);
        m_standIn = writeFile(path(u"bin/agent"_s),
                              "#!/bin/sh\n"
                              "eval \"f=\\$STANDIN_STREAM_$ORCHESTRATOR_ATTEMPT; code=\\$STANDIN_EXIT_$ORCHESTRATOR_ATTEMPT\"\n"
                              "cat \"$f\"\n"
                              "exit ${code:-0}\n");
        QFile::setPermissions(m_standIn, QFile::permissions(m_standIn) | QFileDevice::ExeOwner);
    }
    void cleanup() { m_dir.reset(); }

    void priceLookup_data()
    {
        QTest::addColumn<QString>("model");
        QTest::addColumn<QString>("expected");  // the entry found; empty: none
        QTest::newRow("exact") << u"gpt-5"_s << u"gpt-5"_s;
        QTest::newRow("longest prefix wins") << u"gpt-5-codex"_s << u"gpt-5-codex"_s;
        QTest::newRow("dated snapshot") << u"gpt-5-codex-2026-01-15"_s << u"gpt-5-codex"_s;
        QTest::newRow("variant of the shorter") << u"gpt-5-2025-08-07"_s << u"gpt-5"_s;
        QTest::newRow("case does not matter") << u"GPT-5-Mini"_s << u"gpt-5-mini"_s;
        QTest::newRow("provider prefix") << u"openai/gpt-5-mini"_s << u"gpt-5-mini"_s;
        QTest::newRow("vertex version suffix") << u"claude-sonnet-4-5@20250929"_s << u"claude-sonnet-4-5"_s;
        QTest::newRow("not a word boundary") << u"gpt-50"_s << QString();
        QTest::newRow("a newer version is not the old one") << u"gpt-5.6"_s << QString();
        QTest::newRow("unknown") << u"mystery-1"_s << QString();
        QTest::newRow("empty") << QString() << QString();
    }
    void priceLookup()
    {
        QFETCH(QString, model);
        QFETCH(QString, expected);
        PriceTable table;
        const QStringList names{u"gpt-5"_s, u"gpt-5-codex"_s, u"gpt-5-mini"_s, u"claude-sonnet-4-5"_s, u"claude-sonnet-4"_s};
        for (qsizetype i = 0; i < names.size(); ++i)
            table.insert(names.at(i), ModelPrice{double(i + 1), 0, 0});
        const ModelPrice *found = table.find(model);
        if (expected.isEmpty()) {
            QVERIFY(!found);
        } else {
            QVERIFY(found);
            QCOMPARE(found->input, double(names.indexOf(expected) + 1));
        }
    }

    void settleCost_data()
    {
        QTest::addColumn<qint64>("input");
        QTest::addColumn<qint64>("cached");
        QTest::addColumn<qint64>("output");
        QTest::addColumn<double>("toolCost");   // < 0: the tool gave none
        QTest::addColumn<QString>("model");
        QTest::addColumn<double>("expected");   // < 0: unknown
        QTest::addColumn<int>("source");
        const int unknown = int(CostSource::Unknown), tool = int(CostSource::Tool), table = int(CostSource::PriceTable);
        QTest::newRow("tool's own figure wins") << qint64(1000000) << qint64(0) << qint64(0) << 0.5 << u"gpt-5"_s << 0.5 << tool;
        QTest::newRow("a tool cost of zero is still the tool's") << qint64(10) << qint64(0) << qint64(0) << 0.0 << u"gpt-5"_s << 0.0 << tool;
        QTest::newRow("uncached input") << qint64(2000000) << qint64(0) << qint64(0) << -1.0 << u"gpt-5"_s << 4.0 << table;
        QTest::newRow("cached input at its rate") << qint64(2000000) << qint64(1000000) << qint64(0) << -1.0 << u"gpt-5"_s << 2.5 << table;
        QTest::newRow("output") << qint64(0) << qint64(0) << qint64(500000) << -1.0 << u"gpt-5"_s << 5.0 << table;
        QTest::newRow("all three") << qint64(1000000) << qint64(500000) << qint64(100000) << -1.0 << u"gpt-5"_s << 2.25 << table;
        QTest::newRow("cached beyond input is input") << qint64(100) << qint64(1000) << qint64(0) << -1.0 << u"gpt-5"_s << 0.00005 << table;
        QTest::newRow("no price") << qint64(1000) << qint64(0) << qint64(10) << -1.0 << u"mystery-1"_s << -1.0 << unknown;
        QTest::newRow("no model") << qint64(1000) << qint64(0) << qint64(10) << -1.0 << QString() << -1.0 << unknown;
        QTest::newRow("no tokens") << qint64(0) << qint64(0) << qint64(0) << -1.0 << u"gpt-5"_s << -1.0 << unknown;
    }
    void settleCost()
    {
        QFETCH(qint64, input);
        QFETCH(qint64, cached);
        QFETCH(qint64, output);
        QFETCH(double, toolCost);
        QFETCH(QString, model);
        QFETCH(double, expected);
        QFETCH(int, source);
        PriceTable table;
        table.insert(u"gpt-5"_s, ModelPrice{2.0, 0.5, 10.0});
        AttemptUsage usage{input, cached, output, toolCost < 0 ? std::nullopt : std::optional<double>(toolCost)};
        const AttemptUsage settled = Pricing::settle(usage, model, table);
        QCOMPARE(int(settled.costSource), source);
        QCOMPARE(settled.costUsd.has_value(), expected >= 0);
        if (expected >= 0)
            QVERIFY2(near(*settled.costUsd, expected), qPrintable(QString::number(*settled.costUsd)));
        QCOMPARE(settled.inputTokens, input);
    }

    // The built-in table parses and has the models the issue names.
    void builtInPrices()
    {
        const Result<ToolRegistry> registry = ToolRegistry::load(path(u"absent/tools.json"_s));
        QVERIFY2(registry, qPrintable(registry.error().message));
        for (const QString &model : {u"gpt-5"_s, u"gpt-5-codex"_s, u"gpt-5-mini"_s, u"o4-mini"_s, u"gemini-2.5-pro"_s,
                                     u"gemini-2.5-flash"_s, u"claude-sonnet-4-5-20250929"_s, u"claude-opus-4-1-20250805"_s,
                                     u"claude-haiku-4-5-20251001"_s})
            QVERIFY2(registry->prices().find(model), qPrintable(model));
        QCOMPARE(registry->prices().find(u"gemini-2.5-flash-lite"_s)->output, 0.40);
    }

    // A user's entry replaces the built-in one of that model and adds new ones; the rest stay.
    void userPricesOverride()
    {
        const QString file = writeJson(path(u"tools.json"_s),
                                       QJsonObject{{u"prices"_s, QJsonObject{
                                           {u"gpt-5"_s, QJsonObject{{u"input"_s, 9}, {u"output"_s, 90}}},
                                           {u"local-llama"_s, QJsonObject{{u"input"_s, 0}, {u"cached_input"_s, 0}, {u"output"_s, 0}}},
                                       }}});
        const Result<ToolRegistry> registry = ToolRegistry::load(file);
        QVERIFY2(registry, qPrintable(registry.error().message));
        QCOMPARE(*registry->prices().find(u"gpt-5-2025-08-07"_s), (ModelPrice{9, 9, 90}));  // no cached price: input's
        QCOMPARE(*registry->prices().find(u"local-llama-3"_s), (ModelPrice{0, 0, 0}));
        QCOMPARE(registry->prices().find(u"gpt-5-mini"_s)->input, 0.25);
    }

    void badPricesEntry_data()
    {
        QTest::addColumn<QByteArray>("prices");
        QTest::addColumn<QString>("expected");
        QTest::newRow("not an object") << QByteArray("[1]") << u"/prices: expected an object of model names"_s;
        QTest::newRow("entry not an object") << QByteArray("{\"gpt-5\": 1.25}") << u"/prices/gpt-5: expected an object such as"_s;
        QTest::newRow("price not a number") << QByteArray("{\"gpt-5\": {\"input\": \"cheap\", \"output\": 1}}")
                                            << u"/prices/gpt-5/input: expected USD per million tokens, a number from 0 to 1000000, got \"cheap\""_s;
        QTest::newRow("negative price") << QByteArray("{\"gpt-5\": {\"input\": 1, \"output\": -2}}")
                                        << u"/prices/gpt-5/output: expected USD per million tokens"_s;
        QTest::newRow("missing output") << QByteArray("{\"gpt-5\": {\"input\": 1}}")
                                        << u"/prices/gpt-5: missing required field \"output\""_s;
        QTest::newRow("unknown field") << QByteArray("{\"gpt-5\": {\"input\": 1, \"output\": 2, \"cache_input\": 1}}")
                                       << u"/prices/gpt-5/cache_input: unknown field, did you mean \"cached_input\"?"_s;
    }
    // In a tools file, through the real binary: the file, the field and the reason.
    void badPricesEntry()
    {
        QFETCH(QByteArray, prices);
        QFETCH(QString, expected);
        const QString file = writeFile(path(u"tools.json"_s), "{\"prices\": " + prices + "}");
        const QString job = agentJob(u"j"_s, u"codex"_s, {stream(u"codex-success.jsonl"_s)}, {0});
        const CliRun run = cli({u"run"_s, job}, env(file));
        QVERIFY(run.exitCode != 0);
        const QString err = QString::fromUtf8(run.err);
        QVERIFY2(err.contains(file + u": "_s + expected), run.err.constData());
    }

    // codex reports tokens, no cost: the built-in price of the job's model estimates it.
    void codexCostFromBuiltInTable()
    {
        runJobs({agentJob(u"codex"_s, u"codex"_s, {stream(u"codex-success.jsonl"_s)}, {0}, {{u"model"_s, u"gpt-5-codex-2026-01"_s}})});
        const AttemptRecord a = attempts(u"codex"_s).first();
        QCOMPARE(a.model, u"gpt-5-codex-2026-01"_s);
        QCOMPARE(a.usage.costSource, CostSource::PriceTable);
        QVERIFY(a.usage.costUsd);
        QVERIFY(near(*a.usage.costUsd, codexSuccessCost(1.25, 0.125, 10)));

        const QJsonObject status = cliJson({u"status"_s, u"--job-id"_s, u"codex"_s}).object();
        const QJsonObject usage = status.value(u"attempt_history"_s).toArray().first().toObject().value(u"usage"_s).toObject();
        QCOMPARE(usage.value(u"cost_source"_s).toString(), u"price_table"_s);
        QVERIFY(near(usage.value(u"cost_usd"_s).toDouble(), *a.usage.costUsd));
        QVERIFY(near(status.value(u"usage"_s).toObject().value(u"cost_usd"_s).toDouble(), *a.usage.costUsd));

        const CliRun text = cli({u"status"_s, u"--job-id"_s, u"codex"_s});
        QVERIFY2(text.out.contains("usage:       [24763 in (24448 cached), 122 out, $0.0047 est.]"), text.out.constData());
        QVERIFY2(text.out.contains("122 out, $0.0047 est.]\n"), text.out.constData());
    }

    void codexCostFromUserOverride()
    {
        const QString tools = writeJson(path(u"tools.json"_s),
                                        QJsonObject{{u"prices"_s, QJsonObject{{u"gpt-5-codex"_s, QJsonObject{{u"input"_s, 2},
                                                                                                             {u"cached_input"_s, 1},
                                                                                                             {u"output"_s, 20}}}}}});
        runJobs({agentJob(u"codex"_s, u"codex"_s, {stream(u"codex-success.jsonl"_s)}, {0}, {{u"model"_s, u"gpt-5-codex"_s}})}, tools);
        const AttemptRecord a = attempts(u"codex"_s).first();
        QCOMPARE(a.usage.costSource, CostSource::PriceTable);
        QVERIFY(near(*a.usage.costUsd, codexSuccessCost(2, 1, 20)));
    }

    // No price for the model, or no model at all: tokens recorded, cost unknown everywhere.
    void unknownModelStaysUnknown()
    {
        runJobs({agentJob(u"mystery"_s, u"codex"_s, {stream(u"codex-success.jsonl"_s)}, {0}, {{u"model"_s, u"mystery-1"_s}}),
                 agentJob(u"unnamed"_s, u"codex"_s, {stream(u"codex-success.jsonl"_s)}, {0})});
        for (const QString &id : {u"mystery"_s, u"unnamed"_s}) {
            const AttemptRecord a = attempts(id).first();
            QCOMPARE(a.usage.inputTokens, qint64(24763));
            QVERIFY(!a.usage.costUsd);
            QCOMPARE(a.usage.costSource, CostSource::Unknown);
        }
        const CliRun text = cli({u"status"_s, u"--job-id"_s, u"mystery"_s});
        QVERIFY2(text.out.contains("usage:       [24763 in (24448 cached), 122 out, cost unknown]"), text.out.constData());
        const QJsonArray list = cliJson({u"list"_s}).array();
        QCOMPARE(list.size(), 2);
        for (const QJsonValue &job : list) {
            const QJsonObject usage = job.toObject().value(u"usage"_s).toObject();
            QVERIFY(usage.value(u"cost_usd"_s).isNull());
            QCOMPARE(usage.value(u"input_tokens"_s).toDouble(), 24763.0);
        }
        const QJsonObject report = cliJson({u"usage"_s, u"--by"_s, u"model"_s}).object();
        QCOMPARE(group(report, u"mystery-1"_s).value(u"unknown_cost_attempts"_s).toDouble(), 1.0);
        QVERIFY(group(report, u"mystery-1"_s).value(u"cost_usd"_s).isNull());
        QCOMPARE(group(report, QString()).value(u"attempts"_s).toDouble(), 1.0);
        QVERIFY(report.value(u"total"_s).toObject().value(u"cost_usd"_s).isNull());
    }

    // A job's usage in list --json is the sum of its attempts'; a job with none has zeros.
    void listJobUsageIsSumOfAttempts()
    {
        const QStringList files = mixedJobs();
        runJobs(files);
        QCOMPARE(attempts(u"codex-known"_s).size(), 2);
        const QJsonArray list = cliJson({u"list"_s}).array();
        QCOMPARE(list.size(), 4);
        for (const QJsonValue &value : list) {
            const QJsonObject job = value.toObject();
            const UsageRow expected = sumOfAttempts({job.value(u"job_id"_s).toString()});
            const QJsonObject usage = job.value(u"usage"_s).toObject();
            QCOMPARE(qint64(usage.value(u"input_tokens"_s).toDouble()), expected.inputTokens);
            QCOMPARE(qint64(usage.value(u"cached_input_tokens"_s).toDouble()), expected.cachedInputTokens);
            QCOMPARE(qint64(usage.value(u"output_tokens"_s).toDouble()), expected.outputTokens);
            if (expected.attempts == expected.unknownCost)
                QVERIFY(usage.value(u"cost_usd"_s).isNull());
            else
                QVERIFY(near(usage.value(u"cost_usd"_s).toDouble(), expected.costUsd));
        }
        // The retried job: both attempts' tokens, and the sum on the status line.
        const UsageRow retried = sumOfAttempts({u"codex-known"_s});
        QCOMPARE(retried.inputTokens, qint64(24763 + 1000));
        const CliRun text = cli({u"status"_s, u"--job-id"_s, u"codex-known"_s});
        QVERIFY2(text.out.contains(u"usage:       [%1 in"_s.arg(retried.inputTokens).toUtf8()), text.out.constData());
    }

    void usageReport_data()
    {
        QTest::addColumn<QString>("by");
        QTest::addColumn<QStringList>("keys");
        QTest::newRow("tool") << u"tool"_s << QStringList{u"claude"_s, u"codex"_s, u"gemini"_s};
        QTest::newRow("model") << u"model"_s << QStringList{u"claude-sonnet-4-5-20250929"_s, u"gemini-2.5-pro"_s, u"gpt-5-codex"_s, u"mystery-1"_s};
        QTest::newRow("workstream") << u"workstream"_s << QStringList{u"ws-a"_s, u"ws-b"_s};
        QTest::newRow("day") << u"day"_s << QStringList{QDate::currentDate().toString(Qt::ISODate)};
    }
    // Every grouping's groups add up to its total, and the total to the attempts.
    void usageReport()
    {
        QFETCH(QString, by);
        QFETCH(QStringList, keys);
        const QStringList files = mixedJobs();
        runJobs(files);
        const QStringList jobs{u"claude-1"_s, u"codex-known"_s, u"codex-mystery"_s, u"gemini-1"_s};
        const UsageRow all = sumOfAttempts(jobs);
        QCOMPARE(all.attempts, qint64(5));
        QCOMPARE(all.unknownCost, qint64(1));
        QVERIFY(all.estimatedCostUsd > 0 && all.estimatedCostUsd < all.costUsd);

        const QJsonObject report = cliJson({u"usage"_s, u"--by"_s, by}).object();
        QCOMPARE(report.value(u"by"_s).toString(), by);
        QStringList found;
        for (const QJsonValue &g : report.value(u"groups"_s).toArray())
            found.append(g.toObject().value(u"key"_s).toString());
        QCOMPARE(found, keys);
        compareRow(report.value(u"total"_s).toObject(), all);
        compareRow(report.value(u"total"_s).toObject(), sumOfGroups(report));

        if (by == u"tool"_s) {
            compareRow(group(report, u"codex"_s), sumOfAttempts(jobs, [](const AttemptRecord &a) { return a.tool == u"codex"_s; }));
            // Text: one row per tool and a total, the estimate and the unknown said.
            const CliRun text = cli({u"usage"_s});
            QVERIFY2(text.exitCode == 0, text.err.constData());
            const QList<QByteArray> lines = text.out.trimmed().split('\n');
            QCOMPARE(lines.size(), 5);
            QVERIFY(lines.first().startsWith("TOOL"));
            QVERIFY2(lines.last().startsWith("total") && lines.last().contains(" est., 1 unknown)"), text.out.constData());
            QVERIFY2(lines.at(1).startsWith("claude") && lines.at(1).endsWith("$0.0842"), lines.at(1).constData());
        }
        if (by == u"workstream"_s)
            QCOMPARE(group(report, u"ws-b"_s).value(u"attempts"_s).toDouble(), 2.0);
    }

    // --run and --since narrow the attempts; --by run names the run.
    void usageFilters()
    {
        runJobs(mixedJobs());
        const QString otherJob = agentJob(u"later"_s, u"codex"_s, {stream(u"codex-success.jsonl"_s)}, {0}, {{u"model"_s, u"gpt-5"_s}});
        const CliRun other = cli({u"run"_s, u"--run-id"_s, u"other-run"_s, otherJob});
        QVERIFY2(other.exitCode == 0, other.err.constData());

        const QJsonObject byRun = cliJson({u"usage"_s, u"--by"_s, u"run"_s}).object();
        QCOMPARE(byRun.value(u"groups"_s).toArray().size(), 2);
        QCOMPARE(group(byRun, u"other-run"_s).value(u"attempts"_s).toDouble(), 1.0);
        QCOMPARE(byRun.value(u"total"_s).toObject().value(u"attempts"_s).toDouble(), 6.0);

        const QJsonObject oneRun = cliJson({u"usage"_s, u"--run"_s, u"other-run"_s}).object();
        QCOMPARE(oneRun.value(u"total"_s).toObject().value(u"attempts"_s).toDouble(), 1.0);
        QVERIFY(near(oneRun.value(u"total"_s).toObject().value(u"estimated_cost_usd"_s).toDouble(), codexSuccessCost(1.25, 0.125, 10)));

        const QString today = QDate::currentDate().toString(Qt::ISODate);
        const QString tomorrow = QDate::currentDate().addDays(1).toString(Qt::ISODate);
        const QString hourAgo = QDateTime::currentDateTime().addSecs(-3600).toString(Qt::ISODate);
        for (const QString &since : {u"1d"_s, u"12h"_s, today, hourAgo})
            QCOMPARE(cliJson({u"usage"_s, u"--since"_s, since}).object().value(u"total"_s).toObject().value(u"attempts"_s).toDouble(), 6.0);
        const QJsonObject none = cliJson({u"usage"_s, u"--since"_s, tomorrow}).object();
        QCOMPARE(none.value(u"groups"_s).toArray().size(), 0);
        QCOMPARE(none.value(u"total"_s).toObject().value(u"attempts"_s).toDouble(), 0.0);
    }

    void badOptions_data()
    {
        QTest::addColumn<QStringList>("args");
        QTest::addColumn<QString>("expected");
        QTest::newRow("since a word") << QStringList{u"--since"_s, u"yesterday"_s}
                                      << u"orchestrator usage: --since: expected a date (YYYY-MM-DD), an ISO date-time (2026-05-01T14:00) "
                                         "or an age (30m, 12h, 7d, 2w), got \"yesterday\""_s;
        QTest::newRow("since no unit") << QStringList{u"--since"_s, u"7"_s} << u"--since: expected a date"_s;
        QTest::newRow("since bad date") << QStringList{u"--since"_s, u"2026-13-40"_s} << u"got \"2026-13-40\""_s;
        QTest::newRow("by unknown") << QStringList{u"--by"_s, u"colour"_s}
                                    << u"--by: expected tool, model, workstream, day or run, got \"colour\""_s;
    }
    void badOptions()
    {
        QFETCH(QStringList, args);
        QFETCH(QString, expected);
        runJobs({agentJob(u"j"_s, u"codex"_s, {stream(u"codex-success.jsonl"_s)}, {0})});
        const CliRun run = cli(QStringList{u"usage"_s} + args);
        QCOMPARE(run.exitCode, 2);
        QVERIFY2(QString::fromUtf8(run.err).contains(expected), run.err.constData());
    }
};

QTEST_GUILESS_MAIN(TestUsage)
#include "tst_usage.moc"
