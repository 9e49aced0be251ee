#pragma once

#include <QStringList>

namespace Orchestrator::Ui {

// `orchestrator [gui] [--db PATH] [--workers N] [--paused]`: creates the
// QApplication and runs the main window. `--screenshot FILE` (with
// `--screenshot-delay MS`) saves the window as PNG and exits, for docs.
int runDashboard(int argc, char *argv[], const QStringList &arguments);

} // namespace Orchestrator::Ui
