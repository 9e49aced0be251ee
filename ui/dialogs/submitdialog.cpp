#include "dialogs/submitdialog.h"

#include <algorithm>
#include <functional>

#include <QComboBox>
#include <QDialogButtonBox>
#include <QDir>
#include <QEvent>
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
#include <QRegularExpression>
#include <QScrollArea>
#include <QScrollBar>
#include <QShortcut>
#include <QStyle>
#include <QTableWidget>
#include <QVBoxLayout>

#include "api/engine.h"
#include "dialogs/fieldmessage.h"
#include "dialogs/filedialogs.h"
#include "dialogs/retrypolicyeditor.h"
#include "dialogs/screenfit.h"
#include "dialogs/timeoutspin.h"
#include "models/stateicons.h"
#include "spec/jobspec.h"
#include "tools/toolregistry.h"

namespace Orchestrator::Ui {

namespace {

// Long enough that a burst of typing is checked once, short enough to feel live.
constexpr int kValidationDelayMs = 200;
constexpr int kListRows = 4;
constexpr int kFormWidthChars = 100;

int rowsHeight(const QWidget *widget, int rows)
{
    return widget->fontMetrics().height() * rows + 2 * widget->style()->pixelMetric(QStyle::PM_DefaultFrameWidth) + 8;
}

// A scroll area that asks for room for all of its form: the dialog is as
// tall as the form where the screen allows, and scrolls only where it does not.
class FormScrollArea final : public QScrollArea
{
public:
    using QScrollArea::QScrollArea;

    QSize sizeHint() const override
    {
        if (!widget())
            return QScrollArea::sizeHint();
        const int frame = 2 * frameWidth();
        return widget()->sizeHint() + QSize(frame + verticalScrollBar()->sizeHint().width(), frame);
    }

protected:
    bool event(QEvent *event) override
    {
        // The form's layout changed (a message came or went): so did the hint.
        if (event->type() == QEvent::LayoutRequest)
            updateGeometry();
        return QScrollArea::event(event);
    }
};

// Keeps the mouse wheel, over a combo box the user has not clicked, for
// scrolling the form: otherwise scrolling past the combo box changes it.
class WheelGuard final : public QObject
{
public:
    using QObject::QObject;

protected:
    bool eventFilter(QObject *watched, QEvent *event) override
    {
        if (event->type() == QEvent::Wheel) {
            if (auto *widget = qobject_cast<QWidget *>(watched); widget && !widget->hasFocus()) {
                event->ignore();
                return true;
            }
        }
        return QObject::eventFilter(watched, event);
    }
};

// A red, or an amber for warnings, that stays readable on both light and
// dark window backgrounds.
QColor messageColor(const QPalette &palette, bool warning)
{
    const bool dark = palette.color(QPalette::Window).lightness() < 128;
    if (warning)
        return dark ? QColor(0xff, 0xc8, 0x57) : QColor(0x8a, 0x55, 0x00);
    return dark ? QColor(0xff, 0x8a, 0x80) : QColor(0xb7, 0x1c, 0x1c);
}

QString sentence(QString text)
{
    if (!text.isEmpty())
        text[0] = text.at(0).toUpper();
    return text;
}

// "form: /a/b: reason" -> ("/a/b", "reason"); another message -> ("", message).
std::pair<QString, QString> splitMessage(const QString &message, const QString &source)
{
    const QString prefix = source + QLatin1String(": ");
    if (!message.startsWith(prefix))
        return {QString(), message};
    const QString rest = message.mid(prefix.size());
    const qsizetype colon = rest.indexOf(QLatin1String(": "));
    if (!rest.startsWith(QLatin1Char('/')) || colon < 0)
        return {QString(), rest};
    return {rest.left(colon), rest.mid(colon + 2)};
}

bool pointerIsIn(const QString &pointer, const QString &field)
{
    return pointer == field || pointer.startsWith(field + QLatin1Char('/'));
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
    if (const auto tools = Engine::tools()) {
        for (const ToolInfo &tool : *tools)
            m_installedPrograms.insert(tool.profile.name, tool.path);
    }

    m_buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    m_submitButton = m_buttons->button(QDialogButtonBox::Ok);
    m_submitButton->setText(tr("&Submit"));
    m_submitButton->setIcon(actionIcon(QStringLiteral("submit")));
    m_submitButton->setToolTip(tr("Submit the job (Ctrl+Return)"));
    m_submitButton->setObjectName(QStringLiteral("submitButton"));
    connect(m_buttons, &QDialogButtonBox::accepted, this, &SubmitDialog::accept);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &SubmitDialog::reject);

