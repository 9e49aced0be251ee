#pragma once

#include <QStringList>
#include <QTimer>
#include <QWizardPage>

#include "convert/conversion.h"

class QCheckBox;
class QComboBox;
class QLabel;
class QLineEdit;
class QListWidget;
class QRadioButton;
class QSpinBox;

namespace Orchestrator {
class ToolRegistry;
}

namespace Orchestrator::Ui {

class ConversionSession;
class FieldMessage;
class ProblemList;
class TimeoutField;

// Page 3: how workstreams become jobs. The resulting job ids and the
// problems of the plan (unknown dependencies, cycles, duplicate or invalid
// ids) are shown as the options change. Next waits only for options that
// work: an id pattern that gives every job a valid id of its own (checked
// as it is typed, the reason shown under it) and a valid retry policy. The
// preview page shows where the plan's other problems are, and stops there
// until they are solved.
class OptionsPage final : public QWizardPage
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(OptionsPage)

public:
    OptionsPage(ConversionSession *session, const QStringList &tools, QWidget *parent = nullptr);

    // The options as the fields say.
    Convert::Options options() const;
    // Planned jobs are also checked against the tools' profiles (not owned).
    void setToolRegistry(const ToolRegistry *tools) { m_tools = tools; }
    // The plan's problems and those the job schema finds in its jobs.
    QStringList problems() const { return m_problems; }
    // Why the id pattern cannot name the planned jobs ("" when it can).
    QString patternProblem() const { return m_patternProblem; }

    void initializePage() override;
    bool isComplete() const override;
    bool validatePage() override;

    static constexpr int previewLimit = 50;

private:
    QWidget *createModeBox();
    QWidget *createJobBox(const QStringList &tools);
    QWidget *createPreviewBox();
    void setUpTabOrder();
    void scheduleUpdate();
    void applyOptions();
    void refreshPreview();
    void checkPattern();
    void updateReady();
    QString findPatternProblem(const Convert::Options &options) const;

    ConversionSession *m_session = nullptr;
    QTimer m_updateTimer;
    QStringList m_problems;
    QString m_patternProblem;
    bool m_optionsWork = false;
    const ToolRegistry *m_tools = nullptr;
    bool m_ready = false;

    QRadioButton *m_perWorkstream = nullptr;
    QRadioButton *m_perTask = nullptr;
    QComboBox *m_toolCombo = nullptr;
    QLineEdit *m_idPattern = nullptr;
    QComboBox *m_priorityCombo = nullptr;
    TimeoutField *m_timeout = nullptr;
    FieldMessage *m_timeoutMessage = nullptr;
    QSpinBox *m_attemptsSpin = nullptr;
    QSpinBox *m_backoffSpin = nullptr;
    QCheckBox *m_escalateCheck = nullptr;
    QCheckBox *m_autoCommitCheck = nullptr;
    QLineEdit *m_modelEdit = nullptr;
    QListWidget *m_preview = nullptr;
    QLabel *m_previewSummary = nullptr;
    FieldMessage *m_patternMessage = nullptr;
    ProblemList *m_errors = nullptr;
};

} // namespace Orchestrator::Ui
