#pragma once

#include <QLabel>

namespace Orchestrator::Ui {

// A message under a form field (a problem, a warning), word-wrapped and
// exactly as tall as its text at the width the form gives it. (A
// word-wrapped QLabel left to a QFormLayout gets the height of a narrow
// column: blank lines around a short message, or a long one cut off.)
class FieldMessage final : public QLabel
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(FieldMessage)

public:
    explicit FieldMessage(QWidget *parent = nullptr);

    void setMessage(const QString &text);

protected:
    void resizeEvent(QResizeEvent *event) override;

private:
    void fitHeight();
};

} // namespace Orchestrator::Ui
