#pragma once

#include <optional>
#include <unordered_map>

#include <QSqlQuery>
#include <QSqlRecord>
#include <QString>
#include <QVariant>

#include "core/records.h"

// How the store's rows become records and records become bound values.
// Private to store/: the one place that knows column names and the text
// the enums are stored as.
namespace Orchestrator::Rows {

// The current row of a query, read by column name. The column's index is
// looked up once per statement (the first row), not once per row.
class Row final
{
public:
    explicit Row(const QSqlQuery &query)
        : m_query(query)
        , m_record(query.record())
    {
    }

    QVariant value(const char *column) const;
    QString text(const char *column) const { return value(column).toString(); }
    qint64 number(const char *column) const { return value(column).toLongLong(); }
    int integer(const char *column) const { return value(column).toInt(); }
    template<typename T>
    std::optional<T> optional(const char *column) const
    {
        const QVariant v = value(column);
        return v.isNull() ? std::nullopt : std::optional<T>(v.value<T>());
    }

private:
    const QSqlQuery &m_query;
    QSqlRecord m_record;
    mutable std::unordered_map<const char *, int> m_index;
};

// Every remaining row of an executed query, read with `read`.
template<typename T, typename Read>
QList<T> readRows(QSqlQuery &query, Read read)
{
    QList<T> out;
    const Row row(query);
    while (query.next())
        out.append(read(row));
    query.finish();
    return out;
}

// The columns of `jobs` a JobRecord is read from. WithoutSpec selects NULL
// in place of the job object (list views need not carry it).
enum class SpecColumn { With, Without };
QString jobColumns(SpecColumn spec = SpecColumn::With);
// "?,?,?": `count` placeholders for an IN list.
QString placeholders(qsizetype count);
JobRecord readJob(const Row &row);

QString attemptColumns();
AttemptRecord readAttempt(const Row &row);

QString eventColumns();
EventRecord readEvent(const Row &row);

QString engineColumns();
EngineRecord readEngine(const Row &row);

QString logChunkColumns();
LogChunk readLogChunk(const Row &row);

// A state as a quoted SQL literal, from toString(JobState): SQL that
// names a state is built from this, so renaming a state renames it there too.
QString sqlState(JobState state);
// Every final state as a parenthesised list of literals, for NOT IN.
QString sqlFinalStates();

// Bound values: NULL for an empty optional or empty text.
QVariant optionalValue(const std::optional<qint64> &value);
QVariant optionalValue(const std::optional<int> &value);
QVariant textOrNull(const QString &text);
QVariant outcomeOrNull(const std::optional<Outcome> &outcome);
QVariant stateOrNull(const std::optional<JobState> &state);

QByteArray toJson(const QStringList &list);
QByteArray toJson(const QMap<QString, QString> &map);

} // namespace Orchestrator::Rows
