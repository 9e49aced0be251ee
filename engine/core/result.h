#pragma once

#include <optional>
#include <utility>

#include <QString>
#include <QStringList>

namespace Orchestrator {

// Closed set of error kinds; the CLI maps them to documented exit codes.
enum class ErrorCode {
    None,
    Usage,          // bad command-line use
    Io,             // a file could not be read or written
    Parse,          // not JSON / not a JSON object
    Schema,         // JSON does not satisfy the job schema
    Validation,     // semantic check failed (unknown tool, duplicate id, cycle, ...)
    NotFound,       // no such job / run
    Conflict,       // state does not allow the operation (e.g. job is running)
    Database,       // SQLite / SQL failure
    DatabaseDamaged, // the database file is corrupt: retrying cannot help
    DatabaseContention, // PostgreSQL gave up a transaction (deadlock, serialization failure): run it again
};

// The database failed (rather than the request): what a caller passes on.
inline bool isDatabaseError(ErrorCode code)
{
    return code == ErrorCode::Database || code == ErrorCode::DatabaseDamaged || code == ErrorCode::DatabaseContention;
}

// An error is a value: a code plus a human message that already names the
// file, the field (JSON path) and the reason, ready to print on one line.
struct Error
{
    ErrorCode code = ErrorCode::None;
    QString message;

    static Error make(ErrorCode code, const QString &message) { return Error{code, message}; }
};

// Either a value or an error. Used by parsing, validation and store calls.
template<typename T>
class [[nodiscard]] Result
{
public:
    Result(T value) : m_value(std::move(value)) {}
    Result(Error error) : m_error(std::move(error)) {}

    bool ok() const { return m_value.has_value(); }
    explicit operator bool() const { return ok(); }

    const T &value() const & { return *m_value; }
    T &value() & { return *m_value; }
    T &&value() && { return std::move(*m_value); }
    const T *operator->() const { return &*m_value; }
    T *operator->() { return &*m_value; }
    const T &operator*() const { return *m_value; }

    const Error &error() const { return m_error; }

private:
    std::optional<T> m_value;
    Error m_error;
};

// For calls that return nothing but may fail.
template<>
class [[nodiscard]] Result<void>
{
public:
    Result() = default;
    Result(Error error) : m_error(std::move(error)), m_failed(true) {}

    bool ok() const { return !m_failed; }
    explicit operator bool() const { return ok(); }
    const Error &error() const { return m_error; }

private:
    Error m_error;
    bool m_failed = false;
};

using Status = Result<void>;

} // namespace Orchestrator
