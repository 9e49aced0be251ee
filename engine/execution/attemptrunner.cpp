#include "attemptrunner.h"

#include <cerrno>
#include <csignal>
#include <cstdio>
#include <cstring>
#include <dirent.h>
#include <fcntl.h>
#include <optional>
#include <sys/prctl.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>

#include <QDateTime>
#include <QDeadlineTimer>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QProcess>
#include <QSet>
#include <QHash>
#include <QStandardPaths>
#include <QThread>

#include "execution/errorreport.h"
#include "execution/logcapture.h"
#include "execution/logfile.h"
#include "execution/worktreeattempt.h"
#include "tools/agentevents.h"

namespace Orchestrator {

namespace {

constexpr int kPollSliceMs = 100;

// stderr of a tool whose stdout is an event stream, as it goes to the log:
// each line marked, so the log still reads in order but says which is which.
QByteArray markedStderr(const QByteArray &bytes, bool &atLineStart)
{
    QByteArray out;
    out.reserve(bytes.size() + 32);
    for (char c : bytes) {
        if (atLineStart)
            out += "[stderr] ";
        out += c;
        atLineStart = c == '\n';
    }
    return out;
}

// What to do about an AI tool that is not logged in.
QString loginAdvice(const AttemptPlan &plan)
{
    if (!plan.loginHint.isEmpty())
        return plan.loginHint + QStringLiteral(", then retry the job");
    return QStringLiteral("log the tool in (or set its API key), then retry the job");
}

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

// One line of /proc/<pid>/stat, the fields we use.
struct ProcStat
{
    qint64 pid = 0;
    qint64 ppid = 0;
    qint64 pgid = 0;
    qint64 sid = 0;
    char state = '?';
    quint64 startTicks = 0;
};

std::optional<ProcStat> readStat(qint64 pid)
{
    char path[64];
    std::snprintf(path, sizeof path, "/proc/%lld/stat", static_cast<long long>(pid));
    const int fd = ::open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        return std::nullopt;
    char buffer[1024];
    const ssize_t n = ::read(fd, buffer, sizeof buffer - 1);
    ::close(fd);
    if (n <= 0)
        return std::nullopt;
    buffer[n] = '\0';
    // The command name may contain anything, even ") ": the fields start after the last ')'.
    const char *close = std::strrchr(buffer, ')');
    if (!close || close[1] == '\0')
        return std::nullopt;
    ProcStat stat;
    stat.pid = pid;
    long long ppid = 0, pgid = 0, sid = 0;
    unsigned long long start = 0;
    // state ppid pgrp session, 15 fields we skip, starttime (field 22).
    const int matched = std::sscanf(close + 2, "%c %lld %lld %lld %*s %*s %*s %*s %*s %*s %*s %*s %*s %*s %*s %*s %*s %*s %*s %llu",
                                    &stat.state, &ppid, &pgid, &sid, &start);
    if (matched != 5)
        return std::nullopt;
    stat.ppid = ppid;
    stat.pgid = pgid;
    stat.sid = sid;
    stat.startTicks = start;
    return stat;
}

QList<qint64> allPids()
{
    QList<qint64> pids;
    DIR *dir = ::opendir("/proc");
    if (!dir)
        return pids;
    while (const dirent *entry = ::readdir(dir)) {
        char *end = nullptr;
        const long long pid = std::strtoll(entry->d_name, &end, 10);
        if (pid > 0 && end && *end == '\0')
            pids.append(pid);
    }
    ::closedir(dir);
    return pids;
}

QList<ProcStat> allStats()
{
    QList<ProcStat> stats;
    const QList<qint64> pids = allPids();
    stats.reserve(pids.size());
    for (qint64 pid : pids) {
        if (auto stat = readStat(pid))
            stats.append(*stat);
    }
    return stats;
}

// The value of ORCHESTRATOR_ATTEMPT_TAG in the process's environment, as it
// was at exec time ("" if none or not readable).
QByteArray readTag(qint64 pid)
{
    QFile file(QStringLiteral("/proc/%1/environ").arg(pid));
    if (!file.open(QIODevice::ReadOnly))
        return {};
    const QByteArray text = file.read(1 << 20);
    const QByteArray key = Processes::tagVariable().toLatin1() + '=';
    const QByteArray inner = QByteArray(1, '\0') + key;
    qsizetype at = text.startsWith(key) ? 0 : text.indexOf(inner);
    if (at < 0)
        return {};
    at += at == 0 ? key.size() : key.size() + 1;
    const qsizetype end = text.indexOf('\0', at);
    return text.mid(at, end < 0 ? -1 : end - at);
}

// The children of `pid` from /proc/<pid>/task/*/children (every thread's):
// no scan of all of /proc. nullopt when the kernel does not offer the file
// (CONFIG_PROC_CHILDREN), in which case callers fall back to the scan.
std::optional<QList<qint64>> childrenOf(qint64 pid)
{
    const QByteArray taskDir = "/proc/" + QByteArray::number(pid) + "/task";
    DIR *dir = ::opendir(taskDir.constData());
    if (!dir)
        return std::nullopt;
    QList<qint64> children;
    bool any = false;
    while (const dirent *entry = ::readdir(dir)) {
        if (entry->d_name[0] == '.')
            continue;
        QFile file(QString::fromLatin1(taskDir + '/' + entry->d_name + "/children"));
        if (!file.open(QIODevice::ReadOnly))
            continue;
        any = true;
        const QList<QByteArray> words = file.readAll().split(' ');
        for (const QByteArray &word : words) {
            bool ok = false;
            const qint64 child = word.trimmed().toLongLong(&ok);
            if (ok && child > 0)
                children.append(child);
        }
    }
    ::closedir(dir);
    if (!any)
        return std::nullopt;
    return children;
}

// Stats of this process's children and everything under them, found by
// walking children files from here down, leaving out the children in
// `skip` and what runs under them; the full /proc scan only where the
// kernel has no children files.
QList<ProcStat> descendantStats(qint64 root, const QSet<qint64> &skip = {})
{
    if (!childrenOf(root))
        return allStats();
    QList<ProcStat> stats;
    QList<qint64> pending{root};
    QSet<qint64> seen{root};
    while (!pending.isEmpty()) {
        const qint64 parent = pending.takeLast();
        const auto children = childrenOf(parent);
        for (qint64 child : children.value_or(QList<qint64>())) {
            if (seen.contains(child) || (parent == root && skip.contains(child)))
                continue;
            seen.insert(child);
            if (auto stat = readStat(child)) {
                stats.append(*stat);
                pending.append(child);
            }
        }
    }
    return stats;
}

// Adopted zombies that no QProcess of ours waits for: they left our session
// (setsid), or sit in another group without leading it (a tool's
// grandchild). A tool itself leads its own group in our session, and
// anything else QProcess starts stays in our group: neither is reaped here.
void reapAdoptedZombies(const QList<ProcStat> &stats)
{
    const qint64 self = ::getpid();
    const qint64 ourGroup = ::getpgrp();
    const qint64 ourSession = ::getsid(0);
    for (const ProcStat &stat : stats) {
        if (stat.ppid != self || stat.state != 'Z')
            continue;
        if (stat.sid != ourSession || (stat.pgid != ourGroup && stat.pid != stat.pgid))
            ::waitpid(pid_t(stat.pid), nullptr, WNOHANG);
    }
}

} // namespace

namespace Processes {

QString tagVariable() { return QStringLiteral("ORCHESTRATOR_ATTEMPT_TAG"); }

QString tagFor(const QString &owner, const QString &jobId, int attempt)
{
    return QStringLiteral("%1/%2/%3").arg(owner, jobId).arg(attempt);
}

quint64 startTicks(qint64 pid)
{
    const auto stat = readStat(pid);
    return stat && stat->state != 'Z' && stat->state != 'X' ? stat->startTicks : 0;
}

void becomeSubreaper()
{
    ::prctl(PR_SET_CHILD_SUBREAPER, 1, 0, 0, 0);
}

bool isAlive(qint64 pid)
{
    if (pid <= 0 || (::kill(pid_t(pid), 0) != 0 && errno == ESRCH))
        return false;
    return startTicks(pid) != 0;
}

bool holdsFile(qint64 pid, const QString &file)
{
    if (::kill(pid_t(pid), 0) != 0 && errno == ESRCH)
        return false;
    if (startTicks(pid) == 0)
        return false;
    const QByteArray target = QFileInfo(file).canonicalFilePath().toLocal8Bit();
    const QByteArray fdPath = "/proc/" + QByteArray::number(pid) + "/fd";
    DIR *dir = ::opendir(fdPath.constData());
    if (!dir)
        return true;   // not ours to look at: assume it is alive and working
    bool found = false;
    while (const dirent *entry = ::readdir(dir)) {
        if (entry->d_name[0] == '.')
            continue;
        char link[4096];
        const QByteArray linkPath = fdPath + '/' + entry->d_name;
        const ssize_t n = ::readlink(linkPath.constData(), link, sizeof link - 1);
        if (n > 0 && QByteArray(link, n) == target) {
            found = true;
            break;
        }
    }
    ::closedir(dir);
    return found;
}

} // namespace Processes

namespace {

// One pass of killTagged: SIGKILL to what is alive now; adds the pids to
// `signalled` and says whether any was found.
bool signalTaggedOnce(const QByteArray &prefix, qint64 pgid, quint64 leaderTicks, QSet<qint64> &signalled)
{
    const qint64 self = ::getpid();
    bool any = false;
    if (pgid > 0 && leaderTicks != 0 && Processes::startTicks(pgid) == leaderTicks) {
        signalGroup(pgid, SIGKILL);
        signalled.insert(pgid);
        any = true;
    }
    const QList<ProcStat> stats = allStats();
    for (const ProcStat &stat : stats) {
        if (stat.pid == self || stat.state == 'Z' || stat.state == 'X')
            continue;
        if (readTag(stat.pid).startsWith(prefix)) {
            ::kill(pid_t(stat.pid), SIGKILL);
            signalled.insert(stat.pid);
            any = true;
        }
    }
    reapAdoptedZombies(stats);
    return any;
}

} // namespace

namespace Processes {

int signalTagged(const QString &tagPrefix, qint64 pgid, quint64 leaderTicks)
{
    QSet<qint64> signalled;
    (void)signalTaggedOnce(tagPrefix.toUtf8(), pgid, leaderTicks, signalled);
    return int(signalled.size());
}

int killTagged(const QString &tagPrefix, qint64 pgid, quint64 leaderTicks, int waitMs)
{
    const QByteArray prefix = tagPrefix.toUtf8();
    QSet<qint64> signalled;
    QDeadlineTimer deadline(waitMs);
    // Killed processes stay in /proc until they are gone, and a tool may fork
    // between a pass's scan and its kill: pass again until none is found.
    while (signalTaggedOnce(prefix, pgid, leaderTicks, signalled) && !deadline.hasExpired())
        QThread::msleep(20);
    return int(signalled.size());
}

int sweepOrphans(const QString &owner, const QSet<QString> &runningTags, const QSet<qint64> &runningTools)
{
    const qint64 self = ::getpid();
    // Only what descends from us: orphans of our tools are re-parented to
    // this process (the subreaper), so nothing else can be one.
    const QList<ProcStat> stats = descendantStats(self, runningTools);
    reapAdoptedZombies(stats);
    QHash<qint64, QList<qint64>> children;
    for (const ProcStat &stat : stats)
        children[stat.ppid].append(stat.pid);
    const QByteArray ownerPrefix = owner.toUtf8() + '/';
    int killed = 0;
    for (const ProcStat &stat : stats) {
        if (stat.ppid != self || stat.state == 'Z')
            continue;
        const QByteArray tag = readTag(stat.pid);
        if (!tag.startsWith(ownerPrefix) || runningTags.contains(QString::fromUtf8(tag)))
            continue;
        // An orphan of a finished attempt: it and everything under it.
        QList<qint64> pending{stat.pid};
        while (!pending.isEmpty()) {
            const qint64 pid = pending.takeLast();
            ::kill(pid_t(pid), SIGKILL);
            ++killed;
            pending += children.value(pid);
        }
    }
    return killed;
}

} // namespace Processes

AttemptRunner::AttemptRunner(AttemptPlan plan, std::shared_ptr<AttemptControl> control, Done done, Started started)
    : m_plan(std::move(plan))
    , m_control(std::move(control))
    , m_done(std::move(done))
    , m_started(std::move(started))
{
    setAutoDelete(true);
}

void AttemptRunner::run()
{
    const AttemptResult result = execute(m_plan, *m_control, m_started);
    m_done(result);
}

AttemptResult AttemptRunner::execute(const AttemptPlan &plan, AttemptControl &control, const Started &started)
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
    env.insert(Processes::tagVariable(), Processes::tagFor(plan.owner, plan.jobId, plan.attempt));

