#pragma once

// What the readers of the four formats share (agentevents.cpp and
// agentstream*.cpp only): the report being built, what the stream has said
// so far about how the attempt ends, and the bounded conversation.

#include <optional>

#include <QDateTime>
#include <QJsonObject>
#include <QString>

#include "tools/agentevents.h"

namespace Orchestrator::AgentStreams {

struct Verdict
{
    AgentOutcome outcome = AgentOutcome::Unknown;
    QString message;
    std::optional<qint64> resetAt;
};

class State final
{
public:
    explicit State(const QDateTime &now) : now(now) {}

    AgentReport report;
    QDateTime now;
    // What a final event said: claude's result, codex's turn.completed or
    // turn.failed, gemini's result. Decides unless the exit code knows better.
    std::optional<Verdict> final;
    // The latest word of trouble that does not end the attempt by itself:
    // retry chatter (claude api_retry, codex "Reconnecting…" error events),
    // a rejected rate limit, aider's litellm errors, a gemini error event.
    // Decides when no final event came (killed, crashed, exit without result).
    std::optional<Verdict> hint;
    // The tool will only wait from here on (AgentEventReader::settled()).
    bool settled = false;

    // claude: the error kind of the latest assistant message ("authentication_failed")
    QString claudeErrorKind;
    // claude: the reset time of the latest rejected rate limit
    std::optional<qint64> claudeLimitResetAt;
    // gemini: an assistant message is being streamed in deltas into the last item
    bool geminiMessageOpen = false;
    // gemini: the latest error event of severity "error" (a success result after it is not one)
    std::optional<Verdict> geminiError;

    // The conversation, bounded to AgentEventReader::kMaxItems (oldest dropped).
    AgentItem &addItem(AgentItem item);
    // The newest item with this id, or null.
    AgentItem *findItem(const QString &id);
    // Marks an item (a reference from addItem/findItem) as changed.
    void touch(const AgentItem &item);
    qsizetype takeFirstChanged();

private:
    qsizetype m_firstChanged = -1;
};

void readClaude(State &state, const QJsonObject &event);
void readCodex(State &state, const QJsonObject &event);
void readGemini(State &state, const QJsonObject &event);
// aider writes its reports and errors as text, to stdout or stderr alike.
void readAider(State &state, const QString &line);

// gemini's documented exit codes (41 auth, 42 input, 53 turn limit, 54 tool
// failure, ...); nullopt for the others.
std::optional<Verdict> geminiExitVerdict(int exitCode);

// The item texts kept at most (longer ones are cut, with an ellipsis).
constexpr qsizetype kMaxItemText = 64 * 1024;
QString boundedText(const QString &text, qsizetype maxChars = kMaxItemText);

} // namespace Orchestrator::AgentStreams
