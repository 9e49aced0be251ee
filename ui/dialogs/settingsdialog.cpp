#include "dialogs/settingsdialog.h"
#include "dialogs/filedialogs.h"
#include "dialogs/timeoutspin.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDoubleSpinBox>
#include <QDialogButtonBox>
#include <QDir>
#include <QFileInfo>
#include <QFont>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSpinBox>
#include <QStyle>
#include <QTableWidget>
#include <QVBoxLayout>

#include "core/paths.h"

namespace Orchestrator::Ui {

namespace {

constexpr int kToolColumn = 0;
constexpr int kProgramColumn = 1;
constexpr int kLimitColumn = 2;
constexpr int kMaxLimit = 999;
constexpr int kMinWorkers = 1;
constexpr int kMaxWorkers = 64;

void selectData(QComboBox *combo, const QString &value)
{
    const int index = combo->findData(value);
    combo->setCurrentIndex(qMax(0, index));
}

} // namespace

SettingsDialog::SettingsDialog(const Settings &current, QWidget *parent)
    : QDialog(parent)
    , m_initial(current)
{
    setWindowTitle(tr("Settings"));

    auto *form = new QFormLayout;
    // Paths and the table grow with the dialog; numbers and choices keep their size.
    form->setFieldGrowthPolicy(QFormLayout::ExpandingFieldsGrow);

    auto *databaseLabel = new QLabel(tr("&Database:"), this);
    form->addRow(databaseLabel, createDatabaseRow());
    databaseLabel->setBuddy(m_databaseEdit);
    form->addRow(QString(), createDatabaseNote());

    m_workersSpin = new QSpinBox(this);
    m_workersSpin->setObjectName(QStringLiteral("workersSpin"));
    m_workersSpin->setRange(kMinWorkers, kMaxWorkers);
    m_workersSpin->setToolTip(tr("How many jobs run at the same time"));
    form->addRow(tr("&Workers:"), m_workersSpin);

    m_startPausedCheck = new QCheckBox(tr("Start &paused"), this);
    m_startPausedCheck->setObjectName(QStringLiteral("startPausedCheck"));
    m_startPausedCheck->setToolTip(tr("Open the dashboard without starting queued jobs"));
    form->addRow(QString(), m_startPausedCheck);

    m_timeoutSpin = createTimeoutSpin(tr("None"), tr("For jobs that set no timeout of their own; 0: no timeout"), this);
    form->addRow(tr("Default &timeout:"), m_timeoutSpin);

    m_retryCombo = new QComboBox(this);
    m_retryCombo->setObjectName(QStringLiteral("retryCombo"));
    m_retryCombo->addItem(tr("None"), QStringLiteral("none"));
    m_retryCombo->addItem(tr("Retry"), QStringLiteral("retry"));
    m_retryCombo->addItem(tr("Escalate to Codex"), QStringLiteral("escalate_to_codex"));
    m_retryCombo->setToolTip(tr("For jobs that name no retry policy of their own"));
    form->addRow(tr("Default &retry policy:"), m_retryCombo);

    auto *toolsLabel = new QLabel(tr("Tool progra&ms:"), this);
    form->addRow(toolsLabel, createToolTable());
    toolsLabel->setBuddy(m_toolTable);
    // The label sits at the top of the tall table, not in the middle of it.
    form->setAlignment(toolsLabel, Qt::AlignLeft | Qt::AlignTop);

    m_rateLimitWaitSpin = new QDoubleSpinBox(this);
    m_rateLimitWaitSpin->setObjectName(QStringLiteral("rateLimitWaitSpin"));
    m_rateLimitWaitSpin->setRange(0, 24 * 7);
    m_rateLimitWaitSpin->setDecimals(1);
    m_rateLimitWaitSpin->setSuffix(tr(" h"));
    m_rateLimitWaitSpin->setValue(SharedSettings{}.rateLimitMaxWaitHours);
    m_rateLimitWaitSpin->setEnabled(false);
    m_rateLimitWaitSpin->setToolTip(tr("How long a job may wait for an AI tool's rate limit in all before it fails; "
                                       "shared by every worker on this database"));
    form->addRow(tr("Wait f&or rate limits at most:"), m_rateLimitWaitSpin);

    m_themeCombo = new QComboBox(this);
    m_themeCombo->setObjectName(QStringLiteral("themeCombo"));
    m_themeCombo->addItem(tr("System"), QStringLiteral("system"));
    m_themeCombo->addItem(tr("Light"), QStringLiteral("light"));
    m_themeCombo->addItem(tr("Dark"), QStringLiteral("dark"));
    form->addRow(tr("T&heme:"), m_themeCombo);

    m_languageCombo = new QComboBox(this);
    m_languageCombo->setObjectName(QStringLiteral("languageCombo"));
    m_languageCombo->addItem(tr("System"), QStringLiteral("system"));
    //: The name of the language in that language: leave as is.
    m_languageCombo->addItem(tr("English"), QStringLiteral("en"));
    //: The name of the language in that language: leave as is.
    m_languageCombo->addItem(tr("Deutsch"), QStringLiteral("de"));
    form->addRow(tr("&Language:"), m_languageCombo);
    form->addRow(QString(), createNote());

    m_notificationsCheck = new QCheckBox(tr("&Notify when a run finishes or a job fails for good"), this);
    m_notificationsCheck->setObjectName(QStringLiteral("notificationsCheck"));
    form->addRow(QString(), m_notificationsCheck);

    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    connect(buttons, &QDialogButtonBox::accepted, this, &SettingsDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &SettingsDialog::reject);

    auto *layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addStretch(1);
    layout->addWidget(buttons);

    showSettings(current);
    connect(m_databaseEdit, &QLineEdit::textChanged, this, &SettingsDialog::updateDatabaseNote);
    updateDatabaseNote();
    m_databaseEdit->setFocus();
    // Wide enough for a typical database path on one line.
    resize(qMax(sizeHint().width(), fontMetrics().averageCharWidth() * 90), sizeHint().height());
}

SettingsDialog::~SettingsDialog() = default;

QWidget *SettingsDialog::createDatabaseRow()
{
    auto *row = new QWidget(this);
    row->setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Preferred);
    auto *layout = new QHBoxLayout(row);
    layout->setContentsMargins(0, 0, 0, 0);

