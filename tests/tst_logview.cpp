// The log view against real files in a temporary directory: tailing with a
// carried-over partial line, ANSI colours, following only at the bottom,
// search, the attempt selector, and bounded memory with a visible notice
// when output is not shown.

#include <QComboBox>
#include <QCryptographicHash>
#include <QElapsedTimer>
#include <QFile>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QRegularExpression>
#include <QScrollBar>
#include <QTemporaryDir>
#include <QTest>
#include <QTextBlock>
#include <QTimer>

#include "hostilelog.h"
#include "views/ansiparser.h"
#include "views/logview.h"

using namespace Orchestrator::Ui;

namespace {

void append(const QString &path, const QByteArray &bytes)
{
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly | QIODevice::Append))
        qFatal("cannot append to %s", qPrintable(path));
    file.write(bytes);
}

QByteArray numberedLines(int from, int count, const QByteArray &prefix = "output line ")
{
    QByteArray result;
    for (int i = from; i < from + count; ++i)
        result += prefix + QByteArray::number(i) + '\n';
    return result;
}

QByteArray header(int attempt, int of)
{
    return "==> 2026-11-21T15:56:44.050 attempt " + QByteArray::number(attempt) + '/' + QByteArray::number(of)
           + " of demo-unit-tests with shell\n==> $ sh -c 'echo hi'\n==> in /work/main\n";
}

QByteArray readFile(const QString &path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

QString plainText(const LogView &view) { return view.textView()->toPlainText(); }

// The longest time the event loop went without running a 5 ms timer: how
// long a user would have seen the window frozen.
class StallMeter final
{
public:
    StallMeter()
    {
        m_timer.setInterval(5);
        QObject::connect(&m_timer, &QTimer::timeout, &m_timer, [this] {
            m_worst = qMax(m_worst, m_clock.restart());
        });
        m_clock.start();
        m_timer.start();
    }
    qint64 worstMs() const { return qMax(m_worst, m_clock.elapsed()); }

private:
    QTimer m_timer;
    QElapsedTimer m_clock;
    qint64 m_worst = 0;
};

QTextBlock blockContaining(const LogView &view, const QString &text)
{
    for (QTextBlock block = view.textView()->document()->begin(); block.isValid(); block = block.next()) {
        if (block.text().contains(text))
            return block;
    }
    return {};
}

} // namespace

class TestLogView final : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    int m_counter = 0;

    QString newLog(const QByteArray &content)
    {
        const QString path = m_dir.filePath(QStringLiteral("job%1.log").arg(++m_counter));
        append(path, content);
        return path;
    }

    static void showView(LogView &view)
    {
        view.resize(800, 400);
        view.show();
        QVERIFY(QTest::qWaitForWindowExposed(&view));
    }

private Q_SLOTS:
    void initTestCase() { QVERIFY(m_dir.isValid()); }
    void showsAndTailsAFile();
    void carriesPartialLinesOver();
    void loadsLargeBacklogIntact();
    void appliesColoursAndHeaderFormat();
    void collapsesProgressLines();
    void followsOnlyAtTheBottom();
    void searchHighlightsAllMatches();
    void searchShortcuts();
    void listsAttempts();
    void hugeFileShowsOnlyTheTail();
    void lineLimitDropsOldLinesVisibly();
    void clearForgetsTheFile();
    void hostileOutputStaysResponsive_data();
    void hostileOutputStaysResponsive();
};

void TestLogView::showsAndTailsAFile()
{
    const QString path = newLog(header(1, 1) + "hello from the tool\n");
    LogView view;
    view.setLogFile(path);
    QCOMPARE(view.logFile(), path);
    QTRY_VERIFY(plainText(view).contains(QStringLiteral("hello from the tool")));
    QVERIFY(plainText(view).contains(QStringLiteral("==> in /work/main")));
    QVERIFY(view.droppedNotice().isEmpty());

    append(path, "second line\n==> attempt 1 succeeded: exited with code 0 after 0.1 s\n");
    QTRY_VERIFY(plainText(view).contains(QStringLiteral("==> attempt 1 succeeded")));
    QVERIFY(plainText(view).contains(QStringLiteral("hello from the tool\nsecond line\n")));
}

