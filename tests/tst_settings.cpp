// The dashboard's settings: stored and read back through QSettings (an INI
// file in a temporary directory, so the user's real settings are untouched),
// shown and edited by SettingsDialog, and the light/dark/system themes.
//
// ORCH_SCREENSHOT_DIR=<dir> saves pictures of the dialog there for a human look.

#include <QAbstractButton>
#include <QApplication>
#include <QCheckBox>
#include <QComboBox>
#include <QDir>
#include <QLabel>
#include <QLineEdit>
#include <QPalette>
#include <QSet>
#include <QSettings>
#include <QSpinBox>
#include <QStyle>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QTest>

#include "app/settings.h"
#include "dialogs/settingsdialog.h"
#include "submit/submission.h"

#include "widgetsupport.h"

using namespace Orchestrator;
using namespace Orchestrator::Ui;

namespace {

using WidgetSupport::child;
using WidgetSupport::selectData;

void saveScreenshot(QWidget &widget, const QString &name)
{
    const QString dir = qEnvironmentVariable("ORCH_SCREENSHOT_DIR");
    if (dir.isEmpty())
        return;
    widget.grab().save(QDir(dir).filePath(name));
}

// Everything different from the defaults.
Settings customSettings()
{
    Settings s;
    s.databasePath = QStringLiteral("/srv/orchestrator/jobs.db");
    s.workers = 12;
    s.startPaused = true;
    s.defaultTimeoutSeconds = 900;
    s.defaultRetryPolicy = QStringLiteral("escalate_to_codex");
    s.toolPaths.insert(QStringLiteral("aider"), QStringLiteral("/opt/aider/bin/aider"));
    s.toolPaths.insert(QStringLiteral("git"), QStringLiteral("/usr/local/bin/git"));
    s.theme = QStringLiteral("dark");
    s.language = QStringLiteral("de");
    s.notifications = false;
    return s;
}

int programRow(QTableWidget *table, const QString &tool)
{
    for (int row = 0; row < table->rowCount(); ++row) {
        if (table->item(row, 0)->text() == tool)
            return row;
    }
    qFatal("no row for tool %s", qPrintable(tool));
    return -1;
}

} // namespace

class TestSettings : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void defaultsWhenNothingStored();
    void saveAndLoadRoundTrip();
    void clearedToolPathIsForgotten();
    void invalidStoredValuesFallBack();
    void dialogShowsCurrentSettings();
    void dialogReturnsEditedSettings();
    void dialogKeepsUnlistedToolPaths();
    void dialogShowsTheDatabaseGivenWithDb();
    void savingAnUntouchedDefaultStoresNoDatabase();
    void dialogLabelsHaveBuddiesAndUniqueMnemonics();
    void darkThemeAndBackToSystem();

private:
    QTemporaryDir m_dir;
};

void TestSettings::initTestCase()
{
    QVERIFY(m_dir.isValid());
    QCoreApplication::setOrganizationName(QStringLiteral("orchestrator-test"));
    QCoreApplication::setApplicationName(QStringLiteral("tst_settings"));
    QSettings::setDefaultFormat(QSettings::IniFormat);
    QSettings::setPath(QSettings::IniFormat, QSettings::UserScope, m_dir.path());
    QVERIFY(QSettings().fileName().startsWith(m_dir.path()));
}

void TestSettings::init()
{
    QSettings().clear();
}

void TestSettings::defaultsWhenNothingStored()
{
    const Settings s = Settings::load();
    QCOMPARE(s.databasePath, defaultDatabasePath());
    QCOMPARE(s.workers, 4);
    QCOMPARE(s.startPaused, false);
    QCOMPARE(s.defaultTimeoutSeconds, 0);
    QCOMPARE(s.defaultRetryPolicy, QStringLiteral("none"));
    QVERIFY(s.toolPaths.isEmpty());
    QCOMPARE(s.theme, QStringLiteral("system"));
    QCOMPARE(s.language, QStringLiteral("system"));
    QCOMPARE(s.notifications, true);
}

