// The timeline view under the offscreen platform, on hand-made attempts:
// lanes per worker slot and per workstream, clicking a bar, selecting without
// emitting, zooming (buttons, Ctrl+wheel, shortcuts) that survives live
// updates, the summary line, tooltips, running bars growing, a run of
// 10,000 attempts painting, attempts too short to see counted into density
// cells, and the chart following the application's palette. Set ORCH_SCREENSHOT_DIR to keep a picture of a
// realistic run (timeline.png) for a look by eye.

#include <algorithm>
#include <limits>
#include <optional>
#include <set>

#include <QAbstractScrollArea>
#include <QApplication>
#include <QComboBox>
#include <QDateTime>
#include <QDir>
#include <QHelpEvent>
#include <QLabel>
#include <QRandomGenerator>
#include <QScrollBar>
#include <QSignalSpy>
#include <QTest>
#include <QToolButton>
#include <QToolTip>
#include <QWheelEvent>

#include "views/timelineview.h"
#include "widgetsupport.h"

using namespace Orchestrator;
using namespace Orchestrator::Ui;
using namespace Qt::StringLiterals;

namespace {

using Dependencies = QList<std::pair<QString, QString>>;

AttemptRecord attempt(const QString &job, int number, qint64 start, std::optional<qint64> end,
                      const QString &status = u"succeeded"_s, const QString &owner = u"buildhost:4242"_s)
{
    AttemptRecord a;
    a.jobId = job;
    a.runId = u"run-1"_s;
    a.attempt = number;
    a.tool = u"shell"_s;
    a.outcome = attemptOutcomeFromStatus(end ? status : u"running"_s);
    a.owner = owner;
    a.startedAt = start;
    a.finishedAt = end;
    if (end) {
        a.durationMs = *end - start;
        a.exitCode = status == u"succeeded"_s ? 0 : 1;
    }
    return a;
}

// Ten minutes ago: build and lint start together; test fails once and is
// retried; bench runs beside the first test; deploy is still running.
struct SampleRun
{
    QList<AttemptRecord> attempts;
    Dependencies dependencies;
    QHash<QString, QString> workstreamOf;
};

SampleRun sampleRun()
{
    const qint64 base = QDateTime::currentMSecsSinceEpoch() - 600000;
    SampleRun run;
    run.attempts = {
        attempt(u"build"_s, 1, base, base + 60000),
        attempt(u"lint"_s, 1, base, base + 20000),
        attempt(u"docs"_s, 1, base + 20000, base + 50000),
        attempt(u"test"_s, 1, base + 60000, base + 90000, u"failed"_s),
        attempt(u"bench"_s, 1, base + 60000, base + 70000),
        attempt(u"test"_s, 2, base + 100000, base + 160000),
        attempt(u"deploy"_s, 1, base + 160000, std::nullopt),
    };
    run.attempts[3].reason = u"exit code 1"_s;
    run.dependencies = {{u"test"_s, u"build"_s}, {u"bench"_s, u"build"_s}, {u"deploy"_s, u"test"_s},
                        {u"docs"_s, u"lint"_s}};
    run.workstreamOf = {{u"build"_s, u"core"_s}, {u"test"_s, u"core"_s}, {u"bench"_s, u"core"_s},
                        {u"deploy"_s, u"core"_s}, {u"lint"_s, u"web"_s}, {u"docs"_s, u"web"_s}};
    return run;
}

void setSample(TimelineView &view, const QString &runId = u"run-1"_s)
{
    const SampleRun run = sampleRun();
    view.setRun(runId, run.attempts, run.dependencies, run.workstreamOf);
}

void showView(TimelineView &view)
{
    view.resize(1000, 420);
    view.show();
    QVERIFY(QTest::qWaitForWindowExposed(&view));
}

QScrollBar *horizontalBar(const TimelineView &view)
{
    return WidgetSupport::child<QAbstractScrollArea>(view, "timelineChart")->horizontalScrollBar();
}

void sendWheel(QWidget *target, const QPoint &pos, int delta, Qt::KeyboardModifiers modifiers)
{
    QWheelEvent event(QPointF(pos), QPointF(target->mapToGlobal(pos)), QPoint(), QPoint(0, delta), Qt::NoButton,
                      modifiers, Qt::NoScrollPhase, false);
    QApplication::sendEvent(target, &event);
}

} // namespace

