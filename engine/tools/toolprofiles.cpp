#include "toolprofiles.h"

#include <cmath>
#include <optional>

#include <QCoreApplication>
#include <QHash>
#include <QJsonArray>
#include <QRegularExpression>

#include "spec/jsontext.h"
#include "tools/agentevents.h"
#include "tools/argstemplate.h"

namespace Orchestrator::ToolProfiles {

namespace {

struct Text
{
    Q_DECLARE_TR_FUNCTIONS(Orchestrator::ToolRegistry)
};

const char kProfiles[] = "profiles";
const char kName[] = "name";
const char kDescription[] = "description";
const char kProgram[] = "program";
const char kArgs[] = "args";
const char kEditsRepo[] = "edits_repo";
const char kNeedsCommand[] = "needs_command";
const char kNeedsInstructions[] = "needs_instructions";
const char kEvents[] = "events";
const char kDefaultTimeout[] = "default_timeout_seconds";
const char kEnv[] = "env";
const char kStatusCheck[] = "status_check";
const char kAuthEnv[] = "auth_env";
const char kAuthFiles[] = "auth_files";
const char kLoginHint[] = "login_hint";
const char kLimits[] = "limits";
const char kMaxConcurrent[] = "max_concurrent";
const char kPrices[] = "prices";
const char kInput[] = "input";
const char kCachedInput[] = "cached_input";
const char kOutput[] = "output";

// Names must be usable in "escalate_to_<tool>", so they share its characters.
bool isValidName(const QString &name)
{
    static const QRegularExpression pattern(QStringLiteral("^[A-Za-z0-9_.-]+$"));
    return pattern.match(name).hasMatch();
}

// As in job files, "_..." and "x-..." keys are free for notes.
bool isNote(const QString &key)
{
    return key.startsWith(QLatin1Char('_')) || key.startsWith(QLatin1String("x-"))
            || key == QLatin1String("$comment") || key == QLatin1String("$schema");
}

class Reader
{
public:
    explicit Reader(const QString &fileName)
        : m_fileName(fileName)
    {
    }

    void problem(const QString &pointer, const QString &reason)
    {
        m_problems.append(JsonText::line(m_fileName, pointer, reason));
    }

    void unknownFields(const QJsonObject &object, const QString &pointer, QStringList known)
    {
        known.sort();
        for (auto it = object.begin(); it != object.end(); ++it) {
            if (known.contains(it.key()) || isNote(it.key()))
                continue;
            QString reason = Text::tr("unknown field");
            const QString suggestion = JsonText::closestName(it.key(), known);
            if (!suggestion.isEmpty())
                reason += Text::tr(", did you mean %1?").arg(JsonText::quoted(suggestion));
            reason += Text::tr(" (known: %1)").arg(JsonText::joinNames(known));
            problem(JsonText::childPointer(pointer, it.key()), reason);
        }
    }

    bool readBool(const QJsonObject &object, const char *key, const QString &pointer)
    {
        const QJsonValue value = object.value(QLatin1String(key));
        if (value.isUndefined())
            return false;
        if (!value.isBool()) {
            problem(JsonText::childPointer(pointer, QLatin1String(key)),
                    Text::tr("expected true or false, got %1").arg(JsonText::compact(value)));
        }
        return value.toBool();
    }

    // A list of non-empty strings; `what` says what each is, for messages.
    QStringList readStrings(const QJsonObject &object, const char *key, const QString &pointer, const QString &what)
    {
        const QJsonValue value = object.value(QLatin1String(key));
        if (value.isUndefined())
            return {};
        const QString where = JsonText::childPointer(pointer, QLatin1String(key));
        if (!value.isArray()) {
            problem(where, Text::tr("expected a list of %1, got %2").arg(what, JsonText::compact(value)));
            return {};
        }
        QStringList strings;
        const QJsonArray items = value.toArray();
        for (qsizetype i = 0; i < items.size(); ++i) {
            if (!items.at(i).isString() || items.at(i).toString().isEmpty())
                problem(JsonText::childPointer(where, QString::number(i)),
                        Text::tr("expected %1, got %2").arg(what, JsonText::compact(items.at(i))));
            else
                strings.append(items.at(i).toString());
        }
        return strings;
    }

