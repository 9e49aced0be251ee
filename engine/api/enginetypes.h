#pragma once

#include <QList>
#include <QMap>
#include <QString>
#include <QStringList>

#include "core/records.h"
#include "core/result.h"
#include "tools/toolregistry.h"

namespace Orchestrator {

// How an Engine is opened (Engine::open). The defaults are an engine that
// works the queue of a database it creates if needed: the dashboard's.
struct EngineOptions
{
    // False: the engine is opened for commands and queries only (submit,
    // cancel, status, ...): it loads no tool profiles until a submission
    // needs them, does not check the whole file for damage, and start()
    // does nothing.
    bool worksQueue = true;
    // False: a missing SQLite file is NotFound instead of a new, empty
    // database (a mistyped --db must not look like an empty queue). A server
    // database is created by whoever first connects to it either way.
    bool createIfMissing = true;

    // What an engine that works the queue does; worker slots are start()'s.
    QString name;              // shown in the Workers view; empty: none
    QStringList onlyRuns;      // non-empty: claim only jobs of these runs (see also Engine::setOnlyRuns)
    QStringList onlyJobs;      // non-empty: claim only these jobs
    int leaseSeconds = EngineRecord::kDefaultLeaseSeconds;  // a claim expires unless renewed (every quarter of it)
    int pollIntervalMs = 250;  // how often other processes' submissions are noticed
    // Tool output also stored in the database per attempt, in bytes (0:
    // none; -1: the database's log_db_cap_bytes setting, else 4 MiB).
    qint64 logCapBytes = -1;
    // PostgreSQL: an engine that holds no job and cannot reach the server
    // gives up (fatalError, stopped()) after a lease's time, so a supervisor
    // can start it afresh (the command line). False: it keeps trying (the
    // dashboard).
    bool giveUpWhenIdle = false;
};

// A job's full status, as `orchestrator status` shows it.
struct JobStatus
{
    JobRecord job;
    QString runTitle;                  // empty: the run has none
    QStringList dependencies;
    QList<AttemptRecord> attempts;
    QString why;                       // why it is (not) running, in words
};

// What one attempt of a worktree job changed (Engine::diff).
struct JobDiff
{
    QString jobId;
    int attempt = 0;
    QString worktreePath;
    QString branch;
    QString startCommit;               // what the attempt started from
    QString resultCommit;              // what it left (equal: no change)
    ChangeSummary change;
    QByteArray patch;                  // the unified diff; empty when not asked for
};

// How far some jobs of some runs are, per state name: `own` counts the jobs
// named (one submission's), `others` the rest of their runs.
struct RunProgress
{
    QMap<QString, int> own;
    QMap<QString, int> others;
};

// What a command applied to many jobs in one transaction did.
struct BatchReport
{
    int acted = 0;                     // jobs named that it acted on
    QStringList changed;               // every job whose state changed, dependents included, once each
    QStringList problems;              // one line per job named that it could not act on
    ErrorCode problemCode = ErrorCode::None;   // the code of the last problem
};

// A tool profile and where its program was found on this machine.
struct ToolInfo
{
    ToolProfile profile;
    QString path;                      // empty: not installed (not on PATH, or not executable)
};

} // namespace Orchestrator