class TestTimelineView final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void emptyStates();
    void laneCountPerMode();
    void summaryOfTheRun();
    void clickingABarActivatesItsJob();
    void selectingDoesNotEmit();
    void zoomButtonsAndSetRunKeepZoom();
    void ctrlWheelZoomsAroundTheCursor();
    void shortcutsZoom();
    void toolTipDescribesTheAttempt();
    void runningBarsGrow();
    void accessibleNames();
    void tenThousandAttempts();
    void narrowBarsBecomeDensity();
    void chartFollowsThePalette();
    void realisticScreenshot();
};

void TestTimelineView::emptyStates()
{
    TimelineView view;
    showView(view);
    QCOMPARE(view.laneCount(), 0);
    QCOMPARE(view.summary().attempts, 0);
    QVERIFY(view.jobAt(QPoint(100, 100)).isEmpty());
    QVERIFY(view.barRect(u"build"_s, 1).isEmpty());
    QVERIFY(!view.grab().isNull());
    auto *summary = WidgetSupport::child<QLabel>(view, "timelineSummary");
    QVERIFY(!summary->text().isEmpty());

    view.setRun(u"run-2"_s, {}, {}, {});
    QCOMPARE(view.laneCount(), 0);
    QVERIFY(summary->text().contains(u"run-2"_s));
    QVERIFY(!view.grab().isNull());

    setSample(view);
    QCOMPARE(view.laneCount(), 2);
    view.clear();
    QCOMPARE(view.laneCount(), 0);
    QCOMPARE(view.summary().attempts, 0);
    QVERIFY(view.barRect(u"build"_s, 1).isEmpty());
}

void TestTimelineView::laneCountPerMode()
{
    TimelineView view;
    setSample(view);
    // Two attempts at most at once on the one engine...
    QCOMPARE(view.laneMode(), TimelineView::LaneMode::WorkerSlots);
    QCOMPARE(view.laneCount(), 2);
    // ...but core ran test and bench together: two rows for core, one for web.
    view.setLaneMode(TimelineView::LaneMode::Workstreams);
    QCOMPARE(view.laneMode(), TimelineView::LaneMode::Workstreams);
    QCOMPARE(view.laneCount(), 3);
    QCOMPARE(WidgetSupport::child<QComboBox>(view, "laneMode")->currentIndex(), 1);

    // The combo box switches too, and a live update keeps the mode.
    auto *combo = WidgetSupport::child<QComboBox>(view, "laneMode");
    combo->setCurrentIndex(0);
    Q_EMIT combo->activated(0);
    QCOMPARE(view.laneMode(), TimelineView::LaneMode::WorkerSlots);
    setSample(view);
    QCOMPARE(view.laneCount(), 2);

    // A second engine gets lanes of its own.
    SampleRun run = sampleRun();
    run.attempts.append(attempt(u"extra"_s, 1, *run.attempts[0].startedAt, *run.attempts[0].startedAt + 1000,
                                u"succeeded"_s, u"otherhost:7"_s));
    view.setRun(u"run-1"_s, run.attempts, run.dependencies, run.workstreamOf);
    QCOMPARE(view.laneCount(), 3);
}

void TestTimelineView::summaryOfTheRun()
{
    TimelineView view;
    setSample(view);
    const Graph::RunSummary summary = view.summary();
    QCOMPARE(summary.attempts, 7);
    QCOMPARE(summary.slotCount, 2);
    QCOMPARE(summary.criticalPath, (QStringList{u"build"_s, u"test"_s, u"deploy"_s}));
    // build starts the run and deploy is running now: the chain is the whole run.
    QCOMPARE(summary.criticalPathMs, summary.durationMs);
    QVERIFY(summary.durationMs >= 600000);
    QVERIFY(summary.utilisation > 0.5 && summary.utilisation <= 1.0);

    auto *label = WidgetSupport::child<QLabel>(view, "timelineSummary");
    QVERIFY2(label->text().contains(u"build"_s), qPrintable(label->text()));
    QVERIFY2(label->text().contains(u"deploy"_s), qPrintable(label->text()));
    QVERIFY2(label->text().contains(u"%1%"_s.arg(qRound(summary.utilisation * 100))), qPrintable(label->text()));
    QVERIFY(label->toolTip().contains(u"test"_s));
}