    // Secret-looking values of the whole environment the tool gets, the
    // inherited part included: the tool may print either.
    QMap<QString, QString> environment;
    const QStringList names = env.keys();
    for (const QString &name : names)
        environment.insert(name, env.value(name));
    LogFile log(plan.logFile, SecretMasker::forEnvironment(environment));
    const qint64 outputStart = log.writeHeader(plan);
    if (std::shared_ptr<LogCapture> capture = control.capture)
        log.setOutputSink([capture](const QByteArray &bytes) { capture->append(bytes); });

    auto finish = [&](Outcome outcome, QString message) {
        // What the tool left becomes a commit on the job's branch, whatever
        // the outcome; a change that cannot be recorded fails the attempt.
        if (plan.worktree && !result.startCommit.isEmpty()) {
            auto captured = WorktreeAttempt::capture(*plan.worktree, result.startCommit, plan.jobId, plan.attempt);
            if (captured) {
                result.resultCommit = captured->resultCommit;
                result.change = captured->change;
            } else {
                if (outcome == Outcome::Succeeded)
                    outcome = Outcome::Failed;
                message += QStringLiteral("; its change could not be recorded: ") + captured.error().message;
            }
        }
        result.outcome = outcome;
        result.message = message;
        result.finishedAt = QDateTime::currentMSecsSinceEpoch();
        log.writeFooter(plan, result);
        if (outcome != Outcome::Succeeded) {
            result.lastLines = log.lastLines(outputStart, 50);
            result.errorReport = writeErrorReport(plan, result, log.masker());
        }
        return result;
    };

