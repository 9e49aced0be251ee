#include "wizard/optionspage.h"

#include <QCheckBox>
#include <QComboBox>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QJsonArray>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QRadioButton>
#include <QSpinBox>
#include <QVBoxLayout>

#include "dialogs/timeoutspin.h"
#include "spec/jobspec.h"
#include "spec/retrypolicy.h"
#include "wizard/conversionsession.h"
#include "wizard/wizardstyle.h"

namespace Orchestrator::Ui {

namespace {

// Long enough that typing a pattern replans once per pause, short enough to feel live.
constexpr int kUpdateDelayMs = 150;
// At most this many problems are listed on the page; the rest are counted
// (all of them are in the tooltip and on the preview page).
constexpr int kMaxProblemsShown = 8;

} // namespace

OptionsPage::OptionsPage(ConversionSession *session, const QStringList &tools, QWidget *parent)
    : QWizardPage(parent)
    , m_session(session)
{
    setObjectName(QStringLiteral("optionsPage"));
    setTitle(tr("Mapping Options"));
    setSubTitle(tr("How workstreams become jobs. The job ids on the right follow the options as you change them."));

    auto *left = new QVBoxLayout;
    left->addWidget(createModeBox());
    left->addWidget(createJobBox(tools));
    left->addStretch();
    auto *layout = new QHBoxLayout(this);
    layout->addLayout(left, 3);
    layout->addWidget(createPreviewBox(), 2);

    m_updateTimer.setSingleShot(true);
    m_updateTimer.setInterval(kUpdateDelayMs);
    connect(&m_updateTimer, &QTimer::timeout, this, &OptionsPage::applyOptions);
    // Sources edited on the review page change the plan too; only a visible
    // page needs the new one at once.
    connect(session, &ConversionSession::planChanged, this, [this] {
        if (isVisible())
            scheduleUpdate();
    });

    for (QRadioButton *radio : {m_perWorkstream, m_perTask})
        connect(radio, &QRadioButton::toggled, this, &OptionsPage::scheduleUpdate);
    for (QComboBox *combo : {m_toolCombo, m_priorityCombo})
        connect(combo, &QComboBox::currentIndexChanged, this, &OptionsPage::scheduleUpdate);
    for (QLineEdit *edit : {m_idPattern, m_modelEdit})
        connect(edit, &QLineEdit::textChanged, this, &OptionsPage::scheduleUpdate);
    for (QSpinBox *spin : {m_timeoutSpin, m_attemptsSpin, m_backoffSpin})
        connect(spin, &QSpinBox::valueChanged, this, &OptionsPage::scheduleUpdate);
    for (QCheckBox *check : {m_escalateCheck, m_autoCommitCheck})
        connect(check, &QCheckBox::toggled, this, &OptionsPage::scheduleUpdate);
    // Escalating needs a second attempt to escalate to; backoff needs a retry.
    connect(m_escalateCheck, &QCheckBox::toggled, this, [this](bool on) {
        if (on && m_attemptsSpin->value() < 2)
            m_attemptsSpin->setValue(2);
    });
    connect(m_attemptsSpin, &QSpinBox::valueChanged, this, [this](int attempts) {
        m_backoffSpin->setEnabled(attempts > 1);
        if (attempts < 2)
            m_escalateCheck->setChecked(false);
    });
    setUpTabOrder();
}

QWidget *OptionsPage::createModeBox()
{
    auto *box = new QGroupBox(tr("Jobs"), this);
    m_perWorkstream = new QRadioButton(tr("One job per &workstream"), box);
    m_perWorkstream->setObjectName(QStringLiteral("perWorkstreamRadio"));
    m_perWorkstream->setToolTip(tr("A workstream's tasks become the instructions of one job"));
    m_perTask = new QRadioButton(tr("One job per t&ask, chained"), box);
    m_perTask->setObjectName(QStringLiteral("perTaskRadio"));
    m_perTask->setToolTip(tr("Each task is a job that waits for the task before it"));
    const bool perTask = Convert::Options().mode == Convert::Options::Mode::JobPerTask;
    (perTask ? m_perTask : m_perWorkstream)->setChecked(true);
    auto *layout = new QVBoxLayout(box);
    layout->addWidget(m_perWorkstream);
    layout->addWidget(m_perTask);
    return box;
}

QWidget *OptionsPage::createJobBox(const QStringList &tools)
{
    const Convert::Options defaults;
    auto *box = new QGroupBox(tr("Job settings"), this);
    auto *form = new QFormLayout(box);
    form->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);

    m_toolCombo = new QComboBox(box);
    m_toolCombo->setObjectName(QStringLiteral("defaultToolCombo"));
    m_toolCombo->setToolTip(tr("The tool of workstreams that name none"));
    for (const QString &tool : tools)
        m_toolCombo->addItem(tool, tool);
    if (m_toolCombo->findData(defaults.defaultTool) < 0)
        m_toolCombo->addItem(defaults.defaultTool, defaults.defaultTool);
    m_toolCombo->setCurrentIndex(m_toolCombo->findData(defaults.defaultTool));
    form->addRow(tr("Default &tool:"), m_toolCombo);