void TestTimelineView::clickingABarActivatesItsJob()
{
    TimelineView view;
    showView(view);
    setSample(view);
    QSignalSpy activated(&view, &TimelineView::jobActivated);

    const QRect retry = view.barRect(u"test"_s, 2);
    QVERIFY(!retry.isEmpty());
    QCOMPARE(view.jobAt(retry.center()), u"test"_s);
    QTest::mouseClick(view.chartViewport(), Qt::LeftButton, {}, retry.center());
    QCOMPARE(activated.size(), 1);
    QCOMPARE(activated.at(0).at(0).toString(), u"test"_s);
    QCOMPARE(view.selectedJob(), u"test"_s);

    const QRect lint = view.barRect(u"lint"_s, 1);
    QVERIFY(!lint.isEmpty());
    QVERIFY(!lint.intersects(view.barRect(u"build"_s, 1)));
    QTest::mouseClick(view.chartViewport(), Qt::LeftButton, {}, lint.center());
    QCOMPARE(activated.size(), 2);
    QCOMPARE(activated.at(1).at(0).toString(), u"lint"_s);

    // The first, failed attempt of test is a bar of its own.
    const QRect first = view.barRect(u"test"_s, 1);
    QVERIFY(!first.isEmpty());
    QVERIFY(first.right() < retry.left());
    QCOMPARE(view.jobAt(first.center()), u"test"_s);

    // The label column and the axis are not bars.
    QVERIFY(view.jobAt(QPoint(2, retry.center().y())).isEmpty());
    QVERIFY(view.jobAt(QPoint(retry.center().x(), 2)).isEmpty());
    QTest::mouseClick(view.chartViewport(), Qt::LeftButton, {}, QPoint(retry.center().x(), 2));
    QCOMPARE(activated.size(), 2);
}

void TestTimelineView::selectingDoesNotEmit()
{
    TimelineView view;
    showView(view);
    setSample(view);
    QSignalSpy activated(&view, &TimelineView::jobActivated);
    view.setSelectedJob(u"docs"_s);
    QCOMPARE(view.selectedJob(), u"docs"_s);
    QVERIFY(!view.grab().isNull());

    // Zoomed in far, selecting scrolls the job's bar into view.
    for (int i = 0; i < 6; ++i)
        view.zoomIn();
    view.setSelectedJob(u"deploy"_s);
    QVERIFY(!view.barRect(u"deploy"_s, 1).isEmpty());
    view.setSelectedJob(u"lint"_s);
    QVERIFY(!view.barRect(u"lint"_s, 1).isEmpty());
    view.setSelectedJob(u"no-such-job"_s);
    QCOMPARE(activated.size(), 0);
}

