#include "jobstore.h"

#include <QJsonDocument>
#include <QJsonObject>

#include "store/rows.h"

// Database-wide settings (key, value), shared by every engine on it.

namespace Orchestrator {

using namespace Rows;

Result<QString> JobStore::setting(const QString &key)
{
    QSqlQuery &q = prepared("SELECT value FROM settings WHERE key = ?");
    q.bindValue(0, key);
    auto value = stringColumn(q, "value", "read setting");
    if (!value)
        return value.error();
    return value->value(0);
}

Status JobStore::setSetting(const QString &key, const QString &value)
{
    QSqlQuery &q = prepared("INSERT INTO settings(key, value) VALUES(?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value");
    q.bindValue(0, key);
    q.bindValue(1, value);
    return execPrepared(q, "write setting");
}

Result<qint64> JobStore::logCapBytes()
{
    auto value = setting(QString::fromLatin1(kLogCapSetting));
    if (!value)
        return value.error();
    bool ok = false;
    const qint64 cap = value->toLongLong(&ok);
    return ok && cap >= 0 ? cap : kDefaultLogCapBytes;
}

Result<QHash<QString, int>> JobStore::toolLimits()
{
    auto value = setting(QString::fromLatin1(kToolLimitsSetting));
    if (!value)
        return value.error();
    QHash<QString, int> limits;
    if (value->isEmpty())
        return limits;
    QJsonParseError parseError{};
    const QJsonDocument document = QJsonDocument::fromJson(value->toUtf8(), &parseError);
    if (!document.isObject())
        return Error::make(ErrorCode::Validation, QStringLiteral("setting %1: not a JSON object of tool names and numbers: %2")
                                                      .arg(QLatin1String(kToolLimitsSetting), *value));
    const QJsonObject object = document.object();
    for (auto it = object.begin(); it != object.end(); ++it) {
        const int limit = it.value().toInt(-1);
        if (limit < 0)
            return Error::make(ErrorCode::Validation, QStringLiteral("setting %1: %2: expected a number of attempts (0: no cap)")
                                                          .arg(QLatin1String(kToolLimitsSetting), it.key()));
        limits.insert(it.key(), limit);
    }
    return limits;
}

Status JobStore::setToolLimits(const QHash<QString, int> &limits)
{
    QJsonObject object;
    for (auto it = limits.cbegin(); it != limits.cend(); ++it)
        object.insert(it.key(), it.value());
    return setSetting(QString::fromLatin1(kToolLimitsSetting),
                      QString::fromUtf8(QJsonDocument(object).toJson(QJsonDocument::Compact)));
}

Result<qint64> JobStore::rateLimitMaxWaitMs()
{
    auto value = setting(QString::fromLatin1(kRateLimitWaitSetting));
    if (!value)
        return value.error();
    bool ok = false;
    const double hours = value->toDouble(&ok);
    return qint64((ok && hours >= 0 ? hours : double(kDefaultRateLimitMaxWaitHours)) * 3600 * 1000);
}

} // namespace Orchestrator