    m_databaseEdit = new QLineEdit(row);
    m_databaseEdit->setObjectName(QStringLiteral("databaseEdit"));
    m_databaseEdit->setToolTip(tr("The SQLite file that holds jobs, runs and logs"));

    auto *browse = new QPushButton(tr("&Browse…"), row);
    browse->setObjectName(QStringLiteral("databaseBrowseButton"));
    connect(browse, &QPushButton::clicked, this, &SettingsDialog::browseDatabase);

    layout->addWidget(m_databaseEdit, 1);
    layout->addWidget(browse);
    return row;
}

QWidget *SettingsDialog::createToolTable()
{
    auto *box = new QWidget(this);
    box->setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Preferred);
    auto *layout = new QHBoxLayout(box);
    layout->setContentsMargins(0, 0, 0, 0);

    const QList<QString> &tools = configurableTools();
    m_toolTable = new QTableWidget(int(tools.size()), 3, box);
    m_toolTable->setObjectName(QStringLiteral("toolTable"));
    m_toolTable->setHorizontalHeaderLabels({tr("Tool"), tr("Program"), tr("At once")});
    m_toolTable->setToolTip(tr("An empty program is looked up on PATH. At once: how many attempts of the tool may run "
                               "at the same time on every worker of this database"));
    m_toolTable->verticalHeader()->hide();
    m_toolTable->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_toolTable->setSelectionMode(QAbstractItemView::SingleSelection);
    m_toolTable->setTabKeyNavigation(false);
    m_toolTable->horizontalHeader()->setSectionResizeMode(kToolColumn, QHeaderView::ResizeToContents);
    m_toolTable->horizontalHeader()->setStretchLastSection(true);
    for (int row = 0; row < tools.size(); ++row) {
        auto *tool = new QTableWidgetItem(tools.at(row));
        tool->setFlags(Qt::ItemIsEnabled | Qt::ItemIsSelectable);
        m_toolTable->setItem(row, kToolColumn, tool);
        m_toolTable->setItem(row, kProgramColumn, new QTableWidgetItem);
        auto *limit = new QSpinBox(m_toolTable);
        limit->setObjectName(QStringLiteral("limitSpin_") + tools.at(row));
        limit->setRange(0, kMaxLimit);
        limit->setSpecialValueText(tr("No cap"));
        limit->setFrame(false);
        limit->setEnabled(false);
        limit->setToolTip(tr("At most this many attempts of %1 at once on every worker of this database "
                             "(protects a subscription's quota); No cap: as many as there are workers").arg(tools.at(row)));
        m_toolTable->setCellWidget(row, kLimitColumn, limit);
    }
    m_toolTable->horizontalHeader()->setSectionResizeMode(kLimitColumn, QHeaderView::ResizeToContents);
    m_toolTable->horizontalHeader()->setSectionResizeMode(kProgramColumn, QHeaderView::Stretch);
    m_toolTable->horizontalHeader()->setStretchLastSection(false);
    m_toolTable->setCurrentCell(0, kProgramColumn);

    // Every row visible, no scroll bar: the list of tools is short and fixed.
    m_toolTable->verticalHeader()->setSectionResizeMode(QHeaderView::Fixed);
    m_toolTable->verticalHeader()->setDefaultSectionSize(m_toolTable->fontMetrics().height() + 8);
    const int frame = 2 * m_toolTable->frameWidth();
    m_toolTable->setFixedHeight(m_toolTable->horizontalHeader()->sizeHint().height()
                                + m_toolTable->verticalHeader()->defaultSectionSize() * int(tools.size()) + frame);
    m_toolTable->setVerticalScrollBarPolicy(Qt::ScrollBarAlwaysOff);

    auto *browse = new QPushButton(tr("Brow&se…"), box);
    browse->setObjectName(QStringLiteral("toolBrowseButton"));
    browse->setToolTip(tr("Choose the program of the selected tool"));
    connect(browse, &QPushButton::clicked, this, &SettingsDialog::browseToolProgram);

    auto *buttons = new QVBoxLayout;
    buttons->addWidget(browse);
    buttons->addStretch(1);
    layout->addWidget(m_toolTable, 1);
    layout->addLayout(buttons);
    return box;
}

