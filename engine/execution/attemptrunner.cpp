#include "attemptrunner.h"

#include <csignal>
#include <sys/types.h>
#include <unistd.h>

#include <QDateTime>
#include <QDeadlineTimer>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QProcess>
#include <QStandardPaths>

#include "execution/errorreport.h"
#include "execution/logfile.h"

namespace Orchestrator {

namespace {

constexpr int kPollSliceMs = 100;

// Resolve a bare program name against the PATH the job will run with, so a
// job's own PATH in `env` decides which program runs.
QString resolveProgram(const QString &program, const QProcessEnvironment &env, QString *why)
{
    if (program.contains(QLatin1Char('/'))) {
        const QFileInfo info(program);
        if (!info.exists()) {
            *why = QStringLiteral("program \"%1\" does not exist").arg(program);
            return {};
        }
        if (!info.isFile() || !info.isExecutable()) {
            *why = QStringLiteral("program \"%1\" is not an executable file").arg(program);
            return {};
        }
        return program;
    }
    const QStringList paths = env.value(QStringLiteral("PATH")).split(QLatin1Char(':'), Qt::SkipEmptyParts);
    const QString found = QStandardPaths::findExecutable(program, paths);
    if (found.isEmpty())
        *why = QStringLiteral("program \"%1\" not found on PATH").arg(program);
    return found;
}

void signalGroup(qint64 pid, int sig)
{
    if (pid > 0)
        ::kill(-pid_t(pid), sig);
}

} // namespace

AttemptRunner::AttemptRunner(AttemptPlan plan, std::shared_ptr<AttemptControl> control, Done done)
    : m_plan(std::move(plan))
    , m_control(std::move(control))
    , m_done(std::move(done))
{
    setAutoDelete(true);
}

void AttemptRunner::run()
{
    const AttemptResult result = execute(m_plan, *m_control);
    m_done(result);
}

AttemptResult AttemptRunner::execute(const AttemptPlan &plan, AttemptControl &control)
{
    AttemptResult result;
    result.jobId = plan.jobId;
    result.attempt = plan.attempt;
    result.owner = plan.owner;
    result.tool = plan.tool;
    result.startedAt = QDateTime::currentMSecsSinceEpoch();

    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    for (auto it = plan.env.cbegin(); it != plan.env.cend(); ++it)
        env.insert(it.key(), it.value());

    LogFile log(plan.logFile);
    const qint64 outputStart = log.writeHeader(plan);

    auto finish = [&](Outcome outcome, const QString &message) {
        result.outcome = outcome;
        result.message = message;
        result.finishedAt = QDateTime::currentMSecsSinceEpoch();
        log.writeFooter(plan, result);
        if (outcome != Outcome::Succeeded) {
            result.lastLines = log.lastLines(outputStart, 50);
            result.errorReport = writeErrorReport(plan, result);
        }
        return result;
    };

    QString why;
    const QString program = resolveProgram(plan.program, env, &why);
    if (program.isEmpty())
        return finish(Outcome::FailedToStart, why + QStringLiteral(" (tool %1)").arg(plan.tool));
    if (!QFileInfo(plan.workingDir).isDir())
        return finish(Outcome::FailedToStart, QStringLiteral("working directory \"%1\" does not exist").arg(plan.workingDir));
    if (!log.isWritable())
        return finish(Outcome::FailedToStart, QStringLiteral("cannot write log file \"%1\"").arg(plan.logFile));

    QProcess process;
    process.setProgram(program);
    process.setArguments(plan.arguments);
    process.setWorkingDirectory(plan.workingDir);
    process.setProcessEnvironment(env);
    process.setProcessChannelMode(QProcess::MergedChannels);
    process.setStandardInputFile(QProcess::nullDevice());
    process.setStandardOutputFile(plan.logFile, QIODevice::Append);
    // Own process group, so a timeout or cancel reaches every descendant.
    process.setChildProcessModifier([] { ::setpgid(0, 0); });
    process.start();
    if (!process.waitForStarted(-1))
        return finish(Outcome::FailedToStart,
                      QStringLiteral("cannot start \"%1\": %2").arg(plan.program, process.errorString()));
    const qint64 pid = process.processId();

    QDeadlineTimer deadline = plan.timeoutSeconds > 0 ? QDeadlineTimer(qint64(plan.timeoutSeconds) * 1000)
                                                      : QDeadlineTimer(QDeadlineTimer::Forever);
    bool timedOut = false;
    int stop = AttemptControl::None;
    while (!process.waitForFinished(int(qMin<qint64>(kPollSliceMs, qMax<qint64>(1, deadline.remainingTime()))))) {
        if (process.state() == QProcess::NotRunning)
            break;
        stop = control.stop.load();
        timedOut = stop == AttemptControl::None && deadline.hasExpired();
        if (stop != AttemptControl::None || timedOut) {
            signalGroup(pid, SIGTERM);
            if (!process.waitForFinished(kKillGraceMs)) {
                signalGroup(pid, SIGKILL);
                process.waitForFinished(-1);
            }
            break;
        }
    }
    // Descendants left behind in the group do not outlive the attempt.
    signalGroup(pid, SIGKILL);

    if (timedOut) {
        result.signal = process.exitStatus() == QProcess::CrashExit ? std::optional<int>(process.exitCode()) : std::nullopt;
        return finish(Outcome::TimedOut, QStringLiteral("timed out after %1 s; process group killed").arg(plan.timeoutSeconds));
    }
    if (stop == AttemptControl::Cancel)
        return finish(Outcome::Cancelled, QStringLiteral("cancelled; process group killed"));
    if (stop == AttemptControl::Interrupt)
        return finish(Outcome::Interrupted, QStringLiteral("interrupted: the engine stopped"));
    if (process.exitStatus() == QProcess::CrashExit) {
        result.signal = process.exitCode();
        const char *name = ::strsignal(process.exitCode());
        return finish(Outcome::Signalled, QStringLiteral("killed by signal %1 (%2)")
                                              .arg(process.exitCode())
                                              .arg(QString::fromLocal8Bit(name ? name : "unknown")));
    }
    result.exitCode = process.exitCode();
    if (process.exitCode() == 0)
        return finish(Outcome::Succeeded, QStringLiteral("exited with code 0"));
    return finish(Outcome::Failed, QStringLiteral("exited with code %1").arg(process.exitCode()));
}

} // namespace Orchestrator