    m_idPattern = new QLineEdit(defaults.idPattern, box);
    m_idPattern->setObjectName(QStringLiteral("idPatternEdit"));
    m_idPattern->setToolTip(tr("{ws}: the workstream id; {n}: the job's number in its workstream, "
                               "three digits (001); {n:2}: two digits"));
    form->addRow(tr("Job &id pattern:"), m_idPattern);

    m_priorityCombo = new QComboBox(box);
    m_priorityCombo->setObjectName(QStringLiteral("priorityCombo"));
    m_priorityCombo->addItem(tr("not set (normal)"), QString());
    for (Priority priority : {Priority::Low, Priority::Normal, Priority::High, Priority::Critical})
        m_priorityCombo->addItem(toString(priority), toString(priority));
    m_priorityCombo->setToolTip(tr("Priority of every job, unless set per workstream on the review page"));
    form->addRow(tr("&Priority:"), m_priorityCombo);

    m_timeoutSpin = createTimeoutSpin(tr("none"), QString(), box);
    m_timeoutSpin->setSingleStep(60);
    showTimeout(m_timeoutSpin, defaults.timeoutSeconds);
    form->addRow(tr("Ti&meout:"), m_timeoutSpin);

    auto *retryRow = new QWidget(box);
    auto *retryLayout = new QHBoxLayout(retryRow);
    retryLayout->setContentsMargins(0, 0, 0, 0);
    m_attemptsSpin = new QSpinBox(retryRow);
    m_attemptsSpin->setObjectName(QStringLiteral("attemptsSpin"));
    m_attemptsSpin->setRange(1, 20);
    m_attemptsSpin->setPrefix(tr("attempts: "));
    m_attemptsSpin->setSpecialValueText(tr("1 attempt, no retry"));
    m_attemptsSpin->setAccessibleName(tr("Maximum attempts"));
    m_backoffSpin = new QSpinBox(retryRow);
    m_backoffSpin->setObjectName(QStringLiteral("backoffSpin"));
    m_backoffSpin->setRange(0, 3600);
    m_backoffSpin->setValue(5);
    m_backoffSpin->setPrefix(tr("backoff: "));
    m_backoffSpin->setSuffix(tr(" s"));
    m_backoffSpin->setAccessibleName(tr("Backoff before the first retry, in seconds (doubles each time)"));
    m_backoffSpin->setToolTip(tr("Wait before the first retry; it doubles for each further retry"));
    m_backoffSpin->setEnabled(false);
    m_escalateCheck = new QCheckBox(tr("&Escalate to codex"), retryRow);
    m_escalateCheck->setObjectName(QStringLiteral("escalateCheck"));
    m_escalateCheck->setToolTip(tr("Retries run codex instead of the job's own tool"));
    retryLayout->addWidget(m_attemptsSpin);
    retryLayout->addWidget(m_backoffSpin);
    retryLayout->addWidget(m_escalateCheck);
    retryLayout->addStretch();
    auto *retryLabel = new QLabel(tr("&Retry:"), box);
    retryLabel->setBuddy(m_attemptsSpin);
    form->addRow(retryLabel, retryRow);

    m_autoCommitCheck = new QCheckBox(tr("Commit the tool's changes (auto_&commit)"), box);
    m_autoCommitCheck->setObjectName(QStringLiteral("autoCommitCheck"));
    m_autoCommitCheck->setChecked(defaults.autoCommit.value_or(false));
    form->addRow(QString(), m_autoCommitCheck);

    m_modelEdit = new QLineEdit(defaults.model, box);
    m_modelEdit->setObjectName(QStringLiteral("modelEdit"));
    m_modelEdit->setPlaceholderText(tr("the tool's default"));
    form->addRow(tr("Mo&del:"), m_modelEdit);
    return box;
}

QWidget *OptionsPage::createPreviewBox()
{
    auto *box = new QGroupBox(tr("Resulting jobs"), this);
    m_preview = new QListWidget(box);
    m_preview->setObjectName(QStringLiteral("jobIdPreview"));
    m_preview->setAccessibleName(tr("Resulting job ids"));
    m_preview->setUniformItemSizes(true);
    auto *label = new QLabel(tr("Job i&ds:"), box);
    label->setBuddy(m_preview);
    m_previewSummary = new QLabel(box);
    m_previewSummary->setObjectName(QStringLiteral("previewSummary"));
    m_errors = new QLabel(box);
    m_errors->setObjectName(QStringLiteral("planErrors"));
    // Messages quote ids and JSON: never rich text.
    m_errors->setTextFormat(Qt::PlainText);
    m_errors->setWordWrap(true);
    m_errors->setTextInteractionFlags(Qt::TextSelectableByMouse);
    setErrorPalette(m_errors);
    m_errors->hide();
    auto *layout = new QVBoxLayout(box);
    layout->addWidget(label);
    layout->addWidget(m_preview, 1);
    layout->addWidget(m_previewSummary);
    layout->addWidget(m_errors);
    return box;
}

