// The run summary behind the timeline, on hand-made attempts: the critical
// path through diamonds, chains with retries and parallel branches, running
// attempts ending now, utilisation, lanes that never overlap and number the
// peak concurrency of each engine, cycles and empty input.

#include <algorithm>
#include <optional>

#include <QRandomGenerator>
#include <QTest>

#include "graph/runsummary.h"

using namespace Orchestrator;
using namespace Orchestrator::Graph;
using namespace Qt::StringLiterals;

namespace {

using Dependencies = QList<std::pair<QString, QString>>;

const QString kOwner = u"host:100"_s;

// An attempt from `start` to `end` (ms); no end means it is still running.
AttemptRecord attempt(const QString &job, int number, qint64 start, std::optional<qint64> end,
                      const QString &status = u"succeeded"_s, const QString &owner = kOwner)
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
    if (end)
        a.durationMs = *end - start;
    return a;
}

// The most attempts of `owner` running at one instant (half-open intervals).
int peakConcurrency(const QList<AttemptRecord> &attempts, qint64 now, const QString &owner)
{
    QList<std::pair<qint64, int>> events;
    for (const AttemptRecord &a : attempts) {
        if (a.owner != owner || !a.startedAt)
            continue;
        events.append({*a.startedAt, +1});
        events.append({attemptEndMs(a, now), -1});
    }
    std::sort(events.begin(), events.end()); // an end (-1) sorts before a start at the same time
    int current = 0;
    int peak = 0;
    for (const auto &[time, delta] : events) {
        current += delta;
        peak = std::max(peak, current);
    }
    return peak;
}

void verifyNoOverlap(const QList<AttemptRecord> &attempts, const QList<int> &lanes, int laneCount, qint64 now)
{
    QCOMPARE(lanes.size(), attempts.size());
    QList<QList<std::pair<qint64, qint64>>> byLane(laneCount);
    for (int i = 0; i < attempts.size(); ++i) {
        QVERIFY(lanes[i] >= 0 && lanes[i] < laneCount);
        byLane[lanes[i]].append({*attempts[i].startedAt, attemptEndMs(attempts[i], now)});
    }
    for (auto &lane : byLane) {
        std::sort(lane.begin(), lane.end());
        for (int i = 1; i < lane.size(); ++i)
            QVERIFY2(lane[i].first >= lane[i - 1].second, "two attempts overlap in one lane");
    }
}

} // namespace

class TestRunSummary final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void emptyInput();
    void criticalPath_data();
    void criticalPath();
    void runningAttemptsEndNow();
    void utilisation_data();
    void utilisation();
    void lanesNeverOverlap();
    void ownersGetSeparateLanes();
    void lanesDoNotDependOnInputOrder();
    void groupsGiveLanesPerWorkstream();
    void cycleDoesNotHang();
    void longChain();
};

void TestRunSummary::emptyInput()
{
    const RunSummary summary = summarizeRun({}, {}, 5000);
    QCOMPARE(summary.startMs, 0);
    QCOMPARE(summary.durationMs, 0);
    QCOMPARE(summary.criticalPathMs, 0);
    QVERIFY(summary.criticalPath.isEmpty());
    QCOMPARE(summary.utilisation, 0.0);
    QCOMPARE(summary.slotCount, 0);
    QCOMPARE(summary.attempts, 0);

    int lanes = -1;
    QVERIFY(assignLanes({}, 5000, &lanes).isEmpty());
    QCOMPARE(lanes, 0);

    // Dependencies but nothing ran yet: no chain of actual durations.
    const RunSummary waiting = summarizeRun({}, {{u"b"_s, u"a"_s}}, 5000);
    QCOMPARE(waiting.criticalPathMs, 0);
    QVERIFY(waiting.criticalPath.isEmpty());

    // An attempt without a start time is not counted.
    AttemptRecord unstarted = attempt(u"a"_s, 1, 0, 10);
    unstarted.startedAt.reset();
    const RunSummary none = summarizeRun({unstarted}, {}, 5000);
    QCOMPARE(none.attempts, 0);
    QCOMPARE(assignLanes({unstarted}, 5000, &lanes), QList<int>{-1});
    QCOMPARE(lanes, 0);
}

