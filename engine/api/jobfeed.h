#pragma once

#include <QList>
#include <QObject>
#include <QString>
#include <QTimer>

#include "core/result.h"
#include "store/database.h"
#include "store/records.h"

namespace Orchestrator {

class JobStore;

// Follows a database's `events` table and reports the jobs that changed, in
// batches, whoever changed them (this process's engine, a CLI `submit`,
// another worker). Read only, on its own connection, in the thread it lives
// in: a GUI moves it to a worker thread so no query runs on the GUI thread.
//
// start() first emits every job (the snapshot, in pages of a few thousand,
// so a view stays responsive), then, every interval, the jobs named by events
// newer than the last one seen. A batch holds each job
// once, in its latest state.
class JobFeed final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(JobFeed)

public:
    explicit JobFeed(QObject *parent = nullptr);
    ~JobFeed() override;

    Status open(const QString &databasePath);
    // Reads the snapshot, then polls every `intervalMs`.
    void start(int intervalMs = 250);
    void stop();
    // Polls now (also called by the timer); returns the number of jobs reported.
    int poll();

    qint64 lastEventId() const { return m_lastEventId; }

Q_SIGNALS:
    void snapshot(const QList<Orchestrator::JobRecord> &jobs);
    void jobsUpdated(const QList<Orchestrator::JobRecord> &jobs);
    void feedError(const QString &message);

private:
    Database m_database;
    std::unique_ptr<JobStore> m_store;
    QTimer *m_timer = nullptr;   // a child, so it moves with the feed to its thread
    qint64 m_lastEventId = 0;
};

} // namespace Orchestrator

Q_DECLARE_METATYPE(Orchestrator::JobRecord)
