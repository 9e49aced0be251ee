-- An Orchestrator database of schema version 4 (before runs.title), as that version wrote it:
-- one run of two succeeded jobs. tst_store replays it into a file and opens it (migration).
PRAGMA application_id = 1330791240;
PRAGMA user_version = 4;
PRAGMA foreign_keys=OFF;
BEGIN TRANSACTION;
CREATE TABLE runs (
    run_id      TEXT PRIMARY KEY,
    created_at  INTEGER NOT NULL,
    metadata    TEXT
);
INSERT INTO runs VALUES('run-20251121-101500',1796156018027,NULL);
CREATE TABLE workstreams (
    run_id        TEXT NOT NULL REFERENCES runs(run_id),
    workstream_id TEXT NOT NULL,
    created_at    INTEGER NOT NULL,
    PRIMARY KEY (run_id, workstream_id)
);
INSERT INTO workstreams VALUES('run-20251121-101500','ws-old',1796156018027);
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
    finished_at      INTEGER, on_crash INTEGER NOT NULL DEFAULT 0, crashes INTEGER NOT NULL DEFAULT 0,
    FOREIGN KEY (run_id, workstream_id) REFERENCES workstreams(run_id, workstream_id)
);
INSERT INTO jobs VALUES(1,'old-1','run-20251121-101500','ws-old','shell',1,'succeeded','{"command":{"exe":"true"},"job_id":"old-1","run_id":"run-20251121-101500","tool":"shell","workstream_id":"ws-old"}','/tmp/v4gen/jobs/1.json','["true"]','{}','/tmp/v4gen','/tmp/v4gen','/tmp/v4gen/logs/run-20251121-101500/old-1.log','/tmp/v4gen/logs/run-20251121-101500/old-1.error.json',0,'{"backoff_factor":2,"backoff_seconds":5,"escalate_to":[],"max_attempts":1,"max_backoff_seconds":300}',0,1,0,NULL,NULL,0,'succeeded',NULL,NULL,0,'attempt 1: exited with code 0',1796156018027,1796156018042,1796156018029,1796156018042,0,0);
INSERT INTO jobs VALUES(2,'old-2','run-20251121-101500','ws-old','shell',1,'succeeded','{"command":{"exe":"true"},"job_id":"old-2","run_id":"run-20251121-101500","tool":"shell","workstream_id":"ws-old"}','/tmp/v4gen/jobs/2.json','["true"]','{}','/tmp/v4gen','/tmp/v4gen','/tmp/v4gen/logs/run-20251121-101500/old-2.log','/tmp/v4gen/logs/run-20251121-101500/old-2.error.json',0,'{"backoff_factor":2,"backoff_seconds":5,"escalate_to":[],"max_attempts":1,"max_backoff_seconds":300}',0,1,0,NULL,NULL,0,'succeeded',NULL,NULL,0,'attempt 1: exited with code 0',1796156018027,1796156018039,1796156018029,1796156018039,0,0);
CREATE TABLE job_deps (
    job_id     TEXT NOT NULL REFERENCES jobs(job_id),
    depends_on TEXT NOT NULL REFERENCES jobs(job_id),
    PRIMARY KEY (job_id, depends_on)
);
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
    result_json  TEXT, pid INTEGER, pid_start INTEGER,
    UNIQUE (job_id, attempt)
);
INSERT INTO step_attempts VALUES(1,'old-1','run-20251121-101500',1,'shell','succeeded','vm:10307:0',1796156018029,1796156018041,0,NULL,0,10,'exited with code 0','/tmp/v4gen/logs/run-20251121-101500/old-1.log',NULL,'{"attempt":1,"duration_s":0.01,"error_report_path":"","exit_code":0,"job_id":"old-1","message":"exited with code 0","outcome":"succeeded","signal":null,"success":true,"tool":"shell"}',10311,257425);
INSERT INTO step_attempts VALUES(2,'old-2','run-20251121-101500',1,'shell','succeeded','vm:10307:0',1796156018029,1796156018039,0,NULL,0,8,'exited with code 0','/tmp/v4gen/logs/run-20251121-101500/old-2.log',NULL,'{"attempt":1,"duration_s":0.008,"error_report_path":"","exit_code":0,"job_id":"old-2","message":"exited with code 0","outcome":"succeeded","signal":null,"success":true,"tool":"shell"}',10310,257425);
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
INSERT INTO events VALUES(1,1796156018027,'old-1','run-20251121-101500','submitted',NULL,'queued',0,NULL);
INSERT INTO events VALUES(2,1796156018027,'old-2','run-20251121-101500','submitted',NULL,'queued',0,NULL);
INSERT INTO events VALUES(3,1796156018029,'old-1','run-20251121-101500','started','queued','running',1,'attempt 1 with shell on vm:10307:0');
INSERT INTO events VALUES(4,1796156018029,'old-2','run-20251121-101500','started','queued','running',1,'attempt 1 with shell on vm:10307:0');
INSERT INTO events VALUES(5,1796156018039,'old-2','run-20251121-101500','state','running','succeeded',1,'attempt 1: exited with code 0');
INSERT INTO events VALUES(6,1796156018042,'old-1','run-20251121-101500','state','running','succeeded',1,'attempt 1: exited with code 0');
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
, name TEXT, busy INTEGER NOT NULL DEFAULT 0, jobs_done INTEGER NOT NULL DEFAULT 0, heartbeat_ms INTEGER NOT NULL DEFAULT 15000);
CREATE TABLE log_chunks (
    id         INTEGER PRIMARY KEY AUTOINCREMENT,
    job_id     TEXT NOT NULL,
    attempt    INTEGER NOT NULL,
    seq        INTEGER NOT NULL,
    data       BLOB NOT NULL,
    created_at INTEGER NOT NULL,
    UNIQUE (job_id, attempt, seq)
);
DELETE FROM sqlite_sequence;
INSERT INTO sqlite_sequence VALUES('jobs',2);
INSERT INTO sqlite_sequence VALUES('events',6);
INSERT INTO sqlite_sequence VALUES('step_attempts',2);
CREATE INDEX jobs_by_state ON jobs(state, priority DESC, seq);
CREATE INDEX jobs_by_run ON jobs(run_id, state);
CREATE INDEX job_deps_reverse ON job_deps(depends_on);
CREATE INDEX events_by_job ON events(job_id, id);
CREATE INDEX step_attempts_by_run ON step_attempts(run_id, started_at);
COMMIT;
