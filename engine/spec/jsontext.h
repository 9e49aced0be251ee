#pragma once

// Small helpers for messages about JSON documents: JSON pointers, compact
// renderings of values, "did you mean" suggestions and reading a file that
// must hold one JSON object. Shared by the job spec and the tool profiles so
// that both speak about their files the same way.

#include <QByteArray>
#include <QJsonObject>
#include <QJsonValue>
#include <QString>
#include <QStringList>

#include "core/result.h"

namespace Orchestrator::JsonText {

// "/" for the root, otherwise "/a/b/2" with "~" and "/" escaped as RFC 6901 says.
QString pointer(const QStringList &tokens);
QString childPointer(const QString &parent, const QString &token);

// The value as compact JSON ("ten" quoted, objects as {"a":1}), cut to about
// `maxLength` characters with "..." so that one message stays on one line.
QString compact(const QJsonValue &value, int maxLength = 60);

// A JSON string literal for `text`, e.g. "aidr" with the quotes.
QString quoted(const QString &text);

// "an array", "a string", "a number", "true", "null", ...
QString kindOf(const QJsonValue &value);

// "a, b, c"
QString joinNames(const QStringList &names);

// The candidate closest to `name` when it is plausibly a typo of it, else empty.
QString closestName(const QString &name, const QStringList &candidates);

// "<source>: <pointer>: <reason>"
QString line(const QString &source, const QString &pointer, const QString &reason);

// 1-based line and column (in characters) of byte `offset` of UTF-8 `data`.
struct Position
{
    int line = 1;
    int column = 1;
};
Position positionOf(const QByteArray &data, qsizetype offset);

// Reads `path`, which must hold one JSON object (a UTF-8 byte order mark is
// skipped). Errors name the file: Io for "cannot read" or a file too large to
// be a job or profile (over 16 MiB), Parse for an empty file, invalid JSON
// (with line and column), a key given twice in one object, or a top-level
// value that is not an object.
Result<QJsonObject> readObjectFile(const QString &path);

// The same checks on bytes already in memory; `source` names them in messages.
Result<QJsonObject> parseObject(QByteArray data, const QString &source);

// The first key that occurs twice in one object of `data`, which must be
// valid JSON (QJsonDocument would silently keep only one of the values). A
// message "<source>: <pointer>: duplicate key ..." with line and column, or
// empty when every key is unique. Iterative: any nesting depth is safe.
QString duplicateKey(const QByteArray &data, const QString &source);

} // namespace Orchestrator::JsonText
