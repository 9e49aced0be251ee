// Engine::resubmit and resubmitSpec: a new job from an old job's spec. The
// copy is made here; the submission is the one every form goes through
// (Submission::addObject), so a resubmitted job is checked like any other.

#include "engine.h"

#include <QDir>
#include <QJsonArray>
#include <QJsonDocument>
#include <QRegularExpression>

#include "store/jobstore.h"
#include "submit/submission.h"

namespace Orchestrator {

namespace {

// The schema's limit for ids (resources/schema/job.schema.json).
constexpr qsizetype kMaxIdLength = 200;
// Fresh ids tried before giving up (every one of them is taken).
constexpr int kFreshIdTries = 1000;
// Another resubmission may take a fresh id between choosing and committing it.
constexpr int kSubmitTries = 3;

const QLatin1String kJobIdKey("job_id");
const QLatin1String kRunIdKey("run_id");

// "<base>-rN" for the first N with no job of that id: N runs on from the old
// job's own (a resubmission of "x-r2" is "x-r3"), from 2 for an original.
Result<QString> freshJobId(JobStore &store, const QString &oldJobId)
{
    static const QRegularExpression suffix(QStringLiteral("-r([0-9]{1,6})$"));
    QString base = oldJobId;
    int n = 2;
    if (const QRegularExpressionMatch m = suffix.match(oldJobId); m.hasMatch()) {
        base = oldJobId.left(m.capturedStart());
        n = qMax(2, m.captured(1).toInt() + 1);
    }
    for (int tries = 0; tries < kFreshIdTries; ++tries, ++n) {
        const QString tail = QStringLiteral("-r%1").arg(n);
        const QString id = base.left(kMaxIdLength - tail.size()) + tail;
        auto existing = store.job(id);
        if (!existing)
            return existing.error();
        if (!existing->has_value())
            return id;
    }
    return Error::make(ErrorCode::Conflict, Engine::tr("job %1: no free id for a resubmission (%2-r%3 and the %4 before it are "
                                                       "taken); name one with --new-id")
                                                .arg(oldJobId, base)
                                                .arg(n - 1)
                                                .arg(kFreshIdTries - 1));
}

// `ids` without the jobs that are not in the database.
Result<QJsonArray> existingJobs(JobStore &store, const QJsonArray &ids)
{
    QJsonArray kept;
    for (const QJsonValue &id : ids) {
        auto job = store.job(id.toString());
        if (!job)
            return job.error();
        if (job->has_value())
            kept.append(id);
    }
    return kept;
}

// The old job's spec as it ran, for a new job `newJobId` in `runId` (see
// Engine::resubmitSpec).
Result<QJsonObject> specCopy(JobStore &store, const JobRecord &old, const QString &newJobId, const QString &runId)
{
    const QJsonDocument document = QJsonDocument::fromJson(old.spec);
    if (!document.isObject())
        return Error::make(ErrorCode::Database, Engine::tr("job %1: its stored spec is not a JSON object").arg(old.jobId));
    QJsonObject spec = document.object();
    spec.insert(kJobIdKey, newJobId);
    if (spec.value(kRunIdKey).toString() != runId)
        spec.insert(kRunIdKey, runId);
    // The run keeps the title it has now (a later --title may have changed it).
    if (runId == old.runId)
        spec.remove(QLatin1String("run_title"));
    // The priority it has now, which a submission's --priority or a user may have changed.
    const QJsonValue written = spec.value(QLatin1String("priority"));
    if (!written.isUndefined() || old.priority != Priority::Normal)
        spec.insert(QLatin1String("priority"), toString(old.priority));
    // A relative repo_root (or none: the submitter's directory) was resolved
    // against where the old job was submitted from; the copy names the result.
    QJsonObject paths = spec.value(QLatin1String("paths")).toObject();
    if (const QString root = paths.value(QLatin1String("repo_root")).toString(); root.isEmpty() || QDir::isRelativePath(root)) {
        paths.insert(QLatin1String("repo_root"), old.repoRoot);
        spec.insert(QLatin1String("paths"), paths);
    }
    for (const QLatin1String key : {QLatin1String("dependencies"), QLatin1String("depends_on")}) {
        if (!spec.value(key).isArray())
            continue;
        auto kept = existingJobs(store, spec.value(key).toArray());
        if (!kept)
            return kept.error();
        spec.insert(key, *kept);
    }
    return spec;
}

} // namespace

Result<QJsonObject> Engine::resubmitSpec(const ResubmitRequest &request)
{
    auto old = job(request.jobId);
    if (!old)
        return old.error();
    QString newJobId = request.newJobId;
    if (newJobId.isEmpty()) {
        auto fresh = freshJobId(*store(), old->jobId);
        if (!fresh)
            return fresh.error();
        newJobId = *fresh;
    }
    return specCopy(*store(), *old, newJobId, request.runId.isEmpty() ? old->runId : request.runId);
}

Result<SubmitReport> Engine::resubmit(const ResubmitRequest &request)
{
    auto old = job(request.jobId);
    if (!old)
        return old.error();
    const QString source = request.sourceName.isEmpty() ? tr("resubmission of %1").arg(old->jobId) : request.sourceName;
    for (int tries = 1;; ++tries) {
        // The id is chosen here unless the request or its spec names one.
        const QJsonValue named = request.spec ? request.spec->value(kJobIdKey) : QJsonValue(QJsonValue::Undefined);
        const bool chosenHere = request.newJobId.isEmpty() && (named.isUndefined() || named.toString() == old->jobId);
        QString newJobId = request.newJobId;
        if (chosenHere) {
            auto fresh = freshJobId(*store(), old->jobId);
            if (!fresh)
                return fresh.error();
            newJobId = *fresh;
        }
        QJsonObject spec;
        if (request.spec) {
            spec = *request.spec;
            if (!newJobId.isEmpty())
                spec.insert(kJobIdKey, newJobId);
        } else {
            auto copy = specCopy(*store(), *old, newJobId, request.runId.isEmpty() ? old->runId : request.runId);
            if (!copy)
                return copy.error();
            spec = *copy;
        }
        SubmitOptions options;
        // A spec that names no run goes into the old job's.
        options.runId = !request.runId.isEmpty() ? request.runId : spec.contains(kRunIdKey) ? QString() : old->runId;
        auto report = submitWith(options, [&](Submission &submission) { submission.addResubmission(spec, source, old->jobId); });
        if (report || !chosenHere || tries == kSubmitTries)
            return report;
        // Taken by another resubmission since it was chosen: choose again.
        auto taken = store()->job(newJobId);
        if (!taken || !taken->has_value())
            return report;
    }
}

} // namespace Orchestrator
