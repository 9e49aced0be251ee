#include "dialogs/retrypolicyeditor.h"

#include <cmath>
#include <optional>

#include <QComboBox>
#include <QGridLayout>
#include <QJsonArray>
#include <QJsonObject>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QLocale>
#include <QStyle>
#include <QToolButton>
#include <QVBoxLayout>

#include "spec/retrypolicy.h"

namespace Orchestrator::Ui {

namespace {

const char kMaxAttempts[] = "max_attempts";
const char kBackoffSeconds[] = "backoff_seconds";
const char kBackoffFactor[] = "backoff_factor";
const char kMaxBackoffSeconds[] = "max_backoff_seconds";
const char kEscalateTo[] = "escalate_to";
const char kCustom[] = "custom";
constexpr int kToolRows = 3;

// A number as typed: with this locale's decimal separator or a dot, never
// with group separators ("1.000" is not a thousand in a German form).
std::optional<double> parseNumber(const QString &text)
{
    QLocale locale;
    locale.setNumberOptions(QLocale::RejectGroupSeparator);
    bool ok = false;
    double value = locale.toDouble(text.trimmed(), &ok);
    if (!ok)
        value = QLocale::c().toDouble(text.trimmed(), &ok);
    if (!ok || !std::isfinite(value))
        return std::nullopt;
    return value;
}

QJsonValue jsonNumber(double value)
{
    // Whole numbers are written as integers: max_attempts must be one.
    if (value == std::floor(value) && std::abs(value) < 1e15)
        return QJsonValue(qint64(value));
    return QJsonValue(value);
}

QString numberText(double value)
{
    return QLocale().toString(value, 'g', 6);
}

} // namespace

RetryPolicyEditor::RetryPolicyEditor(QWidget *parent)
    : QWidget(parent)
{
    m_preset = new QComboBox(this);
    m_preset->setObjectName(QStringLiteral("retryCombo"));
    m_preset->addItem(tr("None: one attempt"), QStringLiteral("none"));
    m_preset->addItem(tr("Retry: 3 attempts with backoff"), QStringLiteral("retry"));
    m_preset->addItem(tr("Escalate to codex: a second attempt with codex"), QStringLiteral("escalate_to_codex"));
    m_preset->addItem(tr("Custom: attempts, backoff and escalation…"), QLatin1String(kCustom));
    m_preset->setSizePolicy(QSizePolicy::Preferred, QSizePolicy::Fixed);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_preset);
    layout->addWidget(createCustomEditor());
    setFocusProxy(m_preset);

    connect(m_preset, &QComboBox::currentIndexChanged, this, [this] {
        updateCustomEditor();
        Q_EMIT changed();
    });
    for (QLineEdit *edit : {m_attempts, m_backoff, m_factor, m_cap})
        connect(edit, &QLineEdit::textChanged, this, &RetryPolicyEditor::changed);
    connect(m_tools, &QListWidget::itemChanged, this, [this] {
        updateCustomEditor();
        Q_EMIT changed();
    });
    connect(m_tools, &QListWidget::currentRowChanged, this, &RetryPolicyEditor::updateCustomEditor);
    connect(m_up, &QToolButton::clicked, this, [this] { moveTool(-1); });
    connect(m_down, &QToolButton::clicked, this, [this] { moveTool(1); });
    updateCustomEditor();
}

