// The dashboard's side of AI tools under the offscreen platform, with the
// dashboard's own engine running a stand-in claude (a script replaying
// recorded stream-json slowly, line by line, and holding back the second half
// until the test lets it go): the Conversation tab shows the attempt's items
// while it runs and all of them after; the Tokens and Cost cells, the tree's
// cost and the timeline's line show the totals; the Retry state tab of a
// rate-limited job counts down to the reset, ticking only while shown, and
// says what the tool said; a job of a tool without events gets the
// placeholder.

#include <memory>

#include <QAbstractItemModelTester>
#include <QAction>
#include <QDateTime>
#include <QFile>
#include <QJsonObject>
#include <QLabel>
#include <QLocale>
#include <QSettings>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>
#include <QTextBrowser>
#include <QTextDocumentFragment>
#include <QTreeView>

#include "api/conversationreader.h"
#include "models/jobtablemodel.h"
#include "models/workstreammodel.h"
#include "testsupport.h"
#include "views/conversationview.h"
#include "views/mainwindow.h"
#include "views/retrypanel.h"
#include "widgetsupport.h"

using namespace Orchestrator;
using namespace Orchestrator::Ui;
using namespace TestSupport;
using namespace Qt::StringLiterals;
using WidgetSupport::child;

namespace {

bool hasItem(const QList<ConversationItem> &items, ConversationItem::Kind kind, const QString &text = {})
{
    return std::any_of(items.cbegin(), items.cend(), [&](const ConversationItem &item) {
        return item.kind == kind && (text.isEmpty() || item.text == text || item.paths.contains(text));
    });
}

} // namespace

class TestConversationView final : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_home;
    std::unique_ptr<QTemporaryDir> m_dir;
    QString m_db;
    QString m_standIn;
    QString m_gate;

    QString path(const QString &name) const { return m_dir->filePath(name); }

    // A claude job whose attempt N replays streams.at(N - 1) and exits with codes.at(N - 1).
    QJsonObject claudeJob(const QString &id, const QStringList &streams, const QList<int> &codes, int maxAttempts)
    {
        QJsonObject env{{u"ORCHESTRATOR_TOOL_PATH_CLAUDE"_s, m_standIn}, {u"STANDIN_GATE"_s, m_gate}};
        for (int i = 0; i < streams.size(); ++i) {
            env.insert(u"STANDIN_STREAM_%1"_s.arg(i + 1), streams.at(i));
            env.insert(u"STANDIN_EXIT_%1"_s.arg(i + 1), QString::number(codes.at(i)));
        }
        return QJsonObject{{u"job_id"_s, id},
                           {u"tool"_s, u"claude"_s},
                           {u"instructions"_s, u"add a README"_s},
                           {u"env"_s, env},
                           {u"metadata"_s, QJsonObject{{u"retry_policy"_s, QJsonObject{{u"max_attempts"_s, maxAttempts},
                                                                                       {u"backoff_seconds"_s, 0}}}}}};
    }

    void submit(const QList<QJsonObject> &jobs)
    {
        QStringList args{u"--db"_s, m_db, u"submit"_s};
        for (const QJsonObject &job : jobs)
            args.append(writeJson(path(u"jobs/%1.json"_s.arg(job.value(u"job_id"_s).toString())), job));
        const CliRun run = runCli(args, m_dir->path());
        QVERIFY2(run.exitCode == 0, run.err.constData());
    }

    std::unique_ptr<MainWindow> openWindow(int workers)
    {
        DashboardOptions options;
        options.databasePath = m_db;
        options.workers = workers;
        auto window = std::make_unique<MainWindow>(options);
        window->resize(1280, 800);
        window->show();
        return window;
    }

    static QString stateOf(MainWindow &window, const QString &jobId)
    {
        const int row = window.jobsModel()->rowOf(jobId);
        return row < 0 ? QString() : toString(window.jobsModel()->job(row).state);
    }

    static QModelIndex cell(MainWindow &window, const QString &jobId, int column)
    {
        return window.jobsModel()->index(window.jobsModel()->rowOf(jobId), column);
    }