    // The worktree is made before the tool starts: a conflict between the
    // upstream changes means the tool never runs.
    if (plan.worktree) {
        auto start = WorktreeAttempt::prepare(*plan.worktree);
        if (!start)
            return finish(Outcome::SetupFailed, start.error().message);
        result.startCommit = *start;
    }

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
    // An AI tool's event stream is read from stdout alone: its warnings on
    // stderr would break the JSON lines. Both go to the log, stderr marked.
    std::optional<AgentEventReader> reader;
    if (plan.events != QLatin1String("none")) {
        if (auto format = agentEventFormatFromString(plan.events); format && *format != AgentEventFormat::None)
            reader.emplace(*format);
    }
    process.setProcessChannelMode(reader ? QProcess::SeparateChannels : QProcess::MergedChannels);
    process.setStandardInputFile(QProcess::nullDevice());
    const pid_t parent = ::getpid();
    process.setChildProcessModifier([parent] {
        // Own process group, so a timeout or cancel reaches every descendant.
        ::setpgid(0, 0);
        // Dies with us, even by SIGKILL; if we are already gone, at once.
        ::prctl(PR_SET_PDEATHSIG, SIGKILL, 0, 0, 0);
        if (::getppid() != parent)
            ::raise(SIGKILL);
    });
    process.start();
    if (!process.waitForStarted(-1))
        return finish(Outcome::FailedToStart,
                      QStringLiteral("cannot start \"%1\": %2").arg(plan.program, process.errorString()));
    const qint64 pid = process.processId();
    if (started)
        started(pid, Processes::startTicks(pid));

