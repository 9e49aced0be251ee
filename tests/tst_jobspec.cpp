// Job files: both formats of the predecessor, the schema's error messages and
// the retry policy.

#include <thread>
#include <vector>

#include <QDir>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>

#include "spec/jobschema.h"
#include "spec/jobspec.h"
#include "spec/retrypolicy.h"
#include "testsupport.h"

using namespace Orchestrator;
using namespace std::chrono_literals;

class TestJobSpec final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();

    void conversionFormat();
    void fullFormat();
    void minimalJobDefaults();
    void annotationsAreAllowed();
    void dependencies_data();
    void dependencies();
    void priority_data();
    void priority();
    void inMemoryObject();

    void schemaErrors_data();
    void schemaErrors();
    void fileErrors_data();
    void fileErrors();
    void unreadableFile();
    void byteOrderMarkIsSkipped();
    void validationFromSeveralThreads();

    void retryShorthands_data();
    void retryShorthands();
    void retryObject_data();
    void retryObject();
    void retryParseErrors_data();
    void retryParseErrors();
    void backoffSequence_data();
    void backoffSequence();
    void toolForAttempt_data();
    void toolForAttempt();
    void canonicalRoundTrip();

private:
    // Writes jobs/<name> below the working directory and loads it by its relative path.
    Result<JobSpec> load(const QByteArray &content, const QString &name = QStringLiteral("a.json"));

    QTemporaryDir m_dir;
    QString m_previousDir;
};

namespace {

const char kConversionJob[] = R"({
  "job_id": "ws-01-001",
  "workstream_id": "ws-01-hardcoded-path-index",
  "tool": "aider",
  "files": ["docs/HARDCODED_PATH_INDEXER.md"],
  "instructions": "Review and validate the hardcoded path index documentation",
  "config": {
    "auto_commit": false,
    "model": "gpt-4"
  }
})";

const char kFullJob[] = R"({
  "job_id": "job-2025-11-21-001",
  "run_id": "run-2025-11-21",
  "workstream_id": "ws-my-feature",
  "tool": "aider",
  "command": {
    "exe": "aider",
    "args": ["--message", "Fix the bug"]
  },
  "env": {
    "OLLAMA_API_BASE": "http://127.0.0.1:11434"
  },
  "paths": {
    "repo_root": ".",
    "working_dir": ".",
    "log_file": "logs/job.log",
    "error_report": "logs/job.error.json"
  },
  "metadata": {
    "timeout_seconds": 600,
    "retry_policy": "escalate_to_codex"
  }
})";

QJsonObject object(const QByteArray &json)
{
    return QJsonDocument::fromJson(json).object();
}

} // namespace

void TestJobSpec::initTestCase()
{
    QVERIFY(m_dir.isValid());
    m_previousDir = QDir::currentPath();
    // Relative paths, as users type them, appear in the messages unchanged.
    QVERIFY(QDir::setCurrent(m_dir.path()));
}

void TestJobSpec::cleanupTestCase()
{
    QDir::setCurrent(m_previousDir);
}

Result<JobSpec> TestJobSpec::load(const QByteArray &content, const QString &name)
{
    const QString path = QStringLiteral("jobs/") + name;
    TestSupport::writeFile(m_dir.filePath(path), content);
    return loadJobFile(path);
}

void TestJobSpec::conversionFormat()
{
    const Result<JobSpec> spec = load(kConversionJob);
    QVERIFY2(spec.ok(), qPrintable(spec.error().message));
    QCOMPARE(spec->sourceFile, QStringLiteral("jobs/a.json"));
    QCOMPARE(spec->jobId, QStringLiteral("ws-01-001"));
    QCOMPARE(spec->workstreamId, QStringLiteral("ws-01-hardcoded-path-index"));
    QCOMPARE(spec->runId, QString());
    QCOMPARE(spec->tool, QStringLiteral("aider"));
    QCOMPARE(spec->files, QStringList{QStringLiteral("docs/HARDCODED_PATH_INDEXER.md")});
    QCOMPARE(spec->instructions, QStringLiteral("Review and validate the hardcoded path index documentation"));
    QCOMPARE(spec->config.value(QLatin1String("model")).toString(), QStringLiteral("gpt-4"));
    QCOMPARE(spec->config.value(QLatin1String("auto_commit")).toBool(true), false);
    QVERIFY(spec->dependencies.isEmpty());
    QVERIFY(!spec->hasCommand);
    QCOMPARE(spec->timeoutSeconds, 0);
    QCOMPARE(spec->retry.maxAttempts, 1);
    QVERIFY(!spec->priority.has_value());
    QCOMPARE(spec->raw, object(kConversionJob));
}

