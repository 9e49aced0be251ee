// The Workers view's model (under QAbstractItemModelTester; a late heartbeat
// shown as late), and the dashboard's live updates on PostgreSQL: the jobs
// model sees jobs finished by a worker in another process within a second,
// through LISTEN/NOTIFY rather than polling; a log stored in the database is
// readable where the log file is not.

#include <QAbstractItemModelTester>
#include <QColor>
#include <QDateTime>
#include <QElapsedTimer>
#include <QFile>
#include <QHash>
#include <QJsonArray>
#include <QJsonObject>
#include <QLabel>
#include <QProcess>
#include <QSignalSpy>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>
#include <QThread>

#include "api/jobfeed.h"
#include "models/jobtablemodel.h"
#include "store/database.h"
#include "store/jobstore.h"
#include "pgsupport.h"
#include "testsupport.h"
#include "views/workersview.h"

using namespace Orchestrator;
using namespace Orchestrator::Ui;
using namespace TestSupport;

namespace {

constexpr qint64 kNow = 1'800'000'000'000; // a fixed clock for the model

EngineRecord worker(const QString &owner, const QString &name, qint64 heartbeatAgeMs, int slotCount = 4, int busy = 1, qint64 done = 7)
{
    EngineRecord e;
    e.owner = owner;
    e.name = name;
    e.host = QStringLiteral("build-%1").arg(name);
    e.pid = 4242;
    e.workers = slotCount;
    e.busy = busy;
    e.jobsDone = done;
    e.startedAt = kNow - 3600 * 1000;
    e.heartbeatAt = kNow - heartbeatAgeMs;
    return e;
}

} // namespace

