// Tool profiles: the command lines built for each tool, the checks made on a
// job at submission, and profiles added or replaced by a user's file.

#include <QDir>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>

#include "spec/jobspec.h"
#include "testsupport.h"
#include "tools/toolregistry.h"

using namespace Orchestrator;

class TestToolRegistry final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();

    void builtInProfiles();
    void buildCommand_data();
    void buildCommand();
    void codexChecksForARepository();
    void validJobsPass_data();
    void validJobsPass();
    void validationErrors_data();
    void validationErrors();
    void inMemoryJobIsNamedById();
    void escalationOfACommandOnlyJobFailsWhenItComes();

    void userProfilesAddAndOverride();
    void userProfilesFromEnvironment();
    void missingUserFileIsFine();
    void brokenUserFile_data();
    void brokenUserFile();

private:
    QTemporaryDir m_dir;
    ToolRegistry m_registry;
};

namespace {

JobSpec job(const QByteArray &json, const QString &source = QStringLiteral("jobs/a.json"))
{
    QJsonParseError error;
    const QJsonObject object = QJsonDocument::fromJson(json, &error).object();
    if (error.error != QJsonParseError::NoError)
        qFatal("bad test JSON: %s", qPrintable(error.errorString()));
    Result<JobSpec> spec = parseJobObject(object, source);
    if (!spec)
        qFatal("bad test job: %s", qPrintable(spec.error().message));
    return std::move(spec).value();
}

QStringList words(std::initializer_list<const char *> list)
{
    QStringList result;
    for (const char *word : list)
        result.append(QString::fromUtf8(word));
    return result;
}

} // namespace

void TestToolRegistry::initTestCase()
{
    QVERIFY(m_dir.isValid());
    // Keep a user's own tools.json out of the built-in expectations.
    Result<ToolRegistry> registry = ToolRegistry::load(m_dir.filePath(QStringLiteral("no-tools.json")));
    QVERIFY2(registry.ok(), qPrintable(registry.error().message));
    m_registry = std::move(registry).value();
}

void TestToolRegistry::builtInProfiles()
{
    QCOMPARE(m_registry.names(), words({"aider", "claude", "codex", "gemini", "git", "shell", "tests"}));
    QVERIFY(m_registry.find(QStringLiteral("aider"))->editsRepo);
    QVERIFY(m_registry.find(QStringLiteral("codex"))->editsRepo);
    QVERIFY(!m_registry.find(QStringLiteral("git"))->editsRepo);
    QVERIFY(m_registry.find(QStringLiteral("aider"))->needsInstructions);
    QCOMPARE(m_registry.find(QStringLiteral("shell"))->source, QStringLiteral("built-in"));
    QCOMPARE(m_registry.find(QStringLiteral("nope")), nullptr);
    for (const ToolProfile &profile : m_registry.profiles())
        QVERIFY2(!profile.description.isEmpty(), qPrintable(profile.name));
}

