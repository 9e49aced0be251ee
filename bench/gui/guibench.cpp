// Dashboard responsiveness, measured on this machine under the offscreen
// platform (set here unless QT_QPA_PLATFORM is already set):
//
//   1. first paint of MainWindow with 100,000 jobs in the database
//   2. the jobs table's text filter: applying it and clearing it
//   3. the GUI thread's longest stall while 8 workers run 5,000 trivial jobs
//   4. opening a 200 MB log in LogView
//
//   orch-guibench [--keep]      --keep leaves the temporary directory behind

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <cstring>

#include <QApplication>
#include <QCoreApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QLineEdit>
#include <QPixmap>
#include <QPlainTextEdit>
#include <QStandardPaths>
#include <QTableView>
#include <QTemporaryDir>
#include <QTextDocument>
#include <QThread>
#include <QTimer>

#include "models/jobtablemodel.h"
#include "store/database.h"
#include "store/jobstore.h"
#include "views/logview.h"
#include "views/mainwindow.h"

using namespace Orchestrator;
using namespace Orchestrator::Ui;

namespace {

const char *verdict(double value, double target) { return value < target ? "PASS" : "MISS"; }

void fail(const char *what, const QString &message)
{
    std::fprintf(stderr, "orch-guibench: %s: %s\n", what, qPrintable(message));
    std::exit(1);
}

// Processes events until `done` or `timeoutMs`; returns whether `done` became true.
template<typename Predicate>
bool waitFor(Predicate done, int timeoutMs)
{
    // Blocks between events (a busy loop would take a core from the engine and
    // the feed on a small machine); the 5 ms timer bounds each wait.
    QTimer wake;
    wake.start(5);
    QElapsedTimer clock;
    clock.start();
    while (!done()) {
        if (clock.elapsed() > timeoutMs)
            return false;
        QCoreApplication::processEvents(QEventLoop::AllEvents | QEventLoop::WaitForMoreEvents);
    }
    return true;
}

// runs x workstreams x jobs rows written through JobStore in one transaction.
void fillDatabase(const QString &path, const QString &dataDir, int runs, int workstreams, int jobsPerWs,
                  bool finished, const QString &trueExe)
{
    auto db = Database::open(path);
    if (!db)
        fail("open database", db.error().message);
    JobStore store(db->connection());
    if (Status s = store.begin(); !s)
        fail("begin", s.error().message);
    const qint64 ts = JobStore::now();
    int n = 0;
    for (int r = 0; r < runs; ++r) {
        const QString runId = QStringLiteral("run-%1").arg(r, 2, 10, QLatin1Char('0'));
        if (Status s = store.ensureRun(runId, ts); !s)
            fail("ensureRun", s.error().message);
        for (int w = 0; w < workstreams; ++w) {
            const QString wsId = QStringLiteral("ws-%1-%2").arg(r, 2, 10, QLatin1Char('0')).arg(w, 4, 10, QLatin1Char('0'));
            if (Status s = store.ensureWorkstream(runId, wsId, ts); !s)
                fail("ensureWorkstream", s.error().message);
            for (int j = 0; j < jobsPerWs; ++j, ++n) {
                NewJob job;
                JobRecord &rec = job.record;
                rec.jobId = QStringLiteral("r%1-w%2-j%3").arg(r, 2, 10, QLatin1Char('0'))
                                .arg(w, 4, 10, QLatin1Char('0')).arg(j, 3, 10, QLatin1Char('0'));
                rec.runId = runId;
                rec.workstreamId = wsId;
                rec.tool = QStringLiteral("shell");
                rec.priority = (n % 10 == 0) ? Priority::High : Priority::Normal;
                rec.state = !finished ? JobState::Queued : (n % 17 == 0 ? JobState::Failed : JobState::Succeeded);
                rec.spec = "{}";
                rec.command = QStringList{trueExe};
                rec.repoRoot = QStringLiteral("/tmp");
                rec.workingDir = QStringLiteral("/tmp");
                rec.logFile = dataDir + QStringLiteral("/logs/") + rec.jobId + QStringLiteral(".log");
                rec.errorReport = dataDir + QStringLiteral("/logs/") + rec.jobId + QStringLiteral(".error.json");
                rec.submittedAt = ts + n;
                if (Status s = store.insertJob(job); !s)
                    fail("insertJob", s.error().message);
            }
        }
    }
    if (Status s = store.commit(); !s)
        fail("commit", s.error().message);
}

QLineEdit *filterEdit(QWidget *window)
{
    const QList<QLineEdit *> edits = window->findChildren<QLineEdit *>();
    for (QLineEdit *edit : edits) {
        if (edit->placeholderText().contains(QStringLiteral("Filter")))
            return edit;
    }
    return nullptr;
}

} // namespace

