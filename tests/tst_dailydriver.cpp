// The dashboard as a daily driver (a new user's walk): an empty database
// says what to do, commands are enabled only where they can act, a
// notification never moves the table, Tab walks the panes, panes forget a
// job that is no longer selected, and the log's search and following belong
// to one job; newest first keeps the selection. Offscreen, on real databases with the real engine.

#include <algorithm>
#include <memory>

#include <QAction>
#include <QApplication>
#include <QTimer>
#include <QDialog>
#include <QHeaderView>
#include <QJsonArray>
#include <QJsonObject>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QProcess>
#include <QPushButton>
#include <QScrollBar>
#include <QSettings>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>
#include <QTextBrowser>
#include <QToolButton>
#include <QTreeView>

#include "models/jobtablemodel.h"
#include "models/workstreammodel.h"
#include "testsupport.h"
#include "widgetsupport.h"
#include "views/logview.h"
#include "views/mainwindow.h"

using namespace Orchestrator;
using namespace Orchestrator::Ui;
using namespace TestSupport;

class TestDailyDriver final : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;

    static int cli(const QString &db, const QStringList &args) { return cliExit(db, args); }

    QString helperJob(const QString &jobId, const QString &runId, const QStringList &args)
    {
        return writeJson(m_dir.filePath(jobId + QStringLiteral(".json")),
                         QJsonObject{{QStringLiteral("job_id"), jobId},
                                     {QStringLiteral("run_id"), runId},
                                     {QStringLiteral("tool"), QStringLiteral("shell")},
                                     {QStringLiteral("command"), QJsonObject{{QStringLiteral("exe"), testHelper()},
                                                                             {QStringLiteral("args"), QJsonArray::fromStringList(args)}}}});
    }

    static QString stateOf(MainWindow &window, const QString &jobId)
    {
        const int row = window.jobsModel()->rowOf(jobId);
        return row < 0 ? QString() : toString(window.jobsModel()->job(row).state);
    }

    static QAction *action(MainWindow &window, const QString &text)
    {
        for (QAction *a : window.findChildren<QAction *>()) {
            if (QString(a->text()).remove(QLatin1Char('&')) == text)
                return a;
        }
        qFatal("no action %s", qPrintable(text));
        return nullptr;
    }

    static QModelIndex runRow(MainWindow &window, const QString &runId)
    {
        auto *tree = window.findChild<QTreeView *>();
        QAbstractItemModel *model = tree->model();
        for (int row = 0; row < model->rowCount(); ++row) {
            const QModelIndex index = model->index(row, 0);
            if (index.data(WorkstreamModel::RunIdRole).toString() == runId)
                return index;
        }
        return {};
    }

