#include "wizard/outputfolder.h"

#include <QDir>
#include <QFileInfo>
#include <QList>
#include <QSettings>

namespace Orchestrator::Ui::OutputFolder {

namespace {

// In the dashboard's QSettings, beside its preferences (ui/app/settings.h),
// which are not about the wizard.
QString arrayKey() { return QStringLiteral("conversionWizard/outputFolders"); }
QString sourceKey() { return QStringLiteral("source"); }
QString outputKey() { return QStringLiteral("output"); }
constexpr int kRemembered = 20;

struct Entry
{
    QString source;
    QString output;
};

// Most recent first.
QList<Entry> readEntries()
{
    QSettings settings;
    QList<Entry> entries;
    const int count = settings.beginReadArray(arrayKey());
    for (int i = 0; i < count; ++i) {
        settings.setArrayIndex(i);
        const Entry entry{settings.value(sourceKey()).toString(), settings.value(outputKey()).toString()};
        if (!entry.source.isEmpty() && !entry.output.isEmpty())
            entries.append(entry);
    }
    settings.endArray();
    return entries;
}

QString normalised(const QString &dir)
{
    return dir.isEmpty() ? QString() : QDir::cleanPath(QFileInfo(dir).absoluteFilePath());
}

bool canCreateBelow(const QString &dir)
{
    QFileInfo info(dir);
    // The nearest existing ancestor decides whether the folder can be made.
    while (!info.exists() && !info.isRoot() && info.absolutePath() != info.absoluteFilePath())
        info = QFileInfo(info.absolutePath());
    return info.isDir() && info.isWritable();
}

} // namespace

QString checkoutOf(const QString &path)
{
    QDir dir(normalised(path));
    while (true) {
        // A folder (a clone) or a file (a worktree or submodule: "gitdir: ...").
        if (QFileInfo::exists(dir.filePath(QStringLiteral(".git"))))
            return dir.path();
        if (!dir.cdUp())
            return {};
    }
}

QString suggested(const QString &sourceDir, const QString &fallback)
{
    const QString checkout = checkoutOf(sourceDir);
    if (!checkout.isEmpty()) {
        const QFileInfo top(checkout);
        const QString sibling = QDir(top.absolutePath()).filePath(top.fileName() + QStringLiteral("-jobs"));
        if (canCreateBelow(sibling) || fallback.isEmpty())
            return sibling;
        return QDir(fallback).filePath(top.fileName());
    }
    QDir dir(normalised(sourceDir));
    // Job files beside the workstreams folder, not mixed into it.
    if (dir.dirName().contains(QLatin1String("workstream"), Qt::CaseInsensitive))
        dir.cdUp();
    const QString beside = dir.filePath(QStringLiteral("jobs"));
    if (canCreateBelow(beside) || fallback.isEmpty())
        return beside;
    return fallback;
}

QString remembered(const QString &sourceDir)
{
    const QString source = normalised(sourceDir);
    for (const Entry &entry : readEntries()) {
        if (entry.source == source)
            return entry.output;
    }
    return {};
}

void remember(const QString &sourceDir, const QString &outputDir)
{
    const Entry latest{normalised(sourceDir), normalised(outputDir)};
    if (latest.source.isEmpty() || latest.output.isEmpty())
        return;
    QList<Entry> entries{latest};
    for (const Entry &entry : readEntries()) {
        if (entry.source != latest.source && entries.size() < kRemembered)
            entries.append(entry);
    }
    QSettings settings;
    settings.remove(arrayKey());
    settings.beginWriteArray(arrayKey(), int(entries.size()));
    for (int i = 0; i < entries.size(); ++i) {
        settings.setArrayIndex(i);
        settings.setValue(sourceKey(), entries.at(i).source);
        settings.setValue(outputKey(), entries.at(i).output);
    }
    settings.endArray();
}

QString lastUsed()
{
    const QList<Entry> entries = readEntries();
    return entries.isEmpty() ? QString() : entries.constFirst().output;
}

} // namespace Orchestrator::Ui::OutputFolder
