#pragma once

#include <memory>
#include <optional>

#include <QByteArrayView>
#include <QList>
#include <QString>
#include <QStringList>

namespace Orchestrator {

// One entry of an AI tool's conversation, as a Conversation view shows it
// (the engine's tools/agentevents AgentItem, for readers outside the engine).
struct ConversationItem
{
    enum class Kind {
        Message,     // text: what the assistant said
        Command,     // text: the command line it ran; exitCode once it finished
        FileChange,  // paths: the files it wrote, edited or deleted
    };
    enum class Status { Running, Done, Failed };

    Kind kind = Kind::Message;
    Status status = Status::Done;
    QString text;
    std::optional<int> exitCode;
    QStringList paths;

    friend bool operator==(const ConversationItem &, const ConversationItem &) = default;
};

// What one read of the log added to the conversation.
struct ConversationBatch
{
    // Whether the attempt's tool has an event stream to read: none until the
    // attempt's header was read (the header names the tool).
    std::optional<bool> hasConversation;
    QString tool;                     // the attempt's tool, from its header
    // Items are numbered from the attempt's first, dropped ones included.
    // -1: nothing new; else items from this number on are new or changed and
    // `items` holds them as they are now.
    qsizetype firstChanged = -1;
    QList<ConversationItem> items;
    qsizetype droppedItems = 0;       // the oldest items no longer kept (the bound of the tool reader)
    bool ended = false;               // the attempt's footer (or a later attempt) was read: no more will come
    bool backlog = false;             // more bytes were there: read again at once
    bool truncated = false;           // the file shrank or was replaced: start again with a new reader
};

// Reads the conversation of one attempt from a job's log file as the file
// grows: finds the attempt's header, feeds the tool's stdout lines (and the
// "[stderr] " ones as stderr) to the reader of the tool profile's `events`
// format, and hands on the items that are new or changed since the last
// read. Each readMore() reads at most ChunkSize bytes, so a big log is read
// in bounded steps; it may run on any thread, one call at a time. No widget,
// no event loop.
class ConversationReader final
{
public:
    static constexpr qint64 ChunkSize = 256 * 1024;

    // `events` empty: the format is the one of the tool the attempt's header
    // names, as the tool profiles (built in and the user's file) say.
    ConversationReader(QString logFile, int attempt, QString events = {});
    ~ConversationReader();
    ConversationReader(const ConversationReader &) = delete;
    ConversationReader &operator=(const ConversationReader &) = delete;

    ConversationBatch readMore();
    // The same on bytes given instead of read (what readMore() does with a
    // chunk of the file): for tests that split a log at any offset.
    ConversationBatch feed(QByteArrayView bytes);

    // Every item kept so far.
    QList<ConversationItem> items() const;

private:
    struct Impl;
    std::unique_ptr<Impl> d;
};

} // namespace Orchestrator