    // The output goes through us (not straight to the file) so that secret
    // values are masked before they reach the disk.
    bool stderrAtLineStart = true;
    auto drain = [&] {
        const QByteArray out = process.readAllStandardOutput();
        log.writeOutput(out);
        if (!reader)
            return;
        reader->feedStdout(out);
        const QByteArray err = process.readAllStandardError();
        if (err.isEmpty())
            return;
        reader->feedStderr(err);
        log.writeOutput(markedStderr(err, stderrAtLineStart));
    };
    QDeadlineTimer deadline = plan.timeoutSeconds > 0 ? QDeadlineTimer(qint64(plan.timeoutSeconds) * 1000)
                                                      : QDeadlineTimer(QDeadlineTimer::Forever);
    bool timedOut = false;
    bool onlyWaiting = false;  // the tool's stream said it would only wait from here (reader->settled())
    int stop = AttemptControl::None;
    while (process.state() != QProcess::NotRunning) {
        process.waitForReadyRead(int(qMin<qint64>(kPollSliceMs, qMax<qint64>(1, deadline.remainingTime()))));
        drain();
        if (process.state() == QProcess::NotRunning)
            break;
        stop = control.stop.load();
        timedOut = stop == AttemptControl::None && deadline.hasExpired();
        onlyWaiting = stop == AttemptControl::None && !timedOut && reader && reader->settled();
        if (stop != AttemptControl::None || timedOut || onlyWaiting) {
            signalGroup(pid, SIGTERM);
            const QDeadlineTimer grace(kKillGraceMs);
            while (process.state() != QProcess::NotRunning && !grace.hasExpired()) {
                process.waitForFinished(int(qMin<qint64>(kPollSliceMs, qMax<qint64>(1, grace.remainingTime()))));
                drain();
            }
            if (process.state() != QProcess::NotRunning) {
                signalGroup(pid, SIGKILL);
                process.waitForFinished(-1);
            }
            break;
        }
    }
    drain();
    // Descendants left behind in the group do not outlive the attempt.
    signalGroup(pid, SIGKILL);

