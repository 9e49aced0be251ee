#pragma once

#include <memory>

#include <QDialog>
#include <QHash>
#include <QMap>
#include <QJsonObject>
#include <QList>
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
class QScrollArea;
class QTableWidget;
class QWidget;

namespace Orchestrator {
class ToolRegistry;
}

namespace Orchestrator::Ui {

class FieldMessage;
class RetryPolicyEditor;
class TimeoutField;

// Lets the user describe one job, either by opening a job file or by filling
// in a form, and checks it as they type (debounced) with exactly the checks
// of `orchestrator validate`: the job schema (parseJobObject / loadJobFile),
// then the tool profile (ToolRegistry::validate). Submit is enabled only
// while the job is valid.
//
// The form's problems are said in words, each once, under the field they are
// about ("Job id is required"); the engine's own messages, as the command
// line prints them, are validationMessages(). A job file's problems are its
// messages as the command line prints them: they name the file and the field.
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

    // The job built from the form; empty in file mode. A field whose text
    // is not a value (a timeout of "-5") is left out: problems() says why.
    QJsonObject jobObject() const;
    // What messages about the form's job call it, as they name a job file.
    static QString formSourceName();
    // The job file opened; empty in form mode.
    QString jobFile() const { return m_jobFile; }

    // The result of the last check. problems(): what the user reads, one
    // problem per line, each once. validationMessages(): the engine's
    // messages on the same job, exactly as `orchestrator validate` prints
    // them (naming formSourceName() for the form).
    bool isJobValid() const { return m_valid; }
    QString problems() const { return m_problems; }
    QString validationMessages() const { return m_validationMessages; }
    // What may go wrong although the job is valid (a tool that is not
    // installed here), one per line.
    QString warnings() const { return m_warnings; }

public Q_SLOTS:
    void accept() override;

protected:
    void showEvent(QShowEvent *event) override;

private:
    // What a problem of the form is about: the rows that show it.
    enum class Field {
        General, JobId, Tool, Program, Instructions, WorkingDir, Environment,
        Run, Workstream, Priority, Dependencies, Timeout, Retry,
    };
    struct Problem
    {
        Field field = Field::General;
        QString text;
    };

    QWidget *createFileRow();
    QWidget *createForm();
    QWidget *createEnvironmentEditor();
    QWidget *createErrorArea();
    // Adds a row for the problems of `field` under its row (hidden while it has none).
    void addFieldMessage(Field field, QWidget *fieldWidget, const char *name);
    void connectChangeSignals();
    void setUpTabOrder();
    void fitToScreen();

    void openFile();
    void browseWorkingDirectory();
    void addEnvironmentRow();
    void removeEnvironmentRows();
    void scheduleValidation();
    void validateNow();
    QList<Problem> localProblems() const;
    QStringList engineMessages(bool fileMode) const;
    QList<Problem> formProblems(const QStringList &messages, const QList<Problem> &local) const;
    QList<Problem> toolWarnings() const;
    QString fieldName(Field field) const;
    void showProblems(const QList<Problem> &problems, const QList<Problem> &warnings);
    void showFieldMessages(const QList<Problem> &problems, const QList<Problem> &warnings);

    std::unique_ptr<ToolRegistry> m_registry;
    QString m_registryError;
    QHash<QString, QString> m_installedPrograms;   // tool -> its program on PATH ("" when not installed)
    QString m_jobFile;
    QString m_problems;
    QString m_validationMessages;
    QString m_warnings;
    bool m_valid = false;
    bool m_fittedToScreen = false;
    QTimer m_validateTimer;

    QLineEdit *m_fileEdit = nullptr;
    QPushButton *m_openButton = nullptr;
    QPushButton *m_useFormButton = nullptr;

    QScrollArea *m_scroll = nullptr;
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
    QLineEdit *m_runEdit = nullptr;
    QLineEdit *m_workstreamEdit = nullptr;
    QComboBox *m_priorityCombo = nullptr;
    QListWidget *m_dependencyList = nullptr;
    TimeoutField *m_timeout = nullptr;
    RetryPolicyEditor *m_retry = nullptr;
    QMap<Field, QWidget *> m_fieldWidgets;    // the field each row of messages is under
    QMap<Field, FieldMessage *> m_fieldMessages;

    QWidget *m_errorArea = nullptr;
    QLabel *m_errorIcon = nullptr;
    QLabel *m_errorLabel = nullptr;
    QDialogButtonBox *m_buttons = nullptr;
    QPushButton *m_submitButton = nullptr;
};

} // namespace Orchestrator::Ui
