#include "dialogs/timeoutspin.h"

#include <limits>

#include <QCoreApplication>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QRegularExpression>
#include <QSpinBox>

namespace Orchestrator::Ui {

QSpinBox *createTimeoutSpin(const QString &noneText, const QString &toolTip, QWidget *parent)
{
    auto *spin = new QSpinBox(parent);
    spin->setObjectName(QStringLiteral("timeoutSpin"));
    spin->setRange(0, kFormMaxTimeoutSeconds);
    spin->setSuffix(QCoreApplication::translate("TimeoutSpin", " s"));
    spin->setSpecialValueText(noneText);
    const QString limit = QCoreApplication::translate("TimeoutSpin", "At most %1 s (%2 days) here; a job file may set up to %3 s.")
                              .arg(kFormMaxTimeoutSeconds)
                              .arg(kFormMaxTimeoutSeconds / (24 * 60 * 60))
                              .arg(kMaxTimeoutSeconds);
    spin->setToolTip(toolTip.isEmpty() ? limit : toolTip + QLatin1Char('\n') + limit);
    return spin;
}

void showTimeout(QSpinBox *spin, int seconds)
{
    if (seconds > spin->maximum())
        spin->setMaximum(qMin(seconds, kMaxTimeoutSeconds));
    spin->setValue(seconds);
}

TimeoutField::TimeoutField(const QString &noneText, const QString &toolTip, QWidget *parent)
    : QWidget(parent)
{
    m_edit = new QLineEdit(this);
    m_edit->setObjectName(QStringLiteral("timeoutEdit"));
    m_edit->setPlaceholderText(noneText);
    m_edit->setToolTip(toolTip);
    // Room for the largest value, not the width of a whole form row.
    m_edit->setMaximumWidth(m_edit->fontMetrics().horizontalAdvance(QStringLiteral("2147483647")) * 2);
    m_hint = new QLabel(this);
    m_hint->setObjectName(QStringLiteral("timeoutHint"));
    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_edit, 1);
    layout->addWidget(m_hint, 1);
    setFocusProxy(m_edit);
    connect(m_edit, &QLineEdit::textChanged, this, [this] {
        updateHint();
        Q_EMIT changed();
    });
    updateHint();
}

void TimeoutField::setSeconds(int seconds)
{
    m_edit->setText(seconds > 0 ? QString::number(seconds) : QString());
}

std::optional<int> TimeoutField::seconds() const
{
    // Digits, optionally followed by the unit the hint shows ("90 s").
    static const QRegularExpression pattern(QStringLiteral("^([0-9]+)\\s*s?$"), QRegularExpression::CaseInsensitiveOption);
    const QString text = m_edit->text().trimmed();
    if (text.isEmpty())
        return 0;
    const QRegularExpressionMatch match = pattern.match(text);
    if (!match.hasMatch())
        return std::nullopt;
    bool ok = false;
    const qlonglong value = match.captured(1).toLongLong(&ok);
    if (!ok || value > kMaxTimeoutSeconds)
        return std::nullopt;
    return int(value);
}

QString TimeoutField::problem() const
{
    return seconds() ? QString() : rule();
}

QString TimeoutField::rule()
{
    return tr("Timeout must be a whole number of seconds from 0 to %L1").arg(kMaxTimeoutSeconds);
}

QString TimeoutField::durationText(qint64 seconds)
{
    const qint64 days = seconds / 86400;
    const qint64 hours = seconds % 86400 / 3600;
    const qint64 minutes = seconds % 3600 / 60;
    const qint64 rest = seconds % 60;
    QStringList parts;
    if (days > 0)
        parts.append(tr("%n day(s)", nullptr, int(qMin<qint64>(days, std::numeric_limits<int>::max()))));
    if (hours > 0)
        parts.append(tr("%1 h").arg(hours));
    if (minutes > 0)
        parts.append(tr("%1 min").arg(minutes));
    if (rest > 0 || parts.isEmpty())
        parts.append(tr("%1 s").arg(rest));
    return parts.join(QLatin1Char(' '));
}

void TimeoutField::updateHint()
{
    const std::optional<int> value = seconds();
    if (!value || *value < 60)
        m_hint->setText(tr("seconds"));
    else
        m_hint->setText(tr("seconds (%1)").arg(durationText(*value)));
}

} // namespace Orchestrator::Ui
