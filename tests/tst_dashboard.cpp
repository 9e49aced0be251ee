// The dashboard's main window under the offscreen platform, on a real
// database with a real embedded engine: jobs submitted by another process
// appear and run, selecting one shows its log and details, pause reaches
// every engine through the database.

#include <algorithm>

#include <QAction>
#include <QApplication>
#include <QComboBox>
#include <QDialog>
#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QJsonArray>
#include <QLineEdit>
#include <QMenu>
#include <QMenuBar>
#include <QSpinBox>
#include <QToolBar>
#include <QWidgetAction>
#include <QTreeView>
#include <QPushButton>
#include <QTimer>
#include <QJsonObject>
#include <QLabel>
#include <QPlainTextEdit>
#include <QProcess>
#include <QScopeGuard>
#include <QSettings>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>
#include <QTextBrowser>

#include "models/jobtablemodel.h"
#include "models/workstreammodel.h"
#include "scheduling/transitions.h"
#include "store/database.h"
#include "store/jobstore.h"
#include "storesupport.h"
#include "testsupport.h"
#include "views/logview.h"
#include "views/mainwindow.h"

using namespace Orchestrator;
using namespace Orchestrator::Ui;
using namespace TestSupport;

class TestDashboard final : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;

    static int cli(const QString &db, const QStringList &args) { return cliExit(db, args); }

    QString stateOf(MainWindow &window, const QString &jobId)
    {
        const int row = window.jobsModel()->rowOf(jobId);
        return row < 0 ? QString() : toString(window.jobsModel()->job(row).state);
    }

    // A job of run `runId` that runs the helper with `args`; `dependencies` may be empty.
    QString writeHelperJob(const QString &jobId, const QString &runId, const QStringList &args,
                           const QStringList &dependencies = {})
    {
        QJsonObject job{{QStringLiteral("job_id"), jobId},
                        {QStringLiteral("run_id"), runId},
                        {QStringLiteral("tool"), QStringLiteral("shell")},
                        {QStringLiteral("command"), QJsonObject{{QStringLiteral("exe"), testHelper()},
                                                                {QStringLiteral("args"), QJsonArray::fromStringList(args)}}}};
        if (!dependencies.isEmpty())
            job.insert(QStringLiteral("dependencies"), QJsonArray::fromStringList(dependencies));
        return writeJson(m_dir.filePath(jobId + QStringLiteral(".json")), job);
    }

    static QLabel *banner(MainWindow &window) { return window.findChild<QLabel *>(QStringLiteral("banner")); }

