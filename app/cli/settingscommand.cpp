#include "cli.h"

#include <algorithm>

#include <QCommandLineParser>
#include <QJsonDocument>
#include <QJsonObject>

#include "api/engine.h"
#include "clicontext.h"

// orchestrator settings: the settings every engine on the database shares
// (per-tool caps, the bound on waiting for rate limits).

namespace Orchestrator::Cli {

namespace {

// "claude=2" into the limits; "claude=default" drops claude's override.
Status applyLimit(const QString &text, QMap<QString, int> &limits)
{
    const qsizetype equals = text.indexOf(QLatin1Char('='));
    const QString tool = text.left(equals).trimmed();
    const QString value = equals < 0 ? QString() : text.mid(equals + 1).trimmed();
    if (equals <= 0 || value.isEmpty())
        return Error::make(ErrorCode::Usage, QStringLiteral("--limit: expected TOOL=N (N attempts at once, 0: no cap, "
                                                            "default: the tools file's), got \"%1\"").arg(text));
    if (value == QLatin1String("default")) {
        limits.remove(tool);
        return {};
    }
    bool ok = false;
    const int limit = value.toInt(&ok);
    if (!ok || limit < 0)
        return Error::make(ErrorCode::Usage, QStringLiteral("--limit %1: expected a number of attempts (0: no cap) or "
                                                            "\"default\", got \"%2\"").arg(tool, value));
    limits.insert(tool, limit);
    return {};
}

} // namespace

int settingsCommand(Context &context)
{
    QCommandLineParser parser;
    const QCommandLineOption limit(QStringLiteral("limit"),
                                   QStringLiteral("At most N attempts of TOOL at once on every engine of the database "
                                                  "(0: no cap; default: the tools file's limit). Repeatable."),
                                   QStringLiteral("TOOL=N"));
    const QCommandLineOption rateLimitWait(QStringLiteral("rate-limit-wait"),
                                           QStringLiteral("How many hours a job may wait for AI tools' rate limits in all "
                                                          "before a rate limit fails it (default 6)."),
                                           QStringLiteral("hours"));
    const QCommandLineOption json(QStringLiteral("json"), QStringLiteral("Print JSON instead of text."));
    parser.addOptions({limit, rateLimitWait, json});
    int code = 0;
    if (!context.parse(parser, QStringLiteral("Show or change the settings every engine on the database shares: "
                                              "per-tool caps and the bound on waiting for rate limits. Running engines "
                                              "pick changes up within seconds."),
                       code))
        return code;
    Engine engine;
    if (Status s = context.openExisting(engine); !s)
        return context.fail(s.error());
    auto settings = engine.sharedSettings();
    if (!settings)
        return context.fail(settings.error());
    auto tools = engine.tools();
    if (!tools)
        return context.fail(tools.error());
    if (parser.isSet(limit) || parser.isSet(rateLimitWait)) {
        for (const QString &text : parser.values(limit)) {
            if (Status s = applyLimit(text, settings->toolLimits); !s)
                return context.usage(s.error().message);
            const QString tool = text.left(text.indexOf(QLatin1Char('='))).trimmed();
            const bool known = std::any_of(tools->cbegin(), tools->cend(), [&](const ToolInfo &t) { return t.profile.name == tool; });
            if (!known)
                return context.usage(QStringLiteral("--limit: no tool named \"%1\" (see orchestrator tools)").arg(tool));
        }
        if (parser.isSet(rateLimitWait)) {
            bool ok = false;
            const double hours = parser.value(rateLimitWait).toDouble(&ok);
            if (!ok || hours < 0)
                return context.usage(QStringLiteral("--rate-limit-wait: expected a number of hours (0 or more), got \"%1\"")
                                         .arg(parser.value(rateLimitWait)));
            settings->rateLimitMaxWaitHours = hours;
        }
        if (Status s = engine.setSharedSettings(*settings); !s)
            return context.fail(s.error());
    }
    QTextStream &out = context.out();
    if (parser.isSet(json)) {
        QJsonObject limits;
        for (const ToolInfo &tool : std::as_const(*tools)) {
            const int cap = settings->toolLimits.value(tool.profile.name, tool.profile.maxConcurrent);
            if (cap > 0 || settings->toolLimits.contains(tool.profile.name))
                limits.insert(tool.profile.name, QJsonObject{{QStringLiteral("max_concurrent"), cap},
                                                             {QStringLiteral("from"), settings->toolLimits.contains(tool.profile.name)
                                                                                          ? QStringLiteral("database")
                                                                                          : QStringLiteral("tools file")}});
        }
        out << QJsonDocument(QJsonObject{{QStringLiteral("limits"), limits},
                                         {QStringLiteral("rate_limit_max_wait_hours"), settings->rateLimitMaxWaitHours}})
                   .toJson(QJsonDocument::Indented);
        return ExitOk;
    }
    out << "Rate limits: a job waits at most " << QString::number(settings->rateLimitMaxWaitHours, 'g', 4) << " h in all\n";
    bool any = false;
    for (const ToolInfo &tool : std::as_const(*tools)) {
        const bool fromDatabase = settings->toolLimits.contains(tool.profile.name);
        const int cap = settings->toolLimits.value(tool.profile.name, tool.profile.maxConcurrent);
        if (cap <= 0 && !fromDatabase)
            continue;
        any = true;
        out << "Limit: " << tool.profile.name.leftJustified(8) << ' '
            << (cap > 0 ? QStringLiteral("%1 at once").arg(cap) : QStringLiteral("no cap")) << "  ("
            << (fromDatabase ? QStringLiteral("this database") : QStringLiteral("tools file")) << ")\n";
    }
    if (!any)
        out << "Limits: none (set one with --limit TOOL=N)\n";
    return ExitOk;
}

} // namespace Orchestrator::Cli