void TestJobSpec::fullFormat()
{
    const Result<JobSpec> spec = load(kFullJob);
    QVERIFY2(spec.ok(), qPrintable(spec.error().message));
    QCOMPARE(spec->jobId, QStringLiteral("job-2025-11-21-001"));
    QCOMPARE(spec->runId, QStringLiteral("run-2025-11-21"));
    QCOMPARE(spec->workstreamId, QStringLiteral("ws-my-feature"));
    QVERIFY(spec->hasCommand);
    QCOMPARE(spec->commandExe, QStringLiteral("aider"));
    QCOMPARE(spec->commandArgs, (QStringList{QStringLiteral("--message"), QStringLiteral("Fix the bug")}));
    QCOMPARE(spec->env.value(QStringLiteral("OLLAMA_API_BASE")), QStringLiteral("http://127.0.0.1:11434"));
    QCOMPARE(spec->env.size(), 1);
    QCOMPARE(spec->repoRoot, QStringLiteral("."));
    QCOMPARE(spec->workingDir, QStringLiteral("."));
    QCOMPARE(spec->logFile, QStringLiteral("logs/job.log"));
    QCOMPARE(spec->errorReport, QStringLiteral("logs/job.error.json"));
    QCOMPARE(spec->timeoutSeconds, 600);
    QCOMPARE(spec->retry.maxAttempts, 2);
    QCOMPARE(spec->retry.escalateTo, QStringList{QStringLiteral("codex")});
    QCOMPARE(spec->retry.backoffSeconds, 0.0);
}

void TestJobSpec::minimalJobDefaults()
{
    const Result<JobSpec> spec = load(R"({"job_id": "j", "tool": "shell"})");
    QVERIFY2(spec.ok(), qPrintable(spec.error().message));
    QCOMPARE(spec->workstreamId, QString());
    QVERIFY(spec->files.isEmpty());
    QVERIFY(spec->env.isEmpty());
    QCOMPARE(spec->repoRoot, QString());
    QCOMPARE(spec->retry.maxAttempts, 1);
    QCOMPARE(spec->retry.toolForAttempt(QStringLiteral("shell"), 1), QStringLiteral("shell"));
}

void TestJobSpec::annotationsAreAllowed()
{
    const Result<JobSpec> spec = load(R"({"job_id": "j", "tool": "shell", "_comment": "why", "x-owner": {"team": 1},
                                         "metadata": {"on_crash": "retry", "timeout_seconds": 5}})");
    QVERIFY2(spec.ok(), qPrintable(spec.error().message));
    QCOMPARE(spec->timeoutSeconds, 5);
}

void TestJobSpec::dependencies_data()
{
    QTest::addColumn<QByteArray>("fields");
    QTest::addColumn<QStringList>("expected");

    const QString a = QStringLiteral("a");
    const QString b = QStringLiteral("b");
    const QString c = QStringLiteral("c");
    QTest::newRow("none") << QByteArray() << QStringList();
    QTest::newRow("dependencies") << QByteArray(R"(, "dependencies": ["a", "b"])") << QStringList{a, b};
    QTest::newRow("depends_on alias") << QByteArray(R"(, "depends_on": ["b", "a"])") << QStringList{b, a};
    QTest::newRow("both, merged without repeats")
            << QByteArray(R"(, "dependencies": ["a", "b"], "depends_on": ["b", "c"])") << QStringList{a, b, c};
}

void TestJobSpec::dependencies()
{
    QFETCH(QByteArray, fields);
    QFETCH(QStringList, expected);

    const Result<JobSpec> spec = load(R"({"job_id": "j", "tool": "shell")" + fields + "}");
    QVERIFY2(spec.ok(), qPrintable(spec.error().message));
    QCOMPARE(spec->dependencies, expected);
}

void TestJobSpec::priority_data()
{
    QTest::addColumn<QByteArray>("fields");
    QTest::addColumn<int>("expected");  // -1: not given

    QTest::newRow("absent") << QByteArray() << -1;
    QTest::newRow("low") << QByteArray(R"(, "priority": "low")") << int(Priority::Low);
    QTest::newRow("normal") << QByteArray(R"(, "priority": "normal")") << int(Priority::Normal);
    QTest::newRow("high") << QByteArray(R"(, "priority": "high")") << int(Priority::High);
    QTest::newRow("critical") << QByteArray(R"(, "priority": "critical")") << int(Priority::Critical);
}

