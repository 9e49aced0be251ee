#pragma once

// A throw-away PostgreSQL cluster for tests (tests/pg/pgcluster.sh).

#include <QProcess>
#include <QString>
#include <QTemporaryDir>
#include <QTest>

#include "testsupport.h"

namespace TestSupport {

// A throw-away PostgreSQL cluster (tests/pg/pgcluster.sh), stopped with the object.
class PgCluster final
{
public:
    PgCluster() = default;
    ~PgCluster()
    {
        if (!m_url.isEmpty())
            QProcess::execute(QStringLiteral("bash"), {script(), QStringLiteral("stop"), m_dir.path()});
    }
    Q_DISABLE_COPY_MOVE(PgCluster)

    static QString script() { return QFINDTESTDATA("pg/pgcluster.sh"); }

    // 0: started; 77: no server binaries; anything else: failed (see output()).
    int start()
    {
        QProcess process;
        process.start(QStringLiteral("bash"), {script(), QStringLiteral("start"), m_dir.path()});
        if (!process.waitForFinished(120000)) {
            process.kill();
            process.waitForFinished();
            return -1;
        }
        m_output = process.readAllStandardError();
        if (process.exitStatus() != QProcess::NormalExit)
            return -1;
        if (process.exitCode() == 0)
            m_url = QString::fromUtf8(TestSupport::readFile(m_dir.filePath(QStringLiteral("url")))).trimmed();
        return process.exitCode();
    }
    QString url() const { return m_url; }
    QByteArray output() const { return m_output; }

    // A new, empty database on the server.
    QString createDatabase(const QString &name) const
    {
        QProcess psql;
        psql.start(QStringLiteral("psql"), {m_url, QStringLiteral("-qc"), QStringLiteral("CREATE DATABASE %1").arg(name)});
        if (!psql.waitForFinished(30000) || psql.exitCode() != 0)
            qFatal("CREATE DATABASE failed: %s", psql.readAllStandardError().constData());
        return m_url.left(m_url.lastIndexOf(QLatin1Char('/')) + 1) + name;
    }

private:
    QTemporaryDir m_dir;
    QString m_url;
    QByteArray m_output;
};

} // namespace TestSupport