void TestLogView::carriesPartialLinesOver()
{
    const QString path = newLog("first\n");
    LogView view;
    view.setLogFile(path);
    QTRY_VERIFY(plainText(view).contains(QStringLiteral("first")));

    // A partial line is shown once the file stops growing...
    append(path, "a partial li");
    QTRY_VERIFY(plainText(view).contains(QStringLiteral("a partial li")));
    // ...and its rest continues the same line.
    append(path, "ne, now complete\nanother\n");
    QTRY_VERIFY(plainText(view).contains(QStringLiteral("another")));
    QCOMPARE(plainText(view), QStringLiteral("first\na partial line, now complete\nanother\n"));

    // A UTF-8 character and a colour sequence split between two writes.
    append(path, "caf\xc3");
    append(path, "\xa9 \x1b[3");
    append(path, "2mgreen\x1b[0m\n");
    QTRY_VERIFY(plainText(view).contains(QStringLiteral("green")));
    QVERIFY(plainText(view).endsWith(QStringLiteral("caf") + QChar(0xe9) + QStringLiteral(" green\n")));
}

void TestLogView::loadsLargeBacklogIntact()
{
    // More than one chunk, lines of varying length: every cut must fall at a
    // line break, so the document equals the file.
    QByteArray content;
    for (int i = 0; content.size() < 3 * LogView::ChunkSize / 2; ++i)
        content += "line " + QByteArray::number(i) + ' ' + QByteArray(i % 97, 'x') + '\n';
    const QString path = newLog(content);
    LogView view;
    view.setLogFile(path);
    QTRY_COMPARE(plainText(view).size(), content.size());
    QCOMPARE(plainText(view), QString::fromLatin1(content));
}

void TestLogView::appliesColoursAndHeaderFormat()
{
    const QString path = newLog(header(1, 1) + "plain \x1b[1;31mred bold\x1b[0m back\n\x1b]0;title\x07" "after\n");
    LogView view;
    view.setLogFile(path);
    QTRY_VERIFY(plainText(view).contains(QStringLiteral("after")));
    QVERIFY(!plainText(view).contains(QChar(0x1b)));
    QVERIFY(!plainText(view).contains(QStringLiteral("title")));

    const QTextBlock colored = blockContaining(view, QStringLiteral("red bold"));
    QCOMPARE(colored.text(), QStringLiteral("plain red bold back"));
    bool sawRed = false;
    for (auto it = colored.begin(); !it.atEnd(); ++it) {
        const QTextFragment fragment = it.fragment();
        if (fragment.text() == QStringLiteral("red bold")) {
            sawRed = true;
            QCOMPARE(fragment.charFormat().foreground().color(), AnsiParser::color256(1));
            QCOMPARE(fragment.charFormat().fontWeight(), int(QFont::Bold));
        }
    }
    QVERIFY(sawRed);

    const QTextBlock headerBlock = blockContaining(view, QStringLiteral("attempt 1/1"));
    QVERIFY(headerBlock.isValid());
    QCOMPARE(headerBlock.begin().fragment().charFormat().fontWeight(), int(QFont::Bold));
    QCOMPARE_NE(blockContaining(view, QStringLiteral("plain")).begin().fragment().charFormat().fontWeight(),
                int(QFont::Bold));
}

void TestLogView::collapsesProgressLines()
{
    const QString path = newLog("progress [#    ] 10%\rprogress [###  ] 60%\rprogress [#####] 100%\r\nnext\n");
    LogView view;
    view.setLogFile(path);
    QTRY_VERIFY(plainText(view).contains(QStringLiteral("next")));
    QCOMPARE(plainText(view), QStringLiteral("progress [#####] 100%\nnext\n"));

    // A progress line still being written collapses as it grows.
    append(path, "step 1/3");
    QTRY_VERIFY(plainText(view).contains(QStringLiteral("step 1/3")));
    append(path, "\rstep 2/3\rstep 3/3");
    QTRY_VERIFY(plainText(view).contains(QStringLiteral("step 3/3")));
    QVERIFY(!plainText(view).contains(QStringLiteral("step 1/3")));
    QVERIFY(!plainText(view).contains(QStringLiteral("step 2/3")));
}

