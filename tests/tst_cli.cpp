#include <algorithm>
// The `orchestrator` command line as users run it: real processes, real
// database files, no display. Covers the predecessor's run-job/status
// commands, validation messages and exit codes, and two worker processes
// sharing one database.

#include <QDir>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QRegularExpression>
#include <QSet>
#include <QTemporaryDir>
#include <QTest>

#include "testsupport.h"

using namespace TestSupport;

namespace {

struct Run
{
    int exitCode = -1;
    QString out;
    QString err;
};

QJsonObject helperJob(const QString &id, const QStringList &args)
{
    return QJsonObject{{QStringLiteral("job_id"), id},
                       {QStringLiteral("workstream_id"), QStringLiteral("ws-cli")},
                       {QStringLiteral("tool"), QStringLiteral("shell")},
                       {QStringLiteral("command"), QJsonObject{{QStringLiteral("exe"), testHelper()},
                                                               {QStringLiteral("args"), QJsonArray::fromStringList(args)}}}};
}

} // namespace

class TestCli final : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    QString m_db;
    int m_counter = 0;

    QString path(const QString &name) const { return m_dir.filePath(name); }

    QProcessEnvironment environment() const
    {
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.remove(QStringLiteral("DISPLAY"));
        env.remove(QStringLiteral("WAYLAND_DISPLAY"));
        env.remove(QStringLiteral("QT_QPA_PLATFORM"));
        env.remove(QStringLiteral("ORCHESTRATOR_DB"));
        env.remove(QStringLiteral("PIPELINE_DB_PATH"));
        env.insert(QStringLiteral("ORCHESTRATOR_TOOLS_FILE"), QStringLiteral("/nonexistent/tools.json"));
        env.insert(QStringLiteral("PATH"), fakeBin() + QLatin1Char(':') + env.value(QStringLiteral("PATH")));
        return env;
    }

    Run orchestrator(const QStringList &args, const QProcessEnvironment &env, int timeoutMs = 60000)
    {
        QProcess process;
        process.setProcessEnvironment(env);
        process.setWorkingDirectory(m_dir.path());
        process.start(cliPath(), args);
        if (!process.waitForFinished(timeoutMs))
            process.kill();
        process.waitForFinished();
        return Run{process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1,
                   QString::fromUtf8(process.readAllStandardOutput()), QString::fromUtf8(process.readAllStandardError())};
    }

    Run orchestrator(const QStringList &args) { return orchestrator(QStringList{QStringLiteral("--db"), m_db} + args, environment()); }