    ToolProfile readProfile(const QJsonObject &object, const QString &pointer, const QString &source)
    {
        unknownFields(object, pointer,
                      {QLatin1String(kName), QLatin1String(kDescription), QLatin1String(kProgram),
                       QLatin1String(kArgs), QLatin1String(kEditsRepo), QLatin1String(kNeedsCommand),
                       QLatin1String(kNeedsInstructions), QLatin1String(kEvents), QLatin1String(kDefaultTimeout),
                       QLatin1String(kEnv), QLatin1String(kStatusCheck), QLatin1String(kAuthEnv),
                       QLatin1String(kAuthFiles), QLatin1String(kLoginHint)});
        ToolProfile profile;
        profile.source = source;

        const QJsonValue name = object.value(QLatin1String(kName));
        const QString namePointer = JsonText::childPointer(pointer, QLatin1String(kName));
        if (name.isUndefined()) {
            problem(pointer, Text::tr("missing required field \"name\""));
        } else if (!name.isString() || !isValidName(name.toString())) {
            problem(namePointer, Text::tr("expected a tool name of letters, digits, '.', '_' or '-', got %1")
                                         .arg(JsonText::compact(name)));
        } else {
            profile.name = name.toString();
        }

        const QJsonValue description = object.value(QLatin1String(kDescription));
        if (!description.isUndefined() && !description.isString()) {
            problem(JsonText::childPointer(pointer, QLatin1String(kDescription)),
                    Text::tr("expected a string, got %1").arg(JsonText::compact(description)));
        }
        profile.description = description.toString();

        profile.editsRepo = readBool(object, kEditsRepo, pointer);
        profile.needsCommand = readBool(object, kNeedsCommand, pointer);
        profile.needsInstructions = readBool(object, kNeedsInstructions, pointer);

        const QJsonValue events = object.value(QLatin1String(kEvents));
        if (!events.isUndefined()) {
            const QStringList known = eventFormats();
            if (!events.isString() || !known.contains(events.toString()))
                problem(JsonText::childPointer(pointer, QLatin1String(kEvents)),
                        Text::tr("expected one of %1, got %2").arg(JsonText::joinNames(known), JsonText::compact(events)));
            else
                profile.events = events.toString();
        }
        const QJsonValue timeout = object.value(QLatin1String(kDefaultTimeout));
        if (!timeout.isUndefined()) {
            const double seconds = timeout.toDouble(-1);
            if (!timeout.isDouble() || seconds < 0 || seconds != std::floor(seconds) || seconds > 7 * 24 * 3600)
                problem(JsonText::childPointer(pointer, QLatin1String(kDefaultTimeout)),
                        Text::tr("expected a whole number of seconds from 0 (none) to 604800, got %1").arg(JsonText::compact(timeout)));
            else
                profile.defaultTimeoutSeconds = int(seconds);
        }
        const QJsonValue env = object.value(QLatin1String(kEnv));
        if (!env.isUndefined()) {
            const QString envPointer = JsonText::childPointer(pointer, QLatin1String(kEnv));
            if (!env.isObject()) {
                problem(envPointer, Text::tr("expected an object of variable names and string values, got %1").arg(JsonText::compact(env)));
            } else {
                const QJsonObject variables = env.toObject();
                for (auto it = variables.begin(); it != variables.end(); ++it) {
                    if (!it.value().isString())
                        problem(JsonText::childPointer(envPointer, it.key()),
                                Text::tr("expected a string, got %1").arg(JsonText::compact(it.value())));
                    else
                        profile.env.insert(it.key(), it.value().toString());
                }
            }
        }

        profile.statusCheck = readStrings(object, kStatusCheck, pointer, Text::tr("non-empty strings (a command line)"));
        profile.authEnv = readStrings(object, kAuthEnv, pointer, Text::tr("non-empty variable names"));
        profile.authFiles = readStrings(object, kAuthFiles, pointer, Text::tr("non-empty paths (\"~/\" for the home directory)"));
        const QJsonValue hint = object.value(QLatin1String(kLoginHint));
        if (!hint.isUndefined() && !hint.isString())
            problem(JsonText::childPointer(pointer, QLatin1String(kLoginHint)),
                    Text::tr("expected a string, got %1").arg(JsonText::compact(hint)));
        profile.loginHint = hint.toString();

        // A profile whose jobs always bring their own command needs no program.
        const QJsonValue program = object.value(QLatin1String(kProgram));
        const QString programPointer = JsonText::childPointer(pointer, QLatin1String(kProgram));
        if (program.isUndefined()) {
            if (!profile.needsCommand)
                problem(pointer, Text::tr("missing required field \"program\" (or set \"needs_command\": true)"));
        } else if (!program.isString() || program.toString().isEmpty()) {
            problem(programPointer, Text::tr("expected a non-empty string (program name or path), got %1")
                                            .arg(JsonText::compact(program)));
        } else {
            profile.program = program.toString();
            for (const ArgsTemplate::Problem &p : ArgsTemplate::checkProgram(profile.program, programPointer))
                problem(p.pointer, p.reason);
        }

        const QJsonValue args = object.value(QLatin1String(kArgs));
        const QString argsPointer = JsonText::childPointer(pointer, QLatin1String(kArgs));
        if (!args.isUndefined() && !args.isArray()) {
            problem(argsPointer, Text::tr("expected a list of argument templates, got %1").arg(JsonText::compact(args)));
        } else {
            profile.argsTemplate = args.toArray();
            for (const ArgsTemplate::Problem &p : ArgsTemplate::checkArgs(profile.argsTemplate, argsPointer))
                problem(p.pointer, p.reason);
        }
        return profile;
    }

