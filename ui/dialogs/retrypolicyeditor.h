#pragma once

#include <utility>

#include <QJsonValue>
#include <QList>
#include <QString>
#include <QStringList>
#include <QWidget>

class QComboBox;
class QLineEdit;
class QListWidget;
class QToolButton;

namespace Orchestrator::Ui {

// metadata.retry_policy of a job (engine/spec/retrypolicy.h) as a form
// field: the shorthands ("none", "retry", "escalate_to_codex") and "Custom",
// which reveals the object form's fields: max attempts, backoff, factor,
// cap, and the tools later attempts escalate to, in order. A number field
// left empty is not written, so the engine's default applies (shown as the
// placeholder). Numbers are checked by the engine, as in a job file; text
// that is no number at all is a problem() of the editor.
class RetryPolicyEditor final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(RetryPolicyEditor)

public:
    explicit RetryPolicyEditor(QWidget *parent = nullptr);

    // The tools escalate_to may name, in this order, with their programs on
    // this machine ("" for one that is not installed). Ticks are kept for
    // tools still offered.
    void setTools(const QList<std::pair<QString, QString>> &toolsAndPrograms);
    // A shorthand (as the settings hold one), or "custom".
    void setPreset(const QString &preset);
    QString preset() const;

    // What the job file would hold: undefined for "none" (one attempt, the
    // default), the shorthand's string, or the custom object with the fields
    // given (a field whose text is not a number is left out).
    QJsonValue value() const;
    // The tools later attempts run, in order.
    QStringList escalationTools() const;
    // Custom fields whose text is not a number, in words.
    QStringList problems() const;
    // The rule of the object form's `field` ("max_attempts"...) in words,
    // e.g. "Max attempts must be a whole number from 1 to 100"; empty for
    // another field.
    static QString ruleFor(const QString &field);

    // The editor's widgets in tab order.
    QList<QWidget *> tabOrder() const;

Q_SIGNALS:
    void changed();

private:
    QWidget *createCustomEditor();
    void moveTool(int step);
    void updateCustomEditor();

    QComboBox *m_preset = nullptr;
    QWidget *m_custom = nullptr;
    QLineEdit *m_attempts = nullptr;
    QLineEdit *m_backoff = nullptr;
    QLineEdit *m_factor = nullptr;
    QLineEdit *m_cap = nullptr;
    QListWidget *m_tools = nullptr;
    QToolButton *m_up = nullptr;
    QToolButton *m_down = nullptr;
};

} // namespace Orchestrator::Ui
