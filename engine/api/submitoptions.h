#pragma once

#include <optional>

#include <QString>
#include <QStringList>

#include "core/jobstate.h"

namespace Orchestrator {

// How a batch of jobs is submitted (Engine::submit, `orchestrator submit`).
struct SubmitOptions
{
    QString runId;                      // non-empty: every job goes into this run
    QString runTitle;                   // non-empty: the title of every run the jobs go into (over run_title)
    std::optional<Priority> priority;   // set: overrides the files' priority
    QString workingDirectory;           // the submitter's current directory (relative repo_root)
    QString dataDirectory;              // default log and error report files go under <data>/logs/<run>/
    // Log and error report files may lie outside repo_root and the data
    // directory (as every job's paths.allow_outside would).
    bool allowOutsidePaths = false;
};

struct SubmitReport
{
    QStringList jobIds;                 // in submission order
    QStringList runIds;
    int queued = 0;
    int waiting = 0;
    int upstreamFailed = 0;
    // Things the user should know that did not stop the submission, e.g.
    // "uncommitted changes in /repo: a.txt: not part of the base".
    QStringList warnings;
};

} // namespace Orchestrator
