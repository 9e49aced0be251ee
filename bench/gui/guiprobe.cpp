// The GUI thread's stalls while a user clicks through the dashboard on a
// PostgreSQL database one network hop away (bench/README.md, "GUI-thread probe").
//
// Starts a throw-away PostgreSQL server (tests/pg/pgcluster.sh; as root the
// server runs as `postgres`) or uses --pg-url, puts orch-delayproxy in front
// of it (--delay-ms each way), fills a database through the proxy with the
// orchestrator CLI (a run of --jobs jobs in mixed states, worked by real
// worker processes), opens the real MainWindow on the proxied URL and walks
// it: --walk jobs selected one after another in the jobs table (a click on
// the first, then the Down key, --step-ms apart), then the Graph, the
// Timeline and the Jobs view again. A monitor thread measures how long the
// GUI thread keeps events waiting (stallmonitor.h).
//
//   orch-guiprobe [--delay-ms 1] [--jobs 200] [--walk 50] [--pg-url URL]
//                 [--offscreen | --xvfb] [--inject-stall-ms N] [--keep]

#include <algorithm>
#include <cmath>
#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <functional>
#include <memory>
#include <utility>

#include <fcntl.h>
#include <sys/wait.h>
#include <unistd.h>

#include <QAbstractItemModel>
#include <QApplication>
#include <QCommandLineParser>
#include <QDir>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QSettings>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>
#include <QTextBrowser>
#include <QThread>
#include <QTimer>
#include <QUrl>

#include "stallmonitor.h"
#include "views/mainwindow.h"

using namespace Orchestrator::Ui;