void TestLogView::followsOnlyAtTheBottom()
{
    const QString path = newLog(numberedLines(0, 500));
    LogView view;
    showView(view);
    view.setLogFile(path);
    QScrollBar *bar = view.textView()->verticalScrollBar();
    QTRY_VERIFY(plainText(view).contains(QStringLiteral("output line 499\n")));
    QTRY_VERIFY(bar->maximum() > 0);
    QTRY_COMPARE(bar->value(), bar->maximum());
    QVERIFY(view.isFollowing());

    // At the bottom: new output is followed.
    append(path, numberedLines(500, 200));
    QTRY_VERIFY(plainText(view).contains(QStringLiteral("output line 699\n")));
    QTRY_COMPARE(bar->value(), bar->maximum());
    QVERIFY(view.isFollowing());

    // Scrolled up: the view stays where the user put it.
    const int position = bar->maximum() / 2;
    bar->setValue(position);
    QVERIFY(!view.isFollowing());
    const int maximumBefore = bar->maximum();
    append(path, numberedLines(700, 300));
    QTRY_VERIFY(plainText(view).contains(QStringLiteral("output line 999\n")));
    QTRY_VERIFY(bar->maximum() > maximumBefore);
    QCOMPARE(bar->value(), position);
    QVERIFY(!view.isFollowing());

    // Back at the bottom, following resumes.
    bar->setValue(bar->maximum());
    QVERIFY(view.isFollowing());
    append(path, numberedLines(1000, 100));
    QTRY_VERIFY(plainText(view).contains(QStringLiteral("output line 1099\n")));
    QTRY_COMPARE(bar->value(), bar->maximum());
}

void TestLogView::searchHighlightsAllMatches()
{
    const QString path = newLog(header(1, 2) + numberedLines(0, 300)
                                + "ERROR: first\nsome error here\n==> attempt 1 failed: exited with code 1 after 1 s\n"
                                + header(2, 2) + numberedLines(300, 300) + "error again\n");
    LogView view;
    showView(view);
    view.setLogFile(path);
    QTRY_VERIFY(plainText(view).contains(QStringLiteral("error again")));

    view.setSearchText(QStringLiteral("error"));
    QCOMPARE(view.matchCount(), 3);
    QCOMPARE(view.textView()->extraSelections().size(), 3);
    QVERIFY(view.currentMatch() >= 0);
    QCOMPARE(view.textView()->textCursor().selectedText().toLower(), QStringLiteral("error"));

    const int first = view.currentMatch();
    view.findNext();
    QCOMPARE(view.currentMatch(), (first + 1) % 3);
    view.findPrevious();
    view.findPrevious();
    QCOMPARE(view.currentMatch(), (first + 2) % 3);
    QCOMPARE(view.textView()->textCursor().selectedText().toLower(), QStringLiteral("error"));

    view.setSearchText(QStringLiteral("output line 1"));
    QCOMPARE(view.matchCount(), 1 + 10 + 100); // lines 1, 10-19 and 100-199
    view.setSearchText(QStringLiteral("no such text"));
    QCOMPARE(view.matchCount(), 0);
    QCOMPARE(view.currentMatch(), -1);
    QVERIFY(view.textView()->extraSelections().isEmpty());

    // Matches in output appended later are counted too.
    view.setSearchText(QStringLiteral("error"));
    append(path, "late error\n");
    QTRY_COMPARE(view.matchCount(), 4);
}

void TestLogView::searchShortcuts()
{
    const QString path = newLog("alpha\nbeta\nalpha\n");
    LogView view;
    showView(view);
    view.activateWindow();
    QVERIFY(QTest::qWaitForWindowActive(&view));
    view.setLogFile(path);
    QTRY_VERIFY(plainText(view).contains(QStringLiteral("beta")));

    auto *search = view.findChild<QLineEdit *>(QStringLiteral("searchEdit"));
    QVERIFY(search);
    view.textView()->setFocus();
    QTest::keyClick(view.textView(), Qt::Key_F, Qt::ControlModifier);
    QTRY_VERIFY(search->hasFocus());
    QTest::keyClicks(search, QStringLiteral("alpha"));
    QCOMPARE(view.matchCount(), 2);
    const int first = view.currentMatch();
    QTest::keyClick(search, Qt::Key_F3);
    QCOMPARE(view.currentMatch(), (first + 1) % 2);
    QTest::keyClick(search, Qt::Key_F3, Qt::ShiftModifier);
    QCOMPARE(view.currentMatch(), first);
    QTest::keyClick(search, Qt::Key_Escape);
    QVERIFY(search->text().isEmpty());
    QCOMPARE(view.matchCount(), 0);
}

