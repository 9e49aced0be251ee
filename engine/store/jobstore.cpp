#include "jobstore.h"

#include <QDateTime>
#include <QSqlError>

#include "store/database.h"
#include "store/rows.h"

// The connection: prepared statements, errors as values, transactions.
// What the tables hold is read and written in the per-concern files.

namespace Orchestrator {

JobStore::JobStore(QSqlDatabase db)
    : m_db(std::move(db))
    , m_dialect(Dialect::of(m_db))
{
}

qint64 JobStore::now() { return QDateTime::currentMSecsSinceEpoch(); }

QSqlQuery &JobStore::prepared(const QString &sql)
{
    std::shared_ptr<QSqlQuery> &slot = m_queries[sql];
    if (!slot) {
        slot = std::make_shared<QSqlQuery>(m_db);
        slot->setForwardOnly(true);
        slot->prepare(Dialect::translate(m_dialect, sql));
    }
    return *slot;
}

Status JobStore::execPrepared(QSqlQuery &query, const char *what)
{
    if (!query.exec()) {
        const QString file = databaseFile(m_db);
        const QString why = describeSqlError(query.lastError(), file);
        return Error::make(sqlErrorCode(query.lastError()),
                           file + QStringLiteral(": ") + QString::fromLatin1(what) + QStringLiteral(": ") + why);
    }
    return {};
}

Result<QStringList> JobStore::stringColumn(QSqlQuery &query, const char *column, const char *what)
{
    if (Status s = execPrepared(query, what); !s)
        return s.error();
    return Rows::readRows<QString>(query, [column](const Rows::Row &row) { return row.text(column); });
}

Result<QList<JobRecord>> JobStore::readJobs(QSqlQuery &query, const char *what)
{
    if (Status s = execPrepared(query, what); !s)
        return s.error();
    return Rows::readRows<JobRecord>(query, Rows::readJob);
}

Status JobStore::begin()
{
    m_notifyPending = false;
    if (m_dialect == SqlDialect::Sqlite) {
        QSqlQuery &q = prepared("BEGIN IMMEDIATE");
        return execPrepared(q, "begin transaction");
    }
    // PostgreSQL prepares no transaction control: these run as they are.
    if (Status s = execDirect(QStringLiteral("BEGIN"), "begin transaction"); !s)
        return s;
    QSqlQuery &lock = prepared("SELECT pg_advisory_xact_lock(?)");
    lock.bindValue(0, Dialect::kWriteLockKey);
    if (Status s = execPrepared(lock, "take the write lock"); !s) {
        rollback();
        return s;
    }
    lock.finish();
    return {};
}

Status JobStore::commit()
{
    if (m_dialect == SqlDialect::Sqlite) {
        QSqlQuery &q = prepared("COMMIT");
        return execPrepared(q, "commit");
    }
    if (std::exchange(m_notifyPending, false)) {
        // Delivered to listeners only if the transaction commits.
        if (Status s = execDirect(QStringLiteral("NOTIFY ") + QLatin1String(kNotifyChannel), "notify listeners"); !s)
            return s;
    }
    return execDirect(QStringLiteral("COMMIT"), "commit");
}

Status JobStore::execDirect(const QString &sql, const char *what)
{
    QSqlQuery q(m_db);
    if (!q.exec(sql)) {
        const QString file = databaseFile(m_db);
        return Error::make(sqlErrorCode(q.lastError()), file + QStringLiteral(": ") + QString::fromLatin1(what) + QStringLiteral(": ")
                                                            + describeSqlError(q.lastError(), file));
    }
    return {};
}

void JobStore::rollback()
{
    m_notifyPending = false;
    QSqlQuery q(m_db);
    q.exec(QStringLiteral("ROLLBACK"));
}

void JobStore::forgetPrepared()
{
    m_queries.clear();
    m_notifyPending = false;
}

void JobStore::rebind(QSqlDatabase db)
{
    forgetPrepared();
    m_db = std::move(db);
}

} // namespace Orchestrator
