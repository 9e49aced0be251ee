// The conversion wizard under the offscreen platform, on a real database
// with a real embedded engine: workstream files dropped on the dashboard
// open it; every page is driven as a user would (statuses while reading,
// per-file errors and exclusion, cell edits, live job id preview, the DAG
// and start order, files to write with a diff for a changed one), and
// Finish writes job files that validate and submits them as a new run whose
// jobs appear in the jobs table and run to completion with the stand-in
// aider and codex.
//
// Also: an id pattern that cannot name the jobs stops the options page at
// once, with the reason; long lists of problems scroll inside the pages
// instead of growing the wizard past the screen; the preview checks the
// tools' programs and the database's job ids before anything is written;
// the output folder defaults to one outside the source checkout and is
// remembered.
//
// ORCH_SCREENSHOT_DIR=<dir> saves pictures of every page there (on
// examples/workstreams when it exists) for a human look.

#include <QAbstractItemModelTester>
#include <QAction>
#include <QApplication>
#include <QCheckBox>
#include <QComboBox>
#include <QDir>
#include <QDropEvent>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QMenu>
#include <QMenuBar>
#include <QMimeData>
#include <QPlainTextEdit>
#include <QProcess>
#include <QProgressBar>
#include <QPushButton>
#include <QRadioButton>
#include <QScreen>
#include <QScrollBar>
#include <QScopeGuard>
#include <QSettings>
#include <QSignalSpy>
#include <QStatusBar>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>
#include <QTreeWidget>
#include <QUrl>

#include "dialogs/timeoutspin.h"
#include "models/jobtablemodel.h"
#include "testsupport.h"
#include "views/dagscene.h"
#include "views/dagview.h"
#include "views/mainwindow.h"
#include "widgetsupport.h"
#include "wizard/conversionsession.h"
#include "wizard/conversionwizard.h"
#include "wizard/optionspage.h"
#include "wizard/outputpage.h"
#include "wizard/previewpage.h"
#include "wizard/problemlist.h"
#include "wizard/reviewmodel.h"
#include "wizard/reviewpage.h"
#include "wizard/sourcepage.h"

using namespace Orchestrator;
using namespace Orchestrator::Ui;
using namespace TestSupport;
using WidgetSupport::child;

namespace {

constexpr int kGood = 37;
constexpr int kBroken = 3;

QString wsId(int n) { return QStringLiteral("ws-%1").arg(n, 2, 10, QLatin1Char('0')); }

// ws-01 … ws-37 as a binary tree (ws-n depends on ws-n/2): six waves. Every
// third one names codex, the others leave the tool to the default (aider).
// Then three broken files: not JSON, no id, tasks not a list. (No English
// translation is loaded, so plurals read "%n file(s)".)
void writeWorkstreams(const QString &dir)
{
    for (int n = 1; n <= kGood; ++n) {
        QJsonObject ws{{QStringLiteral("id"), wsId(n)},
                       {QStringLiteral("title"), QStringLiteral("Workstream number %1").arg(n)},
                       {QStringLiteral("files_scope"), QJsonArray{QStringLiteral("src/module%1.cpp").arg(n)}},
                       {QStringLiteral("tasks"), QJsonArray{QStringLiteral("Refactor module %1").arg(n),
                                                            QStringLiteral("Test module %1").arg(n)}}};
        if (n > 1)
            ws.insert(QStringLiteral("depends_on"), QJsonArray{wsId(n / 2)});
        if (n % 3 == 0)
            ws.insert(QStringLiteral("tool"), QStringLiteral("codex"));
        writeJson(QDir(dir).filePath(wsId(n) + QStringLiteral(".json")), ws);
    }
    writeFile(QDir(dir).filePath(QStringLiteral("ws-38.json")), "{ this is not JSON");
    writeJson(QDir(dir).filePath(QStringLiteral("ws-39.json")),
              QJsonObject{{QStringLiteral("title"), QStringLiteral("No id")}, {QStringLiteral("tasks"), QJsonArray{QStringLiteral("x")}}});
    writeJson(QDir(dir).filePath(QStringLiteral("ws-40.json")),
              QJsonObject{{QStringLiteral("id"), QStringLiteral("ws-40")}, {QStringLiteral("tasks"), QStringLiteral("not a list")}});
}

int rowOfFile(const ReviewModel &model, const QString &fileName)
{
    for (int row = 0; row < model.rowCount(); ++row) {
        if (model.index(row, ReviewModel::FileColumn).data().toString() == fileName)
            return row;
    }
    return -1;
}

QStringList listTexts(const QListWidget *list)
{
    QStringList texts;
    for (int i = 0; i < list->count(); ++i)
        texts.append(list->item(i)->text());
    return texts;
}

QTreeWidgetItem *findItem(const QTreeWidget *tree, const QString &text)
{
    const QList<QTreeWidgetItem *> found = tree->findItems(text, Qt::MatchExactly | Qt::MatchRecursive, 0);
    return found.isEmpty() ? nullptr : found.first();
}

// Opens the cell's editor with F2, picks `value` in its combo box and
// confirms with Enter, as from the keyboard.
void editChoice(QTableView *table, const QModelIndex &index, const QString &value)
{
    table->setFocus();
    table->setCurrentIndex(index);
    QTest::keyClick(table, Qt::Key_F2);
    QComboBox *combo = nullptr;
    QTRY_VERIFY((combo = table->viewport()->findChild<QComboBox *>()) != nullptr && combo->isVisible());
    const int found = combo->findData(value);
    QVERIFY2(found >= 0, qPrintable(value));
    combo->setCurrentIndex(found);
    QTest::keyClick(combo, Qt::Key_Return);
}

void saveScreenshot(QWidget *widget, const QString &name)
{
    const QString dir = qEnvironmentVariable("ORCH_SCREENSHOT_DIR");
    if (dir.isEmpty())
        return;
    QDir().mkpath(dir);
    QVERIFY(widget->grab().save(QDir(dir).filePath(name)));
}

QString stateOf(const MainWindow &window, const QString &jobId)
{
    const int row = window.jobsModel()->rowOf(jobId);
    return row < 0 ? QString() : toString(window.jobsModel()->job(row).state);
}

// What the window tells the user: visible labels (the banner) and the status bar.
QString messages(MainWindow &window)
{
    QStringList texts{window.statusBar()->currentMessage()};
    for (const QLabel *label : window.findChildren<QLabel *>()) {
        if (label->isVisible() && !label->text().isEmpty())
            texts.append(label->text());
    }
    return texts.join(QStringLiteral(" | "));
}

// A workstream file with these tasks and dependencies.
void writeWorkstream(const QString &dir, const QString &id, const QStringList &dependsOn, const QString &tool = {})
{
    QJsonObject ws{{QStringLiteral("id"), id},
                   {QStringLiteral("tasks"), QJsonArray{QStringLiteral("do %1").arg(id)}},
                   {QStringLiteral("depends_on"), QJsonArray::fromStringList(dependsOn)}};
    if (!tool.isEmpty())
        ws.insert(QStringLiteral("tool"), tool);
    writeJson(QDir(dir).filePath(id + QStringLiteral(".json")), ws);
}

// Presses Next until page `id` is current, as a user waits for each page.
void goTo(QWizard &wizard, int id)
{
    for (int step = 0; step < 5 && wizard.currentId() != id; ++step) {
        QTRY_VERIFY_WITH_TIMEOUT(wizard.button(QWizard::NextButton)->isEnabled(), 10000);
        wizard.next();
    }
    QCOMPARE(wizard.currentId(), id);
}

// The wizard, frame and all, is no taller than it was and than its screen,
// and its buttons are on the screen.
void verifyOnScreen(QWizard &wizard, int heightBefore)
{
    const QRect screen = wizard.screen()->availableGeometry();
    QVERIFY2(wizard.height() <= heightBefore + 8, qPrintable(QStringLiteral("%1 > %2").arg(wizard.height()).arg(heightBefore)));
    QVERIFY2(wizard.frameGeometry().height() <= screen.height(),
             qPrintable(QStringLiteral("%1 > %2").arg(wizard.frameGeometry().height()).arg(screen.height())));
    QAbstractButton *next = wizard.button(QWizard::NextButton);
    const QRect button(next->mapToGlobal(QPoint(0, 0)), next->size());
    QVERIFY2(button.top() >= screen.top() && button.bottom() <= screen.bottom(),
             qPrintable(QStringLiteral("button at %1..%2, screen %3..%4")
                            .arg(button.top()).arg(button.bottom()).arg(screen.top()).arg(screen.bottom())));
}

void dropOn(QWidget *target, const QStringList &paths)
{
    QMimeData mime;
    QList<QUrl> urls;
    for (const QString &path : paths)
        urls.append(QUrl::fromLocalFile(path));
    mime.setUrls(urls);
    const QPointF at(target->width() / 2.0, target->height() / 2.0);
    QDragEnterEvent enter(at.toPoint(), Qt::CopyAction, &mime, Qt::LeftButton, Qt::NoModifier);
    QApplication::sendEvent(target, &enter);
    QVERIFY(enter.isAccepted());
    QDropEvent drop(at, Qt::CopyAction, &mime, Qt::LeftButton, Qt::NoModifier);
    QApplication::sendEvent(target, &drop);
}

} // namespace