    m_scroll = new FormScrollArea(this);
    m_scroll->setObjectName(QStringLiteral("formScrollArea"));
    m_scroll->setFrameShape(QFrame::NoFrame);
    m_scroll->setWidgetResizable(true);
    m_scroll->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    // The form at the top of the area, its rows as close as the layout puts
    // them: a taller area leaves room below the form, not between its rows.
    auto *page = new QWidget(this);
    auto *pageLayout = new QVBoxLayout(page);
    pageLayout->setContentsMargins(0, 0, 0, 0);
    pageLayout->addWidget(createForm());
    pageLayout->addStretch(1);
    m_scroll->setWidget(page);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_scroll, 1);
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
    validateNow();
    fitToScreen();
}

SubmitDialog::~SubmitDialog() = default;

void SubmitDialog::showEvent(QShowEvent *event)
{
    QDialog::showEvent(event);
    if (m_fittedToScreen)
        return;
    m_fittedToScreen = true;
    // Only now is the form laid out at its width, with the messages it shows
    // at their heights: the height it needs is known.
    const QSize before = size();
    m_scroll->updateGeometry();
    fitToScreen();
    if (size() != before && !testAttribute(Qt::WA_Moved))
        adjustPosition(parentWidget());
}

void SubmitDialog::fitToScreen()
{
    // Wide enough for a full path in the file row and a message on one line;
    // as tall as the form, or the screen.
    const QSize wanted(std::max(sizeHint().width(), fontMetrics().averageCharWidth() * kFormWidthChars), sizeHint().height());
    resize(boundedToScreen(this, wanted));
}

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

void SubmitDialog::addFieldMessage(Field field, QWidget *fieldWidget, const char *name)
{
    auto *label = new FieldMessage(m_form);
    label->setObjectName(QLatin1String(name));
    m_formLayout->addRow(static_cast<QWidget *>(nullptr), label);
    m_formLayout->setRowVisible(label, false);
    m_fieldMessages.insert(field, label);
    m_fieldWidgets.insert(field, fieldWidget);
}

