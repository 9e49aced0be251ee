#include "toolcheck.h"

#include <memory>

#include <QDeadlineTimer>
#include <QDir>
#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>

namespace Orchestrator {

namespace {

// Lines that say nothing about the tool: node's and codex's warnings.
bool isNoise(const QString &line)
{
    return line.isEmpty() || line.startsWith(QLatin1String("WARNING:")) || line.startsWith(QLatin1String("(node:"))
            || line.startsWith(QLatin1String("(Use `node")) || line.startsWith(QLatin1String("Reading additional input"));
}

QStringList meaningfulLines(const QByteArray &output)
{
    QStringList lines;
    for (const QString &raw : QString::fromUtf8(output).split(QLatin1Char('\n'))) {
        const QString line = raw.trimmed();
        if (!isNoise(line))
            lines.append(line);
    }
    return lines;
}

QString expandHome(const QString &path, const QProcessEnvironment &env)
{
    if (path == QLatin1String("~") || path.startsWith(QLatin1String("~/"))) {
        const QString home = env.value(QStringLiteral("HOME"), QDir::homePath());
        return home + path.mid(1);
    }
    return path;
}

// One command of a check, run beside the others.
class Probe final
{
public:
    Probe(const QString &path, const QStringList &arguments, const QProcessEnvironment &env)
    {
        m_process.setProgram(path);
        m_process.setArguments(arguments);
        m_process.setProcessEnvironment(env);
        m_process.setProcessChannelMode(QProcess::MergedChannels);
        m_process.setStandardInputFile(QProcess::nullDevice());
        m_process.start();
    }

    // Waits until `deadline` (`timeoutMs` after the checks began, for the message), then gives up on it.
    void wait(const QDeadlineTimer &deadline, int timeoutMs)
    {
        if (!m_process.waitForStarted(int(qMax<qint64>(1, deadline.remainingTime())))) {
            m_failure = QStringLiteral("could not start: %1").arg(m_process.errorString());
            return;
        }
        if (!m_process.waitForFinished(int(qMax<qint64>(1, deadline.remainingTime())))) {
            m_process.kill();
            m_process.waitForFinished(2000);
            m_failure = QStringLiteral("gave no answer within %1 s").arg(qMax(1, timeoutMs / 1000));
            return;
        }
        if (m_process.exitStatus() == QProcess::CrashExit)
            m_failure = QStringLiteral("crashed");
        m_output = m_process.readAll();
    }

