// engine/api/conversationreader: the conversation of one attempt read from a
// job's log as the engine writes it (two attempts of claude replaying
// recorded streams, with the engine's header and footer lines and marked
// stderr, in execution/logfile.cpp's format; tst_conversationview reads logs
// the engine itself wrote), fed whole, split at every offset and in random chunks, and read from a
// growing file in bounded steps; the items handed on incrementally add up to
// what the tool reader makes of the stream itself; an attempt's neighbours
// and the engine's own lines never leak in; a tool without events has no
// conversation.

#include <QFile>
#include <QJsonObject>
#include <QRandomGenerator>
#include <QTemporaryDir>
#include <QTest>

#include "api/conversationreader.h"
#include "testsupport.h"
#include "tools/agentevents.h"

using namespace Orchestrator;
using namespace TestSupport;
using namespace Qt::StringLiterals;

namespace {

// The lines execution/logfile.cpp writes around an attempt's output.
QByteArray header(int attempt, const QString &tool)
{
    return QStringLiteral("==> 2026-12-02T10:00:0%1.000 attempt %1/3 of job-a with %2\n"
                          "==> $ %2 -p --output-format stream-json -- 'do it'\n"
                          "==> in /work/repo\n")
        .arg(attempt)
        .arg(tool)
        .toUtf8();
}

QByteArray footer(int attempt, const char *outcome)
{
    return QStringLiteral("==> attempt %1 %2: done after 1.000 s\n").arg(attempt).arg(QLatin1String(outcome)).toUtf8();
}

// What the view does with the batches: the items from firstChanged on are
// replaced, the dropped ones removed from the front.
struct Mirror
{
    QList<ConversationItem> items;
    qsizetype dropped = 0;
    int batches = 0;

    void apply(const ConversationBatch &batch)
    {
        if (batch.droppedItems > dropped) {
            items.remove(0, qMin(batch.droppedItems - dropped, items.size()));
            dropped = batch.droppedItems;
        }
        if (batch.firstChanged < 0)
            return;
        ++batches;
        QVERIFY(batch.firstChanged - dropped >= 0);
        QVERIFY(batch.firstChanged - dropped <= items.size());
        items.resize(batch.firstChanged - dropped);
        items.append(batch.items);
    }
};

// What the tool reader makes of the stream fed straight to it.
QList<ConversationItem> expectedItems(const QByteArray &stdoutBytes, const QByteArray &stderrBytes)
{
    AgentEventReader reader(AgentEventFormat::ClaudeStreamJson);
    reader.feedStdout(stdoutBytes);
    reader.feedStderr(stderrBytes);
    reader.finish(std::nullopt);
    QList<ConversationItem> items;
    for (const AgentItem &item : reader.report().items) {
        ConversationItem shown;
        shown.kind = ConversationItem::Kind(int(item.kind));
        shown.status = ConversationItem::Status(int(item.status));
        shown.text = item.text;
        shown.exitCode = item.exitCode;
        shown.paths = item.paths;
        items.append(shown);
    }
    return items;
}

} // namespace

