#include "jobstore.h"

#include <algorithm>

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
    } else {
        unpark(*slot);
    }
    return *slot;
}

bool JobStore::isParked(const QSqlQuery &query) const
{
    return std::any_of(m_parked.cbegin(), m_parked.cend(), [&](const auto &parked) { return parked.first == &query; });
}

void JobStore::unpark(QSqlQuery &query)
{
    for (auto it = m_parked.begin(); it != m_parked.end(); ++it) {
        if (it->first == &query) {
            query.swap(it->second);   // the prepared statement again; the text query's result goes
            m_parked.erase(it);
            return;
        }
    }
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
    if (isParked(query)) {
        // Run again without prepared() (a loop binding new values): the
        // values went to the text query's object; give them to the statement.
        const QVariantList values = query.boundValues();
        unpark(query);
        for (int i = 0; i < values.size(); ++i)
            query.bindValue(i, values.at(i));
    }
    if (!m_deferred.isEmpty() && readsDeferredTables(query.lastQuery())) {
        if (Status s = flushDeferred(); !s)
            return s;
    }
    if (!m_pendingBegin.isEmpty())
        return execWithBegin(query, what);
    if (!query.exec())
        return failure(query.lastError(), what);
    return {};
}

Error JobStore::failure(const QSqlError &error, const char *what) const
{
    const QString file = databaseFile(m_db);
    return Error::make(sqlErrorCode(error), file + QStringLiteral(": ") + QString::fromLatin1(what) + QStringLiteral(": ")
                                                + describeSqlError(error, file));
}

Status JobStore::execWithBegin(QSqlQuery &query, const char *what)
{
    // One simple query: BEGIN, the lock, then the statement; the statement's
    // result (the third) is what the caller reads, from the same object.
    const QString sql = std::exchange(m_pendingBegin, {}) + QStringLiteral(";\n") + inlineValues(query, *m_db.driver());
    QSqlQuery text(m_db);
    if (!text.exec(sql))
        return failure(text.lastError(), what);
    // QPSQL keeps every result set and shows the first (BEGIN's): move on
    // past BEGIN and the lock to the statement's.
    for (int skip = 0; skip < 2; ++skip) {
        if (!text.nextResult())
            return Error::make(ErrorCode::Database, databaseFile(m_db) + QStringLiteral(": ") + QString::fromLatin1(what)
                                                        + QStringLiteral(": the server sent no result"));
    }
    query.swap(text);
    m_parked.emplace_back(&query, std::move(text));
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
    m_cancelPending = false;
    m_deferred.clear();
    m_pendingBegin.clear();
    if (m_dialect == SqlDialect::Sqlite) {
        QSqlQuery &q = prepared("BEGIN IMMEDIATE");
        Status s = execPrepared(q, "begin transaction");
        m_inTransaction = bool(s);
        return s;
    }
    // PostgreSQL prepares no transaction control: BEGIN and the lock wait
    // for the first statement and go with it, as one simple query.
    m_pendingBegin = QStringLiteral("BEGIN; SELECT %1(%2)")
                         .arg(lock == WriteLock::Shared ? QLatin1String("pg_advisory_xact_lock_shared")
                                                        : QLatin1String("pg_advisory_xact_lock"))
                         .arg(Dialect::kWriteLockKey);
    m_inTransaction = true;
    return {};
}

Status JobStore::holdWriteLock()
{
    if (m_pendingBegin.isEmpty())
        return {};
    const QString sql = std::exchange(m_pendingBegin, {});
    return execDirect(sql, "begin transaction");
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
    if (std::exchange(m_cancelPending, false))
        statements.append(QStringLiteral("NOTIFY ") + QLatin1String(kCancelChannel));
    if (!m_pendingBegin.isEmpty() && statements.isEmpty()) {
        m_pendingBegin.clear();   // nothing was sent, nothing to end
        return {};
    }
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
    if (!q.exec(m_pendingBegin.isEmpty() ? sql : std::exchange(m_pendingBegin, {}) + QStringLiteral(";\n") + sql))
        return failure(q.lastError(), what);
    return {};
}

void JobStore::rollback()
{
    m_notifyPending = false;
    m_queuedPending = false;
    m_cancelPending = false;
    m_inTransaction = false;
    m_deferred.clear();
    if (!std::exchange(m_pendingBegin, {}).isEmpty())
        return;   // BEGIN was never sent
    QSqlQuery q(m_db);
    q.exec(QStringLiteral("ROLLBACK"));
}

void JobStore::forgetPrepared()
{
    m_parked.clear();
    m_pendingBegin.clear();
    m_queries.clear();
    m_notifyPending = false;
    m_queuedPending = false;
    m_cancelPending = false;
    m_inTransaction = false;
    m_deferred.clear();
}

void JobStore::rebind(QSqlDatabase db)
{
    forgetPrepared();
    m_db = std::move(db);
}

} // namespace Orchestrator