    QList<ToolProfile> read(const QJsonObject &document, const QString &source)
    {
        unknownFields(document, QStringLiteral("/"), {QLatin1String(kProfiles), QLatin1String(kLimits), QLatin1String(kPrices)});
        readLimits(document);
        readPrices(document);
        const QJsonValue profiles = document.value(QLatin1String(kProfiles));
        if (profiles.isUndefined()) {
            // A file of limits or prices alone is fine; an empty one is not.
            if (!document.contains(QLatin1String(kLimits)) && !document.contains(QLatin1String(kPrices)))
                problem(QStringLiteral("/"), Text::tr("missing required field \"profiles\""));
            return {};
        }
        if (!profiles.isArray()) {
            problem(QStringLiteral("/profiles"),
                    Text::tr("expected a list of tool profiles, got %1").arg(JsonText::compact(profiles)));
            return {};
        }

        QList<ToolProfile> result;
        QHash<QString, QString> seenAt;  // name -> pointer of its first definition
        const QJsonArray list = profiles.toArray();
        for (qsizetype i = 0; i < list.size(); ++i) {
            const QString pointer = QLatin1String("/profiles/") + QString::number(i);
            if (!list.at(i).isObject()) {
                problem(pointer, Text::tr("expected a tool profile object, got %1").arg(JsonText::compact(list.at(i))));
                continue;
            }
            ToolProfile profile = readProfile(list.at(i).toObject(), pointer, source);
            if (profile.name.isEmpty())
                continue;
            if (seenAt.contains(profile.name)) {
                problem(pointer + QLatin1String("/name"),
                        Text::tr("duplicate profile %1 (first defined at %2)")
                                .arg(JsonText::quoted(profile.name), seenAt.value(profile.name)));
                continue;
            }
            seenAt.insert(profile.name, pointer);
            result.append(profile);
        }
        return result;
    }

    // "limits": {"claude": {"max_concurrent": 2}}
    void readLimits(const QJsonObject &document)
    {
        const QJsonValue limits = document.value(QLatin1String(kLimits));
        if (limits.isUndefined())
            return;
        const QString pointer = QStringLiteral("/limits");
        if (!limits.isObject()) {
            problem(pointer, Text::tr("expected an object of tool names and their limits, got %1").arg(JsonText::compact(limits)));
            return;
        }
        const QJsonObject tools = limits.toObject();
        for (auto it = tools.begin(); it != tools.end(); ++it) {
            const QString toolPointer = JsonText::childPointer(pointer, it.key());
            if (!isValidName(it.key())) {
                problem(toolPointer, Text::tr("expected a tool name of letters, digits, '.', '_' or '-'"));
                continue;
            }
            if (!it.value().isObject()) {
                problem(toolPointer, Text::tr("expected an object such as {\"max_concurrent\": 2}, got %1").arg(JsonText::compact(it.value())));
                continue;
            }
            const QJsonObject limit = it.value().toObject();
            unknownFields(limit, toolPointer, {QLatin1String(kMaxConcurrent)});
            const QJsonValue max = limit.value(QLatin1String(kMaxConcurrent));
            const double count = max.toDouble(-1);
            if (!max.isDouble() || count < 1 || count != std::floor(count) || count > 10000) {
                problem(JsonText::childPointer(toolPointer, QLatin1String(kMaxConcurrent)),
                        Text::tr("expected a whole number from 1 to 10000, got %1").arg(JsonText::compact(max)));
                continue;
            }
            m_limits.insert(it.key(), int(count));
        }
    }