void TestRunSummary::criticalPath_data()
{
    QTest::addColumn<QList<AttemptRecord>>("attempts");
    QTest::addColumn<Dependencies>("dependencies");
    QTest::addColumn<qint64>("expectedMs");
    QTest::addColumn<QStringList>("expectedPath");

    // a -> {b, c} -> d; the long side is b.
    QTest::newRow("diamond") << QList<AttemptRecord>{attempt(u"a"_s, 1, 0, 10), attempt(u"b"_s, 1, 10, 30),
                                                     attempt(u"c"_s, 1, 10, 15), attempt(u"d"_s, 1, 30, 40)}
                             << Dependencies{{u"b"_s, u"a"_s}, {u"c"_s, u"a"_s}, {u"d"_s, u"b"_s}, {u"d"_s, u"c"_s}}
                             << qint64(40) << QStringList{u"a"_s, u"b"_s, u"d"_s};

    // a failed once and waited 10 ms before its retry: its span is 0..30.
    QTest::newRow("chain with retries")
        << QList<AttemptRecord>{attempt(u"a"_s, 1, 0, 10, u"failed"_s), attempt(u"a"_s, 2, 20, 30),
                                attempt(u"b"_s, 1, 30, 35), attempt(u"c"_s, 1, 35, 36, u"timed_out"_s),
                                attempt(u"c"_s, 2, 40, 50)}
        << Dependencies{{u"b"_s, u"a"_s}, {u"c"_s, u"b"_s}} << qint64(50) << QStringList{u"a"_s, u"b"_s, u"c"_s};

    // Two independent chains: the one with more work wins, not the one with more jobs.
    QTest::newRow("parallel branches")
        << QList<AttemptRecord>{attempt(u"a1"_s, 1, 0, 5), attempt(u"a2"_s, 1, 5, 10), attempt(u"a3"_s, 1, 10, 15),
                                attempt(u"b1"_s, 1, 0, 20), attempt(u"b2"_s, 1, 20, 21)}
        << Dependencies{{u"a2"_s, u"a1"_s}, {u"a3"_s, u"a2"_s}, {u"b2"_s, u"b1"_s}} << qint64(21)
        << QStringList{u"b1"_s, u"b2"_s};

    // Equal chains: the one ending in the smaller id, every time.
    QTest::newRow("tie") << QList<AttemptRecord>{attempt(u"y1"_s, 1, 0, 5), attempt(u"y2"_s, 1, 5, 10),
                                                 attempt(u"x1"_s, 1, 0, 5), attempt(u"x2"_s, 1, 5, 10)}
                         << Dependencies{{u"y2"_s, u"y1"_s}, {u"x2"_s, u"x1"_s}} << qint64(10)
                         << QStringList{u"x1"_s, u"x2"_s};

    // No dependencies: the longest single job.
    QTest::newRow("independent") << QList<AttemptRecord>{attempt(u"a"_s, 1, 0, 5), attempt(u"b"_s, 1, 0, 7)}
                                 << Dependencies{} << qint64(7) << QStringList{u"b"_s};

    // A job that never ran links the chain in the middle but does not end it.
    QTest::newRow("job without attempts")
        << QList<AttemptRecord>{attempt(u"a"_s, 1, 0, 10), attempt(u"c"_s, 1, 12, 20)}
        << Dependencies{{u"b"_s, u"a"_s}, {u"c"_s, u"b"_s}, {u"d"_s, u"c"_s}, {u"a"_s, u"z"_s}} << qint64(18)
        << QStringList{u"a"_s, u"b"_s, u"c"_s};
}

void TestRunSummary::criticalPath()
{
    QFETCH(QList<AttemptRecord>, attempts);
    QFETCH(Dependencies, dependencies);
    QFETCH(qint64, expectedMs);
    QFETCH(QStringList, expectedPath);

    const RunSummary summary = summarizeRun(attempts, dependencies, 1000);
    QCOMPARE(summary.criticalPathMs, expectedMs);
    QCOMPARE(summary.criticalPath, expectedPath);
    QCOMPARE(summary.attempts, attempts.size());

    // The input order does not matter.
    std::reverse(attempts.begin(), attempts.end());
    std::reverse(dependencies.begin(), dependencies.end());
    const RunSummary reversed = summarizeRun(attempts, dependencies, 1000);
    QCOMPARE(reversed.criticalPathMs, expectedMs);
    QCOMPARE(reversed.criticalPath, expectedPath);
}

