#pragma once

#include <QByteArray>
#include <QList>
#include <QSizeF>
#include <QStringList>

#include "core/result.h"

namespace Orchestrator::Graph {
struct RunGraph;
struct DagLayout;
}

namespace Orchestrator::Cli {

class Context;

// Renders a laid-out graph as PNG bytes; set by main() when the dashboard is
// built (it needs Qt Gui), so `graph --out FILE.png` works without a display.
using PngRenderer = Result<QByteArray> (*)(const Graph::RunGraph &, const Graph::DagLayout &, const QList<QSizeF> &);
void setPngRenderer(PngRenderer renderer);
// The command needs a QGuiApplication (PNG output): main() creates one with
// the offscreen platform instead of a QCoreApplication.
bool needsGuiApplication(const QStringList &arguments);

// True when `arguments` (argv without the program) name a command-line
// command, so no GUI is needed: decided before any QApplication exists.
bool isCommandLine(const QStringList &arguments);

// Runs the command; needs a QCoreApplication. Returns the process exit code.
int run(const QStringList &arguments);

int printUsage(bool toStderr);

// The commands, one function each (enginecommands.cpp, querycommands.cpp, controlcommands.cpp).
int runJobCommand(Context &context);
int submitCommand(Context &context);
int runCommand(Context &context);
int workerCommand(Context &context);
int validateCommand(Context &context);
int statusCommand(Context &context);
int listCommand(Context &context);
int logsCommand(Context &context);
int toolsCommand(Context &context);
int settingsCommand(Context &context);
int retryCommand(Context &context);
int cancelCommand(Context &context);
int pauseCommand(Context &context);
int resumeCommand(Context &context);
int graphCommand(Context &context);
int convertCommand(Context &context);
int diffCommand(Context &context);
int landCommand(Context &context);
int discardCommand(Context &context);
int gcCommand(Context &context);

} // namespace Orchestrator::Cli