namespace {

// Stops the server and the proxy when the probe gives up.
std::function<void()> g_cleanup;

[[noreturn]] void fail(const QString &message)
{
    std::fflush(stdout);
    std::fprintf(stderr, "orch-guiprobe: %s\n", qPrintable(message));
    if (auto cleanup = std::exchange(g_cleanup, nullptr))
        cleanup();
    std::_Exit(1);
}

void say(const QString &text)
{
    std::printf("%s\n", qPrintable(text));
    std::fflush(stdout);
}

// Runs the event loop for `ms` (blocking between events; QTest::qWait would
// sleep the GUI thread in 10 ms pieces and show up as stalls).
void waitMs(int ms)
{
    QEventLoop loop;
    QTimer::singleShot(ms, Qt::PreciseTimer, &loop, &QEventLoop::quit);
    loop.exec();
}

template<typename Predicate>
bool waitUntil(Predicate done, int timeoutMs)
{
    QElapsedTimer clock;
    clock.start();
    while (!done()) {
        if (clock.elapsed() > timeoutMs)
            return false;
        waitMs(20);
    }
    return true;
}

struct Run
{
    int exitCode = -1;
    QByteArray out;
    QByteArray err;
};

Run runProcess(const QString &program, const QStringList &args, const QString &cwd = QString(), int timeoutMs = 300000)
{
    QProcess process;
    if (!cwd.isEmpty())
        process.setWorkingDirectory(cwd);
    process.start(program, args);
    Run run;
    if (!process.waitForStarted(30000)) {
        run.err = process.errorString().toUtf8();
        return run;
    }
    if (!process.waitForFinished(timeoutMs)) {
        process.kill();
        process.waitForFinished();
        run.err = "timed out";
        return run;
    }
    run.out = process.readAllStandardOutput();
    run.err = process.readAllStandardError();
    run.exitCode = process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1;
    return run;
}

// Xvfb on a display it picks itself (-displayfd); killed at exit.
pid_t g_xvfb = 0;

void stopXvfb()
{
    if (g_xvfb > 0) {
        kill(g_xvfb, SIGTERM);
        waitpid(g_xvfb, nullptr, 0);
        g_xvfb = 0;
    }
}

void startXvfb()
{
    int fds[2];
    if (pipe(fds) != 0)
        fail(QStringLiteral("pipe for Xvfb"));
    g_xvfb = fork();
    if (g_xvfb == 0) {
        ::close(fds[0]);
        const std::string fd = std::to_string(fds[1]);
        const int devnull = open("/dev/null", O_WRONLY);
        dup2(devnull, 1);
        dup2(devnull, 2);
        execlp("Xvfb", "Xvfb", "-displayfd", fd.c_str(), "-screen", "0", "1600x1000x24", "-nolisten", "tcp", nullptr);
        _exit(127);
    }
    ::close(fds[1]);
    char buffer[32] = {};
    ssize_t n = 0;
    std::size_t got = 0;
    while (got < sizeof buffer - 1 && (n = read(fds[0], buffer + got, sizeof buffer - 1 - got)) > 0) {
        got += std::size_t(n);
        if (std::memchr(buffer, '\n', got))
            break;
    }
    ::close(fds[0]);
    const int display = std::atoi(buffer);
    if (got == 0)
        fail(QStringLiteral("Xvfb did not start (is it installed? apt-get install xvfb)"));
    std::atexit(stopXvfb);
    qputenv("DISPLAY", QByteArray(":") + QByteArray::number(display));
    qputenv("QT_QPA_PLATFORM", "xcb");
}

volatile std::sig_atomic_t g_interrupted = 0;

// The run's job files: `n` jobs of run "probe" in five workstreams, in three
// submissions. First (worked until idle): `true` jobs in a layered graph,
// `false` jobs, jobs that fail twice and then give up (three attempts),
// flaky jobs that succeed on their second attempt, and dependents of failed
// jobs (upstream_failed). Second (worked until their first attempt failed,
// then the worker is stopped): jobs whose retry is an hour away
// (retry_waiting) and their dependents (waiting). Third: queued jobs the
// paused dashboard does not start.
struct Workload
{
    QString dirs[3];
    int retryWaiting = 0;
    int total = 0;
};

Workload writeWorkload(const QString &root, int n)
{
    Workload w;
    for (int i = 0; i < 3; ++i) {
        w.dirs[i] = root + QStringLiteral("/jobs-%1").arg(i + 1);
        QDir().mkpath(w.dirs[i]);
    }
    const QString markers = root + QStringLiteral("/flaky");
    QDir().mkpath(markers);
    auto write = [&](int part, const QString &id, const QString &exe, const QStringList &args, const QStringList &deps,
                     const QJsonValue &retry) {
        QJsonObject job{{QStringLiteral("job_id"), id},
                        {QStringLiteral("run_id"), QStringLiteral("probe")},
                        {QStringLiteral("run_title"), QStringLiteral("GUI-thread probe")},
                        {QStringLiteral("workstream_id"), QStringLiteral("ws-%1").arg(QChar(u'a' + (w.total % 5)))},
                        {QStringLiteral("tool"), QStringLiteral("shell")},
                        {QStringLiteral("command"), QJsonObject{{QStringLiteral("exe"), exe}, {QStringLiteral("args"), QJsonArray::fromStringList(args)}}}};
        if (!deps.isEmpty())
            job.insert(QStringLiteral("dependencies"), QJsonArray::fromStringList(deps));
        if (!retry.isUndefined())
            job.insert(QStringLiteral("metadata"), QJsonObject{{QStringLiteral("retry_policy"), retry}});
        QFile file(w.dirs[part] + QLatin1Char('/') + id + QStringLiteral(".json"));
        if (!file.open(QIODevice::WriteOnly) || file.write(QJsonDocument(job).toJson(QJsonDocument::Compact)) < 0)
            fail(QStringLiteral("cannot write %1").arg(file.fileName()));
        ++w.total;
    };
    const QJsonObject quickRetry{{QStringLiteral("max_attempts"), 3}, {QStringLiteral("backoff_seconds"), 0.05}};
    const QJsonObject slowRetry{{QStringLiteral("max_attempts"), 3}, {QStringLiteral("backoff_seconds"), 3600}};
    auto count = [n](double share) { return std::max(1, int(std::lround(n * share))); };
    const int nFail = count(0.08), nRetried = count(0.06), nFlaky = count(0.05), nUpstream = count(0.05);
    const int nWaitingRetry = count(0.05), nBlocked = count(0.04), nQueued = count(0.05);
    const int nOk = std::max(1, n - nFail - nRetried - nFlaky - nUpstream - nWaitingRetry - nBlocked - nQueued);

    // `true` jobs in layers of 12; each depends on one or two of the layer above.
    QStringList ok;
    for (int i = 0; i < nOk; ++i) {
        const QString id = QStringLiteral("ok-%1").arg(i, 3, 10, QLatin1Char('0'));
        QStringList deps;
        if (i >= 12) {
            const int layerStart = (i / 12 - 1) * 12;
            deps.append(ok.at(layerStart + (i * 7) % 12));
            if (i % 3 == 0)
                deps.append(ok.at(layerStart + (i * 5 + 3) % 12));
            deps.removeDuplicates();
        }
        write(0, id, QStringLiteral("true"), {}, deps, QJsonValue::Undefined);
        ok.append(id);
    }
    QStringList failed;
    for (int i = 0; i < nFail; ++i) {
        failed.append(QStringLiteral("fail-%1").arg(i, 3, 10, QLatin1Char('0')));
        write(0, failed.last(), QStringLiteral("false"), {}, {ok.at(i % ok.size())}, QJsonValue::Undefined);
    }
    for (int i = 0; i < nRetried; ++i)
        write(0, QStringLiteral("retried-%1").arg(i, 3, 10, QLatin1Char('0')), QStringLiteral("false"), {}, {}, quickRetry);
    for (int i = 0; i < nFlaky; ++i) {
        // Fails while its marker is missing (creating it): succeeds on attempt 2.
        const QString marker = markers + QStringLiteral("/flaky-%1").arg(i);
        write(0, QStringLiteral("flaky-%1").arg(i, 3, 10, QLatin1Char('0')), QStringLiteral("sh"),
              {QStringLiteral("-c"), QStringLiteral("test -e \"$1\" || { : > \"$1\"; echo first attempt fails; exit 3; }"),
               QStringLiteral("flaky"), marker},
              {}, quickRetry);
    }
    for (int i = 0; i < nUpstream; ++i)
        write(0, QStringLiteral("after-fail-%1").arg(i, 3, 10, QLatin1Char('0')), QStringLiteral("true"), {},
              {failed.at(i % failed.size())}, QJsonValue::Undefined);
    QStringList waitingRetry;
    for (int i = 0; i < nWaitingRetry; ++i) {
        waitingRetry.append(QStringLiteral("retry-later-%1").arg(i, 3, 10, QLatin1Char('0')));
        write(1, waitingRetry.last(), QStringLiteral("false"), {}, {}, slowRetry);
    }
    w.retryWaiting = nWaitingRetry;
    for (int i = 0; i < nBlocked; ++i)
        write(1, QStringLiteral("blocked-%1").arg(i, 3, 10, QLatin1Char('0')), QStringLiteral("true"), {},
              {waitingRetry.at(i % waitingRetry.size())}, QJsonValue::Undefined);
    for (int i = 0; i < nQueued; ++i)
        write(2, QStringLiteral("queued-%1").arg(i, 3, 10, QLatin1Char('0')), QStringLiteral("true"), {}, {}, QJsonValue::Undefined);
    return w;
}

double percentile(std::vector<float> values, double p)
{
    if (values.empty())
        return 0;
    std::sort(values.begin(), values.end());
    const std::size_t index = std::min(values.size() - 1, std::size_t(std::ceil(p * double(values.size()))) - 1);
    return values[index];
}

QString ms(double value) { return QString::number(value, 'f', value < 10 ? 2 : 1) + QStringLiteral(" ms"); }

// The throw-away server, the proxy and the database, cleaned up in reverse.
class Backend final
{
public:
    Backend(QString root, QString pgcluster) : m_root(std::move(root)), m_pgcluster(std::move(pgcluster)) {}
    ~Backend() { stop(); }
    Q_DISABLE_COPY_MOVE(Backend)

