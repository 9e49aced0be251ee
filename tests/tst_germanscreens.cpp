// The dashboard in German shows no English: a real database with jobs that
// succeeded, failed with a reason, wait to retry, wait on another job, wait
// in the paused queue and were stopped by a failed upstream job; each job
// selected and each tab, view, the workers, the submit dialog and the
// conversion wizard opened; every text a user reads there (labels, buttons,
// tabs, headers, the models' cells and tooltips, actions, the status bar,
// the graph's items) is checked for English words. Data (job and run ids,
// tool names, paths, commands, log output) is not language and is skipped.

#include <QAbstractButton>
#include <QAction>
#include <QApplication>
#include <QComboBox>
#include <QDockWidget>
#include <QGraphicsItem>
#include <QGraphicsScene>
#include <QGraphicsSimpleTextItem>
#include <QGraphicsTextItem>
#include <QGraphicsView>
#include <QGroupBox>
#include <QHeaderView>
#include <QSysInfo>
#include <QJsonArray>
#include <QJsonObject>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QPlainTextEdit>
#include <QRegularExpression>
#include <QStatusBar>
#include <QTabBar>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>
#include <QTextBrowser>
#include <QTextDocumentFragment>
#include <QTreeView>
#include <QWizard>

#include "api/messagetext.h"
#include "app/translation.h"
#include "dialogs/submitdialog.h"
#include "models/jobtablemodel.h"
#include "testsupport.h"
#include "views/conversationview.h"
#include "views/logview.h"
#include "views/mainwindow.h"
#include "wizard/conversionwizard.h"

using namespace Orchestrator;
using namespace Orchestrator::Ui;
using namespace TestSupport;

namespace {

// Words of English that are not German words (nor loanwords German uses:
// "Job", "Code", "Worker", "Engine", "Log", "Details" and "Graph" are both).
const QRegularExpression &englishWords()
{
    static const QRegularExpression words(
        QStringLiteral("\\b(the|attempts?|exited|with|failed|queued|running|retry|retrying|retried|backoff|elapsed|already|"
                       "succeeded|cancelled|canceled|waiting|upstream|timed|is|are|has|have|of|for|from|by|and|or|yet|next|"
                       "this|that|which|when|there|here|cannot|could|would|should|please|select|submit|submitted|cancel|"
                       "pause|paused|resume|queue|show|hide|started|finished|duration|state|priority|reason|tool|changes|"
                       "killed|depends|requested|user|interrupted|file|files|folder|new|open|close|"
                       "next|back|finish|help|yes|no|apply|save|discard|land|landed|run|runs)\\b"),
        QRegularExpression::CaseInsensitiveOption | QRegularExpression::UseUnicodePropertiesOption);
    return words;
}

QString plain(const QString &text)
{
    return Qt::mightBeRichText(text) ? QTextDocumentFragment::fromHtml(text).toPlainText() : text;
}

} // namespace

