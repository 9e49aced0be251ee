// The readers of AI tools' output (engine/tools/agentevents.h): streams
// written after the tools' documented formats and real recordings of the
// tools without credentials (tests/data/agentstreams/real/), fed whole, in
// random chunks and split at every offset; the outcome each comes to, its
// message, tokens, cost and conversation; tolerance of what is not an event;
// the bounds; and the reset times read from the tools' words.

#include <cmath>

#include <QRandomGenerator>
#include <QTest>
#include <QTimeZone>

#include "testsupport.h"
#include "tools/agentevents.h"
#include "tools/agenttext.h"

using namespace Orchestrator;
using namespace Qt::StringLiterals;

namespace {

// Every stream is read as if it ran on 2 December 2026 at 10:00 UTC.
const QDateTime kNow(QDate(2026, 12, 2), QTime(10, 0), QTimeZone::utc());

qint64 utcMs(int year, int month, int day, int hour, int minute)
{
    return QDateTime(QDate(year, month, day), QTime(hour, minute), QTimeZone::utc()).toMSecsSinceEpoch();
}

QByteArray fixture(const QString &name)
{
    if (name.isEmpty())
        return {};
    const QString path = QFINDTESTDATA(u"data/agentstreams/"_s + name);
    if (path.isEmpty())
        qFatal("missing fixture %s", qPrintable(name));
    return TestSupport::readFile(path);
}

AgentUsage usage(qint64 input, qint64 cached, qint64 output, qint64 cacheCreation, std::optional<double> cost)
{
    return AgentUsage{input, cached, output, cacheCreation, cost};
}

void feedInChunks(AgentEventReader &reader, const QByteArray &out, const QByteArray &err, QRandomGenerator &random)
{
    qsizetype o = 0;
    qsizetype e = 0;
    while (o < out.size() || e < err.size()) {
        // Mostly small pieces, now and then a large one, interleaving the two streams.
        const auto size = [&random] { return random.bounded(8) == 0 ? random.bounded(1, 4096) : random.bounded(1, 24); };
        if (o < out.size() && (e >= err.size() || random.bounded(2) == 0)) {
            const qsizetype n = std::min<qsizetype>(size(), out.size() - o);
            reader.feedStdout(QByteArrayView(out).sliced(o, n));
            o += n;
        } else {
            const qsizetype n = std::min<qsizetype>(size(), err.size() - e);
            reader.feedStderr(QByteArrayView(err).sliced(e, n));
            e += n;
        }
    }
}

AgentReport readWhole(AgentEventFormat format, const QByteArray &out, const QByteArray &err,
                      std::optional<int> exitCode)
{
    AgentEventReader reader(format, kNow);
    reader.feedStdout(out);
    reader.feedStderr(err);
    reader.finish(exitCode);
    return reader.report();
}

QByteArray codexLine(const QByteArray &json) { return json + '\n'; }

void compareItems(const QList<AgentItem> &actual, const QList<AgentItem> &expected)
{
    QCOMPARE(actual.size(), expected.size());
    for (qsizetype i = 0; i < expected.size(); ++i)
        QVERIFY2(actual.at(i) == expected.at(i), qPrintable(u"item %1: %2"_s.arg(i).arg(actual.at(i).text)));
}

} // namespace

class TestAgentEvents final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void formatNames();
    void outcomeNames();

    void streams_data();
    void streams();
    void everySplitOffset_data();
    void everySplitOffset();

    void claudeConversation();
    void codexConversation();
    void geminiConversation();
    void aiderConversation();

    void outcomeShowsBeforeExit();
    void retryChatterIsNotFinal();
    void onlyWaitingIsSettled();
    void toleratesWhatIsNotAnEvent();
    void crlfLineEnds();
    void lastLineWithoutNewline();
    void overlongLineIsSkipped();
    void finishIsFinal();
    void changedItems();
    void itemsAreBounded();

    void resetTime_data();
    void resetTime();
    void classify_data();
    void classify();
    void durationMs_data();
    void durationMs();
};

void TestAgentEvents::formatNames()
{
    for (const AgentEventFormat format : {AgentEventFormat::None, AgentEventFormat::ClaudeStreamJson,
                                          AgentEventFormat::CodexJsonl, AgentEventFormat::GeminiStreamJson,
                                          AgentEventFormat::AiderText}) {
        const Result<AgentEventFormat> back = agentEventFormatFromString(toString(format));
        QVERIFY2(back.ok(), qPrintable(toString(format)));
        QVERIFY(*back == format);
    }
    QCOMPARE(toString(AgentEventFormat::ClaudeStreamJson), u"claude-stream-json"_s);
    QCOMPARE(toString(AgentEventFormat::CodexJsonl), u"codex-jsonl"_s);
    QCOMPARE(toString(AgentEventFormat::GeminiStreamJson), u"gemini-stream-json"_s);
    QCOMPARE(toString(AgentEventFormat::AiderText), u"aider-text"_s);
    QCOMPARE(toString(AgentEventFormat::None), u"none"_s);

    const Result<AgentEventFormat> unknown = agentEventFormatFromString(u"claude-json"_s);
    QVERIFY(!unknown.ok());
    QCOMPARE(unknown.error().code, ErrorCode::Validation);
    QCOMPARE(unknown.error().message,
             u"unknown events format \"claude-json\" (known: none, claude-stream-json, codex-jsonl, gemini-stream-json, aider-text)"_s);
    QVERIFY(!agentEventFormatFromString(QString()).ok());
}

void TestAgentEvents::outcomeNames()
{
    const QList<std::pair<AgentOutcome, QString>> names{
        {AgentOutcome::Unknown, u"unknown"_s},         {AgentOutcome::Ok, u"ok"_s},
        {AgentOutcome::Error, u"error"_s},             {AgentOutcome::RateLimited, u"rate_limited"_s},
        {AgentOutcome::AuthFailed, u"auth_failed"_s},  {AgentOutcome::BudgetExceeded, u"budget_exceeded"_s},
        {AgentOutcome::MaxTurns, u"max_turns"_s},      {AgentOutcome::Network, u"network"_s},
    };
    for (const auto &[outcome, name] : names) {
        QCOMPARE(toString(outcome), name);
        QCOMPARE(agentOutcomeFromString(name), std::optional<AgentOutcome>(outcome));
    }
    QCOMPARE(agentOutcomeFromString(u"rate-limited"_s), std::nullopt);
}

