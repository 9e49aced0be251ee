#pragma once

#include <optional>

#include <QHash>
#include <QList>
#include <QString>
#include <QStringList>

#include "core/jobstate.h"
#include "core/result.h"
#include "spec/jobspec.h"
#include "api/submitoptions.h"
#include "core/paths.h"
#include "core/records.h"

namespace Orchestrator {

class JobStore;
class ToolRegistry;

// Turns job files (or specs built in memory) into rows of the store: schema
// validation, tool checks, path resolution, then the batch checks that need
// every job at once (duplicate ids, unknown dependencies, cycles). Every
// problem is collected, not just the first; nothing is written unless all
// jobs are valid, and then all are written in one transaction.
class Submission final
{
public:
    Submission(const ToolRegistry &tools, SubmitOptions options);

    // Files stay as named; a directory contributes its *.json files (sorted,
    // not recursive). A path that does not exist is an error.
    static Result<QStringList> expandInputs(const QStringList &paths);

    void addFile(const QString &path);
    // A job object built in memory (the dashboard's form); `sourceName`
    // stands for the file name in the schema's messages. No source file is
    // recorded.
    void addObject(const QJsonObject &job, const QString &sourceName);
    void addSpec(const JobSpec &spec);
    // addObject() of a resubmission of job `fromJobId` (Engine::resubmit):
    // the job records its lineage when it is written (JobStore::recordResubmission).
    void addResubmission(const QJsonObject &job, const QString &sourceName, const QString &fromJobId);

    // Checks the batch against itself and against `store` (read only).
    Status check(JobStore &store);
    // check(), then writes every job, its run and workstream, and a
    // "submitted" event per job, in one transaction.
    Result<SubmitReport> commit(JobStore &store);

    // Problems found so far: loading errors, and check()'s once it ran.
    QStringList errors() const { return m_errors.isEmpty() ? m_loadErrors : m_errors; }
    QList<JobRecord> records() const;

private:
    struct Prepared
    {
        JobSpec spec;
        JobRecord record;
    };
    // What git says about one repo_root: its work tree's top and HEAD, or why
    // there is none. Asked once per directory per submission.
    struct RepoProbe
    {
        QString top;                 // empty: not in a git work tree (or no usable git)
        QString error;               // why not, or why its base cannot be read
        QString baseCommit;
        QString baseBranch;
        QString dirtyWarning;
    };

    void prepare(const JobSpec &spec);
    const RepoProbe &probe(const QString &repoRoot);
    // Makes `p` a worktree job of the repository `repo`: its base, worktree,
    // branch, and working directory and command mapped into the worktree.
    // The problem in words ("" when none).
    QString useWorktree(Prepared &p, const RepoProbe &repo);
    // Inherited isolation: a job that says nothing runs in a worktree when a
    // dependency of the same repository does (so it sees that change).
    Status inheritIsolation(Prepared &p, JobStore &store, const QHash<QString, std::pair<Isolation, QString>> &batch);
    void addParsed(const Result<JobSpec> &spec);
    // run-yyyyMMdd-HHmmss-xxxx: the time, and a random suffix so that
    // submissions in the same second get runs of their own.
    QString defaultRunId();
    Status failure() const;

    const ToolRegistry &m_tools;
    SubmitOptions m_options;
    QString m_generatedRunId;
    QList<Prepared> m_jobs;
    QList<int> m_order;          // indices into m_jobs, dependencies first (set by check())
    QHash<QString, RepoProbe> m_repos;   // by repo_root
    QStringList m_warnings;      // for the report (each once)
    QStringList m_loadErrors;    // from addFile/addSpec
    QStringList m_errors;        // m_loadErrors plus check()'s findings
    ErrorCode m_errorCode = ErrorCode::None;
};

} // namespace Orchestrator