class TestConversationReader final : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    QByteArray m_log;          // two attempts: a rate limit, then the success
    QByteArray m_firstOut;
    QByteArray m_secondOut;

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        m_firstOut = agentStream(u"claude-rate-limited.jsonl"_s);
        m_secondOut = agentStream(u"claude-success.jsonl"_s);
        // The second attempt's stdout ends without a line break: the engine
        // adds one before the footer.
        QByteArray second = m_secondOut;
        second.chop(1);
        m_log = header(1, u"claude"_s) + m_firstOut + "[stderr] a warning\n" + footer(1, "rate_limited")
            + header(2, u"claude"_s) + "[stderr] another warning\n" + second + "\n" + footer(2, "succeeded");
    }

    void wholeLogHasEachAttemptsItems_data()
    {
        QTest::addColumn<int>("attempt");
        QTest::newRow("the rate-limited attempt") << 1;
        QTest::newRow("the successful attempt") << 2;
    }
    void wholeLogHasEachAttemptsItems()
    {
        QFETCH(int, attempt);
        const QByteArray out = attempt == 1 ? m_firstOut : m_secondOut;
        const QList<ConversationItem> expected = expectedItems(out, {});
        QVERIFY(!expected.isEmpty());
        ConversationReader reader({}, attempt, u"claude-stream-json"_s);
        Mirror mirror;
        const ConversationBatch batch = reader.feed(m_log);
        mirror.apply(batch);
        QCOMPARE(batch.hasConversation, std::optional<bool>(true));
        QCOMPARE(batch.tool, u"claude"_s);
        QVERIFY(batch.ended);
        QCOMPARE(mirror.items, expected);
        QCOMPARE(reader.items(), expected);
    }

    // The successful attempt has every kind: messages, commands with their
    // exit codes, a file change.
    void successHasMessagesCommandsAndFiles()
    {
        ConversationReader reader({}, 2, u"claude-stream-json"_s);
        reader.feed(m_log);
        const QList<ConversationItem> items = reader.items();
        const auto has = [&items](ConversationItem::Kind kind) {
            return std::any_of(items.cbegin(), items.cend(), [kind](const ConversationItem &i) { return i.kind == kind; });
        };
        QVERIFY(has(ConversationItem::Kind::Message));
        QVERIFY(has(ConversationItem::Kind::Command));
        QVERIFY(has(ConversationItem::Kind::FileChange));
        const auto command = std::find_if(items.cbegin(), items.cend(), [](const ConversationItem &i) {
            return i.kind == ConversationItem::Kind::Command && i.text == u"ls -la"_s;
        });
        QVERIFY(command != items.cend());
        QCOMPARE(command->status, ConversationItem::Status::Done);
        // The engine's lines are no part of the conversation.
        for (const ConversationItem &item : items)
            QVERIFY2(!item.text.contains(u"==>"_s) && !item.text.contains(u"warning"_s), qPrintable(item.text));
    }

    void splitAtEveryOffset()
    {
        const QList<ConversationItem> expected = expectedItems(m_secondOut, {});
        for (qsizetype at = 0; at <= m_log.size(); ++at) {
            ConversationReader reader({}, 2, u"claude-stream-json"_s);
            Mirror mirror;
            mirror.apply(reader.feed(QByteArrayView(m_log).first(at)));
            const ConversationBatch last = reader.feed(QByteArrayView(m_log).sliced(at));
            mirror.apply(last);
            QVERIFY2(last.ended, qPrintable(QString::number(at)));
            if (mirror.items != expected)
                QFAIL(qPrintable(u"split at %1: %2 items, expected %3"_s.arg(at).arg(mirror.items.size()).arg(expected.size())));
        }
    }

    void randomChunks()
    {
        const QList<ConversationItem> expected = expectedItems(m_secondOut, {});
        QRandomGenerator random(20261202);
        for (int round = 0; round < 200; ++round) {
            ConversationReader reader({}, 2, u"claude-stream-json"_s);
            Mirror mirror;
            for (qsizetype at = 0; at < m_log.size();) {
                const qsizetype n = qMin<qsizetype>(random.bounded(1, 300), m_log.size() - at);
                mirror.apply(reader.feed(QByteArrayView(m_log).sliced(at, n)));
                at += n;
            }
            QCOMPARE(mirror.items, expected);
            // Items came as they were read, not all at the end.
            QVERIFY(mirror.batches > 1);
        }
    }

    // From a file that grows as the engine writes it: each read hands on
    // what is new, a running command is updated in place once it finishes.
    void followsAGrowingFile()
    {
        const QString path = m_dir.filePath(u"growing.log"_s);
        QFile file(path);
        QVERIFY(file.open(QIODevice::WriteOnly));
        ConversationReader reader(path, 2, u"claude-stream-json"_s);
        Mirror mirror;
        mirror.apply(reader.readMore());
        QCOMPARE(mirror.items.size(), 0);
        const qsizetype half = m_log.indexOf("toolu_02");
        QVERIFY(half > 0);
        file.write(m_log.first(half));
        file.flush();
        ConversationBatch batch = reader.readMore();
        mirror.apply(batch);
        QVERIFY(!batch.ended);
        QVERIFY(!mirror.items.isEmpty());
        const qsizetype shownEarly = mirror.items.size();
        file.write(m_log.sliced(half));
        file.flush();
        do {
            batch = reader.readMore();
            mirror.apply(batch);
        } while (batch.backlog);
        QVERIFY(batch.ended);
        QVERIFY(mirror.items.size() > shownEarly);
        QCOMPARE(mirror.items, expectedItems(m_secondOut, {}));
    }

    void shrunkFileIsTruncated()
    {
        const QString path = writeFile(m_dir.filePath(u"shrinking.log"_s), header(1, u"claude"_s) + m_firstOut);
        ConversationReader reader(path, 1, u"claude-stream-json"_s);
        QVERIFY(!reader.readMore().truncated);
        writeFile(path, "==> \n");
        QVERIFY(reader.readMore().truncated);
    }

    // A big log is read in bounded steps: each one at most ChunkSize.
    void bigLogInBoundedSteps()
    {
        QByteArray noise;
        while (noise.size() < 3 * ConversationReader::ChunkSize)
            noise += "some output of an earlier attempt of another tool\n";
        const QString path = writeFile(m_dir.filePath(u"big.log"_s), header(1, u"shell"_s) + noise + footer(1, "failed") + m_log.sliced(m_log.indexOf("==> 2026-12-02T10:00:02")));
        ConversationReader reader(path, 2, u"claude-stream-json"_s);
        Mirror mirror;
        int reads = 0;
        ConversationBatch batch;
        do {
            batch = reader.readMore();
            mirror.apply(batch);
            ++reads;
        } while (batch.backlog);
        QVERIFY(reads >= 4);
        QVERIFY(batch.ended);
        QCOMPARE(mirror.items, expectedItems(m_secondOut, {}));
    }

    // The profile decides: claude's has an event stream, shell's none.
    void toolWithoutEventsHasNoConversation_data()
    {
        QTest::addColumn<QString>("tool");
        QTest::addColumn<bool>("has");
        QTest::newRow("claude") << u"claude"_s << true;
        QTest::newRow("shell") << u"shell"_s << false;
        QTest::newRow("unknown tool") << u"no-such-tool"_s << false;
    }
    void toolWithoutEventsHasNoConversation()
    {
        QFETCH(QString, tool);
        QFETCH(bool, has);
        ConversationReader reader({}, 1, {});
        const QByteArray log = header(1, tool) + "hello\n" + footer(1, "succeeded");
        const ConversationBatch batch = reader.feed(log);
        QCOMPARE(batch.hasConversation, std::optional<bool>(has));
        QCOMPARE(batch.tool, tool);
        if (!has)
            QVERIFY(batch.items.isEmpty());
    }

    // Before the attempt's header nothing is known.
    void beforeTheHeaderNothingIsKnown()
    {
        ConversationReader reader({}, 2, u"claude-stream-json"_s);
        const ConversationBatch batch = reader.feed(QByteArrayView(m_log).first(m_log.indexOf("==> 2026-12-02T10:00:02")));
        QVERIFY(!batch.hasConversation);
        QCOMPARE(batch.firstChanged, -1);
        QVERIFY(!batch.ended);
    }
};

QTEST_GUILESS_MAIN(TestConversationReader)
#include "tst_conversationreader.moc"
