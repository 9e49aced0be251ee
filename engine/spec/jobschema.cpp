#include "jobschema.h"

#include <algorithm>
#include <exception>

#include <valijson/adapters/qtjson_adapter.hpp>
#include <valijson/schema.hpp>
#include <valijson/schema_parser.hpp>
#include <valijson/validation_results.hpp>
#include <valijson/validator.hpp>

#include <QCoreApplication>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QRegularExpression>

#include "spec/jsontext.h"
#include "spec/schemamessages.h"

namespace Orchestrator {

namespace {

struct Text
{
    Q_DECLARE_TR_FUNCTIONS(Orchestrator::JobSchema)
};

const char kSchemaResource[] = ":/orchestrator/schema/job.schema.json";

// valijson names locations "<root>", "[metadata]", "[2]"; keep the names only.
QStringList pathOf(const std::vector<std::string> &context)
{
    QStringList path;
    path.reserve(qsizetype(context.size()));
    for (std::size_t i = 1; i < context.size(); ++i) {
        const std::string &token = context[i];
        if (token.size() >= 2 && token.front() == '[' && token.back() == ']')
            path.append(QString::fromStdString(token.substr(1, token.size() - 2)));
        else
            path.append(QString::fromStdString(token));
    }
    return path;
}

// valijson's Validator keeps a cache of compiled regular expressions that it
// fills while validating, so one instance must not serve two threads at once.
// One per thread keeps validation lock-free and compiles each pattern once.
valijson::Validator &threadValidator()
{
    thread_local valijson::Validator validator(valijson::Validator::kStrongTypes);
    return validator;
}

// A subschema that only annotates ({"description": ...}) accepts any value.
bool acceptsAnything(const QJsonObject &schema)
{
    static const QStringList annotations{QStringLiteral("description"), QStringLiteral("title"),
                                         QStringLiteral("$comment"), QStringLiteral("examples")};
    for (auto it = schema.begin(); it != schema.end(); ++it) {
        if (!annotations.contains(it.key()))
            return false;
    }
    return true;
}

} // namespace

struct JobSchema::Private
{
    QJsonObject document;
    valijson::Schema schema;
    QString brokenReason;  // set when the embedded schema could not be compiled
    std::unique_ptr<SchemaMessages> messages;

    // Top-level names that are free for annotations ("x-...", "_..."). valijson
    // compiles a std::regex per property per pattern on every validation,
    // which costs more than the rest of the validation together; so such
    // patterns are taken out of the compiled schema and the keys they match
    // are dropped before validating, which accepts exactly the same objects.
    QList<QRegularExpression> annotationPatterns;
    QStringList declaredProperties;  // still validated even if a pattern matches them

    QJsonObject compiledDocument();
    QJsonObject withoutAnnotations(const QJsonObject &object) const;
};

namespace {

// The schema's regular expressions run on std::regex, which recurses once per
// character: a pattern checked against a megabyte-long string overflows the
// stack. Every string the schema matches against a pattern is also limited to
// a few hundred characters, so a longer string fails validation either way; it
// is checked as a stand-in of kLongString characters that fails the same
// length rules but costs nothing to match. Messages still quote the original.
constexpr qsizetype kLongString = 1024;

QJsonValue boundedStrings(const QJsonValue &value)
{
    switch (value.type()) {
    case QJsonValue::String:
        if (value.toString().size() > kLongString)
            return QString(kLongString + 1, QLatin1Char('x'));
        return value;
    case QJsonValue::Array: {
        QJsonArray array = value.toArray();
        for (qsizetype i = 0; i < array.size(); ++i)
            array.replace(i, boundedStrings(array.at(i)));
        return array;
    }
    case QJsonValue::Object: {
        QJsonObject object = value.toObject();
        for (auto it = object.begin(); it != object.end(); ++it)
            it.value() = boundedStrings(it.value());
        return object;
    }
    default:
        return value;
    }
}

} // namespace

QJsonObject JobSchema::Private::compiledDocument()
{
    QJsonObject compiled = document;
    declaredProperties = compiled.value(QLatin1String("properties")).toObject().keys();
    QJsonObject patterns = compiled.value(QLatin1String("patternProperties")).toObject();
    const QStringList keys = patterns.keys();
    for (const QString &pattern : keys) {
        QRegularExpression expression(pattern);
        if (!expression.isValid() || !acceptsAnything(patterns.value(pattern).toObject()))
            continue;
        expression.optimize();
        annotationPatterns.append(expression);
        patterns.remove(pattern);
    }
    if (patterns.isEmpty())
        compiled.remove(QLatin1String("patternProperties"));
    else
        compiled.insert(QLatin1String("patternProperties"), patterns);
    return compiled;
}

QJsonObject JobSchema::Private::withoutAnnotations(const QJsonObject &object) const
{
    if (annotationPatterns.isEmpty())
        return object;
    QJsonObject stripped = object;
    for (auto it = object.begin(); it != object.end(); ++it) {
        const QString key = it.key();
        if (declaredProperties.contains(key))
            continue;
        const bool annotation = std::any_of(annotationPatterns.begin(), annotationPatterns.end(),
                                            [&](const QRegularExpression &e) { return e.match(key).hasMatch(); });
        if (annotation)
            stripped.remove(key);
    }
    return stripped;
}

JobSchema::JobSchema()
    : d(std::make_unique<Private>())
{
    QFile file{QString::fromLatin1(kSchemaResource)};
    if (!file.open(QIODevice::ReadOnly)) {
        d->brokenReason = Text::tr("the embedded job schema %1 is missing").arg(QLatin1String(kSchemaResource));
    } else {
        QJsonParseError error;
        d->document = QJsonDocument::fromJson(file.readAll(), &error).object();
        if (error.error != QJsonParseError::NoError) {
            d->brokenReason = Text::tr("the embedded job schema is not valid JSON: %1").arg(error.errorString());
        } else {
            try {
                valijson::SchemaParser parser(valijson::SchemaParser::kDraft7);
                const QJsonValue compiled(d->compiledDocument());
                valijson::adapters::QtJsonAdapter adapter(compiled);
                parser.populateSchema(adapter, d->schema);
            } catch (const std::exception &e) {
                d->brokenReason = Text::tr("the embedded job schema cannot be compiled: %1")
                                          .arg(QString::fromUtf8(e.what()));
            }
        }
    }
    d->messages = std::make_unique<SchemaMessages>(d->document);
}

JobSchema::~JobSchema() = default;

const JobSchema &JobSchema::instance()
{
    // Thread-safe initialisation; afterwards the schema is only read.
    static const JobSchema schema;
    return schema;
}

QJsonObject JobSchema::schemaDocument() const
{
    return d->document;
}

QStringList JobSchema::validate(const QJsonObject &object, const QString &sourceName) const
{
    if (!d->brokenReason.isEmpty())
        return {JsonText::line(sourceName, QStringLiteral("/"), d->brokenReason)};

    const QJsonValue value = boundedStrings(d->withoutAnnotations(object));
    const valijson::adapters::QtJsonAdapter adapter(value);
    valijson::Validator &validator = threadValidator();

    // Most files are valid: check first without collecting results, which
    // stops at the first failure, and only then walk again for the details.
    if (validator.validate(d->schema, adapter, nullptr))
        return {};

    valijson::ValidationResults results;
    validator.validate(d->schema, adapter, &results);

    std::vector<RawSchemaError> errors;
    errors.reserve(results.numErrors());
    valijson::ValidationResults::Error error;
    while (results.popError(error))
        errors.push_back({pathOf(error.context), error.description});
    return d->messages->describe(object, errors, sourceName);
}

} // namespace Orchestrator
