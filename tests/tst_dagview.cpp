// The DAG view and `orchestrator graph` under the offscreen platform: a
// node click selects the job and the table follows (and back), states change
// colour live, workstreams collapse into one node and expand again, exports
// write real SVG/PNG/DOT files.

#include <QApplication>
#include <QGraphicsView>
#include <QImage>
#include <QItemSelectionModel>
#include <QJsonArray>
#include <QJsonObject>
#include <QProcess>
#include <QSignalSpy>
#include <QTableView>
#include <QTemporaryDir>
#include <QMenu>
#include <QTest>

#include "graph/rungraph.h"
#include "models/jobtablemodel.h"
#include "testsupport.h"
#include "views/dagscene.h"
#include "views/dagview.h"
#include "views/mainwindow.h"
#include "views/runviews.h"

using namespace Orchestrator;
using namespace Orchestrator::Ui;
using namespace TestSupport;

namespace {

JobRecord job(const QString &id, const QString &workstream, JobState state = JobState::Queued, qint64 seq = 0)
{
    JobRecord record;
    record.jobId = id;
    record.runId = QStringLiteral("run-1");
    record.workstreamId = workstream;
    record.tool = QStringLiteral("shell");
    record.state = state;
    record.seq = seq;
    return record;
}

// a -> b -> d, a -> c -> d, x (alone), in workstreams ws-1 (a, b, c) and ws-2 (d, x).
QList<JobRecord> diamond()
{
    return {job(QStringLiteral("a"), QStringLiteral("ws-1"), JobState::Succeeded, 1), job(QStringLiteral("b"), QStringLiteral("ws-1"), JobState::Running, 2),
            job(QStringLiteral("c"), QStringLiteral("ws-1"), JobState::Queued, 3), job(QStringLiteral("d"), QStringLiteral("ws-2"), JobState::Waiting, 4),
            job(QStringLiteral("x"), QStringLiteral("ws-2"), JobState::Queued, 5)};
}

QList<std::pair<QString, QString>> diamondDeps()
{
    return {{QStringLiteral("b"), QStringLiteral("a")}, {QStringLiteral("c"), QStringLiteral("a")},
            {QStringLiteral("d"), QStringLiteral("b")}, {QStringLiteral("d"), QStringLiteral("c")}};
}

QPoint viewportPointOf(DagView &view, const QString &jobId)
{
    const int node = view.scene()->graph().nodeIndex(jobId);
    return view.graphicsView()->mapFromScene(view.scene()->nodeRect(node).center());
}

bool waitForLayout(DagView &view)
{
    return QTest::qWaitFor([&view] { return !view.isLayingOut(); }, 10000);
}

} // namespace

class TestDagView final : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;

    int cli(const QStringList &args, QByteArray *output = nullptr)
    {
        QProcess process;
        process.start(cliPath(), args);
        process.waitForFinished(60000);
        if (output)
            *output = process.readAllStandardOutput() + process.readAllStandardError();
        return process.exitCode();
    }

