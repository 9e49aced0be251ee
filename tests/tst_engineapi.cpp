// The embedding API, used the way README's example uses it.

#include <QJsonArray>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QSignalSpy>
#include <QTest>

#include "api/engine.h"
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
};

QTEST_GUILESS_MAIN(TestEngineApi)
#include "tst_engineapi.moc"
