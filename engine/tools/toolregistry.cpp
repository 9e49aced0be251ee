#include "toolregistry.h"

#include <algorithm>

#include <QCoreApplication>
#include <QDir>
#include <QFileInfo>
#include <QStandardPaths>

#include "spec/jobspec.h"
#include "spec/jsontext.h"
#include "tools/argstemplate.h"
#include "tools/toolprofiles.h"

namespace Orchestrator {

namespace {

struct Text
{
    Q_DECLARE_TR_FUNCTIONS(Orchestrator::ToolRegistry)
};

const char kBuiltInProfiles[] = ":/orchestrator/tools/profiles.json";
const char kToolsFileVariable[] = "ORCHESTRATOR_TOOLS_FILE";

// Messages name the job's file, or the job itself when it was built in memory.
QString sourceOf(const JobSpec &spec)
{
    if (!spec.sourceFile.isEmpty())
        return spec.sourceFile;
    return Text::tr("job %1").arg(JsonText::quoted(spec.jobId));
}

const QString &retryPolicyPointer()
{
    static const QString pointer = QStringLiteral("/metadata/retry_policy");
    return pointer;
}

} // namespace

QString ToolRegistry::defaultUserProfilesFile()
{
    const QString fromEnvironment = qEnvironmentVariable(kToolsFileVariable);
    if (!fromEnvironment.isEmpty())
        return fromEnvironment;
    const QString configDir = QStandardPaths::writableLocation(QStandardPaths::GenericConfigLocation);
    if (configDir.isEmpty())
        return {};
    return QDir(configDir).filePath(QStringLiteral("orchestrator/tools.json"));
}

Result<ToolRegistry> ToolRegistry::load()
{
    return load(defaultUserProfilesFile());
}

Result<ToolRegistry> ToolRegistry::load(const QString &userProfilesFile)
{
    const QString builtInFile = QString::fromLatin1(kBuiltInProfiles);
    Result<ToolProfiles::Document> builtIn = ToolProfiles::documentFromFile(builtInFile, QStringLiteral("built-in"));
    if (!builtIn)
        return builtIn.error();

    ToolRegistry registry;
    registry.m_profiles = std::move(builtIn->profiles);
    registry.m_prices = builtIn->prices;

    // No file is the usual case: the built-in profiles are enough.
    if (!userProfilesFile.isEmpty() && QFileInfo::exists(userProfilesFile)) {
        Result<ToolProfiles::Document> user = ToolProfiles::documentFromFile(userProfilesFile, userProfilesFile);
        if (!user)
            return user.error();
        for (ToolProfile &profile : user->profiles) {
            auto same = std::find_if(registry.m_profiles.begin(), registry.m_profiles.end(),
                                     [&](const ToolProfile &p) { return p.name == profile.name; });
            if (same != registry.m_profiles.end())
                *same = std::move(profile);
            else
                registry.m_profiles.append(std::move(profile));
        }
        registry.m_prices.merge(user->prices);
        for (auto it = user->maxConcurrent.cbegin(); it != user->maxConcurrent.cend(); ++it) {
            auto tool = std::find_if(registry.m_profiles.begin(), registry.m_profiles.end(),
                                     [&](const ToolProfile &p) { return p.name == it.key(); });
            if (tool == registry.m_profiles.end()) {
                QStringList known;
                for (const ToolProfile &p : std::as_const(registry.m_profiles))
                    known.append(p.name);
                known.sort();
                return Error::make(ErrorCode::Validation,
                                   JsonText::line(userProfilesFile, QStringLiteral("/limits/") + it.key(),
                                                  QStringLiteral("no tool named %1 (known: %2)").arg(JsonText::quoted(it.key()), JsonText::joinNames(known))));
            }
            tool->maxConcurrent = it.value();
        }
    }
    // ORCHESTRATOR_TOOL_PATH_<TOOL> (e.g. ORCHESTRATOR_TOOL_PATH_AIDER) names the
    // program of a profile without writing a profiles file; the dashboard's
    // "tool programs" setting uses it.
    for (ToolProfile &profile : registry.m_profiles) {
        const QByteArray variable = "ORCHESTRATOR_TOOL_PATH_" + profile.name.toUpper().toUtf8().replace('-', '_').replace('.', '_');
        const QString program = qEnvironmentVariable(variable.constData());
        if (!program.isEmpty())
            profile.program = program;
    }
    std::sort(registry.m_profiles.begin(), registry.m_profiles.end(),
              [](const ToolProfile &a, const ToolProfile &b) { return a.name < b.name; });
    return registry;
}

const ToolProfile *ToolRegistry::find(const QString &name) const
{
    for (const ToolProfile &profile : m_profiles) {
        if (profile.name == name)
            return &profile;
    }
    return nullptr;
}

bool ToolRegistry::hasLimits() const
{
    return std::any_of(m_profiles.cbegin(), m_profiles.cend(), [](const ToolProfile &p) { return p.maxConcurrent > 0; });
}

QStringList ToolRegistry::names() const
{
    QStringList result;
    result.reserve(m_profiles.size());
    for (const ToolProfile &profile : m_profiles)
        result.append(profile.name);
    result.sort();
    return result;
}

Status ToolRegistry::validate(const JobSpec &spec) const
{
    const QString source = sourceOf(spec);
    const QString known = JsonText::joinNames(names());
    QStringList problems;

    const ToolProfile *own = find(spec.tool);
    if (!own) {
        problems.append(JsonText::line(source, QStringLiteral("/tool"),
                                       Text::tr("unknown tool %1 (known: %2)").arg(JsonText::quoted(spec.tool), known)));
    } else {
        // buildCommand checks the profile's needs and fills in its template:
        // whatever would stop the first attempt is reported now, at submission.
        // Only what would fail matters here: where the tool runs changes no error.
        const Result<CommandLine> command = buildCommand(spec, spec.tool, false);
        if (!command)
            problems.append(command.error().message);
    }

    QStringList escalation = spec.retry.escalateTo;
    escalation.removeDuplicates();
    for (const QString &tool : std::as_const(escalation)) {
        if (tool == spec.tool)
            continue;
        if (!find(tool)) {
            problems.append(JsonText::line(source, retryPolicyPointer(),
                                           Text::tr("unknown escalation tool %1 (known: %2)")
                                                   .arg(JsonText::quoted(tool), known)));
            continue;
        }
        // The predecessor's full format escalates jobs that carry only a
        // command (no instructions): such a file is accepted, and the
        // escalated attempt fails with this same reason if it comes to that.
        if (spec.hasCommand && spec.instructions.trimmed().isEmpty())
            continue;
        const Result<CommandLine> command = buildCommand(spec, tool, false);
        if (!command)
            problems.append(command.error().message);
    }

    problems.removeDuplicates();
    if (!problems.isEmpty())
        return Error::make(ErrorCode::Validation, problems.join(QLatin1Char('\n')));
    return {};
}

bool ToolRegistry::isInGitWorkTree(const QString &directory)
{
    // A ".git" directory, or the ".git" file of a linked worktree or
    // submodule, in the directory or above it; no git process is needed.
    QDir dir(QDir::cleanPath(QDir::current().absoluteFilePath(directory)));
    while (true) {
        if (QFileInfo::exists(dir.filePath(QStringLiteral(".git"))))
            return true;
        if (!dir.cdUp())
            return false;
    }
}

Result<CommandLine> ToolRegistry::buildCommand(const JobSpec &spec, const QString &toolName,
                                               std::optional<bool> inGitRepo) const
{
    const QString source = sourceOf(spec);
    const bool ownTool = toolName == spec.tool;
    const auto fail = [&](const QString &pointer, const QString &reason) {
        return Error::make(ErrorCode::Validation, JsonText::line(source, pointer, reason));
    };

    const ToolProfile *profile = find(toolName);
    if (!profile) {
        if (ownTool) {
            return fail(QStringLiteral("/tool"), Text::tr("unknown tool %1 (known: %2)")
                                                         .arg(JsonText::quoted(toolName), JsonText::joinNames(names())));
        }
        return fail(retryPolicyPointer(), Text::tr("unknown escalation tool %1 (known: %2)")
                                                  .arg(JsonText::quoted(toolName), JsonText::joinNames(names())));
    }

    // The job's own command is argv as written; it never goes through a shell.
    if (ownTool && spec.hasCommand)
        return CommandLine{spec.commandExe, spec.commandArgs};

    if (profile->needsCommand) {
        if (ownTool)
            return fail(QStringLiteral("/command"), Text::tr("%1 jobs need a command").arg(toolName));
        return fail(retryPolicyPointer(),
                    Text::tr("escalation tool %1 needs a command, but a job's command is used only by its own tool")
                            .arg(JsonText::quoted(toolName)));
    }
    if (profile->needsInstructions && spec.instructions.trimmed().isEmpty()) {
        if (ownTool) {
            return fail(QStringLiteral("/instructions"),
                        Text::tr("%1 jobs need instructions (or an explicit command)").arg(toolName));
        }
        return fail(QStringLiteral("/instructions"),
                    Text::tr("escalation tool %1 needs instructions").arg(JsonText::quoted(toolName)));
    }

    const auto explain = [&](const ArgsTemplate::Failure &failure) {
        QString reason;
        if (failure.kind == ArgsTemplate::Failure::Kind::Missing) {
            reason = Text::tr("missing, but the %1 tool needs it to build its command line").arg(JsonText::quoted(toolName));
            if (ownTool)
                reason += Text::tr(" (or give the job a \"command\")");
        } else {
            reason = Text::tr("expected a string, number or boolean for the %1 tool's command line, got %2")
                             .arg(JsonText::quoted(toolName), JsonText::compact(failure.value));
        }
        return fail(failure.field, reason);
    };

    const ArgsTemplate::Expansion program = ArgsTemplate::expandProgram(profile->program, spec);
    if (!program.ok())
        return explain(*program.failure);
    ArgsTemplate::Context context;
    if (inGitRepo) {
        context.inGitRepo = *inGitRepo;
    } else {
        const QString root = QDir::current().absoluteFilePath(spec.repoRoot);
        context.inGitRepo = isInGitWorkTree(spec.workingDir.isEmpty() ? root : QDir(root).absoluteFilePath(spec.workingDir));
    }
    const ArgsTemplate::Expansion arguments = ArgsTemplate::expandArgs(profile->argsTemplate, spec, context);
    if (!arguments.ok())
        return explain(*arguments.failure);

    const QString programName = program.values.value(0);
    if (programName.isEmpty()) {
        return fail(ownTool ? QStringLiteral("/tool") : retryPolicyPointer(),
                    Text::tr("the %1 tool profile (%2) gives no program to run")
                            .arg(JsonText::quoted(toolName), profile->source));
    }
    return CommandLine{programName, arguments.values};
}

} // namespace Orchestrator
