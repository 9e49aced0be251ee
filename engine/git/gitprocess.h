#pragma once

#include <QByteArray>
#include <QList>
#include <QProcessEnvironment>
#include <QString>
#include <QStringList>
#include <QVersionNumber>

#include "core/result.h"

namespace Orchestrator {

// How git is run: which program (a bare name is looked up on the PATH of
// `environment`, not of this process, so a test or a job's PATH decides), the
// environment it starts from and how long one git command may take.
struct GitSettings
{
    QString program = QStringLiteral("git");
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    int timeoutMs = 60000;
};

// What one git command printed, and how it exited.
struct GitOutput
{
    int exitCode = 0;
    QByteArray out;
    QByteArray err;
};

struct GitCall
{
    QString workDir;              // git runs here (never through -C, so messages name it)
    QStringList args;             // after the global options every call gets
    QByteArray input;             // written to stdin, which is then closed
    QList<int> acceptedCodes{0};  // exit codes that are not failures
    QProcessEnvironment extraEnvironment; // on top of the settings' environment
};

// The oldest git with everything the worktree feature needs: `worktree` and
// `merge-tree --write-tree` (2.38).
inline QVersionNumber minimumGitVersion() { return QVersionNumber(2, 38); }

// Runs git with an argv list (never a shell) in its own process group, with
// the environment made predictable for parsing and unattended use: no
// terminal prompt, no pager, LC_ALL=C, no optional locks (a status never
// rewrites the user's index), the GIT_DIR family of an enclosing git removed,
// and the user's hooks never run (-c core.hooksPath=/dev/null on every call).
// A command that outlives the timeout has its group killed.
//
// The result is an error when git could not be started, timed out, crashed
// or exited with a code not in `acceptedCodes`; the message names the command,
// the directory and git's own message.
Result<GitOutput> runGit(const GitSettings &settings, const GitCall &call);

// The installed git's version, or an error when git is missing, does not run
// or is older than minimumGitVersion().
Result<QVersionNumber> checkGitVersion(const GitSettings &settings);

// "git version 2.39.5" (also "2.39.3 (Apple Git-145)", "2.45.1.windows.1").
QVersionNumber parseGitVersion(const QByteArray &versionOutput);

// "git worktree add -b x dir abc" -- the command as a user would type it, for messages.
QString describeGitCommand(const QStringList &args);

} // namespace Orchestrator