private Q_SLOTS:
    void initTestCase()
    {
        isolateDashboardSettings(m_dir);
    }

    void emptyDatabaseSaysWhatToDo()
    {
        const QString db = m_dir.filePath(QStringLiteral("empty/state.db"));
        DashboardOptions options;
        options.databasePath = db;
        MainWindow window(options);
        window.resize(1024, 640);
        window.show();
        auto *empty = window.findChild<QWidget *>(QStringLiteral("emptyState"));
        QVERIFY(empty);
        QTRY_VERIFY_WITH_TIMEOUT(empty->isVisible(), 10000);
        const QString words = WidgetSupport::visibleLabels(*empty);
        QVERIFY2(words.contains(QStringLiteral("No jobs yet")), qPrintable(words));
        QVERIFY2(words.contains(QStringLiteral("drop job files here")), qPrintable(words));
        QVERIFY2(words.contains(QStringLiteral("orchestrator --db %1 submit jobs/").arg(db)), qPrintable(words));
        auto *submit = empty->findChild<QPushButton *>(QStringLiteral("emptySubmit"));
        auto *convert = empty->findChild<QPushButton *>(QStringLiteral("emptyConvert"));
        QVERIFY(submit->isVisible() && convert->isVisible());
        QVERIFY2(submit->text().contains(QKeySequence(QKeySequence::New).toString(QKeySequence::NativeText)), qPrintable(submit->text()));
        QVERIFY2(convert->text().contains(QStringLiteral("Convert workstreams")), qPrintable(convert->text()));
        // It covers the rows, not the header or the filter.
        QCOMPARE(empty->geometry(), window.jobsView()->viewport()->rect());

        // A job arrives (from another process): the table shows it.
        QCOMPARE(cli(db, {QStringLiteral("submit"), helperJob(QStringLiteral("arrives"), QStringLiteral("run-a"), {})}), 0);
        QTRY_VERIFY_WITH_TIMEOUT(window.jobsModel()->rowOf(QStringLiteral("arrives")) >= 0, 10000);
        QVERIFY(!empty->isVisible());
        window.close();
    }

    void queueCommandsOnlyWhereTheyWork()
    {
        const QString db = m_dir.filePath(QStringLiteral("actions/state.db"));
        QCOMPARE(cli(db, {QStringLiteral("submit"), helperJob(QStringLiteral("fine"), QStringLiteral("run-ok"), {})}), 0);
        DashboardOptions options;
        options.databasePath = db;
        MainWindow window(options);
        window.show();
        QTRY_COMPARE_WITH_TIMEOUT(stateOf(window, QStringLiteral("fine")), QStringLiteral("succeeded"), 15000);

        QAction *retryFailed = action(window, QStringLiteral("Retry all failed"));
        QAction *cancelRun = action(window, QStringLiteral("Cancel run"));
        QAction *landRun = action(window, QStringLiteral("Land run…"));
        QVERIFY(!retryFailed->isEnabled());
        QVERIFY2(retryFailed->toolTip().contains(QStringLiteral("No job has failed or timed out.")), qPrintable(retryFailed->toolTip()));
        QVERIFY(!cancelRun->isEnabled());
        QVERIFY2(cancelRun->toolTip().contains(QStringLiteral("Select a run")), qPrintable(cancelRun->toolTip()));
        QVERIFY(!landRun->isEnabled());

        // The run selected, all of it ended: nothing to cancel, something to land.
        auto *tree = window.findChild<QTreeView *>();
        QTRY_VERIFY(runRow(window, QStringLiteral("run-ok")).isValid());
        tree->selectionModel()->select(runRow(window, QStringLiteral("run-ok")), QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
        QVERIFY(!cancelRun->isEnabled());
        QVERIFY2(cancelRun->toolTip().contains(QStringLiteral("Every job of run run-ok has ended.")), qPrintable(cancelRun->toolTip()));
        QVERIFY(landRun->isEnabled());
        // A succeeded job cannot be retried or cancelled.
        window.selectJob(QStringLiteral("fine"));
        QVERIFY(!action(window, QStringLiteral("Retry"))->isEnabled());
        QVERIFY(!action(window, QStringLiteral("Cancel"))->isEnabled());

        // A failure makes Retry all failed useful; a job still waiting, Cancel run.
        QCOMPARE(cli(db, {QStringLiteral("submit"), helperJob(QStringLiteral("broken"), QStringLiteral("run-bad"), {QStringLiteral("--exit"), QStringLiteral("3")})}), 0);
        QTRY_COMPARE_WITH_TIMEOUT(stateOf(window, QStringLiteral("broken")), QStringLiteral("failed"), 15000);
        QVERIFY(retryFailed->isEnabled());
        QCOMPARE(cli(db, {QStringLiteral("pause")}), 0);
        QCOMPARE(cli(db, {QStringLiteral("submit"), helperJob(QStringLiteral("held"), QStringLiteral("run-held"), {})}), 0);
        QTRY_VERIFY_WITH_TIMEOUT(runRow(window, QStringLiteral("run-held")).isValid(), 10000);
        tree->selectionModel()->select(runRow(window, QStringLiteral("run-held")), QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
        QVERIFY(cancelRun->isEnabled());
        QCOMPARE(cli(db, {QStringLiteral("resume")}), 0);
        window.close();
    }

    // A failure notice floats over the panes: the table does not move, and
    // it reads as an error.
    void notificationsNeverMoveTheTable()
    {
        const QString db = m_dir.filePath(QStringLiteral("banner/state.db"));
        DashboardOptions options;
        options.databasePath = db;
        MainWindow window(options);
        window.resize(1024, 640);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        QCOMPARE(cli(db, {QStringLiteral("submit"), helperJob(QStringLiteral("first"), QStringLiteral("run-b"), {})}), 0);
        QTRY_COMPARE_WITH_TIMEOUT(stateOf(window, QStringLiteral("first")), QStringLiteral("succeeded"), 15000);
        auto *banner = window.findChild<QLabel *>(QStringLiteral("banner"));
        QTRY_VERIFY_WITH_TIMEOUT(banner->isVisible(), 5000);  // the run finished
        banner->hide();
        QTest::qWait(50);
        const QRect before(window.jobsView()->mapTo(&window, QPoint(0, 0)), window.jobsView()->size());

        QCOMPARE(cli(db, {QStringLiteral("submit"), helperJob(QStringLiteral("fails"), QStringLiteral("run-c"), {QStringLiteral("--exit"), QStringLiteral("4")})}), 0);
        QTRY_COMPARE_WITH_TIMEOUT(stateOf(window, QStringLiteral("fails")), QStringLiteral("failed"), 15000);
        QTRY_VERIFY_WITH_TIMEOUT(banner->isVisible() && banner->text().contains(QStringLiteral("fails")), 5000);
        QCOMPARE(banner->property("tone").toString(), QStringLiteral("problem"));
        QTest::qWait(50);
        const QRect after(window.jobsView()->mapTo(&window, QPoint(0, 0)), window.jobsView()->size());
        QCOMPARE(after, before);
        // Inside the window, and a click dismisses it.
        QVERIFY(window.centralWidget()->rect().contains(banner->geometry()));
        QTest::mouseClick(banner, Qt::LeftButton);
        QVERIFY(!banner->isVisible());
        window.close();
    }

    // Tab: the tree, the filter's fields, the table (one stop), the tabs.
    void tabWalksThePanes()
    {
        const QString db = m_dir.filePath(QStringLiteral("tab/state.db"));
        for (int i = 0; i < 5; ++i)
            QCOMPARE(cli(db, {QStringLiteral("submit"), helperJob(QStringLiteral("t%1").arg(i), QStringLiteral("run-t"), {})}), 0);
        DashboardOptions options;
        options.databasePath = db;
        MainWindow window(options);
        window.show();
        QApplication::setActiveWindow(&window);
        QVERIFY(QTest::qWaitForWindowActive(&window));
        QTRY_COMPARE_WITH_TIMEOUT(window.jobsModel()->rowCount(), 5, 10000);
        window.selectJob(QStringLiteral("t0"));
        auto *tree = window.findChild<QTreeView *>();
        tree->setFocus(Qt::OtherFocusReason);
        QTRY_COMPARE(QApplication::focusWidget(), static_cast<QWidget *>(tree));
        int presses = 0;
        while (QApplication::focusWidget() != window.jobsView() && presses < 10) {
            QTest::keyClick(QApplication::focusWidget(), Qt::Key_Tab);
            ++presses;
        }
        QCOMPARE(QApplication::focusWidget(), static_cast<QWidget *>(window.jobsView()));
        QVERIFY2(presses <= 6, qPrintable(QString::number(presses)));
        // One more Tab leaves the table, whatever cell is current.
        QTest::keyClick(window.jobsView(), Qt::Key_Tab);
        QVERIFY(QApplication::focusWidget() != window.jobsView());
        QVERIFY(!window.jobsView()->isAncestorOf(QApplication::focusWidget()));
        window.close();
    }

    // Run again and Edit and resubmit: a new job from the old one's spec,
    // selected when it arrives, its lineage in Details; a broken edit keeps
    // the dialog open with the engine's words.
    void resubmitFromTheDashboard()
    {
        const QString db = m_dir.filePath(QStringLiteral("resubmit/state.db"));
        QCOMPARE(cli(db, {QStringLiteral("submit"), helperJob(QStringLiteral("orig"), QStringLiteral("run-r"), {QStringLiteral("--print"), QStringLiteral("first time")})}), 0);
        DashboardOptions options;
        options.databasePath = db;
        MainWindow window(options);
        window.show();
        QTRY_COMPARE_WITH_TIMEOUT(stateOf(window, QStringLiteral("orig")), QStringLiteral("succeeded"), 15000);
        QAction *runAgain = action(window, QStringLiteral("Run again"));
        QVERIFY(!runAgain->isEnabled());
        window.selectJob(QStringLiteral("orig"));
        QVERIFY(runAgain->isEnabled());
        runAgain->trigger();
        QTRY_COMPARE_WITH_TIMEOUT(stateOf(window, QStringLiteral("orig-r2")), QStringLiteral("succeeded"), 15000);
        const auto selected = [&window] {
            const QModelIndexList rows = window.jobsView()->selectionModel()->selectedRows();
            return rows.isEmpty() ? QString() : rows.first().data(JobTableModel::JobIdRole).toString();
        };
        QTRY_COMPARE(selected(), QStringLiteral("orig-r2"));
        auto *details = window.findChild<QTextBrowser *>();
        QTRY_VERIFY_WITH_TIMEOUT(details->toPlainText().contains(QStringLiteral("Resubmitted from")), 10000);
        QVERIFY(details->toPlainText().contains(QStringLiteral("orig")));

        window.selectJob(QStringLiteral("orig"));
        QTRY_VERIFY_WITH_TIMEOUT(details->toPlainText().contains(QStringLiteral("orig-r2")), 10000);
        bool sawProblem = false;
        // The dialog opens once the engine has answered with the spec: look
        // for it until it is there.
        QTimer poll;
        poll.setInterval(100);
        connect(&poll, &QTimer::timeout, &window, [&poll, &sawProblem] {
            auto *dialog = qobject_cast<QDialog *>(QApplication::activeModalWidget());
            if (!dialog || dialog->objectName() != QLatin1String("resubmitDialog"))
                return;
            poll.stop();
            auto *editor = dialog->findChild<QPlainTextEdit *>(QStringLiteral("specEdit"));
            auto *submit = dialog->findChild<QPushButton *>(QStringLiteral("resubmitButton"));
            auto *problem = dialog->findChild<QLabel *>(QStringLiteral("specProblem"));
            const QString good = editor->toPlainText();
            QVERIFY(good.contains(QStringLiteral("first time")));
            editor->setPlainText(good.left(good.size() / 2));  // cut in half: not JSON
            submit->click();
            QVERIFY(problem->isVisible());
            QVERIFY2(problem->text().contains(QStringLiteral("Not valid JSON")), qPrintable(problem->text()));
            sawProblem = dialog->isVisible();
            QString edited = good;
            edited.replace(QStringLiteral("first time"), QStringLiteral("edited time"));
            QVERIFY(edited.contains(QStringLiteral("\"tool\": \"shell\"")));
            edited.replace(QStringLiteral("\"tool\": \"shell\""), QStringLiteral("\"tool\": \"shel\""));
            editor->setPlainText(edited);
            submit->click();
            // The engine's own check, in its words.
            QTRY_VERIFY_WITH_TIMEOUT(problem->text().contains(QStringLiteral("unknown tool")), 10000);
            editor->setPlainText(QString(good).replace(QStringLiteral("first time"), QStringLiteral("edited time")));
            submit->click();
        });
        // Should a step above fail, the dialog still closes and the test ends.
        QTimer::singleShot(30000, &window, [] {
            if (auto *dialog = qobject_cast<QDialog *>(QApplication::activeModalWidget()))
                dialog->reject();
        });
        poll.start();
        action(window, QStringLiteral("Edit and resubmit…"))->trigger();
        QTRY_COMPARE_WITH_TIMEOUT(stateOf(window, QStringLiteral("orig-r3")), QStringLiteral("succeeded"), 30000);
        QVERIFY(sawProblem);
        QTRY_COMPARE(selected(), QStringLiteral("orig-r3"));
        auto *log = window.findChild<LogView *>();
        QTRY_VERIFY_WITH_TIMEOUT(log->textView()->toPlainText().contains(QStringLiteral("edited time")), 10000);
        window.close();
    }

    // Deselecting (or filtering the job away) clears the panes; another job's
    // log starts without the last search; scrolling up says following paused.
    void panesFollowTheSelection()
    {
        const QString db = m_dir.filePath(QStringLiteral("select/state.db"));
        QStringList lines;
        for (int i = 0; i < 400; ++i)
            lines << QStringLiteral("--print") << QStringLiteral("line %1 of the first job").arg(i);
        QCOMPARE(cli(db, {QStringLiteral("submit"), helperJob(QStringLiteral("long"), QStringLiteral("run-s"), lines)}), 0);
        QCOMPARE(cli(db, {QStringLiteral("submit"), helperJob(QStringLiteral("other"), QStringLiteral("run-s"), {QStringLiteral("--print"), QStringLiteral("hello")})}), 0);
        DashboardOptions options;
        options.databasePath = db;
        MainWindow window(options);
        window.resize(1024, 640);
        window.show();
        QTRY_COMPARE_WITH_TIMEOUT(stateOf(window, QStringLiteral("long")), QStringLiteral("succeeded"), 15000);
        QTRY_COMPARE_WITH_TIMEOUT(stateOf(window, QStringLiteral("other")), QStringLiteral("succeeded"), 15000);

        window.selectJob(QStringLiteral("long"));
        auto *log = window.findChild<LogView *>();
        auto *details = window.findChild<QTextBrowser *>();
        QTRY_VERIFY_WITH_TIMEOUT(log->textView()->toPlainText().contains(QStringLiteral("line 399 of the first job")), 10000);
        QTRY_VERIFY_WITH_TIMEOUT(details->toPlainText().contains(QStringLiteral("long")), 10000);

        // Scrolled up: the indicator; jump to end follows again.
        QScrollBar *bar = log->textView()->verticalScrollBar();
        QTRY_VERIFY(bar->maximum() > 0);
        bar->setValue(0);
        QVERIFY(!log->isFollowing());
        QVERIFY(log->followIndicator()->isVisible());
        QTest::mouseClick(log->followIndicator(), Qt::LeftButton);
        QVERIFY(log->isFollowing());
        QVERIFY(!log->followIndicator()->isVisible());

        log->setSearchText(QStringLiteral("first job"));
        QVERIFY(log->matchCount() > 0);
        window.selectJob(QStringLiteral("other"));
        QTRY_VERIFY_WITH_TIMEOUT(log->textView()->toPlainText().contains(QStringLiteral("hello")), 10000);
        QCOMPARE(log->searchText(), QString());

        window.jobsView()->clearSelection();
        QTRY_VERIFY(details->toPlainText().isEmpty());
        QVERIFY(log->logFile().isEmpty());
        QVERIFY(log->textView()->toPlainText().isEmpty());
        window.close();
    }

    // View > Newest first: the newest job on top, also for one that arrives
    // while the window is open, the selected job still selected; a header
    // click sorts by that column instead; the choice is remembered.
    void newestFirstKeepsTheSelection()
    {
        const QString db = m_dir.filePath(QStringLiteral("newest/state.db"));
        for (const QString &id : {QStringLiteral("first"), QStringLiteral("second"), QStringLiteral("third")})
            QCOMPARE(cli(db, {QStringLiteral("submit"), helperJob(id, QStringLiteral("run-n"), {})}), 0);
        auto rowIds = [](QTableView *view) {
            QStringList ids;
            for (int row = 0; row < view->model()->rowCount(); ++row)
                ids << view->model()->index(row, 0).data(JobTableModel::JobIdRole).toString();
            return ids;
        };
        auto selectedIds = [](QTableView *view) {
            QStringList ids;
            for (const QModelIndex &index : view->selectionModel()->selectedRows())
                ids << index.data(JobTableModel::JobIdRole).toString();
            return ids;
        };
        auto open = [&db] {
            DashboardOptions options;
            options.databasePath = db;
            auto window = std::make_unique<MainWindow>(options);
            window->resize(1024, 640);
            window->show();
            return window;
        };
        {
            const auto opened = open();
            MainWindow &window = *opened;
            QTableView *view = window.jobsView();
            QTRY_COMPARE_WITH_TIMEOUT(view->model()->rowCount(), 3, 10000);
            // Off by default: submission order.
            QAction *newest = action(window, QStringLiteral("Newest first"));
            QVERIFY(!newest->isChecked());
            QCOMPARE(rowIds(view), (QStringList{QStringLiteral("first"), QStringLiteral("second"), QStringLiteral("third")}));

            newest->setChecked(true);
            QCOMPARE(rowIds(view), (QStringList{QStringLiteral("third"), QStringLiteral("second"), QStringLiteral("first")}));
            QVERIFY(!view->horizontalHeader()->isSortIndicatorShown());
            window.selectJob(QStringLiteral("second"));
            QCOMPARE(selectedIds(view), QStringList{QStringLiteral("second")});

            // Two jobs arrive from another process: on top, the selection stays.
            QCOMPARE(cli(db, {QStringLiteral("submit"), helperJob(QStringLiteral("fourth"), QStringLiteral("run-n"), {})}), 0);
            QCOMPARE(cli(db, {QStringLiteral("submit"), helperJob(QStringLiteral("fifth"), QStringLiteral("run-n"), {})}), 0);
            QTRY_COMPARE_WITH_TIMEOUT(view->model()->rowCount(), 5, 10000);
            QCOMPARE(rowIds(view), (QStringList{QStringLiteral("fifth"), QStringLiteral("fourth"), QStringLiteral("third"),
                                                QStringLiteral("second"), QStringLiteral("first")}));
            QCOMPARE(selectedIds(view), QStringList{QStringLiteral("second")});
            QCOMPARE(view->currentIndex().data(JobTableModel::JobIdRole).toString(), QStringLiteral("second"));
            // Running and finishing (rows changing state) keep the order too.
            QTRY_COMPARE_WITH_TIMEOUT(stateOf(window, QStringLiteral("fifth")), QStringLiteral("succeeded"), 15000);
            QCOMPARE(rowIds(view).first(), QStringLiteral("fifth"));
            QCOMPARE(selectedIds(view), QStringList{QStringLiteral("second")});
            window.close();
        }
        QVERIFY(QSettings().value(QStringLiteral("dashboard/newestFirst")).toBool());
        {
            // Remembered; a click on the Job header sorts by id and unchecks it.
            const auto opened = open();
            MainWindow &window = *opened;
            QTableView *view = window.jobsView();
            QTRY_COMPARE_WITH_TIMEOUT(view->model()->rowCount(), 5, 10000);
            QAction *newest = action(window, QStringLiteral("Newest first"));
            QVERIFY(newest->isChecked());
            QCOMPARE(rowIds(view).first(), QStringLiteral("fifth"));
            QHeaderView *header = view->horizontalHeader();
            QVERIFY(QTest::qWaitForWindowExposed(&window));
            QTest::mouseClick(header->viewport(), Qt::LeftButton, {},
                              QPoint(header->sectionViewportPosition(JobTableModel::IdColumn) + 10, header->height() / 2));
            QTRY_VERIFY(!newest->isChecked());
            QVERIFY(header->isSortIndicatorShown());
            QCOMPARE(header->sortIndicatorSection(), int(JobTableModel::IdColumn));
            QStringList sorted = rowIds(view);
            QStringList expected = sorted;
            std::sort(expected.begin(), expected.end());
            if (header->sortIndicatorOrder() == Qt::DescendingOrder)
                std::reverse(expected.begin(), expected.end());
            QCOMPARE(sorted, expected);
            QVERIFY(!QSettings().value(QStringLiteral("dashboard/newestFirst")).toBool());
            window.close();
        }
    }
};

QTEST_MAIN(TestDailyDriver)
#include "tst_dailydriver.moc"
