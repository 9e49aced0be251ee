#include "wizard/optionspage.h"

#include <QCheckBox>
#include <QComboBox>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QJsonArray>
#include <QHash>
#include <QRegularExpression>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QRadioButton>
#include <QSpinBox>
#include <QVBoxLayout>

#include "dialogs/fieldmessage.h"
#include "dialogs/timeoutspin.h"
#include "spec/jobspec.h"
#include "spec/retrypolicy.h"
#include "spec/jsontext.h"
#include "wizard/conversionsession.h"
#include "wizard/problemlist.h"
#include "wizard/wizardstyle.h"

namespace Orchestrator::Ui {

namespace {

// Long enough that typing a pattern replans once per pause, short enough to feel live.
constexpr int kUpdateDelayMs = 150;
// The list of problems shows this many lines, and scrolls for more.
constexpr int kProblemLines = 4;
// A job id as the job schema has it (resources/schema/job.schema.json, "id").
constexpr int kMaxIdLength = 200;

bool isValidId(const QString &id)
{
    static const QRegularExpression pattern(QStringLiteral("^[A-Za-z0-9._-]+$"));
    return !id.isEmpty() && id.size() <= kMaxIdLength && pattern.match(id).hasMatch();
}

// The first placeholder Convert::expandIdPattern does not know, or "".
QString unknownPlaceholder(const QString &pattern)
{
    static const QRegularExpression placeholder(QStringLiteral("\\{([^{}]*)\\}"));
    static const QRegularExpression known(QStringLiteral("^(ws|n|n:[1-9])$"));
    for (auto it = placeholder.globalMatch(pattern); it.hasNext();) {
        const QString name = it.next().captured(1);
        if (!known.match(name).hasMatch())
            return QLatin1Char('{') + name + QLatin1Char('}');
    }
    return {};
}

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
    auto *columns = new QHBoxLayout;
    columns->addLayout(left, 3);
    columns->addWidget(createPreviewBox(), 2);
    // The plan's problems across the page, where long paths and reasons fit.
    m_errors = new ProblemList(QStringLiteral("planErrors"), kProblemLines, this);
    m_errors->setAccessibleName(tr("Problems of the plan"));
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(columns, 1);
    layout->addWidget(m_errors);

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
    // Next follows the pattern at once, not after the plan's delay: a pattern
    // that cannot name the jobs never lets the user on.
    connect(m_idPattern, &QLineEdit::textChanged, this, &OptionsPage::checkPattern);
    for (QSpinBox *spin : {m_attemptsSpin, m_backoffSpin})
        connect(spin, &QSpinBox::valueChanged, this, &OptionsPage::scheduleUpdate);
    connect(m_timeout, &TimeoutField::changed, this, &OptionsPage::scheduleUpdate);
    connect(m_timeout, &TimeoutField::changed, this, [this] {
        m_timeoutMessage->setMessage(m_timeout->problem());
        m_timeoutMessage->setVisible(!m_timeout->problem().isEmpty());
        updateReady();
    });
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
    m_patternMessage = new FieldMessage(box);
    m_patternMessage->setObjectName(QStringLiteral("idPatternProblem"));
    setErrorPalette(m_patternMessage);
    form->addRow(QString(), m_patternMessage);
    m_patternMessage->hide();

    m_priorityCombo = new QComboBox(box);
    m_priorityCombo->setObjectName(QStringLiteral("priorityCombo"));
    m_priorityCombo->addItem(tr("not set (normal)"), QString());
    for (Priority priority : {Priority::Low, Priority::Normal, Priority::High, Priority::Critical})
        m_priorityCombo->addItem(toString(priority), toString(priority));
    m_priorityCombo->setToolTip(tr("Priority of every job, unless set per workstream on the review page"));
    form->addRow(tr("&Priority:"), m_priorityCombo);

