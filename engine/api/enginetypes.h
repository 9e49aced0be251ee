#pragma once

#include <algorithm>
#include <optional>

#include <QJsonObject>
#include <QList>
#include <QMap>
#include <QString>
#include <QStringList>

#include "core/records.h"
#include "core/result.h"
#include "tools/toolcheck.h"
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

// Which jobs Engine::land() merges, into what, and how.
struct LandRequest
{
    QString runId;                     // every job of this run...
    QStringList jobIds;                // ...or these (with the worktree jobs they depend on that have not landed)
    QString intoBranch;                // empty: the jobs' base branch (where the run started)
    bool squash = false;               // one single-parent commit per job instead of a merge
    bool dryRun = false;               // predict, and change nothing
};

// What land did (or, on a dry run, would do) with one job.
struct LandEntry
{
    enum class Kind {
        Landed,          // its change is in the branch now (dry run: would be)
        NothingToLand,   // it changed nothing
        AlreadyLanded,   // landed before (commit: the branch's commit then)
        Conflict,        // stopped the land: its change conflicts with the branch
        NotReached,      // after the conflict: not tried
        NotLandable,     // failed, cancelled, still running, not in a worktree, discarded: reason
    };
    QString jobId;
    Kind kind = Kind::NotLandable;
    QString commit;                    // Landed: the branch's commit right after it
    QString reason;                    // in words: why it did not land, or what conflicted
    QStringList conflictFiles;
    ChangeSummary change;              // what the job changed, from its base
};

// What one land did, in landing order (dependencies first, then submission
// order); jobs it could not consider come last.
struct LandResult
{
    bool dryRun = false;
    QString repository;                // the top of the user's checkout
    QString branch;
    QString tipBefore;
    QString tipAfter;                  // == tipBefore on a dry run or when nothing landed
    QString checkoutPath;              // where the branch is checked out, if it is
    bool checkoutUpdated = false;      // that checkout's files were moved with the branch
    QList<LandEntry> entries;
    // Jobs an interrupted land had landed, recorded now (kill -9 during a land).
    QStringList recovered;

    int count(LandEntry::Kind kind) const
    {
        return int(std::count_if(entries.cbegin(), entries.cend(), [kind](const LandEntry &e) { return e.kind == kind; }));
    }
    // False when a job conflicted: the land stopped there.
    bool complete() const { return count(LandEntry::Kind::Conflict) == 0; }
};

// What Engine::gc() removed.
struct GcSummary
{
    QStringList jobs;                  // whose worktree, branch and attempt refs are gone
    int worktreesRemoved = 0;
    int branchesRemoved = 0;
    int refsRemoved = 0;
    qint64 bytesFreed = 0;             // the worktrees' files (git's objects stay until git gc prunes them)
    QStringList problems;              // one line per job it could not clean
};

// Settings every engine on a database shares, kept in the database: the
// dashboard's Settings and `orchestrator settings` change them, running
// engines pick them up within seconds.
struct SharedSettings
{
    // Attempts of a tool running at once on every engine; 0: no cap. They
    // override the tools files' "limits"; a tool not named keeps its own.
    QMap<QString, int> toolLimits;
    // How long a job may wait for AI tools' rate limits in all before a rate
    // limit fails it.
    double rateLimitMaxWaitHours = 6;

    friend bool operator==(const SharedSettings &, const SharedSettings &) = default;
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

// How Engine::usage() groups attempts: by the attempt's tool, its model
// (empty: the tool named none), its job's workstream (within its run), the
// local day it started (YYYY-MM-DD) or its run.
enum class UsageGrouping { Tool, Model, Workstream, Day, Run };

QString toString(UsageGrouping by);  // "tool", "model", "workstream", "day", "run"
std::optional<UsageGrouping> usageGroupingFromString(const QString &text);

// Which attempts Engine::usage() adds up: those of AI tools whose events were
// read (a profile's "events"), finished, of one run or all, since a time.
struct UsageQuery
{
    QString runId;                     // empty: every run
    std::optional<qint64> since;       // started at or after, ms since the epoch; none: ever
    UsageGrouping by = UsageGrouping::Tool;
};

// The attempts of one group and what they used.
struct UsageRow
{
    QString key;                       // the tool, model, workstream, day or run
    QString runId;                     // by workstream: the workstream's run
    qint64 attempts = 0;
    qint64 inputTokens = 0;            // every input token, cached ones included
    qint64 cachedInputTokens = 0;
    qint64 outputTokens = 0;
    double costUsd = 0;                // of the attempts whose cost is known: the tools' figures and estimates
    double estimatedCostUsd = 0;       // of costUsd, estimated from the price table
    qint64 unknownCost = 0;            // attempts whose cost is unknown (not in costUsd)

    bool anyCostKnown() const { return attempts > unknownCost; }
    void add(const UsageRow &other)
    {
        attempts += other.attempts;
        inputTokens += other.inputTokens;
        cachedInputTokens += other.cachedInputTokens;
        outputTokens += other.outputTokens;
        costUsd += other.costUsd;
        estimatedCostUsd += other.estimatedCostUsd;
        unknownCost += other.unknownCost;
    }
};

// What Engine::usage() found: one row per group, ordered by key (days oldest
// first), and their sum.
struct UsageReport
{
    UsageGrouping by = UsageGrouping::Tool;
    QList<UsageRow> rows;
    UsageRow total;
};

// Which job Engine::resubmit() starts from, and what it changes: "edit and
// resubmit", "duplicate" and "run again" are one command.
struct ResubmitRequest
{
    QString jobId;                     // the job to start from, in any state
    // The spec to submit (edited, e.g. from Engine::resubmitSpec()); none:
    // the old job's, as resubmitSpec() gives it.
    std::optional<QJsonObject> spec;
    QString sourceName;                // names `spec` in messages (the edited file); empty: "resubmission of <jobId>"
    // Empty: the spec's job_id when it names a job other than the old one,
    // else a fresh "<old>-r2", "-r3"... (a resubmission of "x-r2" is "x-r3").
    QString newJobId;
    QString runId;                     // empty: the spec's run_id, else the old job's run
};

// A tool profile and where its program was found on this machine.
struct ToolInfo
{
    ToolProfile profile;
    QString path;                      // empty: not installed (not on PATH, or not executable)
};

} // namespace Orchestrator
