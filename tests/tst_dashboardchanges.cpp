// The Changes tab, the jobs table's Changes column and "Land run…" under
// the offscreen platform, on a real git repository with the dashboard's own
// engine running stand-in agents (shell jobs that write files in their
// worktrees): what a job changed and its diff, the placeholders, Land and
// Discard from the tab, and a whole run landed through the dialog.

#include <memory>

#include <QAbstractItemModelTester>
#include <QCheckBox>
#include <QComboBox>
#include <QDir>
#include <QJsonArray>
#include <QJsonObject>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QPlainTextEdit>
#include <QPointer>
#include <QProcess>
#include <QPushButton>
#include <QSettings>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>
#include <QTreeView>
#include <QTreeWidget>

#include "dialogs/landdialog.h"
#include "models/jobtablemodel.h"
#include "testsupport.h"
#include "views/changesview.h"
#include "views/mainwindow.h"
#include "widgetsupport.h"

using namespace Orchestrator;
using namespace Orchestrator::Ui;
using namespace TestSupport;
using WidgetSupport::child;

namespace {

const QString kRun = QStringLiteral("run-land");

// A stand-in agent: the shell tool runs `script` in the job's worktree.
QJsonObject agentJob(const QString &id, const QString &repo, const QString &script, const QStringList &files)
{
    return QJsonObject{{QStringLiteral("job_id"), id},
                       {QStringLiteral("run_id"), kRun},
                       {QStringLiteral("tool"), QStringLiteral("shell")},
                       {QStringLiteral("instructions"), script},
                       {QStringLiteral("files"), QJsonArray::fromStringList(files)},
                       {QStringLiteral("metadata"), QJsonObject{{QStringLiteral("isolation"), QStringLiteral("worktree")}}},
                       {QStringLiteral("paths"), QJsonObject{{QStringLiteral("repo_root"), repo}}}};
}

// Writes one line into a new file named after the job.
QJsonObject writerJob(const QString &id, const QString &repo, const QString &file)
{
    return agentJob(id, repo, QStringLiteral("printf 'added by %1\\n' > %2").arg(id, file), {file});
}

} // namespace

class TestDashboardChanges final : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_home;
    std::unique_ptr<QTemporaryDir> m_dir;
    QString m_repo;
    QString m_db;

    QByteArray git(const QStringList &args) const { return runGit(m_repo, args); }

    void makeRepo()
    {
        m_repo = m_dir->filePath(QStringLiteral("repo"));
        QDir().mkpath(m_repo);
        git({QStringLiteral("init"), QStringLiteral("-q"), QStringLiteral("-b"), QStringLiteral("main")});
        git({QStringLiteral("config"), QStringLiteral("user.name"), QStringLiteral("Ada User")});
        git({QStringLiteral("config"), QStringLiteral("user.email"), QStringLiteral("ada@example.org")});
        writeFile(m_repo + QStringLiteral("/README"), "the base\n");
        git({QStringLiteral("add"), QStringLiteral("-A")});
        git({QStringLiteral("commit"), QStringLiteral("-q"), QStringLiteral("-m"), QStringLiteral("base")});
    }

    // Submitted by the command line, as another process would.
    void submit(const QList<QJsonObject> &jobs)
    {
        QStringList args{QStringLiteral("--db"), m_db, QStringLiteral("submit")};
        for (const QJsonObject &job : jobs)
            args.append(writeJson(m_dir->filePath(QStringLiteral("jobs/%1.json").arg(job.value(QStringLiteral("job_id")).toString())), job));
        const CliRun run = runCli(args, m_dir->path());
        QVERIFY2(run.exitCode == 0, run.err.constData());
    }

    // The dashboard on the test's database, working its queue.
    std::unique_ptr<MainWindow> openWindow(int workers, bool paused = false)
    {
        DashboardOptions options;
        options.databasePath = m_db;
        options.workers = workers;
        options.startPaused = paused;
        auto window = std::make_unique<MainWindow>(options);
        window->show();
        return window;
    }

    // Two jobs that each add a file, run to success in an open dashboard.
    std::unique_ptr<MainWindow> twoWritersDone()
    {
        submit({writerJob(QStringLiteral("job-a"), m_repo, QStringLiteral("a.txt")),
                writerJob(QStringLiteral("job-b"), m_repo, QStringLiteral("b.txt"))});
        auto window = openWindow(2);
        waitSucceeded(*window, {QStringLiteral("job-a"), QStringLiteral("job-b")});
        return window;
    }

    static int rowOf(MainWindow &window, const QString &jobId) { return window.jobsModel()->rowOf(jobId); }

    static QString stateOf(MainWindow &window, const QString &jobId)
    {
        const int row = rowOf(window, jobId);
        return row < 0 ? QString() : toString(window.jobsModel()->job(row).state);
    }

    static QModelIndex changesCell(MainWindow &window, const QString &jobId)
    {
        return window.jobsModel()->index(rowOf(window, jobId), JobTableModel::ChangesColumn);
    }

    static QString changesText(MainWindow &window, const QString &jobId)
    {
        return changesCell(window, jobId).data().toString();
    }

    void waitSucceeded(MainWindow &window, const QStringList &ids)
    {
        for (const QString &id : ids)
            QTRY_COMPARE_WITH_TIMEOUT(stateOf(window, id), QStringLiteral("succeeded"), 20000);
    }

    static QString rowsOf(const QAbstractItemModel *model)
    {
        QStringList rows;
        for (int row = 0; row < model->rowCount(); ++row)
            rows.append(model->index(row, 0).data().toString());
        return rows.join(QLatin1Char(','));
    }

    static QStringList results(const LandDialog &dialog)
    {
        QStringList texts;
        for (int row = 0; row < dialog.entriesView()->topLevelItemCount(); ++row) {
            const QTreeWidgetItem *item = dialog.entriesView()->topLevelItem(row);
            texts.append(item->text(LandDialog::JobColumn) + QStringLiteral(": ") + item->text(LandDialog::ResultColumn));
        }
        return texts;
    }

    // The question box `name` over the window, once it is open.
    static QMessageBox *question(MainWindow &window, const char *name)
    {
        QMessageBox *box = nullptr;
        [&] { QTRY_VERIFY((box = window.findChild<QMessageBox *>(QLatin1String(name))) && box->isVisible()); }();
        return box;
    }

    // The banner of the window, as the user reads it.
    static QString banner(MainWindow &window) { return child<QLabel>(window, "banner")->text(); }

