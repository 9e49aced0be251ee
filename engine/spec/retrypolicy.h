#pragma once

#include <chrono>

#include <QJsonObject>
#include <QString>
#include <QStringList>

#include "core/result.h"

namespace Orchestrator {

// What happens after a failed attempt. Written in a job file either as a
// shorthand string or as an object:
//   "none"               one attempt
//   "retry"              3 attempts, backoff 5 s, factor 2
//   "escalate_to_codex"  2 attempts: the job's own tool, then codex
//   {"max_attempts": 4, "backoff_seconds": 2, "backoff_factor": 2,
//    "max_backoff_seconds": 60, "escalate_to": ["codex"]}
// Attempt n (1-based) runs tool n of [job tool, escalate_to...]; past the end
// of that list the last tool is used again.
struct RetryPolicy
{
    int maxAttempts = 1;
    double backoffSeconds = 5.0;
    double backoffFactor = 2.0;
    double maxBackoffSeconds = 300.0;
    QStringList escalateTo;

    // Delay between the end of attempt `attempt` (1-based) and the start of the next one.
    std::chrono::milliseconds backoffAfter(int attempt) const;
    // The tool that runs attempt `attempt` (1-based) of a job whose own tool is `baseTool`.
    QString toolForAttempt(const QString &baseTool, int attempt) const;

    // Canonical object form, stored with the job.
    QJsonObject toJson() const;
    static RetryPolicy fromCanonicalJson(const QJsonObject &object);

    // Parses the job-file value (string or object). `where` prefixes messages,
    // e.g. "jobs/a.json: /metadata/retry_policy".
    static Result<RetryPolicy> parse(const QJsonValue &value, const QString &where);
};

} // namespace Orchestrator
