#pragma once

#include <QString>

#include "core/result.h"

namespace Orchestrator {

// Where things live, for the engine, the command line and the dashboard
// alike. Nothing here opens a database.

// True for "postgresql://..." and "postgres://...": everything else is an
// SQLite file path.
bool isPostgresUrl(const QString &databasePath);

// The default database: ORCHESTRATOR_DB, else the predecessor's
// PIPELINE_DB_PATH, else <XDG data dir>/orchestrator/orchestrator.db.
QString defaultDatabasePath();
// Where default logs and error reports go for a database: next to an SQLite
// file; for PostgreSQL, this user's local data directory (each machine keeps
// its own log files).
QString dataDirectoryFor(const QString &databasePath);

// Files and directories the orchestrator creates are its user's alone.
// Creates `path` and any missing parent, each new one with mode 0700; an
// existing directory (a user's repository, their home) is left as it is.
Status makePrivateDirectory(const QString &path);
// Mode 0600 for an existing file of ours (database, WAL, log); false if it
// could not be set.
bool restrictToOwner(const QString &file);

} // namespace Orchestrator
