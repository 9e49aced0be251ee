// claude -p --output-format stream-json --verbose: one JSON object a line.
//   {"type":"system","subtype":"init","session_id","model",...}
//   {"type":"assistant","message":{"model","content":[{"type":"text"|"tool_use",...}]},"error"?}
//   {"type":"user","message":{"content":[{"type":"tool_result","tool_use_id","is_error","content"}]}}
//   {"type":"system","subtype":"api_retry","attempt","max_retries","retry_delay_ms","error_status","error"}
//   {"type":"rate_limit_event","rate_limit_info":{"status","resetsAt",...}}
//   {"type":"result","subtype","is_error","result"|"errors","session_id","total_cost_usd","num_turns",
//    "usage":{...},"api_error_status"?}
// The outcome is decided on is_error, never on subtype alone: claude 2.1
// reports "Not logged in" as subtype "success" with is_error true.

#include <QCoreApplication>
#include <QJsonArray>
#include <QRegularExpression>

#include "tools/agentstreamstate.h"
#include "tools/agenttext.h"

namespace Orchestrator::AgentStreams {

using namespace Qt::StringLiterals;

namespace {

struct Text
{
    Q_DECLARE_TR_FUNCTIONS(Orchestrator::AgentEvents)
};

// The error kinds claude gives an assistant message or an api_retry event.
// billing_error ("Credit balance is too low") is BudgetExceeded: the login
// is fine and logging in again would not help; money would.
std::optional<AgentOutcome> outcomeOfKind(const QString &kind, bool hasHttpStatus)
{
    if (kind == u"rate_limit")
        return AgentOutcome::RateLimited;
    if (kind == u"authentication_failed" || kind == u"oauth_org_not_allowed")
        return AgentOutcome::AuthFailed;
    if (kind == u"billing_error")
        return AgentOutcome::BudgetExceeded;
    if (kind == u"overloaded" || kind == u"server_error")
        return AgentOutcome::Network;
    // api_retry says "unknown" with no HTTP status when no connection was made.
    if (kind == u"unknown" && !hasHttpStatus)
        return AgentOutcome::Network;
    if (kind.isEmpty() || kind == u"unknown")
        return std::nullopt;
    return AgentOutcome::Error;  // invalid_request, model_not_found, max_output_tokens, ...
}

std::optional<AgentOutcome> outcomeOfHttpStatus(int status)
{
    if (status == 429)
        return AgentOutcome::RateLimited;
    if (status == 401 || status == 403)
        return AgentOutcome::AuthFailed;
    if (status == 402)
        return AgentOutcome::BudgetExceeded;
    if (status == 408 || status == 529 || status >= 500)
        return AgentOutcome::Network;
    return std::nullopt;
}

// A tool_result's content: a string or a list of text blocks.
QString resultText(const QJsonValue &content)
{
    if (content.isString())
        return content.toString();
    QStringList parts;
    for (const QJsonValue &block : content.toArray())
        parts.append(block.toObject().value(u"text").toString());
    return parts.join(u'\n');
}

void readToolUse(State &state, const QJsonObject &block)
{
    const QString name = block.value(u"name").toString();
    const QJsonObject input = block.value(u"input").toObject();
    AgentItem item;
    item.id = block.value(u"id").toString();
    item.status = AgentItem::Status::Running;
    if (name == u"Bash") {
        item.kind = AgentItem::Kind::Command;
        item.text = input.value(u"command").toString();
    } else if (name == u"Edit" || name == u"Write" || name == u"MultiEdit" || name == u"NotebookEdit") {
        item.kind = AgentItem::Kind::FileChange;
        const QString path = input.value(name == u"NotebookEdit" ? u"notebook_path" : u"file_path").toString();
        if (!path.isEmpty())
            item.paths.append(path);
    } else {
        return;  // reads, searches, sub-agents: not part of the conversation's record
    }
    state.addItem(std::move(item));
}

void readAssistant(State &state, const QJsonObject &event)
{
    const QJsonObject message = event.value(u"message").toObject();
    const QString model = message.value(u"model").toString();
    if (!model.isEmpty() && !model.startsWith(u'<'))  // "<synthetic>": claude's own words, no model
        state.report.model = model;
    state.claudeErrorKind = event.value(u"error").toString();
    for (const QJsonValue &value : message.value(u"content").toArray()) {
        const QJsonObject block = value.toObject();
        const QString type = block.value(u"type").toString();
        if (type == u"text") {
            const QString text = block.value(u"text").toString();
            if (!text.trimmed().isEmpty())
                state.addItem(AgentItem{AgentItem::Kind::Message, AgentItem::Status::Done, {}, text, {}, {}});
        } else if (type == u"tool_use") {
            readToolUse(state, block);
        }
    }
}

void readToolResults(State &state, const QJsonObject &event)
{
    static const QRegularExpression exitCode(u"^Exit code (\\d+)"_s);
    for (const QJsonValue &value : event.value(u"message").toObject().value(u"content").toArray()) {
        const QJsonObject block = value.toObject();
        if (block.value(u"type").toString() != u"tool_result")
            continue;
        AgentItem *item = state.findItem(block.value(u"tool_use_id").toString());
        if (!item)
            continue;
        const bool failed = block.value(u"is_error").toBool();
        item->status = failed ? AgentItem::Status::Failed : AgentItem::Status::Done;
        if (item->kind == AgentItem::Kind::Command) {
            // Bash results carry no exit code field; a failed one starts "Exit code N".
            const QRegularExpressionMatch match = exitCode.match(resultText(block.value(u"content")));
            if (match.hasMatch())
                item->exitCode = match.capturedView(1).toInt();
            else if (!failed)
                item->exitCode = 0;
        }
        state.touch(*item);
    }
}

void readApiRetry(State &state, const QJsonObject &event)
{
    const QString kind = event.value(u"error").toString();
    const QJsonValue status = event.value(u"error_status");
    const bool hasStatus = status.isDouble();
    AgentOutcome outcome = outcomeOfKind(kind, hasStatus).value_or(AgentOutcome::Error);
    if (hasStatus && outcome == AgentOutcome::Error)
        outcome = outcomeOfHttpStatus(status.toInt()).value_or(AgentOutcome::Error);
    const QString what = hasStatus ? u"%1, HTTP %2"_s.arg(kind).arg(status.toInt())
                                   : Text::tr("%1, no HTTP status").arg(kind.isEmpty() ? u"unknown"_s : kind);
    state.hint = Verdict{outcome,
                         Text::tr("API request failed (%1); retry %2 of %3")
                             .arg(what)
                             .arg(event.value(u"attempt").toInt())
                             .arg(event.value(u"max_retries").toInt()),
                         std::nullopt};
}

void readRateLimit(State &state, const QJsonObject &event)
{
    const QJsonObject info = event.value(u"rate_limit_info").toObject();
    if (info.value(u"status").toString() != u"rejected")
        return;  // "allowed", "allowed_warning": information, the request went through
    std::optional<qint64> resetAt;
    if (const double resets = info.value(u"resetsAt").toDouble(); resets > 0) {
        // seconds since the epoch (claude reads it from a header); tolerate milliseconds
        resetAt = resets > 1e11 ? qint64(resets) : qint64(resets * 1000);
    }
    state.claudeLimitResetAt = resetAt;
    const QString type = info.value(u"rateLimitType").toString();
    state.hint = Verdict{AgentOutcome::RateLimited,
                         type.isEmpty() ? Text::tr("rate limit reached")
                                        : Text::tr("rate limit reached (%1)").arg(type),
                         resetAt};
}

void readUsage(State &state, const QJsonObject &event)
{
    const QJsonObject usage = event.value(u"usage").toObject();
    AgentUsage &total = state.report.usage;
    const qint64 input = qint64(usage.value(u"input_tokens").toDouble());
    total.cachedInputTokens = qint64(usage.value(u"cache_read_input_tokens").toDouble());
    total.cacheCreationTokens = qint64(usage.value(u"cache_creation_input_tokens").toDouble());
    total.inputTokens = input + total.cachedInputTokens + total.cacheCreationTokens;
    total.outputTokens = qint64(usage.value(u"output_tokens").toDouble());
    if (const QJsonValue cost = event.value(u"total_cost_usd"); cost.isDouble())
        total.costUsd = cost.toDouble();
    state.report.numTurns = event.value(u"num_turns").toInt(state.report.numTurns);
    const QJsonObject models = event.value(u"modelUsage").toObject();
    if (state.report.model.isEmpty() && models.size() == 1)
        state.report.model = models.keys().constFirst();
}

// The failure a result with is_error says, in order of precision.
AgentOutcome failureOf(const State &state, const QJsonObject &event, const QString &message)
{
    const QString subtype = event.value(u"subtype").toString();
    if (subtype == u"error_max_turns")
        return AgentOutcome::MaxTurns;
    if (subtype == u"error_max_budget_usd")
        return AgentOutcome::BudgetExceeded;
    if (const QJsonValue status = event.value(u"api_error_status"); status.isDouble()) {
        if (const std::optional<AgentOutcome> outcome = outcomeOfHttpStatus(status.toInt()))
            return *outcome;
    }
    if (const std::optional<AgentOutcome> outcome = outcomeOfKind(state.claudeErrorKind, true);
        outcome && *outcome != AgentOutcome::Error)
        return *outcome;
    if (const std::optional<AgentText::Signal> signal = AgentText::classify(message, state.now))
        return signal->outcome;
    if (state.hint && state.hint->outcome != AgentOutcome::Error)
        return state.hint->outcome;
    return AgentOutcome::Error;
}

void readResult(State &state, const QJsonObject &event)
{
    if (const QString id = event.value(u"session_id").toString(); !id.isEmpty())
        state.report.sessionId = id;
    readUsage(state, event);

    QString message = event.value(u"result").toString();
    if (message.trimmed().isEmpty()) {
        QStringList errors;
        for (const QJsonValue &error : event.value(u"errors").toArray())
            errors.append(error.toString());
        message = errors.join(u"; "_s);
    }
    if (!event.value(u"is_error").toBool()) {
        state.final = Verdict{AgentOutcome::Ok, AgentText::firstLine(message), std::nullopt};
        return;
    }
    if (message.trimmed().isEmpty())
        message = Text::tr("claude stopped: %1").arg(event.value(u"subtype").toString());
    const AgentOutcome outcome = failureOf(state, event, message);
    std::optional<qint64> resetAt;
    if (outcome == AgentOutcome::RateLimited) {
        // The event's timestamp is exact; the text ("resets 3pm") only to the minute.
        resetAt = state.claudeLimitResetAt;
        if (!resetAt)
            resetAt = AgentText::resetTime(message, state.now);
    }
    state.final = Verdict{outcome, AgentText::firstLine(message, 1000), resetAt};
}

} // namespace

void readClaude(State &state, const QJsonObject &event)
{
    const QString type = event.value(u"type").toString();
    if (type == u"system") {
        const QString subtype = event.value(u"subtype").toString();
        if (subtype == u"init") {
            state.report.sessionId = event.value(u"session_id").toString(state.report.sessionId);
            state.report.model = event.value(u"model").toString(state.report.model);
        } else if (subtype == u"api_retry") {
            readApiRetry(state, event);
        }
    } else if (type == u"assistant") {
        readAssistant(state, event);
    } else if (type == u"user") {
        readToolResults(state, event);
    } else if (type == u"rate_limit_event") {
        readRateLimit(state, event);
    } else if (type == u"result") {
        readResult(state, event);
    }
    // Anything else (stream_event, compact_boundary, hook events, newer kinds) is not needed.
}

} // namespace Orchestrator::AgentStreams
