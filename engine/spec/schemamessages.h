#pragma once

// Turns the validator's raw findings into the lines a user reads. The reason
// for a bad value comes from the schema itself: each node's "description"
// completes "expected ...", so the schema stays the single source of truth for
// both the rules and their wording.

#include <string>
#include <vector>

#include <QJsonObject>
#include <QString>
#include <QStringList>

namespace Orchestrator {

struct RawSchemaError
{
    QStringList path;         // instance location, one token per level ("metadata", "timeout_seconds")
    std::string description;  // the validator's own wording, used to tell kinds of failure apart
};

class SchemaMessages final
{
public:
    explicit SchemaMessages(const QJsonObject &schema);

    // One line per distinct problem, "<source>: <pointer>: <reason>", sorted by
    // location. Never empty when `errors` is not empty.
    QStringList describe(const QJsonObject &instance, const std::vector<RawSchemaError> &errors,
                         const QString &source) const;

private:
    struct Location
    {
        QJsonObject schema;   // the schema node for that location ({} if none applies)
        QJsonValue instance;  // the value there (undefined if absent)
    };

    Location locate(const QJsonObject &instance, const QStringList &path) const;
    QJsonObject resolve(const QJsonObject &node) const;
    QJsonObject branchFor(const QJsonObject &node, const QJsonValue &value) const;
    QJsonObject childSchema(const QJsonObject &node, const QJsonValue &container, const QString &token) const;
    QString description(const QJsonObject &node, const QJsonValue &value) const;
    QStringList knownProperties(const QJsonObject &node, const QJsonValue &value) const;
    bool isKnownProperty(const QJsonObject &node, const QJsonValue &value, const QString &name) const;

    QJsonObject m_schema;
};

} // namespace Orchestrator
