// How long LogView keeps the GUI thread from running while it shows the
// hostile log of the reliability tests (tests/hostilelog.h: a 10 MB line, a
// '\r' storm, OSC/CSI sequences, invalid UTF-8, NUL bytes), under the
// offscreen platform (set here unless QT_QPA_PLATFORM is already set):
//
//   1. opening: the whole log is on disk before setLogFile()
//   2. following: the view shows one line, then another thread appends the
//      rest in 64 KB writes, as a fast tool's output arrives
//
// The probe is a 1 ms precise timer on the GUI thread; a stall is the gap
// between two of its firings. Each phase ends when "TAIL-MARKER" is shown.
//
//   orch-logfollow [--runs N]      N runs of each phase (default 3)

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <thread>

#include <QApplication>
#include <QElapsedTimer>
#include <QFile>
#include <QList>
#include <QPlainTextEdit>
#include <QTemporaryDir>
#include <QTextBlock>
#include <QTextDocument>
#include <QThread>
#include <QTimer>

#include "hostilelog.h"
#include "views/logview.h"

using namespace Orchestrator::Ui;

namespace {

constexpr qsizetype WriteSize = 64 * 1024;
constexpr int TimeoutMs = 120000;

void fail(const QString &message)
{
    std::fprintf(stderr, "orch-logfollow: %s\n", qPrintable(message));
    std::exit(1);
}

void appendTo(const QString &path, QByteArrayView bytes)
{
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly | QIODevice::Append) || file.write(bytes.data(), bytes.size()) != bytes.size())
        fail(QStringLiteral("cannot write %1").arg(path));
}

// The longest gap between firings of a 1 ms timer on the GUI thread.
class StallProbe final
{
public:
    StallProbe()
    {
        m_timer.setTimerType(Qt::PreciseTimer);
        m_timer.setInterval(1);
        QObject::connect(&m_timer, &QTimer::timeout, &m_timer, [this] {
            const qint64 gap = m_clock.nsecsElapsed();
            m_clock.restart();
            m_longest = std::max(m_longest, gap);
            if (gap > 50'000'000)
                ++m_over50;
        });
    }
    void start()
    {
        m_longest = 0;
        m_over50 = 0;
        m_clock.start();
        m_timer.start();
    }
    void stop()
    {
        m_timer.stop();
        const qint64 gap = m_clock.nsecsElapsed();
        m_longest = std::max(m_longest, gap);
    }
    double longestMs() const { return m_longest / 1e6; }
    int over50() const { return m_over50; }

private:
    QTimer m_timer;
    QElapsedTimer m_clock;
    qint64 m_longest = 0;
    int m_over50 = 0;
};

// Cheap enough to ask on every event: only the last lines are looked at.
bool shows(const LogView &view, const QString &line)
{
    QTextBlock block = view.textView()->document()->lastBlock();
    for (int i = 0; i < 3 && block.isValid(); ++i, block = block.previous()) {
        if (block.text() == line)
            return true;
    }
    return false;
}

bool waitUntilShown(const LogView &view, const QString &line)
{
    QElapsedTimer clock;
    clock.start();
    while (!shows(view, line)) {
        if (clock.elapsed() > TimeoutMs)
            return false;
        QCoreApplication::processEvents(QEventLoop::AllEvents | QEventLoop::WaitForMoreEvents);
    }
    return true;
}

struct Figures
{
    double totalMs = 0;
    double stallMs = 0;
    int over50 = 0;
};

Figures openWhole(const QString &path)
{
    LogView view;
    view.resize(1000, 700);
    view.show();
    QCoreApplication::processEvents();
    StallProbe probe;
    QElapsedTimer clock;
    probe.start();
    clock.start();
    view.setLogFile(path);
    if (!waitUntilShown(view, QStringLiteral("TAIL-MARKER")))
        fail(QStringLiteral("opening: no TAIL-MARKER after %1 s").arg(TimeoutMs / 1000));
    const double total = clock.nsecsElapsed() / 1e6;
    probe.stop();
    return {total, probe.longestMs(), probe.over50()};
}

Figures follow(const QString &path, const QByteArray &head, const QByteArray &rest)
{
    appendTo(path, head);
    LogView view;
    view.resize(1000, 700);
    view.show();
    QCoreApplication::processEvents();
    StallProbe probe;
    probe.start();
    view.setLogFile(path);
    if (!waitUntilShown(view, QStringLiteral("before the storm")))
        fail(QStringLiteral("following: the first line is not shown"));
    QElapsedTimer clock;
    clock.start();
    std::thread writer([&path, &rest] {
        for (qsizetype at = 0; at < rest.size(); at += WriteSize)
            appendTo(path, QByteArrayView(rest).sliced(at, std::min(WriteSize, rest.size() - at)));
    });
    const bool shown = waitUntilShown(view, QStringLiteral("TAIL-MARKER"));
    const double total = clock.nsecsElapsed() / 1e6;
    probe.stop();
    writer.join();
    if (!shown)
        fail(QStringLiteral("following: no TAIL-MARKER after %1 s").arg(TimeoutMs / 1000));
    return {total, probe.longestMs(), probe.over50()};
}

void report(const char *phase, const QList<Figures> &runs)
{
    double minTotal = 1e18, maxTotal = 0, minStall = 1e18, maxStall = 0;
    for (const Figures &f : runs) {
        minTotal = std::min(minTotal, f.totalMs);
        maxTotal = std::max(maxTotal, f.totalMs);
        minStall = std::min(minStall, f.stallMs);
        maxStall = std::max(maxStall, f.stallMs);
    }
    std::printf("%-9s longest GUI stall %.0f-%.0f ms   (target < 50 ms: %s), total %.0f-%.0f ms, %lld runs\n", phase,
                minStall, maxStall, maxStall < 50 ? "PASS" : "MISS", minTotal, maxTotal, qlonglong(runs.size()));
}

} // namespace

int main(int argc, char *argv[])
{
    if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))
        qputenv("QT_QPA_PLATFORM", "offscreen");
    QApplication app(argc, argv);
    int runs = 3;
    if (argc == 3 && std::strcmp(argv[1], "--runs") == 0)
        runs = std::max(1, std::atoi(argv[2]));
    else if (argc != 1)
        fail(QStringLiteral("usage: orch-logfollow [--runs N]"));

    QTemporaryDir dir;
    if (!dir.isValid())
        fail(dir.errorString());
    const QByteArray head = "before the storm\n";
    const QByteArray rest = HostileLog::longLine() + HostileLog::tail();
    std::printf("orch-logfollow: Qt %s, platform %s, %d cores, hostile log %.1f MB\n", qVersion(),
                qPrintable(QApplication::platformName()), QThread::idealThreadCount(), (head.size() + rest.size()) / 1048576.0);

    QList<Figures> opened;
    QList<Figures> followed;
    for (int run = 0; run < runs; ++run) {
        const QString whole = dir.filePath(QStringLiteral("whole%1.log").arg(run));
        appendTo(whole, QByteArray(head + rest));
        opened.append(openWhole(whole));
        followed.append(follow(dir.filePath(QStringLiteral("growing%1.log").arg(run)), head, rest));
        std::printf("  run %d: opening %.0f ms, stall %.1f ms (%d over 50 ms); following %.0f ms, stall %.1f ms (%d over 50 ms)\n",
                    run + 1, opened.last().totalMs, opened.last().stallMs, opened.last().over50, followed.last().totalMs,
                    followed.last().stallMs, followed.last().over50);
        std::fflush(stdout);
    }
    report("opening", opened);
    report("following", followed);
    return 0;
}