void TestToolRegistry::buildCommand_data()
{
    QTest::addColumn<QByteArray>("json");
    QTest::addColumn<QString>("tool");  // empty: the job's own
    QTest::addColumn<QString>("program");
    QTest::addColumn<QStringList>("arguments");

    QTest::newRow("aider: model, no auto commit, files")
            << QByteArray(R"({"job_id": "j", "tool": "aider", "instructions": "Fix it", "files": ["a.py", "b.py"],
                             "config": {"model": "gpt-4", "auto_commit": false}})")
            << QString() << QStringLiteral("aider")
            << words({"--yes-always", "--no-pretty", "--no-stream", "--no-check-update", "--no-analytics", "--message=Fix it", "--model", "gpt-4", "--no-auto-commits", "a.py", "b.py"});
    QTest::newRow("aider: no config")
            << QByteArray(R"({"job_id": "j", "tool": "aider", "instructions": "Fix it"})")
            << QString() << QStringLiteral("aider")
            << words({"--yes-always", "--no-pretty", "--no-stream", "--no-check-update", "--no-analytics", "--message=Fix it", "--no-auto-commits"});
    QTest::newRow("aider: auto commit")
            << QByteArray(R"({"job_id": "j", "tool": "aider", "instructions": "Fix it", "files": ["a.py"],
                             "config": {"auto_commit": true}})")
            << QString() << QStringLiteral("aider")
            << words({"--yes-always", "--no-pretty", "--no-stream", "--no-check-update", "--no-analytics", "--message=Fix it", "--auto-commits", "a.py"});
    QTest::newRow("aider: empty model is not set")
            << QByteArray(R"({"job_id": "j", "tool": "aider", "instructions": "Fix it", "config": {"model": ""}})")
            << QString() << QStringLiteral("aider")
            << words({"--yes-always", "--no-pretty", "--no-stream", "--no-check-update", "--no-analytics", "--message=Fix it", "--no-auto-commits"});
    QTest::newRow("codex: instructions and files in one prompt")
            << QByteArray(R"({"job_id": "j", "tool": "codex", "instructions": "Add tests", "files": ["a.py", "b.py"]})")
            << QString() << QStringLiteral("codex")
            << words({"exec", "--json", "--sandbox", "workspace-write", "--skip-git-repo-check", "--", "Add tests\n\nFiles: a.py, b.py"});
    QTest::newRow("codex: a prompt that starts with -")
            << QByteArray(R"({"job_id": "j", "tool": "codex", "instructions": "- add a README"})")
            << QString() << QStringLiteral("codex")
            << words({"exec", "--json", "--sandbox", "workspace-write", "--skip-git-repo-check", "--", "- add a README"});
    QTest::newRow("claude: model, turns, budget, files")
            << QByteArray(R"({"job_id": "j", "tool": "claude", "instructions": "- add a README", "files": ["README.md"],
                             "config": {"model": "sonnet", "max_turns": 12, "max_budget_usd": 2.5}})")
            << QString() << QStringLiteral("claude")
            << words({"-p", "--output-format", "stream-json", "--verbose", "--permission-mode", "acceptEdits", "--model", "sonnet",
                      "--max-turns", "12", "--max-budget-usd", "2.5", "--", "- add a README\n\nFiles: README.md"});
    QTest::newRow("gemini: the prompt as --prompt=")
            << QByteArray(R"({"job_id": "j", "tool": "gemini", "instructions": "- add a README"})")
            << QString() << QStringLiteral("gemini")
            << words({"--output-format", "stream-json", "--approval-mode", "auto_edit", "--prompt=- add a README"});
    QTest::newRow("codex: model, no files")
            << QByteArray(R"({"job_id": "j", "tool": "codex", "instructions": "Add tests", "config": {"model": "o3"}})")
            << QString() << QStringLiteral("codex") << words({"exec", "--json", "--sandbox", "workspace-write", "--skip-git-repo-check", "--model", "o3", "--", "Add tests"});
    QTest::newRow("shell: the instructions are the script")
            << QByteArray(R"({"job_id": "j", "tool": "shell", "instructions": "make -j2 && make check"})")
            << QString() << QStringLiteral("sh") << words({"-c", "make -j2 && make check", "sh"});
    QTest::newRow("shell: files become $1, $2")
            << QByteArray(R"({"job_id": "j", "tool": "shell", "instructions": "wc -l \"$@\"", "files": ["a", "b c"]})")
            << QString() << QStringLiteral("sh") << words({"-c", "wc -l \"$@\"", "sh", "a", "b c"});
    QTest::newRow("git: config.args")
            << QByteArray(R"({"job_id": "j", "tool": "git", "config": {"args": ["log", "-1", "--format=%H"]}})")
            << QString() << QStringLiteral("git") << words({"log", "-1", "--format=%H"});
    QTest::newRow("tests: runner, args, files")
            << QByteArray(R"({"job_id": "j", "tool": "tests", "files": ["t/a.py"],
                             "config": {"runner": "pytest", "args": ["-q", "-x"]}})")
            << QString() << QStringLiteral("pytest") << words({"-q", "-x", "t/a.py"});
    QTest::newRow("explicit command is used verbatim")
            << QByteArray(R"({"job_id": "j", "tool": "aider", "instructions": "ignored", "files": ["ignored.py"],
                             "command": {"exe": "aider", "args": ["--message", "Fix the bug; rm -rf $HOME", "*.py"]}})")
            << QString() << QStringLiteral("aider") << words({"--message", "Fix the bug; rm -rf $HOME", "*.py"});
    QTest::newRow("explicit command without args")
            << QByteArray(R"({"job_id": "j", "tool": "shell", "command": {"exe": "/bin/true"}})")
            << QString() << QStringLiteral("/bin/true") << QStringList();
    QTest::newRow("escalation to codex ignores the aider command")
            << QByteArray(R"({"job_id": "j", "tool": "aider", "instructions": "Fix the bug", "files": ["src/x.c"],
                             "command": {"exe": "aider", "args": ["--message", "Fix the bug"]},
                             "config": {"model": "gpt-4"},
                             "metadata": {"retry_policy": "escalate_to_codex"}})")
            << QStringLiteral("codex") << QStringLiteral("codex")
            << words({"exec", "--json", "--sandbox", "workspace-write", "--skip-git-repo-check", "--model", "gpt-4", "--", "Fix the bug\n\nFiles: src/x.c"});
}