void TestJobSpec::priority()
{
    QFETCH(QByteArray, fields);
    QFETCH(int, expected);

    const Result<JobSpec> spec = load(R"({"job_id": "j", "tool": "shell")" + fields + "}");
    QVERIFY2(spec.ok(), qPrintable(spec.error().message));
    QCOMPARE(spec->priority.has_value(), expected >= 0);
    if (expected >= 0)
        QCOMPARE(int(*spec->priority), expected);
}

void TestJobSpec::inMemoryObject()
{
    const Result<JobSpec> spec = parseJobObject(object(kConversionJob), QStringLiteral("submitted"));
    QVERIFY2(spec.ok(), qPrintable(spec.error().message));
    QCOMPARE(spec->jobId, QStringLiteral("ws-01-001"));
    QCOMPARE(spec->sourceFile, QStringLiteral("submitted"));

    const Result<JobSpec> bad = parseJobObject(object(R"({"tool": "aider"})"), QStringLiteral("submitted"));
    QVERIFY(!bad.ok());
    QCOMPARE(bad.error().code, ErrorCode::Schema);
    QCOMPARE(bad.error().message, QStringLiteral("submitted: /: missing required field \"job_id\""));
}

void TestJobSpec::schemaErrors_data()
{
    QTest::addColumn<QByteArray>("json");
    QTest::addColumn<QString>("expected");

    QTest::newRow("wrong type")
            << QByteArray(R"({"job_id": "j", "tool": "aider", "files": "a.md"})")
            << QStringLiteral("jobs/a.json: /files: expected a list of strings (file paths), got \"a.md\"");
    QTest::newRow("wrong item type")
            << QByteArray(R"({"job_id": "j", "tool": "aider", "files": ["a", "b", 3]})")
            << QStringLiteral("jobs/a.json: /files/2: expected a file path (a string), got 3");
    QTest::newRow("missing job_id")
            << QByteArray(R"({"tool": "aider"})")
            << QStringLiteral("jobs/a.json: /: missing required field \"job_id\"");
    QTest::newRow("missing job_id and tool")
            << QByteArray(R"({"files": []})")
            << QStringLiteral("jobs/a.json: /: missing required field \"job_id\"\n"
                              "jobs/a.json: /: missing required field \"tool\"");
    QTest::newRow("empty tool")
            << QByteArray(R"({"job_id": "j", "tool": ""})")
            << QStringLiteral("jobs/a.json: /tool: expected a non-empty tool name such as \"aider\" or \"codex\", got \"\"");
    QTest::newRow("job_id with a space")
            << QByteArray(R"({"job_id": "my job", "tool": "aider"})")
            << QStringLiteral("jobs/a.json: /job_id: expected a job id of 1 to 200 letters, digits, '.', '_' or '-', "
                              "got \"my job\"");
    QTest::newRow("job_id not a string")
            << QByteArray(R"({"job_id": 7, "tool": "aider"})")
            << QStringLiteral("jobs/a.json: /job_id: expected a job id of 1 to 200 letters, digits, '.', '_' or '-', "
                              "got 7");
    QTest::newRow("unknown field, close to a known one")
            << QByteArray(R"({"job_id": "j", "tool": "aider", "dependecies": ["x"]})")
            << QStringLiteral("jobs/a.json: /dependecies: unknown field, did you mean \"dependencies\"? (known: command, "
                              "config, dependencies, depends_on, env, files, instructions, job_id, metadata, paths, "
                              "priority, run_id, run_title, tool, workstream_id)");
    QTest::newRow("unknown field, nothing close")
            << QByteArray(R"({"job_id": "j", "tool": "aider", "colour": "red"})")
            << QStringLiteral("jobs/a.json: /colour: unknown field (known: command, config, dependencies, depends_on, "
                              "env, files, instructions, job_id, metadata, paths, priority, run_id, run_title, tool, workstream_id)");
    QTest::newRow("unknown path key")
            << QByteArray(R"({"job_id": "j", "tool": "aider", "paths": {"repo": "."}})")
            << QStringLiteral("jobs/a.json: /paths/repo: unknown field, did you mean \"repo_root\"? (known: "
                              "allow_outside, error_report, log_file, repo_root, working_dir)");
    QTest::newRow("annotations beside an unknown field")
            << QByteArray(R"({"job_id": "j", "tool": "aider", "_note": "n", "x-team": {"a": 1}, "xteam": 2})")
            << QStringLiteral("jobs/a.json: /xteam: unknown field (known: command, config, dependencies, depends_on, "
                              "env, files, instructions, job_id, metadata, paths, priority, run_id, run_title, tool, workstream_id)");
    QTest::newRow("bad priority")
            << QByteArray(R"({"job_id": "j", "tool": "aider", "priority": "urgent"})")
            << QStringLiteral("jobs/a.json: /priority: expected one of low, normal, high, critical, got \"urgent\"");
    QTest::newRow("timeout as text")
            << QByteArray(R"({"job_id": "j", "tool": "aider", "metadata": {"timeout_seconds": "ten"}})")
            << QStringLiteral("jobs/a.json: /metadata/timeout_seconds: expected a positive integer, got \"ten\"");
    QTest::newRow("negative timeout")
            << QByteArray(R"({"job_id": "j", "tool": "aider", "metadata": {"timeout_seconds": -5}})")
            << QStringLiteral("jobs/a.json: /metadata/timeout_seconds: expected a positive integer, got -5");
    QTest::newRow("fractional timeout")
            << QByteArray(R"({"job_id": "j", "tool": "aider", "metadata": {"timeout_seconds": 2.5}})")
            << QStringLiteral("jobs/a.json: /metadata/timeout_seconds: expected a positive integer, got 2.5");
    QTest::newRow("bad retry_policy string")
            << QByteArray(R"({"job_id": "j", "tool": "aider", "metadata": {"retry_policy": "sometimes"}})")
            << QStringLiteral("jobs/a.json: /metadata/retry_policy: expected \"none\", \"retry\", \"escalate_to_<tool>\" "
                              "or an object with max_attempts, backoff_seconds, backoff_factor, max_backoff_seconds, "
                              "escalate_to, got \"sometimes\"");
    QTest::newRow("bad retry_policy field")
            << QByteArray(R"({"job_id": "j", "tool": "aider", "metadata": {"retry_policy": {"max_attempts": 0}}})")
            << QStringLiteral("jobs/a.json: /metadata/retry_policy/max_attempts: expected an integer from 1 to 100, got 0");
    QTest::newRow("bad retry_policy factor")
            << QByteArray(R"({"job_id": "j", "tool": "aider", "metadata": {"retry_policy": {"backoff_factor": 0.5}}})")
            << QStringLiteral("jobs/a.json: /metadata/retry_policy/backoff_factor: expected a number, 1 or more, got 0.5");
    QTest::newRow("unknown retry_policy field")
            << QByteArray(R"({"job_id": "j", "tool": "aider", "metadata": {"retry_policy": {"max_attempt": 2}}})")
            << QStringLiteral("jobs/a.json: /metadata/retry_policy/max_attempt: unknown field, did you mean "
                              "\"max_attempts\"? (known: backoff_factor, backoff_seconds, escalate_to, max_attempts, "
                              "max_backoff_seconds)");
    QTest::newRow("command without exe")
            << QByteArray(R"({"job_id": "j", "tool": "aider", "command": {"args": ["x"]}})")
            << QStringLiteral("jobs/a.json: /command: missing required field \"exe\"");
    QTest::newRow("command as a string")
            << QByteArray(R"({"job_id": "j", "tool": "shell", "command": "make test"})")
            << QStringLiteral("jobs/a.json: /command: expected an object {\"exe\": \"program\", \"args\": [\"...\"]}, "
                              "got \"make test\"");
    QTest::newRow("env value not a string")
            << QByteArray(R"({"job_id": "j", "tool": "aider", "env": {"DEBUG": 1}})")
            << QStringLiteral("jobs/a.json: /env/DEBUG: expected a string, got 1");
    QTest::newRow("repeated dependency")
            << QByteArray(R"({"job_id": "j", "tool": "aider", "dependencies": ["a", "b", "a"]})")
            << QStringLiteral("jobs/a.json: /dependencies: expected a list of distinct job ids, got \"a\" twice");
    QTest::newRow("long value is cut")
            << QByteArray(R"({"job_id": "j", "tool": "aider", "config": ["aaaaaaaaaaaaaaaaaaaa", "bbbbbbbbbbbbbbbbbbbb", "cccccccccccccccccccc"]})")
            << QStringLiteral("jobs/a.json: /config: expected an object of tool settings, e.g. {\"model\": \"gpt-4\"}, "
                              "got [\"aaaaaaaaaaaaaaaaaaaa\",\"bbbbbbbbbbbbbbbbbbbb\",\"ccccccccc...");
    QTest::newRow("several problems, in document order")
            << QByteArray(R"({"tool": "aider", "priority": "soon", "files": ["a", 1, 2, 3, 4, 5, 6, 7, 8, 9, 10], "zzz": 1})")
            << QStringLiteral("jobs/a.json: /: missing required field \"job_id\"\n"
                              "jobs/a.json: /files/1: expected a file path (a string), got 1\n"
                              "jobs/a.json: /files/2: expected a file path (a string), got 2\n"
                              "jobs/a.json: /files/3: expected a file path (a string), got 3\n"
                              "jobs/a.json: /files/4: expected a file path (a string), got 4\n"
                              "jobs/a.json: /files/5: expected a file path (a string), got 5\n"
                              "jobs/a.json: /files/6: expected a file path (a string), got 6\n"
                              "jobs/a.json: /files/7: expected a file path (a string), got 7\n"
                              "jobs/a.json: /files/8: expected a file path (a string), got 8\n"
                              "jobs/a.json: /files/9: expected a file path (a string), got 9\n"
                              "jobs/a.json: /files/10: expected a file path (a string), got 10\n"
                              "jobs/a.json: /priority: expected one of low, normal, high, critical, got \"soon\"\n"
                              "jobs/a.json: /zzz: unknown field (known: command, config, dependencies, depends_on, env, "
                              "files, instructions, job_id, metadata, paths, priority, run_id, run_title, tool, workstream_id)");
}

