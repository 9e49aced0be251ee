// The jobs table model fed by JobFeed from a real database: every change is
// applied narrowly (inserts in one batch, dataChanged for the changed rows
// only) and the model is never reset. Runs under QAbstractItemModelTester.

#include <QAbstractItemModelTester>
#include <QJsonArray>
#include <QJsonObject>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

#include "api/jobfeed.h"
#include "models/jobfilterproxy.h"
#include "models/jobtablemodel.h"
#include "models/workstreammodel.h"
#include "scheduling/transitions.h"
#include "store/database.h"
#include "store/jobstore.h"
#include "submit/submission.h"
#include "tools/toolregistry.h"
#include "testsupport.h"

using namespace Orchestrator;
using namespace Orchestrator::Ui;

class TestJobTableModel final : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    int m_counter = 0;

    void submit(JobStore &store, const QStringList &ids, const QString &dependency = {}, const QString &runId = QStringLiteral("run-model"),
                const QString &runTitle = {})
    {
        auto tools = ToolRegistry::load();
        QVERIFY(tools.ok());
        SubmitOptions options;
        options.dataDirectory = m_dir.path();
        options.runId = runId;
        options.runTitle = runTitle;
        Submission submission(*tools, options);
        for (const QString &id : ids) {
            QJsonObject job{{QStringLiteral("job_id"), id},
                            {QStringLiteral("tool"), QStringLiteral("shell")},
                            {QStringLiteral("command"), QJsonObject{{QStringLiteral("exe"), QStringLiteral("true")}}}};
            if (!dependency.isEmpty())
                job.insert(QStringLiteral("dependencies"), QJsonArray{dependency});
            submission.addFile(TestSupport::writeJson(m_dir.filePath(QStringLiteral("jobs-%1/%2.json").arg(m_counter).arg(id)), job));
        }
        auto report = submission.commit(store);
        QVERIFY2(report.ok(), qPrintable(report.error().message));
    }

