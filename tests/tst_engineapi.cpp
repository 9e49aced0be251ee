// The embedding API, used the way README's example uses it.

#include <QDir>
#include <QJsonArray>
#include <QJsonObject>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QSignalSpy>
#include <QTest>

#include "api/engine.h"
#include "api/joblogreader.h"
#include "spec/jobspec.h"
#include "testsupport.h"

using namespace Orchestrator;
using namespace TestSupport;

class TestEngineApi final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { qputenv("ORCHESTRATOR_TOOLS_FILE", "/nonexistent/tools.json"); }

    void submitRunWaitAndQuery()
    {
        QTemporaryDir dir;
        for (const QString &id : {QStringLiteral("api-1"), QStringLiteral("api-2")}) {
            writeJson(dir.filePath(QStringLiteral("jobs/%1.json").arg(id)),
                      QJsonObject{{QStringLiteral("job_id"), id},
                                  {QStringLiteral("tool"), QStringLiteral("shell")},
                                  {QStringLiteral("command"), QJsonObject{{QStringLiteral("exe"), testHelper()},
                                                                          {QStringLiteral("args"), QJsonArray{QStringLiteral("--print"), id}}}},
                                  {QStringLiteral("dependencies"), id == QLatin1String("api-2") ? QJsonArray{QStringLiteral("api-1")} : QJsonArray{}}});
        }
        Engine engine;
        QSignalSpy changed(&engine, &Engine::jobsChanged);
        Status opened = engine.open(dir.filePath(QStringLiteral("state/api.db")));
        QVERIFY2(opened.ok(), qPrintable(opened.error().message));
        SubmitOptions options;
        options.priority = Priority::High;
        options.runId = QStringLiteral("api-run");
        auto report = engine.submit({dir.filePath(QStringLiteral("jobs"))}, options);
        QVERIFY2(report.ok(), qPrintable(report.error().message));
        QCOMPARE(report->jobIds.size(), 2);
        QVERIFY(!engine.isEmpty());

        engine.start(2);
        QVERIFY(engine.waitUntilEmpty(20000));
        auto status = engine.status(QStringLiteral("api-2"));
        QVERIFY(status.ok());
        QCOMPARE(toString(status->job.state), toString(JobState::Succeeded));
        QCOMPARE(toString(status->job.priority), toString(Priority::High));
        QCOMPARE(status->dependencies, QStringList{QStringLiteral("api-1")});
        QCOMPARE(status->attempts.size(), 1);
        QVERIFY(changed.count() > 0);

        auto runs = engine.runs();
        QVERIFY(runs.ok());
        QCOMPARE(runs->size(), 1);
        QCOMPARE(runs->first().runId, QStringLiteral("api-run"));
        QCOMPARE(runs->first().stateCounts.value(QStringLiteral("succeeded")), 2);
        engine.stop();
        QVERIFY(!engine.isRunning());

        auto missing = engine.status(QStringLiteral("nope"));
        QVERIFY(!missing.ok());
        QVERIFY(missing.error().code == ErrorCode::NotFound);
    }

    void priorityOfWaitingJobsCanChange()
    {
        QTemporaryDir dir;
        writeFile(dir.filePath(QStringLiteral("jobs/p.json")), R"({"job_id":"p","tool":"shell","command":{"exe":"true"}})");
        Engine engine;
        QVERIFY(engine.open(dir.filePath(QStringLiteral("prio.db"))).ok());
        QVERIFY(engine.pause().ok());
        QVERIFY(engine.submit({dir.filePath(QStringLiteral("jobs"))}).ok());
        auto changed = engine.setPriority(QStringLiteral("p"), Priority::Critical);
        QVERIFY2(changed.ok(), qPrintable(changed.error().message));
        QCOMPARE(toString(engine.status(QStringLiteral("p"))->job.priority), QStringLiteral("critical"));
        QVERIFY(engine.resume().ok());
        engine.start(1);
        QVERIFY(engine.waitUntilEmpty(10000));
        auto late = engine.setPriority(QStringLiteral("p"), Priority::Low);
        QVERIFY(!late.ok());
        QVERIFY(late.error().code == ErrorCode::Conflict);
        engine.stop();
    }

    void invalidFilesQueueNothing()
    {
        QTemporaryDir dir;
        writeFile(dir.filePath(QStringLiteral("jobs/good.json")), R"({"job_id":"good","tool":"shell","command":{"exe":"true"}})");
        writeFile(dir.filePath(QStringLiteral("jobs/bad.json")), R"({"job_id":"bad","tool":"shell","priority":"urgent"})");
        Engine engine;
        QVERIFY(engine.open(dir.filePath(QStringLiteral("api.db"))).ok());
        auto report = engine.submit({dir.filePath(QStringLiteral("jobs"))});
        QVERIFY(!report.ok());
        QVERIFY2(report.error().message.contains(QStringLiteral("bad.json: /priority:")), qPrintable(report.error().message));
        QVERIFY(engine.jobs()->isEmpty());
    }

    // A client engine (commands and queries) on a file that is not there
    // creates nothing: a mistyped path does not look like an empty queue.
    void openingWithoutCreating()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("typo.db"));
        Engine engine;
        EngineOptions options;
        options.worksQueue = false;
        options.createIfMissing = false;
        const Status opened = engine.open(path, options);
        QVERIFY(!opened.ok());
        QVERIFY(opened.error().code == ErrorCode::NotFound);
        QVERIFY(!QFileInfo::exists(path));
        QVERIFY(engine.status(QStringLiteral("x")).error().code == ErrorCode::Usage);   // not open
    }

    // validate writes nothing; a batch retry reports what it could not do
    // apart from what it did; queueToRun runs an unchanged succeeded job
    // again; the log is read through the engine.
    void validateBatchesAndRunAgain()
    {
        QTemporaryDir dir;
        const QString file = writeJson(dir.filePath(QStringLiteral("jobs/again.json")),
                                       QJsonObject{{QStringLiteral("job_id"), QStringLiteral("again")},
                                                   {QStringLiteral("tool"), QStringLiteral("shell")},
                                                   {QStringLiteral("command"), QJsonObject{{QStringLiteral("exe"), testHelper()},
                                                                                           {QStringLiteral("args"), QJsonArray{QStringLiteral("--print"), QStringLiteral("hello")}}}}});
        Engine engine;
        QVERIFY(engine.open(dir.filePath(QStringLiteral("again.db"))).ok());
        auto checked = engine.validate({file});
        QVERIFY2(checked.ok(), qPrintable(checked.error().message));
        QCOMPARE(checked->size(), 1);
        QVERIFY(engine.jobs()->isEmpty());

        auto spec = loadJobFile(file);
        QVERIFY(spec.ok());
        auto queued = engine.queueToRun(*spec);
        QVERIFY2(queued.ok(), qPrintable(queued.error().message));
        QCOMPARE(toString(queued->job.state), QStringLiteral("queued"));
        engine.start(1);
        QVERIFY(engine.waitUntilEmpty(20000));
        QCOMPARE(toString(engine.job(QStringLiteral("again"))->state), QStringLiteral("succeeded"));

        auto batch = engine.retryJobs({QStringLiteral("again"), QStringLiteral("nope")});
        QVERIFY(batch.ok());
        QCOMPARE(batch->acted, 0);
        QCOMPARE(batch->problems.size(), 2);

        auto again = engine.queueToRun(*spec);
        QVERIFY2(again.ok(), qPrintable(again.error().message));
        QVERIFY(engine.waitUntilEmpty(20000));
        auto status = engine.status(QStringLiteral("again"));
        QCOMPARE(toString(status->job.state), QStringLiteral("succeeded"));
        QCOMPARE(status->attempts.size(), 2);

        QByteArray log;
        JobLogReader reader(engine, status->job);
        reader.readNew([&log](const QByteArray &bytes) { log += bytes; });
        QVERIFY2(log.contains("hello"), log.constData());
        engine.stop();
    }

    // Engine::resubmit: the copy starts from the old spec as the old job ran
    // (its run, its priority now, where it ran, its dependencies), so it
    // does not depend on where it is resubmitted from; a job not final yet is
    // duplicated; dependencies no longer in the database are dropped.
    void resubmitStartsFromTheOldSpec()
    {
        QTemporaryDir dir;
        const QString repo = dir.filePath(QStringLiteral("repo"));
        QVERIFY(QDir().mkpath(repo));
        auto helper = [](const QString &id, const QJsonArray &deps) {
            return QJsonObject{{QStringLiteral("job_id"), id},
                               {QStringLiteral("tool"), QStringLiteral("shell")},
                               {QStringLiteral("command"), QJsonObject{{QStringLiteral("exe"), QStringLiteral("true")}}},
                               {QStringLiteral("depends_on"), deps}};
        };
        const QString db = dir.filePath(QStringLiteral("resubmit.db"));
        Engine engine;
        QVERIFY(engine.open(db).ok());
        QVERIFY(engine.pause().ok());
        SubmitOptions options;
        options.runId = QStringLiteral("first");
        options.priority = Priority::High;
        options.workingDirectory = repo;   // no repo_root: the submitter's directory
        auto report = engine.submitObjects({helper(QStringLiteral("up"), {}), helper(QStringLiteral("down"), {QStringLiteral("up")})},
                                           QStringLiteral("form"), options);
        QVERIFY2(report.ok(), qPrintable(report.error().message));

        auto copy = engine.resubmitSpec({.jobId = QStringLiteral("down")});
        QVERIFY2(copy.ok(), qPrintable(copy.error().message));
        QCOMPARE(copy->value(QStringLiteral("job_id")).toString(), QStringLiteral("down-r2"));
        QCOMPARE(copy->value(QStringLiteral("run_id")).toString(), QStringLiteral("first"));
        QCOMPARE(copy->value(QStringLiteral("priority")).toString(), QStringLiteral("high"));
        QCOMPARE(copy->value(QStringLiteral("paths")).toObject().value(QStringLiteral("repo_root")).toString(), repo);
        QCOMPARE(copy->value(QStringLiteral("depends_on")).toArray(), QJsonArray{QStringLiteral("up")});
        QVERIFY(engine.jobs()->size() == 2);   // asking writes nothing

        // Not final yet (waiting on "up"): a duplicate, waiting too.
        auto again = engine.resubmit({.jobId = QStringLiteral("down")});
        QVERIFY2(again.ok(), qPrintable(again.error().message));
        QCOMPARE(again->jobIds, QStringList{QStringLiteral("down-r2")});
        QCOMPARE(again->waiting, 1);
        auto status = engine.status(QStringLiteral("down-r2"));
        QVERIFY(status.ok());
        QCOMPARE(status->job.runId, QStringLiteral("first"));
        QCOMPARE(toString(status->job.priority), QStringLiteral("high"));
        QCOMPARE(status->job.repoRoot, repo);
        QCOMPARE(status->dependencies, QStringList{QStringLiteral("up")});
        QCOMPARE(status->job.resubmittedFrom, QStringLiteral("down"));
        QCOMPARE(toString(engine.job(QStringLiteral("down"))->state), QStringLiteral("waiting"));   // left as it was
        QCOMPARE(engine.job(QStringLiteral("down"))->resubmittedAs, QStringList{QStringLiteral("down-r2")});

        // An edited spec in another run; the job id the edit names is kept.
        QJsonObject edited = *copy;
        edited.insert(QStringLiteral("job_id"), QStringLiteral("down-edited"));
        edited.insert(QStringLiteral("depends_on"), QJsonArray());
        auto other = engine.resubmit({.jobId = QStringLiteral("down"), .spec = edited, .runId = QStringLiteral("second")});
        QVERIFY2(other.ok(), qPrintable(other.error().message));
        QCOMPARE(other->jobIds, QStringList{QStringLiteral("down-edited")});
        QCOMPARE(other->runIds, QStringList{QStringLiteral("second")});
        QCOMPARE(other->queued, 1);
        QCOMPARE(engine.job(QStringLiteral("down"))->resubmittedAs, (QStringList{QStringLiteral("down-r2"), QStringLiteral("down-edited")}));

        // Validated as any form: nothing is written when it is invalid.
        edited.insert(QStringLiteral("job_id"), QStringLiteral("down-bad"));
        edited.insert(QStringLiteral("priority"), QStringLiteral("urgent"));
        auto bad = engine.resubmit({.jobId = QStringLiteral("down"), .spec = edited, .sourceName = QStringLiteral("my edit")});
        QVERIFY(!bad.ok());
        QVERIFY(bad.error().code == ErrorCode::Schema || bad.error().code == ErrorCode::Validation);
        QVERIFY2(bad.error().message.contains(QStringLiteral("my edit: /priority:")), qPrintable(bad.error().message));
        QCOMPARE(engine.jobs()->size(), 4);

        auto missing = engine.resubmit({.jobId = QStringLiteral("nope")});
        QVERIFY(!missing.ok());
        QCOMPARE(int(missing.error().code), int(ErrorCode::NotFound));

        // A dependency that is no longer in the database (a pruned or copied
        // file) is left out of the copy; the others are kept.
        {
            QSqlDatabase raw = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("prune"));
            raw.setDatabaseName(db);
            QVERIFY(raw.open());
            QSqlQuery prune(raw);
            for (const char *sql : {"PRAGMA foreign_keys = OFF", "DELETE FROM job_deps WHERE depends_on = 'up'",
                                    "DELETE FROM events WHERE job_id = 'up'", "DELETE FROM jobs WHERE job_id = 'up'"})
                QVERIFY2(prune.exec(QLatin1String(sql)), qPrintable(prune.lastError().text()));
            raw.close();
        }
        QSqlDatabase::removeDatabase(QStringLiteral("prune"));
        auto pruned = engine.resubmit({.jobId = QStringLiteral("down")});
        QVERIFY2(pruned.ok(), qPrintable(pruned.error().message));
        QCOMPARE(pruned->jobIds, QStringList{QStringLiteral("down-r3")});
        QCOMPARE(pruned->queued, 1);
        QVERIFY(engine.status(QStringLiteral("down-r3"))->dependencies.isEmpty());
    }
};

QTEST_GUILESS_MAIN(TestEngineApi)
#include "tst_engineapi.moc"