void TestSettings::saveAndLoadRoundTrip()
{
    const Settings saved = customSettings();
    saved.save();
    const Settings loaded = Settings::load();
    QCOMPARE(loaded.databasePath, saved.databasePath);
    QCOMPARE(loaded.workers, saved.workers);
    QCOMPARE(loaded.startPaused, saved.startPaused);
    QCOMPARE(loaded.defaultTimeoutSeconds, saved.defaultTimeoutSeconds);
    QCOMPARE(loaded.defaultRetryPolicy, saved.defaultRetryPolicy);
    QCOMPARE(loaded.toolPaths, saved.toolPaths);
    QCOMPARE(loaded.theme, saved.theme);
    QCOMPARE(loaded.language, saved.language);
    QCOMPARE(loaded.notifications, saved.notifications);
    QVERIFY(loaded == saved);

    // The keys runDashboard() reads, under the names it reads them by.
    const QSettings store;
    QCOMPARE(store.value(QStringLiteral("database")).toString(), saved.databasePath);
    QCOMPARE(store.value(QStringLiteral("workers")).toInt(), 12);
    QCOMPARE(store.value(QStringLiteral("startPaused")).toBool(), true);
    QCOMPARE(store.value(QStringLiteral("toolPaths/aider")).toString(), QStringLiteral("/opt/aider/bin/aider"));
}

void TestSettings::clearedToolPathIsForgotten()
{
    Settings s = customSettings();
    s.save();
    s.toolPaths.remove(QStringLiteral("aider"));
    s.save();
    QVERIFY(!QSettings().contains(QStringLiteral("toolPaths/aider")));
    QCOMPARE(Settings::load().toolPaths, s.toolPaths);
}

void TestSettings::invalidStoredValuesFallBack()
{
    {
        QSettings store;
        store.setValue(QStringLiteral("workers"), 500);
        store.setValue(QStringLiteral("defaultTimeoutSeconds"), -5);
        store.setValue(QStringLiteral("defaultRetryPolicy"), QStringLiteral("pray"));
        store.setValue(QStringLiteral("theme"), QStringLiteral("purple"));
        store.setValue(QStringLiteral("language"), QStringLiteral("tlh"));
    }
    const Settings s = Settings::load();
    QCOMPARE(s.workers, 64);
    QCOMPARE(s.defaultTimeoutSeconds, 0);
    QCOMPARE(s.defaultRetryPolicy, QStringLiteral("none"));
    QCOMPARE(s.theme, QStringLiteral("system"));
    QCOMPARE(s.language, QStringLiteral("system"));
}

void TestSettings::dialogShowsCurrentSettings()
{
    const Settings current = customSettings();
    SettingsDialog dialog(current);
    dialog.show();
    QVERIFY(QTest::qWaitForWindowExposed(&dialog));
    saveScreenshot(dialog, QStringLiteral("settingsdialog.png"));

    QCOMPARE(child<QLineEdit>(dialog, "databaseEdit")->text(), current.databasePath);
    QCOMPARE(child<QSpinBox>(dialog, "workersSpin")->value(), 12);
    QCOMPARE(child<QCheckBox>(dialog, "startPausedCheck")->isChecked(), true);
    QCOMPARE(child<QSpinBox>(dialog, "timeoutSpin")->value(), 900);
    QCOMPARE(child<QComboBox>(dialog, "retryCombo")->currentData().toString(), QStringLiteral("escalate_to_codex"));
    auto *tools = child<QTableWidget>(dialog, "toolTable");
    QCOMPARE(tools->rowCount(), 7);
    QCOMPARE(tools->item(programRow(tools, QStringLiteral("aider")), 1)->text(), QStringLiteral("/opt/aider/bin/aider"));
    QCOMPARE(tools->item(programRow(tools, QStringLiteral("codex")), 1)->text(), QString());
    QCOMPARE(child<QComboBox>(dialog, "themeCombo")->currentData().toString(), QStringLiteral("dark"));
    QCOMPARE(child<QComboBox>(dialog, "languageCombo")->currentData().toString(), QStringLiteral("de"));
    QCOMPARE(child<QCheckBox>(dialog, "notificationsCheck")->isChecked(), false);

    // Unchanged, the dialog gives back what it was given.
    QVERIFY(dialog.settings() == current);

    // "0 = none" reads as such.
    auto *timeout = child<QSpinBox>(dialog, "timeoutSpin");
    timeout->setValue(0);
    QCOMPARE(timeout->text(), timeout->specialValueText());
}