void TestRunSummary::runningAttemptsEndNow()
{
    const QList<AttemptRecord> attempts{attempt(u"a"_s, 1, 1000, 2000), attempt(u"b"_s, 1, 2000, std::nullopt)};
    const RunSummary summary = summarizeRun(attempts, {{u"b"_s, u"a"_s}}, 5000);
    QCOMPARE(summary.startMs, 1000);
    QCOMPARE(summary.endMs, 5000);
    QCOMPARE(summary.durationMs, 4000);
    QCOMPARE(summary.criticalPathMs, 4000);
    QCOMPARE(summary.criticalPath, (QStringList{u"a"_s, u"b"_s}));
    QCOMPARE(attemptEndMs(attempts[1], 5000), 5000);
    // A clock behind the start never gives a negative length.
    QCOMPARE(attemptEndMs(attempts[1], 1500), 2000);

    // Later, the same attempt is longer.
    QCOMPARE(summarizeRun(attempts, {{u"b"_s, u"a"_s}}, 9000).criticalPathMs, 8000);

    // A finished attempt without a finish time ends after its duration.
    AttemptRecord noFinish = attempt(u"c"_s, 1, 100, 300);
    noFinish.finishedAt.reset();
    QCOMPARE(attemptEndMs(noFinish, 5000), 300);
}

void TestRunSummary::utilisation_data()
{
    QTest::addColumn<QList<AttemptRecord>>("attempts");
    QTest::addColumn<int>("slotCount");
    QTest::addColumn<int>("expectedSlots");
    QTest::addColumn<double>("expected");

    const QList<AttemptRecord> twoWide{attempt(u"a"_s, 1, 0, 100), attempt(u"b"_s, 1, 0, 50)};
    QTest::newRow("slots from lanes") << twoWide << 0 << 2 << 0.75;
    QTest::newRow("four slots given") << twoWide << 4 << 4 << 0.375;
    QTest::newRow("back to back, one lane")
        << QList<AttemptRecord>{attempt(u"a"_s, 1, 0, 50), attempt(u"a"_s, 2, 50, 100, u"failed"_s)} << 0 << 1 << 1.0;
    QTest::newRow("gap in one lane")
        << QList<AttemptRecord>{attempt(u"a"_s, 1, 0, 25), attempt(u"b"_s, 1, 75, 100)} << 0 << 1 << 0.5;
    QTest::newRow("never above one") << twoWide << 1 << 1 << 1.0;
    QTest::newRow("zero-length run") << QList<AttemptRecord>{attempt(u"a"_s, 1, 10, 10)} << 0 << 1 << 0.0;
}

void TestRunSummary::utilisation()
{
    QFETCH(QList<AttemptRecord>, attempts);
    QFETCH(int, slotCount);
    QFETCH(int, expectedSlots);
    QFETCH(double, expected);

    const RunSummary summary = summarizeRun(attempts, {}, 1000, slotCount);
    QCOMPARE(summary.slotCount, expectedSlots);
    QCOMPARE(summary.utilisation, expected);
}

void TestRunSummary::lanesNeverOverlap()
{
    // Random attempts of one engine, some still running, many touching end to start.
    QRandomGenerator random(42);
    QList<AttemptRecord> attempts;
    const qint64 now = 200000;
    for (int i = 0; i < 2000; ++i) {
        const qint64 start = random.bounded(190000) / 100 * 100;
        const bool running = random.bounded(50) == 0;
        const qint64 end = start + 100 + random.bounded(30) * 100;
        attempts.append(attempt(u"job-%1"_s.arg(i), 1 + random.bounded(3), start,
                                running ? std::nullopt : std::optional<qint64>(end)));
    }

    int laneCount = 0;
    const QList<int> lanes = assignLanes(attempts, now, &laneCount);
    verifyNoOverlap(attempts, lanes, laneCount, now);
    QCOMPARE(laneCount, peakConcurrency(attempts, now, kOwner));
    QCOMPARE(summarizeRun(attempts, {}, now).slotCount, laneCount);
}

void TestRunSummary::ownersGetSeparateLanes()
{
    const QString first = u"alpha:1"_s;
    const QString second = u"beta:2"_s;
    const QList<AttemptRecord> attempts{
        attempt(u"b1"_s, 1, 5, 50, u"succeeded"_s, second),
        attempt(u"a1"_s, 1, 0, 40, u"succeeded"_s, first),
        attempt(u"a2"_s, 1, 10, 30, u"failed"_s, first),
        attempt(u"a3"_s, 1, 40, 60, u"succeeded"_s, first),
        attempt(u"b2"_s, 1, 50, 70, u"succeeded"_s, second),
    };
    int laneCount = 0;
    const QList<int> lanes = assignLanes(attempts, 1000, &laneCount);
    QCOMPARE(laneCount, peakConcurrency(attempts, 1000, first) + peakConcurrency(attempts, 1000, second));
    QCOMPARE(laneCount, 3);
    verifyNoOverlap(attempts, lanes, laneCount, 1000);
    // alpha started first, so its lanes come first; each reuses its lowest free lane.
    QCOMPARE(lanes, (QList<int>{2, 0, 1, 0, 2}));
}

