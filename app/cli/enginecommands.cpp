// Commands that submit jobs and drive an engine: submit, run, run-job,
// worker, validate.

#include <unistd.h>

#include <utility>

#include <QCoreApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QFileInfo>
#include <QJsonDocument>
#include <QSysInfo>
#include <QTimer>

#include "cli/cli.h"
#include "cli/clicontext.h"
#include "cli/signalwatcher.h"
#include "api/engine.h"
#include "spec/jobspec.h"

namespace Orchestrator::Cli {

namespace {

const QCommandLineOption kPriorityOption(QStringLiteral("priority"),
                                         QStringLiteral("Priority of every job: low, normal, high, critical (default: the file's, else normal)."),
                                         QStringLiteral("level"));
const QCommandLineOption kRunIdOption(QStringLiteral("run-id"),
                                      QStringLiteral("Put every job into this run (default: the file's run_id, else a new run)."),
                                      QStringLiteral("id"));
const QCommandLineOption kTitleOption(QStringLiteral("title"),
                                      QStringLiteral("Title of the run(s) the jobs go into, shown where the run is named "
                                                     "(default: the files' run_title; the latest one given wins)."),
                                      QStringLiteral("text"));
const QCommandLineOption kAllowOutsideOption(QStringLiteral("allow-outside-paths"),
                                             QStringLiteral("Allow log and error report files outside repo_root and the data directory."));
const QCommandLineOption kWorkersOption(QStringLiteral("workers"), QStringLiteral("Number of parallel workers (default 4)."),
                                        QStringLiteral("n"), QStringLiteral("4"));

Result<SubmitOptions> submitOptions(const QCommandLineParser &parser, const Context &context)
{
    SubmitOptions options;
    options.workingDirectory = QDir::currentPath();
    options.dataDirectory = context.dataDirectory();
    if (parser.isSet(kRunIdOption))
        options.runId = parser.value(kRunIdOption);
    options.allowOutsidePaths = parser.isSet(kAllowOutsideOption);
    options.runTitle = parser.value(kTitleOption);
    if (const QString problem = runTitleProblem(options.runTitle); !problem.isEmpty())
        return Error::make(ErrorCode::Usage, QStringLiteral("--title: ") + problem);
    if (parser.isSet(kPriorityOption)) {
        options.priority = priorityFromString(parser.value(kPriorityOption));
        if (!options.priority)
            return Error::make(ErrorCode::Usage, QStringLiteral("--priority: expected one of low, normal, high, critical, got \"%1\"")
                                                     .arg(parser.value(kPriorityOption)));
    }
    return options;
}

Result<int> workerCount(const QCommandLineParser &parser)
{
    bool ok = false;
    const int workers = parser.value(kWorkersOption).toInt(&ok);
    if (!ok || workers < 1 || workers > 1024)
        return Error::make(ErrorCode::Usage, QStringLiteral("--workers: expected a number from 1 to 1024, got \"%1\"")
                                                 .arg(parser.value(kWorkersOption)));
    return workers;
}

QString formatCounts(const QMap<QString, int> &counts)
{
    QStringList parts;
    for (auto it = counts.cbegin(); it != counts.cend(); ++it)
        parts.append(QStringLiteral("%1 %2").arg(it.value()).arg(it.key()));
    return parts.join(QStringLiteral(", "));
}

// Drives one Engine on this thread until `isDone` says so or a signal
// arrives; prints a progress line on a terminal.
class EngineSession final : public QObject
{
public:
    EngineSession(Context &context, Engine &engine, int workers, std::function<bool()> isDone,
                  std::function<QString()> progress)
        : m_context(context)
        , m_engine(engine)
        , m_workers(workers)
        , m_isDone(std::move(isDone))
        , m_progress(std::move(progress))
    {
        m_showProgress = m_progress && ::isatty(STDERR_FILENO);
        connect(&m_signals, &SignalWatcher::interrupted, this, [this](int count) {
            m_interrupted = true;
            if (count > 1)
                QCoreApplication::exit(ExitInterrupted);
            m_engine.shutdown();
        });
        connect(&m_engine, &Engine::stopped, this, [] { QCoreApplication::exit(0); });
        connect(&m_engine, &Engine::databaseError, this, [this](const QString &message) {
            // One line each, and not again while the same fault repeats.
            const QString line = message.simplified();
            if (line == std::exchange(m_lastDatabaseError, line))
                return;
            QTextStream(stderr) << "orchestrator " << m_context.command() << ": " << line << " (retrying)\n";
        });
        connect(&m_engine, &Engine::fatalError, this, [this](const QString &message) {
            QTextStream(stderr) << "orchestrator " << m_context.command() << ": giving up: " << message.simplified() << '\n';
            m_failed = true;
            m_engine.shutdown();
        });
        connect(&m_timer, &QTimer::timeout, this, [this] { check(); });
        m_timer.start(m_showProgress ? 200 : 100);
    }