private Q_SLOTS:
    void initTestCase() { qputenv("ORCHESTRATOR_TOOLS_FILE", "/nonexistent/tools.json"); }

    void followsTheDatabaseNarrowly()
    {
        const QString dbPath = m_dir.filePath(QStringLiteral("db-%1/model.db").arg(++m_counter));
        auto writerDb = Database::open(dbPath);
        QVERIFY(writerDb.ok());
        JobStore writer(writerDb->connection());
        submit(writer, {QStringLiteral("a"), QStringLiteral("b"), QStringLiteral("c"), QStringLiteral("d")});

        JobTableModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        JobFeed feed;
        QVERIFY(feed.open(dbPath).ok());
        connect(&feed, &JobFeed::snapshot, &model, &JobTableModel::applyJobs);
        connect(&feed, &JobFeed::jobsUpdated, &model, &JobTableModel::applyJobs);
        QSignalSpy resets(&model, &QAbstractItemModel::modelAboutToBeReset);
        QSignalSpy inserts(&model, &QAbstractItemModel::rowsInserted);
        QSignalSpy changes(&model, &QAbstractItemModel::dataChanged);

        feed.start(60000);   // polled by hand below
        QCOMPARE(model.rowCount(), 4);
        QCOMPARE(inserts.count(), 1);   // the snapshot is one batch
        QCOMPARE(model.data(model.index(0, JobTableModel::IdColumn)).toString(), QStringLiteral("a"));
        QCOMPARE(model.data(model.index(0, JobTableModel::StateColumn)).toString(), QStringLiteral("Queued"));

        // Another connection (as another process would) changes one job.
        QVERIFY(writer.begin().ok());
        QVERIFY(Transitions::cancel(writer, QStringLiteral("c")).ok());
        QVERIFY(writer.commit().ok());
        QCOMPARE(feed.poll(), 1);
        QCOMPARE(changes.count(), 1);
        const QModelIndex topLeft = changes.first().at(0).toModelIndex();
        const QModelIndex bottomRight = changes.first().at(1).toModelIndex();
        QCOMPARE(topLeft.row(), 2);
        QCOMPARE(bottomRight.row(), 2);
        QCOMPARE(model.data(model.index(2, JobTableModel::StateColumn)).toString(), QStringLiteral("Cancelled"));
        QCOMPARE(model.data(model.index(2, JobTableModel::StateColumn), JobTableModel::SortRole).toInt(), int(JobState::Cancelled));

        // New jobs arrive as one insert at the end; known rows keep their place.
        ++m_counter;
        submit(writer, {QStringLiteral("e"), QStringLiteral("f")}, QStringLiteral("a"));
        QCOMPARE(feed.poll(), 2);
        QCOMPARE(model.rowCount(), 6);
        QCOMPARE(inserts.count(), 2);
        QCOMPARE(model.rowOf(QStringLiteral("f")), 5);
        QCOMPARE(model.data(model.index(5, JobTableModel::StateColumn)).toString(), QStringLiteral("Waiting"));

        // Nothing new: nothing emitted.
        const int before = int(changes.count());
        QCOMPARE(feed.poll(), 0);
        QCOMPARE(changes.count(), before);
        QCOMPARE(resets.count(), 0);
    }

    void workstreamProgressFollowsBatches()
    {
        WorkstreamModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        auto record = [](const QString &id, const QString &ws, JobState state) {
            JobRecord job;
            job.jobId = id;
            job.runId = QStringLiteral("run-1");
            job.workstreamId = ws;
            job.state = state;
            return job;
        };
        model.applyJobs({record(QStringLiteral("a"), QStringLiteral("ws-1"), JobState::Queued),
                         record(QStringLiteral("b"), QStringLiteral("ws-1"), JobState::Queued),
                         record(QStringLiteral("c"), QStringLiteral("ws-2"), JobState::Waiting)});
        QCOMPARE(model.rowCount(), 1);
        const QModelIndex run = model.index(0, 0);
        QCOMPARE(model.rowCount(run), 2);
        const QModelIndex ws1 = model.index(0, 0, run);
        QCOMPARE(ws1.data().toString(), QStringLiteral("ws-1"));
        QCOMPARE(ws1.siblingAtColumn(WorkstreamModel::ProgressColumn).data().toString(), QStringLiteral("0/2"));

        QSignalSpy resets(&model, &QAbstractItemModel::modelAboutToBeReset);
        model.applyJobs({record(QStringLiteral("a"), QStringLiteral("ws-1"), JobState::Succeeded),
                         record(QStringLiteral("b"), QStringLiteral("ws-1"), JobState::Failed)});
        QCOMPARE(ws1.siblingAtColumn(WorkstreamModel::ProgressColumn).data().toString(), QStringLiteral("2/2"));
        QCOMPARE(ws1.siblingAtColumn(WorkstreamModel::FailedColumn).data().toString(), QStringLiteral("1"));
        QCOMPARE(run.siblingAtColumn(WorkstreamModel::ProgressColumn).data().toString(), QStringLiteral("2/3"));
        QCOMPARE(resets.count(), 0);
    }

    // A run with a title shows it in the tree instead of its id (the id is
    // the tooltip and stays the run's key); a new title from a later
    // submission changes that one item only.
    void workstreamTreeShowsRunTitles()
    {
        const QString dbPath = m_dir.filePath(QStringLiteral("db-%1/titles.db").arg(++m_counter));
        auto writerDb = Database::open(dbPath);
        QVERIFY(writerDb.ok());
        JobStore writer(writerDb->connection());
        submit(writer, {QStringLiteral("t1")}, {}, QStringLiteral("run-titled"), QStringLiteral("Nightly refactor"));
        ++m_counter;
        submit(writer, {QStringLiteral("u1")}, {}, QStringLiteral("run-plain"));

        WorkstreamModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        JobFeed feed;
        QVERIFY(feed.open(dbPath).ok());
        connect(&feed, &JobFeed::runTitlesUpdated, &model, &WorkstreamModel::setRunTitles);
        connect(&feed, &JobFeed::snapshot, &model, &WorkstreamModel::applyJobs);
        connect(&feed, &JobFeed::jobsUpdated, &model, &WorkstreamModel::applyJobs);
        feed.start(60000);   // polled by hand below
        QCOMPARE(model.rowCount(), 2);
        auto runIndex = [&model](const QString &runId) {
            for (int row = 0; row < model.rowCount(); ++row) {
                const QModelIndex index = model.index(row, WorkstreamModel::NameColumn);
                if (index.data(WorkstreamModel::RunIdRole).toString() == runId)
                    return index;
            }
            return QModelIndex();
        };
        const QModelIndex titled = runIndex(QStringLiteral("run-titled"));
        const QModelIndex plain = runIndex(QStringLiteral("run-plain"));
        QVERIFY(titled.isValid() && plain.isValid());
        QCOMPARE(titled.data().toString(), QStringLiteral("Nightly refactor"));
        QCOMPARE(titled.data(Qt::ToolTipRole).toString(), QStringLiteral("run-titled"));
        QCOMPARE(plain.data().toString(), QStringLiteral("run-plain"));
        QVERIFY(plain.data(Qt::ToolTipRole).toString().isEmpty());

        QSignalSpy resets(&model, &QAbstractItemModel::modelAboutToBeReset);
        QSignalSpy changes(&model, &QAbstractItemModel::dataChanged);
        ++m_counter;
        submit(writer, {QStringLiteral("t2")}, {}, QStringLiteral("run-titled"), QStringLiteral("Weekend refactor"));
        QCOMPARE(feed.poll(), 1);
        QCOMPARE(titled.data().toString(), QStringLiteral("Weekend refactor"));
        QCOMPARE(plain.data().toString(), QStringLiteral("run-plain"));
        for (const QList<QVariant> &change : std::as_const(changes)) {
            const QModelIndex index = change.at(0).toModelIndex();
            QVERIFY2(index.parent().isValid() || index.row() == titled.row(), "an untouched run was changed");
        }
        QCOMPARE(resets.count(), 0);

        // A submission without a title leaves the run's title as it was.
        ++m_counter;
        submit(writer, {QStringLiteral("t3")}, {}, QStringLiteral("run-titled"));
        QCOMPARE(feed.poll(), 1);
        QCOMPARE(titled.data().toString(), QStringLiteral("Weekend refactor"));
    }

    void filterProxyNarrowsRows()
    {
        JobTableModel model;
        JobFilterProxy proxy;
        proxy.setSourceModel(&model);
        QAbstractItemModelTester tester(&proxy, QAbstractItemModelTester::FailureReportingMode::QtTest);
        QList<JobRecord> jobs;
        for (int i = 0; i < 6; ++i) {
            JobRecord job;
            job.jobId = QStringLiteral("job-%1").arg(i);
            job.runId = QStringLiteral("run-1");
            job.workstreamId = i < 3 ? QStringLiteral("ws-a") : QStringLiteral("ws-b");
            job.tool = i % 2 ? QStringLiteral("aider") : QStringLiteral("shell");
            job.state = i == 5 ? JobState::Failed : JobState::Queued;
            job.priority = i == 4 ? Priority::High : Priority::Normal;
            jobs.append(job);
        }
        model.applyJobs(jobs);
        QCOMPARE(proxy.rowCount(), 6);
        proxy.setState(int(JobState::Failed));
        QCOMPARE(proxy.rowCount(), 1);
        proxy.setState(-1);
        proxy.setTool(QStringLiteral("aider"));
        QCOMPARE(proxy.rowCount(), 3);
        proxy.setTool({});
        proxy.setScope(QStringLiteral("run-1"), QStringLiteral("ws-b"));
        QCOMPARE(proxy.rowCount(), 3);
        proxy.setText(QStringLiteral("JOB-4"));
        QCOMPARE(proxy.rowCount(), 1);
        proxy.setText({});
        proxy.setScope({}, {});
        proxy.setPriority(int(Priority::High));
        QCOMPARE(proxy.rowCount(), 1);
        // A live change moves a row in or out of the filtered view.
        proxy.setPriority(-1);
        proxy.setState(int(JobState::Failed));
        JobRecord changed = jobs.at(0);
        changed.state = JobState::Failed;
        model.applyJobs({changed});
        QCOMPARE(proxy.rowCount(), 2);
    }

    void sortValuesAreRaw()
    {
        JobTableModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        JobRecord low;
        low.jobId = QStringLiteral("low");
        low.priority = Priority::Low;
        low.attempts = 10;
        JobRecord high;
        high.jobId = QStringLiteral("high");
        high.priority = Priority::High;
        high.attempts = 9;
        model.applyJobs({low, high});
        // By text "10/1" < "9/1"; by value 10 > 9.
        QVERIFY(model.data(model.index(0, JobTableModel::AttemptColumn), JobTableModel::SortRole).toInt()
                > model.data(model.index(1, JobTableModel::AttemptColumn), JobTableModel::SortRole).toInt());
        QVERIFY(model.data(model.index(0, JobTableModel::PriorityColumn), JobTableModel::SortRole).toInt()
                < model.data(model.index(1, JobTableModel::PriorityColumn), JobTableModel::SortRole).toInt());
    }
};

QTEST_MAIN(TestJobTableModel)
#include "tst_jobtablemodel.moc"