void TestTimelineView::zoomButtonsAndSetRunKeepZoom()
{
    TimelineView view;
    showView(view);
    setSample(view);
    const double fit = view.pixelsPerSecond();
    QVERIFY(fit > 0);

    view.zoomIn();
    QVERIFY(qAbs(view.pixelsPerSecond() / fit - 2.0) < 0.01);
    WidgetSupport::child<QToolButton>(view, "zoomIn")->click();
    QVERIFY(qAbs(view.pixelsPerSecond() / fit - 4.0) < 0.01);
    const double zoomed = view.pixelsPerSecond();
    QScrollBar *bar = horizontalBar(view);
    QVERIFY(bar->maximum() > 0);
    bar->setValue(bar->maximum() / 3);
    const int scrolled = bar->value();

    // A live update of the same run keeps zoom and scroll position.
    setSample(view);
    QCOMPARE(view.pixelsPerSecond(), zoomed);
    QCOMPARE(bar->value(), scrolled);
    QVERIFY(!view.grab().isNull());

    WidgetSupport::child<QToolButton>(view, "zoomOut")->click();
    QVERIFY(qAbs(view.pixelsPerSecond() / fit - 2.0) < 0.01);
    // Zooming out stops at the whole run.
    for (int i = 0; i < 5; ++i)
        view.zoomOut();
    QVERIFY(qAbs(view.pixelsPerSecond() / fit - 1.0) < 0.01);

    view.zoomIn();
    WidgetSupport::child<QToolButton>(view, "zoomFit")->click();
    QVERIFY(qAbs(view.pixelsPerSecond() / fit - 1.0) < 0.01);
    QCOMPARE(bar->value(), 0);

    // Another run starts fitted again.
    view.zoomIn();
    setSample(view, u"run-2"_s);
    QVERIFY(qAbs(view.pixelsPerSecond() / fit - 1.0) < 0.01);
}

void TestTimelineView::ctrlWheelZoomsAroundTheCursor()
{
    TimelineView view;
    showView(view);
    setSample(view);
    const double fit = view.pixelsPerSecond();
    const QRect before = view.barRect(u"test"_s, 2);
    const QPoint anchor = before.center();

    sendWheel(view.chartViewport(), anchor, 120, Qt::ControlModifier);
    QVERIFY(view.pixelsPerSecond() > fit * 1.2);
    // The time under the cursor stays under the cursor.
    QCOMPARE(view.jobAt(anchor), u"test"_s);
    QVERIFY(view.barRect(u"test"_s, 2).width() > before.width());

    // Without Ctrl the wheel scrolls instead of zooming.
    const double zoomed = view.pixelsPerSecond();
    sendWheel(view.chartViewport(), anchor, -120, Qt::NoModifier);
    QCOMPARE(view.pixelsPerSecond(), zoomed);
}

void TestTimelineView::shortcutsZoom()
{
    TimelineView view;
    showView(view);
    view.activateWindow();
    QVERIFY(QTest::qWaitForWindowActive(&view));
    setSample(view);
    view.chartViewport()->parentWidget()->setFocus();
    const double fit = view.pixelsPerSecond();

    QTest::keyClick(view.chartViewport()->parentWidget(), Qt::Key_Plus, Qt::ControlModifier);
    QVERIFY(qAbs(view.pixelsPerSecond() / fit - 2.0) < 0.01);
    QTest::keyClick(view.chartViewport()->parentWidget(), Qt::Key_Minus, Qt::ControlModifier);
    QVERIFY(qAbs(view.pixelsPerSecond() / fit - 1.0) < 0.01);
    view.zoomIn();
    view.zoomIn();
    QTest::keyClick(view.chartViewport()->parentWidget(), Qt::Key_0, Qt::ControlModifier);
    QVERIFY(qAbs(view.pixelsPerSecond() / fit - 1.0) < 0.01);
}

void TestTimelineView::toolTipDescribesTheAttempt()
{
    TimelineView view;
    showView(view);
    setSample(view);
    const QPoint pos = view.barRect(u"test"_s, 1).center();
    QHelpEvent help(QEvent::ToolTip, pos, view.chartViewport()->mapToGlobal(pos));
    QApplication::sendEvent(view.chartViewport(), &help);
    QTRY_VERIFY(QToolTip::isVisible());
    const QString text = QToolTip::text();
    QVERIFY2(text.contains(u"test"_s), qPrintable(text));
    QVERIFY2(text.contains(u"Attempt 1"_s), qPrintable(text));
    QVERIFY2(text.contains(u"Failed"_s), qPrintable(text));
    QVERIFY2(text.contains(u"30.0 s"_s), qPrintable(text));
    QVERIFY2(text.contains(u"Exit code: 1"_s), qPrintable(text));
    QVERIFY2(text.contains(u"shell"_s), qPrintable(text));
    QToolTip::hideText();
}

