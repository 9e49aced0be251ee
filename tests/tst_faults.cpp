// Faults of the database and its disk: busy beyond the busy timeout, a
// read-only file or file system, a damaged file, a full disk. Each gives a
// clear error naming the file on the command line (exit code 5), nothing is
// half-written or recorded twice, engines retry what is worth retrying, and a
// user's file is never replaced by a new empty database.

#include <cerrno>
#include <cstring>

#include <sys/mount.h>
#include <sys/stat.h>
#include <unistd.h>

#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonObject>
#include <QProcess>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

#include "testsupport.h"

using namespace TestSupport;

namespace {

struct Run
{
    int exitCode = -1;   // -1: crashed or hung
    QString out;
    QString err;
};

QJsonObject job(const QString &id, const QStringList &args, const QString &instructions = QString())
{
    QJsonObject object{{QStringLiteral("job_id"), id},
                       {QStringLiteral("tool"), QStringLiteral("shell")},
                       {QStringLiteral("command"), QJsonObject{{QStringLiteral("exe"), testHelper()},
                                                               {QStringLiteral("args"), QJsonArray::fromStringList(args)}}}};
    if (!instructions.isEmpty())
        object.insert(QStringLiteral("instructions"), instructions);
    return object;
}

QByteArray sha256(const QString &path)
{
    return QCryptographicHash::hash(readFile(path), QCryptographicHash::Sha256).toHex();
}

// A second connection to the database, as another process would hold it.
class Connection final
{
public:
    explicit Connection(const QString &path)
        : m_name(QStringLiteral("fault-%1").arg(++s_counter))
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), m_name);
        db.setDatabaseName(path);
        db.setConnectOptions(QStringLiteral("QSQLITE_BUSY_TIMEOUT=5000"));
        db.open();
    }
    ~Connection()
    {
        QSqlDatabase::database(m_name, false).close();
        QSqlDatabase::removeDatabase(m_name);
    }
    Q_DISABLE_COPY_MOVE(Connection)

    bool exec(const QString &sql)
    {
        QSqlQuery query(QSqlDatabase::database(m_name, false));
        return query.exec(sql);
    }
    QVariantList column(const QString &sql)
    {
        QSqlQuery query(QSqlDatabase::database(m_name, false));
        QVariantList values;
        if (!query.exec(sql))
            return {QVariant(QString(QStringLiteral("error: ") + query.lastError().text()))};
        while (query.next())
            values.append(query.value(0));
        return values;
    }
    QString value(const QString &sql) { return column(sql).value(0).toString(); }

private:
    QString m_name;
    static inline int s_counter = 0;
};

// A small tmpfs, for a full disk and a read-only file system. Needs root (CI
// runs the tests as root); otherwise the test that needs it is skipped.
class SmallDisk final
{
public:
    SmallDisk(const QString &dir, const char *size)
        : m_dir(dir)
    {
        QDir().mkpath(dir);
        const QByteArray options = QByteArray("size=") + size + ",mode=0700";
        m_mounted = ::mount("tmpfs", QFile::encodeName(dir).constData(), "tmpfs", 0, options.constData()) == 0;
        if (!m_mounted)
            m_why = QString::fromLocal8Bit(std::strerror(errno));
    }
    ~SmallDisk()
    {
        if (m_mounted)
            ::umount2(QFile::encodeName(m_dir).constData(), MNT_DETACH);
    }
    Q_DISABLE_COPY_MOVE(SmallDisk)

    bool mounted() const { return m_mounted; }
    QString why() const { return m_why; }
    bool setReadOnly(bool readOnly)
    {
        const unsigned long flags = MS_REMOUNT | (readOnly ? MS_RDONLY : 0);
        return ::mount("tmpfs", QFile::encodeName(m_dir).constData(), "tmpfs", flags, nullptr) == 0;
    }

private:
    QString m_dir;
    bool m_mounted = false;
    QString m_why;
};

