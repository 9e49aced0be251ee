#include "jobfeed.h"

#include <functional>
#include <memory>

#include "store/jobstore.h"

namespace Orchestrator {

namespace {
// At most this many events are read per poll, so a burst never stalls the
// feed's thread; the rest follow on the next poll, which comes at once.
constexpr int kEventsPerPoll = 20000;
// The first snapshot goes out in pages of this many jobs, this far apart.
constexpr qsizetype kSnapshotPage = 1000;
constexpr int kSnapshotPacingMs = 2;
} // namespace

JobFeed::JobFeed(QObject *parent)
    : QObject(parent)
{
    qRegisterMetaType<JobRecord>();
    qRegisterMetaType<QList<JobRecord>>();
    m_timer = new QTimer(this);
    connect(m_timer, &QTimer::timeout, this, [this] { poll(); });
}

JobFeed::~JobFeed() = default;

Status JobFeed::open(const QString &databasePath)
{
    auto database = Database::open(databasePath);
    if (!database)
        return database.error();
    m_database = std::move(database).value();
    m_store = std::make_unique<JobStore>(m_database.connection());
    return {};
}

void JobFeed::start(int intervalMs)
{
    if (!m_store)
        return;
    // The event id is read before the jobs, so a change made in between is
    // reported again rather than missed.
    auto last = m_store->maxEventId();
    if (!last) {
        Q_EMIT feedError(last.error().message);
        return;
    }
    m_lastEventId = *last;
    // The snapshot is read and sent in pages, paced, so the first rows show at
    // once and a view applies each page in its own short event; live polling
    // starts after the last page and reports again anything that changed
    // meanwhile, so no page overwrites newer state.
    auto next = std::make_shared<std::function<void(qint64)>>();
    *next = [this, next, intervalMs](qint64 afterSeq) {
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
            m_timer->start(intervalMs);
        }
    };
    (*next)(0);
}

void JobFeed::stop() { m_timer->stop(); }

int JobFeed::poll()
{
    if (!m_store)
        return 0;
    auto events = m_store->events(QString(), m_lastEventId, kEventsPerPoll);
    if (!events) {
        Q_EMIT feedError(events.error().message);
        return 0;
    }
    if (events->isEmpty())
        return 0;
    m_lastEventId = events->last().id;
    QStringList ids;
    QSet<QString> seen;
    for (const EventRecord &event : std::as_const(*events)) {
        if (!event.jobId.isEmpty() && !seen.contains(event.jobId)) {
            seen.insert(event.jobId);
            ids.append(event.jobId);
        }
    }
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
    if (events->size() == kEventsPerPoll)
        QTimer::singleShot(0, this, [this] { poll(); });
    return int(changed.size());
}

} // namespace Orchestrator