    if (timedOut) {
        result.signal = process.exitStatus() == QProcess::CrashExit ? std::optional<int>(process.exitCode()) : std::nullopt;
        return finish(Outcome::TimedOut, QStringLiteral("timed out after %1 s; process group killed").arg(plan.timeoutSeconds));
    }
    if (stop == AttemptControl::Cancel)
        return finish(Outcome::Cancelled, QStringLiteral("cancelled; process group killed"));
    const auto readReport = [&](std::optional<int> exitCode) -> const AgentReport & {
        reader->finish(exitCode);
        const AgentReport &report = reader->report();
        result.agentOutcome = report.outcome == AgentOutcome::Unknown ? QString() : toString(report.outcome);
        result.agentMessage = report.message;
        result.sessionId = report.sessionId;
        result.model = report.model;
        result.usage = AttemptUsage{report.usage.inputTokens, report.usage.cachedInputTokens, report.usage.outputTokens,
                                    report.usage.costUsd};
        result.resetAt = report.resetAt;
        return report;
    };
    if (onlyWaiting) {
        const AgentReport &report = readReport(std::nullopt);
        return finish(Outcome::Failed, QStringLiteral("%1: network: %2 (stopped: it was only waiting to reconnect; process group killed)")
                                           .arg(plan.tool, report.message));
    }
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
    if (reader) {
        // What the tool's events say beats its exit code (each of these
        // tools can exit 0 after a failure, or 1 for a missing login).
        const AgentReport &report = readReport(process.exitCode());
        const QString said = report.message.isEmpty() ? QString() : QStringLiteral(": ") + report.message;
        const QString code = QStringLiteral("exit code %1").arg(process.exitCode());
        switch (report.outcome) {
        case AgentOutcome::Unknown:
            break;
        case AgentOutcome::Ok:
            if (process.exitCode() == 0)
                return finish(Outcome::Succeeded, QStringLiteral("exited with code 0"));
            break;
        case AgentOutcome::RateLimited:
            return finish(Outcome::RateLimited, QStringLiteral("%1: rate limited%2 (%3)").arg(plan.tool, said, code));
        case AgentOutcome::AuthFailed:
            return finish(Outcome::AuthFailed, QStringLiteral("%1: not logged in%2 (%3); %4")
                                                   .arg(plan.tool, said, code, loginAdvice(plan)));
        case AgentOutcome::Error:
            return finish(Outcome::Failed, QStringLiteral("%1%2 (%3)").arg(plan.tool, said.isEmpty() ? QStringLiteral(": failed") : said, code));
        case AgentOutcome::BudgetExceeded:
            return finish(Outcome::Failed, QStringLiteral("%1: budget exceeded%2 (%3)").arg(plan.tool, said, code));
        case AgentOutcome::MaxTurns:
            return finish(Outcome::Failed, QStringLiteral("%1: turn limit reached%2 (%3)").arg(plan.tool, said, code));
        case AgentOutcome::Network:
            return finish(Outcome::Failed, QStringLiteral("%1: network%2 (%3)").arg(plan.tool, said, code));
        }
    }
    if (process.exitCode() == 0)
        return finish(Outcome::Succeeded, QStringLiteral("exited with code 0"));
    return finish(Outcome::Failed, QStringLiteral("exited with code %1").arg(process.exitCode()));
}

} // namespace Orchestrator