void TestJobSpec::schemaErrors()
{
    QFETCH(QByteArray, json);
    QFETCH(QString, expected);

    const Result<JobSpec> spec = load(json);
    QVERIFY(!spec.ok());
    QCOMPARE(spec.error().code, ErrorCode::Schema);
    QCOMPARE(spec.error().message, expected);

    // The schema alone gives the same lines.
    QCOMPARE(JobSchema::instance().validate(object(json), QStringLiteral("jobs/a.json")).join(QLatin1Char('\n')),
             expected);
}

void TestJobSpec::fileErrors_data()
{
    QTest::addColumn<QByteArray>("content");
    QTest::addColumn<int>("code");
    QTest::addColumn<QString>("expected");

    const int parse = int(ErrorCode::Parse);
    QTest::newRow("empty file") << QByteArray() << parse
                                << QStringLiteral("jobs/a.json: empty file, expected a JSON object");
    QTest::newRow("only white space") << QByteArray(" \n\t\n") << parse
                                      << QStringLiteral("jobs/a.json: empty file, expected a JSON object");
    QTest::newRow("only a byte order mark") << QByteArray("\xEF\xBB\xBF") << parse
                                            << QStringLiteral("jobs/a.json: empty file, expected a JSON object");
    QTest::newRow("not JSON: missing value")
            << QByteArray("{\n  \"job_id\": \"a\",\n  \"tool\": \n}\n") << parse
            << QStringLiteral("jobs/a.json: not valid JSON at line 4, column 1: object is missing after a comma");
    QTest::newRow("not JSON: misspelt literal")
            << QByteArray("{\n  \"job_id\": \"a\",\n  \"draft\": tru\n}\n") << parse
            << QStringLiteral("jobs/a.json: not valid JSON at line 3, column 12: illegal value");
    QTest::newRow("not JSON: missing colon")
            << QByteArray("{\n  \"job_id\" \"a\"\n}") << parse
            << QStringLiteral("jobs/a.json: not valid JSON at line 2, column 12: missing name separator");
    QTest::newRow("not JSON: trailing comma")
            << QByteArray("{\"job_id\": \"a\",\n \"tool\": \"x\",\n}") << parse
            << QStringLiteral("jobs/a.json: not valid JSON at line 3, column 1: object is missing after a comma");
    QTest::newRow("not JSON: columns count characters")
            << QByteArray("{\"instructions\": \"\xC3\xA9t\xC3\xA9\" x}") << parse
            << QStringLiteral("jobs/a.json: not valid JSON at line 1, column 24: unterminated object");
    QTest::newRow("array at top level") << QByteArray("[{\"job_id\": \"a\"}]") << parse
                                        << QStringLiteral("jobs/a.json: /: expected a JSON object, got an array");
    QTest::newRow("string at top level") << QByteArray("\"job\"") << parse
                                         << QStringLiteral("jobs/a.json: /: expected a JSON object, got a string");
}

