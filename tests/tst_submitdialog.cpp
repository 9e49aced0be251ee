// The submit dialog checks a job as it is typed, with exactly the checks of
// `orchestrator validate`, says each problem once, in words, under its field,
// and enables Submit only while the job is valid. It builds every field of a
// job a user types in: run and workstream, the timeout up to the schema's
// maximum, and retry policies in shorthand and in the object form.
// Also: every state and action icon renders (the SVG icon plugin is there).
//
// ORCH_SCREENSHOT_DIR=<dir> saves pictures of the dialog there for a human look.

#include <QComboBox>
#include <QDir>
#include <QImage>
#include <QJsonArray>
#include <QJsonObject>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPlainTextEdit>
#include <QPainter>
#include <QPixmap>
#include <QProcess>
#include <QPushButton>
#include <QScreen>
#include <QScrollArea>
#include <QScrollBar>
#include <QTableWidget>
#include <QToolButton>

#include <limits>
#include <QTemporaryDir>
#include <QTest>

#include "dialogs/retrypolicyeditor.h"
#include "dialogs/submitdialog.h"
#include "dialogs/timeoutspin.h"
#include "models/stateicons.h"
#include "spec/jobspec.h"
#include "testsupport.h"
#include "widgetsupport.h"

using namespace Orchestrator;
using namespace Orchestrator::Ui;

namespace {

using WidgetSupport::child;
using WidgetSupport::selectData;

// A valid shell job, typed in the way a user would.
void fillValidShellJob(SubmitDialog &dialog)
{
    dialog.setKnownJobs({QStringLiteral("build"), QStringLiteral("lint")});
    QTest::keyClicks(child<QLineEdit>(dialog, "jobIdEdit"), QStringLiteral("job-1"));
    selectData(child<QComboBox>(dialog, "toolCombo"), QStringLiteral("shell"));
    child<QLineEdit>(dialog, "exeEdit")->setText(QStringLiteral("sh"));
    child<QLineEdit>(dialog, "argsEdit")->setText(QStringLiteral("-c \"echo 'hello world'\" --flag"));
    child<QPlainTextEdit>(dialog, "instructionsEdit")->setPlainText(QStringLiteral("say hello"));
    child<QLineEdit>(dialog, "workingDirEdit")->setText(QStringLiteral("sub/dir"));
    auto *env = child<QTableWidget>(dialog, "envTable");
    env->setRowCount(2);
    env->setItem(0, 0, new QTableWidgetItem(QStringLiteral("GREETING")));
    env->setItem(0, 1, new QTableWidgetItem(QStringLiteral("hi")));
    env->setItem(1, 0, new QTableWidgetItem(QString()));  // a row left empty is ignored
    selectData(child<QComboBox>(dialog, "priorityCombo"), QStringLiteral("high"));
    child<QListWidget>(dialog, "dependencyList")->item(1)->setCheckState(Qt::Checked);
    child<QLineEdit>(dialog, "timeoutEdit")->setText(QStringLiteral("90"));
    selectData(child<QComboBox>(dialog, "retryCombo"), QStringLiteral("retry"));
}

// Every visible label of the dialog, one entry each.
QStringList visibleTexts(const QWidget &dialog)
{
    QStringList texts;
    for (const QLabel *label : dialog.findChildren<QLabel *>()) {
        if (label->isVisible() && !label->text().isEmpty())
            texts.append(label->text());
    }
    return texts;
}

// How often `text` is on screen: each problem is said once.
int timesShown(const QWidget &dialog, const QString &text)
{
    int count = 0;
    for (const QString &shown : visibleTexts(dialog)) {
        for (qsizetype at = shown.indexOf(text); at >= 0; at = shown.indexOf(text, at + 1))
            ++count;
    }
    return count;
}

Result<JobSpec> parsed(const SubmitDialog &dialog)
{
    return parseJobObject(dialog.jobObject(), SubmitDialog::formSourceName());
}

void saveScreenshot(QWidget &widget, const QString &name)
{
    const QString dir = qEnvironmentVariable("ORCH_SCREENSHOT_DIR");
    if (dir.isEmpty())
        return;
    widget.grab().save(QDir(dir).filePath(name));
}

} // namespace