QLabel *SettingsDialog::createNote()
{
    auto *note = new QLabel(tr("Takes effect after a restart."), this);
    QFont font = note->font();
    font.setPointSizeF(font.pointSizeF() * 0.9);
    note->setFont(font);
    return note;
}

QWidget *SettingsDialog::createDatabaseNote()
{
    m_databaseNote = createNote();
    m_databaseNote->setObjectName(QStringLiteral("databaseNote"));
    m_databaseNote->setWordWrap(true);
    return m_databaseNote;
}

void SettingsDialog::setDatabaseInUse(const QString &path, bool givenWithDb)
{
    m_databaseShown = isPostgresUrl(path) ? path : QDir::toNativeSeparators(QFileInfo(path).absoluteFilePath());
    m_databaseGivenWithDb = givenWithDb;
    m_databaseEdit->setText(m_databaseShown);
    updateDatabaseNote();
}

bool SettingsDialog::databaseEdited() const
{
    return m_databaseEdit->text().trimmed() != m_databaseShown;
}

// The database setting is read once, at a launch without --db: the note
// says which database this window uses and when an edit takes effect.
void SettingsDialog::updateDatabaseNote()
{
    QString note;
    if (databaseEdited() && m_databaseGivenWithDb)
        note = tr("Takes effect at the next launch without --db; this window keeps the database given with --db.");
    else if (databaseEdited())
        note = tr("Takes effect at the next launch without --db.");
    else if (m_databaseGivenWithDb)
        note = tr("This window uses the database given with --db, which overrides the setting for this window only. "
                  "Without --db the dashboard opens %1.")
                   .arg(QDir::toNativeSeparators(m_initial.databasePath));
    else
        note = tr("Takes effect after a restart.");
    m_databaseNote->setText(note);
}

