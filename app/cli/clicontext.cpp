#include "clicontext.h"

#include <cstdio>

#include "api/engine.h"
#include "core/paths.h"

namespace Orchestrator::Cli {

int exitCodeFor(ErrorCode code)
{
    switch (code) {
    case ErrorCode::None:
        return ExitOk;
    case ErrorCode::Usage:
        return ExitUsage;
    case ErrorCode::Parse:
    case ErrorCode::Schema:
    case ErrorCode::Validation:
        return ExitInvalid;
    case ErrorCode::NotFound:
        return ExitNotFound;
    case ErrorCode::Conflict:
        return ExitConflict;
    case ErrorCode::Io:
    case ErrorCode::Database:
    case ErrorCode::DatabaseDamaged:
    case ErrorCode::DatabaseContention:
        return ExitDatabase;
    }
    return ExitDatabase;
}

Context::Context(QString command, QStringList arguments, QString databasePath)
    : m_command(std::move(command))
    , m_arguments(std::move(arguments))
    , m_databasePath(std::move(databasePath))
    , m_out(stdout)
    , m_err(stderr)
{
}

bool Context::parse(QCommandLineParser &parser, const QString &description, int &exitCode)
{
    parser.setApplicationDescription(description);
    parser.addOption({QStringLiteral("db"), QStringLiteral("Database file, or postgresql://user@host:5432/dbname (password: "
                                                           "PGPASSWORD or ~/.pgpass) (default: $ORCHESTRATOR_DB, "
                                                           "$PIPELINE_DB_PATH, or the XDG data directory)."),
                      QStringLiteral("path|url")});
    const QCommandLineOption help({QStringLiteral("h"), QStringLiteral("help")}, QStringLiteral("Show this help."));
    parser.addOption(help);
    if (!parser.parse(QStringList{QStringLiteral("orchestrator ") + m_command} + m_arguments)) {
        exitCode = usage(parser.errorText());
        return false;
    }
    if (parser.isSet(help)) {
        m_out << parser.helpText();
        m_out.flush();
        exitCode = ExitOk;
        return false;
    }
    return true;
}

int Context::fail(const Error &error)
{
    const QStringList lines = error.message.split(QLatin1Char('\n'), Qt::SkipEmptyParts);
    for (const QString &line : lines)
        m_err << "orchestrator " << m_command << ": " << line << '\n';
    m_err.flush();
    return exitCodeFor(error.code);
}

void Context::warn(const QStringList &warnings)
{
    for (const QString &warning : warnings)
        m_err << "orchestrator " << m_command << ": warning: " << warning << '\n';
    m_err.flush();
}

int Context::usage(const QString &message)
{
    m_err << "orchestrator " << m_command << ": " << message << '\n'
          << "Try 'orchestrator " << m_command << " --help'.\n";
    m_err.flush();
    return ExitUsage;
}

bool Context::isPostgres() const
{
    return isPostgresUrl(m_databasePath);
}

QString Context::dataDirectory() const
{
    return dataDirectoryFor(m_databasePath);
}

Status Context::openEngine(Engine &engine, EngineOptions options) const
{
    return engine.open(m_databasePath, options);
}

Status Context::openExisting(Engine &engine) const
{
    EngineOptions options;
    options.worksQueue = false;
    options.createIfMissing = false;
    return openEngine(engine, options);
}

Result<ToolRegistry> Context::loadTools() const
{
    return ToolRegistry::load();
}

} // namespace Orchestrator::Cli