void TestJobSpec::fileErrors()
{
    QFETCH(QByteArray, content);
    QFETCH(int, code);
    QFETCH(QString, expected);

    const Result<JobSpec> spec = load(content);
    QVERIFY(!spec.ok());
    QCOMPARE(int(spec.error().code), code);
    QCOMPARE(spec.error().message, expected);
}

void TestJobSpec::unreadableFile()
{
    const Result<JobSpec> missing = loadJobFile(QStringLiteral("jobs/missing.json"));
    QVERIFY(!missing.ok());
    QCOMPARE(missing.error().code, ErrorCode::Io);
    QCOMPARE(missing.error().message, QStringLiteral("jobs/missing.json: cannot read: No such file or directory"));

    QDir().mkpath(QStringLiteral("jobs/dir.json"));
    const Result<JobSpec> directory = loadJobFile(QStringLiteral("jobs/dir.json"));
    QVERIFY(!directory.ok());
    QCOMPARE(directory.error().code, ErrorCode::Io);
    QVERIFY2(directory.error().message.startsWith(QLatin1String("jobs/dir.json: cannot read: ")),
             qPrintable(directory.error().message));
}

void TestJobSpec::byteOrderMarkIsSkipped()
{
    const Result<JobSpec> spec = load(QByteArray("\xEF\xBB\xBF") + kConversionJob);
    QVERIFY2(spec.ok(), qPrintable(spec.error().message));
    QCOMPARE(spec->jobId, QStringLiteral("ws-01-001"));

    // Positions in a file with a BOM are those an editor shows.
    const Result<JobSpec> broken = load("\xEF\xBB\xBF{\"a\" 1}");
    QVERIFY(!broken.ok());
    QCOMPARE(broken.error().message,
             QStringLiteral("jobs/a.json: not valid JSON at line 1, column 6: missing name separator"));
}

