// Many workers on one PostgreSQL database: real `orchestrator worker`
// processes against a throw-away cluster (tests/pg/pgcluster.sh) started by
// this test, a fresh database for each test function.

#include <csignal>

#include <QDateTime>
#include <QDir>
#include <QJsonDocument>
#include <QElapsedTimer>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonObject>
#include <QProcess>
#include <QSet>
#include <QSqlDatabase>
#include <QSqlDriver>
#include <QSqlError>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

#include "spec/jobspec.h"
#include "store/database.h"
#include "store/jobstore.h"
#include "submit/submission.h"
#include "tools/toolregistry.h"
#include "storesupport.h"
#include "testsupport.h"

using namespace Orchestrator;
using namespace TestSupport;
using StoreSupport::must;

namespace {

QJsonObject helperJob(const QString &id, const QStringList &args, const QStringList &deps = {})
{
    QJsonObject job{{QStringLiteral("job_id"), id},
                    {QStringLiteral("workstream_id"), QStringLiteral("ws-pg")},
                    {QStringLiteral("tool"), QStringLiteral("shell")},
                    {QStringLiteral("command"), QJsonObject{{QStringLiteral("exe"), testHelper()},
                                                            {QStringLiteral("args"), QJsonArray::fromStringList(args)}}}};
    if (!deps.isEmpty())
        job.insert(QStringLiteral("depends_on"), QJsonArray::fromStringList(deps));
    return job;
}

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

QString clusterScript() { return QDir(examplesDir()).absoluteFilePath(QStringLiteral("../tests/pg/pgcluster.sh")); }

} // namespace

