// The DAG view and `orchestrator graph` under the offscreen platform: a
// node click selects the job and the table follows (and back), states change
// colour live, workstreams collapse into one node and expand again, exports
// write real SVG/PNG/DOT files. Big runs (500 and 2,000 jobs): Find zooms to
// a readable scale, collapsed workstreams stay labelled at Fit, collapsing
// and expanding keep the workstream centred, edges away from the selected
// or hovered node fade; the canvas follows the application's palette.

#include <QApplication>
#include <QFontInfo>
#include <QGraphicsItem>
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
    return QTest::qWaitFor([&view] { return !view.isLayingOut(); }, 30000);
}

QString bigId(int i) { return QStringLiteral("big-%1").arg(i, 4, 10, QLatin1Char('0')); }

// As .ci/screenshots builds its big run: workstreams of 50 jobs in ten
// layers of five; each job needs one of the layer above, each workstream's
// first layer the last job of an earlier workstream. Every seventh job runs.
std::pair<QList<JobRecord>, QList<std::pair<QString, QString>>> bigRun(int count)
{
    QList<JobRecord> jobs;
    QList<std::pair<QString, QString>> dependencies;
    for (int i = 0; i < count; ++i) {
        const int w = i / 50;
        const int layer = (i % 50) / 5;
        jobs.append(job(bigId(i), QStringLiteral("ws-%1").arg(w, 2, 10, QLatin1Char('0')),
                        i % 7 == 0 ? JobState::Running : JobState::Succeeded, i + 1));
        if (layer > 0)
            dependencies.append({bigId(i), bigId(w * 50 + (layer - 1) * 5 + (i * 3) % 5)});
        else if (w > 0)
            dependencies.append({bigId(i), bigId(((i * 31) % w) * 50 + 49)});
    }
    return {jobs, dependencies};
}

void showBig(DagView &view, int count)
{
    view.resize(1000, 700);
    view.show();
    QVERIFY(QTest::qWaitForWindowExposed(&view));
    const auto [jobs, dependencies] = bigRun(count);
    view.setRun(QStringLiteral("run-1"), jobs, dependencies);
    QVERIFY(waitForLayout(view));
}

// How far the centre of the viewport is from `scenePoint`, in pixels.
int offCentre(DagView &view, const QPointF &scenePoint)
{
    const QPoint at = view.graphicsView()->mapFromScene(scenePoint);
    return (at - view.graphicsView()->viewport()->rect().center()).manhattanLength();
}

double scale(DagView &view) { return view.graphicsView()->transform().m11(); }

