#include "paths.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QStandardPaths>
#include <QStringList>

namespace Orchestrator {

bool isPostgresUrl(const QString &databasePath)
{
    return databasePath.startsWith(QLatin1String("postgresql://"), Qt::CaseInsensitive)
        || databasePath.startsWith(QLatin1String("postgres://"), Qt::CaseInsensitive);
}

QString defaultDatabasePath()
{
    for (const char *name : {"ORCHESTRATOR_DB", "PIPELINE_DB_PATH"}) {
        const QString value = qEnvironmentVariable(name);
        if (isPostgresUrl(value))
            return value;
        if (!value.isEmpty())
            return QFileInfo(value).absoluteFilePath();
    }
    return QStandardPaths::writableLocation(QStandardPaths::GenericDataLocation)
        + QStringLiteral("/orchestrator/orchestrator.db");
}

QString dataDirectoryFor(const QString &databasePath)
{
    // A server database has no folder of its own on this machine: logs and
    // reports of the jobs run here go to the local data directory.
    if (isPostgresUrl(databasePath))
        return QStandardPaths::writableLocation(QStandardPaths::GenericDataLocation) + QStringLiteral("/orchestrator");
    return QFileInfo(databasePath).absolutePath();
}

Status makePrivateDirectory(const QString &path)
{
    const QString absolute = QDir::cleanPath(QFileInfo(path).absoluteFilePath());
    if (QFileInfo(absolute).isDir())
        return {};
    // The missing tail of the path, outermost first.
    QStringList missing;
    QString existing = absolute;
    while (!QFileInfo::exists(existing)) {
        missing.prepend(existing);
        const QString parent = QFileInfo(existing).absolutePath();
        if (parent == existing)
            break;
        existing = parent;
    }
    const QFileDevice::Permissions ownerOnly = QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ExeOwner;
    for (const QString &dir : std::as_const(missing)) {
        // Another process may create it at the same moment.
        if (!QDir().mkdir(dir, ownerOnly) && !QFileInfo(dir).isDir())
            return Error::make(ErrorCode::Io, dir + QStringLiteral(": cannot create the directory"));
    }
    return {};
}

bool restrictToOwner(const QString &file)
{
    return QFile::setPermissions(file, QFileDevice::ReadOwner | QFileDevice::WriteOwner);
}

} // namespace Orchestrator
