#pragma once

#include <QByteArray>
#include <QByteArrayView>
#include <QList>
#include <QString>

#include "views/ansiparser.h"

namespace Orchestrator::Ui {

// A piece of text for the log view to append, already decoded and cut.
struct LogRun
{
    enum class Kind {
        Output,    // tool output in `format`
        Header,    // one of the engine's "==> " lines, without its line break
        LineReset, // no text: the view's last line is erased ('\r')
    };

    Kind kind = Kind::Output;
    QString text;
    AnsiFormat format;
    int attempt = 0; // Header: the attempt it starts ("attempt 2/3"), else 0
};

// What one read of the file produced, in the order it is to be shown.
struct LogBatch
{
    QList<LogRun> runs;
    qint64 skippedBytes = 0; // head of the file never read, so far
    bool truncated = false;  // the file shrank or was replaced: start again
    bool backlog = false;    // more bytes were there: read again at once
};

// Reads a growing log file in bounded chunks and turns the new bytes into
// runs, so that the view only has to insert them. Free of widgets and of the
// event loop: readMore() may run on any thread, one call at a time.
//
// A large file opens at its last InitialTail bytes, from a line start. Chunks
// are cut at the last line break; the partial line after it waits for its
// rest, or is given out when the file stops growing (a progress bar, a
// prompt) -- except an engine header, which is written whole. A '\r' that
// overwrites a line drops what the same batch holds of that line, so a
// progress storm costs the view one line, not one edit per update. Lines
// longer than MaxLineLength characters are cut into pieces, one per line:
// the text layout redoes a whole paragraph on every change to it, and a
// following view lays out its last lines on every append (about a
// millisecond for 4 K characters, four for 16 K).
class LogTail final
{
public:
    static constexpr qint64 ChunkSize = 256 * 1024;
    static constexpr qint64 InitialTail = 2 * 1024 * 1024;
    static constexpr qsizetype MaxLineLength = 4 * 1024;

    explicit LogTail(QString path);

    // Reads at most ChunkSize new bytes.
    LogBatch readMore();

private:
    struct Position
    {
        qsizetype run = -1; // -1: before this batch
        qsizetype offset = 0;
    };

    void consume(QByteArray data);
    void flushPartialLine();
    void render(QByteArrayView bytes);
    void renderOutput(QByteArrayView bytes);
    void renderHeader(QByteArrayView line);
    void appendText(LogRun::Kind kind, const QString &text, const AnsiFormat &format);
    void appendPiece(LogRun::Kind kind, const QString &piece, const AnsiFormat &format);
    void resetLine();

    QString m_path;
    AnsiParser m_parser;
    qint64 m_offset = 0;
    bool m_started = false;
    bool m_skipToLineStart = false; // the tail began mid-line
    bool m_atLineStart = true;      // the bytes given out end with a complete line
    QByteArray m_carry;             // read, but its line is not complete yet
    qint64 m_skippedBytes = 0;
    qsizetype m_column = 0;         // characters on the view's last line
    LogBatch m_batch;               // being built by readMore()
    Position m_lineStart;           // where the view's last line starts in m_batch
};

} // namespace Orchestrator::Ui