// The on-screen size of the nodes' titles (bold scene font).
double titlePixels(DagView &view, double atScale)
{
    QFont title = view.scene()->font();
    title.setBold(true);
    return QFontInfo(title).pixelSize() * atScale;
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
    // The main window keeps its size in the settings: the test's own.
    void initTestCase() { TestSupport::isolateDashboardSettings(m_dir); }

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

    // Find on a 500-job graph at Fit: the node is selected, centred, and
    // its title readable (at least 10 px), from any zoom before.
    void findZoomsToAReadableScale()
    {
        DagView view;
        showBig(view, 500);
        QCOMPARE(view.scene()->nodeCount(), 500);      // not collapsed
        QVERIFY2(titlePixels(view, scale(view)) < 10, "at Fit the titles are too small to read");

        QSignalSpy selected(&view, &DagView::jobSelected);
        for (const QString &id : {bigId(247), bigId(0), bigId(499)}) {
            QVERIFY(view.findJob(id));
            QCOMPARE(selected.constLast().first().toString(), id);
            QVERIFY2(titlePixels(view, scale(view)) >= 10, qPrintable(QStringLiteral("%1 px").arg(titlePixels(view, scale(view)))));
            // Centred, even at the graph's edge.
            const QPointF centre = view.scene()->nodeRect(view.scene()->graph().nodeIndex(id)).center();
            QTRY_VERIFY2(offCentre(view, centre) <= 4, qPrintable(id));
            QVERIFY(view.scene()->isHighlighted(view.scene()->graph().nodeIndex(id)));
            view.fitToWindow();
            view.zoomOut();
        }

        // Zoomed in beyond readable, Find keeps the zoom.
        for (int i = 0; i < 12; ++i)
            view.zoomIn();
        const double close = scale(view);
        QVERIFY(view.findJob(bigId(123)));
        QCOMPARE(scale(view), close);
    }

    // A 2,000-job run opens collapsed into 40 workstreams; at Fit each one's
    // label is on screen at a readable size and names it and its progress.
    void collapsedLabelsReadableAtFit()
    {
        DagView view;
        showBig(view, 2000);
        QCOMPARE(view.scene()->nodeCount(), 40);
        QVERIFY2(titlePixels(view, scale(view)) < 9, "at Fit the nodes' own titles are too small to read");
        auto check = [&view](const char *when) {
            for (int node = 0; node < view.scene()->nodeCount(); ++node) {
                const Graph::GraphNode &n = view.scene()->graph().nodes.at(node);
                QVERIFY(n.group);
                const QGraphicsItem *label = view.scene()->groupLabel(node);
                QVERIFY(label);
                QVERIFY2(label->isVisible(), when);
                const QRectF onScreen = label->deviceTransform(view.graphicsView()->viewportTransform()).mapRect(label->boundingRect());
                // Two lines of at least 10 px each.
                QVERIFY2(onScreen.height() >= 20, qPrintable(QStringLiteral("%1: %2 px").arg(QLatin1String(when)).arg(onScreen.height())));
                // Over its node.
                const QPoint nodeAt = view.graphicsView()->mapFromScene(view.scene()->nodeRect(node).center());
                QVERIFY(onScreen.contains(nodeAt));
                const QString text = view.scene()->groupLabelText(node);
                QVERIFY2(text.contains(n.workstreamId), qPrintable(text));
                QVERIFY2(text.contains(QStringLiteral("%1/50").arg(n.done)), qPrintable(text));
            }
        };
        check("at Fit");
        for (int i = 0; i < 4; ++i)
            view.zoomOut();
        check("zoomed out");

        // Close enough for the nodes' own text, the labels step aside.
        for (int i = 0; i < 20 && titlePixels(view, scale(view)) < 11; ++i)
            view.zoomIn();
        QVERIFY(!view.scene()->groupLabel(0)->isVisible());
        // A click on a label, off its node's box, selects the node.
        view.fitToWindow();
        QVERIFY(view.scene()->groupLabel(0)->isVisible());
        auto onScreen = [&view](int node) {
            const QGraphicsItem *label = view.scene()->groupLabel(node);
            return label->deviceTransform(view.graphicsView()->viewportTransform()).mapRect(label->boundingRect());
        };
        int alone = -1;
        for (int node = 0; node < view.scene()->nodeCount() && alone < 0; ++node) {
            alone = node;
            for (int other = 0; other < view.scene()->nodeCount(); ++other) {
                if (other != node && onScreen(other).intersects(onScreen(node)))
                    alone = -1;
            }
        }
        QVERIFY2(alone >= 0, "every label overlaps another");
        const QRectF label = onScreen(alone);
        const QPoint top(int(label.center().x()), int(label.top()) + 3);
        QVERIFY(!view.graphicsView()->mapFromScene(view.scene()->nodeRect(alone)).boundingRect().contains(top));
        QTest::mouseClick(view.graphicsView()->viewport(), Qt::LeftButton, {}, top);
        QCOMPARE(view.scene()->currentNode(), alone);
    }

    // Double-clicking a job collapses its workstream, double-clicking the
    // workstream expands it: each time the view is centred on it at a
    // readable scale.
    void collapseAndExpandKeepTheNodeCentred()
    {
        DagView view;
        showBig(view, 200);
        QCOMPARE(view.scene()->nodeCount(), 200);
        for (const QString &id : {bigId(123), bigId(2)}) {
            const QString workstream = view.scene()->graph().nodes.at(view.scene()->graph().nodeIndex(id)).workstreamId;
            view.fitToWindow();
            // A double-click's first click selects the job.
            QTest::mouseClick(view.graphicsView()->viewport(), Qt::LeftButton, {}, viewportPointOf(view, id));
            QCOMPARE(view.selectedJob(), id);
            QTest::mouseDClick(view.graphicsView()->viewport(), Qt::LeftButton, {}, viewportPointOf(view, id));
            QVERIFY(view.isWorkstreamCollapsed(workstream));
            QVERIFY(waitForLayout(view));
            const int group = view.scene()->graph().nodeIndex(id);
            QVERIFY(view.scene()->graph().nodes.at(group).group);
            QTRY_VERIFY2(offCentre(view, view.scene()->nodeRect(group).center()) <= 4, qPrintable(id));
            QVERIFY(titlePixels(view, scale(view)) >= 10);

            QTest::mouseDClick(view.graphicsView()->viewport(), Qt::LeftButton, {}, viewportPointOf(view, id));
            QVERIFY(!view.isWorkstreamCollapsed(workstream));
            QVERIFY(waitForLayout(view));
            QCOMPARE(view.scene()->nodeCount(), 200);
            // The job double-clicked first is still selected: it is centred.
            QCOMPARE(view.selectedJob(), id);
            QTRY_VERIFY2(offCentre(view, view.scene()->nodeRect(view.scene()->graph().nodeIndex(id)).center()) <= 4, qPrintable(id));
            QVERIFY(titlePixels(view, scale(view)) >= 10);
        }

        // Nothing selected: expanding centres one of the workstream's jobs.
        view.setWorkstreamCollapsed(QStringLiteral("ws-03"), true);
        QVERIFY(waitForLayout(view));
        view.setSelectedJob(QString());
        view.fitToWindow();
        view.setWorkstreamCollapsed(QStringLiteral("ws-03"), false);
        QVERIFY(waitForLayout(view));
        QTRY_VERIFY([&view] {
            const int node = view.scene()->nodeAt(view.graphicsView()->mapToScene(view.graphicsView()->viewport()->rect().center()));
            return node >= 0 && view.scene()->graph().nodes.at(node).workstreamId == QStringLiteral("ws-03");
        }());
        QVERIFY(titlePixels(view, scale(view)) >= 10);
    }

    // Nothing selected, edges are light; with a node selected, the edges
    // touching it are drawn stronger than any other; hovering a node brings
    // out its edges too.
    void edgesFadeAwayFromTheSelection()
    {
        DagView view;
        showBig(view, 500);
        const DagScene *scene = view.scene();
        const QList<Graph::LayoutEdge> &edges = scene->layout().edges;
        QCOMPARE(scene->edgeCount(), int(edges.size()));
        QVERIFY(scene->edgeCount() > 400);
        for (int e = 0; e < scene->edgeCount(); ++e)
            QVERIFY2(scene->edgeAlpha(e) <= 0.5, "a hairball of strong edges");

        auto touching = [&edges](int e, int node) { return edges.at(e).from == node || edges.at(e).to == node; };
        auto strengths = [&](int node) {
            double weakestTouching = 1;
            double strongestOther = 0;
            int touched = 0;
            for (int e = 0; e < scene->edgeCount(); ++e) {
                if (touching(e, node)) {
                    weakestTouching = qMin(weakestTouching, scene->edgeAlpha(e));
                    ++touched;
                } else {
                    strongestOther = qMax(strongestOther, scene->edgeAlpha(e));
                }
            }
            return std::tuple(weakestTouching, strongestOther, touched);
        };
        const int node = scene->graph().nodeIndex(bigId(262));
        QTest::mouseClick(view.graphicsView()->viewport(), Qt::LeftButton, {}, viewportPointOf(view, bigId(262)));
        QCOMPARE(scene->currentNode(), node);
        auto [weakest, strongest, touched] = strengths(node);
        QVERIFY(touched >= 2);
        QVERIFY2(weakest > strongest, qPrintable(QStringLiteral("%1 <= %2").arg(weakest).arg(strongest)));

        // Nothing selected, hovering a node.
        QTest::mouseClick(view.graphicsView()->viewport(), Qt::LeftButton, {}, QPoint(2, 2));
        QCOMPARE(scene->currentNode(), -1);
        const int hovered = scene->graph().nodeIndex(bigId(377));
        QTest::mouseMove(view.graphicsView()->viewport(), viewportPointOf(view, bigId(377)));
        QTRY_COMPARE(scene->hoveredNode(), hovered);
        std::tie(weakest, strongest, touched) = strengths(hovered);
        QVERIFY(touched >= 2);
        QVERIFY2(weakest > strongest, qPrintable(QStringLiteral("%1 <= %2").arg(weakest).arg(strongest)));
    }

    // A dark application palette darkens the canvas and the overview, and
    // a light one brings them back.
    void canvasFollowsThePalette()
    {
        const QPalette original = QApplication::palette();
        DagView view;
        showBig(view, 120);
        QPalette dark = original;
        dark.setColor(QPalette::Base, QColor(0x1c, 0x1c, 0x1e));
        dark.setColor(QPalette::Window, QColor(0x35, 0x35, 0x38));
        dark.setColor(QPalette::Text, QColor(0xe6, 0xe6, 0xe6));
        dark.setColor(QPalette::WindowText, QColor(0xe6, 0xe6, 0xe6));
        QApplication::setPalette(dark);
        QTRY_COMPARE(view.scene()->backgroundBrush().color(), dark.color(QPalette::Base));
        // What is on screen: the background between the nodes.
        const QImage shot = view.graphicsView()->viewport()->grab().toImage();
        QCOMPARE(shot.pixelColor(3, 3), dark.color(QPalette::Base));
        // An export looks like the screen.
        QString error;
        const QString png = m_dir.filePath(QStringLiteral("dark.png"));
        QVERIFY2(view.exportTo(png, &error), qPrintable(error));
        QCOMPARE(QImage(png).pixelColor(2, 2), dark.color(QPalette::Base));

        QApplication::setPalette(original);
        QTRY_COMPARE(view.scene()->backgroundBrush().color(), original.color(QPalette::Base));
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
