// What the orchestrator writes is its user's alone (data directory 0700,
// database, WAL, shared memory, logs and error reports 0600); secret-looking
// environment values never reach a log or an error report, while the tool
// still gets them; a job file cannot put its log or error report outside its
// repository or the data directory unless that is allowed explicitly.

#include <sys/stat.h>

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

#include "execution/attemptrunner.h"
#include "execution/logfile.h"
#include "spec/jobspec.h"
#include "store/database.h"
#include "store/jobstore.h"
#include "submit/submission.h"
#include "tools/toolregistry.h"
#include "testsupport.h"

using namespace Orchestrator;
using namespace TestSupport;

namespace {

int modeOf(const QString &path)
{
    struct stat info {};
    if (::stat(QFile::encodeName(path).constData(), &info) != 0)
        return -1;
    return int(info.st_mode & 07777);
}

QString octal(int mode) { return QStringLiteral("0%1").arg(mode, 3, 8, QLatin1Char('0')); }

} // namespace

class TestSecurity final : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    int m_counter = 0;

    QString path(const QString &name) const { return m_dir.filePath(name); }

    AttemptPlan plan(const QStringList &args, const QMap<QString, QString> &env)
    {
        ++m_counter;
        AttemptPlan p;
        p.jobId = QStringLiteral("secret-%1").arg(m_counter);
        p.runId = QStringLiteral("run");
        p.tool = QStringLiteral("shell");
        p.program = testHelper();
        p.arguments = args;
        p.env = env;
        p.workingDir = m_dir.path();
        p.logFile = path(QStringLiteral("attempt-logs-%1/new/%2.log").arg(m_counter).arg(p.jobId));
        p.errorReport = path(QStringLiteral("attempt-logs-%1/new/%2.error.json").arg(m_counter).arg(p.jobId));
        p.owner = QStringLiteral("test:1:0");
        return p;
    }

    static AttemptResult run(const AttemptPlan &p)
    {
        AttemptControl control;
        return AttemptRunner::execute(p, control);
    }

