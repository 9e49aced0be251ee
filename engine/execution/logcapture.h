#pragma once

#include <atomic>

#include <QByteArray>
#include <QMutex>
#include <QString>

namespace Orchestrator {

// Tool output on its way into the database (log_chunks), next to the log
// file: the attempt's thread appends what it writes to the log (already
// masked), the scheduler takes it in batches with its next transaction.
// At most `capBytes` are kept; the cut is marked once, with `where` (the
// log file that has it all), so a reader sees that output is missing.
class LogCapture final
{
public:
    LogCapture(qint64 capBytes, QString where);
    Q_DISABLE_COPY_MOVE(LogCapture)

    // Any thread.
    void append(const QByteArray &bytes);
    // Everything appended since the last call (empty: nothing new).
    QByteArray take();
    // Puts back in front what take() returned when it could not be stored.
    void restore(const QByteArray &bytes);
    bool hasPending() const { return m_hasPending.load(std::memory_order_relaxed); }
    bool isCut() const;

private:
    mutable QMutex m_mutex;
    QByteArray m_pending;
    qint64 m_capBytes = 0;
    qint64 m_kept = 0;
    bool m_cut = false;
    QString m_where;
    std::atomic<bool> m_hasPending{false};
};

} // namespace Orchestrator
