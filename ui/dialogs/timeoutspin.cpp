#include "dialogs/timeoutspin.h"

#include <QCoreApplication>
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

} // namespace Orchestrator::Ui