private Q_SLOTS:
    void initTestCase()
    {
        qputenv("ORCHESTRATOR_TOOLS_FILE", "/nonexistent/tools.json");
        QVERIFY(m_home.isValid());
        isolateGitConfig(m_home);
        QSettings::setDefaultFormat(QSettings::IniFormat);
        QSettings::setPath(QSettings::IniFormat, QSettings::UserScope, m_home.filePath(QStringLiteral("settings")));
        QSettings().clear();
    }

    void init()
    {
        m_dir = std::make_unique<QTemporaryDir>();
        QVERIFY(m_dir->isValid());
        makeRepo();
        // Worktrees go to the data directory next to the database.
        m_db = m_dir->filePath(QStringLiteral("data/orchestrator.db"));
    }

    void cleanup() { m_dir.reset(); }

    // The selected job's files and diff; the column says what each job
    // changed; a job outside a worktree and a stray file are told apart.
    void tabShowsTheSelectedJobsChange()
    {
        submit({writerJob(QStringLiteral("job-a"), m_repo, QStringLiteral("a.txt")),
                agentJob(QStringLiteral("job-b"), m_repo, QStringLiteral("echo b > b.txt; echo stray > stray.txt"),
                         {QStringLiteral("b.txt")}),
                QJsonObject{{QStringLiteral("job_id"), QStringLiteral("plain")},
                            {QStringLiteral("run_id"), kRun},
                            {QStringLiteral("tool"), QStringLiteral("shell")},
                            {QStringLiteral("instructions"), QStringLiteral("true")}}});
        const auto opened = openWindow(3);
        MainWindow &window = *opened;
        QAbstractItemModelTester tester(window.jobsModel(), QAbstractItemModelTester::FailureReportingMode::QtTest);
        waitSucceeded(window, {QStringLiteral("job-a"), QStringLiteral("job-b"), QStringLiteral("plain")});

        // The column: each job's summary; nothing for a job outside a worktree.
        QCOMPARE(window.jobsModel()->headerData(JobTableModel::ChangesColumn, Qt::Horizontal).toString(), QStringLiteral("Changes"));
        QTRY_COMPARE(changesText(window, QStringLiteral("job-a")), QStringLiteral("+1 \u22120 in 1 file"));
        QCOMPARE(changesText(window, QStringLiteral("job-b")), QStringLiteral("+2 \u22120 in 2 files"));
        QCOMPARE(changesText(window, QStringLiteral("plain")), QString());
        const QString tip = changesCell(window, QStringLiteral("job-b")).data(Qt::ToolTipRole).toString();
        QVERIFY2(tip.contains(QStringLiteral("outside the job's files")) && tip.contains(QStringLiteral("stray.txt")), qPrintable(tip));
        QVERIFY(!changesCell(window, QStringLiteral("job-b")).data(Qt::DecorationRole).isNull());
        QVERIFY(changesCell(window, QStringLiteral("job-a")).data(Qt::DecorationRole).isNull());

        // The tab: files, diff, branch; Land and Discard offered.
        ChangesView *view = window.changesView();
        window.showJobTab(QStringLiteral("changes"));
        window.selectJob(QStringLiteral("job-a"));
        QTRY_COMPARE(view->jobId(), QStringLiteral("job-a"));
        QTRY_COMPARE(rowsOf(view->fileModel()), QStringLiteral("a.txt"));
        QTRY_VERIFY2_WITH_TIMEOUT(view->diffView()->toPlainText().contains(QStringLiteral("+added by job-a")),
                                  qPrintable(view->diffView()->toPlainText()), 10000);
        QVERIFY(view->headerText().contains(QStringLiteral("orchestrator/run-land/job-a")));
        QVERIFY(view->headerText().contains(QStringLiteral("+1 \u22120 in 1 file")));
        QTRY_VERIFY(child<QPushButton>(*view, "landButton")->isEnabled());
        QVERIFY(child<QPushButton>(*view, "discardButton")->isEnabled());
        QVERIFY(child<QPushButton>(*view, "openWorktreeButton")->isEnabled());

        // Another job at once: the first one's answers do not overwrite it.
        window.selectJob(QStringLiteral("plain"));
        window.selectJob(QStringLiteral("job-b"));
        QTRY_COMPARE(rowsOf(view->fileModel()), QStringLiteral("b.txt,stray.txt"));
        QTRY_VERIFY_WITH_TIMEOUT(view->diffView()->toPlainText().contains(QStringLiteral("+stray")), 10000);
        QVERIFY(!view->diffView()->toPlainText().contains(QStringLiteral("job-a")));
        QVERIFY(view->fileModel()->index(1, 0).data(Qt::ToolTipRole).toString().contains(QStringLiteral("outside the job's files")));
        QVERIFY(!view->fileModel()->index(0, 0).data(Qt::ToolTipRole).toString().contains(QStringLiteral("outside the job's files")));

        // A job that ran in the repository itself: nothing to review.
        window.selectJob(QStringLiteral("plain"));
        QTRY_VERIFY(view->placeholder().contains(QStringLiteral("does not run in a worktree")));
        QVERIFY(view->jobId() != QStringLiteral("plain") || view->placeholder().contains(QStringLiteral("isolation: none")));
        window.close();
    }

    // The column shows only once some job runs in a worktree: other users'
    // tables keep the room.
    void changesColumnOnlyWithWorktreeJobs()
    {
        submit({QJsonObject{{QStringLiteral("job_id"), QStringLiteral("plain")},
                            {QStringLiteral("tool"), QStringLiteral("shell")},
                            {QStringLiteral("instructions"), QStringLiteral("true")}}});
        const auto opened = openWindow(1, true);
        MainWindow &window = *opened;
        QTRY_VERIFY(rowOf(window, QStringLiteral("plain")) >= 0);
        QVERIFY(window.jobsView()->isColumnHidden(JobTableModel::ChangesColumn));
        submit({writerJob(QStringLiteral("agent"), m_repo, QStringLiteral("a.txt"))});
        QTRY_VERIFY_WITH_TIMEOUT(rowOf(window, QStringLiteral("agent")) >= 0, 10000);
        QVERIFY(!window.jobsView()->isColumnHidden(JobTableModel::ChangesColumn));
        QVERIFY(window.jobsView()->columnWidth(JobTableModel::ChangesColumn) > 0);
        window.close();
    }

    // Before the first attempt there is nothing to show yet, and nothing to land.
    void placeholderBeforeTheFirstAttempt()
    {
        submit({writerJob(QStringLiteral("held"), m_repo, QStringLiteral("held.txt"))});
        const auto opened = openWindow(1, true);
        MainWindow &window = *opened;
        QTRY_COMPARE_WITH_TIMEOUT(stateOf(window, QStringLiteral("held")), QStringLiteral("queued"), 10000);
        QCOMPARE(changesText(window, QStringLiteral("held")), QString());
        window.showJobTab(QStringLiteral("changes"));
        window.selectJob(QStringLiteral("held"));
        QTRY_VERIFY(window.changesView()->placeholder().contains(QStringLiteral("No attempt yet")));
        window.close();
    }

    // Land and Discard from the tab: each asks first, then says what it did.
    void landAndDiscardFromTheTab()
    {
        const auto opened = twoWritersDone();
        if (QTest::currentTestFailed())
            return;
        MainWindow &window = *opened;
        ChangesView *view = window.changesView();
        window.showJobTab(QStringLiteral("changes"));

        window.selectJob(QStringLiteral("job-a"));
        auto *land = child<QPushButton>(*view, "landButton");
        QTRY_VERIFY(view->jobId() == QStringLiteral("job-a") && land->isEnabled());
        land->click();
        QMessageBox *box = question(window, "confirmLand");
        QVERIFY2(box->text().contains(QStringLiteral("main")), qPrintable(box->text()));
        box->defaultButton()->click();
        QTRY_VERIFY2_WITH_TIMEOUT(banner(window).contains(QStringLiteral("1 job landed on main")), qPrintable(banner(window)), 15000);
        QTRY_COMPARE_WITH_TIMEOUT(changesText(window, QStringLiteral("job-a")), QStringLiteral("landed \u00b7 +1 \u22120 in 1 file"), 10000);
        QCOMPARE(git({QStringLiteral("show"), QStringLiteral("main:a.txt")}), QByteArray("added by job-a\n"));
        QTRY_VERIFY(view->headerText().contains(QStringLiteral("Landed")));
        QVERIFY(!land->isEnabled());
        QVERIFY2(land->toolTip().contains(QStringLiteral("Already landed on main")), qPrintable(land->toolTip()));

        // Discard: the worktree goes, the column says so, nothing is offered twice.
        window.selectJob(QStringLiteral("job-b"));
        auto *discard = child<QPushButton>(*view, "discardButton");
        QTRY_VERIFY(view->jobId() == QStringLiteral("job-b") && discard->isEnabled());
        const QString worktree = window.jobsModel()->job(rowOf(window, QStringLiteral("job-b"))).worktreePath;
        QVERIFY(QFileInfo(worktree).isDir());
        discard->click();
        box = question(window, "confirmDiscard");
        QVERIFY2(box->text().contains(worktree), qPrintable(box->text()));
        box->defaultButton()->click();
        QTRY_COMPARE_WITH_TIMEOUT(changesText(window, QStringLiteral("job-b")), QStringLiteral("discarded"), 15000);
        QTRY_VERIFY(banner(window).contains(QStringLiteral("Job job-b discarded")));
        QVERIFY(!QFileInfo(worktree).exists());
        QTRY_VERIFY(!discard->isEnabled());
        QVERIFY(discard->toolTip().contains(QStringLiteral("Already discarded")));
        QVERIFY(!land->isEnabled());
        QVERIFY(!child<QPushButton>(*view, "openWorktreeButton")->isEnabled());
        window.close();
    }

    // "Land run…": the dry run's order and prediction, another branch and
    // squash asked again, Enter lands, the table then says what happened.
    void landsARunThroughTheDialog()
    {
        git({QStringLiteral("branch"), QStringLiteral("feature")});
        const QByteArray base = git({QStringLiteral("rev-parse"), QStringLiteral("main")});
        const auto opened = twoWritersDone();
        if (QTest::currentTestFailed())
            return;
        MainWindow &window = *opened;

        QPointer<LandDialog> dialog = window.openLandDialog(kRun);
        QVERIFY(dialog->isVisible());
        const QStringList willLand{QStringLiteral("job-a: will land"), QStringLiteral("job-b: will land")};
        QTRY_COMPARE_WITH_TIMEOUT(results(*dialog), willLand, 15000);
        QVERIFY(!dialog->isBusy());
        QCOMPARE(dialog->errorText(), QString());
        QCOMPARE(dialog->branchBox()->currentText(), QStringLiteral("main"));
        QVERIFY2(dialog->summaryText().contains(QStringLiteral("2 jobs will land on main")), qPrintable(dialog->summaryText()));
        QCOMPARE(dialog->entriesView()->topLevelItem(0)->text(LandDialog::ChangeColumn), QStringLiteral("+1 \u22120 in 1 file"));
        QVERIFY(dialog->landButton()->isEnabled());

        // A branch that does not exist: the engine's words, no prediction, no Land.
        dialog->branchBox()->setCurrentText(QStringLiteral("no-such-branch"));
        QVERIFY(!dialog->landButton()->isEnabled());
        QTRY_VERIFY_WITH_TIMEOUT(dialog->errorText().contains(QStringLiteral("no-such-branch")), 15000);
        QCOMPARE(dialog->entriesView()->topLevelItemCount(), 0);
        QVERIFY(!dialog->landButton()->isEnabled());

        // Another branch typed and Enter: asked again, not landed on the old prediction.
        QLineEdit *branch = dialog->branchBox()->lineEdit();
        branch->selectAll();
        QTest::keyClicks(branch, QStringLiteral("feature"));
        QTest::keyClick(branch, Qt::Key_Return);
        QVERIFY(dialog->isBusy());
        QVERIFY(!dialog->hasLanded());
        QTRY_VERIFY2_WITH_TIMEOUT(dialog->summaryText().contains(QStringLiteral("on feature")), qPrintable(dialog->summaryText()), 15000);
        QCOMPARE(dialog->errorText(), QString());
        QTRY_VERIFY(dialog->landButton()->isEnabled());
        // Squash: asked again too.
        dialog->squashBox()->setChecked(true);
        QVERIFY(dialog->isBusy());
        QTRY_VERIFY_WITH_TIMEOUT(!dialog->isBusy(), 15000);
        QCOMPARE(results(*dialog), willLand);
        dialog->squashBox()->setChecked(false);
        dialog->branchBox()->setCurrentText(QStringLiteral("main"));
        QTRY_VERIFY_WITH_TIMEOUT(dialog->summaryText().contains(QStringLiteral("on main")) && dialog->landButton()->isEnabled(), 15000);

        // Enter lands.
        QTest::keyClick(dialog, Qt::Key_Return);
        QTRY_VERIFY_WITH_TIMEOUT(dialog->hasLanded(), 15000);
        QCOMPARE(dialog->errorText(), QString());
        const QStringList landed = results(*dialog);
        QCOMPARE(landed.size(), 2);
        for (const QString &line : landed)
            QVERIFY2(line.contains(QStringLiteral(": landed as ")), qPrintable(line));
        QVERIFY2(dialog->summaryText().contains(QStringLiteral("2 jobs landed on main")), qPrintable(dialog->summaryText()));
        QVERIFY(!dialog->landButton()->isEnabled());
        QVERIFY(!dialog->branchBox()->isEnabled());

        // Both changes are in the branch (and the clean checkout that has it).
        QCOMPARE(git({QStringLiteral("show"), QStringLiteral("main:a.txt")}), QByteArray("added by job-a\n"));
        QCOMPARE(git({QStringLiteral("show"), QStringLiteral("main:b.txt")}), QByteArray("added by job-b\n"));
        // The dry runs on feature changed nothing.
        QCOMPARE(git({QStringLiteral("rev-parse"), QStringLiteral("feature")}), base);
        QTRY_COMPARE_WITH_TIMEOUT(changesText(window, QStringLiteral("job-a")), QStringLiteral("landed \u00b7 +1 \u22120 in 1 file"), 10000);
        QTRY_COMPARE(changesText(window, QStringLiteral("job-b")), QStringLiteral("landed \u00b7 +1 \u22120 in 1 file"));

        // Esc closes it.
        QTest::keyClick(dialog, Qt::Key_Escape);
        QTRY_VERIFY(!dialog || !dialog->isVisible());

        // Landed once: a second look says so instead of landing again.
        dialog = window.openLandDialog(kRun);
        QTRY_VERIFY_WITH_TIMEOUT(!dialog->isBusy() && (dialog->entriesView()->topLevelItemCount() > 0 || !dialog->errorText().isEmpty()), 15000);
        QVERIFY(!dialog->landButton()->isEnabled());
        dialog->reject();
        window.close();
    }
};

QTEST_MAIN(TestDashboardChanges)
#include "tst_dashboardchanges.moc"
