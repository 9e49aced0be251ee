#pragma once

#include <QString>

class QComboBox;
class QLabel;
class QWidget;

namespace Orchestrator::Ui {

// Pieces the job tabs (Changes, Conversation) share, so they look alike.

// The note a tab shows instead of its content ("No attempt yet…"), centred
// and in the disabled text colour: a note, not content.
QLabel *newPlaceholderLabel(QWidget *parent);

// The attempt selector of a tab's header: as wide as its entries, never
// squeezed by the labels beside it.
QComboBox *newAttemptSelector(const QString &toolTip, QWidget *parent);

} // namespace Orchestrator::Ui