class TestGermanScreens final : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    QString m_db;
    QStringList m_data;      // ids, tools, paths: skipped in every text
    QStringList m_english;   // "where: text [words]"
    QSet<QString> m_seen;

    QString job(const QString &jobId, const QStringList &args, const QJsonValue &retry,
                const QStringList &dependencies = {})
    {
        QJsonObject spec{{QStringLiteral("job_id"), jobId},
                         {QStringLiteral("run_id"), QStringLiteral("lauf-1")},
                         {QStringLiteral("workstream_id"), QStringLiteral("strang-a")},
                         {QStringLiteral("tool"), QStringLiteral("shell")},
                         {QStringLiteral("metadata"), QJsonObject{{QStringLiteral("retry_policy"), retry}}},
                         {QStringLiteral("command"), QJsonObject{{QStringLiteral("exe"), testHelper()},
                                                                 {QStringLiteral("args"), QJsonArray::fromStringList(args)}}}};
        if (!dependencies.isEmpty())
            spec.insert(QStringLiteral("dependencies"), QJsonArray::fromStringList(dependencies));
        return writeJson(m_dir.filePath(QStringLiteral("jobs/%1.json").arg(jobId)), spec);
    }

    // The words of `text` that are English once its data is taken out.
    QStringList englishIn(QString text) const
    {
        text = plain(text);
        for (const QString &data : m_data)
            text.replace(data, QStringLiteral(" "));
        // Commands to type (`orchestrator worker`), JSON's names and values
        // ("tool": "shell"; German quotes „so“), paths and JSON pointers, options.
        static const QRegularExpression code(QStringLiteral("`[^`]*`|\"[^\"]*\"|(?<![\\w])/[^\\s,;:()\"“”„]*|--[\\w-]+"));
        text.replace(code, QStringLiteral(" "));
        QStringList found;
        for (auto it = englishWords().globalMatch(text); it.hasNext();)
            found.append(it.next().captured());
        return found;
    }

    void check(const QString &where, const QString &text)
    {
        if (text.trimmed().isEmpty())
            return;
        const QString entry = where + QLatin1String(": ") + text;
        if (m_seen.contains(entry))
            return;
        m_seen.insert(entry);
        if (const QStringList words = englishIn(text); !words.isEmpty())
            m_english.append(QStringLiteral("%1: \"%2\" [%3]").arg(where, plain(text).simplified().left(300), words.join(QStringLiteral(", "))));
    }

    static QString nameOf(const QObject *object)
    {
        QString name = QString::fromLatin1(object->metaObject()->className());
        if (!object->objectName().isEmpty())
            name += QLatin1Char('#') + object->objectName();
        return name;
    }

    void checkModel(const QString &where, const QAbstractItemModel *model, const QModelIndex &parent = {}, int depth = 0)
    {
        if (!model || depth > 3)
            return;
        if (!parent.isValid()) {
            for (int column = 0; column < model->columnCount(); ++column) {
                check(where + QStringLiteral(" header %1").arg(column), model->headerData(column, Qt::Horizontal).toString());
                check(where + QStringLiteral(" header tooltip %1").arg(column),
                      model->headerData(column, Qt::Horizontal, Qt::ToolTipRole).toString());
            }
        }
        const int rows = qMin(model->rowCount(parent), 200);
        for (int row = 0; row < rows; ++row) {
            for (int column = 0; column < model->columnCount(parent); ++column) {
                const QModelIndex index = model->index(row, column, parent);
                const QString cell = QStringLiteral(" [%1,%2]").arg(row).arg(column);
                check(where + cell, index.data(Qt::DisplayRole).toString());
                check(where + cell + QStringLiteral(" tooltip"), index.data(Qt::ToolTipRole).toString());
            }
            checkModel(where, model, model->index(row, 0, parent), depth + 1);
        }
    }

    // Every text a user can read in `root` now: its visible widgets only (a
    // tab not shown is checked when it is shown). The log and the
    // conversation are the tools' output: data.
    void checkVisible(const QString &screen, QWidget *root)
    {
        QList<QWidget *> widgets = root->findChildren<QWidget *>();
        widgets.prepend(root);
        for (QWidget *w : std::as_const(widgets)) {
            if (!w->isVisible())
                continue;
            bool isData = false;
            for (QWidget *p = w; p && !isData; p = p->parentWidget())
                isData = qobject_cast<LogView *>(p) || qobject_cast<ConversationView *>(p);
            if (isData)
                continue;
            const QString where = screen + QLatin1String(" / ") + nameOf(w);
            check(where + QStringLiteral(" tooltip"), w->toolTip());
            if (auto *label = qobject_cast<QLabel *>(w))
                check(where, label->text());
            else if (auto *button = qobject_cast<QAbstractButton *>(w))
                check(where, button->text());
            else if (auto *group = qobject_cast<QGroupBox *>(w))
                check(where, group->title());
            else if (auto *edit = qobject_cast<QLineEdit *>(w))
                check(where + QStringLiteral(" placeholder"), edit->placeholderText());
            else if (auto *text = qobject_cast<QPlainTextEdit *>(w))
                check(where + QStringLiteral(" placeholder"), text->placeholderText());
            else if (auto *browser = qobject_cast<QTextEdit *>(w))
                check(where, browser->toPlainText());
            else if (auto *combo = qobject_cast<QComboBox *>(w)) {
                for (int i = 0; i < combo->count(); ++i)
                    check(where + QStringLiteral(" item %1").arg(i), combo->itemText(i));
            } else if (auto *tabs = qobject_cast<QTabBar *>(w)) {
                for (int i = 0; i < tabs->count(); ++i) {
                    check(where + QStringLiteral(" tab %1").arg(i), tabs->tabText(i));
                    check(where + QStringLiteral(" tab tooltip %1").arg(i), tabs->tabToolTip(i));
                }
            } else if (auto *view = qobject_cast<QAbstractItemView *>(w)) {
                checkModel(where, view->model());
            } else if (auto *graphics = qobject_cast<QGraphicsView *>(w); graphics && graphics->scene()) {
                const QList<QGraphicsItem *> items = graphics->scene()->items();
                for (const QGraphicsItem *item : items) {
                    check(where + QStringLiteral(" item tooltip"), item->toolTip());
                    if (const auto *simple = dynamic_cast<const QGraphicsSimpleTextItem *>(item))
                        check(where + QStringLiteral(" item"), simple->text());
                    else if (const auto *rich = dynamic_cast<const QGraphicsTextItem *>(item))
                        check(where + QStringLiteral(" item"), rich->toPlainText());
                }
            }
        }
    }

    void checkWindow(const QString &screen, MainWindow &window)
    {
        checkVisible(screen, &window);
        check(screen + QStringLiteral(" / status bar"), window.statusBar()->currentMessage());
        check(screen + QStringLiteral(" / title"), window.windowTitle());
        const QList<QAction *> actions = window.findChildren<QAction *>();
        for (const QAction *action : actions) {
            check(screen + QStringLiteral(" / action ") + action->objectName(), action->text());
            check(screen + QStringLiteral(" / action tooltip ") + action->objectName(), action->toolTip());
        }
    }

    static QString stateOf(MainWindow &window, const QString &jobId)
    {
        const int row = window.jobsModel()->rowOf(jobId);
        return row < 0 ? QString() : toString(window.jobsModel()->job(row).state);
    }

    static QAction *action(MainWindow &window, const char *source)
    {
        const QString text = QCoreApplication::translate("Orchestrator::Ui::MainWindow", source);
        for (QAction *a : window.findChildren<QAction *>()) {
            if (a->text() == text)
                return a;
        }
        qFatal("no action %s", source);
        return nullptr;
    }

    void failOnEnglish()
    {
        const QStringList english = std::exchange(m_english, {});
        // Each on a line of its own: QVERIFY2 cuts a long message short.
        for (const QString &line : english)
            qWarning().noquote() << "English:" << line;
        QVERIFY2(english.isEmpty(), qPrintable(QStringLiteral("%1 English text(s) on German screens:\n").arg(english.size())
                                               + english.join(QLatin1Char('\n'))));
    }

