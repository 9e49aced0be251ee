#include "joblogreader.h"

#include <QFile>

#include "api/engine.h"

namespace Orchestrator {

JobLogReader::JobLogReader(Engine &engine, JobRecord job)
    : m_engine(engine)
    , m_job(std::move(job))
{
}

void JobLogReader::readNew(const Sink &sink)
{
    QFile file(m_job.logFile);
    if (m_fromDatabase || (!file.exists() && m_offset == 0)) {
        readChunks(sink);
        return;
    }
    if (!file.open(QIODevice::ReadOnly) || !file.seek(m_offset))
        return;
    while (true) {
        const QByteArray chunk = file.read(256 * 1024);
        if (chunk.isEmpty())
            break;
        sink(chunk);
        m_offset += chunk.size();
    }
}

void JobLogReader::readChunks(const Sink &sink)
{
    auto now = m_engine.job(m_job.jobId);
    const int attempts = now ? now->attempts : m_job.attempts;
    while (m_chunkAttempt <= attempts) {
        auto chunks = m_engine.logChunks(m_job.jobId, m_chunkAttempt, m_chunkSeq);
        if (!chunks)
            break;
        if (chunks->isEmpty()) {
            if (m_chunkAttempt == attempts)
                break;   // the newest attempt: more may come
            ++m_chunkAttempt;   // an older attempt is complete: on to the next
            m_chunkSeq = -1;
            continue;
        }
        for (const LogChunk &chunk : std::as_const(*chunks))
            sink(chunk.data);
        m_chunkSeq = chunks->constLast().seq;
        m_fromDatabase = true;
    }
}

} // namespace Orchestrator
