#pragma once

#include <QDialog>

#include <optional>

#include "api/enginetypes.h"
#include "app/settings.h"

class QCheckBox;
class QDoubleSpinBox;
class QComboBox;
class QLabel;
class QLineEdit;
class QSpinBox;
class QTableWidget;
class QWidget;

namespace Orchestrator::Ui {

// Edits the dashboard's Settings. It saves and applies nothing itself: after
// it is accepted the caller takes settings(), saves them and applies what can
// change while running (theme, workers, notifications).
class SettingsDialog final : public QDialog
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(SettingsDialog)

public:
    explicit SettingsDialog(const Settings &current, QWidget *parent = nullptr);
    ~SettingsDialog() override;

    // The settings as edited; anything the dialog does not show (tool paths of
    // tools it does not list) is kept from the settings it was opened with.
    // The database is the edited field only if the user changed it.
    Settings settings() const;

    // The database this window has open, shown in the field instead of the
    // stored setting; `givenWithDb`: it came from --db, so the setting does
    // not apply to this window. Saving without editing the field keeps the
    // stored setting.
    void setDatabaseInUse(const QString &path, bool givenWithDb);

    // The settings every engine on the open database shares (per-tool caps,
    // the rate-limit wait), beside `fileLimits`, the tools files' caps they
    // override. Until this is called (the database could not be read) those
    // fields are disabled and sharedSettings() is none.
    void setSharedSettings(const SharedSettings &shared, const QMap<QString, int> &fileLimits);
    // As edited: a tool's cap is stored only when it differs from the tools
    // file's or was stored before. None: nothing to write.
    std::optional<SharedSettings> sharedSettings() const;

private:
    QWidget *createDatabaseRow();
    QWidget *createToolTable();
    QSpinBox *limitSpin(int row) const;
    QLabel *createNote();
    QWidget *createDatabaseNote();
    bool databaseEdited() const;
    void updateDatabaseNote();
    void browseDatabase();
    void browseToolProgram();
    void showSettings(const Settings &settings);

    Settings m_initial;
    QString m_databaseShown;           // what the field showed before any edit
    bool m_databaseGivenWithDb = false;
    QLineEdit *m_databaseEdit = nullptr;
    QLabel *m_databaseNote = nullptr;
    QSpinBox *m_workersSpin = nullptr;
    QCheckBox *m_startPausedCheck = nullptr;
    QSpinBox *m_timeoutSpin = nullptr;
    QComboBox *m_retryCombo = nullptr;
    QTableWidget *m_toolTable = nullptr;
    QDoubleSpinBox *m_rateLimitWaitSpin = nullptr;
    std::optional<SharedSettings> m_shared;   // as the database had them
    QMap<QString, int> m_fileLimits;
    QComboBox *m_themeCombo = nullptr;
    QComboBox *m_languageCombo = nullptr;
    QCheckBox *m_notificationsCheck = nullptr;
};

} // namespace Orchestrator::Ui