void TestJobSpec::validationFromSeveralThreads()
{
    const QJsonObject valid = object(kFullJob);
    const QJsonObject invalid = object(R"({"tool": "aider", "metadata": {"timeout_seconds": "ten"}})");
    const QStringList expectedInvalid = JobSchema::instance().validate(invalid, QStringLiteral("x"));
    QCOMPARE(expectedInvalid.size(), 2);

    std::vector<int> failures(4, 0);
    std::vector<std::thread> threads;
    for (int t = 0; t < 4; ++t) {
        threads.emplace_back([&, t] {
            for (int i = 0; i < 200; ++i) {
                if (!JobSchema::instance().validate(valid, QStringLiteral("x")).isEmpty())
                    ++failures[t];
                if (JobSchema::instance().validate(invalid, QStringLiteral("x")) != expectedInvalid)
                    ++failures[t];
            }
        });
    }
    for (std::thread &thread : threads)
        thread.join();
    QCOMPARE(failures, std::vector<int>(4, 0));
}

void TestJobSpec::retryShorthands_data()
{
    QTest::addColumn<QString>("shorthand");
    QTest::addColumn<int>("maxAttempts");
    QTest::addColumn<double>("backoffSeconds");
    QTest::addColumn<QStringList>("escalateTo");

    QTest::newRow("none") << QStringLiteral("none") << 1 << 5.0 << QStringList();
    QTest::newRow("retry") << QStringLiteral("retry") << 3 << 5.0 << QStringList();
    QTest::newRow("escalate_to_codex") << QStringLiteral("escalate_to_codex") << 2 << 0.0
                                       << QStringList{QStringLiteral("codex")};
    QTest::newRow("escalate_to_my.tool-2") << QStringLiteral("escalate_to_my.tool-2") << 2 << 0.0
                                           << QStringList{QStringLiteral("my.tool-2")};
}

void TestJobSpec::retryShorthands()
{
    QFETCH(QString, shorthand);
    QFETCH(int, maxAttempts);
    QFETCH(double, backoffSeconds);
    QFETCH(QStringList, escalateTo);

    const Result<RetryPolicy> policy = RetryPolicy::parse(QJsonValue(shorthand), QStringLiteral("x"));
    QVERIFY2(policy.ok(), qPrintable(policy.error().message));
    QCOMPARE(policy->maxAttempts, maxAttempts);
    QCOMPARE(policy->backoffSeconds, backoffSeconds);
    QCOMPARE(policy->backoffFactor, 2.0);
    QCOMPARE(policy->maxBackoffSeconds, 300.0);
    QCOMPARE(policy->escalateTo, escalateTo);

    // Same through a job file.
    const Result<JobSpec> spec = load(R"({"job_id": "j", "tool": "aider", "metadata": {"retry_policy": ")"
                                      + shorthand.toUtf8() + "\"}}");
    QVERIFY2(spec.ok(), qPrintable(spec.error().message));
    QCOMPARE(spec->retry.maxAttempts, maxAttempts);
    QCOMPARE(spec->retry.escalateTo, escalateTo);
}