void TestToolRegistry::buildCommand()
{
    QFETCH(QByteArray, json);
    QFETCH(QString, tool);
    QFETCH(QString, program);
    QFETCH(QStringList, arguments);

    const JobSpec spec = job(json);
    // Outside a git repository (codex gets --skip-git-repo-check).
    const Result<CommandLine> command = m_registry.buildCommand(spec, tool.isEmpty() ? spec.tool : tool, false);
    QVERIFY2(command.ok(), qPrintable(command.error().message));
    QCOMPARE(command->program, program);
    QCOMPARE(command->arguments, arguments);
}

// codex refuses to run outside a git repository unless told to skip that
// check; inside one (a worktree) the check stays. Found from the job's
// working_dir or repo_root, without running git.
void TestToolRegistry::codexChecksForARepository()
{
    QTemporaryDir plain;
    QTemporaryDir repo;
    QVERIFY(QDir().mkpath(repo.filePath(QStringLiteral(".git"))));
    QVERIFY(QDir().mkpath(repo.filePath(QStringLiteral("src/deep"))));
    QTemporaryDir linked;  // a linked worktree has a .git file
    TestSupport::writeFile(linked.filePath(QStringLiteral(".git")), "gitdir: /somewhere/.git/worktrees/x\n");

    QVERIFY(!ToolRegistry::isInGitWorkTree(plain.path()));
    QVERIFY(ToolRegistry::isInGitWorkTree(repo.path()));
    QVERIFY(ToolRegistry::isInGitWorkTree(repo.filePath(QStringLiteral("src/deep"))));
    QVERIFY(ToolRegistry::isInGitWorkTree(linked.path()));

    const auto argsFor = [&](const QString &root, const QString &workingDir) {
        QJsonObject paths{{QStringLiteral("repo_root"), root}};
        if (!workingDir.isEmpty())
            paths.insert(QStringLiteral("working_dir"), workingDir);
        const QJsonObject object{{QStringLiteral("job_id"), QStringLiteral("j")}, {QStringLiteral("tool"), QStringLiteral("codex")},
                                 {QStringLiteral("instructions"), QStringLiteral("Add tests")}, {QStringLiteral("paths"), paths}};
        const JobSpec spec = job(QJsonDocument(object).toJson());
        const Result<CommandLine> command = m_registry.buildCommand(spec, spec.tool);
        return command ? command->arguments : QStringList{command.error().message};
    };
    const QStringList outside = argsFor(plain.path(), {});
    QVERIFY2(outside.contains(QStringLiteral("--skip-git-repo-check")), qPrintable(outside.join(u' ')));
    const QStringList inside = argsFor(repo.path(), QStringLiteral("src/deep"));
    QCOMPARE(inside, (QStringList{QStringLiteral("exec"), QStringLiteral("--json"), QStringLiteral("--sandbox"),
                                  QStringLiteral("workspace-write"), QStringLiteral("--"), QStringLiteral("Add tests")}));
    QVERIFY(!argsFor(linked.path(), {}).contains(QStringLiteral("--skip-git-repo-check")));
    // Told where it runs (a worktree not created yet), the template believes it.
    const JobSpec spec = job(R"({"job_id": "j", "tool": "codex", "instructions": "x", "paths": {"repo_root": "/nonexistent"}})");
    QVERIFY(!m_registry.buildCommand(spec, spec.tool, true)->arguments.contains(QStringLiteral("--skip-git-repo-check")));
    QVERIFY(m_registry.buildCommand(spec, spec.tool, false)->arguments.contains(QStringLiteral("--skip-git-repo-check")));
}