QWidget *SubmitDialog::createForm()
{
    m_form = new QWidget;
    m_form->setObjectName(QStringLiteral("form"));
    auto *form = new QFormLayout(m_form);
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
    addFieldMessage(Field::JobId, m_jobIdEdit, "jobIdMessage");

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
    addFieldMessage(Field::Tool, m_toolCombo, "toolMessage");

    m_exeEdit = new QLineEdit(m_form);
    m_exeEdit->setObjectName(QStringLiteral("exeEdit"));
    m_exeEdit->setPlaceholderText(tr("empty: the tool builds the command from the instructions"));
    form->addRow(tr("&Program:"), m_exeEdit);

    m_argsEdit = new QLineEdit(m_form);
    m_argsEdit->setObjectName(QStringLiteral("argsEdit"));
    m_argsEdit->setPlaceholderText(tr("separated by spaces; \"double quotes\" keep spaces together"));
    form->addRow(tr("&Arguments:"), m_argsEdit);
    addFieldMessage(Field::Program, m_exeEdit, "programMessage");

    m_instructionsEdit = new QPlainTextEdit(m_form);
    m_instructionsEdit->setObjectName(QStringLiteral("instructionsEdit"));
    m_instructionsEdit->setTabChangesFocus(true);
    m_instructionsEdit->setPlaceholderText(tr("what the tool should do (for shell: the script)"));
    m_instructionsEdit->setFixedHeight(rowsHeight(m_instructionsEdit, kListRows));
    form->addRow(tr("I&nstructions:"), m_instructionsEdit);
    addFieldMessage(Field::Instructions, m_instructionsEdit, "instructionsMessage");

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
    addFieldMessage(Field::WorkingDir, dirRowWidget, "workingDirMessage");

    auto *envLabel = new QLabel(tr("&Environment:"), m_form);
    QWidget *envEditor = createEnvironmentEditor();
    form->addRow(envLabel, envEditor);
    envLabel->setBuddy(m_envTable);
    addFieldMessage(Field::Environment, envEditor, "environmentMessage");

    m_runEdit = new QLineEdit(m_form);
    m_runEdit->setObjectName(QStringLiteral("runEdit"));
    m_runEdit->setPlaceholderText(tr("empty: a new run"));
    m_runEdit->setToolTip(tr("The run the job joins (run_id); an id not used yet starts a new run with that id"));
    form->addRow(tr("&Run id:"), m_runEdit);
    addFieldMessage(Field::Run, m_runEdit, "runMessage");

    m_workstreamEdit = new QLineEdit(m_form);
    m_workstreamEdit->setObjectName(QStringLiteral("workstreamEdit"));
    m_workstreamEdit->setPlaceholderText(tr("empty: \"default\""));
    m_workstreamEdit->setToolTip(tr("The workstream of the run the job belongs to (workstream_id)"));
    form->addRow(tr("Wor&kstream:"), m_workstreamEdit);
    addFieldMessage(Field::Workstream, m_workstreamEdit, "workstreamMessage");

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
    addFieldMessage(Field::Dependencies, m_dependencyList, "dependenciesMessage");

    m_timeout = new TimeoutField(tr("none"), tr("The attempt's processes are killed after this many seconds; empty or 0: no timeout"),
                                 m_form);
    auto *timeoutLabel = new QLabel(tr("Timeo&ut:"), m_form);
    timeoutLabel->setBuddy(m_timeout->lineEdit());
    form->addRow(timeoutLabel, m_timeout);
    addFieldMessage(Field::Timeout, m_timeout, "timeoutMessage");

    m_retry = new RetryPolicyEditor(m_form);
    QList<std::pair<QString, QString>> tools;
    if (m_registry) {
        for (const QString &name : m_registry->names())
            tools.append({name, m_installedPrograms.value(name)});
    }
    m_retry->setTools(tools);
    auto *retryLabel = new QLabel(tr("Retry po&licy:"), m_form);
    retryLabel->setBuddy(m_retry->tabOrder().constFirst());
    form->addRow(retryLabel, m_retry);
    addFieldMessage(Field::Retry, m_retry, "retryMessage");

    for (QComboBox *combo : {m_toolCombo, m_priorityCombo})
        combo->setSizePolicy(QSizePolicy::Preferred, QSizePolicy::Fixed);
    auto *wheelGuard = new WheelGuard(m_form);
    for (QComboBox *combo : m_form->findChildren<QComboBox *>()) {
        combo->setFocusPolicy(Qt::StrongFocus);
        combo->installEventFilter(wheelGuard);
    }
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
    for (QLineEdit *edit : {m_jobIdEdit, m_exeEdit, m_argsEdit, m_workingDirEdit, m_runEdit, m_workstreamEdit})
        connect(edit, &QLineEdit::textChanged, this, &SubmitDialog::scheduleValidation);
    for (QComboBox *combo : {m_toolCombo, m_priorityCombo})
        connect(combo, &QComboBox::currentIndexChanged, this, &SubmitDialog::scheduleValidation);
    connect(m_instructionsEdit, &QPlainTextEdit::textChanged, this, &SubmitDialog::scheduleValidation);
    connect(m_timeout, &TimeoutField::changed, this, &SubmitDialog::scheduleValidation);
    connect(m_retry, &RetryPolicyEditor::changed, this, &SubmitDialog::scheduleValidation);
    connect(m_envTable, &QTableWidget::itemChanged, this, &SubmitDialog::scheduleValidation);
    connect(m_dependencyList, &QListWidget::itemChanged, this, &SubmitDialog::scheduleValidation);
}

void SubmitDialog::setUpTabOrder()
{
    QList<QWidget *> order = {
        m_openButton, m_useFormButton, m_jobIdEdit, m_toolCombo, m_exeEdit, m_argsEdit,
        m_instructionsEdit, m_workingDirEdit, m_browseButton, m_envTable, m_addEnvButton,
        m_removeEnvButton, m_runEdit, m_workstreamEdit, m_priorityCombo, m_dependencyList,
        m_timeout->lineEdit(),
    };
    order += m_retry->tabOrder();
    order += {m_submitButton, m_buttons->button(QDialogButtonBox::Cancel)};
    for (qsizetype i = 1; i < order.size(); ++i)
        QWidget::setTabOrder(order.at(i - 1), order.at(i));
}

