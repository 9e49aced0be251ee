// Commands that change the queue: retry, cancel, pause, resume. Each change
// is one transaction through the same transition rules the scheduler uses;
// engines pick it up on their next poll.

#include "cli/cli.h"
#include "cli/clicontext.h"
#include "scheduling/transitions.h"
#include "store/jobstore.h"

namespace Orchestrator::Cli {

namespace {

using Action = Result<QStringList> (*)(JobStore &, const QString &);

Result<QStringList> retryOne(JobStore &store, const QString &jobId) { return Transitions::retry(store, jobId); }
Result<QStringList> cancelOne(JobStore &store, const QString &jobId) { return Transitions::cancel(store, jobId); }

// Applies `action` to the named jobs, or to every job of --run-id in `states`.
int applyToJobs(Context &context, const QString &description, Action action, const QList<JobState> &runStates,
                const QString &verb)
{
    QCommandLineParser parser;
    const QCommandLineOption jobId(QStringLiteral("job-id"), QStringLiteral("A job (repeatable)."), QStringLiteral("id"));
    const QCommandLineOption runId(QStringLiteral("run-id"), QStringLiteral("Every eligible job of this run."), QStringLiteral("id"));
    const QCommandLineOption all(QStringLiteral("all"), QStringLiteral("Every eligible job of every run."));
    parser.addOptions({jobId, runId, all});
    int code = 0;
    if (!context.parse(parser, description, code))
        return code;
    if (!parser.isSet(jobId) && !parser.isSet(runId) && !parser.isSet(all))
        return context.usage(QStringLiteral("name jobs with --job-id, or use --run-id or --all"));
    auto database = context.openDatabase(Context::Create::Never);
    if (!database)
        return context.fail(database.error());
    JobStore store(database->connection());

    QStringList ids = parser.values(jobId);
    if (parser.isSet(runId) || parser.isSet(all)) {
        JobFilter filter;
        filter.runId = parser.value(runId);
        filter.states = runStates;
        auto jobs = store.jobs(filter);
        if (!jobs)
            return context.fail(jobs.error());
        for (const JobRecord &job : std::as_const(*jobs))
            ids.append(job.jobId);
    }
    if (Status s = store.begin(); !s)
        return context.fail(s.error());
    QStringList changed;
    QStringList problems;
    ErrorCode worst = ErrorCode::None;
    for (const QString &id : std::as_const(ids)) {
        auto result = action(store, id);
        if (!result) {
            if (result.error().code == ErrorCode::Database || result.error().code == ErrorCode::DatabaseDamaged) {
                store.rollback();
                return context.fail(result.error());
            }
            problems.append(result.error().message);
            worst = result.error().code;
            continue;
        }
        changed += *result;
    }
    if (Status s = store.commit(); !s)
        return context.fail(s.error());
    changed.removeDuplicates();
    context.out() << verb << ' ' << ids.size() - problems.size() << " job(s)";
    if (changed.size() > ids.size() - problems.size())
        context.out() << " (" << changed.size() << " jobs changed, dependents included)";
    context.out() << '\n';
    context.out().flush();
    if (!problems.isEmpty())
        return context.fail(Error::make(worst, problems.join(QLatin1Char('\n'))));
    return ExitOk;
}

int setPaused(Context &context, bool paused)
{
    QCommandLineParser parser;
    int code = 0;
    if (!context.parse(parser, paused ? QStringLiteral("Pause the queue: no new attempt starts; running ones continue.")
                                      : QStringLiteral("Resume the queue."),
                       code))
        return code;
    auto database = context.openDatabase();
    if (!database)
        return context.fail(database.error());
    JobStore store(database->connection());
    if (Status s = store.begin(); !s)
        return context.fail(s.error());
    if (Status s = Transitions::setPaused(store, paused); !s) {
        store.rollback();
        return context.fail(s.error());
    }
    if (Status s = store.commit(); !s)
        return context.fail(s.error());
    context.out() << (paused ? "queue paused\n" : "queue resumed\n");
    return ExitOk;
}

} // namespace

int retryCommand(Context &context)
{
    return applyToJobs(context,
                       QStringLiteral("Retry jobs that ended without success (failed, timed out, cancelled, upstream failed)\n"
                                      "with a fresh attempt budget; a job waiting for its backoff is retried now."),
                       retryOne, {JobState::Failed, JobState::TimedOut, JobState::Cancelled}, QStringLiteral("retried"));
}

int cancelCommand(Context &context)
{
    return applyToJobs(context,
                       QStringLiteral("Cancel jobs: waiting and queued jobs at once, running ones are killed by their engine."),
                       cancelOne, {JobState::Waiting, JobState::Queued, JobState::RetryWaiting, JobState::Running},
                       QStringLiteral("cancelled"));
}

int pauseCommand(Context &context) { return setPaused(context, true); }
int resumeCommand(Context &context) { return setPaused(context, false); }

} // namespace Orchestrator::Cli