void TestJobSpec::retryObject_data()
{
    QTest::addColumn<QByteArray>("json");
    QTest::addColumn<int>("maxAttempts");
    QTest::addColumn<double>("backoffSeconds");
    QTest::addColumn<double>("backoffFactor");
    QTest::addColumn<double>("maxBackoffSeconds");
    QTest::addColumn<QStringList>("escalateTo");

    const QString codex = QStringLiteral("codex");
    const QString shell = QStringLiteral("shell");
    QTest::newRow("empty: defaults") << QByteArray("{}") << 3 << 5.0 << 2.0 << 300.0 << QStringList();
    QTest::newRow("escalation sets the count")
            << QByteArray(R"({"escalate_to": ["codex", "shell"]})") << 3 << 5.0 << 2.0 << 300.0
            << QStringList{codex, shell};
    QTest::newRow("explicit count wins")
            << QByteArray(R"({"escalate_to": ["codex"], "max_attempts": 5})") << 5 << 5.0 << 2.0 << 300.0
            << QStringList{codex};
    QTest::newRow("all fields")
            << QByteArray(R"({"max_attempts": 4, "backoff_seconds": 2, "backoff_factor": 3, "max_backoff_seconds": 60})")
            << 4 << 2.0 << 3.0 << 60.0 << QStringList();
}

void TestJobSpec::retryObject()
{
    QFETCH(QByteArray, json);
    QFETCH(int, maxAttempts);
    QFETCH(double, backoffSeconds);
    QFETCH(double, backoffFactor);
    QFETCH(double, maxBackoffSeconds);
    QFETCH(QStringList, escalateTo);

    const Result<JobSpec> spec = load(R"({"job_id": "j", "tool": "aider", "metadata": {"retry_policy": )" + json + "}}");
    QVERIFY2(spec.ok(), qPrintable(spec.error().message));
    QCOMPARE(spec->retry.maxAttempts, maxAttempts);
    QCOMPARE(spec->retry.backoffSeconds, backoffSeconds);
    QCOMPARE(spec->retry.backoffFactor, backoffFactor);
    QCOMPARE(spec->retry.maxBackoffSeconds, maxBackoffSeconds);
    QCOMPARE(spec->retry.escalateTo, escalateTo);
}

void TestJobSpec::retryParseErrors_data()
{
    QTest::addColumn<QByteArray>("json");
    QTest::addColumn<QString>("expected");

    QTest::newRow("unknown shorthand") << QByteArray(R"(["later"])")
                                       << QStringLiteral("w: expected \"none\", \"retry\" or \"escalate_to_<tool>\", got \"later\"");
    QTest::newRow("escalation without tool") << QByteArray(R"(["escalate_to_"])")
                                             << QStringLiteral("w: expected \"none\", \"retry\" or \"escalate_to_<tool>\", "
                                                               "got \"escalate_to_\"");
    QTest::newRow("number") << QByteArray("[3]")
                            << QStringLiteral("w: expected \"none\", \"retry\", \"escalate_to_<tool>\" or an object with "
                                              "max_attempts, backoff_seconds, backoff_factor, max_backoff_seconds, "
                                              "escalate_to, got 3");
    QTest::newRow("too many attempts") << QByteArray(R"([{"max_attempts": 101}])")
                                       << QStringLiteral("w/max_attempts: expected an integer from 1 to 100, got 101");
    QTest::newRow("negative backoff") << QByteArray(R"([{"backoff_seconds": -1}])")
                                      << QStringLiteral("w/backoff_seconds: expected a number of seconds, 0 or more, got -1");
    QTest::newRow("escalation not a list") << QByteArray(R"([{"escalate_to": "codex"}])")
                                           << QStringLiteral("w/escalate_to: expected a list of tool names, got \"codex\"");
    QTest::newRow("unknown field") << QByteArray(R"([{"tries": 2}])")
                                   << QStringLiteral("w/tries: unknown field (known: backoff_factor, backoff_seconds, "
                                                     "escalate_to, max_attempts, max_backoff_seconds)");
}

void TestJobSpec::retryParseErrors()
{
    QFETCH(QByteArray, json);
    QFETCH(QString, expected);

    const QJsonValue value = QJsonDocument::fromJson(json).array().at(0);
    const Result<RetryPolicy> policy = RetryPolicy::parse(value, QStringLiteral("w"));
    QVERIFY(!policy.ok());
    QCOMPARE(policy.error().code, ErrorCode::Schema);
    QCOMPARE(policy.error().message, expected);
}

