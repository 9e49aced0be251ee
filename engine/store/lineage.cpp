// Lineage: which job a resubmission started from, and the resubmissions of
// a job. Both rows say it (the new one names the old, the old lists the new),
// so either is read without a join, and an event on each lets the feed and
// the history show it.

#include "jobstore.h"

#include <QJsonArray>
#include <QJsonDocument>

#include "store/rows.h"

namespace Orchestrator {

using namespace Rows;

Status JobStore::recordResubmission(const JobRecord &job)
{
    // Read in the caller's write transaction: a resubmission committed by
    // another process in the meantime is kept, not overwritten.
    QSqlQuery &read = prepared("SELECT run_id, state, attempts, resubmitted_as FROM jobs WHERE job_id = ?");
    read.bindValue(0, job.resubmittedFrom);
    if (Status s = execPrepared(read, "read the job resubmitted from"); !s)
        return s;
    if (!read.next()) {
        read.finish();
        return Error::make(ErrorCode::NotFound, QStringLiteral("%1: resubmitted from job \"%2\", which is not in the database")
                                                    .arg(job.jobId, job.resubmittedFrom));
    }
    const Row row(read);
    const QString oldRun = row.text("run_id");
    const std::optional<JobState> oldState = jobStateFromString(row.text("state"));
    const int oldAttempts = row.integer("attempts");
    QJsonArray list = QJsonDocument::fromJson(row.value("resubmitted_as").toByteArray()).array();
    read.finish();
    list.append(job.jobId);

    QSqlQuery &write = prepared("UPDATE jobs SET resubmitted_as = ? WHERE job_id = ?");
    write.bindValue(0, QString::fromUtf8(QJsonDocument(list).toJson(QJsonDocument::Compact)));
    write.bindValue(1, job.resubmittedFrom);
    if (Status s = execPrepared(write, "record the resubmission"); !s)
        return s;

    EventRecord onOld;
    onOld.ts = job.submittedAt;
    onOld.jobId = job.resubmittedFrom;
    onOld.runId = oldRun;
    onOld.kind = EventKind::ResubmittedAs;
    onOld.fromState = oldState;
    onOld.toState = oldState;
    onOld.attempt = oldAttempts;
    onOld.detail = job.jobId;
    if (Status s = appendEvent(onOld); !s)
        return s;
    EventRecord onNew;
    onNew.ts = job.submittedAt;
    onNew.jobId = job.jobId;
    onNew.runId = job.runId;
    onNew.kind = EventKind::ResubmittedFrom;
    onNew.toState = job.state;
    onNew.detail = job.resubmittedFrom;
    return appendEvent(onNew);
}

} // namespace Orchestrator
