// The scheduler against real processes (orch-testhelper, stand-in aider and
// codex) and real SQLite files: DAG order, upstream failure, priorities,
// retries with backoff, escalation, timeouts, cancel, restart, repo lock.

#include <csignal>

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>

#include "scheduling/scheduler.h"
#include "scheduling/transitions.h"
#include "store/database.h"
#include "store/jobstore.h"
#include "submit/submission.h"
#include "storesupport.h"
#include "testsupport.h"

using namespace Orchestrator;
using namespace TestSupport;

namespace {

QJsonObject helperJob(const QString &id, const QStringList &args, const QJsonObject &extra = {})
{
    QJsonObject job{{QStringLiteral("job_id"), id},
                    {QStringLiteral("workstream_id"), QStringLiteral("ws-test")},
                    {QStringLiteral("tool"), QStringLiteral("shell")},
                    {QStringLiteral("command"), QJsonObject{{QStringLiteral("exe"), testHelper()},
                                                            {QStringLiteral("args"), QJsonArray::fromStringList(args)}}}};
    for (auto it = extra.begin(); it != extra.end(); ++it)
        job.insert(it.key(), it.value());
    return job;
}

bool processAlive(qint64 pid)
{
    // A zombie nobody reaps (no init in a container) counts as dead.
    QFile stat(QStringLiteral("/proc/%1/stat").arg(pid));
    if (!stat.open(QIODevice::ReadOnly))
        return false;
    const QByteArray text = stat.readAll();
    const int close = text.lastIndexOf(')');
    return close > 0 && text.mid(close + 2, 1) != "Z";
}

qint64 readPid(const QString &path) { return readFile(path).trimmed().toLongLong(); }

} // namespace

class TestScheduler final : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    QString m_dbPath;
    Database m_readDb;
    std::unique_ptr<JobStore> m_store;
    std::unique_ptr<Scheduler> m_scheduler;
    int m_counter = 0;

    QString path(const QString &name) const { return m_dir.filePath(name); }

    void submit(const QList<QJsonObject> &jobs, const SubmitOptions &extra = {})
    {
        auto tools = ToolRegistry::load();
        QVERIFY2(tools.ok(), qPrintable(tools.error().message));
        SubmitOptions options = extra;
        options.workingDirectory = m_dir.path();
        options.dataDirectory = m_dir.path();
        Submission submission(*tools, options);
        for (const QJsonObject &job : jobs)
            submission.addFile(writeJson(path(QStringLiteral("jobs/%1.json").arg(job.value(QStringLiteral("job_id")).toString())), job));
        auto report = submission.commit(*m_store);
        QVERIFY2(report.ok(), qPrintable(report.error().message));
    }

    void startScheduler(int workers)
    {
        auto tools = ToolRegistry::load();
        QVERIFY(tools.ok());
        m_scheduler = std::make_unique<Scheduler>();
        SchedulerOptions options;
        options.databasePath = m_dbPath;
        options.workers = workers;
        options.pollIntervalMs = 50;
        Status opened = m_scheduler->open(options, *tools);
        QVERIFY2(opened.ok(), qPrintable(opened.error().message));
        m_scheduler->start();
    }

    JobRecord job(const QString &id) { return StoreSupport::storedJob(*m_store, id); }

    // As text, so a failing comparison prints the state's name.
    QString state(const QString &id) { return toString(job(id).state); }

    QStringList recordedOrder(const QString &file)
    {
        QStringList order;
        const QList<QByteArray> lines = readFile(file).split('\n');
        for (const QByteArray &line : lines) {
            const QJsonArray args = QJsonDocument::fromJson(line).array();
            const int at = int(args.toVariantList().indexOf(QStringLiteral("--print")));
            if (at >= 0)
                order.append(args.at(at + 1).toString());
        }
        return order;
    }

    QString pathWithFakeTools() const { return fakeBin() + QLatin1Char(':') + qEnvironmentVariable("PATH"); }

