// The state store against real SQLite files in temporary directories: opening
// and migrating, refusing files that are not ours, conditional transitions,
// atomic claims (also from several connections) with the repo lock, and the
// order in which queued jobs are offered.

#include <latch>
#include <thread>

#include <QDir>
#include <QFileInfo>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

#include "scheduling/transitions.h"
#include "store/database.h"
#include "store/jobstore.h"
#include "storesupport.h"
#include "testsupport.h"

using namespace Orchestrator;
using namespace TestSupport;
using namespace Qt::StringLiterals;

// Fails the test with the error's own message, so a failure says what went wrong.
#define CHECK_OK(expr)                                                                                                 \
    do {                                                                                                                \
        const auto &result_ = (expr);                                                                                   \
        QVERIFY2(result_.ok(), qPrintable(result_.error().message));                                                    \
    } while (false)

namespace {

const QString kRun = u"run-1"_s;

using StoreSupport::must;

NewJob newJob(const QString &id, Priority priority = Priority::Normal, bool editsRepo = false,
              const QString &repoRoot = u"/repo"_s, JobState state = JobState::Queued)
{
    JobRecord r{.jobId = id, .runId = kRun, .workstreamId = u"ws-1"_s, .tool = editsRepo ? u"aider"_s : u"shell"_s,
                .priority = priority, .state = state, .spec = R"({"job_id":")" + id.toUtf8() + R"("})",
                .command = {u"sh"_s, u"-c"_s, u"exit 0"_s}, .env = {{u"MODE"_s, u"test"_s}}, .repoRoot = repoRoot,
                .workingDir = repoRoot + u"/src"_s, .logFile = u"/logs/"_s + id + u".log"_s,
                .errorReport = u"/logs/"_s + id + u".error.json"_s, .timeoutSeconds = 30, .editsRepo = editsRepo,
                .submittedAt = 1000};
    r.retry.maxAttempts = 3;
    return NewJob{r, {}};
}

Status insertJobs(JobStore &store, const QList<NewJob> &jobs)
{
    if (Status s = store.begin(); !s)
        return s;
    for (const NewJob &job : jobs) {
        Status s = store.ensureRun(job.record.runId, 1000);
        if (s)
            s = store.ensureWorkstream(job.record.runId, job.record.workstreamId, 1000);
        if (s)
            s = store.insertJob(job);
        if (!s) {
            store.rollback();
            return s;
        }
    }
    return store.commit();
}

QVariant pragma(const QSqlDatabase &db, const QString &name)
{
    QSqlQuery query(db);
    if (!query.exec(u"PRAGMA "_s + name) || !query.next())
        return {};
    return query.value(0);
}

// Claims in a transaction of its own, as an engine does.
Result<bool> claimNow(JobStore &store, const QString &jobId, const QString &owner)
{
    if (Status s = store.begin(); !s)
        return s.error();
    Result<bool> claimed = store.claim(jobId, owner, JobStore::now() + 60000, JobStore::now());
    if (!claimed) {
        store.rollback();
        return claimed;
    }
    if (Status s = store.commit(); !s)
        return s.error();
    return claimed;
}

bool claimed(JobStore &store, const QString &jobId, const QString &owner)
{
    return must(claimNow(store, jobId, owner));
}

} // namespace

class TestStore final : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    int m_counter = 0;
    QString m_path;
    Database m_db;
    std::unique_ptr<JobStore> m_store;

    JobRecord job(const QString &id) { return StoreSupport::storedJob(*m_store, id); }
    QString state(const QString &id) { return toString(job(id).state); }

    void openStore()
    {
        auto db = Database::open(m_path);
        CHECK_OK(db);
        m_db = std::move(db).value();
        m_store = std::make_unique<JobStore>(m_db.connection());
    }