void TestAgentEvents::streams_data()
{
    QTest::addColumn<AgentEventFormat>("format");
    QTest::addColumn<QString>("stdoutFile");
    QTest::addColumn<QString>("stderrFile");
    QTest::addColumn<std::optional<int>>("exitCode");  // none: killed
    QTest::addColumn<AgentOutcome>("outcome");
    QTest::addColumn<QString>("message");
    QTest::addColumn<std::optional<qint64>>("resetAt");
    QTest::addColumn<QString>("sessionId");
    QTest::addColumn<QString>("model");
    QTest::addColumn<AgentUsage>("usage");
    QTest::addColumn<int>("numTurns");
    QTest::addColumn<int>("items");

    const auto claude = AgentEventFormat::ClaudeStreamJson;
    const auto codex = AgentEventFormat::CodexJsonl;
    const auto gemini = AgentEventFormat::GeminiStreamJson;
    const auto aider = AgentEventFormat::AiderText;
    const std::optional<int> killed;
    const std::optional<qint64> noReset;
    const QString claudeSession = u"4f1c2a8e-7b3d-4c55-9a10-2e6f0b9d1c01"_s;
    const QString sonnet = u"claude-sonnet-4-5-20250929"_s;
    const AgentUsage claudeDefaultUsage = usage(21 + 5230 + 60412, 60412, 1873, 5230, 0.0842);
    const AgentUsage claudeNothing = usage(0, 0, 0, 0, 0.0);
    const QString codexThread = u"0199a213-81c0-7800-8aa1-bbab2a035a53"_s;
    const QString geminiSession = u"7e442f40-7062-4912-bf12-74bd5d8ff0cc"_s;

    // claude, after its documented stream-json
    QTest::newRow("claude success with usage and cost")
        << claude << u"claude-success.jsonl"_s << QString() << std::optional<int>(0) << AgentOutcome::Ok
        << u"I added README.md with a short description."_s << noReset << claudeSession << sonnet << claudeDefaultUsage
        << 6 << 5;
    QTest::newRow("claude exit 0 with is_error")
        << claude << u"claude-exit0-is-error.jsonl"_s << QString() << std::optional<int>(0) << AgentOutcome::Error
        << u"Prompt is too long"_s << noReset << claudeSession << sonnet << usage(21 + 5230 + 60412, 60412, 1873, 5230, 0.0)
        << 1 << 1;
    QTest::newRow("claude rate limit retried, then success")
        << claude << u"claude-rate-limit-then-success.jsonl"_s << QString() << std::optional<int>(0) << AgentOutcome::Ok
        << u"Done: README.md added."_s << noReset << claudeSession << sonnet << usage(10, 0, 50, 0, 0.0123) << 2 << 1;
    QTest::newRow("claude rate limited with resetsAt")
        << claude << u"claude-rate-limited.jsonl"_s << QString() << std::optional<int>(1) << AgentOutcome::RateLimited
        << u"You've hit your session limit · resets 3pm (UTC)"_s << std::optional<qint64>(1796223600000LL)
        << claudeSession << sonnet << claudeNothing << 1 << 1;
    QTest::newRow("claude retrying when killed")
        << claude << u"claude-retrying-killed.jsonl"_s << QString() << killed << AgentOutcome::Network
        << u"API request failed (overloaded, HTTP 529); retry 2 of 10"_s << noReset << claudeSession << sonnet
        << AgentUsage{} << 0 << 0;
    QTest::newRow("claude invalid API key")
        << claude << u"claude-auth-401.jsonl"_s << QString() << std::optional<int>(1) << AgentOutcome::AuthFailed
        << u"Invalid API key · Fix external API key"_s << noReset << claudeSession << sonnet << claudeNothing << 1 << 1;
    QTest::newRow("claude max budget")
        << claude << u"claude-budget-exceeded.jsonl"_s << QString() << std::optional<int>(1)
        << AgentOutcome::BudgetExceeded << u"claude stopped: error_max_budget_usd"_s << noReset << claudeSession << sonnet
        << usage(40 + 12000 + 300000, 300000, 9000, 12000, 0.5112) << 9 << 1;
    QTest::newRow("claude billing error")
        << claude << u"claude-billing.jsonl"_s << QString() << std::optional<int>(1) << AgentOutcome::BudgetExceeded
        << u"Credit balance is too low"_s << noReset << claudeSession << sonnet << claudeNothing << 1 << 1;
    QTest::newRow("claude max turns")
        << claude << u"claude-max-turns.jsonl"_s << QString() << std::optional<int>(1) << AgentOutcome::MaxTurns
        << u"Reached maximum number of turns (3)"_s << noReset << claudeSession << sonnet
        << usage(12 + 800 + 9000, 9000, 700, 800, 0.0401) << 3 << 1;
    QTest::newRow("claude error subtype without is_error")
        << claude << u"claude-subtype-without-is-error.jsonl"_s << QString() << std::optional<int>(0) << AgentOutcome::Ok
        << u"Finished with warnings."_s << noReset << claudeSession << sonnet << claudeDefaultUsage << 6 << 0;
    // claude 2.1.197, recorded (real/README.md)
    QTest::newRow("real claude, not logged in")
        << claude << u"real/claude-noauth.stdout"_s << u"real/claude-noauth.stderr"_s << std::optional<int>(1)
        << AgentOutcome::AuthFailed << u"Not logged in · Please run /login"_s << noReset
        << u"0668423f-9fd0-4f69-a1de-20e4a1474b9d"_s << u"claude-opus-4-8[1m]"_s << claudeNothing << 1 << 1;
    QTest::newRow("real claude, offline")
        << claude << u"real/claude-offline.stdout"_s << u"real/claude-offline.stderr"_s << std::optional<int>(1)
        << AgentOutcome::Network << u"API Error: Unable to connect to API (FailedToOpenSocket)"_s << noReset
        << u"a715fb34-9c6e-4263-af67-2f894289f5cd"_s << u"claude-opus-4-8[1m]"_s << claudeNothing << 1 << 1;
    QTest::newRow("claude retrying, exit 143 (terminated)")
        << claude << u"claude-retrying-killed.jsonl"_s << QString() << std::optional<int>(143) << AgentOutcome::Network
        << u"API request failed (overloaded, HTTP 529); retry 2 of 10"_s << noReset << claudeSession << sonnet
        << AgentUsage{} << 0 << 0;

    // codex, after exec_events.rs
    QTest::newRow("codex success")
        << codex << u"codex-success.jsonl"_s << QString() << std::optional<int>(0) << AgentOutcome::Ok
        << u"Added README.md and a check target."_s << noReset << codexThread << QString()
        << usage(24763, 24448, 122, 0, std::nullopt) << 1 << 4;
    QTest::newRow("codex turn.failed")
        << codex << u"codex-turn-failed.jsonl"_s << QString() << std::optional<int>(1) << AgentOutcome::Error
        << u"unexpected status 400 Bad Request: {\"detail\":\"Unsupported model\"}"_s << noReset << codexThread
        << QString() << AgentUsage{} << 0 << 0;
    QTest::newRow("codex usage limit")
        << codex << u"codex-usage-limit.jsonl"_s << QString() << std::optional<int>(1) << AgentOutcome::RateLimited
        << u"You’ve hit your usage limit. Upgrade to Pro (https://chatgpt.com/explore/pro), visit https://chatgpt.com/settings/usage to purchase more credits or try again at 3:28 PM."_s
        << std::optional<qint64>(utcMs(2026, 12, 2, 15, 28)) << codexThread << QString() << AgentUsage{} << 0 << 0;
    QTest::newRow("codex workspace out of credits")
        << codex << u"codex-workspace-credits.jsonl"_s << QString() << std::optional<int>(1)
        << AgentOutcome::BudgetExceeded
        << u"Your workspace is out of credits. Ask your workspace owner to refill in order to continue."_s << noReset
        << codexThread << QString() << AgentUsage{} << 0 << 0;
    // codex 0.171.0, recorded: offline it never ends, so the runner kills it
    QTest::newRow("real codex, offline, killed")
        << codex << u"real/codex-noauth.stdout"_s << u"real/codex-noauth.stderr"_s << killed << AgentOutcome::Network
        << u"Reconnecting... waiting for network (Connection failed: error sending request)"_s << noReset
        << u"01a234e5-a94c-77a0-83d7-3c439f2d2b6b"_s << QString() << AgentUsage{} << 0 << 0;
    QTest::newRow("real codex, offline, timeout's exit 124")
        << codex << u"real/codex-noauth.stdout"_s << u"real/codex-noauth.stderr"_s << std::optional<int>(124)
        << AgentOutcome::Network << u"Reconnecting... waiting for network (Connection failed: error sending request)"_s
        << noReset << u"01a234e5-a94c-77a0-83d7-3c439f2d2b6b"_s << QString() << AgentUsage{} << 0 << 0;

    // gemini, after its stream-json
    QTest::newRow("gemini success with stats")
        << gemini << u"gemini-success.jsonl"_s << QString() << std::optional<int>(0) << AgentOutcome::Ok
        << u"README.md is in place."_s << noReset << geminiSession << u"gemini-2.5-pro"_s
        << usage(14100, 9000, 1220, 0, std::nullopt) << 0 << 5;
    QTest::newRow("gemini quota")
        << gemini << u"gemini-quota.jsonl"_s << QString() << std::optional<int>(1) << AgentOutcome::RateLimited
        << u"[API Error: You have exhausted your capacity on this model. Your quota will reset after 2h30m5s.]"_s
        << std::optional<qint64>(kNow.toMSecsSinceEpoch() + (2 * 3600 + 30 * 60 + 5) * 1000LL) << geminiSession
        << u"gemini-2.5-pro"_s << AgentUsage{} << 0 << 0;
    QTest::newRow("gemini tool failure, exit 54")
        << gemini << u"gemini-error.jsonl"_s << QString() << std::optional<int>(54) << AgentOutcome::Error
        << u"Error executing tool write_file: ENOSPC: no space left on device"_s << noReset << geminiSession
        << u"gemini-2.5-pro"_s << usage(800, 0, 100, 0, std::nullopt) << 0 << 1;
    QTest::newRow("gemini max turns with a success result and exit 0")
        << gemini << u"gemini-max-turns.jsonl"_s << QString() << std::optional<int>(0) << AgentOutcome::MaxTurns
        << u"Maximum session turns exceeded"_s << noReset << geminiSession << u"gemini-2.5-pro"_s
        << usage(8, 0, 2, 0, std::nullopt) << 0 << 1;
    QTest::newRow("gemini exit 42, nothing said")
        << gemini << QString() << QString() << std::optional<int>(42) << AgentOutcome::Error
        << u"gemini: the input was not accepted (exit code 42)"_s << noReset << QString() << QString() << AgentUsage{}
        << 0 << 0;
    QTest::newRow("gemini exit 53, nothing said")
        << gemini << QString() << QString() << std::optional<int>(53) << AgentOutcome::MaxTurns
        << u"gemini: the session turn limit was reached (exit code 53)"_s << noReset << QString() << QString()
        << AgentUsage{} << 0 << 0;
    // gemini 0.61.0, recorded
    QTest::newRow("real gemini, no auth method, exit 41")
        << gemini << u"real/gemini-noauth.stdout"_s << u"real/gemini-noauth.stderr"_s << std::optional<int>(41)
        << AgentOutcome::AuthFailed
        << u"Please set an Auth method in your /tmp/aihome/.gemini/settings.json or specify one of the following environment variables before running: GEMINI_API_KEY, GOOGLE_GENAI_USE_VERTEXAI, GOOGLE_GENAI_USE_GCA"_s
        << noReset << QString() << QString() << AgentUsage{} << 0 << 0;
    QTest::newRow("real gemini, offline")
        << gemini << u"real/gemini-offline.stdout"_s << u"real/gemini-offline.stderr"_s << std::optional<int>(1)
        << AgentOutcome::Network << u"[API Error: exception TypeError: fetch failed sending request]"_s << noReset
        << u"03ce3879-71d6-49ca-b4cb-0782260a893a"_s << u"auto"_s << AgentUsage{} << 0 << 0;

    // aider, text
    QTest::newRow("aider cost lines")
        << aider << u"aider-success.txt"_s << QString() << std::optional<int>(0) << AgentOutcome::Ok << QString()
        << noReset << QString() << u"anthropic/claude-sonnet-4-20250514"_s
        << usage(4200 + 12000, 1500, 310 + 890, 2000, 0.07) << 2 << 2;
    QTest::newRow("aider RateLimitError, exit 0")
        << aider << u"aider-rate-limit.txt"_s << QString() << std::optional<int>(0) << AgentOutcome::RateLimited
        << u"litellm.RateLimitError: RateLimitError: OpenAIException - Rate limit reached for gpt-4o in organization org-abc on tokens per min (TPM): Limit 30000, Used 29800, Requested 1200. Please try again in 2.4s."_s
        << std::optional<qint64>(kNow.toMSecsSinceEpoch() + 2400) << QString() << u"gpt-4o"_s
        << usage(1100, 0, 120, 0, 0.004) << 1 << 0;
    QTest::newRow("aider RateLimitError, then a message went through")
        << aider << u"aider-rate-limit-recovered.txt"_s << QString() << std::optional<int>(0) << AgentOutcome::Ok
        << QString() << noReset << QString() << u"gpt-4o"_s << usage(2345, 0, 1200, 0, 0.01) << 1 << 1;
    QTest::newRow("aider AuthenticationError")
        << aider << u"aider-auth.txt"_s << QString() << std::optional<int>(0) << AgentOutcome::AuthFailed
        << u"litellm.AuthenticationError: AuthenticationError: OpenAIException - Incorrect API key provided: sk-proj-****. You can find your API key at https://platform.openai.com/account/api-keys."_s
        << noReset << QString() << u"gpt-4o"_s << AgentUsage{} << 0 << 0;
    QTest::newRow("aider insufficient_quota")
        << aider << u"aider-quota.txt"_s << QString() << std::optional<int>(1) << AgentOutcome::BudgetExceeded
        << u"litellm.RateLimitError: RateLimitError: OpenAIException - You exceeded your current quota, please check your plan and billing details. For more information on this error, read the docs: https://platform.openai.com/docs/guides/error-codes/api-errors. (insufficient_quota)"_s
        << noReset << QString() << u"gpt-4o"_s << AgentUsage{} << 0 << 0;
    QTest::newRow("aider exit 1, nothing said")
        << aider << QString() << QString() << std::optional<int>(1) << AgentOutcome::Error << u"exited with code 1"_s
        << noReset << QString() << QString() << AgentUsage{} << 0 << 0;

    // no reader: the exit code alone
    QTest::newRow("none, exit 0") << AgentEventFormat::None << u"codex-turn-failed.jsonl"_s << QString()
                                  << std::optional<int>(0) << AgentOutcome::Ok << QString() << noReset << QString()
                                  << QString() << AgentUsage{} << 0 << 0;
    QTest::newRow("none, exit 3") << AgentEventFormat::None << QString() << QString() << std::optional<int>(3)
                                  << AgentOutcome::Error << u"exited with code 3"_s << noReset << QString() << QString()
                                  << AgentUsage{} << 0 << 0;
    QTest::newRow("none, killed") << AgentEventFormat::None << QString() << QString() << killed << AgentOutcome::Unknown
                                  << QString() << noReset << QString() << QString() << AgentUsage{} << 0 << 0;
}

