#include "dialogs/submitdialog.h"

#include <algorithm>
#include <functional>

#include <QComboBox>
#include <QDialogButtonBox>
#include <QDir>
#include <QFileInfo>
#include <QFormLayout>
#include <QFrame>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QJsonArray>
#include <QKeySequence>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPlainTextEdit>
#include <QProcess>
#include <QPushButton>
#include <QShortcut>
#include <QSpinBox>
#include <QStyle>
#include <QTableWidget>
#include <QVBoxLayout>

#include "dialogs/filedialogs.h"
#include "dialogs/timeoutspin.h"
#include "models/stateicons.h"
#include "spec/jobspec.h"
#include "tools/toolregistry.h"

namespace Orchestrator::Ui {

namespace {

// Long enough that a burst of typing is checked once, short enough to feel live.
constexpr int kValidationDelayMs = 200;
constexpr int kListRows = 4;

int rowsHeight(const QWidget *widget, int rows)
{
    return widget->fontMetrics().height() * rows + 2 * widget->style()->pixelMetric(QStyle::PM_DefaultFrameWidth) + 8;
}

} // namespace

// The name parseJobObject puts in front of every message about the form,
// exactly as the command line names a file.
QString SubmitDialog::formSourceName() { return QStringLiteral("form"); }

SubmitDialog::SubmitDialog(QWidget *parent)
    : QDialog(parent)
{
    setWindowTitle(tr("Submit Job"));
    setWindowIcon(actionIcon(QStringLiteral("submit")));

    auto registry = ToolRegistry::load();
    if (registry)
        m_registry = std::make_unique<ToolRegistry>(std::move(registry).value());
    else
        m_registryError = registry.error().message;

    m_buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    m_submitButton = m_buttons->button(QDialogButtonBox::Ok);
    m_submitButton->setText(tr("&Submit"));
    m_submitButton->setIcon(actionIcon(QStringLiteral("submit")));
    m_submitButton->setToolTip(tr("Submit the job (Ctrl+Return)"));
    m_submitButton->setObjectName(QStringLiteral("submitButton"));
    connect(m_buttons, &QDialogButtonBox::accepted, this, &SubmitDialog::accept);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &SubmitDialog::reject);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(createForm(), 1);
    layout->addWidget(createErrorArea());
    layout->addWidget(m_buttons);

    for (const QKeySequence &keys : {QKeySequence(Qt::CTRL | Qt::Key_Return), QKeySequence(Qt::CTRL | Qt::Key_Enter)}) {
        auto *shortcut = new QShortcut(keys, this);
        connect(shortcut, &QShortcut::activated, this, &SubmitDialog::accept);
    }

    m_validateTimer.setSingleShot(true);
    m_validateTimer.setInterval(kValidationDelayMs);
    connect(&m_validateTimer, &QTimer::timeout, this, &SubmitDialog::validateNow);

    connectChangeSignals();
    setUpTabOrder();
    m_jobIdEdit->setFocus();
    // Wide enough for a full path in the file row and a message on one line.
    resize(qMax(sizeHint().width(), fontMetrics().averageCharWidth() * 100), sizeHint().height());
    validateNow();
}

SubmitDialog::~SubmitDialog() = default;

QWidget *SubmitDialog::createFileRow()
{
    auto *row = new QWidget(m_form);
    auto *layout = new QHBoxLayout(row);
    layout->setContentsMargins(0, 0, 0, 0);

    m_fileEdit = new QLineEdit(row);
    m_fileEdit->setObjectName(QStringLiteral("fileEdit"));
    m_fileEdit->setReadOnly(true);
    m_fileEdit->setPlaceholderText(tr("none: the job is the form below"));

    m_openButton = new QPushButton(actionIcon(QStringLiteral("open-file")), tr("&Open…"), row);
    m_openButton->setToolTip(tr("Submit a job file instead of the form"));
    connect(m_openButton, &QPushButton::clicked, this, &SubmitDialog::openFile);

    m_useFormButton = new QPushButton(tr("Use &Form"), row);
    m_useFormButton->setToolTip(tr("Forget the job file and submit the form"));
    m_useFormButton->setEnabled(false);
    connect(m_useFormButton, &QPushButton::clicked, this, [this] { setJobFile({}); });

    layout->addWidget(m_fileEdit, 1);
    layout->addWidget(m_openButton);
    layout->addWidget(m_useFormButton);
    return row;
}

