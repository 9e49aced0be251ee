#pragma once

#include <memory>

#include <QObject>
#include <QString>
#include <QStringList>

#include "core/result.h"

class QLocalServer;
class QLocalSocket;
class QLockFile;

namespace Orchestrator::Ui {

// One dashboard per database, so that one engine runs its queue from the
// dashboard. The first `orchestrator gui` on a database holds DATABASE.gui.lock
// and listens on a local socket private to the user, named after a hash of the
// database's canonical path. A later dashboard on the same database hands its
// file arguments over that socket and exits; the first one raises its window
// and opens the files. The lock of a dashboard that was killed is stale (its
// process is gone) and is taken over; so is its socket file.
class SingleInstance final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(SingleInstance)

public:
    enum class Role {
        Primary,   // this process holds the lock and listens: run the dashboard
        Secondary, // another dashboard holds the lock: forward() and exit
        Unguarded, // no lock could be taken (e.g. a read-only directory): run alone
    };

    explicit SingleInstance(const QString &databasePath, QObject *parent = nullptr);
    ~SingleInstance() override;

    // Takes the lock (or finds its live owner) and, as primary, listens.
    Role start();
    // Why start() returned Unguarded, or what went wrong in forward().
    QString errorString() const { return m_error; }
    // The process holding the lock, when start() returned Secondary.
    qint64 primaryPid() const { return m_primaryPid; }

    // Secondary: sends `files` (made absolute) to the primary and waits, at
    // most timeoutMs, until it has taken them. Retries connecting while the
    // primary is still starting up. Blocks: the secondary shows no window.
    Status forward(const QStringList &files, int timeoutMs = 10000);

    static QString lockFilePath(const QString &databasePath);
    static QString serverName(const QString &databasePath);

Q_SIGNALS:
    // Primary: another dashboard was started on this database with these
    // files (absolute paths; none to just bring the window forward).
    void activationRequested(const QStringList &files);

private:
    bool listen();
    void accept();
    void readRequest(QLocalSocket *socket);

    QString m_databasePath;
    std::unique_ptr<QLockFile> m_lock;
    QLocalServer *m_server = nullptr;
    QString m_error;
    qint64 m_primaryPid = 0;
};

} // namespace Orchestrator::Ui
