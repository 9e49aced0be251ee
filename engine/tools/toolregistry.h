#pragma once

#include <optional>

#include <QJsonArray>
#include <QMap>
#include <QList>
#include <QString>
#include <QStringList>

#include "core/result.h"
#include "tools/pricetable.h"

namespace Orchestrator {

struct JobSpec;

// A tool profile knows how to run one kind of tool. Built-in profiles (aider,
// codex, git, tests, shell) live in resources/tools/profiles.json; users add
// or override profiles in <config dir>/orchestrator/tools.json (or the file
// named by ORCHESTRATOR_TOOLS_FILE) without recompiling.
struct ToolProfile
{
    QString name;
    QString description;
    QString program;            // executable name or path
    QJsonArray argsTemplate;    // see resources/tools/README.md for the template language
    bool editsRepo = false;     // never two jobs of such tools at once in the same repo_root
    bool needsCommand = false;  // a job of this tool must give command{exe,args}
    bool needsInstructions = false;  // without a command, a job must give instructions
    // How the tool's output is read for its real outcome, tokens and cost
    // (tools/agentevents.h): "none", "claude-stream-json", "codex-jsonl",
    // "gemini-stream-json" or "aider-text". Not "none": stdout and stderr are
    // read apart (both still go to the log).
    QString events = QStringLiteral("none");
    int defaultTimeoutSeconds = 0;   // for jobs that set none (0: no limit)
    QMap<QString, QString> env;      // set for the tool's process; the job's env overrides it
    int maxConcurrent = 0;           // "limits" of the tools files; 0: no cap
    // Logging in, for `orchestrator tools --check` and failed attempts:
    QStringList statusCheck;  // a command that exits 0 when logged in ("codex login status")
    QStringList authEnv;      // variables whose value is a login (an API key)
    QStringList authFiles;    // files ("~/..." in the home directory) that hold a stored login
    QString loginHint;        // what to do when not logged in
    QString source;             // "built-in" or the file it came from
};

struct CommandLine
{
    QString program;
    QStringList arguments;
};

class ToolRegistry final
{
public:
    // Built-in profiles, then the user's file (missing file is fine; a broken
    // one is an error naming the file, the field and the reason).
    static Result<ToolRegistry> load();
    static Result<ToolRegistry> load(const QString &userProfilesFile);
    static QString defaultUserProfilesFile();

    const ToolProfile *find(const QString &name) const;
    // Some tool has a max_concurrent.
    bool hasLimits() const;
    QStringList names() const;              // sorted
    const QList<ToolProfile> &profiles() const { return m_profiles; }
    // What models cost: the built-in "prices", each overridden by the user's file.
    const PriceTable &prices() const { return m_prices; }

    // Tool-specific checks of a job, e.g. "jobs/a.json: /tool: unknown tool \"aidr\" (known: aider, codex, git, shell, tests)"
    // or "jobs/g.json: /command: git jobs need a command".
    Status validate(const JobSpec &spec) const;

    // The command line for running `spec` with `toolName` (the job's own tool or
    // an escalation target). The job's explicit command is used only when
    // toolName is the job's own tool; otherwise the profile builds it from
    // instructions, files and config.
    // `inGitRepo` answers the template's {"if": "in_git_repo"} (codex's
    // --skip-git-repo-check only outside a repository); left out, it is
    // whether the job's working_dir (or repo_root), against the current
    // directory, lies in a git work tree.
    Result<CommandLine> buildCommand(const JobSpec &spec, const QString &toolName,
                                     std::optional<bool> inGitRepo = std::nullopt) const;
    // `directory` or a directory above it holds a ".git" (a work tree, a
    // linked worktree or a submodule).
    static bool isInGitWorkTree(const QString &directory);

private:
    QList<ToolProfile> m_profiles;
    PriceTable m_prices;
};

} // namespace Orchestrator