void TestToolRegistry::validJobsPass_data()
{
    QTest::addColumn<QByteArray>("json");

    QTest::newRow("aider with instructions") << QByteArray(R"({"job_id": "j", "tool": "aider", "instructions": "x"})");
    QTest::newRow("aider with a command only")
            << QByteArray(R"({"job_id": "j", "tool": "aider", "command": {"exe": "aider", "args": ["--help"]}})");
    QTest::newRow("git with a command only")
            << QByteArray(R"({"job_id": "j", "tool": "git", "command": {"exe": "git", "args": ["status"]}})");
    QTest::newRow("escalation with instructions")
            << QByteArray(R"({"job_id": "j", "tool": "aider", "instructions": "x",
                             "metadata": {"retry_policy": {"escalate_to": ["codex", "shell"]}}})");
    QTest::newRow("seed full format: command only, escalate_to_codex")
            << QByteArray(R"({"job_id": "j", "tool": "aider", "command": {"exe": "aider", "args": ["--message", "Fix the bug"]},
                             "metadata": {"retry_policy": "escalate_to_codex"}})");
    QTest::newRow("escalation to its own tool")
            << QByteArray(R"({"job_id": "j", "tool": "shell", "command": {"exe": "true"},
                             "metadata": {"retry_policy": "escalate_to_shell"}})");
}

void TestToolRegistry::validJobsPass()
{
    QFETCH(QByteArray, json);

    const Status status = m_registry.validate(job(json));
    QVERIFY2(status.ok(), qPrintable(status.error().message));
}

