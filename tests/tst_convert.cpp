// Workstream conversion (engine/convert and `orchestrator convert`): both
// mapping modes, the options, dependency mapping, malformed files, plan
// errors (cycles, unknown dependencies, id collisions), never overwriting a
// changed file, the example set, and the command line as users run it.

#include <QDir>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

#include "convert/conversion.h"
#include "tools/toolregistry.h"
#include "testsupport.h"

using namespace Orchestrator;
using namespace Orchestrator::Convert;
using namespace TestSupport;

namespace {

// A compact workstream: "id" or "id<dep1,dep2" with `tasks` tasks "<id> task n".
QByteArray workstream(const QString &spec, int tasks = 1, const QJsonObject &extra = {})
{
    const QStringList parts = spec.split(QLatin1Char('<'));
    QJsonObject ws{{QStringLiteral("id"), parts.first()},
                   {QStringLiteral("title"), QString(QStringLiteral("Title of ") + parts.first())},
                   {QStringLiteral("files_scope"), QJsonArray{QString(QStringLiteral("src/") + parts.first() + QStringLiteral(".cpp"))}}};
    QJsonArray taskList;
    for (int n = 1; n <= tasks; ++n)
        taskList.append(QStringLiteral("%1 task %2").arg(parts.first()).arg(n));
    ws.insert(QStringLiteral("tasks"), taskList);
    if (parts.size() > 1)
        ws.insert(QStringLiteral("depends_on"), QJsonArray::fromStringList(parts.at(1).split(QLatin1Char(','))));
    for (auto it = extra.constBegin(); it != extra.constEnd(); ++it)
        ws.insert(it.key(), it.value());
    return QJsonDocument(ws).toJson();
}

// The value at a JSON pointer (no escapes needed here), or Undefined.
QJsonValue at(const QJsonObject &object, const QString &pointer)
{
    QJsonValue value = object;
    const QStringList tokens = pointer.split(QLatin1Char('/'), Qt::SkipEmptyParts);
    for (const QString &token : tokens) {
        if (value.isObject())
            value = value.toObject().value(token);
        else if (value.isArray())
            value = value.toArray().at(token.toInt());
        else
            return QJsonValue(QJsonValue::Undefined);
    }
    return value;
}

QJsonValue jsonValue(const QByteArray &text)
{
    if (text.isEmpty())
        return QJsonValue(QJsonValue::Undefined);
    return QJsonDocument::fromJson("[" + text + "]").array().at(0);
}

// "job<dep1,dep2" per planned job, in plan order.
QStringList summary(const Plan &plan)
{
    QStringList out;
    for (const PlannedJob &job : plan.jobs)
        out.append(job.dependsOn.isEmpty() ? job.jobId : job.jobId + QLatin1Char('<') + job.dependsOn.join(QLatin1Char(',')));
    return out;
}

struct Run
{
    int exitCode = -1;
    QString out;
    QString err;
};

} // namespace