QWidget *RetryPolicyEditor::createCustomEditor()
{
    m_custom = new QWidget(this);
    m_custom->setObjectName(QStringLiteral("customRetry"));
    // The object form's defaults, as the engine has them, are the placeholders.
    const RetryPolicy defaults = RetryPolicy::parse(QJsonObject{}, QString()).value();

    auto numberEdit = [this](const char *name, const QString &placeholder, const QString &toolTip) {
        auto *edit = new QLineEdit(m_custom);
        edit->setObjectName(QLatin1String(name));
        edit->setPlaceholderText(placeholder);
        edit->setToolTip(toolTip);
        edit->setMaximumWidth(edit->fontMetrics().averageCharWidth() * 16);
        return edit;
    };
    m_attempts = numberEdit("maxAttemptsEdit", QString(), tr("Attempts in all, the first one included (1 to 100); empty: the default"));
    m_backoff = numberEdit("backoffEdit", numberText(defaults.backoffSeconds),
                           tr("Seconds to wait before the first retry; empty: the default"));
    m_factor = numberEdit("backoffFactorEdit", numberText(defaults.backoffFactor),
                          tr("Each further wait is the one before times this (1: always the same wait)"));
    m_cap = numberEdit("maxBackoffEdit", numberText(defaults.maxBackoffSeconds), tr("No wait is longer than this many seconds"));

    m_tools = new QListWidget(m_custom);
    m_tools->setObjectName(QStringLiteral("escalateList"));
    m_tools->setAccessibleName(tr("Tools to escalate to, in order"));
    m_tools->setToolTip(tr("Attempt 2 runs the first ticked tool, attempt 3 the next one, and so on; "
                           "the last one runs any further attempts. None ticked: every attempt runs the job's own tool."));
    m_tools->setFixedHeight(m_tools->fontMetrics().height() * kToolRows + 2 * m_tools->frameWidth() + 8);
    m_up = new QToolButton(m_custom);
    m_up->setObjectName(QStringLiteral("escalateUpButton"));
    m_up->setArrowType(Qt::UpArrow);
    m_up->setToolTip(tr("Earlier: this tool runs before the next ticked one"));
    m_up->setAccessibleName(tr("Move up"));
    m_down = new QToolButton(m_custom);
    m_down->setObjectName(QStringLiteral("escalateDownButton"));
    m_down->setArrowType(Qt::DownArrow);
    m_down->setToolTip(tr("Later: this tool runs after the next ticked one"));
    m_down->setAccessibleName(tr("Move down"));
    auto *moveButtons = new QVBoxLayout;
    moveButtons->addWidget(m_up);
    moveButtons->addWidget(m_down);
    moveButtons->addStretch();

    auto label = [this](const QString &text, QWidget *buddy) {
        auto *l = new QLabel(text, m_custom);
        l->setBuddy(buddy);
        return l;
    };
    auto unit = [this](const QString &text) { return new QLabel(text, m_custom); };
    auto *grid = new QGridLayout(m_custom);
    grid->setContentsMargins(0, 0, 0, 0);
    grid->addWidget(label(tr("Ma&x attempts:"), m_attempts), 0, 0);
    grid->addWidget(m_attempts, 0, 1);
    grid->addWidget(label(tr("Backoff:"), m_backoff), 0, 3);
    grid->addWidget(m_backoff, 0, 4);
    grid->addWidget(unit(tr("s")), 0, 5);
    grid->addWidget(label(tr("Factor:"), m_factor), 1, 0);
    grid->addWidget(m_factor, 1, 1);
    grid->addWidget(label(tr("Cap:"), m_cap), 1, 3);
    grid->addWidget(m_cap, 1, 4);
    grid->addWidget(unit(tr("s")), 1, 5);
    auto *toolsLabel = label(tr("Escalate to:"), m_tools);
    toolsLabel->setAlignment(Qt::AlignLeft | Qt::AlignTop);
    grid->addWidget(toolsLabel, 2, 0);
    auto *toolsRow = new QHBoxLayout;
    toolsRow->addWidget(m_tools, 1);
    toolsRow->addLayout(moveButtons);
    grid->addLayout(toolsRow, 2, 1, 1, 5);
    grid->setColumnMinimumWidth(2, fontMetrics().averageCharWidth() * 2);
    grid->setColumnStretch(6, 1);
    return m_custom;
}

void RetryPolicyEditor::setTools(const QList<std::pair<QString, QString>> &toolsAndPrograms)
{
    const QStringList ticked = escalationTools();
    const QSignalBlocker blocker(m_tools);
    m_tools->clear();
    // Ticked tools first, in their order, then the others in the order given.
    QList<std::pair<QString, QString>> ordered;
    for (const QString &tool : ticked) {
        for (const auto &entry : toolsAndPrograms) {
            if (entry.first == tool)
                ordered.append(entry);
        }
    }
    for (const auto &entry : toolsAndPrograms) {
        if (!ticked.contains(entry.first))
            ordered.append(entry);
    }
    for (const auto &[tool, program] : std::as_const(ordered)) {
        auto *item = new QListWidgetItem(program.isEmpty() ? tr("%1 (not installed)").arg(tool) : tool, m_tools);
        item->setData(Qt::UserRole, tool);
        item->setFlags(Qt::ItemIsEnabled | Qt::ItemIsSelectable | Qt::ItemIsUserCheckable);
        item->setCheckState(ticked.contains(tool) ? Qt::Checked : Qt::Unchecked);
        item->setToolTip(program.isEmpty() ? tr("No program for %1 was found on PATH").arg(tool) : program);
    }
    updateCustomEditor();
}

