#include "errorreport.h"

#include <QDateTime>
#include <QDir>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QSaveFile>

#include "execution/attempt.h"
#include "execution/logfile.h"
#include "core/paths.h"

namespace Orchestrator {

QJsonObject errorReportObject(const AttemptPlan &plan, const AttemptResult &result, const SecretMasker &masker)
{
    QJsonArray command{masker.mask(plan.program)};
    for (const QString &arg : plan.arguments)
        command.append(masker.mask(arg));
    return QJsonObject{
        {QStringLiteral("job_id"), plan.jobId},
        {QStringLiteral("run_id"), plan.runId},
        {QStringLiteral("attempt"), plan.attempt},
        {QStringLiteral("max_attempts"), plan.maxAttempts},
        {QStringLiteral("tool"), plan.tool},
        {QStringLiteral("command"), command},
        {QStringLiteral("working_dir"), plan.workingDir},
        {QStringLiteral("outcome"), toString(result.outcome)},
        {QStringLiteral("message"), masker.mask(result.message)},
        {QStringLiteral("exit_code"), result.exitCode ? QJsonValue(*result.exitCode) : QJsonValue()},
        {QStringLiteral("signal"), result.signal ? QJsonValue(*result.signal) : QJsonValue()},
        {QStringLiteral("timed_out"), result.outcome == Outcome::TimedOut},
        {QStringLiteral("duration_s"), double(result.finishedAt - result.startedAt) / 1000.0},
        {QStringLiteral("started_at"), QDateTime::fromMSecsSinceEpoch(result.startedAt).toString(Qt::ISODateWithMs)},
        {QStringLiteral("time"), QDateTime::fromMSecsSinceEpoch(result.finishedAt).toString(Qt::ISODateWithMs)},
        {QStringLiteral("log_file"), plan.logFile},
        {QStringLiteral("last_lines"), QJsonArray::fromStringList(masker.mask(result.lastLines))},
    };
}

QString writeErrorReport(const AttemptPlan &plan, const AttemptResult &result, const SecretMasker &masker)
{
    if (plan.errorReport.isEmpty())
        return {};
    (void)makePrivateDirectory(QFileInfo(plan.errorReport).absolutePath());
    QSaveFile file(plan.errorReport);
    if (!file.open(QIODevice::WriteOnly))
        return {};
    // On the temporary file, before anything is in it.
    file.setPermissions(QFileDevice::ReadOwner | QFileDevice::WriteOwner);
    file.write(QJsonDocument(errorReportObject(plan, result, masker)).toJson());
    return file.commit() ? plan.errorReport : QString();
}

} // namespace Orchestrator
