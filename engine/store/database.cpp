#include "database.h"

#include "core/databasefiles.h"
#include "store/dialect.h"

#include <atomic>
#include <cerrno>

#include <sqlite3.h>
#include <unistd.h>

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QSqlDriver>
#include <QSqlError>
#include <QSqlQuery>
#include <QRegularExpression>
#include <QThread>
#include <QUrl>

namespace Orchestrator {

namespace {

// Each entry moves the schema one version up. Never edit a released entry:
// add a new one.
const char *const kMigrations[] = {
    // 1: initial schema
    R"SQL(
CREATE TABLE runs (
    run_id      TEXT PRIMARY KEY,
    created_at  INTEGER NOT NULL,
    metadata    TEXT
);
CREATE TABLE workstreams (
    run_id        TEXT NOT NULL REFERENCES runs(run_id),
    workstream_id TEXT NOT NULL,
    created_at    INTEGER NOT NULL,
    PRIMARY KEY (run_id, workstream_id)
);
CREATE TABLE jobs (
    seq              INTEGER PRIMARY KEY AUTOINCREMENT,
    job_id           TEXT NOT NULL UNIQUE,
    run_id           TEXT NOT NULL REFERENCES runs(run_id),
    workstream_id    TEXT NOT NULL,
    tool             TEXT NOT NULL,
    priority         INTEGER NOT NULL,
    state            TEXT NOT NULL,
    spec             TEXT NOT NULL,
    source_file      TEXT,
    command          TEXT NOT NULL,
    env              TEXT NOT NULL,
    repo_root        TEXT NOT NULL,
    working_dir      TEXT NOT NULL,
    log_file         TEXT NOT NULL,
    error_report     TEXT NOT NULL,
    timeout_seconds  INTEGER NOT NULL DEFAULT 0,
    retry_policy     TEXT NOT NULL,
    edits_repo       INTEGER NOT NULL DEFAULT 0,
    attempts         INTEGER NOT NULL DEFAULT 0,
    budget_base      INTEGER NOT NULL DEFAULT 0,
    next_attempt_at  INTEGER,
    next_tool        TEXT,
    last_exit_code   INTEGER,
    last_outcome     TEXT,
    owner            TEXT,
    lease_until      INTEGER,
    cancel_requested INTEGER NOT NULL DEFAULT 0,
    reason           TEXT,
    submitted_at     INTEGER NOT NULL,
    state_changed_at INTEGER NOT NULL,
    started_at       INTEGER,
    finished_at      INTEGER,
    FOREIGN KEY (run_id, workstream_id) REFERENCES workstreams(run_id, workstream_id)
);
CREATE INDEX jobs_by_state ON jobs(state, priority DESC, seq);
CREATE INDEX jobs_by_run ON jobs(run_id, state);
CREATE TABLE job_deps (
    job_id     TEXT NOT NULL REFERENCES jobs(job_id),
    depends_on TEXT NOT NULL REFERENCES jobs(job_id),
    PRIMARY KEY (job_id, depends_on)
);
CREATE INDEX job_deps_reverse ON job_deps(depends_on);
CREATE TABLE step_attempts (
    id           INTEGER PRIMARY KEY AUTOINCREMENT,
    job_id       TEXT NOT NULL REFERENCES jobs(job_id),
    run_id       TEXT NOT NULL,
    attempt      INTEGER NOT NULL,
    step_name    TEXT NOT NULL,
    status       TEXT NOT NULL,
    owner        TEXT,
    started_at   INTEGER,
    finished_at  INTEGER,
    exit_code    INTEGER,
    signal       INTEGER,
    timed_out    INTEGER NOT NULL DEFAULT 0,
    duration_ms  INTEGER,
    reason       TEXT,
    log_file     TEXT,
    error_report TEXT,
    result_json  TEXT,
    UNIQUE (job_id, attempt)
);
CREATE TABLE events (
    id         INTEGER PRIMARY KEY AUTOINCREMENT,
    ts         INTEGER NOT NULL,
    job_id     TEXT,
    run_id     TEXT,
    kind       TEXT NOT NULL,
    from_state TEXT,
    to_state   TEXT,
    attempt    INTEGER,
    detail     TEXT
);
CREATE INDEX events_by_job ON events(job_id, id);
CREATE TABLE errors (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    ts          INTEGER NOT NULL,
    job_id      TEXT,
    run_id      TEXT,
    attempt     INTEGER,
    kind        TEXT NOT NULL,
    message     TEXT NOT NULL,
    report_path TEXT
);
CREATE TABLE settings (
    key   TEXT PRIMARY KEY,
    value TEXT
);
CREATE TABLE engines (
    owner        TEXT PRIMARY KEY,
    host         TEXT NOT NULL,
    pid          INTEGER NOT NULL,
    workers      INTEGER NOT NULL,
    started_at   INTEGER NOT NULL,
    heartbeat_at INTEGER NOT NULL
);
)SQL",
    // 2: run-wide reads for the graph and timeline views
    R"SQL(
CREATE INDEX step_attempts_by_run ON step_attempts(run_id, started_at);
)SQL",
    // 3: crash recovery. The tool's pid (its process group) and its start
    // time in clock ticks since boot, so a restarted engine can kill what is
    // left of it and never a recycled pid; what to do when the engine dies
    // under a job (0: retry, 1: fail), and how often that happened.
    R"SQL(
ALTER TABLE step_attempts ADD COLUMN pid INTEGER;
ALTER TABLE step_attempts ADD COLUMN pid_start INTEGER;
ALTER TABLE jobs ADD COLUMN on_crash INTEGER NOT NULL DEFAULT 0;
ALTER TABLE jobs ADD COLUMN crashes INTEGER NOT NULL DEFAULT 0;
)SQL",
    // 4: many workers on one database (PostgreSQL). What a Workers view shows
    // of an engine (its name, how many of its slots are busy, jobs it has
    // finished; `workers` is its slot count), and tool output stored as it
    // arrives, so a log can be read on another machine.
    R"SQL(
