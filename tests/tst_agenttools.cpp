// AI tool profiles end to end through the real `orchestrator` binary: a
// stand-in `claude` (a script that replays recorded and documented event
// streams, one per attempt) shows that the stream's outcome beats the exit
// code, that a login failure fails at once, that a rate limit waits for its
// reset without spending an attempt, and that tokens and cost are recorded.
// Also: a tool's max_concurrent is honoured, and a profile's default timeout.
#include <tuple>

#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>

#include "store/database.h"
#include "store/jobstore.h"

#include "storesupport.h"
#include "testsupport.h"

using namespace Orchestrator;
using namespace TestSupport;
using namespace Qt::StringLiterals;

class TestAgentTools final : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<QTemporaryDir> m_dir;
    QString m_db;
    QString m_standIn;

    QString path(const QString &name) const { return m_dir->filePath(name); }
    static QString stream(const QString &name) { return QStringLiteral(ORCH_SOURCE_DIR "/tests/data/agentstreams/") + name; }

    // A claude job whose attempt N replays streams.at(N - 1) and exits with codes.at(N - 1).
    QString claudeJob(const QString &id, const QStringList &streams, const QList<int> &codes, int maxAttempts)
    {
        QJsonObject env{{QStringLiteral("ORCHESTRATOR_TOOL_PATH_CLAUDE"), m_standIn}};
        for (int i = 0; i < streams.size(); ++i) {
            env.insert(QStringLiteral("STANDIN_STREAM_%1").arg(i + 1), streams.at(i));
            env.insert(QStringLiteral("STANDIN_EXIT_%1").arg(i + 1), QString::number(codes.at(i)));
        }
        QJsonObject job{{QStringLiteral("job_id"), id},
                        {QStringLiteral("tool"), QStringLiteral("claude")},
                        {QStringLiteral("instructions"), QStringLiteral("- add a README")},
                        {QStringLiteral("env"), env},
                        {QStringLiteral("metadata"), QJsonObject{{QStringLiteral("retry_policy"),
                                                                  QJsonObject{{QStringLiteral("max_attempts"), maxAttempts},
                                                                              {QStringLiteral("backoff_seconds"), 0}}}}}};
        return writeJson(path(QStringLiteral("jobs/%1.json").arg(id)), job);
    }

    QProcessEnvironment env() const
    {
        QProcessEnvironment e = cliEnvironment();
        // The program comes from the job's env only for the job; the engine
        // resolves profiles from its own environment.
        e.insert(QStringLiteral("ORCHESTRATOR_TOOL_PATH_CLAUDE"), m_standIn);
        return e;
    }
    CliRun cli(const QStringList &args, const QProcessEnvironment &environment) const
    {
        return runCli(args + QStringList{QStringLiteral("--db"), m_db}, m_dir->path(), environment, 120000);
    }
    QList<AttemptRecord> attempts(const QString &id) const { return StoreSupport::storedAttempts(m_db, id); }
    JobRecord job(const QString &id) const { return StoreSupport::storedJob(m_db, id); }

    QTemporaryDir m_home;

