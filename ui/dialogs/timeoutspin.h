#pragma once

#include <optional>

#include <QString>
#include <QWidget>

#include "spec/jobspec.h"

class QLabel;
class QLineEdit;
class QSpinBox;

namespace Orchestrator::Ui {

// The Settings dialog offers at most a week, far less than a job file may
// set (kMaxTimeoutSeconds, about 68 years): a default for every job, where a
// slip of the finger would be costly. Its tooltip says so.
inline constexpr int kFormMaxTimeoutSeconds = 7 * 24 * 60 * 60;
static_assert(kFormMaxTimeoutSeconds <= kMaxTimeoutSeconds);

// A spin box for a timeout in seconds, 0 meaning none (shown as `noneText`),
// up to kFormMaxTimeoutSeconds; `toolTip` is followed by the limit.
QSpinBox *createTimeoutSpin(const QString &noneText, const QString &toolTip, QWidget *parent);

// Shows `seconds`. A value above the form's limit (from the settings file)
// is kept rather than clamped: the range grows to hold it.
void showTimeout(QSpinBox *spin, int seconds);

// A timeout in seconds typed as text, from 0 (none, also an empty field) up
// to the job schema's maximum (kMaxTimeoutSeconds). Not a spin box: a spin
// box drops what it cannot hold without a word ("-5" loses its sign, an
// extra digit past its maximum vanishes), and a form must instead say what
// is wrong. Beside the field, the value in days, hours and minutes, so an
// extra zero is seen.
class TimeoutField final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(TimeoutField)

public:
    // `noneText` is the placeholder of the empty field.
    TimeoutField(const QString &noneText, const QString &toolTip, QWidget *parent = nullptr);

    QLineEdit *lineEdit() const { return m_edit; }
    // 0 shows the empty field (none).
    void setSeconds(int seconds);
    // The seconds typed (0: none), or nothing when the text is not a timeout.
    std::optional<int> seconds() const;
    // Why the text is not a timeout ("" when it is one): rule().
    QString problem() const;
    // "Timeout must be a whole number of seconds from 0 to 2,147,483,647".
    static QString rule();

    // "1 h 30 min": `seconds` in the largest units, for reading at a glance.
    static QString durationText(qint64 seconds);

Q_SIGNALS:
    void changed();

private:
    void updateHint();

    QLineEdit *m_edit = nullptr;
    QLabel *m_hint = nullptr;
};

} // namespace Orchestrator::Ui
