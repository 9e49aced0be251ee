// The scheduler's decision, without a database: for every state a result
// can meet and every outcome, with attempts left and used up, escalation,
// crashes (refund, on_crash, quarantine), timeouts and cancellation, the
// exact next state, event, reason and what goes with it.

#include <array>
#include <chrono>

#include <QDateTime>
#include <QTest>

#include "core/records.h"
#include "execution/attempt.h"
#include "scheduling/decision.h"

using namespace Orchestrator;
using namespace Qt::StringLiterals;

namespace {

constexpr qint64 kNow = 1'700'000'000'000;
const QString kMessage = u"exited with code 2"_s;

constexpr std::array<Outcome, 8> kAllOutcomes{Outcome::Succeeded, Outcome::Failed,    Outcome::Signalled,   Outcome::FailedToStart,
                                              Outcome::TimedOut,  Outcome::Cancelled, Outcome::Interrupted, Outcome::SetupFailed};

// A job as claimed: its attempt number `attempts` is running, of a budget
// of `maxAttempts` after `budgetBase` earlier ones; backoff 5 s, factor 2.
JobRecord job(JobState state, int attempts, int maxAttempts, const QStringList &escalateTo = {}, int budgetBase = 0,
              int crashes = 0, bool failOnCrash = false)
{
    JobRecord r;
    r.jobId = u"a"_s;
    r.runId = u"run"_s;
    r.tool = u"aider"_s;
    r.state = state;
    r.attempts = attempts;
    r.budgetBase = budgetBase;
    r.retry.maxAttempts = maxAttempts;
    r.retry.backoffSeconds = 5.0;
    r.retry.backoffFactor = 2.0;
    r.retry.escalateTo = escalateTo;
    r.crashes = crashes;
    r.failOnCrash = failOnCrash;
    return r;
}

AttemptResult result(const JobRecord &job, Outcome outcome, bool crashed = false)
{
    AttemptResult r;
    r.jobId = job.jobId;
    r.attempt = job.attempts;
    r.owner = u"host:1:0"_s;
    r.tool = job.tool;
    r.outcome = outcome;
    r.crashed = crashed;
    r.message = kMessage;
    return r;
}

QString clock(qint64 ms) { return QDateTime::fromMSecsSinceEpoch(ms).toString(u"HH:mm:ss"_s); }

// The expected decision; unset fields keep Decision's defaults.
Decision expect(JobState next, EventKind event, const QString &reason, Downstream downstream = Downstream::Unchanged)
{
    Decision d;
    d.next = next;
    d.event = event;
    d.reason = reason;
    d.finished = isFinal(next);
    d.downstream = downstream;
    return d;
}

Decision retryIn(qint64 delayMs, const QString &tool, int attempt)
{
    Decision d = expect(JobState::RetryWaiting, EventKind::RetryScheduled,
                        u"attempt %1 %2; retry at %3 with %4"_s.arg(attempt).arg(kMessage, clock(kNow + delayMs), tool));
    d.retryDelay = std::chrono::milliseconds(delayMs);
    d.retryAt = kNow + delayMs;
    d.nextTool = tool;
    d.recordError = true;
    return d;
}

Decision exhausted(JobState final, int attempt)
{
    Decision d = expect(final, EventKind::State, u"attempt %1: %2"_s.arg(attempt).arg(kMessage), Downstream::Fail);
    d.recordError = true;
    return d;
}

Decision crashRequeued(int crash, int attempt = 1)
{
    Decision d = expect(JobState::Queued, EventKind::CrashRetry,
                        u"attempt %1: %2; queued again (crash %3 of %4 before quarantine)"_s.arg(attempt).arg(kMessage).arg(crash).arg(
                            kQuarantineAfterCrashes));
    d.refund = true;
    d.countCrash = true;
    d.requeuedAfterCrash = true;
    d.recordError = true;
    return d;
}

Decision crashFailed(EventKind event, const QString &reason)
{
    Decision d = expect(JobState::Failed, event, reason, Downstream::Fail);
    d.countCrash = true;
    d.recordError = true;
    return d;
}

Decision stale(JobState state)
{
    Decision d;
    d.stale = true;
    d.next = state;
    d.event = EventKind::StaleResult;
    return d;
}

void compareDecisions(const Decision &actual, const Decision &expected)
{
    QCOMPARE(actual.stale, expected.stale);
    QCOMPARE(toString(actual.next), toString(expected.next));
    QCOMPARE(toString(actual.event), toString(expected.event));
    if (expected.stale)
        return;   // nothing else is applied
    QCOMPARE(actual.reason, expected.reason);
    QCOMPARE(actual.finished, expected.finished);
    QCOMPARE(actual.retryDelay.has_value(), expected.retryDelay.has_value());
    if (expected.retryDelay)
        QCOMPARE(actual.retryDelay->count(), expected.retryDelay->count());
    QCOMPARE(actual.retryAt, expected.retryAt);
    QCOMPARE(actual.nextTool, expected.nextTool);
    QCOMPARE(int(actual.downstream), int(expected.downstream));
    QCOMPARE(actual.refund, expected.refund);
    QCOMPARE(actual.countCrash, expected.countCrash);
    QCOMPARE(actual.requeuedAfterCrash, expected.requeuedAfterCrash);
    QCOMPARE(actual.recordError, expected.recordError);
}

} // namespace