    // "prices": {"gpt-5": {"input": 1.25, "cached_input": 0.125, "output": 10}}
    void readPrices(const QJsonObject &document)
    {
        const QJsonValue prices = document.value(QLatin1String(kPrices));
        if (prices.isUndefined())
            return;
        const QString pointer = QStringLiteral("/prices");
        if (!prices.isObject()) {
            problem(pointer, Text::tr("expected an object of model names and their prices, got %1").arg(JsonText::compact(prices)));
            return;
        }
        const QJsonObject models = prices.toObject();
        for (auto it = models.begin(); it != models.end(); ++it) {
            if (isNote(it.key()))
                continue;
            const QString modelPointer = JsonText::childPointer(pointer, it.key());
            if (it.key().trimmed().isEmpty()) {
                problem(modelPointer, Text::tr("expected a model name (or the start of one)"));
                continue;
            }
            if (!it.value().isObject()) {
                problem(modelPointer, Text::tr("expected an object such as {\"input\": 1.25, \"cached_input\": 0.125, \"output\": 10}, got %1")
                                          .arg(JsonText::compact(it.value())));
                continue;
            }
            const QJsonObject entry = it.value().toObject();
            unknownFields(entry, modelPointer, {QLatin1String(kInput), QLatin1String(kCachedInput), QLatin1String(kOutput)});
            const std::optional<double> input = readPrice(entry, kInput, modelPointer, true);
            const std::optional<double> output = readPrice(entry, kOutput, modelPointer, true);
            const std::optional<double> cached = readPrice(entry, kCachedInput, modelPointer, false);
            if (!input || !output || (entry.contains(QLatin1String(kCachedInput)) && !cached))
                continue;
            // No cache price: cached tokens cost what others do.
            m_prices.insert(it.key().trimmed(), ModelPrice{*input, cached.value_or(*input), *output});
        }
    }

    std::optional<double> readPrice(const QJsonObject &entry, const char *key, const QString &pointer, bool required)
    {
        const QJsonValue value = entry.value(QLatin1String(key));
        if (value.isUndefined()) {
            if (required)
                problem(pointer, Text::tr("missing required field \"%1\" (USD per million tokens)").arg(QLatin1String(key)));
            return std::nullopt;
        }
        const double price = value.toDouble(-1);
        if (!value.isDouble() || price < 0 || !std::isfinite(price) || price > 1e6) {
            problem(JsonText::childPointer(pointer, QLatin1String(key)),
                    Text::tr("expected USD per million tokens, a number from 0 to 1000000, got %1").arg(JsonText::compact(value)));
            return std::nullopt;
        }
        return price;
    }

    const QStringList &problems() const { return m_problems; }
    const QHash<QString, int> &limits() const { return m_limits; }
    const PriceTable &prices() const { return m_prices; }

private:
    QString m_fileName;
    QStringList m_problems;
    QHash<QString, int> m_limits;
    PriceTable m_prices;
};

} // namespace

Result<QList<ToolProfile>> fromJson(const QJsonObject &document, const QString &fileName, const QString &source)
{
    auto read = documentFromJson(document, fileName, source);
    if (!read)
        return read.error();
    return read->profiles;
}

Result<Document> documentFromJson(const QJsonObject &document, const QString &fileName, const QString &source)
{
    Reader reader(fileName);
    Document read;
    read.profiles = reader.read(document, source);
    read.maxConcurrent = reader.limits();
    read.prices = reader.prices();
    if (!reader.problems().isEmpty())
        return Error::make(ErrorCode::Validation, reader.problems().join(QLatin1Char('\n')));
    return read;
}

QStringList eventFormats()
{
    QStringList names;
    for (AgentEventFormat format : {AgentEventFormat::None, AgentEventFormat::ClaudeStreamJson, AgentEventFormat::CodexJsonl,
                                    AgentEventFormat::GeminiStreamJson, AgentEventFormat::AiderText})
        names.append(toString(format));
    return names;
}

Result<QList<ToolProfile>> fromFile(const QString &path, const QString &source)
{
    auto read = documentFromFile(path, source);
    if (!read)
        return read.error();
    return read->profiles;
}

Result<Document> documentFromFile(const QString &path, const QString &source)
{
    const Result<QJsonObject> document = JsonText::readObjectFile(path);
    if (!document)
        return document.error();
    return documentFromJson(*document, path, source);
}

} // namespace Orchestrator::ToolProfiles