// Writes `path` until the disk is full; returns the bytes written.
qint64 fillDisk(const QString &path)
{
    QFile filler(path);
    if (!filler.open(QIODevice::WriteOnly))
        return 0;
    const QByteArray block(4096, 'f');
    qint64 total = 0;
    while (filler.write(block) == block.size() && filler.flush())
        total += block.size();
    // Whatever is left below a block.
    while (filler.write("f", 1) == 1 && filler.flush())
        ++total;
    return total;
}

} // namespace

class TestFaults final : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    int m_counter = 0;

    QString path(const QString &name) const { return m_dir.filePath(name); }

    static QProcessEnvironment environment()
    {
        QProcessEnvironment env = cliEnvironment();
        // Busy beyond the timeout in a fraction of a second instead of 10 s.
        env.insert(QStringLiteral("ORCHESTRATOR_BUSY_TIMEOUT_MS"), QStringLiteral("300"));
        return env;
    }

    Run orchestrator(const QString &db, const QStringList &args, int timeoutMs = 60000)
    {
        const CliRun run = runCli(QStringList{QStringLiteral("--db"), db} + args, m_dir.path(), environment(), timeoutMs);
        return Run{run.exitCode, QString::fromUtf8(run.out), QString::fromUtf8(run.err)};
    }

    QString jobFile(const QJsonObject &object)
    {
        return writeJson(path(QStringLiteral("jobs/%1-%2.json").arg(object.value(QStringLiteral("job_id")).toString()).arg(++m_counter)),
                         object);
    }

    // A database holding `count` finished jobs with some text each, so that
    // it spans many pages.
    QString populatedDatabase(const QString &name, int count)
    {
        const QString dir = path(QStringLiteral("batch-%1").arg(name));
        for (int i = 0; i < count; ++i)
            writeJson(dir + QStringLiteral("/j%1.json").arg(i),
                      job(QStringLiteral("%1-%2").arg(name).arg(i), {QStringLiteral("--exit"), QStringLiteral("0")},
                          QStringLiteral("instructions %1 ").arg(i).repeated(20)));
        const QString db = path(name + QStringLiteral("/state.db"));
        const Run run = orchestrator(db, {QStringLiteral("submit"), dir});
        if (run.exitCode != 0)
            qWarning("submit failed: %s", qPrintable(run.err));
        return db;
    }

