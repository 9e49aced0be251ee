#pragma once

#include <memory>

#include <QDialog>
#include <QJsonObject>
#include <QString>
#include <QStringList>
#include <QTimer>

class QComboBox;
class QDialogButtonBox;
class QFormLayout;
class QLabel;
class QLineEdit;
class QListWidget;
class QPlainTextEdit;
class QPushButton;
class QSpinBox;
class QTableWidget;
class QWidget;

namespace Orchestrator {
class ToolRegistry;
}

namespace Orchestrator::Ui {

// Lets the user describe one job, either by opening a job file or by filling
// in a form, and checks it as they type (debounced) with exactly the checks
// and messages of `orchestrator validate`: the job schema (parseJobObject /
// loadJobFile), then the tool profile (ToolRegistry::validate). Submit is
// enabled only while the job is valid.
//
// The dialog submits nothing itself: after it is accepted the caller submits
// either jobFile() (a file was opened) or jobObject() (the form); exactly one
// of them is non-empty.
class SubmitDialog final : public QDialog
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(SubmitDialog)

public:
    explicit SubmitDialog(QWidget *parent = nullptr);
    ~SubmitDialog() override;

    // Jobs the new one may depend on, offered as checkable items. Ids checked
    // before stay checked if they are still known.
    void setKnownJobs(const QStringList &jobIds);

    // The form's starting values from the settings: timeout (0: none) and
    // retry policy ("none", "retry", "escalate_to_codex").
    void setDefaults(int timeoutSeconds, const QString &retryPolicy);

    // Switches to file mode: the form is disabled and the file is checked.
    // An empty path switches back to the form.
    void setJobFile(const QString &path);

    // The job built from the form; empty in file mode.
    QJsonObject jobObject() const;
    // What messages about the form's job call it, as they name a job file.
    static QString formSourceName();
    // The job file opened; empty in form mode.
    QString jobFile() const { return m_jobFile; }

    // The result of the last check: the validation messages, one per line.
    bool isJobValid() const { return m_valid; }
    QString problems() const { return m_problems; }

public Q_SLOTS:
    void accept() override;

private:
    QWidget *createFileRow();
    QWidget *createForm();
    QWidget *createEnvironmentEditor();
    QWidget *createErrorArea();
    void connectChangeSignals();
    void setUpTabOrder();

    void openFile();
    void browseWorkingDirectory();
    void addEnvironmentRow();
    void removeEnvironmentRows();
    void scheduleValidation();
    void validateNow();
    QString checkJob() const;
    void showProblems(const QString &problems);

    std::unique_ptr<ToolRegistry> m_registry;
    QString m_registryError;
    QString m_jobFile;
    QString m_problems;
    bool m_valid = false;
    QTimer m_validateTimer;

    QLineEdit *m_fileEdit = nullptr;
    QPushButton *m_openButton = nullptr;
    QPushButton *m_useFormButton = nullptr;

    QWidget *m_form = nullptr;
    QFormLayout *m_formLayout = nullptr;
    int m_firstFieldRow = 0;
    QLineEdit *m_jobIdEdit = nullptr;
    QComboBox *m_toolCombo = nullptr;
    QLineEdit *m_exeEdit = nullptr;
    QLineEdit *m_argsEdit = nullptr;
    QPlainTextEdit *m_instructionsEdit = nullptr;
    QLineEdit *m_workingDirEdit = nullptr;
    QPushButton *m_browseButton = nullptr;
    QTableWidget *m_envTable = nullptr;
    QPushButton *m_addEnvButton = nullptr;
    QPushButton *m_removeEnvButton = nullptr;
    QComboBox *m_priorityCombo = nullptr;
    QListWidget *m_dependencyList = nullptr;
    QSpinBox *m_timeoutSpin = nullptr;
    QComboBox *m_retryCombo = nullptr;

    QWidget *m_errorArea = nullptr;
    QLabel *m_errorIcon = nullptr;
    QLabel *m_errorLabel = nullptr;
    QDialogButtonBox *m_buttons = nullptr;
    QPushButton *m_submitButton = nullptr;
};

} // namespace Orchestrator::Ui
