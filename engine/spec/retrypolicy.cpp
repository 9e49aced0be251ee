#include "retrypolicy.h"

#include <algorithm>
#include <cmath>
#include <optional>

#include <QCoreApplication>
#include <QJsonArray>
#include <QJsonValue>
#include <QRegularExpression>

#include "spec/jsontext.h"

namespace Orchestrator {

namespace {

struct Text
{
    Q_DECLARE_TR_FUNCTIONS(Orchestrator::RetryPolicy)
};

const char kMaxAttempts[] = "max_attempts";
const char kBackoffSeconds[] = "backoff_seconds";
const char kBackoffFactor[] = "backoff_factor";
const char kMaxBackoffSeconds[] = "max_backoff_seconds";
const char kEscalateTo[] = "escalate_to";

// Defaults of the object form and of "retry".
constexpr int kRetryAttempts = 3;
constexpr double kDefaultBackoffSeconds = 5.0;
constexpr double kDefaultBackoffFactor = 2.0;
constexpr double kDefaultMaxBackoffSeconds = 300.0;

QString fieldWhere(const QString &where, const char *field)
{
    return where + QLatin1Char('/') + QLatin1String(field);
}

Error schemaError(const QString &where, const QString &expected, const QJsonValue &got)
{
    return Error::make(ErrorCode::Schema,
                       where + QLatin1String(": ")
                               + Text::tr("expected %1, got %2").arg(expected, JsonText::compact(got)));
}

const QRegularExpression &shorthandPattern()
{
    static const QRegularExpression pattern(QStringLiteral("^(none|retry|escalate_to_([A-Za-z0-9_.-]+))$"));
    return pattern;
}

Result<RetryPolicy> parseShorthand(const QString &text, const QString &where)
{
    const QRegularExpressionMatch match = shorthandPattern().match(text);
    if (!match.hasMatch()) {
        return schemaError(where, Text::tr("\"none\", \"retry\" or \"escalate_to_<tool>\""),
                           QJsonValue(text));
    }
    RetryPolicy policy;
    if (text == QLatin1String("none"))
        return policy;
    if (text == QLatin1String("retry")) {
        policy.maxAttempts = kRetryAttempts;
        return policy;
    }
    // escalate_to_X: one more attempt with X, straight away.
    policy.maxAttempts = 2;
    policy.backoffSeconds = 0.0;
    policy.escalateTo = QStringList{match.captured(2)};
    return policy;
}

// Reads an optional number field; `minimum` is inclusive.
std::optional<Error> readNumber(const QJsonObject &object, const char *field, double minimum,
                                const QString &expected, const QString &where, double &out)
{
    const QJsonValue value = object.value(QLatin1String(field));
    if (value.isUndefined())
        return std::nullopt;
    if (!value.isDouble() || !std::isfinite(value.toDouble()) || value.toDouble() < minimum)
        return schemaError(fieldWhere(where, field), expected, value);
    out = value.toDouble();
    return std::nullopt;
}

Result<RetryPolicy> parseObject(const QJsonObject &object, const QString &where)
{
    static const QStringList known{QLatin1String(kBackoffFactor), QLatin1String(kBackoffSeconds),
                                   QLatin1String(kEscalateTo), QLatin1String(kMaxAttempts),
                                   QLatin1String(kMaxBackoffSeconds)};
    for (auto it = object.begin(); it != object.end(); ++it) {
        if (!known.contains(it.key())) {
            return Error::make(ErrorCode::Schema,
                               where + QLatin1Char('/') + it.key() + QLatin1String(": ")
                                       + Text::tr("unknown field (known: %1)").arg(JsonText::joinNames(known)));
        }
    }

    RetryPolicy policy;
    policy.backoffSeconds = kDefaultBackoffSeconds;
    policy.backoffFactor = kDefaultBackoffFactor;
    policy.maxBackoffSeconds = kDefaultMaxBackoffSeconds;

    const QJsonValue escalate = object.value(QLatin1String(kEscalateTo));
    if (!escalate.isUndefined()) {
        if (!escalate.isArray())
            return schemaError(fieldWhere(where, kEscalateTo), Text::tr("a list of tool names"), escalate);
        const QJsonArray tools = escalate.toArray();
        for (qsizetype i = 0; i < tools.size(); ++i) {
            if (!tools.at(i).isString() || tools.at(i).toString().isEmpty()) {
                return schemaError(fieldWhere(where, kEscalateTo) + QLatin1Char('/') + QString::number(i),
                                   Text::tr("a tool name (a non-empty string)"), tools.at(i));
            }
            policy.escalateTo.append(tools.at(i).toString());
        }
    }
    // Without a count, every escalation tool gets its attempt after the job's own.
    policy.maxAttempts = escalate.isUndefined() ? kRetryAttempts : 1 + int(policy.escalateTo.size());

    const QJsonValue attempts = object.value(QLatin1String(kMaxAttempts));
    if (!attempts.isUndefined()) {
        const double count = attempts.toDouble(-1);
        if (!attempts.isDouble() || count != std::floor(count) || count < 1 || count > 100)
            return schemaError(fieldWhere(where, kMaxAttempts), Text::tr("an integer from 1 to 100"), attempts);
        policy.maxAttempts = int(count);
    }

    const QString seconds = Text::tr("a number of seconds, 0 or more");
    if (auto error = readNumber(object, kBackoffSeconds, 0.0, seconds, where, policy.backoffSeconds))
        return *error;
    if (auto error = readNumber(object, kBackoffFactor, 1.0, Text::tr("a number, 1 or more"), where,
                                policy.backoffFactor))
        return *error;
    if (auto error = readNumber(object, kMaxBackoffSeconds, 0.0, seconds, where, policy.maxBackoffSeconds))
        return *error;
    return policy;
}

} // namespace

std::chrono::milliseconds RetryPolicy::backoffAfter(int attempt) const
{
    const double exponent = std::max(0, attempt - 1);
    double seconds = backoffSeconds * std::pow(backoffFactor, exponent);
    if (!std::isfinite(seconds) || seconds > maxBackoffSeconds)
        seconds = maxBackoffSeconds;
    seconds = std::max(0.0, seconds);
    return std::chrono::milliseconds(std::llround(seconds * 1000.0));
}

QString RetryPolicy::toolForAttempt(const QString &baseTool, int attempt) const
{
    if (attempt <= 1 || escalateTo.isEmpty())
        return baseTool;
    const qsizetype index = std::min<qsizetype>(attempt - 2, escalateTo.size() - 1);
    return escalateTo.at(index);
}

QJsonObject RetryPolicy::toJson() const
{
    return QJsonObject{
        {QLatin1String(kMaxAttempts), maxAttempts},
        {QLatin1String(kBackoffSeconds), backoffSeconds},
        {QLatin1String(kBackoffFactor), backoffFactor},
        {QLatin1String(kMaxBackoffSeconds), maxBackoffSeconds},
        {QLatin1String(kEscalateTo), QJsonArray::fromStringList(escalateTo)},
    };
}

RetryPolicy RetryPolicy::fromCanonicalJson(const QJsonObject &object)
{
    RetryPolicy policy;
    policy.maxAttempts = std::max(1, object.value(QLatin1String(kMaxAttempts)).toInt(policy.maxAttempts));
    policy.backoffSeconds = object.value(QLatin1String(kBackoffSeconds)).toDouble(policy.backoffSeconds);
    policy.backoffFactor = object.value(QLatin1String(kBackoffFactor)).toDouble(policy.backoffFactor);
    policy.maxBackoffSeconds = object.value(QLatin1String(kMaxBackoffSeconds)).toDouble(policy.maxBackoffSeconds);
    const QJsonArray tools = object.value(QLatin1String(kEscalateTo)).toArray();
    for (const QJsonValue &tool : tools)
        policy.escalateTo.append(tool.toString());
    return policy;
}

Result<RetryPolicy> RetryPolicy::parse(const QJsonValue &value, const QString &where)
{
    if (value.isUndefined())
        return RetryPolicy{};
    if (value.isString())
        return parseShorthand(value.toString(), where);
    if (value.isObject())
        return parseObject(value.toObject(), where);
    return schemaError(where,
                       Text::tr("\"none\", \"retry\", \"escalate_to_<tool>\" or an object with max_attempts, "
                                "backoff_seconds, backoff_factor, max_backoff_seconds, escalate_to"),
                       value);
}

} // namespace Orchestrator