QWidget *SubmitDialog::createForm()
{
    m_form = new QWidget(this);
    auto *form = new QFormLayout(m_form);
    form->setContentsMargins(0, 0, 0, 0);
    form->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
    m_formLayout = form;

    auto *fileLabel = new QLabel(tr("Job file:"), m_form);
    form->addRow(fileLabel, createFileRow());
    fileLabel->setBuddy(m_openButton);
    auto *separator = new QFrame(m_form);
    separator->setFrameShape(QFrame::HLine);
    separator->setFrameShadow(QFrame::Sunken);
    form->addRow(separator);
    // Rows from here on describe the job; they are disabled while a file is used.
    m_firstFieldRow = form->rowCount();

    m_jobIdEdit = new QLineEdit(m_form);
    m_jobIdEdit->setObjectName(QStringLiteral("jobIdEdit"));
    m_jobIdEdit->setPlaceholderText(tr("letters, digits, '.', '_', '-'"));
    form->addRow(tr("Job &id:"), m_jobIdEdit);

    m_toolCombo = new QComboBox(m_form);
    m_toolCombo->setObjectName(QStringLiteral("toolCombo"));
    if (m_registry) {
        for (const QString &name : m_registry->names()) {
            m_toolCombo->addItem(name, name);
            if (const ToolProfile *profile = m_registry->find(name))
                m_toolCombo->setItemData(m_toolCombo->count() - 1, profile->description, Qt::ToolTipRole);
        }
    }
    form->addRow(tr("&Tool:"), m_toolCombo);

    m_exeEdit = new QLineEdit(m_form);
    m_exeEdit->setObjectName(QStringLiteral("exeEdit"));
    m_exeEdit->setPlaceholderText(tr("empty: the tool builds the command from the instructions"));
    form->addRow(tr("&Program:"), m_exeEdit);

    m_argsEdit = new QLineEdit(m_form);
    m_argsEdit->setObjectName(QStringLiteral("argsEdit"));
    m_argsEdit->setPlaceholderText(tr("separated by spaces; \"double quotes\" keep spaces together"));
    form->addRow(tr("&Arguments:"), m_argsEdit);

    m_instructionsEdit = new QPlainTextEdit(m_form);
    m_instructionsEdit->setObjectName(QStringLiteral("instructionsEdit"));
    m_instructionsEdit->setTabChangesFocus(true);
    m_instructionsEdit->setPlaceholderText(tr("what the tool should do (for shell: the script)"));
    m_instructionsEdit->setFixedHeight(rowsHeight(m_instructionsEdit, kListRows));
    form->addRow(tr("I&nstructions:"), m_instructionsEdit);

    auto *dirRowWidget = new QWidget(m_form);
    auto *dirRow = new QHBoxLayout(dirRowWidget);
    dirRow->setContentsMargins(0, 0, 0, 0);
    m_workingDirEdit = new QLineEdit(m_form);
    m_workingDirEdit->setObjectName(QStringLiteral("workingDirEdit"));
    m_workingDirEdit->setPlaceholderText(tr("empty: the repository root"));
    m_browseButton = new QPushButton(tr("&Browse…"), m_form);
    connect(m_browseButton, &QPushButton::clicked, this, &SubmitDialog::browseWorkingDirectory);
    dirRow->addWidget(m_workingDirEdit, 1);
    dirRow->addWidget(m_browseButton);
    auto *dirLabel = new QLabel(tr("&Working directory:"), m_form);
    dirLabel->setBuddy(m_workingDirEdit);
    form->addRow(dirLabel, dirRowWidget);

    auto *envLabel = new QLabel(tr("&Environment:"), m_form);
    form->addRow(envLabel, createEnvironmentEditor());
    envLabel->setBuddy(m_envTable);

    m_priorityCombo = new QComboBox(m_form);
    m_priorityCombo->setObjectName(QStringLiteral("priorityCombo"));
    m_priorityCombo->addItem(tr("Low"), QStringLiteral("low"));
    m_priorityCombo->addItem(tr("Normal"), QStringLiteral("normal"));
    m_priorityCombo->addItem(tr("High"), QStringLiteral("high"));
    m_priorityCombo->addItem(tr("Critical"), QStringLiteral("critical"));
    m_priorityCombo->setCurrentIndex(1);
    form->addRow(tr("Priorit&y:"), m_priorityCombo);

    m_dependencyList = new QListWidget(m_form);
    m_dependencyList->setObjectName(QStringLiteral("dependencyList"));
    m_dependencyList->setFixedHeight(rowsHeight(m_dependencyList, kListRows));
    m_dependencyList->setToolTip(tr("The job starts only after every checked job has succeeded"));
    form->addRow(tr("Dependen&cies:"), m_dependencyList);

    m_timeoutSpin = createTimeoutSpin(tr("None"), tr("The attempt's processes are killed after this many seconds; 0: no timeout"),
                                      m_form);
    form->addRow(tr("Timeo&ut:"), m_timeoutSpin);

    m_retryCombo = new QComboBox(m_form);
    m_retryCombo->setObjectName(QStringLiteral("retryCombo"));
    m_retryCombo->addItem(tr("None: one attempt"), QStringLiteral("none"));
    m_retryCombo->addItem(tr("Retry: 3 attempts with backoff"), QStringLiteral("retry"));
    m_retryCombo->addItem(tr("Escalate to codex: a second attempt with codex"), QStringLiteral("escalate_to_codex"));
    form->addRow(tr("&Retry policy:"), m_retryCombo);

    for (QComboBox *combo : {m_toolCombo, m_priorityCombo, m_retryCombo})
        combo->setSizePolicy(QSizePolicy::Preferred, QSizePolicy::Fixed);
    m_timeoutSpin->setSizePolicy(QSizePolicy::Preferred, QSizePolicy::Fixed);
    return m_form;
}

