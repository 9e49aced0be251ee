#pragma once

#include <QSize>

class QWidget;

namespace Orchestrator::Ui {

// `wanted`, made small enough that `window` with its frame (title bar and
// borders, which a window manager adds around it) fits on the screen it is
// on, or its parent's when it has not been shown yet.
QSize boundedToScreen(const QWidget *window, QSize wanted);

} // namespace Orchestrator::Ui
