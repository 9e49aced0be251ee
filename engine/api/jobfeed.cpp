#include "jobfeed.h"

#include <functional>
#include <memory>

#include <QDateTime>
#include <QFile>
#include <QSqlDriver>
#include <QTemporaryDir>

#include "core/databasefiles.h"
#include "store/database.h"
#include "store/jobstore.h"

namespace Orchestrator {

namespace {
// At most this many events are read per poll, so a burst never stalls the
// feed's thread; the rest follow on the next poll, which comes at once.
constexpr int kEventsPerPoll = 20000;
// The first snapshot goes out in pages of this many jobs, this far apart.
constexpr qsizetype kSnapshotPage = 1000;
constexpr int kSnapshotPacingMs = 2;
// Notifications this close together are answered by one poll.
constexpr int kNotifyCoalesceMs = 10;
// This process's own changes (wake()) are read at most this long after the
// first of a burst: sooner than the poll interval, without a poll per tick
// of a busy engine.
constexpr int kWakeCoalesceMs = 100;
// An event id missing below the highest seen is waited for this long: longer
// than any write transaction of an engine holds its ids uncommitted.
constexpr qint64 kGapGraceMs = 30000;
// Engines are read again after a change to jobs, and at least this often.
constexpr qint64 kWorkersRefreshMs = 2000;
// Stored output is copied at most this much per poll.
constexpr int kLogChunksPerPoll = 500;
// Output is stored without a notification: a followed log is looked at this often.
constexpr int kLogPollMs = 500;

bool sameWorkers(const QList<EngineRecord> &a, const QList<EngineRecord> &b)
{
    if (a.size() != b.size())
        return false;
    for (qsizetype i = 0; i < a.size(); ++i) {
        const EngineRecord &x = a.at(i);
        const EngineRecord &y = b.at(i);
        if (x.owner != y.owner || x.name != y.name || x.host != y.host || x.pid != y.pid || x.workers != y.workers
            || x.busy != y.busy || x.jobsDone != y.jobsDone || x.heartbeatAt != y.heartbeatAt)
            return false;
    }
    return true;
}

QString safeFileName(const QString &jobId)
{
    QString name = jobId;
    for (QChar &c : name) {
        if (!c.isLetterOrNumber() && c != QLatin1Char('-') && c != QLatin1Char('_') && c != QLatin1Char('.'))
            c = QLatin1Char('_');
    }
    return name + QStringLiteral(".log");
}
} // namespace

struct JobFeed::Connection
{
    Database database;
};

JobFeed::JobFeed(QObject *parent)
    : QObject(parent)
    , m_connection(std::make_unique<Connection>())
{
    qRegisterMetaType<JobRecord>();
    qRegisterMetaType<QList<JobRecord>>();
    qRegisterMetaType<EngineRecord>();
    qRegisterMetaType<QList<EngineRecord>>();
    qRegisterMetaType<QHash<QString, QString>>();
    m_timer = new QTimer(this);
    connect(m_timer, &QTimer::timeout, this, [this] { poll(); });
    m_notified = new QTimer(this);
    m_notified->setSingleShot(true);
    m_notified->setInterval(kNotifyCoalesceMs);
    connect(m_notified, &QTimer::timeout, this, [this] { poll(); });
    m_woken = new QTimer(this);
    m_woken->setSingleShot(true);
    m_woken->setInterval(kWakeCoalesceMs);
    connect(m_woken, &QTimer::timeout, this, [this] {
        if (m_started)
            poll();
    });
    m_logTimer = new QTimer(this);
    m_logTimer->setInterval(kLogPollMs);
    connect(m_logTimer, &QTimer::timeout, this, [this] { copyLogChunks(); });
}

JobFeed::~JobFeed() = default;

Status JobFeed::open(const QString &databasePath)
{
    auto database = Database::open(databasePath, QStringLiteral("orchestrator dashboard feed"));
    if (!database)
        return database.error();
    m_connection->database = std::move(database).value();
    m_store = std::make_unique<JobStore>(m_connection->database.connection());
    m_path = databasePath;
    return {};
}

bool JobFeed::reopenIfFilesChanged()
{
    if (m_connection->database.isPostgres() || m_path.isEmpty())
        return false;
    if (!m_reopening) {
        const std::optional<QString> why = m_reopenCheck.due(m_path, m_connection->database.mustReopen());
        if (!why)
            return false;
        const QString message = why->isEmpty() ? QString() : *why + tr("; reopening the database and reading it again");
        stop();
        m_reopening = true;
        m_store->rebind(QSqlDatabase());
        m_connection->database = Database();
        Q_EMIT reopening(message);
    }
    auto database = Database::open(m_path, QStringLiteral("orchestrator dashboard feed"));
    if (!database) {
        QTimer::singleShot(100, this, [this] { poll(); });
        return true;
    }
    m_connection->database = std::move(database).value();
    m_store->rebind(m_connection->database.connection());
    m_reopening = false;
    start(m_intervalMs);
    return true;
}

void JobFeed::listen()
{
    if (!m_connection->database.isPostgres() || m_listening)
        return;
    QSqlDriver *driver = m_connection->database.connection().driver();
    const QString channel = QLatin1String(kNotifyChannel);
    if (!driver->subscribeToNotification(channel)) {
        // Still correct, only slower: the safety poll carries the updates.
        Q_EMIT feedError(tr("%1: cannot listen for changes (%2); the dashboard updates every %3 s instead.")
                             .arg(m_connection->database.path(), driver->lastError().text())
                             .arg(kSafetyPollMs / 1000));
        return;
    }
    connect(driver, &QSqlDriver::notification, this, [this, channel](const QString &name) {
        if (name == channel && m_started && !m_notified->isActive())
            m_notified->start();
    });
    m_listening = true;
}

void JobFeed::start(int intervalMs)
{
    if (!m_store)
        return;
    m_intervalMs = intervalMs;
    // Listening starts before the event id is read, so no change committed
    // after that read goes unnoticed.
    listen();
    // The event id is read before the jobs, so a change made in between is
    // reported again rather than missed.
    auto last = m_store->maxEventId();
    if (!last) {
        Q_EMIT feedError(last.error().message);
        return;
    }
    m_lastEventId = *last;
    m_highestSeen = *last;
    // Before the jobs, so that a view names their runs at once.
    refreshRunTitles();
    m_seenAbove.clear();
    m_gaps.clear();
    const int pollEvery = m_listening ? kSafetyPollMs : intervalMs;
    // The snapshot is read and sent in pages, paced, so the first rows show at
    // once and a view applies each page in its own short event; live polling
    // starts after the last page and reports again anything that changed
    // meanwhile, so no page overwrites newer state.
    auto next = std::make_shared<std::function<void(qint64)>>();
    *next = [this, next, pollEvery](qint64 afterSeq) {
        JobFilter page;
        page.afterSeq = afterSeq;
        page.limit = int(kSnapshotPage);
        page.withSpec = false;       // views read the spec of the selected job only
        auto jobs = m_store->jobs(page);
        if (!jobs) {
            Q_EMIT feedError(jobs.error().message);
            return;
        }
        if (!jobs->isEmpty() || afterSeq == 0)
            Q_EMIT snapshot(*jobs);
        if (jobs->size() == kSnapshotPage) {
            const qint64 lastSeq = jobs->last().seq;
            QTimer::singleShot(kSnapshotPacingMs, this, [next, lastSeq] { (*next)(lastSeq); });
        } else {
            m_started = true;
            refreshWorkers();
            m_timer->start(pollEvery);
            // Changes notified while the snapshot was read.
            poll();
        }
    };
    (*next)(0);
}

void JobFeed::wake()
{
    if (m_started && !m_woken->isActive())
        m_woken->start();
}

void JobFeed::stop()
{
    m_started = false;
    m_timer->stop();
    m_notified->stop();
    m_woken->stop();
    m_logTimer->stop();
}

void JobFeed::advanceFloor(qint64 now)
{
    for (qint64 id = m_lastEventId + 1; id < m_highestSeen; ++id) {
        if (!m_seenAbove.contains(id) && !m_gaps.contains(id))
            m_gaps.insert(id, now);
    }
    for (;;) {
        const qint64 next = m_lastEventId + 1;
        if (m_seenAbove.remove(next)) {
            m_lastEventId = next;
            continue;
        }
        const auto gap = m_gaps.constFind(next);
        if (gap != m_gaps.cend() && now - *gap > kGapGraceMs) {
            m_gaps.erase(gap);
            m_lastEventId = next;
            continue;
        }
        break;
    }
}

int JobFeed::poll()
{
    if (!m_store || reopenIfFilesChanged())
        return 0;
    auto events = m_store->events(QString(), m_lastEventId, kEventsPerPoll);
    if (!events) {
        Q_EMIT feedError(events.error().message);
        return 0;
    }
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    const qint64 highestBefore = m_highestSeen;
    QStringList ids;
    QSet<QString> seen;
    bool submitted = false;
    for (const EventRecord &event : std::as_const(*events)) {
        m_highestSeen = qMax(m_highestSeen, event.id);
        if (event.id <= m_lastEventId || m_seenAbove.contains(event.id))
            continue;
        // Only a submission gives a run its title.
        submitted = submitted || event.kind == EventKind::Submitted;
        m_seenAbove.insert(event.id);
        m_gaps.remove(event.id);
        if (!event.jobId.isEmpty() && !seen.contains(event.jobId)) {
            seen.insert(event.jobId);
            ids.append(event.jobId);
        }
    }
    advanceFloor(now);

    if (submitted)
        refreshRunTitles();
    QList<JobRecord> changed;
    changed.reserve(ids.size());
    for (const QString &id : std::as_const(ids)) {
        auto job = m_store->job(id);
        if (!job) {
            Q_EMIT feedError(job.error().message);
            return 0;
        }
        if (job->has_value())
            changed.append(**job);
    }
    if (!changed.isEmpty())
        Q_EMIT jobsUpdated(changed);
    if (!changed.isEmpty() || now - m_workersReadAt >= kWorkersRefreshMs)
        refreshWorkers();
    // A full page that brought something new: the rest follows at once. (A
    // page of ids already seen, held back by a gap, waits for the timer.)
    if (events->size() == kEventsPerPoll && m_highestSeen > highestBefore)
        QTimer::singleShot(0, this, [this] { poll(); });
    return int(changed.size());
}

void JobFeed::refreshWorkers()
{
    m_workersReadAt = QDateTime::currentMSecsSinceEpoch();
    auto workers = m_store->engines();
    if (!workers) {
        Q_EMIT feedError(workers.error().message);
        return;
    }
    if (sameWorkers(*workers, m_workers))
        return;
    m_workers = *workers;
    Q_EMIT workersUpdated(m_workers);
}

void JobFeed::refreshRunTitles()
{
    auto titles = m_store->runTitles();
    if (!titles) {
        Q_EMIT feedError(titles.error().message);
        return;
    }
    if (*titles == m_runTitles)
        return;
    m_runTitles = *titles;
    Q_EMIT runTitlesUpdated(m_runTitles);
}

void JobFeed::followLog(const QString &jobId)
{
    m_logJob = jobId;
    m_logAttempt = 1;
    m_logAfterSeq = -1;
    m_logPath.clear();
    m_logTimer->stop();
    if (jobId.isEmpty() || !m_store)
        return;
    if (!m_logDir) {
        m_logDir = std::make_unique<QTemporaryDir>();
        if (!m_logDir->isValid()) {
            Q_EMIT feedError(tr("Cannot create a directory for logs from the database: %1").arg(m_logDir->errorString()));
            m_logDir.reset();
            m_logJob.clear();
            return;
        }
    }
    m_logPath = m_logDir->filePath(safeFileName(jobId));
    QFile file(m_logPath);
    if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate)) {
        Q_EMIT feedError(tr("%1: cannot write: %2").arg(m_logPath, file.errorString()));
        m_logJob.clear();
        return;
    }
    file.close();
    copyLogChunks();
    m_logTimer->start();
    Q_EMIT logFileReady(jobId, m_logPath);
}

