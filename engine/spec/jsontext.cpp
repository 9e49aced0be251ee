#include "jsontext.h"

#include <algorithm>
#include <optional>
#include <vector>

#include <QCoreApplication>
#include <QFile>
#include <QFileInfo>
#include <QHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonParseError>

#include "core/databasefiles.h"

namespace Orchestrator::JsonText {

namespace {

struct Text
{
    Q_DECLARE_TR_FUNCTIONS(Orchestrator::JsonText)
};

// Job and profile files are a few kilobytes; anything this large is a mistake
// (a log or a binary named by accident) and is not worth reading into memory.
constexpr qint64 kMaxFileSize = 16 * 1024 * 1024;

QString escapeToken(QString token)
{
    token.replace(QLatin1Char('~'), QLatin1String("~0"));
    token.replace(QLatin1Char('/'), QLatin1String("~1"));
    return token;
}

int editDistance(const QString &a, const QString &b)
{
    std::vector<int> previous(b.size() + 1);
    std::vector<int> current(b.size() + 1);
    for (qsizetype j = 0; j <= b.size(); ++j)
        previous[j] = int(j);
    for (qsizetype i = 1; i <= a.size(); ++i) {
        current[0] = int(i);
        for (qsizetype j = 1; j <= b.size(); ++j) {
            const int substitution = previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1);
            current[j] = std::min({previous[j] + 1, current[j - 1] + 1, substitution});
        }
        std::swap(previous, current);
    }
    return previous[b.size()];
}

bool isWordByte(char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.' || c == '-'
            || c == '+';
}

// Qt reports the offset just past the character it choked on, except for
// trailing garbage, where it points at the garbage itself. A misspelt word
// ("tru", "nul", "1.2.3") is reported from its first character.
qsizetype errorByte(const QByteArray &data, const QJsonParseError &error)
{
    if (error.error == QJsonParseError::GarbageAtEnd)
        return error.offset;
    qsizetype at = std::clamp<qsizetype>(error.offset - 1, 0, data.size());
    if (error.error == QJsonParseError::IllegalValue || error.error == QJsonParseError::IllegalNumber) {
        const bool onWord = at < data.size() && isWordByte(data[at]);
        if (!onWord && at > 0 && isWordByte(data[at - 1]))
            --at;  // just past the word
        while (at > 0 && at < data.size() && isWordByte(data[at]) && isWordByte(data[at - 1]))
            --at;
    }
    return at;
}

// A top-level scalar is valid JSON but Qt refuses it; tell the user what it is
// instead of calling it invalid.
std::optional<QJsonValue> topLevelScalar(const QByteArray &data)
{
    QByteArray wrapped;
    wrapped.reserve(data.size() + 2);
    wrapped.append('[').append(data).append(']');
    QJsonParseError error;
    const QJsonDocument document = QJsonDocument::fromJson(wrapped, &error);
    if (error.error != QJsonParseError::NoError || document.array().size() != 1)
        return std::nullopt;
    return document.array().at(0);
}

bool isDelimiter(char c)
{
    return c == ',' || c == ']' || c == '}' || c == ' ' || c == '\t' || c == '\r' || c == '\n';
}

// The key of a string token whose bytes (without quotes) are `raw`.
QString decodeKey(const QByteArray &raw)
{
    if (!raw.contains('\\'))
        return QString::fromUtf8(raw);
    QByteArray wrapped;
    wrapped.reserve(raw.size() + 4);
    wrapped.append("[\"").append(raw).append("\"]");
    return QJsonDocument::fromJson(wrapped).array().at(0).toString();
}

// One open object or array while scanning for duplicate keys.
struct Frame
{
    bool object = false;
    bool expectKey = false;            // objects: the next string is a key
    qsizetype index = -1;              // arrays: the element being read
    QString key;                       // objects: the member being read
    QHash<QString, qsizetype> keys;    // objects: key -> offset of its first mention
};

QString framePointer(const std::vector<Frame> &stack)
{
    QStringList tokens;
    for (std::size_t i = 0; i + 1 < stack.size(); ++i)
        tokens.append(stack[i].object ? stack[i].key : QString::number(stack[i].index));
    return pointer(tokens);
}

} // namespace

