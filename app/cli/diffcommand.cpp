// `orchestrator diff --job-id ID [--attempt N] [--stat]`: what an attempt of
// a worktree job changed, as the unified diff from the commit it started
// from to the commit of what it left (or, with --stat, the files and counts).

#include <QCommandLineParser>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include "cli/cli.h"
#include "cli/clicontext.h"
#include "api/engine.h"

namespace Orchestrator::Cli {

namespace {

QString countsText(const ChangedFile &file)
{
    if (file.binary)
        return QStringLiteral("binary");
    return QStringLiteral("+%1 \u2212%2").arg(file.insertions).arg(file.deletions);
}

void printStat(QTextStream &out, const JobDiff &diff)
{
    out << "job " << diff.jobId << ", attempt " << diff.attempt << ": " << diff.change.text() << " ("
        << diff.startCommit.left(12) << ".." << diff.resultCommit.left(12) << ")\n";
    qsizetype width = 0;
    for (const ChangedFile &file : std::as_const(diff.change.files))
        width = qMax(width, file.path.size());
    for (const ChangedFile &file : std::as_const(diff.change.files)) {
        out << "  " << file.path.leftJustified(width) << "  " << countsText(file);
        if (diff.change.outOfScope.contains(file.path))
            out << "  (outside the job's files)";
        out << '\n';
    }
}

QJsonObject statJson(const JobDiff &diff)
{
    return QJsonObject{
        {QStringLiteral("job_id"), diff.jobId},
        {QStringLiteral("attempt"), diff.attempt},
        {QStringLiteral("start_commit"), diff.startCommit},
        {QStringLiteral("result_commit"), diff.resultCommit},
        {QStringLiteral("summary"), diff.change.text()},
        {QStringLiteral("files_changed"), QJsonDocument::fromJson(diff.change.filesJson()).array()},
        {QStringLiteral("out_of_scope"), QJsonArray::fromStringList(diff.change.outOfScope)},
    };
}

} // namespace

int diffCommand(Context &context)
{
    QCommandLineParser parser;
    const QCommandLineOption jobId(QStringLiteral("job-id"), QStringLiteral("The job."), QStringLiteral("id"));
    const QCommandLineOption attempt(QStringLiteral("attempt"), QStringLiteral("This attempt (default: the last one)."),
                                     QStringLiteral("n"));
    const QCommandLineOption stat(QStringLiteral("stat"), QStringLiteral("The files changed and their counts instead of the diff."));
    const QCommandLineOption json(QStringLiteral("json"), QStringLiteral("With --stat: print JSON instead of text."));
    parser.addOptions({jobId, attempt, stat, json});
    int code = 0;
    if (!context.parse(parser, QStringLiteral("Show what an attempt of a worktree job changed: the unified diff from the "
                                              "commit it started from."),
                       code))
        return code;
    if (!parser.isSet(jobId))
        return context.usage(QStringLiteral("--job-id is required"));
    if (!parser.positionalArguments().isEmpty())
        return context.usage(QStringLiteral("unexpected argument \"%1\"").arg(parser.positionalArguments().first()));
    int number = 0;
    if (parser.isSet(attempt)) {
        bool ok = false;
        number = parser.value(attempt).toInt(&ok);
        if (!ok || number < 1)
            return context.usage(QStringLiteral("--attempt: expected a positive attempt number, got \"%1\"").arg(parser.value(attempt)));
    }
    Engine engine;
    if (Status s = context.openExisting(engine); !s)
        return context.fail(s.error());
    const bool statOnly = parser.isSet(stat) || parser.isSet(json);
    auto diff = engine.diff(parser.value(jobId), number, !statOnly);
    if (!diff)
        return context.fail(diff.error());
    QTextStream &out = context.out();
    if (parser.isSet(json))
        out << QJsonDocument(statJson(*diff)).toJson(QJsonDocument::Indented);
    else if (statOnly)
        printStat(out, *diff);
    else
        out << QString::fromUtf8(diff->patch);
    return ExitOk;
}

} // namespace Orchestrator::Cli
