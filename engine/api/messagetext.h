#pragma once

#include <QString>

namespace Orchestrator::MessageText {

// An engine message (a job's reason, an event's detail, a command's error,
// "why" a job waits) in the language of the installed translators, with its
// numbers in the user's locale. The engine stores and prints English; this is
// the boundary where the dashboard turns it into the user's words. A message
// of a shape it does not know comes back unchanged; each line of a message of
// several lines is translated on its own.
QString translated(const QString &message);

} // namespace Orchestrator::MessageText