QString pointer(const QStringList &tokens)
{
    if (tokens.isEmpty())
        return QStringLiteral("/");
    QString result;
    for (const QString &token : tokens)
        result += QLatin1Char('/') + escapeToken(token);
    return result;
}

QString childPointer(const QString &parent, const QString &token)
{
    const QString escaped = escapeToken(token);
    if (parent == QLatin1String("/") || parent.isEmpty())
        return QLatin1Char('/') + escaped;
    return parent + QLatin1Char('/') + escaped;
}

QString compact(const QJsonValue &value, int maxLength)
{
    QString text;
    if (value.isObject()) {
        text = QString::fromUtf8(QJsonDocument(value.toObject()).toJson(QJsonDocument::Compact));
    } else if (value.isArray()) {
        text = QString::fromUtf8(QJsonDocument(value.toArray()).toJson(QJsonDocument::Compact));
    } else if (value.isUndefined()) {
        text = QStringLiteral("nothing");
    } else {
        // QJsonDocument holds only arrays and objects: render "[value]" and unwrap it.
        const QByteArray wrapped = QJsonDocument(QJsonArray{value}).toJson(QJsonDocument::Compact);
        text = QString::fromUtf8(wrapped.mid(1, wrapped.size() - 2));
    }
    if (maxLength > 3 && text.size() > maxLength)
        text = text.left(maxLength - 3) + QLatin1String("...");
    return text;
}

QString quoted(const QString &text)
{
    return compact(QJsonValue(text), -1);
}

QString kindOf(const QJsonValue &value)
{
    switch (value.type()) {
    case QJsonValue::Null:
        return QStringLiteral("null");
    case QJsonValue::Bool:
        return value.toBool() ? QStringLiteral("true") : QStringLiteral("false");
    case QJsonValue::Double:
        return Text::tr("a number");
    case QJsonValue::String:
        return Text::tr("a string");
    case QJsonValue::Array:
        return Text::tr("an array");
    case QJsonValue::Object:
        return Text::tr("an object");
    case QJsonValue::Undefined:
        break;
    }
    return Text::tr("nothing");
}

QString joinNames(const QStringList &names)
{
    return names.join(QLatin1String(", "));
}

QString closestName(const QString &name, const QStringList &candidates)
{
    const QString lowered = name.toLower();
    // Allow about one slip per three characters, and at least two.
    const int limit = std::max(2, int(name.size() / 3));
    QString best;
    int bestDistance = limit + 1;
    for (const QString &candidate : candidates) {
        const int distance = editDistance(lowered, candidate.toLower());
        if (distance < bestDistance) {
            bestDistance = distance;
            best = candidate;
        }
    }
    if (!best.isEmpty() || name.size() < 3)
        return best;
    // A shortened name ("repo" for "repo_root") is a slip too, when only one name fits.
    QStringList extensions;
    for (const QString &candidate : candidates) {
        if (candidate.startsWith(name, Qt::CaseInsensitive))
            extensions.append(candidate);
    }
    return extensions.size() == 1 ? extensions.first() : QString();
}

QString line(const QString &source, const QString &pointer, const QString &reason)
{
    return source + QLatin1String(": ") + pointer + QLatin1String(": ") + reason;
}

Position positionOf(const QByteArray &data, qsizetype offset)
{
    Position position;
    offset = std::clamp<qsizetype>(offset, 0, data.size());
    for (qsizetype i = 0; i < offset; ++i) {
        const auto byte = static_cast<unsigned char>(data[i]);
        if (byte == '\n') {
            ++position.line;
            position.column = 1;
        } else if ((byte & 0xC0) != 0x80) {
            // Count characters, not bytes: UTF-8 continuation bytes add nothing.
            ++position.column;
        }
    }
    return position;
}

