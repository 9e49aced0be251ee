#pragma once

// Readers of what AI coding tools print: claude's and gemini's stream-json,
// codex's JSONL and aider's text. Each is fed the tool's stdout in chunks as
// they arrive (a line may be split anywhere) and, optionally, its stderr, and
// keeps an AgentReport: the outcome in the tool's own words, the session,
// model, tokens and cost, and the conversation (assistant messages, commands
// run, files changed). Pure: no process, no clock but the one it is given, no
// widget. tests/data/agentstreams/ holds recorded streams of the real tools.

#include <memory>
#include <optional>

#include <QByteArrayView>
#include <QDateTime>
#include <QList>
#include <QString>
#include <QStringList>

#include "core/result.h"

namespace Orchestrator {

// How a profile's output is read: its `events` field.
enum class AgentEventFormat {
    None,              // "none": not read; the exit code alone decides
    ClaudeStreamJson,  // "claude-stream-json": claude -p --output-format stream-json --verbose
    CodexJsonl,        // "codex-jsonl": codex exec --json
    GeminiStreamJson,  // "gemini-stream-json": gemini --output-format stream-json
    AiderText,         // "aider-text": aider --no-pretty --no-stream
};

QString toString(AgentEventFormat format);
// The format a profile's `events` string names; an error naming the unknown
// value and the known ones otherwise.
Result<AgentEventFormat> agentEventFormatFromString(const QString &text);

// What an attempt of an AI tool came to, whatever its exit code said (every
// one of these tools can exit 0 after a failure).
enum class AgentOutcome {
    Unknown,         // nothing read says: the exit code or the runner's own outcome decides
    Ok,
    Error,           // failed; the message says why in the tool's words
    RateLimited,     // a rate or usage limit: wait until resetAt (or back off) and try again
    AuthFailed,      // not logged in, bad key: retrying cannot help until someone logs in
    BudgetExceeded,  // --max-budget-usd reached, or the account has no credit left
    MaxTurns,        // the turn limit was reached before the task was done
    Network,         // the service could not be reached or could not serve: retry with backoff
};

QString toString(AgentOutcome outcome);  // "ok", "rate_limited", ... as in the issue and JSON
std::optional<AgentOutcome> agentOutcomeFromString(const QString &text);

// Tokens in one convention for every tool: inputTokens counts every input
// token the model read, cached and cache-written ones included (claude's
// input_tokens + cache_read_input_tokens + cache_creation_input_tokens;
// codex's and gemini's input_tokens as they are; the sum of aider's "sent").
struct AgentUsage
{
    qint64 inputTokens = 0;
    qint64 cachedInputTokens = 0;    // of inputTokens, read from a prompt cache
    qint64 outputTokens = 0;
    qint64 cacheCreationTokens = 0;  // of inputTokens, written to a prompt cache (claude, aider)
    std::optional<double> costUsd;   // the tool's own figure (claude, aider); none when it gave none

    friend bool operator==(const AgentUsage &, const AgentUsage &) = default;
};

// One entry of the conversation, for a Conversation view.
struct AgentItem
{
    enum class Kind {
        Message,     // text: what the assistant said
        Command,     // text: the command line it ran; exitCode once it finished
        FileChange,  // paths: the files it wrote, edited or deleted
    };
    enum class Status { Running, Done, Failed };

    Kind kind = Kind::Message;
    Status status = Status::Done;
    QString id;  // the tool's id for it (codex item id, tool_use id), to update it in place
    QString text;
    std::optional<int> exitCode;
    QStringList paths;

    friend bool operator==(const AgentItem &, const AgentItem &) = default;
};

struct AgentReport
{
    AgentOutcome outcome = AgentOutcome::Unknown;
    QString message;               // the tool's words, e.g. "Not logged in · Please run /login"
    std::optional<qint64> resetAt; // RateLimited: when the limit resets, ms since the epoch
    QString sessionId;             // claude session_id, codex thread_id, gemini session_id
    QString model;
    AgentUsage usage;
    int numTurns = 0;              // claude num_turns, codex turns completed
    QList<AgentItem> items;        // at most AgentEventReader::kMaxItems, the newest
    qsizetype droppedItems = 0;    // the oldest items dropped to keep that bound
    qsizetype skippedLines = 0;    // stdout lines of a JSON stream that were not JSON objects

    friend bool operator==(const AgentReport &, const AgentReport &) = default;
};

// One attempt's reader. Feed it as output arrives, then finish() once with the
// exit code. report() is meaningful at any time: while the tool runs its
// outcome is Unknown unless the stream already said how it ended.
class AgentEventReader final
{
public:
    static constexpr qsizetype kMaxItems = 2000;
    static constexpr qsizetype kMaxLineBytes = 16 * 1024 * 1024;  // longer lines are skipped

    // `now` dates what the tool says in local clock time ("try again at
    // 3:05 PM", "resets 3pm"): such times are read in now's time zone.
    explicit AgentEventReader(AgentEventFormat format, const QDateTime &now = QDateTime::currentDateTime());
    ~AgentEventReader();
    AgentEventReader(AgentEventReader &&) noexcept;
    AgentEventReader &operator=(AgentEventReader &&) noexcept;

    AgentEventFormat format() const;

    void feedStdout(QByteArrayView chunk);
    void feedStderr(QByteArrayView chunk);

    // The process ended: with its exit code, or none when it was killed or
    // crashed. Reads what is left of an unterminated last line and decides
    // the outcome. Calling it again changes nothing.
    void finish(std::optional<int> exitCode);

    const AgentReport &report() const;

    // The stream says the tool will only wait from here on, never finish by
    // itself: codex's "Reconnecting... waiting for network" after its own
    // retries ran out (it then waits for a network for ever). The runner
    // stops such a tool and ends the attempt with report()'s outcome.
    bool settled() const;

    // The first item that was added or changed since the last call, as an
    // index into report().items; -1 when none.
    qsizetype takeFirstChangedItem();

private:
    struct Impl;
    std::unique_ptr<Impl> d;
};

} // namespace Orchestrator
