// The dashboard keeps its database whatever happens around it: a file dialog
// that lists the database's folder leaves SQLite's locks alone, and when
// something outside SQLite does drop them (or deletes the WAL), the window
// notices, says so once, reopens and goes on running what the command line
// submits. Real window (offscreen), real engine, real CLI processes.

#include <fcntl.h>
#include <unistd.h>

#include <QApplication>
#include <QFileSystemModel>
#include <QJsonArray>
#include <QJsonObject>
#include <QLabel>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

#include "core/databasefiles.h"
#include "dialogs/filedialogs.h"
#include "models/jobtablemodel.h"
#include "store/database.h"
#include "testsupport.h"
#include "widgetsupport.h"
#include "views/mainwindow.h"

using namespace Orchestrator;
using namespace Orchestrator::Ui;
using namespace TestSupport;
using namespace WidgetSupport;

class TestDatabaseFiles final : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;

    QString jobFile(const QString &id)
    {
        return writeJson(m_dir.filePath(id + QStringLiteral(".json")),
                         QJsonObject{{QStringLiteral("job_id"), id},
                                     {QStringLiteral("tool"), QStringLiteral("shell")},
                                     {QStringLiteral("command"),
                                      QJsonObject{{QStringLiteral("exe"), testHelper()},
                                                  {QStringLiteral("args"), QJsonArray{QStringLiteral("--print"), id}}}}});
    }

    static QString stateOf(MainWindow &window, const QString &jobId)
    {
        const int row = window.jobsModel()->rowOf(jobId);
        return row < 0 ? QString() : toString(window.jobsModel()->job(row).state);
    }


    // The descriptors of this process that point at a deleted -wal or -shm.
    static QStringList deletedDatabaseFiles(const QString &db)
    {
        QStringList deleted;
        const QDir fds(QStringLiteral("/proc/self/fd"));
        for (const QString &fd : fds.entryList(QDir::NoDotAndDotDot | QDir::AllEntries | QDir::System)) {
            const QString target = QFile::symLinkTarget(fds.filePath(fd));
            if (target.startsWith(QFileInfo(db).canonicalFilePath()) && target.endsWith(QLatin1String(" (deleted)")))
                deleted.append(target);
        }
        return deleted;
    }

    // Submits `id` from another process and waits for the window to show it succeeded.
    void submitAndSeeItRun(MainWindow &window, const QString &db, const QString &id)
    {
        const CliRun submitted = runCli({QStringLiteral("--db"), db, QStringLiteral("submit"), jobFile(id)}, m_dir.path());
        QVERIFY2(submitted.exitCode == 0, submitted.err.constData());
        QTRY_COMPARE_WITH_TIMEOUT(stateOf(window, id), QStringLiteral("succeeded"), 20000);
    }

    void verifyIntact(const QString &db)
    {
        QVERIFY(QFileInfo::exists(db + QStringLiteral("-wal")));
        QVERIFY2(deletedDatabaseFiles(db).isEmpty(), qPrintable(deletedDatabaseFiles(db).join(u' ')));
        const Status intact = DatabaseFiles::checkIntact(db);
        QVERIFY2(intact.ok(), qPrintable(intact.error().message));
        const CliRun check = runCli({QStringLiteral("--db"), db, QStringLiteral("list")}, m_dir.path());
        QCOMPARE(check.exitCode, 0);
        auto database = Database::open(db);
        QVERIFY(database.ok());
        QSqlQuery query(database->connection());
        QVERIFY(query.exec(QStringLiteral("PRAGMA integrity_check")) && query.next());
        QCOMPARE(query.value(0).toString(), QStringLiteral("ok"));
    }

    struct Window
    {
        std::unique_ptr<MainWindow> window;
        QString db;
    };

    // A dashboard on a fresh database that has already run one job.
    Window openWindow(const QString &name)
    {
        Window w;
        w.db = m_dir.filePath(name + QStringLiteral("/state.db"));
        const CliRun first = runCli({QStringLiteral("--db"), w.db, QStringLiteral("submit"), jobFile(name + QStringLiteral("-first"))},
                                    m_dir.path());
        if (first.exitCode != 0)
            qFatal("submit failed: %s", first.err.constData());
        DashboardOptions options;
        options.databasePath = w.db;
        options.workers = 2;
        w.window = std::make_unique<MainWindow>(options);
        w.window->show();
        return w;
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        TestSupport::isolateDashboardSettings(m_dir);
        qputenv("ORCHESTRATOR_BUSY_TIMEOUT_MS", "10000");
    }

    // The reproduction of the report: Open... in the database's folder,
    // Cancel, then `list` and `submit` from a terminal.
    void fileDialogOnTheDatabaseFolder()
    {
        Window w = openWindow(QStringLiteral("dialog"));
        QTRY_COMPARE_WITH_TIMEOUT(stateOf(*w.window, QStringLiteral("dialog-first")), QStringLiteral("succeeded"), 20000);
        QTRY_VERIFY(QFileInfo::exists(w.db + QStringLiteral("-shm")));

        std::unique_ptr<QFileDialog> dialog(FileDialogs::create(w.window.get(), QStringLiteral("Open Job File"),
                                                                QFileInfo(w.db).absolutePath(),
                                                                QStringLiteral("Job files (*.json);;All files (*)")));
        dialog->selectNameFilter(QStringLiteral("All files (*)"));
        dialog->setViewMode(QFileDialog::Detail);
        dialog->show();
        auto *model = dialog->findChild<QFileSystemModel *>();
        QVERIFY(model);
        // Every file of the folder listed, with the icon and type a view shows.
        const QModelIndex root = model->index(QFileInfo(w.db).absolutePath());
        QTRY_VERIFY_WITH_TIMEOUT(model->rowCount(root) >= 3, 10000);
        QStringList names;
        for (int row = 0; row < model->rowCount(root); ++row) {
            const QModelIndex index = model->index(row, 0, root);
            names.append(index.data().toString());
            (void)index.data(Qt::DecorationRole);
            (void)model->index(row, 2, root).data();   // the type column
            QCOMPARE(model->fileIcon(index).isNull(), false);
        }
        QVERIFY2(names.contains(QStringLiteral("state.db-wal")), qPrintable(names.join(u' ')));
        QTest::qWait(300);   // the icon gatherer works in its own thread
        dialog->reject();
        dialog.reset();

        const Status intact = DatabaseFiles::checkIntact(w.db);
        QVERIFY2(intact.ok(), qPrintable(intact.error().message));
        QCOMPARE(runCli({QStringLiteral("--db"), w.db, QStringLiteral("list")}, m_dir.path()).exitCode, 0);
        QVERIFY(QFileInfo::exists(w.db + QStringLiteral("-wal")));
        submitAndSeeItRun(*w.window, w.db, QStringLiteral("dialog-second"));
        // Nothing had to be repaired: no banner about the database.
        QVERIFY2(!visibleLabels(*w.window).contains(QStringLiteral("lock")), qPrintable(visibleLabels(*w.window)));
        verifyIntact(w.db);
    }

    // What the dialog used to do, on purpose: open and close the database in
    // this process. The window notices, says so once, reopens, and runs what
    // the command line submits afterwards.
    void locksDroppedBehindSqlitesBack()
    {
        Window w = openWindow(QStringLiteral("locks"));
        QTRY_COMPARE_WITH_TIMEOUT(stateOf(*w.window, QStringLiteral("locks-first")), QStringLiteral("succeeded"), 20000);
        for (const char *suffix : {"", "-wal", "-shm"}) {
            const int fd = ::open(QFile::encodeName(w.db + QLatin1String(suffix)).constData(), O_RDONLY | O_CLOEXEC);
            QVERIFY(fd >= 0);
            ::close(fd);
        }
        QVERIFY(!DatabaseFiles::checkIntact(w.db).ok());
        // The next command line to close used to delete the WAL here.
        QCOMPARE(runCli({QStringLiteral("--db"), w.db, QStringLiteral("list")}, m_dir.path()).exitCode, 0);
        QVERIFY(QFileInfo::exists(w.db + QStringLiteral("-wal")));
        QTRY_VERIFY_WITH_TIMEOUT(visibleLabels(*w.window).contains(QStringLiteral("lost its lock")), 10000);
        QTRY_VERIFY_WITH_TIMEOUT(DatabaseFiles::checkIntact(w.db).ok(), 10000);
        submitAndSeeItRun(*w.window, w.db, QStringLiteral("locks-second"));
        verifyIntact(w.db);
    }

    // Another program (not an orchestrator) deleted the WAL and -shm, as the
    // command line did before: the window stops writing into the unlinked
    // file, opens the new one and goes on.
    void walDeletedUnderTheWindow()
    {
        Window w = openWindow(QStringLiteral("deleted"));
        QTRY_COMPARE_WITH_TIMEOUT(stateOf(*w.window, QStringLiteral("deleted-first")), QStringLiteral("succeeded"), 20000);
        QVERIFY(QFile::remove(w.db + QStringLiteral("-wal")));
        QVERIFY(QFile::remove(w.db + QStringLiteral("-shm")));
        QTRY_VERIFY_WITH_TIMEOUT(visibleLabels(*w.window).contains(QStringLiteral("write-ahead log was deleted")), 10000);
        QTRY_VERIFY_WITH_TIMEOUT(deletedDatabaseFiles(w.db).isEmpty(), 10000);
        submitAndSeeItRun(*w.window, w.db, QStringLiteral("deleted-second"));
        verifyIntact(w.db);
    }

    // Nothing a user names is read or written when it is the open database.
    void databaseFilesAreNeverOpenedByHand()
    {
        Window w = openWindow(QStringLiteral("named"));
        QTRY_COMPARE_WITH_TIMEOUT(stateOf(*w.window, QStringLiteral("named-first")), QStringLiteral("succeeded"), 20000);
        for (const char *suffix : {"", "-wal", "-shm", "-journal"})
            QVERIFY2(DatabaseFiles::isInUse(w.db + QLatin1String(suffix)), suffix);
        QVERIFY(!DatabaseFiles::isInUse(m_dir.filePath(QStringLiteral("named-first.json"))));
        // Through a symbolic link, by inode.
        const QString link = m_dir.filePath(QStringLiteral("link-to-db"));
        QVERIFY(QFile::link(w.db, link));
        QVERIFY(DatabaseFiles::isInUse(link));
        const Status refused = DatabaseFiles::refuseIfInUse(link);
        QVERIFY(!refused.ok());
        QVERIFY(refused.error().message.startsWith(link + QStringLiteral(": not read")));
        // Dropped on the window (job files are submitted): refused, locks kept.
        w.window->openFiles({w.db, w.db + QStringLiteral("-wal")});
        QTRY_VERIFY_WITH_TIMEOUT(visibleLabels(*w.window).contains(QStringLiteral("not read")), 10000);
        const Status intact = DatabaseFiles::checkIntact(w.db);
        QVERIFY2(intact.ok(), qPrintable(intact.error().message));
        verifyIntact(w.db);
    }
};

QTEST_MAIN(TestDatabaseFiles)
#include "tst_databasefiles.moc"