    void stop()
    {
        if (m_proxy) {
            m_proxy->terminate();
            if (!m_proxy->waitForFinished(3000))
                m_proxy->kill();
            m_proxy->waitForFinished(3000);
        }
        if (!m_adminUrl.isEmpty() && !m_database.isEmpty() && m_external)
            runProcess(QStringLiteral("psql"), {m_adminUrl, QStringLiteral("-qc"), QStringLiteral("DROP DATABASE IF EXISTS %1").arg(m_database)});
        m_proxy.reset();
        if (m_started)
            runProcess(QStringLiteral("bash"), {m_pgcluster, QStringLiteral("stop"), m_root + QStringLiteral("/cluster")});
        m_started = false;
        m_external = false;
    }

    void startServer(const QString &pgUrl)
    {
        if (!pgUrl.isEmpty()) {
            m_adminUrl = pgUrl;
            m_external = true;
            return;
        }
        const Run run = runProcess(QStringLiteral("bash"), {m_pgcluster, QStringLiteral("start"), m_root + QStringLiteral("/cluster")});
        if (run.exitCode == 77)
            fail(QStringLiteral("no PostgreSQL server binaries (install postgresql-15), or pass --pg-url"));
        if (run.exitCode != 0)
            fail(QStringLiteral("pgcluster.sh start failed: %1").arg(QString::fromUtf8(run.err)));
        m_started = true;
        m_adminUrl = QString::fromUtf8(run.out).trimmed();
    }

