#pragma once

#include <utility>

#include <QList>
#include <QString>

#include "core/result.h"

namespace Orchestrator::Migration {

// Copies the history of an SQLite database (runs, workstreams, jobs,
// dependencies, attempts, events, errors, stored log output, settings) into
// an empty PostgreSQL database, in one transaction, so the target holds all
// of it or none of it. The source is opened read-only and is never changed.
// Returns the rows copied per table, in copy order.
Result<QList<std::pair<QString, qint64>>> copySqliteToPostgres(const QString &sqliteFile, const QString &postgresUrl);

} // namespace Orchestrator::Migration
