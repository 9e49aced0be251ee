#include "ansiparser.h"

#include <array>

#include <QFont>
#include <QTextCharFormat>

namespace Orchestrator::Ui {

namespace {

constexpr uchar Esc = 0x1b;
// Longer parameter lists are not SGR anyone writes; the sequence is still
// consumed to its final byte, but its parameters are not kept.
constexpr qsizetype MaxCsiLength = 128;

// One parameter of an SGR sequence split at ':' into its sub-parameters;
// an empty parameter reads as 0.
QList<int> subParameters(QByteArrayView group)
{
    QList<int> values;
    int value = 0;
    for (const char c : group) {
        if (c == ':') {
            values.append(value);
            value = 0;
        } else if (c >= '0' && c <= '9') {
            value = qMin(value * 10 + (c - '0'), 1000000);
        }
    }
    values.append(value);
    return values;
}

// How many bytes at the end of `bytes` start a UTF-8 character that is not
// complete yet (0 when the end is complete or not UTF-8 at all).
qsizetype incompleteUtf8Tail(QByteArrayView bytes)
{
    qsizetype lead = bytes.size() - 1;
    while (lead >= 0 && bytes.size() - lead <= 3 && (uchar(bytes.at(lead)) & 0xc0) == 0x80)
        --lead;
    if (lead < 0)
        return 0;
    const auto byte = uchar(bytes.at(lead));
    const qsizetype length = byte >= 0xf0 && byte <= 0xf4 ? 4 : byte >= 0xe0 && byte < 0xf0 ? 3 : byte >= 0xc2 && byte < 0xe0 ? 2 : 1;
    const qsizetype available = bytes.size() - lead;
    return available < length ? available : 0;
}

QColor rgb(int red, int green, int blue)
{
    return QColor(qBound(0, red, 255), qBound(0, green, 255), qBound(0, blue, 255));
}

// The colour after a 38/48: "5;n" or "2;r;g;b" in the following parameters,
// or the same as sub-parameters ("38:5:n", "38:2:r:g:b", "38:2:cs:r:g:b").
// Advances `index` past the parameters it used.
QColor extendedColor(const QList<QList<int>> &groups, qsizetype &index)
{
    const QList<int> &own = groups.at(index);
    if (own.size() > 1) {
        if (own.at(1) == 5 && own.size() >= 3)
            return AnsiParser::color256(own.at(2));
        if (own.at(1) == 2 && own.size() == 5)
            return rgb(own.at(2), own.at(3), own.at(4));
        if (own.at(1) == 2 && own.size() >= 6)
            return rgb(own.at(3), own.at(4), own.at(5));
        return {};
    }
    const auto next = [&](qsizetype offset) { return groups.value(index + offset).value(0); };
    const int kind = next(1);
    if (kind == 5 && index + 2 < groups.size()) {
        const QColor color = AnsiParser::color256(next(2));
        index += 2;
        return color;
    }
    if (kind == 2 && index + 4 < groups.size()) {
        const QColor color = rgb(next(2), next(3), next(4));
        index += 4;
        return color;
    }
    index = groups.size(); // malformed: the rest cannot be interpreted
    return {};
}

} // namespace

QTextCharFormat AnsiFormat::toCharFormat() const
{
    QTextCharFormat format;
    if (foreground.isValid())
        format.setForeground(foreground);
    if (background.isValid())
        format.setBackground(background);
    if (bold)
        format.setFontWeight(QFont::Bold);
    if (italic)
        format.setFontItalic(true);
    if (underline)
        format.setFontUnderline(true);
    return format;
}

QColor AnsiParser::color256(int index)
{
    static constexpr std::array<QRgb, 16> basic = {
        0xff000000, 0xffcd3131, 0xff0dbc79, 0xffe5e510, 0xff2472c8, 0xffbc3fbc, 0xff11a8cd, 0xffe5e5e5,
        0xff666666, 0xfff14c4c, 0xff23d18b, 0xfff5f543, 0xff3b8eea, 0xffd670d6, 0xff29b8db, 0xffffffff,
    };
    if (index < 0 || index > 255)
        return {};
    if (index < 16)
        return QColor::fromRgb(basic[size_t(index)]);
    if (index < 232) {
        static constexpr std::array<int, 6> levels = {0, 95, 135, 175, 215, 255};
        const int cube = index - 16;
        return QColor(levels[size_t(cube / 36)], levels[size_t(cube / 6 % 6)], levels[size_t(cube % 6)]);
    }
    const int grey = 8 + (index - 232) * 10;
    return QColor(grey, grey, grey);
}

void AnsiParser::reset()
{
    m_state = State::Text;
    m_decoder.resetState();
    m_bytes.clear();
    m_text.clear();
    m_csi.clear();
    m_csiOverflow = false;
    m_format = {};
    m_pendingCr = false;
    m_lineReset = false;
}

QList<AnsiSegment> AnsiParser::feed(QByteArrayView chunk)
{
    QList<AnsiSegment> out;
    for (const char c : chunk)
        step(uchar(c), out);
    flush(out);
    return out;
}

void AnsiParser::step(uchar byte, QList<AnsiSegment> &out)
{
    // A line break never belongs to an escape sequence: one that was cut off
    // or never terminated (an OSC without its BEL) hides at most the rest of
    // its line, not the rest of the log. CAN and SUB cancel a sequence too.
    if (m_state != State::Text && (byte == '\n' || byte == 0x18 || byte == 0x1a)) {
        m_state = State::Text;
        if (byte == '\n')
            text(byte, out);
        return;
    }
    switch (m_state) {
    case State::Text:
        text(byte, out);
        break;
    case State::Escape:
        if (byte == '[') {
            m_csi.clear();
            m_csiOverflow = false;
            m_state = State::Csi;
        } else if (byte == ']' || byte == 'P' || byte == 'X' || byte == '^' || byte == '_') {
            m_state = State::String; // OSC, DCS, SOS, PM, APC: up to BEL or ST
        } else if (byte >= 0x20 && byte <= 0x2f) {
            m_state = State::EscapeIntermediate; // e.g. ESC ( B
        } else if (byte != Esc) {
            m_state = State::Text; // a two-byte escape such as ESC 7 or ESC =
        }
        break;
    case State::EscapeIntermediate:
        if (byte == Esc)
            m_state = State::Escape;
        else if (byte < 0x20 || byte > 0x2f)
            m_state = State::Text;
        break;
    case State::Csi:
        csi(byte, out);
        break;
    case State::String:
        if (byte == 0x07)
            m_state = State::Text;
        else if (byte == Esc)
            m_state = State::StringEscape;
        break;
    case State::StringEscape:
        if (byte == '\\') {
            m_state = State::Text;
        } else {
            // Not a string terminator: the ESC began a new sequence.
            m_state = State::Escape;
            step(byte, out);
        }
        break;
    }
}

void AnsiParser::text(uchar byte, QList<AnsiSegment> &out)
{
    if (m_pendingCr) {
        if (byte == '\r')
            return; // "\r\r\n" still just ends the line
        m_pendingCr = false;
        if (byte == '\n') {
            m_bytes.append('\n');
            return;
        }
        m_lineReset = true;
    }
    switch (byte) {
    case Esc:
        m_state = State::Escape;
        return;
    case '\r':
        flush(out);
        m_pendingCr = true;
        return;
    case '\n':
    case '\t':
        m_bytes.append(char(byte));
        return;
    default:
        if (byte < 0x20 || byte == 0x7f)
            return; // BEL, backspace and friends have nothing to show
        m_bytes.append(char(byte));
    }
}

void AnsiParser::csi(uchar byte, QList<AnsiSegment> &out)
{
    if (byte >= 0x40 && byte <= 0x7e) {
        m_state = State::Text;
        if (byte == 'm' && !m_csiOverflow) {
            flush(out);
            applySgr(m_csi);
        }
        m_csi.clear();
    } else if (byte >= 0x20 && byte <= 0x3f) {
        if (m_csi.size() < MaxCsiLength)
            m_csi.append(char(byte));
        else
            m_csiOverflow = true;
    } else if (byte == Esc) {
        m_state = State::Escape;
    } else if (byte >= 0x80) {
        // Not a well-formed sequence: give the byte back to the text.
        m_state = State::Text;
        text(byte, out);
    }
    // Other C0 controls inside a sequence are ignored, as terminals do.
}

void AnsiParser::flush(QList<AnsiSegment> &out)
{
    if (!m_bytes.isEmpty()) {
        // An incomplete UTF-8 character at the end waits for its rest here
        // rather than in the decoder: Qt 6.4's decoder drops the byte that
        // follows an incomplete sequence when the two come in separate calls.
        const qsizetype keep = incompleteUtf8Tail(m_bytes);
        m_text += m_decoder.decode(QByteArrayView(m_bytes).first(m_bytes.size() - keep));
        m_bytes.remove(0, m_bytes.size() - keep);
    }
    if (m_text.isEmpty())
        return;
    out.append(AnsiSegment{m_text, m_format, m_lineReset});
    m_text.clear();
    m_lineReset = false;
}

void AnsiParser::applySgr(QByteArrayView parameters)
{
    // Private (<=>?) and intermediate-carrying sequences are not SGR.
    for (const char c : parameters) {
        if (c == '<' || c == '=' || c == '>' || c == '?' || (c >= 0x20 && c <= 0x2f))
            return;
    }
    QList<QList<int>> groups;
    qsizetype start = 0;
    for (qsizetype i = 0; i <= parameters.size(); ++i) {
        if (i == parameters.size() || parameters.at(i) == ';') {
            groups.append(subParameters(parameters.sliced(start, i - start)));
            start = i + 1;
        }
    }

    for (qsizetype i = 0; i < groups.size(); ++i) {
        const QList<int> &group = groups.at(i);
        const int code = group.at(0);
        if (code == 0) {
            m_format = {};
        } else if (code == 1) {
            m_format.bold = true;
        } else if (code == 3) {
            m_format.italic = true;
        } else if (code == 4) {
            m_format.underline = group.size() < 2 || group.at(1) != 0; // "4:0" is off
        } else if (code == 22) {
            m_format.bold = false;
        } else if (code == 23) {
            m_format.italic = false;
        } else if (code == 24) {
            m_format.underline = false;
        } else if (code >= 30 && code <= 37) {
            m_format.foreground = color256(code - 30);
        } else if (code >= 90 && code <= 97) {
            m_format.foreground = color256(code - 90 + 8);
        } else if (code >= 40 && code <= 47) {
            m_format.background = color256(code - 40);
        } else if (code >= 100 && code <= 107) {
            m_format.background = color256(code - 100 + 8);
        } else if (code == 38) {
            m_format.foreground = extendedColor(groups, i);
        } else if (code == 48) {
            m_format.background = extendedColor(groups, i);
        } else if (code == 39) {
            m_format.foreground = QColor();
        } else if (code == 49) {
            m_format.background = QColor();
        }
        // Anything else (faint, blink, inverse, fonts...) is not shown.
    }
}

} // namespace Orchestrator::Ui