void TestTimelineView::runningBarsGrow()
{
    TimelineView view;
    showView(view);
    setSample(view);
    const qint64 duration = view.summary().durationMs;
    // The view repaints itself about once a second while deploy runs.
    QTRY_VERIFY_WITH_TIMEOUT(view.summary().durationMs > duration, 3000);

    // Once deploy finished, nothing grows.
    SampleRun run = sampleRun();
    AttemptRecord &deploy = run.attempts.last();
    deploy.outcome = Outcome::Succeeded;
    deploy.finishedAt = *deploy.startedAt + 1000;
    view.setRun(u"run-1"_s, run.attempts, run.dependencies, run.workstreamOf);
    QCOMPARE(view.summary().endMs, *deploy.finishedAt);
}

void TestTimelineView::accessibleNames()
{
    TimelineView view;
    for (const char *name : {"zoomIn", "zoomOut", "zoomFit"}) {
        auto *button = WidgetSupport::child<QToolButton>(view, name);
        QVERIFY2(!button->accessibleName().isEmpty(), name);
        QVERIFY2(!button->toolTip().isEmpty(), name);
    }
    QVERIFY(!WidgetSupport::child<QAbstractScrollArea>(view, "timelineChart")->accessibleName().isEmpty());
    QVERIFY(!view.chartViewport()->accessibleName().isEmpty());
}

void TestTimelineView::tenThousandAttempts()
{
    // 10,000 attempts on four engines of eight slots, a tenth of them retried.
    QRandomGenerator random(1);
    const qint64 base = QDateTime::currentMSecsSinceEpoch() - 4 * 3600 * 1000;
    QList<AttemptRecord> attempts;
    Dependencies dependencies;
    QHash<QString, QString> workstreamOf;
    QList<qint64> slotFree(32, base);
    for (int i = 0; attempts.size() < 10000; ++i) {
        const QString job = u"job-%1"_s.arg(i, 5, 10, QLatin1Char('0'));
        workstreamOf.insert(job, u"ws-%1"_s.arg(i % 12));
        if (i > 10)
            dependencies.append({job, u"job-%1"_s.arg(i - 1 - int(random.bounded(10)), 5, 10, QLatin1Char('0'))});
        const int tries = random.bounded(10) == 0 ? 2 : 1;
        for (int t = 1; t <= tries && attempts.size() < 10000; ++t) {
            const int slot = int(random.bounded(32));
            const qint64 start = slotFree[slot] + random.bounded(500);
            const qint64 end = start + 1000 + random.bounded(40000);
            slotFree[slot] = end;
            attempts.append(attempt(job, t, start, end, t < tries ? u"failed"_s : u"succeeded"_s,
                                    u"host-%1:1"_s.arg(slot / 8)));
        }
    }

    TimelineView view;
    showView(view);
    view.setRun(u"big"_s, attempts, dependencies, workstreamOf);
    QCOMPARE(view.summary().attempts, 10000);
    QVERIFY(view.laneCount() >= 4 && view.laneCount() <= 32);
    QVERIFY(!view.summary().criticalPath.isEmpty());
    QVERIFY(!view.grab().isNull());
    for (int i = 0; i < 8; ++i)
        view.zoomIn();
    QVERIFY(!view.grab().isNull());
    view.setSelectedJob(u"job-05000"_s);
    QVERIFY(!view.grab().isNull());
    view.setLaneMode(TimelineView::LaneMode::Workstreams);
    QVERIFY(view.laneCount() >= 12);
    QVERIFY(!view.grab().isNull());
    // A live update of the big run keeps the zoom.
    const double zoomed = view.pixelsPerSecond();
    view.setRun(u"big"_s, attempts, dependencies, workstreamOf);
    QCOMPARE(view.pixelsPerSecond(), zoomed);
}

