// gemini --output-format stream-json: one JSON object a line.
//   {"type":"init","session_id","model"}
//   {"type":"message","role":"user"|"assistant","content","delta"?}: assistant text comes in deltas
//   {"type":"tool_use","tool_name","tool_id","parameters"}
//   {"type":"tool_result","tool_id","status":"success"|"error","output","error"?:{"type","message"}}
//   {"type":"error","severity":"warning"|"error","message"}
//   {"type":"result","status":"success"|"error","error"?:{"type","message"},
//    "stats":{"input_tokens","output_tokens","cached","models":{name:{...}}}}
// Fatal errors exit with documented codes (41 auth, 42 input, 53 turn limit,
// 54 tool failure); without credentials gemini prints no event at all, only
// stderr text and exit 41.

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

void readMessage(State &state, const QJsonObject &event)
{
    if (event.value(u"role").toString() != u"assistant")
        return;
    const QString text = event.value(u"content").toString();
    if (state.geminiMessageOpen && event.value(u"delta").toBool() && !state.report.items.isEmpty()) {
        AgentItem &item = state.report.items.last();
        item.text = boundedText(item.text + text);
        state.touch(item);
        return;
    }
    state.addItem(AgentItem{AgentItem::Kind::Message, AgentItem::Status::Done, {}, text, {}, {}});
    state.geminiMessageOpen = true;
}

void readToolUse(State &state, const QJsonObject &event)
{
    state.geminiMessageOpen = false;
    const QString name = event.value(u"tool_name").toString();
    const QJsonObject parameters = event.value(u"parameters").toObject();
    AgentItem item;
    item.id = event.value(u"tool_id").toString();
    item.status = AgentItem::Status::Running;
    if (name == u"run_shell_command") {
        item.kind = AgentItem::Kind::Command;
        item.text = parameters.value(u"command").toString();
    } else if (name == u"write_file" || name == u"replace") {
        item.kind = AgentItem::Kind::FileChange;
        const QString path = parameters.value(u"file_path").toString();
        if (!path.isEmpty())
            item.paths.append(path);
    } else {
        return;
    }
    state.addItem(std::move(item));
}

void readToolResult(State &state, const QJsonObject &event)
{
    state.geminiMessageOpen = false;
    static const QRegularExpression exitCode(u"Exit Code: (\\d+)"_s);
    AgentItem *item = state.findItem(event.value(u"tool_id").toString());
    if (!item)
        return;
    const bool failed = event.value(u"status").toString() == u"error";
    item->status = failed ? AgentItem::Status::Failed : AgentItem::Status::Done;
    if (item->kind == AgentItem::Kind::Command) {
        const QString output = event.value(u"output").toString() + u'\n'
                               + event.value(u"error").toObject().value(u"message").toString();
        const QRegularExpressionMatch match = exitCode.match(output);
        if (match.hasMatch())
            item->exitCode = match.capturedView(1).toInt();
        else if (!failed)
            item->exitCode = 0;
    }
    state.touch(*item);
}

Verdict verdictOf(const State &state, const QString &type, const QString &message)
{
    if (type == u"FatalAuthenticationError")
        return Verdict{AgentOutcome::AuthFailed, message, std::nullopt};
    if (type == u"FatalTurnLimitedError")
        return Verdict{AgentOutcome::MaxTurns, message, std::nullopt};
    const std::optional<AgentText::Signal> signal = AgentText::classify(QString(type + u' ' + message), state.now);
    if (type.endsWith(u"QuotaError"))
        return Verdict{AgentOutcome::RateLimited, message, signal ? signal->resetAt : std::nullopt};
    if (signal)
        return Verdict{signal->outcome, message, signal->resetAt};
    return Verdict{AgentOutcome::Error, message, std::nullopt};
}

