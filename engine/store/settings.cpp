#include "jobstore.h"

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

} // namespace Orchestrator