QWidget *SubmitDialog::createEnvironmentEditor()
{
    auto *editor = new QWidget(m_form);
    auto *layout = new QHBoxLayout(editor);
    layout->setContentsMargins(0, 0, 0, 0);

    m_envTable = new QTableWidget(0, 2, editor);
    m_envTable->setObjectName(QStringLiteral("envTable"));
    m_envTable->setHorizontalHeaderLabels({tr("Variable"), tr("Value")});
    m_envTable->horizontalHeader()->setStretchLastSection(true);
    m_envTable->verticalHeader()->hide();
    m_envTable->setTabKeyNavigation(false);
    m_envTable->setSelectionBehavior(QAbstractItemView::SelectRows);
    // Whole rows only: three of them, under the header.
    m_envTable->setFixedHeight(m_envTable->horizontalHeader()->sizeHint().height()
                               + 3 * m_envTable->verticalHeader()->defaultSectionSize()
                               + 2 * m_envTable->frameWidth());
    m_envTable->setToolTip(tr("Variables set over the inherited environment"));

    auto *buttons = new QVBoxLayout;
    m_addEnvButton = new QPushButton(tr("A&dd"), editor);
    m_removeEnvButton = new QPushButton(tr("Re&move"), editor);
    m_removeEnvButton->setEnabled(false);
    connect(m_addEnvButton, &QPushButton::clicked, this, &SubmitDialog::addEnvironmentRow);
    connect(m_removeEnvButton, &QPushButton::clicked, this, &SubmitDialog::removeEnvironmentRows);
    connect(m_envTable, &QTableWidget::itemSelectionChanged, this,
            [this] { m_removeEnvButton->setEnabled(!m_envTable->selectedItems().isEmpty()); });
    buttons->addWidget(m_addEnvButton);
    buttons->addWidget(m_removeEnvButton);
    buttons->addStretch();

    layout->addWidget(m_envTable, 1);
    layout->addLayout(buttons);
    return editor;
}

