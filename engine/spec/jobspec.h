#pragma once

#include <limits>
#include <optional>

#include <QJsonObject>
#include <QMap>
#include <QString>
#include <QStringList>

#include "core/changes.h"
#include "core/jobstate.h"
#include "core/result.h"
#include "spec/retrypolicy.h"

namespace Orchestrator {

// A job as written in a job file, after schema validation. Both formats of the
// predecessor are accepted unchanged:
//   conversion format: job_id, workstream_id, tool, files, instructions, config, dependencies
//   full format:       job_id, run_id, workstream_id, tool, command{exe,args}, env,
//                      paths{repo_root, working_dir, log_file, error_report},
//                      metadata{timeout_seconds, retry_policy, on_crash}
// plus `priority` and `depends_on` (alias of `dependencies`; both may appear, they are merged).
// Paths are kept as written; the Submission resolves them.
struct JobSpec
{
    QString sourceFile;        // path as the user named it, used in messages ("" when built in memory)
    QJsonObject raw;           // the object exactly as submitted

    QString jobId;
    QString runId;             // empty: the submission chooses one
    QString runTitle;          // run_title; empty: none (the run keeps the title it has)
    QString workstreamId;      // empty: "default"
    QString tool;
    QStringList files;
    QString instructions;
    QJsonObject config;
    QStringList dependencies;

    bool hasCommand = false;   // an explicit command {exe, args} was given
    QString commandExe;
    QStringList commandArgs;

    QMap<QString, QString> env;

    QString repoRoot;          // as written; empty = submitter's current directory
    QString workingDir;        // as written; empty = repo_root
    QString logFile;           // as written; empty = default under the data directory
    QString errorReport;       // as written; empty = default under the data directory

    bool allowOutsidePaths = false;  // paths.allow_outside: log and error report may leave repo_root and the data directory

    int timeoutSeconds = 0;    // 0: no timeout
    RetryPolicy retry;         // defaults to one attempt
    // metadata.on_crash: when the engine running an attempt dies (SIGKILL,
    // power, OOM), "retry" (default) queues the job again, "fail" fails it.
    bool failOnCrash = false;
    // metadata.isolation; not given: the submission's default (a worktree for
    // tools that edit the repository in a git work tree, and after a
    // dependency that runs in one).
    std::optional<Isolation> isolation;
    std::optional<Priority> priority;  // not given: the submission's default (normal)
};

// The longest metadata.timeout_seconds a job may set: the "maximum" of
// resources/schema/job.schema.json, which the engine enforces.
inline constexpr int kMaxTimeoutSeconds = std::numeric_limits<int>::max();

// A run's title is at most this long (run_title, --title) and on one line.
inline constexpr qsizetype kMaxRunTitleLength = 200;
// Why `title` cannot be a run title ("" if it can): too long, or holding a
// line break or another control character.
QString runTitleProblem(const QString &title);

// Reads, parses and schema-validates one job file. Every error message names
// the file, the JSON path and the reason, one problem per line of `message`.
Result<JobSpec> loadJobFile(const QString &path);

// Same for an object already in memory; `sourceName` is used in messages.
Result<JobSpec> parseJobObject(const QJsonObject &object, const QString &sourceName);

// Same for the bytes of a job file already in memory (what loadJobFile does
// after reading): any bytes give a value or an error, never a crash.
Result<JobSpec> parseJobBytes(const QByteArray &data, const QString &sourceName);

} // namespace Orchestrator