ALTER TABLE engines ADD COLUMN name TEXT;
ALTER TABLE engines ADD COLUMN busy INTEGER NOT NULL DEFAULT 0;
ALTER TABLE engines ADD COLUMN jobs_done INTEGER NOT NULL DEFAULT 0;
ALTER TABLE engines ADD COLUMN heartbeat_ms INTEGER NOT NULL DEFAULT 15000;
CREATE TABLE log_chunks (
    id         INTEGER PRIMARY KEY AUTOINCREMENT,
    job_id     TEXT NOT NULL,
    attempt    INTEGER NOT NULL,
    seq        INTEGER NOT NULL,
    data       BLOB NOT NULL,
    created_at INTEGER NOT NULL,
    UNIQUE (job_id, attempt, seq)
);
)SQL",
    // 5: a run's title (run_title, --title; the latest non-empty one given).
    R"SQL(
ALTER TABLE runs ADD COLUMN title TEXT;
)SQL",
    // 6: a git worktree per job. Per job: its isolation ('none' keeps the
    // repo lock), the repository's top, the base recorded at submission, its
    // worktree and branch, and the result and change of its last attempt.
    // Per attempt: the commit it started from, the commit of what it left,
    // the files changed between them (JSON) and those outside the job's files.
    R"SQL(
ALTER TABLE jobs ADD COLUMN isolation TEXT NOT NULL DEFAULT 'none';
ALTER TABLE jobs ADD COLUMN repo_top TEXT;
ALTER TABLE jobs ADD COLUMN base_commit TEXT;
ALTER TABLE jobs ADD COLUMN base_branch TEXT;
ALTER TABLE jobs ADD COLUMN worktree_path TEXT;
ALTER TABLE jobs ADD COLUMN worktree_branch TEXT;
ALTER TABLE jobs ADD COLUMN result_commit TEXT;
ALTER TABLE jobs ADD COLUMN files_changed TEXT;
ALTER TABLE jobs ADD COLUMN out_of_scope TEXT;
ALTER TABLE step_attempts ADD COLUMN start_commit TEXT;
ALTER TABLE step_attempts ADD COLUMN result_commit TEXT;
ALTER TABLE step_attempts ADD COLUMN files_changed TEXT;
ALTER TABLE step_attempts ADD COLUMN out_of_scope TEXT;
)SQL",
    // 7: landing. A landed job keeps its state (succeeded) and records the
    // branch's commit right after it landed, the branch and when; discard
    // and gc record when they removed the job's worktree.
    R"SQL(
ALTER TABLE jobs ADD COLUMN landed_commit TEXT;
ALTER TABLE jobs ADD COLUMN landed_branch TEXT;
ALTER TABLE jobs ADD COLUMN landed_at INTEGER;
ALTER TABLE jobs ADD COLUMN discarded_at INTEGER;
ALTER TABLE jobs ADD COLUMN cleaned_at INTEGER;
)SQL",
    // 8: AI tools. Per attempt: the outcome the tool's events said, in its
    // words, its session and model, its tokens and cost. Per job: how long it
    // waited for rate limits (bounded).
    R"SQL(
ALTER TABLE step_attempts ADD COLUMN agent_outcome TEXT;
ALTER TABLE step_attempts ADD COLUMN agent_message TEXT;
ALTER TABLE step_attempts ADD COLUMN session_id TEXT;
ALTER TABLE step_attempts ADD COLUMN model TEXT;
ALTER TABLE step_attempts ADD COLUMN input_tokens INTEGER;
ALTER TABLE step_attempts ADD COLUMN cached_input_tokens INTEGER;
ALTER TABLE step_attempts ADD COLUMN output_tokens INTEGER;
ALTER TABLE step_attempts ADD COLUMN cost_usd DOUBLE PRECISION;
ALTER TABLE jobs ADD COLUMN rate_limit_wait_ms INTEGER NOT NULL DEFAULT 0;
)SQL",
    // 9: a job's usage, the sum of its attempts' (kept with each attempt's
    // usage, so lists and views read it without a join). cost_usd stays NULL
    // until an attempt's cost is known.
    R"SQL(
