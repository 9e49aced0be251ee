// aider --no-pretty --no-stream: text. What is read:
//   "Model: gpt-4o with diff edit format, …" / "Main model: …"
//   "Tokens: 12k sent, 2.0k cache write, 8.2k cache hit, 1.1k received. Cost: $0.05 message, $0.12 session."
//     once per message to the model; tokens are per message (summed here), the session cost is cumulative.
//   "Applied edit to README.md"
//   litellm exceptions as aider prints them: "litellm.RateLimitError: AnthropicException - …",
//     "litellm.AuthenticationError: …". aider retries some of them itself and exits 0 even when
//     it gave up, so an error counts unless a later "Tokens:" line shows a message went through.
// Only these lines are read for failures: the rest is the assistant's reply,
// which may well talk about rate limits.

#include <QRegularExpression>

#include "tools/agentstreamstate.h"
#include "tools/agenttext.h"

namespace Orchestrator::AgentStreams {

using namespace Qt::StringLiterals;

namespace {

// "950", "1.2k", "12k", "1.5M", "12,345"
qint64 tokenCount(QStringView text)
{
    QString digits = text.toString().remove(u',');
    double factor = 1;
    if (digits.endsWith(u'k', Qt::CaseInsensitive))
        factor = 1e3;
    else if (digits.endsWith(u'm', Qt::CaseInsensitive))
        factor = 1e6;
    if (factor != 1)
        digits.chop(1);
    return qint64(digits.toDouble() * factor + 0.5);
}

bool readTokens(State &state, const QString &line)
{
    static const QRegularExpression tokens(
        u"^Tokens: ([\\d.,]+[kKmM]?) sent(?:, ([\\d.,]+[kKmM]?) cache write)?(?:, ([\\d.,]+[kKmM]?) cache (?:hit|read))?"
        ", ([\\d.,]+[kKmM]?) received\\.(?:\\s*Cost: \\$([\\d.,]+) message, \\$([\\d.,]+) session\\.)?"_s);
    const QRegularExpressionMatch match = tokens.match(line);
    if (!match.hasMatch())
        return false;
    AgentUsage &usage = state.report.usage;
    usage.inputTokens += tokenCount(match.capturedView(1));
    usage.cacheCreationTokens += tokenCount(match.capturedView(2));
    usage.cachedInputTokens += tokenCount(match.capturedView(3));
    usage.outputTokens += tokenCount(match.capturedView(4));
    if (match.hasCaptured(6))
        usage.costUsd = match.captured(6).remove(u',').toDouble();
    ++state.report.numTurns;
    state.hint.reset();  // a message went through after whatever failed before
    return true;
}

std::optional<AgentOutcome> outcomeOfException(const QString &name, const QString &line)
{
    if (name == u"BudgetExceededError")
        return AgentOutcome::BudgetExceeded;
    if (name == u"RateLimitError") {
        // OpenAI's "You exceeded your current quota" is a RateLimitError that waiting does not end.
        const std::optional<AgentText::Signal> signal = AgentText::classify(line, QDateTime());
        return signal && signal->outcome == AgentOutcome::BudgetExceeded ? AgentOutcome::BudgetExceeded
                                                                         : AgentOutcome::RateLimited;
    }
    if (name == u"AuthenticationError" || name == u"PermissionDeniedError")
        return AgentOutcome::AuthFailed;
    if (name == u"APIConnectionError" || name == u"ServiceUnavailableError" || name == u"InternalServerError"
        || name == u"Timeout" || name == u"APIError")
        return AgentOutcome::Network;
    if (name.endsWith(u"Error"))
        return AgentOutcome::Error;  // BadRequestError, NotFoundError, ContextWindowExceededError, ...
    return std::nullopt;
}

bool readException(State &state, const QString &line)
{
    static const QRegularExpression exception(u"\\blitellm\\.(\\w+)"_s);
    const QRegularExpressionMatch match = exception.match(line);
    if (!match.hasMatch())
        return false;
    const std::optional<AgentOutcome> outcome = outcomeOfException(match.captured(1), line);
    if (!outcome)
        return false;
    const std::optional<qint64> resetAt =
        *outcome == AgentOutcome::RateLimited ? AgentText::resetTime(line, state.now) : std::nullopt;
    state.hint = Verdict{*outcome, AgentText::firstLine(line.mid(match.capturedStart()), 1000), resetAt};
    return true;
}

} // namespace

void readAider(State &state, const QString &line)
{
    static const QRegularExpression model(u"^(?:Main )?[Mm]odel: (\\S+)"_s);
    static const QRegularExpression applied(u"^Applied edit to (.+)$"_s);
    if (readTokens(state, line) || readException(state, line))
        return;
    if (const QRegularExpressionMatch match = model.match(line); match.hasMatch()) {
        state.report.model = match.captured(1);
    } else if (const QRegularExpressionMatch edit = applied.match(line); edit.hasMatch()) {
        AgentItem item;
        item.kind = AgentItem::Kind::FileChange;
        item.paths.append(edit.captured(1).trimmed());
        state.addItem(std::move(item));
    }
}

} // namespace Orchestrator::AgentStreams
