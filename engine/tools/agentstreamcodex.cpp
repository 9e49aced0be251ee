// codex exec --json: one JSON object a line (codex-rs/exec/src/exec_events.rs).
//   {"type":"thread.started","thread_id"}   {"type":"turn.started"}
//   {"type":"turn.completed","usage":{"input_tokens","cached_input_tokens","output_tokens"}}
//   {"type":"turn.failed","error":{"message"}}
//   {"type":"error","message"}: also retry chatter ("Reconnecting... 2/5 (…)"), so never final;
//     "Reconnecting... waiting for network (…)" once its retries ran out: it then waits for ever
//   {"type":"item.started"|"item.updated"|"item.completed","item":{"id","type",...}} with types
//     agent_message {text}, command_execution {command, exit_code, status}, file_change {changes:[{path,kind}], status}
// turn.completed's usage is the thread's total so far, so the last one counts.
// Usage limits arrive only as text ("You've hit your usage limit… try again at 3:28 PM.").

#include <QCoreApplication>
#include <QJsonArray>

#include "tools/agentstreamstate.h"
#include "tools/agenttext.h"

namespace Orchestrator::AgentStreams {

namespace {

struct Text
{
    Q_DECLARE_TR_FUNCTIONS(Orchestrator::AgentEvents)
};

AgentItem::Status statusOf(const QString &status)
{
    if (status == u"in_progress")
        return AgentItem::Status::Running;
    if (status == u"failed" || status == u"declined")
        return AgentItem::Status::Failed;
    return AgentItem::Status::Done;
}

Verdict verdictOf(const State &state, const QString &message)
{
    const std::optional<AgentText::Signal> signal = AgentText::classify(message, state.now);
    return Verdict{signal ? signal->outcome : AgentOutcome::Error, AgentText::firstLine(message, 1000),
                   signal ? signal->resetAt : std::nullopt};
}

void readItem(State &state, const QJsonObject &item)
{
    const QString type = item.value(u"type").toString();
    AgentItem entry;
    entry.id = item.value(u"id").toString();
    entry.status = statusOf(item.value(u"status").toString());
    if (type == u"agent_message") {
        entry.kind = AgentItem::Kind::Message;
        entry.text = item.value(u"text").toString();
    } else if (type == u"command_execution") {
        entry.kind = AgentItem::Kind::Command;
        entry.text = item.value(u"command").toString();
        if (const QJsonValue code = item.value(u"exit_code"); code.isDouble())
            entry.exitCode = code.toInt();
    } else if (type == u"file_change") {
        entry.kind = AgentItem::Kind::FileChange;
        for (const QJsonValue &change : item.value(u"changes").toArray())
            entry.paths.append(change.toObject().value(u"path").toString());
    } else {
        return;  // reasoning, todo_list, mcp_tool_call, web_search, error notes: not recorded
    }
    if (AgentItem *existing = state.findItem(entry.id); existing && existing->kind == entry.kind) {
        entry.text = boundedText(entry.text);
        *existing = std::move(entry);
        state.touch(*existing);
    } else {
        state.addItem(std::move(entry));
    }
}

QString lastMessage(const State &state)
{
    for (qsizetype i = state.report.items.size() - 1; i >= 0; --i) {
        if (state.report.items.at(i).kind == AgentItem::Kind::Message)
            return state.report.items.at(i).text;
    }
    return {};
}

} // namespace

void readCodex(State &state, const QJsonObject &event)
{
    const QString type = event.value(u"type").toString();
    if (type == u"thread.started") {
        state.report.sessionId = event.value(u"thread_id").toString(state.report.sessionId);
    } else if (type == u"turn.completed") {
        const QJsonObject usage = event.value(u"usage").toObject();
        AgentUsage &total = state.report.usage;
        total.inputTokens = qint64(usage.value(u"input_tokens").toDouble());
        total.cachedInputTokens = qint64(usage.value(u"cached_input_tokens").toDouble());
        total.outputTokens = qint64(usage.value(u"output_tokens").toDouble());
        ++state.report.numTurns;
        state.final = Verdict{AgentOutcome::Ok, AgentText::firstLine(lastMessage(state)), std::nullopt};
    } else if (type == u"turn.failed") {
        const QString message = event.value(u"error").toObject().value(u"message").toString();
        state.final = verdictOf(state, message.isEmpty() ? Text::tr("the turn failed") : message);
    } else if (type == u"error") {
        const QString message = event.value(u"message").toString();
        state.hint = verdictOf(state, message);
        // Its five reconnects and the HTTPS fallback have failed; from here
        // codex waits for a network without end (15 minutes were seen).
        if (message.contains(u"waiting for network", Qt::CaseInsensitive))
            state.settled = true;
    } else if (type.startsWith(u"item.")) {
        readItem(state, event.value(u"item").toObject());
    }
    // turn.started, item.plan.delta, request_user_input and newer kinds: nothing to keep.
}

} // namespace Orchestrator::AgentStreams
