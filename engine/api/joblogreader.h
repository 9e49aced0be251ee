#pragma once

#include <functional>

#include <QByteArray>
#include <QString>

#include "core/records.h"

namespace Orchestrator {

class Engine;

// Reads a job's log as it grows (`orchestrator logs`, with or without
// --follow): the log file while there is one on this machine, else the
// output its worker stored in the database (a job that ran on another
// machine, PostgreSQL). Each call reads only what is new. Used on the
// engine's thread.
class JobLogReader final
{
public:
    using Sink = std::function<void(const QByteArray &)>;

    // `job` as Engine::job() returned it.
    JobLogReader(Engine &engine, JobRecord job);

    // Hands what was appended since the last call to `sink`, in pieces.
    void readNew(const Sink &sink);
    // The output came from the database, not from a log file here.
    bool fromDatabase() const { return m_fromDatabase; }
    const JobRecord &job() const { return m_job; }

private:
    void readChunks(const Sink &sink);

    Engine &m_engine;
    JobRecord m_job;
    qint64 m_offset = 0;         // in the log file
    // In the database: the chunks after the last one handed on, attempt by
    // attempt up to the job's newest.
    int m_chunkAttempt = 1;
    qint64 m_chunkSeq = -1;
    bool m_fromDatabase = false;
};

} // namespace Orchestrator