void TestRunSummary::lanesDoNotDependOnInputOrder()
{
    QRandomGenerator random(7);
    QList<AttemptRecord> attempts;
    for (int i = 0; i < 300; ++i) {
        const qint64 start = random.bounded(1000);
        attempts.append(attempt(u"job-%1"_s.arg(i), 1, start, start + random.bounded(200), u"succeeded"_s,
                                random.bounded(2) ? u"one:1"_s : u"two:2"_s));
    }
    int laneCount = 0;
    const QList<int> lanes = assignLanes(attempts, 5000, &laneCount);
    QHash<QString, int> laneOf;
    for (int i = 0; i < attempts.size(); ++i)
        laneOf.insert(attempts[i].jobId, lanes[i]);

    std::reverse(attempts.begin(), attempts.end());
    int reversedCount = 0;
    const QList<int> reversed = assignLanes(attempts, 5000, &reversedCount);
    QCOMPARE(reversedCount, laneCount);
    for (int i = 0; i < attempts.size(); ++i)
        QCOMPARE(reversed[i], laneOf.value(attempts[i].jobId));
}

void TestRunSummary::groupsGiveLanesPerWorkstream()
{
    const QList<AttemptRecord> attempts{attempt(u"a"_s, 1, 0, 10), attempt(u"b"_s, 1, 0, 10),
                                        attempt(u"c"_s, 1, 5, 20), attempt(u"d"_s, 1, 20, 30)};
    const QStringList groups{u"ws-2"_s, u"ws-1"_s, u"ws-2"_s, u"ws-1"_s};
    int laneCount = 0;
    const QList<int> lanes = assignLanes(attempts, groups, 1000, &laneCount);
    // a and b start together and a's id sorts first, so ws-2's lanes come first.
    QCOMPARE(laneCount, 3);
    QCOMPARE(lanes, (QList<int>{0, 2, 1, 2}));
    verifyNoOverlap(attempts, lanes, laneCount, 1000);
}

void TestRunSummary::cycleDoesNotHang()
{
    const QList<AttemptRecord> attempts{attempt(u"a"_s, 1, 0, 10), attempt(u"b"_s, 1, 10, 20),
                                        attempt(u"c"_s, 1, 0, 5), attempt(u"d"_s, 1, 5, 8)};
    // a <-> b form a cycle; c -> d is a proper chain.
    const Dependencies dependencies{{u"a"_s, u"b"_s}, {u"b"_s, u"a"_s}, {u"d"_s, u"c"_s}, {u"c"_s, u"c"_s}};
    const RunSummary summary = summarizeRun(attempts, dependencies, 1000);
    QCOMPARE(summary.criticalPath, (QStringList{u"c"_s, u"d"_s}));
    QCOMPARE(summary.criticalPathMs, 8);
    QCOMPARE(summary.durationMs, 20);

    // Everything on a cycle: no path, still a summary.
    const RunSummary all = summarizeRun(attempts.mid(0, 2), dependencies.mid(0, 2), 1000);
    QVERIFY(all.criticalPath.isEmpty());
    QCOMPARE(all.attempts, 2);
}

void TestRunSummary::longChain()
{
    // 10,000 jobs in a chain, each also depending on the job two before it.
    QList<AttemptRecord> attempts;
    Dependencies dependencies;
    const int count = 10000;
    for (int i = 0; i < count; ++i) {
        const QString id = u"job-%1"_s.arg(i, 5, 10, QLatin1Char('0'));
        attempts.append(attempt(id, 1, i * 10, i * 10 + 10));
        if (i > 0)
            dependencies.append({id, u"job-%1"_s.arg(i - 1, 5, 10, QLatin1Char('0'))});
        if (i > 1)
            dependencies.append({id, u"job-%1"_s.arg(i - 2, 5, 10, QLatin1Char('0'))});
    }
    const RunSummary summary = summarizeRun(attempts, dependencies, 0);
    QCOMPARE(summary.criticalPathMs, qint64(count) * 10);
    QCOMPARE(summary.criticalPath.size(), count);
    QCOMPARE(summary.criticalPath.constFirst(), u"job-00000"_s);
    QCOMPARE(summary.criticalPath.constLast(), u"job-09999"_s);
    QCOMPARE(summary.slotCount, 1);
    QCOMPARE(summary.utilisation, 1.0);
}

QTEST_GUILESS_MAIN(TestRunSummary)
#include "tst_runsummary.moc"