class TestSubmitDialog final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { qputenv("ORCHESTRATOR_TOOLS_FILE", "/nonexistent/tools.json"); }

    void validFormEnablesSubmitAndBuildsTheJob()
    {
        SubmitDialog dialog;
        auto *submit = child<QPushButton>(dialog, "submitButton");
        QVERIFY(!submit->isEnabled());  // an empty form is not a job

        fillValidShellJob(dialog);
        QTRY_VERIFY2(submit->isEnabled(), qPrintable(dialog.problems()));
        QVERIFY(dialog.isJobValid());
        QVERIFY(dialog.jobFile().isEmpty());

        const QJsonObject job = dialog.jobObject();
        QCOMPARE(job.value(QLatin1String("job_id")).toString(), QStringLiteral("job-1"));
        QCOMPARE(job.value(QLatin1String("tool")).toString(), QStringLiteral("shell"));
        QCOMPARE(job.value(QLatin1String("priority")).toString(), QStringLiteral("high"));
        QCOMPARE(job.value(QLatin1String("instructions")).toString(), QStringLiteral("say hello"));
        const QJsonObject command = job.value(QLatin1String("command")).toObject();
        QCOMPARE(command.value(QLatin1String("exe")).toString(), QStringLiteral("sh"));
        QCOMPARE(command.value(QLatin1String("args")).toArray(),
                 (QJsonArray{QStringLiteral("-c"), QStringLiteral("echo 'hello world'"), QStringLiteral("--flag")}));
        QCOMPARE(job.value(QLatin1String("env")).toObject(),
                 (QJsonObject{{QStringLiteral("GREETING"), QStringLiteral("hi")}}));
        QCOMPARE(job.value(QLatin1String("paths")).toObject(),
                 (QJsonObject{{QStringLiteral("working_dir"), QStringLiteral("sub/dir")}}));
        QCOMPARE(job.value(QLatin1String("dependencies")).toArray(), (QJsonArray{QStringLiteral("lint")}));
        QCOMPARE(job.value(QLatin1String("metadata")).toObject(),
                 (QJsonObject{{QStringLiteral("timeout_seconds"), 90}, {QStringLiteral("retry_policy"), QStringLiteral("retry")}}));

        dialog.accept();
        QCOMPARE(dialog.result(), int(QDialog::Accepted));
    }

    void optionalFieldsAreLeftOut()
    {
        SubmitDialog dialog;
        child<QLineEdit>(dialog, "jobIdEdit")->setText(QStringLiteral("plain"));
        selectData(child<QComboBox>(dialog, "toolCombo"), QStringLiteral("shell"));
        child<QPlainTextEdit>(dialog, "instructionsEdit")->setPlainText(QStringLiteral("true"));
        QTRY_VERIFY2(dialog.isJobValid(), qPrintable(dialog.problems()));
        const QJsonObject expected{{QStringLiteral("job_id"), QStringLiteral("plain")},
                                   {QStringLiteral("tool"), QStringLiteral("shell")},
                                   {QStringLiteral("priority"), QStringLiteral("normal")},
                                   {QStringLiteral("instructions"), QStringLiteral("true")}};
        QCOMPARE(dialog.jobObject(), expected);
    }

    void badFormShowsTheProblemInWords_data()
    {
        QTest::addColumn<QString>("field");
        QTest::addColumn<QString>("value");
        QTest::addColumn<QString>("messageLabel");
        QTest::addColumn<QString>("words");

        const QString idRule = QStringLiteral(" must be 1 to 200 letters, digits, '.', '_' or '-'");
        QTest::newRow("job id cleared") << QStringLiteral("jobIdEdit") << QString() << QStringLiteral("jobIdMessage")
                                        << QStringLiteral("Job id is required");
        QTest::newRow("job id with a space") << QStringLiteral("jobIdEdit") << QStringLiteral("job 1")
                                             << QStringLiteral("jobIdMessage") << QStringLiteral("Job id") + idRule;
        QTest::newRow("arguments without a program") << QStringLiteral("exeEdit") << QString() << QStringLiteral("programMessage")
                                                     << QStringLiteral("Program is required when arguments are given");
        QTest::newRow("shell without instructions") << QStringLiteral("instructionsEdit") << QString()
                                                    << QStringLiteral("instructionsMessage")
                                                    << QStringLiteral("The shell tool needs instructions (or a program to run)");
        QTest::newRow("run id with a slash") << QStringLiteral("runEdit") << QStringLiteral("nightly/7")
                                             << QStringLiteral("runMessage") << QStringLiteral("Run id") + idRule;
        QTest::newRow("workstream with a space") << QStringLiteral("workstreamEdit") << QStringLiteral("back end")
                                                 << QStringLiteral("workstreamMessage") << QStringLiteral("Workstream") + idRule;
        for (const char *timeout : {"-5", "ten", "1.5", "2147483648", "99999999999999999999"})
            QTest::newRow(qPrintable(QStringLiteral("timeout ") + QLatin1String(timeout)))
                << QStringLiteral("timeoutEdit") << QString::fromLatin1(timeout) << QStringLiteral("timeoutMessage")
                << TimeoutField::rule();
    }

    void badFormShowsTheProblemInWords()
    {
        QFETCH(QString, field);
        QFETCH(QString, value);
        QFETCH(QString, messageLabel);
        QFETCH(QString, words);

        SubmitDialog dialog;
        dialog.show();
        fillValidShellJob(dialog);
        auto *submit = child<QPushButton>(dialog, "submitButton");
        auto *message = child<QLabel>(dialog, qPrintable(messageLabel));
        QTRY_VERIFY2(submit->isEnabled(), qPrintable(dialog.problems()));
        QVERIFY(!message->isVisible());

        if (field == QLatin1String("instructionsEdit")) {
            // Without a command the shell tool builds its command from the instructions.
            child<QLineEdit>(dialog, "exeEdit")->clear();
            child<QLineEdit>(dialog, "argsEdit")->clear();
            child<QPlainTextEdit>(dialog, "instructionsEdit")->setPlainText(value);
        } else {
            child<QLineEdit>(dialog, qPrintable(field))->setText(value);
        }

        // Under its field, in words, and nowhere else.
        QTRY_COMPARE(message->text(), words);
        QVERIFY(message->isVisible());

        QVERIFY(!submit->isEnabled());
        QCOMPARE(dialog.problems(), words);
        QCOMPARE(timesShown(dialog, words), 1);
        for (const QString &text : visibleTexts(dialog))
            QVERIFY2(!text.contains(QLatin1String("form: ")) && !text.contains(QLatin1String(": /")), qPrintable(text));
        // Below the form: which field to fix, not the message again.
        QVERIFY2(child<QLabel>(dialog, "errorLabel")->text().startsWith(QStringLiteral("To fix: ")),
                 qPrintable(child<QLabel>(dialog, "errorLabel")->text()));
        saveScreenshot(dialog, QStringLiteral("submitdialog-%1.png").arg(QString::fromLatin1(QTest::currentDataTag()).replace(QLatin1Char(' '), QLatin1Char('-'))));

        // Submitting an invalid job does nothing, by button or by keyboard.
        dialog.accept();
        QVERIFY(dialog.isVisible());
        QCOMPARE(dialog.result(), int(QDialog::Rejected));
    }

    void anEmptyFormSaysEachProblemOnce()
    {
        SubmitDialog dialog;
        dialog.show();
        selectData(child<QComboBox>(dialog, "toolCombo"), QStringLiteral("shell"));
        QTRY_VERIFY2(dialog.problems().contains(QLatin1String("The shell tool")), qPrintable(dialog.problems()));
        const QStringList problems = dialog.problems().split(QLatin1Char('\n'));
        QCOMPARE(problems, (QStringList{QStringLiteral("Job id is required"),
                                        QStringLiteral("The shell tool needs instructions (or a program to run)")}));
        for (const QString &problem : problems)
            QCOMPARE(timesShown(dialog, problem), 1);
        QCOMPARE(child<QLabel>(dialog, "errorLabel")->text(), QStringLiteral("To fix: Job id, Instructions."));
        // The engine is asked all the same: its messages are the command line's.
        QVERIFY2(dialog.validationMessages().startsWith(QStringLiteral("form: /: missing required field \"job_id\"")),
                 qPrintable(dialog.validationMessages()));
    }

    void timeoutIsNeverChangedSilently_data()
    {
        QTest::addColumn<QString>("typed");
        QTest::addColumn<bool>("valid");
        QTest::addColumn<int>("seconds");   // in the job; 0: not in it
        QTest::newRow("empty: none") << QString() << true << 0;
        QTest::newRow("zero: none") << QStringLiteral("0") << true << 0;
        QTest::newRow("with the unit") << QStringLiteral("90 s") << true << 90;
        // Far over the week the form used to stop at.
        QTest::newRow("a hundred million") << QStringLiteral("100000000") << true << 100000000;
        QTest::newRow("the schema's maximum") << QString::number(kMaxTimeoutSeconds) << true << kMaxTimeoutSeconds;
        QTest::newRow("one more") << QString::number(qint64(kMaxTimeoutSeconds) + 1) << false << 0;
        QTest::newRow("negative") << QStringLiteral("-5") << false << 0;
        QTest::newRow("minutes") << QStringLiteral("10m") << false << 0;
    }

    void timeoutIsNeverChangedSilently()
    {
        QFETCH(QString, typed);
        QFETCH(bool, valid);
        QFETCH(int, seconds);

        SubmitDialog dialog;
        dialog.show();
        fillValidShellJob(dialog);
        QTRY_VERIFY2(dialog.isJobValid(), qPrintable(dialog.problems()));
        auto *timeout = child<QLineEdit>(dialog, "timeoutEdit");
        timeout->clear();
        QTest::keyClicks(timeout, typed);
        QTest::keyClick(timeout, Qt::Key_Tab);   // leaving the field changes nothing either
        QCOMPARE(timeout->text(), typed);
        QTRY_COMPARE(child<QLabel>(dialog, "timeoutMessage")->isVisible(), !valid);
        QCOMPARE(dialog.isJobValid(), valid);
        const QJsonObject metadata = dialog.jobObject().value(QLatin1String("metadata")).toObject();
        if (seconds > 0)
            QCOMPARE(metadata.value(QLatin1String("timeout_seconds")).toInteger(), qint64(seconds));
        else
            QVERIFY(!metadata.contains(QLatin1String("timeout_seconds")));
        auto *message = child<QLabel>(dialog, "timeoutMessage");
        QCOMPARE(message->isVisible(), !valid);
        if (!valid) {
            QCOMPARE(message->text(), TimeoutField::rule());
            QVERIFY2(message->text().contains(QLocale().toString(kMaxTimeoutSeconds)), qPrintable(message->text()));
        }
    }

    void runAndWorkstreamAreTheJobs()
    {
        SubmitDialog dialog;
        fillValidShellJob(dialog);
        child<QLineEdit>(dialog, "runEdit")->setText(QStringLiteral(" nightly-7 "));
        child<QLineEdit>(dialog, "workstreamEdit")->setText(QStringLiteral("backend"));
        QTRY_VERIFY2(dialog.isJobValid(), qPrintable(dialog.problems()));
        QCOMPARE(dialog.jobObject().value(QLatin1String("run_id")).toString(), QStringLiteral("nightly-7"));
        QCOMPARE(dialog.jobObject().value(QLatin1String("workstream_id")).toString(), QStringLiteral("backend"));
        const Result<JobSpec> spec = parsed(dialog);
        QVERIFY(spec);
        QCOMPARE(spec->runId, QStringLiteral("nightly-7"));
        QCOMPARE(spec->workstreamId, QStringLiteral("backend"));

        // Left empty, they are not in the job: a new run, the default workstream.
        child<QLineEdit>(dialog, "runEdit")->clear();
        child<QLineEdit>(dialog, "workstreamEdit")->clear();
        QTRY_VERIFY(!dialog.jobObject().contains(QLatin1String("run_id")));
        QVERIFY(!dialog.jobObject().contains(QLatin1String("workstream_id")));
    }

    void customRetryPolicyBuildsTheObjectForm()
    {
        SubmitDialog dialog;
        dialog.show();
        fillValidShellJob(dialog);
        auto *custom = child<QWidget>(dialog, "customRetry");
        QVERIFY(!custom->isVisible());
        selectData(child<QComboBox>(dialog, "retryCombo"), QStringLiteral("custom"));
        QVERIFY(custom->isVisible());
        // Nothing filled in: the engine's defaults of the object form.
        QTRY_VERIFY2(dialog.isJobValid(), qPrintable(dialog.problems()));
        QCOMPARE(dialog.jobObject().value(QLatin1String("metadata")).toObject().value(QLatin1String("retry_policy")),
                 QJsonValue(QJsonObject{}));
        QCOMPARE(child<QLineEdit>(dialog, "maxAttemptsEdit")->placeholderText(), QStringLiteral("3"));

        child<QLineEdit>(dialog, "maxAttemptsEdit")->setText(QStringLiteral("4"));
        child<QLineEdit>(dialog, "backoffEdit")->setText(QStringLiteral("2.5"));
        child<QLineEdit>(dialog, "backoffFactorEdit")->setText(QStringLiteral("3"));
        child<QLineEdit>(dialog, "maxBackoffEdit")->setText(QStringLiteral("60"));
        // The engine's tools; codex first, then aider, by ticking and moving.
        auto *tools = child<QListWidget>(dialog, "escalateList");
        auto row = [tools](const QString &tool) {
            for (int i = 0; i < tools->count(); ++i) {
                if (tools->item(i)->data(Qt::UserRole).toString() == tool)
                    return i;
            }
            return -1;
        };
        QVERIFY(row(QStringLiteral("aider")) >= 0 && row(QStringLiteral("codex")) > row(QStringLiteral("aider")));
        tools->item(row(QStringLiteral("aider")))->setCheckState(Qt::Checked);
        tools->item(row(QStringLiteral("codex")))->setCheckState(Qt::Checked);
        QTRY_COMPARE(child<QLineEdit>(dialog, "maxAttemptsEdit")->placeholderText(), QStringLiteral("3"));
        tools->setCurrentRow(row(QStringLiteral("codex")));
        for (int i = 0; i < tools->count() && row(QStringLiteral("codex")) > row(QStringLiteral("aider")); ++i)
            child<QToolButton>(dialog, "escalateUpButton")->click();

        QTRY_VERIFY2(dialog.isJobValid(), qPrintable(dialog.problems()));
        const QJsonObject expected{{QStringLiteral("max_attempts"), 4},
                                   {QStringLiteral("backoff_seconds"), 2.5},
                                   {QStringLiteral("backoff_factor"), 3},
                                   {QStringLiteral("max_backoff_seconds"), 60},
                                   {QStringLiteral("escalate_to"), QJsonArray{QStringLiteral("codex"), QStringLiteral("aider")}}};
        QCOMPARE(dialog.jobObject().value(QLatin1String("metadata")).toObject().value(QLatin1String("retry_policy")).toObject(),
                 expected);
        // What the engine makes of it.
        const Result<JobSpec> spec = parsed(dialog);
        QVERIFY(spec);
        QCOMPARE(spec->retry.maxAttempts, 4);
        QCOMPARE(spec->retry.backoffSeconds, 2.5);
        QCOMPARE(spec->retry.backoffFactor, 3.0);
        QCOMPARE(spec->retry.maxBackoffSeconds, 60.0);
        QCOMPARE(spec->retry.escalateTo, (QStringList{QStringLiteral("codex"), QStringLiteral("aider")}));
        QCOMPARE(spec->retry.toolForAttempt(QStringLiteral("shell"), 2), QStringLiteral("codex"));
        saveScreenshot(dialog, QStringLiteral("submitdialog-custom-retry.png"));

        // Back to a shorthand: written as the shorthand.
        selectData(child<QComboBox>(dialog, "retryCombo"), QStringLiteral("escalate_to_codex"));
        QVERIFY(!custom->isVisible());
        QCOMPARE(dialog.jobObject().value(QLatin1String("metadata")).toObject().value(QLatin1String("retry_policy")),
                 QJsonValue(QStringLiteral("escalate_to_codex")));
    }

    void customRetryFieldsAreCheckedByTheEngine_data()
    {
        QTest::addColumn<QString>("field");
        QTest::addColumn<QString>("value");
        QTest::addColumn<QString>("rule");
        const QString attempts = RetryPolicyEditor::ruleFor(QStringLiteral("max_attempts"));
        QTest::newRow("no attempt") << QStringLiteral("maxAttemptsEdit") << QStringLiteral("0") << attempts;
        QTest::newRow("too many attempts") << QStringLiteral("maxAttemptsEdit") << QStringLiteral("101") << attempts;
        QTest::newRow("half an attempt") << QStringLiteral("maxAttemptsEdit") << QStringLiteral("2.5") << attempts;
        QTest::newRow("attempts in letters") << QStringLiteral("maxAttemptsEdit") << QStringLiteral("many") << attempts;
        QTest::newRow("negative backoff") << QStringLiteral("backoffEdit") << QStringLiteral("-1")
                                          << RetryPolicyEditor::ruleFor(QStringLiteral("backoff_seconds"));
        QTest::newRow("shrinking factor") << QStringLiteral("backoffFactorEdit") << QStringLiteral("0.5")
                                          << RetryPolicyEditor::ruleFor(QStringLiteral("backoff_factor"));
        QTest::newRow("cap in letters") << QStringLiteral("maxBackoffEdit") << QStringLiteral("a minute")
                                        << RetryPolicyEditor::ruleFor(QStringLiteral("max_backoff_seconds"));
    }

    void customRetryFieldsAreCheckedByTheEngine()
    {
        QFETCH(QString, field);
        QFETCH(QString, value);
        QFETCH(QString, rule);
        QVERIFY(!rule.isEmpty());

        SubmitDialog dialog;
        dialog.show();
        fillValidShellJob(dialog);
        selectData(child<QComboBox>(dialog, "retryCombo"), QStringLiteral("custom"));
        child<QLineEdit>(dialog, qPrintable(field))->setText(value);
        QTRY_COMPARE(child<QLabel>(dialog, "retryMessage")->text(), rule);
        QVERIFY(child<QLabel>(dialog, "retryMessage")->isVisible());
        QVERIFY(!child<QPushButton>(dialog, "submitButton")->isEnabled());
        QCOMPARE(timesShown(dialog, rule), 1);
    }

    void missingToolIsAWarning()
    {
        // codex's program is somewhere it is not.
        qputenv("ORCHESTRATOR_TOOL_PATH_CODEX", "/nonexistent/codex");
        SubmitDialog dialog;
        qunsetenv("ORCHESTRATOR_TOOL_PATH_CODEX");
        dialog.show();
        child<QLineEdit>(dialog, "jobIdEdit")->setText(QStringLiteral("review"));
        selectData(child<QComboBox>(dialog, "toolCombo"), QStringLiteral("codex"));
        child<QPlainTextEdit>(dialog, "instructionsEdit")->setPlainText(QStringLiteral("review the change"));
        QTRY_VERIFY2(dialog.isJobValid(), qPrintable(dialog.problems()));
        // Valid, so it can be submitted (codex may be installed where the job runs), but said.
        QVERIFY(child<QPushButton>(dialog, "submitButton")->isEnabled());
        auto *message = child<QLabel>(dialog, "toolMessage");
        QVERIFY(message->isVisible());
        QVERIFY2(message->text().startsWith(QStringLiteral("codex is not installed here")), qPrintable(message->text()));
        QCOMPARE(dialog.warnings(), message->text());
        QCOMPARE(child<QLabel>(dialog, "errorLabel")->text(), QStringLiteral("Ready to submit, but see the warning above."));
        // Escalating to it: said at the retry policy too.
        selectData(child<QComboBox>(dialog, "toolCombo"), QStringLiteral("shell"));
        selectData(child<QComboBox>(dialog, "retryCombo"), QStringLiteral("escalate_to_codex"));
        QTRY_VERIFY(child<QLabel>(dialog, "retryMessage")->isVisible());
        QVERIFY(!message->isVisible());
        QVERIFY2(child<QLabel>(dialog, "retryMessage")->text().contains(QStringLiteral("attempts escalated to it")),
                 qPrintable(child<QLabel>(dialog, "retryMessage")->text()));
    }

    void fitsOnTheScreen()
    {
        SubmitDialog dialog;
        dialog.show();
        QVERIFY(QTest::qWaitForWindowExposed(&dialog));
        selectData(child<QComboBox>(dialog, "retryCombo"), QStringLiteral("custom"));
        const QRect screen = dialog.screen()->availableGeometry();
        QVERIFY2(dialog.height() <= screen.height(), qPrintable(QStringLiteral("%1 > %2").arg(dialog.height()).arg(screen.height())));
        QVERIFY(dialog.width() <= screen.width());
        // The buttons are in the window, the form scrolls above them.
        auto *submit = child<QPushButton>(dialog, "submitButton");
        QVERIFY(dialog.rect().contains(QRect(submit->mapTo(&dialog, QPoint(0, 0)), submit->size())));
        // Pressing Submit on an invalid form brings the first field to fix into view.
        auto *scroll = child<QScrollArea>(dialog, "formScrollArea");
        scroll->verticalScrollBar()->setValue(scroll->verticalScrollBar()->maximum());
        dialog.accept();
        auto *jobId = child<QLineEdit>(dialog, "jobIdEdit");
        QVERIFY(scroll->viewport()->rect().intersects(QRect(jobId->mapTo(scroll->viewport(), QPoint(0, 0)), jobId->size())));
    }

    void messagesMatchTheCommandLine()
    {
        // The same job through `orchestrator validate` gives the same message,
        // only naming the file instead of "form".
        SubmitDialog dialog;
        child<QLineEdit>(dialog, "jobIdEdit")->setText(QStringLiteral("nothing-to-run"));
        selectData(child<QComboBox>(dialog, "toolCombo"), QStringLiteral("codex"));
        child<QLineEdit>(dialog, "runEdit")->setText(QStringLiteral("bad run"));
        selectData(child<QComboBox>(dialog, "retryCombo"), QStringLiteral("custom"));
        child<QLineEdit>(dialog, "maxAttemptsEdit")->setText(QStringLiteral("0"));
        QTRY_VERIFY2(dialog.validationMessages().contains(QLatin1String("/run_id")), qPrintable(dialog.validationMessages()));

        QTemporaryDir dir;
        const QString path = TestSupport::writeJson(dir.filePath(QStringLiteral("job.json")), dialog.jobObject());
        QProcess cli;
        cli.start(TestSupport::cliPath(), {QStringLiteral("validate"), path});
        QVERIFY(cli.waitForFinished(30000));
        const QString stderrText = QString::fromUtf8(cli.readAllStandardError()).trimmed();
        QString expected = dialog.validationMessages();
        expected.replace(QStringLiteral("form: "), QStringLiteral("orchestrator validate: ") + path + QStringLiteral(": "));
        QCOMPARE(stderrText, expected);
        // And the user reads them in words, under their fields.
        QCOMPARE(child<QLabel>(dialog, "runMessage")->text(),
                 QStringLiteral("Run id must be 1 to 200 letters, digits, '.', '_' or '-'"));
        QCOMPARE(child<QLabel>(dialog, "retryMessage")->text(), RetryPolicyEditor::ruleFor(QStringLiteral("max_attempts")));
    }

    void validationIsDebounced()
    {
        SubmitDialog dialog;
        fillValidShellJob(dialog);
        QTRY_VERIFY(dialog.isJobValid());
        child<QLineEdit>(dialog, "jobIdEdit")->clear();
        QVERIFY(dialog.isJobValid());  // not yet: checked once typing pauses
        QTRY_VERIFY(!dialog.isJobValid());
    }

    void ctrlReturnSubmitsOnlyWhenValid()
    {
        SubmitDialog dialog;
        dialog.show();
        QVERIFY(QTest::qWaitForWindowActive(&dialog));
        auto *jobId = child<QLineEdit>(dialog, "jobIdEdit");
        jobId->setFocus();

        QTest::keyClick(jobId, Qt::Key_Return, Qt::ControlModifier);
        QVERIFY(dialog.isVisible());

        fillValidShellJob(dialog);
        // Pressed within the debounce delay: the dialog checks before it accepts.
        QTest::keyClick(child<QPlainTextEdit>(dialog, "instructionsEdit"), Qt::Key_Return, Qt::ControlModifier);
        QVERIFY(!dialog.isVisible());
        QCOMPARE(dialog.result(), int(QDialog::Accepted));
    }

    void badJobFileShowsTheCliMessage()
    {
        QTemporaryDir dir;
        const QString path = TestSupport::writeJson(
            dir.filePath(QStringLiteral("bad.json")),
            QJsonObject{{QStringLiteral("job_id"), QStringLiteral("a")},
                        {QStringLiteral("tool"), QStringLiteral("shell")},
                        {QStringLiteral("instructions"), QStringLiteral("true")},
                        {QStringLiteral("metadata"), QJsonObject{{QStringLiteral("timeout_seconds"), QStringLiteral("ten")}}}});

        SubmitDialog dialog;
        dialog.show();
        fillValidShellJob(dialog);
        dialog.setJobFile(path);
        auto *errors = child<QLabel>(dialog, "errorLabel");
        const QString message = path + QStringLiteral(": /metadata/timeout_seconds: expected a positive integer, got \"ten\"");
        QTRY_VERIFY2(errors->text().contains(message), qPrintable(errors->text()));
        QVERIFY(!child<QPushButton>(dialog, "submitButton")->isEnabled());
        QCOMPARE(dialog.jobFile(), path);
        QVERIFY(dialog.jobObject().isEmpty());
        saveScreenshot(dialog, QStringLiteral("submitdialog-file.png"));

        // A good file is submittable as a file, not as the form.
        const QString good = TestSupport::writeJson(
            dir.filePath(QStringLiteral("good.json")),
            QJsonObject{{QStringLiteral("job_id"), QStringLiteral("a")},
                        {QStringLiteral("tool"), QStringLiteral("shell")},
                        {QStringLiteral("instructions"), QStringLiteral("true")}});
        dialog.setJobFile(good);
        QTRY_VERIFY2(dialog.isJobValid(), qPrintable(dialog.problems()));
        dialog.accept();
        QCOMPARE(dialog.result(), int(QDialog::Accepted));
        QCOMPARE(dialog.jobFile(), good);
        QVERIFY(dialog.jobObject().isEmpty());
    }

    void backToTheForm()
    {
        SubmitDialog dialog;
        fillValidShellJob(dialog);
        dialog.setJobFile(QStringLiteral("/nonexistent/job.json"));
        QVERIFY(!dialog.isJobValid());
        QVERIFY(dialog.problems().startsWith(QStringLiteral("/nonexistent/job.json: ")));
        dialog.setJobFile({});
        QVERIFY(dialog.isJobValid());
        QCOMPARE(dialog.jobObject().value(QLatin1String("job_id")).toString(), QStringLiteral("job-1"));
    }

    void knownJobsKeepTheirChecks()
    {
        SubmitDialog dialog;
        dialog.setKnownJobs({QStringLiteral("a"), QStringLiteral("b")});
        auto *list = child<QListWidget>(dialog, "dependencyList");
        list->item(1)->setCheckState(Qt::Checked);
        dialog.setKnownJobs({QStringLiteral("c"), QStringLiteral("b"), QStringLiteral("a")});
        QCOMPARE(list->count(), 3);
        QCOMPARE(list->item(1)->checkState(), Qt::Checked);
        QCOMPARE(list->item(0)->checkState(), Qt::Unchecked);
        QCOMPARE(list->item(2)->checkState(), Qt::Unchecked);
    }

    void screenshot()
    {
        SubmitDialog dialog;
        dialog.show();
        fillValidShellJob(dialog);
        QTRY_VERIFY(dialog.isJobValid());
        saveScreenshot(dialog, QStringLiteral("submitdialog.png"));
    }

    void iconSheet()
    {
        // All icons at 16 and 48 px, for a look at ORCH_SCREENSHOT_DIR/icons.png.
        const QList<QIcon> icons = {
            stateIcon(JobState::Waiting), stateIcon(JobState::Queued), stateIcon(JobState::Running),
            stateIcon(JobState::RetryWaiting), stateIcon(JobState::Succeeded), stateIcon(JobState::Failed),
            stateIcon(JobState::TimedOut), stateIcon(JobState::Cancelled), stateIcon(JobState::UpstreamFailed),
            actionIcon(QStringLiteral("start")), actionIcon(QStringLiteral("pause")), actionIcon(QStringLiteral("retry")),
            actionIcon(QStringLiteral("cancel")), actionIcon(QStringLiteral("submit")), actionIcon(QStringLiteral("open-file")),
            actionIcon(QStringLiteral("workers")), applicationIcon()};
        QWidget sheet;
        sheet.resize(int(icons.size()) * 56 + 8, 84);
        QPixmap pixmap(sheet.size());
        pixmap.fill(Qt::white);
        {
            QPainter painter(&pixmap);
            for (qsizetype i = 0; i < icons.size(); ++i) {
                painter.drawPixmap(int(i) * 56 + 24, 4, icons.at(i).pixmap(16, 16));
                painter.drawPixmap(int(i) * 56 + 8, 28, icons.at(i).pixmap(48, 48));
            }
        }
        const QString dir = qEnvironmentVariable("ORCH_SCREENSHOT_DIR");
        if (!dir.isEmpty())
            pixmap.save(QDir(dir).filePath(QStringLiteral("icons.png")));
    }

    void iconsRender_data()
    {
        QTest::addColumn<QIcon>("icon");
        const QList<JobState> states = {JobState::Waiting, JobState::Queued, JobState::Running,
                                        JobState::RetryWaiting, JobState::Succeeded, JobState::Failed,
                                        JobState::TimedOut, JobState::Cancelled, JobState::UpstreamFailed};
        for (JobState state : states)
            QTest::newRow(qPrintable(QStringLiteral("state ") + toString(state))) << stateIcon(state);
        for (const char *name : {"start", "pause", "retry", "cancel", "submit", "open-file", "workers"})
            QTest::newRow(name) << actionIcon(QLatin1String(name));
        QTest::newRow("application") << applicationIcon();
    }

    void iconsRender()
    {
        QFETCH(QIcon, icon);
        QVERIFY(!icon.isNull());
        for (int size : {16, 48}) {
            const QImage image = icon.pixmap(size, size).toImage();
            QCOMPARE(image.size(), QSize(size, size));
            int painted = 0;
            for (int y = 0; y < size; ++y) {
                for (int x = 0; x < size; ++x)
                    painted += qAlpha(image.pixel(x, y)) > 0 ? 1 : 0;
            }
            // Rendered, not an empty pixmap (which is what a missing SVG plugin gives).
            QVERIFY2(painted > size * size / 10, qPrintable(QString::number(painted)));
        }
    }

    void unknownActionHasNoIcon() { QVERIFY(actionIcon(QStringLiteral("no-such-action")).isNull()); }
};

QTEST_MAIN(TestSubmitDialog)
#include "tst_submitdialog.moc"