private Q_SLOTS:
    void initTestCase()
    {
#ifndef ORCH_TRANSLATIONS_EMBEDDED
        QSKIP("built without Qt Linguist tools: no German to check");
#endif
        isolateDashboardSettings(m_dir);
        QVERIFY(installTranslator(*qApp, QStringLiteral("de")));
        QCOMPARE(QLocale().language(), QLocale::German);
        m_db = m_dir.filePath(QStringLiteral("state.db"));
        m_data = {m_dir.path(), testHelper(), QStringLiteral("state.db"), QSysInfo::machineHostName(), QStringLiteral("lauf-1"),
                  QStringLiteral("strang-a"), QStringLiteral("shell"), QStringLiteral("orchestrator")};
        for (const char *id : {"alpha", "beta", "gamma", "delta", "epsilon", "zeta"})
            m_data.append(QString::fromLatin1(id));
    }

    void cleanupTestCase()
    {
        installTranslator(*qApp, QStringLiteral("en"));
        QLocale::setDefault(QLocale::c());
    }

    // The words themselves: English is found, German and data are not.
    void detectsEnglish_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<bool>("english");
        QTest::newRow("engine reason") << QStringLiteral("attempt 1: exited with code 3") << true;
        QTest::newRow("command error") << QStringLiteral("job alpha is already succeeded") << true;
        QTest::newRow("event detail") << QStringLiteral("attempt 1 with shell on host:12:0") << true;
        QTest::newRow("in a table") << QStringLiteral("<b>Backoff</b> elapsed") << true;
        QTest::newRow("german reason") << QStringLiteral("Versuch 1: mit Code 3 beendet") << false;
        QTest::newRow("german command error") << QStringLiteral("Job alpha hat bereits den Zustand „Erfolgreich“") << false;
        QTest::newRow("a path") << QStringLiteral("Logdatei: /tmp/the/run/attempt-1.log") << false;
        QTest::newRow("a command") << QStringLiteral("Starten Sie eine mit `orchestrator worker --with-the-db`") << false;
        QTest::newRow("a word inside a name") << QStringLiteral("retry_policy: keins") << false;
    }

    void detectsEnglish()
    {
        QFETCH(QString, text);
        QFETCH(bool, english);
        QCOMPARE(!englishIn(text).isEmpty(), english);
    }

    // The engine's messages, and MessageText's rules: arguments of their own
    // kinds, nested messages, numbers in the locale, unknown text unchanged.
    void engineMessagesInGerman_data()
    {
        QTest::addColumn<QString>("english");
        QTest::addColumn<QString>("german");
        QTest::newRow("exit code") << QStringLiteral("attempt 1: exited with code 3") << QStringLiteral("Versuch 1: mit Code 3 beendet");
        QTest::newRow("retry at")
            << QStringLiteral("attempt 2 exited with code 3; retry at 12:30:05 with codex")
            << QStringLiteral("Versuch 2: mit Code 3 beendet; Wiederholung um 12:30:05 mit codex");
        QTest::newRow("already")
            << QStringLiteral("job demo-unit-tests is already succeeded")
            << QStringLiteral("Job demo-unit-tests hat bereits den Zustand „Erfolgreich“");
        QTest::newRow("repeated argument")
            << QStringLiteral("job b depends on a, which is failed; retry a instead")
            << QStringLiteral("Job b hängt von a ab, das den Zustand „Fehlgeschlagen“ hat; wiederholen Sie stattdessen a");
        QTest::newRow("event detail")
            << QStringLiteral("attempt 1 with shell on host:4711:0") << QStringLiteral("Versuch 1 mit shell auf host:4711:0");
        QTest::newRow("nested twice")
            << QStringLiteral("attempt 3: interrupted: engine h:1:0 died; 2 leftover process(es) killed; queued again (crash 1 of 3 before quarantine)")
            << QStringLiteral("Versuch 3: unterbrochen: Engine h:1:0 ist abgestürzt; 2 übrig gebliebene Prozesse beendet; wieder eingereiht "
                              "(Absturz 1 von 3 vor der Quarantäne)");
        QTest::newRow("decimal in the locale")
            << QStringLiteral("attempt 1: codex: rate limited (exit code 1); it waited for rate limits 90 min already (at most 1.5 h): given up")
            << QStringLiteral("Versuch 1: codex: Ratenlimit erreicht (Exit-Code 1); er hat bereits 90 min auf Ratenlimits gewartet "
                              "(höchstens 1,5 h): aufgegeben");
        QTest::newRow("list of waits")
            << QStringLiteral("waiting on a (failed), b (retry_waiting)")
            << QStringLiteral("wartet auf a (Fehlgeschlagen), b (Wartet auf Wiederholung)");
        QTest::newRow("a line each")
            << QStringLiteral("no job with id \"x\"\njob y is already cancelled")
            << QStringLiteral("kein Job mit der ID „x“\nJob y hat bereits den Zustand „Abgebrochen“");
        QTest::newRow("unknown") << QStringLiteral("something the engine never said") << QStringLiteral("something the engine never said");
        QTest::newRow("%2 in an argument")
            << QStringLiteral("program \"/opt/%2/x\" does not exist") << QStringLiteral("Programm „/opt/%2/x“ existiert nicht");
    }

    void engineMessagesInGerman()
    {
        QFETCH(QString, english);
        QFETCH(QString, german);
        QCOMPARE(MessageText::translated(english), german);
    }

    void mainViewsHaveNoEnglish()
    {
        const QJsonValue none = QStringLiteral("none");
        const QJsonObject slowRetry{{QStringLiteral("max_attempts"), 3}, {QStringLiteral("backoff_seconds"), 3600}};
        const QStringList files{job(QStringLiteral("alpha"), {}, none),
                                job(QStringLiteral("beta"), {QStringLiteral("--exit"), QStringLiteral("3")}, none),
                                job(QStringLiteral("gamma"), {}, none, {QStringLiteral("beta")}),
                                job(QStringLiteral("delta"), {QStringLiteral("--exit"), QStringLiteral("3")}, slowRetry),
                                job(QStringLiteral("epsilon"), {}, none, {QStringLiteral("delta")})};
        QCOMPARE(cliExit(m_db, QStringList{QStringLiteral("submit")} + files), 0);

        DashboardOptions options;
        options.databasePath = m_db;
        options.databaseGivenWithDb = true;
        MainWindow window(options);
        window.resize(1600, 1000);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        QTRY_COMPARE_WITH_TIMEOUT(stateOf(window, QStringLiteral("alpha")), QStringLiteral("succeeded"), 20000);
        QTRY_COMPARE_WITH_TIMEOUT(stateOf(window, QStringLiteral("beta")), QStringLiteral("failed"), 20000);
        QTRY_COMPARE_WITH_TIMEOUT(stateOf(window, QStringLiteral("gamma")), QStringLiteral("upstream_failed"), 20000);
        QTRY_COMPARE_WITH_TIMEOUT(stateOf(window, QStringLiteral("delta")), QStringLiteral("retry_waiting"), 20000);
        QCOMPARE(stateOf(window, QStringLiteral("epsilon")), QStringLiteral("waiting"));

        // A job that stays queued: the queue paused first.
        action(window, "&Pause queue")->trigger();
        QTRY_VERIFY(window.statusBar()->currentMessage().startsWith(
            QCoreApplication::translate("Orchestrator::Ui::EngineHost", "Queue paused: running jobs continue, no new job starts.")));
        QCOMPARE(cliExit(m_db, {QStringLiteral("submit"), job(QStringLiteral("zeta"), {}, none)}), 0);
        QTRY_COMPARE_WITH_TIMEOUT(stateOf(window, QStringLiteral("zeta")), QStringLiteral("queued"), 20000);

        QTextBrowser *details = nullptr;
        for (QTextBrowser *browser : window.findChildren<QTextBrowser *>()) {
            if (browser->accessibleName() == QCoreApplication::translate("Orchestrator::Ui::MainWindow", "Job details"))
                details = browser;
        }
        QVERIFY(details);
        checkWindow(QStringLiteral("jobs"), window);
        for (const char *id : {"alpha", "beta", "gamma", "delta", "epsilon", "zeta"}) {
            const QString jobId = QString::fromLatin1(id);
            window.selectJob(jobId);
            // The details query answered: the spec as submitted is shown.
            QTRY_VERIFY(details->toPlainText().contains(QStringLiteral("\"job_id\": \"%1\"").arg(jobId)));
            for (const char *tab : {"log", "retry", "details", "changes", "conversation"}) {
                window.showJobTab(QString::fromLatin1(tab));
                checkWindow(jobId + QLatin1Char('/') + QLatin1String(tab), window);
            }
        }
        for (const char *view : {"graph", "timeline", "jobs"}) {
            window.showView(QString::fromLatin1(view));
            QTest::qWait(300);   // the run's graph and timeline are asked for when shown
            checkWindow(QLatin1String(view), window);
        }
        auto *workers = window.findChild<QDockWidget *>(QStringLiteral("workersDock"));
        QVERIFY(workers);
        workers->show();
        QTRY_VERIFY(workers->widget()->findChild<QTableView *>()->model()->rowCount() > 0);
        checkWindow(QStringLiteral("workers"), window);
        failOnEnglish();
    }

    // The submit form with problems (one the form finds, one the engine's
    // validation finds), and the conversion wizard's first page.
    void dialogsHaveNoEnglish()
    {
        SubmitDialog dialog;
        dialog.show();
        QVERIFY(QTest::qWaitForWindowExposed(&dialog));
        auto *jobId = dialog.findChild<QLineEdit *>(QStringLiteral("jobIdEdit"));
        QVERIFY(jobId);
        QTRY_VERIFY(!dialog.problems().isEmpty());
        checkVisible(QStringLiteral("submit dialog, empty"), &dialog);
        jobId->setText(QStringLiteral("kein gültiger Name!"));
        QTRY_VERIFY(dialog.validationMessages().contains(QStringLiteral("/job_id")));
        checkVisible(QStringLiteral("submit dialog, bad id"), &dialog);
        dialog.setJobFile(TestSupport::writeFile(m_dir.filePath(QStringLiteral("broken.json")), "{\"job_id\": 5"));
        QTRY_VERIFY(!dialog.validationMessages().isEmpty());
        checkVisible(QStringLiteral("submit dialog, broken file"), &dialog);

        ConversionWizard wizard;
        wizard.show();
        QVERIFY(QTest::qWaitForWindowExposed(&wizard));
        checkVisible(QStringLiteral("conversion wizard"), &wizard);
        failOnEnglish();
    }
};

QTEST_MAIN(TestGermanScreens)
#include "tst_germanscreens.moc"