void TestAgentEvents::streams()
{
    QFETCH(AgentEventFormat, format);
    QFETCH(QString, stdoutFile);
    QFETCH(QString, stderrFile);
    QFETCH(std::optional<int>, exitCode);
    QFETCH(AgentOutcome, outcome);
    QFETCH(QString, message);
    QFETCH(std::optional<qint64>, resetAt);
    QFETCH(QString, sessionId);
    QFETCH(QString, model);
    QFETCH(AgentUsage, usage);
    QFETCH(int, numTurns);
    QFETCH(int, items);

    const QByteArray out = fixture(stdoutFile);
    const QByteArray err = fixture(stderrFile);
    const AgentReport whole = readWhole(format, out, err, exitCode);

    QCOMPARE(toString(whole.outcome), toString(outcome));
    QCOMPARE(whole.message, message);
    QCOMPARE(whole.resetAt, resetAt);
    QCOMPARE(whole.sessionId, sessionId);
    QCOMPARE(whole.model, model);
    QCOMPARE(whole.usage.inputTokens, usage.inputTokens);
    QCOMPARE(whole.usage.cachedInputTokens, usage.cachedInputTokens);
    QCOMPARE(whole.usage.outputTokens, usage.outputTokens);
    QCOMPARE(whole.usage.cacheCreationTokens, usage.cacheCreationTokens);
    QCOMPARE(whole.usage.costUsd.has_value(), usage.costUsd.has_value());
    if (usage.costUsd)
        QCOMPARE(*whole.usage.costUsd, *usage.costUsd);
    QCOMPARE(whole.numTurns, numTurns);
    QCOMPARE(whole.items.size(), qsizetype(items));
    if (format != AgentEventFormat::None && format != AgentEventFormat::AiderText)
        QCOMPARE(whole.skippedLines, 0);

    // The same bytes in random pieces, stdout and stderr interleaved, come to the same report.
    for (quint32 seed = 1; seed <= 20; ++seed) {
        QRandomGenerator random(seed);
        AgentEventReader reader(format, kNow);
        feedInChunks(reader, out, err, random);
        reader.finish(exitCode);
        QVERIFY2(reader.report() == whole, qPrintable(u"seed %1"_s.arg(seed)));
    }
}

