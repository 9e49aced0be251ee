// Submitting job files into a real SQLite store: both formats of the
// predecessor, batch checks (duplicates, unknown tools and dependencies,
// cycles), path resolution, initial states, all-or-nothing writes, and the
// user's cancel and retry on the submitted graph.

#include <QDir>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

#include "scheduling/transitions.h"
#include "store/database.h"
#include "store/jobstore.h"
#include "submit/submission.h"
#include "storesupport.h"
#include "testsupport.h"
#include "tools/toolregistry.h"

using namespace Orchestrator;
using namespace TestSupport;
using namespace Qt::StringLiterals;

// File name (under jobs/) and content, in submission order.
using Files = QList<std::pair<QString, QByteArray>>;

// Fails the test with the error's own message, so a failure says what went wrong.
#define CHECK_OK(expr)                                                                                                 \
    do {                                                                                                                \
        const auto &result_ = (expr);                                                                                   \
        QVERIFY2(result_.ok(), qPrintable(result_.error().message));                                                    \
    } while (false)

namespace {

// The job files of the predecessor's documentation (white space aside); the full
// format is defined at the end of the file: moc takes the "//" of its URL for a
// comment and would lose the class that follows.
const char kConversionSeed[] = R"({"job_id": "ws-01-001", "workstream_id": "ws-01-hardcoded-path-index", "tool": "aider",
    "files": ["docs/HARDCODED_PATH_INDEXER.md"],
    "instructions": "Review and validate the hardcoded path index documentation",
    "config": {"auto_commit": false, "model": "gpt-4"}})";
const char kConvertedWorkstreamSeed[] = R"json({"job_id": "ws-01-001",
    "workstream_id": "ws-01-hardcoded-path-index", "tool": "codex", "files": ["docs/HARDCODED_PATH_INDEXER.md"],
    "instructions": "Baseline indexed (no-op)", "dependencies": []})json";
QByteArray fullSeed();

using StoreSupport::must;

// A shell job; `extra` adds fields, e.g. R"("dependencies": ["a"])".
QByteArray job(const char *id, const QByteArray &extra = {})
{
    QByteArray json = QByteArray(R"({"job_id": ")") + id + R"(", "tool": "shell", "instructions": "exit 0")";
    return json + (extra.isEmpty() ? QByteArray() : ", " + extra) + '}';
}

QStringList words(std::initializer_list<const char *> list)
{
    QStringList out;
    for (const char *word : list)
        out.append(QString::fromUtf8(word));
    return out;
}

} // namespace

