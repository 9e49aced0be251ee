#include "core/databasefiles.h"

#include <dirent.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <unistd.h>

#include <optional>

#include <QCoreApplication>
#include <QFile>
#include <QFileInfo>
#include <QList>
#include <QMutex>
#include <QMutexLocker>

namespace Orchestrator::DatabaseFiles {

namespace {

struct Text
{
    Q_DECLARE_TR_FUNCTIONS(Orchestrator::DatabaseFiles)
};

constexpr const char *kCompanions[] = {"-wal", "-shm", "-journal"};

struct Identity
{
    dev_t device = 0;
    ino_t inode = 0;
    bool operator==(const Identity &) const = default;
};

std::optional<Identity> identityOf(const QByteArray &path)
{
    struct stat st;
    if (::stat(path.constData(), &st) != 0)
        return std::nullopt;
    return Identity{st.st_dev, st.st_ino};
}

struct Entry
{
    QString absolute;        // as the store named it, made absolute
    QString canonical;       // symbolic links resolved, as /proc/self/fd shows it
    Identity database;
    int connections = 0;
    bool locking = true;     // false: opened immutable (read-only medium), no locks
    bool reopenPending = false;
};

QMutex &registryMutex()
{
    static QMutex mutex;
    return mutex;
}

QList<Entry> &registry()
{
    static QList<Entry> entries;
    return entries;
}

QString absoluteOf(const QString &path)
{
    return QFileInfo(path).absoluteFilePath();
}

Entry *find(const QString &databaseFile)
{
    const QString absolute = absoluteOf(databaseFile);
    for (Entry &entry : registry()) {
        if (entry.absolute == absolute)
            return &entry;
    }
    return nullptr;
}

// The descriptors of this process whose target is `file` (also once it was
// unlinked: "... (deleted)"), with what fstat says of each.
struct OpenFile
{
    Identity identity;
    bool unlinked = false;
};

QList<OpenFile> openDescriptorsOf(const QByteArray &file)
{
    QList<OpenFile> found;
    DIR *dir = ::opendir("/proc/self/fd");
    if (!dir)
        return found;
    const QByteArray deleted = file + " (deleted)";
    while (const dirent *entry = ::readdir(dir)) {
        if (entry->d_name[0] == '.')
            continue;
        char link[4096];
        const QByteArray linkPath = QByteArray("/proc/self/fd/") + entry->d_name;
        const ssize_t n = ::readlink(linkPath.constData(), link, sizeof link - 1);
        if (n <= 0)
            continue;
        const QByteArray target(link, n);
        if (target != file && target != deleted)
            continue;
        struct stat st;
        if (::fstat(::atoi(entry->d_name), &st) != 0)
            continue;
        found.append({Identity{st.st_dev, st.st_ino}, st.st_nlink == 0 || target == deleted});
    }
    ::closedir(dir);
    return found;
}

// Whether /proc/locks lists a POSIX lock of this process on `file`.
// Lines read "1: POSIX  ADVISORY  READ 1234 fe:00:10961252 1073741826 1073742335",
// a waiter's with "->" after the number.
std::optional<bool> holdsLock(const Identity &file)
{
    const int fd = ::open("/proc/locks", O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        return std::nullopt;
    QByteArray text;
    char buffer[16384];
    for (;;) {
        const ssize_t n = ::read(fd, buffer, sizeof buffer);
        if (n <= 0)
            break;
        text.append(buffer, n);
    }
    ::close(fd);
    const QByteArray pid = QByteArray::number(qint64(::getpid()));
    const QByteArray inode = ':' + QByteArray::number(quint64(file.inode));
    const QByteArray device = QByteArray::number(major(file.device), 16).rightJustified(2, '0') + ':'
                              + QByteArray::number(minor(file.device), 16).rightJustified(2, '0');
    for (const QByteArray &line : text.split('\n')) {
        const QList<QByteArray> fields = line.simplified().split(' ');
        int at = 1;
        if (at < fields.size() && fields.at(at) == "->")
            continue;   // waiting for a lock, not holding one
        if (fields.size() < at + 5 || fields.at(at) != "POSIX")
            continue;
        if (fields.at(at + 3) == pid && fields.at(at + 4) == device + inode)
            return true;
    }
    return false;
}

} // namespace

void connectionOpened(const QString &databaseFile, bool locking)
{
    QMutexLocker lock(&registryMutex());
    Entry *entry = find(databaseFile);
    if (entry && entry->connections > 0) {
        ++entry->connections;
        return;
    }
    if (!entry) {
        registry().append(Entry{});
        entry = &registry().last();
    }
    // The first connection (again): the files on disk are the ones it opened.
    entry->absolute = absoluteOf(databaseFile);
    entry->canonical = QFileInfo(databaseFile).canonicalFilePath();
    if (entry->canonical.isEmpty())
        entry->canonical = entry->absolute;
    entry->database = identityOf(QFile::encodeName(entry->absolute)).value_or(Identity{});
    entry->locking = locking;
    entry->connections = 1;
}

void connectionClosed(const QString &databaseFile)
{
    QMutexLocker lock(&registryMutex());
    Entry *entry = find(databaseFile);
    if (entry && entry->connections > 0)
        --entry->connections;
}

int openConnections(const QString &databaseFile)
{
    QMutexLocker lock(&registryMutex());
    const Entry *entry = find(databaseFile);
    return entry ? entry->connections : 0;
}

bool isInUse(const QString &path)
{
    const QString absolute = absoluteOf(path);
    const auto identity = identityOf(QFile::encodeName(absolute));
    QMutexLocker lock(&registryMutex());
    for (const Entry &entry : std::as_const(registry())) {
        if (entry.connections <= 0)
            continue;
        for (const QString &base : {entry.absolute, entry.canonical}) {
            if (absolute == base)
                return true;
            for (const char *suffix : kCompanions) {
                if (absolute == base + QLatin1String(suffix))
                    return true;
            }
        }
        if (!identity)
            continue;
        if (*identity == entry.database)
            return true;
        for (const char *suffix : kCompanions) {
            if (identityOf(QFile::encodeName(entry.absolute + QLatin1String(suffix))) == identity)
                return true;
        }
    }
    return false;
}

Status refuseIfInUse(const QString &path, bool forWriting)
{
    if (!isInUse(path))
        return {};
    return Error::make(ErrorCode::Io,
                       (forWriting ? Text::tr("%1: not written: it is the database this program has open (or its "
                                              "-wal, -shm or -journal file); choose another file")
                                   : Text::tr("%1: not read: it is the database this program has open (or its -wal, "
                                              "-shm or -journal file), which only SQLite may open"))
                               .arg(path));
}

Status checkIntact(const QString &databaseFile)
{
    QString canonical;
    QString absolute;
    Identity database;
    bool locking = true;
    {
        QMutexLocker lock(&registryMutex());
        const Entry *entry = find(databaseFile);
        if (!entry || entry->connections <= 0)
            return {};
        canonical = entry->canonical;
        absolute = entry->absolute;
        database = entry->database;
        locking = entry->locking;
    }
    const QByteArray file = QFile::encodeName(canonical);
    const auto onDisk = identityOf(file);
    const QList<OpenFile> open = openDescriptorsOf(file);
    for (const OpenFile &descriptor : open) {
        if (descriptor.unlinked || !onDisk || *onDisk != descriptor.identity)
            return Error::make(ErrorCode::Database,
                               Text::tr("%1: the database file was deleted or replaced by another program while it was "
                                        "open here")
                                   .arg(absolute));
    }
    const QByteArray wal = file + "-wal";
    const auto walOnDisk = identityOf(wal);
    for (const OpenFile &descriptor : openDescriptorsOf(wal)) {
        if (descriptor.unlinked || !walOnDisk || *walOnDisk != descriptor.identity)
            return Error::make(ErrorCode::Database,
                               Text::tr("%1-wal: the database's write-ahead log was deleted or replaced by another "
                                        "program while it was open here; what was written since then is not in the "
                                        "database")
                                   .arg(absolute));
    }
    // SQLite holds a shared lock on the database for as long as a WAL-mode
    // connection is open; without it the next process to close thinks it is
    // the last one. Only looked for while SQLite has the file open.
    if (locking && !open.isEmpty() && holdsLock(database) == false)
        return Error::make(ErrorCode::Database,
                           Text::tr("%1: this process lost its lock on the database (a descriptor of the file was "
                                    "closed outside SQLite)")
                               .arg(absolute));
    return {};
}

bool requestReopen(const QString &databaseFile)
{
    QMutexLocker lock(&registryMutex());
    Entry *entry = find(databaseFile);
    if (!entry || entry->reopenPending || entry->connections <= 0)
        return false;
    entry->reopenPending = true;
    return true;
}

bool reopenPending(const QString &databaseFile)
{
    QMutexLocker lock(&registryMutex());
    const Entry *entry = find(databaseFile);
    return entry && entry->reopenPending;
}

bool clearReopenWhenClosed(const QString &databaseFile)
{
    QMutexLocker lock(&registryMutex());
    Entry *entry = find(databaseFile);
    if (!entry || !entry->reopenPending)
        return true;
    if (entry->connections > 0)
        return false;
    // The files on disk may be new ones: the next connection records them.
    entry->reopenPending = false;
    return true;
}

std::optional<QString> ReopenCheck::due(const QString &databaseFile, bool requested)
{
    if (requested)
        return QString();
    const qint64 now = m_clock.elapsed();
    if (m_last >= 0 && now - m_last < kIntervalMs)
        return std::nullopt;
    m_last = now;
    const Status intact = checkIntact(databaseFile);
    if (intact)
        return std::nullopt;
    // One line for the whole process: the other connections follow the
    // request without saying more.
    return requestReopen(databaseFile) ? intact.error().message : QString();
}

} // namespace Orchestrator::DatabaseFiles