void TestAgentEvents::everySplitOffset_data()
{
    QTest::addColumn<AgentEventFormat>("format");
    QTest::addColumn<QString>("file");
    QTest::addColumn<std::optional<int>>("exitCode");
    for (const char *name : {"claude-success.jsonl", "claude-rate-limited.jsonl", "real/claude-noauth.stdout"})
        QTest::newRow(name) << AgentEventFormat::ClaudeStreamJson << QString::fromLatin1(name) << std::optional<int>(1);
    for (const char *name : {"codex-success.jsonl", "codex-usage-limit.jsonl", "real/codex-noauth.stdout"})
        QTest::newRow(name) << AgentEventFormat::CodexJsonl << QString::fromLatin1(name) << std::optional<int>();
    for (const char *name : {"gemini-success.jsonl", "real/gemini-offline.stdout"})
        QTest::newRow(name) << AgentEventFormat::GeminiStreamJson << QString::fromLatin1(name) << std::optional<int>(1);
    for (const char *name : {"aider-success.txt", "aider-rate-limit.txt"})
        QTest::newRow(name) << AgentEventFormat::AiderText << QString::fromLatin1(name) << std::optional<int>(0);
}

void TestAgentEvents::everySplitOffset()
{
    QFETCH(AgentEventFormat, format);
    QFETCH(QString, file);
    QFETCH(std::optional<int>, exitCode);
    const QByteArray bytes = fixture(file);
    const AgentReport whole = readWhole(format, bytes, {}, exitCode);
    QVERIFY(whole.outcome != AgentOutcome::Unknown);
    for (qsizetype offset = 0; offset <= bytes.size(); ++offset) {
        AgentEventReader reader(format, kNow);
        reader.feedStdout(QByteArrayView(bytes).first(offset));
        reader.feedStdout(QByteArrayView(bytes).sliced(offset));
        reader.finish(exitCode);
        if (!(reader.report() == whole))
            QFAIL(qPrintable(u"split at byte %1 reads differently"_s.arg(offset)));
    }
}

