// The session, used the way the dashboard uses it: commands answered by
// callback, the feed's batches, and queries answered as values in the
// caller's thread, dropped when the caller is gone, and on a connection that
// follows the process's reopen rule (core/databasefiles.h).

#include <optional>

#include <QCoreApplication>
#include <QHash>
#include <QJsonArray>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>
#include <QThread>

#include "api/session.h"
#include "core/databasefiles.h"
#include "testsupport.h"

using namespace Orchestrator;
using namespace TestSupport;

class TestSession final : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;

    QString jobFile(const QString &id, const QStringList &dependencies = {})
    {
        return writeJson(m_dir.filePath(QStringLiteral("jobs/%1.json").arg(id)),
                         QJsonObject{{QStringLiteral("job_id"), id},
                                     {QStringLiteral("run_id"), QStringLiteral("session-run")},
                                     {QStringLiteral("tool"), QStringLiteral("shell")},
                                     {QStringLiteral("depends_on"), QJsonArray::fromStringList(dependencies)},
                                     {QStringLiteral("command"),
                                      QJsonObject{{QStringLiteral("exe"), testHelper()},
                                                  {QStringLiteral("args"), QJsonArray{QStringLiteral("--print"), id}}}}});
    }

    // Opens `session` on `db`, submits a -> b, and waits until both succeeded.
    void runTwoJobs(Session &session, QHash<QString, JobRecord> &jobs, const QString &db)
    {
        auto keep = [&jobs](const QList<JobRecord> &batch) {
            for (const JobRecord &job : batch)
                jobs.insert(job.jobId, job);
        };
        connect(&session, &Session::snapshot, this, keep);
        connect(&session, &Session::jobsUpdated, this, keep);
        session.open(db, 2, false);
        std::optional<Result<SubmitReport>> submitted;
        session.submitFiles({jobFile(QStringLiteral("a")), jobFile(QStringLiteral("b"), {QStringLiteral("a")})}, this,
                            [&submitted](const Result<SubmitReport> &report) {
                                QCOMPARE(QThread::currentThread(), QCoreApplication::instance()->thread());
                                submitted = report;
                            });
        QTRY_VERIFY_WITH_TIMEOUT(submitted.has_value(), 10000);
        QVERIFY2(submitted->ok(), qPrintable(submitted->error().message));
        QCOMPARE((*submitted)->jobIds, (QStringList{QStringLiteral("a"), QStringLiteral("b")}));
        QTRY_COMPARE_WITH_TIMEOUT(toString(jobs.value(QStringLiteral("b")).state), toString(JobState::Succeeded), 20000);
    }

    // Whether an answer came within 10 s (the event loop runs meanwhile).
    template<typename T>
    static bool waitFor(const std::optional<T> &answer)
    {
        return QTest::qWaitFor([&answer] { return answer.has_value(); }, 10000);
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        qputenv("ORCHESTRATOR_TOOLS_FILE", "/nonexistent/tools.json");
    }

    void queriesAnswerInTheCallersThread()
    {
        const QString db = m_dir.filePath(QStringLiteral("queries/state.db"));
        Session session;
        QHash<QString, JobRecord> jobs;
        runTwoJobs(session, jobs, db);
        if (QTest::currentTestFailed())
            return;

        std::optional<Result<JobDetails>> details;
        session.queryJobDetails(QStringLiteral("b"), this, [&details](const Result<JobDetails> &answer) {
            QCOMPARE(QThread::currentThread(), QCoreApplication::instance()->thread());
            details = answer;
        });
        QVERIFY(waitFor(details));
        QVERIFY2(details->ok(), qPrintable(details->error().message));
        QCOMPARE((*details)->job.jobId, QStringLiteral("b"));
        QVERIFY((*details)->job.spec.contains("--print"));   // the full record, spec included
        QCOMPARE((*details)->dependencies, QStringList{QStringLiteral("a")});
        QCOMPARE((*details)->attempts.size(), 1);
        QVERIFY(!(*details)->why.isEmpty());

        std::optional<Result<RunGraphData>> graph;
        session.queryRunGraph(QStringLiteral("session-run"), this, [&graph](const Result<RunGraphData> &answer) { graph = answer; });
        QVERIFY(waitFor(graph));
        QVERIFY2(graph->ok(), qPrintable(graph->error().message));
        QCOMPARE((*graph)->jobs.size(), 2);
        QCOMPARE((*graph)->dependencies.size(), 1);
        QCOMPARE((*graph)->dependencies.first(), std::make_pair(QStringLiteral("b"), QStringLiteral("a")));

        std::optional<Result<RunTimelineData>> timeline;
        session.queryRunTimeline(QStringLiteral("session-run"), this,
                                 [&timeline](const Result<RunTimelineData> &answer) { timeline = answer; });
        QVERIFY(waitFor(timeline));
        QVERIFY2(timeline->ok(), qPrintable(timeline->error().message));
        QCOMPARE((*timeline)->attempts.size(), 2);

        std::optional<Result<QList<EngineRecord>>> workers;
        session.queryWorkers(this, [&workers](const Result<QList<EngineRecord>> &answer) { workers = answer; });
        QVERIFY(waitFor(workers));
        QVERIFY2(workers->ok(), qPrintable(workers->error().message));
        QCOMPARE((*workers)->size(), 1);

        std::optional<Result<JobDetails>> missing;
        session.queryJobDetails(QStringLiteral("nope"), this, [&missing](const Result<JobDetails> &answer) { missing = answer; });
        QVERIFY(waitFor(missing));
        QVERIFY(!missing->ok());
        QCOMPARE(int(missing->error().code), int(ErrorCode::NotFound));
    }

    void commandsReportWhatTheyDid()
    {
        const QString db = m_dir.filePath(QStringLiteral("commands/state.db"));
        Session session;
        QHash<QString, JobRecord> jobs;
        runTwoJobs(session, jobs, db);
        if (QTest::currentTestFailed())
            return;
        std::optional<JobCommandReport> report;
        session.cancel({QStringLiteral("a"), QStringLiteral("nope")}, this, [&report](const JobCommandReport &r) { report = r; });
        QTRY_VERIFY_WITH_TIMEOUT(report.has_value(), 10000);
        QVERIFY(report->acted.isEmpty());             // a has ended; nope does not exist
        QCOMPARE(report->problems.size(), 2);
        report.reset();
        session.retry({QStringLiteral("a")}, this, [&report](const JobCommandReport &r) { report = r; });
        QTRY_VERIFY_WITH_TIMEOUT(report.has_value(), 10000);
        QVERIFY(report->acted.isEmpty());             // it succeeded: nothing to retry
        QCOMPARE(report->problems.size(), 1);
    }

    // Answers come in the order asked: once a later one has arrived, an
    // earlier one for a destroyed context was dropped, not delivered.
    void answersToADestroyedContextAreDropped()
    {
        const QString db = m_dir.filePath(QStringLiteral("dropped/state.db"));
        Session session;
        QHash<QString, JobRecord> jobs;
        runTwoJobs(session, jobs, db);
        if (QTest::currentTestFailed())
            return;
        bool called = false;
        auto *gone = new QObject;
        session.queryJobDetails(QStringLiteral("a"), gone, [&called](const Result<JobDetails> &) { called = true; });
        delete gone;
        std::optional<Result<JobDetails>> later;
        session.queryJobDetails(QStringLiteral("a"), this, [&later](const Result<JobDetails> &answer) { later = answer; });
        QVERIFY(waitFor(later));
        QVERIFY(!called);
    }

    // The dashboard's "run again": a succeeded job resubmitted through the
    // session runs as a new job; the feed brings both records with their
    // lineage (the old one changes although its state does not).
    void resubmitRunsAgainWithLineage()
    {
        const QString db = m_dir.filePath(QStringLiteral("resubmit/state.db"));
        Session session;
        QHash<QString, JobRecord> jobs;
        runTwoJobs(session, jobs, db);
        if (QTest::currentTestFailed())
            return;
        std::optional<Result<QJsonObject>> spec;
        session.queryResubmitSpec({.jobId = QStringLiteral("a")}, this, [&spec](const Result<QJsonObject> &answer) { spec = answer; });
        QVERIFY(waitFor(spec));
        QVERIFY2(spec->ok(), qPrintable(spec->error().message));
        QCOMPARE((*spec)->value(QStringLiteral("job_id")).toString(), QStringLiteral("a-r2"));

        std::optional<Result<SubmitReport>> report;
        session.resubmit({.jobId = QStringLiteral("a")}, this, [&report](const Result<SubmitReport> &answer) {
            QCOMPARE(QThread::currentThread(), QCoreApplication::instance()->thread());
            report = answer;
        });
        QVERIFY(waitFor(report));
        QVERIFY2(report->ok(), qPrintable(report->error().message));
        QCOMPARE((*report)->jobIds, QStringList{QStringLiteral("a-r2")});
        QTRY_COMPARE_WITH_TIMEOUT(toString(jobs.value(QStringLiteral("a-r2")).state), toString(JobState::Succeeded), 20000);
        QCOMPARE(jobs.value(QStringLiteral("a-r2")).resubmittedFrom, QStringLiteral("a"));
        QTRY_COMPARE_WITH_TIMEOUT(jobs.value(QStringLiteral("a")).resubmittedAs, QStringList{QStringLiteral("a-r2")}, 10000);
        QCOMPARE(toString(jobs.value(QStringLiteral("a")).state), toString(JobState::Succeeded));

        std::optional<Result<JobDetails>> details;
        session.queryJobDetails(QStringLiteral("a-r2"), this, [&details](const Result<JobDetails> &answer) { details = answer; });
        QVERIFY(waitFor(details));
        QVERIFY2(details->ok(), qPrintable(details->error().message));
        QCOMPARE((*details)->job.resubmittedFrom, QStringLiteral("a"));
        QCOMPARE((*details)->attempts.size(), 1);

        std::optional<Result<SubmitReport>> missing;
        session.resubmit({.jobId = QStringLiteral("nope")}, this, [&missing](const Result<SubmitReport> &answer) { missing = answer; });
        QVERIFY(waitFor(missing));
        QVERIFY(!missing->ok());
        QCOMPARE(int(missing->error().code), int(ErrorCode::NotFound));
    }

    // When the process's connections of the file are asked to reopen, the
    // query connection closes with the engine's and the feed's, so that the
    // request can complete, and queries work again after it.
    void queriesFollowTheReopenRule()
    {
        const QString db = m_dir.filePath(QStringLiteral("reopen/state.db"));
        Session session;
        QHash<QString, JobRecord> jobs;
        runTwoJobs(session, jobs, db);
        if (QTest::currentTestFailed())
            return;
        std::optional<Result<JobDetails>> before;
        session.queryJobDetails(QStringLiteral("a"), this, [&before](const Result<JobDetails> &answer) { before = answer; });
        QVERIFY(waitFor(before));
        QVERIFY(before->ok());
        const int open = DatabaseFiles::openConnections(db);
        QVERIFY2(open >= 3, qPrintable(QString::number(open)));   // the engine's, the feed's, the queries'

        QVERIFY(DatabaseFiles::requestReopen(db));
        QTRY_VERIFY_WITH_TIMEOUT(!DatabaseFiles::reopenPending(db), 10000);
        std::optional<Result<JobDetails>> after;
        QTRY_VERIFY_WITH_TIMEOUT(
            [&] {
                after.reset();
                session.queryJobDetails(QStringLiteral("a"), this, [&after](const Result<JobDetails> &answer) { after = answer; });
                return waitFor(after) && after->ok();
            }(),
            10000);
        QCOMPARE(toString((*after)->job.state), toString(JobState::Succeeded));
    }
};

QTEST_MAIN(TestSession)
#include "tst_session.moc"
