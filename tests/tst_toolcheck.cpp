// `orchestrator tools --check`: for each AI tool, is it installed, what
// version, is it logged in, found by the profile's own means (the tool's
// status command, an API-key variable, a stored login file). Stand-in tools
// are real scripts answering as the real CLIs do (tests/realtools/check.sh
// runs the real ones).
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>

#include "testsupport.h"
#include "tools/toolcheck.h"

using namespace Orchestrator;
using namespace TestSupport;

class TestToolCheck final : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;

    QString script(const QString &name, const QByteArray &body)
    {
        const QString file = writeFile(m_dir.filePath(QStringLiteral("bin/") + name), "#!/bin/sh\n" + body);
        QFile::setPermissions(file, QFile::permissions(file) | QFileDevice::ExeOwner);
        return file;
    }

    static ToolProfile profile(const QString &name, const QString &program)
    {
        ToolProfile p;
        p.name = name;
        p.program = program;
        p.loginHint = QStringLiteral("log in to ") + name;
        return p;
    }

    QProcessEnvironment environment() const
    {
        QProcessEnvironment env;
        env.insert(QStringLiteral("PATH"), m_dir.filePath(QStringLiteral("bin")) + QStringLiteral(":/usr/bin:/bin"));
        env.insert(QStringLiteral("HOME"), m_dir.filePath(QStringLiteral("home")));
        return env;
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        // As claude 2.1: `auth status` prints JSON and exits 1 when logged out.
        script(QStringLiteral("claudeish"),
               "case \"$1\" in --version) echo '2.1.197 (Claude Code)' ;;\n"
               "auth) if [ -n \"$LOGGED_IN\" ]; then echo '{\"loggedIn\": true, \"authMethod\": \"claude.ai\"}'; exit 0; fi\n"
               "      printf '{\\n  \"loggedIn\": false,\\n  \"authMethod\": \"none\"\\n}\\n'; exit 1 ;;\n"
               "esac\n");
        // As codex 0.171: a warning on stderr, then "Not logged in", exit 1.
        script(QStringLiteral("codexish"),
               "echo 'WARNING: proceeding, even though we could not create PATH aliases' >&2\n"
               "case \"$1\" in --version) echo 'codex-cli 0.171.0' ;;\n"
               "login) touch \"$HOME/status-was-run\"; echo 'Not logged in'; exit 1 ;;\n"
               "esac\n");
        script(QStringLiteral("hangs"), "case \"$1\" in --version) echo 'hangs 1' ;; *) exec sleep 30 ;; esac\n");
        QVERIFY(QDir().mkpath(m_dir.filePath(QStringLiteral("home"))));
    }

    void statusCommand()
    {
        ToolProfile claude = profile(QStringLiteral("claude"), QStringLiteral("claudeish"));
        claude.statusCheck = QStringList{QStringLiteral("auth"), QStringLiteral("status")};
        ToolProfile codex = profile(QStringLiteral("codex"), QStringLiteral("codexish"));
        codex.statusCheck = QStringList{QStringLiteral("login"), QStringLiteral("status")};

        QList<ToolCheck> checks = ToolChecks::check({claude, codex}, environment());
        QCOMPARE(checks.size(), 2);
        QCOMPARE(checks.at(0).path, m_dir.filePath(QStringLiteral("bin/claudeish")));
        QCOMPARE(checks.at(0).version, QStringLiteral("2.1.197 (Claude Code)"));
        QCOMPARE(toString(checks.at(0).login), QStringLiteral("not_logged_in"));
        QCOMPARE(checks.at(0).loginDetail, QStringLiteral("claudeish auth status: authMethod: none, loggedIn: false"));
        QCOMPARE(checks.at(0).loginHint, QStringLiteral("log in to claude"));
        QVERIFY(!checks.at(0).ready());
        QCOMPARE(checks.at(1).version, QStringLiteral("codex-cli 0.171.0"));  // the warning is not the version
        QCOMPARE(toString(checks.at(1).login), QStringLiteral("not_logged_in"));
        QCOMPARE(checks.at(1).loginDetail, QStringLiteral("codexish login status: Not logged in (exit code 1)"));

        QProcessEnvironment env = environment();
        env.insert(QStringLiteral("LOGGED_IN"), QStringLiteral("1"));
        checks = ToolChecks::check({claude}, env);
        QCOMPARE(toString(checks.at(0).login), QStringLiteral("logged_in"));
        QVERIFY(checks.at(0).ready());
    }

    // An API key in the environment is a login; the status command is then not needed.
    void apiKeyVariable()
    {
        ToolProfile codex = profile(QStringLiteral("codex"), QStringLiteral("codexish"));
        codex.statusCheck = QStringList{QStringLiteral("login"), QStringLiteral("status")};
        codex.authEnv = QStringList{QStringLiteral("OPENAI_API_KEY"), QStringLiteral("CODEX_API_KEY")};
        QProcessEnvironment env = environment();
        env.insert(QStringLiteral("OPENAI_API_KEY"), QString());  // empty is not set
        env.insert(QStringLiteral("CODEX_API_KEY"), QStringLiteral("sk-test"));
        QFile::remove(m_dir.filePath(QStringLiteral("home/status-was-run")));
        const QList<ToolCheck> checks = ToolChecks::check({codex}, env);
        QCOMPARE(toString(checks.at(0).login), QStringLiteral("logged_in"));
        QCOMPARE(checks.at(0).loginDetail, QStringLiteral("CODEX_API_KEY is set"));
        QVERIFY(!QFile::exists(m_dir.filePath(QStringLiteral("home/status-was-run"))));
    }

    // gemini has no status command: a key, or its stored login in ~.
    void loginFile()
    {
        ToolProfile gemini = profile(QStringLiteral("gemini"), QStringLiteral("codexish"));
        gemini.authEnv = QStringList{QStringLiteral("GEMINI_API_KEY")};
        gemini.authFiles = QStringList{QStringLiteral("~/.gemini/oauth_creds.json")};
        QList<ToolCheck> checks = ToolChecks::check({gemini}, environment());
        QCOMPARE(toString(checks.at(0).login), QStringLiteral("not_logged_in"));
        QCOMPARE(checks.at(0).loginDetail, QStringLiteral("none of GEMINI_API_KEY is set; no ~/.gemini/oauth_creds.json"));

        writeFile(m_dir.filePath(QStringLiteral("home/.gemini/oauth_creds.json")), "{}");
        checks = ToolChecks::check({gemini}, environment());
        QCOMPARE(toString(checks.at(0).login), QStringLiteral("logged_in"));
        QCOMPARE(checks.at(0).loginDetail, QStringLiteral("a login is stored in ~/.gemini/oauth_creds.json"));
        QFile::remove(m_dir.filePath(QStringLiteral("home/.gemini/oauth_creds.json")));
    }

    void notInstalledHangingAndUnknown()
    {
        ToolProfile missing = profile(QStringLiteral("missing"), QStringLiteral("no-such-tool-anywhere"));
        missing.statusCheck = QStringList{QStringLiteral("status")};
        ToolProfile hangs = profile(QStringLiteral("hangs"), QStringLiteral("hangs"));
        hangs.statusCheck = QStringList{QStringLiteral("status")};
        const ToolProfile silent = profile(QStringLiteral("silent"), QStringLiteral("hangs"));  // says nothing of logins
        QElapsedTimer clock;
        clock.start();
        const QList<ToolCheck> checks = ToolChecks::check({missing, hangs, silent}, environment(), 2000);
        QVERIFY2(clock.elapsed() < 15000, "a hanging status command held up the check");
        QVERIFY(checks.at(0).path.isEmpty());
        QVERIFY(!checks.at(0).ready());
        QCOMPARE(checks.at(0).loginDetail, QStringLiteral("no-such-tool-anywhere is not installed (not found on PATH)"));
        QCOMPARE(checks.at(1).version, QStringLiteral("hangs 1"));
        QCOMPARE(toString(checks.at(1).login), QStringLiteral("unknown"));
        QCOMPARE(checks.at(1).loginDetail, QStringLiteral("hangs status gave no answer within 2 s"));
        QVERIFY(checks.at(1).ready());  // installed, and nothing says it is logged out
        QCOMPARE(toString(checks.at(2).login), QStringLiteral("unknown"));
        QCOMPARE(checks.at(2).loginDetail, QStringLiteral("the profile names no way to check a login"));
    }

    // The command: the built-in AI tools, a stand-in claude found through
    // ORCHESTRATOR_TOOL_PATH_CLAUDE, none of the others on PATH.
    void command()
    {
        QProcessEnvironment env = cliEnvironment();
        env.insert(QStringLiteral("PATH"), QStringLiteral("/usr/bin:/bin"));
        env.insert(QStringLiteral("HOME"), m_dir.filePath(QStringLiteral("home")));
        for (const char *variable : {"ANTHROPIC_API_KEY", "CLAUDE_CODE_OAUTH_TOKEN", "OPENAI_API_KEY", "CODEX_API_KEY",
                                     "GEMINI_API_KEY", "GOOGLE_API_KEY", "GOOGLE_GENAI_USE_VERTEXAI", "GOOGLE_GENAI_USE_GCA"})
            env.remove(QString::fromLatin1(variable));
        env.insert(QStringLiteral("ORCHESTRATOR_TOOL_PATH_CLAUDE"), m_dir.filePath(QStringLiteral("bin/claudeish")));
        const CliRun json = runCli({QStringLiteral("tools"), QStringLiteral("--check"), QStringLiteral("--json")}, m_dir.path(), env);
        QCOMPARE(json.exitCode, 1);  // not every tool is ready
        QHash<QString, QJsonObject> byName;
        for (const QJsonValue &value : QJsonDocument::fromJson(json.out).array())
            byName.insert(value.toObject().value(QStringLiteral("name")).toString(), value.toObject());
        QVERIFY2(json.err.isEmpty(), json.err.constData());
        QStringList names = byName.keys();
        names.sort();
        QCOMPARE(names, (QStringList{QStringLiteral("aider"), QStringLiteral("claude"), QStringLiteral("codex"), QStringLiteral("gemini")}));
        const QJsonObject claude = byName.value(QStringLiteral("claude"));
        QCOMPARE(claude.value(QStringLiteral("version")).toString(), QStringLiteral("2.1.197 (Claude Code)"));
        QCOMPARE(claude.value(QStringLiteral("login")).toString(), QStringLiteral("not_logged_in"));
        QVERIFY(claude.value(QStringLiteral("login_hint")).toString().contains(QStringLiteral("claude auth login")));
        QCOMPARE(byName.value(QStringLiteral("codex")).value(QStringLiteral("installed")).toBool(), false);
        QVERIFY(!byName.contains(QStringLiteral("shell")));

        env.insert(QStringLiteral("LOGGED_IN"), QStringLiteral("1"));
        const CliRun one = runCli({QStringLiteral("tools"), QStringLiteral("--check"), QStringLiteral("claude")}, m_dir.path(), env);
        QCOMPARE(one.exitCode, 0);
        QVERIFY2(one.out.startsWith("claude   ready  2.1.197 (Claude Code)\n"), one.out.constData());
        QVERIFY2(one.out.contains("loggedIn: true"), one.out.constData());

        const CliRun unknown = runCli({QStringLiteral("tools"), QStringLiteral("--check"), QStringLiteral("claud")}, m_dir.path(), env);
        QCOMPARE(unknown.exitCode, 4);
        QVERIFY2(unknown.err.contains("unknown tool \"claud\""), unknown.err.constData());
    }
};

QTEST_GUILESS_MAIN(TestToolCheck)
#include "tst_toolcheck.moc"
