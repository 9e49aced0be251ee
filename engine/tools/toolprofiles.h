#pragma once

// Reading a tool profiles document: {"profiles": [{name, description, program,
// args, edits_repo, needs_command, needs_instructions}, ...]}. The built-in
// profiles and a user's tools.json share this format.

#include <QHash>
#include <QJsonObject>
#include <QList>
#include <QString>

#include "core/result.h"
#include "tools/pricetable.h"
#include "tools/toolregistry.h"

namespace Orchestrator::ToolProfiles {

// `fileName` names the document in messages; `source` is stored in each
// profile ("built-in" or the file's path). Every problem is reported, one per
// line: "<fileName>: <json pointer>: <reason>".
Result<QList<ToolProfile>> fromJson(const QJsonObject &document, const QString &fileName,
                                    const QString &source);

// Reads and checks a profiles file.
Result<QList<ToolProfile>> fromFile(const QString &path, const QString &source);

// A whole tools document: its profiles, its "limits"
// ({"claude": {"max_concurrent": 2}}: at most that many attempts of the tool
// at once, over every engine of the database) and its "prices"
// ({"gpt-5": {"input": 1.25, "cached_input": 0.125, "output": 10}}: USD per
// million tokens, for attempts whose tool reports no cost).
struct Document
{
    QList<ToolProfile> profiles;
    QHash<QString, int> maxConcurrent;
    PriceTable prices;
};
Result<Document> documentFromJson(const QJsonObject &document, const QString &fileName, const QString &source);
Result<Document> documentFromFile(const QString &path, const QString &source);

// The names a profile's "events" may have: how the tool's output is read.
QStringList eventFormats();

} // namespace Orchestrator::ToolProfiles
