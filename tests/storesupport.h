#pragma once

// Helpers for tests that read the store: a store call that is not under test
// either gives its value or ends the run with its message.

#include <utility>

#include <QString>
#include <QtGlobal>

#include "store/database.h"
#include "store/jobstore.h"

namespace StoreSupport {

template<typename T>
T must(Orchestrator::Result<T> result)
{
    if (!result)
        qFatal("%s", qPrintable(result.error().message));
    return std::move(result).value();
}

inline Orchestrator::JobRecord storedJob(Orchestrator::JobStore &store, const QString &id)
{
    const std::optional<Orchestrator::JobRecord> record = must(store.job(id));
    if (!record)
        qFatal("job %s not found", qPrintable(id));
    return *record;
}

// What the database file at `path` holds now, read on a connection of its
// own (while, or after, an `orchestrator` process writes it).
inline QList<Orchestrator::AttemptRecord> storedAttempts(const QString &path, const QString &jobId)
{
    auto db = must(Orchestrator::Database::open(path));
    Orchestrator::JobStore store(db.connection());
    return must(store.attempts(jobId));
}

inline Orchestrator::JobRecord storedJob(const QString &path, const QString &jobId)
{
    auto db = must(Orchestrator::Database::open(path));
    Orchestrator::JobStore store(db.connection());
    return storedJob(store, jobId);
}

} // namespace StoreSupport
