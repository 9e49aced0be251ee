// Read-only commands: status, list, logs, tools.

#include <algorithm>

#include <QDateTime>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcessEnvironment>
#include <QThread>

#include "cli/cli.h"
#include "cli/clicontext.h"
#include "api/engine.h"
#include "api/joblogreader.h"
#include "tools/pricetable.h"

namespace Orchestrator::Cli {

namespace {

const QCommandLineOption kJobIdOption(QStringLiteral("job-id"), QStringLiteral("The job."), QStringLiteral("id"));
const QCommandLineOption kJsonOption(QStringLiteral("json"), QStringLiteral("Print JSON instead of text."));

QString timeText(const std::optional<qint64> &ms)
{
    return ms ? QDateTime::fromMSecsSinceEpoch(*ms).toString(QStringLiteral("yyyy-MM-dd HH:mm:ss")) : QStringLiteral("-");
}

QJsonValue optionalJson(const std::optional<qint64> &v) { return v ? QJsonValue(double(*v)) : QJsonValue(); }
QJsonValue optionalJson(const std::optional<int> &v) { return v ? QJsonValue(*v) : QJsonValue(); }

// A run as output names it: its id, and its title when it has one.
QString runLabel(const QString &runId, const QString &title)
{
    return title.isEmpty() ? runId : QStringLiteral("%1 (%2)").arg(runId, title);
}

// {input_tokens, cached_input_tokens, output_tokens, cost_usd}: cost_usd null while unknown.
QJsonObject usageJson(const AttemptUsage &usage)
{
    return QJsonObject{
        {QStringLiteral("input_tokens"), double(usage.inputTokens)},
        {QStringLiteral("cached_input_tokens"), double(usage.cachedInputTokens)},
        {QStringLiteral("output_tokens"), double(usage.outputTokens)},
        {QStringLiteral("cost_usd"), usage.costUsd ? QJsonValue(*usage.costUsd) : QJsonValue()},
    };
}

// "[1200 in (800 cached), 40 out, $0.0123]": tokens, and the cost when
// known; `estimatedUsd` of it came from the price table, not the tool, and
// `unknown` attempts had no cost at all.
QString usageText(const AttemptUsage &usage, double estimatedUsd, int unknown)
{
    QString cost = QStringLiteral(", cost unknown");
    if (usage.costUsd) {
        cost = QStringLiteral(", $%1").arg(*usage.costUsd, 0, 'f', 4);
        QStringList notes;
        if (estimatedUsd > 0 && estimatedUsd >= *usage.costUsd - 1e-9)
            cost += QStringLiteral(" est.");
        else if (estimatedUsd > 0)
            notes.append(QStringLiteral("%1 est.").arg(estimatedUsd, 0, 'f', 4));
        if (unknown > 0)
            notes.append(QStringLiteral("%1 attempt(s) unknown").arg(unknown));
        if (!notes.isEmpty())
            cost += QStringLiteral(" (%1)").arg(notes.join(QStringLiteral(", ")));
    }
    return QStringLiteral("[%1 in (%2 cached), %3 out%4]")
        .arg(usage.inputTokens)
        .arg(usage.cachedInputTokens)
        .arg(usage.outputTokens)
        .arg(cost);
}

double estimatedPart(const AttemptUsage &usage)
{
    return usage.costUsd && usage.costSource == CostSource::PriceTable ? *usage.costUsd : 0.0;
}

QJsonObject jobJson(const JobRecord &job, const QHash<QString, QString> &runTitles)
{
    return QJsonObject{
        {QStringLiteral("job_id"), job.jobId},
        {QStringLiteral("run_id"), job.runId},
        {QStringLiteral("run_title"), runTitles.value(job.runId)},
        {QStringLiteral("workstream_id"), job.workstreamId},
        {QStringLiteral("tool"), job.tool},
        {QStringLiteral("priority"), toString(job.priority)},
        {QStringLiteral("state"), toString(job.state)},
        {QStringLiteral("attempts"), job.attempts},
        {QStringLiteral("max_attempts"), job.maxAttempts()},
        {QStringLiteral("last_exit_code"), optionalJson(job.lastExitCode)},
        {QStringLiteral("last_outcome"), job.lastOutcome ? toString(*job.lastOutcome) : QString()},
        {QStringLiteral("next_attempt_at"), optionalJson(job.nextAttemptAt)},
        {QStringLiteral("next_tool"), job.nextTool},
        {QStringLiteral("repo_root"), job.repoRoot},
        {QStringLiteral("working_dir"), job.workingDir},
        {QStringLiteral("log_file"), job.logFile},
        {QStringLiteral("error_report"), job.errorReport},
        {QStringLiteral("submitted_at"), double(job.submittedAt)},
        {QStringLiteral("started_at"), optionalJson(job.startedAt)},
        {QStringLiteral("finished_at"), optionalJson(job.finishedAt)},
        {QStringLiteral("owner"), job.owner},
        {QStringLiteral("reason"), job.reason},
        {QStringLiteral("usage"), usageJson(job.usage)},
        {QStringLiteral("resubmitted_from"), job.resubmittedFrom.isEmpty() ? QJsonValue() : QJsonValue(job.resubmittedFrom)},
        {QStringLiteral("resubmitted_as"), QJsonArray::fromStringList(job.resubmittedAs)},
    };
}

// An attempt's outcome and why, as `status` prints it. Some reasons already
// begin with the outcome's word ("interrupted: the engine stopped", "cancelled;
// process group killed", "timed out after 5 s"): the word is not said twice.
QString attemptOutcomeText(const AttemptRecord &attempt)
{
    const QString status = attemptStatusName(attempt.outcome);
    if (attempt.reason.isEmpty())
        return status;
    const QString word = QString(status).replace(QLatin1Char('_'), QLatin1Char(' '));
    const bool saysIt = attempt.reason.startsWith(word, Qt::CaseInsensitive)
        && (attempt.reason.size() == word.size() || !attempt.reason.at(word.size()).isLetterOrNumber());
    return saysIt ? attempt.reason : status + QStringLiteral(": ") + attempt.reason;
}

// An attempt's outcome in `status`, interrupted ones marked as not counted
// against the retry policy (README, "Counting attempts").
QString attemptLine(const AttemptRecord &attempt)
{
    QString text = attemptOutcomeText(attempt);
    const QString interrupted = toString(Outcome::Interrupted);
    if (attempt.outcome == Outcome::Interrupted)
        text.insert(interrupted.size(), QStringLiteral(" (not counted)"));
    if (!attempt.usage.isEmpty())
        text += QStringLiteral("  ") + usageText(attempt.usage, estimatedPart(attempt.usage), 0);
    return text;
}

// "2 of 4 (1 interrupted, not counted)": attempt numbers as they started, of
// the highest number the budget allows (README, "Counting attempts").
QString attemptsText(const JobRecord &job, const QList<AttemptRecord> &attempts)
{
    if (job.attempts == 0)
        return QStringLiteral("none yet (at most %1)").arg(job.maxAttempts());
    const auto interrupted = std::count_if(attempts.cbegin(), attempts.cend(), [](const AttemptRecord &a) {
        return a.outcome == Outcome::Interrupted;
    });
    QString text = QStringLiteral("%1 of %2").arg(job.attempts).arg(job.maxAttempts());
    if (interrupted > 0)
        text += QStringLiteral(" (%1 interrupted, not counted)").arg(interrupted);
    return text;
}

} // namespace

int statusCommand(Context &context)
{
    QCommandLineParser parser;
    parser.addOptions({kJobIdOption, kJsonOption});
    int code = 0;
    if (!context.parse(parser, QStringLiteral("Show a job's state, attempts, last exit code, log and why it is not running."), code))
        return code;
    if (!parser.isSet(kJobIdOption))
        return context.usage(QStringLiteral("--job-id is required"));
    Engine engine;
    if (Status s = context.openExisting(engine); !s)
        return context.fail(s.error());
    auto status = engine.status(parser.value(kJobIdOption));
    if (!status)
        return context.fail(status.error());
    const JobRecord &job = status->job;

    QTextStream &out = context.out();
    if (parser.isSet(kJsonOption)) {
        QJsonObject object = jobJson(job, {{job.runId, status->runTitle}});
        object.insert(QStringLiteral("why"), status->why);
        object.insert(QStringLiteral("dependencies"), QJsonArray::fromStringList(status->dependencies));
        QJsonArray list;
        for (const AttemptRecord &a : std::as_const(status->attempts)) {
            list.append(QJsonObject{{QStringLiteral("attempt"), a.attempt},
                                    {QStringLiteral("tool"), a.tool},
                                    {QStringLiteral("status"), attemptStatusName(a.outcome)},
                                    {QStringLiteral("started_at"), optionalJson(a.startedAt)},
                                    {QStringLiteral("duration_ms"), optionalJson(a.durationMs)},
                                    {QStringLiteral("exit_code"), optionalJson(a.exitCode)},
                                    {QStringLiteral("signal"), optionalJson(a.signal)},
                                    {QStringLiteral("timed_out"), a.timedOut()},
                                    {QStringLiteral("reason"), a.reason}});
            if (!a.agentOutcome.isEmpty() || !a.usage.isEmpty()) {
                QJsonObject entry = list.last().toObject();
                entry.insert(QStringLiteral("agent_outcome"), a.agentOutcome);
                entry.insert(QStringLiteral("agent_message"), a.agentMessage);
                entry.insert(QStringLiteral("session_id"), a.sessionId);
                entry.insert(QStringLiteral("model"), a.model);
                QJsonObject usage = usageJson(a.usage);
                usage.insert(QStringLiteral("cost_source"), a.usage.costUsd ? Pricing::toString(a.usage.costSource) : QJsonValue());
                entry.insert(QStringLiteral("usage"), usage);
                list.replace(list.size() - 1, entry);
            }
            if (!a.startCommit.isEmpty()) {
                QJsonObject entry = list.last().toObject();
                entry.insert(QStringLiteral("start_commit"), a.startCommit);
                entry.insert(QStringLiteral("result_commit"), a.resultCommit);
                entry.insert(QStringLiteral("summary"), a.change.text());
                entry.insert(QStringLiteral("files_changed"), QJsonDocument::fromJson(a.change.filesJson()).array());
                entry.insert(QStringLiteral("out_of_scope"), QJsonArray::fromStringList(a.change.outOfScope));
                list.replace(list.size() - 1, entry);
            }
        }
        object.insert(QStringLiteral("attempt_history"), list);
        object.insert(QStringLiteral("isolation"), toString(job.isolation));
        if (job.inWorktree()) {
            object.insert(QStringLiteral("worktree"), QJsonObject{
                {QStringLiteral("path"), job.worktreePath},
                {QStringLiteral("branch"), job.worktreeBranch},
                {QStringLiteral("repo_top"), job.repoTop},
                {QStringLiteral("base_commit"), job.baseCommit},
                {QStringLiteral("base_branch"), job.baseBranch},
                {QStringLiteral("result_commit"), job.resultCommit},
                {QStringLiteral("summary"), job.resultCommit.isEmpty() ? QString() : job.change.text()},
                {QStringLiteral("files_changed"), QJsonDocument::fromJson(job.change.filesJson()).array()},
                {QStringLiteral("out_of_scope"), QJsonArray::fromStringList(job.change.outOfScope)},
                {QStringLiteral("landed_commit"), job.landedCommit},
                {QStringLiteral("landed_branch"), job.landedBranch},
                {QStringLiteral("landed_at"), job.landedAt ? QJsonValue(double(*job.landedAt)) : QJsonValue()},
                {QStringLiteral("discarded_at"), job.discardedAt ? QJsonValue(double(*job.discardedAt)) : QJsonValue()},
            });
        }
        out << QJsonDocument(object).toJson(QJsonDocument::Indented);
        return ExitOk;
    }
    out << "job:         " << job.jobId << '\n'
        << "run:         " << runLabel(job.runId, status->runTitle) << "   workstream: " << job.workstreamId << '\n'
        << "tool:        " << job.tool << "   priority: " << toString(job.priority) << '\n'
        << "state:       " << toString(job.state) << '\n'
        << "why:         " << status->why << '\n'
        << "attempts:    " << attemptsText(job, status->attempts) << '\n'
        << "last exit:   " << (job.lastExitCode ? QString::number(*job.lastExitCode) : QStringLiteral("-")) << '\n';
    if (!status->dependencies.isEmpty())
        out << "depends on:  " << status->dependencies.join(QStringLiteral(", ")) << '\n';
    if (!job.resubmittedFrom.isEmpty())
        out << "lineage:     resubmitted from " << job.resubmittedFrom << '\n';
    if (!job.resubmittedAs.isEmpty())
        out << "lineage:     resubmitted as " << job.resubmittedAs.join(QStringLiteral(", ")) << '\n';
    if (job.inWorktree()) {
        out << "worktree:    " << job.worktreePath << '\n'
            << "branch:      " << job.worktreeBranch << " (from " << job.baseCommit.left(12)
            << (job.baseBranch.isEmpty() ? QString() : QStringLiteral(" on ") + job.baseBranch) << ")\n";
        if (!job.resultCommit.isEmpty())
            out << "changes:     " << job.change.text() << '\n';
        if (job.isLanded())
            out << "landed:      into " << job.landedBranch << " at " << job.landedCommit.left(12) << ", " << timeText(job.landedAt) << '\n';
        else if (job.discardedAt)
            out << "discarded:   " << timeText(job.discardedAt) << " (worktree and branch removed)\n";
        else if (job.state == JobState::Succeeded && !job.change.isEmpty())
            out << "landed:      not yet (orchestrator land --job-id " << job.jobId << ")\n";
        if (!job.change.outOfScope.isEmpty())
            out << "warning:     changed outside the job's files: " << job.change.outOfScope.join(QStringLiteral(", ")) << '\n';
    }
    out << "log:         " << job.logFile << '\n';
    if (QFileInfo::exists(job.errorReport))
        out << "error report: " << job.errorReport << '\n';
    if (!job.usage.isEmpty()) {
        double estimated = 0;
        int unknown = 0;
        for (const AttemptRecord &a : std::as_const(status->attempts)) {
            estimated += estimatedPart(a.usage);
            unknown += !a.usage.isEmpty() && !a.usage.costUsd ? 1 : 0;
        }
        out << "usage:       " << usageText(job.usage, estimated, unknown) << '\n';
    }
    for (const AttemptRecord &a : std::as_const(status->attempts)) {
        out << "  #" << a.attempt << ' ' << a.tool.leftJustified(7) << ' ' << timeText(a.startedAt) << "  "
            << QString::number(double(a.durationMs.value_or(0)) / 1000.0, 'f', 2) << " s  " << attemptLine(a) << '\n';
    }
    return ExitOk;
}

int listCommand(Context &context)
{
    QCommandLineParser parser;
    const QCommandLineOption runId(QStringLiteral("run-id"), QStringLiteral("Only jobs of this run."), QStringLiteral("id"));
    const QCommandLineOption state(QStringLiteral("state"), QStringLiteral("Only jobs in these states (comma-separated)."), QStringLiteral("states"));
    const QCommandLineOption tool(QStringLiteral("tool"), QStringLiteral("Only jobs of this tool."), QStringLiteral("tool"));
    const QCommandLineOption workstream(QStringLiteral("workstream"), QStringLiteral("Only jobs of this workstream."), QStringLiteral("id"));
    const QCommandLineOption limit(QStringLiteral("limit"), QStringLiteral("At most this many rows."), QStringLiteral("n"));
    const QCommandLineOption runs(QStringLiteral("runs"), QStringLiteral("List runs with their job counts instead of jobs."));
    parser.addOptions({runId, state, tool, workstream, limit, runs, kJsonOption});
    int code = 0;
    if (!context.parse(parser, QStringLiteral("List jobs (or runs)."), code))
        return code;
    Engine engine;
    if (Status s = context.openExisting(engine); !s)
        return context.fail(s.error());
    QTextStream &out = context.out();

    if (parser.isSet(runs)) {
        auto list = engine.runs(parser.value(limit).toInt());
        if (!list)
            return context.fail(list.error());
        QJsonArray json;
        for (const RunRecord &run : std::as_const(*list)) {
            if (parser.isSet(kJsonOption)) {
                QJsonObject counts;
                for (auto it = run.stateCounts.cbegin(); it != run.stateCounts.cend(); ++it)
                    counts.insert(it.key(), it.value());
                json.append(QJsonObject{{QStringLiteral("run_id"), run.runId},
                                        {QStringLiteral("title"), run.title},
                                        {QStringLiteral("created_at"), double(run.createdAt)},
                                        {QStringLiteral("jobs"), run.total},
                                        {QStringLiteral("states"), counts}});
                continue;
            }
            QStringList parts;
            for (auto it = run.stateCounts.cbegin(); it != run.stateCounts.cend(); ++it)
                parts.append(QStringLiteral("%1 %2").arg(it.value()).arg(it.key()));
            out << runLabel(run.runId, run.title).leftJustified(28) << ' ' << timeText(run.createdAt) << "  " << run.total << " jobs: "
                << parts.join(QStringLiteral(", ")) << '\n';
        }
        if (parser.isSet(kJsonOption))
            out << QJsonDocument(json).toJson(QJsonDocument::Indented);
        return ExitOk;
    }

    JobFilter filter;
    filter.runId = parser.value(runId);
    filter.tool = parser.value(tool);
    filter.workstreamId = parser.value(workstream);
    filter.limit = parser.value(limit).toInt();
    if (parser.isSet(state)) {
        const QStringList names = parser.value(state).split(QLatin1Char(','), Qt::SkipEmptyParts);
        for (const QString &name : names) {
            const auto s = jobStateFromString(name.trimmed());
            if (!s)
                return context.usage(QStringLiteral("--state: unknown state \"%1\" (known: waiting, queued, running, retry_waiting, "
                                                    "succeeded, failed, timed_out, cancelled, upstream_failed)").arg(name));
            filter.states.append(*s);
        }
    }
    auto jobs = engine.jobs(filter);
    if (!jobs)
        return context.fail(jobs.error());
    auto titles = engine.runTitles();
    if (!titles)
        return context.fail(titles.error());
    if (parser.isSet(kJsonOption)) {
        QJsonArray json;
        for (const JobRecord &job : std::as_const(*jobs))
            json.append(jobJson(job, *titles));
        out << QJsonDocument(json).toJson(QJsonDocument::Indented);
        return ExitOk;
    }
    out << QStringLiteral("JOB").leftJustified(28) << ' ' << QStringLiteral("STATE").leftJustified(15) << ' '
        << QStringLiteral("PRIO").leftJustified(8) << ' ' << QStringLiteral("TOOL").leftJustified(7) << ' '
        << QStringLiteral("TRY").leftJustified(5) << ' ' << QStringLiteral("EXIT").leftJustified(4) << ' ' << "RUN\n";
    for (const JobRecord &job : std::as_const(*jobs)) {
        out << job.jobId.leftJustified(28) << ' ' << toString(job.state).leftJustified(15) << ' '
            << toString(job.priority).leftJustified(8) << ' ' << job.tool.leftJustified(7) << ' '
            << (job.attempts == 0 ? QStringLiteral("-") : QStringLiteral("%1/%2").arg(job.attempts).arg(job.maxAttempts())).leftJustified(5) << ' '
            << (job.lastExitCode ? QString::number(*job.lastExitCode) : QStringLiteral("-")).leftJustified(4) << ' '
            << runLabel(job.runId, titles->value(job.runId)) << '\n';
    }
    return ExitOk;
}

int logsCommand(Context &context)
{
    QCommandLineParser parser;
    const QCommandLineOption follow({QStringLiteral("f"), QStringLiteral("follow")},
                                    QStringLiteral("Keep printing new output until the job is final."));
    parser.addOptions({kJobIdOption, follow});
    int code = 0;
    if (!context.parse(parser, QStringLiteral("Print a job's log file (every attempt, each under a header line)."), code))
        return code;
    if (!parser.isSet(kJobIdOption))
        return context.usage(QStringLiteral("--job-id is required"));
    Engine engine;
    if (Status s = context.openExisting(engine); !s)
        return context.fail(s.error());
    auto job = engine.job(parser.value(kJobIdOption));
    if (!job)
        return context.fail(job.error());

    QFile stdoutFile;
    if (!stdoutFile.open(stdout, QIODevice::WriteOnly))
        return ExitDatabase;
    JobLogReader reader(engine, *job);
    auto pump = [&] {
        reader.readNew([&stdoutFile](const QByteArray &bytes) { stdoutFile.write(bytes); });
        stdoutFile.flush();
    };
    pump();
    if (reader.fromDatabase() && !parser.isSet(follow))
        return ExitOk;
    if (!QFileInfo::exists(job->logFile) && !parser.isSet(follow)) {
        return context.fail(Error::make(ErrorCode::NotFound, QStringLiteral("job %1 has no log yet (%2; state %3)")
                                                                 .arg(job->jobId, job->logFile, toString(job->state))));
    }
    while (parser.isSet(follow)) {
        auto now = engine.job(job->jobId);
        const bool final = !now || isFinal(now->state);
        QThread::msleep(200);
        pump();
        if (final)
            break;
    }
    return ExitOk;
}

namespace {

// `tools --check [TOOL...]`: installed, version and login per tool; exit 1
// when a tool checked is missing or not logged in.
int checkTools(Context &context, const QStringList &names, bool json)
{
    auto checks = Engine::checkTools(names);
    if (!checks)
        return context.fail(checks.error());
    QTextStream &out = context.out();
    QJsonArray array;
    bool allReady = true;
    for (const ToolCheck &check : std::as_const(*checks)) {
        allReady = allReady && check.ready();
        if (json) {
            array.append(QJsonObject{{QStringLiteral("name"), check.name},
                                     {QStringLiteral("program"), check.program},
                                     {QStringLiteral("path"), check.path},
                                     {QStringLiteral("installed"), !check.path.isEmpty()},
                                     {QStringLiteral("version"), check.version},
                                     {QStringLiteral("login"), toString(check.login)},
                                     {QStringLiteral("login_detail"), check.loginDetail},
                                     {QStringLiteral("login_hint"), check.loginHint},
                                     {QStringLiteral("ready"), check.ready()}});
            continue;
        }
        const QString state = check.path.isEmpty()                                  ? QStringLiteral("NOT INSTALLED")
                : check.login == ToolCheck::Login::LoggedIn                         ? QStringLiteral("ready")
                : check.login == ToolCheck::Login::NotLoggedIn                      ? QStringLiteral("NOT LOGGED IN")
                                                                                    : QStringLiteral("installed (login unknown)");
        out << check.name.leftJustified(8) << ' ' << state;
        if (!check.version.isEmpty())
            out << "  " << check.version;
        out << '\n';
        if (!check.path.isEmpty())
            out << "         " << check.path << '\n';
        out << "         " << check.loginDetail << '\n';
        if (check.login == ToolCheck::Login::NotLoggedIn && !check.loginHint.isEmpty())
            out << "         to log in: " << check.loginHint << '\n';
    }
    if (json)
        out << QJsonDocument(array).toJson(QJsonDocument::Indented);
    return allReady ? ExitOk : ExitJobsFailed;
}

} // namespace

int toolsCommand(Context &context)
{
    QCommandLineParser parser;
    parser.addOption(kJsonOption);
    const QCommandLineOption checkOption(
        QStringLiteral("check"),
        QStringLiteral("Check the AI tools (or the TOOLs named): installed, their version, logged in "
                       "(by the tool's own status command where it has one). Exit code 1 when one is not ready."));
    parser.addOption(checkOption);
    parser.addPositionalArgument(QStringLiteral("TOOL"), QStringLiteral("With --check: the tools to check."), QStringLiteral("[TOOL...]"));
    int code = 0;
    if (!context.parse(parser, QStringLiteral("List tool profiles and whether each program is on PATH.\n"
                                              "Add profiles in ") + ToolRegistry::defaultUserProfilesFile(),
                       code))
        return code;
    if (parser.isSet(checkOption))
        return checkTools(context, parser.positionalArguments(), parser.isSet(kJsonOption));
    if (!parser.positionalArguments().isEmpty())
        return context.usage(QStringLiteral("tools takes TOOL names only with --check"));
    auto tools = Engine::tools();
    if (!tools)
        return context.fail(tools.error());
    QTextStream &out = context.out();
    QJsonArray json;
    for (const ToolInfo &tool : std::as_const(*tools)) {
        const ToolProfile &profile = tool.profile;
        const QString &found = tool.path;
        if (parser.isSet(kJsonOption)) {
            json.append(QJsonObject{{QStringLiteral("name"), profile.name},
                                    {QStringLiteral("program"), profile.program},
                                    {QStringLiteral("path"), found},
                                    {QStringLiteral("installed"), !found.isEmpty()},
                                    {QStringLiteral("edits_repo"), profile.editsRepo},
                                    {QStringLiteral("source"), profile.source},
                                    {QStringLiteral("description"), profile.description}});
            continue;
        }
        out << profile.name.leftJustified(8) << ' ' << profile.program.leftJustified(8) << ' '
            << (found.isEmpty() ? QStringLiteral("NOT FOUND on PATH") : found).leftJustified(28) << ' '
            << (profile.editsRepo ? QStringLiteral("edits repo") : QStringLiteral("          ")) << "  " << profile.source
            << '\n';
    }
    if (parser.isSet(kJsonOption))
        out << QJsonDocument(json).toJson(QJsonDocument::Indented);
    return ExitOk;
}

} // namespace Orchestrator::Cli