private Q_SLOTS:
    void initTestCase()
    {
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
        m_scheduler.reset();
        m_store.reset();
        m_readDb = Database();
    }

    void dagOrder()
    {
        const QString order = path(QStringLiteral("order-dag.txt"));
        auto node = [&](const QString &id, const QStringList &deps) {
            return helperJob(id, {QStringLiteral("--print"), id, QStringLiteral("--record"), order},
                             {{QStringLiteral("dependencies"), QJsonArray::fromStringList(deps)}});
        };
        // Submitted in an order that is not a topological one.
        submit({node(QStringLiteral("d"), {QStringLiteral("b"), QStringLiteral("c")}),
                node(QStringLiteral("b"), {QStringLiteral("a")}), node(QStringLiteral("c"), {QStringLiteral("a")}),
                node(QStringLiteral("a"), {})});
        QCOMPARE(state(QStringLiteral("a")), toString(JobState::Queued));
        QCOMPARE(state(QStringLiteral("d")), toString(JobState::Waiting));
        startScheduler(4);
        QTRY_COMPARE_WITH_TIMEOUT(state(QStringLiteral("d")), toString(JobState::Succeeded), 15000);
        const QStringList ran = recordedOrder(order);
        QCOMPARE(ran.size(), 4);
        QCOMPARE(ran.first(), QStringLiteral("a"));
        QCOMPARE(ran.last(), QStringLiteral("d"));
    }

    void upstreamFailure()
    {
        submit({helperJob(QStringLiteral("root"), {QStringLiteral("--exit"), QStringLiteral("2")}),
                helperJob(QStringLiteral("mid"), {}, {{QStringLiteral("dependencies"), QJsonArray{QStringLiteral("root")}}}),
                helperJob(QStringLiteral("leaf"), {}, {{QStringLiteral("depends_on"), QJsonArray{QStringLiteral("mid")}}}),
                helperJob(QStringLiteral("other"), {})});
        startScheduler(2);
        QTRY_COMPARE_WITH_TIMEOUT(state(QStringLiteral("leaf")), toString(JobState::UpstreamFailed), 15000);
        QCOMPARE(state(QStringLiteral("root")), toString(JobState::Failed));
        QCOMPARE(job(QStringLiteral("root")).lastExitCode, std::optional<int>(2));
        QCOMPARE(state(QStringLiteral("mid")), toString(JobState::UpstreamFailed));
        QCOMPARE(job(QStringLiteral("mid")).attempts, 0);
        QVERIFY(job(QStringLiteral("mid")).reason.contains(QStringLiteral("root")));
        QTRY_COMPARE(state(QStringLiteral("other")), toString(JobState::Succeeded));
        // The failed attempt left an error report with the tool's last lines.
        const QJsonObject report = QJsonDocument::fromJson(readFile(job(QStringLiteral("root")).errorReport)).object();
        QCOMPARE(report.value(QStringLiteral("exit_code")).toInt(), 2);
        QCOMPARE(report.value(QStringLiteral("job_id")).toString(), QStringLiteral("root"));
        QCOMPARE(report.value(QStringLiteral("timed_out")).toBool(), false);
    }

    void priorityOrderWithOneWorker()
    {
        QVERIFY(m_store->begin().ok());
        QVERIFY(Transitions::setPaused(*m_store, true).ok());
        QVERIFY(m_store->commit().ok());
        const QString order = path(QStringLiteral("order-prio.txt"));
        auto job = [&](const QString &id, const QString &priority) {
            return helperJob(id, {QStringLiteral("--print"), id, QStringLiteral("--record"), order},
                             {{QStringLiteral("priority"), priority}});
        };
        submit({job(QStringLiteral("low"), QStringLiteral("low")), job(QStringLiteral("normal-1"), QStringLiteral("normal")),
                job(QStringLiteral("high"), QStringLiteral("high")), job(QStringLiteral("critical"), QStringLiteral("critical")),
                job(QStringLiteral("normal-2"), QStringLiteral("normal"))});
        startScheduler(1);
        QTest::qWait(300);
        QCOMPARE(state(QStringLiteral("critical")), toString(JobState::Queued)); // paused: nothing starts
        QVERIFY(m_store->begin().ok());
        QVERIFY(Transitions::setPaused(*m_store, false).ok());
        QVERIFY(m_store->commit().ok());
        QTRY_COMPARE_WITH_TIMEOUT(state(QStringLiteral("low")), toString(JobState::Succeeded), 15000);
        QCOMPARE(recordedOrder(order), (QStringList{QStringLiteral("critical"), QStringLiteral("high"), QStringLiteral("normal-1"),
                                                    QStringLiteral("normal-2"), QStringLiteral("low")}));
    }

    void retryWithBackoff()
    {
        const QString counter = path(QStringLiteral("fail-counter"));
        const QJsonObject policy{{QStringLiteral("max_attempts"), 3},
                                 {QStringLiteral("backoff_seconds"), 0.3},
                                 {QStringLiteral("backoff_factor"), 2}};
        submit({helperJob(QStringLiteral("flaky"), {QStringLiteral("--fail-until"), counter, QStringLiteral("3")},
                          {{QStringLiteral("metadata"), QJsonObject{{QStringLiteral("retry_policy"), policy}}}})});
        startScheduler(1);
        QTRY_VERIFY_WITH_TIMEOUT(state(QStringLiteral("flaky")) == toString(JobState::RetryWaiting)
                                     || state(QStringLiteral("flaky")) == toString(JobState::Succeeded), 10000);
        QTRY_COMPARE_WITH_TIMEOUT(state(QStringLiteral("flaky")), toString(JobState::Succeeded), 15000);
        auto attempts = m_store->attempts(QStringLiteral("flaky"));
        QVERIFY(attempts.ok());
        QCOMPARE(attempts->size(), 3);
        QCOMPARE(attemptStatusName(attempts->at(0).outcome), QStringLiteral("failed"));
        QCOMPARE(attemptStatusName(attempts->at(1).outcome), QStringLiteral("failed"));
        QCOMPARE(attemptStatusName(attempts->at(2).outcome), QStringLiteral("succeeded"));
        const qint64 gap1 = *attempts->at(1).startedAt - *attempts->at(0).finishedAt;
        const qint64 gap2 = *attempts->at(2).startedAt - *attempts->at(1).finishedAt;
        QVERIFY2(gap1 >= 290, qPrintable(QString::number(gap1)));
        QVERIFY2(gap2 >= 590, qPrintable(QString::number(gap2)));
        auto events = m_store->events(QStringLiteral("flaky"));
        QVERIFY(events.ok());
        int scheduled = 0;
        for (const EventRecord &e : std::as_const(*events))
            scheduled += toString(e.kind) == QLatin1String("retry_scheduled");
        QCOMPARE(scheduled, 2);
    }

    void escalationFromAiderToCodex()
    {
        const QString toolLog = path(QStringLiteral("fake-tools.log"));
        QJsonObject job{{QStringLiteral("job_id"), QStringLiteral("ws-01-001")},
                        {QStringLiteral("workstream_id"), QStringLiteral("ws-01")},
                        {QStringLiteral("tool"), QStringLiteral("aider")},
                        {QStringLiteral("files"), QJsonArray{QStringLiteral("docs/A.md")}},
                        {QStringLiteral("instructions"), QStringLiteral("Fix the bug")},
                        {QStringLiteral("env"), QJsonObject{{QStringLiteral("PATH"), pathWithFakeTools()},
                                                           {QStringLiteral("FAKE_AIDER_EXIT"), QStringLiteral("1")},
                                                           {QStringLiteral("FAKE_TOOL_LOG"), toolLog}}},
                        {QStringLiteral("metadata"), QJsonObject{{QStringLiteral("retry_policy"), QStringLiteral("escalate_to_codex")}}}};
        submit({job});
        startScheduler(1);
        QTRY_COMPARE_WITH_TIMEOUT(state(QStringLiteral("ws-01-001")), toString(JobState::Succeeded), 15000);
        const QList<QByteArray> lines = readFile(toolLog).trimmed().split('\n');
        QCOMPARE(lines.size(), 2);
        const QList<QByteArray> aider = lines.at(0).split('\t');
        const QList<QByteArray> codex = lines.at(1).split('\t');
        QCOMPARE(aider.at(0), QByteArray("aider"));
        QCOMPARE(aider.at(2), QByteArray("1"));
        QVERIFY(aider.at(4).contains("Fix the bug"));
        QCOMPARE(codex.at(0), QByteArray("codex"));
        QCOMPARE(codex.at(1), QByteArray("ws-01-001"));
        QCOMPARE(codex.at(2), QByteArray("2"));
        // The previous attempt's error report is handed over.
        QCOMPARE(QString::fromUtf8(codex.at(3)), this->job(QStringLiteral("ws-01-001")).errorReport);
        QVERIFY(codex.at(4).startsWith("exec"));
        QVERIFY(codex.at(4).contains("Fix the bug"));
        auto attempts = m_store->attempts(QStringLiteral("ws-01-001"));
        QCOMPARE(attempts->at(0).tool, QStringLiteral("aider"));
        QCOMPARE(attempts->at(1).tool, QStringLiteral("codex"));
    }

    void escalateNowRunsTheNextToolAtOnce()
    {
        const QJsonObject policy{{QStringLiteral("max_attempts"), 3},
                                 {QStringLiteral("backoff_seconds"), 600},
                                 {QStringLiteral("escalate_to"), QJsonArray{QStringLiteral("codex")}}};
        submit({QJsonObject{{QStringLiteral("job_id"), QStringLiteral("escalate-me")},
                            {QStringLiteral("tool"), QStringLiteral("aider")},
                            {QStringLiteral("instructions"), QStringLiteral("Fix it")},
                            {QStringLiteral("env"), QJsonObject{{QStringLiteral("PATH"), pathWithFakeTools()},
                                                               {QStringLiteral("FAKE_AIDER_EXIT"), QStringLiteral("1")}}},
                            {QStringLiteral("metadata"), QJsonObject{{QStringLiteral("retry_policy"), policy}}}}});
        startScheduler(1);
        QTRY_COMPARE_WITH_TIMEOUT(state(QStringLiteral("escalate-me")), toString(JobState::RetryWaiting), 10000);
        QVERIFY(m_store->begin().ok());
        auto escalated = Transitions::escalateNow(*m_store, QStringLiteral("escalate-me"));
        QVERIFY2(escalated.ok(), qPrintable(escalated.error().message));
        QVERIFY(m_store->commit().ok());
        m_scheduler->wake();
        QTRY_COMPARE_WITH_TIMEOUT(state(QStringLiteral("escalate-me")), toString(JobState::Succeeded), 10000);
        auto attempts = m_store->attempts(QStringLiteral("escalate-me"));
        QCOMPARE(attempts->size(), 2);
        QCOMPARE(attempts->at(1).tool, QStringLiteral("codex"));
        // Nothing left to escalate to.
        QVERIFY(m_store->begin().ok());
        auto again = Transitions::escalateNow(*m_store, QStringLiteral("escalate-me"));
        m_store->rollback();
        QVERIFY(!again.ok());
    }

    // The predecessor's full format: a command, no instructions, escalate_to_codex.
    void escalationWithoutInstructionsFailsWithAReason()
    {
        QJsonObject job{{QStringLiteral("job_id"), QStringLiteral("seed-full")},
                        {QStringLiteral("tool"), QStringLiteral("aider")},
                        {QStringLiteral("command"), QJsonObject{{QStringLiteral("exe"), QStringLiteral("aider")},
                                                                {QStringLiteral("args"), QJsonArray{QStringLiteral("--message"), QStringLiteral("Fix the bug")}}}},
                        {QStringLiteral("env"), QJsonObject{{QStringLiteral("PATH"), pathWithFakeTools()},
                                                           {QStringLiteral("FAKE_AIDER_EXIT"), QStringLiteral("1")}}},
                        {QStringLiteral("metadata"), QJsonObject{{QStringLiteral("retry_policy"), QStringLiteral("escalate_to_codex")}}}};
        submit({job});
        startScheduler(1);
        QTRY_COMPARE_WITH_TIMEOUT(state(QStringLiteral("seed-full")), toString(JobState::Failed), 10000);
        auto attempts = m_store->attempts(QStringLiteral("seed-full"));
        QCOMPARE(attempts->size(), 2);
        QCOMPARE(attemptStatusName(attempts->at(0).outcome), QStringLiteral("failed"));
        QCOMPARE(attempts->at(1).tool, QStringLiteral("codex"));
        QCOMPARE(attemptStatusName(attempts->at(1).outcome), QStringLiteral("failed_to_start"));
        QVERIFY2(attempts->at(1).reason.contains(QStringLiteral("escalation tool \"codex\" needs instructions")),
                 qPrintable(attempts->at(1).reason));
    }

    void timeoutKillsTheWholeProcessGroup_data()
    {
        QTest::addColumn<bool>("ignoreTerm");
        QTest::newRow("terminates on SIGTERM") << false;
        QTest::newRow("ignores SIGTERM, needs SIGKILL") << true;
    }

    void timeoutKillsTheWholeProcessGroup()
    {
        QFETCH(bool, ignoreTerm);
        const QString grandchild = path(QStringLiteral("grandchild-%1.pid").arg(ignoreTerm));
        const QString self = path(QStringLiteral("self-%1.pid").arg(ignoreTerm));
        QStringList args{QStringLiteral("--pidfile"), self, QStringLiteral("--grandchild"), grandchild};
        if (ignoreTerm)
            args.append(QStringLiteral("--ignore-term"));
        args += {QStringLiteral("--sleep"), QStringLiteral("60000")};
        submit({helperJob(QStringLiteral("slow"), args, {{QStringLiteral("metadata"), QJsonObject{{QStringLiteral("timeout_seconds"), 1}}}})});
        startScheduler(1);
        QTRY_VERIFY_WITH_TIMEOUT(QFile::exists(grandchild), 10000);
        const qint64 grandchildPid = readPid(grandchild);
        QVERIFY(processAlive(grandchildPid));
        QTRY_COMPARE_WITH_TIMEOUT(state(QStringLiteral("slow")), toString(JobState::TimedOut), 15000);
        QTRY_VERIFY_WITH_TIMEOUT(!processAlive(grandchildPid), 5000);
        QVERIFY(!processAlive(readPid(self)));
        auto attempts = m_store->attempts(QStringLiteral("slow"));
        QVERIFY(attempts->at(0).timedOut());
        const QJsonObject report = QJsonDocument::fromJson(readFile(job(QStringLiteral("slow")).errorReport)).object();
        QCOMPARE(report.value(QStringLiteral("timed_out")).toBool(), true);
    }

    // A process a tool left behind outside its group and session (setsid)
    // is re-parented to the engine, which kills it once that attempt ended,
    // while the engine keeps running; a running attempt's is left alone.
    void escapedProcessOfAFinishedAttemptIsKilled()
    {
        const QString quick = path(QStringLiteral("escape-quick.pid"));
        const QString slow = path(QStringLiteral("escape-slow.pid"));
        submit({helperJob(QStringLiteral("quick"), {QStringLiteral("--escape"), quick}),
                helperJob(QStringLiteral("slow"), {QStringLiteral("--escape"), slow, QStringLiteral("--sleep"), QStringLiteral("4000")})});
        startScheduler(2);
        QTRY_VERIFY_WITH_TIMEOUT(QFile::exists(quick) && QFile::exists(slow), 10000);
        const qint64 quickPid = readPid(quick);
        const qint64 slowPid = readPid(slow);
        QTRY_COMPARE_WITH_TIMEOUT(state(QStringLiteral("quick")), toString(JobState::Succeeded), 10000);
        QTRY_VERIFY_WITH_TIMEOUT(!processAlive(quickPid), 5000);
        // The other attempt still runs, and so does what it started.
        QCOMPARE(state(QStringLiteral("slow")), toString(JobState::Running));
        QVERIFY(processAlive(slowPid));
        QTRY_COMPARE_WITH_TIMEOUT(state(QStringLiteral("slow")), toString(JobState::Succeeded), 15000);
        QTRY_VERIFY_WITH_TIMEOUT(!processAlive(slowPid), 5000);
        QVERIFY(!m_scheduler->isStopped());
    }

    void cancelRunningJobKillsItAndFailsDownstream()
    {
        const QString pidfile = path(QStringLiteral("cancel.pid"));
        submit({helperJob(QStringLiteral("long"), {QStringLiteral("--pidfile"), pidfile, QStringLiteral("--sleep"), QStringLiteral("60000")}),
                helperJob(QStringLiteral("after"), {}, {{QStringLiteral("dependencies"), QJsonArray{QStringLiteral("long")}}})});
        startScheduler(1);
        QTRY_VERIFY_WITH_TIMEOUT(QFile::exists(pidfile), 10000);
        QCOMPARE(state(QStringLiteral("long")), toString(JobState::Running));
        QVERIFY(m_store->begin().ok());
        QVERIFY(Transitions::cancel(*m_store, QStringLiteral("long")).ok());
        QVERIFY(m_store->commit().ok());
        QTRY_COMPARE_WITH_TIMEOUT(state(QStringLiteral("long")), toString(JobState::Cancelled), 10000);
        QCOMPARE(state(QStringLiteral("after")), toString(JobState::UpstreamFailed));
        QTRY_VERIFY(!processAlive(readPid(pidfile)));
    }

    void restartKeepsStateAndDoesNotRerunSucceededJobs()
    {
        const QString runs = path(QStringLiteral("restart-runs.txt"));
        const QString pidfile = path(QStringLiteral("restart.pid"));
        submit({helperJob(QStringLiteral("first"), {QStringLiteral("--touch"), runs}),
                helperJob(QStringLiteral("second"), {QStringLiteral("--pidfile"), pidfile, QStringLiteral("--sleep"), QStringLiteral("60000")},
                          {{QStringLiteral("dependencies"), QJsonArray{QStringLiteral("first")}}})});
        startScheduler(1);
        QTRY_VERIFY_WITH_TIMEOUT(QFile::exists(pidfile), 10000);
        const qint64 pid = readPid(pidfile);
        m_scheduler.reset(); // the engine stops: the running attempt is interrupted
        QVERIFY(!processAlive(pid));
        QCOMPARE(state(QStringLiteral("second")), toString(JobState::Queued));
        QCOMPARE(state(QStringLiteral("first")), toString(JobState::Succeeded));

        // Make the second job quick for the new engine by replacing nothing:
        // cancel it and check the new engine picks up the queue it finds.
        QFile::remove(pidfile);
        startScheduler(1);
        QTRY_VERIFY_WITH_TIMEOUT(QFile::exists(pidfile), 10000);
        QCOMPARE(state(QStringLiteral("second")), toString(JobState::Running));
        QCOMPARE(job(QStringLiteral("second")).attempts, 2);
        QCOMPARE(job(QStringLiteral("second")).maxAttempts(), 2); // the interrupted attempt did not count
        QCOMPARE(readFile(runs).count("ran "), 1);
        QVERIFY(m_store->begin().ok());
        QVERIFY(Transitions::cancel(*m_store, QStringLiteral("second")).ok());
        QVERIFY(m_store->commit().ok());
        QTRY_COMPARE_WITH_TIMEOUT(state(QStringLiteral("second")), toString(JobState::Cancelled), 10000);
    }

    void repoLockSerialisesRepositoryEditingTools()
    {
        auto aiderJob = [&](const QString &id, const QString &repo) {
            QDir().mkpath(path(repo));
            return QJsonObject{{QStringLiteral("job_id"), id},
                               {QStringLiteral("tool"), QStringLiteral("aider")},
                               {QStringLiteral("instructions"), QStringLiteral("edit")},
                               {QStringLiteral("paths"), QJsonObject{{QStringLiteral("repo_root"), repo}}},
                               // In the repository itself (as outside a git work tree): the repo lock applies.
                               {QStringLiteral("metadata"), QJsonObject{{QStringLiteral("isolation"), QStringLiteral("none")}}},
                               {QStringLiteral("env"), QJsonObject{{QStringLiteral("PATH"), pathWithFakeTools()},
                                                                  {QStringLiteral("FAKE_TOOL_SLEEP"), QStringLiteral("0.5")}}}};
        };
        submit({aiderJob(QStringLiteral("edit-1"), QStringLiteral("repo-a")), aiderJob(QStringLiteral("edit-2"), QStringLiteral("repo-a")),
                aiderJob(QStringLiteral("edit-other"), QStringLiteral("repo-b"))});
        startScheduler(3);
        QTRY_VERIFY_WITH_TIMEOUT(state(QStringLiteral("edit-1")) == toString(JobState::Running), 10000);
        QTRY_COMPARE_WITH_TIMEOUT(state(QStringLiteral("edit-2")), toString(JobState::Succeeded), 15000);
        QTRY_COMPARE(state(QStringLiteral("edit-other")), toString(JobState::Succeeded));
        auto one = m_store->attempts(QStringLiteral("edit-1"));
        auto two = m_store->attempts(QStringLiteral("edit-2"));
        auto other = m_store->attempts(QStringLiteral("edit-other"));
        QVERIFY2(*two->at(0).startedAt >= *one->at(0).finishedAt, "edit-2 ran while edit-1 held the repo");
        // A different repository is not blocked.
        QVERIFY(*other->at(0).startedAt < *one->at(0).finishedAt);
    }

    void missingExecutableFailsWithItsName()
    {
        submit({QJsonObject{{QStringLiteral("job_id"), QStringLiteral("missing")},
                            {QStringLiteral("tool"), QStringLiteral("shell")},
                            {QStringLiteral("command"), QJsonObject{{QStringLiteral("exe"), QStringLiteral("no-such-program-xyz")}}}}});
        startScheduler(1);
        QTRY_COMPARE_WITH_TIMEOUT(state(QStringLiteral("missing")), toString(JobState::Failed), 10000);
        auto attempts = m_store->attempts(QStringLiteral("missing"));
        QCOMPARE(attemptStatusName(attempts->at(0).outcome), QStringLiteral("failed_to_start"));
        QVERIFY2(attempts->at(0).reason.contains(QStringLiteral("\"no-such-program-xyz\" not found")), qPrintable(attempts->at(0).reason));
    }

    void jobEnvironmentAndLogHeader()
    {
        submit({helperJob(QStringLiteral("env-job"),
                          {QStringLiteral("--env"), QStringLiteral("ORCHESTRATOR_JOB_ID"), QStringLiteral("--env"), QStringLiteral("ORCHESTRATOR_RUN_ID"),
                           QStringLiteral("--env"), QStringLiteral("ORCHESTRATOR_ATTEMPT"), QStringLiteral("--env"), QStringLiteral("MY_SETTING"),
                           QStringLiteral("--cwd")},
                          {{QStringLiteral("run_id"), QStringLiteral("run-env")},
                           {QStringLiteral("env"), QJsonObject{{QStringLiteral("MY_SETTING"), QStringLiteral("42")}}},
                           {QStringLiteral("paths"), QJsonObject{{QStringLiteral("working_dir"), QStringLiteral("jobs")}}}})});
        startScheduler(1);
        QTRY_COMPARE_WITH_TIMEOUT(state(QStringLiteral("env-job")), toString(JobState::Succeeded), 10000);
        const QByteArray log = readFile(job(QStringLiteral("env-job")).logFile);
        QVERIFY2(log.contains("ORCHESTRATOR_JOB_ID=env-job"), log.constData());
        QVERIFY(log.contains("ORCHESTRATOR_RUN_ID=run-env"));
        QVERIFY(log.contains("ORCHESTRATOR_ATTEMPT=1"));
        QVERIFY(log.contains("MY_SETTING=42"));
        QVERIFY(log.contains(QByteArray(QByteArray("cwd=") + QDir(path(QStringLiteral("jobs"))).canonicalPath().toUtf8())));
        QVERIFY(log.startsWith("==> "));
        QVERIFY(log.contains("attempt 1/1 of env-job with shell"));
    }

    void workerCountChangesWhileRunning()
    {
        QList<QJsonObject> jobs;
        for (int i = 0; i < 6; ++i)
            jobs.append(helperJob(QStringLiteral("w%1").arg(i), {QStringLiteral("--sleep"), QStringLiteral("400")}));
        submit(jobs);
        startScheduler(1);
        QTRY_COMPARE(m_scheduler->runningCount(), 1);
        m_scheduler->setWorkerCount(3);
        QTRY_COMPARE_WITH_TIMEOUT(m_scheduler->runningCount(), 3, 5000);
        QTRY_COMPARE_WITH_TIMEOUT(state(QStringLiteral("w5")), toString(JobState::Succeeded), 15000);
    }
};

QTEST_GUILESS_MAIN(TestScheduler)
#include "tst_scheduler.moc"