class TestPostgres final : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    QString m_clusterDir;
    QString m_adminUrl;          // .../postgres
    QString m_url;               // this test's database
    QString m_workDir;           // this test's files
    Database m_db;
    std::unique_ptr<JobStore> m_store;
    QList<QProcess *> m_workers;
    int m_counter = 0;

    QString path(const QString &name) const { return QDir(m_workDir).filePath(name); }

    QString urlFor(const QString &database, const QString &user = QStringLiteral("postgres")) const
    {
        QString url = m_adminUrl;
        url.replace(QStringLiteral("postgres@"), user + QLatin1Char('@'));
        return url.left(url.lastIndexOf(QLatin1Char('/')) + 1) + database;
    }

    // Runs SQL on the cluster's postgres database (roles, databases, backends).
    void admin(const QString &sql)
    {
        QSqlDatabase db = QSqlDatabase::database(QStringLiteral("pg-admin"));
        QSqlQuery query(db);
        QVERIFY2(query.exec(sql), qPrintable(sql + QStringLiteral(": ") + query.lastError().text()));
    }

    QProcessEnvironment environment() const
    {
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.remove(QStringLiteral("ORCHESTRATOR_DB"));
        env.remove(QStringLiteral("PIPELINE_DB_PATH"));
        env.insert(QStringLiteral("ORCHESTRATOR_TOOLS_FILE"), QStringLiteral("/nonexistent/tools.json"));
        env.insert(QStringLiteral("XDG_DATA_HOME"), path(QStringLiteral("xdg")));
        return env;
    }

    void submit(const QList<QJsonObject> &jobs)
    {
        auto tools = ToolRegistry::load();
        QVERIFY2(tools.ok(), qPrintable(tools.error().message));
        SubmitOptions options;
        options.workingDirectory = m_workDir;
        options.dataDirectory = m_workDir;
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

    QProcess *startWorker(const QString &name, const QStringList &extra, const QString &url = QString())
    {
        auto *worker = new QProcess(this);
        worker->setProcessEnvironment(environment());
        worker->setWorkingDirectory(m_workDir);
        worker->setProcessChannelMode(QProcess::ForwardedErrorChannel);
        worker->start(cliPath(), QStringList{QStringLiteral("--db"), url.isEmpty() ? m_url : url, QStringLiteral("worker"),
                                             QStringLiteral("--name"), name} + extra);
        worker->waitForStarted();
        m_workers.append(worker);
        return worker;
    }

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

    QString ownerPrefix(QProcess *worker) const
    {
        return QStringLiteral(":%1:").arg(worker->processId());
    }

    int runningOwnedBy(QProcess *worker)
    {
        JobFilter filter;
        filter.states = {JobState::Running};
        filter.withSpec = false;
        int n = 0;
        for (const JobRecord &r : must(m_store->jobs(filter)))
            n += r.owner.contains(ownerPrefix(worker)) ? 1 : 0;
        return n;
    }

    bool allSucceeded(int total)
    {
        auto counts = m_store->stateCounts(QString());
        return counts && counts->value(QStringLiteral("succeeded")) == total;
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        m_clusterDir = m_dir.filePath(QStringLiteral("cluster"));
        QProcess script;
        script.setProcessChannelMode(QProcess::MergedChannels);
        script.start(QStringLiteral("bash"), {clusterScript(), QStringLiteral("start"), m_clusterDir});
        QVERIFY(script.waitForFinished(120000));
        const QByteArray output = script.readAll();
        if (script.exitCode() == 77 && qEnvironmentVariableIsSet("ORCH_REQUIRE_POSTGRES"))
            QFAIL("no PostgreSQL server binaries, and ORCH_REQUIRE_POSTGRES is set (CI): install postgresql-15");
        if (script.exitCode() == 77)
            QSKIP(qPrintable(QStringLiteral("no PostgreSQL server binaries (install postgresql-15): ") + QString::fromLocal8Bit(output)));
        QVERIFY2(script.exitStatus() == QProcess::NormalExit && script.exitCode() == 0, output.constData());
        m_adminUrl = QString::fromUtf8(readFile(m_clusterDir + QStringLiteral("/url")).trimmed());
        QVERIFY2(m_adminUrl.startsWith(QLatin1String("postgresql://")), qPrintable(m_adminUrl));
        QVERIFY2(QSqlDatabase::isDriverAvailable(QStringLiteral("QPSQL")), "Qt's QPSQL driver is missing (install libqt6sql6-psql)");
        auto url = Dialect::parsePostgresUrl(m_adminUrl);
        QVERIFY(url.ok());
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QPSQL"), QStringLiteral("pg-admin"));
        db.setHostName(url->host);
        db.setPort(url->port);
        db.setUserName(url->user);
        db.setDatabaseName(url->database);
        QVERIFY2(db.open(), qPrintable(db.lastError().text()));
    }

    void cleanupTestCase()
    {
        QSqlDatabase::database(QStringLiteral("pg-admin")).close();
        QSqlDatabase::removeDatabase(QStringLiteral("pg-admin"));
        if (!m_clusterDir.isEmpty()) {
            QProcess script;
            script.start(QStringLiteral("bash"), {clusterScript(), QStringLiteral("stop"), m_clusterDir});
            script.waitForFinished(60000);
        }
    }

    void init()
    {
        ++m_counter;
        const QString name = QStringLiteral("orch_test_%1").arg(m_counter);
        admin(QStringLiteral("CREATE DATABASE ") + name);
        m_url = urlFor(name);
        m_workDir = m_dir.filePath(name);
        QVERIFY(QDir().mkpath(m_workDir));
        auto db = Database::open(m_url);
        QVERIFY2(db.ok(), qPrintable(db.error().message));
        m_db = std::move(db).value();
        m_store = std::make_unique<JobStore>(m_db.connection());
    }

    void cleanup()
    {
        for (QProcess *worker : std::as_const(m_workers))
            stopWorker(worker);
        qDeleteAll(m_workers);
        m_workers.clear();
        m_store.reset();
        m_db = Database();
    }

    void passwordInUrlIsRefused()
    {
        auto db = Database::open(QStringLiteral("postgresql://bob:s3cret@127.0.0.1:1/x"));
        QVERIFY(!db.ok());
        QCOMPARE(db.error().code, ErrorCode::Usage);
        QVERIFY2(!db.error().message.contains(QLatin1String("s3cret")), qPrintable(db.error().message));
        const CliRun run = runCli({QStringLiteral("--db"), QStringLiteral("postgresql://bob:s3cret@127.0.0.1:1/x"),
                                   QStringLiteral("list")},
                                  m_workDir);
        QCOMPARE(run.exitCode, 2);
        QVERIFY2(!run.err.contains("s3cret") && !run.out.contains("s3cret"), run.err.constData());
    }

    void concurrentFirstOpensMigrateOnce()
    {
        // A second fresh database opened by several processes at once.
        admin(QStringLiteral("CREATE DATABASE orch_concurrent_%1").arg(m_counter));
        const QString url = urlFor(QStringLiteral("orch_concurrent_%1").arg(m_counter));
        QList<QProcess *> lists;
        for (int i = 0; i < 4; ++i) {
            auto *process = new QProcess(this);
            process->setProcessEnvironment(environment());
            process->start(cliPath(), {QStringLiteral("--db"), url, QStringLiteral("list")});
            lists.append(process);
        }
        for (QProcess *process : std::as_const(lists)) {
            QVERIFY(process->state() == QProcess::NotRunning || process->waitForFinished(30000));
            QVERIFY2(process->exitCode() == 0, process->readAllStandardError().constData());
        }
        qDeleteAll(lists);
        auto db = Database::open(url);
        QVERIFY2(db.ok(), qPrintable(db.error().message));
        QSqlQuery version(db->connection());
        QVERIFY(version.exec(QStringLiteral("SELECT version FROM schema_version")) && version.next());
        QCOMPARE(version.value(0).toInt(), Database::schemaVersion());
    }

    // A database of the previous schema version (4: runs without a title) is
    // migrated when an orchestrator opens it; the title is then stored.
    void migratesThePreviousSchemaVersion()
    {
        submit({helperJob(QStringLiteral("old"), {})});
        {
            QSqlQuery downgrade(m_db.connection());
            QVERIFY2(downgrade.exec(QStringLiteral("ALTER TABLE runs DROP COLUMN title")), qPrintable(downgrade.lastError().text()));
            // and what versions 6 (worktrees), 7 (landing), 8 and 9 (AI tools), 11 (lineage) and 12 (pending_deps) added
            for (const char *column : {"isolation", "repo_top", "base_commit", "base_branch", "worktree_path", "worktree_branch",
                                       "result_commit", "files_changed", "out_of_scope", "landed_commit", "landed_branch",
                                       "landed_at", "discarded_at", "cleaned_at", "rate_limit_wait_ms", "input_tokens",
                                       "cached_input_tokens", "output_tokens", "cost_usd", "resubmitted_from",
                                       "resubmitted_as", "pending_deps"})
                QVERIFY2(downgrade.exec(QStringLiteral("ALTER TABLE jobs DROP COLUMN %1").arg(QLatin1String(column))),
                         qPrintable(downgrade.lastError().text()));
            for (const char *column : {"start_commit", "result_commit", "files_changed", "out_of_scope", "agent_outcome",
                                       "agent_message", "session_id", "model", "input_tokens", "cached_input_tokens",
                                       "output_tokens", "cost_usd", "cost_source"})
                QVERIFY2(downgrade.exec(QStringLiteral("ALTER TABLE step_attempts DROP COLUMN %1").arg(QLatin1String(column))),
                         qPrintable(downgrade.lastError().text()));
            QVERIFY(downgrade.exec(QStringLiteral("UPDATE schema_version SET version = 4 WHERE application = 'orchestrator'")));
        }
        m_store.reset();
        m_db = Database();
        auto db = Database::open(m_url);
        QVERIFY2(db.ok(), qPrintable(db.error().message));
        m_db = std::move(db).value();
        m_store = std::make_unique<JobStore>(m_db.connection());
        QSqlQuery version(m_db.connection());
        QVERIFY(version.exec(QStringLiteral("SELECT version FROM schema_version")) && version.next());
        QCOMPARE(version.value(0).toInt(), Database::schemaVersion());

        writeJson(path(QStringLiteral("titled.json")), helperJob(QStringLiteral("titled"), {}));
        const CliRun run = runCli({QStringLiteral("--db"), m_url, QStringLiteral("submit"), path(QStringLiteral("titled.json")), QStringLiteral("--run-id"),
                                   QStringLiteral("run-%1").arg(m_counter), QStringLiteral("--title"), QStringLiteral("Shared run")},
                                  m_workDir, environment());
        QVERIFY2(run.exitCode == 0, run.err.constData());
        const QList<RunRecord> runs = must(m_store->runs());
        QCOMPARE(runs.size(), 1);
        QCOMPARE(runs.first().title, QStringLiteral("Shared run"));
        QCOMPARE(runs.first().total, 2);

        // A job of before the migration has no lineage, and can be resubmitted.
        QVERIFY(job(QStringLiteral("old")).resubmittedFrom.isEmpty());
        QVERIFY(job(QStringLiteral("old")).resubmittedAs.isEmpty());
        const CliRun again = runCli({QStringLiteral("--db"), m_url, QStringLiteral("resubmit"), QStringLiteral("--job-id"), QStringLiteral("old")},
                                    m_workDir, environment());
        QVERIFY2(again.exitCode == 0, again.err.constData());
        QVERIFY2(again.out.contains("resubmitted old as old-r2"), again.out.constData());
        QCOMPARE(job(QStringLiteral("old")).resubmittedAs, QStringList{QStringLiteral("old-r2")});
        QCOMPARE(job(QStringLiteral("old-r2")).resubmittedFrom, QStringLiteral("old"));
        QCOMPARE(job(QStringLiteral("old-r2")).runId, job(QStringLiteral("old")).runId);
    }

    // `usage` on PostgreSQL: the GROUP BY of each grouping, the estimated and
    // unknown costs told apart, days from the attempts' start times.
    void usageGroups()
    {
        submit({helperJob(QStringLiteral("a"), {}), helperJob(QStringLiteral("b"), {})});
        const qint64 started = QDateTime::currentMSecsSinceEpoch() - 60000;
        struct Used { const char *job; int attempt; const char *tool; const char *model; qint64 input; std::optional<double> cost; CostSource source; };
        const Used attempts[] = {
            {"a", 1, "codex", "gpt-5", 1000, 0.01, CostSource::PriceTable},
            {"a", 2, "codex", "mystery", 500, std::nullopt, CostSource::Unknown},
            {"b", 1, "claude", "claude-sonnet-4-5", 300, 0.02, CostSource::Tool},
        };
        QVERIFY(m_store->begin().ok());
        for (const Used &u : attempts) {
            AttemptRecord a{.jobId = QLatin1String(u.job), .runId = QStringLiteral("run-%1").arg(m_counter), .attempt = u.attempt,
                            .tool = QLatin1String(u.tool), .outcome = std::nullopt, .owner = QStringLiteral("test"), .startedAt = started};
            QVERIFY(m_store->insertAttempt(a).ok());
            a.outcome = Outcome::Succeeded;
            a.finishedAt = started + 1000;
            QVERIFY(m_store->finishAttempt(a, "{}").ok());
            a.agentOutcome = QStringLiteral("ok");
            a.model = QLatin1String(u.model);
            a.usage = AttemptUsage{u.input, u.input / 2, 10, u.cost, u.source};
            QVERIFY(m_store->recordAttemptUsage(a).ok());
        }
        QVERIFY(m_store->commit().ok());

        const UsageQuery byTool{.by = UsageGrouping::Tool};
        const QList<UsageRow> tools = must(m_store->usage(byTool));
        QCOMPARE(tools.size(), 2);
        QCOMPARE(tools.at(1).key, QStringLiteral("codex"));
        QCOMPARE(tools.at(1).attempts, qint64(2));
        QCOMPARE(tools.at(1).inputTokens, qint64(1500));
        QCOMPARE(tools.at(1).estimatedCostUsd, 0.01);
        QCOMPARE(tools.at(1).unknownCost, qint64(1));
        QCOMPARE(must(m_store->usage({.by = UsageGrouping::Model})).size(), 3);
        QCOMPARE(must(m_store->usage({.by = UsageGrouping::Workstream})).first().runId, QStringLiteral("run-%1").arg(m_counter));
        QCOMPARE(must(m_store->usage({.since = started + 1, .by = UsageGrouping::Run})).size(), 0);

        const CliRun run = runCli({QStringLiteral("--db"), m_url, QStringLiteral("usage"), QStringLiteral("--by"), QStringLiteral("day"),
                                   QStringLiteral("--json")},
                                  m_workDir, environment());
        QVERIFY2(run.exitCode == 0, run.err.constData());
        const QJsonObject report = QJsonDocument::fromJson(run.out).object();
        const QJsonArray days = report.value(QStringLiteral("groups")).toArray();
        QCOMPARE(days.size(), 1);
        QCOMPARE(days.first().toObject().value(QStringLiteral("key")).toString(),
                 QDateTime::fromMSecsSinceEpoch(started).date().toString(Qt::ISODate));
        const QJsonObject total = report.value(QStringLiteral("total")).toObject();
        QCOMPARE(total.value(QStringLiteral("attempts")).toDouble(), 3.0);
        QCOMPARE(total.value(QStringLiteral("cost_usd")).toDouble(), 0.03);
        QCOMPARE(total.value(QStringLiteral("unknown_cost_attempts")).toDouble(), 1.0);
    }

    // A write transaction sends BEGIN and its lock with its first statement
    // (one round trip), and a transaction that sends nothing opens none: the
    // first statement's rows and row count reach the caller, it runs inside
    // the transaction (a rollback undoes it), and no lock is held before it.
    void beginTravelsWithTheFirstStatement()
    {
        submit({helperJob(QStringLiteral("a"), {}), helperJob(QStringLiteral("b"), {}), helperJob(QStringLiteral("c"), {})});
        auto advisoryLocks = [] {
            QSqlQuery query(QSqlDatabase::database(QStringLiteral("pg-admin")));
            if (!query.exec(QStringLiteral("SELECT count(*) FROM pg_locks WHERE locktype = 'advisory'")) || !query.next())
                return -1;
            return query.value(0).toInt();
        };
        JobFilter queued;
        queued.states = {JobState::Queued};
        queued.withSpec = false;

        // Nothing sent yet: no transaction, no lock; committing it costs nothing.
        QVERIFY(m_store->begin(JobStore::WriteLock::Shared).ok());
        QCOMPARE(advisoryLocks(), 0);
        QVERIFY(m_store->commit().ok());

        // The first statement reads its rows; the lock is held from then on.
        QVERIFY(m_store->begin(JobStore::WriteLock::Shared).ok());
        QCOMPARE(must(m_store->jobs(queued)).size(), 3);
        QCOMPARE(advisoryLocks(), 1);
        m_store->rollback();

        // A first statement that writes is undone by the rollback; its row count came back.
        QVERIFY(m_store->begin().ok());
        Transition t;
        t.jobId = QStringLiteral("a");
        t.from = JobState::Queued;
        t.to = JobState::Cancelled;
        t.reason = QStringLiteral("test");
        QCOMPARE(must(m_store->transition(t)), true);
        QCOMPARE(must(m_store->transition(t)), false);   // the same statement again: no longer queued
        m_store->rollback();
        QCOMPARE(toString(job(QStringLiteral("a")).state), toString(JobState::Queued));
        QCOMPARE(advisoryLocks(), 0);

        // Committed, it stays; the statement prepared before serves the next transaction too.
        QVERIFY(m_store->begin().ok());
        QCOMPARE(must(m_store->transition(t)), true);
        QVERIFY(m_store->commit().ok());
        QCOMPARE(toString(job(QStringLiteral("a")).state), toString(JobState::Cancelled));
        t.jobId = QStringLiteral("b");
        QVERIFY(m_store->begin().ok());
        QCOMPARE(must(m_store->transition(t)), true);
        QVERIFY(m_store->commit().ok());
        QCOMPARE(toString(job(QStringLiteral("b")).state), toString(JobState::Cancelled));
        QCOMPARE(must(m_store->jobs(queued)).size(), 1);
    }

    // `cancel` from another process reaches the worker running the job: the
    // cancel request is a NOTIFY the worker listens to (its poll for cancel
    // requests, a few seconds apart on PostgreSQL, is only the fallback).
    void cancelReachesTheRunningWorker()
    {
        const QString pidFile = path(QStringLiteral("long.pid"));
        submit({helperJob(QStringLiteral("long"), {QStringLiteral("--pidfile"), pidFile, QStringLiteral("--sleep"), QStringLiteral("60000")})});
        QProcess *worker = startWorker(QStringLiteral("canceller"), {QStringLiteral("--workers"), QStringLiteral("1")});
        QTRY_VERIFY_WITH_TIMEOUT(QFileInfo::exists(pidFile) && !readFile(pidFile).trimmed().isEmpty(), 15000);
        const qint64 toolPid = readFile(pidFile).trimmed().toLongLong();
        QVERIFY(processAlive(toolPid));
        QElapsedTimer clock;
        clock.start();
        const CliRun run = runCli({QStringLiteral("--db"), m_url, QStringLiteral("cancel"), QStringLiteral("--job-id"), QStringLiteral("long")},
                                  m_workDir, environment());
        QVERIFY2(run.exitCode == 0, run.err.constData());
        QTRY_VERIFY_WITH_TIMEOUT(!processAlive(toolPid), 10000);
        QTRY_COMPARE_WITH_TIMEOUT(toString(job(QStringLiteral("long")).state), toString(JobState::Cancelled), 10000);
        qInfo("tool gone %lld ms after the cancel command started", qint64(clock.elapsed()));
        stopWorker(worker);
        QCOMPARE(worker->exitCode(), 0);
    }

    // submit, list, status, logs through the command line; output stored in
    // log_chunks (capped, the cut marked); NOTIFY on every change.
    void commandLineAndLogChunks()
    {
        QSqlDriver *driver = m_db.connection().driver();
        QStringList heard;
        QVERIFY(driver->subscribeToNotification(QString::fromLatin1(JobStore::kNotifyChannel)));
        connect(driver, &QSqlDriver::notification, this, [&heard](const QString &name) { heard.append(name); });

        writeJson(path(QStringLiteral("jobs/hello.json")), helperJob(QStringLiteral("hello"), {QStringLiteral("--lines"), QStringLiteral("3")}));
        writeJson(path(QStringLiteral("jobs/big.json")), helperJob(QStringLiteral("big"), {QStringLiteral("--bytes"), QStringLiteral("20000")}));
        CliRun run = runCli({QStringLiteral("--db"), m_url, QStringLiteral("submit"), path(QStringLiteral("jobs"))}, m_workDir,
                            environment());
        QVERIFY2(run.exitCode == 0, run.err.constData());
        QVERIFY2(run.out.contains("submitted 2 job(s)"), run.out.constData());
        QTRY_VERIFY_WITH_TIMEOUT(heard.contains(QString::fromLatin1(JobStore::kNotifyChannel)), 5000);

        QProcessEnvironment env = environment();
        env.insert(QStringLiteral("ORCHESTRATOR_DB"), m_url);
        run = runCli({QStringLiteral("worker"), QStringLiteral("--exit-when-idle"), QStringLiteral("--log-cap"), QStringLiteral("4000")},
                     m_workDir, env);
        QVERIFY2(run.exitCode == 0, run.err.constData());
        QCOMPARE(toString(job(QStringLiteral("hello")).state), toString(JobState::Succeeded));
        QCOMPARE(toString(job(QStringLiteral("big")).state), toString(JobState::Succeeded));

        run = runCli({QStringLiteral("list")}, m_workDir, env);
        QVERIFY2(run.exitCode == 0 && run.out.contains("hello") && run.out.contains("big"), run.out.constData());
        run = runCli({QStringLiteral("status"), QStringLiteral("--job-id"), QStringLiteral("hello")}, m_workDir, env);
        QVERIFY2(run.exitCode == 0 && run.out.contains("succeeded"), run.out.constData());
        run = runCli({QStringLiteral("logs"), QStringLiteral("--job-id"), QStringLiteral("hello")}, m_workDir, env);
        QVERIFY2(run.exitCode == 0 && run.out.contains("line 3"), run.out.constData());

        QByteArray stored;
        for (const LogChunk &chunk : must(m_store->logChunks(QStringLiteral("hello"), 1)))
            stored += chunk.data;
        QCOMPARE(stored, QByteArray("line 1\nline 2\nline 3\n"));
        QByteArray big;
        for (const LogChunk &chunk : must(m_store->logChunks(QStringLiteral("big"), 0)))
            big += chunk.data;
        QVERIFY2(big.startsWith(QByteArray(QByteArray(99, 'x') + '\n')), big.left(200).constData());
        QVERIFY2(big.contains("output beyond 4000 bytes is not stored in the database"), big.right(300).constData());
        QVERIFY(big.size() < 4400);

        // On another machine the log file does not exist: `logs` reads the
        // chunks from the database instead.
        const auto hello = must(m_store->job(QStringLiteral("hello")));
        QVERIFY(hello.has_value());
        QVERIFY(QFile::remove(hello->logFile));
        run = runCli({QStringLiteral("logs"), QStringLiteral("--job-id"), QStringLiteral("hello")}, m_workDir, env);
        QVERIFY2(run.exitCode == 0, run.err.constData());
        QCOMPARE(run.out, QByteArray("line 1\nline 2\nline 3\n"));
    }

    // 3 worker processes, a 1,000-job DAG: every job runs exactly once and
    // starts only after its dependencies finished.
    // 2,000 jobs in 20 layers, each outside the first depending on 1 to 3
    // jobs of the layer before (drawn by a fixed generator), worked by 8
    // worker processes side by side: every job runs exactly once, and never
    // before every one of its parents has finished -- by the order of the
    // tools' own ledger lines and by the recorded times. The schedulers'
    // ticks run beside each other (no global lock): DAG release rests on
    // the pending_deps count and row locks.
    void dagOnEightWorkers()
    {
        const QString ledger = path(QStringLiteral("ledger.txt"));
        constexpr int layers = 20;
        constexpr int width = 100;
        quint32 seed = 42;
        auto draw = [&seed](int bound) {
            seed = seed * 1103515245u + 12345u;
            return int((seed >> 16) % quint32(bound));
        };
        QList<QJsonObject> jobs;
        QHash<QString, QStringList> deps;
        int edges = 0;
        for (int layer = 0; layer < layers; ++layer) {
            for (int i = 0; i < width; ++i) {
                const QString id = QStringLiteral("j%1-%2").arg(layer, 2, 10, QLatin1Char('0')).arg(i, 3, 10, QLatin1Char('0'));
                QStringList on;
                if (layer > 0) {
                    const int count = 1 + draw(3);
                    while (on.size() < count) {
                        const QString parent = QStringLiteral("j%1-%2").arg(layer - 1, 2, 10, QLatin1Char('0')).arg(draw(width), 3, 10, QLatin1Char('0'));
                        if (!on.contains(parent))
                            on.append(parent);
                    }
                    deps.insert(id, on);
                    edges += int(on.size());
                }
                jobs.append(helperJob(id, {QStringLiteral("--ledger"), ledger}, on));
            }
        }
        submit(jobs);
        for (int i = 0; i < 8; ++i)
            startWorker(QStringLiteral("dag-%1").arg(i), {QStringLiteral("--workers"), QStringLiteral("2"), QStringLiteral("--exit-when-idle")});
        QElapsedTimer clock;
        clock.start();
        for (QProcess *worker : std::as_const(m_workers)) {
            QVERIFY(worker->state() == QProcess::NotRunning || worker->waitForFinished(int(qMax<qint64>(1000, 240000 - clock.elapsed()))));
            QCOMPARE(worker->exitCode(), 0);
        }
        QVERIFY(allSucceeded(layers * width));

        // The ledger, in the order the tools ran: each job once, after its parents.
        QHash<QString, int> position;
        int line = 0;
        for (const QByteArray &text : readFile(ledger).split('\n')) {
            if (text.isEmpty())
                continue;
            const QString id = QString::fromUtf8(text.split(' ').value(0));
            QVERIFY2(!position.contains(id), qPrintable(id + QStringLiteral(" ran twice")));
            position.insert(id, line++);
        }
        QCOMPARE(position.size(), layers * width);
        JobFilter all;
        all.withSpec = false;
        QHash<QString, JobRecord> byId;
        QSet<QString> owners;
        for (const JobRecord &r : must(m_store->jobs(all)))
            byId.insert(r.jobId, r);
        for (const QString &id : position.keys()) {
            const QList<AttemptRecord> attempts = must(m_store->attempts(id));
            QCOMPARE(attempts.size(), 1);
            owners.insert(attempts.first().owner);
        }
        int checked = 0;
        for (auto it = deps.cbegin(); it != deps.cend(); ++it) {
            const JobRecord &job = byId[it.key()];
            QCOMPARE(job.attempts, 1);
            for (const QString &dep : it.value()) {
                QVERIFY2(position.value(it.key()) > position.value(dep),
                         qPrintable(QStringLiteral("%1 ran before its dependency %2").arg(it.key(), dep)));
                QVERIFY2(job.startedAt.value_or(0) >= byId[dep].finishedAt.value_or(LLONG_MAX),
                         qPrintable(QStringLiteral("%1 started before %2 finished").arg(it.key(), dep)));
                ++checked;
            }
        }
        QCOMPARE(checked, edges);
        // The work was shared: most of the eight took part.
        QVERIFY2(owners.size() >= 4, qPrintable(QStringLiteral("only %1 workers ran jobs").arg(owners.size())));
    }

    // A worker killed with SIGKILL mid-run: its jobs are reclaimed and
    // finish; no job runs twice at once; the interrupted attempts count.
    void killedWorkerJobsAreReclaimed()
    {
        const QString ledger = path(QStringLiteral("ledger.txt"));
        QList<QJsonObject> jobs;
        for (int i = 0; i < 12; ++i)
            jobs.append(helperJob(QStringLiteral("k%1").arg(i), {QStringLiteral("--ledger"), ledger, QStringLiteral("--sleep"), QStringLiteral("1200")}));
        submit(jobs);
        const QStringList options{QStringLiteral("--workers"), QStringLiteral("3"), QStringLiteral("--lease-seconds"), QStringLiteral("2")};
        QProcess *victim = startWorker(QStringLiteral("victim"), options);
        QTRY_COMPARE_WITH_TIMEOUT(runningOwnedBy(victim), 3, 15000);
        QProcess *survivor = startWorker(QStringLiteral("survivor"), options + QStringList{QStringLiteral("--exit-when-idle")});
        QTRY_VERIFY_WITH_TIMEOUT(runningOwnedBy(survivor) > 0, 15000);
        // Both are listed as workers, with their names and slots.
        QSet<QString> names;
        for (const EngineRecord &engine : must(m_store->engines())) {
            names.insert(engine.name);
            QCOMPARE(engine.workers, 3);
        }
        QVERIFY(names.contains(QStringLiteral("victim")) && names.contains(QStringLiteral("survivor")));

        QTRY_COMPARE_WITH_TIMEOUT(runningOwnedBy(victim), 3, 15000);
        QStringList interrupted;
        {
            JobFilter filter;
            filter.states = {JobState::Running};
            for (const JobRecord &r : must(m_store->jobs(filter))) {
                if (r.owner.contains(ownerPrefix(victim)))
                    interrupted.append(r.jobId);
            }
        }
        ::kill(pid_t(victim->processId()), SIGKILL);
        victim->waitForFinished(10000);

        QVERIFY(survivor->state() == QProcess::NotRunning || survivor->waitForFinished(60000));
        QCOMPARE(survivor->exitCode(), 0);
        QVERIFY(allSucceeded(12));
        for (const QString &id : std::as_const(interrupted)) {
            const JobRecord r = job(id);
            QCOMPARE(r.attempts, 2);
            QCOMPARE(r.crashes, 1);
            const QList<AttemptRecord> attempts = must(m_store->attempts(id));
            QCOMPARE(attempts.size(), 2);
            QCOMPARE(attemptStatusName(attempts.at(0).outcome), toString(Outcome::Interrupted));
            QCOMPARE(attemptStatusName(attempts.at(1).outcome), toString(Outcome::Succeeded));
        }
        // Never two attempts of one job at once.
        JobFilter all;
        for (const JobRecord &r : must(m_store->jobs(all))) {
            const QList<AttemptRecord> attempts = must(m_store->attempts(r.jobId));
            for (int i = 1; i < attempts.size(); ++i)
                QVERIFY2(attempts.at(i).startedAt.value_or(0) >= attempts.at(i - 1).finishedAt.value_or(LLONG_MAX), qPrintable(r.jobId));
        }
    }

    // A worker cut off from the database (its connection killed server-side,
    // and it cannot log in again) stops its tool before its lease runs out and
    // records nothing late; another worker reclaims and finishes the job.
    void cutOffWorkerStopsItsTools()
    {
        admin(QStringLiteral("DROP ROLE IF EXISTS cutoff"));
        admin(QStringLiteral("CREATE ROLE cutoff LOGIN SUPERUSER"));
        const QString pidFile = path(QStringLiteral("tool.pid"));
        const QString done = path(QStringLiteral("done.txt"));
        submit({helperJob(QStringLiteral("victim"), {QStringLiteral("--pidfile"), pidFile, QStringLiteral("--sleep-first"),
                                                     path(QStringLiteral("first")), QStringLiteral("20000"), QStringLiteral("--touch"), done})});
        QProcess *cut = startWorker(QStringLiteral("cut"), {QStringLiteral("--workers"), QStringLiteral("1"), QStringLiteral("--lease-seconds"),
                                                            QStringLiteral("2")},
                                    urlFor(QStringLiteral("orch_test_%1").arg(m_counter), QStringLiteral("cutoff")));
        QTRY_VERIFY_WITH_TIMEOUT(QFileInfo::exists(pidFile), 15000);
        const qint64 toolPid = readFile(pidFile).trimmed().toLongLong();
        QVERIFY(processAlive(toolPid));
        QCOMPARE(toString(job(QStringLiteral("victim")).state), toString(JobState::Running));

        admin(QStringLiteral("ALTER ROLE cutoff NOLOGIN"));
        admin(QStringLiteral("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE usename = 'cutoff'"));
        QElapsedTimer clock;
        clock.start();
        // Its tool is gone before the lease (2 s) could have been taken over
        // by anyone, plus the kill grace; the worker stops.
        QTRY_VERIFY_WITH_TIMEOUT(!processAlive(toolPid), 6000);
        QVERIFY(cut->state() == QProcess::NotRunning || cut->waitForFinished(30000));
        QCOMPARE(cut->exitCode(), 5);
        QVERIFY(!QFileInfo::exists(done));
        // Nothing was recorded by the cut-off worker.
        QCOMPARE(toString(job(QStringLiteral("victim")).state), toString(JobState::Running));

        QProcess *rescuer = startWorker(QStringLiteral("rescuer"), {QStringLiteral("--workers"), QStringLiteral("1"), QStringLiteral("--lease-seconds"),
                                                                     QStringLiteral("2"), QStringLiteral("--exit-when-idle")});
        QVERIFY(rescuer->state() == QProcess::NotRunning || rescuer->waitForFinished(30000));
        QCOMPARE(rescuer->exitCode(), 0);
        const JobRecord r = job(QStringLiteral("victim"));
        QCOMPARE(toString(r.state), toString(JobState::Succeeded));
        QCOMPARE(r.attempts, 2);
        const QList<AttemptRecord> attempts = must(m_store->attempts(QStringLiteral("victim")));
        QCOMPARE(attempts.size(), 2);
        QCOMPARE(attemptStatusName(attempts.at(0).outcome), toString(Outcome::Interrupted));
        QVERIFY2(attempts.at(0).reason.contains(QLatin1String("interrupted")), qPrintable(attempts.at(0).reason));
        QCOMPARE(readFile(done).count("ran "), 1);
        for (const EventRecord &event : must(m_store->events(QStringLiteral("victim"))))
            QVERIFY2(toString(event.kind) != QLatin1String("stale_result"), qPrintable(event.detail));
        admin(QStringLiteral("ALTER ROLE cutoff LOGIN"));
    }

    // An idle worker cut off from the server (its connection killed, and it
    // may not log in again) exits 5 after the bound a busy one keeps (the
    // lease), saying why in one line on stderr that names the database and
    // shows no password.
    void cutOffIdleWorkerExits()
    {
        admin(QStringLiteral("DROP ROLE IF EXISTS cutoff_idle"));
        admin(QStringLiteral("CREATE ROLE cutoff_idle LOGIN SUPERUSER"));
        const QString url = urlFor(QStringLiteral("orch_test_%1").arg(m_counter), QStringLiteral("cutoff_idle"));
        QProcessEnvironment env = environment();
        env.insert(QStringLiteral("PGPASSWORD"), QStringLiteral("pw-never-shown"));
        QProcess worker;
        worker.setProcessEnvironment(env);
        worker.setWorkingDirectory(m_workDir);
        worker.start(cliPath(), {QStringLiteral("--db"), url, QStringLiteral("worker"), QStringLiteral("--name"), QStringLiteral("idle"),
                                 QStringLiteral("--lease-seconds"), QStringLiteral("2")});
        QVERIFY(worker.waitForStarted());
        auto registered = [this] {
            const QList<EngineRecord> engines = must(m_store->engines());
            return std::any_of(engines.cbegin(), engines.cend(), [](const EngineRecord &e) { return e.name == QLatin1String("idle"); });
        };
        QTRY_VERIFY_WITH_TIMEOUT(registered(), 15000);

        admin(QStringLiteral("ALTER ROLE cutoff_idle NOLOGIN"));
        admin(QStringLiteral("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE usename = 'cutoff_idle'"));
        QTRY_COMPARE_WITH_TIMEOUT(worker.state(), QProcess::NotRunning, 20000);
        admin(QStringLiteral("ALTER ROLE cutoff_idle LOGIN"));
        QCOMPARE(worker.exitStatus(), QProcess::NormalExit);
        QCOMPARE(worker.exitCode(), 5);
        const QString err = QString::fromUtf8(worker.readAllStandardError());
        const QStringList lines = err.split(QLatin1Char('\n'), Qt::SkipEmptyParts);
        QStringList givingUp;
        std::copy_if(lines.cbegin(), lines.cend(), std::back_inserter(givingUp),
                     [](const QString &line) { return line.contains(QLatin1String("giving up")); });
        QCOMPARE(givingUp.size(), 1);
        QVERIFY2(givingUp.first().startsWith(QStringLiteral("orchestrator worker: giving up: lost the database ") + url
                                             + QStringLiteral(": not reached for ")),
                 qPrintable(err));
        QVERIFY2(givingUp.first().contains(QLatin1String("no job was running")), qPrintable(err));
        QVERIFY2(givingUp.first().contains(QLatin1String("not permitted to log in")), qPrintable(err));
        QVERIFY(!err.contains(QLatin1String("pw-never-shown")));
    }
};

QTEST_GUILESS_MAIN(TestPostgres)
#include "tst_postgres.moc"