private Q_SLOTS:
    void initTestCase()
    {
        isolateDashboardSettings(m_dir);
    }

    void showsAndRunsJobsSubmittedElsewhere()
    {
        const QString db = m_dir.filePath(QStringLiteral("dash/state.db"));
        writeJson(m_dir.filePath(QStringLiteral("first.json")),
                  QJsonObject{{QStringLiteral("job_id"), QStringLiteral("first")},
                              {QStringLiteral("workstream_id"), QStringLiteral("ws-ui")},
                              {QStringLiteral("tool"), QStringLiteral("shell")},
                              {QStringLiteral("command"), QJsonObject{{QStringLiteral("exe"), testHelper()},
                                                                      {QStringLiteral("args"), QJsonArray{QStringLiteral("--print"), QStringLiteral("hello from first")}}}},
                              {QStringLiteral("env"), QJsonObject{{QStringLiteral("API_TOKEN"), QStringLiteral("s3cr3t")}}}});
        QCOMPARE(cli(db, {QStringLiteral("submit"), m_dir.filePath(QStringLiteral("first.json"))}), 0);

        DashboardOptions options;
        options.databasePath = db;
        options.workers = 2;
        MainWindow window(options);
        window.show();
        QTRY_COMPARE_WITH_TIMEOUT(stateOf(window, QStringLiteral("first")), QStringLiteral("succeeded"), 15000);

        // Submitted by another process while the window is open: appears and runs.
        writeJson(m_dir.filePath(QStringLiteral("second.json")),
                  QJsonObject{{QStringLiteral("job_id"), QStringLiteral("second")},
                              {QStringLiteral("tool"), QStringLiteral("shell")},
                              {QStringLiteral("command"), QJsonObject{{QStringLiteral("exe"), testHelper()},
                                                                      {QStringLiteral("args"), QJsonArray{QStringLiteral("--exit"), QStringLiteral("3")}}}}});
        QCOMPARE(cli(db, {QStringLiteral("submit"), m_dir.filePath(QStringLiteral("second.json"))}), 0);
        QTRY_COMPARE_WITH_TIMEOUT(stateOf(window, QStringLiteral("second")), QStringLiteral("failed"), 15000);
        QCOMPARE(window.jobsView()->model()->rowCount(), 2);

        // A job that failed for good is announced (no tray offscreen: the banner).
        auto banner = [&window] {
            const QList<QLabel *> labels = window.findChildren<QLabel *>();
            for (QLabel *label : labels) {
                if (label->isVisible() && label->text().contains(QStringLiteral("Job second failed")))
                    return true;
            }
            return false;
        };
        auto labels = [&window] {
            QStringList texts;
            for (QLabel *label : window.findChildren<QLabel *>())
                texts.append(QStringLiteral("%1:%2").arg(label->isVisible()).arg(label->text()));
            return texts.join(QStringLiteral(" | "));
        };
        QTRY_VERIFY2_WITH_TIMEOUT(banner(), qPrintable(labels()), 5000);

        // Selecting a job shows its log and its details, with secrets masked.
        window.selectJob(QStringLiteral("first"));
        auto *log = window.findChild<LogView *>();
        QVERIFY(log);
        QTRY_VERIFY_WITH_TIMEOUT(log->findChild<QPlainTextEdit *>()->toPlainText().contains(QStringLiteral("hello from first")), 5000);
        // The details come from the session's query, answered on an engine thread.
        auto panesSay = [&window](const QString &text) {
            const QList<QTextBrowser *> browsers = window.findChildren<QTextBrowser *>();
            return std::any_of(browsers.cbegin(), browsers.cend(),
                               [&text](const QTextBrowser *browser) { return browser->toPlainText().contains(text); });
        };
        QTRY_VERIFY_WITH_TIMEOUT(panesSay(QStringLiteral("API_TOKEN")), 5000);
        QTRY_VERIFY_WITH_TIMEOUT(panesSay(QStringLiteral("\"API_TOKEN\"")), 5000);   // the spec as submitted, masked too
        QVERIFY(!panesSay(QStringLiteral("s3cr3t")));
        window.close();
    }

    // The form's job is submitted without a file: run as `--db state.db`
    // from an empty directory, the dashboard adds nothing there but the
    // database and the logs of its jobs.
    void submitsThroughTheDialog()
    {
        const QString cwd = m_dir.filePath(QStringLiteral("dialog"));
        QVERIFY(QDir().mkpath(cwd));
        const QString before = QDir::currentPath();
        QVERIFY(QDir::setCurrent(cwd));
        const auto restore = qScopeGuard([&before] { QDir::setCurrent(before); });
        DashboardOptions options;
        options.databasePath = QStringLiteral("state.db");
        options.databaseGivenWithDb = true;
        MainWindow window(options);
        window.show();
        // The dialog is modal: fill it in once it is up, then submit.
        bool filled = false;
        QTimer::singleShot(300, &window, [&filled] {
            auto *dialog = qobject_cast<QDialog *>(QApplication::activeModalWidget());
            QVERIFY(dialog);
            dialog->findChild<QLineEdit *>(QStringLiteral("jobIdEdit"))->setText(QStringLiteral("from-dialog"));
            auto *tool = dialog->findChild<QComboBox *>(QStringLiteral("toolCombo"));
            tool->setCurrentIndex(tool->findText(QStringLiteral("shell")));
            dialog->findChild<QLineEdit *>(QStringLiteral("exeEdit"))->setText(testHelper());
            dialog->findChild<QLineEdit *>(QStringLiteral("argsEdit"))->setText(QStringLiteral("--print submitted-in-the-form"));
            auto *submit = dialog->findChild<QPushButton *>(QStringLiteral("submitButton"));
            QTRY_VERIFY_WITH_TIMEOUT(submit->isEnabled(), 5000);
            filled = true;
            submit->click();
        });
        QAction *submitAction = nullptr;
        for (QAction *action : window.findChildren<QAction *>()) {
            if (action->shortcut() == QKeySequence(QKeySequence::New))
                submitAction = action;
        }
        QVERIFY(submitAction);
        submitAction->trigger();   // returns when the dialog closed
        QVERIFY(filled);
        QTRY_COMPARE_WITH_TIMEOUT(stateOf(window, QStringLiteral("from-dialog")), QStringLiteral("succeeded"), 15000);
        window.close();
        // Only the database (with its journal files) and the job's log: no copy of the job.
        QStringList unasked;
        QDirIterator it(cwd, QDir::AllEntries | QDir::Hidden | QDir::System | QDir::NoDotAndDotDot, QDirIterator::Subdirectories);
        while (it.hasNext()) {
            const QString path = QDir(cwd).relativeFilePath(it.next());
            const bool database = path.startsWith(QLatin1String("state.db"));
            const bool log = path == QLatin1String("logs")
                || (path.startsWith(QLatin1String("logs/")) && (it.fileInfo().isDir() || path.endsWith(QLatin1String("/from-dialog.log"))));
            if (!database && !log)
                unasked.append(path);
        }
        QVERIFY2(unasked.isEmpty(), qPrintable(unasked.join(QStringLiteral(", "))));
        // The store keeps the job as submitted, from no file.
        Database database = StoreSupport::must(Database::open(QStringLiteral("state.db")));
        JobStore store(database.connection());
        const JobRecord job = StoreSupport::storedJob(store, QStringLiteral("from-dialog"));
        QVERIFY(job.sourceFile.isEmpty());
        QVERIFY(job.spec.contains("submitted-in-the-form"));
    }

    void startsPausedWhenAsked()
    {
        const QString db = m_dir.filePath(QStringLiteral("paused/state.db"));
        writeJson(m_dir.filePath(QStringLiteral("held.json")),
                  QJsonObject{{QStringLiteral("job_id"), QStringLiteral("held")},
                              {QStringLiteral("tool"), QStringLiteral("shell")},
                              {QStringLiteral("command"), QJsonObject{{QStringLiteral("exe"), QStringLiteral("true")}}}});
        QCOMPARE(cli(db, {QStringLiteral("submit"), m_dir.filePath(QStringLiteral("held.json"))}), 0);
        DashboardOptions options;
        options.databasePath = db;
        options.startPaused = true;
        MainWindow window(options);
        window.show();
        QTRY_COMPARE_WITH_TIMEOUT(stateOf(window, QStringLiteral("held")), QStringLiteral("queued"), 5000);
        QTest::qWait(600);
        QCOMPARE(stateOf(window, QStringLiteral("held")), QStringLiteral("queued"));
        // Resume from another process: the window's engine starts the job.
        QCOMPARE(cli(db, {QStringLiteral("resume")}), 0);
        QTRY_COMPARE_WITH_TIMEOUT(stateOf(window, QStringLiteral("held")), QStringLiteral("succeeded"), 10000);
        window.close();
    }

    void runOutcomeInWords_data()
    {
        QTest::addColumn<int>("succeeded");
        QTest::addColumn<int>("failed");
        QTest::addColumn<int>("cancelled");
        QTest::addColumn<QString>("text");
        QTest::newRow("one cancelled") << 0 << 0 << 1 << QStringLiteral("1 cancelled");
        QTest::newRow("all succeeded") << 2 << 0 << 0 << QStringLiteral("2 succeeded");
        QTest::newRow("mixed") << 3 << 1 << 1 << QStringLiteral("3 succeeded, 1 failed, 1 cancelled");
        QTest::newRow("failed and cancelled") << 0 << 2 << 1 << QStringLiteral("2 failed, 1 cancelled");
    }

    void runOutcomeInWords()
    {
        QFETCH(int, succeeded);
        QFETCH(int, failed);
        QFETCH(int, cancelled);
        QFETCH(QString, text);
        QCOMPARE(WorkstreamModel::outcomeText({succeeded, failed, cancelled}), text);
    }

    // Del on the only unfinished jobs of a run: the run is announced as
    // cancelled, in warning colours, not as a success.
    void cancellingARunSaysSo()
    {
        const QString db = m_dir.filePath(QStringLiteral("cancel/state.db"));
        const QString first = writeHelperJob(QStringLiteral("cancel-first"), QStringLiteral("run-cancel"), {QStringLiteral("--exit"), QStringLiteral("0")});
        const QString second = writeHelperJob(QStringLiteral("cancel-second"), QStringLiteral("run-cancel"), {QStringLiteral("--exit"), QStringLiteral("0")},
                                              {QStringLiteral("cancel-first")});
        QCOMPARE(cli(db, {QStringLiteral("submit"), first, second}), 0);
        DashboardOptions options;
        options.databasePath = db;
        options.startPaused = true;
        MainWindow window(options);
        window.show();
        QApplication::setActiveWindow(&window);
        QVERIFY(QTest::qWaitForWindowActive(&window));
        QTRY_COMPARE_WITH_TIMEOUT(stateOf(window, QStringLiteral("cancel-second")), QStringLiteral("waiting"), 5000);

        // The waiting job first: the run is not finished while the other one is queued.
        window.selectJob(QStringLiteral("cancel-second"));
        QTest::keyClick(window.jobsView(), Qt::Key_Delete);
        QTRY_COMPARE_WITH_TIMEOUT(stateOf(window, QStringLiteral("cancel-second")), QStringLiteral("cancelled"), 5000);
        QVERIFY(!banner(window)->isVisible() || !banner(window)->text().contains(QStringLiteral("finished")));

        window.selectJob(QStringLiteral("cancel-first"));
        QTest::keyClick(window.jobsView(), Qt::Key_Delete);
        QTRY_COMPARE_WITH_TIMEOUT(stateOf(window, QStringLiteral("cancel-first")), QStringLiteral("cancelled"), 5000);
        QTRY_VERIFY_WITH_TIMEOUT(banner(window)->isVisible(), 5000);
        QCOMPARE(banner(window)->text(), QStringLiteral("Run run-cancel finished: 2 cancelled"));
        QCOMPARE(banner(window)->property("tone").toString(), QStringLiteral("warning"));
        window.close();
    }

    // Three jobs wait on a queued one: the status bar says so in the table's
    // words, and names no state that has no jobs.
    void statusBarNamesStatesAsTheTableDoes()
    {
        const QString db = m_dir.filePath(QStringLiteral("counts/state.db"));
        QStringList files{writeHelperJob(QStringLiteral("counts-root"), QStringLiteral("run-counts"), {QStringLiteral("--exit"), QStringLiteral("0")})};
        for (const QString &id : {QStringLiteral("counts-a"), QStringLiteral("counts-b"), QStringLiteral("counts-c")})
            files.append(writeHelperJob(id, QStringLiteral("run-counts"), {QStringLiteral("--exit"), QStringLiteral("0")}, {QStringLiteral("counts-root")}));
        QCOMPARE(cli(db, QStringList{QStringLiteral("submit")} + files), 0);
        DashboardOptions options;
        options.databasePath = db;
        options.startPaused = true;
        MainWindow window(options);
        window.show();
        QTRY_COMPARE_WITH_TIMEOUT(window.jobsModel()->rowCount(), 4, 5000);

        auto *counts = window.findChild<QLabel *>(QStringLiteral("jobCounts"));
        QVERIFY(counts);
        const QString waiting = JobTableModel::stateName(JobState::Waiting) + QStringLiteral(" 3");
        const QString queued = JobTableModel::stateName(JobState::Queued) + QStringLiteral(" 1");
        QTRY_VERIFY2_WITH_TIMEOUT(counts->text().startsWith(waiting + QStringLiteral(" · ") + queued + QStringLiteral(" · ")),
                                  qPrintable(counts->text()), 5000);
        for (JobState state : {JobState::Running, JobState::Succeeded, JobState::Failed, JobState::Cancelled})
            QVERIFY2(!counts->text().contains(JobTableModel::stateName(state)), qPrintable(counts->text()));
        window.close();
    }

    // Opened with --db: Settings shows that database, and OK without an edit
    // leaves the stored database setting as it was (here: never set).
    void settingsShowTheDatabaseGivenWithDb()
    {
        const QString db = m_dir.filePath(QStringLiteral("given/state.db"));
        DashboardOptions options;
        options.databasePath = db;
        options.databaseGivenWithDb = true;
        MainWindow window(options);
        window.show();
        QAction *settings = nullptr;
        for (QAction *action : window.findChildren<QAction *>()) {
            if (action->text() == QStringLiteral("Se&ttings…"))
                settings = action;
        }
        QVERIFY(settings);
        // The dialog opens once the database's shared settings are read.
        QString shown;
        QString note;
        bool sawDialog = false;
        auto *poll = new QTimer(&window);
        connect(poll, &QTimer::timeout, &window, [&] {
            auto *dialog = qobject_cast<QDialog *>(QApplication::activeModalWidget());
            if (!dialog)
                return;
            sawDialog = true;
            poll->stop();
            shown = dialog->findChild<QLineEdit *>(QStringLiteral("databaseEdit"))->text();
            note = dialog->findChild<QLabel *>(QStringLiteral("databaseNote"))->text();
            // The shared settings arrived: the rate-limit wait is editable.
            QVERIFY(dialog->findChild<QWidget *>(QStringLiteral("rateLimitWaitSpin"))->isEnabled());
            dialog->accept();
        });
        poll->start(50);
        settings->trigger();
        QTRY_VERIFY_WITH_TIMEOUT(sawDialog, 10000);
        QCOMPARE(shown, db);
        QVERIFY2(note.contains(QStringLiteral("--db")), qPrintable(note));
        QVERIFY(!QSettings().contains(QStringLiteral("database")));
        window.close();
    }

    // Escalate now only for a job whose retry policy has a tool to escalate
    // to, Cancel only for unfinished jobs, each disabled one saying why; the
    // Tool column shows the tool of the next attempt (the escalation tool).
    void jobCommandsOnlyWhereTheyWork()
    {
        qputenv("PATH", (fakeBin() + QLatin1Char(':') + qEnvironmentVariable("PATH")).toLocal8Bit());
        const QString db = m_dir.filePath(QStringLiteral("escalate/state.db"));
        const QString plain = writeHelperJob(QStringLiteral("esc-plain"), QStringLiteral("run-esc"), {QStringLiteral("--exit"), QStringLiteral("3")});
        const QString escalating = writeJson(
            m_dir.filePath(QStringLiteral("esc-codex.json")),
            QJsonObject{{QStringLiteral("job_id"), QStringLiteral("esc-codex")},
                        {QStringLiteral("run_id"), QStringLiteral("run-esc")},
                        {QStringLiteral("tool"), QStringLiteral("shell")},
                        {QStringLiteral("instructions"), QStringLiteral("exit 3")},
                        {QStringLiteral("metadata"),
                         QJsonObject{{QStringLiteral("retry_policy"),
                                      QJsonObject{{QStringLiteral("max_attempts"), 2},
                                                  {QStringLiteral("backoff_seconds"), 300},
                                                  {QStringLiteral("escalate_to"), QJsonArray{QStringLiteral("codex")}}}}}}});
        QCOMPARE(cli(db, {QStringLiteral("submit"), plain, escalating}), 0);
        DashboardOptions options;
        options.databasePath = db;
        MainWindow window(options);
        window.show();
        QTRY_COMPARE_WITH_TIMEOUT(stateOf(window, QStringLiteral("esc-plain")), QStringLiteral("failed"), 15000);
        QTRY_COMPARE_WITH_TIMEOUT(stateOf(window, QStringLiteral("esc-codex")), QStringLiteral("retry_waiting"), 15000);

        auto action = [&window](const QString &text) {
            for (QAction *candidate : window.findChildren<QAction *>()) {
                if (candidate->text() == text)
                    return candidate;
            }
            qFatal("no action %s", qPrintable(text));
            return static_cast<QAction *>(nullptr);
        };
        auto toolOf = [&window](const QString &jobId) {
            JobTableModel *model = window.jobsModel();
            return model->index(model->rowOf(jobId), JobTableModel::ToolColumn).data().toString();
        };
        QAction *escalate = action(QStringLiteral("&Escalate now"));
        QAction *retry = action(QStringLiteral("&Retry"));
        QAction *cancel = action(QStringLiteral("&Cancel"));
        QPushButton *escalateButton = nullptr;
        for (QPushButton *button : window.findChildren<QPushButton *>()) {
            if (button->text() == escalate->text())
                escalateButton = button;
        }
        QVERIFY(escalateButton);

        QVERIFY(!escalate->isEnabled());   // nothing selected
        window.selectJob(QStringLiteral("esc-plain"));
        QVERIFY(!escalate->isEnabled());
        QVERIFY2(escalate->toolTip().contains(QStringLiteral("names no escalate_to")), qPrintable(escalate->toolTip()));
        QVERIFY(!escalateButton->isEnabled());
        QCOMPARE(escalateButton->toolTip(), escalate->toolTip());
        QVERIFY(retry->isEnabled());
        QVERIFY(!cancel->isEnabled());
        QVERIFY2(cancel->toolTip().contains(QStringLiteral("only unfinished jobs can be cancelled")), qPrintable(cancel->toolTip()));
        QCOMPARE(toolOf(QStringLiteral("esc-plain")), QStringLiteral("shell"));

        // Waiting to retry: the next attempt is codex's, and it can be escalated to now.
        QCOMPARE(toolOf(QStringLiteral("esc-codex")), QStringLiteral("codex"));
        window.selectJob(QStringLiteral("esc-codex"));
        QVERIFY(escalate->isEnabled());
        QVERIFY(escalateButton->isEnabled());
        QVERIFY(retry->isEnabled());
        QVERIFY(cancel->isEnabled());
        escalate->trigger();
        QTRY_COMPARE_WITH_TIMEOUT(stateOf(window, QStringLiteral("esc-codex")), QStringLiteral("succeeded"), 15000);
        QCOMPARE(toolOf(QStringLiteral("esc-codex")), QStringLiteral("codex"));
        // Succeeded, with every tool used: none of the three applies any more.
        QTRY_VERIFY(!escalate->isEnabled());
        QVERIFY(!retry->isEnabled());
        QVERIFY(!cancel->isEnabled());
        window.close();
    }

    void everyCommandIsReachableByKeyboard()
    {
        DashboardOptions options;
        options.databasePath = m_dir.filePath(QStringLiteral("keys/state.db"));
        MainWindow window(options);
        window.show();
        QApplication::setActiveWindow(&window);
        QVERIFY(QTest::qWaitForWindowActive(&window));

        // Every toolbar command is also in a menu (Alt+letter reaches it).
        QSet<QAction *> inMenus;
        const QList<QAction *> menus = window.menuBar()->actions();
        for (QAction *menu : menus) {
            QVERIFY2(menu->text().contains(QLatin1Char('&')), qPrintable(menu->text()));
            const QList<QAction *> actions = menu->menu()->actions();
            for (QAction *action : actions)
                inMenus.insert(action);
        }
        const QList<QToolBar *> toolbars = window.findChildren<QToolBar *>();
        for (QToolBar *toolbar : toolbars) {
            const QList<QAction *> actions = toolbar->actions();
            for (QAction *action : actions) {
                if (!action->isSeparator() && !qobject_cast<QWidgetAction *>(action))
                    QVERIFY2(inMenus.contains(action), qPrintable(action->text()));
            }
        }
        // No two commands share a shortcut.
        QHash<QKeySequence, QString> owner;
        const QList<QAction *> all = window.findChildren<QAction *>();
        for (QAction *action : all) {
            for (const QKeySequence &key : action->shortcuts()) {
                QVERIFY2(!owner.contains(key), qPrintable(key.toString() + QStringLiteral(": ") + owner.value(key) + QStringLiteral(" and ") + action->text()));
                owner.insert(key, action->text());
            }
        }
        // The View shortcuts move focus between the panes.
        QTest::keyClick(&window, Qt::Key_2, Qt::ControlModifier);
        QTRY_VERIFY(qobject_cast<QTableView *>(QApplication::focusWidget()));
        QTest::keyClick(&window, Qt::Key_1, Qt::ControlModifier);
        QTRY_VERIFY(qobject_cast<QTreeView *>(QApplication::focusWidget()));
        QTest::keyClick(&window, Qt::Key_L, Qt::ControlModifier);
        QTRY_VERIFY(qobject_cast<QLineEdit *>(QApplication::focusWidget()));
        QTest::keyClick(&window, Qt::Key_W, Qt::ControlModifier | Qt::ShiftModifier);
        QTRY_VERIFY(qobject_cast<QSpinBox *>(QApplication::focusWidget()->parentWidget()) || qobject_cast<QSpinBox *>(QApplication::focusWidget()));
        window.close();
    }
};

QTEST_MAIN(TestDashboard)
#include "tst_dashboard.moc"
