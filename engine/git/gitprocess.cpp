#include "gitprocess.h"

#include <csignal>
#include <sys/types.h>
#include <unistd.h>

#include <QCoreApplication>
#include <QDeadlineTimer>
#include <QFileInfo>
#include <QProcess>
#include <QRegularExpression>
#include <QStandardPaths>

namespace Orchestrator {

namespace {

struct Text
{
    Q_DECLARE_TR_FUNCTIONS(Orchestrator::Git)
};

// Long enough for a whole "fatal: ..." paragraph, short enough for one log line.
constexpr qsizetype kMaxMessageChars = 2000;

// Options every call gets, before the subcommand. Hooks are the user's
// programs: none of them runs for what the orchestrator does in a repository.
const QStringList &globalOptions()
{
    static const QStringList options{
        QStringLiteral("--no-pager"),
        QStringLiteral("-c"), QStringLiteral("core.hooksPath=/dev/null"),
        QStringLiteral("-c"), QStringLiteral("core.quotePath=false"),
        QStringLiteral("-c"), QStringLiteral("color.ui=false"),
        QStringLiteral("-c"), QStringLiteral("advice.detachedHead=false"),
    };
    return options;
}

// Variables of an enclosing git (a hook, `git rebase -x`) that would point
// our commands at another repository, index or object store.
const QStringList &repositoryVariables()
{
    static const QStringList names{
        QStringLiteral("GIT_DIR"), QStringLiteral("GIT_WORK_TREE"), QStringLiteral("GIT_INDEX_FILE"),
        QStringLiteral("GIT_OBJECT_DIRECTORY"), QStringLiteral("GIT_ALTERNATE_OBJECT_DIRECTORIES"),
        QStringLiteral("GIT_COMMON_DIR"), QStringLiteral("GIT_NAMESPACE"), QStringLiteral("GIT_PREFIX"),
        QStringLiteral("GIT_EXEC_PATH"),
    };
    return names;
}

QProcessEnvironment gitEnvironment(const GitSettings &settings, const GitCall &call)
{
    QProcessEnvironment env = settings.environment;
    for (const QString &name : repositoryVariables())
        env.remove(name);
    env.remove(QStringLiteral("LANGUAGE"));
    env.insert(QStringLiteral("LC_ALL"), QStringLiteral("C"));
    env.insert(QStringLiteral("GIT_TERMINAL_PROMPT"), QStringLiteral("0"));
    env.insert(QStringLiteral("GIT_ASKPASS"), QStringLiteral("/bin/false"));
    env.insert(QStringLiteral("SSH_ASKPASS"), QStringLiteral("/bin/false"));
    env.insert(QStringLiteral("GIT_PAGER"), QStringLiteral("cat"));
    env.insert(QStringLiteral("PAGER"), QStringLiteral("cat"));
    env.insert(QStringLiteral("GIT_EDITOR"), QStringLiteral("true"));
    env.insert(QStringLiteral("GIT_OPTIONAL_LOCKS"), QStringLiteral("0"));
    const QStringList extra = call.extraEnvironment.keys();
    for (const QString &name : extra)
        env.insert(name, call.extraEnvironment.value(name));
    return env;
}

// A bare name is looked up on the PATH git will run with.
Result<QString> resolveProgram(const GitSettings &settings)
{
    const QString &program = settings.program;
    if (program.contains(QLatin1Char('/'))) {
        const QFileInfo info(program);
        if (!info.isFile() || !info.isExecutable())
            return Error::make(ErrorCode::Io, Text::tr("git is not available: \"%1\" is not an executable file").arg(program));
        return program;
    }
    const QString path = settings.environment.value(QStringLiteral("PATH"));
    const QStringList dirs = path.split(QLatin1Char(':'), Qt::SkipEmptyParts);
    // findExecutable() with no directories would search this process's PATH.
    const QString found = dirs.isEmpty() ? QString() : QStandardPaths::findExecutable(program, dirs);
    if (found.isEmpty())
        return Error::make(ErrorCode::Io, Text::tr("git is not installed: \"%1\" not found on PATH (%2)")
                                              .arg(program, path.isEmpty() ? Text::tr("empty") : path));
    return found;
}

QString gitMessage(const GitOutput &output)
{
    QString message = QString::fromUtf8(output.err).trimmed();
    if (message.isEmpty())
        message = QString::fromUtf8(output.out).trimmed();
    message.replace(QLatin1Char('\n'), QStringLiteral("; "));
    if (message.size() > kMaxMessageChars)
        message = message.left(kMaxMessageChars) + QStringLiteral("...");
    return message.isEmpty() ? Text::tr("(git printed nothing)") : message;
}

void killGroup(qint64 pid)
{
    if (pid > 0)
        ::kill(-static_cast<pid_t>(pid), SIGKILL);
}

} // namespace

QString describeGitCommand(const QStringList &args)
{
    QStringList words{QStringLiteral("git")};
    for (const QString &arg : args)
        words.append(arg.contains(QLatin1Char(' ')) || arg.isEmpty() ? QLatin1Char('"') + arg + QLatin1Char('"') : arg);
    return words.join(QLatin1Char(' '));
}

Result<GitOutput> runGit(const GitSettings &settings, const GitCall &call)
{
    const QString command = describeGitCommand(call.args);
    const Result<QString> program = resolveProgram(settings);
    if (!program)
        return program.error();
    if (!call.workDir.isEmpty() && !QFileInfo(call.workDir).isDir())
        return Error::make(ErrorCode::Io, Text::tr("%1: directory %2 does not exist").arg(command, call.workDir));

    QProcess process;
    process.setProgram(*program);
    process.setArguments(globalOptions() + call.args);
    process.setProcessEnvironment(gitEnvironment(settings, call));
    process.setWorkingDirectory(call.workDir);
    // Its own group, so a timeout also reaches what git started (ssh, filters).
    process.setChildProcessModifier([] { ::setpgid(0, 0); });
    process.start(QIODevice::ReadWrite);
    if (!process.waitForStarted(settings.timeoutMs))
        return Error::make(ErrorCode::Io, Text::tr("%1 in %2: git could not be started: %3")
                                              .arg(command, call.workDir, process.errorString()));
    if (!call.input.isEmpty())
        process.write(call.input);
    process.closeWriteChannel();

    const QDeadlineTimer deadline(settings.timeoutMs);
    GitOutput output;
    while (process.state() != QProcess::NotRunning) {
        if (deadline.hasExpired()) {
            killGroup(process.processId());
            process.kill();
            process.waitForFinished(5000);
            return Error::make(ErrorCode::Io, Text::tr("%1 in %2 timed out after %3 ms and was killed")
                                                  .arg(command, call.workDir).arg(settings.timeoutMs));
        }
        process.waitForFinished(static_cast<int>(qMin<qint64>(deadline.remainingTime(), 100)));
        output.out += process.readAllStandardOutput();
        output.err += process.readAllStandardError();
    }
    output.out += process.readAllStandardOutput();
    output.err += process.readAllStandardError();

    if (process.exitStatus() != QProcess::NormalExit)
        return Error::make(ErrorCode::Io, Text::tr("%1 in %2 crashed: %3").arg(command, call.workDir, gitMessage(output)));
    output.exitCode = process.exitCode();
    if (!call.acceptedCodes.contains(output.exitCode))
        return Error::make(ErrorCode::Io, Text::tr("%1 failed in %2 (exit code %3): %4")
                                              .arg(command, call.workDir).arg(output.exitCode).arg(gitMessage(output)));
    return output;
}

QVersionNumber parseGitVersion(const QByteArray &versionOutput)
{
    static const QRegularExpression pattern(QStringLiteral("^git version (\\d+(?:\\.\\d+)*)"));
    const QRegularExpressionMatch match = pattern.match(QString::fromUtf8(versionOutput).trimmed());
    return match.hasMatch() ? QVersionNumber::fromString(match.captured(1)) : QVersionNumber();
}

Result<QVersionNumber> checkGitVersion(const GitSettings &settings)
{
    const Result<GitOutput> output = runGit(settings, GitCall{{}, {QStringLiteral("--version")}});
    if (!output)
        return output.error();
    const QVersionNumber version = parseGitVersion(output->out);
    if (version.isNull())
        return Error::make(ErrorCode::Io, Text::tr("git --version printed \"%1\", not a git version")
                                              .arg(QString::fromUtf8(output->out).trimmed()));
    if (version < minimumGitVersion())
        return Error::make(ErrorCode::Io, Text::tr("git %1 is too old: worktrees need git %2 or newer "
                                                   "(for worktree and merge-tree --write-tree)")
                                              .arg(version.toString(), minimumGitVersion().toString()));
    return version;
}

} // namespace Orchestrator
