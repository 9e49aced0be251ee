#pragma once

#include <QMap>
#include <QString>
#include <QStringList>

namespace Orchestrator::Ui {

// The dashboard's preferences, kept in QSettings (organisation and
// application "orchestrator"). Command-line options override them per run;
// these are what a plain `orchestrator gui` starts with.
struct Settings
{
    // Read by the dashboard at start-up only: changing it takes a restart.
    QString databasePath;
    int workers = 4;
    bool startPaused = false;
    // 0: jobs without their own timeout run as long as they need.
    int defaultTimeoutSeconds = 0;
    // none, retry or escalate_to_codex: the policy of jobs that name none.
    QString defaultRetryPolicy = QStringLiteral("none");
    // tool name (aider, claude, codex, gemini, git, tests, shell) -> program; a tool missing
    // here or mapped to "" uses the program found on PATH.
    QMap<QString, QString> toolPaths;
    // system, light or dark; see applyTheme().
    QString theme = QStringLiteral("system");
    // system, en or de; takes effect after a restart.
    QString language = QStringLiteral("system");
    // Desktop notification when a run finishes or a job fails for good.
    bool notifications = true;

    // Stored values, with the defaults above for anything missing or out of
    // range; an unset database is defaultDatabasePath().
    static Settings load();
    void save() const;

    friend bool operator==(const Settings &, const Settings &) = default;
};

// The tools whose programs can be set, in the order the dialog shows them.
const QList<QString> &configurableTools();

// The themes applyTheme() knows: system, light, dark.
const QStringList &themes();

// "light" and "dark" switch the application to the Fusion style with a
// matching palette; "system" (or anything else) restores the style and palette
// the application had before the first call.
void applyTheme(const QString &theme);

// Makes the engine's tool profiles use the configured programs
// (ORCHESTRATOR_TOOL_PATH_<TOOL>); an empty path leaves the profile's own.
void applyToolPaths(const Settings &settings);

} // namespace Orchestrator::Ui
