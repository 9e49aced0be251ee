#include "gitparse.h"

namespace Orchestrator::GitParse {

namespace {

QString text(const QByteArray &bytes) { return QString::fromUtf8(bytes); }

int count(const QByteArray &field, bool *binary)
{
    if (field == "-") {
        *binary = true;
        return 0;
    }
    return field.toInt();
}

} // namespace

QList<QByteArray> nulFields(const QByteArray &output)
{
    QList<QByteArray> fields = output.split('\0');
    if (!fields.isEmpty() && fields.last().isEmpty())
        fields.removeLast();
    return fields;
}

QStringList statusPaths(const QByteArray &output)
{
    QStringList paths;
    const QList<QByteArray> fields = nulFields(output);
    for (qsizetype i = 0; i < fields.size(); ++i) {
        const QByteArray &entry = fields.at(i);
        if (entry.size() < 4)
            continue;
        paths.append(text(entry.mid(3)));
        // A rename or copy is followed by its source path, which is not a change of its own.
        if (entry.at(0) == 'R' || entry.at(0) == 'C' || entry.at(1) == 'R' || entry.at(1) == 'C')
            ++i;
    }
    return paths;
}

QList<GitFileChange> numstat(const QByteArray &output)
{
    QList<GitFileChange> changes;
    const QList<QByteArray> fields = nulFields(output);
    for (qsizetype i = 0; i < fields.size(); ++i) {
        const QList<QByteArray> parts = fields.at(i).split('\t');
        if (parts.size() < 3)
            continue;
        GitFileChange change;
        change.insertions = count(parts.at(0), &change.binary);
        change.deletions = count(parts.at(1), &change.binary);
        // A path may itself contain tabs: everything after the second one.
        const QByteArray path = fields.at(i).mid(parts.at(0).size() + parts.at(1).size() + 2);
        if (path.isEmpty()) {
            if (i + 2 >= fields.size())
                break;
            change.oldPath = text(fields.at(i + 1));
            change.path = text(fields.at(i + 2));
            i += 2;
        } else {
            change.path = text(path);
        }
        changes.append(change);
    }
    return changes;
}

QList<GitWorktree> worktrees(const QByteArray &output)
{
    QList<GitWorktree> result;
    GitWorktree current;
    bool open = false;
    const QList<QByteArray> fields = output.split('\0');
    for (const QByteArray &field : fields) {
        if (field.isEmpty()) {
            if (open)
                result.append(current);
            current = GitWorktree();
            open = false;
            continue;
        }
        const qsizetype space = field.indexOf(' ');
        const QByteArray key = space < 0 ? field : field.left(space);
        const QString value = space < 0 ? QString() : text(field.mid(space + 1));
        if (key == "worktree") {
            current.path = value;
            open = true;
        } else if (key == "HEAD") {
            current.head = value;
        } else if (key == "branch") {
            current.branch = value;
        } else if (key == "bare") {
            current.bare = true;
        } else if (key == "prunable") {
            current.prunable = true;
        }
    }
    if (open)
        result.append(current);
    return result;
}

MergeTreeOutput mergeTree(const QByteArray &output)
{
    MergeTreeOutput result;
    const QList<QByteArray> fields = output.split('\0');
    if (fields.isEmpty())
        return result;
    result.tree = text(fields.first()).trimmed();
    qsizetype i = 1;
    for (; i < fields.size() && !fields.at(i).isEmpty(); ++i)
        result.conflictedPaths.append(text(fields.at(i)));
    ++i; // the empty field that opens the messages
    while (i < fields.size()) {
        bool isNumber = false;
        const int pathCount = fields.at(i).toInt(&isNumber);
        if (!isNumber || i + pathCount + 2 >= fields.size())
            break;
        const QByteArray &type = fields.at(i + pathCount + 1);
        const QString message = text(fields.at(i + pathCount + 2)).trimmed();
        if (type.startsWith("CONFLICT"))
            result.conflictMessages.append(message);
        i += pathCount + 3;
    }
    return result;
}

} // namespace Orchestrator::GitParse
