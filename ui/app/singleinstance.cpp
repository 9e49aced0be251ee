#include "singleinstance.h"

#include <QCryptographicHash>
#include <QDataStream>
#include <QDeadlineTimer>
#include <QDir>
#include <QFileInfo>
#include <QLocalServer>
#include <QLocalSocket>
#include <QLockFile>
#include <QThread>
#include <QTimer>

#include "core/paths.h"

#include <unistd.h>

namespace Orchestrator::Ui {

namespace {

// "ORCH" and the protocol version; a request is magic, version, QStringList.
constexpr quint32 kMagic = 0x4f524348;
constexpr quint32 kVersion = 1;
constexpr quint8 kAccepted = 1;
// A request is a list of paths: anything larger is not one of ours.
constexpr qint64 kMaximumRequest = 1024 * 1024;
// A client that connects and says nothing is dropped after this.
constexpr int kRequestTimeoutMs = 5000;
constexpr QDataStream::Version kStreamVersion = QDataStream::Qt_6_0;

// The same database reached through a symlink or a relative path gives the
// same lock and socket; a database not created yet is named through its
// directory's canonical path.
QString canonicalDatabasePath(const QString &path)
{
    const QFileInfo info(path);
    const QString canonical = info.canonicalFilePath();
    if (!canonical.isEmpty())
        return canonical;
    const QString directory = QFileInfo(info.absolutePath()).canonicalFilePath();
    return (directory.isEmpty() ? QDir::cleanPath(info.absolutePath()) : directory) + QLatin1Char('/') + info.fileName();
}

} // namespace

SingleInstance::SingleInstance(const QString &databasePath, QObject *parent)
    : QObject(parent)
    , m_databasePath(databasePath)
{
}

SingleInstance::~SingleInstance() = default;

QString SingleInstance::lockFilePath(const QString &databasePath)
{
    return canonicalDatabasePath(databasePath) + QStringLiteral(".gui.lock");
}

QString SingleInstance::serverName(const QString &databasePath)
{
    // The user id keeps two users' dashboards on a shared database apart; the
    // socket itself is only accessible to its user (UserAccessOption).
    const QByteArray hash = QCryptographicHash::hash(canonicalDatabasePath(databasePath).toUtf8(), QCryptographicHash::Sha256);
    return QStringLiteral("orchestrator-gui-%1-%2").arg(::getuid()).arg(QString::fromLatin1(hash.toHex().left(24)));
}

SingleInstance::Role SingleInstance::start()
{
    const QString lockPath = lockFilePath(m_databasePath);
    if (const Status made = makePrivateDirectory(QFileInfo(lockPath).absolutePath()); !made) {
        m_error = made.error().message;
        return Role::Unguarded;
    }
    m_lock = std::make_unique<QLockFile>(lockPath);
    // Stale only when its process is gone, however old the lock is: a
    // dashboard may run for weeks.
    m_lock->setStaleLockTime(0);
    if (!m_lock->tryLock(0)) {
        if (m_lock->error() == QLockFile::LockFailedError) {
            qint64 pid = 0;
            QString host;
            QString application;
            m_lock->getLockInfo(&pid, &host, &application);
            m_primaryPid = pid;
            return Role::Secondary;
        }
        m_error = tr("%1: cannot create the lock file; running without the single-dashboard guard").arg(lockPath);
        return Role::Unguarded;
    }
    if (!listen())
        return Role::Unguarded;
    return Role::Primary;
}

bool SingleInstance::listen()
{
    const QString name = serverName(m_databasePath);
    m_server = new QLocalServer(this);
    m_server->setSocketOptions(QLocalServer::UserAccessOption);
    // We hold the lock, so a socket file left by a killed dashboard is stale.
    QLocalServer::removeServer(name);
    if (!m_server->listen(name)) {
        m_error = tr("%1: cannot listen for other dashboards: %2").arg(name, m_server->errorString());
        return false;
    }
    connect(m_server, &QLocalServer::newConnection, this, &SingleInstance::accept);
    return true;
}

void SingleInstance::accept()
{
    while (QLocalSocket *socket = m_server->nextPendingConnection()) {
        connect(socket, &QLocalSocket::disconnected, socket, &QObject::deleteLater);
        connect(socket, &QLocalSocket::readyRead, this, [this, socket] { readRequest(socket); });
        QTimer::singleShot(kRequestTimeoutMs, socket, &QLocalSocket::abort);
        if (socket->bytesAvailable() > 0)
            readRequest(socket);
    }
}

void SingleInstance::readRequest(QLocalSocket *socket)
{
    if (socket->bytesAvailable() > kMaximumRequest) {
        socket->abort();
        return;
    }
    QDataStream in(socket);
    in.setVersion(kStreamVersion);
    in.startTransaction();
    quint32 magic = 0;
    quint32 version = 0;
    QStringList files;
    in >> magic >> version;
    if (in.status() == QDataStream::Ok && (magic != kMagic || version != kVersion)) {
        in.abortTransaction();
        socket->abort();
        return;
    }
    in >> files;
    if (!in.commitTransaction()) {
        // ReadPastEnd: the rest is still on its way.
        if (in.status() != QDataStream::ReadPastEnd)
            socket->abort();
        return;
    }
    QDataStream out(socket);
    out.setVersion(kStreamVersion);
    out << kAccepted;
    socket->flush();
    socket->disconnectFromServer();
    Q_EMIT activationRequested(files);
}

Status SingleInstance::forward(const QStringList &files, int timeoutMs)
{
    QStringList absolute;
    absolute.reserve(files.size());
    for (const QString &file : files)
        absolute.append(QFileInfo(file).absoluteFilePath());

    const QDeadlineTimer deadline(timeoutMs);
    const QString name = serverName(m_databasePath);
    QLocalSocket socket;
    // The primary may hold the lock and not listen yet: it is starting up.
    for (;;) {
        socket.connectToServer(name);
        if (socket.waitForConnected(int(qMax<qint64>(1, deadline.remainingTime()))))
            break;
        if (deadline.hasExpired())
            return Error::make(ErrorCode::Io, tr("the dashboard running on %1 (pid %2) does not answer: %3")
                                                  .arg(m_databasePath).arg(m_primaryPid).arg(socket.errorString()));
        socket.abort();
        QThread::msleep(100);
    }
    QByteArray request;
    {
        QDataStream out(&request, QIODevice::WriteOnly);
        out.setVersion(kStreamVersion);
        out << kMagic << kVersion << absolute;
    }
    socket.write(request);
    quint8 answer = 0;
    while (socket.bytesAvailable() < qint64(sizeof answer)) {
        if (deadline.hasExpired() || !socket.waitForReadyRead(int(qMax<qint64>(1, deadline.remainingTime()))))
            return Error::make(ErrorCode::Io, tr("the dashboard running on %1 (pid %2) did not take the files: %3")
                                                  .arg(m_databasePath).arg(m_primaryPid).arg(socket.errorString()));
    }
    QDataStream in(&socket);
    in.setVersion(kStreamVersion);
    in >> answer;
    if (answer != kAccepted)
        return Error::make(ErrorCode::Io, tr("the dashboard running on %1 refused the files").arg(m_databasePath));
    return {};
}

} // namespace Orchestrator::Ui