int main(int argc, char *argv[])
{
    if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))
        qputenv("QT_QPA_PLATFORM", "offscreen");
    // No user tool profiles: the built-in ones only, as the tests do.
    if (qEnvironmentVariableIsEmpty("ORCHESTRATOR_TOOLS_FILE"))
        qputenv("ORCHESTRATOR_TOOLS_FILE", "/nonexistent/tools.json");
    QApplication app(argc, argv);
    const bool keep = argc > 1 && std::strcmp(argv[1], "--keep") == 0;

    QTemporaryDir dir;
    dir.setAutoRemove(!keep);
    if (!dir.isValid())
        fail("temporary directory", dir.errorString());
    const QString trueExe = QStandardPaths::findExecutable(QStringLiteral("true"));
    if (trueExe.isEmpty())
        fail("setup", QStringLiteral("no `true` on PATH"));
    std::printf("orch-guibench: Qt %s, platform %s, %d cores, temp %s\n", qVersion(),
                qPrintable(QApplication::platformName()), QThread::idealThreadCount(), qPrintable(dir.path()));
    std::fflush(stdout);

    // 1. First paint with 100,000 jobs.
    constexpr int BigN = 100000;
    const QString bigDb = dir.filePath(QStringLiteral("big/state.db"));
    QDir().mkpath(dir.filePath(QStringLiteral("big")));
    {
        QElapsedTimer fillClock;
        fillClock.start();
        fillDatabase(bigDb, dir.filePath(QStringLiteral("big")), 10, 100, 100, true, trueExe);
        std::printf("  (setup: %d jobs written through JobStore in %lld ms)\n", BigN, fillClock.elapsed());
    }
    double firstPaint = 0;
    double filterApply = 0;
    double filterClear = 0;
    int filterRows = -1;
    double firstRows = -1;
    {
        DashboardOptions options;
        options.databasePath = bigDb;
        options.workers = 4;
        options.startPaused = true;
        QElapsedTimer clock;
        clock.start();
        auto *window = new MainWindow(options);
        window->resize(1400, 900);
        window->show();
        const double constructed = clock.nsecsElapsed() / 1e6;
        // The snapshot arrives in pages: the first rows can be seen (and the
        // window used) long before the last page is in.
        waitFor([window] { return window->jobsModel()->rowCount() > 0; }, 120000);
        (void)window->grab();
        firstRows = clock.nsecsElapsed() / 1e6;
        std::printf("first rows painted (%d of %d jobs): %.0f ms   (target < 1500 ms: %s)\n",
                    int(window->jobsModel()->rowCount()), BigN, firstRows, verdict(firstRows, 1500));
        if (!waitFor([window] { return window->jobsModel()->rowCount() == BigN; }, 120000))
            fail("first paint", QStringLiteral("model has %1 rows after 120 s").arg(window->jobsModel()->rowCount()));
        const double rows = clock.nsecsElapsed() / 1e6;
        QCoreApplication::processEvents();
        const QPixmap painted = window->grab();
        firstPaint = clock.nsecsElapsed() / 1e6;
        Q_UNUSED(painted);
        std::printf("all %d jobs in and painted: %.0f ms   (informational: the window is usable from the first rows)\n", BigN,
                    firstPaint);
        std::printf("  (constructor + show %.0f ms, all rows in the model at %.0f ms, events + grab %.0f ms)\n",
                    constructed, rows, firstPaint - rows);
        std::fflush(stdout);

        // 2. The text filter.
        QLineEdit *edit = filterEdit(window);
        if (!edit)
            fail("filter", QStringLiteral("no QLineEdit with a \"Filter\" placeholder"));
        QAbstractItemModel *shown = window->jobsView()->model();
        clock.restart();
        edit->setText(QStringLiteral("ws-00-0042"));
        QCoreApplication::processEvents();
        filterApply = clock.nsecsElapsed() / 1e6;
        filterRows = shown->rowCount();
        clock.restart();
        edit->clear();
        QCoreApplication::processEvents();
        filterClear = clock.nsecsElapsed() / 1e6;
        const int allRows = shown->rowCount();
        std::printf("filter applies in %.1f ms (%d rows shown), clears in %.1f ms (%d rows)   (target < 100 ms: %s)\n",
                    filterApply, filterRows, filterClear, allRows,
                    verdict(std::max(filterApply, filterClear), 100));
        std::fflush(stdout);
        clock.restart();
        delete window;
        std::printf("  (closing the 100000-job window: %lld ms)\n", clock.elapsed());
        std::fflush(stdout);
    }

    // 3. GUI stall probe while 8 workers run 5,000 trivial jobs.
    constexpr int RunN = 5000;
    const QString runDb = dir.filePath(QStringLiteral("run/state.db"));
    QDir().mkpath(dir.filePath(QStringLiteral("run/logs")));
    fillDatabase(runDb, dir.filePath(QStringLiteral("run")), 1, 50, RunN / 50, false, trueExe);
    double stall = 0;
    double jobsPerSecond = 0;
    int succeeded = 0;
    {
        DashboardOptions options;
        options.databasePath = runDb;
        options.workers = 8;
        options.startPaused = false;
        QElapsedTimer clock;
        clock.start();
        auto *window = new MainWindow(options);
        window->resize(1400, 900);
        window->show();

        QElapsedTimer tick;
        qint64 last = -1;
        qint64 longest = 0;
        qint64 longestAt = 0;
        int over50 = 0;
        QTimer probe;
        probe.setTimerType(Qt::PreciseTimer);
        probe.setInterval(1);
        QObject::connect(&probe, &QTimer::timeout, &probe, [&] {
            const qint64 t = tick.nsecsElapsed();
            if (last >= 0) {
                if (t - last > longest) {
                    longest = t - last;
                    longestAt = t;
                }
                if (t - last > 50000000)
                    ++over50;
            }
            last = t;
        });
        tick.start();
        probe.start();
        const bool done = waitFor([&] { return window->jobsModel()->count(JobState::Succeeded) == RunN; }, 120000);
        probe.stop();
        const double seconds = clock.nsecsElapsed() / 1e9;
        succeeded = window->jobsModel()->count(JobState::Succeeded);
        stall = longest / 1e6;
        jobsPerSecond = succeeded / seconds;
        std::printf("GUI thread longest stall while 8 workers run %d jobs: %.1f ms (jobs/s %.0f)%s   (target < 50 ms: %s)\n",
                    RunN, stall, jobsPerSecond,
                    done ? "" : qPrintable(QStringLiteral(" [timed out after 120 s, %1 succeeded]").arg(succeeded)),
                    verdict(stall, 50));
        std::printf("  (longest gap ended %.0f ms after the probe started; %d gaps over 50 ms; "
                    "%.1f s from construction to all succeeded)\n", longestAt / 1e6, over50, seconds);
        std::fflush(stdout);
        window->close();
        delete window;
    }

    // 4. Opening a 200 MB log.
    constexpr qint64 LogBytes = 200LL * 1024 * 1024;
    const QString logPath = dir.filePath(QStringLiteral("big.log"));
    {
        QFile file(logPath);
        if (!file.open(QIODevice::WriteOnly))
            fail("log", file.errorString());
        // 100-character lines (99 + '\n'), 8 MB per write.
        QByteArray line(99, 'x');
        line.append('\n');
        QByteArray block;
        block.reserve(8 * 1024 * 1024);
        qint64 written = 0;
        int n = 0;
        while (written < LogBytes) {
            block.clear();
            while (block.size() + 100 <= 8 * 1024 * 1024) {
                QByteArray l = QByteArray::number(n++).rightJustified(10, '0') + " log line of the benchmark ";
                l.append(line.left(99 - l.size()));
                l.append('\n');
                block.append(l);
            }
            file.write(block);
            written += block.size();
        }
    }
    double logOpen = 0;
    {
        LogView view;
        view.resize(1000, 700);
        view.show();
        QCoreApplication::processEvents();
        QElapsedTimer clock;
        clock.start();
        view.setLogFile(logPath);
        if (!waitFor([&view] { return view.textView()->document()->characterCount() > 1000; }, 60000))
            fail("log", QStringLiteral("no text after 60 s"));
        logOpen = clock.nsecsElapsed() / 1e6;
        std::printf("opening a %lld MB log: %.0f ms (%d characters shown)   (target < 1000 ms: %s)\n",
                    LogBytes / (1024 * 1024), logOpen, view.textView()->document()->characterCount(),
                    verdict(logOpen, 1000));
        std::fflush(stdout);
    }

    std::printf("\nsummary: first rows %.0f ms [%s], all rows %.0f ms, filter %.1f/%.1f ms [%s], stall %.1f ms [%s] at %.0f jobs/s, "
                "200 MB log %.0f ms [%s]\n",
                firstRows, verdict(firstRows, 1500), firstPaint, filterApply, filterClear,
                verdict(std::max(filterApply, filterClear), 100), stall, verdict(stall, 50), jobsPerSecond, logOpen,
                verdict(logOpen, 1000));
    return 0;
}
