#pragma once

// How long the GUI thread keeps an event waiting, measured from another thread.
//
// A monitor thread posts a small event to an object on the GUI thread every
// millisecond (absolute deadlines, so it does not drift) and stamps it with
// the time it was posted; the GUI thread notes how long each one waited to be
// delivered. That wait is what a click or a repaint request posted at the same
// moment would have waited: the GUI thread was busy in one event handler,
// blocked (in a query, say), or waiting for a core. A stall is a run of events
// that waited longer than the threshold, counted once, as long as its oldest
// event waited. The monitor thread's own lateness (a busy machine) only thins
// out the samples; it cannot make a stall look longer or shorter than the wait
// of the events it did post.
//
// On a machine shared with other work the GUI thread also waits for a core;
// each stall says how much of it was that (from the scheduler's statistics),
// how much CPU time the thread used and how long it was blocked.
//
// A 1 ms Qt::PreciseTimer on the GUI thread is kept as a cross-check (the
// largest gap between its firings).

#include <atomic>
#include <chrono>
#include <cstdint>
#include <thread>
#include <vector>

#include <QElapsedTimer>
#include <QObject>
#include <QString>
#include <QStringList>

class QTimer;

namespace Bench {

struct Stall
{
    double ms = 0;       // how long the oldest event of the run waited
    // Between the last delivery before the stall and the first after it, the
    // GUI thread ran for cpuMs and waited on a run queue for queuedMs (ready,
    // no core free: /proc/thread-self/schedstat); the rest it was blocked
    // (a query, a lock, a sleep).
    double cpuMs = 0;
    double queuedMs = 0;
    double blockedMs = 0;
    int phase = 0;       // index into StallMonitor::phases()
    QString step;
};

struct PhaseFigures
{
    QString name;
    std::vector<float> waits;   // ms, every delivered event
    double timerGapMs = 0;      // largest gap between two firings of the 1 ms timer
    int stalls = 0;
    int stallsWithoutQueueing = 0;   // still over the threshold without the wait for a core
    double worstMs = 0;
};

class StallMonitor final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(StallMonitor)

public:
    explicit StallMonitor(double thresholdMs, QObject *parent = nullptr);
    ~StallMonitor() override;

    void start();
    void stop();
    // Later events count for `phase` (created on first use) and name `step`
    // in the stalls they belong to.
    void setStep(const QString &phase, const QString &step);

    const std::vector<PhaseFigures> &phases() const { return m_phases; }
    const std::vector<Stall> &stalls() const { return m_stalls; }
    double thresholdMs() const { return m_thresholdMs; }

protected:
    bool event(QEvent *event) override;

private:
    static std::int64_t nowNs();
    static std::int64_t threadCpuNs();
    // The GUI thread's time on a run queue so far (0 without schedstat).
    std::int64_t runQueueNs() const;
    void postLoop();
    void timerTick();

    double m_thresholdMs;
    std::thread m_thread;
    std::atomic<bool> m_running{false};

    std::vector<PhaseFigures> m_phases;
    std::vector<Stall> m_stalls;
    int m_phase = -1;
    QString m_step;
    std::int64_t m_lastDeliveryNs = 0;
    std::int64_t m_lastDeliveryCpuNs = 0;
    std::int64_t m_lastDeliveryQueueNs = 0;
    int m_schedstat = -1;
    std::int64_t m_stallEndNs = 0;      // delivery of the last late event
    bool m_inStall = false;

    QTimer *m_timer = nullptr;
    std::int64_t m_lastTickNs = 0;
};

} // namespace Bench
