#include "argstemplate.h"

#include <algorithm>

#include <QCoreApplication>
#include <QJsonObject>

#include "spec/jobspec.h"
#include "spec/jsontext.h"

namespace Orchestrator::ArgsTemplate {

namespace {

struct Text
{
    Q_DECLARE_TR_FUNCTIONS(Orchestrator::ToolRegistry)
};

const char kIf[] = "if";
const char kIfSet[] = "if_set";
const char kThen[] = "then";
const char kElse[] = "else";
const char kConfigPrefix[] = "config.";
const char kSpread[] = "...";

// Job fields a template may name directly; config.<key> reaches into "config".
const QStringList &fieldNames()
{
    static const QStringList names{
        QStringLiteral("job_id"),     QStringLiteral("run_id"),       QStringLiteral("workstream_id"),
        QStringLiteral("tool"),       QStringLiteral("instructions"), QStringLiteral("files"),
        QStringLiteral("repo_root"),  QStringLiteral("working_dir"),  QStringLiteral("log_file"),
        QStringLiteral("error_report"), QStringLiteral("in_git_repo"),
    };
    return names;
}

bool isKnownName(const QString &name)
{
    if (fieldNames().contains(name))
        return true;
    if (!name.startsWith(QLatin1String(kConfigPrefix)))
        return false;
    const QStringList keys = name.mid(int(sizeof(kConfigPrefix)) - 1).split(QLatin1Char('.'));
    return std::none_of(keys.begin(), keys.end(), [](const QString &key) { return key.isEmpty(); });
}

QString unknownNameReason(const QString &what)
{
    QStringList known;
    for (const QString &name : knownNames())
        known.append(QLatin1Char('{') + name + QLatin1Char('}'));
    return Text::tr("unknown placeholder %1 (known: %2)").arg(what, JsonText::joinNames(known));
}

struct Segment
{
    QString text;  // literal text, or the placeholder's name
    bool placeholder = false;
    bool spread = false;  // "{name...}"
};

struct Parsed
{
    QList<Segment> segments;
    QString error;
};

// Splits "--model={config.model}" into literal and placeholder pieces;
// "{{" and "}}" stand for literal braces.
Parsed parse(const QString &text)
{
    Parsed parsed;
    QString literal;
    const auto flushLiteral = [&] {
        if (!literal.isEmpty())
            parsed.segments.append({literal, false, false});
        literal.clear();
    };
    for (qsizetype i = 0; i < text.size(); ++i) {
        const QChar c = text.at(i);
        const bool brace = c == QLatin1Char('{') || c == QLatin1Char('}');
        const bool doubled = brace && i + 1 < text.size() && text.at(i + 1) == c;
        if (c == QLatin1Char('{') && !doubled) {
            const qsizetype close = text.indexOf(QLatin1Char('}'), i + 1);
            if (close < 0) {
                parsed.error = Text::tr("unmatched \"{\" at character %1; write \"{{\" for a literal brace")
                                       .arg(i + 1);
                return parsed;
            }
            flushLiteral();
            QString name = text.mid(i + 1, close - i - 1);
            const bool spread = name.endsWith(QLatin1String(kSpread));
            if (spread)
                name.chop(int(sizeof(kSpread)) - 1);
            parsed.segments.append({name, true, spread});
            i = close;
        } else if (c == QLatin1Char('}') && !doubled) {
            parsed.error = Text::tr("unmatched \"}\" at character %1; write \"}}\" for a literal brace").arg(i + 1);
            return parsed;
        } else {
            literal.append(c);
            if (doubled)
                ++i;
        }
    }
    flushLiteral();
    return parsed;
}

void checkString(const QString &text, const QString &pointer, bool wholeArgument, QList<Problem> &problems)
{
    const Parsed parsed = parse(text);
    if (!parsed.error.isEmpty()) {
        problems.append({pointer, parsed.error});
        return;
    }
    for (const Segment &segment : parsed.segments) {
        if (!segment.placeholder)
            continue;
        const QString written = QLatin1Char('{') + segment.text
                + (segment.spread ? QLatin1String(kSpread) : QLatin1String()) + QLatin1Char('}');
        if (!isKnownName(segment.text))
            problems.append({pointer, unknownNameReason(written)});
        else if (segment.spread && (!wholeArgument || parsed.segments.size() != 1))
            problems.append({pointer, Text::tr("%1 must be a whole argument on its own").arg(written)});
    }
}

void checkElements(const QJsonArray &args, const QString &pointer, QList<Problem> &problems);

void checkCondition(const QJsonObject &object, const QString &pointer, QList<Problem> &problems)
{
    static const QStringList known{QLatin1String(kElse), QLatin1String(kIf), QLatin1String(kIfSet),
                                   QLatin1String(kThen)};
    for (auto it = object.begin(); it != object.end(); ++it) {
        if (!known.contains(it.key())) {
            problems.append({JsonText::childPointer(pointer, it.key()),
                             Text::tr("unknown field (known: %1)").arg(JsonText::joinNames(known))});
        }
    }
    const bool hasIf = object.contains(QLatin1String(kIf));
    const bool hasIfSet = object.contains(QLatin1String(kIfSet));
    if (hasIf == hasIfSet) {
        problems.append({pointer, Text::tr("expected exactly one of \"if\" and \"if_set\"")});
    } else {
        const char *key = hasIf ? kIf : kIfSet;
        const QJsonValue name = object.value(QLatin1String(key));
        const QString where = JsonText::childPointer(pointer, QLatin1String(key));
        if (!name.isString())
            problems.append({where, Text::tr("expected a field name such as \"config.model\", got %1")
                                            .arg(JsonText::compact(name))});
        else if (!isKnownName(name.toString()))
            problems.append({where, unknownNameReason(JsonText::quoted(name.toString()))});
    }
    for (const char *key : {kThen, kElse}) {
        const QJsonValue branch = object.value(QLatin1String(key));
        const QString where = JsonText::childPointer(pointer, QLatin1String(key));
        if (branch.isArray())
            checkElements(branch.toArray(), where, problems);
        else if (!branch.isUndefined() || key == kThen)
            problems.append({where, Text::tr("expected a list of arguments, got %1").arg(JsonText::compact(branch))});
    }
}

void checkElements(const QJsonArray &args, const QString &pointer, QList<Problem> &problems)
{
    for (qsizetype i = 0; i < args.size(); ++i) {
        const QJsonValue element = args.at(i);
        const QString where = JsonText::childPointer(pointer, QString::number(i));
        if (element.isString()) {
            checkString(element.toString(), where, true, problems);
        } else if (element.isObject()) {
            checkCondition(element.toObject(), where, problems);
        } else {
            problems.append({where, Text::tr("expected a string or an {\"if\": ..., \"then\": [...]} object, got %1")
                                            .arg(JsonText::compact(element))});
        }
    }
}

QJsonValue lookup(const JobSpec &spec, const Context &context, const QString &name)
{
    if (name == QLatin1String("in_git_repo"))
        return context.inGitRepo;
    if (name.startsWith(QLatin1String(kConfigPrefix))) {
        QJsonValue value = spec.config;
        const QStringList keys = name.mid(int(sizeof(kConfigPrefix)) - 1).split(QLatin1Char('.'));
        for (const QString &key : keys) {
            if (!value.isObject())
                return QJsonValue(QJsonValue::Undefined);
            value = value.toObject().value(key);
        }
        return value;
    }
    if (name == QLatin1String("files"))
        return QJsonArray::fromStringList(spec.files);
    const QString text = name == QLatin1String("job_id")          ? spec.jobId
            : name == QLatin1String("run_id")                    ? spec.runId
            : name == QLatin1String("workstream_id")             ? spec.workstreamId
            : name == QLatin1String("tool")                      ? spec.tool
            : name == QLatin1String("instructions")              ? spec.instructions
            : name == QLatin1String("repo_root")                 ? spec.repoRoot
            : name == QLatin1String("working_dir")               ? spec.workingDir
            : name == QLatin1String("log_file")                  ? spec.logFile
            : name == QLatin1String("error_report")              ? spec.errorReport
                                                                 : QString();
    return text;
}

// Where the job keeps the value a name refers to, for messages.
QString fieldPointer(const QString &name)
{
    if (name.startsWith(QLatin1String(kConfigPrefix)))
        return QLatin1Char('/') + name.split(QLatin1Char('.')).join(QLatin1Char('/'));
    if (name == QLatin1String("repo_root") || name == QLatin1String("working_dir")
        || name == QLatin1String("log_file") || name == QLatin1String("error_report"))
        return QLatin1String("/paths/") + name;
    return QLatin1Char('/') + name;
}

std::optional<QString> scalarText(const QJsonValue &value)
{
    switch (value.type()) {
    case QJsonValue::String:
        return value.toString();
    case QJsonValue::Bool:
        return value.toBool() ? QStringLiteral("true") : QStringLiteral("false");
    case QJsonValue::Double: {
        const double number = value.toDouble();
        const auto integral = qint64(number);
        if (double(integral) == number)
            return QString::number(integral);
        return QString::number(number, 'g', 15);
    }
    default:
        return std::nullopt;
    }
}

// The texts a value stands for: itself for a scalar, its items for a list.
std::optional<Failure> textsOf(const QString &name, const QJsonValue &value, QStringList &out)
{
    if (value.isUndefined() || value.isNull())
        return Failure{Failure::Kind::Missing, fieldPointer(name), value};
    if (value.isArray()) {
        const QJsonArray items = value.toArray();
        for (const QJsonValue &item : items) {
            const std::optional<QString> text = scalarText(item);
            if (!text)
                return Failure{Failure::Kind::WrongType, fieldPointer(name), value};
            out.append(*text);
        }
        return std::nullopt;
    }
    const std::optional<QString> text = scalarText(value);
    if (!text)
        return Failure{Failure::Kind::WrongType, fieldPointer(name), value};
    out.append(*text);
    return std::nullopt;
}

// JSON truthiness: absent, null, false, 0, "", [] and {} are false.
bool isTrue(const QJsonValue &value)
{
    switch (value.type()) {
    case QJsonValue::Bool:
        return value.toBool();
    case QJsonValue::Double:
        return value.toDouble() != 0.0;
    case QJsonValue::String:
        return !value.toString().isEmpty();
    case QJsonValue::Array:
        return !value.toArray().isEmpty();
    case QJsonValue::Object:
        return !value.toObject().isEmpty();
    default:
        return false;
    }
}

// "Set": present and not null, "" or [] (false and 0 are set).
bool isSet(const QJsonValue &value)
{
    switch (value.type()) {
    case QJsonValue::Null:
    case QJsonValue::Undefined:
        return false;
    case QJsonValue::String:
        return !value.toString().isEmpty();
    case QJsonValue::Array:
        return !value.toArray().isEmpty();
    default:
        return true;
    }
}

// `listsAllowed`: a list may fill a placeholder (joined by ", ") or spread into
// arguments; a program name takes single values only.
std::optional<Failure> expandString(const QString &text, const JobSpec &spec, const Context &context,
                                    bool listsAllowed, QStringList &out)
{
    const Parsed parsed = parse(text);
    if (parsed.segments.size() == 1 && parsed.segments.first().spread) {
        const QString &name = parsed.segments.first().text;
        return textsOf(name, lookup(spec, context, name), out);
    }
    QString result;
    for (const Segment &segment : parsed.segments) {
        if (!segment.placeholder) {
            result += segment.text;
            continue;
        }
        const QJsonValue value = lookup(spec, context, segment.text);
        if (value.isArray() && !listsAllowed)
            return Failure{Failure::Kind::WrongType, fieldPointer(segment.text), value};
        QStringList texts;
        if (auto failure = textsOf(segment.text, value, texts))
            return failure;
        result += texts.join(QLatin1String(", "));
    }
    out.append(result);
    return std::nullopt;
}

std::optional<Failure> expandElements(const QJsonArray &args, const JobSpec &spec, const Context &context,
                                      QStringList &out)
{
    for (const QJsonValue &element : args) {
        if (element.isString()) {
            if (auto failure = expandString(element.toString(), spec, context, true, out))
                return failure;
            continue;
        }
        const QJsonObject condition = element.toObject();
        const bool chosen = condition.contains(QLatin1String(kIf))
                ? isTrue(lookup(spec, context, condition.value(QLatin1String(kIf)).toString()))
                : isSet(lookup(spec, context, condition.value(QLatin1String(kIfSet)).toString()));
        const QJsonArray branch = condition.value(QLatin1String(chosen ? kThen : kElse)).toArray();
        if (auto failure = expandElements(branch, spec, context, out))
            return failure;
    }
    return std::nullopt;
}

} // namespace

QStringList knownNames()
{
    return fieldNames() + QStringList{QStringLiteral("config.<key>")};
}

QList<Problem> checkArgs(const QJsonArray &args, const QString &pointer)
{
    QList<Problem> problems;
    checkElements(args, pointer, problems);
    return problems;
}

QList<Problem> checkProgram(const QString &program, const QString &pointer)
{
    QList<Problem> problems;
    checkString(program, pointer, false, problems);
    return problems;
}

Expansion expandArgs(const QJsonArray &args, const JobSpec &spec, const Context &context)
{
    Expansion expansion;
    expansion.failure = expandElements(args, spec, context, expansion.values);
    return expansion;
}

Expansion expandProgram(const QString &program, const JobSpec &spec)
{
    Expansion expansion;
    expansion.failure = expandString(program, spec, Context{}, false, expansion.values);
    return expansion;
}

} // namespace Orchestrator::ArgsTemplate
