#pragma once

#include <QJsonObject>
#include <QString>

namespace Orchestrator {

struct AttemptPlan;
struct AttemptResult;

// The JSON written to the job's error_report path when an attempt fails: job,
// attempt, tool, command, exit code or signal, timed out or not, duration,
// last 50 output lines, time. Returns the path written ("" if it could not be).
QString writeErrorReport(const AttemptPlan &plan, const AttemptResult &result);
QJsonObject errorReportObject(const AttemptPlan &plan, const AttemptResult &result);

} // namespace Orchestrator