void TestTimelineView::narrowBarsBecomeDensity()
{
    // 2,000 attempts of 0.4 s, one a second on each of four slots of one
    // engine; every tenth fails. In 500 px each is a fraction of a pixel.
    const qint64 base = QDateTime::currentMSecsSinceEpoch() - 3600 * 1000;
    QList<AttemptRecord> attempts;
    for (int i = 0; i < 2000; ++i) {
        const qint64 start = base + (i / 4) * 1000 + (i % 4) * 37;
        attempts.append(attempt(u"job-%1"_s.arg(i, 4, 10, QLatin1Char('0')), 1, start, start + 400,
                                i % 10 == 3 ? u"failed"_s : u"succeeded"_s));
    }
    TimelineView view;
    view.resize(500, 300);
    view.show();
    QVERIFY(QTest::qWaitForWindowExposed(&view));
    view.setRun(u"dense"_s, attempts, {}, {});
    QCOMPARE(view.laneCount(), 4);
    QWidget *viewport = view.chartViewport();

    // Every attempt is in exactly one cell, and there are fewer cells than attempts.
    std::set<std::pair<int, int>> cells;
    int counted = 0;
    int failed = 0;
    TimelineView::DensityCell withFailure;
    for (int y = 0; y < viewport->height(); ++y) {
        for (int x = 0; x < viewport->width(); ++x) {
            const TimelineView::DensityCell cell = view.densityCellAt(QPoint(x, y));
            if (cell.attempts == 0 || !cells.insert({cell.rect.x(), cell.rect.y()}).second)
                continue;
            QVERIFY(x >= cell.rect.left() && x <= cell.rect.right());
            counted += cell.attempts;
            failed += cell.failed;
            if (cell.failed > 0 && cell.attempts > 1)
                withFailure = cell;
        }
    }
    QCOMPARE(counted, 2000);
    QCOMPARE(failed, 200);
    QVERIFY2(cells.size() < 1000, qPrintable(QString::number(cells.size())));
    QVERIFY(withFailure.attempts > 1);
    // A cell is not one job's bar.
    QVERIFY(view.jobAt(withFailure.rect.center()).isEmpty());

    // The tooltip sums the cell up.
    const QPoint pos = withFailure.rect.center();
    QHelpEvent help(QEvent::ToolTip, pos, viewport->mapToGlobal(pos));
    QApplication::sendEvent(viewport, &help);
    QTRY_VERIFY(QToolTip::isVisible());
    const QString text = QToolTip::text();
    QVERIFY2(text.contains(u"%1 attempts"_s.arg(withFailure.attempts)), qPrintable(text));
    QVERIFY2(text.contains(u"%1 failed"_s.arg(withFailure.failed)), qPrintable(text));
    QVERIFY2(text.contains(u"\u2013"_s), qPrintable(text));      // a time range
    QToolTip::hideText();

    // Clicking a cell zooms in until its attempts are bars of their own.
    const double fitted = view.pixelsPerSecond();
    QTest::mouseClick(viewport, Qt::LeftButton, {}, pos);
    QVERIFY(view.pixelsPerSecond() > fitted);
    while (view.pixelsPerSecond() * 0.4 < 6)
        view.zoomIn();
    QRect bar;
    for (int i = 0; i < 2000 && bar.width() < 4; ++i)
        bar = view.barRect(u"job-%1"_s.arg(i, 4, 10, QLatin1Char('0')), 1);
    QVERIFY(bar.width() >= 4);
    QCOMPARE(view.densityCellAt(bar.center()).attempts, 0);
    QVERIFY(!view.jobAt(bar.center()).isEmpty());
}

void TestTimelineView::chartFollowsThePalette()
{
    const QPalette original = QApplication::palette();
    TimelineView view;
    showView(view);
    setSample(view);
    QPalette dark = original;
    dark.setColor(QPalette::Base, QColor(0x1c, 0x1c, 0x1e));
    dark.setColor(QPalette::AlternateBase, QColor(0x26, 0x26, 0x29));
    dark.setColor(QPalette::Window, QColor(0x35, 0x35, 0x38));
    dark.setColor(QPalette::Text, QColor(0xe6, 0xe6, 0xe6));
    dark.setColor(QPalette::WindowText, QColor(0xe6, 0xe6, 0xe6));
    QApplication::setPalette(dark);
    QWidget *viewport = view.chartViewport();
    // Below the last lane: the chart's background; left: the lane labels.
    const QPoint empty(viewport->width() - 3, viewport->height() - 3);
    const QPoint labels(2, viewport->height() - 3);
    QTRY_COMPARE(viewport->grab().toImage().pixelColor(empty), dark.color(QPalette::Base));
    QCOMPARE(viewport->grab().toImage().pixelColor(labels), dark.color(QPalette::Window));
    QApplication::setPalette(original);
    QTRY_COMPARE(viewport->grab().toImage().pixelColor(empty), original.color(QPalette::Base));
}

