#include "dashboard.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QSettings>
#include <QSize>
#include <QTextStream>
#include <QTimer>

#include "app/translation.h"
#include "app/settings.h"
#include "app/singleinstance.h"
#include "core/paths.h"
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
    const QCommandLineOption tab(QStringLiteral("tab"), QApplication::translate("Dashboard", "Show this tab of the selected job: log, retry, details, changes."),
                                 QStringLiteral("name"));
    const QCommandLineOption view(QStringLiteral("view"), QApplication::translate("Dashboard", "Show this view: jobs, graph, timeline."),
                                  QStringLiteral("name"));
    const QCommandLineOption size(QStringLiteral("size"), QApplication::translate("Dashboard", "Open the window at this size, e.g. 1024x640."),
                                  QStringLiteral("WxH"));
    const QCommandLineOption theme(QStringLiteral("theme"), QApplication::translate("Dashboard", "Use this theme for this run: system, light or dark."),
                                   QStringLiteral("name"));
    parser.addOptions({db, workers, paused, screenshot, delay, select, tab, view, size, theme});
    parser.addPositionalArgument(QStringLiteral("files"), QApplication::translate("Dashboard", "Job files to submit, workstream files to convert."),
                                 QStringLiteral("[FILES...]"));
    QStringList args = arguments;
    // Only the mode word: a file may be called "gui".
    args.removeOne(QStringLiteral("gui"));
    parser.process(QStringList{QApplication::arguments().value(0)} + args);

    const Settings settings = Settings::load();
    QTextStream err(stderr);
    QSize windowSize;
    if (parser.isSet(size)) {
        const QStringList parts = parser.value(size).split(QLatin1Char('x'));
        bool wideOk = false;
        bool highOk = false;
        windowSize = parts.size() == 2 ? QSize(parts[0].toInt(&wideOk), parts[1].toInt(&highOk)) : QSize();
        if (!wideOk || !highOk || windowSize.width() < 200 || windowSize.height() < 150) {
            err << QApplication::translate("Dashboard", "orchestrator: --size: '%1' is not a window size such as 1024x640")
                       .arg(parser.value(size))
                << '\n';
            return 64;
        }
    }
    if (parser.isSet(theme) && !themes().contains(parser.value(theme))) {
        err << QApplication::translate("Dashboard", "orchestrator: --theme: '%1' is not one of system, light, dark").arg(parser.value(theme))
            << '\n';
        return 64;
    }
    applyTheme(parser.isSet(theme) ? parser.value(theme) : settings.theme);
    applyToolPaths(settings);
    DashboardOptions options;
    options.databasePath = parser.isSet(db) ? parser.value(db) : settings.databasePath;
    options.databaseGivenWithDb = parser.isSet(db);
    options.workers = parser.isSet(workers) ? parser.value(workers).toInt() : settings.workers;
    options.startPaused = parser.isSet(paused) || settings.startPaused;
    const QStringList files = parser.positionalArguments();

    SingleInstance instance(options.databasePath);
    switch (instance.start()) {
    case SingleInstance::Role::Secondary:
        if (const Status forwarded = instance.forward(files); !forwarded) {
            err << "orchestrator: " << forwarded.error().message << '\n';
            return 1;
        }
        err << QApplication::translate("Dashboard", "orchestrator: a dashboard already runs on %1 (pid %2); "
                                                    "it was brought forward and given %n file(s).", nullptr, int(files.size()))
                   .arg(options.databasePath)
                   .arg(instance.primaryPid())
            << '\n';
        return 0;
    case SingleInstance::Role::Unguarded:
        err << "orchestrator: " << instance.errorString() << '\n';
        break;
    case SingleInstance::Role::Primary:
        break;
    }
    err.flush();

    MainWindow window(options);
    if (windowSize.isValid())
        window.resize(windowSize);
    window.show();
    QObject::connect(&instance, &SingleInstance::activationRequested, &window, [&window](const QStringList &forwarded) {
        window.setWindowState(window.windowState() & ~Qt::WindowMinimized);
        window.show();
        window.raise();
        window.activateWindow();
        if (!forwarded.isEmpty())
            window.openFiles(forwarded);
    });
    if (!files.isEmpty())
        window.openFiles(files);
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
