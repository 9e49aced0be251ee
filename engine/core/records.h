#pragma once

#include <optional>

#include <QByteArray>
#include <QJsonObject>
#include <QMap>
#include <QString>
#include <QStringList>

#include "core/changes.h"
#include "core/eventkind.h"
#include "core/jobstate.h"
#include "spec/retrypolicy.h"

namespace Orchestrator {

// Where an attempt's cost came from: the tool's own figure (claude, aider),
// or an estimate from the price table of its model (tools/pricetable.h).
enum class CostSource { Unknown, Tool, PriceTable };

// What an AI tool's attempt used, as its event stream (or output) said.
struct AttemptUsage
{
    qint64 inputTokens = 0;          // every input token, cached ones included
    qint64 cachedInputTokens = 0;
    qint64 outputTokens = 0;
    std::optional<double> costUsd;   // the tool's figure, or an estimate (costSource); none: unknown
    CostSource costSource = CostSource::Unknown;  // an attempt's; Unknown while costUsd is none, and in a job's sum

    bool isEmpty() const { return inputTokens == 0 && outputTokens == 0 && !costUsd; }
    friend bool operator==(const AttemptUsage &, const AttemptUsage &) = default;
};

// One row of `jobs`, as the scheduler, the command line and views read it.
struct JobRecord
{
    qint64 seq = 0;
    QString jobId;
    QString runId;
    QString workstreamId;
    QString tool;
    Priority priority = Priority::Normal;
    JobState state = JobState::Queued;
    QByteArray spec;                 // the job object exactly as submitted
    QString sourceFile;
    QStringList command;             // program, then arguments, for the job's own tool
    QMap<QString, QString> env;
    QString repoRoot;
    QString workingDir;
    QString logFile;
    QString errorReport;
    int timeoutSeconds = 0;
    RetryPolicy retry;
    bool editsRepo = false;
    int attempts = 0;                // attempts started so far
    int budgetBase = 0;              // attempts made before the last manual retry
    std::optional<qint64> nextAttemptAt;  // ms since epoch, in RetryWaiting
    QString nextTool;
    std::optional<int> lastExitCode;
    std::optional<Outcome> lastOutcome;  // of the last attempt that ended; none before
    QString owner;                   // "host:pid:engine" while running
    std::optional<qint64> leaseUntil;
    bool cancelRequested = false;
    QString reason;                  // why the job is in its state, in words
    qint64 submittedAt = 0;
    qint64 stateChangedAt = 0;
    std::optional<qint64> startedAt;
    std::optional<qint64> finishedAt;
    bool failOnCrash = false;        // metadata.on_crash = "fail"
    int crashes = 0;                 // attempts interrupted by the death of their engine (since the last manual retry)
    qint64 rateLimitWaitMs = 0;      // waited for AI tools' rate limits (since the last manual retry); bounded
    AttemptUsage usage;              // the sum of its attempts' usage; costUsd none until one's cost is known
    // Lineage (orchestrator resubmit): a resubmission is a new job whose spec
    // started from another's; it names that job, and that job lists it.
    // Neither changes the other's state.
    QString resubmittedFrom;         // empty: not a resubmission
    QStringList resubmittedAs;       // the jobs resubmitted from this one, oldest first

    // Isolation (metadata.isolation). A worktree job runs in worktreePath on
    // worktreeBranch, made from baseCommit of the repository at repoTop (or
    // from its worktree dependencies' results); workingDir is then inside
    // worktreePath, and repoRoot stays the user's.
    Isolation isolation = Isolation::None;
    QString repoTop;                 // the top of repo_root's git work tree
    QString baseCommit;              // HEAD of repoTop at submission
    QString baseBranch;              // its branch; empty: HEAD was detached
    QString worktreePath;            // <data dir>/worktrees/<run>/<job>
    QString worktreeBranch;          // orchestrator/<run>/<job>
    QString resultCommit;            // of the last attempt that ended; empty before
    ChangeSummary change;            // what that attempt changed (from its start commit)
    // Landing (orchestrator land): the branch's commit right after the job
    // landed, the branch, and when. The job's state stays succeeded.
    QString landedCommit;            // empty: not landed
    QString landedBranch;
    std::optional<qint64> landedAt;
    std::optional<qint64> discardedAt;   // orchestrator discard removed its worktree and branch
    std::optional<qint64> cleanedAt;     // orchestrator gc removed its worktree, branch and attempt refs

    bool inWorktree() const { return isolation == Isolation::Worktree; }
    bool isLanded() const { return !landedCommit.isEmpty(); }

    // Attempt numbers run on across refunds and manual retries; the budget
    // allows attempts up to maxAttempts(). countedAttempts() is how many of
    // the current budget were used (interrupted attempts are refunded).
    int maxAttempts() const { return budgetBase + retry.maxAttempts; }
    int countedAttempts() const { return attempts - budgetBase; }