    // As in the Submit form: any timeout the job schema takes, and a word for one it does not.
    m_timeout = new TimeoutField(tr("none"), tr("Each job's attempts are killed after this many seconds; empty or 0: no timeout"), box);
    m_timeout->setSeconds(defaults.timeoutSeconds);
    auto *timeoutLabel = new QLabel(tr("Ti&meout:"), box);
    timeoutLabel->setBuddy(m_timeout->lineEdit());
    form->addRow(timeoutLabel, m_timeout);
    m_timeoutMessage = new FieldMessage(box);
    m_timeoutMessage->setObjectName(QStringLiteral("timeoutProblem"));
    setErrorPalette(m_timeoutMessage);
    form->addRow(QString(), m_timeoutMessage);
    m_timeoutMessage->hide();

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
    auto *layout = new QVBoxLayout(box);
    layout->addWidget(label);
    layout->addWidget(m_preview, 1);
    layout->addWidget(m_previewSummary);
    return box;
}

void OptionsPage::setUpTabOrder()
{
    const QList<QWidget *> order = {m_perWorkstream, m_perTask, m_toolCombo, m_idPattern, m_priorityCombo,
                                    m_timeout->lineEdit(), m_attemptsSpin, m_backoffSpin, m_escalateCheck,
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
    options.timeoutSeconds = m_timeout->seconds().value_or(0);
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

QString OptionsPage::findPatternProblem(const Convert::Options &options) const
{
    const QString pattern = options.idPattern;
    if (pattern.isEmpty())
        return tr("The job id pattern is empty: it must give each job an id, e.g. {ws}-{n}");
    if (const QString unknown = unknownPlaceholder(pattern); !unknown.isEmpty())
        return tr("The job id pattern has an unknown placeholder %1 (known: {ws}, {n}, {n:2} for two digits)").arg(unknown);
    if (const Result<QString> sample = Convert::expandIdPattern(pattern, QStringLiteral("ws"), 1); !sample)
        return sample.error().message;

    // The ids of the jobs the usable workstreams would plan, as Convert::plan names them.
    const bool perTask = options.mode == Convert::Options::Mode::JobPerTask;
    QHash<QString, QString> owners;   // job id -> workstream id
    bool anyWorkstream = false;
    for (int row = 0; row < m_session->count(); ++row) {
        if (!m_session->isUsable(row))
            continue;
        anyWorkstream = true;
        const Convert::Workstream &ws = *m_session->sources().at(row).workstream;
        const int count = perTask ? int(ws.tasks.size()) : 1;
        for (int n = 1; n <= count; ++n) {
            const QString id = Convert::expandIdPattern(pattern, ws.id, n).value();
            if (!isValidId(id)) {
                return tr("The job id pattern gives ids that are not valid, such as %1: a job id is 1 to %2 letters, "
                          "digits, '.', '_' or '-'")
                    .arg(JsonText::quoted(id))
                    .arg(kMaxIdLength);
            }
            if (const auto owner = owners.constFind(id); owner != owners.constEnd()) {
                if (*owner == ws.id)
                    return tr("The job id pattern gives the tasks of %1 the same id %2: put {n} in it").arg(ws.id, JsonText::quoted(id));
                return tr("The job id pattern gives %1 and %2 the same id %3: put {ws} in it").arg(*owner, ws.id, JsonText::quoted(id));
            }
            owners.insert(id, ws.id);
        }
    }
    if (!anyWorkstream) {
        if (const QString id = Convert::expandIdPattern(pattern, QStringLiteral("ws"), 1).value(); !isValidId(id)) {
            return tr("The job id pattern gives ids that are not valid, such as %1: a job id is 1 to %2 letters, "
                      "digits, '.', '_' or '-'")
                .arg(JsonText::quoted(id))
                .arg(kMaxIdLength);
        }
    }
    return {};
}

void OptionsPage::checkPattern()
{
    m_patternProblem = findPatternProblem(options());
    m_patternMessage->setMessage(m_patternProblem);
    m_patternMessage->setVisible(!m_patternProblem.isEmpty());
    m_idPattern->setAccessibleDescription(m_patternProblem);
    updateReady();
}

void OptionsPage::updateReady()
{
    // Workstreams all caught in cycles plan no job, yet the preview shows them.
    bool anyUsable = false;
    for (int row = 0; row < m_session->count() && !anyUsable; ++row)
        anyUsable = m_session->isUsable(row);
    const bool ready = m_optionsWork && m_patternProblem.isEmpty() && m_timeout->problem().isEmpty() && anyUsable;
    if (ready != m_ready) {
        m_ready = ready;
        Q_EMIT completeChanged();
    }
}

void OptionsPage::refreshPreview()
{
    const Convert::Plan &plan = m_session->plan();
    // The plan checks every job as `orchestrator validate` would (schema,
    // and the tools' needs when a registry is set).
    m_problems = plan.errors;
    // Options that cannot work at all stop here; the plan's other problems
    // are shown in place on the preview page. A pattern that does not parse
    // plans nothing: its only problem is said under the pattern.
    if (const Result<QString> id = Convert::expandIdPattern(options().idPattern, QStringLiteral("ws"), 1); !id)
        m_problems.clear();
    bool optionsWork = true;
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

    m_errors->setProblems(m_problems);

    m_optionsWork = optionsWork;
    checkPattern();
}

} // namespace Orchestrator::Ui
