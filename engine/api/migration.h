#pragma once

#include <utility>

#include <QList>
#include <QString>

#include "core/result.h"

namespace Orchestrator {

struct MigrationReport
{
    QList<std::pair<QString, qint64>> rowsPerTable;   // in copy order
};

// `orchestrator migrate`: copies the history of the SQLite database
// `sqliteFile` (runs, workstreams, jobs, dependencies, attempts, events,
// errors, stored log output, settings) into the PostgreSQL database at
// `postgresUrl`, which must hold no jobs yet, in one transaction: the target
// holds all of it or none of it. The source is opened read-only and never
// changed. Engines that were alive on the source are not copied.
Result<MigrationReport> migrateToPostgres(const QString &sqliteFile, const QString &postgresUrl);

} // namespace Orchestrator
