#pragma once

#include <QByteArray>
#include <QByteArrayView>
#include <QColor>
#include <QList>
#include <QString>
#include <QStringDecoder>

class QTextCharFormat;

namespace Orchestrator::Ui {

// The graphic attributes chosen by SGR sequences. An invalid colour means
// "the view's default", so a plain log renders in the palette's colours.
struct AnsiFormat
{
    QColor foreground;
    QColor background;
    bool bold = false;
    bool italic = false;
    bool underline = false;

    QTextCharFormat toCharFormat() const;
    friend bool operator==(const AnsiFormat &, const AnsiFormat &) = default;
};

struct AnsiSegment
{
    QString text;
    AnsiFormat format;
    // A '\r' (not part of "\r\n") came before this text: the text overwrites
    // the current line from its start, so progress bars collapse to their
    // last state. The erased part may have been returned by an earlier feed().
    bool lineReset = false;

    friend bool operator==(const AnsiSegment &, const AnsiSegment &) = default;
};

// Turns a tool's raw output into text runs with their formats. Stateful
// across feed() calls: an escape sequence, a UTF-8 character or a "\r\n" split
// between two chunks decodes as if the chunks had come in one piece. SGR
// sequences set the format; every other escape sequence (CSI, OSC, DCS, two-
// and three-byte escapes) and the remaining control characters are dropped.
// A line break ends any unfinished sequence, so broken output hides at most
// the rest of its line.
// Free of widgets so it can be tested and reused anywhere.
class AnsiParser final
{
public:
    AnsiParser() = default;

    QList<AnsiSegment> feed(QByteArrayView chunk);
    // Back to the default format with nothing pending: a new process starts.
    void reset();

    AnsiFormat currentFormat() const { return m_format; }

    // The xterm 256-colour table (0-15 the basic and bright colours, then
    // the 6x6x6 cube, then the grey ramp); invalid outside 0-255.
    static QColor color256(int index);

private:
    enum class State { Text, Escape, EscapeIntermediate, Csi, String, StringEscape };

    void step(uchar byte, QList<AnsiSegment> &out);
    void text(uchar byte, QList<AnsiSegment> &out);
    void csi(uchar byte, QList<AnsiSegment> &out);
    void flush(QList<AnsiSegment> &out);
    void applySgr(QByteArrayView parameters);

    State m_state = State::Text;
    QStringDecoder m_decoder{QStringDecoder::Utf8};
    QByteArray m_bytes; // text bytes not yet decoded, all in m_format
    QString m_text;     // decoded text in m_format not yet returned
    QByteArray m_csi;   // parameter and intermediate bytes of the current CSI
    bool m_csiOverflow = false;
    AnsiFormat m_format;
    bool m_pendingCr = false; // a '\r' whose meaning depends on the next byte
    bool m_lineReset = false; // the next returned segment carries lineReset
};

} // namespace Orchestrator::Ui