class TestConvert final : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    int m_counter = 0;
    std::optional<ToolRegistry> m_tools;

    // A fresh folder for one test (or one data row).
    QString freshDir()
    {
        const QString path = m_dir.filePath(QStringLiteral("case-%1").arg(++m_counter));
        QDir().mkpath(path);
        return path;
    }

    QList<SourceFile> readAll(const QString &folder)
    {
        auto files = expandSources({folder});
        if (!files)
            qFatal("%s", qPrintable(files.error().message));
        QList<SourceFile> sources;
        for (const QString &file : std::as_const(*files))
            sources.append(readWorkstream(file));
        return sources;
    }

    // Writes "spec" workstreams (see workstream()) into a fresh folder and reads them back.
    QList<SourceFile> sourcesOf(const QStringList &specs, int tasks = 1)
    {
        const QString folder = freshDir();
        for (const QString &spec : specs) {
            const QString id = spec.section(QLatin1Char('<'), 0, 0);
            writeFile(folder + QLatin1Char('/') + id + QStringLiteral(".json"), workstream(spec, tasks));
        }
        return readAll(folder);
    }

    QProcessEnvironment environment() const
    {
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.remove(QStringLiteral("DISPLAY"));
        env.remove(QStringLiteral("WAYLAND_DISPLAY"));
        env.remove(QStringLiteral("ORCHESTRATOR_DB"));
        env.remove(QStringLiteral("PIPELINE_DB_PATH"));
        env.insert(QStringLiteral("ORCHESTRATOR_TOOLS_FILE"), QStringLiteral("/nonexistent/tools.json"));
        env.insert(QStringLiteral("PATH"), fakeBin() + QLatin1Char(':') + env.value(QStringLiteral("PATH")));
        return env;
    }

    Run orchestrator(const QStringList &args, const QString &workingDirectory)
    {
        QProcess process;
        process.setProcessEnvironment(environment());
        process.setWorkingDirectory(workingDirectory);
        process.start(cliPath(), args);
        if (!process.waitForFinished(60000))
            process.kill();
        process.waitForFinished();
        return Run{process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1,
                   QString::fromUtf8(process.readAllStandardOutput()), QString::fromUtf8(process.readAllStandardError())};
    }

    QString exampleFolder() const { return examplesDir() + QStringLiteral("/workstreams"); }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        auto tools = ToolRegistry::load(QStringLiteral("/nonexistent/tools.json"));
        QVERIFY2(tools, qPrintable(tools ? QString() : tools.error().message));
        m_tools = std::move(*tools);
    }

    // ---- mapping ---------------------------------------------------------

    void mapping_data()
    {
        QTest::addColumn<QStringList>("workstreams");
        QTest::addColumn<int>("tasks");
        QTest::addColumn<bool>("perTask");
        QTest::addColumn<QStringList>("expected");

        // c depends on a and b, b on a: a job waits for the LAST job of each.
        const QStringList abc{QStringLiteral("a"), QStringLiteral("b<a"), QStringLiteral("c<a,b")};
        QTest::newRow("one job per workstream")
                << abc << 2 << false << QStringList{QStringLiteral("a-001"), QStringLiteral("b-001<a-001"), QStringLiteral("c-001<a-001,b-001")};
        QTest::newRow("one job per task, chained")
                << abc << 2 << true
                << QStringList{QStringLiteral("a-001"), QStringLiteral("a-002<a-001"), QStringLiteral("b-001<a-002"),
                               QStringLiteral("b-002<b-001"), QStringLiteral("c-001<a-002,b-002"), QStringLiteral("c-002<c-001")};
        // Files are read in name order; jobs come out dependencies first.
        QTest::newRow("start order, not file order")
                << QStringList{QStringLiteral("a<z"), QStringLiteral("m"), QStringLiteral("z<m")} << 1 << false
                << QStringList{QStringLiteral("m-001"), QStringLiteral("z-001<m-001"), QStringLiteral("a-001<z-001")};
        QTest::newRow("fan-out and fan-in per task")
                << QStringList{QStringLiteral("root"), QStringLiteral("left<root"), QStringLiteral("right<root"),
                               QStringLiteral("join<left,right")}
                << 3 << true
                << QStringList{QStringLiteral("root-001"), QStringLiteral("root-002<root-001"), QStringLiteral("root-003<root-002"),
                               QStringLiteral("left-001<root-003"), QStringLiteral("left-002<left-001"),
                               QStringLiteral("left-003<left-002"), QStringLiteral("right-001<root-003"),
                               QStringLiteral("right-002<right-001"), QStringLiteral("right-003<right-002"),
                               QStringLiteral("join-001<left-003,right-003"), QStringLiteral("join-002<join-001"),
                               QStringLiteral("join-003<join-002")};
        QTest::newRow("duplicate dependency listed once")
                << QStringList{QStringLiteral("a"), QStringLiteral("b<a,a")} << 1 << false
                << QStringList{QStringLiteral("a-001"), QStringLiteral("b-001<a-001")};
    }

    void mapping()
    {
        QFETCH(QStringList, workstreams);
        QFETCH(int, tasks);
        QFETCH(bool, perTask);
        QFETCH(QStringList, expected);

        const QList<SourceFile> sources = sourcesOf(workstreams, tasks);
        Options options;
        options.mode = perTask ? Options::Mode::JobPerTask : Options::Mode::JobPerWorkstream;
        options.tools = &*m_tools;
        const Plan result = plan(sources, options);
        QVERIFY2(result.ok(), qPrintable(result.errors.join(QLatin1Char('\n'))));
        QCOMPARE(summary(result), expected);

        for (const PlannedJob &job : result.jobs) {
            QCOMPARE(job.fileName, job.jobId + QStringLiteral(".json"));
            QCOMPARE(job.json.value(QLatin1String("job_id")).toString(), job.jobId);
            QCOMPARE(job.json.value(QLatin1String("workstream_id")).toString(), job.workstreamId);
            QCOMPARE(job.json.value(QLatin1String("depends_on")).toVariant().toStringList(), job.dependsOn);
            QCOMPARE(job.json.value(QLatin1String("files")).toArray(),
                     QJsonArray{QString(QStringLiteral("src/") + job.workstreamId + QStringLiteral(".cpp"))});
            const QString instructions = job.json.value(QLatin1String("instructions")).toString();
            if (perTask) {
                // Job n does task n only.
                const int n = job.jobId.right(3).toInt();
                QCOMPARE(instructions, QStringLiteral("%1 task %2").arg(job.workstreamId).arg(n));
            } else {
                QStringList all;
                for (int n = 1; n <= tasks; ++n)
                    all.append(QStringLiteral("%1 task %2").arg(job.workstreamId).arg(n));
                QCOMPARE(instructions, all.join(QLatin1Char('\n')));
            }
        }
    }

    // ---- options ---------------------------------------------------------

    void options_data()
    {
        QTest::addColumn<QByteArray>("extra");      // added to the workstream file
        QTest::addColumn<QString>("option");
        QTest::addColumn<QString>("value");
        QTest::addColumn<QString>("pointer");       // in the first job file
        QTest::addColumn<QByteArray>("expected");   // JSON; empty: absent

        QTest::newRow("default tool is aider") << QByteArray() << QString() << QString() << "/tool" << QByteArray("\"aider\"");
        QTest::newRow("default tool when missing") << QByteArray() << "tool" << "codex" << "/tool" << QByteArray("\"codex\"");
        QTest::newRow("own tool wins over the default")
                << QByteArray(R"({"tool": "aider"})") << "tool" << "codex" << "/tool" << QByteArray("\"aider\"");
        QTest::newRow("id pattern") << QByteArray() << "pattern" << "job-{ws}-{n:2}" << "/job_id" << QByteArray("\"job-a-01\"");
        QTest::newRow("id pattern without number") << QByteArray() << "pattern" << "{ws}" << "/job_id" << QByteArray("\"a\"");
        QTest::newRow("no priority by default") << QByteArray() << QString() << QString() << "/priority" << QByteArray();
        QTest::newRow("priority") << QByteArray() << "priority" << "high" << "/priority" << QByteArray("\"high\"");
        QTest::newRow("file's priority wins")
                << QByteArray(R"({"priority": "critical"})") << "priority" << "low" << "/priority" << QByteArray("\"critical\"");
        QTest::newRow("no timeout by default") << QByteArray() << QString() << QString() << "/metadata" << QByteArray();
        QTest::newRow("timeout") << QByteArray() << "timeout" << "600" << "/metadata/timeout_seconds" << QByteArray("600");
        QTest::newRow("retry shorthand")
                << QByteArray() << "retry" << "escalate_to_codex" << "/metadata/retry_policy" << QByteArray("\"escalate_to_codex\"");
        QTest::newRow("retry object")
                << QByteArray() << "retry" << R"({"max_attempts": 3, "backoff_seconds": 2})" << "/metadata/retry_policy"
                << QByteArray(R"({"max_attempts": 3, "backoff_seconds": 2})");
        QTest::newRow("auto_commit off by default") << QByteArray() << QString() << QString() << "/config/auto_commit" << QByteArray("false");
        QTest::newRow("auto_commit") << QByteArray() << "autoCommit" << "true" << "/config/auto_commit" << QByteArray("true");
        QTest::newRow("no model by default") << QByteArray() << QString() << QString() << "/config/model" << QByteArray();
        QTest::newRow("model") << QByteArray() << "model" << "gpt-4" << "/config/model" << QByteArray("\"gpt-4\"");
        QTest::newRow("file's config over the defaults")
                << QByteArray(R"({"config": {"model": "o3"}})") << "model" << "gpt-4" << "/config/model" << QByteArray("\"o3\"");
        QTest::newRow("title kept as annotation") << QByteArray() << QString() << QString() << "/x-title" << QByteArray("\"Title of a\"");
        QTest::newRow("source kept as annotation") << QByteArray() << QString() << QString() << "/x-source" << QByteArray("\"a.json\"");
    }

    void options()
    {
        QFETCH(QByteArray, extra);
        QFETCH(QString, option);
        QFETCH(QString, value);
        QFETCH(QString, pointer);
        QFETCH(QByteArray, expected);

        const QString folder = freshDir();
        writeFile(folder + QStringLiteral("/a.json"),
                  workstream(QStringLiteral("a"), 2, extra.isEmpty() ? QJsonObject() : QJsonDocument::fromJson(extra).object()));
        Options options;
        options.tools = &*m_tools;
        if (option == QLatin1String("tool")) {
            options.defaultTool = value;
        } else if (option == QLatin1String("pattern")) {
            options.idPattern = value;
        } else if (option == QLatin1String("priority")) {
            options.priority = priorityFromString(value);
            QVERIFY(options.priority);
        } else if (option == QLatin1String("timeout")) {
            options.timeoutSeconds = value.toInt();
        } else if (option == QLatin1String("retry")) {
            const Status set = setRetryPolicy(options, value);
            QVERIFY2(set, qPrintable(set ? QString() : set.error().message));
        } else if (option == QLatin1String("autoCommit")) {
            options.autoCommit = value == QLatin1String("true");
        } else if (option == QLatin1String("model")) {
            options.model = value;
        } else {
            QVERIFY2(option.isEmpty(), qPrintable(option));
        }

        const Plan result = plan(readAll(folder), options);
        QVERIFY2(result.ok(), qPrintable(result.errors.join(QLatin1Char('\n'))));
        QCOMPARE(result.jobs.size(), 1);
        QCOMPARE(at(result.jobs.first().json, pointer), jsonValue(expected));
    }

    void badOptions_data()
    {
        QTest::addColumn<QString>("option");
        QTest::addColumn<QString>("value");
        QTest::addColumn<QString>("message");

        QTest::newRow("unknown placeholder") << "pattern" << "{wss}-{n}" << "unknown placeholder {wss}";
        QTest::newRow("empty pattern") << "pattern" << "" << "empty";
        QTest::newRow("unknown retry shorthand") << "retry" << "again" << "retry_policy";
        QTest::newRow("retry not JSON") << "retry" << "{max_attempts" << "not a JSON object";
        QTest::newRow("retry object with a bad field") << "retry" << R"({"max_attempts": "three"})" << "/metadata/retry_policy/max_attempts";
    }

    void badOptions()
    {
        QFETCH(QString, option);
        QFETCH(QString, value);
        QFETCH(QString, message);

        Options options;
        QString error;
        if (option == QLatin1String("pattern")) {
            auto expanded = expandIdPattern(value, QStringLiteral("ws"), 1);
            QVERIFY(!expanded);
            error = expanded.error().message;
            // plan() refuses it too, with the same reason.
            options.idPattern = value;
            const Plan result = plan(sourcesOf({QStringLiteral("a")}), options);
            QVERIFY(!result.ok());
            QVERIFY(result.jobs.isEmpty());
            QVERIFY2(result.errors.join(QLatin1Char('\n')).contains(message), qPrintable(result.errors.join(QLatin1Char('\n'))));
        } else {
            const Status set = setRetryPolicy(options, value);
            QVERIFY(!set);
            error = set.error().message;
            QVERIFY(options.retryShorthand.isEmpty());
            QVERIFY(options.retryPolicy.isEmpty());
        }
        QVERIFY2(error.contains(message), qPrintable(error));
    }

    // ---- reading ---------------------------------------------------------

    void malformed_data()
    {
        QTest::addColumn<QByteArray>("content");
        QTest::addColumn<QString>("pointer");
        QTest::addColumn<QString>("reason");
        QTest::addColumn<QString>("id");     // what the file's id could still be read as

        QTest::newRow("missing id") << QByteArray(R"({"tasks": ["x"]})") << "/id" << "missing" << QString();
        QTest::newRow("id a number") << QByteArray(R"({"id": 7, "tasks": ["x"]})") << "/id" << "expected a string, got a number" << QString();
        QTest::newRow("id not job-id-safe") << QByteArray(R"({"id": "has space", "tasks": ["x"]})") << "/id" << "not a valid id" << QString();
        QTest::newRow("tasks missing") << QByteArray(R"({"id": "bad"})") << "/tasks" << "missing" << "bad";
        QTest::newRow("tasks not a list") << QByteArray(R"({"id": "bad", "tasks": "do it all"})") << "/tasks"
                                          << "expected an array of strings, got a string" << "bad";
        QTest::newRow("tasks an object") << QByteArray(R"({"id": "bad", "tasks": {"1": "x"}})") << "/tasks"
                                         << "expected an array of strings, got an object" << "bad";
        QTest::newRow("tasks empty") << QByteArray(R"({"id": "bad", "tasks": []})") << "/tasks" << "at least one task" << "bad";
        QTest::newRow("task a number") << QByteArray(R"({"id": "bad", "tasks": ["ok", 3]})") << "/tasks/1"
                                       << "expected a string, got a number" << "bad";
        QTest::newRow("task blank") << QByteArray(R"({"id": "bad", "tasks": ["  "]})") << "/tasks/0" << "non-empty" << "bad";
        QTest::newRow("title a list") << QByteArray(R"({"id": "bad", "title": ["x"], "tasks": ["x"]})") << "/title"
                                      << "expected a string, got an array" << "bad";
        QTest::newRow("tool a number") << QByteArray(R"({"id": "bad", "tool": 1, "tasks": ["x"]})") << "/tool"
                                       << "expected a string, got a number" << "bad";
        QTest::newRow("tool empty") << QByteArray(R"({"id": "bad", "tool": "", "tasks": ["x"]})") << "/tool" << "empty string" << "bad";
        QTest::newRow("files_scope a string") << QByteArray(R"({"id": "bad", "files_scope": "src/", "tasks": ["x"]})") << "/files_scope"
                                              << "expected an array of strings, got a string" << "bad";
        QTest::newRow("depends_on a string") << QByteArray(R"({"id": "bad", "depends_on": "a", "tasks": ["x"]})") << "/depends_on"
                                             << "expected an array of strings, got a string" << "bad";
        QTest::newRow("depends_on item a number") << QByteArray(R"({"id": "bad", "depends_on": ["a", 2], "tasks": ["x"]})")
                                                  << "/depends_on/1" << "expected a string, got a number" << "bad";
        QTest::newRow("priority unknown") << QByteArray(R"({"id": "bad", "priority": "urgent", "tasks": ["x"]})") << "/priority"
                                          << "expected one of low, normal, high, critical" << "bad";
        QTest::newRow("config a string") << QByteArray(R"({"id": "bad", "config": "x", "tasks": ["x"]})") << "/config"
                                         << "expected an object, got a string" << "bad";
        QTest::newRow("misspelt field") << QByteArray(R"({"id": "bad", "depend_on": ["a"], "tasks": ["x"]})") << "/depend_on"
                                        << "did you mean \"depends_on\"" << "bad";
        QTest::newRow("empty file") << QByteArray() << "/" << "empty file" << QString();
        QTest::newRow("only whitespace") << QByteArray(" \n\t\n") << "/" << "empty file" << QString();
        QTest::newRow("only a BOM") << QByteArray("\xEF\xBB\xBF") << "/" << "empty file" << QString();
        QTest::newRow("not JSON") << QByteArray("id: bad\ntasks:\n  - x\n") << "/" << "not valid JSON at line 1" << QString();
        QTest::newRow("truncated JSON") << QByteArray("{\"id\": \"bad\",\n \"tasks\": [\"x\"") << "/" << "not valid JSON at line 2"
                                        << QString();
        QTest::newRow("an array") << QByteArray(R"([{"id": "bad", "tasks": ["x"]}])") << "/" << "expected a JSON object, got an array"
                                  << QString();
        QTest::newRow("a string") << QByteArray(R"("bad")") << "/" << "expected a JSON object, got a string" << QString();
        QTest::newRow("key twice") << QByteArray(R"({"id": "bad", "id": "worse", "tasks": ["x"]})") << "/" << "key \"id\" appears twice"
                                   << QString();
    }

    // Each bad file is reported (file, field, reason) and skipped; the good
    // file next to it still converts.
    void malformed()
    {
        QFETCH(QByteArray, content);
        QFETCH(QString, pointer);
        QFETCH(QString, reason);
        QFETCH(QString, id);

        const QString folder = freshDir();
        const QString bad = writeFile(folder + QStringLiteral("/bad.json"), content);
        writeFile(folder + QStringLiteral("/good.json"), workstream(QStringLiteral("good"), 2));
        const QList<SourceFile> sources = readAll(folder);
        QCOMPARE(sources.size(), 2);

        const SourceFile &broken = sources.at(0);
        QCOMPARE(broken.file, bad);
        QVERIFY(!broken.workstream);
        QCOMPARE(broken.id, id);
        const QString prefix = bad + QStringLiteral(": ") + pointer + QStringLiteral(": ");
        QVERIFY2(broken.error.startsWith(prefix), qPrintable(broken.error));
        QVERIFY2(broken.error.contains(reason), qPrintable(broken.error));
        QVERIFY2(!broken.error.contains(QLatin1Char('\n')), qPrintable(broken.error));   // one problem, one line

        QVERIFY(sources.at(1).workstream);
        Options options;
        options.tools = &*m_tools;
        const Plan result = plan(sources, options);
        QVERIFY2(result.ok(), qPrintable(result.errors.join(QLatin1Char('\n'))));
        QCOMPARE(summary(result), QStringList{QStringLiteral("good-001")});
    }

    void severalProblemsInOneFile()
    {
        const SourceFile source = parseWorkstream(QStringLiteral("ws.json"), R"({"id": 1, "tasks": "x", "depends_on": [2]})");
        QVERIFY(!source.workstream);
        const QStringList lines = source.error.split(QLatin1Char('\n'));
        QCOMPARE(lines.size(), 3);
        QVERIFY2(lines.at(0).startsWith(QStringLiteral("ws.json: /id: ")), qPrintable(lines.at(0)));
        QVERIFY2(lines.at(1).startsWith(QStringLiteral("ws.json: /tasks: ")), qPrintable(lines.at(1)));
        QVERIFY2(lines.at(2).startsWith(QStringLiteral("ws.json: /depends_on/0: ")), qPrintable(lines.at(2)));
    }

    void accepted_data()
    {
        QTest::addColumn<QByteArray>("content");
        QTest::addColumn<QString>("tool");       // empty: none named
        QTest::addColumn<QStringList>("tasks");

        const QByteArray plain = R"({"id": "ok", "tasks": ["one", "two"]})";
        QTest::newRow("plain") << plain << QString() << QStringList{QStringLiteral("one"), QStringLiteral("two")};
        QTest::newRow("UTF-8 BOM") << QByteArray("\xEF\xBB\xBF" + plain) << QString() << QStringList{QStringLiteral("one"), QStringLiteral("two")};
        QTest::newRow("CRLF line ends") << QByteArray("{\r\n\"id\": \"ok\",\r\n\"tasks\": [\"one\"]\r\n}\r\n") << QString()
                                        << QStringList{QStringLiteral("one")};
        QTest::newRow("seed example")
                << QByteArray(R"x({"id": "ok", "title": "Baseline indexed", "tool": "codex",
                                    "files_scope": ["docs/HARDCODED_PATH_INDEXER.md"], "tasks": ["Baseline indexed (no-op)"],
                                    "depends_on": []})x")
                << "codex" << QStringList{QStringLiteral("Baseline indexed (no-op)")};
        QTest::newRow("nulls for optional fields")
                << QByteArray(R"({"id": "ok", "title": null, "tool": null, "files_scope": null, "depends_on": null, "tasks": ["one"]})")
                << QString() << QStringList{QStringLiteral("one")};
        QTest::newRow("annotations and notes")
                << QByteArray(R"({"id": "ok", "x-owner": "dana", "_comment": "later", "notes": "free text", "tasks": ["one"]})")
                << QString() << QStringList{QStringLiteral("one")};
        QTest::newRow("non-ASCII tasks") << QByteArray(R"({"id": "ok", "tasks": ["Übersetzung prüfen → de", "日本語"]})") << QString()
                                         << QStringList{QStringLiteral("Übersetzung prüfen → de"), QStringLiteral("日本語")};
    }

    void accepted()
    {
        QFETCH(QByteArray, content);
        QFETCH(QString, tool);
        QFETCH(QStringList, tasks);

        const SourceFile source = parseWorkstream(QStringLiteral("ok.json"), content);
        QVERIFY2(source.workstream, qPrintable(source.error));
        QCOMPARE(source.error, QString());
        QCOMPARE(source.id, QStringLiteral("ok"));
        QCOMPARE(source.workstream->id, QStringLiteral("ok"));
        QCOMPARE(source.workstream->tool, tool);
        QCOMPARE(source.workstream->tasks, tasks);
    }

    void expandSourcesAcceptsFilesFoldersAndGlobs()
    {
        const QString folder = freshDir();
        for (const QString &name : {QStringLiteral("ws-02.json"), QStringLiteral("ws-01.json"), QStringLiteral("other.json")})
            writeFile(folder + QLatin1Char('/') + name, workstream(QFileInfo(name).baseName()));
        writeFile(folder + QStringLiteral("/notes.txt"), "not a workstream");

        auto all = expandSources({folder});
        QVERIFY(all);
        QCOMPARE(*all, (QStringList{folder + QStringLiteral("/other.json"), folder + QStringLiteral("/ws-01.json"),
                                    folder + QStringLiteral("/ws-02.json")}));
        auto glob = expandSources({folder + QStringLiteral("/ws-*.json"), folder + QStringLiteral("/ws-01.json")});
        QVERIFY(glob);
        QCOMPARE(*glob, (QStringList{folder + QStringLiteral("/ws-01.json"), folder + QStringLiteral("/ws-02.json")}));

        auto missing = expandSources({folder + QStringLiteral("/nope.json"), folder + QStringLiteral("/zz-*.json")});
        QVERIFY(!missing);
        QVERIFY2(missing.error().message.contains(folder + QStringLiteral("/nope.json: no such file")), qPrintable(missing.error().message));
        QVERIFY2(missing.error().message.contains(folder + QStringLiteral("/zz-*.json: matches no file")), qPrintable(missing.error().message));
    }

    // ---- plan errors -----------------------------------------------------

    void planErrors_data()
    {
        QTest::addColumn<QStringList>("workstreams");
        QTest::addColumn<bool>("perTask");
        QTest::addColumn<QString>("pattern");
        QTest::addColumn<QString>("defaultTool");
        QTest::addColumn<QStringList>("errors");    // each must appear in one error line

        const QString p = QStringLiteral("{ws}-{n}");
        const QString aider = QStringLiteral("aider");
        QTest::newRow("unknown dependency")
                << QStringList{QStringLiteral("a"), QStringLiteral("b<a,nope")} << false << p << aider
                << QStringList{QStringLiteral("b.json: /depends_on/1: unknown workstream \"nope\"")};
        QTest::newRow("two-workstream cycle")
                << QStringList{QStringLiteral("a<b"), QStringLiteral("b<a"), QStringLiteral("c")} << false << p << aider
                << QStringList{QStringLiteral("depends_on cycle: a → b → a (in "), QStringLiteral("a.json, "), QStringLiteral("b.json)")};
        QTest::newRow("three-workstream cycle behind a good one")
                << QStringList{QStringLiteral("base"), QStringLiteral("x<base,z"), QStringLiteral("y<x"), QStringLiteral("z<y")} << false << p
                << aider << QStringList{QStringLiteral("depends_on cycle: x → z → y → x")};
        QTest::newRow("depends on itself") << QStringList{QStringLiteral("self<self")} << true << p << aider
                                           << QStringList{QStringLiteral("depends_on cycle: self → self")};
        QTest::newRow("two separate cycles")
                << QStringList{QStringLiteral("a<b"), QStringLiteral("b<a"), QStringLiteral("m<n"), QStringLiteral("n<m")} << false << p
                << aider << QStringList{QStringLiteral("cycle: a → b → a"), QStringLiteral("cycle: m → n → m")};
        QTest::newRow("job id collision per task")
                << QStringList{QStringLiteral("a")} << true << QStringLiteral("{ws}") << aider
                << QStringList{QStringLiteral("job id \"a\" planned for both task 1 of a"), QStringLiteral("and task 2 of a")};
        QTest::newRow("job id collision across workstreams")
                << QStringList{QStringLiteral("a"), QStringLiteral("b")} << false << QStringLiteral("job-{n}") << aider
                << QStringList{QStringLiteral("job id \"job-001\" planned for both a ("), QStringLiteral("and b (")};
        QTest::newRow("similar ids do not collide")
                << QStringList{QStringLiteral("a"), QStringLiteral("a-001")} << false << QStringLiteral("{ws}") << aider
                << QStringList{};   // no collision: "a" and "a-001" differ
        QTest::newRow("unknown default tool")
                << QStringList{QStringLiteral("a")} << false << p << QStringLiteral("aidr")
                << QStringList{QStringLiteral("a.json (job a-001)"), QStringLiteral("/tool"), QStringLiteral("aidr")};
    }

    void planErrors()
    {
        QFETCH(QStringList, workstreams);
        QFETCH(bool, perTask);
        QFETCH(QString, pattern);
        QFETCH(QString, defaultTool);
        QFETCH(QStringList, errors);

        Options options;
        options.mode = perTask ? Options::Mode::JobPerTask : Options::Mode::JobPerWorkstream;
        options.idPattern = pattern;
        options.defaultTool = defaultTool;
        options.tools = &*m_tools;
        const Plan result = plan(sourcesOf(workstreams, 2), options);
        const QString all = result.errors.join(QLatin1Char('\n'));
        QCOMPARE(result.ok(), errors.isEmpty());
        for (const QString &error : errors)
            QVERIFY2(all.contains(error), qPrintable(QStringLiteral("missing \"%1\" in:\n%2").arg(error, all)));
        // And nothing gets written from a plan with errors.
        if (!result.ok()) {
            QCOMPARE(result.errors.size(), qsizetype(QSet<QString>(result.errors.cbegin(), result.errors.cend()).size()));
        }
    }

    void duplicateWorkstreamIds()
    {
        const QString folder = freshDir();
        writeFile(folder + QStringLiteral("/one.json"), workstream(QStringLiteral("same")));
        writeFile(folder + QStringLiteral("/two.json"), workstream(QStringLiteral("same")));
        const Plan result = plan(readAll(folder), Options());
        QCOMPARE(result.errors.size(), 1);
        QCOMPARE(result.errors.first(), QStringLiteral("duplicate workstream id \"same\" in %1/one.json and %1/two.json").arg(folder));
    }

    // A workstream depending on an invalid or excluded file is told why it is missing.
    void dependencyOnUnusableFile()
    {
        const QString folder = freshDir();
        writeFile(folder + QStringLiteral("/a.json"), R"({"id": "a", "tasks": "not a list"})");
        writeFile(folder + QStringLiteral("/b.json"), workstream(QStringLiteral("b<a")));
        writeFile(folder + QStringLiteral("/c.json"), workstream(QStringLiteral("c")));
        writeFile(folder + QStringLiteral("/d.json"), workstream(QStringLiteral("d<c")));
        QList<SourceFile> sources = readAll(folder);
        sources[2].excluded = true;   // c, left out by the user
        const Plan result = plan(sources, Options());
        QCOMPARE(result.errors,
                 (QStringList{QStringLiteral("%1/b.json: /depends_on/0: depends on \"a\", whose file %1/a.json is invalid").arg(folder),
                              QStringLiteral("%1/d.json: /depends_on/0: depends on \"c\", which is excluded (%1/c.json)").arg(folder)}));
    }

    // ---- output ----------------------------------------------------------

    void neverOverwritesWithoutForce()
    {
        const QString out = freshDir() + QStringLiteral("/jobs");
        Options options;
        options.tools = &*m_tools;
        const Plan result = plan(sourcesOf({QStringLiteral("a"), QStringLiteral("b<a"), QStringLiteral("c<b")}), options);
        QVERIFY(result.ok());

        // First time: everything is created, in a private folder.
        QList<OutputFile> files = previewOutput(result, out, false);
        QCOMPARE(files.size(), 3);
        for (const OutputFile &file : std::as_const(files))
            QCOMPARE(toString(file.action), toString(OutputFile::Action::Create));
        auto report = writeOutput(files);
        QVERIFY(report);
        QCOMPARE(report->created.size(), 3);
        QVERIFY(!(QFileInfo(out).permissions() & (QFile::ReadOther | QFile::ReadGroup)));

        // Again: nothing to do.
        files = previewOutput(result, out, false);
        report = writeOutput(files);
        QVERIFY(report);
        QCOMPARE(report->unchanged, (QStringList{out + QStringLiteral("/a-001.json"), out + QStringLiteral("/b-001.json"),
                                                 out + QStringLiteral("/c-001.json")}));
        QVERIFY(report->created.isEmpty() && report->changed.isEmpty() && report->skipped.isEmpty());

        // A file the user edited is left alone, and says why.
        const QString edited = out + QStringLiteral("/b-001.json");
        const QByteArray mine = readFile(edited).replace("b task 1", "b task 1, with my notes");
        writeFile(edited, mine);
        files = previewOutput(result, out, false);
        QCOMPARE(files.at(1).path, edited);
        QCOMPARE(toString(files.at(1).action), toString(OutputFile::Action::Conflict));
        QCOMPARE(files.at(1).existing, mine);
        QVERIFY2(files.at(1).note.contains(QStringLiteral("--force")), qPrintable(files.at(1).note));
        report = writeOutput(files);
        QVERIFY(report);
        QCOMPARE(report->skipped, QStringList{edited});
        QCOMPARE(report->unchanged.size(), 2);
        QCOMPARE(readFile(edited), mine);

        // With force it is changed, and the edits are kept in a copy.
        files = previewOutput(result, out, true);
        QCOMPARE(toString(files.at(1).action), toString(OutputFile::Action::Change));
        report = writeOutput(files);
        QVERIFY(report);
        QCOMPARE(report->changed, QStringList{edited});
        QCOMPARE(readFile(edited), files.at(1).content);
        QCOMPARE(report->backups, QStringList{edited + QStringLiteral(".bak")});
        QCOMPARE(readFile(edited + QStringLiteral(".bak")), mine);

        // A file edited between preview and write is not replaced, even with force.
        writeFile(edited, mine);
        files = previewOutput(result, out, true);
        QCOMPARE(toString(files.at(1).action), toString(OutputFile::Action::Change));
        const QByteArray later = mine + "\n";
        writeFile(edited, later);
        report = writeOutput(files);
        QVERIFY(report);
        QCOMPARE(report->skipped, QStringList{edited});
        QVERIFY(report->backups.isEmpty());
        QCOMPARE(readFile(edited), later);

        // Other options change every file; untouched output is updated
        // without force, the edited file is not.
        writeFile(edited, mine);
        Options high = options;
        high.priority = Priority::High;
        const Plan higher = plan(sourcesOf({QStringLiteral("a"), QStringLiteral("b<a"), QStringLiteral("c<b")}), high);
        files = previewOutput(higher, out, false);
        QCOMPARE(toString(files.at(0).action), toString(OutputFile::Action::Change));
        QCOMPARE(toString(files.at(1).action), toString(OutputFile::Action::Conflict));
        QCOMPARE(toString(files.at(2).action), toString(OutputFile::Action::Change));
        report = writeOutput(files);
        QVERIFY(report);
        QCOMPARE(report->changed, (QStringList{out + QStringLiteral("/a-001.json"), out + QStringLiteral("/c-001.json")}));
        QCOMPARE(report->skipped, QStringList{edited});
        QCOMPARE(readFile(edited), mine);
        QCOMPARE(QJsonDocument::fromJson(readFile(out + QStringLiteral("/c-001.json"))).object().value(QLatin1String("priority")),
                 QJsonValue(QStringLiteral("high")));

        // A file that appears between preview and write is not replaced.
        QFile::remove(edited);
        files = previewOutput(result, out, false);
        QCOMPARE(toString(files.at(1).action), toString(OutputFile::Action::Create));
        writeFile(edited, "someone else's");
        report = writeOutput(files);
        QVERIFY(report);
        QCOMPARE(report->skipped, QStringList{edited});
        QCOMPARE(readFile(edited), QByteArray("someone else's"));
    }

    // Another file of the folder already holds a planned job id: writing
    // ours would make the folder invalid, even with force.
    void jobIdHeldByAnotherFile()
    {
        const QString out = freshDir();
        const QString theirs = writeFile(out + QStringLiteral("/handmade.json"),
                                         R"({"job_id": "a-001", "tool": "shell", "instructions": "true"})");
        const Plan result = plan(sourcesOf({QStringLiteral("a"), QStringLiteral("b")}), Options());
        QVERIFY(result.ok());
        for (bool force : {false, true}) {
            const QList<OutputFile> files = previewOutput(result, out, force);
            QCOMPARE(toString(files.at(0).action), toString(OutputFile::Action::Conflict));
            QVERIFY2(files.at(0).note.contains(theirs), qPrintable(files.at(0).note));
            QCOMPARE(toString(files.at(1).action), toString(force ? OutputFile::Action::Unchanged : OutputFile::Action::Create));
            auto report = writeOutput(files);
            QVERIFY(report);
            QCOMPARE(report->skipped, QStringList{out + QStringLiteral("/a-001.json")});
        }
        QVERIFY(!QFileInfo::exists(out + QStringLiteral("/a-001.json")));
    }

    // --out the source folder with the id pattern {ws}: the workstream files
    // have the job files' names. They are never replaced, even with force.
    void neverReplacesAWorkstreamFile()
    {
        const QString folder = freshDir();
        const QString source = writeFile(folder + QStringLiteral("/a.json"), workstream(QStringLiteral("a"), 2));
        const QByteArray original = readFile(source);
        Options options;
        options.idPattern = QStringLiteral("{ws}");
        const Plan result = plan(readAll(folder), options);
        QVERIFY(result.ok());
        const QList<OutputFile> files = previewOutput(result, folder, true);
        QCOMPARE(files.size(), 1);
        QCOMPARE(files.first().path, source);
        QCOMPARE(toString(files.first().action), toString(OutputFile::Action::Conflict));
        QVERIFY2(files.first().note.contains(QStringLiteral("not a job file")), qPrintable(files.first().note));
        auto report = writeOutput(files);
        QVERIFY(report);
        QCOMPARE(report->skipped, QStringList{source});
        QCOMPARE(readFile(source), original);
    }

    void previewWithoutFolderNamesFilesOnly()
    {
        const Plan result = plan(sourcesOf({QStringLiteral("a")}), Options());
        const QList<OutputFile> files = previewOutput(result, QString(), false);
        QCOMPARE(files.size(), 1);
        QCOMPARE(files.first().path, QStringLiteral("a-001.json"));
        QCOMPARE(toString(files.first().action), toString(OutputFile::Action::Create));
        QJsonObject written = QJsonDocument::fromJson(files.first().content).object();
        QCOMPARE(written.take(QLatin1String("x-checksum")).toString().size(), 16);
        QCOMPARE(written, result.jobs.first().json);
    }

    // ---- the example set -------------------------------------------------

    void examplesConvertCleanly_data()
    {
        QTest::addColumn<bool>("perTask");
        QTest::newRow("per workstream") << false;
        QTest::newRow("per task") << true;
    }

    void examplesConvertCleanly()
    {
        QFETCH(bool, perTask);
        const QList<SourceFile> sources = readAll(exampleFolder());
        QCOMPARE(sources.size(), 36);
        int tasks = 0;
        int withoutTool = 0;
        int fanIn = 0;
        for (const SourceFile &source : sources) {
            QVERIFY2(source.workstream, qPrintable(source.error));
            QCOMPARE(QFileInfo(source.file).completeBaseName(), source.id);
            tasks += int(source.workstream->tasks.size());
            withoutTool += source.workstream->tool.isEmpty() ? 1 : 0;
            fanIn += source.workstream->dependsOn.size() > 1 ? 1 : 0;
        }
        QVERIFY(withoutTool >= 5);   // they take the default tool
        QVERIFY(fanIn >= 10);

        Options options;
        options.mode = perTask ? Options::Mode::JobPerTask : Options::Mode::JobPerWorkstream;
        options.tools = &*m_tools;
        const Plan result = plan(sources, options);
        QVERIFY2(result.ok(), qPrintable(result.errors.join(QLatin1Char('\n'))));
        QCOMPARE(result.jobs.size(), perTask ? tasks : 36);
        // Several layers: the last workstream waits (transitively) on the first.
        QCOMPARE(result.jobs.first().workstreamId, QStringLiteral("ws-01-baseline-inventory"));
        QCOMPARE(result.jobs.last().workstreamId, QStringLiteral("ws-36-release-readiness"));
    }

    // ---- the command line ------------------------------------------------

    void cliConvertValidateAndSubmit()
    {
        const QString work = freshDir();
        const QString db = work + QStringLiteral("/state.db");

        const Run converted = orchestrator({QStringLiteral("--db"), db, QStringLiteral("convert"), exampleFolder(),
                                            QStringLiteral("--out"), QStringLiteral("jobs"), QStringLiteral("--submit"),
                                            QStringLiteral("--run-id"), QStringLiteral("refactor"), QStringLiteral("--timeout"),
                                            QStringLiteral("1800"), QStringLiteral("--retry"), QStringLiteral("escalate_to_codex")},
                                           work);
        QVERIFY2(converted.exitCode == 0, qPrintable(converted.err));
        QVERIFY2(converted.out.startsWith(QStringLiteral("36 workstreams → 36 jobs\n")), qPrintable(converted.out));
        QVERIFY2(converted.out.contains(QStringLiteral("36 created, 0 changed, 0 unchanged, 0 skipped\n")), qPrintable(converted.out));
        QVERIFY2(converted.out.contains(QStringLiteral("submitted 36 job(s) to run refactor: ")), qPrintable(converted.out));
        QCOMPARE(converted.err, QString());

        // What was written passes validate.
        const Run validated = orchestrator({QStringLiteral("validate"), QStringLiteral("jobs")}, work);
        QVERIFY2(validated.exitCode == 0, qPrintable(validated.err + validated.out));

        // The run's jobs are listed; only the roots are ready.
        const Run listed = orchestrator({QStringLiteral("--db"), db, QStringLiteral("list"), QStringLiteral("--run-id"),
                                         QStringLiteral("refactor"), QStringLiteral("--json")},
                                        work);
        QVERIFY2(listed.exitCode == 0, qPrintable(listed.err));
        const QJsonArray jobs = QJsonDocument::fromJson(listed.out.toUtf8()).array();
        QCOMPARE(jobs.size(), 36);
        QStringList queued;
        for (const QJsonValue &job : jobs) {
            QVERIFY(job[QLatin1String("job_id")].toString().endsWith(QStringLiteral("-001")));
            if (job[QLatin1String("state")].toString() == QLatin1String("queued"))
                queued.append(job[QLatin1String("job_id")].toString());
        }
        queued.sort();
        QCOMPARE(queued, (QStringList{QStringLiteral("ws-01-baseline-inventory-001"), QStringLiteral("ws-02-ci-lint-gate-001")}));

        // The dependency points at the upstream's job, not its workstream id.
        const Run status = orchestrator({QStringLiteral("--db"), db, QStringLiteral("status"), QStringLiteral("--job-id"),
                                         QStringLiteral("ws-12-session-revocation-001"), QStringLiteral("--json")},
                                        work);
        QVERIFY2(status.exitCode == 0, qPrintable(status.err));
        QStringList deps = QJsonDocument::fromJson(status.out.toUtf8()).object().value(QLatin1String("dependencies")).toVariant().toStringList();
        deps.sort();
        QCOMPARE(deps, (QStringList{QStringLiteral("ws-09-migrate-audit-log-001"), QStringLiteral("ws-11-token-service-001")}));

        // Converting again changes nothing, but the run exists: submitting twice is refused.
        const Run again = orchestrator({QStringLiteral("--db"), db, QStringLiteral("convert"), exampleFolder(), QStringLiteral("--out"),
                                        QStringLiteral("jobs"), QStringLiteral("--timeout"), QStringLiteral("1800"), QStringLiteral("--retry"),
                                        QStringLiteral("escalate_to_codex")},
                                       work);
        QVERIFY2(again.exitCode == 0, qPrintable(again.err));
        QVERIFY2(again.out.contains(QStringLiteral("0 created, 0 changed, 36 unchanged, 0 skipped\n")), qPrintable(again.out));
    }

    void cliPerTaskJson()
    {
        const QString work = freshDir();
        writeFile(work + QStringLiteral("/ws/a.json"), workstream(QStringLiteral("a"), 2));
        writeFile(work + QStringLiteral("/ws/b.json"), workstream(QStringLiteral("b<a"), 2, QJsonObject{{QStringLiteral("tool"), QStringLiteral("codex")}}));
        const Run run = orchestrator({QStringLiteral("convert"), QStringLiteral("ws/*.json"), QStringLiteral("--out"), QStringLiteral("jobs"),
                                      QStringLiteral("--per-task"), QStringLiteral("--json"), QStringLiteral("--tool"), QStringLiteral("codex"),
                                      QStringLiteral("--priority"), QStringLiteral("high"), QStringLiteral("--model"), QStringLiteral("gpt-4"),
                                      QStringLiteral("--auto-commit"), QStringLiteral("--id-pattern"), QStringLiteral("{ws}.{n:2}")},
                                     work);
        QVERIFY2(run.exitCode == 0, qPrintable(run.err));
        const QJsonObject report = QJsonDocument::fromJson(run.out.toUtf8()).object();
        QStringList planned;
        for (const QJsonValue &job : report.value(QLatin1String("jobs")).toArray()) {
            planned.append(job[QLatin1String("job_id")].toString() + QLatin1Char('<')
                           + job[QLatin1String("depends_on")].toVariant().toStringList().join(QLatin1Char(',')));
        }
        QCOMPARE(planned, (QStringList{QStringLiteral("a.01<"), QStringLiteral("a.02<a.01"), QStringLiteral("b.01<a.02"),
                                       QStringLiteral("b.02<b.01")}));
        QCOMPARE(report.value(QLatin1String("created")).toArray().size(), 4);

        const QJsonObject job = QJsonDocument::fromJson(readFile(work + QStringLiteral("/jobs/a.02.json"))).object();
        QCOMPARE(job.value(QLatin1String("tool")).toString(), QStringLiteral("codex"));
        QCOMPARE(job.value(QLatin1String("priority")).toString(), QStringLiteral("high"));
        QCOMPARE(at(job, QStringLiteral("/config/model")).toString(), QStringLiteral("gpt-4"));
        QCOMPARE(at(job, QStringLiteral("/config/auto_commit")), QJsonValue(true));
        QCOMPARE(job.value(QLatin1String("instructions")).toString(), QStringLiteral("a task 2"));
        QCOMPARE(job.value(QLatin1String("x-task")).toString(), QStringLiteral("2/2"));
    }

    void cliDryRunWritesNothing()
    {
        const QString work = freshDir();
        const QString db = work + QStringLiteral("/state.db");
        const Run run = orchestrator({QStringLiteral("--db"), db, QStringLiteral("convert"), exampleFolder(), QStringLiteral("--out"),
                                      QStringLiteral("jobs"), QStringLiteral("--dry-run"), QStringLiteral("--submit")},
                                     work);
        QVERIFY2(run.exitCode == 0, qPrintable(run.err));
        QVERIFY2(run.out.contains(QStringLiteral("ws-12-session-revocation-001")), qPrintable(run.out));
        QVERIFY2(run.out.contains(QStringLiteral("after ws-11-token-service-001, ws-09-migrate-audit-log-001")), qPrintable(run.out));
        QVERIFY2(run.out.contains(QStringLiteral("would create  jobs/ws-36-release-readiness-001.json")), qPrintable(run.out));
        QVERIFY2(run.out.endsWith(QStringLiteral("dry run: nothing written or submitted\n")), qPrintable(run.out));
        QVERIFY(!QFileInfo::exists(work + QStringLiteral("/jobs")));
        QVERIFY(!QFileInfo::exists(db));
    }

    void cliExitCodes_data()
    {
        QTest::addColumn<QStringList>("args");
        QTest::addColumn<int>("exitCode");
        QTest::addColumn<QString>("errorText");      // stderr must contain
        QTest::addColumn<QStringList>("written");    // files in jobs/ afterwards

        const QString out = QStringLiteral("--out");
        const QString jobs = QStringLiteral("jobs");
        QTest::newRow("all good") << QStringList{QStringLiteral("good"), out, jobs} << 0 << QString()
                                  << QStringList{QStringLiteral("a-001.json"), QStringLiteral("b-001.json")};
        QTest::newRow("no workstreams") << QStringList{out, jobs} << 2 << "no workstream files given" << QStringList{};
        QTest::newRow("no --out") << QStringList{QStringLiteral("good")} << 2 << "--out DIR is required" << QStringList{};
        QTest::newRow("bad priority") << QStringList{QStringLiteral("good"), out, jobs, QStringLiteral("--priority"), QStringLiteral("asap")}
                                      << 2 << "--priority: expected one of" << QStringList{};
        QTest::newRow("bad timeout") << QStringList{QStringLiteral("good"), out, jobs, QStringLiteral("--timeout"), QStringLiteral("0")}
                                     << 2 << "--timeout: expected a positive number" << QStringList{};
        QTest::newRow("bad id pattern") << QStringList{QStringLiteral("good"), out, jobs, QStringLiteral("--id-pattern"), QStringLiteral("{id}")}
                                        << 2 << "unknown placeholder {id}" << QStringList{};
        QTest::newRow("bad retry") << QStringList{QStringLiteral("good"), out, jobs, QStringLiteral("--retry"), QStringLiteral("sometimes")}
                                   << 2 << "retry_policy" << QStringList{};
        QTest::newRow("--run-id without --submit")
                << QStringList{QStringLiteral("good"), out, jobs, QStringLiteral("--run-id"), QStringLiteral("r")} << 2 << "--run-id needs --submit"
                << QStringList{};
        QTest::newRow("missing input") << QStringList{QStringLiteral("nope"), out, jobs} << 5 << "nope: no such file or folder" << QStringList{};
        QTest::newRow("one invalid file: reported, the rest written")
                << QStringList{QStringLiteral("mixed"), out, jobs} << 3 << "mixed/bad.json: /tasks: expected an array of strings, got a string"
                << QStringList{QStringLiteral("a-001.json")};
        QTest::newRow("invalid file refuses --submit")
                << QStringList{QStringLiteral("mixed"), out, jobs, QStringLiteral("--submit")} << 3 << "nothing submitted"
                << QStringList{QStringLiteral("a-001.json")};
        QTest::newRow("cycle: nothing written")
                << QStringList{QStringLiteral("cycle"), out, jobs} << 3 << "depends_on cycle: x → y → x" << QStringList{};
        QTest::newRow("unknown dependency: nothing written")
                << QStringList{QStringLiteral("unknown"), out, jobs} << 3 << "unknown/x.json: /depends_on/0: unknown workstream \"ghost\""
                << QStringList{};
        QTest::newRow("unknown tool: nothing written")
                << QStringList{QStringLiteral("good"), out, jobs, QStringLiteral("--tool"), QStringLiteral("aidr")} << 3 << "unknown tool \"aidr\""
                << QStringList{};
    }

    void cliExitCodes()
    {
        QFETCH(QStringList, args);
        QFETCH(int, exitCode);
        QFETCH(QString, errorText);
        QFETCH(QStringList, written);

        const QString work = freshDir();
        writeFile(work + QStringLiteral("/good/a.json"), workstream(QStringLiteral("a")));
        writeFile(work + QStringLiteral("/good/b.json"), workstream(QStringLiteral("b<a")));
        writeFile(work + QStringLiteral("/mixed/a.json"), workstream(QStringLiteral("a")));
        writeFile(work + QStringLiteral("/mixed/bad.json"), R"({"id": "bad", "tasks": "everything"})");
        writeFile(work + QStringLiteral("/cycle/x.json"), workstream(QStringLiteral("x<y")));
        writeFile(work + QStringLiteral("/cycle/y.json"), workstream(QStringLiteral("y<x")));
        writeFile(work + QStringLiteral("/unknown/x.json"), workstream(QStringLiteral("x<ghost")));

        const Run run = orchestrator(QStringList{QStringLiteral("--db"), work + QStringLiteral("/state.db"), QStringLiteral("convert")} + args,
                                     work);
        QVERIFY2(run.exitCode == exitCode, qPrintable(QStringLiteral("exit %1\n%2%3").arg(run.exitCode).arg(run.out, run.err)));
        if (errorText.isEmpty())
            QCOMPARE(run.err, QString());
        else
            QVERIFY2(run.err.contains(errorText), qPrintable(run.err));
        for (const QString &line : run.err.split(QLatin1Char('\n'), Qt::SkipEmptyParts))
            QVERIFY2(line.startsWith(QStringLiteral("orchestrator convert: ")) || line.startsWith(QStringLiteral("Try ")), qPrintable(line));
        QCOMPARE(QDir(work + QStringLiteral("/jobs")).entryList(QDir::Files, QDir::Name), written);
        QVERIFY(!QFileInfo::exists(work + QStringLiteral("/state.db")));   // nothing submitted
    }

    void cliNoOverwriteWithoutForce()
    {
        const QString work = freshDir();
        writeFile(work + QStringLiteral("/ws/a.json"), workstream(QStringLiteral("a")));
        writeFile(work + QStringLiteral("/ws/b.json"), workstream(QStringLiteral("b<a")));
        const QStringList convert{QStringLiteral("convert"), QStringLiteral("ws"), QStringLiteral("--out"), QStringLiteral("jobs")};
        const Run first = orchestrator(convert, work);
        QVERIFY2(first.exitCode == 0, qPrintable(first.err));
        QCOMPARE(first.out, QStringLiteral("2 workstreams → 2 jobs\n"
                                           "created    jobs/a-001.json\n"
                                           "created    jobs/b-001.json\n"
                                           "2 created, 0 changed, 0 unchanged, 0 skipped\n"));

        const QString edited = work + QStringLiteral("/jobs/b-001.json");
        const QByteArray mine = readFile(edited).replace("b task 1", "b task 1 (reviewed by hand)");
        writeFile(edited, mine);

        // Other options change both: the untouched one is updated, the edited
        // one is kept, and the exit code says so.
        const Run refused = orchestrator(convert + QStringList{QStringLiteral("--priority"), QStringLiteral("high")}, work);
        QCOMPARE(refused.exitCode, 6);
        QCOMPARE(refused.err, QStringLiteral("orchestrator convert: jobs/b-001.json: not overwritten: edited since it was converted; "
                                             "--force overwrites it\n"));
        QCOMPARE(refused.out, QStringLiteral("2 workstreams → 2 jobs\n"
                                             "changed    jobs/a-001.json\n"
                                             "skipped    jobs/b-001.json\n"
                                             "0 created, 1 changed, 0 unchanged, 1 skipped\n"));
        QCOMPARE(readFile(edited), mine);
        QVERIFY(readFile(work + QStringLiteral("/jobs/a-001.json")).contains("\"priority\": \"high\""));

        const Run same = orchestrator(convert, work);
        QCOMPARE(same.exitCode, 6);
        QVERIFY2(same.out.endsWith(QStringLiteral("0 created, 1 changed, 0 unchanged, 1 skipped\n")), qPrintable(same.out));
        QCOMPARE(readFile(edited), mine);

        const Run dry = orchestrator(convert + QStringList{QStringLiteral("--dry-run")}, work);
        QCOMPARE(dry.exitCode, 6);
        QVERIFY2(dry.out.contains(QStringLiteral("would skip    jobs/b-001.json (")), qPrintable(dry.out));

        const Run forced = orchestrator(convert + QStringList{QStringLiteral("--force")}, work);
        QVERIFY2(forced.exitCode == 0, qPrintable(forced.err));
        QCOMPARE(forced.out, QStringLiteral("2 workstreams → 2 jobs\n"
                                            "changed    jobs/b-001.json\n"
                                            "unchanged  jobs/a-001.json\n"
                                            "backed up  jobs/b-001.json.bak\n"
                                            "0 created, 1 changed, 1 unchanged, 0 skipped\n"));
        QVERIFY(!readFile(edited).contains("reviewed by hand"));
        QCOMPARE(readFile(edited + QStringLiteral(".bak")), mine);

        // The copy is not a job file of the folder.
        const Run validated = orchestrator({QStringLiteral("validate"), QStringLiteral("jobs")}, work);
        QVERIFY2(validated.exitCode == 0, qPrintable(validated.err));
        QVERIFY2(validated.out.contains(QStringLiteral("2 job file(s) valid")), qPrintable(validated.out));
    }
};

QTEST_GUILESS_MAIN(TestConvert)
#include "tst_convert.moc"
