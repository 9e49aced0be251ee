#include "jobspec.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QJsonValue>

#include "spec/jobschema.h"
#include "spec/jsontext.h"

namespace Orchestrator {

namespace {

struct Text
{
    Q_DECLARE_TR_FUNCTIONS(Orchestrator::JobSpec)
};

QString stringField(const QJsonObject &object, const char *key)
{
    return object.value(QLatin1String(key)).toString();
}

QStringList stringList(const QJsonValue &value)
{
    QStringList list;
    const QJsonArray array = value.toArray();
    list.reserve(array.size());
    for (const QJsonValue &item : array)
        list.append(item.toString());
    return list;
}

// "dependencies" and its alias "depends_on", in order of first mention.
QStringList mergedDependencies(const QJsonObject &object)
{
    QStringList merged = stringList(object.value(QLatin1String("dependencies")));
    merged += stringList(object.value(QLatin1String("depends_on")));
    merged.removeDuplicates();
    return merged;
}

// The object has passed the schema, so every field present has the right type.
JobSpec fill(const QJsonObject &object)
{
    JobSpec spec;
    spec.raw = object;
    spec.jobId = stringField(object, "job_id");
    spec.runId = stringField(object, "run_id");
    spec.runTitle = stringField(object, "run_title");
    spec.workstreamId = stringField(object, "workstream_id");
    spec.tool = stringField(object, "tool");
    spec.files = stringList(object.value(QLatin1String("files")));
    spec.instructions = stringField(object, "instructions");
    spec.config = object.value(QLatin1String("config")).toObject();
    spec.dependencies = mergedDependencies(object);

    const QJsonValue command = object.value(QLatin1String("command"));
    if (command.isObject()) {
        spec.hasCommand = true;
        spec.commandExe = stringField(command.toObject(), "exe");
        spec.commandArgs = stringList(command.toObject().value(QLatin1String("args")));
    }

    const QJsonObject env = object.value(QLatin1String("env")).toObject();
    for (auto it = env.begin(); it != env.end(); ++it)
        spec.env.insert(it.key(), it.value().toString());

    const QJsonObject paths = object.value(QLatin1String("paths")).toObject();
    spec.repoRoot = stringField(paths, "repo_root");
    spec.workingDir = stringField(paths, "working_dir");
    spec.logFile = stringField(paths, "log_file");
    spec.errorReport = stringField(paths, "error_report");
    spec.allowOutsidePaths = paths.value(QLatin1String("allow_outside")).toBool(false);

    const QJsonObject metadata = object.value(QLatin1String("metadata")).toObject();
    spec.timeoutSeconds = metadata.value(QLatin1String("timeout_seconds")).toInt(0);
    spec.failOnCrash = stringField(metadata, "on_crash") == QLatin1String("fail");
    spec.isolation = isolationFromString(stringField(metadata, "isolation"));

    const QJsonValue priority = object.value(QLatin1String("priority"));
    if (priority.isString())
        spec.priority = priorityFromString(priority.toString());
    return spec;
}

} // namespace

QString runTitleProblem(const QString &title)
{
    if (title.size() > kMaxRunTitleLength)
        return Text::tr("expected a run title of at most %1 characters, got %2").arg(kMaxRunTitleLength).arg(title.size());
    for (const QChar c : title) {
        if (c.category() == QChar::Other_Control)
            return Text::tr("expected a run title on one line, without control characters, got %1").arg(JsonText::compact(title));
    }
    return {};
}

Result<JobSpec> parseJobObject(const QJsonObject &object, const QString &sourceName)
{
    // In-memory jobs have no file to name; say what it is instead.
    const QString source = sourceName.isEmpty() ? Text::tr("job") : sourceName;

    const QStringList problems = JobSchema::instance().validate(object, source);
    if (!problems.isEmpty())
        return Error::make(ErrorCode::Schema, problems.join(QLatin1Char('\n')));

    JobSpec spec = fill(object);
    spec.sourceFile = sourceName;
    // The schema has checked the length; a line break would break every list.
    if (const QString problem = runTitleProblem(spec.runTitle); !problem.isEmpty())
        return Error::make(ErrorCode::Schema, source + QStringLiteral(": /run_title: ") + problem);

    const QJsonValue retry = object.value(QLatin1String("metadata")).toObject().value(QLatin1String("retry_policy"));
    Result<RetryPolicy> policy = RetryPolicy::parse(retry, source + QLatin1String(": /metadata/retry_policy"));
    if (!policy)
        return policy.error();
    spec.retry = std::move(policy).value();
    return spec;
}

Result<JobSpec> loadJobFile(const QString &path)
{
    Result<QJsonObject> object = JsonText::readObjectFile(path);
    if (!object)
        return object.error();
    return parseJobObject(*object, path);
}

Result<JobSpec> parseJobBytes(const QByteArray &data, const QString &sourceName)
{
    Result<QJsonObject> object = JsonText::parseObject(data, sourceName);
    if (!object)
        return object.error();
    return parseJobObject(*object, sourceName);
}

} // namespace Orchestrator
