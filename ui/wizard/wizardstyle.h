#pragma once

#include <QColor>
#include <QPalette>

class QWidget;

namespace Orchestrator::Ui {

// The red of error text on the wizard's pages, readable on light and dark
// backgrounds.
QColor errorColor(const QPalette &palette);
// The amber of warnings (something may fail later, nothing is wrong yet).
QColor warningColor(const QPalette &palette);
// Makes `widget`'s text that red.
void setErrorPalette(QWidget *widget);

} // namespace Orchestrator::Ui