void RetryPolicyEditor::setPreset(const QString &preset)
{
    if (const int index = m_preset->findData(preset); index >= 0)
        m_preset->setCurrentIndex(index);
}

QString RetryPolicyEditor::preset() const
{
    return m_preset->currentData().toString();
}

QJsonValue RetryPolicyEditor::value() const
{
    const QString chosen = preset();
    if (chosen == QLatin1String("none"))
        return QJsonValue(QJsonValue::Undefined);
    if (chosen != QLatin1String(kCustom))
        return chosen;
    QJsonObject object;
    for (const auto &[field, edit] : {std::pair{kMaxAttempts, m_attempts}, std::pair{kBackoffSeconds, m_backoff},
                                      std::pair{kBackoffFactor, m_factor}, std::pair{kMaxBackoffSeconds, m_cap}}) {
        if (const std::optional<double> number = parseNumber(edit->text()))
            object.insert(QLatin1String(field), jsonNumber(*number));
    }
    if (const QStringList tools = escalationTools(); !tools.isEmpty())
        object.insert(QLatin1String(kEscalateTo), QJsonArray::fromStringList(tools));
    return object;
}

QStringList RetryPolicyEditor::escalationTools() const
{
    QStringList tools;
    if (preset() != QLatin1String(kCustom)) {
        // A shorthand's escalation, as the engine reads it.
        const Result<RetryPolicy> policy = RetryPolicy::parse(value(), QString());
        return policy ? policy->escalateTo : tools;
    }
    for (int row = 0; row < m_tools->count(); ++row) {
        if (m_tools->item(row)->checkState() == Qt::Checked)
            tools.append(m_tools->item(row)->data(Qt::UserRole).toString());
    }
    return tools;
}

QStringList RetryPolicyEditor::problems() const
{
    QStringList problems;
    if (preset() != QLatin1String(kCustom))
        return problems;
    for (const auto &[field, edit] : {std::pair{kMaxAttempts, m_attempts}, std::pair{kBackoffSeconds, m_backoff},
                                      std::pair{kBackoffFactor, m_factor}, std::pair{kMaxBackoffSeconds, m_cap}}) {
        if (!edit->text().trimmed().isEmpty() && !parseNumber(edit->text()))
            problems.append(ruleFor(QLatin1String(field)));
    }
    return problems;
}

QString RetryPolicyEditor::ruleFor(const QString &field)
{
    // The limits of resources/schema/job.schema.json, which the engine checks.
    if (field == QLatin1String(kMaxAttempts))
        return tr("Max attempts must be a whole number from 1 to 100");
    if (field == QLatin1String(kBackoffSeconds))
        return tr("Backoff must be a number of seconds, 0 or more");
    if (field == QLatin1String(kBackoffFactor))
        return tr("Factor must be a number, 1 or more");
    if (field == QLatin1String(kMaxBackoffSeconds))
        return tr("Cap must be a number of seconds, 0 or more");
    return {};
}

QList<QWidget *> RetryPolicyEditor::tabOrder() const
{
    return {m_preset, m_attempts, m_backoff, m_factor, m_cap, m_tools, m_up, m_down};
}

void RetryPolicyEditor::moveTool(int step)
{
    const int row = m_tools->currentRow();
    const int target = row + step;
    if (row < 0 || target < 0 || target >= m_tools->count())
        return;
    {
        const QSignalBlocker blocker(m_tools);
        QListWidgetItem *item = m_tools->takeItem(row);
        m_tools->insertItem(target, item);
        m_tools->setCurrentRow(target);
    }
    updateCustomEditor();
    Q_EMIT changed();
}

void RetryPolicyEditor::updateCustomEditor()
{
    m_custom->setVisible(preset() == QLatin1String(kCustom));
    // Without a count, the engine gives each escalation tool its attempt.
    const QStringList tools = escalationTools();
    QJsonObject probe;
    if (!tools.isEmpty())
        probe.insert(QLatin1String(kEscalateTo), QJsonArray::fromStringList(tools));
    const Result<RetryPolicy> defaults = RetryPolicy::parse(probe, QString());
    m_attempts->setPlaceholderText(defaults ? QString::number(defaults->maxAttempts) : QString());
    const int row = m_tools->currentRow();
    m_up->setEnabled(row > 0);
    m_down->setEnabled(row >= 0 && row + 1 < m_tools->count());
}

} // namespace Orchestrator::Ui
