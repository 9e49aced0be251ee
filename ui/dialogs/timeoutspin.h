#pragma once

#include <QString>

#include "spec/jobspec.h"

class QSpinBox;
class QWidget;

namespace Orchestrator::Ui {

// The forms offer at most a week, far less than a job file may set
// (kMaxTimeoutSeconds, about 68 years): longer than any sensible job, and
// short enough that a slip of the finger (an extra zero or two) is refused
// rather than becoming a job that is never timed out. The tooltip says so.
inline constexpr int kFormMaxTimeoutSeconds = 7 * 24 * 60 * 60;
static_assert(kFormMaxTimeoutSeconds <= kMaxTimeoutSeconds);

// A spin box for a timeout in seconds, 0 meaning none (shown as `noneText`),
// up to kFormMaxTimeoutSeconds; `toolTip` is followed by the limit.
QSpinBox *createTimeoutSpin(const QString &noneText, const QString &toolTip, QWidget *parent);

// Shows `seconds`. A value above the form's limit (from the settings file)
// is kept rather than clamped: the range grows to hold it.
void showTimeout(QSpinBox *spin, int seconds);

} // namespace Orchestrator::Ui