void TestAgentEvents::claudeConversation()
{
    const AgentReport report =
        readWhole(AgentEventFormat::ClaudeStreamJson, fixture(u"claude-success.jsonl"_s), {}, 0);
    using Kind = AgentItem::Kind;
    using Status = AgentItem::Status;
    const QList<AgentItem> expected{
        {Kind::Message, Status::Done, {}, u"I'll look at the repository first."_s, {}, {}},
        {Kind::Command, Status::Done, u"toolu_01"_s, u"ls -la"_s, 0, {}},
        {Kind::FileChange, Status::Done, u"toolu_02"_s, {}, {}, {u"/work/repo/README.md"_s}},
        {Kind::Command, Status::Failed, u"toolu_03"_s, u"make test"_s, 2, {}},
        {Kind::Message, Status::Done, {}, u"I added README.md with a short description."_s, {}, {}},
    };
    compareItems(report.items, expected);
    if (QTest::currentTestFailed())
        return;
}

void TestAgentEvents::codexConversation()
{
    const AgentReport report = readWhole(AgentEventFormat::CodexJsonl, fixture(u"codex-success.jsonl"_s), {}, 0);
    using Kind = AgentItem::Kind;
    using Status = AgentItem::Status;
    const QList<AgentItem> expected{
        {Kind::Command, Status::Done, u"item_1"_s, u"bash -lc ls"_s, 0, {}},
        {Kind::Command, Status::Failed, u"item_2"_s, u"bash -lc 'make check'"_s, 2, {}},
        {Kind::FileChange, Status::Done, u"item_3"_s, {}, {}, {u"/work/repo/README.md"_s, u"/work/repo/Makefile"_s}},
        {Kind::Message, Status::Done, u"item_5"_s, u"Added README.md and a check target."_s, {}, {}},
    };
    compareItems(report.items, expected);
    if (QTest::currentTestFailed())
        return;
}

void TestAgentEvents::geminiConversation()
{
    const AgentReport report =
        readWhole(AgentEventFormat::GeminiStreamJson, fixture(u"gemini-success.jsonl"_s), {}, 0);
    using Kind = AgentItem::Kind;
    using Status = AgentItem::Status;
    const QList<AgentItem> expected{
        {Kind::Message, Status::Done, {}, u"I'll create a README."_s, {}, {}},  // two deltas, one message
        {Kind::Command, Status::Done, u"run_shell_command-1"_s, u"ls"_s, 0, {}},
        {Kind::Command, Status::Done, u"run_shell_command-2"_s, u"make lint"_s, 2, {}},
        {Kind::FileChange, Status::Done, u"write_file-3"_s, {}, {}, {u"/work/repo/README.md"_s}},
        {Kind::Message, Status::Done, {}, u"README.md is in place."_s, {}, {}},
    };
    compareItems(report.items, expected);
    if (QTest::currentTestFailed())
        return;

    const AgentReport failed = readWhole(AgentEventFormat::GeminiStreamJson, fixture(u"gemini-error.jsonl"_s), {}, 54);
    QCOMPARE(failed.items.size(), 1);
    QVERIFY(failed.items.constFirst().status == AgentItem::Status::Failed);
}

void TestAgentEvents::aiderConversation()
{
    // The reply talks about rate limits and 429s: only aider's own error lines count.
    const AgentReport report = readWhole(AgentEventFormat::AiderText, fixture(u"aider-success.txt"_s), {}, 0);
    QCOMPARE(toString(report.outcome), toString(AgentOutcome::Ok));
    QCOMPARE(report.items.size(), 2);
    QVERIFY(report.items.at(0).kind == AgentItem::Kind::FileChange);
    QCOMPARE(report.items.at(0).paths, QStringList{u"README.md"_s});
    QCOMPARE(report.items.at(1).paths, QStringList{u"docs/usage.md"_s});

    // aider's errors may come on stderr too.
    const AgentReport onStderr = readWhole(AgentEventFormat::AiderText, {}, fixture(u"aider-auth.txt"_s), 0);
    QCOMPARE(toString(onStderr.outcome), toString(AgentOutcome::AuthFailed));
    QVERIFY(onStderr.message.startsWith(u"litellm.AuthenticationError"_s));
}

void TestAgentEvents::outcomeShowsBeforeExit()
{
    AgentEventReader claude(AgentEventFormat::ClaudeStreamJson, kNow);
    claude.feedStdout(fixture(u"real/claude-noauth.stdout"_s));
    QCOMPARE(toString(claude.report().outcome), toString(AgentOutcome::AuthFailed));
    QCOMPARE(claude.report().message, u"Not logged in · Please run /login"_s);

    // Chatter is no outcome while the tool still runs.
    AgentEventReader codex(AgentEventFormat::CodexJsonl, kNow);
    codex.feedStdout(fixture(u"real/codex-noauth.stdout"_s));
    QCOMPARE(toString(codex.report().outcome), toString(AgentOutcome::Unknown));
    QVERIFY(codex.report().message.isEmpty());
    QCOMPARE(codex.report().sessionId, u"01a234e5-a94c-77a0-83d7-3c439f2d2b6b"_s);
}

