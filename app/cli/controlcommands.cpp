// Commands that change the queue: retry, cancel, pause, resume. Each change
// is one transaction through the same transition rules the scheduler uses;
// engines pick it up on their next poll.

#include "cli/cli.h"
#include "cli/clicontext.h"
#include "api/engine.h"

namespace Orchestrator::Cli {

namespace {

using Action = Result<BatchReport> (Engine::*)(const QStringList &);

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
    Engine engine;
    if (Status s = context.openExisting(engine); !s)
        return context.fail(s.error());

    QStringList ids = parser.values(jobId);
    if (parser.isSet(runId) || parser.isSet(all)) {
        JobFilter filter;
        filter.runId = parser.value(runId);
        filter.states = runStates;
        auto jobs = engine.jobs(filter);
        if (!jobs)
            return context.fail(jobs.error());
        for (const JobRecord &job : std::as_const(*jobs))
            ids.append(job.jobId);
    }
    auto report = (engine.*action)(ids);
    if (!report)
        return context.fail(report.error());
    context.out() << verb << ' ' << report->acted << " job(s)";
    if (report->changed.size() > report->acted)
        context.out() << " (" << report->changed.size() << " jobs changed, dependents included)";
    context.out() << '\n';
    context.out().flush();
    if (!report->problems.isEmpty())
        return context.fail(Error::make(report->problemCode, report->problems.join(QLatin1Char('\n'))));
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
    Engine engine;
    EngineOptions options;
    options.worksQueue = false;
    if (Status s = context.openEngine(engine, options); !s)
        return context.fail(s.error());
    if (Status s = paused ? engine.pause() : engine.resume(); !s)
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
                       &Engine::retryJobs, {JobState::Failed, JobState::TimedOut, JobState::Cancelled}, QStringLiteral("retried"));
}

int cancelCommand(Context &context)
{
    return applyToJobs(context,
                       QStringLiteral("Cancel jobs: waiting and queued jobs at once, running ones are killed by their engine."),
                       &Engine::cancelJobs, {JobState::Waiting, JobState::Queued, JobState::RetryWaiting, JobState::Running},
                       QStringLiteral("cancelled"));
}

int pauseCommand(Context &context) { return setPaused(context, true); }
int resumeCommand(Context &context) { return setPaused(context, false); }

} // namespace Orchestrator::Cli