void TestTimelineView::realisticScreenshot()
{
    // 40 jobs, a chain of ten in each of four workstreams, on one engine with
    // four slots: a few failures and retries, a time-out, a cancellation, two
    // jobs still running. Times are made relative first, then shifted so the
    // run ends now.
    QList<AttemptRecord> attempts;
    Dependencies dependencies;
    QHash<QString, QString> workstreamOf;
    const QStringList streams{u"backend"_s, u"frontend"_s, u"docs"_s, u"infra"_s};
    const QStringList names{u"fetch"_s, u"configure"_s, u"compile"_s, u"unit-tests"_s, u"lint"_s,
                            u"package"_s, u"integration"_s, u"e2e"_s, u"publish"_s, u"notify"_s};
    QRandomGenerator random(3);
    QList<qint64> slotFree(4, 0);
    QHash<QString, qint64> finished;
    for (int i = 0; i < 40; ++i) {
        const QString stream = streams[i % 4];
        const QString job = stream + u'-' + names[i / 4];
        const QString previous = i >= 4 ? stream + u'-' + names[i / 4 - 1] : QString();
        workstreamOf.insert(job, stream);
        if (!previous.isEmpty())
            dependencies.append({job, previous});
        const int tries = (i == 9 || i == 22 || i == 30) ? 2 : 1;
        const QString lastStatus = i == 14 ? u"timed_out"_s : i == 27 ? u"cancelled"_s : u"succeeded"_s;
        qint64 ready = finished.value(previous, 0);
        for (int t = 1; t <= tries; ++t) {
            const int slot = int(std::min_element(slotFree.cbegin(), slotFree.cend()) - slotFree.cbegin());
            const qint64 start = std::max(slotFree[slot], ready) + 300 + random.bounded(2500);
            const qint64 end = start + 6000 + random.bounded(60000);
            const bool running = i >= 38;
            const QString status = t < tries ? u"failed"_s : lastStatus;
            AttemptRecord a = attempt(job, t, start, running ? std::nullopt : std::optional<qint64>(end), status);
            attempts.append(a);
            slotFree[slot] = running ? std::numeric_limits<qint64>::max() / 4 : end;
            ready = end + 5000; // the retry's backoff
            finished.insert(job, end);
        }
    }
    qint64 last = 0;
    for (const AttemptRecord &a : attempts)
        last = std::max(last, a.finishedAt.value_or(*a.startedAt));
    const qint64 shift = QDateTime::currentMSecsSinceEpoch() - 25000 - last;
    for (AttemptRecord &a : attempts) {
        a.startedAt = *a.startedAt + shift;
        if (a.finishedAt)
            a.finishedAt = *a.finishedAt + shift;
    }

    TimelineView view;
    view.resize(1100, 300);
    view.setRun(u"nightly-2031"_s, attempts, dependencies, workstreamOf);
    view.setSelectedJob(u"frontend-package"_s);
    view.show();
    QVERIFY(QTest::qWaitForWindowExposed(&view));
    QCOMPARE(view.laneCount(), 4);
    const QImage image = view.grab().toImage();
    QVERIFY(!image.isNull());

    const QString dir = qEnvironmentVariable("ORCH_SCREENSHOT_DIR");
    if (!dir.isEmpty()) {
        QVERIFY(image.save(QDir(dir).filePath(u"timeline.png"_s)));
        view.setLaneMode(TimelineView::LaneMode::Workstreams);
        view.zoomIn();
        view.zoomIn();
        QVERIFY(view.grab().toImage().save(QDir(dir).filePath(u"timeline-workstreams.png"_s)));
    }
}

QTEST_MAIN(TestTimelineView)
#include "tst_timelineview.moc"