private Q_SLOTS:
    // git sees none of the user's configuration (worktree jobs commit).
    void initTestCase() { isolateGitConfig(m_home); }

    void init()
    {
        m_dir = std::make_unique<QTemporaryDir>();
        QVERIFY(m_dir->isValid());
        m_db = path(QStringLiteral("data/orchestrator.db"));
        m_standIn = writeFile(path(QStringLiteral("bin/claude")),
                              "#!/bin/sh\n"
                              "eval \"f=\\$STANDIN_STREAM_$ORCHESTRATOR_ATTEMPT; code=\\$STANDIN_EXIT_$ORCHESTRATOR_ATTEMPT\"\n"
                              "echo 'a warning on stderr' >&2\n"
                              "case $f in *.gen) sed \"s/@RESET@/$(( $(date +%s) + 2 ))/\" \"$f\" ;; *) cat \"$f\" ;; esac\n"
                              "exit ${code:-0}\n");
        QFile::setPermissions(m_standIn, QFile::permissions(m_standIn) | QFileDevice::ExeOwner);
    }
    void cleanup() { m_dir.reset(); }

    void successRecordsTokensAndCost()
    {
        const QString file = claudeJob(QStringLiteral("ok"), {stream(QStringLiteral("claude-success.jsonl"))}, {0}, 1);
        const CliRun run = cli({QStringLiteral("run"), file}, env());
        QVERIFY2(run.exitCode == 0, run.err.constData());
        const QList<AttemptRecord> list = attempts(QStringLiteral("ok"));
        QCOMPARE(list.size(), 1);
        QCOMPARE(list.first().agentOutcome, QStringLiteral("ok"));
        QVERIFY(list.first().usage.inputTokens > 0);
        QVERIFY(list.first().usage.outputTokens > 0);
        QVERIFY(list.first().usage.costUsd.has_value());
        QCOMPARE(*list.first().usage.costUsd, 0.0842);
        QVERIFY(!list.first().sessionId.isEmpty());
        // status shows them, in text and JSON.
        const CliRun text = cli({QStringLiteral("status"), QStringLiteral("--job-id"), QStringLiteral("ok")}, env());
        QVERIFY2(text.out.contains(", $0.0842]"), text.out.constData());
        const CliRun json = cli({QStringLiteral("status"), QStringLiteral("--job-id"), QStringLiteral("ok"), QStringLiteral("--json")}, env());
        const QJsonObject usage = QJsonDocument::fromJson(json.out).object().value(QStringLiteral("attempt_history")).toArray()
                                      .first().toObject().value(QStringLiteral("usage")).toObject();
        QCOMPARE(usage.value(QStringLiteral("cost_usd")).toDouble(), 0.0842);
        QVERIFY(usage.value(QStringLiteral("output_tokens")).toDouble() > 0);
        // stderr went to the log, marked, and did not break the stream.
        QVERIFY(readFile(job(QStringLiteral("ok")).logFile).contains("[stderr] a warning on stderr"));
    }

    void exitZeroWithIsErrorFails()
    {
        const QString file = claudeJob(QStringLiteral("is-error"), {stream(QStringLiteral("claude-exit0-is-error.jsonl"))}, {0}, 1);
        const CliRun run = cli({QStringLiteral("run"), file}, env());
        QCOMPARE(run.exitCode, 1);
        const JobRecord record = job(QStringLiteral("is-error"));
        QCOMPARE(toString(record.state), QStringLiteral("failed"));
        QVERIFY2(record.reason.contains(QStringLiteral("claude: Prompt is too long")), qPrintable(record.reason));
    }

    // The real claude 2.1.197 without a login, with two attempts left: one attempt, failed, with what to do.
    void authFailureFailsAtOnce()
    {
        const QString file = claudeJob(QStringLiteral("no-login"), {stream(QStringLiteral("real/claude-noauth.stdout"))}, {1}, 3);
        const CliRun run = cli({QStringLiteral("run"), file}, env());
        QCOMPARE(run.exitCode, 1);
        const QList<AttemptRecord> list = attempts(QStringLiteral("no-login"));
        QCOMPARE(list.size(), 1);
        QCOMPARE(list.first().outcome, std::optional<Outcome>(Outcome::AuthFailed));
        const JobRecord record = job(QStringLiteral("no-login"));
        QCOMPARE(toString(record.state), QStringLiteral("failed"));
        QVERIFY2(record.reason.contains(QStringLiteral("Not logged in")) && record.reason.contains(QStringLiteral("then retry")),
                 qPrintable(record.reason));
    }

    // A rate limit that resets in 2 s, then a success, with retry_policy
    // none (one attempt): the limit does not spend the attempt.
    void rateLimitWaitsWithoutSpendingAnAttempt()
    {
        const QString limited = writeFile(path(QStringLiteral("limited.gen")),
                                          "{\"type\":\"rate_limit_event\",\"rate_limit_info\":{\"status\":\"rejected\",\"resetsAt\":@RESET@}}\n"
                                          "{\"type\":\"result\",\"subtype\":\"success\",\"is_error\":true,\"api_error_status\":429,"
                                          "\"result\":\"You've hit your limit\"}\n");
        const QString file = claudeJob(QStringLiteral("limited"), {limited, stream(QStringLiteral("claude-success.jsonl"))}, {1, 0}, 1);
        const qint64 started = QDateTime::currentMSecsSinceEpoch();
        const CliRun run = cli({QStringLiteral("run"), file}, env());
        QVERIFY2(run.exitCode == 0, run.err.constData());
        const QList<AttemptRecord> list = attempts(QStringLiteral("limited"));
        QCOMPARE(list.size(), 2);
        QCOMPARE(list.at(0).outcome, std::optional<Outcome>(Outcome::RateLimited));
        QCOMPARE(list.at(1).outcome, std::optional<Outcome>(Outcome::Succeeded));
        // It waited for the reset, not for a minute's backoff.
        QVERIFY(*list.at(1).startedAt >= *list.at(0).finishedAt + 500);
        QVERIFY(*list.at(1).startedAt - started < 30000);
        QVERIFY(job(QStringLiteral("limited")).rateLimitWaitMs > 0);
    }

    // max_concurrent 2 for a tool: five jobs on five workers, never more than two at once.
    void concurrencyCap()
    {
        const QString tools = writeJson(path(QStringLiteral("tools.json")),
                                        QJsonObject{{QStringLiteral("limits"),
                                                     QJsonObject{{QStringLiteral("shell"), QJsonObject{{QStringLiteral("max_concurrent"), 2}}}}}});
        QStringList files;
        for (int i = 1; i <= 5; ++i) {
            files.append(writeJson(path(QStringLiteral("jobs/cap-%1.json").arg(i)),
                                   QJsonObject{{QStringLiteral("job_id"), QStringLiteral("cap-%1").arg(i)},
                                               {QStringLiteral("tool"), QStringLiteral("shell")},
                                               {QStringLiteral("instructions"), QStringLiteral("sleep 0.6")}}));
        }
        QProcessEnvironment e = env();
        e.insert(QStringLiteral("ORCHESTRATOR_TOOLS_FILE"), tools);
        const CliRun run = cli(QStringList{QStringLiteral("run"), QStringLiteral("--workers"), QStringLiteral("5")} + files, e);
        QVERIFY2(run.exitCode == 0, run.err.constData());
        QList<std::pair<qint64, qint64>> intervals;
        for (int i = 1; i <= 5; ++i) {
            const AttemptRecord a = attempts(QStringLiteral("cap-%1").arg(i)).first();
            intervals.append({*a.startedAt, *a.finishedAt});
        }
        int most = 0;
        for (const auto &probe : intervals) {
            int overlapping = 0;
            for (const auto &other : intervals)
                overlapping += other.first <= probe.first && probe.first < other.second ? 1 : 0;
            most = qMax(most, overlapping);
        }
        QCOMPARE(most, 2);
    }

    // codex offline, replayed from the real recording: after its own
    // reconnects it waits for a network for ever. The attempt ends as a
    // network failure in seconds, long before its hour's default timeout.
    // Outside a repository codex gets --skip-git-repo-check, inside (a
    // worktree of the job) it does not; the prompt always follows "--".
    void codexOnlyWaitingForANetworkEndsTheAttempt()
    {
        const QString codex = writeFile(path(QStringLiteral("bin/codex")),
                                        "#!/bin/sh\n"
                                        "printf '%s\\n' \"$@\" > \"$ARGV_FILE\"\n"
                                        "cat \"$STANDIN_STREAM\"\n"
                                        "exec sleep 300\n");
        QFile::setPermissions(codex, QFile::permissions(codex) | QFileDevice::ExeOwner);
        const QString repo = path(QStringLiteral("repo"));
        QVERIFY(QDir().mkpath(repo));
        runGit(repo, {QStringLiteral("init"), QStringLiteral("-q"), QStringLiteral("-b"), QStringLiteral("main")});
        runGit(repo, {QStringLiteral("-c"), QStringLiteral("user.name=Test"), QStringLiteral("-c"), QStringLiteral("user.email=test@example.com"),
                      QStringLiteral("commit"), QStringLiteral("-q"), QStringLiteral("--allow-empty"), QStringLiteral("-m"), QStringLiteral("start")});
        const QString plain = path(QStringLiteral("plain"));
        QVERIFY(QDir().mkpath(plain));

        for (const auto &[id, root, inRepo] : {std::tuple{u"offline-plain"_s, plain, false}, std::tuple{u"offline-repo"_s, repo, true}}) {
            const QString argvFile = path(id + QStringLiteral(".argv"));
            const QJsonObject jobEnv{{QStringLiteral("STANDIN_STREAM"), stream(QStringLiteral("real/codex-noauth.stdout"))},
                                  {QStringLiteral("ARGV_FILE"), argvFile}};
            const QString file = writeJson(path(QStringLiteral("jobs/%1.json").arg(id)),
                                           QJsonObject{{QStringLiteral("job_id"), id},
                                                       {QStringLiteral("tool"), QStringLiteral("codex")},
                                                       {QStringLiteral("instructions"), QStringLiteral("- add a README")},
                                                       {QStringLiteral("paths"), QJsonObject{{QStringLiteral("repo_root"), root}}},
                                                       {QStringLiteral("env"), jobEnv}});
            QProcessEnvironment e = env();
            e.insert(QStringLiteral("ORCHESTRATOR_TOOL_PATH_CODEX"), codex);
            const qint64 started = QDateTime::currentMSecsSinceEpoch();
            const CliRun run = cli({QStringLiteral("run"), file}, e);
            QCOMPARE(run.exitCode, 1);
            QVERIFY2(QDateTime::currentMSecsSinceEpoch() - started < 60000, "the attempt waited for its timeout");
            const QList<AttemptRecord> list = attempts(id);
            QCOMPARE(list.size(), 1);
            QCOMPARE(list.first().agentOutcome, QStringLiteral("network"));
            const JobRecord record = job(id);
            QCOMPARE(toString(record.state), QStringLiteral("failed"));
            QVERIFY2(record.reason.contains(QStringLiteral("codex: network: Reconnecting... waiting for network")), qPrintable(record.reason));
            QCOMPARE(record.inWorktree(), inRepo);

            const QStringList argv = QString::fromUtf8(readFile(argvFile)).split(QLatin1Char('\n'), Qt::SkipEmptyParts);
            QCOMPARE(argv.contains(QStringLiteral("--skip-git-repo-check")), !inRepo);
            QCOMPARE(argv.mid(argv.size() - 2), (QStringList{QStringLiteral("--"), QStringLiteral("- add a README")}));
        }
    }

    // A profile's default_timeout_seconds applies to a job that sets none.
    void profileDefaultTimeout()
    {
        const QString tools = writeJson(
            path(QStringLiteral("tools.json")),
            QJsonObject{{QStringLiteral("profiles"),
                         QJsonArray{QJsonObject{{QStringLiteral("name"), QStringLiteral("slow")},
                                                {QStringLiteral("program"), QStringLiteral("sh")},
                                                {QStringLiteral("args"), QJsonArray{QStringLiteral("-c"), QStringLiteral("echo $GREETING; sleep 20")}},
                                                {QStringLiteral("env"), QJsonObject{{QStringLiteral("GREETING"), QStringLiteral("hello from the profile")}}},
                                                {QStringLiteral("default_timeout_seconds"), 1}}}}});
        const QString file = writeJson(path(QStringLiteral("jobs/slow.json")),
                                       QJsonObject{{QStringLiteral("job_id"), QStringLiteral("slow")}, {QStringLiteral("tool"), QStringLiteral("slow")}});
        QProcessEnvironment e = env();
        e.insert(QStringLiteral("ORCHESTRATOR_TOOLS_FILE"), tools);
        const CliRun run = cli({QStringLiteral("run"), file}, e);
        QCOMPARE(run.exitCode, 1);
        const JobRecord record = job(QStringLiteral("slow"));
        QCOMPARE(toString(record.state), QStringLiteral("timed_out"));
        QVERIFY(readFile(record.logFile).contains("hello from the profile"));
    }
};

QTEST_GUILESS_MAIN(TestAgentTools)
#include "tst_agenttools.moc"
