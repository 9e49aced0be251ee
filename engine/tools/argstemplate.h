#pragma once

// The template language of tool profiles (documented in
// resources/tools/README.md): strings with {placeholders}, "{name...}" to
// spread a list into several arguments, and {"if"/"if_set": name, "then": [...],
// "else": [...]} to choose arguments by the job's fields.

#include <optional>

#include <QJsonArray>
#include <QJsonValue>
#include <QList>
#include <QString>
#include <QStringList>

namespace Orchestrator {

struct JobSpec;

namespace ArgsTemplate {

// A mistake in a template, found when its profile is loaded.
struct Problem
{
    QString pointer;  // JSON pointer into the profiles file
    QString reason;
};

QList<Problem> checkArgs(const QJsonArray &args, const QString &pointer);
QList<Problem> checkProgram(const QString &program, const QString &pointer);

// Why a template could not be filled in for one job.
struct Failure
{
    enum class Kind { Missing, WrongType };
    Kind kind = Kind::Missing;
    QString field;     // JSON pointer into the job, e.g. "/config/model"
    QJsonValue value;  // WrongType: what the job has there
};

struct Expansion
{
    QStringList values;
    std::optional<Failure> failure;
    bool ok() const { return !failure.has_value(); }
};

// What a template may ask about where the tool runs, beyond the job's fields.
struct Context
{
    bool inGitRepo = false;  // {"if": "in_git_repo"}: the tool runs inside a git work tree
};

Expansion expandArgs(const QJsonArray &args, const JobSpec &spec, const Context &context = {});
// The program is one string; `values` holds exactly one entry on success.
Expansion expandProgram(const QString &program, const JobSpec &spec);

// The names a placeholder or condition may use, for messages and documentation.
QStringList knownNames();

} // namespace ArgsTemplate
} // namespace Orchestrator
