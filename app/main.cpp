// orchestrator: the command line, and (when built) the dashboard. The mode is
// decided from argv before any QApplication exists, so every command works
// without a display.

#include <QCoreApplication>
#include <QStringList>

#include "cli/cli.h"

#ifdef ORCHESTRATOR_HAVE_GUI
#include <QApplication>

#include "app/dashboard.h"
#include "views/dagscene.h"
#endif

int main(int argc, char *argv[])
{
    QStringList arguments;
    for (int i = 1; i < argc; ++i)
        arguments.append(QString::fromLocal8Bit(argv[i]));

    QCoreApplication::setApplicationName(QStringLiteral("orchestrator"));
    QCoreApplication::setOrganizationName(QStringLiteral("orchestrator"));
    QCoreApplication::setApplicationVersion(QStringLiteral(ORCHESTRATOR_VERSION));

#ifdef ORCHESTRATOR_HAVE_GUI
    if (Orchestrator::Cli::needsGuiApplication(arguments)) {
        // PNG output paints with Qt Gui; the offscreen platform needs no display.
        if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))
            qputenv("QT_QPA_PLATFORM", "offscreen");
        QApplication app(argc, argv);
        Orchestrator::Cli::setPngRenderer(&Orchestrator::Ui::renderGraphPng);
        return Orchestrator::Cli::run(arguments);
    }
#endif
    if (Orchestrator::Cli::isCommandLine(arguments)) {
        QCoreApplication app(argc, argv);
        return Orchestrator::Cli::run(arguments);
    }
#ifdef ORCHESTRATOR_HAVE_GUI
    return Orchestrator::Ui::runDashboard(argc, argv, arguments);
#else
    QCoreApplication app(argc, argv);
    return Orchestrator::Cli::printUsage(true);
#endif
}
