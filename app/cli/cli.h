#pragma once

#include <QStringList>

namespace Orchestrator::Cli {

class Context;

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
int retryCommand(Context &context);
int cancelCommand(Context &context);
int pauseCommand(Context &context);
int resumeCommand(Context &context);

} // namespace Orchestrator::Cli