ALTER TABLE jobs ADD COLUMN input_tokens INTEGER NOT NULL DEFAULT 0;
ALTER TABLE jobs ADD COLUMN cached_input_tokens INTEGER NOT NULL DEFAULT 0;
ALTER TABLE jobs ADD COLUMN output_tokens INTEGER NOT NULL DEFAULT 0;
ALTER TABLE jobs ADD COLUMN cost_usd DOUBLE PRECISION;
UPDATE jobs SET input_tokens = COALESCE((SELECT SUM(a.input_tokens) FROM step_attempts a WHERE a.job_id = jobs.job_id), 0),
    cached_input_tokens = COALESCE((SELECT SUM(a.cached_input_tokens) FROM step_attempts a WHERE a.job_id = jobs.job_id), 0),
    output_tokens = COALESCE((SELECT SUM(a.output_tokens) FROM step_attempts a WHERE a.job_id = jobs.job_id), 0),
    cost_usd = (SELECT SUM(a.cost_usd) FROM step_attempts a WHERE a.job_id = jobs.job_id);
)SQL",
    // 10: where an attempt's cost came from: 'tool' (its own figure) or
    // 'price_table' (estimated from its model's price); NULL while unknown.
    // Every cost recorded before was the tool's.
    R"SQL(
ALTER TABLE step_attempts ADD COLUMN cost_source TEXT;
UPDATE step_attempts SET cost_source = 'tool' WHERE cost_usd IS NOT NULL;
)SQL",
    // 11: lineage (orchestrator resubmit). A job resubmitted from another
    // names it; the other lists its resubmissions, a JSON array of job ids,
    // oldest first. NULL: none.
    R"SQL(
ALTER TABLE jobs ADD COLUMN resubmitted_from TEXT;
ALTER TABLE jobs ADD COLUMN resubmitted_as TEXT;
)SQL",
    // 12: how many of a job's dependencies have not succeeded yet. The
    // transaction that records a parent's success decrements its dependents'
    // counts (row locks order two finishing parents of one job), and the one
    // that brings a count to zero queues the job: DAG release needs no lock
    // across rows. A dependency that does not exist (yet) counts as pending.
    R"SQL(
ALTER TABLE jobs ADD COLUMN pending_deps INTEGER NOT NULL DEFAULT 0;
UPDATE jobs SET pending_deps = (SELECT count(*) FROM job_deps d LEFT JOIN jobs p ON p.job_id = d.depends_on
    WHERE d.job_id = jobs.job_id AND (p.state IS NULL OR p.state != 'succeeded'));
)SQL",
};

constexpr int kSchemaVersion = int(std::size(kMigrations));
// Written as application_id so a foreign SQLite file is recognised and refused.
constexpr int kApplicationId = 0x4f524348; // "ORCH"

struct Text
{
    Q_DECLARE_TR_FUNCTIONS(Orchestrator::Database)
};

// SQLite's primary result codes (sqlite3.h); Qt reports the extended code.
enum SqliteCode {
    SqliteBusy = 5,
    SqliteLocked = 6,
    SqliteReadOnly = 8,
    SqliteIoError = 10,
    SqliteCorrupt = 11,
    SqliteFull = 13,
    SqliteCantOpen = 14,
    SqliteNotADatabase = 26,
};

QString sqlError(const QSqlError &error, const QString &path = QString())
{
    return describeSqlError(error, path);
}

Result<int> pragmaInt(QSqlDatabase db, const QString &pragma)
{
    QSqlQuery query(db);
    if (!query.exec(QStringLiteral("PRAGMA ") + pragma) || !query.next())
        return Error::make(ErrorCode::Database, databaseFile(db) + QStringLiteral(": ") + pragma + QStringLiteral(": ")
                                                    + sqlError(query.lastError(), databaseFile(db)));
    return query.value(0).toInt();
}

QStringList splitStatements(const QString &script)
{
    QStringList out;
    const QStringList parts = script.split(QLatin1Char(';'));
    for (const QString &part : parts) {
        if (!part.trimmed().isEmpty())
            out.append(part.trimmed());
    }
    return out;
}

// Refuses a file that is not ours, or is newer than we understand. Reads only.
Status checkOwnership(QSqlDatabase db, const QString &path, int version, int appId)
{
    if (version == 0) {
        // A fresh file has no tables; anything else is somebody else's database.
        QSqlQuery tables(db);
        tables.exec(QStringLiteral("SELECT count(*) FROM sqlite_master"));
        if (tables.next() && tables.value(0).toInt() > 0)
            return Error::make(ErrorCode::Database,
                               path + QStringLiteral(": not an Orchestrator database (it already holds other tables); refusing to modify it"));
    } else if (appId != kApplicationId) {
        return Error::make(ErrorCode::Database, path + QStringLiteral(": not an Orchestrator database; refusing to modify it"));
    }
    if (version > kSchemaVersion)
        return Error::make(ErrorCode::Database,
                           path + QStringLiteral(": schema version %1 is newer than this program understands (%2); upgrade Orchestrator")
                                      .arg(version)
                                      .arg(kSchemaVersion));
    return {};
}