class TestWorkersView final : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    PgCluster m_pg;
    bool m_pgTried = false;
    int m_pgStatus = -1;
    int m_databases = 0;

    // A fresh database on the cluster for each test, so tests do not see each
    // other's jobs. QSKIPs only when no server is installed.
    QString pgDatabase()
    {
        if (!m_pgTried) {
            m_pgTried = true;
            m_pgStatus = m_pg.start();
        }
        if (m_pgStatus == 77)
            return {};
        if (m_pgStatus != 0)
            qFatal("pgcluster.sh start failed: %s", m_pg.output().constData());
        return m_pg.createDatabase(QStringLiteral("workers_%1").arg(++m_databases));
    }

    CliRun cli(const QString &db, const QStringList &args) { return runCli(QStringList{QStringLiteral("--db"), db} + args, m_dir.path()); }

    QString writeJob(const QString &id, const QStringList &helperArgs)
    {
        const QJsonObject job{{QStringLiteral("job_id"), id},
                        {QStringLiteral("workstream_id"), QStringLiteral("ws-remote")},
                        {QStringLiteral("tool"), QStringLiteral("shell")},
                        {QStringLiteral("command"), QJsonObject{{QStringLiteral("exe"), testHelper()},
                                                                {QStringLiteral("args"), QJsonArray::fromStringList(helperArgs)}}}};
        return writeJson(m_dir.filePath(QStringLiteral("jobs/%1.json").arg(id)), job);
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        qputenv("ORCHESTRATOR_TOOLS_FILE", "/nonexistent/tools.json");
    }

    void modelUnderTester()
    {
        WorkersModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.setCurrentTime(kNow);
        QCOMPARE(model.columnCount(), int(WorkersModel::ColumnCount));

        model.setWorkers({worker(QStringLiteral("a:1:1"), QStringLiteral("alpha"), 2000),
                          worker(QStringLiteral("b:2:1"), QStringLiteral("beta"), 5000)});
        QCOMPARE(model.rowCount(), 2);
        QCOMPARE(model.index(0, WorkersModel::NameColumn).data().toString(), QStringLiteral("alpha"));
        QCOMPARE(model.index(0, WorkersModel::HostColumn).data().toString(), QStringLiteral("build-alpha"));
        QCOMPARE(model.index(0, WorkersModel::PidColumn).data().toLongLong(), 4242);
        QCOMPARE(model.index(0, WorkersModel::SlotsColumn).data().toInt(), 4);
        QCOMPARE(model.index(0, WorkersModel::BusyColumn).data().toInt(), 1);
        QCOMPARE(model.index(0, WorkersModel::HeartbeatColumn).data().toString(), QStringLiteral("2 s ago"));
        QCOMPARE(model.index(0, WorkersModel::JobsDoneColumn).data().toLongLong(), 7);

        // An update changes its own row only; a new worker is inserted, a gone one removed.
        QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
        QSignalSpy inserted(&model, &QAbstractItemModel::rowsInserted);
        QSignalSpy removed(&model, &QAbstractItemModel::rowsRemoved);
        QSignalSpy reset(&model, &QAbstractItemModel::modelReset);
        model.setWorkers({worker(QStringLiteral("b:2:1"), QStringLiteral("beta"), 1000, 4, 3, 9),
                          worker(QStringLiteral("c:3:1"), QString(), 0)});
        QCOMPARE(reset.size(), 0);
        QCOMPARE(removed.size(), 1);
        QCOMPARE(inserted.size(), 1);
        QCOMPARE(changed.size(), 1);
        QCOMPARE(changed.first().at(0).toModelIndex().row(), model.rowOf(QStringLiteral("b:2:1")));
        QCOMPARE(model.rowCount(), 2);
        const int beta = model.rowOf(QStringLiteral("b:2:1"));
        QCOMPARE(model.index(beta, WorkersModel::BusyColumn).data().toInt(), 3);
        QCOMPARE(model.index(beta, WorkersModel::JobsDoneColumn).data().toLongLong(), 9);
        // No --name: the owner stands in.
        QCOMPARE(model.index(model.rowOf(QStringLiteral("c:3:1")), WorkersModel::NameColumn).data().toString(), QStringLiteral("c:3:1"));

        // The same data again: no signal at all.
        changed.clear();
        model.setWorkers({worker(QStringLiteral("b:2:1"), QStringLiteral("beta"), 1000, 4, 3, 9),
                          worker(QStringLiteral("c:3:1"), QString(), 0)});
        QCOMPARE(changed.size(), 0);

        // Time passes: the heartbeat column (and the name's colour) only.
        model.setCurrentTime(kNow + 60 * 1000);
        QVERIFY(changed.size() >= 1);
        for (const QList<QVariant> &signal : std::as_const(changed)) {
            const int column = signal.at(0).toModelIndex().column();
            QVERIFY(column == WorkersModel::HeartbeatColumn || column == WorkersModel::NameColumn);
        }
        QCOMPARE(model.index(beta, WorkersModel::HeartbeatColumn).data().toString(), QStringLiteral("1 min ago — late"));

        model.setWorkers({});
        QCOMPARE(model.rowCount(), 0);
    }

    void lateHeartbeat_data()
    {
        QTest::addColumn<qint64>("ageMs");
        QTest::addColumn<bool>("late");
        QTest::addColumn<QString>("text");
        // Heartbeats come every 15 s; late after three missed (45 s).
        QTest::newRow("just now") << qint64(300) << false << QStringLiteral("just now");
        QTest::newRow("one interval") << qint64(15000) << false << QStringLiteral("15 s ago");
        QTest::newRow("just under three") << qint64(45000) << false << QStringLiteral("45 s ago");
        QTest::newRow("just over three") << qint64(46000) << true << QStringLiteral("46 s ago — late");
        QTest::newRow("ten minutes") << qint64(600000) << true << QStringLiteral("10 min ago — late");
        QTest::newRow("two hours") << qint64(2 * 3600 * 1000) << true << QStringLiteral("2 h ago — late");
    }

    void lateHeartbeat()
    {
        QFETCH(qint64, ageMs);
        QFETCH(bool, late);
        QFETCH(QString, text);
        WorkersModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.setCurrentTime(kNow);
        model.setWorkers({worker(QStringLiteral("a:1:1"), QStringLiteral("alpha"), ageMs)});
        QCOMPARE(model.isLate(0), late);
        QCOMPARE(model.lateCount(), late ? 1 : 0);
        QCOMPARE(model.index(0, 0).data(WorkersModel::LateRole).toBool(), late);
        QCOMPARE(model.index(0, WorkersModel::HeartbeatColumn).data().toString(), text);
        // Colour as a second cue, on the name and the heartbeat.
        const QVariant colour = model.index(0, WorkersModel::HeartbeatColumn).data(Qt::ForegroundRole);
        QCOMPARE(colour.isValid(), late);
        QCOMPARE(model.index(0, WorkersModel::NameColumn).data(Qt::ForegroundRole).isValid(), late);
        QCOMPARE(model.index(0, WorkersModel::HostColumn).data(Qt::ForegroundRole).isValid(), false);
    }

    // ORCH_SCREENSHOT=FILE: the view with a few workers, one late, grabbed to FILE.
    void screenshot()
    {
        const QString out = qEnvironmentVariable("ORCH_SCREENSHOT");
        if (out.isEmpty())
            QSKIP("set ORCH_SCREENSHOT=FILE.png to grab the view");
        WorkersView view;
        view.model()->setCurrentTime(kNow);
        view.setWorkers({worker(QStringLiteral("ci-1:311:1"), QStringLiteral("ci-runner-1"), 3000, 4, 4, 212),
                         worker(QStringLiteral("ci-2:418:1"), QStringLiteral("ci-runner-2"), 9000, 4, 2, 187),
                         worker(QStringLiteral("gpu:77:1"), QStringLiteral("gpu-box"), 14000, 2, 1, 31),
                         worker(QStringLiteral("lap:901:1"), QStringLiteral("laptop"), 180000, 8, 0, 12)});
        view.resize(820, 200);
        view.show();
        QVERIFY(QTest::qWaitForWindowExposed(&view));
        view.model()->setCurrentTime(kNow);
        QVERIFY(view.grab().save(out));
    }

    void lateFollowsTheHeartbeatInterval()
    {
        WorkersModel model;
        model.setCurrentTime(kNow);
        model.setHeartbeatInterval(1000);
        model.setWorkers({worker(QStringLiteral("a:1:1"), QStringLiteral("alpha"), 4000)});
        QVERIFY(model.isLate(0));
        model.setHeartbeatInterval(2000);
        QVERIFY(!model.isLate(0));

        // A worker that says how often it beats is judged by its own
        // interval: a long lease (10 min, a beat every 150 s) is not late
        // after 2 minutes; a short one (a beat every 5 s) is late after 20 s.
        EngineRecord slow = worker(QStringLiteral("b:2:1"), QStringLiteral("slow"), 120000);
        slow.heartbeatIntervalMs = 150000;
        EngineRecord quick = worker(QStringLiteral("c:3:1"), QStringLiteral("quick"), 20000);
        quick.heartbeatIntervalMs = 5000;
        model.setHeartbeatInterval(15000);
        model.setWorkers({slow, quick});
        QVERIFY(!model.isLate(0));
        QVERIFY(model.isLate(1));
        QCOMPARE(model.index(1, WorkersModel::HeartbeatColumn).data().toString(), QStringLiteral("20 s ago — late"));
    }

    void viewSummary()
    {
        WorkersView view;
        view.model()->setCurrentTime(kNow);
        QCOMPARE(view.summary(), QStringLiteral("No worker is connected to this database."));
        view.setWorkers({worker(QStringLiteral("a:1:1"), QStringLiteral("alpha"), 1000, 4, 2),
                         worker(QStringLiteral("b:2:1"), QStringLiteral("beta"), 120000, 8, 3)});
        QCOMPARE(view.summary(), QStringLiteral("2 worker(s), 5 of 12 slots busy, 1 late"));
        // Sorted by name through a proxy, on raw values.
        view.tableView()->sortByColumn(WorkersModel::SlotsColumn, Qt::DescendingOrder);
        QCOMPARE(view.tableView()->model()->index(0, WorkersModel::NameColumn).data().toString(), QStringLiteral("beta"));
    }

    // The must-show: the dashboard's jobs model, fed by the
    // dashboard's feed on PostgreSQL, sees jobs finished by a worker in
    // another process within a second of the worker recording them.
    void dashboardSeesRemoteWorkerWithinASecond()
    {
        const QString db = pgDatabase();
        if (db.isEmpty())
            QSKIP("no PostgreSQL server binaries (pgcluster.sh exited 77); install postgresql-15");

        constexpr int kJobs = 12;
        QStringList files;
        for (int i = 0; i < kJobs; ++i)
            files.append(writeJob(QStringLiteral("remote-%1").arg(i, 2, 10, QLatin1Char('0')),
                                  {QStringLiteral("--sleep"), QString::number(150 + 40 * (i % 5)), QStringLiteral("--print"),
                                   QStringLiteral("done %1").arg(i)}));
        const CliRun submitted = cli(db, QStringList{QStringLiteral("submit")} + files);
        QVERIFY2(submitted.exitCode == 0, submitted.err.constData());

        // The dashboard's feed on its own thread, as the Session runs it.
        QThread thread;
        auto *feed = new JobFeed;
        feed->moveToThread(&thread);
        connect(&thread, &QThread::finished, feed, &QObject::deleteLater);
        thread.start();
        auto cleanup = qScopeGuard([&] {
            QMetaObject::invokeMethod(feed, [feed] { feed->stop(); }, Qt::BlockingQueuedConnection);
            thread.quit();
            thread.wait();
        });

        JobTableModel jobs;
        QAbstractItemModelTester jobsTester(&jobs, QAbstractItemModelTester::FailureReportingMode::QtTest);
        WorkersModel workers;
        QAbstractItemModelTester workersTester(&workers, QAbstractItemModelTester::FailureReportingMode::QtTest);
        QStringList workersSeen;
        // When each job was seen succeeded, against when the worker recorded it.
        QHash<QString, qint64> latency;
        auto record = [&] {
            const qint64 now = QDateTime::currentMSecsSinceEpoch();
            for (int row = 0; row < jobs.rowCount(); ++row) {
                const JobRecord &job = jobs.job(row);
                if (job.state == JobState::Succeeded && !latency.contains(job.jobId) && job.finishedAt)
                    latency.insert(job.jobId, now - *job.finishedAt);
            }
        };
        connect(feed, &JobFeed::snapshot, &jobs, [&](const QList<JobRecord> &batch) { jobs.applyJobs(batch); });
        connect(feed, &JobFeed::jobsUpdated, &jobs, [&](const QList<JobRecord> &batch) {
            jobs.applyJobs(batch);
            record();
        });
        connect(feed, &JobFeed::workersUpdated, &workers, [&](const QList<EngineRecord> &list) {
            workers.setWorkers(list);
            for (const EngineRecord &e : list)
                workersSeen.append(e.name.isEmpty() ? e.owner : e.name);
        });
        QSignalSpy errors(feed, &JobFeed::feedError);
        bool listening = false;
        QMetaObject::invokeMethod(feed, [&, feed] {
            if (Status s = feed->open(db); !s)
                qWarning("%s", qPrintable(s.error().message));
            feed->start();
            listening = feed->isListening();
        }, Qt::BlockingQueuedConnection);
        QVERIFY2(listening, "the feed does not LISTEN on PostgreSQL");
        QTRY_COMPARE(jobs.rowCount(), kJobs);
        QCOMPARE(jobs.count(JobState::Queued), kJobs);

        QProcess worker;
        worker.setProcessEnvironment(cliEnvironment());
        worker.setWorkingDirectory(m_dir.path());
        worker.setProcessChannelMode(QProcess::MergedChannels);
        worker.start(cliPath(), {QStringLiteral("--db"), db, QStringLiteral("worker"), QStringLiteral("--workers"), QStringLiteral("3"),
                                 QStringLiteral("--name"), QStringLiteral("remote-1"), QStringLiteral("--exit-when-idle")});
        QVERIFY(worker.waitForStarted());
        QTRY_COMPARE_WITH_TIMEOUT(latency.size(), kJobs, 60000);
        // It exits when idle, possibly already while the model was waited for.
        QVERIFY(worker.state() == QProcess::NotRunning || worker.waitForFinished(30000));
        QVERIFY2(worker.exitStatus() == QProcess::NormalExit && worker.exitCode() == 0, worker.readAll().constData());
        QCOMPARE(errors.size(), 0);

        qint64 worst = 0;
        qint64 sum = 0;
        for (auto it = latency.cbegin(); it != latency.cend(); ++it) {
            worst = qMax(worst, it.value());
            sum += it.value();
        }
        qInfo("finished -> seen by the dashboard's model: worst %lld ms, mean %lld ms over %d jobs (safety poll every %d ms)", worst,
              sum / kJobs, kJobs, JobFeed::kSafetyPollMs);
        for (auto it = latency.cbegin(); it != latency.cend(); ++it)
            QVERIFY2(it.value() < 1000, qPrintable(QStringLiteral("%1 seen %2 ms after it finished").arg(it.key()).arg(it.value())));
        QCOMPARE(jobs.count(JobState::Succeeded), kJobs);
        // The Workers view saw the worker while it worked.
        QVERIFY2(workersSeen.contains(QStringLiteral("remote-1")), qPrintable(workersSeen.join(QLatin1Char(','))));
    }

    // A job that ran on another machine has no log file here: the feed copies
    // its output from the database into a local file a log view can tail.
    void logOfRemoteJobFromDatabase()
    {
        const QString db = pgDatabase();
        if (db.isEmpty())
            QSKIP("no PostgreSQL server binaries (pgcluster.sh exited 77); install postgresql-15");
        const QString file = writeJob(QStringLiteral("remote-log"), {QStringLiteral("--lines"), QStringLiteral("3"),
                                                                     QStringLiteral("--print"), QStringLiteral("the end")});
        QVERIFY(cli(db, {QStringLiteral("submit"), file}).exitCode == 0);
        const CliRun worked = cli(db, {QStringLiteral("worker"), QStringLiteral("--exit-when-idle")});
        QVERIFY2(worked.exitCode == 0, worked.err.constData());
        QString logFile;
        {
            auto database = Database::open(db);
            QVERIFY2(database, qPrintable(database.error().message));
            JobStore store(database->connection());
            auto job = store.job(QStringLiteral("remote-log"));
            QVERIFY(job && job->has_value());
            QVERIFY((*job)->state == JobState::Succeeded);
            logFile = (*job)->logFile;
        }
        // As if it had run on another machine.
        QVERIFY2(QFile::exists(logFile), qPrintable(logFile));
        QVERIFY(QFile::remove(logFile));

        QThread thread;
        auto *feed = new JobFeed;
        feed->moveToThread(&thread);
        connect(&thread, &QThread::finished, feed, &QObject::deleteLater);
        thread.start();
        auto cleanup = qScopeGuard([&] {
            QMetaObject::invokeMethod(feed, [feed] { feed->followLog({}); feed->stop(); }, Qt::BlockingQueuedConnection);
            thread.quit();
            thread.wait();
        });
        QSignalSpy ready(feed, &JobFeed::logFileReady);
        QMetaObject::invokeMethod(feed, [&, feed] {
            QVERIFY(feed->open(db));
            feed->followLog(QStringLiteral("remote-log"));
        }, Qt::BlockingQueuedConnection);
        QTRY_COMPARE(ready.size(), 1);
        QCOMPARE(ready.first().at(0).toString(), QStringLiteral("remote-log"));
        const QString copy = ready.first().at(1).toString();
        QVERIFY(copy != logFile);
        QTRY_VERIFY(readFile(copy).contains("the end"));
        const QByteArray text = readFile(copy);
        QVERIFY2(text.contains("line 1\nline 2\nline 3\nthe end\n"), text.constData());
    }
};

QTEST_MAIN(TestWorkersView)
#include "tst_workersview.moc"