    // Returns true if it ended because of a signal.
    bool exec()
    {
        m_engine.start(m_workers);
        QCoreApplication::exec();
        if (m_showProgress)
            QTextStream(stderr) << "\r\033[K";
        return m_interrupted;
    }

private:
    void check()
    {
        if (m_showProgress)
            QTextStream(stderr) << "\r\033[K" << m_progress() << Qt::flush;
        if (!m_interrupted && m_isDone && m_isDone())
            m_engine.shutdown();
    }

    Context &m_context;
    Engine &m_engine;
    int m_workers = 1;
    std::function<bool()> m_isDone;
    std::function<QString()> m_progress;
    SignalWatcher m_signals;
    QTimer m_timer;
    QString m_lastDatabaseError;
    bool m_showProgress = false;
    bool m_interrupted = false;
    bool m_failed = false;

public:
    bool failed() const { return m_failed; }
};

// Opens `engine` on the context's database to work the queue; returns
// ExitOk or the exit code of the error printed.
int openWorkingEngine(Context &context, Engine &engine, EngineOptions options)
{
    // A command run by a person or a supervisor ends with exit 5 rather than
    // wait for a server that does not come back.
    options.giveUpWhenIdle = true;
    if (Status s = context.openEngine(engine, options); !s)
        return context.fail(s.error());
    return ExitOk;
}

bool allFinal(const QMap<QString, int> &counts)
{
    for (auto it = counts.cbegin(); it != counts.cend(); ++it) {
        const auto state = jobStateFromString(it.key());
        if (state && !isFinal(*state) && it.value() > 0)
            return false;
    }
    return true;
}

// Exit code of run-job: the job's own.
int jobExitCode(const JobRecord &job)
{
    if (job.state == JobState::Succeeded)
        return 0;
    const std::optional<Outcome> outcome = job.lastOutcome;
    if (job.state == JobState::TimedOut || outcome == Outcome::TimedOut)
        return 124;
    if (outcome == Outcome::FailedToStart)
        return 127;
    if (job.lastExitCode && *job.lastExitCode != 0 && outcome == Outcome::Failed)
        return *job.lastExitCode;
    if (outcome == Outcome::Signalled && job.lastExitCode)
        return 128 + *job.lastExitCode;
    if (job.state == JobState::Cancelled)
        return ExitInterrupted;
    return ExitJobsFailed;
}

void printJobSummary(QTextStream &out, Engine &engine, const JobRecord &job)
{
    out << "job:       " << job.jobId << '\n'
        << "state:     " << toString(job.state) << '\n'
        << "attempts:  " << job.attempts << '\n';
    auto status = engine.status(job.jobId);
    if (status && !status->attempts.isEmpty()) {
        const AttemptRecord &last = status->attempts.last();
        out << "exit code: " << (last.exitCode ? QString::number(*last.exitCode) : QStringLiteral("-"));
        if (last.signal)
            out << " (signal " << *last.signal << ')';
        out << '\n' << "duration:  " << QString::number(double(last.durationMs.value_or(0)) / 1000.0, 'f', 2) << " s\n";
        if (!last.reason.isEmpty())
            out << "result:    " << last.reason << '\n';
    }
    out << "log:       " << job.logFile << '\n';
    if (job.state != JobState::Succeeded && QFileInfo::exists(job.errorReport))
        out << "error:     " << job.errorReport << '\n';
    out.flush();
}

} // namespace

int submitCommand(Context &context)
{
    QCommandLineParser parser;
    parser.addOptions({kPriorityOption, kRunIdOption, kTitleOption, kAllowOutsideOption});
    parser.addPositionalArgument(QStringLiteral("files"), QStringLiteral("Job files or directories of *.json job files."),
                                 QStringLiteral("FILE|DIR..."));
    int code = 0;
    if (!context.parse(parser, QStringLiteral("Validate job files and add them to the queue."), code))
        return code;
    auto options = submitOptions(parser, context);
    if (!options)
        return context.usage(options.error().message);
    Engine engine;
    EngineOptions engineOptions;
    engineOptions.worksQueue = false;
    if (Status s = context.openEngine(engine, engineOptions); !s)
        return context.fail(s.error());
    auto report = engine.submit(parser.positionalArguments(), *options);
    if (!report)
        return context.fail(report.error());
    context.warn(report->warnings);
    context.out() << "submitted " << report->jobIds.size() << " job(s) to run " << report->runIds.join(QStringLiteral(", "))
                  << ": " << report->queued << " queued, " << report->waiting << " waiting on dependencies";
    if (report->upstreamFailed > 0)
        context.out() << ", " << report->upstreamFailed << " upstream failed";
    context.out() << '\n';
    return ExitOk;
}

int runCommand(Context &context)
{
    QCommandLineParser parser;
    parser.addOptions({kWorkersOption, kPriorityOption, kRunIdOption, kTitleOption, kAllowOutsideOption});
    parser.addPositionalArgument(QStringLiteral("files"), QStringLiteral("Job files or directories of *.json job files."),
                                 QStringLiteral("FILE|DIR..."));
    int code = 0;
    if (!context.parse(parser, QStringLiteral("Submit job files, then work them until every one is final.\n"
                                              "Exits 0 only if all of them succeeded (other jobs of their runs are\n"
                                              "counted apart and do not change the exit code)."),
                       code))
        return code;
    auto options = submitOptions(parser, context);
    if (!options)
        return context.usage(options.error().message);
    auto workers = workerCount(parser);
    if (!workers)
        return context.usage(workers.error().message);

    Engine engine;
    if (int rc = openWorkingEngine(context, engine, {}); rc != ExitOk)
        return rc;
    QElapsedTimer clock;
    clock.start();
    auto report = engine.submit(parser.positionalArguments(), *options);
    if (!report)
        return context.fail(report.error());
    context.warn(report->warnings);
    const QStringList runs = report->runIds;
    const QStringList ownJobs = report->jobIds;
    const qint64 total = ownJobs.size();
    // Work only this submission's runs.
    engine.setOnlyRuns(runs);

    // The last counts read: a database that fails a read (busy) keeps them.
    RunProgress progress;
    auto refresh = [&] {
        auto now = engine.progress(runs, ownJobs);
        if (now)
            progress = std::move(now).value();
        return now.ok();
    };
    QElapsedTimer workClock;
    workClock.start();
    EngineSession session(
        context, engine, *workers, [&] { return refresh() && allFinal(progress.own); },
        [&] {
            int done = 0;
            for (auto it = progress.own.cbegin(); it != progress.own.cend(); ++it) {
                const auto state = jobStateFromString(it.key());
                if (state && isFinal(*state))
                    done += it.value();
            }
            const double rate = done / qMax(0.001, double(workClock.elapsed()) / 1000.0);
            return QStringLiteral("[%1/%2] %3 running, %4 failed, %5 jobs/s")
                .arg(done)
                .arg(total)
                .arg(progress.own.value(QStringLiteral("running")))
                .arg(progress.own.value(QStringLiteral("failed")) + progress.own.value(QStringLiteral("timed_out")))
                .arg(rate, 0, 'f', 0);
        });
    const bool interrupted = session.exec();
    refresh();
    const double seconds = double(clock.elapsed()) / 1000.0;
    const QString timing = QStringLiteral("%1 s (%2 jobs/s)")
                               .arg(QString::number(seconds, 'f', 2), QString::number(total / qMax(0.001, seconds), 'f', 1));
    // This invocation's jobs first; the rest of the run (earlier or other
    // submissions to it) apart, as they do not decide the exit code.
    context.out() << "run " << runs.join(QStringLiteral(", ")) << ": " << formatCounts(progress.own);
    if (progress.others.isEmpty())
        context.out() << " in " << timing << '\n';
    else
        context.out() << "; the " << (runs.size() == 1 ? "run's" : "runs'") << " other jobs: " << formatCounts(progress.others)
                      << "; " << total << " job(s) in " << timing << '\n';
    context.out().flush();
    if (interrupted)
        return ExitInterrupted;
    return progress.own.value(toString(JobState::Succeeded)) == total ? ExitOk : ExitJobsFailed;
}

int runJobCommand(Context &context)
{
    QCommandLineParser parser;
    const QCommandLineOption jobFile(QStringLiteral("job-file"), QStringLiteral("The job file to run."), QStringLiteral("file"));
    parser.addOptions({jobFile, kPriorityOption, kRunIdOption, kTitleOption, kAllowOutsideOption});
    int code = 0;
    if (!context.parse(parser, QStringLiteral("Run one job now (retries included) and exit with its exit code.\n"
                                              "Running the same unchanged file again runs the job again."),
                       code))
        return code;
    if (!parser.isSet(jobFile))
        return context.usage(QStringLiteral("--job-file is required"));
    auto options = submitOptions(parser, context);
    if (!options)
        return context.usage(options.error().message);
    auto spec = loadJobFile(parser.value(jobFile));
    if (!spec)
        return context.fail(spec.error());

    Engine engine;
    EngineOptions engineOptions;
    engineOptions.onlyJobs = QStringList{spec->jobId};
    if (int rc = openWorkingEngine(context, engine, engineOptions); rc != ExitOk)
        return rc;
    auto queued = engine.queueToRun(*spec, *options);
    if (!queued)
        return context.fail(queued.error());
    if (queued->job.state == JobState::Waiting) {
        return context.fail(Error::make(ErrorCode::Conflict,
                                        QStringLiteral("job %1 cannot run now: %2; run its dependencies first (orchestrator run)")
                                            .arg(queued->job.jobId, queued->why)));
    }
    auto current = [&]() -> std::optional<JobRecord> {
        auto job = engine.job(spec->jobId);
        return job ? *job : std::optional<JobRecord>();
    };
    EngineSession session(context, engine, 1, [&] {
        auto job = current();
        return !job || isFinal(job->state);
    }, {});
    const bool interrupted = session.exec();
    const auto job = current();
    if (!job)
        return context.fail(Error::make(ErrorCode::NotFound, QStringLiteral("job %1 disappeared").arg(spec->jobId)));
    printJobSummary(context.out(), engine, *job);
    if (interrupted)
        return ExitInterrupted;
    return jobExitCode(*job);
}

int workerCommand(Context &context)
{
    QCommandLineParser parser;
    parser.addOption(kWorkersOption);
    const QCommandLineOption exitWhenIdle(QStringLiteral("exit-when-idle"),
                                          QStringLiteral("Stop once no job is queued, waiting, retrying or running."));
    const QCommandLineOption name(QStringLiteral("name"), QStringLiteral("Name shown for this worker (default: the host name)."),
                                  QStringLiteral("name"));
    const QCommandLineOption leaseSeconds(QStringLiteral("lease-seconds"),
                                          QStringLiteral("Seconds a claim lasts unless renewed (renewed every quarter of it; "
                                                         "default: $ORCHESTRATOR_LEASE_SECONDS, else 60). A worker that cannot "
                                                         "renew it stops its tools; others reclaim its jobs when it expires."),
                                          QStringLiteral("s"));
    const QCommandLineOption logCap(QStringLiteral("log-cap"),
                                    QStringLiteral("Bytes of each attempt's output also stored in the database (default: the "
                                                   "database's log_db_cap_bytes setting, else 4 MiB; 0: none)."),
                                    QStringLiteral("bytes"));
    parser.addOptions({exitWhenIdle, name, leaseSeconds, logCap});
    int code = 0;
    if (!context.parse(parser, QStringLiteral("Work the queue of the database until stopped (Ctrl+C, SIGTERM: running jobs are\n"
                                              "handed back to the queue). Several workers, in one or many processes, on one\n"
                                              "or many machines (--db postgresql://...), may share a database."),
                       code))
        return code;
    auto workers = workerCount(parser);
    if (!workers)
        return context.usage(workers.error().message);
    Engine engine;
    EngineOptions options;
    options.name = parser.isSet(name) ? parser.value(name) : QSysInfo::machineHostName();
    const QString lease = parser.isSet(leaseSeconds) ? parser.value(leaseSeconds) : qEnvironmentVariable("ORCHESTRATOR_LEASE_SECONDS");
    if (!lease.isEmpty()) {
        bool ok = false;
        options.leaseSeconds = lease.toInt(&ok);
        if (!ok || options.leaseSeconds < 1 || options.leaseSeconds > 24 * 3600)
            return context.usage(QStringLiteral("--lease-seconds: expected a number of seconds from 1 to 86400, got \"%1\"").arg(lease));
    }
    if (parser.isSet(logCap)) {
        bool ok = false;
        options.logCapBytes = parser.value(logCap).toLongLong(&ok);
        if (!ok || options.logCapBytes < 0)
            return context.usage(QStringLiteral("--log-cap: expected a number of bytes, got \"%1\"").arg(parser.value(logCap)));
    }
    if (int rc = openWorkingEngine(context, engine, options); rc != ExitOk)
        return rc;
    context.out() << "worker " << options.name << " (" << engine.owner() << "): " << *workers << " worker(s) on "
                  << engine.databaseFile() << '\n';
    context.out().flush();
    const bool idleExit = parser.isSet(exitWhenIdle);
    EngineSession session(context, engine, *workers, [&] { return idleExit && engine.isEmpty(); }, {});
    const bool interrupted = session.exec();
    if (session.failed()) {
        context.out() << "worker stopped: lost the database\n";
        return ExitDatabase;
    }
    auto counts = engine.counts();
    context.out() << "worker stopped" << (interrupted ? " (signal)" : "") << "; queue: "
                  << (!counts ? QStringLiteral("unknown (%1)").arg(counts.error().message)
                      : counts->isEmpty() ? QStringLiteral("no jobs")
                                          : formatCounts(*counts));
    if (const qint64 retried = engine.contentionRetries(); retried > 0)
        context.out() << "; " << retried << " transaction(s) run again after a deadlock or serialization failure";
    context.out() << '\n';
    return ExitOk;
}

int validateCommand(Context &context)
{
    QCommandLineParser parser;
    parser.addPositionalArgument(QStringLiteral("files"), QStringLiteral("Job files or directories of *.json job files."),
                                 QStringLiteral("FILE|DIR..."));
    int code = 0;
    if (!context.parse(parser, QStringLiteral("Check job files (schema, tools, ids, dependencies, cycles) without submitting.\n"
                                              "Dependencies may name jobs already in the database."),
                       code))
        return code;
    if (parser.positionalArguments().isEmpty())
        return context.usage(QStringLiteral("no job files given"));
    // Never create a database just to validate (a server database is there).
    Engine engine;
    EngineOptions engineOptions;
    engineOptions.worksQueue = false;
    const bool exists = context.isPostgres() || QFileInfo::exists(context.databasePath());
    if (Status s = engine.open(exists ? context.databasePath() : QStringLiteral(":memory:"), engineOptions); !s)
        return context.fail(s.error());
    SubmitOptions options;
    options.dataDirectory = context.dataDirectory();
    auto files = engine.validate(parser.positionalArguments(), options);
    if (!files)
        return context.fail(files.error());
    context.out() << files->size() << " job file(s) valid\n";
    return ExitOk;
}

} // namespace Orchestrator::Cli
