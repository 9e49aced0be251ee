#pragma once

// Small helpers shared by the tests: where the helper program and the
// stand-in tools are, and writing job files into temporary directories.

#include <QByteArray>
#include <QDir>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QProcessEnvironment>
#include <QSettings>
#include <QString>
#include <QTemporaryDir>
#include <QTest>

namespace TestSupport {

inline QString envPath(const char *name)
{
    const QString value = qEnvironmentVariable(name);
    if (value.isEmpty())
        qFatal("environment variable %s is not set; run the tests through ctest", name);
    return value;
}

inline QString testHelper() { return envPath("ORCH_TESTHELPER"); }
inline QString fakeBin() { return envPath("ORCH_FAKEBIN"); }
inline QString cliPath() { return envPath("ORCH_CLI"); }
inline QString examplesDir() { return envPath("ORCH_EXAMPLES"); }

inline QString writeFile(const QString &path, const QByteArray &content)
{
    QDir().mkpath(QFileInfo(path).absolutePath());
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate))
        qFatal("cannot write %s", qPrintable(path));
    file.write(content);
    return path;
}

inline QString writeJson(const QString &path, const QJsonObject &object)
{
    return writeFile(path, QJsonDocument(object).toJson());
}

inline QByteArray readFile(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return {};
    return file.readAll();
}

// A recorded or documented stream of an AI tool, tests/data/agentstreams/NAME.
inline QByteArray agentStream(const QString &name)
{
    const QString path = QFINDTESTDATA(QStringLiteral("data/agentstreams/") + name);
    if (path.isEmpty())
        qFatal("missing fixture %s", qPrintable(name));
    return readFile(path);
}

// One finished run of the orchestrator binary.
struct CliRun
{
    int exitCode = -1;   // -1: crashed or timed out
    QByteArray out;
    QByteArray err;
};

// git, as the orchestrator and the test run it, sees no configuration of the
// user's: HOME and XDG_CONFIG_HOME in `home`, and no system file.
inline void isolateGitConfig(const QTemporaryDir &home)
{
    qputenv("HOME", home.path().toLocal8Bit());
    qputenv("XDG_CONFIG_HOME", home.filePath(QStringLiteral("config")).toLocal8Bit());
    qputenv("GIT_CONFIG_NOSYSTEM", "1");
}

// `git ARGS` in `dir`, for a test's own setup and checks: its stdout as
// printed; a failure ends the test with git's message.
inline QByteArray runGit(const QString &dir, const QStringList &args)
{
    QProcess process;
    process.setWorkingDirectory(dir);
    process.start(QStringLiteral("git"), args);
    if (!process.waitForFinished(30000) || process.exitCode() != 0)
        qFatal("git %s in %s: %s", qPrintable(args.join(QLatin1Char(' '))), qPrintable(dir), process.readAllStandardError().constData());
    return process.readAllStandardOutput();
}

// The test's environment without the user's database and tool profiles.
inline QProcessEnvironment cliEnvironment()
{
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.remove(QStringLiteral("ORCHESTRATOR_DB"));
    env.remove(QStringLiteral("PIPELINE_DB_PATH"));
    env.insert(QStringLiteral("ORCHESTRATOR_TOOLS_FILE"), QStringLiteral("/nonexistent/tools.json"));
    return env;
}

// Runs `orchestrator ARGS` in `workDir` and waits for it; killed after `timeoutMs`.
inline CliRun runCli(const QStringList &args, const QString &workDir, const QProcessEnvironment &env = cliEnvironment(),
                     int timeoutMs = 60000)
{
    QProcess process;
    process.setProcessEnvironment(env);
    process.setWorkingDirectory(workDir);
    process.start(cliPath(), args);
    if (!process.waitForFinished(timeoutMs)) {
        process.kill();
        process.waitForFinished();
        return CliRun{-1, process.readAllStandardOutput(), QByteArrayLiteral("timed out")};
    }
    return CliRun{process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1, process.readAllStandardOutput(),
                  process.readAllStandardError()};
}

// `orchestrator --db DB ARGS` with the test's environment: its exit code.
inline int cliExit(const QString &db, const QStringList &args)
{
    QProcess process;
    process.start(cliPath(), QStringList{QStringLiteral("--db"), db} + args);
    process.waitForFinished(30000);
    return process.exitCode();
}

// The dashboard's settings in an INI file below `dir`, never the user's, and
// no tool profiles of the user's either.
inline void isolateDashboardSettings(const QTemporaryDir &dir)
{
    qputenv("ORCHESTRATOR_TOOLS_FILE", "/nonexistent/tools.json");
    QSettings::setDefaultFormat(QSettings::IniFormat);
    QSettings::setPath(QSettings::IniFormat, QSettings::UserScope, dir.filePath(QStringLiteral("settings")));
    QSettings().clear();
}

} // namespace TestSupport
