#include "changes.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace Orchestrator {

namespace {

struct Text
{
    Q_DECLARE_TR_FUNCTIONS(Orchestrator::ChangeSummary)
};

} // namespace

QString toString(Isolation isolation)
{
    return isolation == Isolation::Worktree ? QStringLiteral("worktree") : QStringLiteral("none");
}

std::optional<Isolation> isolationFromString(const QString &text)
{
    if (text == QLatin1String("worktree"))
        return Isolation::Worktree;
    if (text == QLatin1String("none"))
        return Isolation::None;
    return std::nullopt;
}

int ChangeSummary::insertions() const
{
    int sum = 0;
    for (const ChangedFile &file : files)
        sum += file.insertions;
    return sum;
}

int ChangeSummary::deletions() const
{
    int sum = 0;
    for (const ChangedFile &file : files)
        sum += file.deletions;
    return sum;
}

QString ChangeSummary::text() const
{
    if (files.isEmpty())
        return Text::tr("no changes");
    if (files.size() == 1)
        return Text::tr("+%1 \u2212%2 in 1 file").arg(insertions()).arg(deletions());
    return Text::tr("+%1 \u2212%2 in %3 files").arg(insertions()).arg(deletions()).arg(files.size());
}

QByteArray ChangeSummary::filesJson() const
{
    QJsonArray array;
    for (const ChangedFile &file : files) {
        array.append(QJsonObject{{QStringLiteral("path"), file.path},
                                 {QStringLiteral("insertions"), file.insertions},
                                 {QStringLiteral("deletions"), file.deletions},
                                 {QStringLiteral("binary"), file.binary}});
    }
    return QJsonDocument(array).toJson(QJsonDocument::Compact);
}

QList<ChangedFile> ChangeSummary::filesFromJson(const QByteArray &json)
{
    QList<ChangedFile> out;
    const QJsonArray array = QJsonDocument::fromJson(json).array();
    for (const QJsonValue &value : array) {
        const QJsonObject object = value.toObject();
        ChangedFile file;
        file.path = object.value(QLatin1String("path")).toString();
        file.insertions = object.value(QLatin1String("insertions")).toInt();
        file.deletions = object.value(QLatin1String("deletions")).toInt();
        file.binary = object.value(QLatin1String("binary")).toBool();
        out.append(file);
    }
    return out;
}

} // namespace Orchestrator