QString duplicateKey(const QByteArray &data, const QString &source)
{
    std::vector<Frame> stack;
    auto valueStarts = [&stack] {
        if (!stack.empty() && !stack.back().object)
            ++stack.back().index;
    };
    const qsizetype size = data.size();
    for (qsizetype i = 0; i < size; ++i) {
        const char c = data[i];
        switch (c) {
        case ' ': case '\t': case '\n': case '\r': case ':':
            break;
        case '{':
        case '[':
            valueStarts();
            stack.push_back(Frame{c == '{', c == '{', -1, {}, {}});
            break;
        case '}':
        case ']':
            if (!stack.empty())
                stack.pop_back();
            break;
        case ',':
            if (!stack.empty() && stack.back().object)
                stack.back().expectKey = true;
            break;
        case '"': {
            const qsizetype start = i + 1;
            qsizetype end = start;
            while (end < size && data[end] != '"')
                end += data[end] == '\\' ? 2 : 1;
            i = end;
            if (stack.empty() || !stack.back().object || !stack.back().expectKey) {
                valueStarts();
                break;
            }
            Frame &frame = stack.back();
            frame.expectKey = false;
            frame.key = decodeKey(data.mid(start, end - start));
            const auto earlier = frame.keys.constFind(frame.key);
            if (earlier != frame.keys.cend()) {
                const Position first = positionOf(data, *earlier);
                const Position again = positionOf(data, start - 1);
                return line(source, framePointer(stack),
                            Text::tr("key %1 appears twice (line %2, column %3 and line %4, column %5); "
                                     "only one value could be used, remove the other")
                                    .arg(quoted(frame.key))
                                    .arg(first.line)
                                    .arg(first.column)
                                    .arg(again.line)
                                    .arg(again.column));
            }
            frame.keys.insert(frame.key, start - 1);
            break;
        }
        default:
            // A number, true, false or null: skip to its end.
            valueStarts();
            while (i + 1 < size && !isDelimiter(data[i + 1]))
                ++i;
            break;
        }
    }
    return {};
}

Result<QJsonObject> readObjectFile(const QString &path)
{
    if (Status s = DatabaseFiles::refuseIfInUse(path); !s)
        return s.error();
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        return Error::make(ErrorCode::Io,
                           Text::tr("%1: cannot read: %2").arg(path, file.errorString()));
    }
    if (file.size() > kMaxFileSize) {
        // Not a job or profile at all (a log, a binary named by accident): an invalid input, not an I/O failure.
        return Error::make(ErrorCode::Parse,
                           Text::tr("%1: not read: the file is larger than %2 MiB, too large for a job or profile file")
                                   .arg(path)
                                   .arg(kMaxFileSize / (1024 * 1024)));
    }
    QByteArray data = file.readAll();
    if (file.error() != QFileDevice::NoError) {
        return Error::make(ErrorCode::Io,
                           Text::tr("%1: cannot read: %2").arg(path, file.errorString()));
    }
    return parseObject(std::move(data), path);
}

Result<QJsonObject> parseObject(QByteArray data, const QString &path)
{
    if (data.size() > kMaxFileSize) {
        // Not a job or profile at all (a log, a binary named by accident): an invalid input, not an I/O failure.
        return Error::make(ErrorCode::Parse,
                           Text::tr("%1: not read: the file is larger than %2 MiB, too large for a job or profile file")
                                   .arg(path)
                                   .arg(kMaxFileSize / (1024 * 1024)));
    }
    if (data.startsWith("\xEF\xBB\xBF"))
        data.remove(0, 3);
    if (data.trimmed().isEmpty()) {
        return Error::make(ErrorCode::Parse,
                           Text::tr("%1: empty file, expected a JSON object").arg(path));
    }

    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(data, &parseError);
    if (parseError.error != QJsonParseError::NoError) {
        if (const auto scalar = topLevelScalar(data)) {
            return Error::make(ErrorCode::Parse,
                               line(path, QStringLiteral("/"),
                                    Text::tr("expected a JSON object, got %1").arg(kindOf(*scalar))));
        }
        const Position at = positionOf(data, errorByte(data, parseError));
        return Error::make(ErrorCode::Parse,
                           Text::tr("%1: not valid JSON at line %2, column %3: %4")
                                   .arg(path)
                                   .arg(at.line)
                                   .arg(at.column)
                                   .arg(parseError.errorString()));
    }
    if (!document.isObject()) {
        return Error::make(ErrorCode::Parse,
                           line(path, QStringLiteral("/"),
                                Text::tr("expected a JSON object, got an array")));
    }
    if (const QString duplicate = duplicateKey(data, path); !duplicate.isEmpty())
        return Error::make(ErrorCode::Parse, duplicate);
    return document.object();
}

} // namespace Orchestrator::JsonText
