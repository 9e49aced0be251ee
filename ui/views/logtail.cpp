#include "logtail.h"

#include <utility>

#include <QFile>
#include <QRegularExpression>

namespace Orchestrator::Ui {

namespace {

const QByteArrayView HeaderPrefix("==> ");

} // namespace

LogTail::LogTail(QString path)
    : m_path(std::move(path))
{
}

LogBatch LogTail::readMore()
{
    m_batch = {};
    // A line that is still empty has nothing to erase.
    m_lineStart = m_column == 0 ? Position{0, 0} : Position{};
    qint64 read = 0;
    QFile file(m_path);
    if (file.open(QIODevice::ReadOnly)) {
        const qint64 size = file.size();
        if (size < m_offset) {
            m_batch.truncated = true;
            return std::exchange(m_batch, {});
        }
        if (!m_started) {
            m_started = true;
            if (size > InitialTail) {
                // One byte early: if it is a line break, only it is skipped.
                m_offset = size - InitialTail - 1;
                m_skippedBytes = m_offset;
                m_skipToLineStart = true;
            }
        }
        if (size > m_offset && file.seek(m_offset)) {
            const QByteArray data = file.read(qMin(size - m_offset, ChunkSize));
            read = data.size();
            m_offset += read;
            m_batch.backlog = size > m_offset;
            consume(data);
        }
    }
    // The file stopped growing: a partial line (a progress bar, a prompt) is
    // shown now rather than when its line ends.
    if (read == 0)
        flushPartialLine();
    m_batch.skippedBytes = m_skippedBytes;
    return std::exchange(m_batch, {});
}

void LogTail::consume(QByteArray data)
{
    if (m_skipToLineStart) {
        const qsizetype lineBreak = data.indexOf('\n');
        const qsizetype skipped = lineBreak < 0 ? data.size() : lineBreak + 1;
        m_skippedBytes += skipped;
        data.remove(0, skipped);
        m_skipToLineStart = lineBreak < 0;
    }
    m_carry += data;
    const qsizetype cut = m_carry.lastIndexOf('\n');
    if (cut >= 0) {
        render(QByteArrayView(m_carry).first(cut + 1));
        m_carry.remove(0, cut + 1);
    }
    // A line longer than a chunk is given out in pieces: the carry stays bounded.
    if (m_carry.size() > ChunkSize) {
        render(m_carry);
        m_carry.clear();
    }
}

void LogTail::flushPartialLine()
{
    if (m_carry.isEmpty())
        return;
    // Header lines are written whole; wait for the rest of one.
    if (m_atLineStart && m_carry.startsWith(HeaderPrefix))
        return;
    render(m_carry);
    m_carry.clear();
}

void LogTail::render(QByteArrayView bytes)
{
    qsizetype outputStart = 0;
    qsizetype position = 0;
    while (position < bytes.size()) {
        const qsizetype lineBreak = bytes.indexOf('\n', position);
        const qsizetype end = lineBreak < 0 ? bytes.size() : lineBreak + 1;
        const QByteArrayView line = bytes.sliced(position, end - position);
        if (m_atLineStart && line.startsWith(HeaderPrefix)) {
            renderOutput(bytes.sliced(outputStart, position - outputStart));
            renderHeader(line);
            outputStart = end;
        }
        m_atLineStart = lineBreak >= 0;
        position = end;
    }
    renderOutput(bytes.sliced(outputStart));
}

void LogTail::renderOutput(QByteArrayView bytes)
{
    if (bytes.isEmpty())
        return;
    for (const AnsiSegment &segment : m_parser.feed(bytes)) {
        if (segment.lineReset)
            resetLine();
        appendText(LogRun::Kind::Output, segment.text, segment.format);
    }
}

void LogTail::renderHeader(QByteArrayView line)
{
    static const QRegularExpression attemptPattern(QStringLiteral("\\battempt (\\d+)/(\\d+)\\b"));

    // The engine writes headers between processes: the tool's colours end.
    m_parser.reset();

    QString text = QString::fromUtf8(line);
    const bool complete = text.endsWith(QLatin1Char('\n'));
    while (text.endsWith(QLatin1Char('\n')) || text.endsWith(QLatin1Char('\r')))
        text.chop(1);

    // A run of its own, so that the attempt it starts has a place to point at.
    const QRegularExpressionMatch match = attemptPattern.match(text);
    m_batch.runs.append(LogRun{LogRun::Kind::Header, {}, {}, match.hasMatch() ? match.captured(1).toInt() : 0});
    appendText(LogRun::Kind::Header, text, {});
    if (complete)
        appendText(LogRun::Kind::Output, QStringLiteral("\n"), {});
}

void LogTail::appendText(LogRun::Kind kind, const QString &text, const AnsiFormat &format)
{
    qsizetype from = 0;
    qsizetype column = m_column;
    for (qsizetype i = 0; i < text.size(); ++i) {
        const QChar c = text.at(i);
        if (c == QLatin1Char('\n')) {
            column = 0;
            continue;
        }
        if (column >= MaxLineLength) {
            // The line is full and goes on: the rest starts a line of its
            // own, never between the two halves of a surrogate pair.
            qsizetype cut = i;
            if (c.isLowSurrogate() && cut - 1 > from && text.at(cut - 1).isHighSurrogate())
                --cut;
            appendPiece(kind, text.sliced(from, cut - from), format);
            appendPiece(kind, QStringLiteral("\n"), format);
            from = cut;
            column = i - cut;
        }
        ++column;
    }
    appendPiece(kind, from == 0 ? text : text.sliced(from), format);
    m_column = column;
}

void LogTail::appendPiece(LogRun::Kind kind, const QString &piece, const AnsiFormat &format)
{
    if (piece.isEmpty())
        return;
    QList<LogRun> &runs = m_batch.runs;
    if (runs.isEmpty() || runs.last().kind != kind || !(runs.last().format == format))
        runs.append(LogRun{kind, {}, format, 0});
    QString &text = runs.last().text;
    text += piece;
    const qsizetype lineBreak = piece.lastIndexOf(QLatin1Char('\n'));
    if (lineBreak >= 0)
        m_lineStart = Position{runs.size() - 1, text.size() - piece.size() + lineBreak + 1};
}

void LogTail::resetLine()
{
    m_column = 0;
    QList<LogRun> &runs = m_batch.runs;
    if (m_lineStart.run < 0) {
        // The line began in an earlier batch: the view erases it, and what
        // this batch holds of it is not given out at all.
        runs.clear();
        runs.append(LogRun{LogRun::Kind::LineReset, {}, {}, 0});
        m_lineStart = Position{1, 0};
        return;
    }
    if (m_lineStart.run >= runs.size())
        return;
    runs.resize(m_lineStart.run + 1);
    LogRun &last = runs.last();
    last.text.truncate(m_lineStart.offset);
    if (last.text.isEmpty() && last.kind != LogRun::Kind::LineReset)
        runs.removeLast();
}

} // namespace Orchestrator::Ui