Status migrate(QSqlDatabase db, const QString &path)
{
    auto version = pragmaInt(db, QStringLiteral("user_version"));
    if (!version)
        return version.error();
    auto appId = pragmaInt(db, QStringLiteral("application_id"));
    if (!appId)
        return appId.error();
    // A file at version 0 may be one another connection is creating right
    // now: it is judged under the lock below. Any other version can be judged
    // here, without writing (so a read-only foreign file gets the right error).
    if (*version != 0) {
        if (Status s = checkOwnership(db, path, *version, *appId); !s)
            return s;
        if (*version == kSchemaVersion)
            return {};   // the usual case: nothing to write, no lock taken
    }

    // Another connection may be creating or migrating the same file right now
    // (the dashboard's engine and feed, two workers): take the write lock and
    // look again before changing anything.
    QSqlQuery begin(db);
    if (!begin.exec(QStringLiteral("BEGIN IMMEDIATE")))
        return Error::make(ErrorCode::Database, path + QStringLiteral(": cannot begin migration: ") + sqlError(begin.lastError(), path));
    auto fail = [&](const Error &error) -> Status {
        QSqlQuery(db).exec(QStringLiteral("ROLLBACK"));
        return error;
    };
    version = pragmaInt(db, QStringLiteral("user_version"));
    appId = pragmaInt(db, QStringLiteral("application_id"));
    if (!version || !appId)
        return fail(!version ? version.error() : appId.error());
    if (Status s = checkOwnership(db, path, *version, *appId); !s)
        return fail(s.error());
    for (int v = *version; v < kSchemaVersion; ++v) {
        const QStringList statements = splitStatements(QString::fromUtf8(kMigrations[v]));
        for (const QString &statement : statements) {
            QSqlQuery query(db);
            if (!query.exec(statement))
                return fail(Error::make(ErrorCode::Database, path + QStringLiteral(": migration to schema version %1 failed: %2")
                                                                    .arg(v + 1)
                                                                    .arg(sqlError(query.lastError(), path))));
        }
    }
    QSqlQuery bump(db);
    bump.exec(QStringLiteral("PRAGMA user_version = %1").arg(kSchemaVersion));
    bump.exec(QStringLiteral("PRAGMA application_id = %1").arg(kApplicationId));
    QSqlQuery commit(db);
    if (!commit.exec(QStringLiteral("COMMIT")))
        return fail(Error::make(ErrorCode::Database, path + QStringLiteral(": cannot commit migration: ") + sqlError(commit.lastError(), path)));
    return {};
}

