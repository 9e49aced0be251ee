#include "schemamessages.h"

#include <algorithm>

#include <QCoreApplication>
#include <QJsonArray>
#include <QRegularExpression>

#include "spec/jsontext.h"

namespace Orchestrator {

namespace {

struct Text
{
    Q_DECLARE_TR_FUNCTIONS(Orchestrator::JobSchema)
};

// How the validator phrases the failures that need more than "expected X, got Y".
constexpr char kMissingPrefix[] = "Missing required property '";
constexpr char kUnknownPrefix[] = "Object contains a property that could not be validated";
constexpr char kUniquePrefix[] = "Elements at indexes #";
constexpr char kPropertyPrefix[] = "Failed to validate against schema associated with property name '";

enum class Kind {
    Missing,   // a required property is absent from the object at `path`
    Unknown,   // the property at `path` is not allowed by its object
    Expected,  // the value at `path` does not fit its schema
};

struct Entry
{
    QStringList path;
    Kind kind = Kind::Expected;
    QString name;        // Missing: the absent property
    int duplicate = -1;  // Expected: index of a repeated array item, if that is the failure
    std::string raw;     // the validator's wording, the last resort for a reason
};

bool startsWith(const std::string &text, const char *prefix)
{
    return text.rfind(prefix, 0) == 0;
}

// The text between the first quote after `prefix` and the last quote.
QString quotedName(const std::string &text, std::size_t prefixLength)
{
    const std::size_t end = text.rfind('\'');
    if (end == std::string::npos || end < prefixLength)
        return {};
    return QString::fromStdString(text.substr(prefixLength, end - prefixLength));
}

// "Elements at indexes #0 and #2 violate uniqueness constraint." -> 2
int secondIndex(const std::string &text)
{
    const std::size_t hash = text.rfind('#');
    if (hash == std::string::npos)
        return -1;
    return std::atoi(text.c_str() + hash + 1);
}

bool isStrictPrefix(const QStringList &prefix, const QStringList &path)
{
    if (prefix.size() >= path.size())
        return false;
    for (qsizetype i = 0; i < prefix.size(); ++i) {
        if (prefix[i] != path[i])
            return false;
    }
    return true;
}

// Document order for array indices ("/files/2" before "/files/10"), names otherwise.
bool pathLess(const QStringList &a, const QStringList &b)
{
    const qsizetype common = std::min(a.size(), b.size());
    for (qsizetype i = 0; i < common; ++i) {
        if (a[i] == b[i])
            continue;
        bool aNumeric = false;
        bool bNumeric = false;
        const qlonglong aIndex = a[i].toLongLong(&aNumeric);
        const qlonglong bIndex = b[i].toLongLong(&bNumeric);
        if (aNumeric && bNumeric)
            return aIndex < bIndex;
        return a[i] < b[i];
    }
    return a.size() < b.size();
}

bool typeMatches(const QJsonValue &type, const QJsonValue &value)
{
    if (type.isArray()) {
        const QJsonArray types = type.toArray();
        return std::any_of(types.begin(), types.end(),
                           [&](const QJsonValue &t) { return typeMatches(t, value); });
    }
    const QString name = type.toString();
    switch (value.type()) {
    case QJsonValue::Object:
        return name == QLatin1String("object");
    case QJsonValue::Array:
        return name == QLatin1String("array");
    case QJsonValue::String:
        return name == QLatin1String("string");
    case QJsonValue::Double:
        return name == QLatin1String("number") || name == QLatin1String("integer");
    case QJsonValue::Bool:
        return name == QLatin1String("boolean");
    case QJsonValue::Null:
        return name == QLatin1String("null");
    case QJsonValue::Undefined:
        break;
    }
    return false;
}

QJsonValue childValue(const QJsonValue &container, const QString &token)
{
    if (container.isObject())
        return container.toObject().value(token);
    if (container.isArray()) {
        bool numeric = false;
        const int index = token.toInt(&numeric);
        return numeric ? container.toArray().at(index) : QJsonValue(QJsonValue::Undefined);
    }
    return QJsonValue(QJsonValue::Undefined);
}

} // namespace

SchemaMessages::SchemaMessages(const QJsonObject &schema)
    : m_schema(schema)
{
}

// Follows local "$ref"s ("#/definitions/id"); the only kind the job schema uses.
QJsonObject SchemaMessages::resolve(const QJsonObject &node) const
{
    QJsonObject current = node;
    for (int depth = 0; depth < 16 && current.contains(QLatin1String("$ref")); ++depth) {
        const QString ref = current.value(QLatin1String("$ref")).toString();
        if (!ref.startsWith(QLatin1String("#/")))
            return current;
        QJsonValue target = m_schema;
        const QStringList tokens = ref.mid(2).split(QLatin1Char('/'));
        for (QString token : tokens) {
            token.replace(QLatin1String("~1"), QLatin1String("/")).replace(QLatin1String("~0"), QLatin1String("~"));
            target = target.toObject().value(token);
        }
        current = target.toObject();
    }
    return current;
}

// For a oneOf/anyOf node, the branch meant for a value of this JSON type.
QJsonObject SchemaMessages::branchFor(const QJsonObject &node, const QJsonValue &value) const
{
    const QJsonObject resolved = resolve(node);
    for (const char *keyword : {"oneOf", "anyOf"}) {
        const QJsonArray branches = resolved.value(QLatin1String(keyword)).toArray();
        for (const QJsonValue &branchValue : branches) {
            const QJsonObject branch = resolve(branchValue.toObject());
            if (branch.contains(QLatin1String("type"))) {
                if (typeMatches(branch.value(QLatin1String("type")), value))
                    return branch;
            } else if (value.isObject() && branch.contains(QLatin1String("properties"))) {
                return branch;
            }
        }
    }
    return resolved;
}

QJsonObject SchemaMessages::childSchema(const QJsonObject &node, const QJsonValue &container,
                                        const QString &token) const
{
    const QJsonObject schema = branchFor(node, container);
    if (container.isArray()) {
        const QJsonValue items = schema.value(QLatin1String("items"));
        return items.toObject();
    }
    const QJsonObject properties = schema.value(QLatin1String("properties")).toObject();
    if (properties.contains(token))
        return properties.value(token).toObject();
    const QJsonObject patterns = schema.value(QLatin1String("patternProperties")).toObject();
    for (auto it = patterns.begin(); it != patterns.end(); ++it) {
        if (QRegularExpression(it.key()).match(token).hasMatch())
            return it.value().toObject();
    }
    return schema.value(QLatin1String("additionalProperties")).toObject();
}

SchemaMessages::Location SchemaMessages::locate(const QJsonObject &instance, const QStringList &path) const
{
    Location location{m_schema, instance};
    for (const QString &token : path) {
        location.schema = childSchema(location.schema, location.instance, token);
        location.instance = childValue(location.instance, token);
    }
    return location;
}

QString SchemaMessages::description(const QJsonObject &node, const QJsonValue &value) const
{
    // A description next to a "$ref" is more specific than the shared definition's.
    if (node.contains(QLatin1String("description")))
        return node.value(QLatin1String("description")).toString();
    const QJsonObject resolved = resolve(node);
    if (resolved.contains(QLatin1String("description")))
        return resolved.value(QLatin1String("description")).toString();
    const QJsonObject branch = branchFor(node, value);
    if (branch.contains(QLatin1String("description")))
        return branch.value(QLatin1String("description")).toString();
    return {};
}

QStringList SchemaMessages::knownProperties(const QJsonObject &node, const QJsonValue &value) const
{
    QStringList names = branchFor(node, value).value(QLatin1String("properties")).toObject().keys();
    names.sort();
    return names;
}

bool SchemaMessages::isKnownProperty(const QJsonObject &node, const QJsonValue &value,
                                     const QString &name) const
{
    const QJsonObject schema = branchFor(node, value);
    if (schema.value(QLatin1String("properties")).toObject().contains(name))
        return true;
    const QJsonObject patterns = schema.value(QLatin1String("patternProperties")).toObject();
    for (auto it = patterns.begin(); it != patterns.end(); ++it) {
        if (QRegularExpression(it.key()).match(name).hasMatch())
            return true;
    }
    const QJsonValue additional = schema.value(QLatin1String("additionalProperties"));
    return !(additional.isBool() && !additional.toBool());
}

QStringList SchemaMessages::describe(const QJsonObject &instance, const std::vector<RawSchemaError> &errors,
                                     const QString &source) const
{
    std::vector<Entry> entries;
    for (const RawSchemaError &error : errors) {
        const std::string &raw = error.description;
        if (startsWith(raw, kMissingPrefix)) {
            entries.push_back({error.path, Kind::Missing,
                               quotedName(raw, sizeof(kMissingPrefix) - 1), -1, raw});
        } else if (startsWith(raw, kUnknownPrefix)) {
            // The validator names only the first stray property; report them all.
            const Location location = locate(instance, error.path);
            const QJsonObject object = location.instance.toObject();
            for (auto it = object.begin(); it != object.end(); ++it) {
                if (!isKnownProperty(location.schema, location.instance, it.key()))
                    entries.push_back({error.path + QStringList{it.key()}, Kind::Unknown, {}, -1, raw});
            }
        } else if (startsWith(raw, kUniquePrefix)) {
            entries.push_back({error.path, Kind::Expected, {}, secondIndex(raw), raw});
        } else if (startsWith(raw, kPropertyPrefix)) {
            // Place it on the property itself so that it merges with what failed there.
            entries.push_back({error.path + QStringList{quotedName(raw, sizeof(kPropertyPrefix) - 1)},
                               Kind::Expected, {}, -1, raw});
        } else {
            entries.push_back({error.path, Kind::Expected, {}, -1, raw});
        }
    }

    // The validator reports a failure at every level it passes through (the
    // array, then the item; the oneOf, then each branch). Keep the deepest:
    // a generic "expected" is dropped when anything more specific was found
    // below it, or when the object merely lacks a required field.
    std::vector<const Entry *> kept;
    for (const Entry &entry : entries) {
        if (entry.kind == Kind::Expected) {
            const bool superseded = std::any_of(entries.begin(), entries.end(), [&](const Entry &other) {
                return isStrictPrefix(entry.path, other.path)
                        || (other.kind == Kind::Missing && other.path == entry.path);
            });
            if (superseded)
                continue;
        }
        kept.push_back(&entry);
    }
    std::stable_sort(kept.begin(), kept.end(), [](const Entry *a, const Entry *b) {
        if (a->path != b->path)
            return pathLess(a->path, b->path);
        if (a->kind != b->kind)
            return a->kind < b->kind;
        if (a->name != b->name)
            return a->name < b->name;
        return a->duplicate > b->duplicate;  // a duplicate report is more telling than a plain one
    });

    QStringList lines;
    QStringList expectedAt;  // pointers that already have their one "expected" line
    for (const Entry *entry : kept) {
        const QString pointer = JsonText::pointer(entry->path);
        QString reason;
        switch (entry->kind) {
        case Kind::Missing:
            reason = Text::tr("missing required field %1").arg(JsonText::quoted(entry->name));
            break;
        case Kind::Unknown: {
            const QStringList parentPath = entry->path.mid(0, entry->path.size() - 1);
            const Location parent = locate(instance, parentPath);
            const QStringList known = knownProperties(parent.schema, parent.instance);
            const QString suggestion = JsonText::closestName(entry->path.last(), known);
            reason = Text::tr("unknown field");
            if (!suggestion.isEmpty())
                reason += Text::tr(", did you mean %1?").arg(JsonText::quoted(suggestion));
            if (!known.isEmpty())
                reason += Text::tr(" (known: %1)").arg(JsonText::joinNames(known));
            break;
        }
        case Kind::Expected: {
            if (expectedAt.contains(pointer))
                continue;
            expectedAt.append(pointer);
            const Location location = locate(instance, entry->path);
            const QString expected = description(location.schema, location.instance);
            if (expected.isEmpty()) {
                reason = QString::fromStdString(entry->raw);
            } else if (entry->duplicate >= 0 && location.instance.isArray()) {
                reason = Text::tr("expected %1, got %2 twice")
                                 .arg(expected,
                                      JsonText::compact(location.instance.toArray().at(entry->duplicate)));
            } else {
                reason = Text::tr("expected %1, got %2").arg(expected, JsonText::compact(location.instance));
            }
            break;
        }
        }
        lines.append(JsonText::line(source, pointer, reason));
    }
    lines.removeDuplicates();

    if (lines.isEmpty()) {
        // Nothing specific survived; still say where and what, never nothing.
        for (const RawSchemaError &error : errors) {
            lines.append(JsonText::line(source, JsonText::pointer(error.path),
                                        QString::fromStdString(error.description)));
        }
        lines.removeDuplicates();
        if (lines.isEmpty())
            lines.append(JsonText::line(source, QStringLiteral("/"), Text::tr("does not match the job schema")));
    }
    return lines;
}

} // namespace Orchestrator