void TestToolRegistry::validationErrors_data()
{
    QTest::addColumn<QByteArray>("json");
    QTest::addColumn<QString>("expected");

    QTest::newRow("unknown tool")
            << QByteArray(R"({"job_id": "j", "tool": "aidr", "instructions": "x"})")
            << QStringLiteral("jobs/a.json: /tool: unknown tool \"aidr\" (known: aider, claude, codex, gemini, git, shell, tests)");
    QTest::newRow("unknown escalation tool")
            << QByteArray(R"({"job_id": "j", "tool": "aider", "instructions": "x",
                             "metadata": {"retry_policy": "escalate_to_codx"}})")
            << QStringLiteral("jobs/a.json: /metadata/retry_policy: unknown escalation tool \"codx\" "
                              "(known: aider, claude, codex, gemini, git, shell, tests)");
    QTest::newRow("aider without instructions or command")
            << QByteArray(R"({"job_id": "j", "tool": "aider", "files": ["a.py"]})")
            << QStringLiteral("jobs/a.json: /instructions: aider jobs need instructions (or an explicit command)");
    QTest::newRow("blank instructions")
            << QByteArray(R"({"job_id": "j", "tool": "shell", "instructions": "  \n"})")
            << QStringLiteral("jobs/a.json: /instructions: shell jobs need instructions (or an explicit command)");
    QTest::newRow("git without args or command")
            << QByteArray(R"({"job_id": "j", "tool": "git"})")
            << QStringLiteral("jobs/a.json: /config/args: missing, but the \"git\" tool needs it to build its command "
                              "line (or give the job a \"command\")");
    QTest::newRow("tests without runner")
            << QByteArray(R"({"job_id": "j", "tool": "tests", "files": ["t.py"]})")
            << QStringLiteral("jobs/a.json: /config/runner: missing, but the \"tests\" tool needs it to build its "
                              "command line (or give the job a \"command\")");
    QTest::newRow("config value of the wrong kind")
            << QByteArray(R"({"job_id": "j", "tool": "aider", "instructions": "x", "config": {"model": {"name": "gpt"}}})")
            << QStringLiteral("jobs/a.json: /config/model: expected a string, number or boolean for the \"aider\" tool's "
                              "command line, got {\"name\":\"gpt\"}");
    QTest::newRow("several problems")
            << QByteArray(R"({"job_id": "j", "tool": "aidr",
                             "metadata": {"retry_policy": {"escalate_to": ["codex", "nope"]}}})")
            << QStringLiteral("jobs/a.json: /tool: unknown tool \"aidr\" (known: aider, claude, codex, gemini, git, shell, tests)\n"
                              "jobs/a.json: /instructions: escalation tool \"codex\" needs instructions\n"
                              "jobs/a.json: /metadata/retry_policy: unknown escalation tool \"nope\" "
                              "(known: aider, claude, codex, gemini, git, shell, tests)");
}

void TestToolRegistry::validationErrors()
{
    QFETCH(QByteArray, json);
    QFETCH(QString, expected);

    const JobSpec spec = job(json);
    const Status status = m_registry.validate(spec);
    QVERIFY(!status.ok());
    QCOMPARE(status.error().code, ErrorCode::Validation);
    QCOMPARE(status.error().message, expected);
}

void TestToolRegistry::inMemoryJobIsNamedById()
{
    const Status status = m_registry.validate(job(R"({"job_id": "j7", "tool": "aidr"})", QString()));
    QVERIFY(!status.ok());
    QCOMPARE(status.error().message,
             QStringLiteral("job \"j7\": /tool: unknown tool \"aidr\" (known: aider, claude, codex, gemini, git, shell, tests)"));
}

void TestToolRegistry::escalationOfACommandOnlyJobFailsWhenItComes()
{
    // Accepted at submission (the predecessor's format), but codex cannot be
    // built without instructions: the escalated attempt gets this reason.
    const JobSpec spec = job(R"({"job_id": "j", "tool": "aider", "command": {"exe": "aider"},
                                 "metadata": {"retry_policy": "escalate_to_codex"}})");
    QVERIFY(m_registry.validate(spec).ok());
    const Result<CommandLine> codex = m_registry.buildCommand(spec, QStringLiteral("codex"));
    QVERIFY(!codex.ok());
    QCOMPARE(codex.error().message, QStringLiteral("jobs/a.json: /instructions: escalation tool \"codex\" needs instructions"));
}