// PostgreSQL: the schema version lives in a table of its own. Creation and
// migration run in one transaction under an advisory lock, so two workers
// opening a fresh database at once do it once.
Status migratePostgres(QSqlDatabase db, const QString &url)
{
    auto failed = [&](const QString &what, const QSqlQuery &query) {
        return Error::make(ErrorCode::Database, url + QStringLiteral(": ") + what + QStringLiteral(": ")
                                                    + sqlError(query.lastError(), url));
    };
    auto currentVersion = [&]() -> Result<int> {
        QSqlQuery query(db);
        if (!query.exec(QStringLiteral("SELECT to_regclass('schema_version') IS NOT NULL, to_regclass('jobs') IS NOT NULL"))
            || !query.next())
            return failed(QStringLiteral("cannot read the schema version"), query);
        const bool versioned = query.value(0).toBool();
        const bool hasJobs = query.value(1).toBool();
        if (!versioned)
            return hasJobs ? -1 : 0;
        QSqlQuery version(db);
        if (!version.exec(QStringLiteral("SELECT version FROM schema_version WHERE application = 'orchestrator'")))
            return failed(QStringLiteral("cannot read the schema version"), version);
        return version.next() ? version.value(0).toInt() : -1;
    };
    auto check = [&](int version) -> Status {
        if (version < 0)
            return Error::make(ErrorCode::Database,
                               url + QStringLiteral(": not an Orchestrator database (it already holds other tables); refusing to modify it"));
        if (version > kSchemaVersion)
            return Error::make(ErrorCode::Database,
                               url + QStringLiteral(": schema version %1 is newer than this program understands (%2); upgrade Orchestrator")
                                         .arg(version)
                                         .arg(kSchemaVersion));
        return {};
    };
    auto version = currentVersion();
    if (!version)
        return version.error();
    if (Status s = check(*version); !s)
        return s;
    if (*version == kSchemaVersion)
        return {};

    // The lock is taken before the transaction begins (a session lock, not
    // pg_advisory_xact_lock): a transaction that began before another one
    // created the tables would not see them in its catalog.
    QSqlQuery lock(db);
    if (!lock.exec(QStringLiteral("SELECT pg_advisory_lock(%1)").arg(Dialect::kMigrationLockKey)))
        return failed(QStringLiteral("cannot lock for migration"), lock);
    lock.finish();
    auto unlock = [&] { QSqlQuery(db).exec(QStringLiteral("SELECT pg_advisory_unlock(%1)").arg(Dialect::kMigrationLockKey)); };
    QSqlQuery begin(db);
    if (!begin.exec(QStringLiteral("BEGIN"))) {
        const Error error = failed(QStringLiteral("cannot begin migration"), begin);
        unlock();
        return error;
    }
    auto fail = [&](const Error &error) -> Status {
        QSqlQuery(db).exec(QStringLiteral("ROLLBACK"));
        unlock();
        return error;
    };
    version = currentVersion();
    if (!version)
        return fail(version.error());
    if (Status s = check(*version); !s)
        return fail(s.error());
    if (*version == 0) {
        QSqlQuery create(db);
        if (!create.exec(QStringLiteral("CREATE TABLE schema_version (application TEXT PRIMARY KEY, version INTEGER NOT NULL)"))
            || !create.exec(QStringLiteral("INSERT INTO schema_version(application, version) VALUES('orchestrator', 0)")))
            return fail(failed(QStringLiteral("cannot create the schema"), create));
    }
    for (int v = *version; v < kSchemaVersion; ++v) {
        const QStringList statements = splitStatements(QString::fromUtf8(kMigrations[v]));
        for (const QString &statement : statements) {
            QSqlQuery query(db);
            if (!query.exec(Dialect::translate(SqlDialect::Postgres, statement)))
                return fail(failed(QStringLiteral("migration to schema version %1 failed").arg(v + 1), query));
        }
    }
    QSqlQuery bump(db);
    if (!bump.exec(QStringLiteral("UPDATE schema_version SET version = %1 WHERE application = 'orchestrator'").arg(kSchemaVersion)))
        return fail(failed(QStringLiteral("cannot record the schema version"), bump));
    QSqlQuery commit(db);
    if (!commit.exec(QStringLiteral("COMMIT")))
        return fail(failed(QStringLiteral("cannot commit migration"), commit));
    unlock();
    return {};
}

// WAL is recorded in the file, so it is set once; switching needs the file to
// itself and SQLite does not wait for that, so a connection that meets
// another one mid-open tries again for a while.
Status enableWal(QSqlDatabase db, const QString &path)
{
    if (path == QLatin1String(":memory:"))
        return {};   // an in-memory database has no file to journal
    QString last;
    for (int tries = 0; tries < 250; ++tries) {
        QSqlQuery query(db);
        if (query.exec(QStringLiteral("PRAGMA journal_mode")) && query.next()
            && query.value(0).toString().compare(QLatin1String("wal"), Qt::CaseInsensitive) == 0)
            return {};
        query.finish();
        QSqlQuery set(db);
        if (set.exec(QStringLiteral("PRAGMA journal_mode=WAL")) && set.next()
            && set.value(0).toString().compare(QLatin1String("wal"), Qt::CaseInsensitive) == 0)
            return {};
        last = sqlError(set.lastError(), path);
        QThread::msleep(20);
    }
    return Error::make(ErrorCode::Database, path + QStringLiteral(": cannot switch to WAL mode: ") + last);
}

sqlite3 *sqliteHandle(const QSqlDatabase &db)
{
    const QVariant handle = db.driver() ? db.driver()->handle() : QVariant();
    if (!handle.isValid() || qstrcmp(handle.typeName(), "sqlite3*") != 0)
        return nullptr;
    return *static_cast<sqlite3 *const *>(handle.constData());
}

// No orchestrator process ever deletes the -wal and -shm files: closing the
// last connection checkpoints and truncates the WAL (journal_size_limit)
// but leaves the file. So a process whose locks were dropped behind its back
// (see core/databasefiles.h) cannot be made to write into an unlinked WAL by
// an orchestrator process that wrongly believes it is the last one.
void keepWalFiles(const QSqlDatabase &db)
{
    if (sqlite3 *handle = sqliteHandle(db)) {
        int persist = 1;
        (void)sqlite3_file_control(handle, "main", SQLITE_FCNTL_PERSIST_WAL, &persist);
    }
}

// Before a close that is part of a reopen: this connection's view of the
// files may be stale (an unlinked WAL), so it must not checkpoint them into
// the database on its way out.
void noCheckpointOnClose(const QSqlDatabase &db)
{
    if (sqlite3 *handle = sqliteHandle(db))
        (void)sqlite3_db_config(handle, SQLITE_DBCONFIG_NO_CKPT_ON_CLOSE, 1, nullptr);
}

} // namespace

int busyTimeoutMs()
{
    static const int timeout = [] {
        bool ok = false;
        const int fromEnvironment = qEnvironmentVariableIntValue("ORCHESTRATOR_BUSY_TIMEOUT_MS", &ok);
        return ok && fromEnvironment >= 0 ? fromEnvironment : 10000;
    }();
    return timeout;
}

