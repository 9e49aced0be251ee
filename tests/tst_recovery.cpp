// Crash recovery: the `orchestrator worker` process killed with SIGKILL
// mid-attempt, then started again. What it had claimed is found, what is left
// of its tools is killed, the attempt is recorded as interrupted, and the job
// is retried or failed (metadata.on_crash, quarantine). Ends with the torture
// test: a 300-job DAG whose worker is killed at 20 random moments.

#include <csignal>

#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QRegularExpression>
#include <QRandomGenerator>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>
#include <QUuid>

#include "spec/jobspec.h"
#include "store/database.h"
#include "store/jobstore.h"
#include "submit/submission.h"
#include "tools/toolregistry.h"
#include "storesupport.h"
#include "testsupport.h"

using namespace Orchestrator;
using namespace TestSupport;

namespace {

QJsonObject helperJob(const QString &id, const QStringList &args, const QJsonObject &extra = {})
{
    QJsonObject job{{QStringLiteral("job_id"), id},
                    {QStringLiteral("workstream_id"), QStringLiteral("ws-recovery")},
                    {QStringLiteral("tool"), QStringLiteral("shell")},
                    {QStringLiteral("command"), QJsonObject{{QStringLiteral("exe"), testHelper()},
                                                            {QStringLiteral("args"), QJsonArray::fromStringList(args)}}}};
    for (auto it = extra.begin(); it != extra.end(); ++it)
        job.insert(it.key(), it.value());
    return job;
}

// Live, not a zombie (in a container nobody may reap those).
bool processAlive(qint64 pid)
{
    if (pid <= 0)
        return false;
    QFile stat(QStringLiteral("/proc/%1/stat").arg(pid));
    if (!stat.open(QIODevice::ReadOnly))
        return false;
    const QByteArray text = stat.readAll();
    const int close = text.lastIndexOf(')');
    return close > 0 && text.mid(close + 2, 1) != "Z";
}

qint64 readPid(const QString &path) { return readFile(path).trimmed().toLongLong(); }

// Live processes whose environment contains `marker` (every tool process of
// a test, and what they leave behind, inherits it from the job's env).
QList<qint64> processesMarked(const QByteArray &marker)
{
    QList<qint64> found;
    const QStringList entries = QDir(QStringLiteral("/proc")).entryList(QDir::Dirs | QDir::NoDotAndDotDot);
    for (const QString &entry : entries) {
        bool numeric = false;
        const qint64 pid = entry.toLongLong(&numeric);
        if (!numeric || !processAlive(pid))
            continue;
        QFile environ(QStringLiteral("/proc/%1/environ").arg(pid));
        if (environ.open(QIODevice::ReadOnly) && environ.readAll().contains(marker))
            found.append(pid);
    }
    return found;
}

} // namespace

