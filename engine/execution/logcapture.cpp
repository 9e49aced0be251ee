#include "logcapture.h"

#include <QMutexLocker>

namespace Orchestrator {

LogCapture::LogCapture(qint64 capBytes, QString where)
    : m_capBytes(qMax<qint64>(0, capBytes))
    , m_where(std::move(where))
{
}

void LogCapture::append(const QByteArray &bytes)
{
    if (bytes.isEmpty())
        return;
    QMutexLocker lock(&m_mutex);
    if (m_cut)
        return;
    const qint64 room = m_capBytes - m_kept;
    if (bytes.size() <= room) {
        m_pending += bytes;
        m_kept += bytes.size();
    } else {
        m_pending += bytes.left(room);
        m_kept = m_capBytes;
        m_cut = true;
        m_pending += QStringLiteral("\n[orchestrator: output beyond %1 bytes is not stored in the database; the full log is %2]\n")
                         .arg(m_capBytes)
                         .arg(m_where)
                         .toUtf8();
    }
    m_hasPending.store(true, std::memory_order_relaxed);
}

QByteArray LogCapture::take()
{
    QMutexLocker lock(&m_mutex);
    m_hasPending.store(false, std::memory_order_relaxed);
    return std::exchange(m_pending, {});
}

void LogCapture::restore(const QByteArray &bytes)
{
    if (bytes.isEmpty())
        return;
    QMutexLocker lock(&m_mutex);
    m_pending.prepend(bytes);
    m_hasPending.store(true, std::memory_order_relaxed);
}

bool LogCapture::isCut() const
{
    QMutexLocker lock(&m_mutex);
    return m_cut;
}

} // namespace Orchestrator
