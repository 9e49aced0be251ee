#pragma once

#include <QJsonObject>
#include <QString>

namespace Orchestrator {

struct AttemptPlan;
struct AttemptResult;
class SecretMasker;

// The JSON written to the job's error_report path when an attempt fails: job,
// attempt, tool, command, exit code or signal, timed out or not, duration,
// last 50 output lines, time. Secret values (`masker`) are masked in every
// field; the file is readable by its owner only (0600). Returns the path
// written ("" if it could not be).
QString writeErrorReport(const AttemptPlan &plan, const AttemptResult &result, const SecretMasker &masker);
QJsonObject errorReportObject(const AttemptPlan &plan, const AttemptResult &result, const SecretMasker &masker);

} // namespace Orchestrator