class TestRecovery final : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    QString m_dbPath;
    Database m_readDb;
    std::unique_ptr<JobStore> m_store;
    QList<QProcess *> m_workers;
    int m_counter = 0;

    QString path(const QString &name) const { return m_dir.filePath(name); }

    QProcessEnvironment environment() const
    {
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.remove(QStringLiteral("ORCHESTRATOR_DB"));
        env.remove(QStringLiteral("PIPELINE_DB_PATH"));
        env.insert(QStringLiteral("ORCHESTRATOR_TOOLS_FILE"), QStringLiteral("/nonexistent/tools.json"));
        return env;
    }

    void submit(const QList<QJsonObject> &jobs)
    {
        auto tools = ToolRegistry::load();
        QVERIFY2(tools.ok(), qPrintable(tools.error().message));
        SubmitOptions options;
        options.workingDirectory = m_dir.path();
        options.dataDirectory = QFileInfo(m_dbPath).absolutePath();
        options.runId = QStringLiteral("run-%1").arg(m_counter);
        Submission submission(*tools, options);
        for (const QJsonObject &job : jobs) {
            auto spec = parseJobObject(job, job.value(QStringLiteral("job_id")).toString());
            QVERIFY2(spec.ok(), qPrintable(spec.error().message));
            submission.addSpec(*spec);
        }
        auto report = submission.commit(*m_store);
        QVERIFY2(report.ok(), qPrintable(report.error().message));
    }

    QProcess *startWorker(const QStringList &extra = {})
    {
        auto *worker = new QProcess(this);
        worker->setProcessEnvironment(environment());
        worker->setWorkingDirectory(m_dir.path());
        worker->setProcessChannelMode(QProcess::ForwardedErrorChannel);
        worker->start(cliPath(), QStringList{QStringLiteral("--db"), m_dbPath, QStringLiteral("worker")} + extra);
        worker->waitForStarted();
        m_workers.append(worker);
        return worker;
    }

    static void killHard(QProcess *worker)
    {
        ::kill(pid_t(worker->processId()), SIGKILL);
        worker->waitForFinished(10000);
    }

    // Stops a worker the polite way and waits for it.
    static void stopWorker(QProcess *worker)
    {
        if (worker->state() == QProcess::NotRunning)
            return;
        worker->terminate();
        if (!worker->waitForFinished(15000)) {
            worker->kill();
            worker->waitForFinished();
        }
    }

    JobRecord job(const QString &id) { return StoreSupport::storedJob(*m_store, id); }
    QString state(const QString &id) { return toString(job(id).state); }
    QList<AttemptRecord> attempts(const QString &id) { return StoreSupport::must(m_store->attempts(id)); }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        qputenv("ORCHESTRATOR_TOOLS_FILE", "/nonexistent/tools.json");
    }

    void init()
    {
        m_dbPath = path(QStringLiteral("db-%1/orchestrator.db").arg(++m_counter));
        auto db = Database::open(m_dbPath);
        QVERIFY2(db.ok(), qPrintable(db.error().message));
        m_readDb = std::move(db).value();
        m_store = std::make_unique<JobStore>(m_readDb.connection());
    }

    void cleanup()
    {
        for (QProcess *worker : std::as_const(m_workers))
            stopWorker(worker);
        qDeleteAll(m_workers);
        m_workers.clear();
        m_store.reset();
        m_readDb = Database();
    }

    void onCrashInSchema()
    {
        auto good = parseJobObject(helperJob(QStringLiteral("a"), {}, {{QStringLiteral("metadata"), QJsonObject{{QStringLiteral("on_crash"), QStringLiteral("fail")}}}}),
                                   QStringLiteral("a.json"));
        QVERIFY2(good.ok(), qPrintable(good.error().message));
        QVERIFY(good->failOnCrash);
        auto bad = parseJobObject(helperJob(QStringLiteral("a"), {}, {{QStringLiteral("metadata"), QJsonObject{{QStringLiteral("on_crash"), QStringLiteral("ignore")}}}}),
                                  QStringLiteral("a.json"));
        QVERIFY(!bad.ok());
        QVERIFY2(bad.error().message.contains(QStringLiteral("a.json: /metadata/on_crash")), qPrintable(bad.error().message));
    }

    // The worker dies; its tool dies with it (parent-death signal). What the
    // tool left behind, in its group and outside it (setsid), is killed by
    // the next worker before the job runs again.
    void killedWorkerLeavesNothingBehind()
    {
        const QString tool = path(QStringLiteral("leftover-tool.pid"));
        const QString inGroup = path(QStringLiteral("leftover-grandchild.pid"));
        const QString escaped = path(QStringLiteral("leftover-escaped.pid"));
        submit({helperJob(QStringLiteral("long"), {QStringLiteral("--grandchild"), inGroup, QStringLiteral("--escape"), escaped,
                                                   QStringLiteral("--pidfile"), tool, QStringLiteral("--sleep"), QStringLiteral("60000")})});
        QProcess *first = startWorker();
        QTRY_VERIFY_WITH_TIMEOUT(QFile::exists(tool), 15000);
        const qint64 toolPid = readPid(tool);
        const qint64 grandchild = readPid(inGroup);
        const qint64 escapee = readPid(escaped);
        QVERIFY(processAlive(toolPid) && processAlive(grandchild) && processAlive(escapee));
        QTRY_VERIFY(attempts(QStringLiteral("long")).value(0).isRunning());

        killHard(first);
        QTRY_VERIFY2(!processAlive(toolPid), "the tool outlived its orchestrator");
        QCOMPARE(state(QStringLiteral("long")), toString(JobState::Running));   // nobody knows yet

        QFile::remove(tool);
        QProcess *second = startWorker();
        QTRY_VERIFY_WITH_TIMEOUT(!processAlive(grandchild) && !processAlive(escapee), 10000);
        QTRY_VERIFY_WITH_TIMEOUT(attempts(QStringLiteral("long")).size() >= 2, 10000);
        const AttemptRecord interrupted = attempts(QStringLiteral("long")).first();
        QCOMPARE(attemptStatusName(interrupted.outcome), toString(Outcome::Interrupted));
        QVERIFY2(interrupted.reason.contains(QStringLiteral("died")), qPrintable(interrupted.reason));
        QVERIFY2(interrupted.reason.contains(QStringLiteral("leftover process")), qPrintable(interrupted.reason));
        // The second attempt runs now, under the new worker.
        QTRY_VERIFY_WITH_TIMEOUT(QFile::exists(tool), 10000);
        QCOMPARE(job(QStringLiteral("long")).attempts, 2);
        QCOMPARE(job(QStringLiteral("long")).crashes, 1);
        stopWorker(second);
    }

    void interruptedAttemptReadsOnce_data()
    {
        QTest::addColumn<bool>("killed");
        QTest::addColumn<QString>("reason");
        QTest::newRow("worker killed (SIGKILL)") << true << QStringLiteral("interrupted: engine ");
        QTest::newRow("worker stopped (SIGTERM)") << false << QStringLiteral("interrupted: the engine stopped");
    }

    // `status` of a job whose first attempt was interrupted by the end of its
    // worker names the outcome once, in text and in JSON.
    void interruptedAttemptReadsOnce()
    {
        QFETCH(bool, killed);
        QFETCH(QString, reason);
        const QString tool = path(QStringLiteral("once-%1.pid").arg(m_counter));
        submit({helperJob(QStringLiteral("once"), {QStringLiteral("--pidfile"), tool, QStringLiteral("--sleep-first"),
                                                   path(QStringLiteral("once-%1.first").arg(m_counter)), QStringLiteral("60000")})});
        QProcess *worker = startWorker();
        QTRY_VERIFY_WITH_TIMEOUT(QFile::exists(tool), 15000);
        if (killed)
            killHard(worker);
        else
            stopWorker(worker);
        QProcess *again = startWorker({QStringLiteral("--exit-when-idle")});
        QVERIFY(again->waitForFinished(30000));
        QCOMPARE(state(QStringLiteral("once")), toString(JobState::Succeeded));

        const CliRun text = runCli({QStringLiteral("--db"), m_dbPath, QStringLiteral("status"), QStringLiteral("--job-id"), QStringLiteral("once")},
                                   m_dir.path());
        QCOMPARE(text.exitCode, 0);
        const QString out = QString::fromUtf8(text.out);
        QString first;
        for (const QString &line : out.split(QLatin1Char('\n'))) {
            if (line.startsWith(QLatin1String("  #1 ")))
                first = line;
        }
        // The outcome word once, marked as not counted, then the reason.
        QString shown = reason;
        shown.insert(int(qstrlen("interrupted")), QStringLiteral(" (not counted)"));
        QVERIFY2(first.contains(QStringLiteral(" s  ") + shown), qPrintable(out));
        QCOMPARE(first.count(QStringLiteral("interrupted")), 1);

        const CliRun json = runCli({QStringLiteral("--db"), m_dbPath, QStringLiteral("status"), QStringLiteral("--job-id"), QStringLiteral("once"),
                                    QStringLiteral("--json")},
                                   m_dir.path());
        QCOMPARE(json.exitCode, 0);
        const QJsonObject attempt = QJsonDocument::fromJson(json.out).object().value(QStringLiteral("attempt_history")).toArray().at(0).toObject();
        QCOMPARE(attempt.value(QStringLiteral("status")).toString(), toString(Outcome::Interrupted));
        const QString stored = attempt.value(QStringLiteral("reason")).toString();
        QVERIFY2(stored.startsWith(reason) && stored.count(QStringLiteral("interrupted")) == 1, qPrintable(stored));
    }

    void onCrash_data()
    {
        QTest::addColumn<QString>("onCrash");
        QTest::addColumn<QString>("expected");
        QTest::newRow("retry (default)") << QString() << toString(JobState::Succeeded);
        QTest::newRow("retry") << QStringLiteral("retry") << toString(JobState::Succeeded);
        QTest::newRow("fail") << QStringLiteral("fail") << toString(JobState::Failed);
    }

    // The first attempt hangs and is killed with its worker; a second one
    // (if on_crash allows it) ends at once.
    void onCrash()
    {
        QFETCH(QString, onCrash);
        QFETCH(QString, expected);
        const QString tool = path(QStringLiteral("on-crash-%1.pid").arg(m_counter));
        const QString first = path(QStringLiteral("on-crash-%1.first").arg(m_counter));
        QJsonObject extra;
        if (!onCrash.isEmpty())
            extra.insert(QStringLiteral("metadata"), QJsonObject{{QStringLiteral("on_crash"), onCrash}});
        submit({helperJob(QStringLiteral("job"), {QStringLiteral("--pidfile"), tool, QStringLiteral("--sleep-first"), first,
                                                  QStringLiteral("60000")}, extra),
                helperJob(QStringLiteral("after"), {}, {{QStringLiteral("dependencies"), QJsonArray{QStringLiteral("job")}}})});
        QProcess *worker = startWorker();
        QTRY_VERIFY_WITH_TIMEOUT(QFile::exists(tool), 15000);
        killHard(worker);

        QProcess *again = startWorker({QStringLiteral("--exit-when-idle")});
        QVERIFY(again->waitForFinished(30000));
        QCOMPARE(state(QStringLiteral("job")), expected);
        const QList<AttemptRecord> tried = attempts(QStringLiteral("job"));
        QCOMPARE(attemptStatusName(tried.first().outcome), toString(Outcome::Interrupted));
        if (expected == toString(JobState::Succeeded)) {
            QCOMPARE(tried.size(), 2);   // the interrupted attempt counts
            QCOMPARE(state(QStringLiteral("after")), toString(JobState::Succeeded));
            // One rule for counting, in every view: numbers as they started,
            // of the highest number the budget allows; the interrupted one
            // is shown as not counted. The log says how attempt 1 ended.
            const JobRecord record = job(QStringLiteral("job"));
            QCOMPARE(record.attempts, 2);
            QCOMPARE(record.maxAttempts(), 2);
            const CliRun status = runCli({QStringLiteral("--db"), m_dbPath, QStringLiteral("status"), QStringLiteral("--job-id"),
                                          QStringLiteral("job")},
                                         m_dir.path());
            QVERIFY2(status.out.contains("attempts:    2 of 2 (1 interrupted, not counted)"), status.out.constData());
            QVERIFY2(status.out.contains("interrupted (not counted)"), status.out.constData());
            const CliRun list = runCli({QStringLiteral("--db"), m_dbPath, QStringLiteral("list")}, m_dir.path());
            QVERIFY2(QString::fromUtf8(list.out).contains(QRegularExpression(QStringLiteral("\\bjob +succeeded +\\S+ +\\S+ +2/2 "))),
                     list.out.constData());
            const QString log = QString::fromUtf8(readFile(record.logFile));
            const qsizetype footer = log.indexOf(QStringLiteral("==> attempt 1 interrupted: "));
            QVERIFY2(footer > 0, qPrintable(log));
            QVERIFY2(log.indexOf(QStringLiteral("not counted"), footer) > footer, qPrintable(log));
            QVERIFY2(footer < log.indexOf(QStringLiteral("attempt 2/2")), qPrintable(log));
        } else {
            QCOMPARE(tried.size(), 1);
            QVERIFY2(job(QStringLiteral("job")).reason.contains(QStringLiteral("on_crash is fail")), qPrintable(job(QStringLiteral("job")).reason));
            QCOMPARE(job(QStringLiteral("job")).lastOutcome, std::optional<Outcome>(Outcome::Interrupted));
            QCOMPARE(state(QStringLiteral("after")), toString(JobState::UpstreamFailed));
        }
    }

    // A job that takes its worker down every time is failed for good after
    // kQuarantineAfterCrashes interrupted attempts, with the reason shown, and
    // the rest of the queue goes on.
    void quarantine()
    {
        const QString tool = path(QStringLiteral("quarantine.pid"));
        submit({helperJob(QStringLiteral("crasher"), {QStringLiteral("--pidfile"), tool, QStringLiteral("--sleep"), QStringLiteral("60000")},
                          {{QStringLiteral("priority"), QStringLiteral("critical")}})});
        for (int crash = 1; crash <= 3; ++crash) {
            QFile::remove(tool);
            QProcess *worker = startWorker({QStringLiteral("--workers"), QStringLiteral("1")});
            QTRY_VERIFY_WITH_TIMEOUT(QFile::exists(tool), 15000);
            killHard(worker);
        }
        QFile::remove(tool);
        submit({helperJob(QStringLiteral("bystander"), {QStringLiteral("--exit"), QStringLiteral("0")})});
        QProcess *last = startWorker({QStringLiteral("--workers"), QStringLiteral("1"), QStringLiteral("--exit-when-idle")});
        QVERIFY(last->waitForFinished(30000));
        const JobRecord crasher = job(QStringLiteral("crasher"));
        QCOMPARE(toString(crasher.state), toString(JobState::Failed));
        QVERIFY2(crasher.reason.startsWith(QStringLiteral("quarantined: crashed its worker 3 times")), qPrintable(crasher.reason));
        QCOMPARE(crasher.attempts, 3);
        QCOMPARE(state(QStringLiteral("bystander")), toString(JobState::Succeeded));
        QVERIFY(!QFile::exists(tool));   // no fourth attempt ran
    }

    // 300 short jobs in a DAG; the worker is killed with SIGKILL at 20 random
    // moments and started again each time. At the end every job is final, the
    // side effect (a ledger line) of every succeeded job happened exactly once
    // unless one of its attempts was recorded as interrupted, no process of
    // the jobs remains, and the database is intact.
    void tortureTest()
    {
        QElapsedTimer clock;
        clock.start();
        constexpr int kJobs = 300;
        constexpr int kKills = 20;
        const QString ledger = path(QStringLiteral("torture-ledger.txt"));
        const QByteArray marker = "ORCH_TORTURE=" + QUuid::createUuid().toByteArray(QUuid::WithoutBraces);
        QRandomGenerator random(20240601);   // the same DAG every run; the kill moments vary
        QList<QJsonObject> jobs;
        for (int i = 0; i < kJobs; ++i) {
            const QString id = QStringLiteral("t%1").arg(i, 3, 10, QLatin1Char('0'));
            QStringList args{QStringLiteral("--sleep"), QString::number(30 + random.bounded(90))};
            if (i % 15 == 7)
                args += {QStringLiteral("--grandchild"), path(QStringLiteral("torture-%1.grandchild").arg(id))};
            if (i % 40 == 13)
                args += {QStringLiteral("--escape"), path(QStringLiteral("torture-%1.escaped").arg(id))};
            args += {QStringLiteral("--ledger"), ledger};
            QJsonArray deps;
            for (int d = 0; d < 2 && i > 0; ++d) {
                if (random.bounded(3) == 0)
                    continue;
                const QString dep = QStringLiteral("t%1").arg(qMax(0, i - 1 - int(random.bounded(20))), 3, 10, QLatin1Char('0'));
                if (!deps.contains(dep))
                    deps.append(dep);
            }
            jobs.append(helperJob(id, args, {{QStringLiteral("dependencies"), deps},
                                             {QStringLiteral("env"), QJsonObject{{QString::fromLatin1(marker.split('=').first()),
                                                                                  QString::fromLatin1(marker.split('=').last())}}}}));
        }
        submit(jobs);

        QRandomGenerator moments = QRandomGenerator::securelySeeded();
        for (int kill = 0; kill < kKills; ++kill) {
            QProcess *worker = startWorker({QStringLiteral("--workers"), QStringLiteral("4")});
            // Any moment: while it starts, recovers, claims, or runs attempts.
            QTest::qWait(100 + int(moments.bounded(500)));
            killHard(worker);
        }
        QProcess *last = startWorker({QStringLiteral("--workers"), QStringLiteral("4"), QStringLiteral("--exit-when-idle")});
        QVERIFY(last->waitForFinished(90000));
        QCOMPARE(last->exitCode(), 0);

        // Every job is final.
        const QMap<QString, int> counts = StoreSupport::must(m_store->stateCounts(QString()));
        int finals = 0;
        for (auto it = counts.cbegin(); it != counts.cend(); ++it) {
            QVERIFY2(isFinal(*jobStateFromString(it.key())), qPrintable(QStringLiteral("%1 jobs %2").arg(it.value()).arg(it.key())));
            finals += it.value();
        }
        QCOMPARE(finals, kJobs);

        // Side effects: exactly once for a succeeded job never interrupted.
        QHash<QString, int> ran;
        const QList<QByteArray> lines = readFile(ledger).split('\n');
        for (const QByteArray &line : lines) {
            if (!line.isEmpty())
                ++ran[QString::fromLatin1(line.split(' ').first())];
        }
        int interruptedAttempts = 0;
        int succeeded = 0;
        JobFilter all;
        const QList<JobRecord> records = StoreSupport::must(m_store->jobs(all));
        for (const JobRecord &record : records) {
            bool interrupted = false;
            for (const AttemptRecord &a : attempts(record.jobId)) {
                QVERIFY2(!a.isRunning(), qPrintable(record.jobId));
                interrupted = interrupted || attemptStatusName(a.outcome) == toString(Outcome::Interrupted);
                interruptedAttempts += attemptStatusName(a.outcome) == toString(Outcome::Interrupted);
            }
            if (record.state == JobState::Succeeded) {
                ++succeeded;
                if (interrupted)
                    QVERIFY2(ran.value(record.jobId) >= 1, qPrintable(record.jobId));
                else
                    QVERIFY2(ran.value(record.jobId) == 1, qPrintable(QStringLiteral("%1 ran %2 times").arg(record.jobId).arg(ran.value(record.jobId))));
            } else {
                // Only a crash loop (quarantine) or its consequence ends without success.
                QVERIFY2((record.state == JobState::Failed && record.reason.startsWith(QStringLiteral("quarantined")))
                             || record.state == JobState::UpstreamFailed,
                         qPrintable(QStringLiteral("%1: %2 (%3)").arg(record.jobId, toString(record.state), record.reason)));
            }
        }
        QVERIFY2(interruptedAttempts > 0, "no kill hit a running attempt");

        // No process of the jobs remains (tools, grandchildren, escapees).
        QTRY_VERIFY_WITH_TIMEOUT(processesMarked(marker).isEmpty(), 10000);

        QSqlQuery check(m_readDb.connection());
        QVERIFY(check.exec(QStringLiteral("PRAGMA integrity_check")) && check.next());
        QCOMPARE(check.value(0).toString(), QStringLiteral("ok"));

        qInfo("torture: %d jobs, %d kills, %d succeeded, %d interrupted attempts, %lld ms",
              kJobs, kKills, succeeded, interruptedAttempts, clock.elapsed());
    }
};

QTEST_GUILESS_MAIN(TestRecovery)
#include "tst_recovery.moc"