void TestAgentEvents::onlyWaitingIsSettled()
{
    // codex's own reconnects: not settled, it may still get through.
    const QByteArray stream = fixture(u"real/codex-noauth.stdout"_s);
    const qsizetype waiting = stream.indexOf("waiting for network");
    QVERIFY(waiting > 0);
    const qsizetype lineStart = stream.lastIndexOf('\n', waiting) + 1;
    AgentEventReader codex(AgentEventFormat::CodexJsonl, kNow);
    codex.feedStdout(QByteArrayView(stream).first(lineStart));
    QVERIFY(!codex.settled());
    // Its retries ran out and it waits for a network for ever: settled, and
    // ended by the runner (no exit code) it is a network failure in its words.
    codex.feedStdout(QByteArrayView(stream).sliced(lineStart));
    QVERIFY(codex.settled());
    codex.finish(std::nullopt);
    QCOMPARE(toString(codex.report().outcome), toString(AgentOutcome::Network));
    QCOMPARE(codex.report().message, u"Reconnecting... waiting for network (Connection failed: error sending request)"_s);

    // The other tools' streams never settle: they end by themselves.
    for (const auto &[format, name] : {std::pair{AgentEventFormat::ClaudeStreamJson, u"real/claude-offline.stdout"_s},
                                       std::pair{AgentEventFormat::GeminiStreamJson, u"real/gemini-offline.stdout"_s},
                                       std::pair{AgentEventFormat::CodexJsonl, u"codex-success.jsonl"_s}}) {
        AgentEventReader reader(format, kNow);
        reader.feedStdout(fixture(name));
        QVERIFY2(!reader.settled(), qPrintable(name));
    }
}

void TestAgentEvents::retryChatterIsNotFinal()
{
    // "Reconnecting…" error events before a completed turn: the turn decides.
    QByteArray stream = fixture(u"real/codex-noauth.stdout"_s);
    stream += codexLine(R"({"type":"item.completed","item":{"id":"item_9","type":"agent_message","text":"Done."}})");
    stream += codexLine(R"({"type":"turn.completed","usage":{"input_tokens":100,"cached_input_tokens":0,"output_tokens":7}})");
    const AgentReport report = readWhole(AgentEventFormat::CodexJsonl, stream, fixture(u"real/codex-noauth.stderr"_s), 0);
    QCOMPARE(toString(report.outcome), toString(AgentOutcome::Ok));
    QCOMPARE(report.message, u"Done."_s);
    QCOMPARE(report.usage.inputTokens, 100);

    // A success claude reports, then a non-zero exit: not a success.
    const AgentReport exited =
        readWhole(AgentEventFormat::ClaudeStreamJson, fixture(u"claude-rate-limit-then-success.jsonl"_s), {}, 1);
    QCOMPARE(toString(exited.outcome), toString(AgentOutcome::RateLimited));  // the retry chatter before it says why
    const AgentReport plain = readWhole(AgentEventFormat::ClaudeStreamJson, fixture(u"claude-success.jsonl"_s), {}, 3);
    QCOMPARE(toString(plain.outcome), toString(AgentOutcome::Error));
    QCOMPARE(plain.message, u"reported success but exited with code 3"_s);
}

void TestAgentEvents::toleratesWhatIsNotAnEvent()
{
    QByteArray stream = "warning: something printed to stdout\n"
                        "{broken json\n"
                        "[1, 2, 3]\n"
                        "\n"
                        R"({"type":"brand_new_event","payload":{"x":[1,2]}})" "\n"
                        R"({"no_type_at_all":true})" "\n"
                        R"({"type":"assistant","message":"not an object"})" "\n"
                        R"({"type":"user","message":{"content":[{"type":"tool_result","tool_use_id":"nobody"}]}})" "\n"
                        R"({"type":"result","subtype":"success","is_error":false,"result":"ok","num_turns":"six","usage":"lots","total_cost_usd":"free","session_id":7})" "\n";
    const AgentReport report = readWhole(AgentEventFormat::ClaudeStreamJson, stream, {}, 0);
    QCOMPARE(toString(report.outcome), toString(AgentOutcome::Ok));
    QCOMPARE(report.message, u"ok"_s);
    QCOMPARE(report.skippedLines, 3);
    QCOMPARE(report.usage, AgentUsage{});
    QCOMPARE(report.numTurns, 0);
    QVERIFY(report.sessionId.isEmpty());

    // Stray stdout text is read like stderr: it may say why the tool failed.
    const AgentReport stray = readWhole(AgentEventFormat::CodexJsonl, "Error: Not logged in\n", {}, 1);
    QCOMPARE(toString(stray.outcome), toString(AgentOutcome::AuthFailed));
    QCOMPARE(stray.message, u"Error: Not logged in"_s);
    QCOMPARE(stray.skippedLines, 1);

    // Binary garbage is no crash.
    QByteArray garbage(4096, '\0');
    QRandomGenerator random(7);
    for (char &c : garbage)
        c = char(random.bounded(256));
    for (const AgentEventFormat format : {AgentEventFormat::ClaudeStreamJson, AgentEventFormat::CodexJsonl,
                                          AgentEventFormat::GeminiStreamJson, AgentEventFormat::AiderText}) {
        const AgentReport junk = readWhole(format, garbage, garbage, 2);
        QCOMPARE(junk.outcome == AgentOutcome::Ok, false);
    }
}

void TestAgentEvents::crlfLineEnds()
{
    QByteArray stream = fixture(u"codex-success.jsonl"_s);
    const AgentReport lf = readWhole(AgentEventFormat::CodexJsonl, stream, {}, 0);
    stream.replace("\n", "\r\n");
    const AgentReport crlf = readWhole(AgentEventFormat::CodexJsonl, stream, {}, 0);
    QVERIFY(crlf == lf);
    QCOMPARE(crlf.items.size(), 4);

    QByteArray aider = fixture(u"aider-success.txt"_s);
    aider.replace("\n", "\r\n");
    QCOMPARE(readWhole(AgentEventFormat::AiderText, aider, {}, 0).usage.costUsd, std::optional<double>(0.07));
}