private Q_SLOTS:
    void initTestCase() { qputenv("ORCHESTRATOR_TOOLS_FILE", "/nonexistent/tools.json"); }

    void clickSelectsAndHighlightsChains()
    {
        DagView view;
        view.resize(900, 600);
        view.show();
        view.setRun(QStringLiteral("run-1"), diamond(), diamondDeps());
        QVERIFY(waitForLayout(view));
        QCOMPARE(view.scene()->nodeCount(), 5);

        QSignalSpy selected(&view, &DagView::jobSelected);
        QTest::mouseClick(view.graphicsView()->viewport(), Qt::LeftButton, {}, viewportPointOf(view, QStringLiteral("b")));
        QCOMPARE(selected.size(), 1);
        QCOMPARE(selected.first().first().toString(), QStringLiteral("b"));
        const DagScene *scene = view.scene();
        auto lit = [scene](const char *id) { return scene->isHighlighted(scene->graph().nodeIndex(QString::fromLatin1(id))); };
        QVERIFY(lit("b"));
        QVERIFY(lit("a"));         // upstream
        QVERIFY(lit("d"));         // downstream
        QVERIFY(!lit("c"));        // a sibling: neither
        QVERIFY(!lit("x"));

        // Selecting from outside highlights without echoing the signal back.
        view.setSelectedJob(QStringLiteral("x"));
        QCOMPARE(selected.size(), 1);
        QVERIFY(lit("x"));
        QVERIFY(!lit("a"));
    }

    void statesChangeColourLive()
    {
        DagView view;
        view.setRun(QStringLiteral("run-1"), diamond(), diamondDeps());
        QVERIFY(waitForLayout(view));
        const int c = view.scene()->graph().nodeIndex(QStringLiteral("c"));
        QVERIFY(view.scene()->nodeState(c) == JobState::Queued);
        view.updateJobs({job(QStringLiteral("c"), QStringLiteral("ws-1"), JobState::Failed, 3)});
        QVERIFY(view.scene()->nodeState(c) == JobState::Failed);
        QCOMPARE(Graph::stateColorName(view.scene()->nodeState(c)), QStringLiteral("#c62828"));
        QVERIFY(!view.isLayingOut());      // a state change repaints, it does not relayout
    }

    // A node's menu offers Retry and Cancel only where they can act.
    void nodeMenuEnabledByState()
    {
        DagView view;
        QList<JobRecord> jobs = diamond();
        jobs[4].state = JobState::Failed;   // x
        view.setRun(QStringLiteral("run-1"), jobs, diamondDeps());
        QVERIFY(waitForLayout(view));
        auto enabled = [&view](const QString &jobId) {
            QMenu menu;
            view.fillNodeMenu(menu, view.scene()->graph().nodeIndex(jobId));
            QStringList shown;
            for (QAction *action : menu.actions()) {
                const QString text = action->text().remove(QLatin1Char('&'));
                if (text.startsWith(QLatin1String("Retry")) || text.startsWith(QLatin1String("Cancel")))
                    shown.append(text + (action->isEnabled() ? QStringLiteral("+") : QStringLiteral("-")));
            }
            return shown.join(u' ');
        };
        QCOMPARE(enabled(QStringLiteral("a")), QStringLiteral("Retry- Cancel-"));   // succeeded
        QCOMPARE(enabled(QStringLiteral("b")), QStringLiteral("Retry- Cancel+"));   // running
        QCOMPARE(enabled(QStringLiteral("x")), QStringLiteral("Retry+ Cancel-"));   // failed
        view.setWorkstreamCollapsed(QStringLiteral("ws-1"), true);
        QVERIFY(waitForLayout(view));
        QCOMPARE(enabled(QStringLiteral("a")), QStringLiteral("Retry its failed jobs- Cancel its jobs+"));
    }

    void collapsesAndExpandsWorkstreams()
    {
        DagView view;
        view.setRun(QStringLiteral("run-1"), diamond(), diamondDeps());
        QVERIFY(waitForLayout(view));
        view.setWorkstreamCollapsed(QStringLiteral("ws-1"), true);
        QVERIFY(waitForLayout(view));
        const Graph::RunGraph &graph = view.scene()->graph();
        QCOMPARE(view.scene()->nodeCount(), 3);              // ws-1, d, x
        const int group = graph.nodeIndex(QStringLiteral("b"));
        QVERIFY(graph.nodes.at(group).group);
        QCOMPARE(graph.nodes.at(group).jobs, 3);
        QCOMPARE(graph.nodes.at(group).done, 1);
        QVERIFY(graph.nodes.at(group).state == JobState::Running);
        QCOMPARE(graph.edges.size(), 1);                     // ws-1 -> d, once

        // The group's progress follows its jobs live.
        view.updateJobs({job(QStringLiteral("b"), QStringLiteral("ws-1"), JobState::Succeeded, 2),
                         job(QStringLiteral("c"), QStringLiteral("ws-1"), JobState::Succeeded, 3)});
        QCOMPARE(view.scene()->graph().nodes.at(group).done, 3);
        QVERIFY(view.scene()->nodeState(group) == JobState::Succeeded);

        // Finding a job inside a collapsed workstream expands it.
        QSignalSpy selected(&view, &DagView::jobSelected);
        QVERIFY(view.findJob(QStringLiteral("c")));
        QVERIFY(waitForLayout(view));
        QCOMPARE(view.scene()->nodeCount(), 5);
        QVERIFY(!view.isWorkstreamCollapsed(QStringLiteral("ws-1")));
        QCOMPARE(selected.size(), 1);
        QVERIFY(!view.findJob(QStringLiteral("no-such-job")));

        view.collapseAll();
        QVERIFY(waitForLayout(view));
        QCOMPARE(view.scene()->nodeCount(), 2);
        view.expandAll();
        QVERIFY(waitForLayout(view));
        QCOMPARE(view.scene()->nodeCount(), 5);
    }

    void exportsSvgAndPng()
    {
        DagView view;
        view.setRun(QStringLiteral("run-1"), diamond(), diamondDeps());
        QVERIFY(waitForLayout(view));
        QString error;
        const QString svg = m_dir.filePath(QStringLiteral("view.svg"));
        QVERIFY2(view.exportTo(svg, &error), qPrintable(error));
        const QByteArray text = readFile(svg);
        QVERIFY(text.startsWith("<?xml"));
        QCOMPARE(text.count("marker-end="), 4);      // one arrow per edge
        QVERIFY(text.contains(">d</text>"));
        const QString png = m_dir.filePath(QStringLiteral("view.png"));
        QVERIFY2(view.exportTo(png, &error), qPrintable(error));
        const QImage image(png);
        QVERIFY(!image.isNull());
        QVERIFY(image.width() > 100 && image.height() > 100);
        QVERIFY(!view.exportTo(m_dir.filePath(QStringLiteral("view.gif")), &error));
        QVERIFY(error.contains(QStringLiteral(".svg")));
    }

    void windowAndGraphFollowEachOther()
    {
        const QString db = m_dir.filePath(QStringLiteral("window/state.db"));
        auto jobFile = [this](const QString &id, const QJsonArray &deps) {
            return writeJson(m_dir.filePath(QStringLiteral("window/%1.json").arg(id)),
                             QJsonObject{{QStringLiteral("job_id"), id},
                                         {QStringLiteral("workstream_id"), QStringLiteral("ws-w")},
                                         {QStringLiteral("tool"), QStringLiteral("shell")},
                                         {QStringLiteral("depends_on"), deps},
                                         {QStringLiteral("command"), QJsonObject{{QStringLiteral("exe"), QStringLiteral("true")}}}});
        };
        const QStringList files{jobFile(QStringLiteral("w1"), {}), jobFile(QStringLiteral("w2"), {QStringLiteral("w1")}),
                                jobFile(QStringLiteral("w3"), {QStringLiteral("w1")})};
        QCOMPARE(cli(QStringList{QStringLiteral("--db"), db, QStringLiteral("submit"), QStringLiteral("--run-id"), QStringLiteral("run-w")} + files), 0);
        QCOMPARE(cli({QStringLiteral("--db"), db, QStringLiteral("pause")}), 0);

        DashboardOptions options;
        options.databasePath = db;
        options.startPaused = true;
        MainWindow window(options);
        window.resize(1200, 800);
        window.show();
        QTRY_COMPARE_WITH_TIMEOUT(window.jobsModel()->rowCount(), 3, 5000);
        window.showView(QStringLiteral("graph"));
        DagView *dag = window.runViews()->dag();
        QTRY_COMPARE_WITH_TIMEOUT(dag->scene()->nodeCount(), 3, 10000);
        QVERIFY(waitForLayout(*dag));
        QCOMPARE(dag->runId(), QStringLiteral("run-w"));
        QCOMPARE(dag->scene()->graph().edges.size(), 2);

        // Graph -> table.
        QTest::mouseClick(dag->graphicsView()->viewport(), Qt::LeftButton, {}, viewportPointOf(*dag, QStringLiteral("w2")));
        const QModelIndexList rows = window.jobsView()->selectionModel()->selectedRows(JobTableModel::IdColumn);
        QCOMPARE(rows.size(), 1);
        QCOMPARE(rows.first().data(JobTableModel::JobIdRole).toString(), QStringLiteral("w2"));
        // Table -> graph.
        window.selectJob(QStringLiteral("w3"));
        QCOMPARE(dag->selectedJob(), QStringLiteral("w3"));
        QCOMPARE(dag->scene()->currentNode(), dag->scene()->graph().nodeIndex(QStringLiteral("w3")));

        // A job added to the run by another process appears in the graph.
        const QString late = jobFile(QStringLiteral("w4"), {QStringLiteral("w3")});
        QCOMPARE(cli({QStringLiteral("--db"), db, QStringLiteral("submit"), QStringLiteral("--run-id"), QStringLiteral("run-w"), late}), 0);
        QTRY_COMPARE_WITH_TIMEOUT(dag->scene()->nodeCount(), 4, 10000);
        window.close();
    }

    void graphCommandWritesEveryFormat()
    {
        const QString db = m_dir.filePath(QStringLiteral("cli/state.db"));
        QStringList files;
        for (int i = 0; i < 6; ++i) {
            QJsonArray deps;
            if (i > 0)
                deps.append(QStringLiteral("g%1").arg((i - 1) / 2));
            files.append(writeJson(m_dir.filePath(QStringLiteral("cli/g%1.json").arg(i)),
                                   QJsonObject{{QStringLiteral("job_id"), QStringLiteral("g%1").arg(i)},
                                               {QStringLiteral("workstream_id"), QStringLiteral("ws-%1").arg(i % 2)},
                                               {QStringLiteral("tool"), QStringLiteral("shell")},
                                               {QStringLiteral("depends_on"), deps},
                                               {QStringLiteral("command"), QJsonObject{{QStringLiteral("exe"), QStringLiteral("true")}}}}));
        }
        QCOMPARE(cli(QStringList{QStringLiteral("--db"), db, QStringLiteral("submit"), QStringLiteral("--run-id"), QStringLiteral("run-g")} + files), 0);
        for (const char *suffix : {"svg", "png", "dot"}) {
            const QString out = m_dir.filePath(QStringLiteral("cli/graph.%1").arg(QLatin1String(suffix)));
            QByteArray output;
            QCOMPARE(cli({QStringLiteral("--db"), db, QStringLiteral("graph"), QStringLiteral("--run"), QStringLiteral("run-g"),
                          QStringLiteral("--out"), out},
                         &output),
                     0);
            QVERIFY2(output.contains("6 nodes, 5 edges; layout "), output.constData());
            QVERIFY2(output.contains(" ms, "), output.constData());
            QVERIFY(QFileInfo(out).size() > 100);
        }
        QVERIFY(readFile(m_dir.filePath(QStringLiteral("cli/graph.dot"))).contains("n0 -> n1;"));
        QVERIFY(!QImage(m_dir.filePath(QStringLiteral("cli/graph.png"))).isNull());
        QByteArray output;
        QCOMPARE(cli({QStringLiteral("--db"), db, QStringLiteral("graph"), QStringLiteral("--collapse-all"), QStringLiteral("--out"),
                      m_dir.filePath(QStringLiteral("cli/groups.svg"))},
                     &output),
                 0);
        QVERIFY2(output.contains("2 nodes, 2 edges"), output.constData());   // ws-0 -> ws-1 and back
        // Clear errors: a wrong suffix, an unknown run.
        QCOMPARE(cli({QStringLiteral("--db"), db, QStringLiteral("graph"), QStringLiteral("--out"), m_dir.filePath(QStringLiteral("x.gif"))}, &output), 2);
        QVERIFY(output.contains(".svg, .png or .dot"));
        QCOMPARE(cli({QStringLiteral("--db"), db, QStringLiteral("graph"), QStringLiteral("--run"), QStringLiteral("nope"), QStringLiteral("--out"),
                      m_dir.filePath(QStringLiteral("x.svg"))},
                     &output),
                 4);
        QVERIFY(output.contains("no run \"nope\""));
    }
};

QTEST_MAIN(TestDagView)
#include "tst_dagview.moc"
