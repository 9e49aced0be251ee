#pragma once

#include <atomic>
#include <memory>
#include <optional>

#include <QMap>
#include <QMetaType>
#include <QString>
#include <QStringList>

#include "core/changes.h"
#include "core/jobstate.h"
#include "core/records.h"

namespace Orchestrator {

class LogCapture;

// Where a worktree job's attempt runs and what it starts from. The worker
// makes the worktree before the tool starts and commits what the tool left
// after it ends, on its own thread (git waits).
struct WorktreePlan
{
    QString repoTop;                 // the user's repository
    QString path;                    // <data dir>/worktrees/<run>/<job>
    QString branch;                  // orchestrator/<run>/<job>
    // Non-empty: start here (a retry of the policy starts where the first
    // attempt did). Empty: from the upstream results, else the base.
    QString startCommit;
    QString baseCommit;
    QStringList upstreamJobs;        // worktree dependencies, in dependency order
    QStringList upstreamCommits;     // their result commits, in the same order
    QStringList scope;               // the job's files, relative to repoTop; empty: no scope
    QString commitMessage;
};

// Everything a worker needs to run one attempt; built by the Scheduler when it
// claims a job, so the worker never touches the database.
struct AttemptPlan
{
    QString jobId;
    QString runId;
    int attempt = 1;
    int maxAttempts = 1;
    QString tool;
    QString program;
    QStringList arguments;
    QMap<QString, QString> env;      // over the inherited environment
    QString workingDir;
    QString logFile;
    QString errorReport;
    int timeoutSeconds = 0;          // 0: none (the job's, else its tool's default)
    QString events = QStringLiteral("none"); // how the tool's output is read (ToolProfile::events)
    QString loginHint;               // what to do when the tool is not logged in (ToolProfile::loginHint)
    QString owner;
    std::optional<WorktreePlan> worktree;
};

// Shared between the Scheduler and the worker running an attempt.
struct AttemptControl
{
    enum Stop { None = 0, Cancel = 1, Interrupt = 2 };
    // cancel: the attempt is killed and not retried; interrupt: killed because
    // the engine stops, the job goes back to the queue.
    std::atomic<int> stop{None};
    // Non-null: the tool's output (masked) also goes here, for the database.
    std::shared_ptr<LogCapture> capture;
};

// What a worker reports; the Scheduler decides what it means for the job.
struct AttemptResult
{
    QString jobId;
    int attempt = 0;
    QString owner;
    QString tool;
    Outcome outcome = Outcome::Failed;
    std::optional<int> exitCode;
    std::optional<int> signal;
    qint64 startedAt = 0;
    qint64 finishedAt = 0;
    QString message;                 // one line, e.g. "exited with code 2", "program \"aidr\" not found"
    QString errorReport;             // written on failure, empty otherwise
    QStringList lastLines;           // up to 50 last output lines, on failure
    // Interrupted because the engine running it died (found by another
    // engine), not because it was stopped: counts as an attempt and as a
    // crash (metadata.on_crash, quarantine).
    bool crashed = false;
    // Worktree jobs: the commit the attempt started from (empty: none was
    // made), the commit of what it left, and the change between them.
    QString startCommit;
    QString resultCommit;
    ChangeSummary change;
    // An AI tool's events (AttemptPlan::events not "none"): see AttemptRecord.
    QString agentOutcome;
    QString agentMessage;
    QString sessionId;
    QString model;
    AttemptUsage usage;
    std::optional<qint64> resetAt;   // RateLimited: when the limit resets, when the tool said
};

} // namespace Orchestrator

Q_DECLARE_METATYPE(Orchestrator::AttemptResult)
