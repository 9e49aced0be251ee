#include "checkoutsnapshot.h"

#include <QCryptographicHash>
#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QFileInfo>

#include "git/gitrepo.h"

namespace Orchestrator {

namespace {

// The files in the .git directory that say where the checkout is and what it holds.
const QStringList &checkoutStateFiles()
{
    static const QStringList names{
        QStringLiteral("HEAD"), QStringLiteral("index"), QStringLiteral("logs/HEAD"), QStringLiteral("logs/refs/stash"),
        QStringLiteral("MERGE_HEAD"), QStringLiteral("CHERRY_PICK_HEAD"), QStringLiteral("REVERT_HEAD"),
        QStringLiteral("ORIG_HEAD"), QStringLiteral("rebase-merge"), QStringLiteral("rebase-apply"),
        QStringLiteral("index.lock"), QStringLiteral("config"),
    };
    return names;
}

Result<QByteArray> digestOf(const QString &path)
{
    const QFileInfo info(path);
    if (info.isSymLink())
        return QByteArray(QByteArray("link:") + QFile::encodeName(info.symLinkTarget()));
    if (info.isDir())
        return QByteArrayLiteral("dir");
    if (!info.exists())
        return QByteArray();
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return Error::make(ErrorCode::Io, QStringLiteral("cannot read %1: %2").arg(path, file.errorString()));
    QCryptographicHash hash(QCryptographicHash::Sha256);
    hash.addData(&file);
    return QByteArray(QByteArray(info.isExecutable() ? "exec:" : "file:") + hash.result().toHex());
}

bool isOrchestratorRef(const QString &ref)
{
    return ref.startsWith(QStringLiteral("refs/heads/") + GitRepo::branchPrefix()) || ref.startsWith(GitRepo::refPrefix());
}

} // namespace

Result<CheckoutSnapshot> CheckoutSnapshot::take(const GitRepo &repo)
{
    CheckoutSnapshot snapshot;
    const Result<QString> gitDir = repo.gitDir();
    if (!gitDir)
        return gitDir.error();
    for (const QString &name : checkoutStateFiles()) {
        const Result<QByteArray> digest = digestOf(*gitDir + QLatin1Char('/') + name);
        if (!digest)
            return digest.error();
        snapshot.gitFiles.insert(name, *digest);
    }

    const QDir top(repo.top());
    QDirIterator it(repo.top(), QDir::AllEntries | QDir::NoDotAndDotDot | QDir::Hidden | QDir::System, QDirIterator::Subdirectories);
    while (it.hasNext()) {
        const QString path = it.next();
        const QString relative = top.relativeFilePath(path);
        if (relative == QLatin1String(".git") || relative.startsWith(QLatin1String(".git/")))
            continue;
        const Result<QByteArray> digest = digestOf(path);
        if (!digest)
            return digest.error();
        snapshot.workFiles.insert(relative, *digest);
    }

    // for-each-ref only reads (loose refs and packed-refs).
    const Result<GitOutput> refs = runGit(repo.settings(), GitCall{repo.top(), {QStringLiteral("for-each-ref"),
                                                                              QStringLiteral("--format=%(objectname) %(refname)")}});
    if (!refs)
        return refs.error();
    const QList<QByteArray> lines = refs->out.split('\n');
    for (const QByteArray &line : lines) {
        const qsizetype space = line.indexOf(' ');
        if (space < 0)
            continue;
        const QString ref = QString::fromUtf8(line.mid(space + 1));
        if (!isOrchestratorRef(ref))
            snapshot.refs.insert(ref, QString::fromUtf8(line.left(space)));
    }
    return snapshot;
}

QStringList CheckoutSnapshot::differences(const CheckoutSnapshot &after) const
{
    QStringList lines;
    const auto compare = [&lines](const QString &what, const auto &before, const auto &now) {
        for (auto it = before.cbegin(); it != before.cend(); ++it) {
            if (!now.contains(it.key()))
                lines.append(QStringLiteral("%1: %2 removed").arg(what, it.key()));
            else if (now.value(it.key()) != it.value())
                lines.append(QStringLiteral("%1: %2 changed").arg(what, it.key()));
        }
        for (auto it = now.cbegin(); it != now.cend(); ++it) {
            if (!before.contains(it.key()))
                lines.append(QStringLiteral("%1: %2 added").arg(what, it.key()));
        }
    };
    compare(QStringLiteral("git directory"), gitFiles, after.gitFiles);
    compare(QStringLiteral("work tree"), workFiles, after.workFiles);
    compare(QStringLiteral("refs"), refs, after.refs);
    return lines;
}

} // namespace Orchestrator