    const QString &failure() const { return m_failure; }
    int exitCode() const { return m_process.exitCode(); }
    const QByteArray &output() const { return m_output; }

private:
    QProcess m_process;
    QByteArray m_output;
    QString m_failure;
};

// "loggedIn: false, authMethod: none" from claude's {"loggedIn": false, ...}.
QString summary(const QJsonObject &object)
{
    QStringList parts;
    for (auto it = object.begin(); it != object.end(); ++it) {
        const QJsonValue value = it.value();
        if (value.isBool())
            parts.append(it.key() + QStringLiteral(": ") + (value.toBool() ? QStringLiteral("true") : QStringLiteral("false")));
        else if (value.isString() || value.isDouble())
            parts.append(it.key() + QStringLiteral(": ") + value.toVariant().toString());
    }
    return parts.join(QStringLiteral(", "));
}

void readStatus(ToolCheck &check, const ToolProfile &profile, const Probe &probe)
{
    const QString command = profile.program + QLatin1Char(' ') + profile.statusCheck.join(QLatin1Char(' '));
    if (!probe.failure().isEmpty()) {
        check.login = ToolCheck::Login::Unknown;
        check.loginDetail = QStringLiteral("%1 %2").arg(command, probe.failure());
        return;
    }
    const QStringList lines = meaningfulLines(probe.output());
    // A JSON answer (claude auth status) says it in a field; else the exit code.
    const QJsonDocument json = QJsonDocument::fromJson(lines.join(QLatin1Char('\n')).toUtf8());
    const QJsonValue loggedIn = json.object().value(QStringLiteral("loggedIn"));
    if (json.isObject() && loggedIn.isBool()) {
        check.login = loggedIn.toBool() ? ToolCheck::Login::LoggedIn : ToolCheck::Login::NotLoggedIn;
        check.loginDetail = QStringLiteral("%1: %2").arg(command, summary(json.object()));
        return;
    }
    check.login = probe.exitCode() == 0 ? ToolCheck::Login::LoggedIn : ToolCheck::Login::NotLoggedIn;
    const QString said = lines.isEmpty() ? QStringLiteral("exit code %1").arg(probe.exitCode())
                                         : QStringLiteral("%1 (exit code %2)").arg(lines.first().left(300)).arg(probe.exitCode());
    check.loginDetail = QStringLiteral("%1: %2").arg(command, said);
}

// The login the profile can tell without running anything: an API key in
// the environment, or (when there is no status command) a stored login file.
bool loginWithoutCommand(ToolCheck &check, const ToolProfile &profile, const QProcessEnvironment &env)
{
    for (const QString &variable : profile.authEnv) {
        if (!env.value(variable).isEmpty()) {
            check.login = ToolCheck::Login::LoggedIn;
            check.loginDetail = QStringLiteral("%1 is set").arg(variable);
            return true;
        }
    }
    if (!profile.statusCheck.isEmpty())
        return false;
    for (const QString &file : profile.authFiles) {
        if (QFileInfo::exists(expandHome(file, env))) {
            check.login = ToolCheck::Login::LoggedIn;
            check.loginDetail = QStringLiteral("a login is stored in %1").arg(file);
            return true;
        }
    }
    QStringList missing;
    if (!profile.authEnv.isEmpty())
        missing.append(QStringLiteral("none of %1 is set").arg(profile.authEnv.join(QStringLiteral(", "))));
    if (!profile.authFiles.isEmpty())
        missing.append(QStringLiteral("no %1").arg(profile.authFiles.join(QStringLiteral(" or "))));
    if (missing.isEmpty()) {
        check.login = ToolCheck::Login::Unknown;
        check.loginDetail = QStringLiteral("the profile names no way to check a login");
    } else {
        check.login = ToolCheck::Login::NotLoggedIn;
        check.loginDetail = missing.join(QStringLiteral("; "));
    }
    return true;
}

} // namespace

QString toString(ToolCheck::Login login)
{
    switch (login) {
    case ToolCheck::Login::LoggedIn:
        return QStringLiteral("logged_in");
    case ToolCheck::Login::NotLoggedIn:
        return QStringLiteral("not_logged_in");
    case ToolCheck::Login::Unknown:
        break;
    }
    return QStringLiteral("unknown");
}

namespace ToolChecks {

QString findProgram(const QString &program, const QProcessEnvironment &env)
{
    if (program.isEmpty() || program.contains(QLatin1Char('{')))
        return {};
    if (program.contains(QLatin1Char('/'))) {
        const QFileInfo info(program);
        return info.isFile() && info.isExecutable() ? info.absoluteFilePath() : QString();
    }
    const QStringList path = env.value(QStringLiteral("PATH")).split(QLatin1Char(':'), Qt::SkipEmptyParts);
    for (const QString &dir : path) {
        const QFileInfo info(QDir(dir).filePath(program));
        if (info.isFile() && info.isExecutable())
            return info.absoluteFilePath();
    }
    return {};
}

QList<ToolCheck> check(const QList<ToolProfile> &profiles, const QProcessEnvironment &env, int timeoutMs)
{
    QList<ToolCheck> checks;
    // Every command starts before any is waited for: a slow tool (node
    // starting, a status call over the network) does not delay the others.
    std::vector<std::unique_ptr<Probe>> versions;
    std::vector<std::unique_ptr<Probe>> statuses;
    for (const ToolProfile &profile : profiles) {
        ToolCheck check;
        check.name = profile.name;
        check.program = profile.program;
        check.loginHint = profile.loginHint;
        check.path = findProgram(profile.program, env);
        std::unique_ptr<Probe> version;
        std::unique_ptr<Probe> status;
        if (check.path.isEmpty()) {
            check.loginDetail = profile.program.contains(QLatin1Char('{'))
                    ? QStringLiteral("the program comes from each job (%1)").arg(profile.program)
                    : QStringLiteral("%1 is not installed (not found on PATH)").arg(profile.program);
        } else {
            version = std::make_unique<Probe>(check.path, QStringList{QStringLiteral("--version")}, env);
            if (!loginWithoutCommand(check, profile, env))
                status = std::make_unique<Probe>(check.path, profile.statusCheck, env);
        }
        checks.append(check);
        versions.push_back(std::move(version));
        statuses.push_back(std::move(status));
    }
    const QDeadlineTimer deadline(timeoutMs);
    for (qsizetype i = 0; i < checks.size(); ++i) {
        ToolCheck &check = checks[i];
        if (Probe *version = versions.at(size_t(i)).get()) {
            version->wait(deadline, timeoutMs);
            const QStringList lines = meaningfulLines(version->output());
            if (version->failure().isEmpty() && !lines.isEmpty())
                check.version = lines.first().left(200);
        }
        if (Probe *status = statuses.at(size_t(i)).get()) {
            status->wait(deadline, timeoutMs);
            readStatus(check, profiles.at(i), *status);
        }
    }
    return checks;
}

} // namespace ToolChecks
} // namespace Orchestrator
