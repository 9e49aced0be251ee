#pragma once

#include <QSqlDatabase>
#include <QSqlError>
#include <QString>

#include "core/paths.h"
#include "core/result.h"
#include "store/dialect.h"

namespace Orchestrator {

// One database connection, opened on and used from a single thread: an SQLite
// file (the default) or, for a URL postgresql://user@host:port/dbname, a
// PostgreSQL database through Qt's QPSQL driver. Opening it brings the schema
// to the current version through the same numbered migrations for both. For
// SQLite it sets WAL, foreign keys and a busy timeout; an existing file that
// is not an Orchestrator database is refused, never overwritten.
class Database final
{
public:
    Database() = default;
    ~Database();
    Database(Database &&other) noexcept;
    Database &operator=(Database &&other) noexcept;
    Database(const Database &) = delete;
    Database &operator=(const Database &) = delete;

    // `path`: an SQLite file, ":memory:", or a PostgreSQL URL (no password:
    // PGPASSWORD or ~/.pgpass). `applicationName` is shown by PostgreSQL
    // (pg_stat_activity) for this connection.
    static Result<Database> open(const QString &path, const QString &applicationName = QString());

    QSqlDatabase connection() const;
    // The file, or for PostgreSQL the URL (never with a password).
    QString path() const { return m_path; }
    SqlDialect dialect() const { return m_dialect; }
    bool isPostgres() const { return m_dialect == SqlDialect::Postgres; }
    // PostgreSQL: closes and opens the connection again after the server
    // dropped it. Prepared queries of the old connection are invalid.
    Status reconnect();
    // The connection is open and the server answers a trivial statement.
    bool answers() const;
    bool isOpen() const { return !m_connectionName.isEmpty(); }
    // SQLite: the process's connections of this file are asked to close and
    // open again (DatabaseFiles::requestReopen): drop this one (destroy or
    // assign a new Database) at the next opportunity.
    bool mustReopen() const;

    static int schemaVersion();

    // SQLite's quick_check over the whole file (about a second per 100 MB):
    // DatabaseDamaged with the advice of describeSqlError() when a page is
    // corrupt. Long-running engines call it before their first write, as
    // SQLite itself only notices damage on the pages a statement reads.
    Status checkIntegrity() const;

private:
    static Result<Database> openPostgres(const QString &url, const QString &applicationName);
    void close();

    QString m_connectionName;
    QString m_path;
    SqlDialect m_dialect = SqlDialect::Sqlite;
    bool m_registered = false;   // counted in DatabaseFiles (an SQLite file)
};

// How long a connection waits for another one's write lock before it reports
// "database is locked": 10 s, or ORCHESTRATOR_BUSY_TIMEOUT_MS (for tests).
int busyTimeoutMs();

// SQLite's message plus, for the failures a user can act on (busy, read-only,
// disk full, damaged file, I/O error), what it means and what to do. `path`
// is the database file, used in the advice.
QString describeSqlError(const QSqlError &error, const QString &path);

// The file behind a connection, for messages (also when it was opened through
// a file: URI, as on a read-only file system).
QString databaseFile(const QSqlDatabase &db);

// DatabaseDamaged when SQLite reports a corrupt file (retrying cannot help),
// Database for every other failure.
ErrorCode sqlErrorCode(const QSqlError &error);

// Executes one statement; the error names the statement's purpose.
Status execSql(QSqlDatabase db, const QString &sql);

} // namespace Orchestrator
