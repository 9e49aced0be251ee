// After kill -9: the dashboard started again finds the jobs the dead engine
// had claimed, says once how many it started again, and counts their
// attempts by the same rule as the command line: numbers as they started, of
// the highest number the budget allows, the interrupted one not counted.

#include <csignal>

#include <QJsonArray>
#include <QJsonObject>
#include <QLabel>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>
#include <QTextBrowser>

#include "models/jobtablemodel.h"
#include "testsupport.h"
#include "widgetsupport.h"
#include "views/mainwindow.h"

using namespace Orchestrator;
using namespace Orchestrator::Ui;
using namespace TestSupport;
using namespace WidgetSupport;

class TestDashboardRecovery final : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;

    QString hangingFirstTime(const QString &id)
    {
        const QString marker = m_dir.filePath(id + QStringLiteral(".first"));
        const QString pidFile = m_dir.filePath(id + QStringLiteral(".pid"));
        return writeJson(m_dir.filePath(id + QStringLiteral(".json")),
                         QJsonObject{{QStringLiteral("job_id"), id},
                                     {QStringLiteral("tool"), QStringLiteral("shell")},
                                     {QStringLiteral("command"),
                                      QJsonObject{{QStringLiteral("exe"), testHelper()},
                                                  {QStringLiteral("args"),
                                                   QJsonArray{QStringLiteral("--pidfile"), pidFile, QStringLiteral("--sleep-first"),
                                                              marker, QStringLiteral("60000")}}}}});
    }


private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        TestSupport::isolateDashboardSettings(m_dir);
    }

    void restartedJobsAnnouncedAndCountedOnce()
    {
        const QString db = m_dir.filePath(QStringLiteral("state.db"));
        QStringList files;
        for (const QString &id : {QStringLiteral("crash-a"), QStringLiteral("crash-b")})
            files.append(hangingFirstTime(id));
        QCOMPARE(runCli(QStringList{QStringLiteral("--db"), db, QStringLiteral("submit")} + files, m_dir.path()).exitCode, 0);

        // An engine (another dashboard, a worker) dies with both running.
        QProcess worker;
        worker.setProcessEnvironment(cliEnvironment());
        worker.start(cliPath(), {QStringLiteral("--db"), db, QStringLiteral("worker"), QStringLiteral("--workers"), QStringLiteral("2")});
        QVERIFY(worker.waitForStarted());
        QTRY_VERIFY_WITH_TIMEOUT(QFileInfo::exists(m_dir.filePath(QStringLiteral("crash-a.pid")))
                                     && QFileInfo::exists(m_dir.filePath(QStringLiteral("crash-b.pid"))),
                                 15000);
        ::kill(pid_t(worker.processId()), SIGKILL);
        QVERIFY(worker.waitForFinished(10000));

        DashboardOptions options;
        options.databasePath = db;
        options.workers = 2;
        MainWindow window(options);
        window.show();
        auto state = [&window](const QString &id) {
            const int row = window.jobsModel()->rowOf(id);
            return row < 0 ? QString() : toString(window.jobsModel()->job(row).state);
        };
        QTRY_COMPARE_WITH_TIMEOUT(state(QStringLiteral("crash-a")), QStringLiteral("succeeded"), 20000);
        QTRY_COMPARE_WITH_TIMEOUT(state(QStringLiteral("crash-b")), QStringLiteral("succeeded"), 20000);
        QTRY_VERIFY2_WITH_TIMEOUT(visibleLabels(window).contains(QStringLiteral("2 job(s) interrupted by the crash were started again")),
                                  qPrintable(visibleLabels(window)), 10000);

        // The table and the retry panel agree with `status`.
        JobTableModel *model = window.jobsModel();
        const int row = model->rowOf(QStringLiteral("crash-a"));
        QCOMPARE(model->index(row, JobTableModel::AttemptColumn).data().toString(), QStringLiteral("2/2"));
        window.selectJob(QStringLiteral("crash-a"));
        auto panelSays = [&window](const QString &text) {
            for (QTextBrowser *browser : window.findChildren<QTextBrowser *>()) {
                if (browser->toPlainText().contains(text))
                    return true;
            }
            return false;
        };
        QTRY_VERIFY_WITH_TIMEOUT(panelSays(QStringLiteral("Attempt 2 of 2")), 5000);
        QVERIFY(panelSays(QStringLiteral("interrupted (not counted)")));
        const CliRun status = runCli({QStringLiteral("--db"), db, QStringLiteral("status"), QStringLiteral("--job-id"), QStringLiteral("crash-a")},
                                     m_dir.path());
        QVERIFY2(status.out.contains("attempts:    2 of 2 (1 interrupted, not counted)"), status.out.constData());
    }
};

QTEST_MAIN(TestDashboardRecovery)
#include "tst_dashboardrecovery.moc"
