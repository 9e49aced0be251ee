#include "jobstore.h"

#include <QDateTime>
#include <QRegularExpression>
#include <QSqlDriver>
#include <QSqlError>
#include <QSqlField>

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

namespace {

// The tables execWrite() defers writes to: a statement naming one of them
// sends the deferred writes first, so it reads what this transaction wrote.
bool readsDeferredTables(const QString &sql)
{
    static const QRegularExpression tables(QStringLiteral("\\b(events|errors|log_chunks|step_attempts)\\b"));
    return tables.match(sql).hasMatch();
}

// `query`'s statement with its bound values written in as the driver
// quotes them (as QPSQL itself does for EXECUTE): '?' outside quotes is a
// placeholder.
QString inlineValues(const QSqlQuery &query, const QSqlDriver &driver)
{
    const QString sql = query.lastQuery();
    QString out;
    out.reserve(sql.size() + 64);
    bool quoted = false;
    int next = 0;
    for (const QChar c : sql) {
        if (c == QLatin1Char('\''))
            quoted = !quoted;
        if (c != QLatin1Char('?') || quoted) {
            out.append(c);
            continue;
        }
        const QVariant value = query.boundValue(next++);
        QSqlField field(QString(), value.metaType());
        field.setValue(value);
        out.append(driver.formatValue(field));
    }
    return out;
}

} // namespace

Status JobStore::execWrite(QSqlQuery &query, const char *what)
{
    if (m_dialect != SqlDialect::Postgres || !m_inTransaction)
        return execPrepared(query, what);
    m_deferred.append(inlineValues(query, *m_db.driver()));
    return {};
}

Status JobStore::flushDeferred()
{
    if (m_deferred.isEmpty())
        return {};
    const QString sql = std::exchange(m_deferred, {}).join(QStringLiteral(";\n"));
    return execDirect(sql, "write the transaction's rows");
}

Status JobStore::execPrepared(QSqlQuery &query, const char *what)
{
    if (!m_deferred.isEmpty() && readsDeferredTables(query.lastQuery())) {
        if (Status s = flushDeferred(); !s)
            return s;
    }
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

Status JobStore::begin(WriteLock lock)
{
    m_notifyPending = false;
    m_queuedPending = false;
    m_deferred.clear();
    if (m_dialect == SqlDialect::Sqlite) {
        QSqlQuery &q = prepared("BEGIN IMMEDIATE");
        Status s = execPrepared(q, "begin transaction");
        m_inTransaction = bool(s);
        return s;
    }
    // PostgreSQL prepares no transaction control: one simple query, one round trip.
    const QString sql = QStringLiteral("BEGIN; SELECT %1(%2)")
                            .arg(lock == WriteLock::Shared ? QLatin1String("pg_advisory_xact_lock_shared")
                                                           : QLatin1String("pg_advisory_xact_lock"))
                            .arg(Dialect::kWriteLockKey);
    if (Status s = execDirect(sql, "begin transaction"); !s) {
        rollback();
        return s;
    }
    m_inTransaction = true;
    return {};
}

Status JobStore::commit()
{
    m_inTransaction = false;
    if (m_dialect == SqlDialect::Sqlite) {
        QSqlQuery &q = prepared("COMMIT");
        return execPrepared(q, "commit");
    }
    // The deferred writes, the notifications (delivered to listeners only if
    // the transaction commits) and COMMIT: one round trip.
    QStringList statements = std::exchange(m_deferred, {});
    if (std::exchange(m_notifyPending, false))
        statements.append(QStringLiteral("NOTIFY ") + QLatin1String(kNotifyChannel));
    if (std::exchange(m_queuedPending, false))
        statements.append(QStringLiteral("NOTIFY ") + QLatin1String(kQueuedChannel));
    statements.append(QStringLiteral("COMMIT"));
    return execDirect(statements.join(QStringLiteral(";\n")), "commit");
}

Status JobStore::lockName(const QString &name)
{
    if (m_dialect != SqlDialect::Postgres)
        return {};
    QSqlQuery &q = prepared("SELECT pg_advisory_xact_lock(hashtext(?))");
    q.bindValue(0, name);
    Status s = execPrepared(q, "take a claim lock");
    q.finish();
    return s;
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
    m_queuedPending = false;
    m_inTransaction = false;
    m_deferred.clear();
    QSqlQuery q(m_db);
    q.exec(QStringLiteral("ROLLBACK"));
}

void JobStore::forgetPrepared()
{
    m_queries.clear();
    m_notifyPending = false;
    m_queuedPending = false;
    m_inTransaction = false;
    m_deferred.clear();
}

void JobStore::rebind(QSqlDatabase db)
{
    forgetPrepared();
    m_db = std::move(db);
}

} // namespace Orchestrator
