// `orchestrator land`, `discard` and `gc`: what happens to the change of a
// worktree job after it ran -- merged into a branch of the user's repository
// in dependency order, given up, or cleaned away.

#include <QCommandLineParser>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include "cli/cli.h"
#include "cli/clicontext.h"
#include "api/engine.h"

namespace Orchestrator::Cli {

namespace {

QString kindWord(LandEntry::Kind kind, bool dryRun)
{
    switch (kind) {
    case LandEntry::Kind::Landed:
        return dryRun ? QStringLiteral("would land") : QStringLiteral("landed");
    case LandEntry::Kind::NothingToLand:
        return QStringLiteral("nothing to land");
    case LandEntry::Kind::AlreadyLanded:
        return QStringLiteral("already landed");
    case LandEntry::Kind::Conflict:
        return dryRun ? QStringLiteral("would conflict") : QStringLiteral("CONFLICT");
    case LandEntry::Kind::NotReached:
        return QStringLiteral("not reached");
    case LandEntry::Kind::NotLandable:
        return QStringLiteral("not landable");
    }
    return {};
}

QString kindKey(LandEntry::Kind kind)
{
    switch (kind) {
    case LandEntry::Kind::Landed:
        return QStringLiteral("landed");
    case LandEntry::Kind::NothingToLand:
        return QStringLiteral("nothing_to_land");
    case LandEntry::Kind::AlreadyLanded:
        return QStringLiteral("already_landed");
    case LandEntry::Kind::Conflict:
        return QStringLiteral("conflict");
    case LandEntry::Kind::NotReached:
        return QStringLiteral("not_reached");
    case LandEntry::Kind::NotLandable:
        return QStringLiteral("not_landable");
    }
    return {};
}

QJsonObject landJson(const LandResult &result)
{
    QJsonArray entries;
    for (const LandEntry &entry : result.entries) {
        entries.append(QJsonObject{
            {QStringLiteral("job_id"), entry.jobId},
            {QStringLiteral("result"), kindKey(entry.kind)},
            {QStringLiteral("commit"), entry.commit},
            {QStringLiteral("reason"), entry.reason},
            {QStringLiteral("conflict_files"), QJsonArray::fromStringList(entry.conflictFiles)},
            {QStringLiteral("summary"), entry.change.text()},
        });
    }
    return QJsonObject{
        {QStringLiteral("dry_run"), result.dryRun},
        {QStringLiteral("repository"), result.repository},
        {QStringLiteral("branch"), result.branch},
        {QStringLiteral("tip_before"), result.tipBefore},
        {QStringLiteral("tip_after"), result.tipAfter},
        {QStringLiteral("checkout"), result.checkoutPath},
        {QStringLiteral("checkout_updated"), result.checkoutUpdated},
        {QStringLiteral("complete"), result.complete()},
        {QStringLiteral("recovered"), QJsonArray::fromStringList(result.recovered)},
        {QStringLiteral("jobs"), entries},
    };
}

void printLand(QTextStream &out, const LandResult &result)
{
    for (const QString &job : result.recovered)
        out << "recorded " << job << " as landed: an interrupted land had landed it\n";
    if (result.branch.isEmpty()) {
        out << "nothing to land\n";
    } else {
        out << (result.dryRun ? "would land into " : "landing into ") << result.branch << " of " << result.repository << ":\n";
    }
    qsizetype idWidth = 0;
    qsizetype kindWidth = 0;
    for (const LandEntry &entry : result.entries) {
        idWidth = qMax(idWidth, entry.jobId.size());
        kindWidth = qMax(kindWidth, kindWord(entry.kind, result.dryRun).size());
    }
    for (const LandEntry &entry : result.entries) {
        out << "  " << kindWord(entry.kind, result.dryRun).leftJustified(kindWidth) << "  " << entry.jobId.leftJustified(idWidth);
        switch (entry.kind) {
        case LandEntry::Kind::Landed:
            out << "  " << entry.change.text();
            if (!result.dryRun)
                out << "  " << entry.commit.left(12);
            break;
        case LandEntry::Kind::AlreadyLanded:
            out << "  " << entry.reason << (entry.commit.isEmpty() ? QString() : QStringLiteral(" (%1)").arg(entry.commit.left(12)));
            break;
        case LandEntry::Kind::Conflict:
            out << "  " << entry.reason;
            if (!entry.conflictFiles.isEmpty())
                out << ": " << entry.conflictFiles.join(QStringLiteral(", "));
            break;
        case LandEntry::Kind::NothingToLand:
        case LandEntry::Kind::NotReached:
        case LandEntry::Kind::NotLandable:
            out << "  " << entry.reason;
            break;
        }
        out << '\n';
    }
    if (!result.branch.isEmpty() && !result.dryRun) {
        if (result.tipBefore == result.tipAfter)
            out << result.branch << " unchanged at " << result.tipBefore.left(12) << '\n';
        else
            out << result.branch << ": " << result.tipBefore.left(12) << " -> " << result.tipAfter.left(12)
                << (result.checkoutUpdated ? QStringLiteral(" (checkout %1 updated)").arg(result.checkoutPath) : QString()) << '\n';
    }
    if (!result.complete())
        out << (result.dryRun ? "the land would stop at the conflict: " : "stopped at the conflict; ") << result.branch
            << (result.dryRun ? " would keep the jobs before it\n" : " holds the jobs before it, its checkout and index are clean\n");
}

QString bytesText(qint64 bytes)
{
    if (bytes < 1024)
        return QStringLiteral("%1 B").arg(bytes);
    if (bytes < 1024 * 1024)
        return QStringLiteral("%1 KiB").arg(double(bytes) / 1024.0, 0, 'f', 1);
    if (bytes < 1024LL * 1024 * 1024)
        return QStringLiteral("%1 MiB").arg(double(bytes) / (1024.0 * 1024.0), 0, 'f', 1);
    return QStringLiteral("%1 GiB").arg(double(bytes) / (1024.0 * 1024.0 * 1024.0), 0, 'f', 2);
}

} // namespace

int landCommand(Context &context)
{
    QCommandLineParser parser;
    const QCommandLineOption run(QStringList{QStringLiteral("run"), QStringLiteral("run-id")},
                                 QStringLiteral("Every succeeded worktree job of this run."), QStringLiteral("id"));
    const QCommandLineOption jobId(QStringLiteral("job-id"),
                                   QStringLiteral("A job (repeatable); the worktree jobs it depends on that have not landed come with it."),
                                   QStringLiteral("id"));
    const QCommandLineOption into(QStringLiteral("into"), QStringLiteral("The branch to land on (default: the branch the run started from)."),
                                  QStringLiteral("branch"));
    const QCommandLineOption squash(QStringLiteral("squash"), QStringLiteral("One single-parent commit per job instead of a merge."));
    const QCommandLineOption dryRun(QStringLiteral("dry-run"), QStringLiteral("Predict the order and conflicts; change nothing."));
    const QCommandLineOption json(QStringLiteral("json"), QStringLiteral("Print JSON instead of text."));
    parser.addOptions({run, jobId, into, squash, dryRun, json});
    int code = 0;
    if (!context.parse(parser, QStringLiteral("Merge the changes of succeeded worktree jobs into a branch, in dependency order, "
                                              "each job whole or not at all.\nStops at the first conflict with the branch as the "
                                              "job before left it. The user's checkout is moved only when it has the branch "
                                              "checked out and is clean."),
                       code))
        return code;
    if (parser.isSet(run) == parser.isSet(jobId))
        return context.usage(QStringLiteral("name a run with --run or jobs with --job-id (not both)"));
    if (!parser.positionalArguments().isEmpty())
        return context.usage(QStringLiteral("unexpected argument \"%1\"").arg(parser.positionalArguments().first()));
    Engine engine;
    if (Status s = context.openExisting(engine); !s)
        return context.fail(s.error());
    LandRequest request;
    request.runId = parser.value(run);
    request.jobIds = parser.values(jobId);
    request.intoBranch = parser.value(into);
    request.squash = parser.isSet(squash);
    request.dryRun = parser.isSet(dryRun);
    auto result = engine.land(request);
    if (!result)
        return context.fail(result.error());
    if (parser.isSet(json))
        context.out() << QJsonDocument(landJson(*result)).toJson(QJsonDocument::Indented);
    else
        printLand(context.out(), *result);
    context.out().flush();
    return result->complete() ? ExitOk : ExitConflict;
}

int discardCommand(Context &context)
{
    QCommandLineParser parser;
    const QCommandLineOption jobId(QStringLiteral("job-id"), QStringLiteral("A job (repeatable)."), QStringLiteral("id"));
    parser.addOptions({jobId});
    int code = 0;
    if (!context.parse(parser, QStringLiteral("Give up the change of finished worktree jobs: remove their worktrees and "
                                              "branches (their attempt refs stay until gc)."),
                       code))
        return code;
    if (!parser.isSet(jobId))
        return context.usage(QStringLiteral("name jobs with --job-id"));
    Engine engine;
    if (Status s = context.openExisting(engine); !s)
        return context.fail(s.error());
    auto report = engine.discardJobs(parser.values(jobId));
    if (!report)
        return context.fail(report.error());
    context.out() << "discarded " << report->acted << " job(s)\n";
    context.out().flush();
    if (!report->problems.isEmpty())
        return context.fail(Error::make(report->problemCode, report->problems.join(QLatin1Char('\n'))));
    return ExitOk;
}

int gcCommand(Context &context)
{
    QCommandLineParser parser;
    const QCommandLineOption olderThan(QStringLiteral("older-than"),
                                       QStringLiteral("Also clean final jobs that finished more than this many days ago (default 14)."),
                                       QStringLiteral("days"), QStringLiteral("14"));
    parser.addOptions({olderThan});
    int code = 0;
    if (!context.parse(parser, QStringLiteral("Remove the worktrees, branches and attempt refs of landed and discarded jobs, "
                                              "and of final jobs older than --older-than days."),
                       code))
        return code;
    bool ok = false;
    const int days = parser.value(olderThan).toInt(&ok);
    if (!ok || days < 0)
        return context.usage(QStringLiteral("--older-than: expected a number of days (0 or more), got \"%1\"").arg(parser.value(olderThan)));
    Engine engine;
    if (Status s = context.openExisting(engine); !s)
        return context.fail(s.error());
    auto summary = engine.gc(days);
    if (!summary)
        return context.fail(summary.error());
    context.out() << "cleaned " << summary->jobs.size() << " job(s): " << summary->worktreesRemoved << " worktree(s), "
                  << summary->branchesRemoved << " branch(es), " << summary->refsRemoved << " attempt ref(s) removed, "
                  << bytesText(summary->bytesFreed) << " freed\n";
    context.out().flush();
    if (!summary->problems.isEmpty())
        return context.fail(Error::make(ErrorCode::Io, summary->problems.join(QLatin1Char('\n'))));
    return ExitOk;
}

} // namespace Orchestrator::Cli