QWidget *SubmitDialog::createErrorArea()
{
    m_errorArea = new QWidget(this);
    auto *layout = new QHBoxLayout(m_errorArea);
    layout->setContentsMargins(0, 4, 0, 4);

    m_errorIcon = new QLabel(m_errorArea);
    m_errorIcon->setAlignment(Qt::AlignTop | Qt::AlignHCenter);
    m_errorLabel = new QLabel(m_errorArea);
    m_errorLabel->setObjectName(QStringLiteral("errorLabel"));
    // Messages quote JSON ("<", "&" may appear): never interpret them as rich text.
    m_errorLabel->setTextFormat(Qt::PlainText);
    m_errorLabel->setWordWrap(true);
    m_errorLabel->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_errorLabel->setAlignment(Qt::AlignLeft | Qt::AlignTop);
    // Enough room for a few messages without the dialog jumping as they come and go.
    m_errorLabel->setMinimumHeight(m_errorLabel->fontMetrics().lineSpacing() * 3);

    layout->addWidget(m_errorIcon);
    layout->addWidget(m_errorLabel, 1);
    return m_errorArea;
}

void SubmitDialog::connectChangeSignals()
{
    for (QLineEdit *edit : {m_jobIdEdit, m_exeEdit, m_argsEdit, m_workingDirEdit})
        connect(edit, &QLineEdit::textChanged, this, &SubmitDialog::scheduleValidation);
    for (QComboBox *combo : {m_toolCombo, m_priorityCombo, m_retryCombo})
        connect(combo, &QComboBox::currentIndexChanged, this, &SubmitDialog::scheduleValidation);
    connect(m_instructionsEdit, &QPlainTextEdit::textChanged, this, &SubmitDialog::scheduleValidation);
    connect(m_timeoutSpin, &QSpinBox::valueChanged, this, &SubmitDialog::scheduleValidation);
    connect(m_envTable, &QTableWidget::itemChanged, this, &SubmitDialog::scheduleValidation);
    connect(m_dependencyList, &QListWidget::itemChanged, this, &SubmitDialog::scheduleValidation);
}

void SubmitDialog::setUpTabOrder()
{
    const QList<QWidget *> order = {
        m_openButton, m_useFormButton, m_jobIdEdit, m_toolCombo, m_exeEdit, m_argsEdit,
        m_instructionsEdit, m_workingDirEdit, m_browseButton, m_envTable, m_addEnvButton,
        m_removeEnvButton, m_priorityCombo, m_dependencyList, m_timeoutSpin, m_retryCombo,
        m_submitButton, m_buttons->button(QDialogButtonBox::Cancel),
    };
    for (qsizetype i = 1; i < order.size(); ++i)
        QWidget::setTabOrder(order.at(i - 1), order.at(i));
}

void SubmitDialog::setDefaults(int timeoutSeconds, const QString &retryPolicy)
{
    m_timeoutSpin->setValue(timeoutSeconds);
    if (const int index = m_retryCombo->findData(retryPolicy); index >= 0)
        m_retryCombo->setCurrentIndex(index);
}