    void createDatabase()
    {
        m_database = QStringLiteral("orch_guiprobe_%1").arg(QCoreApplication::applicationPid());
        const Run run = runProcess(QStringLiteral("psql"), {m_adminUrl, QStringLiteral("-qc"), QStringLiteral("CREATE DATABASE %1").arg(m_database)});
        if (run.exitCode != 0)
            fail(QStringLiteral("CREATE DATABASE failed: %1").arg(QString::fromUtf8(run.err)));
        const Run version = runProcess(QStringLiteral("psql"), {m_adminUrl, QStringLiteral("-Atc"), QStringLiteral("SHOW server_version")});
        m_version = QString::fromUtf8(version.out).trimmed();
    }

    void startProxy(const QString &program, double delayMs)
    {
        const QUrl url(m_adminUrl);
        if (url.host().isEmpty())
            fail(QStringLiteral("--pg-url wants postgresql://user@host:port/db, got %1").arg(m_adminUrl));
        m_proxy = std::make_unique<QProcess>();
        m_proxy->setProcessChannelMode(QProcess::ForwardedErrorChannel);
        m_proxy->start(program, {QStringLiteral("--to"), QStringLiteral("%1:%2").arg(url.host()).arg(url.port(5432)),
                                 QStringLiteral("--delay-ms"), QString::number(delayMs)});
        if (!m_proxy->waitForStarted(10000))
            fail(QStringLiteral("cannot start %1: %2").arg(program, m_proxy->errorString()));
        while (!m_proxy->canReadLine()) {
            if (!m_proxy->waitForReadyRead(10000))
                fail(QStringLiteral("%1 printed no port").arg(program));
        }
        const int port = m_proxy->readLine().trimmed().toInt();
        QUrl proxied = url;
        proxied.setHost(QStringLiteral("127.0.0.1"));
        proxied.setPort(port);
        proxied.setPath(QLatin1Char('/') + m_database);
        m_url = proxied.toString();
    }

    QString url() const { return m_url; }           // the database, through the proxy
    QString version() const { return m_version; }

private:
    QString m_root;
    QString m_pgcluster;
    QString m_adminUrl;
    QString m_database;
    QString m_version;
    QString m_url;
    bool m_started = false;
    bool m_external = false;
    std::unique_ptr<QProcess> m_proxy;
};

// Submits and works the workload through the proxied URL with the CLI.
void fillDatabase(const QString &cli, const QString &url, const Workload &w, const QString &cwd)
{
    auto orch = [&](const QStringList &args) {
        const Run run = runProcess(cli, QStringList{QStringLiteral("--db"), url} + args, cwd);
        if (run.exitCode != 0)
            fail(QStringLiteral("orchestrator %1 failed (%2): %3").arg(args.join(QLatin1Char(' '))).arg(run.exitCode).arg(QString::fromUtf8(run.err)));
        return run;
    };
    orch({QStringLiteral("submit"), w.dirs[0]});
    orch({QStringLiteral("worker"), QStringLiteral("--workers"), QStringLiteral("4"), QStringLiteral("--name"), QStringLiteral("probe-1"),
          QStringLiteral("--exit-when-idle")});
    orch({QStringLiteral("submit"), w.dirs[1]});
    // Until every slow-retry job has failed its first attempt, then stopped
    // (SIGTERM hands running jobs back; retry_waiting ones stay as they are).
    QProcess worker;
    worker.setWorkingDirectory(cwd);
    worker.start(cli, {QStringLiteral("--db"), url, QStringLiteral("worker"), QStringLiteral("--workers"), QStringLiteral("4"),
                       QStringLiteral("--name"), QStringLiteral("probe-2")});
    if (!worker.waitForStarted(30000))
        fail(QStringLiteral("cannot start the worker: %1").arg(worker.errorString()));
    QElapsedTimer clock;
    clock.start();
    for (;;) {
        const Run list = orch({QStringLiteral("list"), QStringLiteral("--state"), QStringLiteral("retry_waiting"), QStringLiteral("--json")});
        if (QJsonDocument::fromJson(list.out).array().size() >= w.retryWaiting)
            break;
        if (clock.elapsed() > 120000)
            fail(QStringLiteral("the retry_waiting jobs did not appear within 2 minutes"));
        QThread::msleep(300);
    }
    worker.terminate();
    if (!worker.waitForFinished(30000)) {
        worker.kill();
        worker.waitForFinished();
    }
    orch({QStringLiteral("submit"), w.dirs[2]});
}

QString stateCounts(const QString &cli, const QString &url)
{
    const Run run = runProcess(cli, {QStringLiteral("--db"), url, QStringLiteral("list"), QStringLiteral("--runs")});
    QString line = QString::fromUtf8(run.out).trimmed();
    const int jobs = line.indexOf(QStringLiteral(" jobs: "));
    return jobs < 0 ? line : line.mid(line.lastIndexOf(QLatin1Char(' '), jobs - 1) + 1);
}

// Whether a details pane names `jobId` (the window shows the selected job's
// details in text browsers; which one is up to the window).
bool detailsShow(QWidget *window, const QString &jobId)
{
    const QList<QTextBrowser *> browsers = window->findChildren<QTextBrowser *>();
    return std::any_of(browsers.begin(), browsers.end(),
                       [&jobId](QTextBrowser *b) { return b->toPlainText().contains(jobId); });
}

} // namespace