void TestJobSpec::backoffSequence_data()
{
    QTest::addColumn<QString>("policy");
    QTest::addColumn<QList<qint64>>("delaysMs");  // after attempts 1, 2, 3, ...

    QTest::newRow("retry: 5 s doubling") << QStringLiteral("retry") << QList<qint64>{5000, 10000, 20000, 40000};
    QTest::newRow("escalation: no wait") << QStringLiteral("escalate_to_codex") << QList<qint64>{0, 0, 0};
    QTest::newRow("capped at max_backoff_seconds")
            << QStringLiteral(R"({"backoff_seconds": 2, "backoff_factor": 3, "max_backoff_seconds": 60})")
            << QList<qint64>{2000, 6000, 18000, 54000, 60000, 60000};
    QTest::newRow("constant, fractional")
            << QStringLiteral(R"({"backoff_seconds": 0.25, "backoff_factor": 1})") << QList<qint64>{250, 250, 250};
    QTest::newRow("capped at the default 300 s")
            << QStringLiteral(R"({"backoff_seconds": 1, "backoff_factor": 10})")
            << QList<qint64>{1000, 10000, 100000, 300000, 300000};
}

void TestJobSpec::backoffSequence()
{
    QFETCH(QString, policy);
    QFETCH(QList<qint64>, delaysMs);

    const QJsonValue value = policy.startsWith(QLatin1Char('{')) ? QJsonValue(object(policy.toUtf8()))
                                                                 : QJsonValue(policy);
    const Result<RetryPolicy> parsed = RetryPolicy::parse(value, QStringLiteral("w"));
    QVERIFY2(parsed.ok(), qPrintable(parsed.error().message));
    for (int attempt = 1; attempt <= delaysMs.size(); ++attempt)
        QCOMPARE(parsed->backoffAfter(attempt).count(), delaysMs.at(attempt - 1));
    // Far past the cap the exponent overflows; the delay must stay the cap.
    QCOMPARE(parsed->backoffAfter(100000).count(),
             std::min<qint64>(qint64(parsed->maxBackoffSeconds * 1000),
                              parsed->backoffFactor == 1 ? qint64(parsed->backoffSeconds * 1000) : LLONG_MAX));
}

void TestJobSpec::toolForAttempt_data()
{
    QTest::addColumn<QStringList>("escalateTo");
    QTest::addColumn<QStringList>("tools");  // for attempts 1, 2, 3, ...

    const QString aider = QStringLiteral("aider");
    const QString codex = QStringLiteral("codex");
    const QString shell = QStringLiteral("shell");
    QTest::newRow("no escalation") << QStringList() << QStringList{aider, aider, aider};
    QTest::newRow("one tool, then it again") << QStringList{codex} << QStringList{aider, codex, codex};
    QTest::newRow("two tools") << QStringList{codex, shell} << QStringList{aider, codex, shell, shell};
}

void TestJobSpec::toolForAttempt()
{
    QFETCH(QStringList, escalateTo);
    QFETCH(QStringList, tools);

    RetryPolicy policy;
    policy.maxAttempts = int(tools.size());
    policy.escalateTo = escalateTo;
    for (int attempt = 1; attempt <= tools.size(); ++attempt)
        QCOMPARE(policy.toolForAttempt(QStringLiteral("aider"), attempt), tools.at(attempt - 1));
}

void TestJobSpec::canonicalRoundTrip()
{
    RetryPolicy policy;
    policy.maxAttempts = 4;
    policy.backoffSeconds = 1.5;
    policy.backoffFactor = 3;
    policy.maxBackoffSeconds = 42;
    policy.escalateTo = QStringList{QStringLiteral("codex"), QStringLiteral("shell")};

    const QJsonObject json = policy.toJson();
    QCOMPARE(json.value(QLatin1String("max_attempts")).toInt(), 4);
    QCOMPARE(json.value(QLatin1String("escalate_to")).toArray().size(), 2);

    const RetryPolicy back = RetryPolicy::fromCanonicalJson(json);
    QCOMPARE(back.maxAttempts, policy.maxAttempts);
    QCOMPARE(back.backoffSeconds, policy.backoffSeconds);
    QCOMPARE(back.backoffFactor, policy.backoffFactor);
    QCOMPARE(back.maxBackoffSeconds, policy.maxBackoffSeconds);
    QCOMPARE(back.escalateTo, policy.escalateTo);
    QCOMPARE(back.toJson(), json);

    // The canonical form is also a valid job-file value.
    const Result<RetryPolicy> reparsed = RetryPolicy::parse(json, QStringLiteral("w"));
    QVERIFY2(reparsed.ok(), qPrintable(reparsed.error().message));
    QCOMPARE(reparsed->toJson(), json);

    const RetryPolicy defaults = RetryPolicy::fromCanonicalJson(RetryPolicy{}.toJson());
    QCOMPARE(defaults.maxAttempts, 1);
    QVERIFY(defaults.escalateTo.isEmpty());
}

QTEST_GUILESS_MAIN(TestJobSpec)
#include "tst_jobspec.moc"
