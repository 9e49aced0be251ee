// `orchestrator migrate --from FILE --to postgresql://...`: copies the
// history of an SQLite database (runs, workstreams, jobs, dependencies,
// attempts, events, errors, stored log output, settings) into an empty
// PostgreSQL database, in one transaction, so the target holds all of it or
// none of it. The source is opened read-only and is never changed.

#include "cli/cli.h"
#include "cli/clicontext.h"
#include "api/migration.h"
#include "core/paths.h"

namespace Orchestrator::Cli {

int migrateCommand(Context &context)
{
    QCommandLineParser parser;
    const QCommandLineOption fromOption(QStringLiteral("from"), QStringLiteral("The SQLite database file to copy from (read only)."),
                                        QStringLiteral("file"));
    const QCommandLineOption toOption(QStringLiteral("to"), QStringLiteral("The PostgreSQL database to copy into, as "
                                                                           "postgresql://user@host:port/dbname; it must hold no "
                                                                           "jobs yet. The password comes from PGPASSWORD or ~/.pgpass."),
                                      QStringLiteral("url"));
    parser.addOptions({fromOption, toOption});
    int code = 0;
    if (!context.parse(parser, QStringLiteral("Copy the history of an SQLite database (runs, jobs, attempts, events, errors, "
                                              "logs, settings) into an empty PostgreSQL database, in one transaction."),
                       code))
        return code;
    if (!parser.positionalArguments().isEmpty())
        return context.usage(QStringLiteral("unexpected argument \"%1\"").arg(parser.positionalArguments().first()));
    const QString fromPath = parser.value(fromOption);
    const QString toUrl = parser.value(toOption);
    if (fromPath.isEmpty() || toUrl.isEmpty())
        return context.usage(QStringLiteral("name the source with --from FILE and the target with --to postgresql://..."));
    if (!isPostgresUrl(toUrl))
        return context.usage(QStringLiteral("--to %1: not a PostgreSQL URL (postgresql://user@host:port/dbname)").arg(toUrl));

    auto report = migrateToPostgres(fromPath, toUrl);
    if (!report)
        return context.fail(report.error());

    context.out() << "Copied " << fromPath << " to " << toUrl << ":\n";
    for (const auto &[table, rows] : std::as_const(report->rowsPerTable))
        context.out() << "  " << table.leftJustified(14) << ' ' << rows << '\n';
    context.out().flush();
    return ExitOk;
}

} // namespace Orchestrator::Cli