void readStats(State &state, const QJsonObject &stats)
{
    AgentUsage &usage = state.report.usage;
    usage.inputTokens = qint64(stats.value(u"input_tokens").toDouble());
    usage.cachedInputTokens = qint64(stats.value(u"cached").toDouble());
    usage.outputTokens = qint64(stats.value(u"output_tokens").toDouble());
    // init often says "auto"; the model that used the most tokens is the one to price.
    const QJsonObject models = stats.value(u"models").toObject();
    double most = 0;
    for (auto it = models.begin(); it != models.end(); ++it) {
        const double tokens = it.value().toObject().value(u"total_tokens").toDouble();
        if (tokens > most) {
            most = tokens;
            state.report.model = it.key();
        }
    }
}

void readResult(State &state, const QJsonObject &event)
{
    state.geminiMessageOpen = false;
    readStats(state, event.value(u"stats").toObject());
    if (event.value(u"status").toString() == u"success") {
        // "Maximum session turns exceeded" arrives as an error event followed by a success result.
        if (state.geminiError) {
            state.final = state.geminiError;
            return;
        }
        QString text;
        for (const AgentItem &item : std::as_const(state.report.items)) {
            if (item.kind == AgentItem::Kind::Message)
                text = item.text;
        }
        state.final = Verdict{AgentOutcome::Ok, AgentText::firstLine(text), std::nullopt};
        return;
    }
    const QJsonObject error = event.value(u"error").toObject();
    QString message = error.value(u"message").toString();
    if (message.isEmpty() && state.geminiError) {
        state.final = state.geminiError;
        return;
    }
    if (message.isEmpty())
        message = Text::tr("gemini reported an error");
    state.final = verdictOf(state, error.value(u"type").toString(), AgentText::firstLine(message, 1000));
}

} // namespace

void readGemini(State &state, const QJsonObject &event)
{
    const QString type = event.value(u"type").toString();
    if (type == u"init") {
        state.report.sessionId = event.value(u"session_id").toString(state.report.sessionId);
        state.report.model = event.value(u"model").toString(state.report.model);
    } else if (type == u"message") {
        readMessage(state, event);
    } else if (type == u"tool_use") {
        readToolUse(state, event);
    } else if (type == u"tool_result") {
        readToolResult(state, event);
    } else if (type == u"error") {
        const QString message = AgentText::firstLine(event.value(u"message").toString(), 1000);
        const Verdict verdict = verdictOf(state, {}, message);
        if (event.value(u"severity").toString() == u"error") {
            state.geminiError = verdict;
            state.hint = verdict;
        } else if (verdict.outcome != AgentOutcome::Error) {
            state.hint = verdict;  // a warning that names a limit or the network
        }
    } else if (type == u"result") {
        readResult(state, event);
    }
}

std::optional<Verdict> geminiExitVerdict(int exitCode)
{
    switch (exitCode) {
    case 41:
        return Verdict{AgentOutcome::AuthFailed, Text::tr("gemini: authentication failed (exit code 41)"), std::nullopt};
    case 42:
        return Verdict{AgentOutcome::Error, Text::tr("gemini: the input was not accepted (exit code 42)"), std::nullopt};
    case 44:
        return Verdict{AgentOutcome::Error, Text::tr("gemini: sandbox error (exit code 44)"), std::nullopt};
    case 52:
        return Verdict{AgentOutcome::Error, Text::tr("gemini: configuration error (exit code 52)"), std::nullopt};
    case 53:
        return Verdict{AgentOutcome::MaxTurns, Text::tr("gemini: the session turn limit was reached (exit code 53)"),
                       std::nullopt};
    case 54:
        return Verdict{AgentOutcome::Error, Text::tr("gemini: a tool failed (exit code 54)"), std::nullopt};
    case 55:
        return Verdict{AgentOutcome::Error, Text::tr("gemini: the workspace is not trusted (exit code 55)"),
                       std::nullopt};
    default:
        return std::nullopt;
    }
}

} // namespace Orchestrator::AgentStreams
