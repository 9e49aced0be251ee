#pragma once

#include <QHash>
#include <QList>
#include <QObject>
#include <QSet>
#include <QString>
#include <QTimer>

#include "core/databasefiles.h"
#include "core/records.h"
#include "core/result.h"

class QTemporaryDir;

namespace Orchestrator {

class JobStore;

// Follows a database's `events` table and reports the jobs that changed, in
// batches, whoever changed them (this process's engine, a CLI `submit`,
// another worker). Read only, on its own connection, in the thread it lives
// in: a GUI moves it to a worker thread so no query runs on the GUI thread.
//
// start() first emits every job (the snapshot, in pages of a few thousand,
// so a view stays responsive), then the jobs named by events newer than the
// last one seen. A batch holds each job once, in its latest state.
//
// When to look: on SQLite, every interval. On PostgreSQL the feed LISTENs on
// the channel the store NOTIFYs after each committed change and looks at
// once (bursts coalesced); a slow safety poll covers a notification lost with
// a dropped connection.
//
// It also reports the engines working the database (workersUpdated, when
// they change) and, for a job whose log file is not on this machine, copies
// the output the store keeps in the database into a local file that a log
// view can tail (followLog).
class JobFeed final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(JobFeed)

public:
    // The channel the store notifies on PostgreSQL.
    static constexpr const char *kNotifyChannel = "orchestrator_jobs";
    static constexpr int kSafetyPollMs = 5000;
    // SQLite: how often the database is read for changes (the dashboard's refresh).
    static constexpr int kPollMs = 250;

    explicit JobFeed(QObject *parent = nullptr);
    ~JobFeed() override;

    Status open(const QString &databasePath);
    // Reads the snapshot, then polls every `intervalMs` (SQLite) or listens
    // (PostgreSQL, with a safety poll every kSafetyPollMs).
    void start(int intervalMs = kPollMs);
    void stop();
    // Polls now (also called by the timer and on notification); returns the
    // number of jobs reported.
    int poll();

    bool isListening() const { return m_listening; }
    // Every event with an id up to this one has been reported (or given up on).
    qint64 lastEventId() const { return m_lastEventId; }

    // Keeps a local copy of `jobId`'s output as stored in the database, grown
    // as new output is stored, and reports its path with logFileReady. An
    // empty id stops following.
    void followLog(const QString &jobId);
    // A change was committed by this process (its engine, a command): look
    // now, coalesced with other wakes and notifications, instead of at the
    // next interval. Ignored until the snapshot is out.
    void wake();

Q_SIGNALS:
    void snapshot(const QList<Orchestrator::JobRecord> &jobs);
    void jobsUpdated(const QList<Orchestrator::JobRecord> &jobs);
    // Every engine of the database, when any of them changed.
    void workersUpdated(const QList<Orchestrator::EngineRecord> &workers);
    // Run id -> title of every run that has one: before the snapshot, and
    // again when a submission changed them.
    void runTitlesUpdated(const QHash<QString, QString> &titles);
    void logFileReady(const QString &jobId, const QString &path);
    void feedError(const QString &message);
    // SQLite: the database's files changed under this process (an unlinked
    // WAL, lost locks; core/databasefiles.h). Every connection of the process
    // closes, then the feed opens afresh and sends a new snapshot, which
    // replaces what was shown: drop other connections of this database now.
    void reopening(const QString &message);

private:
    // True while the feed's connection is closed for a reopen.
    bool reopenIfFilesChanged();
    void listen();
    void refreshWorkers();
    void refreshRunTitles();
    void copyLogChunks();
    // Advances m_lastEventId over the ids seen, and over gaps older than the grace period.
    void advanceFloor(qint64 now);

    struct Connection;                // the store's Database, kept out of this public header
    std::unique_ptr<Connection> m_connection;
    std::unique_ptr<JobStore> m_store;
    QTimer *m_timer = nullptr;        // children, so they move with the feed to its thread
    QTimer *m_notified = nullptr;     // coalesces a burst of notifications into one poll
    QTimer *m_woken = nullptr;        // the same for wake()
    QTimer *m_logTimer = nullptr;     // copies a followed log's new output
    bool m_listening = false;
    bool m_started = false;
    QString m_path;
    int m_intervalMs = kPollMs;
    bool m_reopening = false;
    DatabaseFiles::ReopenCheck m_reopenCheck;

    // On PostgreSQL an event id is taken when the row is inserted, not when
    // its transaction commits, so ids become visible out of order: an id
    // missing below the highest one seen may still appear. Such gaps are
    // looked at again until they fill or their grace period ends (an id of a
    // rolled-back transaction never appears).
    qint64 m_lastEventId = 0;
    QSet<qint64> m_seenAbove;         // ids above m_lastEventId already reported
    QHash<qint64, qint64> m_gaps;     // id -> when it was first missed (ms)
    qint64 m_highestSeen = 0;

    QList<EngineRecord> m_workers;
    QHash<QString, QString> m_runTitles;
    qint64 m_workersReadAt = 0;

    QString m_logJob;
    QString m_logPath;
    int m_logAttempt = 1;             // the attempt being copied
    qint64 m_logAfterSeq = -1;        // its last chunk copied
    std::unique_ptr<QTemporaryDir> m_logDir;
};

} // namespace Orchestrator

Q_DECLARE_METATYPE(Orchestrator::JobRecord)
Q_DECLARE_METATYPE(Orchestrator::EngineRecord)