void TestToolRegistry::userProfilesAddAndOverride()
{
    const QString file = TestSupport::writeFile(m_dir.filePath(QStringLiteral("tools.json")), R"({
        "profiles": [
            {"name": "pytest", "description": "pytest on the files", "program": "python3",
             "args": ["-m", "pytest", {"if": "config.verbose", "then": ["-v"]}, "--junitxml={log_file}.xml", "{files...}"]},
            {"name": "codex", "program": "my-codex", "args": ["--prompt", "{instructions}"], "edits_repo": false,
             "_note": "ours is wrapped"},
            {"name": "deploy", "needs_command": true}
        ]
    })");
    const Result<ToolRegistry> registry = ToolRegistry::load(file);
    QVERIFY2(registry.ok(), qPrintable(registry.error().message));
    QCOMPARE(registry->names(), words({"aider", "claude", "codex", "deploy", "gemini", "git", "pytest", "shell", "tests"}));

    const ToolProfile *codex = registry->find(QStringLiteral("codex"));
    QVERIFY(codex);
    QCOMPARE(codex->program, QStringLiteral("my-codex"));
    QCOMPARE(codex->source, file);
    QVERIFY(!codex->editsRepo);
    QCOMPARE(registry->find(QStringLiteral("aider"))->source, QStringLiteral("built-in"));

    const JobSpec tests = job(R"({"job_id": "j", "tool": "pytest", "files": ["t/a.py", "t/b.py"],
                                 "config": {"verbose": true}, "paths": {"log_file": "logs/j.log"},
                                 "instructions": "Fix", "metadata": {"retry_policy": "escalate_to_codex"}})");
    QVERIFY2(registry->validate(tests).ok(), qPrintable(registry->validate(tests).error().message));
    const Result<CommandLine> command = registry->buildCommand(tests, QStringLiteral("pytest"));
    QVERIFY2(command.ok(), qPrintable(command.error().message));
    QCOMPARE(command->program, QStringLiteral("python3"));
    QCOMPARE(command->arguments, words({"-m", "pytest", "-v", "--junitxml=logs/j.log.xml", "t/a.py", "t/b.py"}));

    const Result<CommandLine> escalated = registry->buildCommand(tests, QStringLiteral("codex"));
    QVERIFY2(escalated.ok(), qPrintable(escalated.error().message));
    QCOMPARE(escalated->program, QStringLiteral("my-codex"));
    QCOMPARE(escalated->arguments, words({"--prompt", "Fix"}));

    const Status noCommand = registry->validate(job(R"({"job_id": "j", "tool": "deploy"})"));
    QVERIFY(!noCommand.ok());
    QCOMPARE(noCommand.error().message, QStringLiteral("jobs/a.json: /command: deploy jobs need a command"));
    const JobSpec deploy = job(R"({"job_id": "j", "tool": "deploy", "command": {"exe": "./ship", "args": ["now"]}})");
    QVERIFY(registry->validate(deploy).ok());
    QCOMPARE(registry->buildCommand(deploy, QStringLiteral("deploy"))->arguments, words({"now"}));
}

void TestToolRegistry::userProfilesFromEnvironment()
{
    const QString file = TestSupport::writeFile(m_dir.filePath(QStringLiteral("env-tools.json")),
                                                R"({"profiles": [{"name": "lint", "program": "ruff", "args": ["check"]}]})");
    const QByteArray previous = qgetenv("ORCHESTRATOR_TOOLS_FILE");
    qputenv("ORCHESTRATOR_TOOLS_FILE", file.toUtf8());
    const QString chosen = ToolRegistry::defaultUserProfilesFile();
    const Result<ToolRegistry> registry = ToolRegistry::load();
    if (previous.isNull())
        qunsetenv("ORCHESTRATOR_TOOLS_FILE");
    else
        qputenv("ORCHESTRATOR_TOOLS_FILE", previous);

    QCOMPARE(chosen, file);
    QVERIFY2(registry.ok(), qPrintable(registry.error().message));
    QVERIFY(registry->find(QStringLiteral("lint")));
    QVERIFY(registry->find(QStringLiteral("aider")));

    // Without the variable, the file lives in the user's configuration directory.
    if (previous.isNull()) {
        QVERIFY(ToolRegistry::defaultUserProfilesFile().endsWith(QLatin1String("/orchestrator/tools.json")));
    }
}

void TestToolRegistry::missingUserFileIsFine()
{
    const Result<ToolRegistry> registry = ToolRegistry::load(m_dir.filePath(QStringLiteral("absent/tools.json")));
    QVERIFY2(registry.ok(), qPrintable(registry.error().message));
    QCOMPARE(registry->names(), m_registry.names());
}

