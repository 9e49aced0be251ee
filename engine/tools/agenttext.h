#pragma once

// What AI tools say in words when something went wrong: the failure a message
// names (a usage limit, a login, a budget, the network) and the reset time it
// gives, in any of the forms the tools print:
//   codex   "You've hit your usage limit. … or try again at 3:28 PM."
//           "… try again at Aug 8th, 2026 12:30 PM." / "… try again in 3 days 6 hours 5 minutes."
//   claude  "You've hit your session limit · resets 3pm (Europe/Berlin)" / "resets Aug 8, 3:30pm (UTC)"
//   gemini  "… Please retry in 51.2s." / "Suggested retry after 60s." / "Your quota will reset after 2h30m5s."
// Used by the stream readers (agentevents.cpp) only on text that already is a
// failure message, never on what the assistant said.

#include <optional>

#include <QDateTime>
#include <QString>
#include <QStringView>

#include "tools/agentevents.h"

namespace Orchestrator::AgentText {

struct Signal
{
    AgentOutcome outcome = AgentOutcome::Error;
    std::optional<qint64> resetAt;  // ms since the epoch
};

// The failure `text` names; nullopt when it names none of RateLimited,
// AuthFailed, BudgetExceeded, MaxTurns or Network. A rate limit carries the
// reset time when the text gives one.
std::optional<Signal> classify(QStringView text, const QDateTime &now);

// The reset time `text` gives, read against `now` (clock times in now's time
// zone unless the text names one); nullopt when it gives none that parses.
std::optional<qint64> resetTime(QStringView text, const QDateTime &now);

// "51.2s", "500ms", "2h30m5s", "1m" in milliseconds; nullopt otherwise.
std::optional<qint64> durationMs(QStringView text);

// The first line of `text`, without control characters, at most `maxChars` long.
QString firstLine(const QString &text, qsizetype maxChars = 300);

} // namespace Orchestrator::AgentText