QString databaseFile(const QSqlDatabase &db)
{
    if (Dialect::of(db) == SqlDialect::Postgres) {
        PostgresUrl url;
        url.host = db.hostName();
        url.port = db.port() > 0 ? db.port() : 5432;
        url.user = db.userName();
        url.database = db.databaseName();
        return url.display();
    }
    const QString name = db.databaseName();
    if (name.startsWith(QLatin1String("file:")))
        return QUrl(name).toLocalFile();
    return name;
}

namespace {

// PostgreSQL reports a five-character SQLSTATE; SQLite a number of at most
// four digits.
bool isSqlState(const QString &code) { return code.size() == 5; }

QString describePostgresError(const QSqlError &error, const QString &url)
{
    QString text = error.databaseText();
    if (text.isEmpty())
        text = error.text();
    text = text.trimmed();
    const QString state = error.nativeErrorCode();
    if (state.startsWith(QLatin1String("08")) || state.startsWith(QLatin1String("57P")) || (state.isEmpty() && error.type() == QSqlError::ConnectionError))
        return text + QLatin1String(" (") + Text::tr("the connection to the PostgreSQL server at %1 was lost or refused; nothing "
                                                     "of this change was recorded").arg(url) + QLatin1Char(')');
    if (state == QLatin1String("28P01") || state == QLatin1String("28000"))
        return text + QLatin1String(" (") + Text::tr("authentication failed: set PGPASSWORD or add the password to ~/.pgpass")
                + QLatin1Char(')');
    return text;
}

} // namespace

ErrorCode sqlErrorCode(const QSqlError &error)
{
    if (isSqlState(error.nativeErrorCode())) {
        // 40001 serialization_failure, 40P01 deadlock_detected: the server
        // rolled the transaction back; running it again may well succeed.
        const QString state = error.nativeErrorCode();
        return state == QLatin1String("40001") || state == QLatin1String("40P01") ? ErrorCode::DatabaseContention
                                                                                    : ErrorCode::Database;
    }
    bool ok = false;
    const int code = error.nativeErrorCode().toInt(&ok) & 0xff;
    // SQLITE_NOTADB is left out: at open it means "not ours" (a text file, say).
    return ok && code == SqliteCorrupt ? ErrorCode::DatabaseDamaged : ErrorCode::Database;
}

QString describeSqlError(const QSqlError &error, const QString &path)
{
    if (isSqlState(error.nativeErrorCode()) || isPostgresUrl(path))
        return describePostgresError(error, path);
    QString text = error.databaseText();
    if (text.isEmpty())
        text = error.text();
    bool ok = false;
    const int code = error.nativeErrorCode().toInt(&ok) & 0xff;
    if (!ok)
        return text;
    const QString file = path.isEmpty() ? Text::tr("the database file") : path;
    switch (code) {
    case SqliteBusy:
    case SqliteLocked:
        return text + QLatin1String(" (") + Text::tr("the database is busy: another process held its write lock for longer than "
                                                     "the busy timeout of %1 s; nothing was changed, try again")
                                                    .arg(busyTimeoutMs() / 1000.0) + QLatin1Char(')');
    case SqliteReadOnly:
        return text + QLatin1String(" (") + Text::tr("the database cannot be written: check the permissions of %1, of its -wal and "
                                                     "-shm files and of its directory, and that the file system is not read-only")
                                                    .arg(file) + QLatin1Char(')');
    case SqliteFull:
        return text + QLatin1String(" (") + Text::tr("the disk is full: nothing of this change was recorded; free some space and "
                                                     "try again") + QLatin1Char(')');
    case SqliteIoError:
        return text + QLatin1String(" (") + Text::tr("an input/output error: the disk may be full, failing or gone; nothing of "
                                                     "this change was recorded") + QLatin1Char(')');
    case SqliteCorrupt:
    case SqliteNotADatabase:
        return text + QLatin1String(" (") + Text::tr("the database file is damaged; it was left as it is. Keep a copy, then "
                                                     "recover what can be read with: sqlite3 %1 .recover | sqlite3 NEW.db; "
                                                     "or start afresh with another --db")
                                                    .arg(file) + QLatin1Char(')');
    case SqliteCantOpen: {
        const QString dir = path.isEmpty() ? QString() : QFileInfo(path).absolutePath();
        if (!dir.isEmpty() && ::access(QFile::encodeName(dir).constData(), W_OK) != 0 && errno == EROFS)
            return text + QLatin1String(" (") + Text::tr("the file system holding %1 is mounted read-only; SQLite needs to "
                                                         "write its -wal and -shm files next to it").arg(file) + QLatin1Char(')');
        return text + QLatin1String(" (") + Text::tr("check that the directory of %1 exists and can be written").arg(file)
                + QLatin1Char(')');
    }
    default:
        return text;
    }
}

Database::~Database() { close(); }