int main(int argc, char *argv[])
{
    // The platform is chosen before QApplication exists.
    bool xvfb = false;
    bool offscreen = false;
    for (int i = 1; i < argc; ++i) {
        xvfb = xvfb || std::strcmp(argv[i], "--xvfb") == 0;
        offscreen = offscreen || std::strcmp(argv[i], "--offscreen") == 0;
    }
    if (xvfb)
        startXvfb();
    else if (offscreen || qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))
        qputenv("QT_QPA_PLATFORM", "offscreen");

    QTemporaryDir dir(QDir::tempPath() + QStringLiteral("/orch-guiprobe-XXXXXX"));
    if (!dir.isValid())
        fail(QStringLiteral("no temporary directory"));
    // The CLI, the workers and the window keep logs, settings and tool
    // profiles of their own in the temporary directory, never the user's.
    qputenv("XDG_DATA_HOME", dir.filePath(QStringLiteral("xdg-data")).toUtf8());
    qputenv("XDG_CONFIG_HOME", dir.filePath(QStringLiteral("xdg-config")).toUtf8());
    qputenv("ORCHESTRATOR_TOOLS_FILE", "/nonexistent/tools.json");
    qunsetenv("ORCHESTRATOR_DB");
    qunsetenv("PIPELINE_DB_PATH");

    QApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("orch-guiprobe"));
    QSettings::setDefaultFormat(QSettings::IniFormat);
    QSettings::setPath(QSettings::IniFormat, QSettings::UserScope, dir.filePath(QStringLiteral("settings")));

    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("GUI-thread stalls of the dashboard on PostgreSQL behind added latency."));
    parser.addHelpOption();
    const QCommandLineOption delayOption(QStringLiteral("delay-ms"), QStringLiteral("Latency added each way (default 1)."), QStringLiteral("ms"), QStringLiteral("1"));
    const QCommandLineOption jobsOption(QStringLiteral("jobs"), QStringLiteral("Jobs in the run (default 200)."), QStringLiteral("n"), QStringLiteral("200"));
    const QCommandLineOption walkOption(QStringLiteral("walk"), QStringLiteral("Jobs selected one after another (default 50)."), QStringLiteral("n"), QStringLiteral("50"));
    const QCommandLineOption stepOption(QStringLiteral("step-ms"), QStringLiteral("Time between two selections (default 100)."), QStringLiteral("ms"), QStringLiteral("100"));
    const QCommandLineOption viewOption(QStringLiteral("view-ms"), QStringLiteral("Time on the Graph and on the Timeline (default 1500)."), QStringLiteral("ms"), QStringLiteral("1500"));
    const QCommandLineOption thresholdOption(QStringLiteral("threshold-ms"), QStringLiteral("What counts as a stall (default 16)."), QStringLiteral("ms"), QStringLiteral("16"));
    const QCommandLineOption pgUrlOption(QStringLiteral("pg-url"), QStringLiteral("Use this server (postgresql://user@host:port/db, a database to CREATE DATABASE from) instead of starting one."), QStringLiteral("url"));
    const QCommandLineOption injectOption(QStringLiteral("inject-stall-ms"), QStringLiteral("Self-test: sleep this long on the GUI thread in the middle of the walk."), QStringLiteral("ms"), QStringLiteral("0"));
    const QCommandLineOption orchOption(QStringLiteral("orchestrator"), QStringLiteral("The orchestrator CLI."), QStringLiteral("path"), QStringLiteral(ORCH_CLI_PATH));
    const QCommandLineOption proxyOption(QStringLiteral("proxy"), QStringLiteral("The delay proxy."), QStringLiteral("path"), QStringLiteral(ORCH_DELAYPROXY_PATH));
    const QCommandLineOption clusterOption(QStringLiteral("pgcluster"), QStringLiteral("tests/pg/pgcluster.sh."), QStringLiteral("path"), QStringLiteral(ORCH_PGCLUSTER_PATH));
    const QCommandLineOption keepOption(QStringLiteral("keep"), QStringLiteral("Keep the temporary directory (the cluster is stopped)."));
    const QCommandLineOption listOption(QStringLiteral("list-stalls"), QStringLiteral("Print every stall, not only the worst ten."));
    const QCommandLineOption offscreenOption(QStringLiteral("offscreen"), QStringLiteral("QT_QPA_PLATFORM=offscreen (the default unless QT_QPA_PLATFORM is set)."));
    const QCommandLineOption xvfbOption(QStringLiteral("xvfb"), QStringLiteral("Run the window on an Xvfb server of its own (xcb)."));
    parser.addOptions({delayOption, jobsOption, walkOption, stepOption, viewOption, thresholdOption, pgUrlOption, injectOption,
                       orchOption, proxyOption, clusterOption, keepOption, listOption, offscreenOption, xvfbOption});
    parser.process(app);
    auto number = [&parser](const QCommandLineOption &option, double low, double high) {
        bool ok = false;
        const double value = parser.value(option).toDouble(&ok);
        if (!ok || value < low || value > high)
            fail(QStringLiteral("--%1 wants a number from %2 to %3").arg(option.names().constFirst()).arg(low).arg(high));
        return value;
    };
    const double delayMs = number(delayOption, 0, 1000);
    const int jobCount = int(number(jobsOption, 20, 100000));
    const int walk = int(number(walkOption, 1, 100000));
    const int stepMs = int(number(stepOption, 0, 60000));
    const int viewMs = int(number(viewOption, 0, 600000));
    const double thresholdMs = number(thresholdOption, 1, 10000);
    const int injectMs = int(number(injectOption, 0, 10000));
    dir.setAutoRemove(!parser.isSet(keepOption));
    std::signal(SIGINT, [](int) { g_interrupted = 1; });
    std::signal(SIGTERM, [](int) { g_interrupted = 1; });

    const QString cli = parser.value(orchOption);
    Backend backend(dir.path(), parser.value(clusterOption));
    g_cleanup = [&backend, &dir] {
        backend.stop();
        if (dir.autoRemove())
            dir.remove();
    };
    say(QStringLiteral("orch-guiprobe: Qt %1, platform %2, %3 cores, temp %4")
            .arg(QString::fromLatin1(qVersion()), QApplication::platformName()).arg(QThread::idealThreadCount()).arg(dir.path()));
    QElapsedTimer setupClock;
    setupClock.start();
    backend.startServer(parser.value(pgUrlOption));
    backend.createDatabase();
    backend.startProxy(parser.value(proxyOption), delayMs);
    say(QStringLiteral("database: PostgreSQL %1 through orch-delayproxy, %2 ms added each way: %3")
            .arg(backend.version(), QString::number(delayMs), backend.url()));

    const QString cwd = dir.filePath(QStringLiteral("work"));
    QDir().mkpath(cwd);
    const Workload workload = writeWorkload(dir.path(), jobCount);
    fillDatabase(cli, backend.url(), workload, cwd);
    say(QStringLiteral("run probe: %1 (submitted and worked through the proxy by the CLI in %2 s)")
            .arg(stateCounts(cli, backend.url()))
            .arg(double(setupClock.elapsed()) / 1000.0, 0, 'f', 1));
    if (g_interrupted)
        return 130;

    Bench::StallMonitor monitor(thresholdMs);
    monitor.setStep(QStringLiteral("open"), QStringLiteral("open the window and load the jobs"));
    monitor.start();

    DashboardOptions options;
    options.databasePath = backend.url();
    options.databaseGivenWithDb = true;
    options.workers = 4;
    // Paused: the queued jobs stay queued, so every run of the probe walks the same data.
    options.startPaused = true;
    QElapsedTimer openClock;
    openClock.start();
    auto window = std::make_unique<MainWindow>(options);
    window->resize(1400, 900);
    window->show();
    QTableView *table = window->jobsView();
    if (!waitUntil([&] { return table->model()->rowCount() >= workload.total; }, 120000))
        fail(QStringLiteral("the jobs table shows %1 of %2 jobs after 2 minutes").arg(table->model()->rowCount()).arg(workload.total));
    const qint64 loadedMs = openClock.elapsed();
    waitMs(1000);   // the first snapshot's follow-ups (tree counts, status bar) settle

    // The walk.
    const int steps = std::min(walk, table->model()->rowCount());
    int detailsShown = 0;
    table->setFocus(Qt::OtherFocusReason);
    // The self-test's deliberate stall: a slot of the table's own selection
    // signal sleeps, as a slow handler in the window would.
    int selections = 0;
    if (injectMs > 0) {
        QObject::connect(table->selectionModel(), &QItemSelectionModel::selectionChanged, table, [&selections, steps, injectMs] {
            if (++selections == steps / 2 + 1)
                QThread::msleep(ulong(injectMs));
        });
    }
    for (int i = 0; i < steps && !g_interrupted; ++i) {
        const QModelIndex target = table->model()->index(i, 0);
        const QString jobId = target.data().toString();
        monitor.setStep(QStringLiteral("select"), QStringLiteral("select %1/%2 (%3)").arg(i + 1).arg(steps).arg(jobId));
        if (i == 0) {
            table->scrollTo(target);
            QTest::mouseClick(table->viewport(), Qt::LeftButton, Qt::NoModifier, table->visualRect(target).center());
        } else {
            QTest::keyClick(table, Qt::Key_Down);
        }
        waitMs(stepMs);
        if (table->currentIndex().row() != i)
            fail(QStringLiteral("step %1: the table's current row is %2").arg(i + 1).arg(table->currentIndex().row()));
        if (detailsShow(window.get(), jobId))
            ++detailsShown;
    }
    monitor.setStep(QStringLiteral("graph"), QStringLiteral("switch to the Graph"));
    window->showView(QStringLiteral("graph"));
    waitMs(viewMs);
    monitor.setStep(QStringLiteral("timeline"), QStringLiteral("switch to the Timeline"));
    window->showView(QStringLiteral("timeline"));
    waitMs(viewMs);
    monitor.setStep(QStringLiteral("jobs"), QStringLiteral("back to the Jobs table"));
    window->showView(QStringLiteral("jobs"));
    waitMs(500);
    monitor.stop();
    window->close();

    // The report.
    say(QStringLiteral("method: a monitor thread posts an event to the GUI thread every 1 ms and the GUI thread notes how long "
                       "each one waited; a stall is a run of events that waited > %1 ms, counted once at its longest wait "
                       "(what a click would have waited). \"timer gap\": the largest gap between firings of a 1 ms "
                       "PreciseTimer on the GUI thread, as a cross-check. Within each stall the GUI thread ran (\"cpu\"), "
                       "waited for a core (\"queued\", from /proc/thread-self/schedstat) or was blocked (\"blocked\": "
                       "a query, a lock, a sleep); \"w/o queue\": stalls still over the threshold without the wait for a core.")
            .arg(thresholdMs));
    say(QStringLiteral("open: %1 rows in the table %2 ms after the window was constructed (informational, not part of the walk)")
            .arg(table->model()->rowCount()).arg(loadedMs));
    say(QStringLiteral("walk: %1 jobs selected %2 ms apart (details pane named the job in %3 of %1), Graph %4 ms, Timeline %4 ms, Jobs 500 ms%5")
            .arg(steps).arg(stepMs).arg(detailsShown).arg(viewMs)
            .arg(injectMs > 0 ? QStringLiteral("; SELF-TEST: %1 ms sleep on the GUI thread at selection %2").arg(injectMs).arg(steps / 2 + 1) : QString()));
    const QByteArray stallsHeader = QStringLiteral("> %1 ms").arg(thresholdMs).toUtf8();
    std::printf("\n%-10s %8s %9s %9s %9s %9s %10s %10s\n", "phase", "events", "p50", "p99", "max", stallsHeader.constData(),
                "w/o queue", "timer gap");
    std::vector<float> walkWaits;
    int walkStalls = 0;
    int walkStallsWithoutQueueing = 0;
    double walkTimerGap = 0;
    for (const Bench::PhaseFigures &p : monitor.phases()) {
        std::printf("%-10s %8zu %9s %9s %9s %9d %10d %10s\n", qPrintable(p.name), p.waits.size(), qPrintable(ms(percentile(p.waits, 0.5))),
                    qPrintable(ms(percentile(p.waits, 0.99))), qPrintable(ms(percentile(p.waits, 1.0))), p.stalls,
                    p.stallsWithoutQueueing, qPrintable(ms(p.timerGapMs)));
        if (p.name != QLatin1String("open")) {
            walkWaits.insert(walkWaits.end(), p.waits.begin(), p.waits.end());
            walkStalls += p.stalls;
            walkStallsWithoutQueueing += p.stallsWithoutQueueing;
            walkTimerGap = std::max(walkTimerGap, p.timerGapMs);
        }
    }
    std::printf("%-10s %8zu %9s %9s %9s %9d %10d %10s\n\n", "walk", walkWaits.size(), qPrintable(ms(percentile(walkWaits, 0.5))),
                qPrintable(ms(percentile(walkWaits, 0.99))), qPrintable(ms(percentile(walkWaits, 1.0))), walkStalls,
                walkStallsWithoutQueueing, qPrintable(ms(walkTimerGap)));

    std::vector<Bench::Stall> stalls;
    for (const Bench::Stall &s : monitor.stalls()) {
        if (monitor.phases()[std::size_t(s.phase)].name != QLatin1String("open"))
            stalls.push_back(s);
    }
    std::stable_sort(stalls.begin(), stalls.end(), [](const Bench::Stall &a, const Bench::Stall &b) { return a.ms > b.ms; });
    const std::size_t shown = parser.isSet(listOption) ? stalls.size() : std::min<std::size_t>(10, stalls.size());
    if (!stalls.empty())
        say(QStringLiteral("stalls > %1 ms in the walk, longest first%2:").arg(thresholdMs).arg(shown < stalls.size() ? QStringLiteral(" (10 of %1; --list-stalls)").arg(stalls.size()) : QString()));
    for (std::size_t i = 0; i < shown; ++i)
        say(QStringLiteral("  %1  (cpu %2, queued %3, blocked %4)  %5")
                .arg(ms(stalls[i].ms), 9).arg(ms(stalls[i].cpuMs)).arg(ms(stalls[i].queuedMs)).arg(ms(stalls[i].blockedMs)).arg(stalls[i].step));
    const double worst = stalls.empty() ? percentile(walkWaits, 1.0) : stalls.front().ms;
    say(QStringLiteral("\nresult: delay %1 ms each way, %2 jobs: %3 stall(s) > %4 ms in the walk (%10 without the waits for a core), "
                       "worst %5%6, p99 %7 over %8 events: %9")
            .arg(QString::number(delayMs)).arg(workload.total).arg(walkStalls).arg(thresholdMs).arg(ms(worst))
            .arg(stalls.empty() ? QString() : QStringLiteral(" in \"%1\" (cpu %2, queued %3, blocked %4)").arg(stalls.front().step, ms(stalls.front().cpuMs), ms(stalls.front().queuedMs), ms(stalls.front().blockedMs)))
            .arg(ms(percentile(walkWaits, 0.99))).arg(walkWaits.size())
            .arg(walkStalls == 0 ? QStringLiteral("PASS (never over %1 ms)").arg(thresholdMs) : QStringLiteral("MISS"))
            .arg(walkStallsWithoutQueueing));
    if (parser.isSet(keepOption))
        say(QStringLiteral("kept %1").arg(dir.path()));
    window.reset();
    g_cleanup = nullptr;
    return 0;
}
