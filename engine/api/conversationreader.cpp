#include "conversationreader.h"

#include <QFile>
#include <QRegularExpression>

#include "tools/agentevents.h"
#include "tools/toolregistry.h"

namespace Orchestrator {

namespace {

// The engine's lines in a log (execution/logfile.cpp): an attempt's header
// "==> <time> attempt 2/3 of JOB with TOOL", its command and directory, and
// its footer "==> attempt 2 failed: ...".
constexpr QByteArrayView kEnginePrefix = "==> ";
constexpr QByteArrayView kStderrPrefix = "[stderr] ";

ConversationItem::Kind kindOf(AgentItem::Kind kind)
{
    switch (kind) {
    case AgentItem::Kind::Message: return ConversationItem::Kind::Message;
    case AgentItem::Kind::Command: return ConversationItem::Kind::Command;
    case AgentItem::Kind::FileChange: return ConversationItem::Kind::FileChange;
    }
    return ConversationItem::Kind::Message;
}

ConversationItem::Status statusOf(AgentItem::Status status)
{
    switch (status) {
    case AgentItem::Status::Running: return ConversationItem::Status::Running;
    case AgentItem::Status::Done: return ConversationItem::Status::Done;
    case AgentItem::Status::Failed: return ConversationItem::Status::Failed;
    }
    return ConversationItem::Status::Done;
}

ConversationItem conversationItem(const AgentItem &item)
{
    return ConversationItem{kindOf(item.kind), statusOf(item.status), item.text, item.exitCode, item.paths};
}

// The events format of `tool`'s profile; None when it has none or is unknown.
AgentEventFormat formatOf(const QString &events, const QString &tool)
{
    QString name = events;
    if (name.isEmpty()) {
        const auto registry = ToolRegistry::load();
        const ToolProfile *profile = registry ? registry->find(tool) : nullptr;
        name = profile ? profile->events : QString();
    }
    const auto format = agentEventFormatFromString(name);
    return format ? *format : AgentEventFormat::None;
}

} // namespace

struct ConversationReader::Impl
{
    enum class Phase { BeforeAttempt, InAttempt, Ended };

    QString logFile;
    int attempt = 0;
    QString events;
    qint64 offset = 0;
    QByteArray carry;             // the start of a line whose end has not been read
    bool skipLine = false;        // the line being read is too long to keep: dropped up to its end
    Phase phase = Phase::BeforeAttempt;
    QString tool;
    std::optional<AgentEventReader> reader;

    void line(QByteArrayView line);
    void engineLine(QByteArrayView line);
};

void ConversationReader::Impl::engineLine(QByteArrayView bytes)
{
    static const QRegularExpression header(QStringLiteral("^==> \\S+ attempt (\\d+)/\\d+ of .* with (\\S+)\\s*$"));
    static const QRegularExpression footer(QStringLiteral("^==> attempt (\\d+) "));
    const QString text = QString::fromUtf8(bytes);
    if (const QRegularExpressionMatch match = header.match(text); match.hasMatch()) {
        const int number = match.captured(1).toInt();
        if (phase == Phase::InAttempt) {
            // The attempt ended without a footer (its engine died): a later one began.
            phase = Phase::Ended;
            if (reader)
                reader->finish(std::nullopt);
        } else if (number == attempt) {
            phase = Phase::InAttempt;
            tool = match.captured(2);
            const AgentEventFormat format = formatOf(events, tool);
            if (format != AgentEventFormat::None)
                reader.emplace(format);
        }
        return;
    }
    if (const QRegularExpressionMatch match = footer.match(text); match.hasMatch() && phase == Phase::InAttempt
                                                                  && match.captured(1).toInt() == attempt) {
        phase = Phase::Ended;
        if (reader)
            reader->finish(std::nullopt);
    }
}

void ConversationReader::Impl::line(QByteArrayView bytes)
{
    if (bytes.startsWith(kEnginePrefix)) {
        engineLine(bytes.chopped(1));
        return;
    }
    if (phase != Phase::InAttempt || !reader)
        return;
    if (bytes.startsWith(kStderrPrefix))
        reader->feedStderr(bytes.sliced(kStderrPrefix.size()));
    else
        reader->feedStdout(bytes);
}

ConversationReader::ConversationReader(QString logFile, int attempt, QString events)
    : d(std::make_unique<Impl>())
{
    d->logFile = std::move(logFile);
    d->attempt = attempt;
    d->events = std::move(events);
}

ConversationReader::~ConversationReader() = default;

ConversationBatch ConversationReader::feed(QByteArrayView bytes)
{
    ConversationBatch batch;
    qsizetype start = 0;
    while (start < bytes.size() && d->phase != Impl::Phase::Ended) {
        const qsizetype lineBreak = bytes.indexOf('\n', start);
        if (lineBreak < 0) {
            if (!d->skipLine)
                d->carry.append(bytes.sliced(start));
            if (d->carry.size() > AgentEventReader::kMaxLineBytes) {
                d->carry.clear();
                d->skipLine = true;
            }
            break;
        }
        const QByteArrayView piece = bytes.sliced(start, lineBreak + 1 - start);
        start = lineBreak + 1;
        if (std::exchange(d->skipLine, false))
            continue;
        if (d->carry.isEmpty()) {
            d->line(piece);
        } else {
            d->carry.append(piece);
            d->line(d->carry);
            d->carry.clear();
        }
    }

    if (d->phase != Impl::Phase::BeforeAttempt) {
        batch.tool = d->tool;
        batch.hasConversation = d->reader.has_value();
    }
    batch.ended = d->phase == Impl::Phase::Ended;
    if (!d->reader)
        return batch;
    const AgentReport &report = d->reader->report();
    batch.droppedItems = report.droppedItems;
    if (const qsizetype first = d->reader->takeFirstChangedItem(); first >= 0) {
        batch.firstChanged = report.droppedItems + first;
        for (qsizetype i = first; i < report.items.size(); ++i)
            batch.items.append(conversationItem(report.items.at(i)));
    }
    return batch;
}

ConversationBatch ConversationReader::readMore()
{
    if (d->phase == Impl::Phase::Ended)
        return feed({});
    QFile file(d->logFile);
    if (!file.open(QIODevice::ReadOnly))
        return feed({});
    const qint64 size = file.size();
    if (size < d->offset) {
        ConversationBatch batch;
        batch.truncated = true;
        return batch;
    }
    if (!file.seek(d->offset))
        return feed({});
    const QByteArray chunk = file.read(ChunkSize);
    d->offset += chunk.size();
    ConversationBatch batch = feed(chunk);
    batch.backlog = !batch.ended && d->offset < size;
    return batch;
}

QList<ConversationItem> ConversationReader::items() const
{
    QList<ConversationItem> items;
    if (!d->reader)
        return items;
    for (const AgentItem &item : d->reader->report().items)
        items.append(conversationItem(item));
    return items;
}

} // namespace Orchestrator