void SubmitDialog::setKnownJobs(const QStringList &jobIds)
{
    QStringList checked;
    for (int row = 0; row < m_dependencyList->count(); ++row) {
        const QListWidgetItem *item = m_dependencyList->item(row);
        if (item->checkState() == Qt::Checked)
            checked.append(item->text());
    }

    {
        const QSignalBlocker blocker(m_dependencyList);
        m_dependencyList->clear();
        for (const QString &id : jobIds) {
            auto *item = new QListWidgetItem(id, m_dependencyList);
            item->setFlags(Qt::ItemIsEnabled | Qt::ItemIsSelectable | Qt::ItemIsUserCheckable);
            item->setCheckState(checked.contains(id) ? Qt::Checked : Qt::Unchecked);
        }
    }
    scheduleValidation();
}

void SubmitDialog::setJobFile(const QString &path)
{
    m_jobFile = path;
    m_fileEdit->setText(QDir::toNativeSeparators(path));
    m_fileEdit->setToolTip(m_fileEdit->text());
    for (int row = m_firstFieldRow; row < m_formLayout->rowCount(); ++row) {
        for (QFormLayout::ItemRole role : {QFormLayout::LabelRole, QFormLayout::FieldRole}) {
            if (QLayoutItem *item = m_formLayout->itemAt(row, role); item && item->widget())
                item->widget()->setEnabled(path.isEmpty());
        }
    }
    m_useFormButton->setEnabled(!path.isEmpty());
    m_validateTimer.stop();
    validateNow();
}

QJsonObject SubmitDialog::jobObject() const
{
    if (!m_jobFile.isEmpty())
        return {};

    // A field left blank is a field not given, so the messages are the ones a
    // job file without it gets ("missing required field").
    QJsonObject job;
    const QString jobId = m_jobIdEdit->text().trimmed();
    if (!jobId.isEmpty())
        job.insert(QStringLiteral("job_id"), jobId);
    const QString tool = m_toolCombo->currentData().toString();
    if (!tool.isEmpty())
        job.insert(QStringLiteral("tool"), tool);
    job.insert(QStringLiteral("priority"), m_priorityCombo->currentData().toString());

    const QString exe = m_exeEdit->text().trimmed();
    const QStringList args = QProcess::splitCommand(m_argsEdit->text());
    // An argument list without a program is still passed on, so the schema
    // reports the missing program instead of the form dropping the arguments.
    if (!exe.isEmpty() || !args.isEmpty()) {
        job.insert(QStringLiteral("command"),
                   QJsonObject{{QStringLiteral("exe"), exe}, {QStringLiteral("args"), QJsonArray::fromStringList(args)}});
    }

    const QString instructions = m_instructionsEdit->toPlainText();
    if (!instructions.trimmed().isEmpty())
        job.insert(QStringLiteral("instructions"), instructions);

    const QString workingDir = m_workingDirEdit->text().trimmed();
    if (!workingDir.isEmpty())
        job.insert(QStringLiteral("paths"), QJsonObject{{QStringLiteral("working_dir"), workingDir}});

    QJsonObject env;
    for (int row = 0; row < m_envTable->rowCount(); ++row) {
        const QTableWidgetItem *name = m_envTable->item(row, 0);
        const QTableWidgetItem *value = m_envTable->item(row, 1);
        if (name && !name->text().trimmed().isEmpty())
            env.insert(name->text().trimmed(), value ? value->text() : QString());
    }
    if (!env.isEmpty())
        job.insert(QStringLiteral("env"), env);

    QJsonArray dependencies;
    for (int row = 0; row < m_dependencyList->count(); ++row) {
        const QListWidgetItem *item = m_dependencyList->item(row);
        if (item->checkState() == Qt::Checked)
            dependencies.append(item->text());
    }
    if (!dependencies.isEmpty())
        job.insert(QStringLiteral("dependencies"), dependencies);

    QJsonObject metadata;
    if (m_timeoutSpin->value() > 0)
        metadata.insert(QStringLiteral("timeout_seconds"), m_timeoutSpin->value());
    const QString retry = m_retryCombo->currentData().toString();
    if (retry != QLatin1String("none"))
        metadata.insert(QStringLiteral("retry_policy"), retry);
    if (!metadata.isEmpty())
        job.insert(QStringLiteral("metadata"), metadata);

    return job;
}

