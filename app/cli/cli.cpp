#include "cli.h"

#include <cstdio>

#include <QCoreApplication>
#include <QTextStream>

#include "cli/clicontext.h"
#include "core/paths.h"

namespace Orchestrator::Cli {

// migratecommand.cpp
int migrateCommand(Context &context);
// usagecommand.cpp
int usageCommand(Context &context);
// resubmitcommand.cpp
int resubmitCommand(Context &context);

namespace {

struct Command
{
    const char *name;
    const char *summary;
    int (*function)(Context &);
};

constexpr Command kCommands[] = {
    {"run-job", "Run one job file now and exit with the job's exit code", runJobCommand},
    {"status", "Show a job's state, attempts, log and why it is not running", statusCommand},
    {"submit", "Validate job files and queue them", submitCommand},
    {"run", "Submit job files and work them until all are final", runCommand},
    {"worker", "Work the queue until stopped", workerCommand},
    {"list", "List jobs (or runs) with filters", listCommand},
    {"logs", "Print a job's log, optionally following it", logsCommand},
    {"diff", "Show what an attempt of a worktree job changed", diffCommand},
    {"land", "Merge worktree jobs' changes into a branch, in dependency order", landCommand},
    {"discard", "Remove finished worktree jobs' worktrees and branches", discardCommand},
    {"gc", "Remove worktrees, branches and refs of landed, discarded and old jobs", gcCommand},
    {"retry", "Retry failed jobs", retryCommand},
    {"resubmit", "Submit a new job from an old job's spec (run again, duplicate, --edit)", resubmitCommand},
    {"cancel", "Cancel jobs or a whole run", cancelCommand},
    {"pause", "Pause the queue (running attempts continue)", pauseCommand},
    {"resume", "Resume the queue", resumeCommand},
    {"validate", "Check job files without submitting them", validateCommand},
    {"tools", "List tool profiles and whether each program is installed", toolsCommand},
    {"settings", "Show or change per-tool caps and the rate-limit wait every engine shares", settingsCommand},
    {"usage", "Tokens and cost of AI-tool attempts, by tool, model, workstream, day or run", usageCommand},
    {"graph", "Write a run's job graph as SVG, PNG or DOT (no display needed)", graphCommand},
    {"convert", "Turn workstream files into job files (and submit them)", convertCommand},
    {"migrate", "Copy an SQLite database's history into an empty PostgreSQL database", migrateCommand},
};

const Command *findCommand(const QString &name)
{
    for (const Command &command : kCommands) {
        if (name == QLatin1String(command.name))
            return &command;
    }
    return nullptr;
}

// --db may come before or after the command; it is taken out here.
QString takeDatabaseOption(QStringList &arguments)
{
    QString path;
    for (int i = 0; i < arguments.size(); ++i) {
        const QString &arg = arguments.at(i);
        if (arg == QLatin1String("--db") && i + 1 < arguments.size()) {
            path = arguments.at(i + 1);
            arguments.remove(i, 2);
            --i;
        } else if (arg.startsWith(QLatin1String("--db="))) {
            path = arg.mid(5);
            arguments.remove(i);
            --i;
        }
    }
    return path;
}

} // namespace

bool isCommandLine(const QStringList &arguments)
{
    QStringList rest = arguments;
    takeDatabaseOption(rest);
    if (rest.isEmpty())
        return false;
    const QString &first = rest.first();
    return first != QLatin1String("gui");
}

bool needsGuiApplication(const QStringList &arguments)
{
    QStringList rest = arguments;
    takeDatabaseOption(rest);
    if (rest.isEmpty() || rest.first() != QLatin1String("graph"))
        return false;
    for (qsizetype i = 1; i < rest.size(); ++i) {
        const QString &arg = rest.at(i);
        const QString value = arg.startsWith(QLatin1String("--out=")) ? arg.mid(6)
                              : (arg == QLatin1String("--out") && i + 1 < rest.size()) ? rest.at(i + 1) : QString();
        if (value.endsWith(QLatin1String(".png"), Qt::CaseInsensitive))
            return true;
    }
    return false;
}

int printUsage(bool toStderr)
{
    QTextStream stream(toStderr ? stderr : stdout);
    stream << "Usage: orchestrator [--db PATH|URL] COMMAND [options]\n\n"
              "Runs command-line jobs described in JSON files, with priorities, dependencies,\n"
              "retries and timeouts; all state is kept in an SQLite database, or in a shared\n"
              "PostgreSQL database (--db postgresql://user@host:5432/dbname; the password\n"
              "comes from PGPASSWORD or ~/.pgpass).\n\nCommands:\n";
    for (const Command &command : kCommands)
        stream << "  " << QString::fromLatin1(command.name).leftJustified(10) << "  " << command.summary << '\n';
    stream << "\nRun 'orchestrator COMMAND --help' for a command's options.\n"
              "Database: " << defaultDatabasePath() << " (override with --db or ORCHESTRATOR_DB)\n";
    return toStderr ? ExitUsage : ExitOk;
}

int run(const QStringList &originalArguments)
{
    QStringList arguments = originalArguments;
    QString database = takeDatabaseOption(arguments);
    if (arguments.isEmpty())
        return printUsage(true);
    const QString name = arguments.takeFirst();
    if (name == QLatin1String("--help") || name == QLatin1String("-h") || name == QLatin1String("help"))
        return printUsage(false);
    if (name == QLatin1String("--version")) {
        QTextStream(stdout) << "orchestrator " << QCoreApplication::applicationVersion() << '\n';
        return ExitOk;
    }
    const Command *command = findCommand(name);
    if (!command) {
        QTextStream(stderr) << "orchestrator: unknown command \"" << name << "\"\n";
        return printUsage(true);
    }
    if (database.isEmpty()) {
        // A server URL is taken as it is (defaultDatabasePath() makes paths absolute).
        const QString fromEnvironment = qEnvironmentVariable("ORCHESTRATOR_DB");
        database = isPostgresUrl(fromEnvironment) ? fromEnvironment : defaultDatabasePath();
    }
    Context context(name, arguments, database);
    return command->function(context);
}

} // namespace Orchestrator::Cli
