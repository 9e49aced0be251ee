#pragma once

#include <QString>

namespace Orchestrator::Ui {

// A unified diff ("--- a", "+++ b", "@@ -1,3 +1,4 @@" hunks with `context`
// lines around each change) of two texts, line by line. Texts too large for
// a line-by-line comparison are shown as all removed, then all added.
QString unifiedDiff(const QString &oldText, const QString &newText, const QString &oldName,
                    const QString &newName, int context = 3);

} // namespace Orchestrator::Ui