void TestSettings::dialogReturnsEditedSettings()
{
    SettingsDialog dialog{Settings{}};
    dialog.show();
    QVERIFY(QTest::qWaitForWindowExposed(&dialog));

    auto *database = child<QLineEdit>(dialog, "databaseEdit");
    database->clear();
    QTest::keyClicks(database, QStringLiteral("/tmp/other.db"));
    child<QSpinBox>(dialog, "workersSpin")->setValue(8);
    child<QCheckBox>(dialog, "startPausedCheck")->setChecked(true);
    child<QSpinBox>(dialog, "timeoutSpin")->setValue(120);
    selectData(child<QComboBox>(dialog, "retryCombo"), QStringLiteral("retry"));
    auto *tools = child<QTableWidget>(dialog, "toolTable");
    tools->item(programRow(tools, QStringLiteral("codex")), 1)->setText(QStringLiteral("  /usr/bin/codex  "));
    selectData(child<QComboBox>(dialog, "themeCombo"), QStringLiteral("light"));
    selectData(child<QComboBox>(dialog, "languageCombo"), QStringLiteral("en"));
    child<QCheckBox>(dialog, "notificationsCheck")->setChecked(false);

    const Settings s = dialog.settings();
    QCOMPARE(s.databasePath, QStringLiteral("/tmp/other.db"));
    QCOMPARE(s.workers, 8);
    QCOMPARE(s.startPaused, true);
    QCOMPARE(s.defaultTimeoutSeconds, 120);
    QCOMPARE(s.defaultRetryPolicy, QStringLiteral("retry"));
    QCOMPARE(s.toolPaths, (QMap<QString, QString>{{QStringLiteral("codex"), QStringLiteral("/usr/bin/codex")}}));
    QCOMPARE(s.theme, QStringLiteral("light"));
    QCOMPARE(s.language, QStringLiteral("en"));
    QCOMPARE(s.notifications, false);

    // The worker range the engine accepts.
    auto *workers = child<QSpinBox>(dialog, "workersSpin");
    QCOMPARE(workers->minimum(), 1);
    QCOMPARE(workers->maximum(), 64);
}

void TestSettings::dialogKeepsUnlistedToolPaths()
{
    Settings current = customSettings();
    current.toolPaths.insert(QStringLiteral("mytool"), QStringLiteral("/opt/mytool"));
    SettingsDialog dialog(current);
    auto *tools = child<QTableWidget>(dialog, "toolTable");
    tools->item(programRow(tools, QStringLiteral("git")), 1)->setText(QString());

    QMap<QString, QString> expected = current.toolPaths;
    expected.remove(QStringLiteral("git"));
    QCOMPARE(dialog.settings().toolPaths, expected);
}

// The window runs on --db state.db while the setting names another database:
// the field shows state.db, the note says --db overrides the setting, and only
// an edit of the field changes the setting, for the next launch without --db.
void TestSettings::dialogShowsTheDatabaseGivenWithDb()
{
    const Settings current = customSettings();
    SettingsDialog dialog(current);
    const QString inUse = m_dir.filePath(QStringLiteral("state.db"));
    dialog.setDatabaseInUse(inUse, true);
    dialog.show();
    QVERIFY(QTest::qWaitForWindowExposed(&dialog));

    auto *database = child<QLineEdit>(dialog, "databaseEdit");
    auto *note = child<QLabel>(dialog, "databaseNote");
    QCOMPARE(database->text(), inUse);
    QVERIFY2(note->isVisible(), qPrintable(note->text()));
    QVERIFY2(note->text().contains(QStringLiteral("overrides the setting for this window")), qPrintable(note->text()));
    QVERIFY2(note->text().contains(current.databasePath), qPrintable(note->text()));
    // Saved untouched, the stored database stays what it was.
    QCOMPARE(dialog.settings().databasePath, current.databasePath);
    QVERIFY(dialog.settings() == current);

    database->clear();
    QTest::keyClicks(database, QStringLiteral("/tmp/next.db"));
    QVERIFY2(note->text().contains(QStringLiteral("Takes effect at the next launch without --db")), qPrintable(note->text()));
    QCOMPARE(dialog.settings().databasePath, QStringLiteral("/tmp/next.db"));

    // Edited back to what it showed: untouched again.
    database->setText(inUse);
    QCOMPARE(dialog.settings().databasePath, current.databasePath);
}