private Q_SLOTS:
    void initTestCase()
    {
        qputenv("ORCHESTRATOR_TOOLS_FILE", "/nonexistent/tools.json");
        QLocale::setDefault(QLocale(QLocale::English, QLocale::UnitedStates));
        QVERIFY(m_home.isValid());
        QSettings::setDefaultFormat(QSettings::IniFormat);
        QSettings::setPath(QSettings::IniFormat, QSettings::UserScope, m_home.filePath(u"settings"_s));
        QSettings().clear();
    }

    void init()
    {
        m_dir = std::make_unique<QTemporaryDir>();
        QVERIFY(m_dir->isValid());
        m_db = path(u"data/orchestrator.db"_s);
        m_gate = path(u"gate"_s);
        // Line by line with a pause; at a line "@WAIT@" it waits (a minute
        // at most) for the gate file; "@RESET@" becomes an hour from now.
        m_standIn = writeFile(path(u"bin/claude"_s),
                              "#!/bin/sh\n"
                              "eval \"f=\\$STANDIN_STREAM_$ORCHESTRATOR_ATTEMPT; code=\\$STANDIN_EXIT_$ORCHESTRATOR_ATTEMPT\"\n"
                              "echo 'a warning on stderr' >&2\n"
                              "reset=$(( $(date +%s) + 3600 ))\n"
                              "while IFS= read -r line; do\n"
                              "  if [ \"$line\" = '@WAIT@' ]; then\n"
                              "    n=0; while [ ! -e \"$STANDIN_GATE\" ] && [ $n -lt 600 ]; do sleep 0.1; n=$((n + 1)); done\n"
                              "    continue\n"
                              "  fi\n"
                              "  printf '%s\\n' \"$line\" | sed \"s/@RESET@/$reset/\"\n"
                              "  sleep 0.05\n"
                              "done < \"$f\"\n"
                              "exit ${code:-0}\n");
        QFile::setPermissions(m_standIn, QFile::permissions(m_standIn) | QFileDevice::ExeOwner);
        // The dashboard's engine resolves the program from its own environment.
        qputenv("ORCHESTRATOR_TOOL_PATH_CLAUDE", m_standIn.toUtf8());
    }

    void cleanup() { m_dir.reset(); }

    void conversationFollowsTheRunningAttempt()
    {
        // The success stream, held back after the first command's result.
        QList<QByteArray> lines = agentStream(u"claude-success.jsonl"_s).split('\n');
        const auto firstResult = std::find_if(lines.begin(), lines.end(), [](const QByteArray &l) { return l.contains("toolu_01\""); });
        QVERIFY(firstResult != lines.end());
        const auto toolResult = std::find_if(firstResult + 1, lines.end(), [](const QByteArray &l) { return l.contains("toolu_01"); });
        QVERIFY(toolResult != lines.end());
        lines.insert(toolResult + 1, "@WAIT@");
        const QString stream = writeFile(path(u"held.jsonl"_s), lines.join('\n'));
        submit({claudeJob(u"talk"_s, {stream}, {0}, 1)});

        const auto opened = openWindow(1);
        MainWindow &window = *opened;
        QAbstractItemModelTester tester(window.jobsModel(), QAbstractItemModelTester::FailureReportingMode::QtTest);
        QTRY_VERIFY_WITH_TIMEOUT(window.jobsModel()->rowOf(u"talk"_s) >= 0, 10000);
        window.selectJob(u"talk"_s);
        window.showJobTab(u"conversation"_s);
        ConversationView *view = window.conversationView();

        // While it runs: the first message and the first command, done, and
        // nothing of what the tool has not said yet.
        QTRY_VERIFY_WITH_TIMEOUT(hasItem(view->items(), ConversationItem::Kind::Command, u"ls -la"_s), 20000);
        // The command is updated in place once its result comes.
        QTRY_VERIFY2(view->plainText().contains(u"✓ $ ls -la"_s), qPrintable(view->plainText()));
        QCOMPARE(stateOf(window, u"talk"_s), u"running"_s);
        QVERIFY(hasItem(view->items(), ConversationItem::Kind::Message, u"I'll look at the repository first."_s));
        QVERIFY(!hasItem(view->items(), ConversationItem::Kind::FileChange));
        QCOMPARE(view->placeholderText(), QString());
        QCOMPARE(view->shownAttempt(), 1);

        writeFile(m_gate, "go\n");
        QTRY_COMPARE_WITH_TIMEOUT(stateOf(window, u"talk"_s), u"succeeded"_s, 20000);
        QTRY_VERIFY(hasItem(view->items(), ConversationItem::Kind::FileChange, u"/work/repo/README.md"_s));
        // All of it, as the reader makes of the log the engine wrote.
        const JobRecord job = window.jobsModel()->job(window.jobsModel()->rowOf(u"talk"_s));
        ConversationReader reader(job.logFile, 1);
        reader.feed(readFile(job.logFile));
        QTRY_COMPARE(view->items(), reader.items());
        QVERIFY(view->plainText().contains(u"/work/repo/README.md"_s));
        QVERIFY(view->plainText().contains(u"$ make test"_s));
        QVERIFY(view->plainText().contains(u"I added README.md with a short description."_s));
        QVERIFY(!view->plainText().contains(u"warning on stderr"_s));

        // The totals: 21 + 5,230 + 60,412 input tokens, 1,873 output, $0.0842.
        QVERIFY(!window.jobsView()->isColumnHidden(JobTableModel::TokensColumn));
        QVERIFY(!window.jobsView()->isColumnHidden(JobTableModel::CostColumn));
        QCOMPARE(window.jobsModel()->headerData(JobTableModel::TokensColumn, Qt::Horizontal).toString(), u"Tokens"_s);
        QCOMPARE(cell(window, u"talk"_s, JobTableModel::TokensColumn).data().toString(), u"65.7k in · 1.9k out"_s);
        QCOMPARE(cell(window, u"talk"_s, JobTableModel::CostColumn).data().toString(), u"$0.08"_s);
        QCOMPARE(cell(window, u"talk"_s, JobTableModel::TokensColumn).data(JobTableModel::SortRole).toLongLong(), 65663 + 1873);
        QVERIFY(cell(window, u"talk"_s, JobTableModel::TokensColumn).data(Qt::ToolTipRole).toString().contains(u"65,663 input tokens"_s));

        // The run's cost in the tree, its tokens in the tooltip.
        QTreeView *tree = nullptr;
        for (QTreeView *candidate : window.findChildren<QTreeView *>()) {
            if (candidate->model() && candidate->model()->inherits("Orchestrator::Ui::WorkstreamModel"))
                tree = candidate;
        }
        QVERIFY(tree);
        const QModelIndex runCost = tree->model()->index(0, WorkstreamModel::CostColumn);
        QTRY_COMPARE(runCost.data().toString(), u"$0.08"_s);
        QVERIFY(runCost.data(Qt::ToolTipRole).toString().contains(u"1,873 output tokens"_s));
        QVERIFY(!tree->isColumnHidden(WorkstreamModel::CostColumn));

        // And above the timeline.
        window.showView(u"timeline"_s);
        QTRY_COMPARE(QTextDocumentFragment::fromHtml(child<QLabel>(window, "timelineUsage")->text()).toPlainText(),
                     u"Jobs 1 · Tokens 65.7k in · 1.9k out · Cost $0.08"_s);
    }

    void rateLimitCountsDownAndToolsWordsShow()
    {
        const QString limited = writeFile(path(u"limited.jsonl"_s),
                                          "{\"type\":\"rate_limit_event\",\"rate_limit_info\":{\"status\":\"rejected\",\"resetsAt\":@RESET@}}\n"
                                          "{\"type\":\"result\",\"subtype\":\"success\",\"is_error\":true,\"api_error_status\":429,"
                                          "\"result\":\"You've hit your limit\"}\n");
        const QString noLogin = QFINDTESTDATA(u"data/agentstreams/claude-auth-401.jsonl"_s);
        submit({claudeJob(u"limited"_s, {limited}, {1}, 2), claudeJob(u"no-login"_s, {noLogin}, {1}, 3)});
        const auto opened = openWindow(2);
        MainWindow &window = *opened;
        QTRY_COMPARE_WITH_TIMEOUT(stateOf(window, u"limited"_s), u"retry_waiting"_s, 20000);
        QTRY_COMPARE_WITH_TIMEOUT(stateOf(window, u"no-login"_s), u"failed"_s, 20000);

        window.selectJob(u"limited"_s);
        window.showJobTab(u"retry"_s);
        RetryPanel *panel = window.retryPanel();
        const JobRecord job = window.jobsModel()->job(window.jobsModel()->rowOf(u"limited"_s));
        QVERIFY(job.nextAttemptAt.has_value());
        const QString until = QDateTime::fromMSecsSinceEpoch(*job.nextAttemptAt).toString(u"HH:mm"_s);
        QTRY_VERIFY2(panel->countdownText().contains(u"rate limited until "_s + until + u" ("_s), qPrintable(panel->countdownText()));
        QVERIFY2(panel->countdownText().contains(u" min left)"_s), qPrintable(panel->countdownText()));
        QVERIFY(panel->isTicking());
        QTRY_VERIFY2(panel->attemptsView()->toPlainText().contains(u"rate limited (not counted)"_s), qPrintable(panel->attemptsView()->toPlainText()));
        QVERIFY(panel->attemptsView()->toPlainText().contains(u"You've hit your limit"_s));
        // The countdown's timer runs only while the tab is shown.
        window.showJobTab(u"log"_s);
        QVERIFY(!panel->isTicking());
        window.showJobTab(u"retry"_s);
        QVERIFY(panel->isTicking());

        // A login failure: the tool's own words.
        window.selectJob(u"no-login"_s);
        QTRY_VERIFY2(panel->attemptsView()->toPlainText().contains(u"claude: not logged in: Invalid API key · Fix external API key"_s),
                     qPrintable(panel->attemptsView()->toPlainText()));
        QTRY_VERIFY(panel->attemptsView()->toPlainText().contains(u"not logged in"_s));
        QCOMPARE(panel->countdownText(), QString());
        QVERIFY(!panel->isTicking());
    }

    void toolWithoutEventsShowsThePlaceholder()
    {
        submit({QJsonObject{{u"job_id"_s, u"plain"_s}, {u"tool"_s, u"shell"_s}, {u"instructions"_s, u"echo hello"_s}}});
        const auto opened = openWindow(1);
        MainWindow &window = *opened;
        QTRY_COMPARE_WITH_TIMEOUT(stateOf(window, u"plain"_s), u"succeeded"_s, 20000);
        window.selectJob(u"plain"_s);
        // View > Conversation (Ctrl+Shift+C) shows the tab.
        QAction *menuEntry = nullptr;
        for (QAction *action : window.findChildren<QAction *>()) {
            if (action->text() == u"C&onversation"_s)
                menuEntry = action;
        }
        QVERIFY(menuEntry);
        QCOMPARE(menuEntry->shortcut(), QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_C));
        menuEntry->trigger();
        QVERIFY(window.conversationView()->isVisible());
        QTRY_COMPARE(window.conversationView()->placeholderText(), u"This tool's output has no conversation; see the Log tab."_s);
        QVERIFY(window.conversationView()->items().isEmpty());
        // Nobody used tokens: the columns keep their room for the rest.
        QVERIFY(window.jobsView()->isColumnHidden(JobTableModel::TokensColumn));
        QCOMPARE(cell(window, u"plain"_s, JobTableModel::CostColumn).data().toString(), u"—"_s);
    }
};

QTEST_MAIN(TestConversationView)
#include "tst_conversationview.moc"
