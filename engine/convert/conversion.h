#pragma once

#include <QByteArray>
#include <QJsonObject>
#include <QList>
#include <QString>
#include <QStringList>

#include <optional>

#include "core/jobstate.h"
#include "core/result.h"

namespace Orchestrator {
class ToolRegistry;
}

namespace Orchestrator::Convert {

// Workstream files (the predecessor's format: {id, title, tool, files_scope,
// tasks, depends_on}) turned into job files, shared by `orchestrator convert`
// and the dashboard's conversion wizard. Reading, validating, mapping and
// writing are separate steps so the wizard can show each one.

struct Workstream
{
    QString file;                   // where it came from
    QString id;
    QString title;
    QString tool;                   // empty: the options' default tool
    QStringList filesScope;
    QStringList tasks;
    QStringList dependsOn;          // workstream ids
    std::optional<Priority> priority;   // the file's "priority", or set by the user (wizard review page)
    QJsonObject config;             // the file's optional "config": tool settings over the options' defaults
                                    // (e.g. {"args": ["status"]} for git, {"runner": "ctest"} for tests)
};

// One input file: parsed, or why not ("file: /field: reason").
struct SourceFile
{
    QString file;
    std::optional<Workstream> workstream;
    QString error;                  // one problem per line; empty when parsed
    bool excluded = false;          // the user left it out (wizard)
    QString id;                     // the file's "id" when it could be read, even if the file is
                                    // invalid: a workstream depending on it is told why it is missing
};

// Files, folders (their *.json, sorted, not recursive) and globs
// (`workstreams/ws-*.json`, wildcards in the file name only), in a stable
// order without duplicates; an input that matches nothing is an error naming
// it (every such input, one per line).
Result<QStringList> expandSources(const QStringList &inputs);
// Parses and validates one file; never throws, never aborts the others.
// A UTF-8 byte order mark is skipped. Required: id (a job-id-safe string) and
// tasks (a non-empty list of non-empty strings); optional: title, tool,
// files_scope, depends_on, priority, config; x-* and _* are annotations.
// Another field is ignored unless it looks like a typo of a known one
// ("depend_on"), which is an error.
SourceFile readWorkstream(const QString &file);
SourceFile parseWorkstream(const QString &file, const QByteArray &content);

struct Options
{
    enum class Mode { JobPerWorkstream, JobPerTask };
    Mode mode = Mode::JobPerWorkstream;
    QString defaultTool = QStringLiteral("aider");
    // Job id pattern: {ws} the workstream id, {n} the 1-based job number in
    // the workstream, zero-padded to 3 ({n:2} for another width).
    QString idPattern = QStringLiteral("{ws}-{n}");
    std::optional<Priority> priority;
    int timeoutSeconds = 0;             // 0: none
    QJsonObject retryPolicy;            // empty: none (the job's default)
    QString retryShorthand;             // "none", "retry", "escalate_to_<tool>": written as is, wins over retryPolicy
    std::optional<bool> autoCommit = false;
    QString model;                      // empty: not set
    // Set: every planned job is also checked as `orchestrator validate` would
    // (known tool, what its profile needs); not owned.
    const ToolRegistry *tools = nullptr;
};

// The job id for job `n` (1-based) of workstream `wsId`, or an error naming
// an unknown placeholder of the pattern.
Result<QString> expandIdPattern(const QString &pattern, const QString &wsId, int n);
// What --retry accepts: a shorthand ("retry", "escalate_to_codex") or a JSON
// object; checked with the job files' own rules. Sets one of the two fields.
Status setRetryPolicy(Options &options, const QString &text);

struct PlannedJob
{
    QString jobId;
    QString workstreamId;
    QStringList dependsOn;          // job ids
    QJsonObject json;               // the job file's content
    QString fileName;               // <jobId>.json
};

// Problems of the whole set: unknown workstream ids, cycles (with the
// workstreams involved), duplicate workstream or job ids, a planned job the
// job validation refuses. Files that did not parse are not the plan's errors
// (they are their SourceFile's), unless a usable workstream depends on one.
struct Plan
{
    // In a valid start order (dependencies first; Kahn over workstreams, ties
    // by id; a workstream's jobs in task order). With errors, it holds the jobs
    // that could be planned; write nothing then.
    QList<PlannedJob> jobs;
    QStringList errors;
    bool ok() const { return errors.isEmpty(); }
};

// Maps the usable (parsed, not excluded) workstreams to jobs. A job depends
// on the last job of each workstream its workstream depends on; in task mode
// the jobs of one workstream are chained in task order.
Plan plan(const QList<SourceFile> &sources, const Options &options);

// What writing the plan into a folder would do, file by file.
struct OutputFile
{
    enum class Action { Create, Change, Unchanged, Conflict };
    QString path;
    Action action = Action::Create;
    QByteArray content;             // what would be written
    QByteArray existing;            // what is there now (Change/Conflict/Unchanged)
    QString note;                   // why a Conflict is one, e.g. another file holds the job id
};

QString toString(OutputFile::Action action);    // "create", "change", "unchanged", "conflict"

struct WriteReport
{
    QStringList created;
    QStringList changed;
    QStringList unchanged;
    QStringList skipped;            // changed files not overwritten (no force)
    QStringList backups;            // <file>.bak copies of edited files replaced by force
};

// Every job file carries "x-checksum", a checksum of the rest of its content,
// so that a later conversion can tell its own untouched output from a file
// someone edited.
// Create: new file; Unchanged: same bytes; Change: differs, and is the
// conversion's own untouched output or `force` is set; Conflict: edited
// since it was converted, without `force` (never overwritten), is not a job file (no
// "job_id", e.g. a workstream file: even with `force`), or another *.json in
// `outDir` already holds the job id (even with `force`: writing it would make
// the folder invalid). An empty `outDir` previews file names only.
QList<OutputFile> previewOutput(const Plan &plan, const QString &outDir, bool force);
// Writes atomically (QSaveFile), creating missing folders with mode 0700;
// returns what it did. A Create whose file appeared since the preview, or a
// Change whose file was edited since the preview, is skipped, not
// overwritten; an edited file replaced by force is first copied to
// <file>.bak (.bak.2, ... when taken). Stops at the first file it cannot write (Io).
Result<WriteReport> writeOutput(const QList<OutputFile> &files);

} // namespace Orchestrator::Convert
