// One dashboard per database: real `orchestrator gui` processes under the
// offscreen platform on a temporary database. A second dashboard hands its
// files to the first and exits; the lock of a dashboard killed with SIGKILL
// does not stop the next one.

#include <QElapsedTimer>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonObject>
#include <QLocalSocket>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

#include <memory>

#include "app/singleinstance.h"
#include "testsupport.h"

using namespace TestSupport;
using Orchestrator::Ui::SingleInstance;

namespace {

struct Run
{
    int exitCode = -1; // -1: crashed or timed out
    QString out;
    QString err;
    qint64 elapsedMs = 0;
};

QJsonObject helperJob(const QString &id)
{
    return QJsonObject{{QStringLiteral("job_id"), id},
                       {QStringLiteral("workstream_id"), QStringLiteral("ws-single")},
                       {QStringLiteral("tool"), QStringLiteral("shell")},
                       {QStringLiteral("command"), QJsonObject{{QStringLiteral("exe"), testHelper()},
                                                               {QStringLiteral("args"), QJsonArray{QStringLiteral("--exit"), QStringLiteral("0")}}}}};
}

} // namespace

class TestSingleInstance final : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<QTemporaryDir> m_dir;
    QString m_db;
    QList<QProcess *> m_dashboards;

    QString path(const QString &relative) const { return m_dir->filePath(relative); }

    QProcessEnvironment environment() const
    {
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.remove(QStringLiteral("ORCHESTRATOR_DB"));
        env.remove(QStringLiteral("PIPELINE_DB_PATH"));
        env.insert(QStringLiteral("ORCHESTRATOR_TOOLS_FILE"), QStringLiteral("/nonexistent/tools.json"));
        env.insert(QStringLiteral("QT_QPA_PLATFORM"), QStringLiteral("offscreen"));
        // The user's dashboard settings (database, theme) stay out of it.
        env.insert(QStringLiteral("XDG_CONFIG_HOME"), path(QStringLiteral("config")));
        return env;
    }

    QProcess *startDashboard(const QStringList &args = {})
    {
        auto *process = new QProcess(this);
        process->setProcessEnvironment(environment());
        process->setWorkingDirectory(m_dir->path());
        process->start(cliPath(), QStringList{QStringLiteral("--db"), m_db, QStringLiteral("gui"), QStringLiteral("--paused")} + args);
        m_dashboards.append(process);
        return process;
    }

    // The dashboard holds the lock and answers on its socket.
    bool isListening() const
    {
        QLocalSocket socket;
        socket.connectToServer(SingleInstance::serverName(m_db));
        return socket.waitForConnected(200);
    }

    Run orchestrator(const QStringList &args, int timeoutMs = 30000)
    {
        QProcess process;
        process.setProcessEnvironment(environment());
        process.setWorkingDirectory(m_dir->path());
        QElapsedTimer clock;
        clock.start();
        process.start(cliPath(), QStringList{QStringLiteral("--db"), m_db} + args);
        if (!process.waitForFinished(timeoutMs))
            process.kill();
        process.waitForFinished();
        return Run{process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1,
                   QString::fromUtf8(process.readAllStandardOutput()), QString::fromUtf8(process.readAllStandardError()),
                   clock.elapsed()};
    }

    bool listed(const QString &jobId) { return orchestrator({QStringLiteral("list")}).out.contains(jobId); }

private Q_SLOTS:
    void init()
    {
        m_dir = std::make_unique<QTemporaryDir>();
        QVERIFY(m_dir->isValid());
        m_db = path(QStringLiteral("state/orchestrator.db"));
        writeJson(path(QStringLiteral("jobs/first.json")), helperJob(QStringLiteral("job-first")));
        writeJson(path(QStringLiteral("jobs/second.json")), helperJob(QStringLiteral("job-second")));
        writeJson(path(QStringLiteral("jobs/third.json")), helperJob(QStringLiteral("job-third")));
    }

    void cleanup()
    {
        for (QProcess *process : std::as_const(m_dashboards)) {
            if (process->state() != QProcess::NotRunning) {
                process->terminate();
                if (!process->waitForFinished(5000)) {
                    process->kill();
                    process->waitForFinished();
                }
            }
            delete process;
        }
        m_dashboards.clear();
        m_dir.reset();
    }

    void secondDashboardForwardsItsFilesAndExits()
    {
        QProcess *first = startDashboard({QStringLiteral("jobs/first.json")});
        QVERIFY(first->waitForStarted());
        QTRY_VERIFY_WITH_TIMEOUT(isListening(), 20000);
        QTRY_VERIFY_WITH_TIMEOUT(listed(QStringLiteral("job-first")), 20000);

        // A relative path: the first dashboard runs in another directory.
        const Run second = orchestrator({QStringLiteral("gui"), QStringLiteral("jobs/second.json")});
        QVERIFY2(second.exitCode == 0, qPrintable(second.err + second.out));
        QVERIFY2(second.err.contains(QStringLiteral("already runs")), qPrintable(second.err));
        QVERIFY2(second.elapsedMs < 10000, qPrintable(QString::number(second.elapsedMs)));
        qInfo("second dashboard handed over its file and exited in %lld ms", second.elapsedMs);
        QTRY_VERIFY_WITH_TIMEOUT(listed(QStringLiteral("job-second")), 20000);

        // Without files it only brings the first one forward.
        const Run third = orchestrator({QStringLiteral("gui")});
        QVERIFY2(third.exitCode == 0, qPrintable(third.err));
        QCOMPARE(first->state(), QProcess::Running);
    }

    void dashboardsOnOtherDatabasesRunSideBySide()
    {
        QProcess *first = startDashboard();
        QVERIFY(first->waitForStarted());
        QTRY_VERIFY_WITH_TIMEOUT(isListening(), 20000);
        const QString firstDb = m_db;
        m_db = path(QStringLiteral("other/orchestrator.db"));
        QVERIFY(SingleInstance::serverName(m_db) != SingleInstance::serverName(firstDb));
        QProcess *other = startDashboard({QStringLiteral("jobs/third.json")});
        QTRY_VERIFY_WITH_TIMEOUT(listed(QStringLiteral("job-third")), 20000);
        QCOMPARE(other->state(), QProcess::Running);
        QCOMPARE(first->state(), QProcess::Running);
    }

    void staleLockOfKilledDashboardDoesNotBlock()
    {
        QProcess *first = startDashboard();
        QVERIFY(first->waitForStarted());
        QTRY_VERIFY_WITH_TIMEOUT(isListening(), 20000);
        first->kill(); // SIGKILL: the lock file and the socket file stay behind
        QVERIFY(first->waitForFinished());
        QVERIFY(QFileInfo::exists(SingleInstance::lockFilePath(m_db)));

        QProcess *next = startDashboard({QStringLiteral("jobs/first.json")});
        QTRY_VERIFY_WITH_TIMEOUT(listed(QStringLiteral("job-first")), 20000);
        QCOMPARE(next->state(), QProcess::Running);

        // It took over the socket too: a later dashboard reaches it.
        const Run later = orchestrator({QStringLiteral("gui"), path(QStringLiteral("jobs/second.json"))});
        QVERIFY2(later.exitCode == 0, qPrintable(later.err + later.out));
        QTRY_VERIFY_WITH_TIMEOUT(listed(QStringLiteral("job-second")), 20000);
        QCOMPARE(next->state(), QProcess::Running);
    }
};

QTEST_GUILESS_MAIN(TestSingleInstance)
#include "tst_singleinstance.moc"
