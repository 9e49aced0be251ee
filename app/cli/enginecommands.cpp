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
#include "scheduling/explain.h"
#include "scheduling/scheduler.h"
#include "scheduling/transitions.h"
#include "spec/jobspec.h"
#include "store/jobstore.h"
#include "submit/submission.h"

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

Result<SubmitReport> submitFiles(JobStore &store, const ToolRegistry &tools,
                                 const QStringList &inputs, const SubmitOptions &options)
{
    if (inputs.isEmpty())
        return Error::make(ErrorCode::Usage, QStringLiteral("no job files given"));
    auto files = Submission::expandInputs(inputs);
    if (!files)
        return files.error();
    if (files->isEmpty())
        return Error::make(ErrorCode::Usage, QStringLiteral("no *.json job files in %1").arg(inputs.join(QStringLiteral(", "))));
    Submission submission(tools, options);
    for (const QString &file : std::as_const(*files))
        submission.addFile(file);
    return submission.commit(store);
}

QString formatCounts(const QMap<QString, int> &counts)
{
    QStringList parts;
    for (auto it = counts.cbegin(); it != counts.cend(); ++it)
        parts.append(QStringLiteral("%1 %2").arg(it.value()).arg(it.key()));
    return parts.join(QStringLiteral(", "));
}

// Drives one Scheduler on this thread until `isDone` says so or a signal
// arrives; prints a progress line on a terminal.
class EngineSession final : public QObject
{
public:
    EngineSession(Context &context, Scheduler &scheduler, std::function<bool()> isDone,
                  std::function<QString()> progress)
        : m_context(context)
        , m_scheduler(scheduler)
        , m_isDone(std::move(isDone))
        , m_progress(std::move(progress))
    {
        m_showProgress = m_progress && ::isatty(STDERR_FILENO);
        connect(&m_signals, &SignalWatcher::interrupted, this, [this](int count) {
            m_interrupted = true;
            if (count > 1)
                QCoreApplication::exit(ExitInterrupted);
            m_scheduler.shutdown();
        });
        connect(&m_scheduler, &Scheduler::stopped, this, [] { QCoreApplication::exit(0); });
        connect(&m_scheduler, &Scheduler::databaseError, this, [this](const QString &message) {
            // One line each, and not again while the same fault repeats.
            const QString line = message.simplified();
            if (line == std::exchange(m_lastDatabaseError, line))
                return;
            QTextStream(stderr) << "orchestrator " << m_context.command() << ": " << line << " (retrying)\n";
        });
        connect(&m_scheduler, &Scheduler::fatalError, this, [this](const QString &message) {
            QTextStream(stderr) << "orchestrator " << m_context.command() << ": giving up: " << message.simplified() << '\n';
            m_failed = true;
            m_scheduler.shutdown();
        });
        connect(&m_timer, &QTimer::timeout, this, [this] { check(); });
        m_timer.start(m_showProgress ? 200 : 100);
    }

    // Returns true if it ended because of a signal.
    bool exec()
    {
        m_scheduler.start();
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
            m_scheduler.shutdown();
    }