Database::Database(Database &&other) noexcept
    : m_connectionName(std::exchange(other.m_connectionName, QString()))
    , m_path(std::exchange(other.m_path, QString()))
    , m_dialect(other.m_dialect)
    , m_registered(std::exchange(other.m_registered, false))
{
}

Database &Database::operator=(Database &&other) noexcept
{
    if (this != &other) {
        close();
        m_connectionName = std::exchange(other.m_connectionName, QString());
        m_path = std::exchange(other.m_path, QString());
        m_dialect = other.m_dialect;
        m_registered = std::exchange(other.m_registered, false);
    }
    return *this;
}

void Database::close()
{
    if (m_connectionName.isEmpty())
        return;
    {
        QSqlDatabase db = QSqlDatabase::database(m_connectionName, false);
        if (db.isOpen()) {
            if (m_registered && DatabaseFiles::reopenPending(m_path))
                noCheckpointOnClose(db);
            db.close();
        }
    }
    QSqlDatabase::removeDatabase(m_connectionName);
    m_connectionName.clear();
    if (std::exchange(m_registered, false))
        DatabaseFiles::connectionClosed(m_path);
}

bool Database::mustReopen() const
{
    return m_registered && DatabaseFiles::reopenPending(m_path);
}

QSqlDatabase Database::connection() const
{
    return QSqlDatabase::database(m_connectionName, false);
}

int Database::schemaVersion() { return kSchemaVersion; }

Result<Database> Database::openPostgres(const QString &urlText, const QString &applicationName)
{
    static std::atomic<int> counter{0};
    auto url = Dialect::parsePostgresUrl(urlText);
    if (!url)
        return url.error();
    const QString driver = QStringLiteral("QPSQL");
    if (!QSqlDatabase::isDriverAvailable(driver))
        return Error::make(ErrorCode::Database, url->display() + QStringLiteral(": Qt's PostgreSQL driver (QPSQL) is not installed "
                                                                                "(Debian: libqt6sql6-psql)"));
    Database database;
    database.m_path = url->display();
    database.m_dialect = SqlDialect::Postgres;
    database.m_connectionName = QStringLiteral("orchestrator-pg-%1").arg(counter.fetch_add(1));
    QSqlDatabase db = QSqlDatabase::addDatabase(driver, database.m_connectionName);
    db.setHostName(url->host);
    db.setPort(url->port);
    db.setUserName(url->user);
    db.setDatabaseName(url->database);
    // No password here: libpq reads PGPASSWORD and ~/.pgpass itself.
    QString name = applicationName.isEmpty() ? QStringLiteral("orchestrator") : applicationName;
    name.replace(QRegularExpression(QStringLiteral("[^A-Za-z0-9_.:@/-]")), QStringLiteral("_"));
    QStringList options{QStringLiteral("connect_timeout=10"), QStringLiteral("application_name=") + name.left(60)};
    if (!url->options.isEmpty())
        options.append(url->options);
    db.setConnectOptions(options.join(QLatin1Char(';')));
    if (!db.open())
        return Error::make(ErrorCode::Database, database.m_path + QStringLiteral(": cannot connect: ")
                                                    + describeSqlError(db.lastError(), database.m_path));
    if (Status migrated = migratePostgres(db, database.m_path); !migrated)
        return migrated.error();
    return database;
}

bool Database::answers() const
{
    const QSqlDatabase db = connection();
    if (!db.isOpen())
        return false;
    QSqlQuery probe(db);
    return probe.exec(QStringLiteral("SELECT 1"));
}

Status Database::reconnect()
{
    QSqlDatabase db = connection();
    db.close();
    if (!db.open())
        return Error::make(ErrorCode::Database, m_path + QStringLiteral(": cannot reconnect: ") + describeSqlError(db.lastError(), m_path));
    return {};
}