void SettingsDialog::browseDatabase()
{
    // Choosing an existing database is the usual case, not an overwrite.
    const QString path = FileDialogs::saveFileName(this, tr("Database"), m_databaseEdit->text(),
                                                   tr("Orchestrator databases (*.db)"), QFileDialog::DontConfirmOverwrite);
    if (!path.isEmpty())
        m_databaseEdit->setText(QDir::toNativeSeparators(path));
}

void SettingsDialog::browseToolProgram()
{
    const int row = qMax(0, m_toolTable->currentRow());
    const QString tool = m_toolTable->item(row, kToolColumn)->text();
    QTableWidgetItem *program = m_toolTable->item(row, kProgramColumn);
    const QString path = FileDialogs::openFileName(this, tr("Program for %1").arg(tool), program->text());
    if (!path.isEmpty())
        program->setText(QDir::toNativeSeparators(path));
}

void SettingsDialog::showSettings(const Settings &settings)
{
    m_databaseShown = QDir::toNativeSeparators(settings.databasePath);
    m_databaseEdit->setText(m_databaseShown);
    m_workersSpin->setValue(settings.workers);
    m_startPausedCheck->setChecked(settings.startPaused);
    showTimeout(m_timeoutSpin, settings.defaultTimeoutSeconds);
    selectData(m_retryCombo, settings.defaultRetryPolicy);
    for (int row = 0; row < m_toolTable->rowCount(); ++row) {
        const QString tool = m_toolTable->item(row, kToolColumn)->text();
        m_toolTable->item(row, kProgramColumn)->setText(settings.toolPaths.value(tool));
    }
    selectData(m_themeCombo, settings.theme);
    selectData(m_languageCombo, settings.language);
    m_notificationsCheck->setChecked(settings.notifications);
}

QSpinBox *SettingsDialog::limitSpin(int row) const
{
    return qobject_cast<QSpinBox *>(m_toolTable->cellWidget(row, kLimitColumn));
}

void SettingsDialog::setSharedSettings(const SharedSettings &shared, const QMap<QString, int> &fileLimits)
{
    m_shared = shared;
    m_fileLimits = fileLimits;
    for (int row = 0; row < m_toolTable->rowCount(); ++row) {
        const QString tool = m_toolTable->item(row, kToolColumn)->text();
        QSpinBox *spin = limitSpin(row);
        spin->setValue(shared.toolLimits.value(tool, fileLimits.value(tool)));
        spin->setEnabled(true);
    }
    m_rateLimitWaitSpin->setValue(shared.rateLimitMaxWaitHours);
    m_rateLimitWaitSpin->setEnabled(true);
}

std::optional<SharedSettings> SettingsDialog::sharedSettings() const
{
    if (!m_shared)
        return std::nullopt;
    SharedSettings result = *m_shared;
    for (int row = 0; row < m_toolTable->rowCount(); ++row) {
        const QString tool = m_toolTable->item(row, kToolColumn)->text();
        const int value = limitSpin(row)->value();
        if (result.toolLimits.contains(tool) || value != m_fileLimits.value(tool))
            result.toolLimits.insert(tool, value);
    }
    result.rateLimitMaxWaitHours = m_rateLimitWaitSpin->value();
    return result;
}

Settings SettingsDialog::settings() const
{
    Settings result = m_initial;
    if (databaseEdited())
        result.databasePath = QDir::fromNativeSeparators(m_databaseEdit->text().trimmed());
    result.workers = m_workersSpin->value();
    result.startPaused = m_startPausedCheck->isChecked();
    result.defaultTimeoutSeconds = m_timeoutSpin->value();
    result.defaultRetryPolicy = m_retryCombo->currentData().toString();
    for (int row = 0; row < m_toolTable->rowCount(); ++row) {
        const QString tool = m_toolTable->item(row, kToolColumn)->text();
        const QString program = m_toolTable->item(row, kProgramColumn)->text().trimmed();
        if (program.isEmpty())
            result.toolPaths.remove(tool);
        else
            result.toolPaths.insert(tool, QDir::fromNativeSeparators(program));
    }
    result.theme = m_themeCombo->currentData().toString();
    result.language = m_languageCombo->currentData().toString();
    result.notifications = m_notificationsCheck->isChecked();
    return result;
}

} // namespace Orchestrator::Ui
