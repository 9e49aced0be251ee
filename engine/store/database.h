#pragma once

#include <QSqlDatabase>
#include <QString>

#include "core/result.h"

namespace Orchestrator {

// One SQLite connection, opened on and used from a single thread. Opening it
// sets WAL, foreign keys and a busy timeout, and brings the schema to the
// current version through numbered migrations. An existing file that is not
// an Orchestrator database is refused, never overwritten.
class Database final
{
public:
    Database() = default;
    ~Database();
    Database(Database &&other) noexcept;
    Database &operator=(Database &&other) noexcept;
    Database(const Database &) = delete;
    Database &operator=(const Database &) = delete;

    static Result<Database> open(const QString &path);

    QSqlDatabase connection() const;
    QString path() const { return m_path; }
    bool isOpen() const { return !m_connectionName.isEmpty(); }

    static int schemaVersion();

private:
    void close();

    QString m_connectionName;
    QString m_path;
};

// Executes one statement; the error names the statement's purpose.
Status execSql(QSqlDatabase db, const QString &sql);

// Files and directories the orchestrator creates are its user's alone.
// Creates `path` and any missing parent, each new one with mode 0700; an
// existing directory (a user's repository, their home) is left as it is.
Status makePrivateDirectory(const QString &path);
// Mode 0600 for an existing file of ours (database, WAL, log); false if it
// could not be set.
bool restrictToOwner(const QString &file);

} // namespace Orchestrator
