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
// between two of its firings. Each run also prints how much of its longest
// stall the GUI thread spent on the CPU (on a loaded machine the rest is the
// thread waiting for a core, which is not the view's doing) and the most CPU
// time in any one gap ("busiest"). Each phase ends when "TAIL-MARKER" is
// shown.
//
//   orch-logfollow [--runs N]      N runs of each phase (default 3)

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <ctime> // clock_gettime, CLOCK_THREAD_CPUTIME_ID (POSIX)
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

// CPU time the calling thread has used, in nanoseconds.
qint64 threadCpuNs()
{
    timespec ts{};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
    return qint64(ts.tv_sec) * 1'000'000'000 + ts.tv_nsec;
}

// The longest gap between firings of a 1 ms timer on the GUI thread, the GUI
// thread's CPU time within that gap, and the most CPU time in any one gap.
class StallProbe final
{
public:
    StallProbe()
    {
        m_timer.setTimerType(Qt::PreciseTimer);
        m_timer.setInterval(1);
        QObject::connect(&m_timer, &QTimer::timeout, &m_timer, [this] { endGap(); });
    }
    void start()
    {
        m_longest = 0;
        m_longestCpu = 0;
        m_busiest = 0;
        m_over50 = 0;
        m_clock.start();
        m_cpu = threadCpuNs();
        m_timer.start();
    }
    void stop()
    {
        m_timer.stop();
        endGap();
    }
    double longestMs() const { return m_longest / 1e6; }
    double longestCpuMs() const { return m_longestCpu / 1e6; }
    double busiestMs() const { return m_busiest / 1e6; }
    int over50() const { return m_over50; }

private:
    void endGap()
    {
        const qint64 gap = m_clock.nsecsElapsed();
        m_clock.restart();
        const qint64 cpu = threadCpuNs();
        if (gap > m_longest) {
            m_longest = gap;
            m_longestCpu = cpu - m_cpu;
        }
        m_busiest = std::max(m_busiest, cpu - m_cpu);
        if (gap > 50'000'000)
            ++m_over50;
        m_cpu = cpu;
    }

    QTimer m_timer;
    QElapsedTimer m_clock;
    qint64 m_cpu = 0;
    qint64 m_longest = 0;
    qint64 m_longestCpu = 0;
    qint64 m_busiest = 0;
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
    double stallCpuMs = 0; // of stallMs, on the CPU
    double busiestMs = 0;  // the most CPU time in one gap
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
    return {total, probe.longestMs(), probe.longestCpuMs(), probe.busiestMs(), probe.over50()};
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
    return {total, probe.longestMs(), probe.longestCpuMs(), probe.busiestMs(), probe.over50()};
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
        const Figures &o = opened.last();
        const Figures &f = followed.last();
        std::printf("  run %d: opening %.0f ms, stall %.1f ms (%.1f on the CPU, %d over 50 ms, busiest %.1f); "
                    "following %.0f ms, stall %.1f ms (%.1f on the CPU, %d over 50 ms, busiest %.1f)\n",
                    run + 1, o.totalMs, o.stallMs, o.stallCpuMs, o.over50, o.busiestMs, f.totalMs, f.stallMs,
                    f.stallCpuMs, f.over50, f.busiestMs);
        std::fflush(stdout);
    }
    report("opening", opened);
    report("following", followed);
    return 0;
}
