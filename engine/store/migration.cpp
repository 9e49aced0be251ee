#include "migration.h"

#include <QFileInfo>
#include <QSqlDatabase>
#include <QSqlDriver>
#include <QSqlQuery>
#include <QSqlRecord>
#include <QUuid>

#include "store/database.h"
#include "store/dialect.h"

namespace Orchestrator::Migration {

namespace {

constexpr int kApplicationId = 0x4f524348; // "ORCH", as Database writes it

struct Table
{
    const char *name;
    const char *serial;   // the column a sequence numbers, or nullptr
    const char *order;    // copy order, so references resolve and ids stay in order
};

// In foreign-key order. `engines` is left out on purpose: it lists the
// engines alive on the source, which are not alive on the target.
constexpr Table kTables[] = {
    {"runs", nullptr, "run_id"},
    {"workstreams", nullptr, "run_id, workstream_id"},
    {"jobs", "seq", "seq"},
    {"job_deps", nullptr, "job_id, depends_on"},
    {"step_attempts", "id", "id"},
    {"events", "id", "id"},
    {"errors", "id", "id"},
    {"log_chunks", "id", "id"},
    {"settings", nullptr, "key"},
};

QString errorText(const QSqlQuery &query)
{
    const QString text = query.lastError().databaseText();
    return text.isEmpty() ? query.lastError().text() : text;
}

// A read-only connection to the source file, removed with the object.
class Source final
{
public:
    Source()
        : m_name(QStringLiteral("migrate-source-") + QUuid::createUuid().toString(QUuid::WithoutBraces))
    {
    }
    ~Source()
    {
        if (QSqlDatabase::contains(m_name)) {
            QSqlDatabase::database(m_name, false).close();
            QSqlDatabase::removeDatabase(m_name);
        }
    }
    Q_DISABLE_COPY_MOVE(Source)

    Status open(const QString &path)
    {
        if (!QFileInfo(path).isFile())
            return Error::make(ErrorCode::NotFound, path + QStringLiteral(": no such database file"));
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), m_name);
        db.setDatabaseName(path);
        db.setConnectOptions(QStringLiteral("QSQLITE_OPEN_READONLY;QSQLITE_BUSY_TIMEOUT=%1").arg(busyTimeoutMs()));
        if (!db.open())
            return Error::make(ErrorCode::Database, path + QStringLiteral(": cannot open: ") + describeSqlError(db.lastError(), path));
        auto pragma = [&](const char *name) -> Result<int> {
            QSqlQuery query(db);
            if (!query.exec(QStringLiteral("PRAGMA ") + QLatin1String(name)) || !query.next())
                return Error::make(ErrorCode::Database, path + QStringLiteral(": not a readable SQLite database: ")
                                                            + describeSqlError(query.lastError(), path));
            return query.value(0).toInt();
        };
        auto appId = pragma("application_id");
        if (!appId)
            return appId.error();
        auto version = pragma("user_version");
        if (!version)
            return version.error();
        if (*appId != kApplicationId || *version == 0)
            return Error::make(ErrorCode::Database, path + QStringLiteral(": not an Orchestrator database"));
        if (*version > Database::schemaVersion())
            return Error::make(ErrorCode::Database, path + QStringLiteral(": schema version %1 is newer than this program "
                                                                          "understands (%2); upgrade Orchestrator")
                                                            .arg(*version)
                                                            .arg(Database::schemaVersion()));
        // One read transaction: a consistent snapshot even while an engine
        // is still writing to the file.
        QSqlQuery begin(db);
        if (!begin.exec(QStringLiteral("BEGIN")))
            return Error::make(ErrorCode::Database, path + QStringLiteral(": cannot begin reading: ") + errorText(begin));
        m_db = db;
        return {};
    }

    QSqlDatabase db() const { return m_db; }

private:
    QString m_name;
    QSqlDatabase m_db;
};

QStringList columnsOf(const QSqlDatabase &db, const QString &table)
{
    QStringList names;
    const QSqlRecord record = db.record(table);
    for (int i = 0; i < record.count(); ++i)
        names.append(record.fieldName(i).toLower());
    return names;
}

Result<qint64> countRows(QSqlDatabase db, const QString &table, const QString &where)
{
    QSqlQuery query(db);
    if (!query.exec(QStringLiteral("SELECT count(*) FROM ") + table) || !query.next())
        return Error::make(ErrorCode::Database, where + QStringLiteral(": cannot count %1: %2").arg(table, errorText(query)));
    return query.value(0).toLongLong();
}