void TestAgentEvents::lastLineWithoutNewline()
{
    QByteArray stream = fixture(u"codex-usage-limit.jsonl"_s);
    stream.chop(1);
    AgentEventReader reader(AgentEventFormat::CodexJsonl, kNow);
    reader.feedStdout(stream);
    QCOMPARE(toString(reader.report().outcome), toString(AgentOutcome::Unknown));  // turn.failed not read yet: no newline
    reader.finish(1);
    QCOMPARE(toString(reader.report().outcome), toString(AgentOutcome::RateLimited));
    QCOMPARE(reader.report().resetAt, std::optional<qint64>(utcMs(2026, 12, 2, 15, 28)));
}

void TestAgentEvents::overlongLineIsSkipped()
{
    AgentEventReader reader(AgentEventFormat::CodexJsonl, kNow);
    reader.feedStdout(codexLine(R"({"type":"thread.started","thread_id":"t1"})"));
    // A line past the bound, in pieces: dropped whole, the next one read.
    const QByteArray piece(1024 * 1024, 'x');
    reader.feedStdout("{\"type\":\"item.completed\",\"item\":{\"id\":\"big\",\"type\":\"agent_message\",\"text\":\"");
    for (qsizetype sent = 0; sent <= AgentEventReader::kMaxLineBytes; sent += piece.size())
        reader.feedStdout(piece);
    reader.feedStdout("\"}}\n");
    // And one past the bound in a single chunk.
    reader.feedStdout(QByteArray(QByteArray(AgentEventReader::kMaxLineBytes + 10, 'y') + '\n'));
    reader.feedStdout(codexLine(R"({"type":"turn.completed","usage":{"input_tokens":5,"cached_input_tokens":0,"output_tokens":1}})"));
    reader.finish(0);
    QCOMPARE(toString(reader.report().outcome), toString(AgentOutcome::Ok));
    QCOMPARE(reader.report().sessionId, u"t1"_s);
    QCOMPARE(reader.report().skippedLines, 2);
    QVERIFY(reader.report().items.isEmpty());
    QCOMPARE(reader.report().usage.inputTokens, 5);
}

void TestAgentEvents::finishIsFinal()
{
    AgentEventReader reader(AgentEventFormat::GeminiStreamJson, kNow);
    reader.feedStderr(fixture(u"real/gemini-noauth.stderr"_s));
    reader.finish(41);
    const AgentReport first = reader.report();
    QCOMPARE(toString(first.outcome), toString(AgentOutcome::AuthFailed));
    reader.feedStdout(fixture(u"gemini-success.jsonl"_s));
    reader.feedStderr("more text\n");
    reader.finish(0);
    QVERIFY(reader.report() == first);
}

void TestAgentEvents::changedItems()
{
    AgentEventReader reader(AgentEventFormat::CodexJsonl, kNow);
    QCOMPARE(reader.takeFirstChangedItem(), -1);
    reader.feedStdout(codexLine(R"({"type":"item.completed","item":{"id":"item_0","type":"agent_message","text":"Looking."}})"));
    reader.feedStdout(codexLine(R"({"type":"item.started","item":{"id":"item_1","type":"command_execution","command":"ls","aggregated_output":"","exit_code":null,"status":"in_progress"}})"));
    QCOMPARE(reader.takeFirstChangedItem(), 0);
    QCOMPARE(reader.takeFirstChangedItem(), -1);
    QVERIFY(reader.report().items.at(1).status == AgentItem::Status::Running);
    QCOMPARE(reader.report().items.at(1).exitCode, std::nullopt);

    reader.feedStdout(codexLine(R"({"type":"item.completed","item":{"id":"item_1","type":"command_execution","command":"ls","aggregated_output":"a\n","exit_code":0,"status":"completed"}})"));
    QCOMPARE(reader.report().items.size(), 2);  // updated in place
    QCOMPARE(reader.report().items.at(1).exitCode, std::optional<int>(0));
    QVERIFY(reader.report().items.at(1).status == AgentItem::Status::Done);
    QCOMPARE(reader.takeFirstChangedItem(), 1);

    reader.feedStdout(codexLine(R"({"type":"item.completed","item":{"id":"item_2","type":"reasoning","text":"hm"}})"));
    QCOMPARE(reader.takeFirstChangedItem(), -1);  // not part of the conversation
}

void TestAgentEvents::itemsAreBounded()
{
    AgentEventReader reader(AgentEventFormat::CodexJsonl, kNow);
    const qsizetype total = AgentEventReader::kMaxItems + 5;
    for (qsizetype i = 0; i < total; ++i) {
        reader.feedStdout(codexLine(
            QByteArray(R"({"type":"item.completed","item":{"id":"item_)" + QByteArray::number(i)
                       + R"(","type":"agent_message","text":"message )" + QByteArray::number(i) + R"("}})")));
    }
    const AgentReport &report = reader.report();
    QCOMPARE(report.items.size(), AgentEventReader::kMaxItems);
    QCOMPARE(report.droppedItems, 5);
    QCOMPARE(report.items.constFirst().text, u"message 5"_s);
    QCOMPARE(report.items.constLast().text, u"message %1"_s.arg(total - 1));
    QCOMPARE(reader.takeFirstChangedItem(), 0);

    // A message longer than the bound is cut.
    AgentEventReader longOne(AgentEventFormat::CodexJsonl, kNow);
    longOne.feedStdout(codexLine(QByteArray(R"({"type":"item.completed","item":{"id":"x","type":"agent_message","text":")"
                                            + QByteArray(200 * 1024, 'a') + R"("}})")));
    QCOMPARE(longOne.report().items.constFirst().text.size(), 64 * 1024);
    QVERIFY(longOne.report().items.constFirst().text.endsWith(u'…'));
}