private Q_SLOTS:
    void init() { m_db = path(QStringLiteral("db-%1/state.db").arg(++m_counter)); }

    void helpWorksWithoutDisplay()
    {
        const Run run = orchestrator(QStringList{QStringLiteral("--help")}, environment());
        QCOMPARE(run.exitCode, 0);
        QVERIFY(run.out.contains(QStringLiteral("run-job")));
        const Run sub = orchestrator(QStringList{QStringLiteral("status"), QStringLiteral("--help")}, environment());
        QCOMPARE(sub.exitCode, 0);
        QVERIFY(sub.out.contains(QStringLiteral("--job-id")));
        const Run bad = orchestrator(QStringList{QStringLiteral("frobnicate")}, environment());
        QCOMPARE(bad.exitCode, 2);
    }

    // A log file outside repo_root and the data directory needs an explicit yes.
    void logOutsideTheRepoNeedsConsent()
    {
        QTemporaryDir elsewhere;
        writeJson(path(QStringLiteral("repo/outside.json")),
                  QJsonObject{{QStringLiteral("job_id"), QStringLiteral("outside")},
                              {QStringLiteral("tool"), QStringLiteral("shell")},
                              {QStringLiteral("command"), QJsonObject{{QStringLiteral("exe"), QStringLiteral("true")}}},
                              {QStringLiteral("paths"), QJsonObject{{QStringLiteral("repo_root"), path(QStringLiteral("repo"))},
                                                                    {QStringLiteral("log_file"), elsewhere.filePath(QStringLiteral("x.log"))}}}});
        const Run refused = orchestrator({QStringLiteral("submit"), path(QStringLiteral("repo/outside.json"))});
        QCOMPARE(refused.exitCode, 3);
        QVERIFY2(refused.err.contains(QStringLiteral("/paths/log_file")), qPrintable(refused.err));
        const Run allowed = orchestrator({QStringLiteral("submit"), QStringLiteral("--allow-outside-paths"), path(QStringLiteral("repo/outside.json"))});
        QVERIFY2(allowed.exitCode == 0, qPrintable(allowed.err));
    }

    // The predecessor's conversion format, run with its own command line.
    void runJobConversionFormatWithAider()
    {
        const QString toolLog = path(QStringLiteral("aider.log"));
        writeJson(path(QStringLiteral("jobs/ws-01.json")),
                  QJsonObject{{QStringLiteral("job_id"), QStringLiteral("ws-01-001")},
                              {QStringLiteral("workstream_id"), QStringLiteral("ws-01-hardcoded-path-index")},
                              {QStringLiteral("tool"), QStringLiteral("aider")},
                              {QStringLiteral("files"), QJsonArray{QStringLiteral("docs/HARDCODED_PATH_INDEXER.md")}},
                              {QStringLiteral("instructions"), QStringLiteral("Review and validate the hardcoded path index documentation")},
                              {QStringLiteral("config"), QJsonObject{{QStringLiteral("auto_commit"), false}, {QStringLiteral("model"), QStringLiteral("gpt-4")}}}});
        QProcessEnvironment env = environment();
        env.insert(QStringLiteral("FAKE_TOOL_LOG"), toolLog);
        const Run run = orchestrator({QStringLiteral("--db"), m_db, QStringLiteral("run-job"), QStringLiteral("--job-file"), QStringLiteral("jobs/ws-01.json")}, env);
        QVERIFY2(run.exitCode == 0, qPrintable(run.err + run.out));
        QVERIFY(run.out.contains(QStringLiteral("succeeded")));
        const QList<QByteArray> fields = readFile(toolLog).trimmed().split('\t');
        QCOMPARE(fields.at(0), QByteArray("aider"));
        const QList<QByteArray> argv = fields.at(4).split('\x1f');
        QVERIFY(argv.contains("--message=Review and validate the hardcoded path index documentation"));
        QVERIFY(argv.contains("--no-auto-commits"));
        QCOMPARE(argv.at(argv.indexOf("--model") + 1), QByteArray("gpt-4"));
        QCOMPARE(argv.last(), QByteArray("docs/HARDCODED_PATH_INDEXER.md"));

        const Run status = orchestrator({QStringLiteral("status"), QStringLiteral("--job-id"), QStringLiteral("ws-01-001")});
        QCOMPARE(status.exitCode, 0);
        QVERIFY2(status.out.contains(QStringLiteral("state:       succeeded")), qPrintable(status.out));
        QVERIFY(status.out.contains(QStringLiteral("last exit:   0")));

        // Running the unchanged file again runs the job again.
        const Run again = orchestrator({QStringLiteral("--db"), m_db, QStringLiteral("run-job"), QStringLiteral("--job-file"), QStringLiteral("jobs/ws-01.json")}, env);
        QCOMPARE(again.exitCode, 0);
        QCOMPARE(readFile(toolLog).count('\n'), 2);
    }

    // The predecessor's full format; run-job exits with the job's exit code.
    void runJobFullFormatExitCode()
    {
        QJsonObject job{{QStringLiteral("job_id"), QStringLiteral("job-2025-11-21-001")},
                        {QStringLiteral("run_id"), QStringLiteral("run-2025-11-21")},
                        {QStringLiteral("workstream_id"), QStringLiteral("ws-my-feature")},
                        {QStringLiteral("tool"), QStringLiteral("shell")},
                        {QStringLiteral("command"), QJsonObject{{QStringLiteral("exe"), testHelper()},
                                                                {QStringLiteral("args"), QJsonArray{QStringLiteral("--print"), QStringLiteral("working"),
                                                                                                    QStringLiteral("--exit"), QStringLiteral("7")}}}},
                        {QStringLiteral("env"), QJsonObject{{QStringLiteral("OLLAMA_API_BASE"), QStringLiteral("http://127.0.0.1:11434")}}},
                        {QStringLiteral("paths"), QJsonObject{{QStringLiteral("repo_root"), QStringLiteral(".")},
                                                              {QStringLiteral("working_dir"), QStringLiteral(".")},
                                                              {QStringLiteral("log_file"), QStringLiteral("logs/job.log")},
                                                              {QStringLiteral("error_report"), QStringLiteral("logs/job.error.json")}}},
                        {QStringLiteral("metadata"), QJsonObject{{QStringLiteral("timeout_seconds"), 600},
                                                                 {QStringLiteral("retry_policy"), QStringLiteral("none")}}}};
        writeJson(path(QStringLiteral("full.json")), job);
        const Run run = orchestrator({QStringLiteral("run-job"), QStringLiteral("--job-file"), path(QStringLiteral("full.json"))});
        QCOMPARE(run.exitCode, 7);
        QVERIFY(QFile::exists(path(QStringLiteral("logs/job.log"))));
        const QJsonObject report = QJsonDocument::fromJson(readFile(path(QStringLiteral("logs/job.error.json")))).object();
        QCOMPARE(report.value(QStringLiteral("exit_code")).toInt(), 7);
        QCOMPARE(report.value(QStringLiteral("last_lines")).toArray().last().toString(), QStringLiteral("working"));
        const Run status = orchestrator({QStringLiteral("status"), QStringLiteral("--job-id"), QStringLiteral("job-2025-11-21-001")});
        QVERIFY(status.out.contains(QStringLiteral("state:       failed")));
        QVERIFY(status.out.contains(QStringLiteral("last exit:   7")));
        QVERIFY(status.out.contains(QStringLiteral("run-2025-11-21")));
    }

    void statusOfUnknownJob()
    {
        // A mistyped --db is not mistaken for an empty queue, and is not created.
        const Run noDatabase = orchestrator({QStringLiteral("status"), QStringLiteral("--job-id"), QStringLiteral("nope")});
        QCOMPARE(noDatabase.exitCode, 4);
        QVERIFY2(noDatabase.err.contains(QStringLiteral("no database at ") + m_db), qPrintable(noDatabase.err));
        QVERIFY(!QFile::exists(m_db));

        writeJson(path(QStringLiteral("known.json")), helperJob(QStringLiteral("known"), {}));
        QCOMPARE(orchestrator({QStringLiteral("submit"), QStringLiteral("known.json")}).exitCode, 0);
        const Run run = orchestrator({QStringLiteral("status"), QStringLiteral("--job-id"), QStringLiteral("nope")});
        QCOMPARE(run.exitCode, 4);
        QVERIFY(run.err.contains(QStringLiteral("no job with id \"nope\"")));
    }

    void statusSaysWhenNoEngineIsRunning()
    {
        writeJson(path(QStringLiteral("idle.json")), helperJob(QStringLiteral("idle"), {}));
        QCOMPARE(orchestrator({QStringLiteral("submit"), QStringLiteral("idle.json")}).exitCode, 0);
        const Run status = orchestrator({QStringLiteral("status"), QStringLiteral("--job-id"), QStringLiteral("idle")});
        QVERIFY2(status.out.contains(QStringLiteral("no engine is working this database")), qPrintable(status.out));
        QCOMPARE(orchestrator({QStringLiteral("pause")}).exitCode, 0);
        const Run paused = orchestrator({QStringLiteral("status"), QStringLiteral("--job-id"), QStringLiteral("idle")});
        QVERIFY2(paused.out.contains(QStringLiteral("why:         queue paused")), qPrintable(paused.out));
    }

    void validationErrorsNameFileFieldAndReason_data()
    {
        QTest::addColumn<QByteArray>("content");
        QTest::addColumn<QString>("expected");
        QTest::newRow("timeout not a number")
            << QByteArray(R"({"job_id":"a","tool":"shell","command":{"exe":"true"},"metadata":{"timeout_seconds":"ten"}})")
            << QStringLiteral("bad.json: /metadata/timeout_seconds: expected a positive integer, got \"ten\"");
        QTest::newRow("unknown tool")
            << QByteArray(R"({"job_id":"a","tool":"aidr","instructions":"x"})")
            << QStringLiteral("bad.json: /tool: unknown tool \"aidr\" (known: aider, claude, codex, gemini, git, shell, tests)");
        QTest::newRow("not json") << QByteArray("{\"job_id\": ") << QStringLiteral("bad.json: not valid JSON at line 1");
        QTest::newRow("missing job_id") << QByteArray(R"({"tool":"shell"})") << QStringLiteral("bad.json: /: missing required field \"job_id\"");
        QTest::newRow("run title not a string")
            << QByteArray(R"({"job_id":"a","tool":"shell","command":{"exe":"true"},"run_title":7})")
            << QStringLiteral("bad.json: /run_title: expected a run title of at most 200 characters, on one line, got 7");
        QTest::newRow("run title too long")
            << (QByteArray(R"({"job_id":"a","tool":"shell","command":{"exe":"true"},"run_title":")") + QByteArray(201, 't') + "\"}")
            << QStringLiteral("bad.json: /run_title: expected a run title of at most 200 characters");
        QTest::newRow("run title on two lines")
            << QByteArray(R"({"job_id":"a","tool":"shell","command":{"exe":"true"},"run_title":"one\ntwo"})")
            << QStringLiteral("bad.json: /run_title: expected a run title on one line, without control characters, got \"one\\ntwo\"");
    }

    void validationErrorsNameFileFieldAndReason()
    {
        QFETCH(QByteArray, content);
        QFETCH(QString, expected);
        writeFile(path(QStringLiteral("bad.json")), content);
        const Run validate = orchestrator({QStringLiteral("validate"), QStringLiteral("bad.json")});
        QCOMPARE(validate.exitCode, 3);
        QVERIFY2(validate.err.contains(expected), qPrintable(validate.err));
        const Run submit = orchestrator({QStringLiteral("submit"), QStringLiteral("bad.json")});
        QCOMPARE(submit.exitCode, 3);
        QVERIFY(!QFile::exists(m_db) || orchestrator({QStringLiteral("list"), QStringLiteral("--json")}).out.trimmed() == QStringLiteral("[\n]"));
    }

    void cycleIsRejected()
    {
        for (const auto &[id, dep] : {std::pair{"x", "z"}, std::pair{"y", "x"}, std::pair{"z", "y"}}) {
            QJsonObject job = helperJob(QString::fromLatin1(id), {});
            job.insert(QStringLiteral("dependencies"), QJsonArray{QString::fromLatin1(dep)});
            writeJson(path(QStringLiteral("cycle/%1.json").arg(QLatin1String(id))), job);
        }
        const Run run = orchestrator({QStringLiteral("submit"), path(QStringLiteral("cycle"))});
        QCOMPARE(run.exitCode, 3);
        QVERIFY2(run.err.contains(QStringLiteral("dependency cycle: x -> z -> y -> x")), qPrintable(run.err));
    }

    // `settings` stores per-tool caps and the rate-limit wait in the
    // database; `run` honours the cap (the two attempts do not overlap), and
    // bad values are refused, naming the option.
    void settingsCapAToolForEveryEngine()
    {
        writeJson(path(QStringLiteral("cap/a.json")), helperJob(QStringLiteral("cap-a"), {QStringLiteral("--sleep"), QStringLiteral("600")}));
        writeJson(path(QStringLiteral("cap/b.json")), helperJob(QStringLiteral("cap-b"), {QStringLiteral("--sleep"), QStringLiteral("600")}));
        QCOMPARE(orchestrator({QStringLiteral("submit"), path(QStringLiteral("cap"))}).exitCode, 0);

        const Run set = orchestrator({QStringLiteral("settings"), QStringLiteral("--limit"), QStringLiteral("shell=1"),
                                      QStringLiteral("--rate-limit-wait"), QStringLiteral("1.5"), QStringLiteral("--json")});
        QVERIFY2(set.exitCode == 0, qPrintable(set.err));
        const QJsonObject json = QJsonDocument::fromJson(set.out.toUtf8()).object();
        QCOMPARE(json.value(QStringLiteral("rate_limit_max_wait_hours")).toDouble(), 1.5);
        const QJsonObject shell = json.value(QStringLiteral("limits")).toObject().value(QStringLiteral("shell")).toObject();
        QCOMPARE(shell.value(QStringLiteral("max_concurrent")).toInt(), 1);
        QCOMPARE(shell.value(QStringLiteral("from")).toString(), QStringLiteral("database"));
        const Run shown = orchestrator({QStringLiteral("settings")});
        QVERIFY2(shown.out.contains(QStringLiteral("shell    1 at once  (this database)")), qPrintable(shown.out));

        const Run bad = orchestrator({QStringLiteral("settings"), QStringLiteral("--limit"), QStringLiteral("shell=-1")});
        QVERIFY(bad.exitCode != 0);
        QVERIFY2(bad.err.contains(QStringLiteral("--limit shell")), qPrintable(bad.err));
        const Run unknown = orchestrator({QStringLiteral("settings"), QStringLiteral("--limit"), QStringLiteral("nosuch=1")});
        QVERIFY(unknown.exitCode != 0);
        QVERIFY2(unknown.err.contains(QStringLiteral("no tool named \"nosuch\"")), qPrintable(unknown.err));

        const Run run = orchestrator({QStringLiteral("worker"), QStringLiteral("--exit-when-idle"), QStringLiteral("--workers"), QStringLiteral("2")});
        QVERIFY2(run.exitCode == 0, qPrintable(run.err + run.out));
        QList<std::pair<qint64, qint64>> spans;
        for (const QString &id : {QStringLiteral("cap-a"), QStringLiteral("cap-b")}) {
            const Run status = orchestrator({QStringLiteral("status"), QStringLiteral("--job-id"), id, QStringLiteral("--json")});
            const QJsonObject job = QJsonDocument::fromJson(status.out.toUtf8()).object();
            const QJsonArray attempts = job.value(QStringLiteral("attempt_history")).toArray();
            QCOMPARE(attempts.size(), 1);
            const QJsonObject attempt = attempts.first().toObject();
            spans.append({qint64(attempt.value(QStringLiteral("started_at")).toDouble()),
                          qint64(attempt.value(QStringLiteral("finished_at")).toDouble())});
        }
        std::sort(spans.begin(), spans.end());
        QVERIFY2(spans.at(0).second <= spans.at(1).first, "the two shell attempts ran at once despite the cap of 1");
    }

    void runExitsZeroOnlyIfAllSucceeded()
    {
        writeJson(path(QStringLiteral("ok/a.json")), helperJob(QStringLiteral("ok-a"), {}));
        writeJson(path(QStringLiteral("ok/b.json")), helperJob(QStringLiteral("ok-b"), {}));
        const Run good = orchestrator({QStringLiteral("run"), path(QStringLiteral("ok")), QStringLiteral("--workers"), QStringLiteral("2")});
        QVERIFY2(good.exitCode == 0, qPrintable(good.err + good.out));
        QVERIFY(good.out.contains(QStringLiteral("2 succeeded")));

        writeJson(path(QStringLiteral("mixed/a.json")), helperJob(QStringLiteral("mixed-a"), {}));
        writeJson(path(QStringLiteral("mixed/b.json")), helperJob(QStringLiteral("mixed-b"), {QStringLiteral("--exit"), QStringLiteral("1")}));
        const Run bad = orchestrator({QStringLiteral("run"), path(QStringLiteral("mixed"))});
        QCOMPARE(bad.exitCode, 1);
        QVERIFY(bad.out.contains(QStringLiteral("1 failed")));
    }

    // `run` answers for the jobs it submitted: earlier jobs of the same run
    // (here a failed and a succeeded run-job) are reported apart and do not
    // decide the exit code.
    void runCountsOnlyItsOwnJobs()
    {
        auto inRun = [](QJsonObject job) {
            job.insert(QStringLiteral("run_id"), QStringLiteral("shared"));
            return job;
        };
        writeJson(path(QStringLiteral("own/fail.json")), inRun(helperJob(QStringLiteral("own-fail"), {QStringLiteral("--exit"), QStringLiteral("2")})));
        writeJson(path(QStringLiteral("own/ok.json")), inRun(helperJob(QStringLiteral("own-ok"), {})));
        QCOMPARE(orchestrator({QStringLiteral("run-job"), QStringLiteral("--job-file"), path(QStringLiteral("own/fail.json"))}).exitCode, 2);
        QCOMPARE(orchestrator({QStringLiteral("run-job"), QStringLiteral("--job-file"), path(QStringLiteral("own/ok.json"))}).exitCode, 0);
        for (int i = 0; i < 4; ++i)
            writeJson(path(QStringLiteral("own/four/%1.json").arg(i)), inRun(helperJob(QStringLiteral("own-four-%1").arg(i), {})));
        const Run four = orchestrator({QStringLiteral("run"), path(QStringLiteral("own/four")), QStringLiteral("--workers"), QStringLiteral("2")});
        QVERIFY2(four.exitCode == 0, qPrintable(four.err + four.out));
        QVERIFY2(four.out.contains(QStringLiteral("run shared: 4 succeeded; the run's other jobs: 1 failed, 1 succeeded; 4 job(s) in ")),
                 qPrintable(four.out));

        // One of this invocation's jobs fails: exit 1, whatever the run's others did.
        writeJson(path(QStringLiteral("own/bad/bad.json")), inRun(helperJob(QStringLiteral("own-bad"), {QStringLiteral("--exit"), QStringLiteral("1")})));
        const Run bad = orchestrator({QStringLiteral("run"), path(QStringLiteral("own/bad"))});
        QCOMPARE(bad.exitCode, 1);
        QVERIFY2(bad.out.contains(QStringLiteral("run shared: 1 failed; the run's other jobs: 1 failed, 5 succeeded; 1 job(s) in ")),
                 qPrintable(bad.out));

        // A run of its own reads as before.
        writeJson(path(QStringLiteral("own/alone/a.json")), helperJob(QStringLiteral("own-alone"), {}));
        const Run alone = orchestrator({QStringLiteral("run"), path(QStringLiteral("own/alone")), QStringLiteral("--run-id"), QStringLiteral("alone")});
        QCOMPARE(alone.exitCode, 0);
        QVERIFY2(alone.out.startsWith(QStringLiteral("run alone: 1 succeeded in ")), qPrintable(alone.out));
    }

    // Runs are named by time and a random suffix: run-job calls within one
    // second each get a run of their own.
    void generatedRunIdsAreUnique()
    {
        constexpr int kCalls = 5;
        for (int i = 0; i < kCalls; ++i) {
            writeJson(path(QStringLiteral("rapid/%1.json").arg(i)), helperJob(QStringLiteral("rapid-%1").arg(i), {}));
            const Run run = orchestrator({QStringLiteral("run-job"), QStringLiteral("--job-file"), path(QStringLiteral("rapid/%1.json").arg(i))});
            QVERIFY2(run.exitCode == 0, qPrintable(run.err));
        }
        const QJsonArray jobs = QJsonDocument::fromJson(orchestrator({QStringLiteral("list"), QStringLiteral("--json")}).out.toUtf8()).array();
        QCOMPARE(jobs.size(), kCalls);
        const QRegularExpression shape(QStringLiteral("^run-\\d{8}-\\d{6}-[0-9a-z]{4}$"));
        QSet<QString> runs;
        for (const QJsonValue &job : jobs) {
            const QString run = job[QStringLiteral("run_id")].toString();
            QVERIFY2(shape.match(run).hasMatch(), qPrintable(run));
            runs.insert(run);
        }
        QCOMPARE(runs.size(), kCalls);
    }

    // A run's title comes from --title or the files' run_title, the latest
    // non-empty one wins, and list and status show it beside the id.
    void runTitleFromOptionAndJobField()
    {
        auto runTitle = [this](const QString &runId) {
            const QJsonArray runs = QJsonDocument::fromJson(orchestrator({QStringLiteral("list"), QStringLiteral("--runs"), QStringLiteral("--json")})
                                                                .out.toUtf8())
                                        .array();
            for (const QJsonValue &run : runs) {
                if (run[QStringLiteral("run_id")].toString() == runId)
                    return run[QStringLiteral("title")].toString();
            }
            return QStringLiteral("<no run %1>").arg(runId);
        };
        QJsonObject first = helperJob(QStringLiteral("titled-1"), {});
        first.insert(QStringLiteral("run_id"), QStringLiteral("titled"));
        first.insert(QStringLiteral("run_title"), QStringLiteral("Nightly refactor"));
        writeJson(path(QStringLiteral("titled/1.json")), first);
        QCOMPARE(orchestrator({QStringLiteral("submit"), path(QStringLiteral("titled/1.json"))}).exitCode, 0);
        QCOMPARE(runTitle(QStringLiteral("titled")), QStringLiteral("Nightly refactor"));

        // --title wins over the file, and is the latest.
        QJsonObject second = helperJob(QStringLiteral("titled-2"), {});
        second.insert(QStringLiteral("run_id"), QStringLiteral("titled"));
        second.insert(QStringLiteral("run_title"), QStringLiteral("From the file"));
        writeJson(path(QStringLiteral("titled/2.json")), second);
        QCOMPARE(orchestrator({QStringLiteral("run"), path(QStringLiteral("titled/2.json")), QStringLiteral("--title"), QStringLiteral("Übernacht-Lauf")}).exitCode, 0);
        QCOMPARE(runTitle(QStringLiteral("titled")), QStringLiteral("Übernacht-Lauf"));

        // No title given: the run keeps its own.
        writeJson(path(QStringLiteral("titled/3.json")), helperJob(QStringLiteral("titled-3"), {}));
        QCOMPARE(orchestrator({QStringLiteral("run-job"), QStringLiteral("--job-file"), path(QStringLiteral("titled/3.json")), QStringLiteral("--run-id"),
                               QStringLiteral("titled")}).exitCode, 0);
        QCOMPARE(runTitle(QStringLiteral("titled")), QStringLiteral("Übernacht-Lauf"));
        // run-job of the same file again, under a new title.
        QCOMPARE(orchestrator({QStringLiteral("run-job"), QStringLiteral("--job-file"), path(QStringLiteral("titled/3.json")), QStringLiteral("--run-id"),
                               QStringLiteral("titled"), QStringLiteral("--title"), QStringLiteral("Third")}).exitCode, 0);
        QCOMPARE(runTitle(QStringLiteral("titled")), QStringLiteral("Third"));

        const Run status = orchestrator({QStringLiteral("status"), QStringLiteral("--job-id"), QStringLiteral("titled-1")});
        QVERIFY2(status.out.contains(QStringLiteral("run:         titled (Third)   workstream: ws-cli")), qPrintable(status.out));
        const QJsonObject json = QJsonDocument::fromJson(orchestrator({QStringLiteral("status"), QStringLiteral("--job-id"), QStringLiteral("titled-1"),
                                                                       QStringLiteral("--json")}).out.toUtf8()).object();
        QCOMPARE(json[QStringLiteral("run_title")].toString(), QStringLiteral("Third"));
        const Run list = orchestrator({QStringLiteral("list")});
        QVERIFY2(list.out.contains(QStringLiteral(" titled (Third)\n")), qPrintable(list.out));
        const Run runs = orchestrator({QStringLiteral("list"), QStringLiteral("--runs")});
        QVERIFY2(runs.out.startsWith(QStringLiteral("titled (Third) ")), qPrintable(runs.out));

        // A title that would break a line of output is refused, naming the option.
        const Run bad = orchestrator({QStringLiteral("submit"), path(QStringLiteral("titled/3.json")), QStringLiteral("--title"), QStringLiteral("a\nb")});
        QCOMPARE(bad.exitCode, 2);
        QVERIFY2(bad.err.contains(QStringLiteral("orchestrator submit: --title: expected a run title on one line")), qPrintable(bad.err));
        const Run tooLong = orchestrator({QStringLiteral("submit"), path(QStringLiteral("titled/3.json")), QStringLiteral("--title"), QString(201, QLatin1Char('x'))});
        QCOMPARE(tooLong.exitCode, 2);
        QVERIFY2(tooLong.err.contains(QStringLiteral("--title: expected a run title of at most 200 characters, got 201")), qPrintable(tooLong.err));
    }

    void databaseLocationFromEnvironment_data()
    {
        QTest::addColumn<QString>("variable");
        QTest::newRow("ORCHESTRATOR_DB") << QStringLiteral("ORCHESTRATOR_DB");
        QTest::newRow("predecessor's PIPELINE_DB_PATH") << QStringLiteral("PIPELINE_DB_PATH");
    }

    void databaseLocationFromEnvironment()
    {
        QFETCH(QString, variable);
        const QString db = path(QStringLiteral("env-%1/pipeline.db").arg(variable));
        writeJson(path(QStringLiteral("env-job-%1.json").arg(variable)), helperJob(QStringLiteral("env-%1").arg(variable), {}));
        QProcessEnvironment env = environment();
        env.insert(variable, db);
        const Run run = orchestrator({QStringLiteral("submit"), path(QStringLiteral("env-job-%1.json").arg(variable))}, env);
        QVERIFY2(run.exitCode == 0, qPrintable(run.err));
        QVERIFY(QFile::exists(db));
        QVERIFY(QFile::exists(QFileInfo(db).absolutePath() + QStringLiteral("/pipeline.db-wal")) || QFileInfo(db).size() > 0);
    }

    void twoWorkerProcessesRunEachJobExactlyOnce()
    {
        const QString record = path(QStringLiteral("exactly-once.txt"));
        const int count = 120;
        for (int i = 0; i < count; ++i) {
            const QString id = QStringLiteral("once-%1").arg(i, 3, 10, QLatin1Char('0'));
            writeJson(path(QStringLiteral("once/%1.json").arg(id)),
                      helperJob(id, {QStringLiteral("--print"), id, QStringLiteral("--record"), record, QStringLiteral("--sleep"), QStringLiteral("20")}));
        }
        QCOMPARE(orchestrator({QStringLiteral("submit"), path(QStringLiteral("once"))}).exitCode, 0);

        QList<QProcess *> workers;
        for (int i = 0; i < 2; ++i) {
            auto *worker = new QProcess(this);
            worker->setProcessEnvironment(environment());
            worker->start(cliPath(), {QStringLiteral("--db"), m_db, QStringLiteral("worker"), QStringLiteral("--workers"), QStringLiteral("4"),
                                      QStringLiteral("--exit-when-idle")});
            workers.append(worker);
        }
        for (QProcess *worker : workers) {
            QVERIFY(worker->waitForFinished(120000));
            QCOMPARE(worker->exitCode(), 0);
        }
        QStringList ran;
        const QList<QByteArray> lines = readFile(record).trimmed().split('\n');
        for (const QByteArray &line : lines)
            ran.append(QJsonDocument::fromJson(line).array().at(1).toString());
        QCOMPARE(ran.size(), count);
        QCOMPARE(QSet<QString>(ran.cbegin(), ran.cend()).size(), count);

        // Every job is recorded as succeeded, after a single attempt.
        const QJsonArray jobs = QJsonDocument::fromJson(orchestrator({QStringLiteral("list"), QStringLiteral("--json")}).out.toUtf8()).array();
        for (const QJsonValue &job : jobs) {
            QCOMPARE(job[QStringLiteral("state")].toString(), QStringLiteral("succeeded"));
            QCOMPARE(job[QStringLiteral("attempts")].toInt(), 1);
        }
        QCOMPARE(jobs.size(), count);
    }

    // A worker process stopped mid-attempt (SIGTERM), then a new process on
    // the same database: the finished job is not run again, the interrupted
    // one is run again, and its history is intact.
    void restartOfTheProcessKeepsState()
    {
        const QString runs = path(QStringLiteral("restart-runs.txt"));
        const QString pidfile = path(QStringLiteral("restart.pid"));
        const QString marker = path(QStringLiteral("restart.marker"));
        writeJson(path(QStringLiteral("restart/a.json")), helperJob(QStringLiteral("rs-a"), {QStringLiteral("--touch"), runs}));
        QJsonObject b = helperJob(QStringLiteral("rs-b"), {});
        // First run: sleeps until killed; second run (marker present): quick.
        b[QStringLiteral("tool")] = QStringLiteral("shell");
        b.remove(QStringLiteral("command"));
        b[QStringLiteral("instructions")] = QStringLiteral("if [ -f '%1' ]; then echo second; else touch '%1'; exec '%2' --pidfile '%3' --sleep 60000; fi")
                                                .arg(marker, testHelper(), pidfile);
        b[QStringLiteral("dependencies")] = QJsonArray{QStringLiteral("rs-a")};
        writeJson(path(QStringLiteral("restart/b.json")), b);
        QCOMPARE(orchestrator({QStringLiteral("submit"), path(QStringLiteral("restart"))}).exitCode, 0);

        QProcess first;
        first.setProcessEnvironment(environment());
        first.start(cliPath(), {QStringLiteral("--db"), m_db, QStringLiteral("worker"), QStringLiteral("--workers"), QStringLiteral("2")});
        QTRY_VERIFY_WITH_TIMEOUT(QFile::exists(pidfile), 15000);
        const qint64 pid = readFile(pidfile).trimmed().toLongLong();
        first.terminate();
        QVERIFY(first.waitForFinished(15000));
        QCOMPARE(first.exitCode(), 0);
        QVERIFY(!QFile::exists(QStringLiteral("/proc/%1/cmdline").arg(pid)) || readFile(QStringLiteral("/proc/%1/stat").arg(pid)).contains(") Z"));

        const Run queued = orchestrator({QStringLiteral("status"), QStringLiteral("--job-id"), QStringLiteral("rs-b")});
        QVERIFY2(queued.out.contains(QStringLiteral("state:       queued")), qPrintable(queued.out));

        const Run second = orchestrator({QStringLiteral("--db"), m_db, QStringLiteral("worker"), QStringLiteral("--exit-when-idle")}, environment());
        QCOMPARE(second.exitCode, 0);
        const Run done = orchestrator({QStringLiteral("status"), QStringLiteral("--job-id"), QStringLiteral("rs-b")});
        QVERIFY2(done.out.contains(QStringLiteral("state:       succeeded")), qPrintable(done.out));
        QVERIFY2(done.out.contains(QStringLiteral("interrupted (not counted): the engine stopped")), qPrintable(done.out));
        QCOMPARE(readFile(runs).count("ran "), 1);   // rs-a ran once
        const Run log = orchestrator({QStringLiteral("logs"), QStringLiteral("--job-id"), QStringLiteral("rs-b")});
        QVERIFY(log.out.contains(QStringLiteral("attempt 2/2 of rs-b")));
        QVERIFY(log.out.trimmed().split(QLatin1Char('\n')).contains(QStringLiteral("second")));
    }

    void logsFollowUntilTheJobIsFinal()
    {
        writeJson(path(QStringLiteral("follow.json")),
                  helperJob(QStringLiteral("follow"), {QStringLiteral("--print"), QStringLiteral("early"), QStringLiteral("--sleep"),
                                                       QStringLiteral("1500"), QStringLiteral("--print"), QStringLiteral("late")}));
        QCOMPARE(orchestrator({QStringLiteral("submit"), QStringLiteral("follow.json")}).exitCode, 0);
        QProcess worker;
        worker.setProcessEnvironment(environment());
        worker.start(cliPath(), {QStringLiteral("--db"), m_db, QStringLiteral("worker"), QStringLiteral("--exit-when-idle")});
        QTRY_VERIFY_WITH_TIMEOUT(orchestrator({QStringLiteral("status"), QStringLiteral("--job-id"), QStringLiteral("follow")})
                                     .out.contains(QStringLiteral("state:       running")), 10000);
        const Run follow = orchestrator({QStringLiteral("logs"), QStringLiteral("--job-id"), QStringLiteral("follow"), QStringLiteral("--follow")});
        QCOMPARE(follow.exitCode, 0);
        QVERIFY2(follow.out.contains(QStringLiteral("early\nlate\n")), qPrintable(follow.out));
        QVERIFY(follow.out.contains(QStringLiteral("attempt 1 succeeded")));
        QVERIFY(worker.waitForFinished(15000));
    }

    void cancelAndRetryFromTheCommandLine()
    {
        writeJson(path(QStringLiteral("cr/a.json")), helperJob(QStringLiteral("cr-a"), {QStringLiteral("--exit"), QStringLiteral("3")}));
        QJsonObject b = helperJob(QStringLiteral("cr-b"), {});
        b.insert(QStringLiteral("dependencies"), QJsonArray{QStringLiteral("cr-a")});
        writeJson(path(QStringLiteral("cr/b.json")), b);
        QCOMPARE(orchestrator({QStringLiteral("run"), path(QStringLiteral("cr"))}).exitCode, 1);
        const Run retry = orchestrator({QStringLiteral("retry"), QStringLiteral("--job-id"), QStringLiteral("cr-a")});
        QVERIFY2(retry.exitCode == 0, qPrintable(retry.err));
        const Run status = orchestrator({QStringLiteral("status"), QStringLiteral("--job-id"), QStringLiteral("cr-b")});
        QVERIFY2(status.out.contains(QStringLiteral("state:       waiting")), qPrintable(status.out));
        QVERIFY(status.out.contains(QStringLiteral("waiting on cr-a (queued)")));
        const Run cancel = orchestrator({QStringLiteral("cancel"), QStringLiteral("--job-id"), QStringLiteral("cr-a")});
        QCOMPARE(cancel.exitCode, 0);
        const Run after = orchestrator({QStringLiteral("status"), QStringLiteral("--job-id"), QStringLiteral("cr-b")});
        QVERIFY(after.out.contains(QStringLiteral("state:       upstream_failed")));
        const Run again = orchestrator({QStringLiteral("cancel"), QStringLiteral("--job-id"), QStringLiteral("cr-a")});
        QCOMPARE(again.exitCode, 6);
        // Retrying the dependent alone would leave it waiting forever.
        const Run dependent = orchestrator({QStringLiteral("retry"), QStringLiteral("--job-id"), QStringLiteral("cr-b")});
        QCOMPARE(dependent.exitCode, 6);
        QVERIFY2(dependent.err.contains(QStringLiteral("depends on cr-a, which is cancelled; retry cr-a instead")), qPrintable(dependent.err));
    }
};

QTEST_GUILESS_MAIN(TestCli)
#include "tst_cli.moc"
