#pragma once

#include <QCommandLineParser>
#include <QString>
#include <QStringList>
#include <QTextStream>

#include "api/enginetypes.h"
#include "core/result.h"
#include "tools/toolregistry.h"

namespace Orchestrator {
class Engine;
}

namespace Orchestrator::Cli {

// Documented in README.md ("Exit codes").
enum ExitCode {
    ExitOk = 0,
    ExitJobsFailed = 1,      // some job did not succeed
    ExitUsage = 2,           // bad command-line use
    ExitInvalid = 3,         // a job file or submission is invalid
    ExitNotFound = 4,        // no such job / run
    ExitDatabase = 5,        // database or file-system error
    ExitConflict = 6,        // the job's state does not allow it
    ExitInterrupted = 130,   // stopped by SIGINT/SIGTERM
};

int exitCodeFor(ErrorCode code);

// What every command gets: its arguments, the database path, and the streams.
class Context final
{
public:
    Context(QString command, QStringList arguments, QString databasePath);

    const QString &command() const { return m_command; }
    // An SQLite file, or a PostgreSQL URL (see isPostgres()).
    const QString &databasePath() const { return m_databasePath; }
    bool isPostgres() const;
    // Where logs and error reports of jobs submitted from here go by
    // default: next to an SQLite file; for PostgreSQL, this user's local
    // data directory (each machine keeps its own log files).
    QString dataDirectory() const;

    // Sets up `parser` for this command (help, --db) and parses. Returns false
    // and sets `exitCode` when the command should end now (help, bad use).
    bool parse(QCommandLineParser &parser, const QString &description, int &exitCode);

    QTextStream &out() { return m_out; }
    // One line per problem, on stderr; returns the exit code for `error`.
    int fail(const Error &error);
    int usage(const QString &message);
    // "orchestrator COMMAND: warning: ..." on stderr, one line each.
    void warn(const QStringList &warnings);

    // Opens `engine` on the context's database. Commands and queries only
    // unless `options` say it works the queue; options.createIfMissing false:
    // a missing database is an error (a mistyped --db must not look like an
    // empty queue).
    Status openEngine(Engine &engine, EngineOptions options) const;
    // An engine for commands and queries, on a database that must exist.
    Status openExisting(Engine &engine) const;
    Result<ToolRegistry> loadTools() const;

private:
    QString m_command;
    QStringList m_arguments;
    QString m_databasePath;
    QTextStream m_out;
    QTextStream m_err;
};

} // namespace Orchestrator::Cli
