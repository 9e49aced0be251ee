#include "stallmonitor.h"

#include <algorithm>
#include <cstdlib>
#include <ctime>

#include <fcntl.h>
#include <unistd.h>

#include <QCoreApplication>
#include <QEvent>
#include <QTimer>

namespace Bench {

namespace {

const QEvent::Type kProbeEvent = QEvent::Type(QEvent::registerEventType());

class ProbeEvent final : public QEvent
{
public:
    explicit ProbeEvent(std::int64_t postedNs) : QEvent(kProbeEvent), postedNs(postedNs) {}
    const std::int64_t postedNs;
};

} // namespace

StallMonitor::StallMonitor(double thresholdMs, QObject *parent)
    : QObject(parent), m_thresholdMs(thresholdMs), m_timer(new QTimer(this))
{
    m_timer->setTimerType(Qt::PreciseTimer);
    m_timer->setInterval(1);
    connect(m_timer, &QTimer::timeout, this, &StallMonitor::timerTick);
}

StallMonitor::~StallMonitor()
{
    stop();
    if (m_schedstat >= 0)
        ::close(m_schedstat);
}

std::int64_t StallMonitor::runQueueNs() const
{
    // "<ns on cpu> <ns waiting on a run queue> <timeslices>"
    char buffer[96];
    const ssize_t n = m_schedstat < 0 ? -1 : pread(m_schedstat, buffer, sizeof buffer - 1, 0);
    if (n <= 0)
        return 0;
    buffer[n] = '\0';
    char *end = nullptr;
    std::strtoll(buffer, &end, 10);
    return std::strtoll(end, nullptr, 10);
}

std::int64_t StallMonitor::nowNs()
{
    timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return std::int64_t(ts.tv_sec) * 1000000000 + ts.tv_nsec;
}

std::int64_t StallMonitor::threadCpuNs()
{
    timespec ts;
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
    return std::int64_t(ts.tv_sec) * 1000000000 + ts.tv_nsec;
}

void StallMonitor::start()
{
    if (m_running.exchange(true))
        return;
    if (m_schedstat < 0)
        m_schedstat = ::open("/proc/thread-self/schedstat", O_RDONLY | O_CLOEXEC);   // start() runs on the GUI thread
    m_lastDeliveryNs = nowNs();
    m_lastDeliveryCpuNs = threadCpuNs();
    m_lastDeliveryQueueNs = runQueueNs();
    m_lastTickNs = 0;
    m_timer->start();
    m_thread = std::thread([this] { postLoop(); });
}

void StallMonitor::stop()
{
    if (!m_running.exchange(false))
        return;
    m_thread.join();
    m_timer->stop();
    // Events still queued are dropped with the object or delivered later; not counted.
    QCoreApplication::removePostedEvents(this, kProbeEvent);
}

void StallMonitor::setStep(const QString &phase, const QString &step)
{
    auto it = std::find_if(m_phases.begin(), m_phases.end(), [&phase](const PhaseFigures &p) { return p.name == phase; });
    if (it == m_phases.end()) {
        m_phases.push_back(PhaseFigures{phase, {}, 0, 0, 0, 0});
        it = m_phases.end() - 1;
        it->waits.reserve(1 << 16);
    }
    m_phase = int(it - m_phases.begin());
    m_step = step;
}

void StallMonitor::postLoop()
{
    timespec next;
    clock_gettime(CLOCK_MONOTONIC, &next);
    while (m_running.load(std::memory_order_relaxed)) {
        next.tv_nsec += 1000000;
        if (next.tv_nsec >= 1000000000) {
            next.tv_nsec -= 1000000000;
            ++next.tv_sec;
        }
        clock_nanosleep(CLOCK_MONOTONIC, TIMER_ABSTIME, &next, nullptr);
        const std::int64_t now = nowNs();
        QCoreApplication::postEvent(this, new ProbeEvent(now));
        // Woken late (a busy machine): go on from now rather than post a burst.
        const std::int64_t nextNs = std::int64_t(next.tv_sec) * 1000000000 + next.tv_nsec;
        if (now > nextNs + 1000000) {
            next.tv_sec = time_t(now / 1000000000);
            next.tv_nsec = long(now % 1000000000);
        }
    }
}

bool StallMonitor::event(QEvent *event)
{
    if (event->type() != kProbeEvent)
        return QObject::event(event);
    const std::int64_t now = nowNs();
    const std::int64_t cpu = threadCpuNs();
    const std::int64_t queued = runQueueNs();
    const std::int64_t posted = static_cast<ProbeEvent *>(event)->postedNs;
    const double waitMs = double(now - posted) / 1e6;
    if (m_phase >= 0) {
        PhaseFigures &phase = m_phases[std::size_t(m_phase)];
        phase.waits.push_back(float(waitMs));
        if (waitMs > m_thresholdMs) {
            // Posted before the previous late event was delivered: the same stall.
            if (!m_inStall || posted > m_stallEndNs) {
                const double cpuMs = double(cpu - m_lastDeliveryCpuNs) / 1e6;
                const double queuedMs = double(queued - m_lastDeliveryQueueNs) / 1e6;
                const double windowMs = double(now - m_lastDeliveryNs) / 1e6;
                m_stalls.push_back(Stall{waitMs, cpuMs, queuedMs, std::max(0.0, windowMs - cpuMs - queuedMs), m_phase, m_step});
                ++phase.stalls;
                if (waitMs - queuedMs > m_thresholdMs)
                    ++phase.stallsWithoutQueueing;
                phase.worstMs = std::max(phase.worstMs, waitMs);
                m_inStall = true;
            }
            m_stallEndNs = now;
        } else {
            m_inStall = false;
        }
    }
    m_lastDeliveryNs = now;
    m_lastDeliveryCpuNs = cpu;
    m_lastDeliveryQueueNs = queued;
    return true;
}

void StallMonitor::timerTick()
{
    const std::int64_t now = nowNs();
    if (m_lastTickNs != 0 && m_phase >= 0) {
        PhaseFigures &phase = m_phases[std::size_t(m_phase)];
        phase.timerGapMs = std::max(phase.timerGapMs, double(now - m_lastTickNs) / 1e6);
    }
    m_lastTickNs = now;
}

} // namespace Bench