void SubmitDialog::setDefaults(int timeoutSeconds, const QString &retryPolicy)
{
    m_timeout->setSeconds(timeoutSeconds);
    m_retry->setPreset(retryPolicy);
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

    // A field left blank is a field not given, so the checks are the ones a
    // job file without it gets.
    QJsonObject job;
    const QString jobId = m_jobIdEdit->text().trimmed();
    if (!jobId.isEmpty())
        job.insert(QStringLiteral("job_id"), jobId);
    const QString tool = m_toolCombo->currentData().toString();
    if (!tool.isEmpty())
        job.insert(QStringLiteral("tool"), tool);
    job.insert(QStringLiteral("priority"), m_priorityCombo->currentData().toString());
    const QString run = m_runEdit->text().trimmed();
    if (!run.isEmpty())
        job.insert(QStringLiteral("run_id"), run);
    const QString workstream = m_workstreamEdit->text().trimmed();
    if (!workstream.isEmpty())
        job.insert(QStringLiteral("workstream_id"), workstream);

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
    if (const std::optional<int> timeout = m_timeout->seconds(); timeout && *timeout > 0)
        metadata.insert(QStringLiteral("timeout_seconds"), *timeout);
    if (const QJsonValue retry = m_retry->value(); !retry.isUndefined())
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
    if (m_valid) {
        QDialog::accept();
        return;
    }
    // Show the first field that needs fixing, in case it is scrolled away.
    for (auto it = m_fieldMessages.cbegin(); it != m_fieldMessages.cend(); ++it) {
        if (it.value()->property("error").toBool()) {
            m_scroll->ensureWidgetVisible(it.value());
            m_scroll->ensureWidgetVisible(m_fieldWidgets.value(it.key()));
            break;
        }
    }
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
    const bool fileMode = !m_jobFile.isEmpty();
    const QStringList messages = engineMessages(fileMode);
    m_validationMessages = messages.join(QLatin1Char('\n'));
    if (fileMode) {
        // A file's messages name the file and the field in it: they are the words.
        QList<Problem> problems;
        for (const QString &message : messages)
            problems.append({Field::General, message});
        showProblems(problems, {});
        return;
    }
    showProblems(formProblems(messages, localProblems()), toolWarnings());
}

// The same two steps, and so the same messages, as `orchestrator validate`.
QStringList SubmitDialog::engineMessages(bool fileMode) const
{
    if (!m_registry)
        return {m_registryError};
    const Result<JobSpec> spec = fileMode ? loadJobFile(m_jobFile) : parseJobObject(jobObject(), formSourceName());
    QStringList messages;
    if (!spec)
        messages = spec.error().message.split(QLatin1Char('\n'), Qt::SkipEmptyParts);
    else if (const Status toolCheck = m_registry->validate(*spec); !toolCheck)
        messages = toolCheck.error().message.split(QLatin1Char('\n'), Qt::SkipEmptyParts);
    messages.removeDuplicates();
    return messages;
}

// What the form can tell before the engine looks: required fields left
// empty, text that is not a number, and what the chosen tool needs.
QList<SubmitDialog::Problem> SubmitDialog::localProblems() const
{
    QList<Problem> problems;
    if (m_jobIdEdit->text().trimmed().isEmpty())
        problems.append({Field::JobId, tr("Job id is required")});
    const QString tool = m_toolCombo->currentData().toString();
    if (tool.isEmpty() && m_registry)
        problems.append({Field::Tool, tr("Tool is required")});
    const bool hasCommand = !m_exeEdit->text().trimmed().isEmpty();
    if (const ToolProfile *profile = m_registry ? m_registry->find(tool) : nullptr) {
        if (profile->needsCommand && !hasCommand && m_argsEdit->text().trimmed().isEmpty())
            problems.append({Field::Program, tr("The %1 tool runs only a program you name: Program is required").arg(tool)});
        if (profile->needsInstructions && !hasCommand && m_instructionsEdit->toPlainText().trimmed().isEmpty())
            problems.append({Field::Instructions, tr("The %1 tool needs instructions (or a program to run)").arg(tool)});
    }
    if (const QString timeout = m_timeout->problem(); !timeout.isEmpty())
        problems.append({Field::Timeout, timeout});
    for (const QString &retry : m_retry->problems())
        problems.append({Field::Retry, retry});
    return problems;
}

