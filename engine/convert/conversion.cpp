#include "conversion.h"

#include <algorithm>
#include <functional>
#include <map>
#include <set>

#include <QCoreApplication>
#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonParseError>
#include <QRegularExpression>
#include <QSaveFile>

#include "core/databasefiles.h"
#include "spec/jobspec.h"
#include "spec/jsontext.h"
#include "spec/retrypolicy.h"
#include "core/paths.h"
#include "tools/toolregistry.h"

namespace Orchestrator::Convert {

namespace {

struct Text
{
    Q_DECLARE_TR_FUNCTIONS(Orchestrator::Convert)
};

// Workstream files are a few kilobytes; a larger one was named by mistake.
constexpr qint64 kMaxFileSize = 16 * 1024 * 1024;
constexpr int kMaxIdLength = 200;

const QStringList &knownFields()
{
    static const QStringList fields{QStringLiteral("id"),         QStringLiteral("title"),
                                    QStringLiteral("tool"),       QStringLiteral("files_scope"),
                                    QStringLiteral("tasks"),      QStringLiteral("depends_on"),
                                    QStringLiteral("priority"),   QStringLiteral("config")};
    return fields;
}

bool isValidId(const QString &id)
{
    static const QRegularExpression pattern(QStringLiteral("^[A-Za-z0-9._-]+$"));
    return !id.isEmpty() && id.size() <= kMaxIdLength && pattern.match(id).hasMatch();
}

bool hasWildcard(const QString &text)
{
    return text.contains(QLatin1Char('*')) || text.contains(QLatin1Char('?')) || text.contains(QLatin1Char('['));
}

// Reads one optional list of strings; problems go to `problems`.
QStringList stringList(const QString &file, const QJsonObject &object, const QString &field, bool nonEmptyItems,
                       QStringList &problems)
{
    QStringList out;
    const QJsonValue value = object.value(field);
    const QString where = QLatin1Char('/') + field;
    if (!value.isArray()) {
        problems.append(JsonText::line(file, where, Text::tr("expected an array of strings, got %1").arg(JsonText::kindOf(value))));
        return out;
    }
    const QJsonArray array = value.toArray();
    for (qsizetype i = 0; i < array.size(); ++i) {
        const QString at = JsonText::childPointer(where, QString::number(i));
        if (!array.at(i).isString()) {
            problems.append(JsonText::line(file, at, Text::tr("expected a string, got %1").arg(JsonText::kindOf(array.at(i)))));
        } else if (nonEmptyItems && array.at(i).toString().trimmed().isEmpty()) {
            problems.append(JsonText::line(file, at, Text::tr("expected a non-empty string")));
        } else {
            out.append(array.at(i).toString());
        }
    }
    return out;
}

QString displayName(const QString &file)
{
    return QFileInfo(file).fileName();
}

// One pattern piece: literal text, or a placeholder.
struct PatternPart
{
    enum class Kind { Literal, Workstream, Number };
    Kind kind = Kind::Literal;
    QString text;
    int width = 3;
};

Result<QList<PatternPart>> parsePattern(const QString &pattern)
{
    static const QRegularExpression placeholder(QStringLiteral("\\{([^{}]*)\\}"));
    static const QRegularExpression number(QStringLiteral("^n(?::([1-9]))?$"));
    QList<PatternPart> parts;
    qsizetype at = 0;
    auto it = placeholder.globalMatch(pattern);
    while (it.hasNext()) {
        const QRegularExpressionMatch match = it.next();
        if (match.capturedStart() > at)
            parts.append({PatternPart::Kind::Literal, pattern.mid(at, match.capturedStart() - at), 0});
        const QString name = match.captured(1);
        if (name == QLatin1String("ws")) {
            parts.append({PatternPart::Kind::Workstream, {}, 0});
        } else if (const auto n = number.match(name); n.hasMatch()) {
            parts.append({PatternPart::Kind::Number, {}, n.captured(1).isEmpty() ? 3 : n.captured(1).toInt()});
        } else {
            return Error::make(ErrorCode::Usage, Text::tr("id pattern %1: unknown placeholder {%2} (known: {ws}, {n}, {n:WIDTH})")
                                                         .arg(JsonText::quoted(pattern), name));
        }
        at = match.capturedEnd();
    }
    if (at < pattern.size())
        parts.append({PatternPart::Kind::Literal, pattern.mid(at), 0});
    if (pattern.isEmpty())
        return Error::make(ErrorCode::Usage, Text::tr("id pattern: empty"));
    return parts;
}

QString expand(const QList<PatternPart> &parts, const QString &wsId, int n)
{
    QString out;
    for (const PatternPart &part : parts) {
        switch (part.kind) {
        case PatternPart::Kind::Literal:
            out += part.text;
            break;
        case PatternPart::Kind::Workstream:
            out += wsId;
            break;
        case PatternPart::Kind::Number:
            out += QStringLiteral("%1").arg(n, part.width, 10, QLatin1Char('0'));
            break;
        }
    }
    return out;
}

QJsonArray toArray(const QStringList &list)
{
    return QJsonArray::fromStringList(list);
}

// The workstreams of the usable sources, by id, with their dependency edges.
struct Graph
{
    QList<const Workstream *> nodes;
    QHash<QString, int> index;          // id -> node
    QList<QList<int>> deps;             // node -> nodes it depends on (resolved only)
};

// One cycle through the strongly connected component `component` (node
// indices), starting at its smallest id: ids in order, first repeated last.
QStringList cycleIn(const Graph &graph, const QList<int> &component)
{
    const std::set<int> members(component.cbegin(), component.cend());
    int start = component.first();
    for (int node : component) {
        if (graph.nodes.at(node)->id < graph.nodes.at(start)->id)
            start = node;
    }
    // Depth-first within the component, neighbours by id, until back at start.
    QList<int> path{start};
    std::set<int> seen{start};
    std::function<bool(int)> walk = [&](int node) -> bool {
        QList<int> next = graph.deps.at(node);
        std::sort(next.begin(), next.end(), [&](int a, int b) { return graph.nodes.at(a)->id < graph.nodes.at(b)->id; });
        for (int candidate : std::as_const(next)) {
            if (!members.count(candidate))
                continue;
            if (candidate == start) {
                path.append(start);
                return true;
            }
            if (seen.count(candidate))
                continue;
            seen.insert(candidate);
            path.append(candidate);
            if (walk(candidate))
                return true;
            path.removeLast();
        }
        return false;
    };
    walk(start);
    QStringList ids;
    for (int node : std::as_const(path))
        ids.append(graph.nodes.at(node)->id);
    return ids;
}

// Tarjan's strongly connected components among `nodes`; only those that hold a cycle.
QList<QList<int>> cyclicComponents(const Graph &graph, const QList<int> &nodes)
{
    const std::set<int> allowed(nodes.cbegin(), nodes.cend());
    QHash<int, int> order;
    QHash<int, int> low;
    QList<int> stack;
    std::set<int> onStack;
    QList<QList<int>> out;
    int counter = 0;
    std::function<void(int)> visit = [&](int node) {
        order[node] = low[node] = counter++;
        stack.append(node);
        onStack.insert(node);
        for (int next : graph.deps.at(node)) {
            if (!allowed.count(next))
                continue;
            if (!order.contains(next)) {
                visit(next);
                low[node] = std::min(low[node], low[next]);
            } else if (onStack.count(next)) {
                low[node] = std::min(low[node], order[next]);
            }
        }
        if (low[node] == order[node]) {
            QList<int> component;
            int member = -1;
            do {
                member = stack.takeLast();
                onStack.erase(member);
                component.append(member);
            } while (member != node);
            const bool selfLoop = graph.deps.at(node).contains(node);
            if (component.size() > 1 || selfLoop)
                out.append(component);
        }
    };
    for (int node : nodes) {
        if (!order.contains(node))
            visit(node);
    }
    return out;
}

QJsonObject jobObject(const Workstream &ws, const Options &options, const QString &jobId, const QString &instructions,
                      const QStringList &dependsOn, int taskNumber)
{
    QJsonObject job;
    job.insert(QStringLiteral("job_id"), jobId);
    job.insert(QStringLiteral("workstream_id"), ws.id);
    job.insert(QStringLiteral("tool"), ws.tool.isEmpty() ? options.defaultTool : ws.tool);
    job.insert(QStringLiteral("files"), toArray(ws.filesScope));
    job.insert(QStringLiteral("instructions"), instructions);
    if (!dependsOn.isEmpty())
        job.insert(QStringLiteral("depends_on"), toArray(dependsOn));
    const std::optional<Priority> priority = ws.priority ? ws.priority : options.priority;
    if (priority)
        job.insert(QStringLiteral("priority"), toString(*priority));

    QJsonObject metadata;
    if (options.timeoutSeconds > 0)
        metadata.insert(QStringLiteral("timeout_seconds"), options.timeoutSeconds);
    if (!options.retryShorthand.isEmpty())
        metadata.insert(QStringLiteral("retry_policy"), options.retryShorthand);
    else if (!options.retryPolicy.isEmpty())
        metadata.insert(QStringLiteral("retry_policy"), options.retryPolicy);
    if (!metadata.isEmpty())
        job.insert(QStringLiteral("metadata"), metadata);

    QJsonObject config;
    if (options.autoCommit)
        config.insert(QStringLiteral("auto_commit"), *options.autoCommit);
    if (!options.model.isEmpty())
        config.insert(QStringLiteral("model"), options.model);
    for (auto it = ws.config.constBegin(); it != ws.config.constEnd(); ++it)
        config.insert(it.key(), it.value());
    if (!config.isEmpty())
        job.insert(QStringLiteral("config"), config);

    // Annotations (ignored by the engine): where the job came from.
    if (!ws.title.isEmpty())
        job.insert(QStringLiteral("x-title"), ws.title);
    job.insert(QStringLiteral("x-source"), displayName(ws.file));
    if (taskNumber > 0)
        job.insert(QStringLiteral("x-task"), QStringLiteral("%1/%2").arg(taskNumber).arg(ws.tasks.size()));
    return job;
}

// The annotation that marks a job file as written by the conversion: a
// checksum of the rest of its content. A file whose checksum still matches was
// not edited since, so writing a new version of it loses nothing.
const QLatin1String kChecksumField("x-checksum");

QString checksumOf(QJsonObject object)
{
    object.remove(kChecksumField);
    const QByteArray canonical = QJsonDocument(object).toJson(QJsonDocument::Compact);
    return QString::fromLatin1(QCryptographicHash::hash(canonical, QCryptographicHash::Sha256).toHex().left(16));
}

QByteArray jobFileContent(QJsonObject object)
{
    object.insert(kChecksumField, checksumOf(object));
    return QJsonDocument(object).toJson(QJsonDocument::Indented);
}

// Written by the conversion and not edited since (whitespace aside).
bool isUneditedOutput(const QByteArray &content, const QString &path)
{
    const auto object = JsonText::parseObject(content, path);
    return object && object->value(kChecksumField).isString()
            && object->value(kChecksumField).toString() == checksumOf(*object);
}

// A JSON object with a string "job_id": what --force may replace.
bool isJobFile(const QByteArray &content, const QString &path)
{
    const auto object = JsonText::parseObject(content, path);
    return object && object->value(QLatin1String("job_id")).isString();
}

// Keeps `content` in <path>.bak (or .bak.2, .bak.3, ... when taken); returns its path.
Result<QString> writeBackup(const QString &path, const QByteArray &content)
{
    QString backup = path + QLatin1String(".bak");
    for (int n = 2; QFileInfo::exists(backup); ++n)
        backup = path + QStringLiteral(".bak.%1").arg(n);
    QSaveFile out(backup);
    if (!out.open(QIODevice::WriteOnly) || out.write(content) != content.size() || !out.commit())
        return Error::make(ErrorCode::Io, Text::tr("%1: cannot keep a copy of the edited file: %2").arg(backup, out.errorString()));
    return backup;
}

} // namespace

Result<QStringList> expandSources(const QStringList &inputs)
{
    QStringList files;
    QStringList problems;
    const auto add = [&files](const QString &file) {
        if (!files.contains(file))
            files.append(file);
    };
    for (const QString &input : inputs) {
        const QFileInfo info(input);
        if (info.isDir()) {
            const QStringList names = QDir(input).entryList({QStringLiteral("*.json")}, QDir::Files, QDir::Name);
            if (names.isEmpty())
                problems.append(Text::tr("%1: no *.json files in this folder").arg(input));
            for (const QString &name : names)
                add(QDir(input).filePath(name));
        } else if (info.exists()) {
            add(input);
        } else if (hasWildcard(info.fileName())) {
            if (hasWildcard(info.path())) {
                problems.append(Text::tr("%1: wildcards are only allowed in the file name").arg(input));
                continue;
            }
            const QDir dir(info.path());
            const QStringList names = dir.entryList({info.fileName()}, QDir::Files, QDir::Name);
            if (names.isEmpty())
                problems.append(Text::tr("%1: matches no file").arg(input));
            for (const QString &name : names)
                add(info.path() == QLatin1String(".") && !input.startsWith(QLatin1String("./")) ? name : dir.filePath(name));
        } else {
            problems.append(Text::tr("%1: no such file or folder").arg(input));
        }
    }
    if (!problems.isEmpty())
        return Error::make(ErrorCode::Io, problems.join(QLatin1Char('\n')));
    return files;
}

SourceFile readWorkstream(const QString &file)
{
    if (Status s = DatabaseFiles::refuseIfInUse(file); !s)
        return SourceFile{file, std::nullopt, s.error().message, false, {}};
    QFile in(file);
    if (!in.open(QIODevice::ReadOnly))
        return SourceFile{file, std::nullopt, JsonText::line(file, QStringLiteral("/"), Text::tr("cannot read: %1").arg(in.errorString())),
                          false, {}};
    if (in.size() > kMaxFileSize) {
        return SourceFile{file, std::nullopt,
                          JsonText::line(file, QStringLiteral("/"),
                                         Text::tr("not read: the file is larger than %1 MiB").arg(kMaxFileSize / (1024 * 1024))),
                          false, {}};
    }
    return parseWorkstream(file, in.readAll());
}

SourceFile parseWorkstream(const QString &file, const QByteArray &content)
{
    SourceFile source;
    source.file = file;
    // The job files' own reading rules (byte order mark, scalars, a key given
    // twice, which QJsonDocument would silently collapse to one).
    auto parsed = JsonText::parseObject(content, file);
    if (!parsed) {
        // Whole-file problems are about the document root: say so, so that
        // every message names file, field and reason.
        QString message = parsed.error().message;
        const QString prefix = file + QLatin1String(": ");
        if (message.startsWith(prefix) && !message.mid(prefix.size()).startsWith(QLatin1Char('/')))
            message.insert(prefix.size(), QLatin1String("/: "));
        source.error = message;
        return source;
    }
    const QJsonObject object = *parsed;
    QStringList problems;
    Workstream ws;
    ws.file = file;

    // id
    const QJsonValue id = object.value(QLatin1String("id"));
    if (id.isUndefined()) {
        problems.append(JsonText::line(file, QStringLiteral("/id"), Text::tr("missing")));
    } else if (!id.isString()) {
        problems.append(JsonText::line(file, QStringLiteral("/id"), Text::tr("expected a string, got %1").arg(JsonText::kindOf(id))));
    } else if (!isValidId(id.toString())) {
        problems.append(JsonText::line(file, QStringLiteral("/id"),
                                       Text::tr("%1 is not a valid id: expected 1 to %2 letters, digits, '.', '_' or '-'")
                                               .arg(JsonText::quoted(id.toString()))
                                               .arg(kMaxIdLength)));
    } else {
        ws.id = id.toString();
        source.id = ws.id;
    }

    // title, tool
    for (const auto &[field, target] : {std::pair{QStringLiteral("title"), &ws.title}, std::pair{QStringLiteral("tool"), &ws.tool}}) {
        const QJsonValue value = object.value(field);
        if (value.isUndefined() || value.isNull())
            continue;
        if (!value.isString())
            problems.append(JsonText::line(file, QLatin1Char('/') + field, Text::tr("expected a string, got %1").arg(JsonText::kindOf(value))));
        else
            *target = value.toString().trimmed();
    }
    if (object.contains(QLatin1String("tool")) && object.value(QLatin1String("tool")).isString() && ws.tool.isEmpty())
        problems.append(JsonText::line(file, QStringLiteral("/tool"), Text::tr("expected a tool name, got an empty string")));

    // tasks
    if (!object.contains(QLatin1String("tasks"))) {
        problems.append(JsonText::line(file, QStringLiteral("/tasks"), Text::tr("missing")));
    } else {
        ws.tasks = stringList(file, object, QStringLiteral("tasks"), true, problems);
        if (object.value(QLatin1String("tasks")).isArray() && object.value(QLatin1String("tasks")).toArray().isEmpty())
            problems.append(JsonText::line(file, QStringLiteral("/tasks"), Text::tr("expected at least one task, got an empty array")));
    }

    // files_scope, depends_on
    if (object.contains(QLatin1String("files_scope")) && !object.value(QLatin1String("files_scope")).isNull())
        ws.filesScope = stringList(file, object, QStringLiteral("files_scope"), true, problems);
    if (object.contains(QLatin1String("depends_on")) && !object.value(QLatin1String("depends_on")).isNull()) {
        const QStringList deps = stringList(file, object, QStringLiteral("depends_on"), true, problems);
        for (const QString &dep : deps) {
            if (!ws.dependsOn.contains(dep))
                ws.dependsOn.append(dep);
        }
    }

    // priority, config
    const QJsonValue priority = object.value(QLatin1String("priority"));
    if (!priority.isUndefined() && !priority.isNull()) {
        ws.priority = priority.isString() ? priorityFromString(priority.toString()) : std::nullopt;
        if (!ws.priority) {
            problems.append(JsonText::line(file, QStringLiteral("/priority"),
                                           Text::tr("expected one of low, normal, high, critical, got %1").arg(JsonText::compact(priority))));
        }
    }
    const QJsonValue config = object.value(QLatin1String("config"));
    if (!config.isUndefined() && !config.isNull()) {
        if (!config.isObject())
            problems.append(JsonText::line(file, QStringLiteral("/config"), Text::tr("expected an object, got %1").arg(JsonText::kindOf(config))));
        else
            ws.config = config.toObject();
    }

    // Other fields: the predecessor's files may carry notes of their own, but
    // a misspelt known field would silently lose its meaning.
    for (auto it = object.constBegin(); it != object.constEnd(); ++it) {
        const QString key = it.key();
        if (knownFields().contains(key) || key.startsWith(QLatin1String("x-")) || key.startsWith(QLatin1Char('_')))
            continue;
        const QString suggestion = JsonText::closestName(key, knownFields());
        if (!suggestion.isEmpty()) {
            problems.append(JsonText::line(file, JsonText::childPointer(QStringLiteral("/"), key),
                                           Text::tr("unknown field (did you mean %1?)").arg(JsonText::quoted(suggestion))));
        }
    }

    if (!problems.isEmpty()) {
        source.error = problems.join(QLatin1Char('\n'));
        return source;
    }
    source.workstream = std::move(ws);
    return source;
}

Result<QString> expandIdPattern(const QString &pattern, const QString &wsId, int n)
{
    auto parts = parsePattern(pattern);
    if (!parts)
        return parts.error();
    return expand(*parts, wsId, n);
}

Status setRetryPolicy(Options &options, const QString &text)
{
    const QString trimmed = text.trimmed();
    QJsonValue value;
    if (trimmed.startsWith(QLatin1Char('{'))) {
        QJsonParseError error;
        const QJsonDocument document = QJsonDocument::fromJson(trimmed.toUtf8(), &error);
        if (error.error != QJsonParseError::NoError || !document.isObject()) {
            return Error::make(ErrorCode::Usage, Text::tr("--retry: not a JSON object: %1")
                                                         .arg(error.error != QJsonParseError::NoError ? error.errorString()
                                                                                                       : Text::tr("expected an object")));
        }
        value = document.object();
    } else {
        value = trimmed;
    }
    // The job files' own rules, so what is accepted here is accepted there.
    QJsonObject probe{{QStringLiteral("job_id"), QStringLiteral("probe")},
                      {QStringLiteral("tool"), QStringLiteral("shell")},
                      {QStringLiteral("instructions"), QStringLiteral("true")},
                      {QStringLiteral("metadata"), QJsonObject{{QStringLiteral("retry_policy"), value}}}};
    auto parsed = parseJobObject(probe, QStringLiteral("--retry"));
    if (!parsed)
        return Error::make(ErrorCode::Usage, parsed.error().message);
    options.retryShorthand.clear();
    options.retryPolicy = {};
    if (value.isString())
        options.retryShorthand = value.toString();
    else
        options.retryPolicy = value.toObject();
    return {};
}

Plan plan(const QList<SourceFile> &sources, const Options &options)
{
    Plan result;
    auto pattern = parsePattern(options.idPattern);
    if (!pattern) {
        result.errors.append(pattern.error().message);
        return result;
    }

    // Workstreams that cannot take part: id -> why ("invalid" or "excluded"), with the file.
    QHash<QString, std::pair<QString, bool>> unusable;   // id -> (file, excluded)
    Graph graph;
    for (const SourceFile &source : sources) {
        if (!source.workstream || source.excluded) {
            const QString id = source.workstream ? source.workstream->id : source.id;
            if (!id.isEmpty() && !unusable.contains(id))
                unusable.insert(id, {source.file, source.excluded && source.workstream});
            continue;
        }
        const Workstream &ws = *source.workstream;
        if (const auto it = graph.index.constFind(ws.id); it != graph.index.constEnd()) {
            result.errors.append(Text::tr("duplicate workstream id %1 in %2 and %3")
                                         .arg(JsonText::quoted(ws.id), graph.nodes.at(*it)->file, ws.file));
            continue;
        }
        graph.index.insert(ws.id, int(graph.nodes.size()));
        graph.nodes.append(&ws);
    }

    // Dependencies: every one must name a usable workstream.
    graph.deps.resize(graph.nodes.size());
    for (int node = 0; node < graph.nodes.size(); ++node) {
        const Workstream &ws = *graph.nodes.at(node);
        for (qsizetype i = 0; i < ws.dependsOn.size(); ++i) {
            const QString &dep = ws.dependsOn.at(i);
            const QString where = QStringLiteral("/depends_on/%1").arg(i);
            if (const auto it = graph.index.constFind(dep); it != graph.index.constEnd()) {
                graph.deps[node].append(*it);
            } else if (const auto bad = unusable.constFind(dep); bad != unusable.constEnd()) {
                const QString reason = bad->second
                        ? Text::tr("depends on %1, which is excluded (%2)").arg(JsonText::quoted(dep), bad->first)
                        : Text::tr("depends on %1, whose file %2 is invalid").arg(JsonText::quoted(dep), bad->first);
                result.errors.append(JsonText::line(ws.file, where, reason));
            } else {
                result.errors.append(JsonText::line(ws.file, where, Text::tr("unknown workstream %1").arg(JsonText::quoted(dep))));
            }
        }
    }

    // Kahn, ready workstreams taken by id.
    QList<int> pending(graph.nodes.size(), 0);
    QList<QList<int>> dependents(graph.nodes.size());
    for (int node = 0; node < graph.nodes.size(); ++node) {
        for (int dep : std::as_const(graph.deps.at(node))) {
            ++pending[node];
            dependents[dep].append(node);
        }
    }
    const auto byId = [&graph](int a, int b) { return graph.nodes.at(a)->id < graph.nodes.at(b)->id; };
    std::set<int, decltype(byId)> ready(byId);
    for (int node = 0; node < graph.nodes.size(); ++node) {
        if (pending.at(node) == 0)
            ready.insert(node);
    }
    QList<int> order;
    while (!ready.empty()) {
        const int node = *ready.begin();
        ready.erase(ready.begin());
        order.append(node);
        for (int next : std::as_const(dependents.at(node))) {
            if (--pending[next] == 0)
                ready.insert(next);
        }
    }
    if (order.size() < graph.nodes.size()) {
        QList<int> left;
        for (int node = 0; node < graph.nodes.size(); ++node) {
            if (!order.contains(node))
                left.append(node);
        }
        QStringList cycles;
        for (const QList<int> &component : cyclicComponents(graph, left)) {
            const QStringList ids = cycleIn(graph, component);
            QStringList files;
            for (qsizetype i = 0; i + 1 < ids.size(); ++i)
                files.append(graph.nodes.at(graph.index.value(ids.at(i)))->file);
            cycles.append(Text::tr("depends_on cycle: %1 (in %2)").arg(ids.join(QStringLiteral(" → ")), files.join(QStringLiteral(", "))));
        }
        cycles.sort();
        result.errors.append(cycles);
    }

    // Jobs, in that order.
    QHash<QString, QString> lastJob;                   // workstream id -> its last job id
    QHash<QString, QString> owner;                     // job id -> "ws (file)" that planned it
    for (int node : std::as_const(order)) {
        const Workstream &ws = *graph.nodes.at(node);
        const bool perTask = options.mode == Options::Mode::JobPerTask;
        const int count = perTask ? int(ws.tasks.size()) : 1;
        QString previous;
        for (int n = 1; n <= count; ++n) {
            PlannedJob job;
            job.jobId = expand(*pattern, ws.id, n);
            job.workstreamId = ws.id;
            const QString who = perTask ? Text::tr("task %1 of %2 (%3)").arg(n).arg(ws.id, ws.file)
                                        : Text::tr("%1 (%2)").arg(ws.id, ws.file);
            if (const auto it = owner.constFind(job.jobId); it != owner.constEnd()) {
                result.errors.append(Text::tr("job id %1 planned for both %2 and %3").arg(JsonText::quoted(job.jobId), *it, who));
                continue;
            }
            owner.insert(job.jobId, who);
            if (previous.isEmpty()) {
                for (const QString &dep : ws.dependsOn) {
                    const QString upstream = lastJob.value(dep);
                    if (!upstream.isEmpty() && !job.dependsOn.contains(upstream))
                        job.dependsOn.append(upstream);
                }
            } else {
                job.dependsOn.append(previous);
            }
            const QString instructions = perTask ? ws.tasks.at(n - 1) : ws.tasks.join(QLatin1Char('\n'));
            job.json = jobObject(ws, options, job.jobId, instructions, job.dependsOn, perTask ? n : 0);
            job.fileName = job.jobId + QLatin1String(".json");

            // The engine's own checks, so every file written passes `orchestrator validate`.
            const QString sourceName = Text::tr("%1 (job %2)").arg(ws.file, job.jobId);
            auto spec = parseJobObject(job.json, sourceName);
            if (!spec) {
                result.errors.append(spec.error().message.split(QLatin1Char('\n'), Qt::SkipEmptyParts));
            } else if (options.tools) {
                spec.value().sourceFile = sourceName;
                if (Status checked = options.tools->validate(*spec); !checked)
                    result.errors.append(checked.error().message.split(QLatin1Char('\n'), Qt::SkipEmptyParts));
            }
            previous = job.jobId;
            result.jobs.append(std::move(job));
        }
        if (!previous.isEmpty())
            lastJob.insert(ws.id, previous);
    }
    result.errors.removeDuplicates();
    return result;
}

QString toString(OutputFile::Action action)
{
    switch (action) {
    case OutputFile::Action::Create:
        return QStringLiteral("create");
    case OutputFile::Action::Change:
        return QStringLiteral("change");
    case OutputFile::Action::Unchanged:
        return QStringLiteral("unchanged");
    case OutputFile::Action::Conflict:
        return QStringLiteral("conflict");
    }
    return {};
}

QList<OutputFile> previewOutput(const Plan &plan, const QString &outDir, bool force)
{
    const QDir dir(outDir);
    QSet<QString> ours;
    for (const PlannedJob &job : plan.jobs)
        ours.insert(job.fileName);

    // Job ids held by other files of the folder: writing ours would make it invalid.
    QHash<QString, QString> heldBy;
    if (!outDir.isEmpty() && dir.exists()) {
        const QStringList names = dir.entryList({QStringLiteral("*.json")}, QDir::Files, QDir::Name);
        for (const QString &name : names) {
            if (ours.contains(name))
                continue;
            auto object = JsonText::readObjectFile(dir.filePath(name));
            if (object && object->value(QLatin1String("job_id")).isString())
                heldBy.insert(object->value(QLatin1String("job_id")).toString(), dir.filePath(name));
        }
    }

    QList<OutputFile> files;
    for (const PlannedJob &job : plan.jobs) {
        OutputFile file;
        file.path = outDir.isEmpty() ? job.fileName : dir.filePath(job.fileName);
        file.content = jobFileContent(job.json);
        if (!outDir.isEmpty()) {
            QFile existing(file.path);
            if (existing.exists()) {
                if (existing.open(QIODevice::ReadOnly))
                    file.existing = existing.readAll();
                if (file.existing == file.content) {
                    file.action = OutputFile::Action::Unchanged;
                } else if (!isJobFile(file.existing, file.path)) {
                    // E.g. a workstream file when --out is the source folder and
                    // the pattern is {ws}: force is for job files, not for these.
                    file.action = OutputFile::Action::Conflict;
                    file.note = Text::tr("not a job file (no \"job_id\"); not replaced, even with --force");
                } else if (force || isUneditedOutput(file.existing, file.path)) {
                    file.action = OutputFile::Action::Change;
                } else {
                    file.action = OutputFile::Action::Conflict;
                    file.note = Text::tr("edited since it was converted; --force overwrites it");
                }
            }
            if (const auto it = heldBy.constFind(job.jobId); it != heldBy.constEnd()) {
                file.action = OutputFile::Action::Conflict;
                file.note = Text::tr("job id %1 is already in %2").arg(JsonText::quoted(job.jobId), *it);
            }
        }
        files.append(std::move(file));
    }
    return files;
}

Result<WriteReport> writeOutput(const QList<OutputFile> &files)
{
    WriteReport report;
    for (const OutputFile &file : files) {
        switch (file.action) {
        case OutputFile::Action::Unchanged:
            report.unchanged.append(file.path);
            continue;
        case OutputFile::Action::Conflict:
            report.skipped.append(file.path);
            continue;
        case OutputFile::Action::Create:
            if (QFileInfo::exists(file.path)) {
                // Appeared since the preview: someone else's, not ours to replace.
                QFile existing(file.path);
                const bool same = existing.open(QIODevice::ReadOnly) && existing.readAll() == file.content;
                (same ? report.unchanged : report.skipped).append(file.path);
                continue;
            }
            break;
        case OutputFile::Action::Change: {
            QFile current(file.path);
            if (!current.exists())
                break;
            if (!current.open(QIODevice::ReadOnly))
                return Error::make(ErrorCode::Io, Text::tr("%1: cannot read: %2").arg(file.path, current.errorString()));
            const QByteArray now = current.readAll();
            if (now != file.existing) {
                // Edited since the preview: the decision to replace it was about other content.
                report.skipped.append(file.path);
                continue;
            }
            if (!isUneditedOutput(now, file.path)) {
                // Replaced by force: the edits stay in a copy beside it (not *.json, so
                // neither validate nor submit picks it up).
                auto backup = writeBackup(file.path, now);
                if (!backup)
                    return backup.error();
                report.backups.append(*backup);
            }
            break;
        }
        }
        if (Status made = makePrivateDirectory(QFileInfo(file.path).absolutePath()); !made)
            return made.error();
        QSaveFile out(file.path);
        if (!out.open(QIODevice::WriteOnly) || out.write(file.content) != file.content.size() || !out.commit())
            return Error::make(ErrorCode::Io, Text::tr("%1: cannot write: %2").arg(file.path, out.errorString()));
        (file.action == OutputFile::Action::Create ? report.created : report.changed).append(file.path);
    }
    return report;
}

} // namespace Orchestrator::Convert