class TestSubmission final : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    QString m_previousDir;
    ToolRegistry m_tools;
    int m_counter = 0;
    QString m_case;  // this test's directory, also the current directory
    Database m_db;
    std::unique_ptr<JobStore> m_store;

    Result<SubmitReport> submit(const Files &files, SubmitOptions options = {})
    {
        if (options.workingDirectory.isEmpty())
            options.workingDirectory = m_case;
        if (options.dataDirectory.isEmpty())
            options.dataDirectory = m_case + u"/data"_s;
        Submission submission(m_tools, options);
        for (const auto &[name, content] : files) {
            // Named relative to the current directory, as a user types them.
            writeFile(m_case + u"/jobs/"_s + name, content);
            submission.addFile(u"jobs/"_s + name);
        }
        return submission.commit(*m_store);
    }

    JobRecord record(const QString &id) { return StoreSupport::storedJob(*m_store, id); }
    QString state(const QString &id) { return toString(record(id).state); }

    // Moves a submitted, queued job to `to` as if it had run.
    bool force(const QString &id, JobState to)
    {
        return must(m_store->transition({.jobId = id, .from = JobState::Queued, .to = to, .setFinished = isFinal(to)}));
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        qputenv("ORCHESTRATOR_TOOLS_FILE", QFile::encodeName(m_dir.filePath(u"no-tools.json"_s)));
        auto tools = ToolRegistry::load();
        CHECK_OK(tools);
        m_tools = std::move(tools).value();
        m_previousDir = QDir::currentPath();
    }

    void cleanupTestCase() { QDir::setCurrent(m_previousDir); }

    void init()
    {
        m_case = m_dir.filePath(u"case-%1"_s.arg(++m_counter));
        QVERIFY(QDir().mkpath(m_case));
        QVERIFY(QDir::setCurrent(m_case));
        auto db = Database::open(m_case + u"/state/orchestrator.db"_s);
        CHECK_OK(db);
        m_db = std::move(db).value();
        m_store = std::make_unique<JobStore>(m_db.connection());
    }

    void cleanup()
    {
        m_store.reset();
        m_db = Database();
    }

    // run_title of the files, --title (SubmitOptions::runTitle) over them;
    // per run the last one given, later submissions over earlier ones, and
    // a submission without one leaves the title as it is.
    void runTitles()
    {
        auto titles = [this] { return must(m_store->runTitles()); };
        CHECK_OK(submit({{u"a.json"_s, job("a", R"("run_id": "r1", "run_title": "First")")},
                         {u"b.json"_s, job("b", R"("run_id": "r1", "run_title": "Second")")},
                         {u"c.json"_s, job("c", R"("run_id": "r2")")}}));
        QCOMPARE(titles(), (QHash<QString, QString>{{u"r1"_s, u"Second"_s}}));

        CHECK_OK(submit({{u"d.json"_s, job("d", R"("run_id": "r1")")}}));
        QCOMPARE(titles().value(u"r1"_s), u"Second"_s);

        SubmitOptions titled;
        titled.runTitle = u"From the command line"_s;
        CHECK_OK(submit({{u"e.json"_s, job("e", R"("run_id": "r2", "run_title": "From the file")")}}, titled));
        QCOMPARE(titles(), (QHash<QString, QString>{{u"r1"_s, u"Second"_s}, {u"r2"_s, u"From the command line"_s}}));

        // A generated run (no run_id anywhere) is titled too.
        auto report = submit({{u"f.json"_s, job("f", R"("run_title": "Generated")")}});
        CHECK_OK(report);
        QCOMPARE(titles().value(report->runIds.value(0)), u"Generated"_s);
    }

    void seedFormats_data()
    {
        QTest::addColumn<QByteArray>("json");
        QTest::addColumn<QString>("runId");        // empty: generated
        QTest::addColumn<QStringList>("command");
        QTest::addColumn<QString>("env");          // KEY=value
        QTest::addColumn<int>("timeout");
        QTest::addColumn<QStringList>("escalateTo");
        QTest::addColumn<QString>("logFile");      // %CASE%: the submitter's directory, %LOGS%: default log directory

        const QStringList aiderCommand = words({"aider", "--message", "Fix the bug"});
        const QString ollama = u"OLLAMA_API_BASE=http://127.0.0.1:11434"_s;
        QTest::newRow("conversion format")
                << QByteArray(kConversionSeed) << QString()
                << words({"aider", "--yes-always", "--no-pretty", "--no-stream", "--no-check-update", "--no-analytics",
                          "--message=Review and validate the hardcoded path index documentation",
                          "--model", "gpt-4", "--no-auto-commits", "docs/HARDCODED_PATH_INDEXER.md"})
                << QString() << 0 << QStringList() << u"%LOGS%/ws-01-001.log"_s;
        QTest::newRow("converted workstream")
                << QByteArray(kConvertedWorkstreamSeed) << QString()
                << words({"codex", "exec", "--json", "--sandbox", "workspace-write", "--skip-git-repo-check", "--",
                          "Baseline indexed (no-op)\n\nFiles: docs/HARDCODED_PATH_INDEXER.md"})
                << QString() << 0 << QStringList() << u"%LOGS%/ws-01-001.log"_s;
        QTest::newRow("full format") << fullSeed() << u"run-2025-11-21"_s << aiderCommand << ollama << 600
                                     << words({"codex"}) << u"%CASE%/logs/job.log"_s;
        const QByteArray instructed = fullSeed().replace(R"("tool": "aider",)", R"("tool": "aider", "instructions": "Fix",)");
        QTest::newRow("full format with instructions for the codex escalation")
                << instructed << u"run-2025-11-21"_s << aiderCommand << ollama << 600 << words({"codex"})
                << u"%CASE%/logs/job.log"_s;
    }

    void seedFormats()
    {
        QFETCH(QByteArray, json);
        QFETCH(QString, runId);
        QFETCH(QStringList, command);
        QFETCH(QString, env);
        QFETCH(int, timeout);
        QFETCH(QStringList, escalateTo);
        QFETCH(QString, logFile);

        auto report = submit({{u"seed.json"_s, json}});
        CHECK_OK(report);
        QCOMPARE(report->jobIds.size(), 1);
        QCOMPARE(report->queued, 1);
        const JobRecord r = record(report->jobIds.first());
        if (runId.isEmpty())
            QVERIFY2(r.runId.startsWith(u"run-"_s), qPrintable(r.runId));
        else
            QCOMPARE(r.runId, runId);
        QCOMPARE(report->runIds, QStringList{r.runId});
        const QJsonObject object = QJsonDocument::fromJson(json).object();
        QCOMPARE(r.workstreamId, object.value(u"workstream_id"_s).toString());
        QCOMPARE(QJsonDocument::fromJson(r.spec).object(), object);
        QCOMPARE(toString(r.state), u"queued"_s);
        QCOMPARE(r.command, command);
        QStringList envText;
        for (auto it = r.env.cbegin(); it != r.env.cend(); ++it)
            envText.append(it.key() + u'=' + it.value());
        QCOMPARE(envText.join(u' '), env);
        QCOMPARE(r.timeoutSeconds, timeout);
        QCOMPARE(r.retry.escalateTo, escalateTo);
        QCOMPARE(r.retry.maxAttempts, escalateTo.size() + 1);
        QVERIFY(r.editsRepo);
        QCOMPARE(r.repoRoot, m_case);
        QCOMPARE(r.sourceFile, m_case + u"/jobs/seed.json"_s);
        logFile.replace(u"%LOGS%"_s, m_case + u"/data/logs/"_s + r.runId).replace(u"%CASE%"_s, m_case);
        QCOMPARE(r.logFile, logFile);
    }

    void runsAndWorkstreamsCreatedOnFirstUse()
    {
        CHECK_OK(submit({{u"a.json"_s, job("a", R"("run_id": "run-new", "workstream_id": "ws-new")")}}));
        CHECK_OK(submit({{u"b.json"_s, job("b", R"("run_id": "run-new", "workstream_id": "ws-new")")},
                         {u"c.json"_s, job("c", R"("run_id": "run-new", "workstream_id": "ws-two")")},
                         {u"d.json"_s, job("d", R"("run_id": "run-new")")}}));
        const QList<RunRecord> runs = must(m_store->runs());
        QCOMPARE(runs.size(), 1);
        QCOMPARE(runs.first().runId, u"run-new"_s);
        QCOMPARE(runs.first().total, 4);
        QSqlQuery query(m_db.connection());
        QVERIFY(query.exec(u"SELECT group_concat(workstream_id, ' ') FROM "
                           "(SELECT workstream_id FROM workstreams WHERE run_id = 'run-new' ORDER BY 1)"_s));
        QVERIFY(query.next());
        QCOMPARE(query.value(0).toString(), u"default ws-new ws-two"_s);
    }

    void rejected_data()
    {
        QTest::addColumn<Files>("before");     // submitted first, successfully
        QTest::addColumn<Files>("files");
        QTest::addColumn<int>("code");
        QTest::addColumn<QStringList>("fragments");

        const auto file = [](const char *name, const QByteArray &content) {
            return std::pair{QString::fromUtf8(name), content};
        };
        const int invalid = int(ErrorCode::Validation);
        QTest::newRow("duplicate id in the batch")
                << Files{} << Files{file("a.json", job("x")), file("b.json", job("x"))} << invalid
                << words({R"(jobs/b.json: /job_id: duplicate job id "x" (also in jobs/a.json))"});
        QTest::newRow("id already in the database")
                << Files{file("first.json", job("x", R"("run_id": "r1")"))} << Files{file("again.json", job("x"))}
                << invalid << words({R"(jobs/again.json: /job_id: job id "x" already exists (run r1, queued))"});
        QTest::newRow("unknown tool")
                << Files{} << Files{file("a.json", R"({"job_id": "a", "tool": "aidr", "instructions": "x"})")} << invalid
                << words({R"(jobs/a.json: /tool: unknown tool "aidr" (known: aider, claude, codex, gemini, git, shell, tests))"});
        QTest::newRow("unknown dependency")
                << Files{} << Files{file("a.json", job("a")), file("b.json", job("b", R"("dependencies": ["a", "ghost"])"))}
                << invalid << words({R"(jobs/b.json: /dependencies/1: depends on unknown job "ghost")"});
        QTest::newRow("unknown dependency given as depends_on")
                << Files{} << Files{file("a.json", job("a", R"("depends_on": ["ghost"])"))}
                << invalid << words({R"(jobs/a.json: /depends_on/0: depends on unknown job "ghost")"});
        QTest::newRow("cycle of three")
                << Files{}
                << Files{file("a.json", job("cyc-a", R"("dependencies": ["cyc-b"])")),
                         file("b.json", job("cyc-b", R"("dependencies": ["cyc-c"])")),
                         file("c.json", job("cyc-c", R"("dependencies": ["cyc-a"])"))}
                << invalid
                << words({"dependency cycle: ", "cyc-a -> ", "cyc-b -> ", "cyc-c -> ", "jobs/a.json", "jobs/b.json",
                          "jobs/c.json"});
        QTest::newRow("self-dependency")
                << Files{} << Files{file("self.json", job("self", R"("dependencies": ["self"])"))}
                << invalid << words({"dependency cycle: self -> self (in jobs/self.json)"});
        QTest::newRow("one file of three is not JSON")
                << Files{} << Files{file("a.json", job("a")), file("b.json", "{\"job_id\": "), file("c.json", job("c"))}
                << int(ErrorCode::Parse) << words({"jobs/b.json"});
        QTest::newRow("one file of three breaks the schema")
                << Files{} << Files{file("a.json", job("a")), file("b.json", R"({"job_id": "b"})"), file("c.json", job("c"))}
                << int(ErrorCode::Schema) << words({"jobs/b.json: ", "\"tool\""});
        QTest::newRow("every bad file is reported")
                << Files{file("old.json", job("old"))}
                << Files{file("a.json", R"({"job_id": "a", "tool": "nope", "instructions": "x"})"),
                         file("b.json", job("b", R"("dependencies": ["old"])")),
                         file("c.json", R"({"job_id": "c", "tool": "git"})")}
                << invalid << words({"jobs/a.json: /tool: unknown tool \"nope\"", "jobs/c.json: /config/args: "});
    }

    void rejected()
    {
        QFETCH(Files, before);
        QFETCH(Files, files);
        QFETCH(int, code);
        QFETCH(QStringList, fragments);

        if (!before.isEmpty())
            CHECK_OK(submit(before));
        const qint64 lastEvent = must(m_store->maxEventId());
        const qsizetype runs = must(m_store->runs()).size();

        auto report = submit(files);
        QVERIFY(!report.ok());
        const QString message = report.error().message;
        for (const QString &fragment : std::as_const(fragments))
            QVERIFY2(message.contains(fragment), qPrintable(message));
        QCOMPARE(int(report.error().code), code);
        // All or nothing: no job, run or event of the batch was written.
        QCOMPARE(must(m_store->jobs({})).size(), before.size());
        QCOMPARE(must(m_store->runs()).size(), runs);
        QCOMPARE(must(m_store->maxEventId()), lastEvent);
    }

    void pathResolution_data()
    {
        QTest::addColumn<QByteArray>("paths");      // the job's "paths" object
        // repo_root, working_dir, log_file, error_report; %WD%: SubmitOptions::workingDirectory,
        // %DATA%: SubmitOptions::dataDirectory, %CASE%: a directory elsewhere
        QTest::addColumn<QStringList>("expected");

        const QStringList defaults = words({"%DATA%/logs/r/p.log", "%DATA%/logs/r/p.error.json"});
        QTest::newRow("nothing given") << QByteArray("{}") << words({"%WD%", "%WD%"}) + defaults;
        QTest::newRow("relative repo_root")
                << QByteArray(R"({"repo_root": "repo"})") << words({"%WD%/repo", "%WD%/repo"}) + defaults;
        QTest::newRow("the rest against repo_root")
                << QByteArray(R"({"repo_root": "repo", "working_dir": "src", "log_file": "out/p.log",
                                  "error_report": "out/p.json"})")
                << words({"%WD%/repo", "%WD%/repo/src", "%WD%/repo/out/p.log", "%WD%/repo/out/p.json"});
        QTest::newRow("working_dir without repo_root")
                << QByteArray(R"({"working_dir": "build"})") << words({"%WD%", "%WD%/build"}) + defaults;
        QTest::newRow("absolute paths kept")
                << QByteArray(R"({"repo_root": "%CASE%/r", "working_dir": "%CASE%/w", "log_file": "%CASE%/l.log",
                                  "error_report": "%CASE%/e.json", "allow_outside": true})")
                << words({"%CASE%/r", "%CASE%/w", "%CASE%/l.log", "%CASE%/e.json"});
        QTest::newRow("dot segments cleaned")
                << QByteArray(R"({"repo_root": "./x/../repo/", "working_dir": "./src/.", "log_file": "../p.log",
                                  "allow_outside": true})")
                << words({"%WD%/repo", "%WD%/repo/src", "%WD%/p.log", "%DATA%/logs/r/p.error.json"});
    }

    void pathResolution()
    {
        QFETCH(QByteArray, paths);
        QFETCH(QStringList, expected);

        const SubmitOptions options{.runId = u"r"_s, .workingDirectory = m_case + u"/submitter"_s,
                                    .dataDirectory = m_case + u"/data"_s};
        paths.replace("%CASE%", m_case.toUtf8());
        CHECK_OK(submit({{u"p.json"_s, job("p", "\"paths\": " + paths)}}, options));
        for (QString &path : expected) {
            path.replace(u"%WD%"_s, options.workingDirectory)
                    .replace(u"%DATA%"_s, options.dataDirectory)
                    .replace(u"%CASE%"_s, m_case);
        }
        const JobRecord r = record(u"p"_s);
        QCOMPARE((QStringList{r.repoRoot, r.workingDir, r.logFile, r.errorReport}), expected);
    }

    void dependsOnAlias()
    {
        CHECK_OK(submit({{u"a.json"_s, job("a")}, {u"b.json"_s, job("b", R"("depends_on": ["a"])")},
                         {u"c.json"_s, job("c", R"("dependencies": ["a"], "depends_on": ["b", "a"])")}}));
        QCOMPARE(must(m_store->dependencies(u"b"_s)), words({"a"}));
        QCOMPARE(must(m_store->dependencies(u"c"_s)), words({"a", "b"}));
        QCOMPARE(must(m_store->dependents(u"a"_s)), words({"b", "c"}));
        QCOMPARE(state(u"b"_s), u"waiting"_s);
    }

    void priority_data()
    {
        QTest::addColumn<QByteArray>("extra");
        QTest::addColumn<QString>("override");   // empty: none
        QTest::addColumn<QString>("expected");

        QTest::newRow("default") << QByteArray() << QString() << u"normal"_s;
        QTest::newRow("from the file") << QByteArray(R"("priority": "low")") << QString() << u"low"_s;
        QTest::newRow("override raises") << QByteArray(R"("priority": "low")") << u"critical"_s << u"critical"_s;
        QTest::newRow("override lowers") << QByteArray(R"("priority": "high")") << u"low"_s << u"low"_s;
        QTest::newRow("override without file priority") << QByteArray() << u"high"_s << u"high"_s;
    }

    void priority()
    {
        QFETCH(QByteArray, extra);
        QFETCH(QString, override);
        QFETCH(QString, expected);

        SubmitOptions options;
        if (!override.isEmpty())
            options.priority = priorityFromString(override);
        CHECK_OK(submit({{u"a.json"_s, job("a", extra)}}, options));
        QCOMPARE(toString(record(u"a"_s).priority), expected);
    }

    void runIdOverride()
    {
        auto report = submit({{u"a.json"_s, job("a", R"("run_id": "r-file")")}, {u"b.json"_s, job("b")},
                              {u"c.json"_s, job("c")}});
        CHECK_OK(report);
        const QString generated = record(u"b"_s).runId;
        QVERIFY2(generated.startsWith(u"run-"_s), qPrintable(generated));
        QCOMPARE(record(u"c"_s).runId, generated);
        QCOMPARE(report->runIds, (QStringList{u"r-file"_s, generated}));

        CHECK_OK(submit({{u"d.json"_s, job("d", R"("run_id": "r-file")")}, {u"e.json"_s, job("e")}},
                        {.runId = u"r-opt"_s}));
        QCOMPARE(record(u"d"_s).runId, u"r-opt"_s);
        QCOMPARE(record(u"e"_s).runId, u"r-opt"_s);
    }

    void initialStates_data()
    {
        QTest::addColumn<QString>("upstream");   // "": no dependency, "batch": same batch, else its state in the database
        QTest::addColumn<QString>("expected");

        QTest::newRow("no dependencies") << QString() << u"queued"_s;
        QTest::newRow("dependency in the same batch") << u"batch"_s << u"waiting"_s;
        QTest::newRow("dependency queued") << u"queued"_s << u"waiting"_s;
        QTest::newRow("dependency running") << u"running"_s << u"waiting"_s;
        QTest::newRow("dependency waiting to retry") << u"retry_waiting"_s << u"waiting"_s;
        QTest::newRow("dependency succeeded") << u"succeeded"_s << u"queued"_s;
        QTest::newRow("dependency failed") << u"failed"_s << u"upstream_failed"_s;
        QTest::newRow("dependency timed out") << u"timed_out"_s << u"upstream_failed"_s;
        QTest::newRow("dependency cancelled") << u"cancelled"_s << u"upstream_failed"_s;
    }

    void initialStates()
    {
        QFETCH(QString, upstream);
        QFETCH(QString, expected);

        Files files;
        if (upstream == u"batch"_s) {
            files.append({u"up.json"_s, job("up")});
        } else if (!upstream.isEmpty()) {
            CHECK_OK(submit({{u"up.json"_s, job("up")}}));
            if (upstream != u"queued"_s)
                QVERIFY(force(u"up"_s, jobStateFromString(upstream).value()));
        }
        // A second generation shows that the state travels down the batch.
        files.append({u"down.json"_s, upstream.isEmpty() ? job("down") : job("down", R"("dependencies": ["up"])")});
        files.append({u"last.json"_s, job("last", R"("depends_on": ["down"])")});
        auto report = submit(files);
        CHECK_OK(report);

        QCOMPARE(state(u"down"_s), expected);
        const bool failed = expected == u"upstream_failed"_s;
        QCOMPARE(state(u"last"_s), failed ? expected : u"waiting"_s);
        if (failed)
            QCOMPARE(record(u"down"_s).reason, u"upstream job up did not succeed"_s);
        QCOMPARE(report->upstreamFailed, failed ? 2 : 0);
        QCOMPARE(report->queued + report->waiting + report->upstreamFailed, files.size());
    }

    void everyJobHasASubmittedEvent()
    {
        auto report = submit({{u"c.json"_s, job("c", R"("dependencies": ["b"])")},
                              {u"a.json"_s, job("a", R"("run_id": "r")")},
                              {u"b.json"_s, job("b", R"("run_id": "r", "dependencies": ["a"])")}});
        CHECK_OK(report);
        QCOMPARE(report->jobIds, words({"c", "a", "b"}));
        for (const QString &id : std::as_const(report->jobIds)) {
            const QList<EventRecord> events = must(m_store->events(id));
            QCOMPARE(events.size(), 1);
            QCOMPARE(toString(events.first().kind), u"submitted"_s);
            QCOMPARE(events.first().toState ? toString(*events.first().toState) : QString(), state(id));
            QCOMPARE(events.first().runId, record(id).runId);
        }
        // Dependencies are written first, so a reader never sees a job before what it waits for.
        QVERIFY(record(u"a"_s).seq < record(u"b"_s).seq);
        QVERIFY(record(u"b"_s).seq < record(u"c"_s).seq);
    }

    void cancelWaitingJob()
    {
        CHECK_OK(submit({{u"a.json"_s, job("a")}, {u"b.json"_s, job("b", R"("dependencies": ["a"])")},
                         {u"c.json"_s, job("c", R"("dependencies": ["b"])")},
                         {u"d.json"_s, job("d", R"("dependencies": ["a"])")}}));
        CHECK_OK(m_store->begin());
        auto changed = Transitions::cancel(*m_store, u"b"_s);
        CHECK_OK(m_store->commit());
        CHECK_OK(changed);
        QCOMPARE(*changed, words({"b", "c"}));
        QCOMPARE(state(u"b"_s), u"cancelled"_s);
        QVERIFY(record(u"b"_s).finishedAt.has_value());
        QCOMPARE(toString(must(m_store->events(u"b"_s)).last().kind), u"cancelled"_s);
        QCOMPARE(state(u"c"_s), u"upstream_failed"_s);
        QCOMPARE(record(u"c"_s).reason, u"upstream job b did not succeed"_s);
        QCOMPARE(state(u"a"_s), u"queued"_s);
        QCOMPARE(state(u"d"_s), u"waiting"_s);

        auto again = Transitions::cancel(*m_store, u"b"_s);
        QVERIFY(!again.ok());
        QCOMPARE(again.error().code, ErrorCode::Conflict);
        QCOMPARE(again.error().message, u"job b is already cancelled"_s);
        auto unknown = Transitions::cancel(*m_store, u"ghost"_s);
        QVERIFY(!unknown.ok());
        QCOMPARE(unknown.error().code, ErrorCode::NotFound);
    }

    void retryFailedJob()
    {
        CHECK_OK(submit({{u"a.json"_s, job("a")}, {u"b.json"_s, job("b", R"("dependencies": ["a"])")},
                         {u"c.json"_s, job("c", R"("dependencies": ["b"])")}}));
        CHECK_OK(m_store->begin());
        QVERIFY(must(m_store->claim(u"a"_s, u"engine"_s, JobStore::now() + 60000, JobStore::now())));
        QVERIFY(must(m_store->transition({.jobId = u"a"_s, .from = JobState::Running, .to = JobState::Failed,
                                          .owner = u"engine"_s, .attempt = 1, .clearOwner = true,
                                          .setFinished = true})));
        QCOMPARE(must(Transitions::failDownstream(*m_store, u"a"_s)), words({"b", "c"}));
        CHECK_OK(m_store->commit());
        const JobRecord spent = record(u"a"_s);
        QCOMPARE(spent.attempts, spent.maxAttempts());  // no attempt left

        CHECK_OK(m_store->begin());
        auto changed = Transitions::retry(*m_store, u"a"_s);
        CHECK_OK(m_store->commit());
        CHECK_OK(changed);
        QCOMPARE(*changed, words({"a", "b", "c"}));
        const JobRecord a = record(u"a"_s);
        QCOMPARE(toString(a.state), u"queued"_s);
        QCOMPARE(a.maxAttempts() - a.attempts, a.retry.maxAttempts);  // a fresh budget
        QCOMPARE(toString(must(m_store->events(u"a"_s)).last().kind), u"retry"_s);
        QCOMPARE(state(u"b"_s), u"waiting"_s);
        QCOMPARE(state(u"c"_s), u"waiting"_s);

        // Only jobs that ended without success can be retried.
        auto waiting = Transitions::retry(*m_store, u"b"_s);
        QVERIFY(!waiting.ok());
        QCOMPARE(waiting.error().code, ErrorCode::Conflict);
        QVERIFY2(waiting.error().message.contains(u"job b is waiting"_s), qPrintable(waiting.error().message));

        // A retried job whose dependency has not succeeded waits for it.
        CHECK_OK(Transitions::cancel(*m_store, u"b"_s));
        QCOMPARE(state(u"c"_s), u"upstream_failed"_s);
        QCOMPARE(must(Transitions::retry(*m_store, u"b"_s)), words({"b", "c"}));
        QCOMPARE(state(u"b"_s), u"waiting"_s);
        QCOMPARE(state(u"c"_s), u"waiting"_s);
    }

    void expandInputs()
    {
        writeFile(u"dir/b.json"_s, job("b"));
        writeFile(u"dir/a.json"_s, job("a"));
        writeFile(u"dir/notes.txt"_s, "not a job");
        writeFile(u"dir/sub/c.json"_s, job("c"));
        writeFile(u"single.job"_s, job("s"));
        auto files = Submission::expandInputs({u"single.job"_s, u"dir"_s});
        CHECK_OK(files);
        QCOMPARE(*files, words({"single.job", "dir/a.json", "dir/b.json"}));

        auto missing = Submission::expandInputs({u"dir"_s, u"missing.json"_s});
        QVERIFY(!missing.ok());
        QCOMPARE(missing.error().code, ErrorCode::Io);
        QCOMPARE(missing.error().message, u"missing.json: no such file or directory"_s);
    }
};

namespace {

const char kFullSeed[] = R"({
  "job_id": "job-2025-11-21-001", "run_id": "run-2025-11-21", "workstream_id": "ws-my-feature", "tool": "aider",
  "command": {"exe": "aider", "args": ["--message", "Fix the bug"]},
  "env": {"OLLAMA_API_BASE": "http://127.0.0.1:11434"},
  "paths": {"repo_root": ".", "working_dir": ".", "log_file": "logs/job.log", "error_report": "logs/job.error.json"},
  "metadata": {"timeout_seconds": 600, "retry_policy": "escalate_to_codex"}
})";

QByteArray fullSeed() { return kFullSeed; }

} // namespace

QTEST_GUILESS_MAIN(TestSubmission)
#include "tst_submission.moc"