    // The tool of the attempt that runs now, or else of the next one: the
    // one a user chose ("escalate now", nextTool) or the retry policy's
    // (a job waiting to retry has it in nextTool too). A final job: the
    // policy's tool of its last attempt.
    QString attemptTool() const
    {
        if (!nextTool.isEmpty())
            return nextTool;
        const bool current = state == JobState::Running || isFinal(state);
        return retry.toolForAttempt(tool, current ? countedAttempts() : countedAttempts() + 1);
    }
};

// One row of `step_attempts`.
struct AttemptRecord
{
    QString jobId;
    QString runId;
    int attempt = 0;
    QString tool;
    std::optional<Outcome> outcome;  // none while the attempt runs (stored as "running")
    QString owner;
    std::optional<qint64> startedAt;
    std::optional<qint64> finishedAt;
    std::optional<int> exitCode;
    std::optional<int> signal;
    std::optional<qint64> durationMs;
    QString reason;
    QString logFile;
    QString errorReport;
    // Worktree jobs: the commit the attempt started from, the commit of what
    // it left (equal when it changed nothing) and what changed between them.
    QString startCommit;
    QString resultCommit;
    ChangeSummary change;
    // AI tools (a profile with an events reader): what the tool said the
    // attempt came to ("ok", "rate_limited", ...; empty: not read), in its
    // words, its session and model, and what it used.
    QString agentOutcome;
    QString agentMessage;
    QString sessionId;
    QString model;
    AttemptUsage usage;

    bool isRunning() const { return !outcome.has_value(); }
    bool timedOut() const { return outcome == Outcome::TimedOut; }
};

// One row of `events`: the append-only feed views follow.
struct EventRecord
{
    qint64 id = 0;
    qint64 ts = 0;
    QString jobId;
    QString runId;
    EventKind kind = EventKind::State;
    std::optional<JobState> fromState;
    std::optional<JobState> toState;
    int attempt = 0;
    QString detail;
};

struct RunRecord
{
    QString runId;
    QString title;                   // empty: none; views name the run by its id then
    qint64 createdAt = 0;
    QMap<QString, int> stateCounts;  // state name -> jobs
    int total = 0;
};

// One row of `engines`: an engine (dashboard, `run`, `worker`) working the
// database, as a Workers view shows it.
struct EngineRecord
{
    QString owner;                   // "host:pid:n", the owner of the jobs it claims
    QString name;                    // --name of a worker (empty: none given)
    QString host;
    qint64 pid = 0;
    int workers = 0;                 // slots: attempts it runs at once
    int busy = 0;                    // slots running an attempt at the last heartbeat
    qint64 jobsDone = 0;             // attempts it finished and recorded
    qint64 startedAt = 0;            // ms since the epoch
    qint64 heartbeatAt = 0;          // ms since the epoch; every heartbeat interval
    qint64 heartbeatIntervalMs = 0;  // how often it beats (lease/4); 0: unknown

    // An engine's claims last a lease unless renewed; it renews them, and
    // beats, every quarter lease, so three renewals may fail before others
    // may reclaim its jobs. These are the defaults; each engine records its own.
    static constexpr int kDefaultLeaseSeconds = 60;
    static constexpr qint64 kDefaultHeartbeatIntervalMs = qint64(kDefaultLeaseSeconds) * 1000 / 4;
    // An engine is late (stopped renewing, or cut off) after this many
    // heartbeat intervals without one.
    static constexpr int kLateFactor = 3;
    static constexpr qint64 lateAfterIntervalMs(qint64 intervalMs) { return kLateFactor * intervalMs; }
    // `fallbackIntervalMs` stands in for an engine that does not say how often it beats.
    qint64 lateAfterMs(qint64 fallbackIntervalMs = kDefaultHeartbeatIntervalMs) const
    {
        return lateAfterIntervalMs(heartbeatIntervalMs > 0 ? heartbeatIntervalMs : fallbackIntervalMs);
    }
};

// One row of `log_chunks`: tool output as it arrived, masked like the log file.
struct LogChunk
{
    QString jobId;
    int attempt = 0;
    qint64 seq = 0;                  // 0, 1, 2 ... within one attempt
    QByteArray data;
    qint64 createdAt = 0;
};

struct JobFilter
{
    QString runId;
    QString workstreamId;
    QString tool;
    QList<JobState> states;
    int limit = 0;                   // 0: no limit
    qint64 afterSeq = 0;             // only jobs submitted after this one (paging)
    bool withSpec = true;            // false: leave JobRecord::spec empty (list views)
};

} // namespace Orchestrator
