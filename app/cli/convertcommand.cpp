// `orchestrator convert`: workstream files (the predecessor's format) into job
// files, optionally submitted as one run. The conversion itself is
// engine/convert, shared with the dashboard's wizard.
//
// Exit codes: 0 all good; 3 an input file was invalid (it is skipped, the rest
// is written) or the plan has errors (cycle, unknown dependency, duplicate
// ids, a job the validation refuses: nothing is written); 6 a file edited since
// it was converted was left alone (no --force). --submit submits only when all is good.

#include <QDir>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSet>

#include "cli/cli.h"
#include "cli/clicontext.h"
#include "api/engine.h"
#include "convert/conversion.h"

namespace Orchestrator::Cli {

namespace {

using namespace Orchestrator::Convert;

QCommandLineOption option(const char *name, const char *description, const char *valueName = nullptr)
{
    if (valueName)
        return QCommandLineOption(QString::fromLatin1(name), QString::fromLatin1(description), QString::fromLatin1(valueName));
    return QCommandLineOption(QString::fromLatin1(name), QString::fromLatin1(description));
}

const QCommandLineOption kOut = option("out", "Folder for the job files (created with mode 0700 if missing).", "dir");
const QCommandLineOption kDryRun = option("dry-run", "Print the plan and what would be written; write nothing.");
const QCommandLineOption kSubmit = option("submit", "Submit the jobs as one run once they are written (only when all is good).");
const QCommandLineOption kRunId = option("run-id", "With --submit: the run's id (default: a new run).", "id");
const QCommandLineOption kForce = option("force", "Overwrite job files edited since they were converted (never a file that is not a job file).");
const QCommandLineOption kPerTask = option("per-task", "One job per task, chained in task order (default: one job per workstream).");
const QCommandLineOption kTool = option("tool", "Tool of workstreams that name none (default: aider).", "tool");
const QCommandLineOption kIdPattern = option("id-pattern", "Job ids: {ws} the workstream id, {n} the job number in it, "
                                             "{n:W} zero-padded to W digits (default: {ws}-{n}, e.g. ws-01-001).", "pattern");
const QCommandLineOption kPriority = option("priority", "Priority of every job: low, normal, high, critical.", "level");
const QCommandLineOption kTimeout = option("timeout", "metadata.timeout_seconds of every job.", "seconds");
const QCommandLineOption kRetry = option("retry", "metadata.retry_policy of every job: none, retry, escalate_to_<tool>, "
                                         "or a JSON object such as {\"max_attempts\":3}.", "spec");
const QCommandLineOption kModel = option("model", "config.model of every job.", "model");
const QCommandLineOption kAutoCommit = option("auto-commit", "config.auto_commit true.");
const QCommandLineOption kNoAutoCommit = option("no-auto-commit", "config.auto_commit false (the default).");
const QCommandLineOption kJson = option("json", "Print the report as JSON.");

Result<Options> conversionOptions(const QCommandLineParser &parser)
{
    Options options;
    if (parser.isSet(kPerTask))
        options.mode = Options::Mode::JobPerTask;
    if (parser.isSet(kTool))
        options.defaultTool = parser.value(kTool);
    if (parser.isSet(kIdPattern)) {
        options.idPattern = parser.value(kIdPattern);
        if (auto checked = expandIdPattern(options.idPattern, QStringLiteral("ws"), 1); !checked)
            return Error::make(ErrorCode::Usage, QStringLiteral("--id-pattern: ") + checked.error().message);
    }
    if (parser.isSet(kPriority)) {
        options.priority = priorityFromString(parser.value(kPriority));
        if (!options.priority)
            return Error::make(ErrorCode::Usage, QStringLiteral("--priority: expected one of low, normal, high, critical, got \"%1\"")
                                                     .arg(parser.value(kPriority)));
    }
    if (parser.isSet(kTimeout)) {
        bool ok = false;
        options.timeoutSeconds = parser.value(kTimeout).toInt(&ok);
        if (!ok || options.timeoutSeconds < 1)
            return Error::make(ErrorCode::Usage, QStringLiteral("--timeout: expected a positive number of seconds, got \"%1\"")
                                                     .arg(parser.value(kTimeout)));
    }
    if (parser.isSet(kRetry)) {
        if (Status set = setRetryPolicy(options, parser.value(kRetry)); !set)
            return set.error();
    }
    if (parser.isSet(kModel))
        options.model = parser.value(kModel);
    if (parser.isSet(kAutoCommit) && parser.isSet(kNoAutoCommit))
        return Error::make(ErrorCode::Usage, QStringLiteral("--auto-commit and --no-auto-commit exclude each other"));
    options.autoCommit = parser.isSet(kAutoCommit);
    return options;
}

QString plural(qsizetype n, const char *one, const char *many)
{
    return QStringLiteral("%1 %2").arg(n).arg(QString::fromLatin1(n == 1 ? one : many));
}

QJsonArray toJsonArray(const QStringList &list)
{
    return QJsonArray::fromStringList(list);
}

// The plan, one line per job: id, tool, what it waits for.
void printPlan(QTextStream &out, const Plan &plan)
{
    qsizetype width = 0;
    for (const PlannedJob &job : plan.jobs)
        width = std::max(width, job.jobId.size());
    for (const PlannedJob &job : plan.jobs) {
        const QString tool = job.json.value(QLatin1String("tool")).toString();
        out << "  " << job.jobId.leftJustified(width) << "  ";
        if (job.dependsOn.isEmpty())
            out << tool << '\n';
        else
            out << tool.leftJustified(6) << "  after " << job.dependsOn.join(QStringLiteral(", ")) << '\n';
    }
}

void printFiles(QTextStream &out, const QList<OutputFile> &files)
{
    for (const OutputFile &file : files) {
        const char *verb = "";
        switch (file.action) {
        case OutputFile::Action::Create:
            verb = "would create  ";
            break;
        case OutputFile::Action::Change:
            verb = "would change  ";
            break;
        case OutputFile::Action::Unchanged:
            verb = "unchanged     ";
            break;
        case OutputFile::Action::Conflict:
            verb = "would skip    ";
            break;
        }
        out << verb << file.path;
        if (!file.note.isEmpty())
            out << " (" << file.note << ')';
        out << '\n';
    }
}

void printReport(QTextStream &out, const WriteReport &report)
{
    const auto list = [&out](const char *label, const QStringList &paths) {
        for (const QString &path : paths)
            out << label << path << '\n';
    };
    list("created    ", report.created);
    list("changed    ", report.changed);
    list("unchanged  ", report.unchanged);
    list("skipped    ", report.skipped);
    list("backed up  ", report.backups);
    out << report.created.size() << " created, " << report.changed.size() << " changed, " << report.unchanged.size()
        << " unchanged, " << report.skipped.size() << " skipped\n";
}

QJsonObject reportJson(const QList<SourceFile> &sources, const Plan &plan, const QList<OutputFile> &files,
                       const std::optional<WriteReport> &report)
{
    QJsonArray sourceArray;
    for (const SourceFile &source : sources) {
        QJsonObject item{{QStringLiteral("file"), source.file}, {QStringLiteral("ok"), bool(source.workstream)}};
        if (!source.id.isEmpty())
            item.insert(QStringLiteral("id"), source.id);
        if (!source.error.isEmpty())
            item.insert(QStringLiteral("errors"), toJsonArray(source.error.split(QLatin1Char('\n'))));
        sourceArray.append(item);
    }
    QJsonArray jobArray;
    for (const PlannedJob &job : plan.jobs) {
        jobArray.append(QJsonObject{{QStringLiteral("job_id"), job.jobId},
                                    {QStringLiteral("workstream_id"), job.workstreamId},
                                    {QStringLiteral("depends_on"), toJsonArray(job.dependsOn)},
                                    {QStringLiteral("file"), job.fileName}});
    }
    QJsonArray fileArray;
    for (const OutputFile &file : files) {
        QJsonObject item{{QStringLiteral("path"), file.path}, {QStringLiteral("action"), toString(file.action)}};
        if (!file.note.isEmpty())
            item.insert(QStringLiteral("note"), file.note);
        fileArray.append(item);
    }
    QJsonObject json{{QStringLiteral("sources"), sourceArray},
                     {QStringLiteral("jobs"), jobArray},
                     {QStringLiteral("plan_errors"), toJsonArray(plan.errors)},
                     {QStringLiteral("files"), fileArray}};
    if (report) {
        json.insert(QStringLiteral("created"), toJsonArray(report->created));
        json.insert(QStringLiteral("changed"), toJsonArray(report->changed));
        json.insert(QStringLiteral("unchanged"), toJsonArray(report->unchanged));
        json.insert(QStringLiteral("skipped"), toJsonArray(report->skipped));
        json.insert(QStringLiteral("backups"), toJsonArray(report->backups));
    }
    return json;
}

// Submits the written (or unchanged) job files as one run.
Result<SubmitReport> submit(Context &context, const QCommandLineParser &parser, const QList<OutputFile> &files)
{
    SubmitOptions submitOptions;
    submitOptions.workingDirectory = QDir::currentPath();
    submitOptions.dataDirectory = dataDirectoryFor(context.databasePath());
    if (parser.isSet(kRunId))
        submitOptions.runId = parser.value(kRunId);
    Engine engine;
    EngineOptions engineOptions;
    engineOptions.worksQueue = false;
    if (Status s = context.openEngine(engine, engineOptions); !s)
        return s.error();
    QStringList paths;
    for (const OutputFile &file : files)
        paths.append(file.path);
    return engine.submit(paths, submitOptions);
}

} // namespace

int convertCommand(Context &context)
{
    QCommandLineParser parser;
    parser.addOptions({kOut, kDryRun, kSubmit, kRunId, kForce, kPerTask, kTool, kIdPattern, kPriority, kTimeout, kRetry,
                       kModel, kAutoCommit, kNoAutoCommit, kJson});
    parser.addPositionalArgument(QStringLiteral("workstreams"), QStringLiteral("Workstream files, folders of *.json, or globs "
                                                                                "such as 'workstreams/ws-*.json'."),
                                 QStringLiteral("WORKSTREAM..."));
    int code = 0;
    if (!context.parse(parser, QStringLiteral("Turn workstream files ({id, title, tool, files_scope, tasks, depends_on}) into "
                                              "job files that pass validate, and optionally submit them.\n"
                                              "A job depends on the last job of each workstream its workstream depends on.\n"
                                              "Exit: 0 all good; 3 an invalid file (skipped, the rest written) or a plan error "
                                              "(nothing written); 6 a file edited since it was converted left alone (use --force)."),
                       code))
        return code;
    if (parser.positionalArguments().isEmpty())
        return context.usage(QStringLiteral("no workstream files given"));
    const bool dryRun = parser.isSet(kDryRun);
    if (!dryRun && !parser.isSet(kOut))
        return context.usage(QStringLiteral("--out DIR is required (or --dry-run)"));
    if (parser.isSet(kRunId) && !parser.isSet(kSubmit))
        return context.usage(QStringLiteral("--run-id needs --submit"));
    auto options = conversionOptions(parser);
    if (!options)
        return context.usage(options.error().message);
    auto tools = context.loadTools();
    if (!tools)
        return context.fail(tools.error());
    options->tools = &*tools;

    auto inputs = expandSources(parser.positionalArguments());
    if (!inputs)
        return context.fail(inputs.error());

    QList<SourceFile> sources;
    int invalidFiles = 0;
    for (const QString &file : std::as_const(*inputs)) {
        sources.append(readWorkstream(file));
        if (!sources.last().workstream) {
            ++invalidFiles;
            context.fail(Error::make(ErrorCode::Parse, sources.last().error));
        }
    }
    const Plan plan = Convert::plan(sources, *options);
    for (const QString &error : plan.errors)
        context.fail(Error::make(ErrorCode::Validation, error));

    const bool json = parser.isSet(kJson);
    QTextStream &out = context.out();
    const qsizetype workstreams = sources.size() - invalidFiles;
    if (!json) {
        out << plural(workstreams, "workstream", "workstreams") << " → " << plural(plan.jobs.size(), "job", "jobs");
        if (invalidFiles > 0)
            out << " (" << plural(invalidFiles, "file", "files") << " skipped)";
        out << '\n';
    }
    if (!plan.ok()) {
        if (json)
            out << QJsonDocument(reportJson(sources, plan, {}, std::nullopt)).toJson(QJsonDocument::Indented);
        else
            out << "nothing written: the plan has " << plural(plan.errors.size(), "error", "errors") << '\n';
        out.flush();
        return ExitInvalid;
    }

    const QList<OutputFile> files = previewOutput(plan, parser.value(kOut), parser.isSet(kForce));
    int conflicts = 0;
    QSet<QString> conflictPaths;
    for (const OutputFile &file : files) {
        if (file.action == OutputFile::Action::Conflict) {
            ++conflicts;
            conflictPaths.insert(file.path);
            context.fail(Error::make(ErrorCode::Conflict, QStringLiteral("%1: not overwritten: %2").arg(file.path, file.note)));
        }
    }
    const int planned = invalidFiles > 0 ? ExitInvalid : conflicts > 0 ? ExitConflict : ExitOk;

    if (dryRun) {
        if (json) {
            out << QJsonDocument(reportJson(sources, plan, files, std::nullopt)).toJson(QJsonDocument::Indented);
        } else {
            printPlan(out, plan);
            printFiles(out, files);
            out << "dry run: nothing written";
            if (parser.isSet(kSubmit))
                out << " or submitted";
            out << '\n';
        }
        out.flush();
        return planned;
    }

    auto report = writeOutput(files);
    if (!report)
        return context.fail(report.error());
    // A file that appeared between the preview and the write is left alone too.
    int result = planned;
    for (const QString &path : std::as_const(report->skipped)) {
        if (!conflictPaths.contains(path)) {
            context.fail(Error::make(ErrorCode::Conflict, QStringLiteral("%1: not overwritten: it appeared while converting").arg(path)));
            if (result == ExitOk)
                result = ExitConflict;
        }
    }
    if (!json)
        printReport(out, *report);
    out.flush();

    QJsonObject submittedJson;
    if (parser.isSet(kSubmit)) {
        if (result != ExitOk) {
            context.fail(Error::make(ErrorCode::Validation, QStringLiteral("nothing submitted: fix the problems above first")));
        } else {
            auto submitted = submit(context, parser, files);
            if (!submitted) {
                result = context.fail(submitted.error());
            } else if (json) {
                submittedJson = QJsonObject{{QStringLiteral("run_ids"), toJsonArray(submitted->runIds)},
                                            {QStringLiteral("job_ids"), toJsonArray(submitted->jobIds)},
                                            {QStringLiteral("queued"), submitted->queued},
                                            {QStringLiteral("waiting"), submitted->waiting}};
            } else {
                out << "submitted " << submitted->jobIds.size() << " job(s) to run " << submitted->runIds.join(QStringLiteral(", "))
                    << ": " << submitted->queued << " queued, " << submitted->waiting << " waiting on dependencies\n";
            }
        }
    }
    if (json) {
        QJsonObject document = reportJson(sources, plan, files, *report);
        if (!submittedJson.isEmpty())
            document.insert(QStringLiteral("submitted"), submittedJson);
        out << QJsonDocument(document).toJson(QJsonDocument::Indented);
    }
    out.flush();
    return result;
}

} // namespace Orchestrator::Cli
