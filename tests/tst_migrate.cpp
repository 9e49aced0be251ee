// `orchestrator migrate --from FILE --to postgresql://...`: an SQLite database
// with a finished run is copied to PostgreSQL, where `status` and `list` show
// the same jobs and attempts; a target that already holds jobs is refused and
// left as it was; the source is never changed; errors name the file or URL.

#include <QCryptographicHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

#include "pgsupport.h"
#include "testsupport.h"

using namespace TestSupport;

namespace {

QByteArray sha256(const QString &path)
{
    return QCryptographicHash::hash(readFile(path), QCryptographicHash::Sha256);
}

} // namespace

class TestMigrate final : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    PgCluster m_pg;
    bool m_haveServer = false;
    QString m_source;

    CliRun cli(const QStringList &args) { return runCli(args, m_dir.path()); }

    QJsonDocument json(const QString &db, const QStringList &args)
    {
        const CliRun run = cli(QStringList{QStringLiteral("--db"), db} + args + QStringList{QStringLiteral("--json")});
        if (run.exitCode != 0)
            qWarning("%s", run.err.constData());
        return QJsonDocument::fromJson(run.out);
    }

    QString writeJob(const QString &id, const QJsonObject &extra)
    {
        QJsonObject job{{QStringLiteral("job_id"), id},
                        {QStringLiteral("workstream_id"), QStringLiteral("ws-migrate")},
                        {QStringLiteral("tool"), QStringLiteral("shell")}};
        for (auto it = extra.begin(); it != extra.end(); ++it)
            job.insert(it.key(), it.value());
        return writeJson(m_dir.filePath(QStringLiteral("jobs/%1.json").arg(id)), job);
    }

    QJsonObject helper(const QStringList &args)
    {
        return QJsonObject{{QStringLiteral("exe"), testHelper()}, {QStringLiteral("args"), QJsonArray::fromStringList(args)}};
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        const int started = m_pg.start();
        m_haveServer = started == 0;
        if (started != 0 && started != 77)
            QFAIL(qPrintable(QStringLiteral("pgcluster.sh start failed: ") + QString::fromUtf8(m_pg.output())));

        // A finished run on SQLite: a flaky job that needed two attempts, one
        // that depends on it, and one that failed for good.
        m_source = m_dir.filePath(QStringLiteral("history/state.db"));
        const QString counter = m_dir.filePath(QStringLiteral("flaky.count"));
        const QStringList files{
            writeJob(QStringLiteral("mig-flaky"),
                     {{QStringLiteral("command"), helper({QStringLiteral("--fail-until"), counter, QStringLiteral("2"),
                                                          QStringLiteral("--print"), QStringLiteral("flaky done")})},
                      {QStringLiteral("metadata"), QJsonObject{{QStringLiteral("retry_policy"),
                                                                QJsonObject{{QStringLiteral("max_attempts"), 3},
                                                                            {QStringLiteral("backoff_seconds"), 0}}}}}}),
            writeJob(QStringLiteral("mig-after"), {{QStringLiteral("command"), helper({QStringLiteral("--print"), QStringLiteral("after")})},
                                                   {QStringLiteral("dependencies"), QJsonArray{QStringLiteral("mig-flaky")}}}),
            writeJob(QStringLiteral("mig-broken"), {{QStringLiteral("command"), helper({QStringLiteral("--exit"), QStringLiteral("3")})}}),
        };
        const CliRun run = cli(QStringList{QStringLiteral("--db"), m_source, QStringLiteral("run"), QStringLiteral("--run-id"),
                                           QStringLiteral("history")}
                               + files);
        QVERIFY2(run.exitCode == 1, run.err.constData());   // one job failed
    }

    void copiesHistory()
    {
        if (!m_haveServer)
            QSKIP("no PostgreSQL server binaries (pgcluster.sh exited 77); install postgresql-15");
        const QString target = m_pg.createDatabase(QStringLiteral("migrated"));
        const QByteArray before = sha256(m_source);

        const CliRun migrated = cli({QStringLiteral("migrate"), QStringLiteral("--from"), m_source, QStringLiteral("--to"), target});
        QVERIFY2(migrated.exitCode == 0, migrated.err.constData());
        QVERIFY2(migrated.out.contains("jobs"), migrated.out.constData());
        QVERIFY2(migrated.out.contains("step_attempts"), migrated.out.constData());
        qInfo("%s", migrated.out.trimmed().constData());
        // The source is read only.
        QCOMPARE(sha256(m_source), before);

        // The same jobs, states and attempts, through the ordinary commands.
        for (const char *id : {"mig-flaky", "mig-after", "mig-broken"}) {
            const QStringList args{QStringLiteral("status"), QStringLiteral("--job-id"), QLatin1String(id)};
            const QJsonDocument fromSqlite = json(m_source, args);
            const QJsonDocument fromPostgres = json(target, args);
            QVERIFY(fromSqlite.isObject());
            QCOMPARE(fromPostgres, fromSqlite);
        }
        const QJsonObject flaky = json(target, {QStringLiteral("status"), QStringLiteral("--job-id"), QStringLiteral("mig-flaky")}).object();
        QVERIFY2(QJsonDocument(flaky).toJson().contains("succeeded"), QJsonDocument(flaky).toJson().constData());
        QCOMPARE(json(target, {QStringLiteral("list")}), json(m_source, {QStringLiteral("list")}));
        QCOMPARE(json(target, {QStringLiteral("list"), QStringLiteral("--runs")}), json(m_source, {QStringLiteral("list"), QStringLiteral("--runs")}));

        // New work continues on the target after the copied ids.
        const QString next = writeJob(QStringLiteral("mig-next"), {{QStringLiteral("command"), helper({QStringLiteral("--print"), QStringLiteral("next")})}});
        const CliRun submitted = cli({QStringLiteral("--db"), target, QStringLiteral("submit"), next});
        QVERIFY2(submitted.exitCode == 0, submitted.err.constData());
        const CliRun listed = cli({QStringLiteral("--db"), target, QStringLiteral("list")});
        QVERIFY(listed.out.contains("mig-next"));
    }

    void refusesATargetWithJobs()
    {
        if (!m_haveServer)
            QSKIP("no PostgreSQL server binaries (pgcluster.sh exited 77); install postgresql-15");
        const QString target = m_pg.createDatabase(QStringLiteral("occupied"));
        const QString job = writeJob(QStringLiteral("already-there"), {{QStringLiteral("command"), helper({QStringLiteral("--print"), QStringLiteral("x")})}});
        QCOMPARE(cli({QStringLiteral("--db"), target, QStringLiteral("submit"), job}).exitCode, 0);

        const CliRun refused = cli({QStringLiteral("migrate"), QStringLiteral("--from"), m_source, QStringLiteral("--to"), target});
        QCOMPARE(refused.exitCode, 6);   // conflict
        QVERIFY2(refused.err.contains(target.toUtf8()), refused.err.constData());
        QVERIFY2(refused.err.contains("empty"), refused.err.constData());
        // Nothing was added.
        const QJsonDocument list = json(target, {QStringLiteral("list")});
        QVERIFY2(!list.toJson().contains("mig-flaky"), list.toJson().constData());
        QVERIFY(list.toJson().contains("already-there"));
    }

    void clearErrors_data()
    {
        QTest::addColumn<QStringList>("args");
        QTest::addColumn<int>("exitCode");
        QTest::addColumn<QString>("mentions");
        const QString missing = QDir::tempPath() + QStringLiteral("/no-such-orchestrator.db");
        QTest::newRow("missing source") << QStringList{QStringLiteral("--from"), missing, QStringLiteral("--to"),
                                                       QStringLiteral("postgresql://postgres@127.0.0.1:1/none")}
                                        << 4 << missing;
        QTest::newRow("not a URL") << QStringList{QStringLiteral("--from"), QStringLiteral("a.db"), QStringLiteral("--to"), QStringLiteral("b.db")}
                                   << 2 << QStringLiteral("b.db");
        QTest::newRow("no --to") << QStringList{QStringLiteral("--from"), QStringLiteral("a.db")} << 2 << QStringLiteral("--to");
    }

    void clearErrors()
    {
        QFETCH(QStringList, args);
        QFETCH(int, exitCode);
        QFETCH(QString, mentions);
        const CliRun run = cli(QStringList{QStringLiteral("migrate")} + args);
        QCOMPARE(run.exitCode, exitCode);
        QVERIFY2(run.err.contains(mentions.toUtf8()), run.err.constData());
    }

    void notOurFile()
    {
        const QString foreign = writeFile(m_dir.filePath(QStringLiteral("foreign.db")), "just text, not a database\n");
        const CliRun run = cli({QStringLiteral("migrate"), QStringLiteral("--from"), foreign, QStringLiteral("--to"),
                                QStringLiteral("postgresql://postgres@127.0.0.1:1/none")});
        QCOMPARE(run.exitCode, 5);
        QVERIFY2(run.err.contains(foreign.toUtf8()), run.err.constData());
    }

    void unreachableTargetNamesTheUrl()
    {
        const QString url = QStringLiteral("postgresql://postgres@127.0.0.1:1/none");
        const CliRun run = cli({QStringLiteral("migrate"), QStringLiteral("--from"), m_source, QStringLiteral("--to"), url});
        QCOMPARE(run.exitCode, 5);
        QVERIFY2(run.err.contains(url.toUtf8()), run.err.constData());
    }
};

QTEST_GUILESS_MAIN(TestMigrate)
#include "tst_migrate.moc"
