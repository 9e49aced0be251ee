#include "dialogs/fieldmessage.h"

#include <algorithm>

#include <QResizeEvent>

namespace Orchestrator::Ui {

FieldMessage::FieldMessage(QWidget *parent)
    : QLabel(parent)
{
    // Messages quote what was typed ("<", "&" may appear): never rich text.
    setTextFormat(Qt::PlainText);
    setWordWrap(true);
    setAlignment(Qt::AlignLeft | Qt::AlignTop);
}

void FieldMessage::setMessage(const QString &text)
{
    setText(text);
    setAccessibleDescription(text);
    fitHeight();
}

void FieldMessage::resizeEvent(QResizeEvent *event)
{
    QLabel::resizeEvent(event);
    if (event->size().width() != event->oldSize().width())
        fitHeight();
}

void FieldMessage::fitHeight()
{
    // QLabel's height for a width is at least its minimum height: free it first.
    setMinimumHeight(0);
    setMaximumHeight(QWIDGETSIZE_MAX);
    setFixedHeight(std::max(heightForWidth(width()), fontMetrics().lineSpacing()));
}

} // namespace Orchestrator::Ui