void TestLogView::listsAttempts()
{
    const QString path = newLog(header(1, 3) + numberedLines(0, 200, "first attempt ")
                                + "==> attempt 1 failed: exited with code 1 after 0.002 s\n" + header(2, 3)
                                + numberedLines(0, 200, "second attempt ")
                                + "==> attempt 2 failed: exited with code 1 after 0.002 s\n" + header(3, 3)
                                + numberedLines(0, 200, "third attempt "));
    LogView view;
    showView(view);
    view.setLogFile(path);
    QTRY_VERIFY(plainText(view).contains(QStringLiteral("third attempt 199")));

    QCOMPARE(view.attempts(), (QStringList{QStringLiteral("Attempt 1"), QStringLiteral("Attempt 2"),
                                           QStringLiteral("Attempt 3")}));
    auto *combo = view.findChild<QComboBox *>(QStringLiteral("attemptSelector"));
    QVERIFY(combo);
    QCOMPARE(combo->count(), 4);
    QCOMPARE(combo->itemText(0), QStringLiteral("All attempts"));

    // Choosing an attempt brings its header line to the top of the view.
    view.showAttempt(1);
    QTRY_VERIFY(view.textView()->cursorForPosition(QPoint(1, 1)).block().text().contains(QStringLiteral("attempt 2/3")));
    QVERIFY(!view.isFollowing());
    view.showAttempt(0);
    QTRY_VERIFY(view.textView()->cursorForPosition(QPoint(1, 1)).block().text().contains(QStringLiteral("attempt 1/3")));
}

void TestLogView::hugeFileShowsOnlyTheTail()
{
    const QString path = m_dir.filePath(QStringLiteral("huge.log"));
    {
        QFile file(path);
        QVERIFY(file.open(QIODevice::WriteOnly));
        const QByteArray line = QByteArray(99, 'x') + '\n';
        const QByteArray block = line.repeated(10000); // 1 MB
        QVERIFY(file.write(header(1, 1)) > 0);
        for (int i = 0; i < 50; ++i)
            QVERIFY(file.write(block) == block.size());
        QVERIFY(file.write("the very last line\n") > 0);
    }
    QVERIFY(QFileInfo(path).size() > 50'000'000);

    LogView view;
    showView(view);
    view.setLogFile(path);
    QTRY_VERIFY(plainText(view).contains(QStringLiteral("the very last line")));

    const int characters = view.textView()->document()->characterCount();
    QVERIFY2(characters <= LogView::InitialTail + 2, qPrintable(QString::number(characters)));
    QVERIFY(view.droppedNotice().contains(QStringLiteral("earlier output not shown")));
    QVERIFY(view.droppedNotice().contains(QStringLiteral("MB")));
    auto *notice = view.findChild<QLabel *>(QStringLiteral("droppedNotice"));
    QVERIFY(notice && notice->isVisible());
    // The tail starts at a line boundary: no cut line at the top.
    QCOMPARE(view.textView()->document()->firstBlock().text(), QString(99, QLatin1Char('x')));
    QVERIFY(view.attempts().isEmpty());
}

void TestLogView::lineLimitDropsOldLinesVisibly()
{
    const QString path = newLog(numberedLines(0, 100));
    LogView view;
    view.setMaximumLineCount(200);
    QCOMPARE(view.maximumLineCount(), 200);
    view.setLogFile(path);
    QTRY_VERIFY(plainText(view).contains(QStringLiteral("output line 99\n")));
    QVERIFY(view.droppedNotice().isEmpty());

    append(path, numberedLines(100, 1000));
    QTRY_VERIFY(plainText(view).contains(QStringLiteral("output line 1099\n")));
    QVERIFY(view.textView()->document()->blockCount() <= 200);
    QVERIFY(!plainText(view).contains(QStringLiteral("output line 0\n")));
    QVERIFY(view.droppedNotice().contains(QStringLiteral("earlier output not shown")));
}

void TestLogView::clearForgetsTheFile()
{
    const QString path = newLog("something\n");
    LogView view;
    view.setLogFile(path);
    QTRY_VERIFY(plainText(view).contains(QStringLiteral("something")));
    view.clear();
    QVERIFY(view.logFile().isEmpty());
    QVERIFY(plainText(view).isEmpty());
}

void TestLogView::hostileOutputStaysResponsive_data()
{
    QTest::addColumn<bool>("growing");
    QTest::newRow("opened when written") << false;
    QTest::newRow("tailed while written") << true;
}

