#pragma once

// Small helpers shared by the tests: where the helper program and the
// stand-in tools are, and writing job files into temporary directories.

#include <QByteArray>
#include <QDir>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QString>
#include <QTest>

namespace TestSupport {

inline QString envPath(const char *name)
{
    const QString value = qEnvironmentVariable(name);
    if (value.isEmpty())
        qFatal("environment variable %s is not set; run the tests through ctest", name);
    return value;
}

inline QString testHelper() { return envPath("ORCH_TESTHELPER"); }
inline QString fakeBin() { return envPath("ORCH_FAKEBIN"); }
inline QString cliPath() { return envPath("ORCH_CLI"); }
inline QString examplesDir() { return envPath("ORCH_EXAMPLES"); }

inline QString writeFile(const QString &path, const QByteArray &content)
{
    QDir().mkpath(QFileInfo(path).absolutePath());
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate))
        qFatal("cannot write %s", qPrintable(path));
    file.write(content);
    return path;
}

inline QString writeJson(const QString &path, const QJsonObject &object)
{
    return writeFile(path, QJsonDocument(object).toJson());
}

inline QByteArray readFile(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return {};
    return file.readAll();
}

} // namespace TestSupport
