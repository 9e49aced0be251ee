#pragma once

#include <optional>

#include <QElapsedTimer>
#include <QString>

#include "core/result.h"

namespace Orchestrator::DatabaseFiles {

// SQLite's locks on a database file are POSIX advisory locks: they belong to
// the process, and closing *any* descriptor of the file in the process drops
// all of them (SQLite's "How To Corrupt An SQLite Database File", 2.2). A
// file dialog or a reader that opens and closes the database, its -wal or its
// -shm therefore leaves this process's connections unprotected: the next
// process to close believes it is the last and deletes the WAL under them.
//
// This registry knows the SQLite files this process has open (by device and
// inode, never by opening them), so every place that opens a file a user
// named can refuse the ones that must be left to SQLite, and every engine can
// check that its files are still the ones on disk and still locked.

// Called by the store around each SQLite connection of a file.
// `locking`: false for a file opened immutable (a read-only medium).
void connectionOpened(const QString &databaseFile, bool locking = true);
void connectionClosed(const QString &databaseFile);
// Connections of `databaseFile` this process has open.
int openConnections(const QString &databaseFile);

// True when `path` is (by device and inode, or by name beside it) an SQLite
// database this process has open, or its -wal, -shm or -journal file.
// Never opens `path`.
bool isInUse(const QString &path);
// An Io error naming `path` and why it is not read or written when
// isInUse(path), for reading or (`forWriting`) for writing it.
Status refuseIfInUse(const QString &path, bool forWriting = false);

// Whether this process's files of `databaseFile` are intact: its open -wal
// (and the database itself) are still the files on disk, not unlinked or
// replaced, and the process still holds its shared lock on the database
// (/proc/locks). An error in words when not. Linux only; elsewhere, and for a
// file this process has not yet read, it reports no problem.
Status checkIntact(const QString &databaseFile);

// Asks every connection of `databaseFile` in this process to close so they
// can be opened afresh (SQLite shares its lock state and the -shm mapping
// among the connections of a process: only when the last one has closed does
// a new one see the files on disk). Pending until openConnections() is 0.
// True if this call made the request (false: already pending, or no connection).
bool requestReopen(const QString &databaseFile);
bool reopenPending(const QString &databaseFile);
// Clears the request once no connection is open; true if none was pending
// or it was cleared, false while connections are still open.
bool clearReopenWhenClosed(const QString &databaseFile);

// What an engine's connection does on each tick: at most once a second it
// checks the files (checkIntact) and, when they changed, asks the process
// to reopen. Both the scheduler and the feed of one process use one each.
class ReopenCheck final
{
public:
    ReopenCheck() { m_clock.start(); }

    // Whether this connection must close for a reopen: nothing (no),
    // or the line to show, empty when the request was already made (by
    // this process's other connection, which says it).
    // `requested`: Database::mustReopen() of the caller's connection.
    std::optional<QString> due(const QString &databaseFile, bool requested);

    static constexpr int kIntervalMs = 1000;

private:
    QElapsedTimer m_clock;
    qint64 m_last = -1;          // m_clock ms of the last check
};

} // namespace Orchestrator::DatabaseFiles
