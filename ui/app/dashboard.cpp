#include "dashboard.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QSettings>
#include <QTimer>

#include "app/translation.h"
#include "app/settings.h"
#include "submit/submission.h"
#include "views/mainwindow.h"

namespace Orchestrator::Ui {

int runDashboard(int argc, char *argv[], const QStringList &arguments)
{
    QApplication app(argc, argv);
    // UI language: env ORCHESTRATOR_LANGUAGE, else the "language" setting, else
    // the system locale ("" or "system"); e.g. "de", "en". Before any tr() call.
    installTranslator(app, qEnvironmentVariableIsSet("ORCHESTRATOR_LANGUAGE") ? qEnvironmentVariable("ORCHESTRATOR_LANGUAGE")
                                                                                : QSettings().value(QStringLiteral("language")).toString());
    QCommandLineParser parser;
    parser.setApplicationDescription(QApplication::translate("Dashboard", "The Orchestrator dashboard."));
    parser.addHelpOption();
    const QCommandLineOption db(QStringLiteral("db"), QApplication::translate("Dashboard", "Database file."), QStringLiteral("path"));
    const QCommandLineOption workers(QStringLiteral("workers"), QApplication::translate("Dashboard", "Parallel jobs."), QStringLiteral("n"));
    const QCommandLineOption paused(QStringLiteral("paused"), QApplication::translate("Dashboard", "Start with the queue paused."));
    const QCommandLineOption screenshot(QStringLiteral("screenshot"), QApplication::translate("Dashboard", "Save a PNG of the window and exit."),
                                        QStringLiteral("file"));
    const QCommandLineOption delay(QStringLiteral("screenshot-delay"), QApplication::translate("Dashboard", "Wait before the screenshot."),
                                   QStringLiteral("ms"), QStringLiteral("1500"));
    const QCommandLineOption select(QStringLiteral("select"), QApplication::translate("Dashboard", "Select this job."), QStringLiteral("job"));
    const QCommandLineOption tab(QStringLiteral("tab"), QApplication::translate("Dashboard", "Show this tab of the selected job: log, retry, details."),
                                 QStringLiteral("name"));
    const QCommandLineOption view(QStringLiteral("view"), QApplication::translate("Dashboard", "Show this view: jobs, graph, timeline."),
                                  QStringLiteral("name"));
    parser.addOptions({db, workers, paused, screenshot, delay, select, tab, view});
    QStringList args = arguments;
    args.removeAll(QStringLiteral("gui"));
    parser.process(QStringList{QApplication::arguments().value(0)} + args);

    const Settings settings = Settings::load();
    applyTheme(settings.theme);
    applyToolPaths(settings);
    DashboardOptions options;
    options.databasePath = parser.isSet(db) ? parser.value(db) : settings.databasePath;
    options.workers = parser.isSet(workers) ? parser.value(workers).toInt() : settings.workers;
    options.startPaused = parser.isSet(paused) || settings.startPaused;

    MainWindow window(options);
    window.show();
    if (parser.isSet(select)) {
        const QString job = parser.value(select);
        QTimer::singleShot(parser.value(delay).toInt() / 2, &window, [&window, job] { window.selectJob(job); });
    }
    if (parser.isSet(tab))
        window.showJobTab(parser.value(tab));
    if (parser.isSet(view))
        window.showView(parser.value(view));
    if (parser.isSet(screenshot)) {
        const QString file = parser.value(screenshot);
        QTimer::singleShot(parser.value(delay).toInt(), &window, [&window, file] {
            window.grab().save(file);
            window.close();
            QApplication::quit();
        });
    }
    return app.exec();
}

} // namespace Orchestrator::Ui