// Copies the columns both sides have; returns the rows copied.
Result<qint64> copyTable(const Table &table, QSqlDatabase from, const QString &sqliteFile, QSqlDatabase to, const QString &postgresUrl)
{
    const QString name = QLatin1String(table.name);
    if (!from.tables().contains(name))
        return qint64(0);    // an older source without this table
    const QStringList targetColumns = columnsOf(to, name);
    if (targetColumns.isEmpty())
        return Error::make(ErrorCode::Database, postgresUrl + QStringLiteral(": table %1 is missing").arg(name));
    QStringList columns;
    const QStringList sourceColumns = columnsOf(from, name);
    for (const QString &column : sourceColumns) {
        if (targetColumns.contains(column))
            columns.append(column);
    }

    QSqlQuery read(from);
    read.setForwardOnly(true);
    if (!read.exec(QStringLiteral("SELECT %1 FROM %2 ORDER BY %3").arg(columns.join(QStringLiteral(", ")), name,
                                                                       QLatin1String(table.order))))
        return Error::make(ErrorCode::Database, sqliteFile + QStringLiteral(": cannot read %1: %2").arg(name, errorText(read)));
    QStringList placeholders;
    for (qsizetype i = 0; i < columns.size(); ++i)
        placeholders.append(QStringLiteral("?"));
    QSqlQuery write(to);
    if (!write.prepare(QStringLiteral("INSERT INTO %1 (%2) VALUES (%3)")
                           .arg(name, columns.join(QStringLiteral(", ")), placeholders.join(QStringLiteral(", ")))))
        return Error::make(ErrorCode::Database, postgresUrl + QStringLiteral(": cannot prepare copying %1: %2").arg(name, errorText(write)));
    qint64 rows = 0;
    while (read.next()) {
        for (int i = 0; i < columns.size(); ++i)
            write.bindValue(i, read.value(i));
        if (!write.exec()) {
            return Error::make(ErrorCode::Database, postgresUrl + QStringLiteral(": cannot copy row %1 of %2 from %3: %4")
                                                          .arg(rows + 1)
                                                          .arg(name, sqliteFile, errorText(write)));
        }
        ++rows;
    }
    if (read.lastError().isValid())
        return Error::make(ErrorCode::Database, sqliteFile + QStringLiteral(": cannot read %1: %2").arg(name, errorText(read)));

    // Rows came with their ids: the sequence continues after the largest, so
    // the next job or event gets a new one.
    if (table.serial && to.driverName() == QLatin1String("QPSQL")) {
        QSqlQuery sequence(to);
        const QString serial = QLatin1String(table.serial);
        if (!sequence.exec(QStringLiteral("SELECT setval(pg_get_serial_sequence('%1', '%2'), COALESCE(MAX(%2), 1), MAX(%2) IS NOT NULL) FROM %1")
                               .arg(name, serial)))
            return Error::make(ErrorCode::Database, postgresUrl + QStringLiteral(": cannot advance the sequence of %1.%2: %3")
                                                          .arg(name, serial, errorText(sequence)));
    }
    return rows;
}

} // namespace

Result<QList<std::pair<QString, qint64>>> copySqliteToPostgres(const QString &sqliteFile, const QString &postgresUrl)
{
    Source source;
    if (Status s = source.open(sqliteFile); !s)
        return s.error();

    // Creates the schema on a fresh database, or brings it up to date.
    auto target = Database::open(postgresUrl);
    if (!target)
        return target.error();
    QSqlDatabase to = target->connection();

    // Copying into a database that already has history would mix two
    // histories (and clash on job ids): refused, so nothing is overwritten.
    for (const char *table : {"runs", "jobs", "events"}) {
        auto rows = countRows(to, QLatin1String(table), postgresUrl);
        if (!rows)
            return rows.error();
        if (*rows > 0)
            return Error::make(ErrorCode::Conflict,
                                            QStringLiteral("%1: already holds %2 row(s) in %3; migrate copies into an empty "
                                                           "database only, so nothing there is overwritten or mixed. Create a new "
                                                           "database (e.g. createdb) and name it with --to.")
                                                .arg(postgresUrl)
                                                .arg(*rows)
                                                .arg(QLatin1String(table)));
    }

    if (!to.transaction())
        return Error::make(ErrorCode::Database, postgresUrl + QStringLiteral(": cannot begin a transaction: ")
                                                                   + to.lastError().text());
    QList<std::pair<QString, qint64>> copied;
    for (const Table &table : kTables) {
        auto rows = copyTable(table, source.db(), sqliteFile, to, postgresUrl);
        if (!rows) {
            to.rollback();
            return Error::make(rows.error().code, rows.error().message
                                                                   + QStringLiteral("\nnothing was copied: %1 is as it was").arg(postgresUrl));
        }
        copied.append({QLatin1String(table.name), *rows});
    }
    if (to.driverName() == QLatin1String("QPSQL")) {
        // Dashboards already open on the target show the history at once.
        QSqlQuery notify(to);
        notify.exec(QStringLiteral("NOTIFY orchestrator_jobs"));
    }
    if (!to.commit()) {
        const QString why = to.lastError().text();
        to.rollback();
        return Error::make(ErrorCode::Database, postgresUrl + QStringLiteral(": cannot commit the copy: ") + why
                                                                   + QStringLiteral("\nnothing was copied"));
    }

    return copied;
}

} // namespace Orchestrator::Migration