    Context &m_context;
    Scheduler &m_scheduler;
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

// Loads the tool profiles into `tools` and opens `scheduler` on the
// context's database; returns ExitOk or the exit code of the error printed.
int openScheduler(Context &context, Scheduler &scheduler, ToolRegistry &tools, SchedulerOptions options)
{
    auto loaded = context.loadTools();
    if (!loaded)
        return context.fail(loaded.error());
    tools = std::move(loaded).value();
    options.databasePath = context.databasePath();
    // A command run by a person or a supervisor ends with exit 5 rather than
    // wait for a server that does not come back.
    options.giveUpWhenIdle = true;
    if (Status s = scheduler.open(options, tools); !s)
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

// The jobs one `run` submitted and the rest of their runs, per state name.
struct RunProgress
{
    QMap<QString, int> own;
    QMap<QString, int> others;
};

Result<RunProgress> runProgress(JobStore &store, const QStringList &runs, const QStringList &ownJobs)
{
    RunProgress progress;
    qint64 inRuns = 0;
    for (const QString &run : runs) {
        auto counts = store.stateCounts(run);
        if (!counts)
            return counts.error();
        for (auto it = counts->cbegin(); it != counts->cend(); ++it) {
            progress.others[it.key()] += it.value();
            inRuns += it.value();
        }
    }
    // Usually the runs hold nothing else: no need to read the jobs one by one.
    if (inRuns == ownJobs.size()) {
        progress.own = std::exchange(progress.others, {});
        return progress;
    }
    auto states = store.states(ownJobs);
    if (!states)
        return states.error();
    for (const JobState state : std::as_const(*states)) {
        const QString name = toString(state);
        ++progress.own[name];
        if (--progress.others[name] <= 0)
            progress.others.remove(name);
    }
    return progress;
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

void printJobSummary(QTextStream &out, JobStore &store, const JobRecord &job)
{
    out << "job:       " << job.jobId << '\n'
        << "state:     " << toString(job.state) << '\n'
        << "attempts:  " << job.attempts << '\n';
    auto attempts = store.attempts(job.jobId);
    if (attempts && !attempts->isEmpty()) {
        const AttemptRecord &last = attempts->last();
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
    auto tools = context.loadTools();
    if (!tools)
        return context.fail(tools.error());
    auto database = context.openDatabase();
    if (!database)
        return context.fail(database.error());
    JobStore store(database->connection());
    auto report = submitFiles(store, *tools, parser.positionalArguments(), *options);
    if (!report)
        return context.fail(report.error());
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

    Scheduler scheduler;
    SchedulerOptions schedulerOptions;
    schedulerOptions.workers = *workers;
    ToolRegistry tools;
    if (int rc = openScheduler(context, scheduler, tools, schedulerOptions); rc != ExitOk)
        return rc;
    JobStore &store = scheduler.store();
    QElapsedTimer clock;
    clock.start();
    auto report = submitFiles(store, tools, parser.positionalArguments(), *options);
    if (!report)
        return context.fail(report.error());
    const QStringList runs = report->runIds;
    const QStringList ownJobs = report->jobIds;
    const qint64 total = ownJobs.size();
    // Work only this submission's runs.
    scheduler.setOnlyRuns(runs);

    // The last counts read: a database that fails a read (busy) keeps them.
    RunProgress progress;
    auto refresh = [&] {
        auto now = runProgress(store, runs, ownJobs);
        if (now)
            progress = std::move(now).value();
        return now.ok();
    };
    QElapsedTimer workClock;
    workClock.start();
    EngineSession session(
        context, scheduler, [&] { return refresh() && allFinal(progress.own); },
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

    Scheduler scheduler;
    SchedulerOptions schedulerOptions;
    schedulerOptions.workers = 1;
    schedulerOptions.onlyJobs = QStringList{spec->jobId};
    ToolRegistry tools;
    if (int rc = openScheduler(context, scheduler, tools, schedulerOptions); rc != ExitOk)
        return rc;
    JobStore &store = scheduler.store();

    auto existing = store.job(spec->jobId);
    if (!existing)
        return context.fail(existing.error());
    if (existing->has_value()) {
        const JobRecord &job = **existing;
        if (job.spec != QJsonDocument(spec->raw).toJson(QJsonDocument::Compact))
            return context.fail(Error::make(ErrorCode::Validation,
                                            QStringLiteral("%1: /job_id: job id \"%2\" already exists with a different spec (run %3, %4); "
                                                           "give the job a new id")
                                                .arg(parser.value(jobFile), job.jobId, job.runId, toString(job.state))));
        if (job.state == JobState::Running)
            return context.fail(Error::make(ErrorCode::Conflict, QStringLiteral("job %1 is already running on %2").arg(job.jobId, job.owner)));
        if (isFinal(job.state)) {
            if (Status s = store.begin(); !s)
                return context.fail(s.error());
            auto again = Transitions::retry(store, job.jobId, RetryScope::AllowSucceeded);
            if (!again) {
                store.rollback();
                return context.fail(again.error());
            }
            if (Status s = store.commit(); !s)
                return context.fail(s.error());
        }
        // Run again under a new title: the run takes it, as from a submission.
        if (!options->runTitle.isEmpty()) {
            Status titled = store.begin();
            if (titled)
                titled = store.setRunTitle(job.runId, options->runTitle);
            if (titled)
                titled = store.commit();
            if (!titled) {
                store.rollback();
                return context.fail(titled.error());
            }
        }
    } else {
        Submission submission(tools, *options);
        submission.addSpec(*spec);
        auto report = submission.commit(store);
        if (!report)
            return context.fail(report.error());
    }

    auto current = [&]() -> std::optional<JobRecord> {
        auto job = store.job(spec->jobId);
        return job && job->has_value() ? **job : std::optional<JobRecord>();
    };
    if (auto job = current(); job && job->state == JobState::Waiting) {
        auto why = explainJob(store, *job);
        return context.fail(Error::make(ErrorCode::Conflict,
                                        QStringLiteral("job %1 cannot run now: %2; run its dependencies first (orchestrator run)")
                                            .arg(job->jobId, why ? *why : QString())));
    }
    EngineSession session(context, scheduler, [&] {
        auto job = current();
        return !job || isFinal(job->state);
    }, {});
    const bool interrupted = session.exec();
    const auto job = current();
    if (!job)
        return context.fail(Error::make(ErrorCode::NotFound, QStringLiteral("job %1 disappeared").arg(spec->jobId)));
    printJobSummary(context.out(), store, *job);
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
    Scheduler scheduler;
    SchedulerOptions options;
    options.workers = *workers;
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
    ToolRegistry tools;
    if (int rc = openScheduler(context, scheduler, tools, options); rc != ExitOk)
        return rc;
    context.out() << "worker " << options.name << " (" << scheduler.owner() << "): " << *workers << " worker(s) on "
                  << databaseFile(scheduler.store().database()) << '\n';
    context.out().flush();
    const bool idleExit = parser.isSet(exitWhenIdle);
    EngineSession session(context, scheduler, [&] {
        if (!idleExit)
            return false;
        auto counts = scheduler.store().stateCounts(QString());
        return counts && allFinal(*counts);
    }, {});
    const bool interrupted = session.exec();
    if (session.failed()) {
        context.out() << "worker stopped: lost the database\n";
        return ExitDatabase;
    }
    auto counts = scheduler.store().stateCounts(QString());
    context.out() << "worker stopped" << (interrupted ? " (signal)" : "") << "; queue: "
                  << (counts ? formatCounts(*counts) : QString()) << '\n';
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
    auto tools = context.loadTools();
    if (!tools)
        return context.fail(tools.error());
    auto files = Submission::expandInputs(parser.positionalArguments());
    if (!files)
        return context.fail(files.error());
    // Never create a database just to validate (a server database is there).
    auto database = Database::open(context.isPostgres() || QFileInfo::exists(context.databasePath()) ? context.databasePath()
                                                                                                   : QStringLiteral(":memory:"));
    if (!database)
        return context.fail(database.error());
    JobStore store(database->connection());
    SubmitOptions options;
    options.dataDirectory = context.dataDirectory();
    Submission submission(*tools, options);
    for (const QString &file : std::as_const(*files))
        submission.addFile(file);
    Status checked = submission.check(store);
    if (!checked)
        return context.fail(checked.error());
    context.out() << files->size() << " job file(s) valid\n";
    return ExitOk;
}

} // namespace Orchestrator::Cli