// Not a benchmark (bench/gui/logfollow.cpp is): the bounds only catch a hang;
// the figures are printed.
void TestLogView::hostileOutputStaysResponsive()
{
    QFETCH(bool, growing);
    const QByteArray head = "before the storm\n";
    const QList<QByteArray> pieces{HostileLog::longLine(), HostileLog::tail()};
    const QString path = newLog(growing ? head : head + pieces.join());

    LogView view;
    showView(view);
    QElapsedTimer clock;
    clock.start();
    StallMeter stalls;
    // Responsive means the event loop runs while the view is still busy with
    // the output: some of it shown, not yet all. (Cheap checks only: this
    // runs on every turn of the loop.)
    const QTextDocument *document = view.textView()->document();
    const qsizetype shownBefore = growing ? head.size() + 1 : 1; // the head, tailed; nothing, opened
    const auto appending = [document, shownBefore] {
        const QTextBlock last = document->lastBlock().previous();
        return document->characterCount() > shownBefore && !(last.isValid() && last.text() == QStringLiteral("TAIL-MARKER"));
    };
    int turnsWhileAppending = 0;
    QTimer turns;
    connect(&turns, &QTimer::timeout, &turns, [&] { turnsWhileAppending += appending() ? 1 : 0; });
    turns.start(0);
    view.setLogFile(path);
    if (growing) {
        QTRY_VERIFY(plainText(view).contains(QStringLiteral("before the storm")));
        for (const QByteArray &piece : pieces)
            append(path, piece);
    }
    QTRY_VERIFY_WITH_TIMEOUT(plainText(view).contains(QStringLiteral("TAIL-MARKER")), 60000);
    turns.stop();
    const qint64 loadMs = clock.elapsed();
    const qint64 worstLoadStall = stalls.worstMs();
    QVERIFY2(turnsWhileAppending > 0, "the output was shown in one go, without the event loop running in between");

    const QString text = plainText(view);
    QVERIFY(!text.contains(QLatin1Char('\x1b')));
    QVERIFY(!text.contains(QChar(0)));
    QVERIFY(!text.contains(QStringLiteral("evil title")));
    QVERIFY(!text.contains(QStringLiteral("progress 5%")));
    QCOMPARE(blockContaining(view, QStringLiteral("progress")).text(), QStringLiteral("progress done"));
    QVERIFY(text.contains(QStringLiteral("link red after csi\n")));
    QVERIFY(text.contains(QStringLiteral("\nafter osc\n")));
    QVERIFY(text.contains(QStringLiteral("nul:bytes\n")));
    const QString badUtf8 = blockContaining(view, QStringLiteral("bad utf8")).text();
    QVERIFY2(badUtf8.contains(QChar(QChar::ReplacementCharacter)) && badUtf8.endsWith(QStringLiteral(" end")), qPrintable(badUtf8));
    QCOMPARE(text.contains(QStringLiteral("END-OF-LONG-LINE")), growing);
    // Bounded, and what was dropped is announced.
    QTRY_VERIFY(view.textView()->document()->characterCount() <= LogView::MaxCharacters);
    if (growing)
        QVERIFY(view.droppedNotice().contains(QStringLiteral("earlier output not shown")));

    QElapsedTimer searchClock;
    searchClock.start();
    view.setSearchText(QStringLiteral("tail-marker"));
    QCOMPARE(view.matchCount(), 1);
    view.setSearchText(QStringLiteral("END-OF-LONG-LINE"));
    QCOMPARE(view.matchCount(), growing ? 1 : 0);
    view.findNext();
    const qint64 searchMs = searchClock.elapsed();
    QTest::qWait(50); // one more turn of the event loop: the repaint after the search
    const qint64 worstStall = stalls.worstMs();

    qInfo("hostile log (%s): shown in %lld ms, %d event loop turns while appending, longest stall while loading %lld ms, "
          "two searches %lld ms, longest stall %lld ms",
          growing ? "tailed" : "opened", loadMs, turnsWhileAppending, worstLoadStall, searchMs, worstStall);
    QVERIFY2(worstStall < 2000, qPrintable(QString::number(worstStall)));
    QVERIFY2(searchMs < 2000, qPrintable(QString::number(searchMs)));

    // The view only reads: the log on disk is what the tool wrote.
    const QByteArray written = head + pieces.join();
    QCOMPARE(QCryptographicHash::hash(readFile(path), QCryptographicHash::Sha256),
             QCryptographicHash::hash(written, QCryptographicHash::Sha256));
}

QTEST_MAIN(TestLogView)
#include "tst_logview.moc"