Q_DECLARE_METATYPE(Orchestrator::Decision)

class TestDecision final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void decide_data()
    {
        QTest::addColumn<JobRecord>("job");
        QTest::addColumn<AttemptResult>("result");
        QTest::addColumn<Decision>("expected");

        const QString plain = u"attempt 1: "_s + kMessage;
        {
            const JobRecord first = job(JobState::Running, 1, 3);
            const JobRecord last = job(JobState::Running, 3, 3);
            QTest::newRow("succeeded, attempts left") << first << result(first, Outcome::Succeeded)
                                                     << expect(JobState::Succeeded, EventKind::State, plain, Downstream::Release);
            QTest::newRow("succeeded, last attempt")
                << last << result(last, Outcome::Succeeded)
                << expect(JobState::Succeeded, EventKind::State, u"attempt 3: "_s + kMessage, Downstream::Release);
            // Cancel: the attempt is killed and not retried, whatever the budget.
            QTest::newRow("cancelled, attempts left") << first << result(first, Outcome::Cancelled)
                                                     << expect(JobState::Cancelled, EventKind::Cancelled, plain, Downstream::Fail);
            QTest::newRow("cancelled, last attempt")
                << last << result(last, Outcome::Cancelled)
                << expect(JobState::Cancelled, EventKind::Cancelled, u"attempt 3: "_s + kMessage, Downstream::Fail);
        }
        {
            // The engine stopped: back to the queue, not counted, even with the budget used up.
            Decision released = expect(JobState::Queued, EventKind::Released, plain);
            released.refund = true;
            const JobRecord first = job(JobState::Running, 1, 3);
            QTest::newRow("engine stopped") << first << result(first, Outcome::Interrupted) << released;
            const JobRecord only = job(JobState::Running, 1, 1);
            QTest::newRow("engine stopped, budget used up") << only << result(only, Outcome::Interrupted) << released;
        }
        {
            // The engine died: counted as a crash, queued again until quarantine or on_crash.
            const JobRecord none = job(JobState::Running, 1, 1, {}, 0, 0);
            QTest::newRow("engine died, first crash") << none << result(none, Outcome::Interrupted, true) << crashRequeued(1);
            const JobRecord once = job(JobState::Running, 1, 1, {}, 0, 1);
            QTest::newRow("engine died, second crash") << once << result(once, Outcome::Interrupted, true) << crashRequeued(2);
            const JobRecord twice = job(JobState::Running, 1, 1, {}, 0, kQuarantineAfterCrashes - 1);
            QTest::newRow("engine died, quarantined")
                << twice << result(twice, Outcome::Interrupted, true)
                << crashFailed(EventKind::Quarantined,
                               u"quarantined: crashed its worker %1 times (attempt 1: %2)"_s.arg(kQuarantineAfterCrashes).arg(kMessage));
            const JobRecord failOnCrash = job(JobState::Running, 1, 3, {}, 0, 0, true);
            QTest::newRow("engine died, on_crash fail")
                << failOnCrash << result(failOnCrash, Outcome::Interrupted, true)
                << crashFailed(EventKind::CrashFailed, plain + u"; on_crash is fail"_s);
            const JobRecord both = job(JobState::Running, 1, 3, {}, 0, kQuarantineAfterCrashes - 1, true);
            QTest::newRow("engine died, on_crash fail before quarantine")
                << both << result(both, Outcome::Interrupted, true)
                << crashFailed(EventKind::CrashFailed, plain + u"; on_crash is fail"_s);
        }
        // Every kind of failure retries while attempts are left, then ends
        // the job: TimedOut for a timeout, Failed for the others.
        const std::pair<Outcome, JobState> failures[] = {
            {Outcome::Failed, JobState::Failed},
            {Outcome::Signalled, JobState::Failed},
            {Outcome::FailedToStart, JobState::Failed},
            {Outcome::TimedOut, JobState::TimedOut},
        };
        for (const auto &[outcome, final] : failures) {
            const QByteArray name = toString(outcome).toLatin1();
            const JobRecord first = job(JobState::Running, 1, 3);
            QTest::newRow(QByteArray(name + ", first of 3: retry after 5 s").constData()) << first << result(first, outcome) << retryIn(5000, u"aider"_s, 1);
            const JobRecord second = job(JobState::Running, 2, 3);
            QTest::newRow(QByteArray(name + ", second of 3: backoff doubles").constData()) << second << result(second, outcome) << retryIn(10000, u"aider"_s, 2);
            const JobRecord last = job(JobState::Running, 3, 3);
            QTest::newRow(QByteArray(name + ", budget used up").constData()) << last << result(last, outcome) << exhausted(final, 3);
            const JobRecord only = job(JobState::Running, 1, 1);
            QTest::newRow(QByteArray(name + ", single attempt").constData()) << only << result(only, outcome) << exhausted(final, 1);
        }
        {
            // Escalation: attempt n runs tool n of [tool, escalate_to...], the last one again past the end.
            const JobRecord first = job(JobState::Running, 1, 3, {u"codex"_s, u"claude"_s});
            // A worktree that cannot be made (upstream changes conflict) is
            // not retried by the policy: the next attempt would meet the same conflict.
            QTest::newRow("setup failed, attempts left") << first << result(first, Outcome::SetupFailed) << exhausted(JobState::Failed, 1);
            QTest::newRow("escalates to the next tool") << first << result(first, Outcome::Failed) << retryIn(5000, u"codex"_s, 1);
            const JobRecord second = job(JobState::Running, 2, 3, {u"codex"_s, u"claude"_s});
            QTest::newRow("escalates again") << second << result(second, Outcome::TimedOut) << retryIn(10000, u"claude"_s, 2);
            const JobRecord beyond = job(JobState::Running, 2, 3, {u"codex"_s});
            QTest::newRow("past the end of escalate_to") << beyond << result(beyond, Outcome::Signalled) << retryIn(10000, u"codex"_s, 2);
            const JobRecord last = job(JobState::Running, 2, 2, {u"codex"_s});
            QTest::newRow("escalated and used up") << last << result(last, Outcome::Failed) << exhausted(JobState::Failed, 2);
        }
        {
            // After a manual retry the budget starts again: attempt numbers run on,
            // the backoff and the tool count from the new budget's start.
            const JobRecord retried = job(JobState::Running, 4, 3, {u"codex"_s}, 3);
            QTest::newRow("fresh budget after a manual retry") << retried << result(retried, Outcome::Failed) << retryIn(5000, u"codex"_s, 4);
            const JobRecord refunded = job(JobState::Running, 3, 2, {}, 1);
            QTest::newRow("refunded attempt leaves one more") << refunded << result(refunded, Outcome::Failed)
                                                              << exhausted(JobState::Failed, 3);
        }
        // A result for a job that no longer runs that attempt changes nothing.
        for (JobState state : kAllJobStates) {
            if (state == JobState::Running)
                continue;
            for (Outcome outcome : kAllOutcomes) {
                const JobRecord other = job(state, 1, 3);
                QTest::newRow(qPrintable(u"stale: %1 job, %2"_s.arg(toString(state), toString(outcome))))
                    << other << result(other, outcome) << stale(state);
            }
        }
    }

    void decide()
    {
        QFETCH(JobRecord, job);
        QFETCH(AttemptResult, result);
        QFETCH(Decision, expected);
        compareDecisions(Orchestrator::decide(job, result, kNow), expected);
    }

    // Whatever the inputs, a decision is consistent with itself: a final state
    // sets finished_at and settles the downstream, and nothing else does.
    void everyRunningOutcomeIsConsistent()
    {
        for (Outcome outcome : kAllOutcomes) {
            for (bool crashed : {false, true}) {
                for (int attempts : {1, 2, 3}) {
                    for (int crashes : {0, kQuarantineAfterCrashes - 1}) {
                        for (bool failOnCrash : {false, true}) {
                            const JobRecord j = job(JobState::Running, attempts, 3, {u"codex"_s}, 0, crashes, failOnCrash);
                            const Decision d = Orchestrator::decide(j, result(j, outcome, crashed), kNow);
                            const QString row = u"%1 crashed=%2 attempts=%3 crashes=%4 failOnCrash=%5"_s.arg(toString(outcome))
                                                    .arg(crashed).arg(attempts).arg(crashes).arg(failOnCrash);
                            QVERIFY2(!d.stale, qPrintable(row));
                            QVERIFY2(d.next != JobState::Running, qPrintable(row));
                            QVERIFY2(d.finished == isFinal(d.next), qPrintable(row));
                            const Downstream downstream = !isFinal(d.next) ? Downstream::Unchanged
                                : d.next == JobState::Succeeded       ? Downstream::Release
                                                                      : Downstream::Fail;
                            QVERIFY2(d.downstream == downstream, qPrintable(row));
                            QVERIFY2(d.retryAt.has_value() == (d.next == JobState::RetryWaiting), qPrintable(row));
                            QVERIFY2(!d.refund || d.next == JobState::Queued, qPrintable(row));
                            QVERIFY2(!d.reason.isEmpty(), qPrintable(row));
                        }
                    }
                }
            }
        }
    }
};

QTEST_GUILESS_MAIN(TestDecision)
#include "tst_decision.moc"