Result<Database> Database::open(const QString &path, const QString &applicationName)
{
    if (isPostgresUrl(path))
        return openPostgres(path, applicationName);
    static std::atomic<int> counter{0};
    const QFileInfo info(path);
    const bool inMemory = path == QLatin1String(":memory:");
    if (info.exists() && !info.isFile())
        return Error::make(ErrorCode::Database, path + QStringLiteral(": not a regular file"));
    // While this process's connections close to open the files afresh, a new
    // one would share their stale view of them.
    if (!inMemory && !DatabaseFiles::clearReopenWhenClosed(path))
        return Error::make(ErrorCode::Database, path + QStringLiteral(": being reopened (its files changed on disk); "
                                                                      "try again in a moment"));
    if (!inMemory && !info.exists()) {
        if (Status s = makePrivateDirectory(info.absolutePath()); !s)
            return Error::make(ErrorCode::Io, info.absolutePath() + QStringLiteral(": cannot create the database directory"));
        // Created empty and private before SQLite sees it: SQLite gives the
        // -wal and -shm files the mode of the database file.
        QFile create(path);
        if (create.open(QIODevice::WriteOnly | QIODevice::NewOnly, QFileDevice::ReadOwner | QFileDevice::WriteOwner))
            create.close();
    }

    Database database;
    database.m_path = path;
    database.m_connectionName = QStringLiteral("orchestrator-%1").arg(counter.fetch_add(1));
    QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), database.m_connectionName);
    db.setDatabaseName(path);
    db.setConnectOptions(QStringLiteral("QSQLITE_BUSY_TIMEOUT=%1").arg(busyTimeoutMs()));
    if (!db.open())
        return Error::make(ErrorCode::Database, path + QStringLiteral(": cannot open: ") + sqlError(db.lastError(), path));
    keepWalFiles(db);

    // A corrupt or non-SQLite file fails here, before anything is written.
    QSqlQuery probe(db);
    bool readOnlyMedium = false;
    if (!probe.exec(QStringLiteral("SELECT count(*) FROM sqlite_master"))) {
        const QSqlError error = probe.lastError();
        probe = QSqlQuery();
        // On a read-only file system SQLite cannot create the -shm file WAL
        // mode needs: read the file as immutable instead. Every write then
        // fails with SQLite's "readonly" error, which describeSqlError()
        // explains; reading commands work.
        const QByteArray dir = QFile::encodeName(info.absolutePath());
        if (!inMemory && info.exists() && ::access(dir.constData(), W_OK) != 0 && errno == EROFS) {
            db.close();
            db.setDatabaseName(QUrl::fromLocalFile(info.absoluteFilePath()).toString(QUrl::FullyEncoded)
                               + QStringLiteral("?immutable=1"));
            db.setConnectOptions(QStringLiteral("QSQLITE_OPEN_URI;QSQLITE_OPEN_READONLY"));
            readOnlyMedium = db.open();
            probe = QSqlQuery(db);
            readOnlyMedium = readOnlyMedium && probe.exec(QStringLiteral("SELECT count(*) FROM sqlite_master"));
        }
        if (!readOnlyMedium)
            return Error::make(sqlErrorCode(error), path + QStringLiteral(": not a usable SQLite database: ") + sqlError(error, path));
    }
    probe.finish();
    if (!inMemory) {
        DatabaseFiles::connectionOpened(path, !readOnlyMedium);
        database.m_registered = true;
    }

    auto pragmas = [&](std::initializer_list<const char *> list) -> Status {
        for (const char *pragma : list) {
            QSqlQuery query(db);
            if (!query.exec(QString::fromLatin1(pragma)))
                return Error::make(ErrorCode::Database, path + QStringLiteral(": ") + QString::fromLatin1(pragma)
                                       + QStringLiteral(" failed: ") + sqlError(query.lastError(), path));
        }
        return {};
    };
    // Connection settings only: nothing is written to the file yet.
    if (Status s = pragmas({"PRAGMA foreign_keys=ON"}); !s)
        return s.error();
    // migrate() refuses a file that is not ours before it writes anything;
    // WAL mode, which is recorded in the file, comes only after that.
    if (Status migrated = migrate(db, path); !migrated)
        return migrated.error();
    if (readOnlyMedium)
        return database;
    if (Status s = enableWal(db, path); !s)
        return s.error();
    // journal_size_limit: a checkpointed WAL is cut back to 64 MiB, and to
    // nothing when the last connection closes (the file itself is kept).
    if (Status s = pragmas({"PRAGMA synchronous=NORMAL", "PRAGMA journal_size_limit=67108864"}); !s)
        return s.error();
    if (!inMemory) {
        // Ours (migrate() said so): the database and its WAL and shared-memory
        // files are private, also when an older version created them.
        for (const char *suffix : {"", "-wal", "-shm"}) {
            const QString file = path + QLatin1String(suffix);
            if (QFileInfo(file).isFile())
                (void)restrictToOwner(file);
        }
    }
    return database;
}

Status Database::checkIntegrity() const
{
    if (m_dialect == SqlDialect::Postgres)
        return {};   // the server looks after its own pages
    QSqlQuery query(connection());
    if (!query.exec(QStringLiteral("PRAGMA quick_check(1)")))
        return Error::make(sqlErrorCode(query.lastError()),
                           m_path + QStringLiteral(": integrity check: ") + sqlError(query.lastError(), m_path));
    const QString verdict = query.next() ? query.value(0).toString() : QString();
    if (verdict == QLatin1String("ok"))
        return {};
    return Error::make(ErrorCode::DatabaseDamaged,
                       m_path + QStringLiteral(": integrity check: ") + verdict + QLatin1String(" (")
                               + Text::tr("the database file is damaged; it was left as it is. Keep a copy, then recover what "
                                          "can be read with: sqlite3 %1 .recover | sqlite3 NEW.db; or start afresh with another --db")
                                         .arg(m_path)
                               + QLatin1Char(')'));
}

Status execSql(QSqlDatabase db, const QString &sql)
{
    QSqlQuery query(db);
    if (!query.exec(sql))
        return Error::make(ErrorCode::Database, sql.left(60) + QStringLiteral(": ") + sqlError(query.lastError()));
    return {};
}

} // namespace Orchestrator