void TestToolRegistry::brokenUserFile_data()
{
    QTest::addColumn<QByteArray>("content");
    QTest::addColumn<int>("code");
    QTest::addColumn<QString>("expected");  // %1: the file

    const int validation = int(ErrorCode::Validation);
    QTest::newRow("not JSON") << QByteArray("{\"profiles\": [\n  {\"name\": \"x\",}\n]}") << int(ErrorCode::Parse)
                              << QStringLiteral("%1: not valid JSON at line 2, column 16: object is missing after a comma");
    QTest::newRow("no profiles list") << QByteArray(R"({"profile": []})") << validation
                                      << QStringLiteral("%1: /profile: unknown field, did you mean \"profiles\"? (known: limits, prices, profiles)\n"
                                                        "%1: /: missing required field \"profiles\"");
    QTest::newRow("profiles not a list") << QByteArray(R"({"profiles": {"name": "x"}})") << validation
                                         << QStringLiteral("%1: /profiles: expected a list of tool profiles, got {\"name\":\"x\"}");
    QTest::newRow("missing name") << QByteArray(R"({"profiles": [{"program": "x"}]})") << validation
                                  << QStringLiteral("%1: /profiles/0: missing required field \"name\"");
    QTest::newRow("bad name") << QByteArray(R"({"profiles": [{"name": "my tool", "program": "x"}]})") << validation
                              << QStringLiteral("%1: /profiles/0/name: expected a tool name of letters, digits, '.', '_' "
                                                "or '-', got \"my tool\"");
    QTest::newRow("missing program") << QByteArray(R"({"profiles": [{"name": "x"}]})") << validation
                                     << QStringLiteral("%1: /profiles/0: missing required field \"program\" "
                                                       "(or set \"needs_command\": true)");
    QTest::newRow("args not a list") << QByteArray(R"({"profiles": [{"name": "x", "program": "x", "args": "-v"}]})")
                                     << validation
                                     << QStringLiteral("%1: /profiles/0/args: expected a list of argument templates, got \"-v\"");
    QTest::newRow("unknown placeholder")
            << QByteArray(R"({"profiles": [{"name": "x", "program": "x", "args": ["--model", "{modle}"]}]})") << validation
            << QStringLiteral("%1: /profiles/0/args/1: unknown placeholder {modle} (known: {job_id}, {run_id}, "
                              "{workstream_id}, {tool}, {instructions}, {files}, {repo_root}, {working_dir}, "
                              "{log_file}, {error_report}, {in_git_repo}, {config.<key>})");
    QTest::newRow("unmatched brace")
            << QByteArray(R"({"profiles": [{"name": "x", "program": "x", "args": ["{files"]}]})") << validation
            << QStringLiteral("%1: /profiles/0/args/0: unmatched \"{\" at character 1; write \"{{\" for a literal brace");
    QTest::newRow("spread inside a longer string")
            << QByteArray(R"({"profiles": [{"name": "x", "program": "x", "args": ["--files={files...}"]}]})") << validation
            << QStringLiteral("%1: /profiles/0/args/0: {files...} must be a whole argument on its own");
    QTest::newRow("bad condition")
            << QByteArray(R"({"profiles": [{"name": "x", "program": "x",
                             "args": [{"if": "config.a", "if_set": "config.b", "then": "-v", "otherwise": []}]}]})")
            << validation
            << QStringLiteral("%1: /profiles/0/args/0/otherwise: unknown field (known: else, if, if_set, then)\n"
                              "%1: /profiles/0/args/0: expected exactly one of \"if\" and \"if_set\"\n"
                              "%1: /profiles/0/args/0/then: expected a list of arguments, got \"-v\"");
    QTest::newRow("nested problem")
            << QByteArray(R"({"profiles": [{"name": "x", "program": "x",
                             "args": [{"if_set": "files", "then": ["ok", 3]}]}]})")
            << validation
            << QStringLiteral("%1: /profiles/0/args/0/then/1: expected a string or an {\"if\": ..., \"then\": [...]} "
                              "object, got 3");
    QTest::newRow("flag not a boolean")
            << QByteArray(R"({"profiles": [{"name": "x", "program": "x", "edits_repo": "yes"}]})") << validation
            << QStringLiteral("%1: /profiles/0/edits_repo: expected true or false, got \"yes\"");
    QTest::newRow("unknown profile field")
            << QByteArray(R"({"profiles": [{"name": "x", "program": "x", "edit_repo": true}]})") << validation
            << QStringLiteral("%1: /profiles/0/edit_repo: unknown field, did you mean \"edits_repo\"? (known: args, auth_env, "
                              "auth_files, default_timeout_seconds, description, edits_repo, env, events, login_hint, name, "
                              "needs_command, needs_instructions, program, status_check)");
    QTest::newRow("unknown events format")
            << QByteArray(R"({"profiles": [{"name": "x", "program": "x", "events": "claude-json"}]})") << validation
            << QStringLiteral("%1: /profiles/0/events: expected one of none, claude-stream-json, codex-jsonl, "
                              "gemini-stream-json, aider-text, got \"claude-json\"");
    QTest::newRow("negative default timeout")
            << QByteArray(R"({"profiles": [{"name": "x", "program": "x", "default_timeout_seconds": -5}]})") << validation
            << QStringLiteral("%1: /profiles/0/default_timeout_seconds: expected a whole number of seconds from 0 (none) to 604800, got -5");
    QTest::newRow("env not strings")
            << QByteArray(R"({"profiles": [{"name": "x", "program": "x", "env": {"A": 1}}]})") << validation
            << QStringLiteral("%1: /profiles/0/env/A: expected a string, got 1");
    QTest::newRow("status check not a command line")
            << QByteArray(R"({"profiles": [{"name": "x", "program": "x", "status_check": "auth status", "auth_env": ["A", ""]}]})")
            << validation
            << QStringLiteral("%1: /profiles/0/status_check: expected a list of non-empty strings (a command line), got \"auth status\"\n"
                              "%1: /profiles/0/auth_env/1: expected non-empty variable names, got \"\"");
    QTest::newRow("limit of no tool")
            << QByteArray(R"({"limits": {"claud": {"max_concurrent": 2}}})") << validation
            << QStringLiteral("%1: /limits/claud: no tool named \"claud\" (known: aider, claude, codex, gemini, git, shell, tests)");
    QTest::newRow("limit not a count")
            << QByteArray(R"({"limits": {"codex": {"max_concurrent": 0}}})") << validation
            << QStringLiteral("%1: /limits/codex/max_concurrent: expected a whole number from 1 to 10000, got 0");
    QTest::newRow("limit unknown field")
            << QByteArray(R"({"limits": {"codex": {"max_parallel": 2}}})") << validation
            << QStringLiteral("%1: /limits/codex/max_parallel: unknown field (known: max_concurrent)\n"
                              "%1: /limits/codex/max_concurrent: expected a whole number from 1 to 10000, got nothing");
    QTest::newRow("duplicate name")
            << QByteArray(R"({"profiles": [{"name": "x", "program": "a"}, {"name": "x", "program": "b"}]})") << validation
            << QStringLiteral("%1: /profiles/1/name: duplicate profile \"x\" (first defined at /profiles/0)");
}

void TestToolRegistry::brokenUserFile()
{
    QFETCH(QByteArray, content);
    QFETCH(int, code);
    QFETCH(QString, expected);

    const QString file = TestSupport::writeFile(m_dir.filePath(QStringLiteral("broken.json")), content);
    const Result<ToolRegistry> registry = ToolRegistry::load(file);
    QVERIFY(!registry.ok());
    QCOMPARE(int(registry.error().code), code);
    QCOMPARE(registry.error().message, expected.arg(file));
}

QTEST_GUILESS_MAIN(TestToolRegistry)
#include "tst_toolregistry.moc"
