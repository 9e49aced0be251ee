// The log view's ANSI parser: SGR colours and attributes, every other escape
// sequence stripped, '\r' progress lines, and the stream property: the input
// split at any offset (or fed byte by byte) renders exactly like the whole.

#include <QTest>

#include "views/ansiparser.h"

using namespace Orchestrator::Ui;

namespace {

// What a view would show: line resets applied, adjacent runs of one format
// merged, so outputs that differ only in how they were chunked compare equal.
QList<AnsiSegment> render(const QList<AnsiSegment> &segments)
{
    QList<AnsiSegment> done;
    QList<AnsiSegment> line;
    const auto add = [](QList<AnsiSegment> &runs, const QString &text, const AnsiFormat &format) {
        if (text.isEmpty())
            return;
        if (!runs.isEmpty() && runs.last().format == format)
            runs.last().text += text;
        else
            runs.append(AnsiSegment{text, format, false});
    };
    for (const AnsiSegment &segment : segments) {
        if (segment.lineReset)
            line.clear();
        const QStringList pieces = segment.text.split(QLatin1Char('\n'));
        for (qsizetype i = 0; i < pieces.size(); ++i) {
            if (i > 0) {
                add(line, QStringLiteral("\n"), segment.format);
                for (const AnsiSegment &run : std::as_const(line))
                    add(done, run.text, run.format);
                line.clear();
            }
            add(line, pieces.at(i), segment.format);
        }
    }
    for (const AnsiSegment &run : std::as_const(line))
        add(done, run.text, run.format);
    return done;
}

QString describe(const AnsiFormat &format)
{
    QStringList parts;
    if (format.foreground.isValid())
        parts << QStringLiteral("fg=") + format.foreground.name();
    if (format.background.isValid())
        parts << QStringLiteral("bg=") + format.background.name();
    if (format.bold)
        parts << QStringLiteral("bold");
    if (format.italic)
        parts << QStringLiteral("italic");
    if (format.underline)
        parts << QStringLiteral("underline");
    return QLatin1Char('{') + parts.join(QLatin1Char(' ')) + QLatin1Char('}');
}

// "{fg=#cd3131}red{}plain": readable in a failure message.
QString describe(const QList<AnsiSegment> &runs)
{
    QString result;
    for (const AnsiSegment &run : runs)
        result += describe(run.format) + run.text;
    return result;
}

QString describeFed(const QList<QByteArray> &chunks)
{
    AnsiParser parser;
    QList<AnsiSegment> segments;
    for (const QByteArray &chunk : chunks)
        segments += parser.feed(chunk);
    return describe(render(segments));
}

QString color(int index) { return AnsiParser::color256(index).name(); }

} // namespace

class TestAnsiParser final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void formats_data();
    void formats();
    void colorTable();
    void splitAnywhere_data();
    void splitAnywhere();
    void resetForgetsState();
};

