// Attempts per second of the AttemptRunner alone (no database, no scheduler):
// N attempts of `true` on a pool of W threads, each with its own log file.
// Compare with `orchestrator run` to see what scheduling and SQLite add.
//
//   orch-runnerbench N W           the AttemptRunner
//   orch-runnerbench N W bare      the floor: a bare QProcess per attempt with
//                                  the same settings (own process group,
//                                  output appended to a per-job file)
//   orch-runnerbench N W nofile    the floor without the per-job file

#include <cstdio>
#include <cstring>
#include <unistd.h>

#include <QCoreApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QProcess>
#include <QTemporaryDir>
#include <QThreadPool>

#include "execution/attemptrunner.h"

using namespace Orchestrator;

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    const int n = argc > 1 ? atoi(argv[1]) : 5000;
    const int workers = argc > 2 ? atoi(argv[2]) : 8;
    const char *mode = argc > 3 ? argv[3] : "runner";
    const bool bare = std::strcmp(mode, "runner") != 0;
    const bool file = std::strcmp(mode, "nofile") != 0;
    QTemporaryDir dir;
    QDir(dir.path()).mkpath(QStringLiteral("logs"));
    QThreadPool pool;
    pool.setMaxThreadCount(workers);
    QElapsedTimer clock;
    clock.start();
    for (int i = 0; i < n; ++i) {
        AttemptPlan plan;
        plan.jobId = QStringLiteral("j%1").arg(i);
        plan.program = QStringLiteral("true");
        plan.tool = QStringLiteral("shell");
        plan.workingDir = dir.path();
        plan.logFile = dir.filePath(QStringLiteral("logs/%1.log").arg(plan.jobId));
        plan.errorReport = dir.filePath(QStringLiteral("logs/%1.error.json").arg(plan.jobId));
        plan.env.insert(QStringLiteral("ORCHESTRATOR_JOB_ID"), plan.jobId);
        if (!bare) {
            pool.start(new AttemptRunner(plan, std::make_shared<AttemptControl>(), [](const AttemptResult &) {}));
            continue;
        }
        pool.start([plan, file] {
            QProcess process;
            process.setProgram(QStringLiteral("/usr/bin/true"));
            process.setProcessChannelMode(QProcess::MergedChannels);
            process.setStandardInputFile(QProcess::nullDevice());
            if (file)
                process.setStandardOutputFile(plan.logFile, QIODevice::Append);
            process.setChildProcessModifier([] { ::setpgid(0, 0); });
            process.start();
            process.waitForFinished(-1);
        });
    }
    pool.waitForDone();
    std::printf("%-6s %d attempts, %d workers: %.0f attempts/s\n", mode, n, workers, n / (clock.elapsed() / 1000.0));
    return 0;
}
