#pragma once

#include <QSqlDatabase>
#include <QString>

#include "core/paths.h"
#include "core/result.h"

namespace Orchestrator {

// The two SQL databases the store speaks. Every difference between them
// lives here: the store writes its SQL once, in SQLite's spelling, and
// Dialect::translate() rewrites it for PostgreSQL.
enum class SqlDialect { Sqlite, Postgres };

// Where a PostgreSQL database is, as given by --db / ORCHESTRATOR_DB:
// postgresql://user@host:5432/dbname?sslmode=require. The password never
// comes from here (libpq reads PGPASSWORD and ~/.pgpass itself).
struct PostgresUrl
{
    QString host;
    int port = 5432;
    QString user;
    QString database;
    QString options;        // libpq keywords from the query string, "k=v k=v"

    // The URL without any secret, for messages.
    QString display() const;
};

namespace Dialect {

// Usage error when the URL is malformed or carries a password (the password
// is not repeated in the message).
Result<PostgresUrl> parsePostgresUrl(const QString &url);

SqlDialect of(const QSqlDatabase &db);

// Rewrites one statement written for SQLite: INSERT OR IGNORE becomes
// ON CONFLICT DO NOTHING, BEGIN IMMEDIATE becomes BEGIN, CROSS JOIN ... ON
// becomes JOIN ... ON; in DDL, INTEGER becomes BIGINT (times are ms since the
// epoch), AUTOINCREMENT keys become identity columns and BLOB becomes BYTEA.
QString translate(SqlDialect dialect, const QString &sql);

// PostgreSQL: the advisory lock every write transaction takes first (see
// JobStore::WriteLock): shared by the schedulers' ticks, which are correct
// beside each other by row locks and conditional updates; exclusive for the
// rest (submission, users' commands), written for one writer at a time as
// SQLite's BEGIN IMMEDIATE has it.
constexpr qint64 kWriteLockKey = 0x4f52434857; // "ORCHW"
// PostgreSQL: the advisory lock schema creation and migration take.
constexpr qint64 kMigrationLockKey = 0x4f5243484d; // "ORCHM"

} // namespace Dialect

} // namespace Orchestrator