private Q_SLOTS:
    // Several connections creating the same new file at once (the dashboard's
    // engine and feed do): every one opens it, none sees half a schema.
    void concurrentFirstOpensAllSucceed()
    {
        QTemporaryDir dir;
        for (int round = 0; round < 10; ++round) {
            const QString path = dir.filePath(QStringLiteral("race-%1/new.db").arg(round));
            constexpr int kOpeners = 4;
            std::latch start(kOpeners);
            std::vector<QString> errors(kOpeners);
            std::vector<std::thread> threads;
            for (int i = 0; i < kOpeners; ++i) {
                threads.emplace_back([&, i] {
                    start.arrive_and_wait();
                    auto db = Database::open(path);
                    if (!db)
                        errors[i] = db.error().message;
                });
            }
            for (std::thread &thread : threads)
                thread.join();
            for (const QString &error : errors)
                QVERIFY2(error.isEmpty(), qPrintable(error));
        }
    }

    void init()
    {
        QVERIFY(m_dir.isValid());
        m_path = m_dir.filePath(u"db-%1/orchestrator.db"_s.arg(++m_counter));
        openStore();
    }

    void cleanup()
    {
        m_store.reset();  // its prepared queries go before the connection
        m_db = Database();
    }

    void openCreatesDatabase()
    {
        QVERIFY(QFileInfo::exists(m_path));
        QVERIFY(m_db.isOpen());
        QCOMPARE(m_db.path(), m_path);
        const QSqlDatabase db = m_db.connection();
        QCOMPARE(pragma(db, u"journal_mode"_s).toString(), u"wal"_s);
        QCOMPARE(pragma(db, u"foreign_keys"_s).toInt(), 1);
        QCOMPARE(pragma(db, u"user_version"_s).toInt(), Database::schemaVersion());

        // Foreign keys are enforced, not just declared: a job needs its run.
        CHECK_OK(m_store->begin());
        const Status orphan = m_store->insertJob(newJob(u"orphan"_s));
        m_store->rollback();
        QVERIFY(!orphan.ok());
        QVERIFY2(orphan.error().message.contains(u"FOREIGN KEY"_s), qPrintable(orphan.error().message));
    }

    void reopenKeepsData()
    {
        NewJob written = newJob(u"kept"_s, Priority::High, true, u"/src/app"_s, JobState::Waiting);
        CHECK_OK(insertJobs(*m_store, {newJob(u"up"_s), written}));
        cleanup();
        openStore();
        QCOMPARE(pragma(m_db.connection(), u"user_version"_s).toInt(), Database::schemaVersion());

        const JobRecord r = job(u"kept"_s);
        QCOMPARE((QStringList{r.runId, r.workstreamId, r.tool, toString(r.priority), toString(r.state)}),
                 (QStringList{kRun, u"ws-1"_s, u"aider"_s, u"high"_s, u"waiting"_s}));
        QCOMPARE(r.spec, QByteArray(R"({"job_id":"kept"})"));
        QCOMPARE(r.command, written.record.command);
        QCOMPARE(r.env, written.record.env);
        QCOMPARE((QStringList{r.repoRoot, r.workingDir, r.logFile, r.errorReport}),
                 (QStringList{u"/src/app"_s, u"/src/app/src"_s, u"/logs/kept.log"_s, u"/logs/kept.error.json"_s}));
        QCOMPARE((QList<qint64>{r.timeoutSeconds, r.retry.maxAttempts, r.editsRepo, r.submittedAt}),
                 (QList<qint64>{30, 3, 1, 1000}));
        QCOMPARE(job(u"up"_s).seq + 1, r.seq);
        const QList<RunRecord> runs = must(m_store->runs());
        QCOMPARE(runs.size(), 1);
        QCOMPARE(runs.first().runId, kRun);
        QCOMPARE(runs.first().total, 2);
    }

    // A database written by the previous version (schema 4, tests/data/
    // schema-v4.sql) is migrated on open: its runs gain a title column,
    // empty, and keep their jobs; a title can then be given.
    void migratesThePreviousSchemaVersion()
    {
        const QString path = m_dir.filePath(u"v4-%1/orchestrator.db"_s.arg(m_counter));
        QDir().mkpath(QFileInfo(path).absolutePath());
        {
            QSqlDatabase db = QSqlDatabase::addDatabase(u"QSQLITE"_s, u"v4"_s);
            db.setDatabaseName(path);
            QVERIFY(db.open());
            const QString dump = QString::fromUtf8(readFile(QFINDTESTDATA("data/schema-v4.sql")));
            QVERIFY(!dump.isEmpty());
            for (const QString &statement : dump.split(u";\n"_s, Qt::SkipEmptyParts)) {
                QSqlQuery query(db);
                QVERIFY2(statement.trimmed().isEmpty() || query.exec(statement), qPrintable(statement));
            }
            QCOMPARE(pragma(db, u"user_version"_s).toInt(), 4);
            db.close();
        }
        QSqlDatabase::removeDatabase(u"v4"_s);

        auto opened = Database::open(path);
        QVERIFY2(opened.ok(), qPrintable(opened.error().message));
        QCOMPARE(pragma(opened->connection(), u"user_version"_s).toInt(), Database::schemaVersion());
        JobStore store(opened->connection());
        const QList<RunRecord> runs = must(store.runs());
        QCOMPARE(runs.size(), 1);
        QCOMPARE(runs.first().runId, u"run-20251121-101500"_s);
        QCOMPARE(runs.first().title, QString());
        QCOMPARE(runs.first().stateCounts.value(u"succeeded"_s), 2);
        QVERIFY(must(store.runTitles()).isEmpty());

        CHECK_OK(store.begin());
        CHECK_OK(store.setRunTitle(u"run-20251121-101500"_s, u"Before the migration"_s));
        CHECK_OK(store.commit());
        QCOMPARE(must(store.runs()).first().title, u"Before the migration"_s);
        QCOMPARE(must(store.runTitles()), (QHash<QString, QString>{{u"run-20251121-101500"_s, u"Before the migration"_s}}));
    }

    void refusesForeignFile_data()
    {
        QTest::addColumn<QByteArray>("text");   // non-empty: the file holds this text
        QTest::addColumn<QStringList>("sql");   // otherwise: a SQLite file made with these statements
        QTest::addColumn<QString>("reason");

        const int newer = Database::schemaVersion() + 1;
        QTest::newRow("text file") << QByteArray("name,value\nalpha,1\nbeta,2\n").repeated(40) << QStringList()
                                   << u": not a usable SQLite database: "_s;
        QTest::newRow("SQLite file of another program")
                << QByteArray()
                << QStringList{u"CREATE TABLE notes(id INTEGER PRIMARY KEY, body TEXT)"_s,
                               u"INSERT INTO notes(body) VALUES('keep me')"_s}
                << u": not an Orchestrator database (it already holds other tables); refusing to modify it"_s;
        QTest::newRow("SQLite file with another user_version")
                << QByteArray() << QStringList{u"PRAGMA user_version = 7"_s}
                << u": not an Orchestrator database; refusing to modify it"_s;
        QTest::newRow("Orchestrator database from a newer version")
                << QByteArray()
                << QStringList{u"PRAGMA application_id = %1"_s.arg(0x4f524348), u"PRAGMA user_version = %1"_s.arg(newer)}
                << u": schema version %1 is newer than this program understands (%2); upgrade Orchestrator"_s
                           .arg(newer).arg(newer - 1);
    }

    void refusesForeignFile()
    {
        QFETCH(QByteArray, text);
        QFETCH(QStringList, sql);
        QFETCH(QString, reason);

        const QString path = m_dir.filePath(u"foreign-%1/data.db"_s.arg(m_counter));
        if (!text.isEmpty()) {
            writeFile(path, text);
        } else {
            QDir().mkpath(QFileInfo(path).absolutePath());
            {
                QSqlDatabase db = QSqlDatabase::addDatabase(u"QSQLITE"_s, u"foreign"_s);
                db.setDatabaseName(path);
                QVERIFY(db.open());
                for (const QString &statement : std::as_const(sql)) {
                    QSqlQuery query(db);
                    QVERIFY2(query.exec(statement), qPrintable(statement));
                }
                db.close();
            }
            QSqlDatabase::removeDatabase(u"foreign"_s);
        }
        const QByteArray before = readFile(path);
        QVERIFY(!before.isEmpty());

        {
            auto opened = Database::open(path);
            QVERIFY(!opened.ok());
            QCOMPARE(opened.error().code, ErrorCode::Database);
            QVERIFY2(opened.error().message.startsWith(path + reason), qPrintable(opened.error().message));
        }
        // Not a byte was written: no table, and not the journal mode in the header either.
        const QByteArray after = readFile(path);
        qsizetype at = 0;
        while (at < qMin(after.size(), before.size()) && after.at(at) == before.at(at))
            ++at;
        QVERIFY2(after == before, qPrintable(u"%1 bytes before, %2 after, first difference at byte %3"_s
                                                 .arg(before.size()).arg(after.size()).arg(at)));
        QVERIFY(!QFileInfo::exists(path + u"-wal"_s));
    }

    void transitionAppliesFromMatchingState()
    {
        CHECK_OK(insertJobs(*m_store, {newJob(u"a"_s)}));
        const struct { JobState from, to; EventKind kind; } steps[] = {
            {JobState::Queued, JobState::RetryWaiting, EventKind::RetryScheduled},
            {JobState::RetryWaiting, JobState::Queued, EventKind::RetryNow},
            {JobState::Queued, JobState::Cancelled, EventKind::Cancelled},
        };
        qint64 lastId = must(m_store->maxEventId());
        QVERIFY(lastId > 0);  // the "submitted" event
        for (const auto &step : steps) {
            const Transition t{.jobId = u"a"_s, .from = step.from, .to = step.to, .kind = step.kind,
                               .reason = u"because of "_s + toString(step.kind), .setFinished = step.to == JobState::Cancelled};
            const qsizetype eventsBefore = must(m_store->events(u"a"_s)).size();
            QCOMPARE(must(m_store->transition(t)), true);
            QCOMPARE(state(u"a"_s), toString(step.to));
            QCOMPARE(job(u"a"_s).reason, t.reason);

            const QList<EventRecord> events = must(m_store->events(u"a"_s));
            QCOMPARE(events.size(), eventsBefore + 1);
            const EventRecord &e = events.last();
            QVERIFY2(e.id > lastId, qPrintable(u"%1 after %2"_s.arg(e.id).arg(lastId)));
            lastId = e.id;
            QVERIFY(e.fromState && e.toState);
            QCOMPARE((QStringList{toString(e.kind), e.runId, toString(*e.fromState), toString(*e.toState), e.detail}),
                     (QStringList{toString(t.kind), kRun, toString(step.from), toString(step.to), t.reason}));
        }
        QVERIFY(job(u"a"_s).finishedAt.has_value());
        // The same step again: the job is no longer in its from-state.
        const Transition again{.jobId = u"a"_s, .from = JobState::Queued, .to = JobState::Cancelled};
        QCOMPARE(must(m_store->transition(again)), false);
        QCOMPARE(must(m_store->maxEventId()), lastId);
    }

    void staleTransitionChangesNothing_data()
    {
        QTest::addColumn<QString>("jobId");
        QTest::addColumn<JobState>("from");
        QTest::addColumn<QString>("owner");
        QTest::addColumn<int>("attempt");

        QTest::newRow("other from-state") << u"a"_s << JobState::Queued << QString() << 0;
        QTest::newRow("other owner") << u"a"_s << JobState::Running << u"engine-2"_s << 1;
        QTest::newRow("other attempt") << u"a"_s << JobState::Running << u"engine-1"_s << 2;
        QTest::newRow("any owner, other attempt") << u"a"_s << JobState::Running << QString() << 5;
        QTest::newRow("unknown job") << u"nope"_s << JobState::Running << QString() << 0;
    }

    void staleTransitionChangesNothing()
    {
        QFETCH(QString, jobId);
        QFETCH(JobState, from);
        QFETCH(QString, owner);
        QFETCH(int, attempt);

        CHECK_OK(insertJobs(*m_store, {newJob(u"a"_s)}));
        QVERIFY(claimed(*m_store, u"a"_s, u"engine-1"_s));
        const JobRecord before = job(u"a"_s);
        const qint64 lastEvent = must(m_store->maxEventId());

        const Transition t{.jobId = jobId, .from = from, .to = JobState::Failed, .reason = u"late writer"_s,
                           .owner = owner, .attempt = attempt, .lastExitCode = 9, .lastOutcome = Outcome::Failed,
                           .clearOwner = true, .setFinished = true};
        QCOMPARE(must(m_store->transition(t)), false);

        const JobRecord after = job(u"a"_s);
        QCOMPARE(toString(after.state), u"running"_s);
        QCOMPARE(after.owner, u"engine-1"_s);
        QCOMPARE(after.attempts, 1);
        QCOMPARE(after.leaseUntil, before.leaseUntil);
        QCOMPARE(after.reason, before.reason);
        QCOMPARE(after.lastExitCode, std::optional<int>());
        QCOMPARE(after.lastOutcome, std::optional<Outcome>());
        QCOMPARE(after.finishedAt, std::optional<qint64>());
        QCOMPARE(after.stateChangedAt, before.stateChangedAt);
        QCOMPARE(must(m_store->maxEventId()), lastEvent);
    }

    void claimSucceedsOnce()
    {
        CHECK_OK(insertJobs(*m_store, {newJob(u"a"_s)}));
        QVERIFY(claimed(*m_store, u"a"_s, u"engine-1"_s));
        const JobRecord r = job(u"a"_s);
        QCOMPARE(toString(r.state), u"running"_s);
        QCOMPARE(r.owner, u"engine-1"_s);
        QCOMPARE(r.attempts, 1);
        QVERIFY(r.leaseUntil.has_value());
        QVERIFY(r.startedAt.has_value());

        QVERIFY(!claimed(*m_store, u"a"_s, u"engine-2"_s));
        QVERIFY(!claimed(*m_store, u"a"_s, u"engine-1"_s));
        QVERIFY(!claimed(*m_store, u"nope"_s, u"engine-1"_s));
        QCOMPARE(job(u"a"_s).owner, u"engine-1"_s);
        QCOMPARE(job(u"a"_s).attempts, 1);

        // The attempt the claim started is recorded and read back.
        AttemptRecord attempt{.jobId = u"a"_s, .runId = kRun, .attempt = 1, .tool = u"shell"_s,
                              .outcome = std::nullopt, .owner = u"engine-1"_s, .startedAt = 2000};
        CHECK_OK(m_store->insertAttempt(attempt));
        attempt = {.jobId = u"a"_s, .attempt = 1, .outcome = Outcome::Failed, .finishedAt = 2500, .exitCode = 3,
                   .durationMs = 500};
        CHECK_OK(m_store->finishAttempt(attempt, "{}"));
        const QList<AttemptRecord> attempts = must(m_store->attempts(u"a"_s));
        QCOMPARE(attempts.size(), 1);
        QCOMPARE(attemptStatusName(attempts.first().outcome), u"failed"_s);
        QCOMPARE(attempts.first().exitCode, std::optional<int>(3));
        QCOMPARE(attempts.first().durationMs, std::optional<qint64>(500));
    }

    void repoLock()
    {
        CHECK_OK(insertJobs(*m_store, {newJob(u"edit-1"_s, Priority::Normal, true, u"/r1"_s),
                                       newJob(u"edit-2"_s, Priority::Normal, true, u"/r1"_s),
                                       newJob(u"other-repo"_s, Priority::Normal, true, u"/r2"_s),
                                       newJob(u"read-only"_s, Priority::Normal, false, u"/r1"_s)}));
        QVERIFY(claimed(*m_store, u"edit-1"_s, u"e"_s));
        QVERIFY(!claimed(*m_store, u"edit-2"_s, u"e"_s));
        QCOMPARE(state(u"edit-2"_s), u"queued"_s);
        QCOMPARE(must(m_store->repoLockHolder(u"edit-2"_s)), u"edit-1"_s);
        QVERIFY(claimed(*m_store, u"other-repo"_s, u"e"_s));
        QVERIFY(claimed(*m_store, u"read-only"_s, u"e"_s));
        QCOMPARE(must(m_store->repoLockHolder(u"read-only"_s)), QString());

        // The lock goes with the holder's running state.
        const Transition done{.jobId = u"edit-1"_s, .from = JobState::Running, .to = JobState::Succeeded,
                              .owner = u"e"_s, .attempt = 1, .clearOwner = true};
        QCOMPARE(must(m_store->transition(done)), true);
        QCOMPARE(must(m_store->repoLockHolder(u"edit-2"_s)), QString());
        QVERIFY(claimed(*m_store, u"edit-2"_s, u"e"_s));
    }

    void twoConnectionsClaimOnce()
    {
        CHECK_OK(insertJobs(*m_store, {newJob(u"a"_s)}));
        auto second = Database::open(m_path);
        CHECK_OK(second);
        JobStore other(second->connection());
        QVERIFY(claimed(*m_store, u"a"_s, u"engine-1"_s));
        QVERIFY(!claimed(other, u"a"_s, u"engine-2"_s));
        const std::optional<JobRecord> seen = must(other.job(u"a"_s));
        QCOMPARE(seen.value_or(JobRecord()).owner, u"engine-1"_s);
    }

    void racingClaimsFromThreads()
    {
        CHECK_OK(insertJobs(*m_store, {newJob(u"a"_s)}));
        constexpr int kEngines = 4;
        std::latch ready(kEngines);
        QString errors[kEngines];
        bool won[kEngines] = {};
        std::vector<std::thread> threads;
        for (int i = 0; i < kEngines; ++i) {
            // One connection per thread, opened, used and closed on it.
            threads.emplace_back([&, i] {
                auto db = Database::open(m_path);
                ready.arrive_and_wait();
                if (!db) {
                    errors[i] = db.error().message;
                    return;
                }
                JobStore store(db->connection());
                auto claim = claimNow(store, u"a"_s, u"engine-%1"_s.arg(i));
                if (claim)
                    won[i] = *claim;
                else
                    errors[i] = claim.error().message;
            });
        }
        for (std::thread &thread : threads)
            thread.join();
        QStringList winners;
        for (int i = 0; i < kEngines; ++i) {
            QVERIFY2(errors[i].isEmpty(), qPrintable(errors[i]));
            if (won[i])
                winners.append(u"engine-%1"_s.arg(i));
        }
        QCOMPARE(winners.size(), 1);
        QCOMPARE(job(u"a"_s).owner, winners.first());
        QCOMPARE(job(u"a"_s).attempts, 1);
    }

    void candidatesByPriorityThenSubmission()
    {
        NewJob otherRun = newJob(u"other-run"_s, Priority::Critical);
        otherRun.record.runId = u"run-2"_s;
        CHECK_OK(insertJobs(*m_store, {newJob(u"low"_s, Priority::Low), newJob(u"high-1"_s, Priority::High),
                                       newJob(u"normal"_s, Priority::Normal),
                                       newJob(u"waiting"_s, Priority::Critical, false, u"/r"_s, JobState::Waiting),
                                       newJob(u"high-2"_s, Priority::High), newJob(u"critical"_s, Priority::Critical),
                                       otherRun}));
        const QStringList run1{u"critical"_s, u"high-1"_s, u"high-2"_s, u"normal"_s, u"low"_s};
        QCOMPARE(must(m_store->candidates(10, {kRun}, {})), run1);
        QCOMPARE(must(m_store->candidates(2, {kRun}, {})), run1.mid(0, 2));
        QCOMPARE(must(m_store->candidates(10, {}, {})), (QStringList{u"critical"_s, u"other-run"_s} + run1.mid(1)));
        QCOMPARE(must(m_store->candidates(10, {kRun, u"run-2"_s}, {})).size(), 6);
        QCOMPARE(must(m_store->candidates(10, {}, {u"low"_s, u"waiting"_s, u"high-2"_s})),
                 (QStringList{u"high-2"_s, u"low"_s}));
    }

    void settingsRoundTrip()
    {
        QCOMPARE(must(m_store->setting(u"workers"_s)), QString());
        CHECK_OK(m_store->setSetting(u"workers"_s, u"3"_s));
        QCOMPARE(must(m_store->setting(u"workers"_s)), u"3"_s);
        CHECK_OK(m_store->setSetting(u"workers"_s, u"5"_s));
        QCOMPARE(must(m_store->setting(u"workers"_s)), u"5"_s);

        QCOMPARE(must(Transitions::isPaused(*m_store)), false);
        CHECK_OK(Transitions::setPaused(*m_store, true));
        QCOMPARE(toString(must(m_store->events(QString())).last().kind), u"queue_paused"_s);

        // Another connection, as another engine would, sees both.
        auto second = Database::open(m_path);
        CHECK_OK(second);
        JobStore other(second->connection());
        QCOMPARE(must(other.setting(u"workers"_s)), u"5"_s);
        QCOMPARE(must(Transitions::isPaused(other)), true);
        CHECK_OK(Transitions::setPaused(other, false));
        QCOMPARE(must(Transitions::isPaused(*m_store)), false);
    }
};

QTEST_GUILESS_MAIN(TestStore)
#include "tst_store.moc"
