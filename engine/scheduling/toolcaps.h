#pragma once

#include <QHash>
#include <QString>

#include "tools/toolregistry.h"

namespace Orchestrator {

// How many attempts of `tool` may run at once on every engine of a database:
// the database's tool_limits setting (`overrides`) when it names the tool,
// else the tools files' "limits"; 0: no cap.
inline int toolCap(const ToolRegistry &tools, const QHash<QString, int> &overrides, const QString &tool)
{
    if (auto it = overrides.constFind(tool); it != overrides.cend())
        return it.value();
    const ToolProfile *profile = tools.find(tool);
    return profile ? profile->maxConcurrent : 0;
}

inline bool anyToolCap(const ToolRegistry &tools, const QHash<QString, int> &overrides)
{
    for (int cap : overrides) {
        if (cap > 0)
            return true;
    }
    return tools.hasLimits();
}

} // namespace Orchestrator