void SubmitDialog::accept()
{
    // The user may press Submit within the debounce delay of their last edit.
    if (m_validateTimer.isActive()) {
        m_validateTimer.stop();
        validateNow();
    }
    if (!m_valid)
        return;
    QDialog::accept();
}

void SubmitDialog::openFile()
{
    const QString start = m_jobFile.isEmpty() ? QDir::currentPath() : QFileInfo(m_jobFile).absolutePath();
    const QString path = FileDialogs::openFileName(this, tr("Open Job File"), start,
                                                      tr("Job files (*.json);;All files (*)"));
    if (!path.isEmpty())
        setJobFile(path);
}

void SubmitDialog::browseWorkingDirectory()
{
    const QString start = m_workingDirEdit->text().isEmpty() ? QDir::currentPath() : m_workingDirEdit->text();
    const QString dir = FileDialogs::existingDirectory(this, tr("Working Directory"), start);
    if (!dir.isEmpty())
        m_workingDirEdit->setText(QDir::toNativeSeparators(dir));
}

void SubmitDialog::addEnvironmentRow()
{
    const int row = m_envTable->rowCount();
    m_envTable->insertRow(row);
    auto *name = new QTableWidgetItem;
    m_envTable->setItem(row, 0, name);
    m_envTable->setItem(row, 1, new QTableWidgetItem);
    m_envTable->setCurrentItem(name);
    m_envTable->setFocus();
    m_envTable->editItem(name);
}

void SubmitDialog::removeEnvironmentRows()
{
    QList<int> rows;
    for (const QTableWidgetItem *item : m_envTable->selectedItems()) {
        if (!rows.contains(item->row()))
            rows.append(item->row());
    }
    std::sort(rows.begin(), rows.end(), std::greater<>());
    for (int row : rows)
        m_envTable->removeRow(row);
    scheduleValidation();
}

void SubmitDialog::scheduleValidation()
{
    m_validateTimer.start();
}

void SubmitDialog::validateNow()
{
    showProblems(checkJob());
}

// The same two steps, and so the same messages, as `orchestrator validate`.
QString SubmitDialog::checkJob() const
{
    if (!m_registry)
        return m_registryError;

    const Result<JobSpec> spec = m_jobFile.isEmpty() ? parseJobObject(jobObject(), formSourceName())
                                                     : loadJobFile(m_jobFile);
    if (!spec)
        return spec.error().message;
    const Status toolCheck = m_registry->validate(*spec);
    if (!toolCheck)
        return toolCheck.error().message;
    return {};
}

void SubmitDialog::showProblems(const QString &problems)
{
    m_problems = problems;
    m_valid = problems.isEmpty();
    m_submitButton->setEnabled(m_valid);

    const int iconSize = style()->pixelMetric(QStyle::PM_SmallIconSize, nullptr, this);
    QPalette palette = this->palette();
    if (m_valid) {
        m_errorIcon->setPixmap(stateIcon(JobState::Succeeded).pixmap(iconSize, iconSize));
        m_errorLabel->setText(tr("Ready to submit."));
    } else {
        m_errorIcon->setPixmap(style()->standardIcon(QStyle::SP_MessageBoxWarning, nullptr, this).pixmap(iconSize, iconSize));
        m_errorLabel->setText(problems);
        // A red that stays readable on both light and dark window backgrounds.
        const bool dark = palette.color(QPalette::Window).lightness() < 128;
        palette.setColor(QPalette::WindowText, dark ? QColor(0xff, 0x8a, 0x80) : QColor(0xb7, 0x1c, 0x1c));
    }
    m_errorLabel->setPalette(palette);
    m_errorLabel->setAccessibleDescription(m_valid ? QString() : problems);
}

} // namespace Orchestrator::Ui
