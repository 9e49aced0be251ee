#pragma once

#include <memory>

#include <QJsonObject>
#include <QString>
#include <QStringList>

namespace Orchestrator {

// The job-file JSON Schema (draft-07, resources/schema/job.schema.json,
// embedded as :/orchestrator/schema/job.schema.json) compiled once and
// applied with valijson. The schema is the single source of truth for what a
// job file may contain.
class JobSchema final
{
public:
    static const JobSchema &instance();

    // Each returned line reads "<sourceName>: <json pointer>: <reason>",
    // e.g. "jobs/a.json: /metadata/timeout_seconds: expected a positive integer, got \"ten\"".
    // Empty list: the object is valid.
    QStringList validate(const QJsonObject &object, const QString &sourceName) const;

    QJsonObject schemaDocument() const;

    ~JobSchema();

private:
    JobSchema();
    struct Private;
    std::unique_ptr<Private> d;
};

} // namespace Orchestrator