void TestSettings::savingAnUntouchedDefaultStoresNoDatabase()
{
    SettingsDialog dialog(Settings::load());
    dialog.setDatabaseInUse(m_dir.filePath(QStringLiteral("state.db")), true);
    dialog.settings().save();
    QVERIFY(!QSettings().contains(QStringLiteral("database")));
    QCOMPARE(Settings::load().databasePath, defaultDatabasePath());

    // A database the user did choose is stored.
    Settings chosen = Settings::load();
    chosen.databasePath = m_dir.filePath(QStringLiteral("chosen.db"));
    chosen.save();
    QCOMPARE(QSettings().value(QStringLiteral("database")).toString(), chosen.databasePath);
}

void TestSettings::dialogLabelsHaveBuddiesAndUniqueMnemonics()
{
    SettingsDialog dialog{Settings{}};
    QHash<QChar, QString> owners;
    const auto claim = [&owners](const QString &text) {
        const qsizetype at = text.indexOf(QLatin1Char('&'));
        if (at < 0 || at + 1 >= text.size())
            return;
        const QChar key = text.at(at + 1).toLower();
        QVERIFY2(!owners.contains(key),
                 qPrintable(QStringLiteral("'%1' in \"%2\" and \"%3\"").arg(key, text, owners.value(key))));
        owners.insert(key, text);
    };
    int labelsWithMnemonic = 0;
    for (QLabel *label : dialog.findChildren<QLabel *>()) {
        if (!label->text().contains(QLatin1Char('&')))
            continue;
        ++labelsWithMnemonic;
        QVERIFY2(label->buddy(), qPrintable(label->text()));
        claim(label->text());
    }
    for (QAbstractButton *button : dialog.findChildren<QAbstractButton *>())
        claim(button->text());
    QVERIFY(labelsWithMnemonic >= 7);
}

void TestSettings::darkThemeAndBackToSystem()
{
    const QString originalStyle = QApplication::style()->name();
    const QPalette originalPalette = QApplication::palette();

    applyTheme(QStringLiteral("dark"));
    QCOMPARE(QApplication::style()->name().toLower(), QStringLiteral("fusion"));
    const QPalette dark = QApplication::palette();
    QVERIFY(dark.color(QPalette::Window).lightness() < 100);
    QVERIFY(dark.color(QPalette::Base).lightness() < 100);
    QVERIFY(dark.color(QPalette::Text).lightness() > 200);
    QVERIFY(dark.color(QPalette::WindowText).lightness() > 200);
    QVERIFY(dark.color(QPalette::ButtonText).lightness() > 200);
    // Disabled text must stand apart from enabled text and from the background.
    const int disabled = dark.color(QPalette::Disabled, QPalette::Text).lightness();
    QVERIFY(disabled < dark.color(QPalette::Text).lightness() - 50);
    QVERIFY(disabled > dark.color(QPalette::Base).lightness() + 50);

    {
        SettingsDialog dialog(customSettings());
        dialog.show();
        QVERIFY(QTest::qWaitForWindowExposed(&dialog));
        saveScreenshot(dialog, QStringLiteral("settingsdialog-dark.png"));
    }

    applyTheme(QStringLiteral("light"));
    QVERIFY(QApplication::palette().color(QPalette::Window).lightness() > 150);
    QVERIFY(QApplication::palette().color(QPalette::WindowText).lightness() < 100);

    applyTheme(QStringLiteral("system"));
    QCOMPARE(QApplication::style()->name(), originalStyle);
    QCOMPARE(QApplication::palette().color(QPalette::Window), originalPalette.color(QPalette::Window));
    QCOMPARE(QApplication::palette().color(QPalette::Text), originalPalette.color(QPalette::Text));
    QCOMPARE(QApplication::palette().color(QPalette::Disabled, QPalette::Text),
             originalPalette.color(QPalette::Disabled, QPalette::Text));
}

QTEST_MAIN(TestSettings)
#include "tst_settings.moc"