private Q_SLOTS:
    void initTestCase() { QVERIFY(m_dir.isValid()); }

    // Another process holds the write lock longer than the busy timeout:
    // submit says so, names the file, exits 5 and writes nothing; readers go
    // on (WAL); once the lock is gone the same submit works.
    void busyDatabase()
    {
        const QString db = path(QStringLiteral("busy/state.db"));
        QCOMPARE(orchestrator(db, {QStringLiteral("submit"), jobFile(job(QStringLiteral("first"), {}))}).exitCode, 0);

        Connection holder(db);
        QVERIFY(holder.exec(QStringLiteral("BEGIN IMMEDIATE")));
        const QString second = jobFile(job(QStringLiteral("second"), {}));
        const Run busy = orchestrator(db, {QStringLiteral("submit"), second});
        QCOMPARE(busy.exitCode, 5);
        QVERIFY2(busy.err.startsWith(QStringLiteral("orchestrator submit: ") + db), qPrintable(busy.err));
        QVERIFY2(busy.err.contains(QStringLiteral("database is busy")), qPrintable(busy.err));
        QVERIFY2(busy.err.contains(QStringLiteral("try again")), qPrintable(busy.err));

        const Run list = orchestrator(db, {QStringLiteral("list")});
        QVERIFY2(list.exitCode == 0, qPrintable(list.err));
        QVERIFY(list.out.contains(QStringLiteral("first")));
        QVERIFY(!list.out.contains(QStringLiteral("second")));
        QVERIFY(holder.exec(QStringLiteral("ROLLBACK")));

        QCOMPARE(holder.value(QStringLiteral("SELECT count(*) FROM jobs WHERE job_id = 'second'")), QStringLiteral("0"));
        const Run again = orchestrator(db, {QStringLiteral("submit"), second});
        QVERIFY2(again.exitCode == 0, qPrintable(again.err));
        QCOMPARE(holder.value(QStringLiteral("SELECT count(*) FROM jobs")), QStringLiteral("2"));
    }

    // The database is locked for several busy timeouts while a job runs and
    // ends: the engine retries its tick instead of giving up, and records the
    // outcome exactly once when the lock is gone.
    void engineRidesOutABusyDatabase()
    {
        const QString db = path(QStringLiteral("busy-run/state.db"));
        const QString ledger = path(QStringLiteral("busy-run/ledger"));
        const QString file = jobFile(job(QStringLiteral("through-busy"), {QStringLiteral("--ledger"), ledger, QStringLiteral("--sleep"),
                                                                           QStringLiteral("800")}));
        QProcess run;
        run.setProcessEnvironment(environment());
        run.start(cliPath(), {QStringLiteral("--db"), db, QStringLiteral("run"), file, QStringLiteral("--workers"), QStringLiteral("1")});
        QTRY_VERIFY_WITH_TIMEOUT(QFile::exists(ledger), 20000);

        {
            Connection holder(db);
            QVERIFY(holder.exec(QStringLiteral("BEGIN IMMEDIATE")));
            // Held across the job's end: its outcome waits for the lock.
            QTest::qWait(2500);
            QCOMPARE(holder.value(QStringLiteral("SELECT state FROM jobs WHERE job_id = 'through-busy'")), QStringLiteral("running"));
            QVERIFY(holder.exec(QStringLiteral("ROLLBACK")));
        }

        QVERIFY(run.waitForFinished(30000));
        const QString err = QString::fromUtf8(run.readAllStandardError());
        QVERIFY2(run.exitCode() == 0, qPrintable(err));
        QVERIFY2(err.contains(QStringLiteral("(retrying)")), qPrintable(err));
        QVERIFY2(!err.contains(QStringLiteral("giving up")), qPrintable(err));
        QCOMPARE(readFile(ledger).count('\n'), 1);   // the tool ran once
        Connection check(db);
        QCOMPARE(check.value(QStringLiteral("SELECT state FROM jobs WHERE job_id = 'through-busy'")), QStringLiteral("succeeded"));
        QCOMPARE(check.value(QStringLiteral("SELECT count(*) FROM events WHERE job_id = 'through-busy' AND to_state = 'succeeded'")),
                 QStringLiteral("1"));
        QCOMPARE(check.value(QStringLiteral("SELECT count(*) FROM step_attempts WHERE job_id = 'through-busy'")), QStringLiteral("1"));
    }

    // A database file the user may not write (not testable as root, who may
    // write anyway): a clear error; reading still works.
    void readOnlyFile()
    {
        if (::geteuid() == 0)
            QSKIP("root may write a file of mode 0400; the read-only file system case covers root");
        const QString db = path(QStringLiteral("ro-file/state.db"));
        QCOMPARE(orchestrator(db, {QStringLiteral("submit"), jobFile(job(QStringLiteral("kept"), {}))}).exitCode, 0);
        const QByteArray before = sha256(db);
        QVERIFY(QFile::setPermissions(db, QFileDevice::ReadOwner));
        const Run submit = orchestrator(db, {QStringLiteral("submit"), jobFile(job(QStringLiteral("refused"), {}))});
        QCOMPARE(submit.exitCode, 5);
        QVERIFY2(submit.err.contains(db), qPrintable(submit.err));
        QVERIFY2(submit.err.contains(QStringLiteral("cannot be written")) || submit.err.contains(QStringLiteral("read")), qPrintable(submit.err));
        QCOMPARE(sha256(db), before);
        QVERIFY(QFile::setPermissions(db, QFileDevice::ReadOwner | QFileDevice::WriteOwner));
    }

    // The file system holding the database is read-only: writing commands
    // fail clearly and exit 5, reading commands still work, the file is not
    // touched.
    void readOnlyFileSystem()
    {
        const QString dir = path(QStringLiteral("ro-fs"));
        SmallDisk disk(dir, "8m");
        if (!disk.mounted())
            QSKIP(qPrintable(QStringLiteral("cannot mount a tmpfs (needs root): ") + disk.why()));
        const QString db = dir + QStringLiteral("/state.db");
        QCOMPARE(orchestrator(db, {QStringLiteral("submit"), jobFile(job(QStringLiteral("kept"), {}))}).exitCode, 0);
        const QByteArray before = sha256(db);
        QVERIFY(disk.setReadOnly(true));

        const Run submit = orchestrator(db, {QStringLiteral("submit"), jobFile(job(QStringLiteral("refused"), {}))});
        QCOMPARE(submit.exitCode, 5);
        QVERIFY2(submit.err.startsWith(QStringLiteral("orchestrator submit: ") + db), qPrintable(submit.err));
        QVERIFY2(submit.err.contains(QStringLiteral("read-only")), qPrintable(submit.err));

        const Run list = orchestrator(db, {QStringLiteral("list")});
        QVERIFY2(list.exitCode == 0, qPrintable(list.err));
        QVERIFY(list.out.contains(QStringLiteral("kept")));
        const Run status = orchestrator(db, {QStringLiteral("status"), QStringLiteral("--job-id"), QStringLiteral("kept")});
        QVERIFY2(status.exitCode == 0, qPrintable(status.err));

        // A database that does not exist yet cannot be created there.
        const Run fresh = orchestrator(dir + QStringLiteral("/new.db"), {QStringLiteral("submit"), jobFile(job(QStringLiteral("new"), {}))});
        QCOMPARE(fresh.exitCode, 5);
        QVERIFY2(fresh.err.contains(dir + QStringLiteral("/new.db")), qPrintable(fresh.err));

        QCOMPARE(sha256(db), before);
        QVERIFY(disk.setReadOnly(false));
    }

    // Bytes in the middle of a real database are overwritten: every command
    // that meets the damage names the file, says it is damaged and what to
    // do, exits 5 and leaves the file byte for byte as it was. It is never
    // replaced by a new empty database.
    void damagedDatabase_data()
    {
        QTest::addColumn<bool>("header");
        QTest::newRow("pages in the middle") << false;
        QTest::newRow("the header") << true;
    }
    void damagedDatabase()
    {
        QFETCH(bool, header);
        const QString name = header ? QStringLiteral("damaged-header") : QStringLiteral("damaged-middle");
        const QString db = populatedDatabase(name, 300);
        QVERIFY(QFile::exists(db));
        QVERIFY(!QFile::exists(db + QStringLiteral("-wal")) || QFileInfo(db + QStringLiteral("-wal")).size() == 0);
        {
            QFile file(db);
            QVERIFY(file.open(QIODevice::ReadWrite));
            const qint64 size = file.size();
            QVERIFY(size > 64 * 1024);
            QVERIFY(file.seek(header ? 0 : size / 2 - 8192));
            QByteArray garbage(header ? 100 : 16384, '\0');
            for (qsizetype i = 0; i < garbage.size(); ++i)
                garbage[i] = char((i * 131 + 7) % 251);
            QCOMPARE(file.write(garbage), garbage.size());
        }
        const QByteArray before = sha256(db);
        const qint64 sizeBefore = QFileInfo(db).size();

        // Readers of the jobs table first; the submission last, as SQLite only
        // sees damage on the pages a statement reads: a submission that
        // touches only intact pages may succeed (and then changes the file).
        const QList<QStringList> commands{
            {QStringLiteral("list")},
            {QStringLiteral("list"), QStringLiteral("--runs")},
            {QStringLiteral("worker"), QStringLiteral("--exit-when-idle")},
            {QStringLiteral("submit"), jobFile(job(QStringLiteral("after-damage"), {}))},
        };
        int detected = 0;
        for (const QStringList &command : commands) {
            const Run run = orchestrator(db, command, 30000);
            const QString what = command.join(QLatin1Char(' ')) + QStringLiteral(": exit ") + QString::number(run.exitCode)
                    + QLatin1Char('\n') + run.err.left(600);
            QVERIFY2(run.exitCode != -1, qPrintable(what));                       // no crash, no hang
            if (command.first() == QLatin1String("worker"))
                QVERIFY2(run.exitCode == 5, qPrintable(what));
            if (run.exitCode != 0) {
                ++detected;
                QVERIFY2(run.exitCode == 5, qPrintable(what));
                QVERIFY2(run.err.contains(db), qPrintable(what));
                QVERIFY2(run.err.contains(QStringLiteral("damaged")), qPrintable(what));
                QVERIFY2(run.err.contains(QStringLiteral(".recover")), qPrintable(what));
            }
            const bool writer = command.first() == QLatin1String("submit");
            if (writer && run.exitCode == 0) {
                QVERIFY2(QFileInfo(db).size() >= sizeBefore, qPrintable(what));   // never replaced by a new, empty file
                continue;
            }
            QCOMPARE(QFileInfo(db).size(), sizeBefore);
            QVERIFY2(sha256(db) == before, qPrintable(QStringLiteral("the file changed after: ") + what));
        }
        // A reader meets the damage only on the pages it reads; an engine
        // checks the whole file before its first write and refuses it.
        QVERIFY2(detected >= 1, qPrintable(QString::number(detected)));
    }

    // The disk fills up: a submission fails as a whole with a clear error,
    // the database stays consistent and keeps what it had; with space again
    // everything works.
    void diskFull()
    {
        const QString dir = path(QStringLiteral("full"));
        SmallDisk disk(dir, "2m");
        if (!disk.mounted())
            QSKIP(qPrintable(QStringLiteral("cannot mount a tmpfs (needs root): ") + disk.why()));
        const QString db = dir + QStringLiteral("/state.db");
        QCOMPARE(orchestrator(db, {QStringLiteral("submit"), jobFile(job(QStringLiteral("before"), {}))}).exitCode, 0);
        const QString batch = path(QStringLiteral("full-batch"));
        for (int i = 0; i < 200; ++i)
            writeJson(batch + QStringLiteral("/b%1.json").arg(i),
                      job(QStringLiteral("big-%1").arg(i), {}, QStringLiteral("x").repeated(20000)));

        QVERIFY(fillDisk(dir + QStringLiteral("/filler")) > 0);
        const Run submit = orchestrator(db, {QStringLiteral("submit"), batch});
        QCOMPARE(submit.exitCode, 5);
        QVERIFY2(submit.err.startsWith(QStringLiteral("orchestrator submit: ") + db), qPrintable(submit.err));
        QVERIFY2(submit.err.contains(QStringLiteral("disk is full")) || submit.err.contains(QStringLiteral("disk may be full")),
                 qPrintable(submit.err));

        // run-job with no room for its log or its state: a clear error, no crash.
        const Run runJob = orchestrator(db, {QStringLiteral("run-job"), QStringLiteral("--job-file"),
                                             jobFile(job(QStringLiteral("no-room"), {QStringLiteral("--print"), QStringLiteral("hi")}))});
        QVERIFY2(runJob.exitCode == 5, qPrintable(runJob.err + runJob.out));
        QVERIFY2(runJob.err.contains(db), qPrintable(runJob.err));

        QVERIFY(QFile::remove(dir + QStringLiteral("/filler")));
        {
            Connection check(db);
            QCOMPARE(check.value(QStringLiteral("PRAGMA integrity_check")), QStringLiteral("ok"));
            QCOMPARE(check.value(QStringLiteral("SELECT group_concat(job_id) FROM jobs")), QStringLiteral("before"));
        }
        // With space again the same submission goes through whole (a smaller
        // batch: the tmpfs holds 2 MB).
        const Run again = orchestrator(db, {QStringLiteral("submit"), jobFile(job(QStringLiteral("after"), {}))});
        QVERIFY2(again.exitCode == 0, qPrintable(again.err));
        Connection check(db);
        QCOMPARE(check.value(QStringLiteral("SELECT count(*) FROM jobs")), QStringLiteral("2"));
    }

    // A path where the database cannot even be created.
    // Another program deletes the WAL and -shm under a working engine (as the
    // command line used to after a dialog dropped the locks): it notices,
    // says so once, reopens, and every job still ends succeeded, each once.
    void engineSurvivesDeletedWal()
    {
        const QString db = path(QStringLiteral("walgone/state.db"));
        const QString jobs = path(QStringLiteral("walgone/jobs"));
        for (int i = 1; i <= 8; ++i)
            writeJson(jobs + QStringLiteral("/j%1.json").arg(i),
                      job(QStringLiteral("walgone-%1").arg(i), {QStringLiteral("--sleep"), QStringLiteral("300")}));
        // Submitted by a process that has closed: in the database file itself.
        QCOMPARE(orchestrator(db, {QStringLiteral("submit"), jobs}).exitCode, 0);
        QProcess process;
        process.setProcessEnvironment(cliEnvironment());
        process.start(cliPath(), {QStringLiteral("--db"), db, QStringLiteral("worker"), QStringLiteral("--workers"), QStringLiteral("2")});
        QVERIFY(process.waitForStarted());
        QTRY_VERIFY_WITH_TIMEOUT(QFileInfo(db + QStringLiteral("-wal")).size() > 0, 10000);
        QTest::qWait(400);
        QVERIFY(QFile::remove(db + QStringLiteral("-wal")));
        QVERIFY(QFile::remove(db + QStringLiteral("-shm")));
        auto succeeded = [&] {
            return orchestrator(db, {QStringLiteral("list"), QStringLiteral("--json")}).out.count(QStringLiteral("\"state\": \"succeeded\""));
        };
        QTRY_COMPARE_WITH_TIMEOUT(succeeded(), 8, 60000);
        process.terminate();
        QVERIFY(process.waitForFinished(30000));
        const QString err = QString::fromUtf8(process.readAllStandardError());
        QVERIFY2(process.exitCode() == 0, qPrintable(err));
        QCOMPARE(err.count(QStringLiteral("write-ahead log was deleted")), 1);
        Connection check(db);
        QCOMPARE(check.value(QStringLiteral("PRAGMA integrity_check")), QStringLiteral("ok"));
        // What the lost WAL held was done again, and is recorded once.
        QCOMPARE(check.value(QStringLiteral("SELECT count(*) FROM step_attempts WHERE status = 'succeeded'")), QStringLiteral("8"));
        QCOMPARE(check.value(QStringLiteral("SELECT count(*) FROM jobs WHERE state <> 'succeeded'")), QStringLiteral("0"));
    }

    void uncreatableDatabase()
    {
        const QString blocker = writeFile(path(QStringLiteral("blocker")), "a file, not a directory");
        const QString db = blocker + QStringLiteral("/sub/state.db");
        const Run run = orchestrator(db, {QStringLiteral("submit"), jobFile(job(QStringLiteral("nowhere"), {}))});
        QCOMPARE(run.exitCode, 5);
        QVERIFY2(run.err.contains(blocker), qPrintable(run.err));
        QCOMPARE(readFile(blocker), QByteArray("a file, not a directory"));
    }
};

QTEST_GUILESS_MAIN(TestFaults)
#include "tst_faults.moc"
