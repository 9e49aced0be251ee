#pragma once

// Whether a tool is ready to run jobs on this machine: its program found,
// the version it reports, and whether it is logged in, by the profile's own
// means (tools/toolregistry.h): the tool's status command ("claude auth
// status", "codex login status"), an API-key variable, or a stored login
// file. Runs the tool's own commands with no job, no database and no widget.

#include <QList>
#include <QProcessEnvironment>
#include <QString>

#include "tools/toolregistry.h"

namespace Orchestrator {

struct ToolCheck
{
    enum class Login {
        Unknown,      // the profile gives no way to tell, or the check could not run
        LoggedIn,
        NotLoggedIn,
    };

    QString name;
    QString program;
    QString path;         // empty: not installed (not on PATH, or not executable)
    QString version;      // the first line of `program --version`; empty when it said nothing
    Login login = Login::Unknown;
    QString loginDetail;  // how that was found, in the tool's words where it has some
    QString loginHint;    // what to do when not logged in (the profile's login_hint)

    bool ready() const { return !path.isEmpty() && login != Login::NotLoggedIn; }
};

QString toString(ToolCheck::Login login);  // "logged_in", "not_logged_in", "unknown"

namespace ToolChecks {

// Where `program` is for `env`'s PATH (a path is taken as it is, if it is an
// executable file); empty when nowhere.
QString findProgram(const QString &program, const QProcessEnvironment &env);

// Checks every profile, each tool's commands running side by side and
// stopped after `timeoutMs`. `env` is the environment the checks run with
// and look in for API keys (HOME decides where "~/" login files are).
QList<ToolCheck> check(const QList<ToolProfile> &profiles, const QProcessEnvironment &env, int timeoutMs = 20000);

} // namespace ToolChecks
} // namespace Orchestrator