void TestAgentEvents::resetTime_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QDateTime>("now");
    QTest::addColumn<std::optional<qint64>>("expected");
    const QDateTime berlinMorning(QDate(2026, 12, 2), QTime(11, 0), QTimeZone("Europe/Berlin"));

    QTest::newRow("codex, today") << u"… or try again at 3:28 PM."_s << kNow
                                  << std::optional<qint64>(utcMs(2026, 12, 2, 15, 28));
    QTest::newRow("codex, today in Berlin") << u"You've hit your usage limit. Try again at 3:28 PM."_s << berlinMorning
                                            << std::optional<qint64>(utcMs(2026, 12, 2, 14, 28));
    QTest::newRow("codex, passed today: tomorrow") << u"Try again at 9:05 AM."_s << kNow
                                                   << std::optional<qint64>(utcMs(2026, 12, 3, 9, 5));
    QTest::newRow("codex, 12 AM") << u"try again at Dec 25th, 2026 12:05 AM."_s << kNow
                                  << std::optional<qint64>(utcMs(2026, 12, 25, 0, 5));
    QTest::newRow("codex, with a date") << u"… try again at Aug 8th, 2027 12:30 PM."_s << kNow
                                        << std::optional<qint64>(utcMs(2027, 8, 8, 12, 30));
    QTest::newRow("codex, in words") << u"send a request to your admin or try again in 3 days 6 hours 57 minutes."_s
                                     << kNow
                                     << std::optional<qint64>(kNow.toMSecsSinceEpoch()
                                                              + ((3 * 24 + 6) * 60 + 57) * 60'000LL);
    QTest::newRow("claude, zone named") << u"You've hit your session limit · resets 3pm (Europe/Berlin)"_s << kNow
                                        << std::optional<qint64>(utcMs(2026, 12, 2, 14, 0));
    QTest::newRow("claude, minutes, UTC") << u"resets 10:30am (UTC)"_s << kNow
                                          << std::optional<qint64>(utcMs(2026, 12, 2, 10, 30));
    QTest::newRow("claude, date without year, passed: next year") << u"resets Aug 8, 3:30pm (UTC)"_s << kNow
                                                                  << std::optional<qint64>(utcMs(2027, 8, 8, 15, 30));
    QTest::newRow("claude, date") << u"You've hit your weekly limit · resets Dec 5, 9am (UTC)"_s << kNow
                                  << std::optional<qint64>(utcMs(2026, 12, 5, 9, 0));
    QTest::newRow("gemini, retry in") << u"Please retry in 51.2s."_s << kNow
                                      << std::optional<qint64>(kNow.toMSecsSinceEpoch() + 51'200);
    QTest::newRow("gemini, suggested") << u"Quota exceeded\nSuggested retry after 60s."_s << kNow
                                       << std::optional<qint64>(kNow.toMSecsSinceEpoch() + 60'000);
    QTest::newRow("gemini, reset after") << u"Your quota will reset after 2h30m5s."_s << kNow
                                         << std::optional<qint64>(kNow.toMSecsSinceEpoch() + 9'005'000);
    QTest::newRow("later") << u"You've hit your usage limit. Try again later."_s << kNow << std::optional<qint64>();
    QTest::newRow("no such hour") << u"resets 13pm (UTC)"_s << kNow << std::optional<qint64>();
    QTest::newRow("no such date") << u"try again at Feb 30th, 2027 1:00 PM."_s << kNow << std::optional<qint64>();
    QTest::newRow("nothing") << u"Prompt is too long"_s << kNow << std::optional<qint64>();
}

void TestAgentEvents::resetTime()
{
    QFETCH(QString, text);
    QFETCH(QDateTime, now);
    QFETCH(std::optional<qint64>, expected);
    const std::optional<qint64> actual = AgentText::resetTime(text, now);
    const auto show = [](std::optional<qint64> ms) {
        return ms ? QDateTime::fromMSecsSinceEpoch(*ms, QTimeZone::utc()).toString(Qt::ISODate) : u"none"_s;
    };
    QCOMPARE(show(actual), show(expected));
}

void TestAgentEvents::classify_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<AgentOutcome>("outcome");  // Unknown: names none
    QTest::newRow("claude login") << u"Not logged in · Please run /login"_s << AgentOutcome::AuthFailed;
    QTest::newRow("gemini auth") << u"Please set an Auth method in your settings.json"_s << AgentOutcome::AuthFailed;
    QTest::newRow("codex usage limit, typographic apostrophe") << u"You’ve hit your usage limit. Try again later."_s
                                                               << AgentOutcome::RateLimited;
    QTest::newRow("claude session limit") << u"You've hit your limit · resets 3pm"_s << AgentOutcome::RateLimited;
    QTest::newRow("claude spend limit") << u"You've hit your monthly spend limit. /model to switch models."_s
                                        << AgentOutcome::BudgetExceeded;
    QTest::newRow("codex quota") << u"Quota exceeded. Check your plan and billing details."_s
                                 << AgentOutcome::BudgetExceeded;
    QTest::newRow("codex reconnecting")
        << u"Reconnecting... 2/5 (stream disconnected before completion: failed to lookup address information)"_s
        << AgentOutcome::Network;
    QTest::newRow("gemini offline") << u"[API Error: exception TypeError: fetch failed sending request]"_s
                                    << AgentOutcome::Network;
    QTest::newRow("max turns") << u"Reached max turns (3)"_s << AgentOutcome::MaxTurns;
    QTest::newRow("plain error") << u"unexpected status 400 Bad Request"_s << AgentOutcome::Unknown;
    QTest::newRow("empty") << QString() << AgentOutcome::Unknown;
}

void TestAgentEvents::classify()
{
    QFETCH(QString, text);
    QFETCH(AgentOutcome, outcome);
    const std::optional<AgentText::Signal> signal = AgentText::classify(text, kNow);
    QCOMPARE(toString(signal ? signal->outcome : AgentOutcome::Unknown), toString(outcome));
}

void TestAgentEvents::durationMs_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<std::optional<qint64>>("ms");
    QTest::newRow("seconds") << u"51.2s"_s << std::optional<qint64>(51'200);
    QTest::newRow("milliseconds") << u"500ms"_s << std::optional<qint64>(500);
    QTest::newRow("compound") << u"2h30m5s"_s << std::optional<qint64>(9'005'000);
    QTest::newRow("minute") << u"1m"_s << std::optional<qint64>(60'000);
    QTest::newRow("no unit") << u"5"_s << std::optional<qint64>();
    QTest::newRow("no number") << u"s"_s << std::optional<qint64>();
    QTest::newRow("trailing junk") << u"5s later"_s << std::optional<qint64>();
    QTest::newRow("empty") << QString() << std::optional<qint64>();
}

void TestAgentEvents::durationMs()
{
    QFETCH(QString, text);
    QFETCH(std::optional<qint64>, ms);
    QCOMPARE(AgentText::durationMs(text), ms);
}

QTEST_GUILESS_MAIN(TestAgentEvents)
#include "tst_agentevents.moc"