void JobFeed::copyLogChunks()
{
    if (m_logJob.isEmpty())
        return;
    auto job = m_store->job(m_logJob);
    if (!job) {
        Q_EMIT feedError(job.error().message);
        return;
    }
    if (!job->has_value())
        return;
    const int attempts = (*job)->attempts;
    QFile file(m_logPath);
    // Attempt by attempt: once a later attempt has started, the earlier one
    // stored all its output.
    while (m_logAttempt <= attempts) {
        auto chunks = m_store->logChunks(m_logJob, m_logAttempt, m_logAfterSeq, kLogChunksPerPoll);
        if (!chunks) {
            Q_EMIT feedError(chunks.error().message);
            return;
        }
        if (!chunks->isEmpty()) {
            if (!file.isOpen() && !file.open(QIODevice::WriteOnly | QIODevice::Append)) {
                Q_EMIT feedError(tr("%1: cannot write: %2").arg(m_logPath, file.errorString()));
                return;
            }
            for (const LogChunk &chunk : std::as_const(*chunks)) {
                file.write(chunk.data);
                m_logAfterSeq = chunk.seq;
            }
        }
        if (chunks->size() == kLogChunksPerPoll) {
            // More than a poll's worth: the rest after other events.
            QTimer::singleShot(0, this, [this] { copyLogChunks(); });
            return;
        }
        if (m_logAttempt == attempts)
            break;
        ++m_logAttempt;
        m_logAfterSeq = -1;
    }
}

} // namespace Orchestrator