void TestAnsiParser::formats_data()
{
    QTest::addColumn<QByteArray>("input");
    QTest::addColumn<QString>("expected");

    const QString red = color(1);
    QTest::newRow("plain") << QByteArray("hello\nworld") << QStringLiteral("{}hello\nworld");
    QTest::newRow("fg red then reset")
        << QByteArray("\x1b[31mred\x1b[0mplain") << (QStringLiteral("{fg=") + red + QStringLiteral("}red{}plain"));
    QTest::newRow("empty SGR resets")
        << QByteArray("\x1b[1mB\x1b[mN") << QStringLiteral("{bold}B{}N");
    QTest::newRow("bright fg and bg")
        << QByteArray("\x1b[92;104mx")
        << (QStringLiteral("{fg=") + color(10) + QStringLiteral(" bg=") + color(12) + QStringLiteral("}x"));
    QTest::newRow("bg 40-47")
        << QByteArray("\x1b[43my") << (QStringLiteral("{bg=") + color(3) + QStringLiteral("}y"));
    QTest::newRow("bold italic underline")
        << QByteArray("\x1b[1;3;4mx\x1b[22my\x1b[23;24mz")
        << QStringLiteral("{bold italic underline}x{italic underline}y{}z");
    QTest::newRow("256 colour fg")
        << QByteArray("\x1b[38;5;196mx") << QStringLiteral("{fg=#ff0000}x");
    QTest::newRow("256 colour grey bg")
        << QByteArray("\x1b[48;5;232mx") << QStringLiteral("{bg=#080808}x");
    QTest::newRow("256 colour basic index")
        << QByteArray("\x1b[38;5;1mx") << (QStringLiteral("{fg=") + red + QStringLiteral("}x"));
    QTest::newRow("truecolor fg and bg")
        << QByteArray("\x1b[38;2;10;20;30;48;2;200;100;50mx") << QStringLiteral("{fg=#0a141e bg=#c86432}x");
    QTest::newRow("truecolor colon form")
        << QByteArray("\x1b[38:2::1:2:3mx\x1b[38:2:4:5:6my") << QStringLiteral("{fg=#010203}x{fg=#040506}y");
    QTest::newRow("truecolor then bold in one sequence")
        << QByteArray("\x1b[38;2;1;2;3;1mx") << QStringLiteral("{fg=#010203 bold}x");
    QTest::newRow("39 and 49 restore defaults")
        << QByteArray("\x1b[31;41;1mx\x1b[39my\x1b[49mz")
        << (QStringLiteral("{fg=") + red + QStringLiteral(" bg=") + red + QStringLiteral(" bold}x{bg=") + red
            + QStringLiteral(" bold}y{bold}z"));
    QTest::newRow("clear line and cursor moves stripped")
        << QByteArray("a\x1b[2Kb\x1b[1;5Hc\x1b[?25ld\x1b[3Ae") << QStringLiteral("{}abcde");
    QTest::newRow("private SGR-like sequence ignored")
        << QByteArray("\x1b[>4;1mx") << QStringLiteral("{}x");
    QTest::newRow("OSC with BEL stripped")
        << QByteArray("a\x1b]0;window title\x07" "b") << QStringLiteral("{}ab");
    QTest::newRow("OSC with ST stripped")
        << QByteArray("a\x1b]8;;http://x\x1b\\link\x1b]8;;\x1b\\b") << QStringLiteral("{}alinkb");
    QTest::newRow("lone escapes stripped")
        << QByteArray("a\x1b" "7b\x1b(Bc\x1b=d") << QStringLiteral("{}abcd");
    QTest::newRow("control characters stripped")
        << QByteArray("a\x07" "b\x08" "c\td") << QStringLiteral("{}abc\td");
    QTest::newRow("carriage return collapses progress")
        << QByteArray("10%\r50%\r100%\ndone") << QStringLiteral("{}100%\ndone");
    QTest::newRow("crlf is a newline")
        << QByteArray("one\r\ntwo\r\n") << QStringLiteral("{}one\ntwo\n");
    QTest::newRow("cr before an escape resets the line")
        << QByteArray("old\r\x1b[32mnew\n")
        << (QStringLiteral("{fg=") + color(2) + QStringLiteral("}new\n"));
    QTest::newRow("utf-8") << QByteArray("caf\xc3\xa9 \xe2\x82\xac \xf0\x9f\x98\x80")
                           << (QStringLiteral("{}caf") + QChar(0xe9) + QStringLiteral(" ") + QChar(0x20ac)
                               + QStringLiteral(" ") + QString::fromUcs4(U"\U0001F600", 1));
}

void TestAnsiParser::formats()
{
    QFETCH(QByteArray, input);
    QFETCH(QString, expected);
    QCOMPARE(describeFed({input}), expected);
}

void TestAnsiParser::colorTable()
{
    QCOMPARE(AnsiParser::color256(16).name(), QStringLiteral("#000000"));
    QCOMPARE(AnsiParser::color256(231).name(), QStringLiteral("#ffffff"));
    QCOMPARE(AnsiParser::color256(255).name(), QStringLiteral("#eeeeee"));
    QVERIFY(!AnsiParser::color256(256).isValid());
    QVERIFY(!AnsiParser::color256(-1).isValid());
}

void TestAnsiParser::splitAnywhere_data()
{
    QTest::addColumn<QByteArray>("input");

    QTest::newRow("colours")
        << QByteArray("\x1b[1;31mError:\x1b[0m build \x1b[38;5;208mfailed\x1b[39m\n\x1b[48;2;1;2;3mbg\x1b[m\n");
    QTest::newRow("stripped sequences")
        << QByteArray("a\x1b[2K\x1b]0;title\x07" "b\x1b]8;;u\x1b\\c\x1b(Bd\x1b[?1049he\n");
    QTest::newRow("progress lines") << QByteArray("[#   ] 10%\r[##  ] 50%\r[####] 100%\r\nnext\r\r\nlast\rLAST");
    QTest::newRow("utf-8 between escapes")
        << QByteArray("\xc3\xa9\x1b[32m\xe2\x82\xac\x1b[0m\xf0\x9f\x98\x80\r\xe2\x9c\x93 ok\n");
    QTest::newRow("invalid utf-8") << QByteArray("a\xc3(b\xff\xfe\n\xe2\x82");
}

void TestAnsiParser::splitAnywhere()
{
    QFETCH(QByteArray, input);
    const QString whole = describeFed({input});

    for (qsizetype offset = 0; offset <= input.size(); ++offset) {
        const QString split = describeFed({input.left(offset), input.mid(offset)});
        if (split != whole)
            QFAIL(qPrintable(QStringLiteral("split at %1: %2 != %3").arg(offset).arg(split, whole)));
    }

    QList<QByteArray> bytes;
    for (const char c : std::as_const(input))
        bytes.append(QByteArray(1, c));
    QCOMPARE(describeFed(bytes), whole);
}

void TestAnsiParser::resetForgetsState()
{
    AnsiParser parser;
    parser.feed("\x1b[31mred \x1b[4");
    parser.reset();
    QCOMPARE(describe(render(parser.feed("mplain"))), QStringLiteral("{}mplain"));
    QCOMPARE(parser.currentFormat(), AnsiFormat{});
}

QTEST_GUILESS_MAIN(TestAnsiParser)
#include "tst_ansiparser.moc"
