// The submit dialog checks a job as it is typed, with exactly the messages of
// `orchestrator validate`, and enables Submit only while the job is valid.
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
#include <QSpinBox>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QTest>

#include "dialogs/submitdialog.h"
#include "models/stateicons.h"
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
    child<QSpinBox>(dialog, "timeoutSpin")->setValue(90);
    selectData(child<QComboBox>(dialog, "retryCombo"), QStringLiteral("retry"));
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

    void badFormShowsTheCliMessage_data()
    {
        QTest::addColumn<QString>("field");
        QTest::addColumn<QString>("value");
        QTest::addColumn<QString>("message");

        QTest::newRow("job id cleared") << QStringLiteral("jobIdEdit") << QString()
                                        << QStringLiteral("form: /: missing required field \"job_id\"");
        QTest::newRow("job id with a space")
            << QStringLiteral("jobIdEdit") << QStringLiteral("job 1")
            << QStringLiteral("form: /job_id: expected a job id of 1 to 200 letters, digits, '.', '_' or '-', got \"job 1\"");
        QTest::newRow("arguments without a program")
            << QStringLiteral("exeEdit") << QString()
            << QStringLiteral("form: /command/exe: expected a non-empty string (program name or path), got \"\"");
        QTest::newRow("shell without instructions")
            << QStringLiteral("instructionsEdit") << QString()
            << QStringLiteral("form: /instructions: shell jobs need instructions (or an explicit command)");
    }

    void badFormShowsTheCliMessage()
    {
        QFETCH(QString, field);
        QFETCH(QString, value);
        QFETCH(QString, message);

        SubmitDialog dialog;
        dialog.show();
        fillValidShellJob(dialog);
        auto *submit = child<QPushButton>(dialog, "submitButton");
        auto *errors = child<QLabel>(dialog, "errorLabel");
        QTRY_VERIFY2(submit->isEnabled(), qPrintable(dialog.problems()));

        if (field == QLatin1String("instructionsEdit")) {
            // Without a command the shell tool builds its command from the instructions.
            child<QLineEdit>(dialog, "exeEdit")->clear();
            child<QLineEdit>(dialog, "argsEdit")->clear();
            child<QPlainTextEdit>(dialog, "instructionsEdit")->setPlainText(value);
        } else {
            child<QLineEdit>(dialog, qPrintable(field))->setText(value);
        }

        QTRY_VERIFY2(errors->text().contains(message), qPrintable(errors->text()));
        QVERIFY(!submit->isEnabled());
        QVERIFY(errors->isVisible());
        QCOMPARE(errors->text(), dialog.problems());
        saveScreenshot(dialog, QStringLiteral("submitdialog-%1.png").arg(QString::fromLatin1(QTest::currentDataTag()).replace(QLatin1Char(' '), QLatin1Char('-'))));

        // Submitting an invalid job does nothing, by button or by keyboard.
        dialog.accept();
        QVERIFY(dialog.isVisible());
        QCOMPARE(dialog.result(), int(QDialog::Rejected));
    }

    void messagesMatchTheCommandLine()
    {
        // The same job through `orchestrator validate` gives the same message,
        // only naming the file instead of "form".
        SubmitDialog dialog;
        child<QLineEdit>(dialog, "jobIdEdit")->setText(QStringLiteral("nothing-to-run"));
        selectData(child<QComboBox>(dialog, "toolCombo"), QStringLiteral("codex"));
        QTRY_VERIFY2(dialog.problems().contains(QLatin1String("codex")), qPrintable(dialog.problems()));

        QTemporaryDir dir;
        const QString path = TestSupport::writeJson(dir.filePath(QStringLiteral("job.json")), dialog.jobObject());
        QProcess cli;
        cli.start(TestSupport::cliPath(), {QStringLiteral("validate"), path});
        QVERIFY(cli.waitForFinished(30000));
        const QString stderrText = QString::fromUtf8(cli.readAllStandardError()).trimmed();
        QString expected = dialog.problems();
        expected.replace(QStringLiteral("form: "), QStringLiteral("orchestrator validate: ") + path + QStringLiteral(": "));
        QCOMPARE(stderrText, expected);
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