private Q_SLOTS:
    void initTestCase() { QVERIFY(m_dir.isValid()); }

    void databaseFilesArePrivate()
    {
        const QString dataDir = path(QStringLiteral("fresh/data"));
        const QString db = dataDir + QStringLiteral("/orchestrator.db");
        {
            auto opened = Database::open(db);
            QVERIFY2(opened.ok(), qPrintable(opened.error().message));
            JobStore store(opened->connection());
            QVERIFY(store.begin().ok());
            QVERIFY(store.setSetting(QStringLiteral("x"), QStringLiteral("1")).ok());
            QVERIFY(store.commit().ok());
            QCOMPARE(octal(modeOf(path(QStringLiteral("fresh")))), octal(0700));   // created by us: both levels
            QCOMPARE(octal(modeOf(dataDir)), octal(0700));
            for (const char *suffix : {"", "-wal", "-shm"}) {
                const QString file = db + QLatin1String(suffix);
                QVERIFY2(QFile::exists(file), qPrintable(file));
                QCOMPARE(octal(modeOf(file)), octal(0600));
            }
        }
        // A directory that exists already (the user's) is left as it is; an
        // existing database of ours is made private.
        const QString shared = path(QStringLiteral("shared"));
        QVERIFY(QDir().mkpath(shared));
        QVERIFY(::chmod(QFile::encodeName(shared).constData(), 0755) == 0);
        const QString old = shared + QStringLiteral("/old.db");
        {
            auto opened = Database::open(old);
            QVERIFY(opened.ok());
        }
        QVERIFY(::chmod(QFile::encodeName(old).constData(), 0644) == 0);
        auto reopened = Database::open(old);
        QVERIFY(reopened.ok());
        QCOMPARE(octal(modeOf(shared)), octal(0755));
        QCOMPARE(octal(modeOf(old)), octal(0600));
    }

    void logAndErrorReportArePrivate()
    {
        const AttemptPlan p = plan({QStringLiteral("--print"), QStringLiteral("hello"), QStringLiteral("--exit"), QStringLiteral("3")}, {});
        const AttemptResult result = run(p);
        QCOMPARE(toString(result.outcome), toString(Outcome::Failed));
        QCOMPARE(result.errorReport, p.errorReport);
        QCOMPARE(octal(modeOf(p.logFile)), octal(0600));
        QCOMPARE(octal(modeOf(p.errorReport)), octal(0600));
        QCOMPARE(octal(modeOf(QFileInfo(p.logFile).absolutePath())), octal(0700));
        QVERIFY(readFile(p.logFile).contains("hello"));
    }

    void maskerAtEverySplit_data()
    {
        QTest::addColumn<QByteArray>("input");
        QTest::newRow("one secret") << QByteArray("token=abcd1234efgh; done\n");
        QTest::newRow("two secrets, adjacent") << QByteArray("abcd1234efghpa55w0rd-xyz\n");
        QTest::newRow("prefix of a secret, not the secret") << QByteArray("abcd1234 abcd1234efg!\n");
        QTest::newRow("secret at the very end") << QByteArray("x pa55w0rd-xyz");
    }

    // The stream cut at every offset (two chunks) gives what one chunk gives.
    void maskerAtEverySplit()
    {
        QFETCH(QByteArray, input);
        const QList<QByteArray> secrets{QByteArrayLiteral("abcd1234efgh"), QByteArrayLiteral("pa55w0rd-xyz")};
        // One call per statement: the order of the calls matters.
        SecretMasker whole(secrets);
        QByteArray expected = whole.feed(input);
        expected += whole.finish();
        QVERIFY(!expected.contains("abcd1234efgh") && !expected.contains("pa55w0rd-xyz"));
        for (qsizetype cut = 0; cut <= input.size(); ++cut) {
            SecretMasker split(secrets);
            QByteArray out = split.feed(input.left(cut));
            out += split.feed(input.mid(cut));
            out += split.finish();
            QCOMPARE(out, expected);
        }
        SecretMasker bytewise(secrets);
        QByteArray out;
        for (char c : input)
            out += bytewise.feed(QByteArray(1, c));
        out += bytewise.finish();
        QCOMPARE(out, expected);
    }

    void secretsMaskedInLogAndErrorReport_data()
    {
        QTest::addColumn<QString>("name");
        QTest::addColumn<bool>("inherited");
        QTest::addColumn<bool>("dribble");
        for (const char *name : {"OPENAI_API_KEY", "GITHUB_TOKEN", "client_secret", "DB_PASSWORD", "SMTP_PASS", "AUTH_HEADER"}) {
            QTest::addRow("%s from the job", name) << QString::fromLatin1(name) << false << false;
        }
        QTest::newRow("inherited from the engine") << QStringLiteral("ORCH_TEST_INHERITED_TOKEN") << true << false;
        QTest::newRow("printed one byte at a time") << QStringLiteral("SLOW_API_KEY") << false << true;
    }

    void secretsMaskedInLogAndErrorReport()
    {
        QFETCH(QString, name);
        QFETCH(bool, inherited);
        QFETCH(bool, dribble);
        const QString secret = QStringLiteral("s3cr3t-%1-value").arg(m_counter);
        const QString recorded = path(QStringLiteral("args-%1.json").arg(m_counter));
        QMap<QString, QString> env;
        if (inherited)
            qputenv(name.toLatin1().constData(), secret.toUtf8());
        else
            env.insert(name, secret);
        // Printed, echoed by the helper (NAME=value), and in the arguments.
        QStringList args{QStringLiteral("--env"), name, QStringLiteral("--print"), QStringLiteral("value is ") + secret};
        if (dribble)
            args += {QStringLiteral("--dribble"), secret, QStringLiteral("2")};
        args += {QStringLiteral("--record"), recorded, QStringLiteral("--exit"), QStringLiteral("1")};
        const AttemptPlan p = plan(args, env);
        const AttemptResult result = run(p);
        if (inherited)
            qunsetenv(name.toLatin1().constData());
        QCOMPARE(toString(result.outcome), toString(Outcome::Failed));
        const QByteArray log = readFile(p.logFile);
        const QByteArray report = readFile(p.errorReport);
        QVERIFY2(!log.contains(secret.toUtf8()), log.constData());
        QVERIFY2(!report.contains(secret.toUtf8()), report.constData());
        QVERIFY2(log.contains(QByteArray(name.toUtf8() + "=***")), log.constData());
        QVERIFY2(log.contains("value is ***"), log.constData());
        QVERIFY2(report.contains("value is ***"), report.constData());
        // The tool itself had the real value.
        QVERIFY(readFile(recorded).contains(secret.toUtf8()));
    }

    void toolGetsRealSecret()
    {
        const QString out = path(QStringLiteral("real-secret.txt"));
        AttemptPlan p = plan({}, {{QStringLiteral("MY_API_KEY"), QStringLiteral("real-secret-value")}});
        p.program = QStringLiteral("/bin/sh");
        p.arguments = {QStringLiteral("-c"), QStringLiteral("printf %s \"$MY_API_KEY\" > '%1'; echo \"$MY_API_KEY\"").arg(out)};
        QCOMPARE(toString(run(p).outcome), toString(Outcome::Succeeded));
        QCOMPARE(readFile(out), QByteArray("real-secret-value"));
        QVERIFY(!readFile(p.logFile).contains("real-secret-value"));
    }

    void shortValuesAreNotMasked()
    {
        const AttemptPlan p = plan({QStringLiteral("--print"), QStringLiteral("abc and more")}, {{QStringLiteral("SHORT_KEY"), QStringLiteral("abc")}});
        QCOMPARE(toString(run(p).outcome), toString(Outcome::Succeeded));
        QVERIFY(readFile(p.logFile).contains("abc and more"));
    }

    void pathContainment_data()
    {
        QTest::addColumn<QString>("field");
        QTest::addColumn<QString>("value");
        QTest::addColumn<bool>("allowInFile");
        QTest::addColumn<bool>("allowInOptions");
        QTest::addColumn<bool>("accepted");
        QTest::newRow("log inside repo") << "log_file" << "logs/job.log" << false << false << true;
        QTest::newRow("report inside the data directory") << "error_report" << "@data/reports/job.json" << false << false << true;
        QTest::newRow("log .. escape") << "log_file" << "../outside/job.log" << false << false << false;
        QTest::newRow("report .. escape deep") << "error_report" << "logs/../../../x.json" << false << false << false;
        QTest::newRow("log absolute outside") << "log_file" << "@outside/job.log" << false << false << false;
        QTest::newRow("log through a symlinked directory") << "log_file" << "linkdir/job.log" << false << false << false;
        QTest::newRow("log is a dangling symlink") << "log_file" << "dangling.log" << false << false << false;
        QTest::newRow("report is a symlink") << "error_report" << "linkfile.json" << false << false << false;
        QTest::newRow("outside, allowed in the file") << "log_file" << "../outside/job.log" << true << false << true;
        QTest::newRow("outside, allowed by the submitter") << "error_report" << "@outside/x.json" << false << true << true;
    }

    void pathContainment()
    {
        QFETCH(QString, field);
        QFETCH(QString, value);
        QFETCH(bool, allowInFile);
        QFETCH(bool, allowInOptions);
        QFETCH(bool, accepted);
        const QString base = path(QStringLiteral("contain-%1").arg(++m_counter));
        const QString repo = base + QStringLiteral("/repo");
        const QString data = base + QStringLiteral("/data");
        const QString outside = base + QStringLiteral("/outside");
        QVERIFY(QDir().mkpath(repo) && QDir().mkpath(data) && QDir().mkpath(outside));
        QVERIFY(QFile::link(outside, repo + QStringLiteral("/linkdir")));
        QVERIFY(QFile::link(outside + QStringLiteral("/not-yet.log"), repo + QStringLiteral("/dangling.log")));
        writeFile(outside + QStringLiteral("/target.json"), "{}");
        QVERIFY(QFile::link(outside + QStringLiteral("/target.json"), repo + QStringLiteral("/linkfile.json")));
        value.replace(QStringLiteral("@data"), data).replace(QStringLiteral("@outside"), outside);

        QJsonObject paths{{QStringLiteral("repo_root"), repo}, {field, value}};
        if (allowInFile)
            paths.insert(QStringLiteral("allow_outside"), true);
        const QJsonObject job{{QStringLiteral("job_id"), QStringLiteral("contained")},
                              {QStringLiteral("tool"), QStringLiteral("shell")},
                              {QStringLiteral("command"), QJsonObject{{QStringLiteral("exe"), testHelper()}}},
                              {QStringLiteral("paths"), paths}};
        const QString file = writeJson(base + QStringLiteral("/job.json"), job);

        qputenv("ORCHESTRATOR_TOOLS_FILE", "/nonexistent/tools.json");
        auto tools = ToolRegistry::load();
        QVERIFY(tools.ok());
        SubmitOptions options;
        options.workingDirectory = base;
        options.dataDirectory = data;
        options.allowOutsidePaths = allowInOptions;
        auto db = Database::open(QStringLiteral(":memory:"));
        QVERIFY(db.ok());
        JobStore store(db->connection());
        Submission submission(*tools, options);
        submission.addFile(file);
        const Status checked = submission.check(store);
        QCOMPARE(checked.ok(), accepted);
        if (!accepted) {
            const QString message = checked.error().message;
            QVERIFY2(message.contains(file + QStringLiteral(": /paths/") + field), qPrintable(message));
            QVERIFY2(message.contains(QStringLiteral("outside repo_root")), qPrintable(message));
            QVERIFY2(message.contains(QStringLiteral("allow_outside")), qPrintable(message));
            QCOMPARE(checked.error().code, ErrorCode::Validation);
        }
    }
};

QTEST_GUILESS_MAIN(TestSecurity)
#include "tst_security.moc"