// The engine's messages in words, under their fields. A field the form has
// already found a problem with keeps that one: the engine's is the same
// problem said again, or follows from it.
QList<SubmitDialog::Problem> SubmitDialog::formProblems(const QStringList &messages, const QList<Problem> &local) const
{
    static const std::pair<const char *, Field> fields[] = {
        {"/job_id", Field::JobId}, {"/run_id", Field::Run}, {"/workstream_id", Field::Workstream},
        {"/tool", Field::Tool}, {"/command", Field::Program}, {"/instructions", Field::Instructions},
        {"/paths", Field::WorkingDir}, {"/env", Field::Environment}, {"/priority", Field::Priority},
        {"/dependencies", Field::Dependencies}, {"/depends_on", Field::Dependencies},
        {"/metadata/timeout_seconds", Field::Timeout}, {"/metadata/retry_policy", Field::Retry},
        {"/config", Field::Program},
    };
    const QString retryPointer = QStringLiteral("/metadata/retry_policy/");

    QList<Problem> problems = local;
    for (const QString &message : messages) {
        const auto [pointer, reason] = splitMessage(message, formSourceName());
        Field field = Field::General;
        for (const auto &[prefix, candidate] : fields) {
            if (pointerIsIn(pointer, QLatin1String(prefix)))
                field = candidate;
        }
        // A required field missing is about that field: the message names it as JSON does.
        if (pointer == QLatin1String("/")) {
            if (reason.contains(QLatin1String("\"job_id\"")))
                field = Field::JobId;
            else if (reason.contains(QLatin1String("\"tool\"")))
                field = Field::Tool;
        }
        // A field without a row of messages: said below the form.
        if (!m_fieldMessages.contains(field))
            field = Field::General;
        const bool known = std::any_of(local.cbegin(), local.cend(), [field](const Problem &p) { return p.field == field; });
        if (field != Field::General && known)
            continue;

        QString text;
        // The rule of the job schema's "id" definition.
        if (pointer == QLatin1String("/job_id"))
            text = tr("Job id must be 1 to 200 letters, digits, '.', '_' or '-'");
        else if (pointer == QLatin1String("/run_id"))
            text = tr("Run id must be 1 to 200 letters, digits, '.', '_' or '-'");
        else if (pointer == QLatin1String("/workstream_id"))
            text = tr("Workstream must be 1 to 200 letters, digits, '.', '_' or '-'");
        else if (pointer == QLatin1String("/command/exe"))
            text = tr("Program is required when arguments are given");
        else if (pointerIsIn(pointer, QStringLiteral("/config")))
            // The form has no tool settings: only a program of its own makes such a job.
            text = tr("The %1 tool builds its command from settings a job file gives (%2): here, name a program to run")
                       .arg(m_toolCombo->currentData().toString(), pointer.mid(1).replace(QLatin1Char('/'), QLatin1Char('.')));
        else if (field == Field::Timeout)
            text = TimeoutField::rule();
        else if (pointer.startsWith(retryPointer))
            text = RetryPolicyEditor::ruleFor(pointer.mid(retryPointer.size()).section(QLatin1Char('/'), 0, 0));
        if (text.isEmpty())
            text = field == Field::General && !pointer.isEmpty() && pointer != QLatin1String("/")
                       ? pointer + QLatin1String(": ") + reason
                       : sentence(reason);
        const bool seen = std::any_of(problems.cbegin(), problems.cend(),
                                      [&](const Problem &p) { return p.field == field && p.text == text; });
        if (!seen)
            problems.append({field, text});
    }
    return problems;
}

// Tools whose programs are not on PATH: the job is valid, but its attempts
// would fail to start on this machine.
QList<SubmitDialog::Problem> SubmitDialog::toolWarnings() const
{
    QList<Problem> warnings;
    auto missing = [this](const QString &tool) {
        return m_installedPrograms.contains(tool) && m_installedPrograms.value(tool).isEmpty();
    };
    auto program = [this](const QString &tool) {
        const ToolProfile *profile = m_registry ? m_registry->find(tool) : nullptr;
        return profile ? profile->program : tool;
    };
    const QString tool = m_toolCombo->currentData().toString();
    // A program given in the form runs instead of the tool's own.
    if (m_exeEdit->text().trimmed().isEmpty() && missing(tool)) {
        warnings.append({Field::Tool, tr("%1 is not installed here (no program \"%2\" on PATH): the job would fail to start")
                                          .arg(tool, program(tool))});
    }
    for (const QString &escalation : m_retry->escalationTools()) {
        if (escalation != tool && missing(escalation)) {
            warnings.append({Field::Retry, tr("%1 is not installed here (no program \"%2\" on PATH): attempts escalated to it would fail to start")
                                               .arg(escalation, program(escalation))});
        }
    }
    return warnings;
}