class TestConversionWizard final : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;

    int cli(const QStringList &args, QString *output = nullptr)
    {
        QProcess process;
        process.setProcessChannelMode(QProcess::MergedChannels);
        process.start(cliPath(), args);
        process.waitForFinished(30000);
        if (output)
            *output = QString::fromUtf8(process.readAll());
        return process.exitCode();
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        qputenv("ORCHESTRATOR_TOOLS_FILE", "/nonexistent/tools.json");
        // The wizard remembers output folders in the settings: these, not the user's.
        QSettings::setPath(QSettings::NativeFormat, QSettings::UserScope, m_dir.filePath(QStringLiteral("settings")));
        QSettings::setPath(QSettings::IniFormat, QSettings::UserScope, m_dir.filePath(QStringLiteral("settings")));
        // The jobs run the stand-in aider and codex (found first on PATH).
        qputenv("PATH", (fakeBin() + QLatin1Char(':') + qEnvironmentVariable("PATH")).toLocal8Bit());
    }

    void convertsFortyWorkstreamsAndSubmitsThemAsARun()
    {
        const QString project = m_dir.filePath(QStringLiteral("project"));
        const QString wsDir = project + QStringLiteral("/workstreams");
        writeWorkstreams(wsDir);
        // A job file dropped together with the workstreams is submitted as before.
        const QString jobFile = writeJson(m_dir.filePath(QStringLiteral("dropped-job.json")),
                                          QJsonObject{{QStringLiteral("job_id"), QStringLiteral("dropped-job")},
                                                      {QStringLiteral("tool"), QStringLiteral("shell")},
                                                      {QStringLiteral("command"), QJsonObject{{QStringLiteral("exe"), testHelper()}}}});
        // A job file of an earlier conversion, edited since: shown as a diff, kept unless forced.
        const QString edited = project + QStringLiteral("/jobs/ws-02-job01.json");
        const QByteArray editedContent = QJsonDocument(QJsonObject{{QStringLiteral("job_id"), QStringLiteral("ws-02-job01")},
                                                                   {QStringLiteral("workstream_id"), QStringLiteral("ws-02")},
                                                                   {QStringLiteral("tool"), QStringLiteral("aider")},
                                                                   {QStringLiteral("instructions"), QStringLiteral("Hand-edited instructions")}})
                                             .toJson();
        writeFile(edited, editedContent);

        DashboardOptions options;
        options.databasePath = m_dir.filePath(QStringLiteral("db/state.db"));
        options.workers = 3;
        MainWindow window(options);
        window.resize(1280, 800);
        window.show();

        // File > Convert workstreams… exists with its shortcut.
        QAction *convert = nullptr;
        for (QAction *menu : window.menuBar()->actions()) {
            for (QAction *action : menu->menu()->actions()) {
                if (action->shortcut() == QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_O))
                    convert = action;
            }
        }
        QVERIFY(convert);

        // ── Dropping the folder and the job file: the job is submitted, the folder opens the wizard.
        dropOn(&window, {wsDir, jobFile});
        auto *wizard = window.findChild<ConversionWizard *>();
        QVERIFY(wizard);
        QVERIFY(wizard->isVisible());
        QAbstractItemModelTester tester(wizard->reviewPage()->model(), QAbstractItemModelTester::FailureReportingMode::QtTest);
        QTRY_COMPARE_WITH_TIMEOUT(stateOf(window, QStringLiteral("dropped-job")), QStringLiteral("succeeded"), 15000);
        // The menu command reaches the same wizard rather than a second one.
        convert->trigger();
        QCOMPARE(window.findChildren<ConversionWizard *>().size(), 1);

        // ── Page 1: each file's status.
        QCOMPARE(wizard->currentId(), int(ConversionWizard::SourcePageId));
        auto *sources = child<QTreeWidget>(*wizard, "sourceList");
        QTRY_VERIFY_WITH_TIMEOUT(!wizard->sourcePage()->isParsing(), 10000);
        QCOMPARE(sources->topLevelItemCount(), kGood + kBroken);
        QVERIFY(!child<QProgressBar>(*wizard, "sourceProgress")->isVisible());
        const QTreeWidgetItem *good = sources->topLevelItem(0);
        QCOMPARE(good->text(0), QStringLiteral("ws-01.json"));
        QCOMPARE(good->text(1), QStringLiteral("parsed: workstream ws-01, 2 task(s)"));
        const QString notJson = sources->topLevelItem(37)->text(1);
        const QString noId = sources->topLevelItem(38)->text(1);
        const QString notList = sources->topLevelItem(39)->text(1);
        QVERIFY2(notJson.contains(QStringLiteral("JSON"), Qt::CaseInsensitive), qPrintable(notJson));
        QVERIFY2(noId.contains(QStringLiteral("id")), qPrintable(noId));
        QVERIFY2(notList.contains(QStringLiteral("tasks")), qPrintable(notList));
        for (const QString &error : {notJson, noId, notList})
            QVERIFY2(!error.startsWith(QStringLiteral("parsed")), qPrintable(error));
        const QString summary = child<QLabel>(*wizard, "sourceSummary")->text();
        QVERIFY2(summary.contains(QStringLiteral("40 file(s)")) && summary.contains(QStringLiteral("37 workstream(s)"))
                     && summary.contains(QStringLiteral("3 file(s) with errors")),
                 qPrintable(summary));
        QTRY_VERIFY(wizard->button(QWizard::NextButton)->isEnabled());
        saveScreenshot(wizard, QStringLiteral("wizard-1-source.png"));

        // ── Page 2: per-file errors, broken files out, one more left out, two cells edited.
        wizard->next();
        QCOMPARE(wizard->currentId(), int(ConversionWizard::ReviewPageId));
        ReviewModel *model = wizard->reviewPage()->model();
        QTableView *table = wizard->reviewPage()->table();
        QCOMPARE(model->rowCount(), kGood + kBroken);
        for (const QString &name : {QStringLiteral("ws-38.json"), QStringLiteral("ws-39.json"), QStringLiteral("ws-40.json")}) {
            const int row = rowOfFile(*model, name);
            QVERIFY(row >= 0);
            QCOMPARE(model->index(row, ReviewModel::IncludeColumn).data(Qt::CheckStateRole).toInt(), int(Qt::Unchecked));
            QVERIFY(!model->index(row, ReviewModel::TitleColumn).data().toString().isEmpty());
            QCOMPARE(model->index(row, ReviewModel::TitleColumn).data().toString(),
                     wizard->session()->sources().at(row).error);
            // A broken file cannot be included.
            model->setData(model->index(row, ReviewModel::IncludeColumn), Qt::Checked, Qt::CheckStateRole);
            QCOMPARE(model->index(row, ReviewModel::IncludeColumn).data(Qt::CheckStateRole).toInt(), int(Qt::Unchecked));
        }
        const int row01 = rowOfFile(*model, QStringLiteral("ws-01.json"));
        const int row02 = rowOfFile(*model, QStringLiteral("ws-02.json"));
        const int row37 = rowOfFile(*model, QStringLiteral("ws-37.json"));
        QCOMPARE(model->index(row02, ReviewModel::DependsColumn).data().toString(), QStringLiteral("ws-01"));
        QCOMPARE(model->index(row02, ReviewModel::ToolColumn).data().toString(), QStringLiteral("default (aider)"));
        // ws-37 has no dependents: leaving it out keeps the plan whole.
        table->selectRow(row37);
        child<QPushButton>(*wizard, "excludeButton")->click();
        QCOMPARE(model->index(row37, ReviewModel::IncludeColumn).data(Qt::CheckStateRole).toInt(), int(Qt::Unchecked));
        QVERIFY2(child<QLabel>(*wizard, "reviewSummary")->text().contains(QStringLiteral("36 included")),
                 qPrintable(child<QLabel>(*wizard, "reviewSummary")->text()));
        editChoice(table, model->index(row02, ReviewModel::ToolColumn), QStringLiteral("codex"));
        QTRY_COMPARE(model->index(row02, ReviewModel::ToolColumn).data().toString(), QStringLiteral("codex"));
        editChoice(table, model->index(row01, ReviewModel::PriorityColumn), QStringLiteral("high"));
        QTRY_COMPARE(model->index(row01, ReviewModel::PriorityColumn).data().toString(), QStringLiteral("high"));
        QVERIFY(wizard->button(QWizard::NextButton)->isEnabled());
        table->setCurrentIndex(model->index(rowOfFile(*model, QStringLiteral("ws-40.json")), ReviewModel::TitleColumn));
        saveScreenshot(wizard, QStringLiteral("wizard-2-review.png"));

        // ── Page 3: the job ids follow the options.
        wizard->next();
        QCOMPARE(wizard->currentId(), int(ConversionWizard::OptionsPageId));
        auto *preview = child<QListWidget>(*wizard, "jobIdPreview");
        QTRY_COMPARE(preview->count(), 36);
        QCOMPARE(preview->item(0)->text(), QStringLiteral("ws-01-001"));
        child<QRadioButton>(*wizard, "perTaskRadio")->click();
        QTRY_VERIFY(listTexts(preview).contains(QStringLiteral("ws-01-002")));
        QCOMPARE(child<QLabel>(*wizard, "previewSummary")->text(), QStringLiteral("72 job(s)"));
        child<QRadioButton>(*wizard, "perWorkstreamRadio")->click();
        QTRY_VERIFY(!listTexts(preview).contains(QStringLiteral("ws-01-002")));
        auto *pattern = child<QLineEdit>(*wizard, "idPatternEdit");
        auto *planErrors = child<QLabel>(*wizard, "planErrors");
        auto *patternProblem = child<QLabel>(*wizard, "idPatternProblem");
        QTRY_VERIFY(wizard->button(QWizard::NextButton)->isEnabled());
        QVERIFY(!patternProblem->isVisible());
        // Patterns that cannot name the jobs: Next is off as soon as it is typed, with the reason.
        const QList<std::pair<QString, QString>> badPatterns = {
            {QStringLiteral("{ws}-{bad}"), QStringLiteral("unknown placeholder {bad}")},
            {QStringLiteral("job-{n}"), QStringLiteral("the same id \"job-001\": put {ws} in it")},
            {QStringLiteral("{ws} {n}"), QStringLiteral("not valid, such as \"ws-01 001\"")},
            {QString(), QStringLiteral("empty")},
        };
        for (const auto &[text, reason] : badPatterns) {
            pattern->clear();
            QTest::keyClicks(pattern, text);
            QVERIFY2(!wizard->button(QWizard::NextButton)->isEnabled(), qPrintable(text));
            QVERIFY(!wizard->optionsPage()->isComplete());
            QVERIFY(patternProblem->isVisible());
            QVERIFY2(patternProblem->text().contains(reason), qPrintable(patternProblem->text()));
            QCOMPARE(wizard->optionsPage()->patternProblem(), patternProblem->text());
            // Still off once the plan is worked out again (as pressing Next does at once).
            QVERIFY(!wizard->optionsPage()->validatePage());
            QVERIFY(!wizard->optionsPage()->isComplete());
            QVERIFY(!wizard->button(QWizard::NextButton)->isEnabled());
            // Said once: under the pattern, not again in the plan's problems.
            QVERIFY(!planErrors->isVisible() || !planErrors->text().contains(patternProblem->text()));
        }
        pattern->clear();
        QTest::keyClicks(pattern, QStringLiteral("{ws}-job{n:2}"));
        QTRY_COMPARE(listTexts(preview).value(0), QStringLiteral("ws-01-job01"));
        QVERIFY(!listTexts(preview).contains(QStringLiteral("ws-37-job01")));
        QTRY_VERIFY(!planErrors->isVisible());
        QVERIFY(!patternProblem->isVisible());
        QTRY_VERIFY(wizard->button(QWizard::NextButton)->isEnabled());
        // A timeout is never changed behind the user's back: one the schema does not take stops here too.
        auto *timeout = child<QLineEdit>(*wizard, "timeoutEdit");
        QTest::keyClicks(timeout, QStringLiteral("-5"));
        QCOMPARE(timeout->text(), QStringLiteral("-5"));
        QVERIFY(!wizard->button(QWizard::NextButton)->isEnabled());
        QVERIFY(child<QLabel>(*wizard, "timeoutProblem")->isVisible());
        QCOMPARE(child<QLabel>(*wizard, "timeoutProblem")->text(), TimeoutField::rule());
        timeout->setText(QStringLiteral("100000000"));   // far more than a week: taken as typed
        QVERIFY(!child<QLabel>(*wizard, "timeoutProblem")->isVisible());
        QCOMPARE(wizard->optionsPage()->options().timeoutSeconds, 100000000);
        timeout->clear();
        QTRY_VERIFY(wizard->button(QWizard::NextButton)->isEnabled());
        saveScreenshot(wizard, QStringLiteral("wizard-3-options.png"));

        // ── Page 4: the DAG and the start order.
        wizard->next();
        QCOMPARE(wizard->currentId(), int(ConversionWizard::PreviewPageId));
        DagView *dag = wizard->previewPage()->dagView();
        QTRY_VERIFY_WITH_TIMEOUT(!dag->isLayingOut() && dag->scene()->nodeCount() == 36, 10000);
        QCOMPARE(dag->scene()->graph().edges.size(), 35);     // a tree of 36 nodes
        auto *order = child<QTreeWidget>(*wizard, "startOrder");
        QCOMPARE(order->topLevelItemCount(), 6);               // 1, 2-3, 4-7, 8-15, 16-31, 32-36
        QCOMPARE(order->topLevelItem(0)->childCount(), 1);
        QCOMPARE(order->topLevelItem(0)->child(0)->text(0), QStringLiteral("ws-01-job01"));
        QCOMPARE(order->topLevelItem(5)->childCount(), 5);
        for (int node = 0; node < dag->scene()->nodeCount(); ++node)
            QCOMPARE(toString(dag->scene()->nodeState(node)), toString(JobState::Waiting));
        // aider and codex are installed (the stand-ins), and the database has none of these ids.
        QTRY_VERIFY_WITH_TIMEOUT(wizard->previewPage()->isChecked(), 10000);
        QVERIFY(wizard->previewPage()->missingTools().isEmpty());
        QVERIFY(wizard->previewPage()->collidingJobIds().isEmpty());
        QVERIFY(!child<QLabel>(*wizard, "previewProblems")->isVisible());
        QVERIFY(!child<QLabel>(*wizard, "previewWarnings")->isVisible());
        QTRY_VERIFY(wizard->button(QWizard::NextButton)->isEnabled());
        saveScreenshot(wizard, QStringLiteral("wizard-4-preview.png"));

        // ── Page 5: files to write; the edited one differs and is kept unless forced.
        wizard->next();
        QCOMPARE(wizard->currentId(), int(ConversionWizard::OutputPageId));
        QCOMPARE(QDir::cleanPath(wizard->outputPage()->outputDirectory()), QDir::cleanPath(project + QStringLiteral("/jobs")));
        auto *files = child<QTreeWidget>(*wizard, "outputFiles");
        QTRY_VERIFY_WITH_TIMEOUT(!wizard->outputPage()->isPreviewing() && files->topLevelItemCount() == 36, 10000);
        QTreeWidgetItem *conflict = findItem(files, QStringLiteral("ws-02-job01.json"));
        QVERIFY(conflict);
        QCOMPARE(conflict->text(1), OutputPage::actionName(Convert::OutputFile::Action::Conflict));
        QCOMPARE(findItem(files, QStringLiteral("ws-03-job01.json"))->text(1),
                 OutputPage::actionName(Convert::OutputFile::Action::Create));
        files->setCurrentItem(conflict);
        const QString diff = child<QPlainTextEdit>(*wizard, "diffView")->toPlainText();
        QVERIFY2(diff.contains(QStringLiteral("-    \"instructions\": \"Hand-edited instructions\"")), qPrintable(diff));
        QVERIFY2(diff.contains(QStringLiteral("+    \"instructions\": \"Refactor module 2")), qPrintable(diff));
        child<QCheckBox>(*wizard, "submitCheck")->click();
        QVERIFY(wizard->outputPage()->submitAfterwards());
        // Submitting would queue the kept file's old content: refused, nothing written.
        auto *outputError = child<QLabel>(*wizard, "outputError");
        QVERIFY(outputError->isVisible());
        wizard->button(QWizard::FinishButton)->click();
        QVERIFY(wizard->isVisible());
        QCOMPARE(readFile(edited), editedContent);
        QVERIFY(!QFile::exists(project + QStringLiteral("/jobs/ws-01-job01.json")));
        saveScreenshot(wizard, QStringLiteral("wizard-5-output.png"));
        child<QCheckBox>(*wizard, "forceCheck")->click();
        QTRY_COMPARE_WITH_TIMEOUT(findItem(files, QStringLiteral("ws-02-job01.json"))->text(1),
                                  OutputPage::actionName(Convert::OutputFile::Action::Change), 10000);
        QTRY_VERIFY(!outputError->isVisible());
        QTRY_VERIFY(wizard->button(QWizard::FinishButton)->isEnabled());
        wizard->button(QWizard::FinishButton)->click();
        QTRY_VERIFY(!wizard->isVisible());

        // The files exist, pass `orchestrator validate`, and carry the edits.
        const QDir jobs(project + QStringLiteral("/jobs"));
        QCOMPARE(jobs.entryList({QStringLiteral("*.json")}, QDir::Files).size(), 36);
        QVERIFY(!jobs.exists(QStringLiteral("ws-37-job01.json")));
        QString output;
        QCOMPARE(cli({QStringLiteral("validate"), jobs.path()}, &output), 0);
        const QJsonObject first = QJsonDocument::fromJson(readFile(jobs.filePath(QStringLiteral("ws-01-job01.json")))).object();
        QCOMPARE(first.value(QLatin1String("priority")).toString(), QStringLiteral("high"));
        const QJsonObject second = QJsonDocument::fromJson(readFile(edited)).object();
        QCOMPARE(second.value(QLatin1String("tool")).toString(), QStringLiteral("codex"));
        QCOMPARE(second.value(QLatin1String("depends_on")).toArray(), QJsonArray{QStringLiteral("ws-01-job01")});

        // The run: its jobs appear in the jobs table and finish.
        QTRY_VERIFY2_WITH_TIMEOUT(window.jobsModel()->rowOf(QStringLiteral("ws-36-job01")) >= 0, qPrintable(messages(window)), 15000);
        QString runId;
        for (int n = 1; n <= 36; ++n) {
            const int row = window.jobsModel()->rowOf(wsId(n) + QStringLiteral("-job01"));
            QVERIFY2(row >= 0, qPrintable(wsId(n)));
            const QString run = window.jobsModel()->job(row).runId;
            QVERIFY(!run.isEmpty());
            QVERIFY(runId.isEmpty() || run == runId);
            runId = run;
        }
        QVERIFY(runId != window.jobsModel()->job(window.jobsModel()->rowOf(QStringLiteral("dropped-job"))).runId);
        for (int n = 1; n <= 36; ++n)
            QTRY_COMPARE_WITH_TIMEOUT(stateOf(window, wsId(n) + QStringLiteral("-job01")), QStringLiteral("succeeded"), 60000);
        QCOMPARE(window.jobsModel()->rowCount(), 37);
        window.close();
    }

    void previewMarksCyclesAndUnknownDependencies()
    {
        // a alone; b and c depend on each other; d on a workstream no file has.
        const QString dir = m_dir.filePath(QStringLiteral("cycle"));
        auto ws = [&dir](const QString &id, const QStringList &dependsOn) {
            writeJson(QDir(dir).filePath(id + QStringLiteral(".json")),
                      QJsonObject{{QStringLiteral("id"), id},
                                  {QStringLiteral("tasks"), QJsonArray{QStringLiteral("do %1").arg(id)}},
                                  {QStringLiteral("depends_on"), QJsonArray::fromStringList(dependsOn)}});
        };
        ws(QStringLiteral("a"), {});
        ws(QStringLiteral("b"), {QStringLiteral("c")});
        ws(QStringLiteral("c"), {QStringLiteral("b")});
        ws(QStringLiteral("d"), {QStringLiteral("a"), QStringLiteral("ghost")});

        ConversionWizard wizard;
        wizard.show();
        wizard.addSources({dir});
        QTRY_VERIFY_WITH_TIMEOUT(!wizard.sourcePage()->isParsing() && wizard.session()->parsedCount() == 4, 10000);
        wizard.next();
        // The review table marks the unknown dependency.
        ReviewModel *model = wizard.reviewPage()->model();
        const int rowD = rowOfFile(*model, QStringLiteral("d.json"));
        QVERIFY(model->index(rowD, ReviewModel::DependsColumn).data(Qt::ForegroundRole).isValid());
        QVERIFY(model->index(rowD, ReviewModel::DependsColumn).data(Qt::ToolTipRole).toString().contains(QStringLiteral("ghost")));
        wizard.next();
        // The options page names both problems, and still lets the preview show them.
        auto *planErrors = child<QLabel>(wizard, "planErrors");
        QTRY_VERIFY(planErrors->isVisible());
        QVERIFY2(planErrors->text().contains(QStringLiteral("cycle")), qPrintable(planErrors->text()));
        QVERIFY2(planErrors->text().contains(QStringLiteral("ghost")), qPrintable(planErrors->text()));
        QTRY_VERIFY(wizard.button(QWizard::NextButton)->isEnabled());
        wizard.next();
        QCOMPARE(wizard.currentId(), int(ConversionWizard::PreviewPageId));

        DagView *dag = wizard.previewPage()->dagView();
        QTRY_VERIFY_WITH_TIMEOUT(!dag->isLayingOut() && dag->scene()->nodeCount() == 5, 10000);
        const Graph::RunGraph &graph = dag->scene()->graph();
        auto stateOfNode = [&](const QString &id) {
            const int node = graph.nodeIndex(id);
            return node < 0 ? JobState::Queued : dag->scene()->nodeState(node);
        };
        QCOMPARE(toString(stateOfNode(QStringLiteral("a-001"))), toString(JobState::Waiting));
        QCOMPARE(toString(stateOfNode(QStringLiteral("b"))), toString(JobState::Failed));       // in the cycle: no job planned
        QCOMPARE(toString(stateOfNode(QStringLiteral("c"))), toString(JobState::Failed));
        QCOMPARE(toString(stateOfNode(QStringLiteral("ghost"))), toString(JobState::Failed));   // unknown: drawn on its own
        QCOMPARE(toString(stateOfNode(QStringLiteral("d-001"))), toString(JobState::Failed));
        // Edges: d after a and ghost; b and c on each other.
        QCOMPARE(graph.edges.size(), 4);
        auto *order = child<QTreeWidget>(wizard, "startOrder");
        QTreeWidgetItem *d = findItem(order, QStringLiteral("d-001"));
        QVERIFY(d);
        QCOMPARE(d->foreground(0).color(), findItem(order, QStringLiteral("d-001"))->foreground(1).color());
        QVERIFY(d->foreground(0).color() != findItem(order, QStringLiteral("a-001"))->foreground(0).color());
        auto *problems = child<QLabel>(wizard, "previewProblems");
        QTRY_VERIFY(problems->isVisible());
        QVERIFY2(problems->text().contains(QStringLiteral("Dependency problems in: b, c, d")), qPrintable(problems->text()));
        QVERIFY2(problems->text().contains(QStringLiteral("ghost")), qPrintable(problems->text()));
        // Nothing is written while the plan has problems.
        QVERIFY(!wizard.button(QWizard::NextButton)->isEnabled());
        if (!qEnvironmentVariableIsEmpty("ORCH_SCREENSHOT_DIR"))
            saveScreenshot(&wizard, QStringLiteral("wizard-4-preview-problems.png"));
    }

    void previewFindsMissingToolsAndTakenJobIds()
    {
        // a (claude, whose program is nowhere) and b after it; a's job id is already in the database.
        const QString dir = m_dir.filePath(QStringLiteral("taken"));
        writeWorkstream(dir + QStringLiteral("/workstreams"), QStringLiteral("a"), {}, QStringLiteral("claude"));
        writeWorkstream(dir + QStringLiteral("/workstreams"), QStringLiteral("b"), {QStringLiteral("a")});
        const QString db = dir + QStringLiteral("/state.db");
        const QString earlier = writeJson(dir + QStringLiteral("/earlier.json"),
                                          QJsonObject{{QStringLiteral("job_id"), QStringLiteral("a-001")},
                                                      {QStringLiteral("run_id"), QStringLiteral("yesterday")},
                                                      {QStringLiteral("tool"), QStringLiteral("shell")},
                                                      {QStringLiteral("command"), QJsonObject{{QStringLiteral("exe"), testHelper()}}}});
        QCOMPARE(cli({QStringLiteral("--db"), db, QStringLiteral("submit"), earlier}), 0);
        qputenv("ORCHESTRATOR_TOOL_PATH_CLAUDE", "/nonexistent/claude");
        auto restore = qScopeGuard([] { qunsetenv("ORCHESTRATOR_TOOL_PATH_CLAUDE"); });

        DashboardOptions options;
        options.databasePath = db;
        options.startPaused = true;
        MainWindow window(options);
        window.show();
        ConversionWizard *wizard = window.openConversionWizard({dir + QStringLiteral("/workstreams")});
        QTRY_VERIFY_WITH_TIMEOUT(!wizard->sourcePage()->isParsing() && wizard->session()->parsedCount() == 2, 10000);
        goTo(*wizard, ConversionWizard::PreviewPageId);

        // Checked before anything is written.
        PreviewPage *preview = wizard->previewPage();
        QTRY_VERIFY_WITH_TIMEOUT(preview->isChecked(), 10000);
        QCOMPARE(preview->missingTools(), QStringList{QStringLiteral("claude")});
        QCOMPARE(preview->collidingJobIds(), QStringList{QStringLiteral("a-001")});
        const QString warnings = child<QLabel>(*wizard, "previewWarnings")->text();
        QVERIFY(child<QLabel>(*wizard, "previewWarnings")->isVisible());
        QVERIFY2(warnings.contains(QStringLiteral("claude is not installed here (no program \"/nonexistent/claude\" on PATH): 1 job(s) would fail to start")),
                 qPrintable(warnings));
        const QString problems = child<QLabel>(*wizard, "previewProblems")->text();
        QVERIFY(child<QLabel>(*wizard, "previewProblems")->isVisible());
        QVERIFY2(problems.contains(preview->submitBlockedReason()), qPrintable(problems));
        QVERIFY2(problems.contains(QStringLiteral("a-001: already in run yesterday")), qPrintable(problems));
        QVERIFY2(!problems.contains(QStringLiteral("b-001")), qPrintable(problems));
        QTreeWidgetItem *taken = findItem(child<QTreeWidget>(*wizard, "startOrder"), QStringLiteral("a-001"));
        QVERIFY(taken);
        QVERIFY2(taken->toolTip(0).contains(QStringLiteral("already in the database (run yesterday)")), qPrintable(taken->toolTip(0)));
        QVERIFY2(taken->toolTip(0).contains(QStringLiteral("claude is not installed here")), qPrintable(taken->toolTip(0)));
        saveScreenshot(wizard, QStringLiteral("wizard-4-preview-checks.png"));

        // The files may be written, but not submitted.
        goTo(*wizard, ConversionWizard::OutputPageId);
        auto *submit = child<QCheckBox>(*wizard, "submitCheck");
        QVERIFY(!submit->isEnabled());
        QVERIFY(!wizard->outputPage()->submitAfterwards());
        QVERIFY(child<QLabel>(*wizard, "submitBlocked")->isVisible());
        QCOMPARE(child<QLabel>(*wizard, "submitBlocked")->text(), preview->submitBlockedReason());
        QSignalSpy submitted(wizard, &ConversionWizard::submitRequested);
        wizard->outputPage()->setOutputDirectory(dir + QStringLiteral("/out"));
        QTRY_VERIFY_WITH_TIMEOUT(!wizard->outputPage()->isPreviewing() && wizard->outputPage()->files().size() == 2, 10000);
        QTRY_VERIFY(wizard->button(QWizard::FinishButton)->isEnabled());
        wizard->button(QWizard::FinishButton)->click();
        QTRY_VERIFY(!wizard->isVisible());
        QCOMPARE(submitted.count(), 0);
        const QPointer<ConversionWizard> done = wizard;
        QTRY_VERIFY(!done);   // closed for good: the next one starts afresh
        QVERIFY(QFile::exists(dir + QStringLiteral("/out/b-001.json")));

        // Another pattern: nothing is taken, submitting is offered again.
        wizard = window.openConversionWizard({dir + QStringLiteral("/workstreams")});
        QTRY_VERIFY_WITH_TIMEOUT(!wizard->sourcePage()->isParsing() && wizard->session()->parsedCount() == 2, 10000);
        goTo(*wizard, ConversionWizard::OptionsPageId);
        child<QLineEdit>(*wizard, "idPatternEdit")->setText(QStringLiteral("v2-{ws}-{n}"));
        goTo(*wizard, ConversionWizard::PreviewPageId);
        QTRY_VERIFY_WITH_TIMEOUT(wizard->previewPage()->isChecked(), 10000);
        QVERIFY(wizard->previewPage()->collidingJobIds().isEmpty());
        goTo(*wizard, ConversionWizard::OutputPageId);
        QVERIFY(child<QCheckBox>(*wizard, "submitCheck")->isEnabled());
        QVERIFY(!child<QLabel>(*wizard, "submitBlocked")->isVisible());
        wizard->reject();
        window.close();
    }

    void errorListsScrollInsteadOfGrowingTheWizard()
    {
        // 60 workstreams that each depend on one no file has, and 30 inputs that match nothing.
        const QString dir = m_dir.filePath(QStringLiteral("many-errors"));
        QStringList inputs{dir};
        for (int n = 1; n <= 60; ++n)
            writeWorkstream(dir, QStringLiteral("w%1").arg(n), {QStringLiteral("ghost-%1").arg(n)});
        for (int n = 1; n <= 30; ++n)
            inputs.append(m_dir.filePath(QStringLiteral("missing-%1.json").arg(n)));

        ConversionWizard wizard;
        wizard.show();
        QVERIFY(QTest::qWaitForWindowExposed(&wizard));
        const int before = wizard.height();
        verifyOnScreen(wizard, before);
        if (QTest::currentTestFailed())
            return;

        wizard.addSources(inputs);
        QTRY_VERIFY_WITH_TIMEOUT(!wizard.sourcePage()->isParsing() && wizard.session()->parsedCount() == 60, 10000);
        auto *inputErrors = child<ProblemList>(wizard, "inputErrorsArea");
        QTRY_VERIFY(inputErrors->isVisible());
        QCOMPARE(inputErrors->problems().size(), 30);
        QTRY_VERIFY(inputErrors->verticalScrollBar()->maximum() > 0);   // the rest is a scroll away
        QVERIFY(inputErrors->height() < inputErrors->fontMetrics().lineSpacing() * 10);
        verifyOnScreen(wizard, before);
        if (QTest::currentTestFailed())
            return;

        goTo(wizard, ConversionWizard::OptionsPageId);
        auto *planErrors = child<ProblemList>(wizard, "planErrorsArea");
        QTRY_VERIFY(planErrors->isVisible());
        QCOMPARE(planErrors->problems().size(), 60);
        QTRY_VERIFY(planErrors->verticalScrollBar()->maximum() > 0);
        QVERIFY(planErrors->height() < planErrors->fontMetrics().lineSpacing() * 10);
        verifyOnScreen(wizard, before);
        if (QTest::currentTestFailed())
            return;
        saveScreenshot(&wizard, QStringLiteral("wizard-3-options-many-errors.png"));

        goTo(wizard, ConversionWizard::PreviewPageId);
        auto *problems = child<ProblemList>(wizard, "previewProblemsArea");
        QTRY_VERIFY(problems->isVisible());
        QVERIFY(problems->problems().size() > 60);
        QTRY_VERIFY(problems->verticalScrollBar()->maximum() > 0);
        QVERIFY(problems->height() < problems->fontMetrics().lineSpacing() * 10);
        verifyOnScreen(wizard, before);
        if (QTest::currentTestFailed())
            return;
        QVERIFY(!wizard.button(QWizard::NextButton)->isEnabled());
        saveScreenshot(&wizard, QStringLiteral("wizard-4-preview-many-errors.png"));

        // Back with the problems gone: the wizard is no larger than it was.
        wizard.back();
        wizard.back();
        verifyOnScreen(wizard, before);
        if (QTest::currentTestFailed())
            return;
    }

    void outputFolderIsOutsideTheCheckoutAndRemembered()
    {
        // A git checkout (a .git folder is what tells one) with its workstreams inside.
        const QString root = m_dir.filePath(QStringLiteral("checkouts"));
        const QString checkout = root + QStringLiteral("/project");
        QVERIFY(QDir().mkpath(checkout + QStringLiteral("/.git")));
        writeWorkstream(checkout + QStringLiteral("/plans/workstreams"), QStringLiteral("solo"), {});

        {
            ConversionWizard wizard;
            wizard.show();
            wizard.addSources({checkout + QStringLiteral("/plans/workstreams")});
            QTRY_VERIFY_WITH_TIMEOUT(!wizard.sourcePage()->isParsing() && wizard.session()->parsedCount() == 1, 10000);
            goTo(wizard, ConversionWizard::OutputPageId);
            // Beside the checkout, not in it.
            QCOMPARE(QDir::cleanPath(wizard.outputPage()->outputDirectory()), root + QStringLiteral("/project-jobs"));
            const QString chosen = root + QStringLiteral("/my-jobs");
            wizard.outputPage()->setOutputDirectory(chosen);
            QTRY_VERIFY_WITH_TIMEOUT(!wizard.outputPage()->isPreviewing() && wizard.outputPage()->files().size() == 1, 10000);
            QTRY_VERIFY(wizard.button(QWizard::FinishButton)->isEnabled());
            wizard.button(QWizard::FinishButton)->click();
            QTRY_VERIFY(!wizard.isVisible());
            QVERIFY(QFile::exists(chosen + QStringLiteral("/solo-001.json")));
            QVERIFY(!QDir(checkout).entryList(QDir::AllEntries | QDir::NoDotAndDotDot).contains(QStringLiteral("jobs")));
        }
        {
            // The same workstreams again: the folder they went to last time.
            ConversionWizard wizard;
            wizard.show();
            wizard.addSources({checkout + QStringLiteral("/plans/workstreams")});
            QTRY_VERIFY_WITH_TIMEOUT(!wizard.sourcePage()->isParsing() && wizard.session()->parsedCount() == 1, 10000);
            goTo(wizard, ConversionWizard::OutputPageId);
            QCOMPARE(QDir::cleanPath(wizard.outputPage()->outputDirectory()), root + QStringLiteral("/my-jobs"));
            // Unchanged since: nothing to write but the same files.
            QTRY_VERIFY_WITH_TIMEOUT(!wizard.outputPage()->isPreviewing() && wizard.outputPage()->files().size() == 1, 10000);
            QCOMPARE(Convert::toString(wizard.outputPage()->files().constFirst().action), Convert::toString(Convert::OutputFile::Action::Unchanged));
        }
    }

    void recognisesWorkstreamFiles()
    {
        const QString dir = m_dir.filePath(QStringLiteral("sniff"));
        const QString ws = writeJson(QDir(dir).filePath(QStringLiteral("ws/one.json")),
                                     QJsonObject{{QStringLiteral("id"), QStringLiteral("one")},
                                                 {QStringLiteral("tasks"), QJsonArray{QStringLiteral("x")}}});
        const QString job = writeJson(QDir(dir).filePath(QStringLiteral("jobs/one-001.json")),
                                      QJsonObject{{QStringLiteral("job_id"), QStringLiteral("one-001")},
                                                  {QStringLiteral("files_scope"), QJsonArray{}},
                                                  {QStringLiteral("tool"), QStringLiteral("shell")}});
        const QString bomWs = writeFile(QDir(dir).filePath(QStringLiteral("bom.json")),
                                        "\xEF\xBB\xBF{\"id\": \"b\", \"files_scope\": []}");
        const QString text = writeFile(QDir(dir).filePath(QStringLiteral("notes.txt")), "tasks");
        QVERIFY(ConversionWizard::looksLikeWorkstreams(ws));
        QVERIFY(ConversionWizard::looksLikeWorkstreams(bomWs));
        QVERIFY(ConversionWizard::looksLikeWorkstreams(QFileInfo(ws).absolutePath()));
        QVERIFY(!ConversionWizard::looksLikeWorkstreams(job));
        QVERIFY(!ConversionWizard::looksLikeWorkstreams(QFileInfo(job).absolutePath()));
        QVERIFY(!ConversionWizard::looksLikeWorkstreams(text));
        QVERIFY(!ConversionWizard::looksLikeWorkstreams(QDir(dir).filePath(QStringLiteral("missing.json"))));
    }

    void everyPageIsUsableFromTheKeyboard()
    {
        const QString dir = m_dir.filePath(QStringLiteral("keys"));
        writeJson(QDir(dir).filePath(QStringLiteral("k.json")),
                  QJsonObject{{QStringLiteral("id"), QStringLiteral("k")}, {QStringLiteral("tasks"), QJsonArray{QStringLiteral("x")}}});
        ConversionWizard wizard;
        wizard.addSources({dir});
        wizard.show();
        QApplication::setActiveWindow(&wizard);
        QVERIFY(QTest::qWaitForWindowActive(&wizard));
        QTRY_VERIFY_WITH_TIMEOUT(wizard.button(QWizard::NextButton)->isEnabled(), 10000);
        // On each page the main view is in the tab chain, and Alt+N moves on.
        const QList<std::pair<int, const char *>> pages = {{ConversionWizard::SourcePageId, "sourceList"},
                                                           {ConversionWizard::ReviewPageId, "reviewTable"},
                                                           {ConversionWizard::OptionsPageId, "jobIdPreview"},
                                                           {ConversionWizard::PreviewPageId, "startOrder"},
                                                           {ConversionWizard::OutputPageId, "outputFiles"}};
        for (const auto &[id, name] : pages) {
            QTRY_COMPARE(wizard.currentId(), id);
            auto *view = child<QWidget>(wizard, name);
            bool reached = false;
            for (int i = 0; i < 40 && !reached; ++i) {
                QTest::keyClick(QApplication::focusWidget() ? QApplication::focusWidget() : &wizard, Qt::Key_Tab);
                reached = QApplication::focusWidget() == view;
            }
            QVERIFY2(reached, name);
            if (id != ConversionWizard::OutputPageId) {
                QTRY_VERIFY_WITH_TIMEOUT(wizard.button(QWizard::NextButton)->isEnabled(), 10000);
                QTest::keyClick(&wizard, Qt::Key_N, Qt::AltModifier);
            }
        }
        QTRY_VERIFY_WITH_TIMEOUT(wizard.button(QWizard::FinishButton)->isEnabled(), 10000);
    }

    // Pictures of the pages on the example set, for the README.
    void screenshotsOfTheExampleSet()
    {
        const QString shots = qEnvironmentVariable("ORCH_SCREENSHOT_DIR");
        const QString examples = examplesDir() + QStringLiteral("/workstreams");
        if (shots.isEmpty() || !QFileInfo(examples).isDir())
            QSKIP("set ORCH_SCREENSHOT_DIR (and have examples/workstreams) for pictures");
        const QString out = shots + QStringLiteral("/examples");
        ConversionWizard wizard;
        wizard.setDefaultOutputDirectory(m_dir.filePath(QStringLiteral("example-jobs")));
        wizard.resize(1100, 720);
        wizard.show();
        wizard.addSources({examples});
        QTRY_VERIFY_WITH_TIMEOUT(!wizard.sourcePage()->isParsing() && wizard.session()->count() > 0, 10000);
        QTest::qWait(200);
        QDir().mkpath(out);
        QVERIFY(wizard.grab().save(out + QStringLiteral("/wizard-1-source.png")));
        wizard.next();
        QVERIFY(wizard.grab().save(out + QStringLiteral("/wizard-2-review.png")));
        wizard.next();
        QTRY_VERIFY(wizard.button(QWizard::NextButton)->isEnabled());
        QVERIFY(wizard.grab().save(out + QStringLiteral("/wizard-3-options.png")));
        wizard.next();
        DagView *dag = wizard.previewPage()->dagView();
        QTRY_VERIFY_WITH_TIMEOUT(!dag->isLayingOut() && dag->scene()->nodeCount() > 0, 10000);
        QTest::qWait(200);
        QVERIFY(wizard.grab().save(out + QStringLiteral("/wizard-4-preview.png")));
        wizard.next();
        QTRY_VERIFY_WITH_TIMEOUT(!wizard.outputPage()->isPreviewing() && !wizard.outputPage()->files().isEmpty(), 10000);
        child<QTreeWidget>(wizard, "outputFiles")->setCurrentItem(child<QTreeWidget>(wizard, "outputFiles")->topLevelItem(0));
        child<QCheckBox>(wizard, "submitCheck")->setChecked(true);
        QVERIFY(wizard.grab().save(out + QStringLiteral("/wizard-5-output.png")));
    }
};

QTEST_MAIN(TestConversionWizard)
#include "tst_conversionwizard.moc"