void OptionsPage::setUpTabOrder()
{
    const QList<QWidget *> order = {m_perWorkstream, m_perTask, m_toolCombo, m_idPattern, m_priorityCombo,
                                    m_timeoutSpin, m_attemptsSpin, m_backoffSpin, m_escalateCheck,
                                    m_autoCommitCheck, m_modelEdit, m_preview};
    for (qsizetype i = 1; i < order.size(); ++i)
        QWidget::setTabOrder(order.at(i - 1), order.at(i));
}

Convert::Options OptionsPage::options() const
{
    Convert::Options options;
    options.mode = m_perTask->isChecked() ? Convert::Options::Mode::JobPerTask : Convert::Options::Mode::JobPerWorkstream;
    options.defaultTool = m_toolCombo->currentData().toString();
    options.idPattern = m_idPattern->text().trimmed();
    options.priority = priorityFromString(m_priorityCombo->currentData().toString());
    options.timeoutSeconds = m_timeoutSpin->value();
    if (m_attemptsSpin->value() > 1) {
        QJsonObject retry{{QStringLiteral("max_attempts"), m_attemptsSpin->value()},
                          {QStringLiteral("backoff_seconds"), m_backoffSpin->value()}};
        if (m_escalateCheck->isChecked())
            retry.insert(QStringLiteral("escalate_to"), QJsonArray{QStringLiteral("codex")});
        options.retryPolicy = retry;
    }
    options.autoCommit = m_autoCommitCheck->isChecked();
    options.model = m_modelEdit->text().trimmed();
    options.tools = m_tools;
    return options;
}

void OptionsPage::initializePage()
{
    applyOptions();
}

bool OptionsPage::isComplete() const
{
    return m_ready;
}

bool OptionsPage::validatePage()
{
    // Next may be pressed within the delay of the last edit.
    if (m_updateTimer.isActive())
        applyOptions();
    return m_ready;
}

void OptionsPage::scheduleUpdate()
{
    m_updateTimer.start();
}

void OptionsPage::applyOptions()
{
    m_updateTimer.stop();
    {
        // setOptions announces a new plan, which would schedule this again.
        const QSignalBlocker blocker(m_session);
        m_session->setOptions(options());
    }
    refreshPreview();
}

void OptionsPage::refreshPreview()
{
    const Convert::Plan &plan = m_session->plan();
    // The plan checks every job as `orchestrator validate` would (schema,
    // and the tools' needs when a registry is set).
    m_problems = plan.errors;
    // Options that cannot work at all stop here; the plan's other problems
    // are shown in place on the preview page.
    bool optionsWork = true;
    if (const Result<QString> id = Convert::expandIdPattern(options().idPattern, QStringLiteral("ws"), 1); !id) {
        optionsWork = false;
        m_problems.prepend(id.error().message);
    }
    const Result<RetryPolicy> retry = RetryPolicy::parse(QJsonValue(options().retryPolicy), tr("retry policy"));
    if (!options().retryPolicy.isEmpty() && !retry) {
        optionsWork = false;
        m_problems.append(retry.error().message);
    }
    m_problems.removeDuplicates();

    m_preview->clear();
    const int shown = int(std::min<qsizetype>(plan.jobs.size(), previewLimit));
    for (int i = 0; i < shown; ++i) {
        const Convert::PlannedJob &job = plan.jobs.at(i);
        auto *item = new QListWidgetItem(job.jobId, m_preview);
        item->setToolTip(job.dependsOn.isEmpty() ? tr("starts first")
                                                 : tr("after %1").arg(job.dependsOn.join(QStringLiteral(", "))));
    }
    if (plan.jobs.size() > shown) {
        auto *more = new QListWidgetItem(tr("… and %n more", nullptr, int(plan.jobs.size() - shown)), m_preview);
        more->setFlags(Qt::NoItemFlags);
    }
    m_previewSummary->setText(tr("%n job(s)", nullptr, int(plan.jobs.size())));

    QStringList listed = m_problems.mid(0, kMaxProblemsShown);
    if (m_problems.size() > kMaxProblemsShown)
        listed.append(tr("… and %n more problem(s)", nullptr, int(m_problems.size() - kMaxProblemsShown)));
    m_errors->setText(listed.join(QLatin1Char('\n')));
    m_errors->setToolTip(m_problems.join(QLatin1Char('\n')));
    m_errors->setVisible(!m_problems.isEmpty());
    m_errors->setAccessibleDescription(m_problems.join(QLatin1Char('\n')));

    // Workstreams all caught in cycles plan no job, yet the preview shows them.
    bool anyUsable = false;
    for (int row = 0; row < m_session->count() && !anyUsable; ++row)
        anyUsable = m_session->isUsable(row);
    const bool ready = optionsWork && anyUsable;
    if (ready != m_ready) {
        m_ready = ready;
        Q_EMIT completeChanged();
    }
}

} // namespace Orchestrator::Ui