QString SubmitDialog::fieldName(Field field) const
{
    const auto *label = qobject_cast<QLabel *>(m_formLayout->labelForField(m_fieldWidgets.value(field)));
    if (!label)
        return {};
    QString text = label->text();
    text.remove(QRegularExpression(QStringLiteral("&(?!&)")));
    while (text.endsWith(QLatin1Char(':')) || text.endsWith(QLatin1Char(' ')))
        text.chop(1);
    return text;
}

void SubmitDialog::showProblems(const QList<Problem> &problems, const QList<Problem> &warnings)
{
    QStringList texts;
    QStringList general;
    QStringList fields;
    for (const Problem &problem : problems) {
        texts.append(problem.text);
        if (problem.field == Field::General)
            general.append(problem.text);
        else if (const QString name = fieldName(problem.field); !fields.contains(name))
            fields.append(name);
    }
    QStringList warningTexts;
    for (const Problem &warning : warnings)
        warningTexts.append(warning.text);
    m_problems = texts.join(QLatin1Char('\n'));
    m_warnings = warningTexts.join(QLatin1Char('\n'));
    m_valid = problems.isEmpty();
    m_submitButton->setEnabled(m_valid);
    showFieldMessages(problems, warnings);

    const int iconSize = style()->pixelMetric(QStyle::PM_SmallIconSize, nullptr, this);
    QPalette palette = this->palette();
    QString summary;
    if (m_valid) {
        m_errorIcon->setPixmap(warnings.isEmpty()
                                   ? stateIcon(JobState::Succeeded).pixmap(iconSize, iconSize)
                                   : style()->standardIcon(QStyle::SP_MessageBoxWarning, nullptr, this).pixmap(iconSize, iconSize));
        summary = warnings.isEmpty() ? tr("Ready to submit.") : tr("Ready to submit, but see the warning above.");
    } else {
        m_errorIcon->setPixmap(style()->standardIcon(QStyle::SP_MessageBoxWarning, nullptr, this).pixmap(iconSize, iconSize));
        // Problems shown at their fields are named here, not said again.
        QStringList lines = general;
        if (!fields.isEmpty())
            lines.append(tr("To fix: %1.").arg(fields.join(QStringLiteral(", "))));
        summary = lines.join(QLatin1Char('\n'));
        palette.setColor(QPalette::WindowText, messageColor(palette, false));
    }
    m_errorLabel->setText(summary);
    m_errorLabel->setPalette(palette);
    m_errorLabel->setAccessibleDescription(m_valid ? m_warnings : m_problems);
}

void SubmitDialog::showFieldMessages(const QList<Problem> &problems, const QList<Problem> &warnings)
{
    for (auto it = m_fieldMessages.cbegin(); it != m_fieldMessages.cend(); ++it) {
        QStringList errors;
        QStringList cautions;
        for (const Problem &problem : problems) {
            if (problem.field == it.key())
                errors.append(problem.text);
        }
        for (const Problem &warning : warnings) {
            if (warning.field == it.key())
                cautions.append(warning.text);
        }
        auto *label = static_cast<FieldMessage *>(it.value());
        const QStringList lines = errors + cautions;
        label->setMessage(lines.join(QLatin1Char('\n')));
        label->setProperty("error", !errors.isEmpty());
        QPalette palette = label->palette();
        palette.setColor(QPalette::WindowText, messageColor(this->palette(), errors.isEmpty()));
        label->setPalette(palette);
        // Shown in form mode only: a job file's problems are its own messages.
        m_formLayout->setRowVisible(label, !lines.isEmpty() && m_jobFile.isEmpty());
        if (QWidget *field = m_fieldWidgets.value(it.key()))
            field->setAccessibleDescription(lines.join(QLatin1Char('\n')));
    }
}

} // namespace Orchestrator::Ui
